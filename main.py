"""procure: no sub-command starts the GUI; a sub-command runs the command line."""

from __future__ import annotations

import argparse
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="procure", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--debug", action="store_true")
    known, rest = parser.parse_known_args(args)
    if rest:
        from procure.cli import main as cli_main

        return cli_main(args)
    logging.basicConfig(level=logging.DEBUG if known.debug else logging.WARNING)
    from ui.app import run

    return run(known.db)


if __name__ == "__main__":
    raise SystemExit(main())

"""procure: no sub-command starts the GUI; a sub-command runs the command line."""

from __future__ import annotations

import argparse
import multiprocessing
import sys

# How long --smoke waits for the store to open (a first start migrates, seeds and evaluates).
SMOKE_TIMEOUT_MS = 120_000


def main(argv: list[str] | None = None) -> int:
    # The window reads vendor files in a child process (procure/importing/isolated.py); in
    # the desktop bundle that child starts as this program, and must not open a window.
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="procure", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    known, rest = parser.parse_known_args(args)
    if rest:
        from procure.cli import main as cli_main

        return cli_main(args)
    import logging

    logging.basicConfig(level=logging.DEBUG if known.debug else logging.WARNING)
    if known.smoke:
        return smoke(known.db)
    from ui.app import run

    return run(known.db)


def smoke(db: str | None) -> int:
    """Start the window, wait until the catalogue is shown and the store is open, then quit.

    Proves that an installed copy (wheel or desktop bundle) starts: Qt's plugins load, the
    store is created, migrated and seeded from the package data, rows are painted, and a
    bundled vendor file is read in a child process as the import wizard reads it.
    Prints one line; exit 0 when the catalogue has rows and the file was read, 1 otherwise."""
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QMessageBox

    from ui.app import create_application, show_main_window

    app = create_application()
    window = show_main_window(db)
    seen: set[str] = set()
    outcome: list[str] = []

    def reached(step: str) -> None:
        seen.add(step)
        if seen == {"rows shown", "store open"}:
            from procure.services.imports import read_sample_in_child

            rows = window.catalogue.proxy.rowCount()
            read = read_sample_in_child()
            outcome.append(
                f"main window shown with {rows} offers; {window.store_label.text()}; "
                f"{read} offers read from a sample file in a child process"
            )
            app.exit(0 if rows and read else 1)

    def failed(message: str) -> None:
        outcome.append(message)
        app.exit(1)

    def watch_for_messages() -> None:
        """A message box during start-up is a failure: report its text and close it."""
        box = app.activeModalWidget()
        if isinstance(box, QMessageBox):
            failed(" ".join(filter(None, (box.text(), box.informativeText()))))
            box.done(0)

    window.loaded.connect(lambda: reached("rows shown"))
    window.store_opened.connect(lambda: reached("store open"))
    QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: failed(f"not ready after {SMOKE_TIMEOUT_MS} ms"))
    watcher = QTimer(window)
    watcher.timeout.connect(watch_for_messages)
    watcher.start(100)
    status = app.exec()
    QThreadPool.globalInstance().waitForDone()
    print(f"smoke {'ok' if status == 0 else 'FAILED'}: {outcome[0] if outcome else '?'}")
    window.close()
    return status


if __name__ == "__main__":
    raise SystemExit(main())

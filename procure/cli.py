"""The `procure` command line (README.md, 'Command line'): the stable interface for scripts.

Exit codes: 0 success; 2 invalid input (one problem per line on stderr, nothing written);
1 any other failure (one line, no traceback unless --debug).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from procure.errors import InvalidInput, ProcureError
from procure.evaluation.methods import method_keys
from procure.fields import CATEGORY_LABELS

if TYPE_CHECKING:
    from procure.services.offer_files import ChildReader, ImportOptions
    from procure.services.store import Store

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2
MAX_FINDINGS_SHOWN = 50


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors follow our exit-code contract (2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"procure: {message}\n")


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _open(args: argparse.Namespace) -> Store:
    from procure.services.store import open_store

    return open_store(args.db)


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def cmd_offers(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.offers import list_offers
    from procure.text import format_money

    store = _open(args)
    offers = list_offers(store, args.category)
    if args.json:
        _print_json([o.to_json() for o in offers], out)
        return EXIT_OK
    rows = [("ID", "CATEGORY", "VENDOR", "MODEL", "PRICE")]
    rows += [
        (
            str(o.id),
            CATEGORY_LABELS.get(o.category, o.category),
            o.vendor,
            o.model,
            format_money(o.value("unit_price"), o.value("currency")),
        )
        for o in offers
    ]
    _table(rows, out)
    if any(o.is_sample for o in offers):
        from procure.sample_data import SAMPLE_LABEL

        out.write(f"\n{SAMPLE_LABEL}.\n")
    return EXIT_OK


def cmd_needs(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.needs import list_needs

    store = _open(args)
    needs = list_needs(store)
    if args.json:
        _print_json([n.document.to_json() for n in needs], out)
        return EXIT_OK
    rows = [("NAME", "SECTOR", "CATEGORY", "METHOD", "GATES", "CRITERIA")]
    rows += [
        (
            n.name,
            n.document.sector,
            n.document.category,
            n.document.method,
            str(len(n.document.requirements)),
            str(len(n.document.criteria)),
        )
        for n in needs
    ]
    _table(rows, out)
    return EXIT_OK


def cmd_needs_import(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.needs import import_need

    store = _open(args)
    saved = import_need(store, args.file)
    verb = "Added" if saved.created else "Replaced"
    out.write(f"{verb} need '{saved.name}'.\n")
    return EXIT_OK


def cmd_needs_export(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.needs import export_need

    store = _open(args)
    doc = export_need(store, args.name)
    if args.output is None:
        _print_json(doc, out)
        return EXIT_OK
    target = Path(args.output)
    try:
        with target.open("x", encoding="utf-8") as handle:
            _print_json(doc, handle)
    except FileExistsError:
        raise InvalidInput(f"{target}: already exists; choose another file name") from None
    except OSError as exc:
        raise ProcureError(f"Cannot write {target}: {exc.strerror}") from None
    out.write(f"Wrote need '{args.name}' to {target}.\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.offer_files import ChildReader, ImportOptions, mapping_choices

    options = ImportOptions(
        vendor=args.vendor,
        category=args.category,
        currency=args.currency.upper() if args.currency else None,
        sheet=args.sheet,
        chosen=mapping_choices(args.map or [], args.mapping),
        new_vendor=args.new_vendor,
    )
    # A child process reads and parses the file, on the other processor, while SQLAlchemy
    # loads and the store opens here, and hands the offers on a run at a time: they are
    # written while it reads on. It parses again only if the store holds a mapping remembered
    # for the vendor. As in the window, a file that would crash the reader cannot crash this.
    child = ChildReader(args.file, guess=options, fork=True, stream=not args.dry_run)
    try:
        return _import(args, out, options, child)
    finally:
        child.close()


def _import(
    args: argparse.Namespace, out: TextIO, options: ImportOptions, child: ChildReader
) -> int:
    from procure.perf import paused_gc
    from procure.services.imports import import_offers

    with paused_gc():
        store = _open(args)
    result = import_offers(store, args.file, options, dry_run=args.dry_run, child=child)
    for warning in result.parsed.warnings:
        sys.stderr.write(f"procure: warning: {warning}\n")
    if args.json:
        _print_json(result.to_json(), out)
        return EXIT_OK
    out.write(result.summary() + "\n")
    if args.dry_run:
        rows = [("STATUS", "VENDOR", "MODEL", "CATEGORY", "CHANGES")]
        rows += [
            (
                c.status,
                c.offer.vendor,
                c.offer.model,
                CATEGORY_LABELS.get(c.offer.category, c.offer.category),
                ", ".join(c.changes),
            )
            for c in result.changes
        ]
        _table(rows, out)
    return EXIT_OK


def _offer_ids(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise InvalidInput(f"--offers: expected ids separated by commas, got {text!r}") from None


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.evaluations import run_evaluation

    store = _open(args)
    result = run_evaluation(store, args.need, method=args.method, offer_ids=_offer_ids(args.offers))
    data = result.to_json()
    if args.json:
        _print_json(data, out)
        return EXIT_OK
    from procure.report_text import evaluation_text

    out.write(evaluation_text(data))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.evaluations import load_result

    if not args.pdf and not args.xlsx:
        raise InvalidInput("give --pdf FILE, --xlsx FILE or both")
    for option, target in (("--pdf", args.pdf), ("--xlsx", args.xlsx)):
        if target and Path(target).exists():
            raise InvalidInput(f"{option}: {target} already exists; choose another file name")
    store = _open(args)
    result = load_result(store, args.evaluation_id)
    from procure.procedure import prices_sealed

    sealed = prices_sealed(result)
    if sealed and args.xlsx:
        raise InvalidInput(
            "--xlsx: the financial envelopes of this two-envelope evaluation "
            "are still sealed; the comparative statement shows prices and can "
            "be exported after the financial opening (the PDF is the "
            "technical report)"
        )
    if args.pdf:
        from procure.services.reports import write_report

        path = write_report(result, args.pdf, technical=sealed)
        kind = "technical evaluation report" if sealed else "evaluation report"
        out.write(f"Wrote the {kind} to {path}.\n")
    if args.xlsx:
        from procure.services.reports import write_statement

        out.write(f"Wrote the comparative statement to {write_statement(result, args.xlsx)}.\n")
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.audit import verify

    store = _open(args)
    report = verify(store, args.report)
    shown = report.findings[:MAX_FINDINGS_SHOWN]
    for finding in shown:
        out.write(f"- {finding}\n")
    if len(report.findings) > len(shown):
        out.write(f"- … and {len(report.findings) - len(shown)} more\n")
    if report.findings:
        raise ProcureError(
            f"the store does not match its audit trail: {len(report.findings)} "
            f"finding{'s' if len(report.findings) != 1 else ''} (listed above), first: "
            f"{report.findings[0]}"
        )
    checked_report = f"; the report {args.report} matches the store" if args.report else ""
    out.write(
        f"Audit trail intact: {report.events} events, chain head {report.head[:16]}…, each "
        f"sealed and following the one before; {report.rows} rows match their last event; "
        f"{report.approved} approved evaluations still as they were approved{checked_report}.\n"
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.backup import backup

    store = _open(args)
    path = backup(store, args.file)
    out.write(f"Backed up {store.label} to {path}.\n")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.backup import restore

    store = _open(args)
    restored = restore(store, args.file, allow_empty=args.allow_empty)
    if restored.safety_copy is not None:
        out.write(f"Kept the store as it was in {restored.safety_copy}.\n")
    out.write(
        f"Restored {store.label} from {args.file}: "
        + ", ".join(f"{n} {table}" for table, n in restored.counts.items())
        + "; the backup was checked whole and its audit trail verifies.\n"
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from procure.fields import Category

    parser = _Parser(prog="procure", description="Evaluate heavy-equipment offers.")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="store to use: a SQLite file or a SQLAlchemy URL "
        "(default: $PROCURE_DB or the user data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    offers = commands.add_parser("offers", help="list offers")
    offers.add_argument("--category", choices=[c.value for c in Category])
    offers.add_argument("--json", action="store_true", help="print the offers as JSON")
    offers.set_defaults(handler=cmd_offers)

    importer = commands.add_parser("import", help="import a vendor's offer spreadsheet")
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("--vendor", metavar="NAME", help="the vendor (bidder) of the offers")
    importer.add_argument(
        "--new-vendor",
        action="store_true",
        help="create the vendor even though a stored one has a name written almost the same",
    )
    importer.add_argument("--category", choices=[c.value for c in Category])
    importer.add_argument(
        "--currency", metavar="CODE", help="currency of prices that do not state one"
    )
    importer.add_argument(
        "--sheet", metavar="NAME", help="sheet to read (default: the first with an offer table)"
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="show what would be written, write nothing"
    )
    importer.add_argument(
        "--map",
        action="append",
        metavar="HEADER=FIELD[:UNIT]",
        help="settle a column by hand: its header, the field it gives (or 'none' to keep it "
        "as an extra attribute) and, optionally, its unit; repeatable",
    )
    importer.add_argument(
        "--mapping",
        metavar="FILE.json",
        help="settle columns from a JSON file: {HEADER: FIELD or {field, unit}} or the "
        "mapping printed by --json",
    )
    importer.add_argument("--json", action="store_true", help="print the parsed offers as JSON")
    importer.set_defaults(handler=cmd_import)

    evaluate = commands.add_parser("evaluate", help="evaluate offers against a need")
    evaluate.add_argument("need", metavar="NEED", help="the need's name (see procure needs)")
    evaluate.add_argument("--method", choices=method_keys())
    evaluate.add_argument(
        "--offers", metavar="ID,...", help="offer ids (default: all offers of the need's category)"
    )
    evaluate.add_argument("--json", action="store_true", help="print the result as JSON")
    evaluate.set_defaults(handler=cmd_evaluate)

    export = commands.add_parser(
        "export", help="write an evaluation's PDF report and/or Excel comparative statement"
    )
    export.add_argument("evaluation_id", metavar="EVALUATION_ID", type=int)
    export.add_argument("--pdf", metavar="FILE", help="the PDF evaluation report")
    export.add_argument("--xlsx", metavar="FILE", help="the Excel comparative statement")
    export.set_defaults(handler=cmd_export)

    audit = commands.add_parser("audit", help="check the audit trail")
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    verify = audit_commands.add_parser(
        "verify", help="check the audit trail's chain and every stored row against it"
    )
    verify.add_argument(
        "--report",
        metavar="FILE.pdf",
        help="also check that a printed report's trail is still the store's",
    )
    verify.set_defaults(handler=cmd_audit_verify)

    backup_parser = commands.add_parser(
        "backup", help="back the store up to a file (a SQLite copy, or FILE.json: a portable dump)"
    )
    backup_parser.add_argument("file", metavar="FILE")
    backup_parser.set_defaults(handler=cmd_backup)
    restore_parser = commands.add_parser("restore", help="replace the store's data with a backup's")
    restore_parser.add_argument("file", metavar="FILE")
    restore_parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="restore a backup that holds no vendors, offers, needs or evaluations",
    )
    restore_parser.set_defaults(handler=cmd_restore)

    needs = commands.add_parser("needs", help="list, import or export sector needs")
    needs.add_argument("--json", action="store_true")
    needs.set_defaults(handler=cmd_needs)
    needs_commands = needs.add_subparsers(
        dest="needs_command", metavar="ACTION", parser_class=_Parser
    )
    needs_import = needs_commands.add_parser("import", help="add or replace a need from JSON")
    needs_import.add_argument("file", metavar="FILE.json")
    needs_import.set_defaults(handler=cmd_needs_import)
    needs_export = needs_commands.add_parser("export", help="write a need as JSON")
    needs_export.add_argument("name", metavar="NAME")
    needs_export.add_argument("-o", "--output", metavar="FILE.json")
    needs_export.set_defaults(handler=cmd_needs_export)
    from procure.cli_evaluation import add_evaluation_commands

    add_evaluation_commands(commands)
    return parser


def run(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=err,
    )
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out)
    except InvalidInput as exc:
        for problem in exc.problems:
            err.write(f"procure: {problem}\n")
        return EXIT_INVALID
    except ProcureError as exc:
        err.write(f"procure: {exc}\n")
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error worth a message.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err.write("procure: interrupted\n")
        return EXIT_FAILURE
    except OSError as exc:
        if args.debug:
            raise
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        err.write(f"procure: {exc.strerror or exc}{where}\n")
        return EXIT_FAILURE
    except Exception as exc:
        if args.debug:
            raise
        from procure.services.store import store_error_line

        line = store_error_line(exc)  # a full disk, a constraint, a server error
        if line is not None:
            err.write(f"procure: {line}\n")
            return EXIT_FAILURE
        err.write(
            f"procure: unexpected error: {type(exc).__name__}: {exc} "
            "(run again with --debug for details)\n"
        )
        return EXIT_FAILURE


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    return run(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    raise SystemExit(main())

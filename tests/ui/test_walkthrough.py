"""A whole evaluation through the window, as a committee secretary does it: import two
vendors' files, set up the committee, score, approve, export, print to PDF."""

from pathlib import Path

from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from procure.paths import RESOURCES
from procure.services.store import open_store
from tests.ui.test_workspace_gui import date_the_rates, import_file
from ui.main_window import MainWindow

NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
MEMBERS = (
    ("Engr. A. Khan", "GM Mines", "Chairman"),
    ("Ms S. Baloch", "Manager Procurement", "Member/Secretary"),
    ("Mr R. Memon", "Chief Engineer", "Member"),
)
SECOND_VENDOR = "Sindh Haulage Machinery (Pvt) Ltd"


def second_vendor_file(path: Path) -> Path:
    """A second bidder's offer of one rigid dump truck, in its own layout."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Offer"
    sheet.append([SECOND_VENDOR])
    sheet.append(["Commercial offer: rigid dump trucks for overburden"])
    sheet.append([])
    sheet.append(
        ["Model", "Payload (t)", "Engine power (kW)", "Price", "Currency", "Delivery (weeks)"]
    )
    sheet.append(["SHM-R130", 130, 1193, "2,150,000", "USD", 30])
    book.save(path)
    return path


def click_and_reload(qtbot, space, button) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_whole_evaluation_through_the_window(
    qtbot, db_path: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getItem", lambda *args: (MEMBERS[1][0], True)
    )
    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.loaded, timeout=20_000):
        win.start_loading()
    qtbot.waitUntil(
        lambda: win.store is not None and win.needs.evaluate_button.isEnabled(), timeout=20_000
    )
    # Needs: evaluate the offers against the coal overburden need.
    win.nav.setCurrentRow(1)
    row = next(
        r for r in range(win.needs.model.rowCount()) if win.needs.model.index(r, 0).data() == NEED
    )
    win.needs.need_list.setCurrentIndex(win.needs.model.index(row, 0))
    with qtbot.waitSignal(win.evaluations.result_shown, timeout=30_000):
        qtbot.mouseClick(win.needs.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.evaluations.open_button, Qt.MouseButton.LeftButton)
    space = win.workspaces[-1]
    qtbot.addWidget(space, before_close_func=lambda w: w.dirty.clear())
    qtbot.waitUntil(lambda: space.result is not None, timeout=20_000)

    # Import two vendors' files straight into the evaluation.
    import_file(
        qtbot,
        space,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        "BelAZ-Trading Pakistan (Pvt) Ltd",
    )
    import_file(qtbot, space, second_vendor_file(tmp_path / "second.xlsx"), SECOND_VENDOR)
    models = {a["model"] for a in space.result["alternatives"]}
    assert {"БелАЗ-75581", "SHM-R130"} <= models

    # Set up the committee and the tender.
    setup = space.setup_tab
    qtbot.keyClicks(setup.tender_reference, "SECMC/T-2026/114")
    qtbot.keyClicks(setup.agency, "Sindh Engro Coal Mining Company")
    setup.bid_opening.setDate(QDate(2026, 11, 27))
    for name, designation, role in MEMBERS:
        setup.role.setCurrentText(role)
        qtbot.mouseClick(setup.add_member, Qt.MouseButton.LeftButton)
        last = setup.committee.rowCount() - 1
        setup.committee.setData(setup.committee.index(last, 0), name)
        setup.committee.setData(setup.committee.index(last, 1), designation)
    assert space.unsaved_tabs() == ["Set-up and committee"]
    click_and_reload(qtbot, space, setup.save_button)
    assert not space.dirty and len(space.result["committee"]) == 3

    # Date and source every exchange rate.
    date_the_rates(qtbot, space)

    # Each member scores every responsive offer: 8 for the first, 6 for the others.
    scores = space.scores_tab
    for name, _designation, _role in MEMBERS:
        scores.member.setCurrentText(name)
        for r in range(scores.scores.rowCount()):
            for c in range(1, scores.scores.columnCount()):
                assert scores.scores.setData(scores.scores.index(r, c), "8" if r == 0 else "6")
        click_and_reload(qtbot, space, scores.save_button)
    first = scores.scores.offers[0]["offer_id"]
    alt = next(a for a in space.result["alternatives"] if a["offer_id"] == first)
    assert alt["values"]["after_sales_support"] == 8.0  # (8 + 8 + 8) / 3

    # Approve: the review is met; the approver types their name to confirm.
    def review(parent, found, approver):  # type: ignore[no-untyped-def]
        from ui.approval_dialog import ApprovalDialog

        dialog = ApprovalDialog(found, approver, parent)
        qtbot.addWidget(dialog)
        assert found.ready, [c.reason for c in found.unmet]
        assert not dialog.confirm_button.isEnabled()
        qtbot.keyClicks(dialog.name, approver)
        assert dialog.confirm_button.isEnabled()
        return True

    monkeypatch.setattr("ui.approval_dialog.ApprovalDialog.ask", review)
    click_and_reload(qtbot, space, space.next_button)
    assert space.result["status"] == "approved" and space.next_button.text() == "Revise"
    last = space.audit.rowCount() - 1
    assert space.audit.index(last, 2).data() == (
        f"{MEMBERS[1][0]} approved the evaluation (status draft → approved)."
    )

    # Export the report and the comparative statement.
    for button, name in (
        (space.reports.pdf_button, "report.pdf"),
        (space.reports.xlsx_button, "statement.xlsx"),
    ):
        target = tmp_path / name
        monkeypatch.setattr(
            "ui.report_actions.QFileDialog.getSaveFileName", lambda *a, t=target, **k: (str(t), "")
        )
        with qtbot.waitSignal(space.reports.exported, timeout=30_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    report = " ".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "SECMC/T-2026/114" in report and "SHM-R130" in report
    assert load_workbook(tmp_path / "statement.xlsx").sheetnames

    # Print to PDF: the printed file is the report itself (text, not page images).
    printed = tmp_path / "printed.pdf"

    class PrintToFile:
        def __init__(self, printer: QPrinter, parent) -> None:  # type: ignore[no-untyped-def]
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ui.printing.QPrintDialog", PrintToFile)
    previews = []

    def preview(parent, pages, path) -> None:  # type: ignore[no-untyped-def]
        from ui.printing import PrintPreview

        dialog = PrintPreview(pages, path, parent)
        qtbot.addWidget(dialog)
        previews.append(len(pages))
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        assert dialog.done_text == f"Saved the report as {printed}."

    monkeypatch.setattr("ui.printing.preview_and_print", preview)
    with qtbot.waitSignal(space.reports.pages_ready, timeout=30_000):
        qtbot.mouseClick(space.reports.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(previews), timeout=10_000)
    text = " ".join(p.extract_text() for p in PdfReader(printed).pages)
    assert len(PdfReader(printed).pages) == previews[0] and "SHM-R130" in text
    space.close()
    win.close()

"""Export and print from the Evaluations page, as a user would."""

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from procure.services.evaluations import run_evaluation
from procure.services.store import open_store
from ui.main_window import MainWindow
from ui.printing import paint_pages, render_pages, send_pdf

NEED = "Staff transport - electric buses for a plant colony"


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    store = open_store(db_path)
    run_evaluation(store, NEED)
    store.engine.dispose()
    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.evaluations.result_shown, timeout=20_000):
        win.start_loading()
    win.nav.setCurrentRow(2)
    yield win
    win.close()


def test_buttons_explain_why_they_wait_for_a_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.evaluations_view import EvaluationsView

    view = EvaluationsView()
    qtbot.addWidget(view)
    assert not view.pdf_button.isEnabled()
    assert view.pdf_button.toolTip() == "Select an evaluation first."


def test_export_pdf_writes_the_report(
    qtbot,
    window: MainWindow,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(
        "ui.report_actions.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(target), "")
    )
    view = window.evaluations
    with qtbot.waitSignal(view.exported, timeout=20_000):
        qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert view.status_label.text() == f"Wrote {target}"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not 0600: colleagues can read it
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "E433 Vitovt II Max Electro" in text


def test_print_renders_every_page_for_the_preview(
    qtbot,
    window: MainWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    shown = []
    sent = []

    def preview(parent, pages, path) -> None:  # type: ignore[no-untyped-def]
        shown.append(pages)
        # "Print to PDF" in the print dialog: the printed file is the report's PDF itself.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "to-file.pdf"))
        sent.append(send_pdf(printer, path))
        assert (tmp_path / "to-file.pdf").read_bytes() == Path(path).read_bytes()

    monkeypatch.setattr("ui.printing.preview_and_print", preview)
    view = window.evaluations
    with qtbot.waitSignal(view.pages_ready, timeout=30_000) as blocker:
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    pages = shown[0]
    assert len(pages) == blocker.args[0] >= 5
    # Printing those pages to a PDF printer gives one printed page per report page.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    paint_pages(printer, pages[:3])
    assert len(PdfReader(printed).pages) == 3
    # The PDF printed to a file keeps its text (vector, not page images) and the user's
    # usual permissions, so colleagues on a shared folder can open it.
    to_file = tmp_path / "to-file.pdf"
    assert sent == [f"Saved the report as {to_file}."]
    text = " ".join(p.extract_text() for p in PdfReader(to_file).pages)
    assert "Ranking" in text or "ranking" in text
    mask = os.umask(0)
    os.umask(mask)
    assert to_file.stat().st_mode & 0o777 == 0o666 & ~mask


def test_render_pages_matches_the_pdf(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "two.pdf"
    canvas = Canvas(str(path), pagesize=(200, 100))
    canvas.drawString(10, 50, "one")
    canvas.showPage()
    canvas.drawString(10, 50, "two")
    canvas.save()
    pages = render_pages(path, dpi=72)
    assert [(p.width(), p.height()) for p in pages] == [(200, 100), (200, 100)]


def test_export_excel_writes_the_comparative_statement(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "statement.xlsx"
    monkeypatch.setattr(
        "ui.report_actions.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(tmp_path / "statement"), ""),
    )
    view = window.evaluations
    with qtbot.waitSignal(view.exported, timeout=20_000):
        qtbot.mouseClick(view.xlsx_button, Qt.MouseButton.LeftButton)
    book = load_workbook(target)  # the suffix was added to the name typed
    assert book.sheetnames == [
        "Summary",
        "Responsiveness",
        "Scoring",
        "Life-cycle cost",
        "Specifications",
        "Assumptions",
    ]

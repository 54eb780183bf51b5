"""Export PDF…, Export Excel… and Print… for one evaluation result: a reusable bar."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.messages import show_error
from ui.tasks import run_in_background

SEALED = (
    "The financial envelopes are sealed: the comparative statement shows prices and "
    "can be exported after the financial opening."
)


class ReportActions(QWidget):
    """The report buttons with a line saying what they are doing; disabled, with the reason,
    while there is no result or a job runs."""

    exported = Signal(str)
    pages_ready = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: dict[str, Any] | None = None
        self.technical = False  # two-envelope technical stage: the report shows no price
        self.pdf_button = QPushButton("Export PDF…", self)
        self.xlsx_button = QPushButton("Export Excel…", self)
        self.print_button = QPushButton("Print…", self)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.print_button.clicked.connect(self.print_report)
        self.status = QLabel(self)
        self.status.setObjectName("export_status")
        layout = self.bar = QHBoxLayout(self)  # a view may add its own buttons to the bar
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            layout.addWidget(button)
        self._why = "Select an evaluation first."
        self._set_actions_enabled(False, self._why)

    def set_result(self, result: dict[str, Any] | None, why: str = "") -> None:
        self.result = result
        self._set_actions_enabled(result is not None, why or self._why)

    def _set_actions_enabled(self, enabled: bool, why: str) -> None:
        tips = {
            self.pdf_button: "Write the evaluation report as a PDF file.",
            self.xlsx_button: "Write the comparative statement as an Excel workbook with "
            "live formulas.",
            self.print_button: "Preview and print the evaluation report.",
        }
        for button, tip in tips.items():
            button.setEnabled(enabled)
            button.setToolTip(tip if enabled else why)
        if enabled and self.technical:
            self.xlsx_button.setEnabled(False)
            self.xlsx_button.setToolTip(SEALED)

    def _ask_path(self, title: str, suffix: str, pattern: str) -> Path | None:
        assert self.result is not None
        settings = QSettings()
        folder = str(settings.value("export/folder", str(Path.home())))
        name = f"evaluation-{self.result['evaluation_id']}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), pattern)
        if not path:
            return None
        chosen = Path(path)
        if chosen.suffix.lower() != suffix:
            chosen = chosen.with_suffix(suffix)
        settings.setValue("export/folder", str(chosen.parent))
        return chosen

    def _export(self, title: str, suffix: str, pattern: str, writer: str) -> None:
        if self.result is None:
            return
        path = self._ask_path(title, suffix, pattern)
        if path is None:
            return
        result, technical = self.result, self.technical
        self._set_actions_enabled(False, "An export is running.")
        self.status.setText(f"Writing {path.name}…")

        def work() -> Path:
            if writer == "pdf":
                from procure.services.reports import write_report

                # The save dialog has already asked before replacing a file.
                return write_report(result, path, overwrite=True, technical=technical)
            from procure.services.reports import write_statement

            return write_statement(result, path, overwrite=True)

        def done(written: Path) -> None:
            self._set_actions_enabled(True, "")
            self.status.setText(f"Wrote {written}")
            self.exported.emit(str(written))

        def failed(exc: Exception) -> None:
            self._set_actions_enabled(True, "")
            self.status.setText("")
            show_error(self, exc)

        run_in_background(self, work, done, failed)

    def export_pdf(self) -> None:
        self._export("Export the evaluation report", ".pdf", "PDF documents (*.pdf)", "pdf")

    def export_xlsx(self) -> None:
        self._export(
            "Export the comparative statement", ".xlsx", "Excel workbooks (*.xlsx)", "xlsx"
        )

    def print_report(self) -> None:
        """Render the report off the GUI thread, then preview it for printing."""
        if self.result is None:
            return
        result, technical = self.result, self.technical
        self._set_actions_enabled(False, "Preparing the report for printing.")
        self.status.setText("Preparing the report for printing…")

        folder = Path(tempfile.mkdtemp(prefix="procure-print-"))

        def work() -> tuple[Path, list[Any]]:
            from procure.services.reports import write_report
            from ui.printing import render_pages

            path = write_report(result, folder / "report.pdf", technical=technical)
            return path, render_pages(path)

        def done(rendered: tuple[Path, list[Any]]) -> None:
            path, pages = rendered
            self._set_actions_enabled(True, "")
            self.status.setText("")
            self.pages_ready.emit(len(pages))
            from ui.printing import preview_and_print

            try:
                preview_and_print(self, pages, path)  # the PDF itself is what is printed
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        def failed(exc: Exception) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self._set_actions_enabled(True, "")
            show_error(self, exc)

        run_in_background(self, work, done, failed)

"""Evaluations: the stored evaluations and the selected one's result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.evaluation_html import evaluation_html
from ui.messages import show_error
from ui.models.evaluation_table_model import EvaluationTableModel, RowRole
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from procure.services.evaluations import EvaluationSummary


class EvaluationsView(QWidget):
    """A table of evaluations over the result of the one selected."""

    result_shown = Signal(int)
    exported = Signal(str)
    pages_ready = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.load_result: Callable[[int], dict[str, Any]] | None = None
        self.model = EvaluationTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("evaluation_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("evaluation_detail")
        self.detail.setPlaceholderText(
            "No evaluation yet: open Needs, choose a need and press Evaluate."
        )
        self.pdf_button = QPushButton("Export PDF…", self)
        self.xlsx_button = QPushButton("Export Excel…", self)
        self.print_button = QPushButton("Print…", self)
        for button, slot in (
            (self.pdf_button, self.export_pdf),
            (self.xlsx_button, self.export_xlsx),
            (self.print_button, self.print_report),
        ):
            button.clicked.connect(slot)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("export_status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            buttons.addWidget(button)
        self._set_actions_enabled(False, "Select an evaluation first.")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(splitter)

    def set_evaluations(self, rows: Sequence[EvaluationSummary], select: int | None = None) -> None:
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        for column, width in enumerate((50, 420, 90, 130, 80)):
            header.resizeSection(column, width)
        row = self.model.row_of(select) if select is not None else (0 if rows else None)
        if row is not None:
            self.table.selectRow(row)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole).id if rows else None

    def _selection_changed(self, selected: QItemSelection, _deselected: Any) -> None:
        indexes = selected.indexes()
        if not indexes or self.load_result is None:
            return
        evaluation_id = indexes[0].data(RowRole).id
        load = self.load_result
        run_in_background(self, lambda: load(evaluation_id), self._show)

    def _show(self, result: dict[str, Any]) -> None:
        self.result = result
        self.detail.setHtml(evaluation_html(result))
        self._set_actions_enabled(True, "")
        self.result_shown.emit(result["evaluation_id"])

    # -- export and print ------------------------------------------------------------------

    result: dict[str, Any] | None = None

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
        result = self.result
        self._set_actions_enabled(False, "An export is running.")
        self.status_label.setText(f"Writing {path.name}…")

        def work() -> Path:
            if writer == "pdf":
                from procure.exports.pdf import write_pdf

                # The save dialog has already asked before replacing a file.
                return write_pdf(result, path, overwrite=True)
            from procure.exports.xlsx import write_xlsx

            return write_xlsx(result, path, overwrite=True)

        def done(written: Path) -> None:
            self._set_actions_enabled(True, "")
            self.status_label.setText(f"Wrote {written}")
            self.exported.emit(str(written))

        def failed(exc: Exception) -> None:
            self._set_actions_enabled(True, "")
            self.status_label.setText("")
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
        result = self.result
        self._set_actions_enabled(False, "Preparing the report for printing.")
        self.status_label.setText("Preparing the report for printing…")

        def work() -> list[Any]:
            import tempfile

            from procure.exports.pdf import write_pdf
            from ui.printing import render_pages

            with tempfile.TemporaryDirectory() as folder:
                path = write_pdf(result, Path(folder) / "report.pdf")
                return render_pages(path)

        def done(pages: list[Any]) -> None:
            self._set_actions_enabled(True, "")
            self.status_label.setText("")
            self.pages_ready.emit(len(pages))
            from ui.printing import preview_and_print

            preview_and_print(self, pages)

        def failed(exc: Exception) -> None:
            self._set_actions_enabled(True, "")
            show_error(self, exc)

        run_in_background(self, work, done, failed)

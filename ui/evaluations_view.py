"""Evaluations: the stored evaluations and the selected one's result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.models.evaluation_table_model import EvaluationTableModel, RowRole
from ui.report_actions import ReportActions
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from procure.services.evaluations import EvaluationSummary


class EvaluationsView(QWidget):
    """A table of evaluations over the result of the one selected."""

    result_shown = Signal(int)
    open_requested = Signal(int)  # the user wants the workspace of this evaluation

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
        self.open_button = QPushButton("Open workspace…", self)
        self.open_button.setObjectName("open_workspace")
        self.open_button.setEnabled(False)
        self.open_button.setToolTip("Select an evaluation first.")
        self.open_button.clicked.connect(self._open)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.report_actions = ReportActions(self)
        self.report_actions.bar.insertWidget(1, self.open_button)
        self.report_actions.set_result(None, "Select an evaluation first.")
        # The bar's parts, as tests and callers know them.
        bar = self.report_actions
        self.pdf_button, self.xlsx_button = bar.pdf_button, bar.xlsx_button
        self.print_button, self.status_label = bar.print_button, bar.status
        self.exported, self.pages_ready = bar.exported, bar.pages_ready
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.report_actions)
        layout.addWidget(splitter)

    def set_evaluations(self, rows: Sequence[EvaluationSummary], select: int | None = None) -> None:
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        for column, width in enumerate((44, 380, 150, 130, 110)):
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

    result: dict[str, Any] | None = None

    def _show(self, result: dict[str, Any]) -> None:
        self.result = result
        from procure.procedure import prices_sealed

        sealed = prices_sealed(result)
        from ui.evaluation_html import evaluation_html  # the report model: not before paint

        self.detail.setHtml(evaluation_html(result, technical=sealed))
        self.report_actions.technical = sealed
        self.report_actions.set_result(result)
        self.open_button.setEnabled(True)
        self.open_button.setToolTip(
            "Set up, score as a committee, approve: the evaluation workspace."
        )
        self.result_shown.emit(result["evaluation_id"])

    def _open(self) -> None:
        evaluation_id = self.selected_id()
        if evaluation_id is not None:
            self.open_requested.emit(evaluation_id)

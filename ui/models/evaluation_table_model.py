"""Table model of stored evaluations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from procure.wording import method_name

if TYPE_CHECKING:
    from procure.services.evaluations import EvaluationSummary

Index = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole + 2
COL_ID, COL_NEED, COL_METHOD, COL_DATE, COL_STATUS, COL_WINNER = range(6)
_HEADERS = ("No.", "Need", "Method", "Date", "Status", "First ranked")


class EvaluationTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EvaluationSummary] = []

    def set_rows(self, rows: Sequence[EvaluationSummary]) -> None:
        """Replace the rows and notify attached views."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, evaluation_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == evaluation_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row.id),
                row.need,
                method_name(row.method),
                row.created_at.strftime("%Y-%m-%d %H:%M"),
                row.status,
                row.winner or "—",
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

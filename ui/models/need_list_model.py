"""List model of sector need templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from procure.fields import CATEGORY_LABELS

if TYPE_CHECKING:
    from procure.rows import NeedRow

Index = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole + 2


class NeedListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[NeedRow] = []

    def set_rows(self, rows: Sequence[NeedRow]) -> None:
        """Replace the rows and notify attached views."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        need = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return need.name
        if role == Qt.ItemDataRole.ToolTipRole:
            category = CATEGORY_LABELS.get(need.document.category, need.document.category)
            return f"{need.document.sector.title()} · {category} · {need.document.method}"
        if role == RowRole:
            return need
        return None

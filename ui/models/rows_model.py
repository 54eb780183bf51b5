"""A table model over a list of rows with fixed headers: the part every such model shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows in `self.rows`, columns named by `HEADERS`; subclasses give data()."""

    HEADERS: tuple[str, ...] = ()
    refused = Signal(str)  # an edit refused, and why (shown at the cell)

    def refuse(self, why: str) -> bool:
        """Refuse an edit: say why (the view shows it at the cell); return False."""
        self.refused.emit(why)
        return False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows and notify attached views."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self.rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def insert_row(self, row: Any) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def remove_row(self, position: int) -> bool:
        if not 0 <= position < len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), position, position)
        del self.rows[position]
        self.endRemoveRows()
        return True

"""Table model of offers; columns follow the chosen category (README.md, 'Screens')."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from procure.fields import CATEGORY_LABELS, Field, fields_for
from procure.text import MISSING, format_value

if TYPE_CHECKING:
    from procure.rows import OfferRow

Index = QModelIndex | QPersistentModelIndex

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

COL_VENDOR, COL_MODEL, COL_CATEGORY = 0, 1, 2
_FIXED_HEADERS = ("Vendor", "Model", "Category")
# The terms of the offer rather than the machine: shown after its specifications.
COMMERCIAL = frozenset(
    {
        "unit_price",
        "currency",
        "incoterm",
        "delivery_weeks",
        "warranty_months",
        "warranty_hours",
        "service_points_pk",
        "spare_parts_lead_days",
        "local_content_pct",
    }
)
_MISSING_COLOUR = QColor("#8a8a8a")
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class OfferTableModel(QAbstractTableModel):
    """Offers as rows; the vendor, model and category, then the category's fields."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OfferRow] = []
        self._fields: tuple[Field, ...] = fields_for(None)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[OfferRow]) -> None:
        """Replace the rows (kept in the current sort order) and notify attached views."""
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def set_category(self, category: str | None) -> None:
        """Show the columns of one category (all fields when None); rows keep their order."""
        self.beginResetModel()
        fields = fields_for(category)
        if category is not None:
            # The category's own specifications first, the commercial terms every offer
            # has (price, delivery, warranty) after them.
            fields = tuple(sorted(fields, key=lambda f: f.key in COMMERCIAL))
        self._fields = fields
        self._sort_column = -1

        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's raw value in Python (one key per row, not a Python
        call per comparison as a proxy's sort would make: smooth at 20,000 rows)."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in before]
        self._apply_sort()
        position = {id(offer): row for row, offer in enumerate(self._rows)}
        after = [
            self.index(position[id(o)], i.column()) for o, i in zip(old_rows, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column = self._sort_column
        if not 0 <= column < self.columnCount():
            return
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        field = self.field_at(column)
        if field is not None and field.is_numeric:
            present = [o for o in self._rows if o.value(field.key) is not None]
            missing = [o for o in self._rows if o.value(field.key) is None]
            present.sort(key=lambda o: float(o.value(field.key)), reverse=reverse)  # type: ignore[arg-type]
            self._rows = present + missing  # not stated: always last
            return
        self._rows.sort(key=lambda o: self._sort_text(o, column), reverse=reverse)

    def _sort_text(self, offer: OfferRow, column: int) -> str:
        value = self._raw(offer, column)
        return "" if value is None else str(value).casefold()

    def field_at(self, column: int) -> Field | None:
        offset = column - len(_FIXED_HEADERS)
        return self._fields[offset] if 0 <= offset < len(self._fields) else None

    def column_of(self, key: str) -> int:
        keys = [f.key for f in self._fields]
        return len(_FIXED_HEADERS) + keys.index(key)

    def row_at(self, row: int) -> OfferRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_FIXED_HEADERS) + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(_FIXED_HEADERS):
            return _FIXED_HEADERS[section]
        field = self.field_at(section)
        return field.heading() if field else None

    def _raw(self, offer: OfferRow, column: int) -> Any:
        if column == COL_VENDOR:
            return offer.vendor
        if column == COL_MODEL:
            return offer.model
        if column == COL_CATEGORY:
            return CATEGORY_LABELS.get(offer.category, offer.category)
        field = self.field_at(column)
        return offer.value(field.key) if field else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        offer = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return offer
        field = self.field_at(column)
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._raw(offer, column)
            return format_value(field.key, value) if field else value
        if role == SortRole:
            value = self._raw(offer, column)
            if field is not None and field.is_numeric:
                # float() avoids Qt's 32-bit int truncation; missing values sort last.
                return float("inf") if value is None else float(value)
            return self._sort_text(offer, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and field is not None and field.is_numeric:
            return _ALIGN_RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and field is not None:
            value = self._raw(offer, column)
            return f"{field.label}: not stated in offer" if value is None else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and field is not None
            and self._raw(offer, column) is None
        ):
            return _MISSING_COLOUR
        return None


class OfferFilterProxy(QSortFilterProxyModel):
    """Filter offers by category and by free text over vendor, model and manufacturer."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._category: str | None = None
        self._words: list[str] = []

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort; the proxy only filters and keeps the source order."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_category(self, category: str | None) -> None:
        self.beginFilterChange()
        self._category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, OfferTableModel)
        offer = model.row_at(source_row)
        if self._category is not None and offer.category != self._category:
            return False
        if not self._words:
            return True
        haystack = f"{offer.vendor} {offer.model} {offer.manufacturer or ''}".casefold()
        return all(word in haystack for word in self._words)


__all__ = ["MISSING", "OfferFilterProxy", "OfferTableModel", "RowRole", "SortRole"]

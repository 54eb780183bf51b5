"""Table models of the import wizard: the column mapping (editable) and the preview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from procure.fields import CATEGORY_LABELS, FIELD_BY_KEY, FIELDS
from procure.services.offer_files import IDENTITY
from procure.text import format_value

if TYPE_CHECKING:
    from procure.importing.reader import ColumnMapping, ParsedFile, Problem
    from procure.services.imports import OfferChange

Index = QModelIndex | QPersistentModelIndex
PROBLEM_COLOUR = QColor("#f8d7da")
LOW_CONFIDENCE_COLOUR = QColor("#fff3cd")

# What a column can be mapped to: an identity column, a field, or nothing (kept as extra).
TARGETS: list[tuple[str | None, str]] = [
    (None, "— keep as extra attribute —"),
    *[(key, key.capitalize()) for key in IDENTITY],
    *[(f.key, f.heading()) for f in FIELDS],
]
TARGET_LABELS = dict(TARGETS)

COL_WHERE, COL_HEADER, COL_FIELD, COL_UNIT, COL_CONFIDENCE, COL_NOTE = range(6)
_MAPPING_HEADERS = ("Column", "Header in file", "Field", "Unit in file", "Confidence", "Note")


class MappingTableModel(QAbstractTableModel):
    """The detected mapping of each header; Field and Unit can be changed by the user."""

    mapping_edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ColumnMapping] = []
        self.chosen: dict[str, tuple[str | None, str | None]] = {}

    def set_rows(self, rows: Sequence[ColumnMapping]) -> None:
        """Replace the rows and notify attached views."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ColumnMapping:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_MAPPING_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _MAPPING_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in (COL_FIELD, COL_UNIT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == COL_FIELD and role == Qt.ItemDataRole.EditRole:
                return column.key
            return (
                column.where,
                column.header,
                TARGET_LABELS.get(column.key, column.key),
                column.unit or "",
                f"{column.confidence:.0%}" if column.key else "",
                column.note or column.source,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(_MAPPING_HEADERS) - 1:
            return column.note or column.source  # the whole reason, however narrow the column
        if role == Qt.ItemDataRole.BackgroundRole:
            if column.note.startswith(("ambiguous", "unit", "unknown")):
                return PROBLEM_COLOUR
            if column.key and column.confidence < 0.75 and column.source == "detected":
                return LOW_CONFIDENCE_COLOUR
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in (COL_FIELD, COL_UNIT):
            return False
        column = self._rows[index.row()]
        key, unit = column.key, column.unit
        if index.column() == COL_FIELD:
            if value is not None and value not in TARGET_LABELS:
                return False
            key = value
        else:
            unit = str(value).strip() or None
        self.chosen[column.header] = (key, unit)
        self.dataChanged.emit(index, index)
        self.mapping_edited.emit()
        return True


class PreviewTableModel(QAbstractTableModel):
    """The offers an import would write, with converted values and problems at their cells."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._changes: list[OfferChange] = []
        self._keys: list[str] = []
        self._problems: dict[tuple[str, str], str] = {}

    def set_result(self, parsed: ParsedFile, changes: Sequence[OfferChange]) -> None:
        """Show a parse (and, when it had no problems, the planned changes)."""
        self.beginResetModel()
        self._changes = list(changes)
        mapped = [m.key for m in parsed.mapping if m.key in FIELD_BY_KEY]
        self._keys = [f.key for f in FIELDS if f.key in mapped or f.key == "currency"]
        self._problems = _problems_by_cell(parsed)
        self.endResetModel()

    def headers(self) -> list[str]:
        return ["Status", "Model", "Category", *[FIELD_BY_KEY[k].heading() for k in self._keys]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(self._keys)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        change = self._changes[section]
        return change.offer.column or str(change.offer.row)

    def problem_at(self, row: int, column: int) -> str | None:
        if column < 3:
            return None
        offer = self._changes[row].offer
        place = offer.column or str(offer.row)
        return self._problems.get((place, self._keys[column - 3]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return change.status
            if column == 1:
                return change.offer.model
            if column == 2:
                category = change.offer.category
                return CATEGORY_LABELS.get(category, category)
            key = self._keys[column - 3]
            return format_value(key, change.offer.values.get(key))
        problem = self.problem_at(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return PROBLEM_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem:
                return problem
            if column >= 3 and self._keys[column - 3] in change.changes:
                old, _ = change.changes[self._keys[column - 3]]
                return f"was {format_value(self._keys[column - 3], old)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _problems_by_cell(parsed: ParsedFile) -> dict[tuple[str, str], str]:
    """Map each cell problem to (the offer's place, field) so the preview can mark it."""
    by_place: dict[tuple[str, str], str] = {}
    columns = {m.where: m.key for m in parsed.mapping}
    header_text = {m.header: m.key for m in parsed.mapping}
    rows = {int(m.where.split()[1]): m.key for m in parsed.mapping if m.where.startswith("row ")}
    for problem in parsed.problems:
        _place_problem(problem, parsed.orientation, columns, header_text, rows, by_place)
    return by_place


def _place_problem(
    problem: Problem,
    orientation: str,
    columns: dict[str, str | None],
    header_text: dict[str, str | None],
    rows: dict[int, str | None],
    by_place: dict[tuple[str, str], str],
) -> None:
    if problem.row is None or problem.column is None:
        return
    if orientation == "rows":
        key = columns.get(problem.column) or header_text.get(problem.column)
        place = str(problem.row)
    else:
        key = rows.get(problem.row)
        place = problem.column
    if key:
        by_place[(place, key)] = problem.message

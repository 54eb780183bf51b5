"""Find the offer table in a sheet: header, orientation, units, and the cells of each offer.

Vendors put title blocks above the table, notes and signatures below it, headers over two
rows or in merged cells, units in the header or in a row or column of their own, and models
either as rows or as columns (spec-sheet layout: parameters down, models across).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any

from procure.importing.cells import cell_text, is_blank, parse_number
from procure.importing.files import Sheet
from procure.importing.headers import (
    HeaderMatch,
    currency_of_unit,
    match_header,
    names_a_field,
    split_header,
)
from procure.importing.units import pint_unit

SCAN_ROWS = 40  # a header further down than this is not a header
SCAN_COLUMNS = 4  # parameter names in a spec sheet stand in one of the first columns
UNIT_HEADERS = frozenset(
    {"unit", "units", "uom", "ед изм", "ед", "единица измерения", "ед измерения", "единицы"}
)


@lru_cache(maxsize=4096)
def _match(text: str) -> HeaderMatch:
    return match_header(text)


_NUMBER_TEXT = re.compile(r"[\d\s.,'+\-]+")  # "500,010", "1 250 000": a value, never a name


@lru_cache(maxsize=8192)  # a sheet's data rows repeat their words ("USD", "Tier 2") often
def _text_names_a_field(text: str) -> bool:
    return not _NUMBER_TEXT.fullmatch(text) and names_a_field(text)


def _names_a_field(value: Any) -> bool:
    if is_blank(value) or not isinstance(value, str):
        return False
    return _text_names_a_field(value.strip())


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_unit_text(value: Any) -> bool:
    text = cell_text(value)
    return bool(text) and (pint_unit(text) is not None or currency_of_unit(text) is not None)


@dataclass
class Label:
    """One header (rows layout: a column; columns layout: a parameter row)."""

    position: int  # column index (rows layout) or row index (columns layout)
    text: str
    unit: str | None = None  # from a unit row or unit column


@dataclass
class Record:
    """The cells of one offer: label position -> (value, row, column), 0-based."""

    row: int  # the offer's row (rows layout) or the model-names row (columns layout)
    column: int | None  # the offer's column in a spec sheet, else None
    cells: dict[int, tuple[Any, int, int]] = field(default_factory=dict)


@dataclass
class Table:
    orientation: str  # "rows" | "columns"
    header_rows: list[int]  # 0-based rows holding the header (names row in a spec sheet)
    labels: list[Label]
    records: list[Record]
    title_text: str  # text above the table: a hint to the vendor and the category
    _values: dict[int, list[Any]] = field(default_factory=dict, repr=False, compare=False)

    def values_of(self, position: int) -> list[Any]:
        """The cell values of one column (one row of a spec sheet) over all the offers, in
        their order, the blank cells included: gathered once, however often asked."""
        found = self._values.get(position)
        if found is None:
            found = self._values[position] = [
                r.cells[position][0] for r in self.records if position in r.cells
            ]
        return found


def _fill_merged(sheet: Sheet) -> list[list[Any]]:
    """Return the rows with each merged range's value copied into all its cells."""
    rows = list(sheet.rows)
    for (r0, _), (r1, _) in sheet.merged:
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            rows[r] = list(rows[r])  # copy only the rows that change
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, c1 + 1):
                if c < len(rows[r]):
                    rows[r][c] = value
    return rows


def _row_score(row: list[Any]) -> int:
    return sum(1 for value in row if _names_a_field(value))


def _column_score(rows: list[list[Any]], column: int) -> int:
    return sum(1 for row in rows[:200] if column < len(row) and _names_a_field(row[column]))


def find_table(sheet: Sheet) -> Table | None:
    """Locate the offer table; None when no row or column names offer fields."""
    rows = _fill_merged(sheet)
    if not rows:
        return None
    row_scores = [_row_score(r) for r in rows[:SCAN_ROWS]]
    best_row = max(range(len(row_scores)), key=lambda i: (row_scores[i], -i))
    width = max(len(r) for r in rows)
    column_scores = [_column_score(rows, c) for c in range(min(SCAN_COLUMNS, width))]
    best_column = max(range(len(column_scores)), key=lambda i: (column_scores[i], -i))
    if column_scores[best_column] > row_scores[best_row] and column_scores[best_column] >= 3:
        return _columns_table(rows, best_column)
    if row_scores[best_row] >= 2:
        below = best_row + 1
        if below < len(row_scores) and row_scores[below] >= 1 and _is_text_row(rows[below]):
            best_row = below  # the lower row of a two-row header; the upper one groups it
        return _rows_table(rows, best_row)
    return None


def _is_text_row(row: list[Any]) -> bool:
    """A header row holds words only: no cell of it is a number."""
    filled = [v for v in row if not is_blank(v)]
    if not filled:
        return False
    for value in filled:
        if not isinstance(value, str):
            return False
        try:
            parse_number(value)
        except ValueError:
            continue
        return False
    return True


def _title(rows: list[list[Any]], before: int) -> str:
    lines = (" ".join(cell_text(v) for v in r if not is_blank(v)) for r in rows[:before])
    return "\n".join(line for line in lines if line)


def _rows_table(rows: list[list[Any]], header: int) -> Table:
    header_row = rows[header]
    texts = [cell_text(v) for v in header_row]
    header_rows = [header]
    above = rows[header - 1] if header > 0 else []
    group_cells = [cell_text(v) for v in above]
    distinct = {t for t in group_cells if t}
    if (
        len(distinct) >= 1
        and sum(1 for t in group_cells if t) >= 2
        and _is_group_row(group_cells, texts)
    ):
        header_rows.insert(0, header - 1)
        texts = [
            _combine(group_cells[c] if c < len(group_cells) else "", t) for c, t in enumerate(texts)
        ]
    first_data = header + 1
    if first_data < len(rows) and _is_sub_header(rows[first_data], texts):
        below = [cell_text(v) for v in rows[first_data]]
        texts = [_combine(t, below[c] if c < len(below) else "") for c, t in enumerate(texts)] + [
            b for b in below[len(texts) :]
        ]
        header_rows.append(first_data)
        first_data += 1
    labels = [Label(c, t) for c, t in enumerate(texts) if t]
    if first_data < len(rows):
        below = rows[first_data]
        filled = [v for v in below if not is_blank(v)]
        if filled and sum(1 for v in filled if _is_unit_text(v)) * 2 >= len(filled):
            for label in labels:
                if label.position < len(below) and _is_unit_text(below[label.position]):
                    label.unit = cell_text(below[label.position])
            header_rows.append(first_data)
            first_data += 1
    records = []
    positions = [label.position for label in labels]
    reach = max(positions, default=-1)  # a row at least this long holds every position
    for r in range(first_data, len(rows)):
        row = rows[r]
        if all(is_blank(v) for v in row):
            continue
        if row[0] == header_row[0] and [cell_text(v) for v in row[: len(texts)]] == texts:
            continue  # the header repeated (a page break in the vendor's sheet)
        if len(row) > reach:  # built in C: this runs for every cell of the sheet
            values = map(row.__getitem__, positions)
            cells = dict(
                zip(positions, zip(values, repeat(r), positions, strict=False), strict=True)
            )
        else:  # a short CSV line
            cells = {p: (row[p], r, p) for p in positions if p < len(row)}
        records.append(Record(r, None, cells))
    return Table("rows", header_rows, labels, records, _title(rows, header_rows[0]))


def _is_group_row(groups: list[str], texts: list[str]) -> bool:
    """A row of group labels over the header ('Engine' over 'Power (hp)', 'Emission'),
    not a title: its labels repeat over several columns or stand over empty header cells."""
    spans = sum(1 for c in range(1, len(groups)) if groups[c] and groups[c] == groups[c - 1])
    over_blank = sum(1 for c, g in enumerate(groups) if g and (c >= len(texts) or not texts[c]))
    return spans >= 1 or over_blank >= 1


def _is_sub_header(row: list[Any], texts: list[str]) -> bool:
    """A row of words under a header cell merged over several columns ("Price (USD)" over
    "Ex-works" and "Total"): the header's second row, not an offer."""
    if not _is_text_row(row) or any(_is_unit_text(v) for v in row if not is_blank(v)):
        return False
    filled = [c for c, v in enumerate(row) if not is_blank(v)]
    merged = {
        c
        for c in range(len(texts))
        if texts[c]
        and (
            (c > 0 and texts[c - 1] == texts[c])
            or (c + 1 < len(texts) and texts[c + 1] == texts[c])
        )
    }
    return bool(filled) and all(c in merged for c in filled)


def _combine(group: str, text: str) -> str:
    """One header from a group label and the label under it: the group's unit and delivery
    term stay with the words ("Price, USD" over "Total" -> "Price Total, USD")."""
    if not group or group == text:
        return text
    if not text:
        return group
    upper, lower = split_header(group), split_header(text)
    name = f"{upper.name} {lower.name}"
    incoterm = lower.incoterm or upper.incoterm
    units = lower.units or upper.units
    if incoterm:
        name += f" {incoterm}"
    if units:
        name += ", " + units[0] + "".join(f" ({u})" for u in units[1:])
    return name


def _columns_table(rows: list[list[Any]], label_column: int) -> Table:
    parameter_rows = [
        r
        for r, row in enumerate(rows)
        if label_column < len(row) and _names_a_field(row[label_column])
    ]
    model_rows = [
        r for r in parameter_rows if _match(cell_text(rows[r][label_column])).key == "model"
    ]
    first = parameter_rows[0]
    candidate = label_column + 1
    unit_column: int | None = candidate
    names_row: int | None
    if model_rows:
        names_row = model_rows[0]  # a "Model" / "Модель" row names the columns
    else:
        names_row = next(
            (
                r
                for r in range(first - 1, -1, -1)
                if any(not is_blank(v) for v in rows[r][label_column + 1 :])
            ),
            None,
        )
    if names_row is None:
        names_row = first
    names = rows[names_row]
    header_of_unit = normalise_label(cell_text(names[candidate])) if candidate < len(names) else ""
    unit_values = [rows[r][candidate] for r in parameter_rows if candidate < len(rows[r])]
    filled = [v for v in unit_values if not is_blank(v)]
    if not (
        header_of_unit in UNIT_HEADERS
        or (filled and sum(1 for v in filled if _is_unit_text(v)) * 2 >= len(filled))
    ):
        unit_column = None
    first_model = label_column + 1 + (1 if unit_column is not None else 0)
    model_columns = [c for c in range(first_model, len(names)) if not is_blank(names[c])]
    labels = []
    for r in range(first, len(rows)):
        row = rows[r]
        text = cell_text(row[label_column]) if label_column < len(row) else ""
        if not text or r == names_row:
            continue
        unit = None
        if unit_column is not None and unit_column < len(row) and not is_blank(row[unit_column]):
            unit = cell_text(row[unit_column])
        labels.append(Label(r, text, unit))
    records = []
    for c in model_columns:
        cells = {names_row: (names[c], names_row, c)}
        for label in labels:
            row = rows[label.position]
            cells[label.position] = (row[c] if c < len(row) else "", label.position, c)
        records.append(Record(names_row, c, cells))
    name_label = Label(names_row, "Model")
    return Table("columns", [names_row], [name_label, *labels], records, _title(rows, names_row))


def normalise_label(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-zа-я]+", text.casefold().replace("ё", "е")))

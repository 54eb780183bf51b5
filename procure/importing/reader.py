"""Read an offer file into canonical offers, collecting every problem with its place."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from procure.errors import InvalidInput
from procure.fields import (
    CATEGORY_LABELS,
    CURRENCIES,
    FIELD_BY_KEY,
    KEY_FIELDS,
    USUAL_FIELDS,
    Category,
    Field,
    check_range,
)
from procure.importing.assign import Assignment, Profile, assign, make_profile, spread_sample
from procure.importing.cells import (
    NO,
    YES,
    Ambiguous,
    cell_text,
    decimal_convention,
    parse_number,
    split_money,
)
from procure.importing.files import Workbook, open_workbook
from procure.importing.headers import INCOTERM, currency_of_unit
from procure.importing.layout import Label, Record, Table, column_letter, find_table
from procure.importing.values import read_quantity
from procure.text_rules import check_text, comparison_key

YES_NO: dict[str, bool] = {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}
NOT_STATED = frozenset(
    {"-", "—", "–", "n/a", "na", "н/д", "нет данных", "not stated", "tbd", "?", "…", "..."}
)
CATEGORY_HINTS: tuple[tuple[str, str], ...] = (
    # (pattern, category), checked in order: the first that matches wins.
    (r"electric\s*bus|e-?bus|электробус", Category.ELECTRIC_BUS),
    (r"excavator|backhoe|экскаватор", Category.EXCAVATOR),
    (r"mining\s+dump|haul\s+truck|dumper|карьерн|off-?highway", Category.DUMPER),
    (r"tipper|dump\s*truck|lorry|самосвал|truck|грузовик", Category.TRUCK),
)
CATEGORY_WORDS: dict[str, str] = {
    "truck": Category.TRUCK,
    "trucks": Category.TRUCK,
    "tipper": Category.TRUCK,
    "dumper": Category.DUMPER,
    "dumpers": Category.DUMPER,
    "dump truck": Category.TRUCK,
    "excavator": Category.EXCAVATOR,
    "excavators": Category.EXCAVATOR,
    "electric bus": Category.ELECTRIC_BUS,
    "electric_bus": Category.ELECTRIC_BUS,
    "e-bus": Category.ELECTRIC_BUS,
    "самосвал": Category.TRUCK,
    "карьерный самосвал": Category.DUMPER,
    "экскаватор": Category.EXCAVATOR,
    "электробус": Category.ELECTRIC_BUS,
}


@dataclass(frozen=True)
class Problem:
    row: int | None  # as the user sees it (1-based)
    column: str | None  # a letter, or the header text of a CSV file
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            x
            for x in (
                f"row {self.row}" if self.row else "",
                f"column {self.column}" if self.column else "",
            )
            if x
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ColumnMapping:
    position: int  # 0-based column (rows layout) or row (spec-sheet layout)
    where: str  # "C" or "row 5"
    header: str
    key: str | None  # field or identity column; None: kept as an extra attribute
    unit: str | None
    confidence: float
    source: str  # "detected" | "remembered" | "chosen"
    note: str = ""  # why this field (or why none): the reason shown with the mapping
    units: tuple[str, ...] = ()  # every unit the header, unit row or column states
    incoterm: str | None = None  # a delivery term named in the header ("Price FCA Minsk")


@dataclass(frozen=True)
class ParsedOffer:
    vendor: str
    model: str
    category: str
    manufacturer: str | None
    values: dict[str, Any]
    extras: dict[str, Any]
    row: int  # 1-based
    column: str | None  # spec sheet: the offer's column letter


PREVIEW_ROWS, PREVIEW_COLUMNS = 16, 14  # the part of the sheet the wizard shows


@dataclass(frozen=True)
class ImportOptions:
    vendor: str | None = None
    category: str | None = None
    currency: str | None = None
    sheet: str | None = None
    # header text -> (field key or None, unit or None): the user's choices, then the vendor's
    # remembered mapping; both override detection.
    chosen: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    remembered: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # create a vendor even though its name differs from a stored one only in writing
    new_vendor: bool = False


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    file_hash: str
    sheet: str | None
    sheet_names: list[str]
    orientation: str
    header_rows: list[int]  # 1-based
    mapping: list[ColumnMapping]
    offers: list[ParsedOffer]
    problems: list[Problem]
    warnings: list[str]
    vendor_hint: str  # the first line of the title block, named when no vendor is given
    vendor_clues: list[str]  # the title's lines and the file's name: what names the vendor
    # the top left of the sheet read, as text, for the officer to see what was read
    preview_rows: list[list[str]]
    preview_columns: list[str]  # the column letters (or CSV column numbers) of preview_rows
    sheet_reason: str = ""  # why this sheet was read (several sheets)

    @property
    def ok(self) -> bool:
        return not self.problems


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OffersSoFar:
    """A run of offers read, handed on while the rest of the sheet is read, so that the
    caller can write them meanwhile (procure import); the ParsedFile that ends the read
    decides whether the file is imported at all."""

    offers: list[ParsedOffer]
    mapping: list[ColumnMapping]
    sheet: str | None
    file_hash: str
    clean: bool  # no problem found so far: worth writing


# Offers handed on at a time: the first run small, so that writing starts soon.
FIRST_PART_SIZE, PART_SIZE = 250, 1000
CellReader = Callable[[Any, int, int], Any]  # (cell value, row, column) -> the field's value
AmountReading = tuple[Decimal | None, str | None, str | None]  # amount, currency, problem


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _category_hint(*texts: str) -> str | None:
    for text in texts:
        for pattern, category in CATEGORY_HINTS:
            if re.search(pattern, text, re.IGNORECASE):
                return category
    return None


def read_offers(
    path: str | Path,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    workbook: Workbook | None = None,
    on_offers: Callable[[OffersSoFar], None] | None = None,
) -> ParsedFile:
    """Parse an offer file (or its already opened workbook); file-level refusals raise
    InvalidInput, cell problems are listed. ``on_offers`` is handed the offers a run at a
    time as they are read (the ParsedFile then holds them all as well)."""
    options = options or ImportOptions()
    if workbook is None:
        workbook = open_workbook(path)
    sheet_name, table, why = _choose_sheet(workbook, options.sheet)
    return _Parser(workbook, sheet_name, table, options, progress, why, on_offers).parse()


def _choose_sheet(workbook: Workbook, wanted: str | None) -> tuple[str, Table, str]:
    """Return the sheet holding the offer table, its table, and why it was chosen."""
    name = workbook.path.name
    if wanted is not None:
        if wanted not in workbook.sheet_names:
            raise InvalidInput(
                f"{name}: no sheet called '{wanted}'; the sheets are: "
                + ", ".join(workbook.sheet_names)
            )
        table = find_table(workbook.load(wanted))
        if table is None:
            raise InvalidInput(f"{name}: sheet '{wanted}' holds no offer table")
        return wanted, table, f"sheet '{wanted}', as asked"
    skipped: list[str] = []
    for sheet_name in workbook.sheet_names:
        table = find_table(workbook.load(sheet_name))
        if table is not None:
            if len(workbook.sheet_names) == 1:
                return sheet_name, table, ""
            why = f"sheet '{sheet_name}' holds the offer table"
            if skipped:
                why += (
                    "; "
                    + ", ".join(f"'{s}'" for s in skipped)
                    + (
                        " holds no table of offers (a letter or notes)"
                        if len(skipped) == 1
                        else " hold no table of offers (letters or notes)"
                    )
                )
            return sheet_name, table, why
        skipped.append(sheet_name)
    raise InvalidInput(
        f"{name}: no offer table found: none of the first 40 rows (or first "
        "columns) names offer fields such as Model, Payload or Price"
    )


class _Parser:
    def __init__(
        self,
        workbook: Workbook,
        sheet: str,
        table: Table,
        options: ImportOptions,
        progress: Progress | None,
        sheet_reason: str = "",
        on_offers: Callable[[OffersSoFar], None] | None = None,
    ) -> None:
        self.sheet_reason = sheet_reason
        self.workbook = workbook
        self.sheet = sheet
        self.table = table
        self.options = options
        self.progress = progress
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self._currency_reported = (
            options.currency is not None and options.currency.upper() not in CURRENCIES
        )
        self.csv = workbook.kind == "csv"
        file_text = workbook.path.stem.replace("_", " ")
        self.category_hint = options.category or _category_hint(sheet, table.title_text, file_text)
        self._extras: dict[tuple[type, Any], Any] = {}  # extra attribute values, read once
        self.on_offers = on_offers
        self.file_hash = _file_hash(workbook.path)
        self._price_incoterm: str | None = None  # the delivery term the price header names
        # (field, decimal convention) -> cell value -> (amount, currency, problem)
        self._amounts: dict[tuple[str, str | None], dict[tuple[type, Any], AmountReading]] = {}

    # -- places, as the user sees them --------------------------------------------------

    def _column_name(self, column: int) -> str:
        if self.csv and self.table.orientation == "rows":
            label = next((lb for lb in self.table.labels if lb.position == column), None)
            if label is not None:
                return label.text
        return column_letter(column)

    def _problem(self, row: int | None, column: int | None, message: str) -> None:
        self.problems.append(
            Problem(
                None if row is None else row + 1,
                None if column is None else self._column_name(column),
                message,
            )
        )

    def _label_place(self, label: Label) -> tuple[int | None, int | None]:
        header_row = self.table.header_rows[-1]
        if self.table.orientation == "rows":
            return header_row, label.position
        return label.position, None

    # -- mapping --------------------------------------------------------------------------

    def _where(self, label: Label) -> str:
        if self.table.orientation == "rows":
            return column_letter(label.position)
        return f"row {label.position + 1}"

    def _profiles(self) -> list[Profile]:
        profiles = []
        for label in self.table.labels:
            values = self.table.values_of(label.position)
            profiles.append(make_profile(label.position, label.text, label.unit, values))
        return profiles

    def _mapping(self) -> list[ColumnMapping]:
        """Map every column: the user's choices, the vendor's remembered mapping, then the
        best assignment over all remaining columns."""
        profiles = self._profiles()
        fixed: dict[int, str | None] = {}
        sources: dict[int, tuple[str, str | None]] = {}
        settled = [
            (source, {_fold(h): v for h, v in choices.items()})
            for source, choices in (
                ("chosen", self.options.chosen),
                ("remembered", self.options.remembered),
            )
        ]
        for profile in profiles:
            for source, choices in settled:
                if _fold(profile.header) in choices:
                    key, unit = choices[_fold(profile.header)]
                    fixed[profile.position] = key
                    sources[profile.position] = (source, unit)
                    break
            if (
                profile.position not in fixed
                and self.table.orientation == "columns"
                and profile.header == "Model"
                and profile.position == self.table.header_rows[0]
            ):
                fixed[profile.position] = "model"
                sources[profile.position] = ("detected", None)
        chosen = assign(profiles, self.category_hint, fixed)
        mapping = []
        for label, profile in zip(self.table.labels, profiles, strict=True):
            where = self._where(label)
            if profile.position in fixed:
                source, unit = sources[profile.position]
                units = (unit,) if unit else profile.split.units
                note = (
                    "the row of model names above the parameters"
                    if source == "detected"
                    else f"{source} for this vendor"
                    if source == "remembered"
                    else "chosen by hand"
                )
                mapping.append(
                    ColumnMapping(
                        label.position,
                        where,
                        label.text,
                        fixed[profile.position],
                        units[0] if units else None,
                        1.0,
                        source,
                        note,
                        tuple(units),
                        profile.split.incoterm,
                    )
                )
                continue
            found = chosen[profile.position]
            self._report_assignment(label, profile, found)
            mapping.append(
                ColumnMapping(
                    label.position,
                    where,
                    label.text,
                    found.key,
                    profile.split.unit,
                    found.confidence,
                    "detected",
                    found.reason,
                    profile.split.units,
                    profile.split.incoterm,
                )
            )
        return mapping

    def _report_assignment(self, label: Label, profile: Profile, found: Assignment) -> None:
        row, column = self._label_place(label)
        if found.alternatives == ("unit_price",):
            self._problem(
                row,
                column,
                f"{found.reason.removeprefix('several prices: ')} could each be the unit price; "
                f'choose one (command line: --map "{label.text}=unit_price")',
            )
        elif found.alternatives:
            names = " or ".join(
                FIELD_BY_KEY[k].heading() if k in FIELD_BY_KEY else k for k in found.alternatives
            )
            self._problem(
                row,
                column,
                f"header '{label.text}' is ambiguous: it could be {names}; state the unit or "
                f'choose the field (command line: --map "{label.text}=FIELD")',
            )
        elif found.unit_problem:
            self._problem(row, column, f"header '{label.text}': {found.unit_problem}")

    def parse(self) -> ParsedFile:
        mapping = self._mapping()
        by_key: dict[str, ColumnMapping] = {}
        for column in mapping:
            if column.key is None:
                continue
            if column.key in by_key:
                row, col = self._label_place(
                    next(lb for lb in self.table.labels if lb.position == column.position)
                )
                other = by_key[column.key]
                label = FIELD_BY_KEY[column.key].label if column.key in FIELD_BY_KEY else column.key
                self._problem(
                    row,
                    col,
                    f"'{column.header}' and '{other.header}' both map to "
                    f"{label}; choose one in the mapping",
                )
                continue
            by_key[column.key] = column
        if "model" not in by_key:
            header_row = self.table.header_rows[-1]
            self._problem(
                header_row,
                None,
                "no model column: one column must be headed "
                "'Model' (or 'Модель') and name each machine",
            )
        title_lines = self.table.title_text.splitlines()
        quoted = re.search(r"«([^»]{2,80})»", self.table.title_text)
        vendor_hint = quoted.group(1) if quoted else (title_lines[0][:80] if title_lines else "")
        if self.options.currency and self.options.currency.upper() not in CURRENCIES:
            self._problem(
                None,
                None,
                f"unknown currency '{self.options.currency}' given with "
                "--currency: use one of " + ", ".join(CURRENCIES),
            )
        if not self.options.vendor and "vendor" not in by_key:
            said = f"; the title names '{vendor_hint}'" if vendor_hint else ""
            self._problem(
                None,
                None,
                f"the file names no vendor: give the vendor's name (--vendor NAME){said}",
            )
        self._warn_missing_units(by_key)
        self._warn_unmapped(mapping)
        offers = self._offers(mapping, by_key) if "model" in by_key else []
        if "model" in by_key and not offers and not self.problems:
            self._problem(
                self.table.header_rows[-1],
                None,
                "no offers: the table has a header but no rows of machines",
            )
        self._check_key_fields(by_key, offers)
        self._check_uncalculated()
        preview = self._preview_rows()  # every row as wide as the widest
        return ParsedFile(
            path=self.workbook.path,
            file_hash=self.file_hash,
            sheet=None if self.csv else self.sheet,
            sheet_names=self.workbook.sheet_names,
            orientation=self.table.orientation,
            header_rows=[r + 1 for r in self.table.header_rows],
            mapping=mapping,
            offers=offers,
            problems=self.problems,
            warnings=self.warnings,
            vendor_hint=vendor_hint,
            vendor_clues=[*title_lines[:6], self.workbook.path.stem.replace("_", " ")],
            preview_rows=preview,
            preview_columns=[
                self._column_name(c) for c in range(len(preview[0]) if preview else 0)
            ],
            sheet_reason=self.sheet_reason,
        )

    def _preview_rows(self) -> list[list[str]]:
        rows = self.workbook.load(self.sheet).rows[:PREVIEW_ROWS]
        width = min(PREVIEW_COLUMNS, max((len(r) for r in rows), default=0))
        return [[cell_text(v) for v in (row + [None] * width)[:width]] for row in rows]

    def _warn_missing_units(self, by_key: dict[str, ColumnMapping]) -> None:
        for key, column in by_key.items():
            field_ = FIELD_BY_KEY.get(key)
            if field_ is None or field_.kind not in ("number",) or column.unit:
                continue
            if field_.unit and field_.unit not in ("%",) and not self._cells_state_units(column):
                self.warnings.append(
                    f"'{column.header}' ({column.where}) states no unit: read as {field_.unit}"
                )

    def _cells_state_units(self, column: ColumnMapping) -> bool:
        values = self.table.values_of(column.position)
        texts = [v for v in values if isinstance(v, str) and v.strip()]
        return bool(texts) and all(re.search(r"\d\s*[^\d\s.,]", v) for v in texts)

    def _warn_unmapped(self, mapping: list[ColumnMapping]) -> None:
        """Say which columns holding numbers or units map to no field (kept as extras)."""
        records = spread_sample(self.table.records)  # judged, like the mapping, on a sample
        for column in mapping:
            if column.key is not None:
                continue
            values = [
                r.cells[column.position][0]
                for r in records
                if column.position in r.cells and cell_text(r.cells[column.position][0])
            ]
            numbers = [v for v in values if _looks_numeric(v)]
            if column.units or (values and len(numbers) * 2 >= len(values)):
                if _is_serial(values):
                    continue  # "No.", "Sr. No.", "#": the line numbers of the table
                where = (
                    f"column {self._column_name(column.position)}"
                    if self.table.orientation == "rows"
                    else column.where
                )
                why = f" ({column.note})" if column.note and "ambiguous" not in column.note else ""
                self.warnings.append(
                    f"{where} '{column.header}': not mapped, kept as an extra attribute{why}"
                )

    def _check_uncalculated(self) -> None:
        """A formula cell saved without its value (some programs write files so) would read
        as empty: the offer would silently lack that value."""
        cells = self.workbook.uncalculated.get(self.sheet, [])
        if not cells:
            return
        places = {
            (row, col)
            for record in self.table.records
            for _value, row, col in record.cells.values()
        }
        for row, col in sorted(cells):
            if (row, col) in places:
                self._problem(
                    row,
                    col,
                    "a formula without a stored value (the file was saved without "
                    "calculating it): open the file in a spreadsheet program, save it and "
                    "import it again",
                )

    def _check_key_fields(
        self, by_key: dict[str, ColumnMapping], offers: list[ParsedOffer]
    ) -> None:
        category = self.category_hint or next((o.category for o in offers if o.category), None)
        if not category or category not in KEY_FIELDS:
            return
        label = CATEGORY_LABELS.get(category, category).lower()
        missing = [k for k in USUAL_FIELDS[category] if k not in by_key]
        for key in missing:
            self.warnings.append(
                f"no column gives {FIELD_BY_KEY[key].heading()}, which the evaluation of "
                f"{label} usually needs"
            )
        if offers and not any(k in by_key for k in KEY_FIELDS[category]):
            names = ", ".join(FIELD_BY_KEY[k].label for k in KEY_FIELDS[category])
            self._problem(
                None,
                None,
                f"no column gives any key field of {label} ({names}): the offers would "
                "come in empty; map the columns by hand (--map) or check the file",
            )

    # -- offers ---------------------------------------------------------------------------

    def _offers(
        self, mapping: list[ColumnMapping], by_key: dict[str, ColumnMapping]
    ) -> list[ParsedOffer]:
        conventions = self._conventions(by_key)
        readers = {
            column.position: self._reader(column, conventions.get(column.key))
            for column in mapping
            if column.key in FIELD_BY_KEY
            and column.key != "unit_price"
            and FIELD_BY_KEY[column.key].priced_in is None
        }
        self._price_incoterm = next(
            (m.incoterm for m in mapping if m.key == "unit_price" and m.incoterm), None
        )
        others = [column for column in mapping if column.key != "model"]
        offers: list[ParsedOffer] = []
        handed = 0  # offers handed on to on_offers
        seen: dict[str, tuple[str, int | str]] = {}
        total = len(self.table.records)
        for index, record in enumerate(self.table.records):
            if self.progress is not None and index % 500 == 0:
                self.progress(index, total)
            found = self._model_and_cells(record, others, by_key)
            if found is None:
                continue  # no offer: a blank model, a totals line, a note below the table
            raw_model, filled = found
            model = self._model_text(record, raw_model, by_key)
            if model is None:
                continue
            self._check_alignment(record)
            offer = self._offer(record, model, filled, by_key, conventions, readers, mapping)
            if offer is None:
                continue
            key = comparison_key(offer.model)
            if key in seen:
                where = f"row {offer.row}" if offer.column is None else f"column {offer.column}"
                first_model, first = seen[key]
                place = f"{'row' if offer.column is None else 'column'} {first}"
                how = (
                    f"model '{offer.model}' is listed twice (first at {place})"
                    if first_model == offer.model
                    else f"model '{offer.model}' differs from '{first_model}' ({place}) only "
                    "by case, spacing or invisible characters"
                )
                _, model_row, model_col = record.cells[by_key["model"].position]
                self._problem(
                    model_row if offer.column is None else None,
                    model_col,
                    f"{how}; {where} would overwrite it",
                )
                continue
            seen[key] = (offer.model, offer.row if offer.column is None else offer.column)
            offers.append(offer)
            if len(offers) - handed >= (PART_SIZE if handed else FIRST_PART_SIZE):
                handed = self._hand_on(offers, handed, mapping)
        self._hand_on(offers, handed, mapping)
        return offers

    def _hand_on(self, offers: list[ParsedOffer], handed: int, mapping: list[ColumnMapping]) -> int:
        """Hand the offers read since the last run to on_offers; return how many are handed."""
        if self.on_offers is not None and len(offers) > handed:
            sheet = None if self.csv else self.sheet
            clean = not self.problems
            self.on_offers(OffersSoFar(offers[handed:], mapping, sheet, self.file_hash, clean))
        return len(offers)

    def _model_text(
        self, record: Record, model: str, by_key: dict[str, ColumnMapping]
    ) -> str | None:
        """Apply the store's text rule to a model name (procure/text_rules.py)."""
        checked = check_text(model)
        _, row, col = record.cells.get(by_key["model"].position, ("", record.row, 0))
        if checked.problem:
            shown = model if len(model) <= 60 else model[:57] + "..."
            self._problem(row, col, f"the model name '{shown}' {checked.problem}")
            return None
        if checked.warning:
            self.warnings.append(
                f"{Problem(row + 1, self._column_name(col), '')}".rstrip(": ")
                + f": model '{checked.value}': {checked.warning}"
            )
        return checked.value

    def _check_alignment(self, record: Record) -> None:
        """A CSV row with more or fewer fields than its header: a delimiter is missing or
        one too many, and every value after it would land in the wrong column."""
        if not self.csv or self.table.orientation != "rows":
            return
        rows = self.workbook.load(self.sheet).rows
        header = rows[self.table.header_rows[0]]
        width = len(header)
        while width and not cell_text(header[width - 1]):
            width -= 1
        fields = rows[record.row]
        used = len(fields)
        while used and not cell_text(fields[used - 1]):
            used -= 1
        if used > width or len(fields) < width:
            self._problem(
                record.row,
                None,
                f"the row has {max(used, len(fields)) if used > width else len(fields)} fields "
                f"but the header has {width}: a delimiter is missing or extra, so values "
                "would land in the wrong columns",
            )

    def _model_and_cells(
        self, record: Record, others: list[ColumnMapping], by_key: dict[str, ColumnMapping]
    ) -> tuple[str, list[tuple[ColumnMapping, tuple[Any, int, int]]]] | None:
        """Return the offer's model and its filled cells in the other columns, or None for a
        row that is no offer (blank model, a totals line, a note or a signature below the
        table)."""
        cells = record.cells
        raw_model, row, col = cells.get(by_key["model"].position, ("", record.row, 0))
        model = cell_text(raw_model)
        # is_blank() inlined: this runs for every cell of the sheet.
        filled = [
            (column, cell)
            for column in others
            if (cell := cells.get(column.position)) is not None
            and (value := cell[0]) != ""
            and value is not None
            and not (type(value) is str and value.isspace())
        ]
        if not model:
            if any(type(v) is str and TOTALS_RE.match(v) for _, (v, _r, _c) in filled):
                return None  # a totals line below the offers
            if self.table.orientation == "rows" and any(c.key for c, _ in filled):
                self._problem(row, col, "the model is missing in a row that has values")
            return None
        if TOTALS_RE.match(model) or all(column.key is None for column, _ in filled):
            return None
        return model, filled

    def _conventions(self, by_key: dict[str, ColumnMapping]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for key, column in by_key.items():
            found[key] = decimal_convention(self.table.values_of(column.position))
        marks = {c for c in found.values() if c}
        file_wide = marks.pop() if len(marks) == 1 else None
        if file_wide is None and self.workbook.delimiter == ";":
            file_wide = "comma"  # a semicolon CSV is written where the decimal mark is a comma
        return {key: found[key] or file_wide for key in found}

    def _offer(
        self,
        record: Record,
        model: str,
        filled: list[tuple[ColumnMapping, tuple[Any, int, int]]],
        by_key: dict[str, ColumnMapping],
        conventions: dict[str, str | None],
        readers: dict[int, CellReader],
        mapping: list[ColumnMapping],
    ) -> ParsedOffer | None:
        _, row, col = record.cells.get(by_key["model"].position, ("", record.row, 0))
        values: dict[str, Any] = {}
        extras: dict[str, Any] = {}
        identity: dict[str, str] = {}
        price_currency: str | None = None
        for column, (raw, r, c) in filled:
            read = readers.get(column.position)
            if read is not None:
                values[column.key] = read(raw, r, c)  # type: ignore[index]
            elif column.key is None:
                extras[column.header] = _read_once(self._extras, raw, _extra_value)
            elif column.key in ("vendor", "category", "manufacturer"):
                identity[column.key] = cell_text(raw)
            elif column.key == "unit_price":
                values["unit_price"], price_currency = self._price(
                    raw, r, c, conventions.get("unit_price")
                )
            else:
                priced_in = FIELD_BY_KEY[column.key].priced_in
                assert priced_in is not None  # every other field has a reader
                self._amount(column, priced_in, raw, r, c, conventions.get(column.key), values)
        vendor = self.options.vendor or identity.get("vendor") or ""
        category = self._category(identity.get("category"), row, col, by_key)
        currency = self._currency(price_currency, values, record, by_key)
        currency_unknown = currency == "?"
        if currency_unknown:
            currency = None
        elif currency is not None:
            values["currency"] = currency
        incoterm = self._price_incoterm
        if incoterm and not values.get("incoterm"):
            values["incoterm"] = incoterm
        if (
            "unit_price" in values
            and values["unit_price"] is not None
            and not currency
            and not currency_unknown
            and not self._currency_reported
        ):
            _, price_row, price_col = record.cells[by_key["unit_price"].position]
            self._problem(
                price_row,
                price_col,
                "the price has no currency: put the code in the price "
                "cell or header, add a Currency column, or give --currency",
            )
        if not vendor:
            vendor = "?"  # reported once, in parse()
        if category is None:
            category = ""  # reported once; the offer still shows in the preview
        else:
            self._check_category_fields(values, category, row, col, by_key)
        return ParsedOffer(
            vendor,
            model,
            category,
            identity.get("manufacturer"),
            values,
            extras,
            row + 1,
            column_letter(record.column) if record.column is not None else None,
        )

    def _check_category_fields(
        self,
        values: dict[str, Any],
        category: str,
        row: int,
        col: int,
        by_key: dict[str, ColumnMapping],
    ) -> None:
        if values.keys() <= _FIELDS_OF.get(category, frozenset()):
            return  # the usual case: every value belongs to the category
        for key in list(values):
            field_ = FIELD_BY_KEY.get(key)
            if field_ is not None and category not in field_.categories:
                values.pop(key)  # e.g. a bus sheet's payload column: kept nowhere useful
                self.warnings.append(
                    f"{field_.label} does not apply to {category}; "
                    f"ignored for the offer in row {row + 1}"
                )

    def _category(
        self, cell: str | None, row: int, col: int, by_key: dict[str, ColumnMapping]
    ) -> str | None:
        if self.options.category:
            return Category(self.options.category).value
        if cell:
            value = CATEGORY_WORDS.get(cell.casefold().strip()) or (
                cell.strip() if cell.strip() in tuple(Category) else None
            )
            if value is None:
                column = by_key["category"].position
                self._problem(
                    row,
                    column if self.table.orientation == "rows" else col,
                    f"unknown category '{cell}': use truck, dumper, excavator or electric_bus",
                )
            return value
        if self.category_hint:
            return self.category_hint
        if not any(p.message.startswith("the category") for p in self.problems):
            self._problem(
                None,
                None,
                "the category is not stated in the file, its sheet name or its title: "
                "choose trucks, dumpers, excavators or electric buses (command line: "
                "--category truck, dumper, excavator or electric_bus)",
            )
        return None

    def _currency(
        self,
        in_cell: str | None,
        values: dict[str, Any],
        record: Record,
        by_key: dict[str, ColumnMapping],
    ) -> str | None:
        candidates: list[tuple[str, int | None, int | None]] = []
        if in_cell:
            price = by_key["unit_price"]
            _, r, c = record.cells[price.position]
            candidates.append((in_cell, r, c))
        if values.get("currency"):
            column = by_key["currency"]
            _, r, c = record.cells[column.position]
            candidates.append((str(values.pop("currency")).strip().upper(), r, c))
        if "unit_price" in by_key and (code := _header_currency(by_key["unit_price"])):
            candidates.append((code, None, None))
        if self.options.currency and self.options.currency.upper() in CURRENCIES:
            candidates.append((self.options.currency.upper(), None, None))
        if not candidates:
            return None
        code, r_, c_ = candidates[0]
        if code not in CURRENCIES:
            self._unknown_currency(r_, c_, code)
            return "?"  # reported: the price is not also "without currency"
        stated = {x for x, _, _ in candidates[:2] if x in CURRENCIES} if in_cell else set()
        if len(stated) > 1:
            self._problem(r_, c_, "the price cell's currency differs from the currency column")
        return code

    def _price(
        self, raw: Any, r: int, c: int, convention: str | None, key: str = "unit_price"
    ) -> tuple[Decimal | None, str | None]:
        """Read an amount of money and the currency its cell names, if any."""
        readings = self._amounts.setdefault((key, convention), {})
        amount, code, problem = _read_once(
            readings, raw, lambda cell: _read_amount(cell, convention, key)
        )
        if problem:
            self._problem(r, c, problem)
        return amount, code

    def _amount(
        self,
        column: ColumnMapping,
        currency_key: str,
        raw: Any,
        r: int,
        c: int,
        convention: str | None,
        values: dict[str, Any],
    ) -> None:
        """Read an amount other than the price (a bid security) and its currency: from the
        cell, else from the header's unit; a column of its own for the currency wins."""
        key = column.key
        assert key is not None
        amount, code = self._price(raw, r, c, convention, key)
        values[key] = None if amount is None else float(amount)
        code = code or _header_currency(column)
        if code is None or values.get(currency_key):
            return
        if code not in CURRENCIES:
            self._unknown_currency(r, c, code)
            return
        values[currency_key] = code

    def _unknown_currency(self, r: int | None, c: int | None, code: str) -> None:
        self._problem(r, c, f"unknown currency '{code}': use one of " + ", ".join(CURRENCIES))

    def _reader(self, column: ColumnMapping, convention: str | None) -> CellReader:
        """How the cells of a column of a field (other than a price or an amount) are read.

        A number is read once per distinct cell value (_read_once)."""
        field_ = FIELD_BY_KEY[column.key]  # type: ignore[index]
        if not field_.is_numeric:
            return lambda raw, r, c: self._text(column, field_, raw, r, c)
        readings: dict[tuple[type, Any], tuple[Any, str | None]] = {}
        units, category = column.units, self.category_hint

        def quantity(raw: Any) -> tuple[Any, str | None]:
            return read_quantity(raw, field_, units, convention, category)

        def read(raw: Any, r: int, c: int) -> Any:
            value, problem = _read_once(readings, raw, quantity)
            if problem:
                self._problem(r, c, problem)
            return value

        return read

    def _text(self, column: ColumnMapping, field_: Field, raw: Any, r: int, c: int) -> Any:
        text = cell_text(raw)
        if column.key == "bid_signed" and text:
            answer = YES_NO.get(text.casefold())
            if answer is None:
                self._problem(r, c, f"'{text}' is neither yes nor no ({field_.label})")
            return None if answer is None else ("yes" if answer else "no")
        return text.upper() if column.key == "currency" else text


TOTALS_RE = re.compile(r"(?i)^\s*(grand\s+)?(total|sum|subtotal|итого|всего|сумма)\b")


T = TypeVar("T")


def _read_once(readings: dict[tuple[type, Any], T], raw: Any, read: Callable[[Any], T]) -> T:
    """Read a cell the way its column reads every cell, once per distinct value: what was
    read (a problem included) is looked up for the column's other cells that hold the same.
    A zero or an empty value is read each time (0.0 and -0.0 are one key). ``read`` never
    returns None."""
    if not raw:
        return read(raw)
    seen = (type(raw), raw)
    found = readings.get(seen)
    if found is None:
        found = readings[seen] = read(raw)
    return found


# The keys an offer of each category may carry a value for (currency and incoterm included).
_FIELDS_OF: dict[str, frozenset[str]] = {
    str(category): frozenset(k for k, f in FIELD_BY_KEY.items() if category in f.categories)
    for category in Category
}


def _read_amount(raw: Any, convention: str | None, key: str) -> AmountReading:
    """(the amount, the currency its cell names, the problem with it) of a money cell."""
    field_ = FIELD_BY_KEY[key]
    what = "a price" if key == "unit_price" else f"an amount ({field_.label})"
    amount, code = split_money(raw)
    try:
        number = parse_number(amount, convention, money=True)
    except Ambiguous as exc:
        return None, code, f"ambiguous number {exc}"
    except ValueError:
        return None, code, f"'{cell_text(raw)}' is not {what}"
    if number <= 0 and key == "unit_price":
        return None, code, f"the price must be greater than 0, got {cell_text(raw)}"
    return Decimal(str(round(number, 4))), code, check_range(field_, number)


def _header_currency(column: ColumnMapping) -> str | None:
    """The currency a column's header (or unit row) states, if any."""
    return next((code for unit in column.units if (code := currency_of_unit(unit))), None)


def _extra_value(raw: Any) -> Any:
    if type(raw) is str:
        if len(raw) <= 12:
            answer = YES_NO.get(raw.strip().casefold())
            if answer is not None:
                return answer
        return raw.strip()
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw if isinstance(raw, int | float | bool) else cell_text(raw)


__all__ = [
    "INCOTERM",
    "ImportOptions",
    "OffersSoFar",
    "ParsedFile",
    "ParsedOffer",
    "Problem",
    "read_offers",
]


def _looks_numeric(value: Any) -> bool:
    """A number cell, or text that starts with a number ("42 000", "14 weeks")."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    text = str(split_money(value)[0]).strip() if isinstance(value, str) else ""
    return bool(re.match(r"[+\-−]?\d", text)) and not re.search(r"[A-Za-zА-Яа-я]{3,}\d", text)


def _is_serial(values: list[Any]) -> bool:
    """The line numbers of a table: 1, 2, 3, ..."""
    try:
        numbers = [float(cell_text(v)) for v in values]
    except ValueError:
        return False
    return bool(numbers) and numbers == [float(i) for i in range(1, len(numbers) + 1)]


def _fold(header: str) -> str:
    """A header as the user may type it: case and runs of spaces ignored."""
    return " ".join(header.split()).casefold()

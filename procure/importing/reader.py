"""Read an offer file into canonical offers, collecting every problem with its place."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from procure.errors import InvalidInput
from procure.fields import CURRENCIES, FIELD_BY_KEY, Category, check_range
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
from procure.importing.headers import INCOTERM, currency_of_unit, match_header
from procure.importing.layout import Label, Record, Table, column_letter, find_table
from procure.importing.units import UnitMismatch, converter, identity, pint_unit

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
    note: str = ""


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
    vendor_hint: str  # the first line of the title block, to propose as the vendor

    @property
    def ok(self) -> bool:
        return not self.problems


Progress = Callable[[int, int], None]


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
) -> ParsedFile:
    """Parse an offer file (or its already opened workbook); file-level refusals raise
    InvalidInput, cell problems are listed."""
    options = options or ImportOptions()
    if workbook is None:
        workbook = open_workbook(path)
    sheet_name, table = _choose_sheet(workbook, options.sheet)
    return _Parser(workbook, sheet_name, table, options, progress).parse()


def _choose_sheet(workbook: Workbook, wanted: str | None) -> tuple[str, Table]:
    name = workbook.path.name
    if wanted is not None:
        if wanted not in workbook.sheet_names:
            raise InvalidInput(
                f"{name}: no sheet called '{wanted}'; the sheets are: "
                + ", ".join(workbook.sheet_names)
            )
        candidates = [wanted]
    else:
        candidates = workbook.sheet_names
    for sheet_name in candidates:
        table = find_table(workbook.load(sheet_name))
        if table is not None:
            return sheet_name, table
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
    ) -> None:
        self.workbook = workbook
        self.sheet = sheet
        self.table = table
        self.options = options
        self.progress = progress
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self._converters: dict[int, Callable[[float], float] | None] = {}
        self._currency_reported = (
            options.currency is not None and options.currency.upper() not in CURRENCIES
        )
        self.csv = workbook.kind == "csv"
        file_text = workbook.path.stem.replace("_", " ")
        self.category_hint = options.category or _category_hint(sheet, table.title_text, file_text)

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

    def _map(self, label: Label) -> ColumnMapping:
        where = (
            column_letter(label.position)
            if self.table.orientation == "rows"
            else f"row {label.position + 1}"
        )
        for source, choices in (
            ("chosen", self.options.chosen),
            ("remembered", self.options.remembered),
        ):
            if label.text in choices:
                key, unit = choices[label.text]
                return ColumnMapping(
                    label.position, where, label.text, key, unit or label.unit, 1.0, source
                )
        if self.table.orientation == "columns" and label.text == "Model":
            return ColumnMapping(
                label.position,
                where,
                label.text,
                "model",
                None,
                1.0,
                "detected",
                "the row of model names above the parameters",
            )
        found = match_header(label.text, self.category_hint, label.unit)
        note = ""
        row, column = self._label_place(label)
        if found.alternatives:
            names = " or ".join(
                FIELD_BY_KEY[k].heading() if k in FIELD_BY_KEY else k for k in found.alternatives
            )
            note = f"ambiguous: could be {names}"
            self._problem(
                row,
                column,
                f"header '{label.text}' is ambiguous: it could be "
                f"{names}; state the unit or choose the field",
            )
        elif found.unit_problem:
            note = found.unit_problem
            self._problem(row, column, f"header '{label.text}': {found.unit_problem}")
        elif (
            found.unit is not None
            and found.key in FIELD_BY_KEY
            and pint_unit(found.unit) is None
            and FIELD_BY_KEY[found.key].kind != "money"
        ):
            note = f"unknown unit '{found.unit}'"
            self._problem(row, column, f"header '{label.text}': unknown unit '{found.unit}'")
        if found.incoterm:
            note = f"delivery term from the header: {found.incoterm}"
        return ColumnMapping(
            label.position,
            where,
            label.text,
            found.key,
            found.unit,
            found.confidence,
            "detected",
            note,
        )

    def parse(self) -> ParsedFile:
        mapping = [self._map(label) for label in self.table.labels]
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
        offers = self._offers(mapping, by_key) if "model" in by_key else []
        if "model" in by_key and not offers and not self.problems:
            self._problem(
                self.table.header_rows[-1],
                None,
                "no offers: the table has a header but no rows of machines",
            )
        return ParsedFile(
            path=self.workbook.path,
            file_hash=_file_hash(self.workbook.path),
            sheet=None if self.csv else self.sheet,
            sheet_names=self.workbook.sheet_names,
            orientation=self.table.orientation,
            header_rows=[r + 1 for r in self.table.header_rows],
            mapping=mapping,
            offers=offers,
            problems=self.problems,
            warnings=self.warnings,
            vendor_hint=vendor_hint,
        )

    def _warn_missing_units(self, by_key: dict[str, ColumnMapping]) -> None:
        for key, column in by_key.items():
            field_ = FIELD_BY_KEY.get(key)
            if field_ is None or field_.kind not in ("number",) or column.unit:
                continue
            if field_.unit and field_.unit not in ("%",):
                self.warnings.append(
                    f"'{column.header}' ({column.where}) states no unit: read as {field_.unit}"
                )

    # -- offers ---------------------------------------------------------------------------

    def _offers(
        self, mapping: list[ColumnMapping], by_key: dict[str, ColumnMapping]
    ) -> list[ParsedOffer]:
        conventions = self._conventions(by_key)
        kept = [
            (record, *found)
            for record in self.table.records
            if (found := self._model_and_cells(record, mapping, by_key)) is not None
        ]
        offers: list[ParsedOffer] = []
        seen: dict[str, int | str] = {}
        total = len(kept)
        for index, (record, model, filled) in enumerate(kept):
            if self.progress is not None and index % 500 == 0:
                self.progress(index, total)
            offer = self._offer(record, model, filled, by_key, conventions, mapping)
            if offer is None:
                continue
            if offer.model in seen:
                where = f"row {offer.row}" if offer.column is None else f"column {offer.column}"
                first = seen[offer.model]
                self._problem(
                    record.row if offer.column is None else None,
                    record.column,
                    f"model '{offer.model}' is listed twice (first at "
                    f"{'row' if offer.column is None else 'column'} {first}); "
                    f"{where} would overwrite it",
                )
                continue
            seen[offer.model] = offer.row if offer.column is None else offer.column
            offers.append(offer)
        return offers

    def _model_and_cells(
        self, record: Record, mapping: list[ColumnMapping], by_key: dict[str, ColumnMapping]
    ) -> tuple[str, list[tuple[ColumnMapping, tuple[Any, int, int]]]] | None:
        """Return the offer's model and its filled cells, or None for a row that is no
        offer (blank model, a totals line, a note or a signature below the table)."""
        cells = record.cells
        raw_model, row, col = cells.get(by_key["model"].position, ("", record.row, 0))
        model = cell_text(raw_model)
        # is_blank() inlined: this runs for every cell of the sheet.
        filled = [
            (column, cell)
            for column in mapping
            if column.key != "model"
            and (cell := cells.get(column.position)) is not None
            and (value := cell[0]) != ""
            and value is not None
            and not (type(value) is str and value.isspace())
        ]
        if not model:
            if self.table.orientation == "rows" and any(c.key for c, _ in filled):
                self._problem(row, col, "the model is missing in a row that has values")
            return None
        if TOTALS_RE.match(model) or all(column.key is None for column, _ in filled):
            return None
        return model, filled

    def _conventions(self, by_key: dict[str, ColumnMapping]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for key, column in by_key.items():
            values = [
                r.cells[column.position][0]
                for r in self.table.records
                if column.position in r.cells
            ]
            found[key] = decimal_convention(values)
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
        mapping: list[ColumnMapping],
    ) -> ParsedOffer | None:
        _, row, col = record.cells.get(by_key["model"].position, ("", record.row, 0))
        values: dict[str, Any] = {}
        extras: dict[str, Any] = {}
        identity: dict[str, str] = {}
        price_currency: str | None = None
        for column, (raw, r, c) in filled:
            if column.key is None:
                extras[column.header] = _extra_value(raw)
            elif column.key in ("vendor", "category", "manufacturer"):
                identity[column.key] = cell_text(raw)
            elif column.key == "unit_price":
                values["unit_price"], price_currency = self._price(
                    raw, r, c, column, conventions.get("unit_price")
                )
            else:
                values[column.key] = self._value(column, raw, r, c, conventions.get(column.key))
        vendor = self.options.vendor or identity.get("vendor") or ""
        category = self._category(identity.get("category"), row, col, by_key)
        currency = self._currency(price_currency, values, record, by_key)
        currency_unknown = currency == "?"
        if currency_unknown:
            currency = None
        elif currency is not None:
            values["currency"] = currency
        incoterm = next(
            (
                m.note.split(": ", 1)[1]
                for m in mapping
                if m.key == "unit_price" and m.note.startswith("delivery term")
            ),
            None,
        )
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
                "choose truck, dumper, excavator or electric_bus (command line: --category)",
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
        if "unit_price" in by_key and by_key["unit_price"].unit:
            code = currency_of_unit(by_key["unit_price"].unit or "")
            if code:
                candidates.append((code, None, None))
        if self.options.currency and self.options.currency.upper() in CURRENCIES:
            candidates.append((self.options.currency.upper(), None, None))
        if not candidates:
            return None
        code, r_, c_ = candidates[0]
        if code not in CURRENCIES:
            self._problem(r_, c_, f"unknown currency '{code}': use one of " + ", ".join(CURRENCIES))
            return "?"  # reported: the price is not also "without currency"
        stated = {x for x, _, _ in candidates[:2] if x in CURRENCIES} if in_cell else set()
        if len(stated) > 1:
            self._problem(r_, c_, "the price cell's currency differs from the currency column")
        return code

    def _price(
        self, raw: Any, r: int, c: int, column: ColumnMapping, convention: str | None
    ) -> tuple[Decimal | None, str | None]:
        amount, code = split_money(raw)
        try:
            number = parse_number(amount, convention, money=True)
        except Ambiguous as exc:
            self._problem(r, c, f"ambiguous number {exc}")
            return None, code
        except ValueError:
            self._problem(r, c, f"'{cell_text(raw)}' is not a price")
            return None, code
        if number <= 0:
            self._problem(r, c, f"the price must be greater than 0, got {cell_text(raw)}")
            return None, code
        why = check_range(FIELD_BY_KEY["unit_price"], number)
        if why:
            self._problem(r, c, why)
        return Decimal(str(round(number, 4))), code

    def _converter(self, column: ColumnMapping) -> Callable[[float], float] | None:
        """Return the column's unit conversion (computed once per column)."""
        if column.position not in self._converters:
            field_ = FIELD_BY_KEY[column.key]  # type: ignore[index]
            source = pint_unit(column.unit) if column.unit else None
            convert: Callable[[float], float] | None = identity
            if source is not None:
                try:
                    convert = converter(source, field_.unit)
                except UnitMismatch:
                    convert = None
            self._converters[column.position] = convert
        return self._converters[column.position]

    def _value(
        self, column: ColumnMapping, raw: Any, r: int, c: int, convention: str | None
    ) -> Any:
        field_ = FIELD_BY_KEY[column.key]  # type: ignore[index]
        if not field_.is_numeric:
            text = cell_text(raw)
            return text.upper() if column.key == "currency" else text
        if isinstance(raw, str) and raw.strip().casefold() in NOT_STATED:
            return None
        if type(raw) is float or type(raw) is int:
            number = float(raw)  # the common case: a number cell, nothing to parse
            if not math.isfinite(number):
                self._problem(r, c, f"{field_.label} is not a finite number")
                return None
        else:
            try:
                number = parse_number(raw, convention)
            except Ambiguous as exc:
                self._problem(r, c, f"ambiguous number {exc}")
                return None
            except ValueError:
                self._problem(r, c, f"'{cell_text(raw)}' is not a number ({field_.label})")
                return None
        convert = self._converter(column)
        if convert is None:
            return None  # the unit does not fit the field: reported once, for the header
        if convert is not identity:
            # Drop conversion noise (49.999999999998 -> 50).
            number = float(f"{convert(number):.12g}")
        if field_.kind == "integer" and not number.is_integer():
            self._problem(r, c, f"{field_.label} must be a whole number, got {cell_text(raw)}")
            return None
        why = check_range(field_, number)
        if why:
            self._problem(r, c, why)
            return None
        return number


TOTALS_RE = re.compile(r"(?i)^\s*(grand\s+)?(total|sum|subtotal|итого|всего|сумма)\b")


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


__all__ = ["INCOTERM", "ImportOptions", "ParsedFile", "ParsedOffer", "Problem", "read_offers"]

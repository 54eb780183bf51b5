"""Write the import test corpus: small vendor-style offer files, generated at test time.

Every builder takes a target folder, writes one file into it and returns its path. Three
lists describe what the importer must make of them (README.md, 'Importing vendors' spreadsheets'):

- `CASES`: good files, each with the offers it must give. Every expected value below was
  worked out by hand from the cell as written and the unit in its header, using exact
  conversion factors (the tests compare with a relative tolerance of 1e-3):
    hp (mechanical) = 0.745699872 kW        PS / л.с. (metric hp) = 0.73549875 kW
    lb = 0.45359237 kg                      short ton = 907.18474 kg
    long ton = 1016.0469088 kg              yd³ = 0.764554858 m³
    ft = 0.3048 m                           mph = 1.609344 km/h
    US gal = 3.785411784 L                  imp. gal = 4.54609 L
    °C = (°F − 32) × 5/9
- `INVALID_CASES`: files (or options) that must be refused with exit 2, naming the cell.
- `HOSTILE_CASES`: files that are not honest spreadsheets at all, refused quickly.

All models are real Belarusian designations; every price and most specifications are
illustrative, not quotations. Run `python -m tests.corpus.generate FOLDER` to look at them.
"""

from __future__ import annotations

import csv
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Cell = str | int | float | None
Rows = Sequence[Sequence[Cell]]
Builder = Callable[[Path], Path]


@dataclass(frozen=True)
class Formula:
    """A formula cell with the value its spreadsheet program cached when it saved."""

    formula: str
    cached: float


@dataclass(frozen=True)
class Case:
    """A good file and what importing it must give."""

    name: str
    build: Builder
    options: tuple[str, ...]
    offers: tuple[dict[str, Any], ...]
    sheet: str | None  # the sheet the offers come from; None for CSV
    orientation: str = "rows"  # "rows" or "columns" (spec-sheet layout)
    mapping: dict[str, str | None] = field(default_factory=dict)  # header -> field (subset)
    strict: bool = True  # every canonical field not listed in an offer must be null


@dataclass(frozen=True)
class Refusal:
    """A file (with options) that the importer must refuse."""

    name: str
    build: Builder
    options: tuple[str, ...]
    all_words: tuple[str, ...] = ()  # each must appear in stderr (case-insensitive)
    any_words: tuple[str, ...] = ()  # at least one must appear in stderr (case-insensitive)
    places: tuple[str, ...] = ()  # each must appear in stderr exactly as written
    prefixed: bool = True  # every stderr line starts with "procure: " (argparse adds usage)


def offer(
    vendor: str,
    category: str,
    model: str,
    row: int,
    column: str | None = None,
    extras: dict[str, Any] | None = None,
    **values: Any,
) -> dict[str, Any]:
    """Describe one expected offer: identity, spreadsheet place, extras and field values."""
    return {
        "vendor": vendor,
        "category": category,
        "model": model,
        "row": row,
        "column": column,
        "extras": extras or {},
        "values": values,
    }


# --------------------------------------------------------------------------- writers


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    sheet: str = "Offer",
    merges: Sequence[str] = (),
    hidden_rows: Sequence[int] = (),
    hidden_columns: Sequence[str] = (),
) -> Path:
    """Write rows (None = empty cell) to a one-sheet workbook with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.template = False
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for area in merges:
        ws.merge_cells(area)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for letter in hidden_columns:
        ws.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def write_xls(path: Path, rows: Rows, *, sheet: str = "Offer") -> Path:
    """Write rows to a legacy BIFF8 .xls workbook with xlwt."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: Rows, *, sheet: str = "Offer") -> Path:
    """Write rows to an OpenDocument spreadsheet with odfpy (numbers as float cells)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for values in rows:
        tr = TableRow()
        for value in values:
            if value is None:
                tc = TableCell()
            elif isinstance(value, int | float):
                tc = TableCell(valuetype="float", value=value)
                tc.addElement(P(text=f"{value:g}"))
            else:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=value))
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_csv(path: Path, rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """Write rows as delimited text in the given encoding ("utf-8-sig" adds the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for values in rows:
        writer.writerow(["" if v is None else v for v in values])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _column_letter(index: int) -> str:
    """Return the column letter of a 0-based index (0 -> A, 25 -> Z, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: Sequence[Sequence[Cell | Formula]], prologue: str = "") -> str:
    """Return a worksheet part: strings inline, numbers as values, formulas with cache."""
    lines = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values):
            ref = f"{_column_letter(c)}{r}"
            if value is None:
                continue
            if isinstance(value, Formula):
                cells.append(f'<c r="{ref}"><f>{value.formula}</f><v>{value.cached:g}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value:g}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml_text(value)}</t></is></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prologue
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "<sheetData>"
        + "".join(lines)
        + "</sheetData></worksheet>"
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "{shared}</Relationships>"
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)


def write_xlsx_by_hand(
    path: Path,
    sheet: str | None,
    *,
    shared_strings: str | None = None,
    sheet_name: str = "Offer",
    sheet_chunks: tuple[bytes, bytes, int] | None = None,
) -> Path:
    """Zip a minimal workbook whose XML parts are written here, character by character.

    `sheet` is the worksheet part; `sheet_chunks` = (head, chunk, count) instead streams a
    worksheet of head + chunk * count + tail, so that a huge part never sits in memory.
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        shared = shared_strings is not None
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE * shared))
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(sheet=sheet_name))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL * shared))
        if shared_strings is not None:
            z.writestr("xl/sharedStrings.xml", shared_strings)
        if sheet_chunks is None:
            assert sheet is not None
            z.writestr("xl/worksheets/sheet1.xml", sheet)
        else:
            head, chunk, count = sheet_chunks
            with z.open("xl/worksheets/sheet1.xml", "w") as part:
                part.write(head)
                for _ in range(count):
                    part.write(chunk)
                part.write(b"</sheetData></worksheet>")
    return path


# --------------------------------------------------------------------- good: formats

MAZ_TRUCK_HEADER = [
    "Model",
    "Wheel formula",
    "Payload (t)",
    "Body volume (m3)",
    "GVW (kg)",
    "Engine power (hp)",
    "Emission standard",
    "Max speed (km/h)",
    "Fuel consumption (l/100 km)",
    "Price (USD)",
    "Incoterms",
    "Delivery (weeks)",
    "Warranty (months)",
]
MAZ_TRUCK_ROWS: list[list[Cell]] = [
    ["MAZ-6501C9-8525-000", "6x4", 20, 16, 33500, 420, "Euro 5", 85, 38.5, 245000, "FCA Minsk",
     18, 24],
    ["MAZ-6516V9-480-000", "8x4", 25, 20, 41000, 460, "Euro 5", 80, 42, 268900, "FCA Minsk",
     20, 24],
    ["MAZ-5550C5-8520-000", "4x2", 10.5, 8.4, 19000, 280, "Euro 3", 90, 27.5, 139900, "FCA Minsk",
     12, 18],
]  # fmt: skip


def maz_trucks_xlsx(folder: Path) -> Path:
    """English rows layout, header in row 1, units in the headers."""
    return write_xlsx(folder / "maz_trucks.xlsx", [MAZ_TRUCK_HEADER, *MAZ_TRUCK_ROWS])


def mzkt_quotation_xlsm(folder: Path) -> Path:
    """A macro-enabled workbook name (.xlsm) holding an ordinary sheet."""
    rows: Rows = [
        ["Model", "Payload (t)", "GVW (t)", "Engine power (kW)", "Max speed (km/h)",
         "Gradeability (%)", "Price (USD)", "Colour"],
        ["MZKT-65158", 24, 46, 330, 70, 30, 310000, "sand"],
        ["MZKT-600203", 30, 55, 375, 60, 35, 355000, "khaki"],
    ]  # fmt: skip
    return write_xlsx(folder / "mzkt_quotation.xlsm", rows, sheet="Quotation")


def amkodor_excavators_xls(folder: Path) -> Path:
    """Legacy .xls, Russian headers, a price without a currency (given with --currency)."""
    rows: Rows = [
        ["Модель", "Эксплуатационная масса, т", "Объём ковша, м³", "Мощность двигателя, кВт",
         "Макс. глубина копания, м", "Расход топлива, л/ч", "Цена", "Гарантия, мес."],
        ["Амкодор ЭК-220", 22.5, 1.2, 125, 6.6, 18, 185000, 12],
        ["Амкодор ЭК-270", 27.3, 1.6, 150, 7.0, 22, 225000, 12],
    ]  # fmt: skip
    return write_xls(folder / "amkodor_excavators.xls", rows, sheet="Экскаваторы")


def belaz_dumpers_ods(folder: Path) -> Path:
    """OpenDocument, with the vendor and the category in columns of their own."""
    rows: Rows = [
        ["Vendor", "Category", "Model", "Payload (t)", "Body volume, heaped (m³)",
         "Engine power (kW)", "Fuel consumption (L/h)", "Price (USD)", "Incoterm"],
        ["BelAZ", "dumper", "BelAZ-7555B", 55, 33.3, 522, 42, 1180000, "FCA Zhodino"],
        ["BelAZ", "dumper", "BelAZ-75581", 90, 53.3, 772, 68, 2350000, "FCA Zhodino"],
        ["BelAZ", "dumper", "BelAZ-75131", 130, 71.2, 1194, 95, 3120000, "CFR Karachi"],
    ]  # fmt: skip
    return write_ods(folder / "belaz_dumpers.ods", rows)


def mzkt_trucks_csv(folder: Path) -> Path:
    """UTF-8 without BOM, comma-delimited, prices with thousands commas (quoted)."""
    rows: Rows = [
        ["Model", "Payload (t)", "GVW (t)", "Engine power (hp)", "Max speed (km/h)",
         "Price (USD)", "Colour"],
        ["MZKT-65158", "24", "46", "500", "70", "310,000", "sand"],
        ["MZKT-652712", "20", "38.5", "400", "80", "265,500", "white"],
        ["MZKT-600203", "30", "55", "510", "60", "355,000", "khaki"],
    ]  # fmt: skip
    return write_csv(folder / "mzkt_trucks.csv", rows)


def bkm_buses_csv(folder: Path) -> Path:
    """UTF-8 with BOM, semicolons, decimal commas, space-grouped prices."""
    rows: Rows = [
        ["Model", "Passengers", "Battery (kWh)", "Range (km)", "Charging power (kW)",
         "Energy consumption (kWh/km)", "Length (m)", "Max speed (km/h)", "Price (EUR)"],
        ["BKM E420", "90", "300", "280", "120", "1,15", "12,35", "75", "430 000"],
        ["BKM E433 Vitovt Max Electro", "150", "350", "250", "150", "1,45", "18,75", "70",
         "520 000"],
        ["BKM E410", "72", "285", "300", "150", "1,05", "12,43", "70", "395 000"],
    ]  # fmt: skip
    return write_csv(folder / "bkm_buses.csv", rows, encoding="utf-8-sig", delimiter=";")


def maz_trucks_ru_csv(folder: Path) -> Path:
    """cp1251, tab-delimited, Russian headers, metric horsepower, space-grouped numbers."""
    rows: Rows = [
        ["Модель", "Колёсная формула", "Грузоподъёмность, т", "Полная масса, кг",
         "Мощность двигателя, л.с.", "Цена, USD", "Кабина"],
        ["МАЗ-6501С9", "6х4", "20", "33 500", "400", "245 000", "спальная"],
        ["МАЗ-5516С5", "6х4", "20", "33 000", "420", "228 500", "дневная"],
        ["МАЗ-5550С5", "4х2", "10,5", "19 000", "280", "139 900", "дневная"],
    ]  # fmt: skip
    return write_csv(folder / "maz_trucks_ru.csv", rows, encoding="cp1251", delimiter="\t")


def belaz_dumpers_ru_csv(folder: Path) -> Path:
    """cp1251, semicolons and decimal commas, as Russian Excel saves "CSV (;)"."""
    rows: Rows = [
        ["Модель", "Грузоподъёмность, т", "Объём кузова с шапкой, м3", "Полная масса, т",
         "Мощность, кВт", "Расход топлива, л/ч", "Макс. температура окружающей среды, °C",
         "Цена, USD"],
        ["БелАЗ-7547", "45", "26,5", "77,5", "380", "35,5", "+50", "820 000"],
        ["БелАЗ-7555В", "55", "33,3", "97", "522", "42", "+50", "1 180 000"],
    ]  # fmt: skip
    return write_csv(folder / "belaz_dumpers_ru.csv", rows, encoding="cp1251", delimiter=";")


# --------------------------------------------------------------------- good: layouts


def maz_offer_title_xlsx(folder: Path) -> Path:
    """Title block and blank rows above; a totals row, notes and a signature below."""
    rows: Rows = [
        ["Minsk Automobile Plant (MAZ), OJSC"],
        ["Commercial offer No. MAZ-PK-2026/077"],
        ["Date: 14.10.2026"],
        [],
        [],
        ["No.", "Model", "Payload (t)", "Engine power (hp)", "Price (USD)"],
        [1, "MAZ-6501C9-8525-000", 20, 420, 245000],
        [2, "MAZ-5516C5-8525-000", 20, 400, 228500],
        [3, "MAZ-6516V9-480-000", 25, 460, 268900],
        [None, "Total", None, None, 742400],
        [],
        ["Notes: prices FCA Minsk, valid for 90 days; VAT not included."],
        ["Signature: ______________ I. Ivanov, Sales Director"],
    ]
    return write_xlsx(folder / "maz_offer_title.xlsx", rows, sheet="Offer 077")


def maz_two_row_header_xlsx(folder: Path) -> Path:
    """A two-row header: the group label "Engine" over "Power (hp)" and "Emission"."""
    rows: Rows = [
        ["Model", "Payload (t)", "Engine", None, "Price (USD)"],
        [None, None, "Power (hp)", "Emission", None],
        ["MAZ-6501C9-8525-000", 20, 420, "Euro 5", 245000],
        ["MAZ-5550C5-8520-000", 10.5, 280, "Euro 3", 139900],
    ]
    return write_xlsx(folder / "maz_two_row_header.xlsx", rows)


def belaz_merged_xlsx(folder: Path) -> Path:
    """Merged cells: the title across the table, header cells over two rows and columns."""
    rows: Rows = [
        ["BelAZ — offer to Lakhra Coal Mining Co."],
        [],
        ["Model", "Payload, t", "Engine", None, "Price, USD", "Wheel formula"],
        [None, None, "Power (kW)", "Emission", None, None],
        ["BelAZ-7555B", 55, 522, "Tier 2", 1180000, "4x2"],
        ["BelAZ-75581", 90, 772, "Tier 2", 2350000, "4x2"],
        ["BelAZ-75131", 130, 1194, "Tier 2", 3120000, "4x2"],
    ]
    merges = ("A1:F1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4")
    return write_xlsx(folder / "belaz_merged.xlsx", rows, merges=merges)


def maz_hidden_xlsx(folder: Path) -> Path:
    """A hidden column (C, body volume) and a hidden row (3, an offer): both are data."""
    rows: Rows = [
        ["Model", "Payload (t)", "Body volume (m3)", "Engine power (kW)", "Price (USD)"],
        ["MAZ-6501C9-8525-000", 20, 16, 309, 245000],
        ["MAZ-6516V9-480-000", 25, 20, 353, 268900],
        ["MAZ-5550C5-8520-000", 10.5, 8.4, 206, 139900],
    ]
    return write_xlsx(folder / "maz_hidden.xlsx", rows, hidden_rows=(3,), hidden_columns=("C",))


def maz_unit_row_xlsx(folder: Path) -> Path:
    """Units in a row of their own directly under the header (long tons, mph)."""
    rows: Rows = [
        ["Model", "Payload", "Gross vehicle weight", "Engine power", "Max speed", "Price"],
        [None, "long tons", "kg", "hp", "mph", "USD"],
        ["MAZ-6501C9-8525-000", 20, 33500, 420, 50, 245000],
        ["MAZ-6516V9-480-000", 25, 41000, 460, 55, 268900],
        ["MAZ-5550C5-8520-000", 10, 19000, 280, 45, 139900],
    ]
    return write_xlsx(folder / "maz_unit_row.xlsx", rows)


def mzkt_spec_xlsx(folder: Path) -> Path:
    """Spec-sheet layout in English: parameters down A, units in B, models across from C."""
    rows: Rows = [
        ["MZKT — technical and commercial offer No. 12/2026"],
        [],
        ["Parameter", "Unit", "MZKT-65158", "MZKT-652712", "MZKT-600203"],
        ["Payload", "t", 24, 20, 30],
        ["Gross vehicle weight", "kg", "46 000", 38500, 55000],
        ["Engine power", "hp", 500, 400, 510],
        ["Max speed", "km/h", 70, 80, 60],
        ["Colour", None, "sand", "white", "khaki"],
        ["Price", "USD", 310000, 265500, 355000],
        ["Delivery", "weeks", 20, 16, 24],
    ]
    return write_xlsx(folder / "mzkt_spec.xlsx", rows, sheet="Spec")


def maz_spec_ru_xlsx(folder: Path) -> Path:
    """Spec-sheet layout in Russian, unit column "Ед. изм.", a да/нет row."""
    rows: Rows = [
        ["ОАО «МАЗ» — технико-коммерческое предложение № 17"],
        ["Дата: 01.11.2026"],
        [],
        ["Наименование параметра", "Ед. изм.", "МАЗ-6501С9", "МАЗ-6516В9"],
        ["Грузоподъёмность", "т", 20, 25],
        ["Полная масса", "кг", "33 500", "41 000"],
        ["Мощность двигателя", "л.с.", 400, 460],
        ["Кондиционер", None, "да", "нет"],
        ["Цена", "USD", "245 000", "268 900"],
        ["Срок поставки", "нед.", 18, 20],
        ["Гарантия", "мес.", 24, 24],
    ]
    return write_xlsx(folder / "maz_spec_ru.xlsx", rows, sheet="ТКП")


# --------------------------------------------------------------- good: headers, units


def belaz_imperial_xlsx(folder: Path) -> Path:
    """Upper/lower case, inverted word order and US units in the headers."""
    rows: Rows = [
        ["MODEL", "PAYLOAD, SHORT TONS", "Body volume, yd³", "POWER, ENGINE (HP)",
         "max speed (MPH)", "Fuel consumption (US gal/h)", "Ambient temperature, max (°F)",
         "PRICE USD"],
        ["BelAZ-7540B", 33, 26, 500, 50, 10, 122, 520000],
        ["BelAZ-7555B", 60, 44, 760, 34, 25, 113, 1180000],
    ]  # fmt: skip
    return write_xlsx(folder / "belaz_imperial.xlsx", rows)


def mzkt_ru_headers_xlsx(folder: Path) -> Path:
    """Russian headers, the model not in the first column, "Масса полная" word order."""
    rows: Rows = [
        ["Мощность двигателя, л.с.", "Модель", "Грузоподъёмность, т", "Масса полная, т",
         "Скорость максимальная, км/ч", "Цена, EUR", "Кабина", "Колёсная формула"],
        [500, "МЗКТ-65158", 24, 46, 70, 285000, "двухместная", "6х6"],
        [450, "МЗКТ-600203", 30, 55, 60, 325000, "трёхместная", "6х6"],
    ]  # fmt: skip
    return write_xlsx(folder / "mzkt_ru_headers.xlsx", rows, sheet="Лист1")


def amkodor_imperial_xlsx(folder: Path) -> Path:
    """An excavator offer in lb, yd³, PS, ft and imperial gallons."""
    rows: Rows = [
        ["Model", "Operating weight (lb)", "Bucket capacity (yd³)", "Engine power (PS)",
         "Max dig depth (ft)", "Fuel consumption (imp gal/h)", "Price (USD)"],
        ["Amkodor EK-220", 44000, 1.5, 170, 20, 10, 185000],
        ["Amkodor EK-270", 60000, 2, 205, 23, 12, 225000],
    ]  # fmt: skip
    return write_xlsx(folder / "amkodor_imperial.xlsx", rows)


# ---------------------------------------------------------------------- good: values


def belaz_prices_text_xlsx(folder: Path) -> Path:
    """Numbers typed as text with space, no-break space, comma and apostrophe grouping."""
    rows: Rows = [
        ["Model", "Payload (t)", "GVW (kg)", "Price (USD)"],
        ["BelAZ-7555B", 55, "97 000", "1 250 000"],
        ["BelAZ-7555E", 55, "97\u00a0500", "1\u00a0265\u00a0000"],
        ["BelAZ-75581", 90, "164 000", "2,350,000"],
        ["BelAZ-75583", 90, "165'000", "2'410'000"],
    ]
    return write_xlsx(folder / "belaz_prices_text.xlsx", rows)


def maz_decimal_commas_xlsx(folder: Path) -> Path:
    """Decimal commas in text cells; "9,875" is a decimal because its column says so."""
    rows: Rows = [
        ["Model", "Length (m)", "Body volume (m3)", "Fuel consumption (l/100 km)", "Price (USD)"],
        ["MAZ-6501C9-8525-000", "8,5", "16,5", "38,5", 245000],
        ["MAZ-5516C5-8525-000", "10,25", "12", "36", 228500],
        ["MAZ-6516V9-480-000", "9,875", "20,25", "42,75", 268900],
        ["MAZ-5550C5-8520-000", "7,2", "4,5", "27,5", 139900],
    ]
    return write_xlsx(folder / "maz_decimal_commas.xlsx", rows)


def maz_currency_cells_xlsx(folder: Path) -> Path:
    """The currency inside each price cell; a yes/no/да/нет column kept as an extra."""
    rows: Rows = [
        ["Model", "Payload (t)", "Price", "Air conditioning"],
        ["MAZ-6501C9-8525-000", 20, "USD 245,000", "yes"],
        ["MAZ-5516C5-8525-000", 20, "$ 228,500", "no"],
        ["MAZ-6501B9-8420-000", 20, "€ 410 000", "да"],
        ["MAZ-6516V9-480-000", 25, "268 900 USD", "нет"],
    ]
    return write_xlsx(folder / "maz_currency_cells.xlsx", rows)


def belaz_formulas_xlsx(folder: Path) -> Path:
    """Formula cells with cached values, as Excel saves them (openpyxl caches nothing)."""
    rows = [
        ["Model", "Payload (t)", "GVW (t)", "Price (USD)"],
        ["BelAZ-7555B", 55, Formula("B2+42", 97), 1180000],
        ["BelAZ-7513", Formula("B2*2", 110), 200, Formula("D2*2", 2360000)],
    ]
    return write_xlsx_by_hand(folder / "belaz_formulas.xlsx", sheet_xml(rows))


# --------------------------------------------------------------------- expected offers

T, D, X, B = "truck", "dumper", "excavator", "electric_bus"
_MAZ = ("--vendor", "MAZ", "--category", "truck")
_MZKT = ("--vendor", "MZKT", "--category", "truck")
_BELAZ = ("--vendor", "BelAZ", "--category", "dumper")
_AMKODOR = ("--vendor", "Amkodor", "--category", "excavator")

CASES: list[Case] = [
    Case(
        "xlsx_rows_plain",
        maz_trucks_xlsx,
        _MAZ,
        (
            # GVW 33 500 kg = 33.5 t; 420 hp × 0.745699872 = 313.194 kW
            offer("MAZ", T, "MAZ-6501C9-8525-000", 2, extras={"Wheel formula": "6x4"},
                  payload_t=20, body_volume_m3=16, gvw_t=33.5, engine_power_kw=313.19,
                  emission_standard="Euro 5", max_speed_kmh=85, fuel_l_per_100km=38.5,
                  unit_price=245000, currency="USD", incoterm="FCA Minsk", delivery_weeks=18,
                  warranty_months=24),
            # 41 000 kg = 41 t; 460 hp × 0.745699872 = 343.022 kW
            offer("MAZ", T, "MAZ-6516V9-480-000", 3, extras={"Wheel formula": "8x4"},
                  payload_t=25, body_volume_m3=20, gvw_t=41, engine_power_kw=343.02,
                  emission_standard="Euro 5", max_speed_kmh=80, fuel_l_per_100km=42,
                  unit_price=268900, currency="USD", incoterm="FCA Minsk", delivery_weeks=20,
                  warranty_months=24),
            # 19 000 kg = 19 t; 280 hp × 0.745699872 = 208.796 kW
            offer("MAZ", T, "MAZ-5550C5-8520-000", 4, extras={"Wheel formula": "4x2"},
                  payload_t=10.5, body_volume_m3=8.4, gvw_t=19, engine_power_kw=208.80,
                  emission_standard="Euro 3", max_speed_kmh=90, fuel_l_per_100km=27.5,
                  unit_price=139900, currency="USD", incoterm="FCA Minsk", delivery_weeks=12,
                  warranty_months=18),
        ),
        "Offer",
        mapping={"Payload (t)": "payload_t", "GVW (kg)": "gvw_t",
                 "Engine power (hp)": "engine_power_kw", "Wheel formula": None,
                 "Fuel consumption (l/100 km)": "fuel_l_per_100km"},
    ),
    Case(
        "xlsm_format",
        mzkt_quotation_xlsm,
        _MZKT,
        (
            offer("MZKT", T, "MZKT-65158", 2, extras={"Colour": "sand"}, payload_t=24, gvw_t=46,
                  engine_power_kw=330, max_speed_kmh=70, gradeability_pct=30,
                  unit_price=310000, currency="USD"),
            offer("MZKT", T, "MZKT-600203", 3, extras={"Colour": "khaki"}, payload_t=30,
                  gvw_t=55, engine_power_kw=375, max_speed_kmh=60, gradeability_pct=35,
                  unit_price=355000, currency="USD"),
        ),
        "Quotation",
    ),
    Case(
        "xls_russian_excavators_currency_option",
        amkodor_excavators_xls,
        (*_AMKODOR, "--currency", "USD"),
        (
            # every unit is already canonical (т, м³, кВт, м, л/ч, мес.)
            offer("Amkodor", X, "Амкодор ЭК-220", 2, operating_weight_t=22.5, bucket_m3=1.2,
                  engine_power_kw=125, max_dig_depth_m=6.6, fuel_l_per_h=18,
                  unit_price=185000, currency="USD", warranty_months=12),
            offer("Amkodor", X, "Амкодор ЭК-270", 3, operating_weight_t=27.3, bucket_m3=1.6,
                  engine_power_kw=150, max_dig_depth_m=7.0, fuel_l_per_h=22,
                  unit_price=225000, currency="USD", warranty_months=12),
        ),
        "Экскаваторы",
        mapping={"Объём ковша, м³": "bucket_m3", "Мощность двигателя, кВт": "engine_power_kw"},
    ),
    Case(
        "ods_vendor_and_category_columns",
        belaz_dumpers_ods,
        (),
        (
            offer("BelAZ", D, "BelAZ-7555B", 2, payload_t=55, body_volume_m3=33.3,
                  engine_power_kw=522, fuel_l_per_h=42, unit_price=1180000, currency="USD",
                  incoterm="FCA Zhodino"),
            offer("BelAZ", D, "BelAZ-75581", 3, payload_t=90, body_volume_m3=53.3,
                  engine_power_kw=772, fuel_l_per_h=68, unit_price=2350000, currency="USD",
                  incoterm="FCA Zhodino"),
            offer("BelAZ", D, "BelAZ-75131", 4, payload_t=130, body_volume_m3=71.2,
                  engine_power_kw=1194, fuel_l_per_h=95, unit_price=3120000, currency="USD",
                  incoterm="CFR Karachi"),
        ),
        "Offer",
    ),
    Case(
        "csv_utf8_comma",
        mzkt_trucks_csv,
        _MZKT,
        (
            # 500 hp × 0.745699872 = 372.850 kW; "310,000" in a price column = 310 000
            offer("MZKT", T, "MZKT-65158", 2, extras={"Colour": "sand"}, payload_t=24, gvw_t=46,
                  engine_power_kw=372.85, max_speed_kmh=70, unit_price=310000, currency="USD"),
            # 400 hp × 0.745699872 = 298.280 kW
            offer("MZKT", T, "MZKT-652712", 3, extras={"Colour": "white"}, payload_t=20,
                  gvw_t=38.5, engine_power_kw=298.28, max_speed_kmh=80, unit_price=265500,
                  currency="USD"),
            # 510 hp × 0.745699872 = 380.307 kW
            offer("MZKT", T, "MZKT-600203", 4, extras={"Colour": "khaki"}, payload_t=30,
                  gvw_t=55, engine_power_kw=380.31, max_speed_kmh=60, unit_price=355000,
                  currency="USD"),
        ),
        None,
    ),
    Case(
        "csv_utf8_bom_semicolon_decimal_commas",
        bkm_buses_csv,
        ("--vendor", "BKM", "--category", "electric_bus"),
        (
            # "1,15" = 1.15 kWh/km; "12,35" = 12.35 m; "430 000" EUR from the header
            offer("BKM", B, "BKM E420", 2, passengers=90, battery_kwh=300, range_km=280,
                  charging_kw=120, energy_kwh_per_km=1.15, length_m=12.35, max_speed_kmh=75,
                  unit_price=430000, currency="EUR"),
            offer("BKM", B, "BKM E433 Vitovt Max Electro", 3, passengers=150, battery_kwh=350,
                  range_km=250, charging_kw=150, energy_kwh_per_km=1.45, length_m=18.75,
                  max_speed_kmh=70, unit_price=520000, currency="EUR"),
            offer("BKM", B, "BKM E410", 4, passengers=72, battery_kwh=285, range_km=300,
                  charging_kw=150, energy_kwh_per_km=1.05, length_m=12.43, max_speed_kmh=70,
                  unit_price=395000, currency="EUR"),
        ),
        None,
    ),
    Case(
        "csv_cp1251_tab_russian",
        maz_trucks_ru_csv,
        _MAZ,
        (
            # "33 500" кг = 33.5 t; 400 л.с. × 0.73549875 = 294.200 kW
            offer("MAZ", T, "МАЗ-6501С9", 2,
                  extras={"Колёсная формула": "6х4", "Кабина": "спальная"}, payload_t=20,
                  gvw_t=33.5, engine_power_kw=294.20, unit_price=245000, currency="USD"),
            # 420 л.с. × 0.73549875 = 308.909 kW
            offer("MAZ", T, "МАЗ-5516С5", 3,
                  extras={"Колёсная формула": "6х4", "Кабина": "дневная"}, payload_t=20,
                  gvw_t=33, engine_power_kw=308.91, unit_price=228500, currency="USD"),
            # "10,5" т = 10.5 t; 280 л.с. × 0.73549875 = 205.940 kW
            offer("MAZ", T, "МАЗ-5550С5", 4,
                  extras={"Колёсная формула": "4х2", "Кабина": "дневная"}, payload_t=10.5,
                  gvw_t=19, engine_power_kw=205.94, unit_price=139900, currency="USD"),
        ),
        None,
        mapping={"Мощность двигателя, л.с.": "engine_power_kw", "Кабина": None},
    ),
    Case(
        "csv_cp1251_semicolon_russian",
        belaz_dumpers_ru_csv,
        _BELAZ,
        (
            # "26,5" м3 = 26.5 m³; "+50" °C = 50; "820 000" USD
            offer("BelAZ", D, "БелАЗ-7547", 2, payload_t=45, body_volume_m3=26.5, gvw_t=77.5,
                  engine_power_kw=380, fuel_l_per_h=35.5, ambient_max_c=50, unit_price=820000,
                  currency="USD"),
            offer("BelAZ", D, "БелАЗ-7555В", 3, payload_t=55, body_volume_m3=33.3, gvw_t=97,
                  engine_power_kw=522, fuel_l_per_h=42, ambient_max_c=50, unit_price=1180000,
                  currency="USD"),
        ),
        None,
    ),
    Case(
        "title_block_totals_notes_signature",
        maz_offer_title_xlsx,
        _MAZ,
        (
            # header in row 6, offers in rows 7–9; "Total" (row 10) and notes are no offers
            offer("MAZ", T, "MAZ-6501C9-8525-000", 7, payload_t=20, engine_power_kw=313.19,
                  unit_price=245000, currency="USD"),
            # 400 hp × 0.745699872 = 298.280 kW
            offer("MAZ", T, "MAZ-5516C5-8525-000", 8, payload_t=20, engine_power_kw=298.28,
                  unit_price=228500, currency="USD"),
            offer("MAZ", T, "MAZ-6516V9-480-000", 9, payload_t=25, engine_power_kw=343.02,
                  unit_price=268900, currency="USD"),
        ),
        "Offer 077",
    ),
    Case(
        "two_row_header",
        maz_two_row_header_xlsx,
        _MAZ,
        (
            offer("MAZ", T, "MAZ-6501C9-8525-000", 3, payload_t=20, engine_power_kw=313.19,
                  emission_standard="Euro 5", unit_price=245000, currency="USD"),
            offer("MAZ", T, "MAZ-5550C5-8520-000", 4, payload_t=10.5, engine_power_kw=208.80,
                  emission_standard="Euro 3", unit_price=139900, currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "merged_header_cells",
        belaz_merged_xlsx,
        _BELAZ,
        (
            offer("BelAZ", D, "BelAZ-7555B", 5, extras={"Wheel formula": "4x2"}, payload_t=55,
                  engine_power_kw=522, emission_standard="Tier 2", unit_price=1180000,
                  currency="USD"),
            offer("BelAZ", D, "BelAZ-75581", 6, extras={"Wheel formula": "4x2"}, payload_t=90,
                  engine_power_kw=772, emission_standard="Tier 2", unit_price=2350000,
                  currency="USD"),
            offer("BelAZ", D, "BelAZ-75131", 7, extras={"Wheel formula": "4x2"}, payload_t=130,
                  engine_power_kw=1194, emission_standard="Tier 2", unit_price=3120000,
                  currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "hidden_rows_and_columns",
        maz_hidden_xlsx,
        _MAZ,
        (
            offer("MAZ", T, "MAZ-6501C9-8525-000", 2, payload_t=20, body_volume_m3=16,
                  engine_power_kw=309, unit_price=245000, currency="USD"),
            # row 3 is hidden, column C is hidden: still data
            offer("MAZ", T, "MAZ-6516V9-480-000", 3, payload_t=25, body_volume_m3=20,
                  engine_power_kw=353, unit_price=268900, currency="USD"),
            offer("MAZ", T, "MAZ-5550C5-8520-000", 4, payload_t=10.5, body_volume_m3=8.4,
                  engine_power_kw=206, unit_price=139900, currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "unit_row_under_header",
        maz_unit_row_xlsx,
        _MAZ,
        (
            # 20 long tons × 1.0160469088 = 20.321 t; 50 mph × 1.609344 = 80.467 km/h
            offer("MAZ", T, "MAZ-6501C9-8525-000", 3, payload_t=20.321, gvw_t=33.5,
                  engine_power_kw=313.19, max_speed_kmh=80.467, unit_price=245000,
                  currency="USD"),
            # 25 long tons = 25.401 t; 55 mph = 88.514 km/h
            offer("MAZ", T, "MAZ-6516V9-480-000", 4, payload_t=25.401, gvw_t=41,
                  engine_power_kw=343.02, max_speed_kmh=88.514, unit_price=268900,
                  currency="USD"),
            # 10 long tons = 10.160 t; 45 mph = 72.420 km/h
            offer("MAZ", T, "MAZ-5550C5-8520-000", 5, payload_t=10.160, gvw_t=19,
                  engine_power_kw=208.80, max_speed_kmh=72.420, unit_price=139900,
                  currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "spec_sheet_english",
        mzkt_spec_xlsx,
        _MZKT,
        (
            # models across row 3 in C, D, E; "46 000" kg = 46 t; 500 hp = 372.850 kW
            offer("MZKT", T, "MZKT-65158", 3, "C", extras={"Colour": "sand"}, payload_t=24,
                  gvw_t=46, engine_power_kw=372.85, max_speed_kmh=70, unit_price=310000,
                  currency="USD", delivery_weeks=20),
            # 38 500 kg = 38.5 t; 400 hp = 298.280 kW
            offer("MZKT", T, "MZKT-652712", 3, "D", extras={"Colour": "white"}, payload_t=20,
                  gvw_t=38.5, engine_power_kw=298.28, max_speed_kmh=80, unit_price=265500,
                  currency="USD", delivery_weeks=16),
            # 55 000 kg = 55 t; 510 hp = 380.307 kW
            offer("MZKT", T, "MZKT-600203", 3, "E", extras={"Colour": "khaki"}, payload_t=30,
                  gvw_t=55, engine_power_kw=380.31, max_speed_kmh=60, unit_price=355000,
                  currency="USD", delivery_weeks=24),
        ),
        "Spec",
        orientation="columns",
    ),
    Case(
        "spec_sheet_russian",
        maz_spec_ru_xlsx,
        _MAZ,
        (
            # "33 500" кг = 33.5 t; 400 л.с. × 0.73549875 = 294.200 kW
            offer("MAZ", T, "МАЗ-6501С9", 4, "C", extras={"Кондиционер": "да"}, payload_t=20,
                  gvw_t=33.5, engine_power_kw=294.20, unit_price=245000, currency="USD",
                  delivery_weeks=18, warranty_months=24),
            # "41 000" кг = 41 t; 460 л.с. × 0.73549875 = 338.329 kW
            offer("MAZ", T, "МАЗ-6516В9", 4, "D", extras={"Кондиционер": "нет"}, payload_t=25,
                  gvw_t=41, engine_power_kw=338.33, unit_price=268900, currency="USD",
                  delivery_weeks=20, warranty_months=24),
        ),
        "ТКП",
        orientation="columns",
    ),
    Case(
        "english_headers_mixed_case_us_units",
        belaz_imperial_xlsx,
        _BELAZ,
        (
            # 33 sh t × 0.90718474 = 29.937 t; 26 yd³ × 0.764554858 = 19.878 m³;
            # 500 hp = 372.850 kW; 50 mph = 80.467 km/h; 10 US gal/h = 37.854 L/h;
            # 122 °F = (122 − 32) × 5/9 = 50 °C
            offer("BelAZ", D, "BelAZ-7540B", 2, payload_t=29.937, body_volume_m3=19.878,
                  engine_power_kw=372.85, max_speed_kmh=80.467, fuel_l_per_h=37.854,
                  ambient_max_c=50, unit_price=520000, currency="USD"),
            # 60 sh t = 54.431 t; 44 yd³ = 33.640 m³; 760 hp = 566.732 kW;
            # 34 mph = 54.718 km/h; 25 US gal/h = 94.635 L/h; 113 °F = 45 °C
            offer("BelAZ", D, "BelAZ-7555B", 3, payload_t=54.431, body_volume_m3=33.640,
                  engine_power_kw=566.73, max_speed_kmh=54.718, fuel_l_per_h=94.635,
                  ambient_max_c=45, unit_price=1180000, currency="USD"),
        ),
        "Offer",
        mapping={"POWER, ENGINE (HP)": "engine_power_kw", "PAYLOAD, SHORT TONS": "payload_t",
                 "Ambient temperature, max (°F)": "ambient_max_c"},
    ),
    Case(
        "russian_headers_word_order",
        mzkt_ru_headers_xlsx,
        _MZKT,
        (
            # 500 л.с. × 0.73549875 = 367.749 kW
            offer("MZKT", T, "МЗКТ-65158", 2,
                  extras={"Кабина": "двухместная", "Колёсная формула": "6х6"},
                  engine_power_kw=367.75, payload_t=24, gvw_t=46, max_speed_kmh=70,
                  unit_price=285000, currency="EUR"),
            # 450 л.с. × 0.73549875 = 330.974 kW
            offer("MZKT", T, "МЗКТ-600203", 3,
                  extras={"Кабина": "трёхместная", "Колёсная формула": "6х6"},
                  engine_power_kw=330.97, payload_t=30, gvw_t=55, max_speed_kmh=60,
                  unit_price=325000, currency="EUR"),
        ),
        "Лист1",
        mapping={"Грузоподъёмность, т": "payload_t", "Масса полная, т": "gvw_t",
                 "Кабина": None},
    ),
    Case(
        "imperial_excavator_units",
        amkodor_imperial_xlsx,
        _AMKODOR,
        (
            # 44 000 lb × 0.45359237 = 19 958.06 kg = 19.958 t; 1.5 yd³ = 1.147 m³;
            # 170 PS × 0.73549875 = 125.035 kW; 20 ft = 6.096 m; 10 imp gal/h = 45.461 L/h
            offer("Amkodor", X, "Amkodor EK-220", 2, operating_weight_t=19.958, bucket_m3=1.147,
                  engine_power_kw=125.03, max_dig_depth_m=6.096, fuel_l_per_h=45.461,
                  unit_price=185000, currency="USD"),
            # 60 000 lb = 27.216 t; 2 yd³ = 1.529 m³; 205 PS = 150.777 kW; 23 ft = 7.010 m;
            # 12 imp gal/h = 54.553 L/h
            offer("Amkodor", X, "Amkodor EK-270", 3, operating_weight_t=27.216, bucket_m3=1.529,
                  engine_power_kw=150.78, max_dig_depth_m=7.010, fuel_l_per_h=54.553,
                  unit_price=225000, currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "thousands_separators_in_text",
        belaz_prices_text_xlsx,
        _BELAZ,
        (
            offer("BelAZ", D, "BelAZ-7555B", 2, payload_t=55, gvw_t=97, unit_price=1250000,
                  currency="USD"),
            offer("BelAZ", D, "BelAZ-7555E", 3, payload_t=55, gvw_t=97.5, unit_price=1265000,
                  currency="USD"),
            offer("BelAZ", D, "BelAZ-75581", 4, payload_t=90, gvw_t=164, unit_price=2350000,
                  currency="USD"),
            offer("BelAZ", D, "BelAZ-75583", 5, payload_t=90, gvw_t=165, unit_price=2410000,
                  currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "decimal_commas_in_text",
        maz_decimal_commas_xlsx,
        _MAZ,
        (
            offer("MAZ", T, "MAZ-6501C9-8525-000", 2, length_m=8.5, body_volume_m3=16.5,
                  fuel_l_per_100km=38.5, unit_price=245000, currency="USD"),
            offer("MAZ", T, "MAZ-5516C5-8525-000", 3, length_m=10.25, body_volume_m3=12,
                  fuel_l_per_100km=36, unit_price=228500, currency="USD"),
            # "9,875" alone could be 9875, but its column uses decimal commas: 9.875 m
            offer("MAZ", T, "MAZ-6516V9-480-000", 4, length_m=9.875, body_volume_m3=20.25,
                  fuel_l_per_100km=42.75, unit_price=268900, currency="USD"),
            offer("MAZ", T, "MAZ-5550C5-8520-000", 5, length_m=7.2, body_volume_m3=4.5,
                  fuel_l_per_100km=27.5, unit_price=139900, currency="USD"),
        ),
        "Offer",
    ),
    Case(
        "currency_in_price_cells",
        maz_currency_cells_xlsx,
        _MAZ,
        (
            offer("MAZ", T, "MAZ-6501C9-8525-000", 2, extras={"Air conditioning": "yes"},
                  payload_t=20, unit_price=245000, currency="USD"),
            offer("MAZ", T, "MAZ-5516C5-8525-000", 3, extras={"Air conditioning": "no"},
                  payload_t=20, unit_price=228500, currency="USD"),
            offer("MAZ", T, "MAZ-6501B9-8420-000", 4, extras={"Air conditioning": "да"},
                  payload_t=20, unit_price=410000, currency="EUR"),
            offer("MAZ", T, "MAZ-6516V9-480-000", 5, extras={"Air conditioning": "нет"},
                  payload_t=25, unit_price=268900, currency="USD"),
        ),
        "Offer",
        mapping={"Air conditioning": None},
    ),
    Case(
        "formula_cells_cached_values",
        belaz_formulas_xlsx,
        _BELAZ,
        (
            # C2 = B2+42, cached 97
            offer("BelAZ", D, "BelAZ-7555B", 2, payload_t=55, gvw_t=97, unit_price=1180000,
                  currency="USD"),
            # B3 = B2*2, cached 110; D3 = D2*2, cached 2 360 000
            offer("BelAZ", D, "BelAZ-7513", 3, payload_t=110, gvw_t=200, unit_price=2360000,
                  currency="USD"),
        ),
        "Offer",
    ),
]  # fmt: skip

CASE_BY_NAME: dict[str, Case] = {c.name: c for c in CASES}


# --------------------------------------------------------------- the shared samples

SAMPLE_CASES: list[Case] = [
    Case(
        "belaz_dumpers_ru.xlsx",
        lambda folder: folder / "belaz_dumpers_ru.xlsx",
        _BELAZ,
        (
            # spec-sheet, models across row 4 in C–E; "33,3" м³ = 33.3 m³;
            # 730 л.с. × 0.73549875 = 536.914 kW; "+50" °C; "1 180 000" USD
            offer("BelAZ", D, "БелАЗ-7555В", 4, "C", payload_t=55, body_volume_m3=33.3,
                  gvw_t=97, engine_power_kw=536.91, max_speed_kmh=55, fuel_l_per_h=42,
                  ambient_max_c=50, warranty_months=12, delivery_weeks=24,
                  unit_price=1180000, currency="USD"),
            # 1050 л.с. × 0.73549875 = 772.274 kW
            offer("BelAZ", D, "БелАЗ-75581", 4, "D", payload_t=90, body_volume_m3=53.3,
                  gvw_t=164, engine_power_kw=772.27, max_speed_kmh=60, fuel_l_per_h=68,
                  ambient_max_c=50, warranty_months=18, delivery_weeks=30,
                  unit_price=2350000, currency="USD"),
            # 1600 л.с. × 0.73549875 = 1176.798 kW
            offer("BelAZ", D, "БелАЗ-75131", 4, "E", payload_t=130, body_volume_m3=71.2,
                  gvw_t=226, engine_power_kw=1176.80, max_speed_kmh=50, fuel_l_per_h=95,
                  ambient_max_c=45, warranty_months=18, delivery_weeks=36,
                  unit_price=3120000, currency="USD"),
        ),
        "ТКП",
        orientation="columns",
        strict=False,
    ),
    Case(
        "maz_tippers_offer.xlsx",
        lambda folder: folder / "maz_tippers_offer.xlsx",
        _MAZ,
        (
            # 33 500 kg = 33.5 t; 420 hp × 0.745699872 = 313.194 kW; "245,000" USD
            offer("MAZ", T, "MAZ-6501C9-8525-000", 6, extras={"Wheel formula": "6x4"},
                  payload_t=20, body_volume_m3=16, gvw_t=33.5, engine_power_kw=313.19,
                  emission_standard="Euro 5", max_speed_kmh=85, fuel_l_per_100km=38.5,
                  unit_price=245000, currency="USD", incoterm="FCA Minsk", delivery_weeks=18,
                  warranty_months=24),
            # 33 000 kg = 33 t; 400 hp = 298.280 kW
            offer("MAZ", T, "MAZ-5516C5-8525-000", 7, extras={"Wheel formula": "6x4"},
                  payload_t=20, body_volume_m3=12, gvw_t=33, engine_power_kw=298.28,
                  emission_standard="Euro 5", max_speed_kmh=85, fuel_l_per_100km=36,
                  unit_price=228500, currency="USD", incoterm="FCA Minsk", delivery_weeks=16,
                  warranty_months=24),
            # 41 000 kg = 41 t; 460 hp = 343.022 kW; "268 900" USD
            offer("MAZ", T, "MAZ-6516V9-480-000", 8, extras={"Wheel formula": "8x4"},
                  payload_t=25, body_volume_m3=20, gvw_t=41, engine_power_kw=343.02,
                  emission_standard="Euro 5", max_speed_kmh=80, fuel_l_per_100km=42,
                  unit_price=268900, currency="USD", incoterm="FCA Minsk", delivery_weeks=20,
                  warranty_months=24),
            # 19 000 kg = 19 t; 280 hp = 208.796 kW
            offer("MAZ", T, "MAZ-5550C5-8520-000", 9, extras={"Wheel formula": "4x2"},
                  payload_t=10.5, body_volume_m3=8.4, gvw_t=19, engine_power_kw=208.80,
                  emission_standard="Euro 5", max_speed_kmh=90, fuel_l_per_100km=27.5,
                  unit_price=139900, currency="USD", incoterm="FCA Minsk", delivery_weeks=12,
                  warranty_months=18),
        ),
        "Offer",
        strict=False,
    ),
    Case(
        "bkm_maz_ebus_offer.csv",
        lambda folder: folder / "bkm_maz_ebus_offer.csv",
        ("--vendor", "BKM", "--category", "electric_bus"),
        (
            # "1,45" = 1.45 kWh/km; "18,75" = 18.75 m; "520 000" EUR (header "Price (EUR)")
            offer("BKM", B, "BKM E433 Vitovt II Max Electro", 2, passengers=120,
                  battery_kwh=350, range_km=250, charging_kw=150, energy_kwh_per_km=1.45,
                  length_m=18.75, unit_price=520000, currency="EUR", delivery_weeks=40,
                  warranty_months=24),
            # no battery stated: null
            offer("BKM", B, "BKM E321", 3, passengers=83, battery_kwh=None, range_km=40,
                  charging_kw=400, energy_kwh_per_km=1.2, length_m=12, unit_price=410000,
                  currency="EUR", delivery_weeks=36, warranty_months=24),
            offer("BKM", B, "MAZ-303E10", 4, passengers=72, battery_kwh=285, range_km=300,
                  charging_kw=150, energy_kwh_per_km=1.05, length_m=12.43, unit_price=395000,
                  currency="EUR", delivery_weeks=32, warranty_months=24),
        ),
        None,
        strict=False,
    ),
]  # fmt: skip


# ------------------------------------------------------------------- invalid input


def _xlsx_file(name: str, rows: Rows) -> Builder:
    def build(folder: Path) -> Path:
        return write_xlsx(folder / name, rows)

    build.__name__ = name
    return build


INVALID_CASES: list[Refusal] = [
    Refusal(
        # trucks state fuel in L/100 km, dumpers in L/h: a bare "Fuel consumption" (D1)
        # over both cannot be placed
        "ambiguous_fuel_header",
        _xlsx_file("fuel_mixed.xlsx", [
            ["Model", "Category", "Payload (t)", "Fuel consumption", "Price (USD)"],
            ["MAZ-6501C9-8525-000", "truck", 20, 38.5, 245000],
            ["MAZ-7516 quarry", "dumper", 30, 42, 330000],
        ]),
        ("--vendor", "MAZ"),
        all_words=("ambiguous",),
        places=("column D",),
    ),
    Refusal(
        # "1,250" kW in C3 is 1.25 or 1250; nothing else in the file says which
        "ambiguous_thousands_comma",
        _xlsx_file("power_1250.xlsx", [
            ["Model", "Payload (t)", "Engine power (kW)", "Price (USD)"],
            ["MAZ-6501C9-8525-000", 20, 309, 245000],
            ["MAZ-6516V9-480-000", 25, "1,250", 268900],
            ["MAZ-5550C5-8520-000", 10.5, 206, 139900],
        ]),
        _MAZ,
        all_words=("ambiguous",),
        places=("row 3, column C",),
    ),
    Refusal(
        "header_without_rows",
        _xlsx_file("header_only.xlsx", [["Model", "Payload (t)", "Price (USD)"]]),
        _MAZ,
        all_words=("no offer",),
    ),
    Refusal(
        "missing_model_column",
        _xlsx_file("no_model.xlsx", [
            ["Payload (t)", "Engine power (kW)", "Price (USD)"],
            [20, 309, 245000],
            [25, 353, 268900],
        ]),
        _MAZ,
        all_words=("model",),
    ),
    Refusal(
        "unknown_category_option",
        maz_trucks_xlsx,
        ("--vendor", "MAZ", "--category", "tractor"),
        all_words=("category",),
        prefixed=False,  # argparse prints its usage line first
    ),
    Refusal(
        "unknown_category_in_file",
        _xlsx_file("tractor.xlsx", [
            ["Model", "Category", "Payload (t)", "Price (USD)"],
            ["MAZ-6501C9-8525-000", "truck", 20, 245000],
            ["MAZ-3000 Belarus", "tractor", 5, 45000],
        ]),
        ("--vendor", "MAZ"),
        all_words=("category",),
        places=("row 3, column B",),
    ),
    Refusal(
        "unknown_currency_in_cell",
        _xlsx_file("xyz_price.xlsx", [
            ["Model", "Payload (t)", "Price"],
            ["MAZ-6501C9-8525-000", 20, "USD 245,000"],
            ["MAZ-6516V9-480-000", 25, "XYZ 100 000"],
        ]),
        _MAZ,
        all_words=("currency",),
        places=("row 3, column C",),
    ),
    Refusal(
        "unknown_currency_option",
        _xlsx_file("plain_price.xlsx", [
            ["Model", "Payload (t)", "Price"],
            ["MAZ-6501C9-8525-000", 20, 245000],
            ["MAZ-6516V9-480-000", 25, 268900],
        ]),
        (*_MAZ, "--currency", "XYZ"),
        all_words=("currency",),
    ),
    Refusal(
        # B3 negative payload, B4 payload 5000 t (plausible: 0 < x ≤ 500), C5 price 0
        "implausible_values",
        _xlsx_file("implausible.xlsx", [
            ["Model", "Payload (t)", "Price (USD)"],
            ["BelAZ-7555B", 55, 1180000],
            ["BelAZ-75581", -90, 2350000],
            ["BelAZ-75131", 5000, 3120000],
            ["BelAZ-7547", 45, 0],
        ]),
        _BELAZ,
        places=("row 3, column B", "row 4, column B", "row 5, column C"),
    ),
    Refusal(
        "wrong_unit_for_field",
        _xlsx_file("payload_kwh.xlsx", [
            ["Model", "Payload (kWh)", "Price (USD)"],
            ["BelAZ-7555B", 55, 1180000],
            ["BelAZ-75581", 90, 2350000],
        ]),
        _BELAZ,
        all_words=("unit",),
        places=("column B",),
    ),
    Refusal(
        # CSV: the column is named by its header text
        "csv_implausible_names_header",
        lambda folder: write_csv(
            folder / "negative_payload.csv",
            [["Model", "Payload (t)", "Price (USD)"],
             ["BelAZ-7555B", "55", "1 180 000"],
             ["BelAZ-75581", "-20", "2 350 000"]],
            delimiter=";",
        ),
        _BELAZ,
        places=("row 3, column Payload (t)",),
    ),
]  # fmt: skip


# ------------------------------------------------------------------- hostile files


def png_bytes() -> bytes:
    """Return a valid 1×1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PDF_BYTES = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _bytes_file(name: str, data: Callable[[], bytes]) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data())
        return path

    build.__name__ = name
    return build


def _random_bytes(seed: int, size: int, *, avoid: bytes = b"PK") -> bytes:
    data = random.Random(seed).randbytes(size)
    return data if not data.startswith(avoid) else b"\x00" + data[1:]


def encrypted_xlsx(folder: Path) -> Path:
    """An ordinary offer workbook encrypted (ECMA-376 agile) with the password "secret"."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(folder / "plain.xlsx", [MAZ_TRUCK_HEADER, *MAZ_TRUCK_ROWS])
    data = io.BytesIO(plain.read_bytes())
    plain.unlink()
    path = folder / "encrypted.xlsx"
    with path.open("wb") as out:
        OOXMLFile(data).encrypt("secret", out)
    return path


_LAUGHS = (
    "<!DOCTYPE {root} [\n"
    '  <!ENTITY lol "lol">\n'
    + "".join(
        f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def billion_laughs_sheet_xlsx(folder: Path) -> Path:
    """The model cell of sheet1.xml expands to 10⁹ "lol"s (about 3 GB) if entities are on."""
    rows = [["Model", "Payload (t)", "Price (USD)"], ["&lol9;", 20, 245000]]
    xml = sheet_xml(rows, prologue=_LAUGHS.format(root="worksheet")).replace("&amp;lol9;", "&lol9;")
    return write_xlsx_by_hand(folder / "laughs_sheet.xlsx", xml)


def billion_laughs_shared_strings_xlsx(folder: Path) -> Path:
    """The same expansion hidden in sharedStrings.xml, referenced by cell A2."""
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + _LAUGHS.format(root="sst")
        + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    rows = [["Model", "Payload (t)", "Price (USD)"], [None, 20, 245000]]
    xml = sheet_xml(rows).replace('<row r="2">', '<row r="2"><c r="A2" t="s"><v>0</v></c>')
    return write_xlsx_by_hand(folder / "laughs_strings.xlsx", xml, shared_strings=shared)


def external_entity_xlsx(folder: Path) -> Path:
    """XXE: the model cell is an external entity pointing at /etc/passwd."""
    prologue = '<!DOCTYPE worksheet [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    rows = [["Model", "Payload (t)", "Price (USD)"], ["&xxe;", 20, 245000]]
    xml = sheet_xml(rows, prologue=prologue).replace("&amp;xxe;", "&xxe;")
    return write_xlsx_by_hand(folder / "xxe.xlsx", xml)


BOMB_CHUNK = b"<row/>" * (1 << 20)  # 6 MiB
BOMB_CHUNKS = 170  # about 1 GiB uncompressed, about 1.5 MB in the zip


def zip_bomb_xlsx(folder: Path) -> Path:
    """A well-formed workbook whose sheet1.xml inflates to ~1 GiB of empty rows."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Model</t></is></c></row>'
    )
    return write_xlsx_by_hand(
        folder / "bomb.xlsx", None, sheet_chunks=(head, BOMB_CHUNK, BOMB_CHUNKS)
    )


def far_cell_xlsx(folder: Path) -> Path:
    """One cell at XFD1048576, the sheet's last: a reader that allocates the whole rectangle
    (17 billion cells) dies; the dimension record says so, and the reader must not trust it
    to be there, so this part states none."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>Model</t></is></c></row><row r="1048576"><c r="XFD1048576">'
        "<v>1</v></c></row></sheetData></worksheet>"
    )
    return write_xlsx_by_hand(folder / "far_cell.xlsx", sheet)


def wide_csv(folder: Path) -> Path:
    """1,500 columns: far more than any offer sheet (the limit is 1,000)."""
    header = ["Model", "Payload (t)", "Price (USD)"] + [f"Note {i}" for i in range(4, 1501)]
    row = ["MAZ-6501C9-8525-000", "20", "245000"] + ["x"] * 1497
    return write_csv(folder / "wide.csv", [header, row], delimiter=";")


def long_csv(folder: Path) -> Path:
    """150,000 data rows: far more than any offer sheet (the limit is 100,000)."""
    lines = ["Model;Payload (t);Price (USD)"]
    lines += [f"MAZ-{i:06d};20;245000" for i in range(150_000)]
    path = folder / "long.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


_NOT_SPREADSHEET = ("not a spreadsheet", "not a readable")
_ENTITIES = ("entit", "doctype")
_HOSTILE_OPTIONS = _MAZ

HOSTILE_CASES: list[Refusal] = [
    Refusal("png_named_xlsx", _bytes_file("offer.xlsx", png_bytes), _HOSTILE_OPTIONS,
            any_words=_NOT_SPREADSHEET),
    Refusal("pdf_named_xls", _bytes_file("offer.xls", lambda: PDF_BYTES), _HOSTILE_OPTIONS,
            any_words=_NOT_SPREADSHEET),
    Refusal("random_bytes_named_ods",
            _bytes_file("offer.ods", lambda: _random_bytes(20261014, 64 * 1024)),
            _HOSTILE_OPTIONS, any_words=_NOT_SPREADSHEET),
    Refusal("utf16_text_named_csv",
            _bytes_file("offer.csv", lambda: (
                "Dear Sir,\r\nplease find our offer for MAZ-6501C9 attached.\r\n"
                "Best regards,\r\nMAZ export department\r\n").encode("utf-16")),
            # read as the UTF-16 text it is: a letter, with no table of offers in it
            _HOSTILE_OPTIONS, all_words=("no offer table",)),
    Refusal("binary_garbage_named_csv",
            _bytes_file("garbage.csv", lambda: _random_bytes(77, 16 * 1024)),
            _HOSTILE_OPTIONS, any_words=_NOT_SPREADSHEET),
    Refusal("empty_xlsx", _bytes_file("empty.xlsx", lambda: b""), _HOSTILE_OPTIONS,
            all_words=("empty",)),
    Refusal("empty_csv", _bytes_file("empty.csv", lambda: b""), _HOSTILE_OPTIONS,
            all_words=("empty",)),
    Refusal("encrypted_xlsx", encrypted_xlsx, _HOSTILE_OPTIONS,
            any_words=("encrypted", "password")),
    Refusal("billion_laughs_in_sheet", billion_laughs_sheet_xlsx, _HOSTILE_OPTIONS,
            any_words=_ENTITIES),
    Refusal("billion_laughs_in_shared_strings", billion_laughs_shared_strings_xlsx,
            _HOSTILE_OPTIONS, any_words=_ENTITIES),
    Refusal("external_entity_etc_passwd", external_entity_xlsx, _HOSTILE_OPTIONS,
            any_words=_ENTITIES),
    Refusal("decompression_bomb", zip_bomb_xlsx, _HOSTILE_OPTIONS,
            any_words=("too large", "decompress")),
    Refusal("too_many_columns", wide_csv, _HOSTILE_OPTIONS, all_words=("too",)),
    Refusal("one_cell_at_xfd1048576", far_cell_xlsx, _HOSTILE_OPTIONS,
            all_words=("too large", "1,048,576")),
    Refusal("too_many_rows", long_csv, _HOSTILE_OPTIONS, all_words=("too",)),
]  # fmt: skip


def write_all(folder: Path, *, hostile: bool = False) -> list[Path]:
    """Write every good and invalid file (and, on request, the hostile ones) into folder."""
    written = []
    for group in (CASES, INVALID_CASES, HOSTILE_CASES if hostile else []):
        for case in group:
            target = folder / case.name
            target.mkdir(parents=True, exist_ok=True)
            written.append(case.build(target))
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
    for p in write_all(out, hostile="--hostile" in sys.argv):
        print(p)

"""Nothing silent: what the importer cannot read, or reads with a doubt, is said at its place.

Files are written into tmp_path; problems are read from `read_offers` (and, for the hand
mapping, from the command line itself).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from procure.importing.reader import ImportOptions, read_offers
from tests.corpus import run_procure
from tests.corpus.generate import write_csv, write_xlsx, write_xlsx_by_hand

MAZ = ImportOptions(vendor="MAZ", category="truck")


def _problems(path: Path, options: ImportOptions = MAZ) -> list[str]:
    return [str(p) for p in read_offers(path, options).problems]


def test_formula_without_stored_value(tmp_path: Path) -> None:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>Model</t></is></c><c r="B1" t="inlineStr"><is><t>'
        'Payload (t)</t></is></c><c r="C1" t="inlineStr"><is><t>Price (USD)</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>MAZ-6501C9</t></is></c><c r="B2"><v>20</v>'
        '</c><c r="C2"><f>B2*5000</f></c></row></sheetData></worksheet>'
    )
    path = write_xlsx_by_hand(tmp_path / "uncalculated.xlsx", sheet)
    assert any(
        p.startswith("row 2, column C: a formula without a stored value") for p in _problems(path)
    )


def test_csv_row_misaligned_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "shifted.csv"
    path.write_text(
        "Model,Payload (t),Price (USD)\nMAZ-6501C9,20,98500\nMAZ-5550C5,10,5,72300\n",
        encoding="utf-8",
    )
    problems = _problems(path)
    assert any(p.startswith("row 3: the row has 4 fields but the header has 3") for p in problems)
    assert not any(p.startswith("row 2") for p in problems)


def test_dates_in_a_number_column(tmp_path: Path) -> None:
    rows = [
        ["Model", "Payload (t)", "Price (USD)"],
        ["MAZ-6501C9", datetime(2026, 3, 12), 98500],
        ["MAZ-5550C5", "12.03.2026", 72300],
    ]
    problems = _problems(write_xlsx(tmp_path / "dates.xlsx", rows))
    assert any(p.startswith("row 2, column B:") and "is a date" in p for p in problems)
    assert any(p.startswith("row 3, column B:") and "looks like a date" in p for p in problems)


def test_number_rounding_to_zero(tmp_path: Path) -> None:
    rows = [["Model", "Payload, kg", "Price (USD)"], ["MAZ-6501C9", 0.0001, 98500]]
    problems = _problems(write_xlsx(tmp_path / "zero.xlsx", rows))
    assert any(p.startswith("row 2, column B:") and "rounds to zero" in p for p in problems)


@pytest.mark.parametrize(
    ("second", "words"),
    [
        ("M" * 250, "characters long"),
        ("MAZ-\x075550C5", "control characters"),
        ("MAZ-6501\u200bC9", "listed twice"),  # differs only by a zero-width space
        ("maz-6501c9", "only by case"),
    ],
)
def test_model_names_the_store_cannot_take(tmp_path: Path, second: str, words: str) -> None:
    rows = [
        ["Model", "Payload (t)", "Price (USD)"],
        ["MAZ-6501C9", 20, 98500],
        [second, 10, 72300],
    ]
    problems = _problems(write_csv(tmp_path / "names.csv", rows))
    assert any(p.startswith("row 3, column Model:") and words in p for p in problems), problems


def test_unmapped_columns_and_missing_fields_are_reported(tmp_path: Path) -> None:
    rows = [
        ["Model", "Payload (t)", "Turning radius, m", "Axle load", "Price (USD)"],
        ["MAZ-6501C9", 20, 9.5, "7,5", 98500],
    ]
    parsed = read_offers(write_xlsx(tmp_path / "extra.xlsx", rows), MAZ)
    assert parsed.ok, parsed.problems
    assert (
        "column C 'Turning radius, m': not mapped, kept as an extra attribute" in parsed.warnings[0]
        or any(w.startswith("column C 'Turning radius, m': not mapped") for w in parsed.warnings)
    )
    assert any(w.startswith("column D 'Axle load': not mapped") for w in parsed.warnings)
    missing = [w for w in parsed.warnings if w.startswith("no column gives")]
    assert {w.split(",")[0] for w in missing} == {
        "no column gives Engine power (kW)",
        "no column gives Delivery period (weeks)",
        "no column gives Warranty (months)",
    }
    assert parsed.offers[0].extras["Turning radius, m"] == 9.5


def test_offers_with_no_key_field_are_refused(tmp_path: Path) -> None:
    rows = [["Model", "Emission standard", "Colour"], ["MAZ-6501C9", "Euro 5", "white"]]
    problems = _problems(write_xlsx(tmp_path / "empty.xlsx", rows))
    assert any("no column gives any key field of trucks" in p for p in problems)


def test_letter_sheet_first_names_the_sheet_read(tmp_path: Path) -> None:
    from tests.corpus.vendors import V05_LETTER, V05_OFFER, write_xlsx_sheets

    path = write_xlsx_sheets(
        tmp_path / "letter.xlsx", [("Letter", V05_LETTER), ("Offer", V05_OFFER)]
    )
    parsed = read_offers(path, MAZ)
    assert parsed.sheet == "Offer"
    assert parsed.sheet_reason == (
        "sheet 'Offer' holds the offer table; 'Letter' holds no table of offers (a letter or notes)"
    )


# ------------------------------------------------------------- settling by hand (CLI)

TWO_PRICES = [
    ["Model", "Payload (t)", "Price A (USD)", "Price B (USD)"],
    ["MAZ-6501C9", 20, 98500, 101000],
]


def test_two_prices_stop_the_import_and_name_the_way_out(tmp_path: Path, db_path: Path) -> None:
    path = write_xlsx(tmp_path / "two_prices.xlsx", TWO_PRICES)
    result = run_procure(db_path, "import", str(path), "--vendor", "MAZ", "--category", "truck")
    assert result.returncode == 2, result.stderr
    assert "could each be the unit price" in result.stderr
    assert '--map "Price A (USD)=unit_price"' in result.stderr


def test_map_settles_a_column_and_json_gives_reasons(tmp_path: Path, db_path: Path) -> None:
    path = write_xlsx(tmp_path / "two_prices.xlsx", TWO_PRICES)
    args = ["import", str(path), "--vendor", "MAZ", "--category", "truck", "--dry-run", "--json"]
    result = run_procure(
        db_path, *args, "--map", "Price B (USD)=unit_price", "--map", "price a (usd)=none"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["offers"][0]["unit_price"] == 101000
    assert report["offers"][0]["currency"] == "USD"
    by_header = {m["header"]: m for m in report["mapping"]}
    assert by_header["Price B (USD)"]["source"] == "chosen"
    assert by_header["Payload (t)"]["field"] == "payload_t"
    assert "header words match" in by_header["Payload (t)"]["reason"]
    assert 0 < by_header["Payload (t)"]["confidence"] <= 1
    # the printed mapping, saved to a file, settles the same columns again
    saved = tmp_path / "mapping.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    again = run_procure(db_path, *args, "--mapping", str(saved))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["offers"][0]["unit_price"] == 101000


def test_map_with_a_unit(tmp_path: Path, db_path: Path) -> None:
    rows = [["Model", "Load", "Price (USD)"], ["MAZ-6501C9", 20000, 98500]]
    path = write_xlsx(tmp_path / "load.xlsx", rows)
    args = ["import", str(path), "--vendor", "MAZ", "--category", "truck", "--dry-run", "--json"]
    result = run_procure(db_path, *args, "--map", "Load=payload_t:kg")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["offers"][0]["payload_t"] == 20  # 20 000 kg


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ("Load=payload", "unknown field 'payload'"),
        ("Load=payload_t:furlongs", "unknown unit"),
        ("payload_t", "expected HEADER=FIELD"),
    ],
)
def test_bad_map_is_refused(tmp_path: Path, db_path: Path, option: str, words: str) -> None:
    path = write_csv(tmp_path / "x.csv", [["Model", "Load"], ["MAZ-1", "1"]])
    result = run_procure(db_path, "import", str(path), "--vendor", "MAZ", "--map", option)
    assert result.returncode == 2 and words in result.stderr, result.stderr

"""`procure import` end to end: the generated corpus, the shared samples and invalid input.

Each file is generated into tmp_path (tests/corpus/generate.py), imported by the real command
line in a subprocess, and the result compared with values worked out by hand in the corpus.
Parsing is checked with --dry-run --json; writing, re-import and refusal with the store.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from procure.fields import FIELDS, NUMERIC_KEYS
from tests.corpus import ROOT, assert_refused, run_procure, stored_offers
from tests.corpus.generate import (
    CASE_BY_NAME,
    CASES,
    INVALID_CASES,
    MAZ_TRUCK_HEADER,
    MAZ_TRUCK_ROWS,
    SAMPLE_CASES,
    Case,
    Refusal,
    write_xlsx,
)

SAMPLES = ROOT / "tests" / "corpus" / "samples"  # copies of the committee's vendor samples
CANONICAL = tuple(f.key for f in FIELDS)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    """The offers of a freshly seeded store, to prove that a refused import wrote nothing."""
    return stored_offers(tmp_path_factory.mktemp("seeded") / "procure.db")


def _cells(path: Path) -> list[str]:
    """Read a generated file back without procure: every non-empty cell as text."""
    if path.suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        first = text.splitlines()[0]
        delimiter = max(";\t,", key=first.count)  # the first of the most frequent wins a tie
        rows: Iterable[list[Any]] = csv.reader(io.StringIO(text), delimiter=delimiter)
    else:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [str(c).strip() for row in rows for c in row if str(c).strip()]


def _import_json(db: Path, path: Path, *options: str, dry_run: bool = True) -> dict[str, Any]:
    args = ["import", str(path), *options, "--json"] + (["--dry-run"] if dry_run else [])
    result = run_procure(db, *args)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
    report = json.loads(result.stdout)
    assert isinstance(report, dict), result.stdout
    return report


YES, NO = {"yes", "да"}, {"no", "нет"}


def _same_yes_no(got: Any, raw: Any) -> bool:
    """A yes/no cell may be kept as its text or as the boolean it plainly means."""
    return isinstance(got, bool) and str(raw).lower() in (YES if got else NO)


def _differences(case: Case, report: dict[str, Any], file_name: str) -> list[str]:
    """Compare an import report with the hand-worked expectations; return every mismatch."""
    problems: list[str] = []

    def differ(what: str, got: Any, want: Any) -> None:
        problems.append(f"{what}: got {got!r}, expected {want!r}")

    if Path(str(report.get("file"))).name != file_name:
        differ("file", report.get("file"), file_name)
    if report.get("sheet") != case.sheet:
        differ("sheet", report.get("sheet"), case.sheet)
    if report.get("orientation") != case.orientation:
        differ("orientation", report.get("orientation"), case.orientation)

    for entry in report.get("mapping", []):
        if not 0 <= entry.get("confidence", -1) <= 1:
            differ(
                f"mapping confidence of {entry.get('header')!r}", entry.get("confidence"), "0..1"
            )
    mapped = {str(e.get("header", "")).strip(): e.get("field") for e in report.get("mapping", [])}
    for header, field in case.mapping.items():
        if header not in mapped:
            differ(f"mapping of header {header!r}", "absent", field)
        elif mapped[header] != field:
            differ(f"mapping of header {header!r}", mapped[header], field)

    offers = report.get("offers", [])
    by_model = {str(o.get("model", "")).strip(): o for o in offers}
    want_models = [e["model"] for e in case.offers]
    if sorted(by_model) != sorted(want_models) or len(offers) != len(want_models):
        differ("models", [o.get("model") for o in offers], want_models)
    for expected in case.offers:
        got = by_model.get(expected["model"])
        if got is None:
            continue
        where = expected["model"]
        for key in ("vendor", "category"):
            if got.get(key) != expected[key]:
                differ(f"{where} {key}", got.get(key), expected[key])
        values = expected["values"]
        for key in CANONICAL:
            if key not in got:
                differ(f"{where} has no key {key!r}", None, "present")
                continue
            if key in values:
                want = values[key]
            elif case.strict:
                want = None
            else:
                continue
            have = got[key]
            if want is None or have is None or key not in NUMERIC_KEYS:
                if have != want:
                    differ(f"{where} {key}", have, want)
            elif not isinstance(have, int | float) or have != pytest.approx(want, rel=1e-3):
                differ(f"{where} {key}", have, want)
        extras = got.get("extras") or {}
        for header, raw in expected["extras"].items():
            if extras.get(header) != raw and not _same_yes_no(extras.get(header), raw):
                differ(f"{where} extras[{header!r}]", extras.get(header, "absent"), raw)
        source = got.get("source") or {}
        if source.get("row") != expected["row"]:
            differ(f"{where} source.row", source.get("row"), expected["row"])
        column = expected["column"]
        if column is not None and "column" in source and source["column"] != column:
            differ(f"{where} source.column", source["column"], expected["column"])
        if Path(str(source.get("file"))).name != file_name:
            differ(f"{where} source.file", source.get("file"), file_name)
    return problems


# ------------------------------------------------------------------ the corpus itself


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_corpus_file_reads_back(case: Case, tmp_path: Path) -> None:
    """The generator writes real files: a reader other than procure finds every model."""
    cells = _cells(case.build(tmp_path))
    for expected in case.offers:
        assert expected["model"] in cells, (expected["model"], cells)


# ----------------------------------------------------------------- good files, parsed


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_import_dry_run_gives_hand_worked_offers(case: Case, tmp_path: Path, db_path: Path) -> None:
    path = case.build(tmp_path)
    report = _import_json(db_path, path, *case.options)
    assert report["dry_run"] is True
    assert (report["added"], report["updated"], report["unchanged"]) == (len(case.offers), 0, 0)
    assert {o["status"] for o in report["offers"]} == {"added"}
    problems = _differences(case, report, path.name)
    assert not problems, "\n".join(problems)


def test_dry_run_writes_nothing(tmp_path: Path, db_path: Path, seeded: list[Any]) -> None:
    case = CASE_BY_NAME["xlsx_rows_plain"]
    _import_json(db_path, case.build(tmp_path), *case.options)
    assert stored_offers(db_path) == seeded


# ------------------------------------------------------------- writing and re-import


def _maz_offers(db: Path) -> dict[str, dict[str, Any]]:
    result = run_procure(db, "offers", "--json")
    assert result.returncode == 0, result.stderr
    return {o["model"]: o for o in json.loads(result.stdout) if o["vendor"] == "MAZ"}


def test_import_writes_then_reimport_updates_only_what_changed(
    tmp_path: Path, db_path: Path, seeded: list[Any]
) -> None:
    case = CASE_BY_NAME["xlsx_rows_plain"]
    path = case.build(tmp_path)

    first = run_procure(db_path, "import", str(path), *case.options)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert re.search(r"Added 3, updated 0, unchanged 0 offers? from maz_trucks\.xlsx", first.stdout)
    stored = _maz_offers(db_path)
    assert len(stored_offers(db_path)) == len(seeded) + 3
    assert set(stored) == {e["model"] for e in case.offers}
    row = stored["MAZ-6501C9-8525-000"]
    assert row["category"] == "truck"
    assert row["gvw_t"] == pytest.approx(33.5, rel=1e-3)  # 33 500 kg
    assert row["engine_power_kw"] == pytest.approx(313.19, rel=1e-3)  # 420 hp
    assert row["unit_price"] == pytest.approx(245000) and row["currency"] == "USD"
    assert row["extras"].get("Wheel formula") == "6x4"
    assert row["source"]["row"] == 2

    same = _import_json(db_path, path, *case.options, dry_run=False)
    assert (same["added"], same["updated"], same["unchanged"]) == (0, 0, 3)
    assert {o["status"] for o in same["offers"]} == {"unchanged"}

    # the vendor revises one price (row 3) and sends the file again
    revised = [list(r) for r in MAZ_TRUCK_ROWS]
    revised[1][9] = 259900
    edited = write_xlsx(tmp_path / "maz_trucks_rev2.xlsx", [MAZ_TRUCK_HEADER, *revised])
    again = _import_json(db_path, edited, *case.options, dry_run=False)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 1, 2), again
    status = {o["model"]: o["status"] for o in again["offers"]}
    assert status["MAZ-6516V9-480-000"] == "updated"
    after = _maz_offers(db_path)
    assert len(after) == 3
    assert after["MAZ-6516V9-480-000"]["unit_price"] == pytest.approx(259900)
    assert after["MAZ-6501C9-8525-000"]["unit_price"] == pytest.approx(245000)


# -------------------------------------------------------------- the shared samples


@pytest.mark.parametrize("case", SAMPLE_CASES, ids=lambda c: c.name)
def test_shared_sample_imports(case: Case, tmp_path: Path, db_path: Path) -> None:
    shutil.copy(SAMPLES / case.name, tmp_path / case.name)
    path = case.build(tmp_path)
    report = _import_json(db_path, path, *case.options)
    assert report["added"] == len(case.offers)
    problems = _differences(case, report, path.name)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------- invalid input


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda c: c.name)
def test_invalid_input_is_refused_and_nothing_written(
    case: Refusal, tmp_path: Path, db_path: Path, seeded: list[Any]
) -> None:
    path = case.build(tmp_path)
    result = run_procure(db_path, "import", str(path), *case.options)
    assert_refused(result, case)
    assert stored_offers(db_path) == seeded

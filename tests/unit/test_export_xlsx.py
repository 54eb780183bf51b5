"""The Excel comparative statement: read back, and recalculated by LibreOffice.

Every workbook is built from a result of the real engine. LibreOffice recalculates all of
them in one call (about 3 s); its results must equal the application's scores and ranks.
"""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from procure.db import Store
from procure.errors import ProcureError
from procure.evaluation.engine import Options
from procure.exports import xlsx
from procure.exports.xlsx import SAMPLE_LABEL, write_xlsx
from procure.services.evaluations import load_result, run_evaluation
from procure.services.offer_writes import insert_offer_records
from procure.services.offers import list_offers
from procure.services.store import open_store

OVERBURDEN = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
LIMESTONE = "Cement - limestone quarry haulage to crusher"
CLINKER = "Cement - clinker and cement road haulage"
FACE = "Coal - face loading of lignite seam"
BUSES = "Staff transport - electric buses for a plant colony"
SHEETS = [
    "Summary",
    "Responsiveness",
    "Scoring",
    "Life-cycle cost",
    "Specifications",
    "Assumptions",
]

HOSTILE_MODEL = '=HYPERLINK("http://x")'
HOSTILE_VENDOR = "+cmd|' /C calc'!A0"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# name: (need, method, options, only the hostile offer)
CASES: dict[str, tuple[str, str | None, Options | None, bool]] = {
    "wsm": (OVERBURDEN, "wsm", None, False),
    "wsm-minmax": (OVERBURDEN, "wsm", Options(normalisation="minmax"), False),
    "topsis": (FACE, "topsis", None, False),
    "topsis-missing": (OVERBURDEN, "topsis", None, False),  # after-sales scored by nobody
    "qcbs": (CLINKER, "qcbs", None, False),  # one responsive offer below the minimum
    "qcbs-none-qualified": (LIMESTONE, "qcbs", None, False),
    "least-cost": (BUSES, "least-cost", None, False),
    "least-cost-lcc": (CLINKER, "least-cost", Options(least_cost_basis="lcc_npv"), False),
    "hostile-only": (OVERBURDEN, "wsm", None, True),
}
REWEIGHTED = "wsm-reweighted"


@dataclass(frozen=True)
class Statement:
    result: dict[str, Any]
    path: Path
    kept: str | None = None  # reweighted: the one criterion left with a weight
    runner_up: int | None = None  # reweighted: the offer ranked second by the application


def add_hostile_offer(store: Store) -> int:
    """A responsive dumper whose vendor and model are spreadsheet formulas."""
    record = {
        "vendor": HOSTILE_VENDOR,
        "model": HOSTILE_MODEL,
        "category": "dumper",
        "manufacturer": None,
        "is_sample": False,
        "extras": {},
        "source_file": "hostile.xlsx",
        "source_sheet": "Offer",
        "source_row": 2,
        "source_hash": None,
        "unit_price": Decimal("1900000"),
        "currency": "USD",
        "incoterm": "CFR Karachi",
        "delivery_weeks": 32.0,
        "warranty_months": 18.0,
        "engine_power_kw": 1050.0,
        "ambient_max_c": 52.0,
        "service_points_pk": 1.0,
        "spare_parts_lead_days": 40.0,
        "payload_t": 110.0,
        "gvw_t": 190.0,
        "max_speed_kmh": 55.0,
        "fuel_l_per_h": 105.0,
    }
    with store.begin() as session:
        insert_offer_records(session, [record])
    offers = list_offers(store, "dumper")
    return next(o.id for o in offers if o.model == HOSTILE_MODEL)


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Statement]]:
    folder = tmp_path_factory.mktemp("statements")
    store = open_store(folder / "procure.db")
    try:
        hostile = add_hostile_offer(store)
        out = folder / "in"
        out.mkdir()
        made: dict[str, Statement] = {}
        for name, (need, method, options, only_hostile) in CASES.items():
            offer_ids = [hostile] if only_hostile else None
            run = run_evaluation(store, need, method=method, options=options, offer_ids=offer_ids)
            result = load_result(store, run.evaluation_id)
            made[name] = Statement(result, write_xlsx(result, out / f"{name}.xlsx"))
        made[REWEIGHTED] = reweigh(made["wsm"], out / f"{REWEIGHTED}.xlsx")
        yield made
    finally:
        store.engine.dispose()


def soffice_command(folder: Path, paths: list[str]) -> list[str]:
    """LibreOffice converting (so recalculating) workbooks into `folder`, with a profile of
    its own there: no clash with a running LibreOffice."""
    return [
        str(SOFFICE),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(folder),
        *paths,
    ]


@pytest.fixture(scope="module")
def recalculated(
    statements: dict[str, Statement], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every statement recalculated and saved by LibreOffice, in one soffice call."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot recalculate the workbooks")
    folder = tmp_path_factory.mktemp("recalculated")
    paths = [str(s.path) for s in statements.values()]
    done = subprocess.run(
        soffice_command(folder, paths), capture_output=True, text=True, timeout=240
    )
    outputs = {name: folder / s.path.name for name, s in statements.items()}
    missing = [name for name, p in outputs.items() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stderr}"
    return outputs


# -- reading the Scoring sheet --------------------------------------------------------------


def offer_columns(ws: Any) -> dict[int, int]:
    """Offer id -> column, from the "Bid N (offer ID)" header row."""
    found = (
        (re.fullmatch(r"Bid \d+ \(offer (\d+)\)", str(cell.value)), cell.column)
        for cell in ws[xlsx.ROW_OFFER]
        if cell.column > 1
    )
    return {int(match.group(1)): column for match, column in found if match}


def rows_labelled(ws: Any, label: str) -> list[int]:
    rows = [cell.row for cell in ws["A"] if cell.value == label]
    assert rows, f"no row labelled {label!r} on {ws.title}"
    return rows


def row_labelled(ws: Any, label: str) -> int:
    return rows_labelled(ws, label)[0]


def criterion_rows(ws: Any, result: dict[str, Any]) -> dict[str, int]:
    """Criterion key -> its row in the value block (the first block, in criteria order)."""
    top = xlsx.ROW_FIRST + 1
    rows = {c["key"]: top + i for i, c in enumerate(result["criteria"])}
    for criterion in result["criteria"]:
        assert ws.cell(rows[criterion["key"]], 1).value == criterion["label"]
    return rows


def reweigh(statement: Statement, target: Path) -> Statement:
    """A member keeps one criterion only: the one on which the runner-up is clearly best.

    Worked out by hand: with a single weight, the runner-up scores r = 1 (100 points) on it
    and every other offer less than 1, so the runner-up must move to rank 1 and the winner
    down.
    """
    result = statement.result
    ranked = sorted((a for a in result["alternatives"] if a["rank"]), key=lambda a: a["rank"])
    runner_up = ranked[1]
    key = next(
        c["key"]
        for c in result["criteria"]
        if (mine := runner_up["values"][c["key"]]) is not None
        and all(
            (mine > v if c["direction"] == "higher" else mine < v)
            for a in ranked
            if a is not runner_up and (v := a["values"][c["key"]]) is not None
        )
    )
    workbook = openpyxl.load_workbook(statement.path)
    ws = workbook["Scoring"]
    for criterion, row in criterion_rows(ws, result).items():
        ws.cell(row, 4).value = 1.0 if criterion == key else 0.0
    workbook.save(target)
    return Statement(result, target, key, runner_up["offer_id"])


# -- the workbook -------------------------------------------------------------------------


def test_six_sheets_in_order_and_scores_are_live_formulas(
    statements: dict[str, Statement],
) -> None:
    for name in ("wsm", "topsis", "qcbs", "least-cost"):
        statement = statements[name]
        workbook = openpyxl.load_workbook(statement.path)
        assert workbook.sheetnames == SHEETS
        ws = workbook["Scoring"]
        columns = offer_columns(ws)
        score, rank = row_labelled(ws, "Score (0–100)"), row_labelled(ws, "Rank")
        weights = criterion_rows(ws, statement.result)
        responsive = [a for a in statement.result["alternatives"] if a["responsive"]]
        assert responsive
        for alt in responsive:
            col = columns[alt["offer_id"]]
            for row in (score, rank):
                cell = ws.cell(row, col)
                assert cell.data_type == "f" and str(cell.value).startswith("="), (name, row)
            # the weight cells are plain numbers a member may overwrite
            for row in weights.values():
                assert isinstance(ws.cell(row, 4).value, float)
        if name == "wsm":  # each criterion's label again: its normalised scores
            for criterion in statement.result["criteria"]:
                normalised = rows_labelled(ws, criterion["label"])[1]
                for alt in responsive:
                    cell = ws.cell(normalised, columns[alt["offer_id"]])
                    assert cell.data_type == "f" and "MAX(" in cell.value
        assert workbook.calculation.fullCalcOnLoad


def test_offers_in_rank_order_then_the_non_responsive(statements: dict[str, Statement]) -> None:
    statement = statements["wsm"]
    ws = openpyxl.load_workbook(statement.path)["Summary"]
    order = sorted(offer_columns(ws), key=offer_columns(ws).__getitem__)
    alternatives = {a["offer_id"]: a for a in statement.result["alternatives"]}
    ranks = [alternatives[o]["rank"] for o in order]
    scored = [r for r in ranks if r is not None]
    assert scored == sorted(scored) and scored[0] == 1
    assert ranks[: len(scored)] == scored  # every non-responsive offer after the ranked ones
    assert len(order) == len(alternatives)


@pytest.mark.parametrize("name", [*CASES])
def test_recalculation_reproduces_the_applications_scores_and_ranks(
    name: str, statements: dict[str, Statement], recalculated: dict[str, Path]
) -> None:
    result = statements[name].result
    workbook = openpyxl.load_workbook(recalculated[name], data_only=True)
    ws = workbook["Scoring"]
    columns = offer_columns(ws)
    score, rank = row_labelled(ws, "Score (0–100)"), row_labelled(ws, "Rank")
    weights_sum = row_labelled(ws, "Sum of weights")
    assert ws.cell(weights_sum, 4).value == pytest.approx(1.0, abs=1e-9)
    technical = row_labelled(ws, "Technical score T (0–100)") if result["method"] == "qcbs" else 0
    summary = workbook["Summary"]
    summary_columns = offer_columns(summary)
    live_score = row_labelled(summary, "Score recalculated in this workbook")
    for alt in result["alternatives"]:
        col = columns[alt["offer_id"]]
        got_score, got_rank = ws.cell(score, col).value, ws.cell(rank, col).value
        if not alt["responsive"]:
            assert got_score == "not responsive"
            continue
        if technical:
            assert ws.cell(technical, col).value == pytest.approx(alt["technical_score"], abs=1e-6)
        if alt["score"] is None:  # QCBS: below the minimum technical score
            assert (got_score, got_rank) == ("disqualified", "—")
            continue
        assert got_score == pytest.approx(alt["score"], abs=1e-6), (name, alt["offer_id"])
        assert got_rank == alt["rank"], (name, alt["offer_id"])
        linked = summary.cell(live_score, summary_columns[alt["offer_id"]]).value
        assert linked == pytest.approx(alt["score"], abs=1e-6)


def test_a_member_changing_the_weights_changes_the_ranking(
    statements: dict[str, Statement], recalculated: dict[str, Path]
) -> None:
    statement = statements[REWEIGHTED]
    assert statement.kept is not None and statement.runner_up is not None
    alternatives = statement.result["alternatives"]
    winner = next(a["offer_id"] for a in alternatives if a["rank"] == 1)
    ws = openpyxl.load_workbook(recalculated[REWEIGHTED], data_only=True)["Scoring"]
    columns = offer_columns(ws)
    score, rank = row_labelled(ws, "Score (0–100)"), row_labelled(ws, "Rank")
    weights_sum = row_labelled(ws, "Sum of weights")
    assert ws.cell(weights_sum, 4).value == 1.0
    assert ws.cell(rank, columns[statement.runner_up]).value == 1
    assert ws.cell(score, columns[statement.runner_up]).value == pytest.approx(100.0)
    assert ws.cell(rank, columns[winner]).value > 1
    for alt in alternatives:
        if alt["responsive"] and alt["offer_id"] != statement.runner_up:
            assert ws.cell(score, columns[alt["offer_id"]]).value < 100.0


# -- vendor text ----------------------------------------------------------------------------


def test_vendor_text_is_stored_as_text_never_as_a_formula(
    statements: dict[str, Statement],
) -> None:
    for name in ("hostile-only", "wsm"):
        workbook = openpyxl.load_workbook(statements[name].path)
        found = 0
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value in (HOSTILE_MODEL, HOSTILE_VENDOR):
                        assert cell.data_type == "s", (ws.title, cell.coordinate)
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
                        found += 1
                    elif cell.data_type == "f":
                        assert "HYPERLINK" not in cell.value and "cmd|" not in cell.value
        assert found >= 2 * 5  # vendor and model on every offer sheet


def test_a_spreadsheet_program_shows_vendor_text_literally(
    statements: dict[str, Statement], recalculated: dict[str, Path]
) -> None:
    ws = openpyxl.load_workbook(recalculated["hostile-only"], data_only=True)["Summary"]
    column = offer_columns(ws)[statements["hostile-only"].result["alternatives"][0]["offer_id"]]
    assert ws.cell(xlsx.ROW_VENDOR, column).value == HOSTILE_VENDOR
    assert ws.cell(xlsx.ROW_MODEL, column).value == HOSTILE_MODEL


def test_other_leading_characters_and_control_characters_stay_text(tmp_path: Path) -> None:
    ws = openpyxl.Workbook().active
    for row, text in enumerate(["-2+3", "@SUM(A1)", "\t=1+1", "plain", "bell\x07"], 1):
        xlsx._put(ws, row, 1, text)
    assert [ws.cell(r, 1).data_type for r in range(1, 6)] == ["s"] * 5
    assert ws.cell(5, 1).value == "bell\ufffd"


# -- the sample-data label --------------------------------------------------------------------


def test_sample_data_is_labelled_on_the_summary(statements: dict[str, Statement]) -> None:
    summary = openpyxl.load_workbook(statements["wsm"].path)["Summary"]
    labels = [c for row in summary.iter_rows(max_row=4) for c in row if c.value == SAMPLE_LABEL]
    assert labels and labels[0].font.b and labels[0].font.color.rgb.endswith("C00000")
    # an evaluation of a real (non-sample) offer only carries no such label
    real = openpyxl.load_workbook(statements["hostile-only"].path)["Summary"]
    assert SAMPLE_LABEL not in [c.value for row in real.iter_rows() for c in row]


def test_summary_recommends_the_first_ranked_and_has_signature_rows(
    statements: dict[str, Statement],
) -> None:
    result = statements["least-cost"].result
    ws = openpyxl.load_workbook(statements["least-cost"].path)["Summary"]
    winner = next(a for a in result["alternatives"] if a["rank"] == 1)
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("Recommended for award") and winner["model"] in t for t in texts)
    # after-sales support scored by nobody: no recommendation, and the reason instead
    ws = openpyxl.load_workbook(statements["wsm"].path)["Summary"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("No recommendation yet: after-sales support") for t in texts)
    assert not any(t.startswith("Recommended for award") for t in texts)
    assert statements["wsm"].result["content_hash"] in texts
    for role in ("Chairman", "Member/Secretary", "Member", "Co-opted expert"):
        assert role in texts
    for head in ("Name", "Designation", "Signature", "Date"):
        assert head in texts


def test_print_set_up_of_every_sheet(statements: dict[str, Statement]) -> None:
    workbook = openpyxl.load_workbook(statements["qcbs"].path)
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"
        # full size (no text shrunk under 8 pt): wide sheets run across pages, each
        # repeating the title rows and the label columns
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 100
        assert ws.freeze_panes and ws.print_title_rows and ws.print_title_cols
        assert "Page &P of &N" in ws.oddFooter.center.text


# -- writing the file --------------------------------------------------------------------------


def test_refuses_to_overwrite_unless_asked(
    statements: dict[str, Statement], tmp_path: Path
) -> None:
    result = statements["hostile-only"].result
    target = tmp_path / "statement.xlsx"
    target.write_bytes(b"the committee's own file")
    with pytest.raises(ProcureError, match="already exists"):
        write_xlsx(result, target)
    assert target.read_bytes() == b"the committee's own file"
    assert write_xlsx(result, target, overwrite=True) == target
    assert openpyxl.load_workbook(target).sheetnames == SHEETS
    assert [p.name for p in tmp_path.iterdir()] == ["statement.xlsx"]


def test_a_failed_write_names_the_path_and_leaves_nothing(
    statements: dict[str, Statement], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = statements["hostile-only"].result
    target = tmp_path / "statement.xlsx"

    def locked(source: object, destination: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(destination))

    monkeypatch.setattr(xlsx.os, "replace", locked)
    with pytest.raises(ProcureError, match="permission denied") as raised:
        write_xlsx(result, target)
    assert str(target) in str(raised.value)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx.os, "fsync", disk_full)
    with pytest.raises(ProcureError, match="disk is full"):
        write_xlsx(result, target)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_or_read_only_folder_is_reported(
    statements: dict[str, Statement], tmp_path: Path
) -> None:
    result = statements["hostile-only"].result
    missing = tmp_path / "no such folder" / "statement.xlsx"
    with pytest.raises(ProcureError, match="does not exist") as raised:
        write_xlsx(result, missing)
    assert str(missing) in str(raised.value)
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o500)
    try:
        if _can_write(read_only):
            pytest.skip("running with rights that ignore folder permissions (root)")
        with pytest.raises(ProcureError, match="permission denied"):
            write_xlsx(result, read_only / "statement.xlsx")
        assert list(read_only.iterdir()) == []
    finally:
        read_only.chmod(0o700)


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


# -- the live life-cycle cost -------------------------------------------------------------


def recalculate(path: Path, folder: Path) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot recalculate the workbooks")
    command = soffice_command(folder, [str(path)])
    subprocess.run(command, capture_output=True, text=True, timeout=240, check=True)
    return folder / path.name


def test_life_cycle_cost_follows_the_discount_rate_and_the_diesel_price(
    statements: dict[str, Statement], recalculated: dict[str, Path], tmp_path: Path
) -> None:
    statement = statements["least-cost-lcc"]
    alts = {a["offer_id"]: a for a in statement.result["alternatives"]}
    # As exported, the workbook's formulas reproduce the application's fleet NPV.
    ws = openpyxl.load_workbook(recalculated["least-cost-lcc"], data_only=True)["Life-cycle cost"]
    columns = offer_columns(ws)
    npv_row = row_labelled(ws, "Life-cycle cost of the fleet (NPV), recalculated")
    checked = 0
    for offer_id, alt in alts.items():
        recorded = alt["lcc"].get("npv_total_pkr")
        if isinstance(recorded, int | float):
            got = ws.cell(npv_row, columns[offer_id]).value
            assert got == pytest.approx(recorded, rel=1e-12), offer_id
            checked += 1
    assert checked >= 3
    # A member sets the discount rate to 8 % and diesel to PKR 300/L: the fleet NPV follows,
    # as worked out here from the recorded quantities (the model of docs/engineering-models.md,
    # 'Life-cycle cost').
    book = openpyxl.load_workbook(statement.path)
    sheet = book["Life-cycle cost"]
    inputs = {sheet.cell(r, 1).value: r for r in range(1, 30)}
    sheet.cell(inputs["Discount rate (%)"], 2).value = 8
    sheet.cell(inputs["Diesel price (PKR/L)"], 2).value = 300
    assert (
        sheet.protection.sheet and not sheet.cell(inputs["Discount rate (%)"], 2).protection.locked
    )
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    out = tmp_path / "out"
    out.mkdir()
    ws = openpyxl.load_workbook(recalculate(changed, out), data_only=True)["Life-cycle cost"]
    site = {a["key"]: a["value"] for a in statement.result["assumptions"]}
    r, n = 0.08, int(site["life_years"])
    annuity = sum((1 + r) ** -t for t in range(1, n + 1))
    for offer_id, alt in alts.items():
        lcc, fleet = alt["lcc"], alt["fleet"]
        if not isinstance(lcc.get("npv_total_pkr"), int | float):
            continue
        landed = lcc["landed_price_per_unit_pkr"]
        yearly = (
            fleet["fuel_l_per_unit_year"] * 300
            + landed * site["maintenance_pct_of_price"] / 100
            + site["operator_pkr_per_year"]
        )
        residual = landed * site["residual_pct"] / 100
        per_unit = landed + yearly * annuity - residual / (1 + r) ** n
        expected = lcc["units_required"] * per_unit
        got = ws.cell(npv_row, columns[offer_id]).value
        assert got == pytest.approx(expected, rel=1e-12), offer_id
        assert got != pytest.approx(lcc["npv_total_pkr"], rel=1e-3)

"""An evaluation carried to a signed report through the command line, on a case worked out
by hand: cheapest machine ≠ cheapest fleet, two bidders offering the same model, a bid with
short validity, an arithmetic error, an unscored judged criterion."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from procure.cli import run
from tests.unit.test_award import SITE

NEED = {
    "name": "Hand-worked loading",
    "sector": "coal",
    "category": "excavator",
    "description": "1,000 t/h of overburden",
    "site": SITE,
    "exchange_rates": [
        {"currency": "USD", "rate": 280.0, "date": "2026-11-27", "source": "SBP selling rate"}
    ],
    "requirements": [{"field": "bucket_m3", "op": ">=", "value": 1}],
    "criteria": [
        {"key": "bucket_m3", "weight": 90, "direction": "higher"},
        {"key": "after_sales_support", "weight": 10, "direction": "higher", "judged": True},
    ],
    "method": "least-cost",
    "preliminary": {"bid_security_min_pct": 2, "bid_validity_min_days": 90},
}
HEADER = "Model,Category,Unit price,Currency,Incoterm,Bucket capacity (m3),Operating weight (t)\n"
# Output per unit = B × 1.0 × 1.5 × 3600/30 × 0.8 = 144·B t/h; units ⌈1,000 / output⌉:
# Alpha EX-2: 2 m³ → 4 units × 100,000 × 280 = PKR 112,000,000 (cheapest machine)
# Beta EX-5:  5 m³ → 2 units × 180,000 × 280 = PKR 100,800,000 (cheapest fleet)
# Beta EX-2:  2 m³ → 4 units × 104,000 × 280 = PKR 116,480,000 (valid 60 days: out)
ALPHA = HEADER + "EX-2,excavator,100000,USD,CIF Karachi,2.0,20\n"
BETA = (
    HEADER
    + "EX-5,excavator,180000,USD,CIF Karachi,5.0,45\nEX-2,excavator,104000,USD,CIF Karachi,2.0,20\n"
)


def cli(db: Path, *args: str, code: int = 0) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run(["--db", str(db), *args], out, err) == code, err.getvalue()
    return out.getvalue() + err.getvalue()


@pytest.fixture
def ready(tmp_path: Path) -> tuple[Path, dict[str, int], int]:
    db = tmp_path / "procure.db"
    (tmp_path / "need.json").write_text(json.dumps(NEED), encoding="utf-8")
    (tmp_path / "alpha.csv").write_text(ALPHA, encoding="utf-8")
    (tmp_path / "beta.csv").write_text(BETA, encoding="utf-8")
    cli(db, "needs", "import", str(tmp_path / "need.json"))
    cli(db, "import", str(tmp_path / "alpha.csv"), "--vendor", "Alpha Machinery")
    cli(db, "import", str(tmp_path / "beta.csv"), "--vendor", "Beta Traders")
    offers = json.loads(cli(db, "offers", "--json"))
    ids = {
        f"{o['vendor'].split()[0]} {o['model']}": o["id"]
        for o in offers
        if o["vendor"] in ("Alpha Machinery", "Beta Traders")
    }
    listed = ",".join(str(i) for i in ids.values())
    data = json.loads(cli(db, "evaluate", NEED["name"], "--offers", listed, "--json"))
    return db, ids, data["evaluation_id"]


def test_evaluated_costs_and_no_award_before_the_bids_are_examined(ready) -> None:  # type: ignore[no-untyped-def]
    db, ids, evaluation = ready
    data = json.loads(cli(db, "evaluation", "show", str(evaluation), "--json"))
    costs = {a["offer_id"]: a["evaluated_cost"] for a in data["alternatives"]}
    assert costs[ids["Alpha EX-2"]]["total"] == 112_000_000
    assert costs[ids["Beta EX-5"]]["total"] == 100_800_000
    assert costs[ids["Beta EX-2"]]["total"] == 116_480_000
    # Before the committee records the bids, none shows bid security: nothing is ranked.
    assert all(a["rank"] is None for a in data["alternatives"])
    assert data["recommendation"] is None
    assert data["warnings"] == [
        "No recommendation: no offer passed the preliminary examination and met every "
        "mandatory requirement."
    ]


def test_bids_recorded_short_validity_out_arithmetic_corrected(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, ids, evaluation = ready
    e = str(evaluation)
    cli(db, "evaluation", "bid", e, "--offer", str(ids["Alpha EX-2"]), "--security", "8000",
        "USD", "--validity", "120", "--quantity", "4", "--amount", "400000")  # fmt: skip
    cli(db, "evaluation", "bid", e, "--offer", str(ids["Beta EX-5"]), "--security", "7200",
        "USD", "--validity", "120", "--quantity", "2", "--amount", "350000")  # fmt: skip
    cli(db, "evaluation", "bid", e, "--offer", str(ids["Beta EX-2"]), "--security", "9000",
        "USD", "--validity", "60")  # fmt: skip
    text = cli(db, "evaluation", "show", e)
    assert "1     100.00  Bid 2  Beta Traders — EX-5" in text
    assert "Bid 1  Alpha Machinery — EX-2" in text  # the same model, told apart by bidder
    assert (
        "Bid 3 Beta Traders — EX-2: failed the preliminary examination; preliminary "
        "examination: Bid validity ≥ 90 days: valid for 60 days, 30 days short" in text
    )
    assert (
        "Bid 2 Beta Traders — EX-5: amount read out USD 350,000 corrected to USD 360,000 "
        "(2 × unit price 180,000): the unit price prevails" in text
    )
    assert (
        "Recommendation: Award to Beta Traders for 2 × EX-5; contract amount USD 360,000 "
        "(PKR 100,800,000 at the recorded rate); evaluated cost PKR 100,800,000." in text
    )
    cli(db, "evaluation", "setup", e, "--agency", "Thar Coal Authority", "--tender-reference",
        "TCA/2026/17", "--bid-opening-date", "2026-11-27", "--member",
        "A. Khan|Chairman|Director", "--member", "B. Shah|Member/Secretary|Engineer")  # fmt: skip
    assert "status approved" in cli(db, "evaluation", "approve", e, "--actor", "A. Khan")
    pdf = tmp_path / "report.pdf"
    cli(db, "export", e, "--pdf", str(pdf))
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    for expected in (
        "Thar Coal Authority",
        "TCA/2026/17",
        "A. Khan",
        "Alpha Machinery — EX-2",
        "Beta Traders — EX-2",
        "valid for 60 days, 30 days short",
        "corrected to USD 360,000",
        "× 2 units (units required by fleet sizing) = PKR 100,800,000",
        "Declaration of no conflict of interest",
        "Approved by A. Khan, 20",  # who approved, and when (from the audit trail)
        "Bid opening 2026-11-27",
    ):
        assert expected in flat, expected
    assert PdfReader(pdf).metadata.author == "Thar Coal Authority"
    workbook = tmp_path / "statement.xlsx"
    cli(db, "export", e, "--xlsx", str(workbook))
    summary = openpyxl.load_workbook(workbook)["Summary"]
    texts = {str(c.value) for row in summary.iter_rows() for c in row if c.value is not None}
    assert {"Thar Coal Authority", "TCA/2026/17", "A. Khan", "B. Shah", "Director"} <= texts
    assert any(t.startswith("Recommended for award: Award to Beta Traders") for t in texts)


def test_an_unscored_judged_criterion_blocks_approval_until_scored(ready) -> None:  # type: ignore[no-untyped-def]
    db, ids, _ = ready
    listed = ",".join(str(ids[k]) for k in ("Alpha EX-2", "Beta EX-5"))
    data = json.loads(
        cli(db, "evaluate", NEED["name"], "--method", "wsm", "--offers", listed, "--json")
    )
    evaluation = str(data["evaluation_id"])
    assert data["recommendation"] is None
    text = cli(db, "evaluation", "show", evaluation)
    # every bid lacks its record: nothing passes the preliminary examination yet
    assert "No recommendation" in text
    for offer in ("Alpha EX-2", "Beta EX-5"):
        cli(db, "evaluation", "bid", evaluation, "--offer", str(ids[offer]), "--security",
            "8000", "--validity", "90")  # fmt: skip
    text = cli(db, "evaluation", "show", evaluation)
    assert (
        "Warning: No recommendation yet: after-sales support (10 %) has not been scored by "
        "any member." in text
    )
    refused = cli(db, "evaluation", "approve", evaluation, code=2)
    assert "cannot approve: No recommendation yet: after-sales support" in refused
    for offer, score in (("Alpha EX-2", "8"), ("Beta EX-5", "6")):
        cli(db, "evaluation", "score", evaluation, "--member", "A. Khan", "--offer",
            str(ids[offer]), f"after_sales_support={score}")  # fmt: skip
    data = json.loads(cli(db, "evaluation", "show", evaluation, "--json"))
    # WSM: bucket 0.9 × (2/5, 5/5), support 0.1 × (8/8, 6/8): Alpha 46, Beta 97.5
    scores = {a["offer_id"]: a["score"] for a in data["alternatives"]}
    assert scores[ids["Alpha EX-2"]] == pytest.approx(100 * (0.9 * 0.4 + 0.1))
    assert scores[ids["Beta EX-5"]] == pytest.approx(100 * (0.9 + 0.1 * 0.75))
    assert data["warnings"] == [] and data["recommendation"]["offer_id"] == ids["Beta EX-5"]


def test_qcbs_where_nobody_passes_ranks_nobody_and_says_why(ready, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, ids, _ = ready
    # T = 100 × (0.6 × bucket / 5 m³ + 0.4 × after-sales, scored by nobody): at most 60 < 70
    need = NEED | {
        "name": "Hand-worked loading, QCBS",
        "method": "qcbs",
        "criteria": [
            {"key": "bucket_m3", "weight": 60, "direction": "higher"},
            {"key": "after_sales_support", "weight": 40, "direction": "higher", "judged": True},
        ],
    }
    del need["preliminary"]
    (tmp_path / "qcbs.json").write_text(json.dumps(need), encoding="utf-8")
    cli(db, "needs", "import", str(tmp_path / "qcbs.json"))
    listed = ",".join(str(i) for i in ids.values())
    data = json.loads(cli(db, "evaluate", need["name"], "--offers", listed, "--json"))
    technical = {a["offer_id"]: a["technical_score"] for a in data["alternatives"]}
    assert technical[ids["Beta EX-5"]] == pytest.approx(60.0)
    assert technical[ids["Alpha EX-2"]] == pytest.approx(24.0)  # 60 × 2/5
    assert all(a["rank"] is None for a in data["alternatives"])
    assert data["sensitivity"] is None and data["recommendation"] is None
    assert data["warnings"] == [
        "No recommendation yet: after-sales support (40 %) has not been scored by any member.",
        "No recommendation: no offer reached the minimum technical score of 70.",
    ]
    text = cli(db, "evaluation", "show", str(data["evaluation_id"]))
    assert "No offer is ranked." in text and "Probability of ranking first" not in text
    pdf = tmp_path / "qcbs.pdf"
    cli(db, "export", str(data["evaluation_id"]), "--pdf", str(pdf))
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "No offer is ranked: there is no first rank to test." in flat
    assert "no offer reached the minimum technical score of 70" in flat

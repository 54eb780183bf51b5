"""The report model: one place for labels, formats, reasons and the award, and results
stored before it (without evaluated cost, warnings or recommendation) still render."""

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from procure.evaluation.engine import evaluate
from procure.exports.pdf import write_pdf
from procure.report_model import build, figure_label, fmt, share
from procure.report_text import evaluation_text
from tests.unit.test_award import excavator, need

TWO_OF_ONE_MODEL = [
    excavator(1, 100_000, 2.0, vendor="Alpha Machinery"),
    excavator(2, 104_000, 2.0, vendor="Beta Traders"),
    excavator(3, 180_000, 5.0, vendor="Beta Traders"),
]


def result_json(**changes: object) -> dict:  # type: ignore[type-arg]
    rows = [replace(o, model="EX-2" if o.id < 3 else "EX-5") for o in TWO_OF_ONE_MODEL]
    data = evaluate(need(**changes), rows).to_json()
    return data | {"evaluation_id": 1, "status": "draft", "content_hash": "ab" * 32}


def test_two_bidders_of_one_model_are_told_apart_by_label_and_bid_number() -> None:
    model = build(result_json())
    labels = {o.offer_id: (o.bid, o.label) for o in model.offers}
    assert labels == {
        1: ("Bid 1", "Alpha Machinery — EX-2"),
        2: ("Bid 2", "Beta Traders — EX-2"),
        3: ("Bid 3", "Beta Traders — EX-5"),
    }
    assert [o.offer_id for o in model.ranked] == [3, 1, 2]  # 100.8 M < 112 M < 116.48 M
    assert model.ranked[1].short() == "Bid 1: EX-2 — Alpha Machinery"
    # how the evaluated cost was reached, at the rate exactly as recorded
    assert model.ranked[0].cost is not None
    assert model.ranked[0].cost.steps == (
        "quoted USD 180,000 CIF Karachi",
        "converted at 280 PKR/USD (rate of 2025-10-31) = PKR 50,400,000",
        "landed PKR 50,400,000 (freight and insurance 0.0 %, duties and taxes 0.0 %)",
        "× 2 units (units required by fleet sizing) = PKR 100,800,000",
    )


def test_one_format_per_unit_and_human_units() -> None:
    assert fmt(29_344_712.5664, "PKR") == "29,344,713"  # money: whole units, separators
    assert (fmt(256.6, "PKR/t"), fmt(258, "PKR/t")) == ("256.60", "258.00")
    assert fmt(0.9, "fraction", with_unit=True) == "90.0 %"
    assert fmt(3.0, "m3", with_unit=True) == "3.0 m³"
    assert fmt(None, "PKR") == "—"
    assert figure_label("npv_total_pkr") == ("Life-cycle cost of the fleet (NPV)", "PKR")
    assert figure_label("capex_year0_pkr") == ("Purchase of the fleet (year 0)", "PKR")
    assert figure_label("co2_t_per_year") == ("CO₂ per year (fleet)", "t/yr")


def test_the_report_reads_as_words_not_code(tmp_path: Path) -> None:
    data = result_json()
    path = write_pdf(data, tmp_path / "report.pdf")
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    for code in ("Npv total", "Capex year0", "Co2 t per year", "Charger", "1 fraction", " m3 "):
        assert code not in flat, code
    assert "Alpha Machinery — EX-2" in flat and "Beta Traders — EX-2" in flat
    assert "1. Bid opening record" in flat and "5. Ranking" in flat


def test_a_result_stored_before_the_award_model_still_renders(tmp_path: Path) -> None:
    old = result_json()
    for key in ("warnings", "recommendation", "least_cost_basis", "preliminary_rules"):
        old.pop(key)
    for alt in old["alternatives"]:
        for key in ("evaluated_cost", "preliminary", "passed_preliminary", "arithmetic", "bid"):
            alt.pop(key)
    model = build(old)
    assert model.recommendation is None and model.award_text is None
    assert model.warnings[-1].startswith("No recommendation: this result was computed before")
    assert all(o.cost is None for o in model.offers)
    assert "No recommendation: this result was computed before" in evaluation_text(old)
    write_pdf(old, tmp_path / "old.pdf")


def test_every_view_names_the_offers_and_their_costs_alike(tmp_path: Path) -> None:
    import openpyxl

    from procure.exports.xlsx import ROW_OFFER, write_xlsx
    from ui.evaluation_html import evaluation_html

    data = result_json()
    cli = evaluation_text(data)
    html = evaluation_html(data)
    pdf = write_pdf(data, tmp_path / "r.pdf")
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    sheet = openpyxl.load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))["Summary"]
    heads = [str(c.value) for c in sheet[ROW_OFFER]]
    # Bid 2: Beta Traders — EX-2, 4 units × 104,000 × 280 = PKR 116,480,000
    for view in (cli, html, flat):
        for text in ("Bid 2", "Beta Traders — EX-2", "Alpha Machinery — EX-2", "116,480,000"):
            assert text in view, (text, view[:200])
    assert "Bid 2 (offer 2)" in heads and "Bid 1 (offer 1)" in heads


@pytest.mark.parametrize("method", ["least-cost", "wsm", "qcbs"])
def test_one_evaluation_reads_the_same_in_every_view(tmp_path: Path, method: str) -> None:
    """The CLI text, the window's HTML, the PDF and the workbook print the same labels and
    the same numbers, in the same format, for one evaluation."""
    import openpyxl

    from procure.exports.xlsx import write_xlsx
    from ui.evaluation_html import evaluation_html

    criteria = [
        {"key": "bucket_m3", "weight": 0.7, "direction": "higher"},
        {"key": "landed_price", "weight": 0.3, "direction": "lower"},
    ]
    data = result_json(method=method, criteria=criteria)
    model = build(data)
    assert model.ranked and len(model.offers) == 3  # QCBS: two below the technical minimum
    cli = evaluation_text(data)
    html = " ".join(unescape(re.sub(r"<[^>]+>", " ", evaluation_html(data))).split())
    path = write_pdf(data, tmp_path / "r.pdf")
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    expected = [model.method_label, model.award_text or "No recommendation"]
    for o in model.ranked:
        assert o.cost is not None
        expected += [o.bid, o.label, fmt(o.score, "score 0–10"), fmt(o.cost.total, "PKR")]
    expected += [o.label for o in model.excluded]
    for name, view in (("CLI", cli), ("window", html), ("PDF", pdf)):
        for text in expected:
            assert text in view, (name, text)
    # by hand: EX-5 has 2.5 × the bucket of EX-2 at 50.4 M PKR against 28 M and 29.12 M
    if method == "least-cost":
        assert [fmt(o.score, "score 0–10") for o in model.ranked] == ["100.00", "90.00", "86.54"]
    book = openpyxl.load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))
    summary = {
        str(r[0]): r[1:] for r in book["Summary"].iter_rows(values_only=True) if r[0] is not None
    }
    n = len(model.ranked)
    assert list(summary["Bid (offer no.)"][:n]) == [
        f"{o.bid} (offer {o.offer_id})" for o in model.ranked
    ]
    assert list(summary["Vendor"][:n]) == [o.vendor for o in model.ranked]
    assert list(summary["Model"][:n]) == [o.model for o in model.ranked]
    recorded = summary["Score (0–100), as recorded"][:n]
    assert [fmt(v, "score 0–10") for v in recorded] == [
        fmt(o.score, "score 0–10") for o in model.ranked
    ]
    assert list(summary["Rank, as recorded"][:n]) == [o.rank for o in model.ranked]
    assert summary["Method"][0] == model.method_label
    assert model.award_text is None or model.award_text in str(summary["Recommendation"][0])
    scoring = {
        str(r[0]): r for r in book["Scoring"].iter_rows(values_only=True) if r[0] is not None
    }
    if method == "least-cost":
        costs = next(v for k, v in scoring.items() if k.startswith("Evaluated cost"))
        shown = [fmt(v, "PKR") for v in costs if isinstance(v, int | float)]
        assert shown == [fmt(o.cost.total if o.cost else None, "PKR") for o in model.ranked]


def test_a_threshold_inside_the_range_never_reads_as_its_end() -> None:
    assert (share(0.432), share(0.99996), share(0.00004)) == ("43.2 %", "99.9960 %", "0.0040 %")
    model = build(result_json())
    entry = {"lower": None, "upper": 0.99996, "lower_winner": None, "upper_winner": 2}
    assert model.stability_text(entry) == "above 99.9960 %: Beta Traders — EX-2 first"
    stable = {"lower": None, "upper": None}
    assert model.stability_text(stable) == "cannot change the first rank (stable over 0–100 %)"

"""The method registry: a new method is one entry, and needs, the engine and the report
model take it from there."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from procure.errors import InvalidInput
from procure.evaluation import methods
from procure.evaluation.engine import evaluate
from procure.evaluation.scoring import Scoring
from procure.needs import parse_need
from procure.report_model import build
from tests.unit.test_award import SITE, excavator, need

# Quoted in USD at 280 PKR/USD: 28,000,000, 29,120,000 and 50,400,000 PKR per unit.
OFFERS = [
    excavator(1, 100_000, 2.0, vendor="Alpha Machinery"),
    excavator(2, 180_000, 5.0, vendor="Beta Traders"),
    excavator(3, 104_000, 2.0, vendor="Gamma Plant"),
]


def lowest_price(s: Scoring) -> None:
    """Score = 100 × the lowest unit price / the unit price; rank by the score."""
    prices = [a.price_base for a in s.alternatives]
    cheapest = min(p for p in prices if p is not None)
    for alt, price in zip(s.alternatives, prices, strict=True):
        alt.score = 100 * cheapest / price if price else 0.0
    ordered = sorted(s.alternatives, key=lambda a: -(a.score or 0.0))
    for rank, alt in enumerate(ordered, 1):
        alt.rank = rank


TOY = methods.Method(
    "lowest-price",
    "Lowest unit price",
    "Lowest unit price only: score = 100 · min(price) / price.",
    "Lowest price: the responsive bid with the lowest unit price",
    lowest_price,
)


@pytest.fixture
def toy() -> Iterator[methods.Method]:
    methods.register(TOY)
    yield TOY
    methods.unregister(TOY.key)


def test_a_registered_method_ranks_through_the_engine(toy: methods.Method) -> None:
    assert toy.key in methods.method_keys() and not toy.weighted
    result = evaluate(need(method=toy.key), OFFERS).result()
    ranks = {a.offer_id: (a.rank, a.score) for a in result.alternatives}
    # 100 × 28.00 / 28.00 = 100; 100 × 28.00 / 29.12 = 96.15; 100 × 28.00 / 50.40 = 55.56
    assert ranks[1] == (1, pytest.approx(100.0))
    assert ranks[3] == (2, pytest.approx(96.153846, abs=1e-6))
    assert ranks[2] == (3, pytest.approx(55.555556, abs=1e-6))
    assert result.sensitivity is None and result.normalisation is None
    assert result.recommendation is not None
    assert (
        result.recommendation.rule == "Lowest price: the responsive bid with the lowest unit price"
    )
    model = build(result)
    assert model.method_label == "Lowest unit price"
    assert [o.label for o in model.ranked] == [
        "Alpha Machinery — EX-1",
        "Gamma Plant — EX-3",
        "Beta Traders — EX-2",
    ]


def test_needs_accept_a_method_while_it_is_registered() -> None:
    doc = {
        "name": "Toy",
        "sector": "coal",
        "category": "excavator",
        "site": SITE,
        "criteria": [{"key": "bucket_m3", "weight": 1, "direction": "higher"}],
        "method": TOY.key,
    }
    with pytest.raises(InvalidInput, match="method: must be one of wsm, topsis, qcbs"):
        parse_need(doc)
    methods.register(TOY)
    try:
        assert parse_need(doc).method == TOY.key
    finally:
        methods.unregister(TOY.key)
    assert TOY.key not in methods.method_keys()


def test_the_built_in_methods_cannot_be_registered_twice_or_removed() -> None:
    with pytest.raises(ValueError, match="registered already"):
        methods.register(methods.get("wsm"))
    with pytest.raises(ValueError, match="built in"):
        methods.unregister("wsm")
    assert methods.method_keys() == ("wsm", "topsis", "qcbs", "least-cost")
    assert [m.weighted for m in methods.methods()] == [True, True, True, False]


def test_the_workbook_shows_a_method_without_formulas_as_recorded(
    toy: methods.Method,
    tmp_path: Path,
) -> None:
    import openpyxl

    from procure.exports.xlsx import write_xlsx

    doc = evaluate(need(method=toy.key), OFFERS).to_json() | {"evaluation_id": 1}
    sheet = openpyxl.load_workbook(write_xlsx(doc, tmp_path / "toy.xlsx"))["Scoring"]
    rows = {str(r[0].value): [c.value for c in r[1:]] for r in sheet.iter_rows() if r[0].value}
    assert "Lowest unit price: scores and ranks as recorded" in rows
    scores = [v for v in rows["Score (0–100)"] if isinstance(v, int | float)]
    ranks = [v for v in rows["Rank"] if isinstance(v, int)]
    assert scores == pytest.approx([100.0, 96.153846, 55.555556], abs=1e-6)  # in rank order
    assert ranks == [1, 2, 3]


def test_every_view_names_a_registered_method_and_says_it_ignores_the_weights(
    toy: methods.Method,
    tmp_path: Path,
) -> None:
    import re

    from pypdf import PdfReader

    from procure.exports.pdf import write_pdf
    from procure.report_text import evaluation_text
    from ui.evaluation_html import evaluation_html

    doc = evaluate(need(method=toy.key), OFFERS).to_json() | {"evaluation_id": 1}
    note = "Lowest unit price: the criteria weights are not used."
    assert build(doc).weights_note == note
    cli = evaluation_text(doc)
    html = " ".join(re.sub(r"<[^>]+>", " ", evaluation_html(doc)).split())
    pdf = write_pdf(doc, tmp_path / "toy.pdf")
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    for view in (cli, html, flat):
        assert "Lowest unit price" in view and note in view
        assert "Alpha Machinery — EX-1" in view and "100.00" in view
    assert "Lowest unit price only: score = 100 · min(price) / price." in flat

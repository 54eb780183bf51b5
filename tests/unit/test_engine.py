"""The evaluation engine end to end on hand-worked cases (no store)."""

from decimal import Decimal

import pytest

from procure.evaluation.engine import Options, evaluate
from procure.needs import parse_need
from procure.rows import OfferRow


def need(**changes):  # type: ignore[no-untyped-def]
    doc = {
        "name": "Hand-worked haulage",
        "sector": "coal",
        "category": "dumper",
        "site": {},
        "exchange_rates": [
            {"currency": "USD", "rate": 280.0, "date": "2025-10-31", "source": "test"}
        ],
        "requirements": [{"field": "payload_t", "op": ">=", "value": 50}],
        "criteria": [
            {"key": "unit_price", "weight": 0.5, "direction": "lower"},
            {"key": "payload_t", "weight": 0.5, "direction": "higher"},
        ],
        "method": "wsm",
    }
    doc.update(changes)
    return parse_need(doc)


def offer(
    offer_id: int,
    price: float | None,
    payload: float | None,
    currency: str = "USD",
    category: str = "dumper",
    **values,
):  # type: ignore[no-untyped-def]
    return OfferRow(
        offer_id,
        f"Vendor {offer_id}",
        f"Model {offer_id}",
        category,
        None,
        False,
        {
            "unit_price": None if price is None else Decimal(str(price)),
            "currency": currency,
            "payload_t": payload,
            **values,
        },
    )


def by_id(result):  # type: ignore[no-untyped-def]
    return {a.offer_id: a for a in result.alternatives}


def test_wsm_with_currency_conversion_gates_and_ranks() -> None:
    # A: 100,000 USD = 28,000,000 PKR, 50 t; B: 166,666.67 USD, 100 t; C: 40 t fails the gate.
    # price r: A 1, B 100/166.67 = 0.6; payload r: A 0.5, B 1 → A = 75, B = 80.
    result = evaluate(
        need(), [offer(1, 100_000, 50), offer(2, 166_666.6666666667, 100), offer(3, 90_000, 40)]
    )
    alts = by_id(result)
    assert alts[1].values["unit_price"] == pytest.approx(28_000_000)
    assert alts[1].score == pytest.approx(75.0)
    assert alts[2].score == pytest.approx(80.0)
    assert (alts[2].rank, alts[1].rank) == (1, 2)
    assert not alts[3].responsive and alts[3].rank is None and alts[3].score is None
    failed = [g for g in alts[3].gates if not g.passed]
    assert failed[0].requirement == "Rated payload ≥ 50 t"
    assert "40 t" in failed[0].reason
    data = result.to_json()
    assert sum(c["weight"] for c in data["criteria"]) == pytest.approx(1.0)
    assert data["alternatives"][2]["rank"] is None


def test_weight_change_that_changes_the_winner_by_hand() -> None:
    # As above, B wins 80 to 75. Moving the price weight to t (payload 1 − t):
    # A = t + 0.5(1 − t), B = 0.6t + (1 − t); equal at t = 0.5/0.9 = 0.5556.
    # Moving the payload weight to t: A = (1 − t) + 0.5t, B = 0.6(1 − t) + t; t = 0.4/0.9.
    result = evaluate(need(), [offer(1, 100_000, 50), offer(2, 166_666.6666666667, 100)])
    stability = {s.key: s for s in result.sensitivity.stability}
    assert stability["unit_price"].upper == pytest.approx(0.5 / 0.9, abs=1e-9)
    assert stability["unit_price"].lower is None
    assert stability["unit_price"].upper_winner == 1
    assert stability["payload_t"].lower == pytest.approx(0.4 / 0.9, abs=1e-9)
    assert stability["payload_t"].upper is None


def test_simulation_is_seeded_and_sums_to_one() -> None:
    offers = [offer(1, 100_000, 50), offer(2, 166_666.6666666667, 100), offer(4, 120_000, 70)]
    first = evaluate(need(), offers, options=Options(seed=7, draws=500))
    again = evaluate(need(), offers, options=Options(seed=7, draws=500))
    other = evaluate(need(), offers, options=Options(seed=8, draws=500))
    p1 = first.sensitivity.first_rank_probability
    assert p1 == again.sensitivity.first_rank_probability
    assert p1 != other.sensitivity.first_rank_probability
    assert sum(p1.values()) == pytest.approx(1.0)


def test_offer_in_a_currency_without_rate_is_flagged_not_dropped() -> None:
    result = evaluate(need(), [offer(1, 100_000, 50), offer(2, 90_000, 60, currency="BYN")])
    alts = by_id(result)
    assert alts[2].responsive and alts[2].rank is not None
    assert alts[2].values["unit_price"] is None
    assert any("no exchange rate recorded for BYN" in f for f in alts[2].flags)
    # missing price scores 0 on price: 100 × 0.5 × (60/60) = 50; A: 50 + 50 × 50/60
    assert alts[2].score == pytest.approx(50.0)
    assert alts[1].score == pytest.approx(50 + 50 * 50 / 60)


def test_offer_of_another_category_is_not_responsive() -> None:
    result = evaluate(need(), [offer(1, 100_000, 50), offer(2, 100_000, 60, category="truck")])
    alt = by_id(result)[2]
    assert not alt.responsive
    assert alt.gates[0].requirement == "Category: Dumpers"


def test_qcbs_disqualifies_below_minimum_and_combines_by_hand() -> None:
    doc = need(
        method="qcbs",
        criteria=[
            {"key": "unit_price", "weight": 0.5, "direction": "lower"},
            {"key": "payload_t", "weight": 0.3, "direction": "higher"},
            {"key": "warranty_months", "weight": 0.2, "direction": "higher"},
        ],
    )
    offers = [
        offer(1, 100_000, 100, warranty_months=24.0),
        offer(2, 80_000, 90, warranty_months=12.0),
        offer(3, 50_000, 60, warranty_months=12.0),
    ]
    result = evaluate(doc, offers)
    alts = by_id(result)
    # Technical weights 0.3/0.5 = 0.6 payload, 0.4 warranty:
    # T1 = 100(0.6 + 0.4) = 100; T2 = 100(0.6·0.9 + 0.4·0.5) = 74; T3 = 100(0.36 + 0.2) = 56
    assert alts[1].technical_score == pytest.approx(100.0)
    assert alts[2].technical_score == pytest.approx(74.0)
    assert alts[3].technical_score == pytest.approx(56.0)
    assert not alts[3].qualified and alts[3].rank is None
    # F over the qualified: F1 = 100 · 80,000 / 100,000 = 80, F2 = 100
    # S1 = 0.7·100 + 0.3·80 = 94, S2 = 0.7·74 + 0.3·100 = 81.8
    assert alts[1].score == pytest.approx(94.0)
    assert alts[2].score == pytest.approx(81.8)
    assert (alts[1].rank, alts[2].rank) == (1, 2)


def test_least_cost_ranks_by_landed_price_and_shares_ties() -> None:
    doc = need(method="least-cost", site={"freight_insurance_pct": 0, "duties_taxes_pct": 0})
    offers = [
        offer(1, 100_000, 60, incoterm="CIF Karachi"),
        offer(2, 90_000, 60, incoterm="CIF Karachi"),
        offer(3, 90_000, 70, incoterm="CIF Karachi"),
    ]
    result = evaluate(doc, offers)
    alts = by_id(result)
    assert (alts[2].rank, alts[3].rank, alts[1].rank) == (1, 1, 3)
    assert alts[1].score == pytest.approx(90.0)  # 100 × 90,000 / 100,000


def test_judged_criterion_is_the_mean_of_members_with_spread_flagged() -> None:
    doc = need(
        criteria=[
            {"key": "payload_t", "weight": 0.5, "direction": "higher"},
            {"key": "after_sales_support", "weight": 0.5, "direction": "higher", "judged": True},
        ]
    )
    scores = {
        1: {"Chair": {"after_sales_support": 8.0}, "Member": {"after_sales_support": 2.0}},
        2: {"Chair": {"after_sales_support": 6.0}, "Member": {"after_sales_support": 7.0}},
    }
    result = evaluate(doc, [offer(1, 1, 60), offer(2, 1, 60)], scores)
    alts = by_id(result)
    assert alts[1].values["after_sales_support"] == pytest.approx(5.0)
    assert alts[1].judged["after_sales_support"].spread == pytest.approx(6.0)
    assert any("members disagree" in f for f in alts[1].flags)
    assert not any("members disagree" in f for f in alts[2].flags)
    # payload equal (constant: full marks); judged 5 vs 6.5 → 50 + 50·5/6.5 and 100
    assert alts[1].score == pytest.approx(50 + 50 * 5 / 6.5)


def test_ahp_weights_are_reported_with_consistency() -> None:
    doc = need(
        criteria=[
            {"key": "unit_price", "direction": "lower"},
            {"key": "payload_t", "direction": "higher"},
        ],
        ahp=[[1, 3], [1 / 3, 1]],
    )
    result = evaluate(doc, [offer(1, 100_000, 50), offer(2, 90_000, 60)])
    assert [c.weight for c in result.criteria] == pytest.approx([0.75, 0.25])
    assert result.weighting.method == "ahp" and result.weighting.lambda_max == pytest.approx(2.0)

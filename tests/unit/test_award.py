"""Evaluated cost, preliminary examination, warnings and the recommendation, on cases
worked out by hand (no store)."""

from decimal import Decimal

import pytest

from procure.evaluation.engine import evaluate
from procure.needs import parse_need
from procure.rows import OfferRow

# Excavators: output = B × k × ρ × 3600 / tc × E = B × 1.0 × 1.5 × 120 × 0.8 = 144·B t/h;
# units N = ⌈1,000 / output⌉ (availability 1); landed = price × 280 (no freight, no duty).
SITE = {
    "production_tph": 1000,
    "fill_factor": 1.0,
    "loose_density_t_m3": 1.5,
    "loader_cycle_s": 30,
    "job_efficiency": 0.8,
    "availability": 1.0,
    "freight_insurance_pct": 0,
    "duties_taxes_pct": 0,
}


def need(**changes):  # type: ignore[no-untyped-def]
    doc = {
        "name": "Hand-worked loading",
        "sector": "coal",
        "category": "excavator",
        "site": SITE,
        "exchange_rates": [
            {"currency": "USD", "rate": 280.0, "date": "2025-10-31", "source": "test"}
        ],
        "requirements": [],
        "criteria": [{"key": "bucket_m3", "weight": 1, "direction": "higher"}],
        "method": "least-cost",
    }
    doc.update(changes)
    return parse_need(doc)


def excavator(offer_id: int, price: float, bucket: float, vendor: str = "", **values):  # type: ignore[no-untyped-def]
    return OfferRow(
        offer_id,
        vendor or f"Vendor {offer_id}",
        f"EX-{offer_id}",
        "excavator",
        None,
        False,
        {
            "unit_price": Decimal(str(price)),
            "currency": values.pop("currency", "USD"),
            "incoterm": "CIF Karachi",
            "bucket_m3": bucket,
            **values,
        },
    )


# A: 2 m³ → 288 t/h → 4 units × PKR 28,000,000 = 112,000,000 (the cheaper machine)
# B: 5 m³ → 720 t/h → 2 units × PKR 50,400,000 = 100,800,000 (the cheaper fleet)
A, B = excavator(1, 100_000, 2.0), excavator(2, 180_000, 5.0)


def by_id(result):  # type: ignore[no-untyped-def]
    return {a.offer_id: a for a in result.alternatives}


def test_least_cost_ranks_the_cheapest_fleet_not_the_cheapest_machine() -> None:
    result = evaluate(need(), [A, B])
    alts = by_id(result)
    assert alts[2].rank == 1 and alts[1].rank == 2
    cost_a, cost_b = alts[1].evaluated_cost, alts[2].evaluated_cost
    assert (cost_a.quantity, cost_a.unit_cost, cost_a.total) == (4, 28_000_000, 112_000_000)
    assert (cost_b.quantity, cost_b.unit_cost, cost_b.total) == (2, 50_400_000, 100_800_000)
    assert cost_b.quantity_source == "fleet sizing" and cost_b.basis == "landed"
    assert alts[1].score == pytest.approx(100 * 100.8 / 112)  # 90
    assert result.warnings == []
    rec = result.recommendation
    assert rec is not None and rec["offer_id"] == 2 and rec["quantity"] == 2
    assert rec["contract_amount"] == {"value": 360_000, "currency": "USD"}
    assert rec["contract_amount_base"]["value"] == pytest.approx(100_800_000)
    assert "Lowest evaluated bid" in rec["rule"]
    data = result.to_json()
    assert data["alternatives"][1]["evaluated_cost"]["total"] == 100_800_000
    assert data["recommendation"]["offer_id"] == 2 and data["warnings"] == []


def test_a_quantity_stated_on_the_need_replaces_the_fleet_size() -> None:
    # 3 units each: A 84,000,000 < B 151,200,000
    result = evaluate(need(quantity=3), [A, B])
    alts = by_id(result)
    assert alts[1].rank == 1 and alts[1].evaluated_cost.total == 84_000_000
    assert alts[2].evaluated_cost.total == pytest.approx(151_200_000)
    assert alts[1].evaluated_cost.quantity_source == "need"


def test_weighted_methods_carry_the_evaluated_cost_too() -> None:
    result = evaluate(need(method="wsm"), [A, B])
    alts = by_id(result)
    assert alts[2].rank == 1 and alts[1].evaluated_cost.total == 112_000_000
    assert result.recommendation is not None
    assert result.recommendation["contract_amount"]["value"] == 360_000


def test_an_unscored_judged_criterion_blocks_the_recommendation() -> None:
    doc = need(
        method="wsm",
        criteria=[
            {"key": "bucket_m3", "weight": 90, "direction": "higher"},
            {"key": "after_sales_support", "weight": 10, "direction": "higher", "judged": True},
        ],
    )
    result = evaluate(doc, [A, B])
    assert result.recommendation is None
    assert result.warnings == [
        "No recommendation yet: after-sales support (10 %) has not been scored by any member."
    ]
    assert by_id(result)[2].rank == 1  # still ranked, for the committee to see
    scored = evaluate(doc, [A, B], {1: {"Chair": {"after_sales_support": 7}}})
    assert scored.warnings == [
        "No recommendation yet: after-sales support (10 %) has no member's score for "
        "Vendor 2 — EX-2."
    ]
    both = {1: {"Chair": {"after_sales_support": 7}}, 2: {"Chair": {"after_sales_support": 5}}}
    assert evaluate(doc, [A, B], both).recommendation is not None


def test_a_criterion_no_offer_can_be_valued_on_blocks_the_recommendation() -> None:
    doc = need(
        method="wsm",
        criteria=[
            {"key": "bucket_m3", "weight": 80, "direction": "higher"},
            {"key": "unit_price", "weight": 20, "direction": "lower"},
        ],
    )
    byn = [excavator(1, 100_000, 2.0, currency="BYN"), excavator(2, 180_000, 5.0, currency="BYN")]
    result = evaluate(doc, byn)
    assert result.recommendation is None
    assert result.warnings == [
        "No recommendation yet: unit price (20 %) has no value for any offer "
        "(no exchange rate recorded for BYN).",
        "No recommendation yet: the evaluated cost of Vendor 2 — EX-2 cannot be computed "
        "(no unit price in the base currency (PKR)).",
    ]


def test_qcbs_where_nobody_passes_ranks_nobody_and_simulates_nothing() -> None:
    # technical score = 100 × bucket / max(bucket) over bucket only: A 40, B 100; a minimum
    # of 70 keeps B... so require more than anyone has by weighting a missing criterion.
    doc = need(
        method="qcbs",
        criteria=[
            {"key": "bucket_m3", "weight": 0.5, "direction": "higher"},
            {"key": "max_reach_m", "weight": 0.4, "direction": "higher"},
            {"key": "unit_price", "weight": 0.1, "direction": "lower"},
        ],
    )
    # T = 100 × (0.5/0.9 × r_bucket + 0.4/0.9 × 0): A 22.2, B 55.6 — both below 70
    result = evaluate(doc, [A, B])
    assert result.ranked == [] and result.sensitivity is None
    assert result.recommendation is None
    assert "No recommendation: no offer reached the minimum technical score of 70." in (
        result.warnings
    )


def test_preliminary_examination_short_validity_and_arithmetic_correction() -> None:
    doc = need(
        preliminary={
            "bid_security_min_pct": 2,
            "bid_validity_min_days": 90,
            "signature_required": True,
        }
    )
    bids = {
        # quantity 2 × 180,000 = 360,000 but 350,000 read out: the unit price prevails
        2: {
            "bid_security_amount": 7_200,
            "bid_security_currency": "USD",
            "bid_validity_days": 120,
            "bid_signed": True,
            "quoted_quantity": 2,
            "quoted_amount": 350_000,
        },
        # valid 60 days only: out before technical evaluation
        1: {
            "bid_security_amount": 8_000,
            "bid_validity_days": 60,
            "bid_signed": True,
            "quoted_quantity": 4,
            "quoted_amount": 400_000,
        },
    }
    result = evaluate(doc, [A, B], bids=bids)
    alts = by_id(result)
    assert not alts[1].responsive and alts[1].rank is None
    failed = [g for g in alts[1].preliminary if not g.passed]
    assert [(g.requirement, g.reason) for g in failed] == [
        ("Bid validity ≥ 90 days", "valid for 60 days, 30 days short")
    ]
    assert alts[1].arithmetic is None  # 4 × 100,000 = 400,000 as read out
    # security 7,200 / 360,000 = 2.00 %: passes
    assert all(g.passed for g in alts[2].preliminary)
    assert alts[2].preliminary[0].reason == "USD 7,200 = 2.00 % of USD 360,000"
    correction = alts[2].arithmetic
    assert correction is not None and correction["corrected_amount"] == 360_000
    assert correction["difference"] == 10_000
    assert "the unit price prevails" in correction["text"]
    assert alts[2].rank == 1 and result.recommendation is not None


def test_a_bid_without_security_or_signature_fails_with_the_reason() -> None:
    doc = need(preliminary={"bid_security_min_pct": 2, "signature_required": True})
    result = evaluate(doc, [A, B], bids={2: {"bid_security_amount": 1_000, "bid_signed": False}})
    alts = by_id(result)
    assert [g.reason for g in alts[1].preliminary] == [
        "no bid security furnished",
        "signature and authorisation not recorded",
    ]
    # 1,000 of 2 × 180,000 (no quantity quoted: the evaluated quantity) = 0.28 %
    assert alts[2].preliminary[0].reason == "USD 1,000 = 0.28 % of USD 360,000"
    assert alts[2].preliminary[1].reason == "not signed by an authorised person"
    assert result.ranked == [] and result.recommendation is None
    assert result.warnings == [
        "No recommendation: no offer passed the preliminary examination and met every "
        "mandatory requirement."
    ]


def test_sensitivity_counts_only_ranked_offers_and_stays_within_range() -> None:
    doc = need(
        method="wsm",
        criteria=[
            {"key": "bucket_m3", "weight": 0.5, "direction": "higher"},
            {"key": "unit_price", "weight": 0.5, "direction": "lower"},
        ],
        requirements=[{"field": "bucket_m3", "op": ">=", "value": 1.5}],
    )
    out = excavator(3, 10_000, 1.0)  # cheapest by far, but fails the bucket gate
    result = evaluate(doc, [A, B, out])
    assert result.sensitivity is not None
    assert set(result.sensitivity.first_rank_probability) == {1, 2}
    for s in result.sensitivity.stability:
        for bound in (s.lower, s.upper):
            assert bound is None or 0.0 < bound < 1.0


def test_what_a_bid_states_itself_is_examined_and_the_committee_record_prevails() -> None:
    doc = need(preliminary={"bid_validity_min_days": 90, "signature_required": True})
    stated = excavator(1, 100_000, 2.0, bid_validity_days=60.0, bid_signed="yes")
    result = evaluate(doc, [stated, B], bids={2: {"bid_validity_days": 90, "bid_signed": True}})
    alts = by_id(result)
    assert [(g.passed, g.reason) for g in alts[1].preliminary] == [
        (False, "valid for 60 days, 30 days short"),
        (True, "signed and authorised"),
    ]
    corrected = evaluate(doc, [stated], bids={1: {"bid_validity_days": 120}})
    assert all(g.passed for g in by_id(corrected)[1].preliminary)

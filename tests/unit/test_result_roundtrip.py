"""The typed result: its document reads back to the same result, and results stored before
the document carried a version still load."""

import json
from typing import Any

import pytest

from procure.errors import ProcureError
from procure.evaluation.engine import Options, evaluate
from procure.evaluation.result import SCHEMA_VERSION, EvaluationResult
from procure.services.evaluations import load_evaluation, load_result, run_evaluation
from procure.services.workspace import update_setup
from tests.unit.test_award import excavator, need

NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
OFFERS = [
    excavator(1, 100_000, 2.0, vendor="Alpha Machinery"),
    excavator(2, 104_000, 2.0, vendor="Beta Traders"),
    excavator(3, 180_000, 5.0, vendor="Beta Traders"),
]


def through_json(doc: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(doc, ensure_ascii=False))
    return loaded


@pytest.mark.parametrize("method", ["wsm", "topsis", "qcbs", "least-cost"])
def test_an_engine_result_reads_back_equal(method: str) -> None:
    criteria = [
        {"key": "bucket_m3", "weight": 0.6, "direction": "higher"},
        {"key": "unit_price", "weight": 0.4, "direction": "lower"},
    ]
    options = Options(qcbs_minimum_technical=0.0, draws=200)
    result = evaluate(need(method=method, criteria=criteria), OFFERS, options=options).result()
    doc = through_json(result.to_json())
    assert doc["schema_version"] == SCHEMA_VERSION == 2
    assert EvaluationResult.from_json(doc) == result
    assert [a.offer_id for a in result.ranked] != []
    if method != "least-cost":
        assert result.sensitivity is not None and result.sensitivity.draws == 200


def test_a_stored_result_with_its_set_up_and_record_reads_back_equal(store) -> None:  # type: ignore[no-untyped-def]
    evaluation = run_evaluation(store, NEED).evaluation_id
    assert evaluation is not None
    update_setup(
        store,
        evaluation,
        {
            "agency": "Thar Coal Board",
            "tender_reference": "TCB/2026/7",
            "committee": [{"name": "Engr. A. Khan", "role": "Chairman", "designation": "GM"}],
        },
    )
    loaded = load_evaluation(store, evaluation)
    assert loaded.setup is not None and loaded.setup.agency == "Thar Coal Board"
    assert loaded.setup.committee[0].name == "Engr. A. Khan"
    assert loaded.record is not None and loaded.record.version is not None
    assert loaded.record.audit_anchor is not None and loaded.status == "draft"
    assert not loaded.sealed and loaded.alternatives and loaded.criteria
    assert EvaluationResult.from_json(through_json(loaded.to_json())) == loaded
    assert load_result(store, evaluation) == loaded.to_json()


# A result as the engine stored it before the document carried a version (written out by
# hand in the old shape; the store and the set-up added the keys after "recommendation").
VERSION_1: dict[str, Any] = {
    "evaluation_id": 4,
    "need": "Hand-worked loading",
    "category": "excavator",
    "method": "wsm",
    "normalisation": "ratio",
    "base_currency": "PKR",
    "weighting": {"method": "direct", "lambda_max": None, "ci": None, "cr": None},
    "criteria": [
        {
            "key": "bucket_m3",
            "label": "Bucket capacity",
            "weight": 1.0,
            "direction": "higher",
            "unit": "m3",
            "kind": "field",
        }
    ],
    "alternatives": [
        {
            "offer_id": 7,
            "vendor": "Alpha Machinery",
            "model": "EX-2",
            "category": "excavator",
            "currency": "USD",
            "unit_price_base": 28_000_000.0,
            "values": {"bucket_m3": 2.0},
            "missing": {},
            "gates": [{"requirement": "Bucket capacity ≥ 1 m3", "passed": True, "reason": "2"}],
            "responsive": True,
            "score": 100.0,
            "rank": 1,
            "normalised": {"bucket_m3": 1.0},
            "contributions": {"bucket_m3": 100.0},
            "fleet": {"units_required": 4},
            "lcc": {"npv_pkr_per_unit": 41_000_000.0},
            "metrics": {
                "units_required": {"value": 4, "unit": "units", "reason": None, "inputs": {}}
            },
            "flags": [],
        },
        {
            "offer_id": 8,
            "vendor": "Beta Traders",
            "model": "EX-1",
            "category": "excavator",
            "currency": "USD",
            "unit_price_base": None,
            "values": {"bucket_m3": None},
            "missing": {"bucket_m3": "not stated in offer"},
            "gates": [
                {"requirement": "Bucket capacity ≥ 1 m3", "passed": False, "reason": "not stated"}
            ],
            "responsive": False,
            "score": None,
            "rank": None,
            "fleet": {},
            "lcc": {},
            "metrics": {},
            "flags": [],
        },
    ],
    "sensitivity": None,
    "exchange_rates": [{"currency": "USD", "rate": 280.0, "date": "2025-10-31", "source": "SBP"}],
    "assumptions": [
        {
            "key": "production_tph",
            "value": 1000,
            "unit": "t/h",
            "label": "",
            "date": None,
            "source": "",
        }
    ],
    "options": {"normalisation": "ratio", "seed": 20261127, "draws": 2000, "concentration": 200.0},
    "status": "approved",
    "procedure": "single stage one envelope",
    "committee": [],
    "content_hash": "ab" * 32,
    "approval": {"by": "Engr. A. Khan", "at": "2026-11-30T10:15:00"},
}


def test_a_version_1_document_loads_faithfully() -> None:
    old = EvaluationResult.from_json(VERSION_1)
    assert (old.evaluation_id, old.method, old.status) == (4, "wsm", "approved")
    assert [c.label for c in old.criteria] == ["Bucket capacity"]
    first, second = old.alternatives
    assert (first.offer_id, first.rank, first.score, first.unit_price_base) == (
        7,
        1,
        100.0,
        28_000_000.0,
    )
    assert first.metrics["units_required"].value == 4 and first.lcc["npv_pkr_per_unit"] > 0
    assert (second.responsive, second.missing) == (False, {"bucket_m3": "not stated in offer"})
    assert second.gates[0].passed is False
    assert [a.offer_id for a in old.ranked] == [7]
    # parts the old document lacks read as empty
    assert first.evaluated_cost is None and first.preliminary == () and first.passed_preliminary
    assert old.warnings == () and old.recommendation is None and not old.recommendation_checked
    assert old.setup is not None and old.setup.procedure == "single stage one envelope"
    assert old.record is not None and old.record.approval is not None
    assert old.record.approval.by == "Engr. A. Khan"
    assert old.exchange_rates[0].rate == 280.0 and old.assumptions[0].value == 1000
    # written as version 2, it reads back the same, and still lacks a recommendation check
    again = through_json(old.to_json())
    assert again["schema_version"] == 2 and "recommendation" not in again
    assert EvaluationResult.from_json(again) == old


def test_a_document_of_a_newer_version_is_refused_with_a_sentence() -> None:
    with pytest.raises(ProcureError, match="newer version of procure"):
        EvaluationResult.from_json(VERSION_1 | {"schema_version": 3})


def test_sealed_prices_are_left_out_of_what_the_service_hands_over(store) -> None:  # type: ignore[no-untyped-def]
    evaluation = run_evaluation(store, NEED).evaluation_id
    assert evaluation is not None
    update_setup(store, evaluation, {"procedure": "single stage two envelope"})
    sealed = load_evaluation(store, evaluation)
    assert sealed.sealed and sealed.recommendation is None and sealed.sensitivity is None
    for alt in sealed.alternatives:
        assert alt.unit_price is None and alt.unit_price_base is None
        assert alt.evaluated_cost is None and alt.rank is None and alt.score is None
        assert "unit_price" not in alt.values and "landed_price" not in alt.metrics
        assert not alt.lcc
    text = json.dumps(load_result(store, evaluation))
    assert '"unit_price": null' in text and "npv_pkr" not in text


def test_a_scored_evaluation_with_a_corrected_bid_reads_back_and_renders(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from procure.exports.pdf import write_pdf
    from procure.exports.xlsx import write_xlsx
    from procure.report_model import build
    from procure.report_text import evaluation_text
    from procure.services.preliminary import record_bid
    from procure.services.workspace import save_member_scores
    from ui.evaluation_html import evaluation_html

    evaluation = run_evaluation(store, NEED).evaluation_id
    assert evaluation is not None
    first = load_evaluation(store, evaluation)
    judged = [c.key for c in first.criteria if c.kind == "judged"]
    offers = [a.offer_id for a in first.alternatives if a.responsive]
    assert judged and offers
    save_member_scores(
        store, evaluation, "Engr. A. Khan", {o: dict.fromkeys(judged, 7.0) for o in offers}
    )
    save_member_scores(
        store, evaluation, "Ms S. Baloch", {o: dict.fromkeys(judged, 2.0) for o in offers}
    )
    offer = first.alternative(offers[0])
    assert offer is not None and offer.unit_price is not None
    # read out as 2 units for 1,000 less than 2 × the unit price: corrected, the price prevails
    amount = 2 * offer.unit_price - 1_000
    record_bid(store, evaluation, offer.offer_id, {"quoted_quantity": 2, "quoted_amount": amount})
    loaded = load_evaluation(store, evaluation)
    assert EvaluationResult.from_json(through_json(loaded.to_json())) == loaded
    scored = loaded.alternative(offer.offer_id)
    assert scored is not None and scored.arithmetic is not None
    assert scored.arithmetic.stated_amount == amount
    assert scored.arithmetic.corrected_amount == 2 * offer.unit_price
    marks = scored.judged[judged[0]]
    assert (marks.mean, marks.spread, marks.disagreement) == (4.5, 5.0, True)  # (7 + 2) / 2
    model = build(loaded)
    correction = next(o for o in model.offers if o.offer_id == offer.offer_id).arithmetic
    assert correction is not None and correction == scored.arithmetic.text
    data = loaded.to_json()
    assert correction in evaluation_text(data) and correction in evaluation_html(loaded)
    write_pdf(data, tmp_path / "report.pdf")
    write_xlsx(loaded, tmp_path / "statement.xlsx")

"""Committee changes to an evaluation: scores, approval and lock, revision, stale edits."""

import pytest

from procure.errors import InvalidInput, ProcureError
from procure.services.audit import verify
from procure.services.evaluations import load_result, run_evaluation
from procure.services.workspace import (
    StaleEdit,
    advance,
    next_step,
    revise,
    set_member_scores,
    set_procedure,
)

NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"


@pytest.fixture
def evaluation(store) -> int:  # type: ignore[no-untyped-def]
    return run_evaluation(store.session_factory, NEED).evaluation_id  # type: ignore[return-value]


def responsive_ids(store, evaluation_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    result = load_result(store.session_factory, evaluation_id)
    return [a["offer_id"] for a in result["alternatives"] if a["responsive"]]


def test_member_scores_are_averaged_into_the_result(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    factory = store.session_factory
    first, second = responsive_ids(store, evaluation)[:2]
    set_member_scores(factory, evaluation, "Chairman", first, {"after_sales_support": 8})
    set_member_scores(
        factory,
        evaluation,
        "Member",
        first,
        {"after_sales_support": 6},
        comment="two service points only",
    )
    result = load_result(factory, evaluation)
    alt = next(a for a in result["alternatives"] if a["offer_id"] == first)
    assert alt["values"]["after_sales_support"] == pytest.approx(7.0)
    assert alt["judged"]["after_sales_support"]["scores"] == {"Chairman": 8.0, "Member": 6.0}
    assert alt["sample"]  # still labelled as illustrative after the recomputation
    other = next(a for a in result["alternatives"] if a["offer_id"] == second)
    assert other["values"]["after_sales_support"] is None
    assert verify(factory).broken is None


def test_invalid_scores_are_refused_at_the_field(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    offer = responsive_ids(store, evaluation)[0]
    with pytest.raises(InvalidInput) as info:
        set_member_scores(
            store.session_factory,
            evaluation,
            "Chairman",
            offer,
            {"after_sales_support": 11, "payload_t": 5},
        )
    assert "after_sales_support: a score is a number from 0 to 10, got 11" in info.value.problems
    assert any(p.startswith("payload_t: not a judged criterion") for p in info.value.problems)


def test_approval_locks_and_revision_makes_a_new_draft(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    factory = store.session_factory
    assert next_step(evaluation, factory) == ("approved", "Approve")
    assert advance(factory, evaluation, actor="Chairman") == "approved"
    assert next_step(evaluation, factory) is None
    offer = responsive_ids(store, evaluation)[0]
    with pytest.raises(ProcureError, match="approved and read-only"):
        set_member_scores(factory, evaluation, "Chairman", offer, {"after_sales_support": 5})
    new_id = revise(factory, evaluation, actor="Chairman")
    assert new_id != evaluation
    set_member_scores(factory, new_id, "Chairman", offer, {"after_sales_support": 5})
    assert load_result(factory, new_id)["status"] == "draft"
    assert load_result(factory, evaluation)["status"] == "approved"


def test_two_envelope_procedure_takes_three_steps(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    factory = store.session_factory
    set_procedure(factory, evaluation, "single stage two envelope")
    steps = []
    while (step := next_step(evaluation, factory)) is not None:
        steps.append(step[1])
        advance(factory, evaluation)
    assert steps == ["Approve technical", "Open financial", "Approve"]


def test_a_stale_edit_is_refused_naming_who_changed_it(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    factory = store.session_factory
    offer = responsive_ids(store, evaluation)[0]
    seen = set_member_scores(factory, evaluation, "Chairman", offer, {"after_sales_support": 7})
    set_member_scores(
        factory,
        evaluation,
        "Member/Secretary",
        offer,
        {"after_sales_support": 6},
        expected_version=seen,
    )
    with pytest.raises(StaleEdit, match="changed by Member/Secretary") as info:
        set_member_scores(
            factory,
            evaluation,
            "Chairman",
            offer,
            {"after_sales_support": 9},
            expected_version=seen,
        )
    assert "nothing was saved" in str(info.value)
    alt = next(
        a for a in load_result(factory, evaluation)["alternatives"] if a["offer_id"] == offer
    )
    assert alt["judged"]["after_sales_support"]["scores"]["Chairman"] == 7.0


def test_setup_and_committee_are_validated_recorded_and_reported(
    store,
    evaluation: int,  # type: ignore[no-untyped-def]
    tmp_path,
) -> None:
    from pypdf import PdfReader

    from procure.exports.pdf import write_pdf
    from procure.services.workspace import RULES, audit_trail, update_setup

    factory = store.session_factory
    with pytest.raises(InvalidInput) as info:
        update_setup(
            factory,
            evaluation,
            {"bid_opening_date": "27/11/2026", "committee": [{"name": "", "role": "Chairman"}]},
        )
    assert "bid_opening_date: a date such as 2026-11-27, got '27/11/2026'" in info.value.problems
    assert "committee member 1: a name is required" in info.value.problems
    committee = [
        {"name": "Engr. A. Khan", "designation": "GM Mining", "role": "Chairman"},
        {"name": "Ms S. Baloch", "designation": "Finance", "role": "Member/Secretary"},
    ]
    update_setup(
        factory,
        evaluation,
        {
            "tender_reference": "SECMC/T-2026/114",
            "agency": "Sindh Engro Coal Mining Company",
            "rules": RULES[1],
            "bid_opening_date": "2026-11-20",
            "committee": committee,
        },
        actor="Ms S. Baloch",
    )
    trail = audit_trail(factory, evaluation)
    assert trail[-1]["who"] == "Ms S. Baloch" and trail[-1]["what"] == "evaluation.setup"
    assert trail[-1]["detail"]["old"]["tender_reference"] is None
    assert trail[-1]["detail"]["new"]["tender_reference"] == "SECMC/T-2026/114"
    result = load_result(factory, evaluation)
    path = write_pdf(result, tmp_path / "report.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    for expected in (
        "SECMC/T-2026/114",
        "Sindh Engro Coal Mining Company",
        "Engr. A. Khan",
        "GM Mining",
    ):
        assert expected in text

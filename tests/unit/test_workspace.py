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

pytestmark = pytest.mark.both_backends


@pytest.fixture
def evaluation(store) -> int:  # type: ignore[no-untyped-def]
    return run_evaluation(store, NEED).evaluation_id  # type: ignore[return-value]


def responsive_ids(store, evaluation_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    result = load_result(store, evaluation_id)
    return [a["offer_id"] for a in result["alternatives"] if a["responsive"]]


def test_member_scores_are_averaged_into_the_result(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    first, second = responsive_ids(store, evaluation)[:2]
    set_member_scores(store, evaluation, "Chairman", first, {"after_sales_support": 8})
    set_member_scores(
        store,
        evaluation,
        "Member",
        first,
        {"after_sales_support": 6},
        comment="two service points only",
    )
    result = load_result(store, evaluation)
    alt = next(a for a in result["alternatives"] if a["offer_id"] == first)
    assert alt["values"]["after_sales_support"] == pytest.approx(7.0)
    assert alt["judged"]["after_sales_support"]["scores"] == {"Chairman": 8.0, "Member": 6.0}
    assert alt["sample"]  # still labelled as illustrative after the recomputation
    other = next(a for a in result["alternatives"] if a["offer_id"] == second)
    assert other["values"]["after_sales_support"] is None
    assert verify(store).broken is None


def test_invalid_scores_are_refused_at_the_field(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    offer = responsive_ids(store, evaluation)[0]
    with pytest.raises(InvalidInput) as info:
        set_member_scores(
            store,
            evaluation,
            "Chairman",
            offer,
            {"after_sales_support": 11, "payload_t": 5},
        )
    assert "after_sales_support: a score is a number from 0 to 10, got 11" in info.value.problems
    assert any(p.startswith("payload_t: not a judged criterion") for p in info.value.problems)


def test_approval_locks_and_revision_makes_a_new_draft(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    assert next_step(store, evaluation) == ("approved", "Approve")
    assert advance(store, evaluation, actor="Chairman") == "approved"
    assert next_step(store, evaluation) is None
    offer = responsive_ids(store, evaluation)[0]
    with pytest.raises(ProcureError, match="approved and read-only"):
        set_member_scores(store, evaluation, "Chairman", offer, {"after_sales_support": 5})
    new_id = revise(store, evaluation, actor="Chairman")
    assert new_id != evaluation
    set_member_scores(store, new_id, "Chairman", offer, {"after_sales_support": 5})
    assert load_result(store, new_id)["status"] == "draft"
    assert load_result(store, evaluation)["status"] == "approved"


def test_two_envelope_procedure_takes_three_steps(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    set_procedure(store, evaluation, "single stage two envelope")
    steps = []
    while (step := next_step(store, evaluation)) is not None:
        steps.append(step[1])
        advance(store, evaluation)
    assert steps == ["Approve technical", "Open financial", "Approve"]


def test_a_stale_edit_is_refused_naming_who_changed_it(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    offer = responsive_ids(store, evaluation)[0]
    seen = set_member_scores(store, evaluation, "Chairman", offer, {"after_sales_support": 7})
    set_member_scores(
        store,
        evaluation,
        "Member/Secretary",
        offer,
        {"after_sales_support": 6},
        expected_version=seen,
    )
    with pytest.raises(StaleEdit, match="changed by Member/Secretary") as info:
        set_member_scores(
            store,
            evaluation,
            "Chairman",
            offer,
            {"after_sales_support": 9},
            expected_version=seen,
        )
    assert "nothing was saved" in str(info.value)
    alt = next(a for a in load_result(store, evaluation)["alternatives"] if a["offer_id"] == offer)
    assert alt["judged"]["after_sales_support"]["scores"]["Chairman"] == 7.0


def test_setup_and_committee_are_validated_recorded_and_reported(
    store,
    evaluation: int,  # type: ignore[no-untyped-def]
    tmp_path,
) -> None:
    from pypdf import PdfReader

    from procure.exports.pdf import write_pdf
    from procure.services.workspace import RULES, audit_trail, update_setup

    with pytest.raises(InvalidInput) as info:
        update_setup(
            store,
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
        store,
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
    trail = audit_trail(store, evaluation)
    assert trail[-1]["who"] == "Ms S. Baloch" and trail[-1]["what"] == "evaluation.setup"
    assert trail[-1]["detail"]["old"]["tender_reference"] is None
    assert trail[-1]["detail"]["new"]["tender_reference"] == "SECMC/T-2026/114"
    result = load_result(store, evaluation)
    path = write_pdf(result, tmp_path / "report.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    for expected in (
        "SECMC/T-2026/114",
        "Sindh Engro Coal Mining Company",
        "Engr. A. Khan",
        "GM Mining",
    ):
        assert expected in text


def test_withdrawn_offer_leaves_the_ranking_with_its_reason(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import set_offer_state

    first = responsive_ids(store, evaluation)[0]
    with pytest.raises(InvalidInput, match="reason: say why"):
        set_offer_state(store, evaluation, first, "withdrawn")
    set_offer_state(store, evaluation, first, "withdrawn", "bidder's letter of 2026-11-21")
    result = load_result(store, evaluation)
    assert first not in [a["offer_id"] for a in result["alternatives"]]
    assert result["excluded_offers"][0]["offer_id"] == first
    assert result["excluded_offers"][0]["reason"] == "bidder's letter of 2026-11-21"
    set_offer_state(store, evaluation, first, "included")
    assert first in [a["offer_id"] for a in load_result(store, evaluation)["alternatives"]]


def test_offers_are_added_from_the_catalogue(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.services.offers import list_offers
    from procure.services.workspace import add_offers

    bus = next(o for o in list_offers(store) if o.category == "electric_bus")
    add_offers(store, evaluation, [bus.id])
    alt = next(a for a in load_result(store, evaluation)["alternatives"] if a["offer_id"] == bus.id)
    assert not alt["responsive"] and alt["gates"][0]["requirement"] == "Category: Dumpers"
    with pytest.raises(InvalidInput, match="no offer with id 99999"):
        add_offers(store, evaluation, [99999])


def test_weights_are_edited_and_invalid_edits_refused_at_the_field(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import update_need

    need = load_result(store, evaluation)
    criteria = [
        {"key": c["key"], "weight": 0, "direction": c["direction"]} for c in need["criteria"]
    ]
    with pytest.raises(InvalidInput, match="the weights sum to zero"):
        update_need(store, evaluation, {"criteria": criteria})
    with pytest.raises(InvalidInput, match=r"requirements\[1\]: unknown field 'colour'"):
        update_need(
            store,
            evaluation,
            {"requirements": [{"field": "colour", "op": "==", "value": "yellow"}]},
        )
    with pytest.raises(InvalidInput, match=r"requirements\[1\]: '>=' needs a number"):
        update_need(
            store,
            evaluation,
            {"requirements": [{"field": "payload_t", "op": ">=", "value": "ninety"}]},
        )
    # Everything on output per unit: the offer with the highest t/h must rank first.
    criteria[[c["key"] for c in criteria].index("output_tph")]["weight"] = 1
    update_need(store, evaluation, {"criteria": criteria}, actor="Chairman")
    result = load_result(store, evaluation)
    best = max(
        (a for a in result["alternatives"] if a["responsive"]),
        key=lambda a: a["values"]["output_tph"],
    )
    assert best["rank"] == 1 and best["score"] == pytest.approx(100.0)
    assert [c["weight"] for c in result["criteria"]].count(1.0) == 1


def test_a_past_evaluation_is_copied_into_a_new_draft(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import copy_evaluation

    advance(store, evaluation)
    new_id = copy_evaluation(store, evaluation, actor="Secretary")
    copy = load_result(store, new_id)
    original = load_result(store, evaluation)
    assert copy["status"] == "draft" and copy["title"].startswith("Copy of ")
    assert [a["score"] for a in copy["alternatives"]] == [
        a["score"] for a in original["alternatives"]
    ]


def test_the_store_itself_refuses_to_change_an_approved_evaluation(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.models import Evaluation

    advance(store, evaluation)
    with (
        pytest.raises(ProcureError, match="approved and read-only"),
        store.begin() as session,
    ):
        session.get(Evaluation, evaluation).title = "changed behind the services"
    assert load_result(store, evaluation)["title"] != ("changed behind the services")


def test_losing_a_save_race_is_refused_not_a_crash(store, evaluation: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two PCs save the same evaluation at once: between our version check and our write,
    the other save lands. Ours is refused as stale; theirs stands."""
    import procure.services.workspace as workspace

    offer = responsive_ids(store, evaluation)[0]
    original = workspace._recompute
    raced = []

    def recompute_while_another_pc_saves(target) -> None:  # type: ignore[no-untyped-def]
        original(target)
        if not raced:
            raced.append(True)
            set_member_scores(store, evaluation, "Other PC", offer, {"after_sales_support": 3})

    monkeypatch.setattr(workspace, "_recompute", recompute_while_another_pc_saves)
    with pytest.raises(StaleEdit, match="at the same moment; nothing was saved"):
        set_member_scores(store, evaluation, "This PC", offer, {"after_sales_support": 9})
    monkeypatch.setattr(workspace, "_recompute", original)
    alt = next(a for a in load_result(store, evaluation)["alternatives"] if a["offer_id"] == offer)
    assert alt["judged"]["after_sales_support"]["scores"] == {"Other PC": 3.0}


def test_a_members_scores_for_several_offers_save_together(store, evaluation: int) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import audit_trail, save_member_scores

    first, second = responsive_ids(store, evaluation)[:2]
    before = load_result(store, evaluation)["version"]
    with pytest.raises(InvalidInput):  # one bad score: nothing of the batch is saved
        save_member_scores(
            store,
            evaluation,
            "Chairman",
            {first: {"after_sales_support": 8}, second: {"after_sales_support": 12}},
        )
    assert load_result(store, evaluation)["version"] == before
    version = save_member_scores(
        store,
        evaluation,
        "Chairman",
        {first: {"after_sales_support": 8}, second: {"after_sales_support": 3}},
        expected_version=before,
    )
    assert version == before + 1  # one write, one recompute
    result = load_result(store, evaluation)
    values = {a["offer_id"]: a["values"]["after_sales_support"] for a in result["alternatives"]}
    assert (values[first], values[second]) == (8.0, 3.0)
    events = [e for e in audit_trail(store, evaluation) if e["what"] == "evaluation.member_scores"]
    assert [(e["detail"]["offer_id"], e["detail"]["new"]) for e in events] == [
        (first, {"after_sales_support": 8.0}),
        (second, {"after_sales_support": 3.0}),
    ]
    assert verify(store).broken is None

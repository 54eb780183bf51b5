"""The review shown before an approval step: what it locks and the checklist."""

import pytest

from procure.services.approval import checks_for, review
from procure.services.evaluations import load_result, run_evaluation
from procure.services.workspace import save_member_scores, update_need, update_setup

NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
MEMBERS = [
    {"name": "Engr. A. Khan", "designation": "GM Mines", "role": "Chairman"},
    {"name": "Ms S. Baloch", "designation": "Manager", "role": "Member/Secretary"},
    {"name": "Mr R. Memon", "designation": "Engineer", "role": "Member"},
]


def unmet(checks) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.label: c.reason for c in checks if not c.met}


def test_a_fresh_evaluation_is_blocked_with_each_reason(store) -> None:  # type: ignore[no-untyped-def]
    evaluation = run_evaluation(store, NEED).evaluation_id
    assert evaluation is not None
    found = review(store, evaluation)
    assert found.action == "Approve" and not found.ready
    assert any("read-only" in line for line in found.locks)
    reasons = unmet(found.checks)
    committee = "A committee of at least 3 members with a convener (chairman)"
    assert reasons[committee] == "The committee has 0 named members; nobody is the chairman."
    assert reasons["Tender reference and procuring agency set"] == (
        "The tender reference and the procuring agency are not set."
    )
    assert "Bid-opening date set" in reasons


def test_every_check_met_makes_the_step_ready(store) -> None:  # type: ignore[no-untyped-def]
    evaluation = run_evaluation(store, NEED).evaluation_id
    assert evaluation is not None
    update_setup(
        store,
        evaluation,
        {
            "tender_reference": "SECMC/T-2026/114",
            "agency": "Sindh Engro Coal Mining Company",
            "bid_opening_date": "2026-11-27",
            "committee": MEMBERS,
        },
    )
    result = load_result(store, evaluation)
    offers = [a["offer_id"] for a in result["alternatives"] if a["responsive"]]
    judged = [c["key"] for c in result["criteria"] if c["kind"] == "judged"]
    for member in MEMBERS[:2]:
        save_member_scores(
            store, evaluation, member["name"], {o: dict.fromkeys(judged, 6) for o in offers}
        )
    reasons = unmet(review(store, evaluation).checks)
    scored = "Every member has scored every judged criterion for every responsive offer"
    total = len(offers) * len(judged)
    assert reasons[scored] == f"Mr R. Memon has entered none of the {total} scores."
    save_member_scores(
        store, evaluation, "Mr R. Memon", {o: dict.fromkeys(judged, 5) for o in offers}
    )
    need = result["need_document"]
    rates = [
        dict(r, date="2026-11-27", source="SBP selling rate")
        for r in need.get("exchange_rates") or []
    ]
    if rates:
        update_need(store, evaluation, {"exchange_rates": rates})
    found = review(store, evaluation)
    assert unmet(found.checks) == {}
    assert found.ready


@pytest.mark.parametrize(
    ("rates", "reason"),
    [
        ([{"currency": "USD", "rate": 280.0, "date": "2026-11-27", "source": "SBP"}], ""),
        ([{"currency": "USD", "rate": 280.0}], "The USD rate has no date and no source."),
        (
            [{"currency": "EUR", "rate": 300.0, "date": "2026-11-27", "source": " "}],
            "The EUR rate has no source.",
        ),
    ],
)
def test_exchange_rates_need_a_date_and_a_source(rates, reason) -> None:  # type: ignore[no-untyped-def]
    check = checks_for({}, {"exchange_rates": rates})[3]
    assert (check.met, check.reason) == (not reason, reason)


def test_a_warning_of_the_evaluation_blocks() -> None:
    warnings = ["Criterion Warranty has no value for any offer.", {"text": "Two offers tie."}]
    check = checks_for({"warnings": warnings}, {})[4]
    assert not check.met
    assert check.reason == "Criterion Warranty has no value for any offer. Two offers tie."
    assert checks_for({}, {})[4].met


def test_a_member_with_some_scores_missing_is_named_with_the_count() -> None:
    result = {
        "committee": [{"name": "A", "role": "Chairman"}, {"name": "B", "role": "Member"}],
        "criteria": [{"key": "training", "kind": "judged"}, {"key": "output_tph", "kind": "field"}],
        "alternatives": [
            {"responsive": True, "judged": {"training": {"scores": {"A": 5.0, "B": 6.0}}}},
            {"responsive": True, "judged": {"training": {"scores": {"A": 7.0}}}},
            {"responsive": False, "judged": {}},  # not ranked: not scored
        ],
    }
    check = checks_for(result, {})[1]
    assert (check.met, check.reason) == (False, "B has 1 of 2 scores still to enter.")

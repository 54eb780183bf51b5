"""The audit trail and the evaluation's keys in the words a committee reads."""

import datetime as dt

from procure.audit_text import details, offer_names, sentence
from procure.wording import method_name, requirement_text, with_unit

NAMES = offer_names([{"offer_id": 9, "vendor": "MAZ", "model": "6501C9"}])
WHEN = dt.datetime(2026, 11, 27, 10, 30)


def event(what: str, detail: dict, who: str = "Engr. A. Khan") -> dict:  # type: ignore[type-arg]
    return {"when": WHEN, "who": who, "what": what, "detail": detail}


def test_a_score_says_who_entered_whose_score_for_which_machine() -> None:
    e = event(
        "evaluation.member_scores",
        {
            "offer_id": 9,
            "member": "Ms S. Baloch",
            "old": {"after_sales_support": 5.0},
            "new": {"after_sales_support": 7.0},
            "comment": "two service points",
        },
    )
    assert sentence(e, NAMES) == (
        "Engr. A. Khan entered Ms S. Baloch's score 7 for after-sales support (was 5) of "
        "MAZ's 6501C9. Comment: “two service points”."
    )
    own = event(
        "evaluation.member_scores",
        {"offer_id": 9, "member": "Engr. A. Khan", "old": {}, "new": {"training": 6.0}},
    )
    assert (
        sentence(own, NAMES) == "Engr. A. Khan entered their score 6 for training of MAZ's 6501C9."
    )
    lines = details(e, NAMES)
    assert "Offer: MAZ's 6501C9 (no. 9)" in lines and lines[0] == "When (UTC): 2026-11-27 10:30:00"


def test_set_up_offer_and_status_events_read_as_sentences() -> None:
    setup = event(
        "evaluation.setup",
        {
            "old": {"agency": None, "committee": []},
            "new": {
                "agency": "Thar Coal Board",
                "committee": [{"name": "Ms S. Baloch", "role": "Member/Secretary"}],
            },
        },
    )
    assert sentence(setup, NAMES) == (
        "Engr. A. Khan changed the set-up: procuring agency not set → “Thar Coal Board”; "
        "committee: added Ms S. Baloch (Member/Secretary)."
    )
    withdrawn = event(
        "evaluation.offer_state",
        {
            "offer_id": 9,
            "old": {"state": "included"},
            "new": {"state": "withdrawn", "reason": "letter"},
        },
    )
    assert sentence(withdrawn, NAMES) == "Engr. A. Khan marked MAZ's 6501C9 as withdrawn: “letter”."
    status = event("evaluation.status", {"old": "draft", "new": "approved", "action": "Approve"})
    assert (
        sentence(status, NAMES)
        == "Engr. A. Khan approved the evaluation (status draft → approved)."
    )


def test_a_change_of_the_need_names_methods_weights_and_requirements() -> None:
    e = event(
        "evaluation.need",
        {
            "old": {"method": "wsm", "criteria": [{"key": "output_tph", "weight": 0.3}]},
            "new": {
                "method": "topsis",
                "criteria": [{"key": "output_tph", "weight": 0.4}],
                "requirements": [{"field": "payload_t", "op": ">=", "value": 90}],
            },
        },
    )
    assert sentence(e, NAMES) == (
        "Engr. A. Khan changed the criteria and parameters: method Weighted sum → "
        "Closeness to the ideal (TOPSIS); weight of output per unit 0.3 → 0.4; "
        "mandatory requirements now: Rated payload ≥ 90 t."
    )


def test_numbers_follow_their_unit_and_never_use_exponents() -> None:
    assert with_unit(4_500_000.0, "PKR/yr") == "4,500,000 PKR/yr"
    assert with_unit(0.125, "") == "0.12"  # two decimals below 100
    assert "e+" not in with_unit(1.5e9, "PKR")
    assert requirement_text(
        {"field": "emission_standard", "op": "in", "value": ["Stage V", "Tier 4"]}
    ) == ("Emission standard one of Stage V, Tier 4")
    assert requirement_text({"field": "payload_t", "op": "present"}) == "Rated payload stated"
    assert method_name("least-cost") == "Lowest evaluated cost"


def test_validation_problems_read_without_code_names() -> None:
    from procure.wording import plain_problem

    assert plain_problem("requirements[3]: '>=' needs a number, got 'lots'") == (
        "Mandatory requirement 3: “≥” needs a number, got 'lots'"
    )
    assert plain_problem("criteria[2]: cost_per_tonne needs a weight") == (
        "Criterion 2: Cost per tonne needs a weight"
    )

"""What an approval step locks, and the checks it must pass first.

Approving an evaluation is final (it becomes read-only), so the window shows this review
before it records the step: each check says in words what is missing. The checks are worked
out here, without Qt, from the evaluation as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from procure.procedure import (
    APPROVED,
    FINANCIAL_OPENED,
    NEXT_STEP,
    TECHNICAL_APPROVED,
    TWO_ENVELOPE,
)

if TYPE_CHECKING:
    from procure.db import Store

MIN_MEMBERS = 3
CONVENER = "Chairman"

LOCKS = {
    APPROVED: (
        "The result, its ranking and the evaluated costs become final.",
        "Set-up, committee, criteria and weights, requirements, site parameters, offers and "
        "members' scores become read-only.",
        "A later change needs Revise, which makes a new draft version linked to this one; "
        "this version stays as approved.",
    ),
    TECHNICAL_APPROVED: (
        "The technical evaluation is recorded as approved by the committee.",
        "The procedure can no longer change.",
        "The financial envelopes stay sealed until their opening is recorded.",
    ),
    FINANCIAL_OPENED: (
        "The opening of the financial envelopes is recorded: prices and everything derived "
        "from them are shown from now on.",
        "Offers found non-responsive stay returned unopened and are never priced.",
    ),
}


@dataclass(frozen=True)
class Check:
    """One item of the checklist: what is checked, whether it is met, and why not."""

    label: str
    met: bool
    reason: str = ""


@dataclass(frozen=True)
class Review:
    """An approval step as the approver sees it before confirming."""

    evaluation_id: int
    title: str
    action: str  # "Approve", "Approve technical", "Open financial"
    new_status: str
    version: int
    locks: tuple[str, ...]
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(c.met for c in self.checks)

    @property
    def unmet(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.met)


def _sentence(parts: list[str]) -> str:
    """'a; b' as a sentence: first letter capital, a full stop; empty when no parts."""
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def _committee(committee: list[Mapping[str, Any]]) -> Check:
    named = [m for m in committee if str(m.get("name") or "").strip()]
    label = f"A committee of at least {MIN_MEMBERS} members with a convener (chairman)"
    problems = []
    if len(named) < MIN_MEMBERS:
        problems.append(
            f"the committee has {len(named)} named member{'s' if len(named) != 1 else ''}"
        )
    if not any(m.get("role") == CONVENER for m in named):
        problems.append("nobody is the chairman")
    return Check(label, not problems, _sentence(problems))


def _scores(result: Mapping[str, Any]) -> Check:
    label = "Every member has scored every judged criterion for every responsive offer"
    members = [str(m["name"]).strip() for m in result.get("committee") or [] if m.get("name")]
    judged = [c for c in result.get("criteria") or [] if c.get("kind") == "judged"]
    offers = [a for a in result.get("alternatives") or [] if a.get("responsive")]
    if not judged or not offers:
        return Check(label, True, "")
    if not members:
        return Check(label, False, "No committee member has been named, so nobody has scored.")
    missing = []
    for member in members:
        gaps = sum(
            1
            for a in offers
            for c in judged
            if ((a.get("judged") or {}).get(c["key"]) or {}).get("scores", {}).get(member) is None
        )
        total = len(offers) * len(judged)
        if gaps == total:
            missing.append(f"{member} has entered none of the {total} scores")
        elif gaps:
            missing.append(f"{member} has {gaps} of {total} scores still to enter")
    return Check(label, not missing, _sentence(missing))


def _tender(result: Mapping[str, Any]) -> Check:
    absent = [
        name
        for key, name in (("tender_reference", "tender reference"), ("agency", "procuring agency"))
        if not str(result.get(key) or "").strip()
    ]
    reason = f"The {' and the '.join(absent)} {'is' if len(absent) == 1 else 'are'} not set."
    return Check("Tender reference and procuring agency set", not absent, reason if absent else "")


def _rates(need: Mapping[str, Any]) -> Check:
    gaps = []
    for rate in need.get("exchange_rates") or []:
        lacks = [w for w in ("date", "source") if not str(rate.get(w) or "").strip()]
        if lacks:
            gaps.append(f"the {rate.get('currency')} rate has no {' and no '.join(lacks)}")
    return Check("Every exchange rate has its date and source", not gaps, _sentence(gaps))


def warning_text(warning: Any) -> str:
    """A warning of the evaluation as a sentence (a string, or a dict with its text)."""
    if isinstance(warning, Mapping):
        for key in ("text", "message", "warning"):
            if warning.get(key):
                return str(warning[key])
    return str(warning)


def _warnings(result: Mapping[str, Any]) -> Check:
    warnings = [warning_text(w) for w in result.get("warnings", []) or []]
    return Check("The evaluation gives no warning", not warnings, " ".join(warnings))


def _bid_opening(result: Mapping[str, Any]) -> Check:
    met = bool(str(result.get("bid_opening_date") or "").strip())
    return Check("Bid-opening date set", met, "" if met else "The bid-opening date is not set.")


def checks_for(result: Mapping[str, Any], need: Mapping[str, Any]) -> tuple[Check, ...]:
    """The checklist for a stored result and its need document."""
    return (
        _committee(result.get("committee") or []),
        _scores(result),
        _tender(result),
        _rates(need),
        _warnings(result),
        _bid_opening(result),
    )


def review(store: Store, evaluation_id: int) -> Review:
    """The next approval step of an evaluation, what it locks and its checklist (raises
    ProcureError when the evaluation is approved already)."""
    from procure.errors import ProcureError
    from procure.services.workspace import _load

    with store() as session:
        evaluation = _load(session, evaluation_id)
        two = evaluation.setup.get("procedure") in TWO_ENVELOPE
        step = NEXT_STEP.get((two, evaluation.status))
        if step is None:
            raise ProcureError(f"Evaluation {evaluation_id} is approved already.")
        new_status, action = step
        result = dict(evaluation.result or {})
        result.setdefault("committee", evaluation.setup.get("committee") or [])
        return Review(
            evaluation_id=evaluation.id,
            title=evaluation.title,
            action=action,
            new_status=new_status,
            version=evaluation.version_id,
            locks=LOCKS[new_status],
            checks=checks_for(result, evaluation.setup["need"]),
        )

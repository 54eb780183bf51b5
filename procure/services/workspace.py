"""Change an evaluation as a committee does: members' scores, status, revision.

Every change is checked against the evaluation's status (an approved evaluation is
read-only; revising it makes a new version), against the version the user last saw (a
stale edit is refused, naming who changed it), recomputes the result from the evaluation's
own snapshot of the need and the offers, and is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from procure.audit import append_event
from procure.errors import InvalidInput, ProcureError
from procure.evaluation.engine import Options, evaluate
from procure.models import AuditEvent, Evaluation
from procure.needs import parse_need
from procure.procedure import (
    APPROVED,
    DRAFT,
    NEXT_STEP,
    PROCEDURES,
    TWO_ENVELOPE,
)
from procure.rows import OfferRow, OfferSource
from procure.services.evaluations import content_hash

if TYPE_CHECKING:
    from procure.db import Store


class StaleEdit(ProcureError):
    """Someone saved the evaluation after this user loaded it."""


@contextmanager
def _editing(store: Store) -> Iterator[Session]:
    """One change, all or nothing; a save that loses the race with another PC's save of the
    same evaluation (its version moved between our check and our write) is refused."""
    try:
        with store.begin() as session:
            yield session
    except StaleDataError:
        raise StaleEdit(
            "The evaluation was changed by another committee member at the same "
            "moment; nothing was saved. Reload it and make your change again."
        ) from None


def _load(session: Session, evaluation_id: int) -> Evaluation:
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is None:
        raise InvalidInput(f"no evaluation with id {evaluation_id}")
    return evaluation


def _check_version(session: Session, evaluation: Evaluation, expected: int | None) -> None:
    if expected is None or evaluation.version_id == expected:
        return
    last = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.evaluation_id == evaluation.id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    who = (
        (
            f"{last.actor} ({last.action.replace('evaluation.', '').replace('_', ' ')}, "
            f"{last.occurred_at:%Y-%m-%d %H:%M})"
        )
        if last
        else "another user"
    )
    raise StaleEdit(
        f"Evaluation {evaluation.id} was changed by {who} after you opened it; "
        "nothing was saved. Reload it and make your change again."
    )


def _editable(session: Session, evaluation_id: int, expected_version: int | None) -> Evaluation:
    """Load an evaluation for a change: refused when approved or when someone saved it after
    the version the user saw."""
    evaluation = _load(session, evaluation_id)
    _check_editable(evaluation)
    _check_version(session, evaluation, expected_version)
    return evaluation


def _check_editable(evaluation: Evaluation) -> None:
    if evaluation.status == APPROVED:
        raise ProcureError(
            f"Evaluation {evaluation.id} is approved and read-only. Revise it "
            "to make a new version."
        )


def _offer_from_json(data: Mapping[str, Any]) -> OfferRow:
    values = {
        k: v
        for k, v in data.items()
        if k not in ("id", "vendor", "model", "category", "extras", "source", "is_sample")
    }
    if values.get("unit_price") is not None:
        values["unit_price"] = Decimal(str(values["unit_price"]))
    source = data.get("source") or {}
    return OfferRow(
        data["id"],
        data["vendor"],
        data["model"],
        data["category"],
        None,
        bool(data.get("is_sample", False)),
        values,
        data.get("extras") or {},
        OfferSource(source.get("file"), source.get("sheet"), source.get("row")),
    )


def _recompute(evaluation: Evaluation) -> None:
    """Re-run the engine on the evaluation's own snapshot of need, offers and scores."""
    stored = _result_for(evaluation, evaluation.setup, evaluation.method)
    evaluation.result = stored
    evaluation.content_hash = content_hash(stored)


def _result_for(evaluation: Evaluation, setup: Mapping[str, Any], method: str) -> dict[str, Any]:
    """The result document for a set-up (the stored one, or a previewed change)."""
    need = parse_need(setup["need"])
    states = setup.get("offer_states") or {}
    offers = [
        _offer_from_json(o)
        for o in setup["offers"]
        if (states.get(str(o["id"])) or {}).get("state", INCLUDED) == INCLUDED
    ]
    scores = {
        int(offer_id): members for offer_id, members in (setup.get("member_scores") or {}).items()
    }
    options = Options(
        **{
            k: v
            for k, v in (setup.get("options") or {}).items()
            if k in Options.__dataclass_fields__
        }
    )
    bids = {int(k): v for k, v in (setup.get("bids") or {}).items()}  # preliminary records
    result = evaluate(need, offers, scores, replace(options, method=method), bids)
    stored = replace(result, evaluation_id=evaluation.id).to_json()
    stored["committee"] = setup.get("committee") or []
    for key in SETUP_FIELDS:
        stored[key] = setup.get(key)
    stored["title"] = evaluation.title
    stored["status"] = evaluation.status
    stored["excluded_offers"] = [
        {"offer_id": o["id"], "vendor": o["vendor"], "model": o["model"], **states[str(o["id"])]}
        for o in setup["offers"]
        if (states.get(str(o["id"])) or {}).get("state", INCLUDED) != INCLUDED
    ]
    return stored


def apply_change(
    store: Store,
    evaluation_id: int,
    action: str,
    change: Callable[[Session, Evaluation], list[dict[str, Any]] | dict[str, Any] | None],
    expected_version: int | None,
    actor: str | None,
    *,
    hashed: bool = False,
) -> Evaluation:
    """Apply one change to an evaluation as every change is applied: load it, refuse it when
    approved or stale (`expected_version` is the version the user saw), let `change` alter it
    and return what to record (an event's detail, a list of them, or None when nothing
    changed), recompute the result and record it under `actor`, all in one transaction.
    `hashed` records the new content hash with the event (a status change)."""
    with _editing(store) as session:
        evaluation = _editable(session, evaluation_id, expected_version)
        details = change(session, evaluation)
        if not details:
            return evaluation
        _recompute(evaluation)
        for detail in details if isinstance(details, list) else [details]:
            if hashed:
                detail["content_hash"] = evaluation.content_hash
            append_event(session, action, detail, actor=actor, evaluation_id=evaluation.id)
        session.flush()
        return evaluation


def save_member_scores(
    store: Store,
    evaluation_id: int,
    member: str,
    scores: Mapping[int, Mapping[str, float]],
    *,
    comment: str = "",
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Record a member's 0–10 scores for the judged criteria of several offers together: one
    transaction and one recompute (all saved or none); return the new version."""

    def change(_session: Session, evaluation: Evaluation) -> list[dict[str, Any]]:
        need = parse_need(evaluation.setup["need"])
        judged = {c.key for c in need.criteria if c.judged}
        offers = {o["id"] for o in evaluation.setup["offers"]}
        problems = [] if member.strip() else ["member: a name is required"]
        for offer_id, offer_scores in scores.items():
            if offer_id not in offers:
                problems.append(f"offer {offer_id} is not in evaluation {evaluation_id}")
            for key, value in offer_scores.items():
                if key not in judged:
                    problems.append(
                        f"{key}: not a judged criterion of this evaluation "
                        f"(judged: {', '.join(sorted(judged)) or 'none'})"
                    )
                elif not isinstance(value, int | float) or not 0 <= value <= 10:
                    problems.append(f"{key}: a score is a number from 0 to 10, got {value!r}")
        if problems:
            raise InvalidInput(problems)
        setup = dict(evaluation.setup)
        all_scores = {
            k: {m: dict(s) for m, s in v.items()}
            for k, v in (setup.get("member_scores") or {}).items()
        }
        comments = dict(setup.get("member_comments") or {})
        details = []
        for offer_id, offer_scores in scores.items():
            before = dict(all_scores.get(str(offer_id), {}).get(member, {}))
            after = {**before, **{k: float(v) for k, v in offer_scores.items()}}
            all_scores.setdefault(str(offer_id), {})[member] = after
            if comment:
                comments[f"{offer_id}/{member}"] = comment
            details.append(
                {
                    "offer_id": offer_id,
                    "member": member,
                    "old": before,
                    "new": after,
                    "comment": comment,
                }
            )
        setup["member_scores"] = all_scores
        setup["member_comments"] = comments
        evaluation.setup = setup
        return details

    actor = actor or member
    action = "evaluation.member_scores"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id


def set_member_scores(
    store: Store,
    evaluation_id: int,
    member: str,
    offer_id: int,
    scores: Mapping[str, float],
    *,
    comment: str = "",
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Record a member's 0–10 scores for the judged criteria of one offer; return the new
    version."""
    return save_member_scores(
        store,
        evaluation_id,
        member,
        {offer_id: scores},
        comment=comment,
        expected_version=expected_version,
        actor=actor,
    )


def next_step(store: Store, evaluation_id: int) -> tuple[str, str] | None:
    """The one next action on an evaluation: (new status, its name), or None when approved."""
    with store() as session:
        evaluation = _load(session, evaluation_id)
        two = evaluation.setup.get("procedure") in TWO_ENVELOPE
        return NEXT_STEP.get((two, evaluation.status))


def advance(
    store: Store,
    evaluation_id: int,
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> str:
    """Take the procedure's next step (approve, approve technical, open financial)."""

    def change(_session: Session, evaluation: Evaluation) -> dict[str, Any]:
        two = evaluation.setup.get("procedure") in TWO_ENVELOPE
        new_status, action = NEXT_STEP[(two, evaluation.status)]
        old_status, evaluation.status = evaluation.status, new_status
        return {"old": old_status, "new": new_status, "action": action}

    action = "evaluation.status"
    return apply_change(
        store, evaluation_id, action, change, expected_version, actor, hashed=True
    ).status


def set_procedure(
    store: Store,
    evaluation_id: int,
    procedure: str,
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    return update_setup(
        store,
        evaluation_id,
        {"procedure": procedure},
        expected_version=expected_version,
        actor=actor,
    )


SETUP_FIELDS = ("tender_reference", "agency", "rules", "procedure", "bid_opening_date")
RULES = (
    "Federal: Public Procurement Rules 2004 (PPRA)",
    "Sindh: Sindh Public Procurement Rules 2010 (SPPRA)",
)
ROLES = ("Chairman", "Member/Secretary", "Member", "Co-opted expert")


def _check_setup(changes: Mapping[str, Any]) -> list[str]:
    import datetime as dt

    problems = []
    for key, value in changes.items():
        if key == "title":
            if not str(value or "").strip():
                problems.append("title: a title is required")
        elif key == "rules":
            if value not in RULES:
                problems.append(f"rules: one of {'; '.join(RULES)}")
        elif key == "procedure":
            if value not in PROCEDURES:
                problems.append(f"procedure: one of {', '.join(PROCEDURES)}")
        elif key == "bid_opening_date":
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                problems.append(f"bid_opening_date: a date such as 2026-11-27, got {value!r}")
        elif key == "committee":
            problems += _check_committee(value)
        elif key not in SETUP_FIELDS:
            problems.append(f"{key}: not a set-up field")
    return problems


def _check_committee(members: Any) -> list[str]:
    if not isinstance(members, list):
        return ["committee: a list of members"]
    problems, names = [], set()
    for i, member in enumerate(members, start=1):
        name = str(member.get("name") or "").strip()
        if not name:
            problems.append(f"committee member {i}: a name is required")
        elif name in names:
            problems.append(f"committee member {i}: {name} is listed twice")
        names.add(name)
        if member.get("role") not in ROLES:
            problems.append(f"committee member {i}: role one of {', '.join(ROLES)}")
    if sum(1 for m in members if m.get("role") == "Chairman") > 1:
        problems.append("committee: one chairman at most")
    return problems


def update_setup(
    store: Store,
    evaluation_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Change the tender data, procedure or committee; return the new version."""
    problems = _check_setup(changes)
    if problems:
        raise InvalidInput(problems)

    def change(_session: Session, evaluation: Evaluation) -> dict[str, Any] | None:
        if (
            "procedure" in changes
            and evaluation.status != DRAFT
            and (changes["procedure"] != evaluation.setup.get("procedure"))
        ):
            raise ProcureError("The procedure can only change while the evaluation is a draft.")
        setup = dict(evaluation.setup)
        old = {k: (evaluation.title if k == "title" else setup.get(k)) for k in changes}
        new = {k: v for k, v in changes.items() if old[k] != v}
        if not new:
            return None
        for key, value in new.items():
            if key == "title":
                evaluation.title = str(value).strip()
            else:
                setup[key] = value
        evaluation.setup = setup
        return {"old": {k: old[k] for k in new}, "new": new}

    action = "evaluation.setup"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id


INCLUDED, WITHDRAWN, RETURNED = "included", "withdrawn", "returned unopened"
OFFER_STATES = (INCLUDED, WITHDRAWN, RETURNED)


def set_offer_state(
    store: Store,
    evaluation_id: int,
    offer_id: int,
    state: str,
    reason: str = "",
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Include an offer, or mark it withdrawn or returned unopened (a reason is required)."""
    problems = []
    if state not in OFFER_STATES:
        problems.append(f"state: one of {', '.join(OFFER_STATES)}")
    if state != INCLUDED and not reason.strip():
        problems.append("reason: say why the offer is withdrawn or returned unopened")
    if problems:
        raise InvalidInput(problems)

    def change(_session: Session, evaluation: Evaluation) -> dict[str, Any]:
        if offer_id not in {o["id"] for o in evaluation.setup["offers"]}:
            raise InvalidInput(f"offer {offer_id} is not in evaluation {evaluation_id}")
        states = dict(evaluation.setup.get("offer_states") or {})
        old = states.get(str(offer_id)) or {"state": INCLUDED}
        new = (
            {"state": state, "reason": reason.strip()} if state != INCLUDED else {"state": INCLUDED}
        )
        states[str(offer_id)] = new
        evaluation.setup = {**evaluation.setup, "offer_states": states}
        return {"offer_id": offer_id, "old": old, "new": new}

    action = "evaluation.offer_state"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id


def add_offers(
    store: Store,
    evaluation_id: int,
    offer_ids: list[int],
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Take offers from the catalogue into the evaluation (a snapshot of their values)."""
    from procure.services.offers import query_offers

    def change(session: Session, evaluation: Evaluation) -> dict[str, Any] | None:
        present = {o["id"] for o in evaluation.setup["offers"]}
        wanted = [i for i in offer_ids if i not in present]
        offers = query_offers(session, ids=wanted) if wanted else []
        missing = sorted(set(wanted) - {o.id for o in offers})
        if missing:
            raise InvalidInput(f"no offer with id {', '.join(map(str, missing))}")
        if not offers:
            return None
        evaluation.setup = {
            **evaluation.setup,
            "offers": [
                *evaluation.setup["offers"],
                *[o.to_json() | {"is_sample": o.is_sample} for o in offers],
            ],
        }
        return {"offers": [{"id": o.id, "vendor": o.vendor, "model": o.model} for o in offers]}

    action = "evaluation.offers_added"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id


def preview_need(store: Store, evaluation_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The result the evaluation would have with `changes` to its need, without saving
    anything (raises InvalidInput naming each problem, as a save would)."""
    with store() as session:
        evaluation = _load(session, evaluation_id)
        doc = {**evaluation.setup["need"], **changes}
        need = parse_need(doc)
        setup = {**evaluation.setup, "need": need.to_json()}
        method = need.method if "method" in changes else evaluation.method
        return _result_for(evaluation, setup, method) | {
            "version": evaluation.version_id,
            "need_document": need.to_json(),
            "parent_id": evaluation.parent_id,
            "preview": True,
        }


def update_need(
    store: Store,
    evaluation_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Change the evaluation's requirements, criteria and weights (or AHP matrix), method,
    site parameters or exchange rates. The changed need is validated as a whole, and every
    problem is named by its place (e.g. "criteria[2]: weight must be a number ≥ 0")."""
    allowed = {"requirements", "criteria", "ahp", "method", "site", "exchange_rates"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InvalidInput([f"{key}: not a part of the need that can change" for key in unknown])

    def change(_session: Session, evaluation: Evaluation) -> dict[str, Any]:
        old_doc = dict(evaluation.setup["need"])
        new_doc = {**old_doc, **changes}
        if (
            "criteria" in changes
            and "ahp" not in changes
            and any("weight" in c for c in changes["criteria"])
        ):
            new_doc.pop("ahp", None)  # weights given directly replace an AHP matrix
        need = parse_need(new_doc)  # raises InvalidInput naming each problem
        evaluation.setup = {**evaluation.setup, "need": need.to_json()}
        if "method" in changes:
            evaluation.method = need.method
        return {
            "old": {k: old_doc.get(k) for k in changes},
            "new": {k: need.to_json().get(k) for k in changes},
        }

    action = "evaluation.need"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id


def audit_trail(store: Store, evaluation_id: int) -> list[dict[str, Any]]:
    """Every recorded change to an evaluation: when, who, what, old -> new."""
    with store() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.evaluation_id == evaluation_id)
            .order_by(AuditEvent.id)
        )
        return [
            {
                "id": e.id,
                "when": e.occurred_at,
                "who": e.actor,
                "what": e.action,
                "detail": e.detail,
            }
            for e in events
        ]


def _new_draft(
    session: Session,
    original: Evaluation,
    *,
    title: str,
    parent_id: int | None,
    action: str,
    actor: str | None,
) -> int:
    draft = Evaluation(
        need_id=original.need_id,
        title=title,
        method=original.method,
        status=DRAFT,
        setup=dict(original.setup),
        parent_id=parent_id,
    )
    session.add(draft)
    session.flush()
    _recompute(draft)
    append_event(
        session, action, {"from": original.id, "to": draft.id}, actor=actor, evaluation_id=draft.id
    )
    return draft.id


def copy_evaluation(store: Store, evaluation_id: int, *, actor: str | None = None) -> int:
    """Start a new draft evaluation from a past one (its set-up, offers and scores)."""
    with _editing(store) as session:
        original = _load(session, evaluation_id)
        return _new_draft(
            session,
            original,
            title=f"Copy of {original.title}",
            parent_id=None,
            action="evaluation.copied",
            actor=actor,
        )


def revise(store: Store, evaluation_id: int, *, actor: str | None = None) -> int:
    """Start a new draft version of an approved evaluation, linked to it; return its id."""
    with _editing(store) as session:
        original = _load(session, evaluation_id)
        if original.status != APPROVED:
            raise ProcureError(f"Evaluation {evaluation_id} is not approved: change it directly.")
        return _new_draft(
            session,
            original,
            title=original.title,
            parent_id=original.id,
            action="evaluation.revised",
            actor=actor,
        )

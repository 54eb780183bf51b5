"""Run and store evaluations; read them back for reports and views."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.audit import append_event, report_anchor
from procure.db import Store
from procure.errors import InvalidInput, NotFound
from procure.evaluation.engine import Options, evaluate
from procure.evaluation.methods import method_keys
from procure.evaluation.result import Approval, EvaluationResult, Record
from procure.models import AuditEvent, Evaluation, Need
from procure.rows import OfferRow
from procure.services.needs import get_need
from procure.services.offers import query_offers


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(result: dict[str, Any]) -> str:
    """The hash printed on reports: over the result without its own id."""
    body = {k: v for k, v in result.items() if k != "evaluation_id"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EvaluationSummary:
    id: int
    title: str
    need: str
    method: str
    status: str
    created_at: datetime
    winner: str | None
    content_hash: str | None


def _offers_for(session: Session, category: str, offer_ids: list[int] | None) -> list[OfferRow]:
    if offer_ids is None:
        return query_offers(session, category)
    offers = query_offers(session, ids=offer_ids)
    missing = sorted(set(offer_ids) - {o.id for o in offers})
    if missing:
        raise InvalidInput(f"--offers: no offer with id {', '.join(map(str, missing))}")
    return offers


def run_evaluation(
    factory: Store,
    need_name: str,
    *,
    method: str | None = None,
    offer_ids: list[int] | None = None,
    options: Options | None = None,
    actor: str | None = None,
) -> EvaluationResult:
    """Evaluate the need's offers (or the listed ones), store the evaluation, return it."""
    if method is not None and method not in method_keys():
        raise InvalidInput(f"--method: must be one of {', '.join(method_keys())}, got {method!r}")
    need_row = get_need(factory, need_name)
    need = need_row.document
    options = options or Options()
    if method is not None:
        options = Options(**{**options.__dict__, "method": method})
    with factory.begin() as session:
        offers = _offers_for(session, need.category, offer_ids)
        if not offers:
            from procure.fields import CATEGORY_LABELS

            kind = CATEGORY_LABELS.get(need.category, str(need.category)).lower()
            raise InvalidInput(
                f"There are no offers of {kind} to evaluate yet. Import a vendor's "
                "file of offers first."
            )
        computed = evaluate(need, offers, {}, options)
        evaluation = Evaluation(
            need_id=need_row.id,
            title=need.name,
            method=computed.method,
            status="draft",
            setup={
                "need": need.to_json(),
                "offers": [o.to_json() | {"is_sample": o.is_sample} for o in offers],
                "options": options.to_json(),
                "member_scores": {},
            },
        )
        session.add(evaluation)
        session.flush()
        result = replace(computed, evaluation_id=evaluation.id).result()
        stored = result.to_json()
        evaluation.result = stored
        evaluation.content_hash = content_hash(stored)
        winner = result.winner
        append_event(
            session,
            "evaluation.created",
            {
                "need": need.name,
                "method": result.method,
                "offers": [o.id for o in offers],
                "winner": winner.offer_id if winner else None,
                "content_hash": evaluation.content_hash,
            },
            actor=actor,
            evaluation_id=evaluation.id,
        )
    return result


def load_evaluation(factory: Store, evaluation_id: int) -> EvaluationResult:
    """Return a stored evaluation as typed data, with what the store knows of it (version,
    approval, audit anchor, bid opening records).

    While a two-envelope evaluation's financial envelopes are closed, the prices and
    everything derived from them are left out here, so that no view can show them."""
    with factory() as session:
        evaluation = session.get(Evaluation, evaluation_id)
        if evaluation is None or evaluation.result is None:
            raise NotFound(f"no evaluation with id {evaluation_id}")
        approval = _approval(session, evaluation_id)
        record = Record(
            version=evaluation.version_id,
            parent_id=evaluation.parent_id,
            content_hash=evaluation.content_hash,
            created_at=evaluation.created_at.isoformat(),
            approval=Approval(approval["by"], approval["at"]) if approval else None,
            audit_anchor=report_anchor(session),
            bids=dict(evaluation.setup.get("bids") or {}),
            need_document=evaluation.setup.get("need"),
        )
        result = replace(
            EvaluationResult.from_json(evaluation.result),
            status=evaluation.status,
            record=record,
        )
    return result.without_prices() if result.prices_sealed else result


def load_result(factory: Store, evaluation_id: int) -> dict[str, Any]:
    """Return a stored evaluation as its result document (as printed by `evaluate --json`)
    with the store's record: load_evaluation(...).to_json()."""
    return load_evaluation(factory, evaluation_id).to_json()


def _approval(session: Session, evaluation_id: int) -> dict[str, Any] | None:
    """Who approved the evaluation and when (the audit trail's last approval), or None."""
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.evaluation_id == evaluation_id)
        .where(AuditEvent.action == "evaluation.status")
        .order_by(AuditEvent.id.desc())
    )
    for event in events:
        if (event.detail or {}).get("new") == "approved":
            return {"by": event.actor, "at": event.occurred_at.isoformat()}
    return None


def list_evaluations(factory: Store) -> list[EvaluationSummary]:
    with factory() as session:
        rows = session.execute(
            select(Evaluation, Need.name)
            .outerjoin(Need, Evaluation.need_id == Need.id)
            .order_by(Evaluation.id.desc())
        )
        out = []
        for evaluation, need_name in rows:
            first = EvaluationResult.from_json(evaluation.result or {}).winner
            winner = f"{first.vendor} — {first.model}" if first else None
            out.append(
                EvaluationSummary(
                    evaluation.id,
                    evaluation.title,
                    need_name or evaluation.title,
                    evaluation.method,
                    evaluation.status,
                    evaluation.created_at,
                    winner,
                    evaluation.content_hash,
                )
            )
        return out

"""The append-only, hash-chained audit trail (DESIGN.md §4).

Each event stores the hash of the one before it; its own hash covers its time, actor,
action, evaluation and detail. Altering, deleting or reordering a stored event outside the
application breaks the chain, which `verify_chain` finds.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from procure.models import AuditEvent, utc_now

GENESIS = "0" * 64


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    prev_hash: str,
    occurred_at: datetime,
    actor: str,
    action: str,
    evaluation_id: int | None,
    detail: dict[str, Any],
) -> str:
    # The same instant hashes the same whatever time zone the database hands it back in.
    if occurred_at.tzinfo is not None:
        occurred_at = occurred_at.astimezone(UTC)
    stamp = occurred_at.replace(tzinfo=None).isoformat(timespec="microseconds")
    body = _canonical([prev_hash, stamp, actor, action, evaluation_id, detail])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# Any constant shared by every procure process: the key of the lock that serialises
# appends to the chain on PostgreSQL.
CHAIN_LOCK_KEY = 73_011_127


def _lock_the_chain(session: Session) -> None:
    """Hold the chain until this transaction ends, so that two PCs appending at once do not
    both link to the same last event (a fork that verify would report as tampering)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    else:
        # SQLite takes its single write lock at a transaction's first write: take it now,
        # before reading the last event, with a write that changes nothing.
        session.execute(text("UPDATE audit_events SET id = id WHERE 1 = 0"))


def append_event(
    session: Session,
    action: str,
    detail: dict[str, Any],
    *,
    actor: str | None = None,
    evaluation_id: int | None = None,
) -> AuditEvent:
    """Add one event at the end of the chain (in the caller's transaction)."""
    _lock_the_chain(session)
    last = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_hash = last or GENESIS
    occurred_at = utc_now()
    actor = actor or current_actor()
    detail = json.loads(_canonical(detail))  # store exactly what was hashed
    event = AuditEvent(
        occurred_at=occurred_at,
        actor=actor,
        action=action,
        detail=detail,
        evaluation_id=evaluation_id,
        prev_hash=prev_hash,
        hash=event_hash(prev_hash, occurred_at, actor, action, evaluation_id, detail),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(session: Session) -> ChainBreak | None:
    """Return the first event that does not fit the chain, or None when all do."""
    prev_hash = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        if event.prev_hash != prev_hash:
            return ChainBreak(
                event.id,
                "it does not follow the event before it (an event was removed or reordered)",
            )
        expected = event_hash(
            event.prev_hash,
            event.occurred_at,
            event.actor,
            event.action,
            event.evaluation_id,
            event.detail,
        )
        if expected != event.hash:
            return ChainBreak(
                event.id,
                "its content no longer matches its hash (it was altered outside the application)",
            )
        prev_hash = event.hash
    return None

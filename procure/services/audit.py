"""Check the audit trail's hash chain."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from procure.audit import ChainBreak, verify_chain
from procure.models import AuditEvent


@dataclass(frozen=True)
class AuditReport:
    events: int
    broken: ChainBreak | None


def verify(factory: sessionmaker[Session]) -> AuditReport:
    """Recompute every event's hash; report the first that no longer fits, if any."""
    with factory() as session:
        count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        return AuditReport(count, verify_chain(session))

"""Check the store's integrity: the audit trail's hash chain, and that every approved
evaluation still matches the content hash printed on its report."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from procure.audit import ChainBreak, verify_chain
from procure.models import AuditEvent, Evaluation
from procure.procedure import APPROVED


@dataclass(frozen=True)
class AuditReport:
    events: int
    broken: ChainBreak | None
    approved: int  # approved evaluations checked against their printed hash
    altered: list[int]  # approved evaluations whose result no longer matches its hash

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.altered


def verify(factory: sessionmaker[Session]) -> AuditReport:
    """Recompute every event's hash and every approved evaluation's content hash."""
    from procure.services.evaluations import content_hash

    with factory() as session:
        count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        broken = verify_chain(session)
        approved = session.scalars(
            select(Evaluation).where(Evaluation.status == APPROVED).order_by(Evaluation.id)
        ).all()
        altered = [
            e.id for e in approved if e.result is None or content_hash(e.result) != e.content_hash
        ]
        return AuditReport(count, broken, len(approved), altered)

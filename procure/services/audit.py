"""Check the store against its audit trail.

`verify` replays the trail from its first event: the chain must be whole and every event
sealed with a trusted key; the row events give, for every vendor, offer, need and evaluation,
the content hash it had after its last recorded change. Then every stored row must match its
last event, no row may exist without one, no recorded row may be gone, and every evaluation
that was approved must still be approved, with the content hash it was approved with, and a
result that still matches that hash. A printed report can be checked too: its footer carries
the chain head and event count at the time it was written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procure.audit import (
    GENESIS,
    ROW_ACTIONS,
    SEAL_PREFIX,
    TRACKED,
    ChainBreak,
    check_event,
    ledger_entries,
)
from procure.errors import InvalidInput
from procure.models import AuditEvent, Evaluation, Offer, Vendor
from procure.procedure import APPROVED

if TYPE_CHECKING:
    from procure.db import Store

_SINGULAR = {"vendors": "vendor", "offers": "offer", "needs": "need", "evaluations": "evaluation"}


@dataclass(frozen=True)
class _Recorded:
    event_id: int
    hash: str | None
    columns: list[str]
    digests: str | None


@dataclass
class AuditReport:
    events: int
    broken: ChainBreak | None  # the first event that does not fit the chain
    approved: int  # evaluations recorded as approved, checked against their approval
    altered: list[int]  # approved evaluations whose result or hash changed since approval
    findings: list[str] = field(default_factory=list)
    head: str = GENESIS
    rows: int = 0  # rows checked against the trail
    sealed: bool = False  # some event is sealed with an installation key
    row_events: int = 0

    @property
    def intact(self) -> bool:
        return not self.findings

    @property
    def from_before_the_ledger(self) -> bool:
        """A whole chain written by a version before the row ledger (nothing sealed, no row
        event): it gets its baseline, as a store of that version does at its first open."""
        return self.events > 0 and self.broken is None and not self.sealed and not self.row_events


def _labels(session: Session) -> dict[tuple[str, int], str]:
    labels: dict[tuple[str, int], str] = {}
    for vid, name in session.execute(select(Vendor.id, Vendor.name)):
        labels["vendors", vid] = f"vendor {vid} ({name})"
    query = select(Offer.id, Vendor.name, Offer.model).join(Vendor, Offer.vendor_id == Vendor.id)
    for oid, vendor, model in session.execute(query):
        labels["offers", oid] = f"offer {oid} ({vendor} — {model})"
    table = TRACKED["needs"]
    for nid, name in session.execute(select(table.c.id, table.c.name)):
        labels["needs", nid] = f"need {nid} ({name})"
    for eid, title in session.execute(select(Evaluation.id, Evaluation.title)):
        labels["evaluations", eid] = f"evaluation {eid} ({title})"
    return labels


def _differing_columns(recorded: _Recorded, table: str, digests: str) -> list[str]:
    columns = [c.name for c in TRACKED[table].columns]
    old = {
        name: (recorded.digests or "")[4 * i : 4 * i + 4] for i, name in enumerate(recorded.columns)
    }
    new = {name: digests[4 * i : 4 * i + 4] for i, name in enumerate(columns)}
    return [name for name in columns if name in old and old[name] != new[name]]


class _Replay:
    """The trail read from its first event: the chain checked, the ledger rebuilt."""

    def __init__(self, session: Session) -> None:
        from procure.audit_key import trusted_keys

        self.findings: list[str] = []
        self.broken: ChainBreak | None = None
        self.ledger: dict[tuple[str, int], _Recorded] = {}
        self.approvals: dict[int, tuple[str | None, int]] = {}
        self.head, self.count, self.row_events = GENESIS, 0, 0
        self.sealed = False
        keys = trusted_keys()
        for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
            self.count += 1
            reason = check_event(event, self.head, keys, self.sealed)
            if reason is not None:
                self.broken = self.broken or ChainBreak(event.id, reason)
                self.findings.append(f"audit event {event.id}: {reason}")
            self.sealed = self.sealed or (event.note or "").startswith(SEAL_PREFIX)
            self.head = event.hash
            if event.action in ROW_ACTIONS and isinstance(event.detail, dict):
                self._replay_rows(event)

    def _replay_rows(self, event: AuditEvent) -> None:
        self.row_events += 1
        for table, block in (event.detail.get("rows") or {}).items():
            columns = list(block.get("columns") or [])
            for entry in block.get("entries") or []:
                identity, digest, digests = entry[0], entry[1], entry[2]
                self.ledger[table, identity] = _Recorded(event.id, digest, columns, digests)
                if table == "evaluations" and digest is not None:
                    self._replay_status(event.id, identity, entry[3], entry[4])

    def _replay_status(self, event_id: int, evaluation: int, status: str, digest: str) -> None:
        approved = self.approvals.get(evaluation)
        if approved is None:
            if status == APPROVED:
                self.approvals[evaluation] = (digest, event_id)
            return
        if status != APPROVED:
            self.findings.append(
                f"evaluation {evaluation}: approved at audit event {approved[1]}, yet audit "
                f"event {event_id} records it as {status!r} (an approval cannot be undone)"
            )
        elif digest != approved[0]:
            self.findings.append(
                f"evaluation {evaluation}: audit event {event_id} records a content hash other "
                f"than the one it was approved with at audit event {approved[1]}"
            )


def _check_rows(session: Session, replay: _Replay) -> tuple[list[str], int, dict[int, Any]]:
    findings: list[str] = []
    labels = _labels(session)
    checked = 0
    evaluations: dict[int, Any] = {}
    present: set[tuple[str, int]] = set()
    for name, table in TRACKED.items():
        for entry in ledger_entries(session, table):
            identity, digest, digests = entry[0], entry[1], entry[2]
            checked += 1
            present.add((name, identity))
            label = labels.get((name, identity), f"{_SINGULAR[name]} {identity}")
            if name == "evaluations":
                evaluations[identity] = entry
            recorded = replay.ledger.get((name, identity))
            if recorded is None or recorded.hash is None:
                findings.append(
                    f"{label}: stored, but no audit event records it (added outside the "
                    "application, or its events were removed)"
                )
            elif recorded.hash != digest:
                changed = _differing_columns(recorded, name, digests)
                what = ", ".join(changed) if changed else "its content"
                findings.append(
                    f"{label}: {what} differ{'s' if len(changed) <= 1 else ''} from audit event "
                    f"{recorded.event_id}, its last recorded change (changed outside the "
                    "application)"
                )
    for (name, identity), recorded in sorted(replay.ledger.items()):
        if recorded.hash is not None and (name, identity) not in present:
            findings.append(
                f"{_SINGULAR[name]} {identity}: recorded by audit event {recorded.event_id}, but "
                "no longer in the store (deleted outside the application)"
            )
    return findings, checked, evaluations


def _check_approvals(
    session: Session, replay: _Replay, evaluations: dict[int, Any]
) -> tuple[list[str], list[int]]:
    from procure.services.evaluations import content_hash

    findings: list[str] = []
    altered: list[int] = []
    stored_approved = session.scalars(select(Evaluation).where(Evaluation.status == APPROVED))
    candidates = {e.id: e for e in stored_approved}
    for identity in replay.approvals:
        row = session.get(Evaluation, identity)
        if row is not None:
            candidates[identity] = row
    for identity, evaluation in sorted(candidates.items()):
        approval = replay.approvals.get(identity)
        problems = []
        if approval is not None and evaluation.status != APPROVED:
            problems.append(
                f"approved at audit event {approval[1]}, but now {evaluation.status!r} "
                "(set back outside the application)"
            )
        if approval is not None and evaluation.content_hash != approval[0]:
            problems.append(
                f"its content hash is not the one it was approved with at audit event {approval[1]}"
            )
        if evaluation.result is None or content_hash(evaluation.result) != evaluation.content_hash:
            problems.append("its result no longer matches its content hash")
        if problems:
            altered.append(identity)
            findings.append(f"approved evaluation {identity}: " + "; ".join(problems))
    return findings, altered


def verify(store: Store, report: str | Path | None = None, *, remember: bool = True) -> AuditReport:
    """Replay the trail and check every stored row (and a printed report) against it.

    With `remember`, the trail must also still begin with the one this computer last found
    intact (kept in the configuration folder), and an intact trail is remembered."""
    with store() as session:
        return verify_session(session, report, remember=remember)


def verify_session(
    session: Session, report: str | Path | None = None, *, remember: bool = True
) -> AuditReport:
    """`verify` on an open session: the rows as it sees them (a restore checks its rows so
    before it commits them)."""
    replay = _Replay(session)
    findings = list(replay.findings)
    if replay.count and not replay.sealed:
        findings.append(
            "the audit trail holds no event sealed with an installation key (its events "
            "were rewritten or the store was never opened by this version)"
        )
    row_findings, checked, evaluations = _check_rows(session, replay)
    if checked and not replay.row_events and len(row_findings) > 1:
        # Every row unaccounted for: say it once rather than once a row.
        row_findings = [
            f"the store holds {checked} rows, but the audit trail records none of them "
            f"({replay.count} events; the trail was removed or never kept)"
        ]
    findings += row_findings
    approval_findings, altered = _check_approvals(session, replay, evaluations)
    findings += approval_findings
    if report is not None:
        findings += check_report(session, report)
    mark = _mark_path(session) if remember else None
    if mark is not None:
        findings += _check_mark(session, mark)
        if not findings:
            _write_mark(mark, replay.count, replay.head)
    approved = len(set(replay.approvals) | set(altered))
    return AuditReport(
        replay.count,
        replay.broken,
        approved,
        altered,
        findings,
        replay.head,
        checked,
        replay.sealed,
        replay.row_events,
    )


# --- The anchor printed on reports ----------------------------------------------------------

_ANCHOR = re.compile(
    rb"procure-audit events=(\d+) head=([0-9a-f]{64}) evaluation=(\d*) content=([0-9a-f]*)"
)


def read_report_anchor(path: str | Path) -> tuple[int, str, int | None, str]:
    """Return (events, head, evaluation id, content hash) printed in a procure PDF report."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{source}: cannot be read ({exc.strerror or exc})") from None
    match = _ANCHOR.search(data)
    if match is None:
        raise InvalidInput(
            f"{source}: not a procure report carrying the audit trail's head (written by "
            "an earlier version, or not a procure report)"
        )
    events, head, evaluation, content = (g.decode("ascii") for g in match.groups())
    return int(events), head, int(evaluation) if evaluation else None, content


def _prefix_finding(session: Session, events: int, head: str, what: str) -> str | None:
    """Say how the trail no longer begins with the `events` events ending in `head`."""
    if not events:
        return None
    at = session.scalars(
        select(AuditEvent.hash).order_by(AuditEvent.id).offset(events - 1).limit(1)
    ).first()
    if at is None:
        return f"{what} the trail held {events} events; the store now holds fewer (events removed)"
    if at != head:
        return (
            f"{what} the trail's event {events} was the one with head {head[:16]}…; it no "
            "longer is (the trail was rewritten)"
        )
    return None


def check_report(session: Session, path: str | Path) -> list[str]:
    """Check that the trail a report was printed from is still the start of the trail."""
    events, head, evaluation, content = read_report_anchor(path)
    name = Path(path).name
    findings = []
    printed = _prefix_finding(session, events, head, f"report {name}: printed when")
    if printed is not None:
        findings.append(printed)
    if evaluation is not None and content:
        stored = session.get(Evaluation, evaluation)
        if stored is None:
            findings.append(f"report {name}: evaluation {evaluation} is no longer in the store")
        elif stored.content_hash != content:
            findings.append(
                f"report {name}: evaluation {evaluation}'s content hash is no longer the one "
                f"printed on the report ({content[:16]}…)"
            )
    return findings


# --- The trail last found intact on this computer ---------------------------------------------


def _mark_path(session: Session) -> Path:
    from procure.audit_key import config_folder
    from procure.db import describe

    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    name = hashlib.sha256(describe(url).encode("utf-8")).hexdigest()[:24]
    return config_folder() / "verified" / f"{name}.json"


def _check_mark(session: Session, path: Path) -> list[str]:
    try:
        mark = json.loads(path.read_text(encoding="utf-8"))
        events, head, when = int(mark["events"]), str(mark["head"]), str(mark["when"])
    except (OSError, ValueError, KeyError, TypeError):
        return []  # never verified here (or the note is unreadable): nothing to compare
    finding = _prefix_finding(
        session, events, head, f"when last verified intact on this computer ({when}),"
    )
    return [] if finding is None else [finding]


def _write_mark(path: Path, events: int, head: str) -> None:
    from datetime import datetime

    note = {"events": events, "head": head, "when": f"{datetime.now():%Y-%m-%d %H:%M}"}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(note), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a note for next time; verifying does not depend on it


def forget_verified(store: Store) -> None:
    """Drop the remembered trail of a store whose trail was replaced (by a restore)."""
    with store() as session:
        _mark_path(session).unlink(missing_ok=True)

"""The append-only, hash-chained audit trail and its row ledger (README.md, 'Where the data lives').

Each event stores the hash of the one before it; its own hash covers its time, actor,
action, evaluation and detail. Events are sealed with an HMAC under the installation key
(procure.audit_key), so that an event rewritten outside the application cannot be given a
matching hash by recomputing it with this module's code. Events written before the key
existed ("legacy" events) carry a plain SHA-256 and are accepted only at the start of the
chain, where the baseline event that follows them seals their head.

Every change to a vendor, offer, need or evaluation ends, at commit, in a "rows.recorded"
event holding the content hash of each changed row as it became (`record_changes`): the ORM
reports its own changes through the session's flush, and bulk writes name the rows they wrote
with `touch`. `procure.services.audit.verify` replays these events against the stored rows.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Select, Table, event, func, select, text
from sqlalchemy.orm import Session

from procure.audit_key import installation_key
from procure.models import AuditEvent, Evaluation, Need, Offer, Vendor, utc_now

GENESIS = "0" * 64
SEAL_PREFIX = "sealed with key "
ROWS_RECORDED = "rows.recorded"
ROWS_BASELINE = "rows.baseline"
ROW_ACTIONS = (ROWS_RECORDED, ROWS_BASELINE)

# The rows the trail accounts for, by table name.
TRACKED: dict[str, Table] = {
    cast(Table, model.__table__).name: cast(Table, model.__table__)
    for model in (Vendor, Offer, Need, Evaluation)
}
_MODEL_TABLE = {Vendor: "vendors", Offer: "offers", Need: "needs", Evaluation: "evaluations"}
_PENDING = "procure.audit.pending"
_EARLY = "procure.audit.early"  # (table, id) -> a ledger entry hashed before the commit
_ACTOR = "procure.audit.actor"


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _stamp(occurred_at: datetime) -> str:
    # The same instant hashes the same whatever time zone the database hands it back in.
    if occurred_at.tzinfo is not None:
        occurred_at = occurred_at.astimezone(UTC)
    return occurred_at.replace(tzinfo=None).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    occurred_at: datetime,
    actor: str,
    action: str,
    evaluation_id: int | None,
    detail: dict[str, Any],
) -> str:
    """The plain hash of a legacy (unsealed) event."""
    body = _canonical([prev_hash, _stamp(occurred_at), actor, action, evaluation_id, detail])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(event: AuditEvent, key: bytes, key_id: str, detail_text: str | None = None) -> str:
    """The HMAC-SHA256 of an event under an installation key.

    ``detail_text`` is the event's detail in canonical form when the caller has it already
    (a large ledger event need not be written out twice): the body is the same text."""
    head = _canonical(
        [
            key_id,
            event.prev_hash,
            _stamp(event.occurred_at),
            event.actor,
            event.action,
            event.evaluation_id,
        ]
    )
    if detail_text is None:
        detail_text = _canonical(event.detail)
    body = head[:-1] + "," + detail_text + "]"  # the same list, with the detail last
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


# Any constant shared by every procure process: the key of the lock that serialises
# appends to the chain on PostgreSQL.
CHAIN_LOCK_KEY = 73_011_127


def report_anchor(session: Session) -> dict[str, Any]:
    """The trail's event count and chain head as a report printed now carries them (the
    way back is `procure.services.audit.check_report`)."""
    count = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    head = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return {"events": count, "head": head or GENESIS}


def hold_write_lock(session: Session) -> None:
    """Hold the store's write lock until this transaction ends.

    Taken before reading what a write depends on (the chain's last event, the offers an import
    plans against), so that two processes writing at once wait for each other instead of both
    acting on what they read before the other wrote."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    else:
        # SQLite takes its single write lock at a transaction's first write: take it now,
        # before reading, with a write that changes nothing.
        session.execute(text("UPDATE audit_events SET id = id WHERE 1 = 0"))


def append_event(
    session: Session,
    action: str,
    detail: dict[str, Any],
    *,
    actor: str | None = None,
    evaluation_id: int | None = None,
    plain: bool = False,
) -> AuditEvent:
    """Add one sealed event at the end of the chain (in the caller's transaction).

    The detail is stored as read back from the text that is hashed, so that what is stored
    is what was sealed; ``plain`` says it holds only JSON's own types already (the row
    ledger's lists of ids and digests), stored as built."""
    hold_write_lock(session)
    last = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_hash = last or GENESIS
    occurred_at = utc_now()
    actor = actor or current_actor()
    session.info[_ACTOR] = actor  # the rows this transaction changed are recorded as theirs
    detail_text = _canonical(detail)
    if not plain:
        detail = json.loads(detail_text)  # store exactly what was hashed
    key_id, key = installation_key()
    event = AuditEvent(
        occurred_at=occurred_at,
        actor=actor,
        action=action,
        detail=detail,
        evaluation_id=evaluation_id,
        prev_hash=prev_hash,
        note=SEAL_PREFIX + key_id,
    )
    event.hash = seal(event, key, key_id, detail_text)
    session.add(event)
    session.flush()
    return event


# --- The row ledger -------------------------------------------------------------------------


def _decimal_token(value: Decimal) -> str:
    return "d" + (format(value.normalize(), "f") if value.is_finite() else str(value))


# How a column value of each type is written as one text, the same on every backend (SQLite
# and PostgreSQL hand some types back differently).
_TOKEN_OF_TYPE: dict[type, Callable[[Any], str]] = {
    bool: lambda value: f"b{int(value)}",
    str: "s".__add__,
    int: lambda value: f"i{value}",
    float: lambda value: "f" + repr(value),
    Decimal: _decimal_token,
    datetime: lambda value: "t" + _stamp(value),
}


def _token(value: Any) -> str | None:
    """A column value as one text; None for an empty column, JSON for a document."""
    if value is None:
        return None
    for kind, write in _TOKEN_OF_TYPE.items():  # bool before int: True is an int too
        if isinstance(value, kind):
            return write(value)
    return "j" + _canonical(value)


# Equal values of one of these types always write the same token, so a column holding only
# such values (and None) is tokenised once per distinct value. Not a zero float or decimal
# (0.0 and -0.0 are equal but write differently), nor a mix of types (True == 1).
_TOKEN_FOLLOWS_EQUALITY = frozenset(_TOKEN_OF_TYPE)
# Columns whose values are tokenised once per distinct repr instead (repr tells types, the
# sign of a zero and a document's order apart): JSON documents, and numbers with a zero.
_TOKEN_FOLLOWS_REPR = frozenset({dict, list, float, Decimal})
_NONE = type(None)


def _digest(token: str | None) -> str:
    return hashlib.blake2b(
        (token if token is not None else "\x00").encode("utf-8"), digest_size=2
    ).hexdigest()


def _piece_and_digest(name: str, value: Any) -> tuple[str | None, str]:
    """A column's part of its row's content text, and the column's digest."""
    token = _token(value)
    return (None if token is None else f"{name}\x1f{token}", _digest(token))


_EMPTY_DIGEST = _digest(None)


def _column_parts(name: str, values: Sequence[Any]) -> tuple[list[str | None], list[str]]:
    """The content part and digest of one column in each of many rows."""
    if values.count(None) == len(values):  # a column no row fills
        return [None] * len(values), [_EMPTY_DIGEST] * len(values)
    kinds = set(map(type, values)) - {_NONE}
    if len(kinds) == 1 and kinds <= _TOKEN_FOLLOWS_EQUALITY:
        try:
            distinct = set(values)
        except TypeError:  # a value that cannot be hashed (a signalling NaN)
            distinct = None
        if distinct is not None and not (kinds & {float, Decimal} and 0 in distinct):
            write = _TOKEN_OF_TYPE[next(iter(kinds))]
            pieces: dict[Any, str | None] = {None: None}
            digests: dict[Any, str] = {None: _EMPTY_DIGEST}
            for value in distinct - {None}:
                token = write(value)
                pieces[value] = f"{name}\x1f{token}"
                digests[value] = _digest(token)
            return list(map(pieces.__getitem__, values)), list(map(digests.__getitem__, values))
    if kinds <= _TOKEN_FOLLOWS_REPR:
        seen: dict[str, tuple[str | None, str]] = {}
        parts = []
        for value in values:
            shown = repr(value)
            found = seen.get(shown)
            if found is None:
                found = seen[shown] = _piece_and_digest(name, value)
            parts.append(found)
    else:
        parts = [_piece_and_digest(name, value) for value in values]
    return [piece for piece, _ in parts], [digest for _, digest in parts]


def rows_digests(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[tuple[str, str]]:
    """Return, for each row (its values in the table's column order), its content hash and a
    short digest of each column in table order.

    The content hash covers the columns that hold a value, so a column added later (empty in
    existing rows) leaves existing rows' hashes as they were; the column digests only serve to
    name which column differs. The work is done column by column: a column's repeated values
    (a currency, a date, an empty column) are written out once."""
    if not rows:
        return []
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(names):
        raise ValueError(f"{len(names)} column names for rows of {len(columns)} values")
    parts = [_column_parts(name, values) for name, values in zip(names, columns, strict=True)]
    contents = zip(*(pieces for pieces, _ in parts), strict=True)
    digests = zip(*(digests for _, digests in parts), strict=True)
    return [
        (
            hashlib.sha256("\x1e".join(filter(None, content)).encode("utf-8")).hexdigest()[:32],
            "".join(digest),
        )
        for content, digest in zip(contents, digests, strict=True)
    ]


def row_digests(names: Sequence[str], values: Sequence[Any]) -> tuple[str, str]:
    """rows_digests() of a single row."""
    return rows_digests(names, [values])[0]


def touch(session: Session, table: str, ids: Iterable[int]) -> None:
    """Name rows a bulk statement wrote, so that the commit records them (the ORM's own
    changes are found without this)."""
    pending: set[tuple[str, int]] = session.info.setdefault(_PENDING, set())
    touched = [(table, int(i)) for i in ids]
    pending.update(touched)
    early: dict[tuple[str, int], list[Any]] | None = session.info.get(_EARLY)
    if early:
        for key in touched:
            early.pop(key, None)  # written again: hashed again at commit


def record_early(session: Session, table: str, ids: Iterable[int | None]) -> None:
    """Hash rows just written now rather than at commit, while the caller waits on other
    work (an import writes each run of offers while the rest of the file is read). The
    commit uses these entries unless the rows are written again (touch drops them)."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return
    early: dict[tuple[str, int], list[Any]] = session.info.setdefault(_EARLY, {})
    for entry in ledger_entries(session, TRACKED[table], wanted):
        if entry[1] is not None:
            early[(table, entry[0])] = entry


@event.listens_for(Session, "after_flush")
def _collect_orm_changes(session: Session, _context: Any) -> None:
    changed = [
        obj
        for obj in (*session.new, *session.deleted, *session.dirty)
        if type(obj) in _MODEL_TABLE
        and (obj not in session.dirty or session.is_modified(obj, include_collections=False))
    ]
    for obj in changed:
        identity = getattr(obj, "id", None)
        if identity is not None:
            touch(session, _MODEL_TABLE[type(obj)], [identity])


def ledger_entries(
    session: Session, table: Table, ids: Iterable[int] | None = None
) -> list[list[Any]]:
    """The ledger entries of rows (all rows when ids is None): [id, hash, columns] and, for
    evaluations, their status and content hash; a row that is gone gets [id, None, None]."""
    wanted = sorted(set(ids)) if ids is not None else None
    found: dict[int, list[Any]] = {}
    names = [c.name for c in table.columns]
    at = {name: i for i, name in enumerate(names)}
    for query in _row_queries(table, wanted):
        rows = [tuple(row) for row in session.execute(query)]  # in the table's column order
        for values, digests in zip(rows, rows_digests(names, rows), strict=True):
            entry: list[Any] = [values[at["id"]], *digests]
            if table.name == "evaluations":
                entry += [values[at["status"]], values[at["content_hash"]]]
            found[values[at["id"]]] = entry
    if wanted is None:
        return list(found.values())
    return [found.get(i, [i, None, None]) for i in wanted]


def _row_queries(table: Table, wanted: list[int] | None) -> list[Select[Any]]:
    """The queries that select these rows (all when None): one for a run of consecutive ids
    (the rows a bulk insert wrote), else one for each 500 of them."""
    query = select(table).order_by(table.c.id)
    if wanted is None:
        return [query]
    if wanted and wanted[-1] - wanted[0] + 1 == len(wanted):
        return [query.where(table.c.id.between(wanted[0], wanted[-1]))]
    return [query.where(table.c.id.in_(wanted[i : i + 500])) for i in range(0, len(wanted), 500)]


def _columns_of(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def record_rows(
    session: Session,
    action: str,
    rows: Mapping[str, list[list[Any]]],
    *,
    actor: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    detail: dict[str, Any] = dict(extra or {})
    detail["rows"] = {
        name: {"columns": _columns_of(TRACKED[name]), "entries": entries}
        for name, entries in rows.items()
        if entries
    }
    return append_event(session, action, detail, actor=actor, plain=True)


def record_changes(session: Session) -> AuditEvent | None:
    """Write the "rows.recorded" event of what this transaction changed (called at commit)."""
    pending: set[tuple[str, int]] | None = session.info.pop(_PENDING, None)
    early: dict[tuple[str, int], list[Any]] = session.info.pop(_EARLY, None) or {}
    if not pending:
        return None
    by_table: dict[str, set[int]] = {}
    for table, identity in pending:
        by_table.setdefault(table, set()).add(identity)
    rows: dict[str, list[list[Any]]] = {}
    for name, ids in sorted(by_table.items()):
        known = [early[(name, i)] for i in ids if (name, i) in early]
        rest = [i for i in ids if (name, i) not in early]
        entries = [*known, *(ledger_entries(session, TRACKED[name], rest) if rest else [])]
        rows[name] = sorted(entries, key=lambda entry: int(entry[0]))
    return record_rows(session, ROWS_RECORDED, rows, actor=session.info.get(_ACTOR))


@event.listens_for(Session, "before_commit")
def _record_at_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer transaction's commit records its rows
    session.flush()
    if session.info.get(_PENDING):
        record_changes(session)


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(_PENDING, None)
        session.info.pop(_EARLY, None)
        session.info.pop(_ACTOR, None)


@event.listens_for(Session, "after_commit")
def _forget_the_actor(session: Session) -> None:
    session.info.pop(_ACTOR, None)


def write_baseline_if_needed(session: Session) -> AuditEvent | None:
    """Give a store written before the row ledger existed its starting point: one
    "rows.baseline" event holding every row's hash as found at the first open by this version.

    Written only when the trail has events (every earlier version recorded its changes) but no
    row event yet; a store whose rows have no event at all gets none, and verify reports it."""
    hold_write_lock(session)
    has_rows_event = session.scalars(
        select(AuditEvent.id).where(AuditEvent.action.in_(ROW_ACTIONS)).limit(1)
    ).first()
    if has_rows_event is not None:
        return None
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).first()
    if last is None:
        return None
    rows = {name: ledger_entries(session, table) for name, table in TRACKED.items()}
    return record_rows(
        session,
        ROWS_BASELINE,
        rows,
        actor="procure",
        extra={
            "reason": "the store was written by a version of procure before the row ledger: "
            "its rows are recorded as found at the first open by this version",
            "legacy_events": session.scalar(select(func.count()).select_from(AuditEvent)),
            "legacy_head": last.hash,
        },
    )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def check_event(
    event: AuditEvent, prev_hash: str, keys: Mapping[str, bytes], sealed_seen: bool
) -> str | None:
    """Return why the event does not fit the chain after `prev_hash`, or None."""
    if event.prev_hash != prev_hash:
        return "it does not follow the event before it (an event was removed or reordered)"
    note = event.note or ""
    if note.startswith(SEAL_PREFIX):
        key_id = note[len(SEAL_PREFIX) :]
        key = keys.get(key_id)
        if key is None:
            return (
                f"it was sealed with key {key_id}, which this installation does not hold "
                "(copy the committee's audit key into the configuration folder)"
            )
        expected = seal(event, key, key_id)
    else:
        if sealed_seen:
            return "it is not sealed with an installation key, yet follows sealed events"
        expected = event_hash(
            event.prev_hash,
            event.occurred_at,
            event.actor,
            event.action,
            event.evaluation_id,
            event.detail,
        )
    if not hmac.compare_digest(expected, event.hash):
        return "its content no longer matches its hash (it was altered outside the application)"
    return None


def verify_chain(session: Session) -> ChainBreak | None:
    """Return the first event that does not fit the chain, or None when all do."""
    from procure.audit_key import trusted_keys

    keys = trusted_keys()
    prev_hash, sealed_seen = GENESIS, False
    for event_row in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        reason = check_event(event_row, prev_hash, keys, sealed_seen)
        if reason is not None:
            return ChainBreak(event_row.id, reason)
        sealed_seen = sealed_seen or (event_row.note or "").startswith(SEAL_PREFIX)
        prev_hash = event_row.hash
    return None

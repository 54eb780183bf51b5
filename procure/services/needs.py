"""Sector needs: list, import from and export to need files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from procure.audit import append_event
from procure.errors import InvalidInput, NotFound, unreadable
from procure.models import Need
from procure.needs import NeedDocument, parse_need
from procure.rows import NEED_SELECT, NeedRow, need_from_record

if TYPE_CHECKING:
    from procure.db import Store

MAX_NEED_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class SavedNeed:
    name: str
    created: bool


def read_need_file(path: str | Path) -> NeedDocument:
    """Read and validate a need file; raise InvalidInput naming the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_NEED_FILE_BYTES:
            raise InvalidInput(
                f"{path}: {size} bytes is too large for a need file (at most {MAX_NEED_FILE_BYTES})"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc, "a need file") from None
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a UTF-8 text file; a need file is JSON") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{path}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    try:
        return parse_need(doc)
    except InvalidInput as exc:
        raise InvalidInput([f"{path}: {p}" for p in exc.problems]) from None


def _to_row(need: Need) -> NeedRow:
    return NeedRow(need.id, need.is_sample, parse_need(need.document))


def save_need(session: Session, doc: NeedDocument, *, is_sample: bool = False) -> SavedNeed:
    """Insert a need or replace the one with the same name."""
    need = session.scalars(select(Need).where(Need.name == doc.name)).one_or_none()
    created = need is None
    if need is None:
        need = Need(name=doc.name)
        session.add(need)
    need.sector = doc.sector
    need.category = doc.category
    need.method = doc.method
    need.document = doc.to_json()
    need.is_sample = is_sample
    return SavedNeed(doc.name, created)


def import_need(store: Store, path: str | Path, *, actor: str | None = None) -> SavedNeed:
    """Validate a need file and store it (all or nothing), with its audit event."""
    doc = read_need_file(path)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    with store.begin() as session:
        saved = save_need(session, doc)
        append_event(
            session,
            "need.imported",
            {
                "need": doc.name,
                "file": Path(path).name,
                "file_sha256": digest,
                "created": saved.created,
            },
            actor=actor,
        )
        return saved


def list_needs(store: Store) -> list[NeedRow]:
    with store() as session:
        return [need_from_record(r) for r in session.execute(text(NEED_SELECT))]


def get_need(store: Store, name: str) -> NeedRow:
    """Return the need called `name`; raise NotFound listing the names there are."""
    with store() as session:
        need = session.scalars(select(Need).where(Need.name == name)).one_or_none()
        if need is None:
            names = session.scalars(select(Need.name).order_by(Need.name)).all()
            raise NotFound(f"no need called {name!r}; the store has: " + "; ".join(names))
        return _to_row(need)


def export_need(store: Store, name: str) -> dict[str, Any]:
    return get_need(store, name).document.to_json()

"""Open the store for the GUI and the command line, and say who is working.

The window and the command line reach the store only through this module and the other
services: they get a `Store` here and pass it on as the first argument of every service.
The SQLAlchemy and Alembic imports wait until a function needs them, so that the window can
paint the catalogue (from the start-up snapshot) before they load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from procure.db import Store as Store
    from procure.snapshot import Snapshot as Snapshot

__all__ = [
    "Server",
    "check_location",
    "current_actor",
    "open_store",
    "read_snapshot",
    "server_of",
    "server_url",
    "store_error_line",
]


def open_store(db: str | os.PathLike[str] | None = None, *, seed: bool = True) -> Store:
    """Resolve --db / PROCURE_DB / the default, migrate the store to the current schema
    (backing it up first) and, on its first start, seed the sample data."""
    from procure.db import Store, make_engine, resolve_url, upgrade_to_head
    from procure.services.audit import forget_verified
    from procure.services.backup import backup_before_migration

    url = resolve_url(db)
    engine = make_engine(url)
    upgrade = upgrade_to_head(engine, backup=backup_before_migration)
    store = Store(url, engine)
    if upgrade.created:
        forget_verified(store)  # a new store under a name used before: a new trail
        if seed:
            from procure.services.seed import seed_samples

            seed_samples(store)
    else:
        _write_audit_baseline(store)
    return store


def _write_audit_baseline(store: Store) -> None:
    """A store written before the row ledger gets its baseline at its first open (see
    procure.audit.write_baseline_if_needed); a current store is only looked at."""
    from sqlalchemy import select

    from procure.audit import ROW_ACTIONS, write_baseline_if_needed
    from procure.models import AuditEvent

    with store() as session:
        recorded = session.scalars(
            select(AuditEvent.id).where(AuditEvent.action.in_(ROW_ACTIONS)).limit(1)
        ).first()
        if recorded is not None:
            return
    with store.begin() as session:
        write_baseline_if_needed(session)


def check_location(db: str | os.PathLike[str]) -> None:
    """Raise StoreError (a sentence) when `db` names no usable store file or URL."""
    from procure.db import resolve_url

    resolve_url(db)


@dataclass(frozen=True)
class Server:
    """A PostgreSQL store as File → Store… shows it: empty text where the URL says nothing."""

    host: str
    port: int | None
    database: str
    user: str


def server_of(url: str) -> Server:
    """The parts of a server store's URL (its password left out); port 5432 by default."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return Server(
        parsed.host or "", parsed.port or 5432, parsed.database or "", parsed.username or ""
    )


def server_url(server: Server, password: str | None = None) -> str:
    """The URL of a PostgreSQL store (psycopg), with the password in it when one is given."""
    from sqlalchemy.engine import URL

    return URL.create(
        "postgresql+psycopg",
        username=server.user or None,
        password=password,
        host=server.host or None,
        port=server.port,
        database=server.database or None,
    ).render_as_string(hide_password=False)


def read_snapshot(db: str | os.PathLike[str] | None) -> Snapshot | None:
    """The catalogue and needs as the store held them at its last close, read without the
    ORM; None when there is none to trust (the window then waits for the store)."""
    from procure.location import locate_store
    from procure.snapshot import read_snapshot as read

    return read(locate_store(db).sqlite_path)


def current_actor() -> str:
    """Who changes the store when nobody has said: the operating system's login name."""
    from procure.audit import current_actor as actor

    return actor()


def store_error_line(exc: Exception) -> str | None:
    """A database error worded as one line (what the store refused); None for any other."""
    from sqlalchemy.exc import SQLAlchemyError

    if not isinstance(exc, SQLAlchemyError):
        return None
    from procure.db import store_error_line as line

    return line(exc)

"""Open the store: engine, session factory, SQLite pragmas, migrations to head.

Alembic is imported only when the schema must change, which keeps it off the start-up
path of a store that is already current.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from procure.errors import StoreError
from procure.location import locate_store
from procure.migrations import HEAD_REVISION, KNOWN_REVISIONS

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """Turn --db / PROCURE_DB / the default into a SQLAlchemy URL, or raise StoreError."""
    url = locate_store(db).url
    try:
        make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"The database URL '{url}' is not valid: {exc}") from None
    return url


def describe(url: str) -> str:
    """Return the store as a user should see it: a file path or a server without password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL and a generous busy timeout."""
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            # Other processes may hold the write lock briefly: wait instead of failing.
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _set_sqlite_pragmas)
            return engine
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            # A server that accepts the connection and never answers must not hang the
            # application: give up after a few seconds, naming the server.
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"Cannot open the store {describe(url)}: unsupported database kind "
            f"'{parsed.drivername}' ({exc})."
        ) from None


def current_revision(engine: Engine) -> str | None:
    """Return the store's Alembic revision, or None for an empty store."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["engine"] = engine
    return config


def copy_sqlite_file(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite store's file beside it as `<name>.bak-<revision>`; return the copy, or
    None for a store that is not a file (a server, memory, a file not created yet)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source = Path(database)
    if not source.exists():
        return None
    target = source.with_name(f"{source.name}.bak-{revision}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(source, target)
    return target


@dataclass(frozen=True)
class Upgrade:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def created(self) -> bool:
        return self.from_revision is None


def _refuse_a_foreign_sqlite_file(engine: Engine) -> None:
    """Look at an existing SQLite file read-only before the engine opens it: opening it
    would already switch it to WAL, which changes the file."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    path = Path(database)
    if not path.is_file() or path.stat().st_size == 0:
        return
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # let the engine name the problem
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise StoreError(
            f"{path} is not a procure store (not a SQLite database); it was left unchanged. "
            "Choose another file."
        ) from None
    finally:
        conn.close()
    tables = {t for t in tables if not t.startswith("sqlite_")}
    if tables and "alembic_version" not in tables and not tables <= set(_our_tables()):
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{path} is not a procure store (it holds other tables: {shown}); it was left "
            "unchanged. Choose another file."
        )


def store_error_line(exc: SQLAlchemyError) -> str:
    """Word a database error as one line: what the store refused, without the statement."""
    reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
    if len(reason) > 200:
        reason = reason[:200] + "…"
    lowered = reason.lower()
    if "disk is full" in lowered or "no space left" in lowered:
        return f"the store is full (no space left on its disk): {reason}. Free some space."
    kind = type(getattr(exc, "orig", None) or exc).__name__
    return f"the store refused the change ({kind}: {reason}); nothing was written"


def upgrade_to_head(engine: Engine, *, backup: Callable[[Engine, str], Path | None]) -> Upgrade:
    """Bring the schema to the current revision; `backup(engine, revision)` first keeps the
    store as it was (the services know how: procure.services.backup)."""
    _refuse_a_foreign_sqlite_file(engine)
    try:
        revision = current_revision(engine)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise StoreError(f"Cannot open the store {describe(str(engine.url))}: {reason}") from None
    if revision == HEAD_REVISION:
        return Upgrade(revision, HEAD_REVISION, None)
    if revision is None:
        _refuse_a_foreign_database(engine)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"The store {describe(str(engine.url))} was written by a newer version of procure "
            f"(schema {revision}). Install the newer version to open it."
        )
    backup_path = backup(engine, revision) if revision else None
    from alembic import command

    log.info("Migrating store from %s to %s", revision, HEAD_REVISION)
    try:
        command.upgrade(_alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        # Another first start may be creating the same schema at this moment: wait for it.
        if not _migrated_by_another(engine):
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
            raise StoreError(
                f"Cannot bring the store {describe(str(engine.url))} up to date: {reason}"
            ) from None
        return Upgrade(revision, HEAD_REVISION, backup_path)
    return Upgrade(revision, HEAD_REVISION, backup_path)


def _migrated_by_another(engine: Engine, wait_s: float = 30.0) -> bool:
    import time

    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            if current_revision(engine) == HEAD_REVISION:
                return True
        except SQLAlchemyError:
            pass
        time.sleep(0.2)
    return False


def _refuse_a_foreign_database(engine: Engine) -> None:
    """A database without our revision table is ours to create only if it is empty: never add
    procure's tables to another application's file or database."""
    with engine.connect() as conn:
        tables = [t for t in inspect(conn).get_table_names() if not t.startswith("sqlite_")]
    ours = set(_our_tables())
    if tables and not set(tables) <= ours:
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{describe(str(engine.url))} is not a procure store (it holds other tables: "
            f"{shown}); it was left unchanged. Choose another file or database."
        )


def _our_tables() -> list[str]:
    from procure.models import Base

    return [*Base.metadata.tables, "alembic_version"]


class Store(sessionmaker[Session]):
    """An opened, current store: its URL and engine, and the factory of its sessions.

    Services take it as their first argument and open their sessions from it
    (`with store.begin() as session:`); the GUI and the command line only pass it on."""

    def __init__(self, url: str, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self.url = url
        self.engine = engine

    @property
    def label(self) -> str:
        return describe(self.url)

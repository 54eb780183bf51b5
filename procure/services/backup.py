"""Back the store up and restore it.

SQLite: the online backup API copies a consistent snapshot while the store is in use, and
restores the same way. Any store (PostgreSQL included) can also be written as a portable
dump: one JSON document holding every table's rows and the schema revision, restored in
one transaction (all or nothing) into a store at the same revision.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, Table, delete, insert, select, text

from procure.db import Store, current_revision
from procure.errors import InvalidInput, ProcureError
from procure.migrations import HEAD_REVISION
from procure.models import AuditEvent, Base, Evaluation, Need, Offer, Vendor

DUMP_FORMAT = "procure-dump"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Parents before children, so that inserts satisfy the foreign keys.
TABLES: tuple[Table, ...] = tuple(
    cast(Table, model.__table__) for model in (Vendor, Need, Offer, Evaluation, AuditEvent)
)


def _is_sqlite(store: Store) -> bool:
    return store.engine.url.get_backend_name() == "sqlite"


def _temporary_beside(target: Path, suffix: str) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=".procure-", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise ProcureError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    os.close(handle)
    return Path(name)


def _sqlite_connection(engine: Engine) -> Any:
    raw = engine.raw_connection()
    return raw, raw.driver_connection


def backup(store: Store, path: str | Path) -> Path:
    """Write a backup: a SQLite copy for a SQLite store (.db), else a portable JSON dump."""
    target = Path(path)
    if target.exists():
        raise InvalidInput(f"{target}: already exists; choose another file name")
    temporary = _temporary_beside(target, ".tmp")
    try:
        if _is_sqlite(store) and target.suffix.lower() != ".json":
            raw, source = _sqlite_connection(store.engine)
            try:
                destination = sqlite3.connect(temporary)
                with destination:
                    source.backup(destination)
                destination.close()
            finally:
                raw.close()
        else:
            temporary.write_text(json.dumps(dump(store), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$datetime":
            return datetime.fromisoformat(inner)
        if key == "$decimal":
            return Decimal(inner)
        if key == "$bytes":
            return base64.b64decode(inner)
    return value


def dump(store: Store) -> dict[str, Any]:
    """Every row of every table, with the schema revision, as plain JSON-ready data."""
    with store.engine.connect() as conn:
        tables = {}
        for table in TABLES:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [{k: _plain(v) for k, v in row._mapping.items()} for row in rows]
    return {
        "format": DUMP_FORMAT,
        "revision": current_revision(store.engine),
        "created_at": datetime.now().isoformat(),
        "tables": tables,
    }


def restore(store: Store, path: str | Path) -> dict[str, int]:
    """Replace the store's data with a backup's; return the rows restored per table."""
    source = Path(path)
    try:
        head = source.read_bytes()[:16]
    except OSError as exc:
        raise InvalidInput(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if head.startswith(SQLITE_MAGIC):
        return _restore_sqlite(store, source)
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(
            f"{source}: not a procure backup (neither a SQLite store nor a procure dump)"
        ) from None
    if not isinstance(document, dict) or document.get("format") != DUMP_FORMAT:
        raise InvalidInput(f"{source}: not a procure dump")
    return _restore_dump(store, source, document)


def _check_revision(source: Path, revision: str | None) -> None:
    if revision != HEAD_REVISION:
        raise InvalidInput(
            f"{source}: the backup is at schema {revision}, this build at "
            f"{HEAD_REVISION}; open it with the matching version of procure"
        )


def _restore_sqlite(store: Store, source: Path) -> dict[str, int]:
    if not _is_sqlite(store):
        raise InvalidInput(
            f"{source}: a SQLite backup restores into a SQLite store; for "
            "PostgreSQL make a portable dump (procure backup FILE.json)"
        )
    backup_db = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        try:
            revision = backup_db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise InvalidInput(f"{source}: a SQLite file, but not a procure store") from None
        _check_revision(source, revision[0] if revision else None)
        raw, target = _sqlite_connection(store.engine)
        try:
            backup_db.backup(target)
        finally:
            raw.close()
        counts = {
            t.name: backup_db.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
            for t in TABLES
        }
    finally:
        backup_db.close()
    store.engine.dispose()
    return counts


def _restore_dump(store: Store, source: Path, document: dict[str, Any]) -> dict[str, int]:
    _check_revision(source, document.get("revision"))
    tables = document.get("tables") or {}
    counts = {}
    with store.engine.begin() as conn:  # one transaction: all or nothing
        for table in reversed(TABLES):
            conn.execute(delete(table))
        for table in TABLES:
            rows = [{k: _typed(v) for k, v in row.items()} for row in tables.get(table.name, [])]
            if rows:
                conn.execute(insert(table), rows)
            counts[table.name] = len(rows)
        if store.engine.url.get_backend_name() == "postgresql":
            for table in TABLES:
                # Ids were restored as they were: move each sequence past the highest.
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    return counts


__all__ = ["Base", "backup", "dump", "restore"]

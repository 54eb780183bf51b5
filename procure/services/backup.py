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
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from procure.db import Store
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
                # A backup is one self-contained file: no write-ahead log beside it.
                destination.execute("PRAGMA journal_mode=DELETE")
                destination.close()
            finally:
                raw.close()
        else:
            temporary.write_text(json.dumps(dump(store), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ProcureError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        raise ProcureError(f"Cannot write {target}: {exc}.") from None
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


def _snapshot(conn: Connection) -> None:
    """Read every table in one snapshot while others keep writing."""
    if conn.dialect.name == "sqlite":
        # pysqlite starts no transaction for reads: each SELECT would see its own moment.
        conn.exec_driver_sql("BEGIN")


def dump(store: Store) -> dict[str, Any]:
    """Every row of every table, with the schema revision, as plain JSON-ready data, read in
    one repeatable-read snapshot (rows and their audit events from the same moment)."""
    engine = store.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn:
        _snapshot(conn)
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        tables = {}
        for table in TABLES:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [{k: _plain(v) for k, v in row._mapping.items()} for row in rows]
        conn.rollback()
    return {
        "format": DUMP_FORMAT,
        "revision": revision,
        "created_at": datetime.now().isoformat(),
        "tables": tables,
    }


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    safety_copy: Path | None


def restore(
    store: Store, path: str | Path, *, allow_empty: bool = False, keep_safety_copy: bool = True
) -> Restored:
    """Replace the store's data with a backup's, once the backup is checked whole.

    Nothing is replaced unless the backup is a procure store or dump at this schema, holds
    every table with valid rows, is not empty (unless allowed) and its audit trail verifies;
    the store as it was is kept first (a SQLite copy beside it, or a dump of a server's data in
    the user data folder)."""
    source = Path(path)
    try:
        head = source.read_bytes()[:16]
    except OSError as exc:
        raise InvalidInput(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if head.startswith(SQLITE_MAGIC):
        return _restore_sqlite(store, source, allow_empty, keep_safety_copy)
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(
            f"{source}: not a procure backup (neither a SQLite store nor a procure dump)"
        ) from None
    if not isinstance(document, dict) or document.get("format") != DUMP_FORMAT:
        raise InvalidInput(f"{source}: not a procure dump")
    return _restore_dump(store, source, document, allow_empty, keep_safety_copy)


def _check_revision(source: Path, revision: str | None) -> None:
    if revision != HEAD_REVISION:
        raise InvalidInput(
            f"{source}: the backup is at schema {revision}, this build at "
            f"{HEAD_REVISION}; open it with the matching version of procure"
        )


def _check_not_empty(source: Path, counts: dict[str, int], allow_empty: bool) -> None:
    if allow_empty or any(counts.get(t.name) for t in TABLES if t.name != "audit_events"):
        return
    raise InvalidInput(
        f"{source}: the backup holds no vendors, offers, needs or evaluations; restoring it "
        "would empty the store (give --allow-empty if that is what you want)"
    )


def _check_trail(source: Path, session: Session) -> bool:
    """Refuse a backup whose audit trail does not verify; return True for a backup of a
    version before the row ledger, whose rows then get their baseline."""
    from procure.services.audit import verify_session

    report = verify_session(session, remember=False)
    if report.from_before_the_ledger:
        return True
    if report.findings:
        shown = report.findings[:10]
        more = len(report.findings) - len(shown)
        raise InvalidInput(
            [f"{source}: its audit trail does not verify: {finding}" for finding in shown]
            + ([f"{source}: … and {more} more findings"] if more else [])
        )
    return False


def _write_baseline(session: Session) -> None:
    from procure.audit import write_baseline_if_needed

    write_baseline_if_needed(session)
    session.flush()


def safety_copy(store: Store) -> Path:
    """Keep the store as it is before a restore replaces it; return where."""
    stamp = f"{datetime.now():%Y%m%d-%H%M%S-%f}"
    if _is_sqlite(store):
        database = Path(store.engine.url.database or "procure.db")
        return backup(store, database.with_name(f"{database.name}.before-restore-{stamp}"))
    from procure.location import default_db_path

    folder = default_db_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProcureError(f"Cannot write the safety copy in {folder}: {exc.strerror}.") from None
    name = store.engine.url.database or "store"
    return backup(store, folder / f"before-restore-{name}-{stamp}.json")


def _short(exc: SQLAlchemyError) -> str:
    return " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]


def _restore_sqlite(
    store: Store, source: Path, allow_empty: bool, keep_safety_copy: bool
) -> Restored:
    if not _is_sqlite(store):
        raise InvalidInput(
            f"{source}: a SQLite backup restores into a SQLite store; for "
            "PostgreSQL make a portable dump (procure backup FILE.json)"
        )
    database = Path(store.engine.url.database or "procure.db")
    # Work on a private copy beside the store: the backup may sit in a read-only folder
    # (SQLite cannot open a WAL file there) and must not change while it is checked.
    copy = _temporary_beside(database, ".restore")
    try:
        try:
            shutil.copyfile(source, copy)
            log = Path(f"{source}-wal")
            if log.exists():  # changes not yet written into the file itself
                shutil.copyfile(log, f"{copy}-wal")
        except OSError as exc:
            raise InvalidInput(f"{source}: cannot be read ({exc.strerror or exc})") from None
        counts, legacy = _check_sqlite_copy(source, copy, allow_empty)
        kept = safety_copy(store) if keep_safety_copy else None
        checked = sqlite3.connect(copy)
        try:
            raw, target = _sqlite_connection(store.engine)
            try:
                checked.backup(target)
            finally:
                raw.close()
        finally:
            checked.close()
    finally:
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
    store.engine.dispose()
    if legacy:
        with store.begin() as session:
            _write_baseline(session)
    _forget_verified(store)
    return Restored(counts, kept)


def _forget_verified(store: Store) -> None:
    from procure.services.audit import forget_verified

    forget_verified(store)


def _check_sqlite_copy(source: Path, copy: Path, allow_empty: bool) -> tuple[dict[str, int], bool]:
    """Check a SQLite backup whole; return its rows per table."""
    conn = sqlite3.connect(copy)
    try:
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(f"{source}: a damaged SQLite file ({exc})") from None
        if integrity != [("ok",)]:
            detail = "; ".join(str(r[0]) for r in integrity[:3])
            raise InvalidInput(f"{source}: the SQLite file is damaged ({detail})")
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in present:
            raise InvalidInput(f"{source}: a SQLite file, but not a procure store")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        _check_revision(source, revision[0] if revision else None)
        missing = [t.name for t in TABLES if t.name not in present]
        if missing:
            raise InvalidInput(f"{source}: the backup lacks the tables {', '.join(missing)}")
        for table in TABLES:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")}
            lacking = [c.name for c in table.columns if c.name not in columns]
            if lacking:
                raise InvalidInput(
                    f"{source}: table {table.name} lacks the columns {', '.join(lacking)}"
                )
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise InvalidInput(
                f"{source}: {len(broken)} rows refer to rows that are not there "
                f"(first in table {broken[0][0]})"
            )
        counts = {
            t.name: conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES
        }
    finally:
        conn.close()
    _check_not_empty(source, counts, allow_empty)
    from procure.db import make_engine

    engine = make_engine(f"sqlite:///{copy}")
    try:
        with Session(engine) as session:
            legacy = _check_trail(source, session)
    except SQLAlchemyError as exc:
        raise InvalidInput(f"{source}: rows that cannot be read ({_short(exc)})") from None
    finally:
        engine.dispose()
    return counts, legacy


def _dump_rows(source: Path, document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The dump's rows by table, checked for shape: every table there, every row a record of
    the table's columns."""
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{source}: the dump holds no tables")
    missing = [t.name for t in TABLES if not isinstance(tables.get(t.name), list)]
    if missing:
        raise InvalidInput(f"{source}: the dump lacks the tables {', '.join(missing)}")
    problems: list[str] = []
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        names = {c.name for c in table.columns}
        typed = []
        for number, row in enumerate(tables[table.name], start=1):
            if not isinstance(row, dict) or not isinstance(row.get("id"), int):
                problems.append(f"{source}: {table.name} row {number} is not a record with an id")
                continue
            unknown = sorted(set(row) - names)
            if unknown:
                problems.append(
                    f"{source}: {table.name} row {number} has unknown columns {', '.join(unknown)}"
                )
                continue
            try:
                typed.append({k: _typed(v) for k, v in row.items()})
            except (ValueError, TypeError, ArithmeticError):
                problems.append(f"{source}: {table.name} row {number} holds an unreadable value")
        rows[table.name] = typed
        if len(problems) >= 10:
            break
    if problems:
        raise InvalidInput(problems)
    return rows


def _restore_dump(
    store: Store,
    source: Path,
    document: dict[str, Any],
    allow_empty: bool,
    keep_safety_copy: bool,
) -> Restored:
    _check_revision(source, document.get("revision"))
    rows = _dump_rows(source, document)
    counts = {name: len(table_rows) for name, table_rows in rows.items()}
    _check_not_empty(source, counts, allow_empty)
    kept = safety_copy(store) if keep_safety_copy else None
    try:
        with store.engine.begin() as conn:  # one transaction: all or nothing
            for table in reversed(TABLES):
                conn.execute(delete(table))
            for table in TABLES:
                if rows[table.name]:
                    conn.execute(insert(table), rows[table.name])
            if store.engine.url.get_backend_name() == "postgresql":
                for table in TABLES:
                    # Ids were restored as they were: move each sequence past the highest.
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
            # The rows as the store now holds them, before they are committed: their trail
            # must verify, or the transaction is rolled back and the store stays as it was.
            with Session(bind=conn) as session:
                if _check_trail(source, session):
                    _write_baseline(session)
    except SQLAlchemyError as exc:
        raise InvalidInput(
            f"{source}: the backup's rows do not fit the store ({_short(exc)}); the store was "
            "left as it was"
        ) from None
    _forget_verified(store)
    return Restored(counts, kept)


def backup_before_migration(engine: Engine, revision: str) -> Path | None:
    """Keep the store as it was before a migration: a copy of a SQLite file beside it, or a
    portable dump of a server's data in the user data folder."""
    from procure.db import copy_sqlite_file

    if engine.url.get_backend_name() == "sqlite":
        return copy_sqlite_file(engine, revision)
    from procure.location import default_db_path

    folder = default_db_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{engine.url.database or 'store'}-{revision}-{datetime.now():%Y%m%d-%H%M%S}.json"
    target = folder / f"before-migration-{name}"
    store = Store(str(engine.url), engine)
    target.write_text(json.dumps(dump(store), ensure_ascii=False), encoding="utf-8")
    return target


__all__ = [
    "Base",
    "Restored",
    "backup",
    "backup_before_migration",
    "dump",
    "restore",
    "safety_copy",
]

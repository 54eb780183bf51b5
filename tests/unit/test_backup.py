"""Backup and restore: SQLite online copies and portable dumps, on both back ends."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from procure.errors import InvalidInput
from procure.paths import RESOURCES
from procure.services.backup import backup, restore
from procure.services.imports import ImportOptions, import_offers

pytestmark = pytest.mark.both_backends
ROOT = Path(__file__).resolve().parents[2]


def counts(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("vendors", "offers", "needs", "evaluations", "audit_events")
        }


def test_portable_dump_round_trip_restores_every_row(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = counts(store)
    path = backup(store, tmp_path / "backup.json")
    import_offers(
        store.session_factory,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="Later vendor"),
    )
    assert counts(store) != before
    restored = restore(store, path)
    assert counts(store) == before
    assert restored["offers"] == before["offers"]
    # Ids continue after the restored ones (PostgreSQL sequences moved past them).
    import_offers(
        store.session_factory,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="After restore"),
    )
    assert counts(store)["offers"] == before["offers"] + 3
    from procure.services.audit import verify

    assert verify(store.session_factory).intact


def test_sqlite_online_backup_and_restore(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if store.engine.url.get_backend_name() != "sqlite":
        with pytest.raises(InvalidInput, match="SQLite backup restores into a SQLite store"):
            sqlite_copy = tmp_path / "other.db"
            sqlite_copy.write_bytes(b"SQLite format 3\x00" + bytes(100))
            restore(store, sqlite_copy)
        return
    before = counts(store)
    path = backup(store, tmp_path / "copy.db")
    assert path.read_bytes().startswith(b"SQLite format 3")
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events"))
    restore(store, path)
    assert counts(store) == before


def test_restore_refuses_what_is_not_a_backup(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = counts(store)
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a procure dump"):
        restore(store, junk)
    future = tmp_path / "future.json"
    future.write_text(
        '{"format": "procure-dump", "revision": "9999", "tables": {}}', encoding="utf-8"
    )
    with pytest.raises(InvalidInput, match="schema 9999"):
        restore(store, future)
    assert counts(store) == before
    with pytest.raises(InvalidInput, match="already exists"):
        backup(store, junk)


def test_cli_backup_and_restore(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def procure(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", store.url, *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    target = tmp_path / "cli-backup.json"
    made = procure("backup", str(target))
    assert made.returncode == 0 and target.exists(), made.stderr
    back = procure("restore", str(target))
    assert back.returncode == 0, back.stderr
    assert "Restored" in back.stdout and "offers" in back.stdout


def test_the_store_is_kept_before_a_migration(store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from procure.db import _backup_before_migration

    monkeypatch.setattr("procure.location.default_db_path", lambda: tmp_path / "procure.db")
    kept = _backup_before_migration(store.engine, "0001")
    assert kept is not None and kept.exists()
    if store.engine.url.get_backend_name() == "sqlite":
        assert kept.name.endswith(".bak-0001")
        assert kept.read_bytes().startswith(b"SQLite format 3")
    else:
        document = json.loads(kept.read_text(encoding="utf-8"))
        assert document["format"] == "procure-dump" and document["tables"]["offers"]

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


@pytest.fixture(autouse=True)
def _data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety copies of a server's data go to the user data folder: a tmp one here."""
    monkeypatch.setattr("procure.location.default_db_path", lambda: tmp_path / "data" / "x.db")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


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
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="Later vendor"),
    )
    assert counts(store) != before
    restored = restore(store, path)
    assert counts(store) == before
    assert restored.counts["offers"] == before["offers"]
    assert restored.safety_copy is not None and restored.safety_copy.exists()
    # Ids continue after the restored ones (PostgreSQL sequences moved past them).
    import_offers(
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="After restore"),
    )
    assert counts(store)["offers"] == before["offers"] + 3
    from procure.services.audit import verify

    assert verify(store).intact


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

    from procure.services.backup import backup_before_migration

    monkeypatch.setattr("procure.location.default_db_path", lambda: tmp_path / "procure.db")
    kept = backup_before_migration(store.engine, "0001")
    assert kept is not None and kept.exists()
    if store.engine.url.get_backend_name() == "sqlite":
        assert kept.name.endswith(".bak-0001")
        assert kept.read_bytes().startswith(b"SQLite format 3")
    else:
        document = json.loads(kept.read_text(encoding="utf-8"))
        assert document["format"] == "procure-dump" and document["tables"]["offers"]


# --- Crafted bad backups: each refused, the store unchanged ---------------------------------


def _dump_document(store) -> dict:  # type: ignore[no-untyped-def, type-arg]
    from procure.services.backup import dump

    return dump(store)


def _write_json(path: Path, document: object) -> Path:
    import json

    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _refused(store, path: Path, match: str, **options: bool) -> None:  # type: ignore[no-untyped-def]
    before = counts(store)
    with pytest.raises(InvalidInput, match=match):
        restore(store, path, **options)
    assert counts(store) == before


def test_a_dump_with_no_tables_or_a_missing_table_is_refused(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = _dump_document(store)
    _refused(
        store, _write_json(tmp_path / "none.json", {**document, "tables": {}}), "lacks the tables"
    )
    partial = {**document, "tables": {k: v for k, v in document["tables"].items() if k != "offers"}}
    _refused(store, _write_json(tmp_path / "partial.json", partial), "lacks the tables offers")


def test_an_empty_dump_needs_allow_empty(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = _dump_document(store)
    empty = {**document, "tables": {name: [] for name in document["tables"]}}
    path = _write_json(tmp_path / "empty.json", empty)
    _refused(store, path, "would empty the store")
    restore(store, path, allow_empty=True)
    assert counts(store) == dict.fromkeys(counts(store), 0)


def test_a_dump_whose_rows_break_a_constraint_is_refused_in_one_line(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = _dump_document(store)
    vendors = document["tables"]["vendors"]
    vendors.append({**vendors[0], "id": 10_000})  # the same name twice
    path = _write_json(tmp_path / "duplicate.json", document)
    before = counts(store)
    with pytest.raises(InvalidInput) as caught:
        restore(store, path)
    assert len(caught.value.problems) == 1 and len(caught.value.problems[0]) < 400
    assert "do not fit the store" in caught.value.problems[0]
    assert counts(store) == before


def test_a_dump_whose_trail_does_not_verify_is_refused(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = _dump_document(store)
    document["tables"]["offers"][0]["model"] = "Edited in the file"
    _refused(store, _write_json(tmp_path / "edited.json", document), "audit trail does not verify")
    unknown = _dump_document(store)
    unknown["tables"]["offers"][0]["discount"] = 5
    _refused(store, _write_json(tmp_path / "unknown.json", unknown), "unknown columns discount")


def _sqlite_backup(store, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    if store.engine.url.get_backend_name() != "sqlite":
        pytest.skip("SQLite backups restore into SQLite stores")
    return backup(store, tmp_path / name)


def test_crafted_sqlite_backups_are_refused(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3
    from contextlib import closing

    _sqlite_backup(store, tmp_path, "first.db")  # skips on PostgreSQL
    no_tables = tmp_path / "no-tables.db"
    with closing(sqlite3.connect(no_tables)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    _refused(store, no_tables, "not a procure store")

    missing = _sqlite_backup(store, tmp_path, "missing.db")
    with closing(sqlite3.connect(missing)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TABLE audit_events")
    _refused(store, missing, "lacks the tables audit_events")

    damaged = _sqlite_backup(store, tmp_path, "damaged.db")
    data = bytearray(damaged.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 8 : offset + 200] = bytes(192)  # clobber page headers and cells
    damaged.write_bytes(bytes(data))
    _refused(store, damaged, "damaged")

    edited = _sqlite_backup(store, tmp_path, "edited.db")
    with closing(sqlite3.connect(edited)) as conn, conn:
        conn.execute("UPDATE offers SET unit_price = 1 WHERE id = 1")
    _refused(store, edited, "audit trail does not verify")

    empty = _sqlite_backup(store, tmp_path, "empty.db")
    with closing(sqlite3.connect(empty)) as conn, conn:
        for table in ("audit_events", "evaluations", "offers", "needs", "vendors"):
            conn.execute(f"DELETE FROM {table}")
    _refused(store, empty, "would empty the store")


def test_a_backup_in_a_read_only_folder_restores(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "read-only"
    folder.mkdir()
    name = "copy.db" if store.engine.url.get_backend_name() == "sqlite" else "copy.json"
    path = backup(store, folder / name)
    before = counts(store)
    import_offers(
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="Later vendor"),
    )
    folder.chmod(0o555)
    try:
        restored = restore(store, path)
    finally:
        folder.chmod(0o755)
    assert counts(store) == before and restored.counts["offers"] == before["offers"]
    assert sorted(p.name for p in folder.iterdir()) == [name]  # nothing left beside it


def test_dumps_taken_while_others_import_are_each_one_moment(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each dump's rows and audit events come from one snapshot: restored into a scratch
    store, its trail verifies (before, 12 of 12 dumps held events for offers they lacked)."""
    import threading

    from procure.services.store import open_store

    stop = threading.Event()
    failures: list[BaseException] = []

    def keep_importing() -> None:
        n = 0
        while not stop.is_set():
            try:
                import_offers(
                    store,
                    RESOURCES / "samples" / "belaz_dumpers_offer.csv",
                    ImportOptions(vendor=f"Busy vendor {n}"),
                )
            except BaseException as exc:  # pragma: no cover - reported below
                failures.append(exc)
                return
            n += 1

    writer = threading.Thread(target=keep_importing)
    writer.start()
    try:
        dumps = [backup(store, tmp_path / f"busy-{i}.json") for i in range(6)]
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not failures
    for i, path in enumerate(dumps):
        scratch = open_store(tmp_path / f"scratch-{i}.db", seed=False)
        try:
            restore(scratch, path, keep_safety_copy=False)  # refuses a trail that does not verify
        finally:
            scratch.engine.dispose()


def test_a_backup_from_before_the_row_ledger_restores_with_its_baseline(
    store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from procure.services.audit import verify
    from tests.unit.test_audit import _make_legacy

    before = counts(store)
    _make_legacy(store)
    suffix = ".db" if store.engine.url.get_backend_name() == "sqlite" else ".json"
    path = backup(store, tmp_path / f"old-version{suffix}")
    import_offers(
        store,
        RESOURCES / "samples" / "belaz_dumpers_offer.csv",
        ImportOptions(vendor="Later vendor"),
    )
    restore(store, path)
    after = counts(store)
    assert {k: v for k, v in after.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }
    assert after["audit_events"] == 2  # the old version's event and the baseline
    report = verify(store)
    assert report.intact, report.findings

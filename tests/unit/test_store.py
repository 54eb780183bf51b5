"""The store: models agree with the data dictionary and with the migrations."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import procure.migrations
from procure.db import _alembic_config, make_engine, resolve_url, upgrade_to_head
from procure.errors import StoreError
from procure.fields import FIELDS
from procure.models import Base, Offer
from procure.services.backup import backup_before_migration
from procure.services.store import open_store


def test_offer_columns_follow_the_data_dictionary() -> None:
    columns = set(Offer.__table__.columns.keys())
    assert {f.key for f in FIELDS} <= columns
    for field in FIELDS:
        column = Offer.__table__.columns[field.key]
        kind = column.type.python_type.__name__
        expected = {"money": "Decimal", "text": "str"}.get(field.kind, "float")
        assert kind == expected, field.key


def test_migrations_match_the_models(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_head_constant_matches_the_migration_scripts(store) -> None:  # type: ignore[no-untyped-def]
    script = ScriptDirectory.from_config(_alembic_config(store.engine))
    assert script.get_current_head() == procure.migrations.HEAD_REVISION
    revisions = [r.revision for r in script.walk_revisions()]
    assert sorted(revisions) == sorted(procure.migrations.KNOWN_REVISIONS)


def test_new_store_is_created_with_wal_and_foreign_keys(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        tables = set(inspect(conn).get_table_names())
    assert {"offers", "vendors", "needs", "evaluations", "audit_events"} <= tables


def test_reopening_does_not_seed_twice(new_db_path: Path) -> None:
    db_path = new_db_path  # the first open creates and seeds the store
    first = open_store(db_path)
    with first.engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM offers")).scalar()
    first.engine.dispose()
    second = open_store(db_path)
    with second.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM offers")).scalar() == count
    second.engine.dispose()


def test_store_from_a_newer_version_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine = make_engine(store.url)
    with pytest.raises(StoreError, match="newer version of procure"):
        upgrade_to_head(engine, backup=backup_before_migration)
    engine.dispose()


@pytest.mark.parametrize("bad", ["folder", "missing-folder"])
def test_unusable_store_paths_are_refused_with_a_sentence(tmp_path: Path, bad: str) -> None:
    path = tmp_path if bad == "folder" else tmp_path / "nope" / "x.db"
    with pytest.raises(StoreError) as info:
        resolve_url(path)
    assert str(path) in str(info.value)


def test_start_up_snapshot_reads_the_same_rows_as_the_orm(store, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from procure.services.needs import list_needs
    from procure.services.offers import list_offers
    from procure.snapshot import read_snapshot

    snapshot = read_snapshot(db_path)
    assert snapshot is not None
    assert snapshot.offers == list_offers(store)
    assert snapshot.needs == list_needs(store)


def test_snapshot_declines_stores_it_cannot_read_safely(
    store, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from procure.snapshot import read_snapshot

    assert read_snapshot(tmp_path / "absent.db") is None
    assert read_snapshot(None) is None
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    assert read_snapshot(db_path) is None

"""Every released schema upgrades to the current one with its rows intact."""

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from procure.db import _alembic_config, current_revision, make_engine, resolve_url
from procure.migrations import HEAD_REVISION, KNOWN_REVISIONS
from procure.services.store import open_store

# Rows written with plain SQL, as the first released schema (0001) stores them.
ROWS_0001 = [
    "INSERT INTO vendors (id, name, created_at) VALUES (1, 'Old vendor', '2026-01-01 00:00:00')",
    "INSERT INTO offers (id, vendor_id, model, category, is_sample, unit_price, currency, "
    "payload_t, extras, imported_at, updated_at, version_id) VALUES (1, 1, 'Old model', "
    "'dumper', 0, 1000000, 'USD', 90, '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
]


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_store_of_each_released_schema_upgrades_with_rows_intact(
    tmp_path: Path, revision: str
) -> None:
    db = tmp_path / f"store-{revision}.db"
    engine = make_engine(resolve_url(db))
    command.upgrade(_alembic_config(engine), revision)
    with engine.begin() as conn:
        for statement in ROWS_0001:
            conn.execute(text(statement))
    engine.dispose()
    store = open_store(db)  # migrates to head; does not seed an existing store
    assert current_revision(store.engine) == HEAD_REVISION
    with store.engine.connect() as conn:
        offers = conn.execute(text("SELECT model, payload_t, unit_price FROM offers")).all()
        assert [(m, p, float(u)) for m, p, u in offers] == [("Old model", 90.0, 1_000_000.0)]
        assert conn.execute(text("SELECT name FROM vendors")).scalars().all() == ["Old vendor"]
    store.engine.dispose()
    if revision != HEAD_REVISION:
        assert (tmp_path / f"{db.name}.bak-{revision}").exists()

"""Races that wait: processes that create the same rows at the same moment all succeed, and
the store ends as if they had run one after the other (SQLite and PostgreSQL)."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from procure.services.audit import verify
from procure.services.store import open_store
from tests.unit.test_concurrency import offer_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a store that does not exist yet (an empty database)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'race.db'}"
        return
    from tests.conftest import _create_postgres_database, _drop_postgres_database

    url, name = _create_postgres_database()
    yield url
    _drop_postgres_database(name)


def _procure(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(runs: list[subprocess.Popen[str]]) -> None:
    outcomes = [run.communicate(timeout=180) for run in runs]
    for run, (_, err) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, err
        assert "unexpected error" not in err


def _scalar(url: str, query: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


def test_first_starts_at_once_all_succeed_and_seed_once(empty_url: str) -> None:
    _finish([_procure(empty_url, "offers") for _ in range(3)])
    vendors = _scalar(empty_url, "SELECT count(*) FROM vendors")
    distinct = _scalar(empty_url, "SELECT count(DISTINCT name) FROM vendors")
    assert vendors == distinct > 0
    assert _scalar(empty_url, "SELECT count(*) FROM evaluations") == 1
    store = open_store(empty_url)
    try:
        report = verify(store)
        assert report.intact, report.findings
    finally:
        store.engine.dispose()


def test_imports_of_one_vendor_at_once_all_succeed(empty_url: str, tmp_path: Path) -> None:
    store = open_store(empty_url)
    before = _scalar(empty_url, "SELECT count(*) FROM offers")
    first = offer_file(tmp_path / "first.xlsx", "R1", 300)
    second = offer_file(tmp_path / "second.xlsx", "R2", 300)
    # Two files of one new vendor, and the first file once more: the repeat finds its
    # offers there (unchanged) instead of adding them twice.
    runs = [
        _procure(empty_url, "import", str(path), "--vendor", "Race Vendor")
        for path in (first, second, first)
    ]
    _finish(runs)
    assert _scalar(empty_url, "SELECT count(*) FROM offers") == before + 600
    assert _scalar(empty_url, "SELECT count(*) FROM vendors WHERE name = 'Race Vendor'") == 1
    duplicates = _scalar(
        empty_url,
        "SELECT count(*) FROM (SELECT vendor_id, model FROM offers "
        "GROUP BY vendor_id, model HAVING count(*) > 1) d",
    )
    assert duplicates == 0
    try:
        report = verify(store)
        assert report.intact, report.findings
    finally:
        store.engine.dispose()


def test_first_uses_of_the_installation_key_at_once_agree(tmp_path: Path) -> None:
    """Processes that find no key and create one at the same moment end with the same key."""
    import os

    script = (
        "from procure.audit_key import installation_key; import sys; "
        "sys.stdout.write(installation_key()[0])"
    )
    env = {**os.environ, "PROCURE_CONFIG_DIR": str(tmp_path / "fresh-config")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    ids = {run.communicate(timeout=60)[0] for run in runs}
    assert len(ids) == 1 and len(ids.pop()) == 16
    assert [p.name for p in (tmp_path / "fresh-config").iterdir()] == ["audit.key"]


def test_a_killed_restore_leaves_the_old_store_or_the_new_one(tmp_path: Path) -> None:
    import random
    import signal
    import sqlite3
    import time

    db = tmp_path / "restore.db"
    store = open_store(db)
    backup_file = tmp_path / "before.db"
    from procure.services.backup import backup

    backup(store, backup_file)
    offer_file(tmp_path / "more.xlsx", "K", 2_000)
    _finish([_procure(str(db), "import", str(tmp_path / "more.xlsx"), "--vendor", "Kill")])
    old = _scalar(f"sqlite:///{db}", "SELECT count(*) FROM offers")
    new = _scalar(f"sqlite:///{backup_file}", "SELECT count(*) FROM offers")
    rng = random.Random(5)
    for _ in range(4):
        run = _procure(str(db), "restore", str(backup_file))
        time.sleep(rng.uniform(0.3, 1.5))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT count(*) FROM offers").fetchone()[0] in (old, new)
        report = verify(store)
        assert report.intact, report.findings
    store.engine.dispose()

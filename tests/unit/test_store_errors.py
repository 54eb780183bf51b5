"""The error contract at the store's edge: one line and exit 1, never a hang, a traceback or a
change to somebody else's file."""

import hashlib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest

from procure.cli import run
from procure.services.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A server on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for conn in accepted:
        conn.close()
    listener.close()


def test_a_server_that_never_answers_is_given_up_in_seconds(silent_server: int) -> None:
    url = f"postgresql+psycopg://procure@127.0.0.1:{silent_server}/committee"
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", url, "offers"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 1
    assert elapsed < 20, elapsed
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{silent_server}" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_applications_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    foreign = tmp_path / "contacts.sqlite"
    with closing(sqlite3.connect(foreign)) as conn, conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ali', '0300')")
    before = _digest(foreign)
    err = StringIO()
    assert run(["--db", str(foreign), "offers"], out=StringIO(), err=err) == 1
    assert "not a procure store" in err.getvalue() and "contacts" in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 1
    assert _digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite"]  # no -wal, -shm


def test_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's page limit makes the store 'full' exactly as a full disk does."""
    from sqlalchemy import event

    import procure.db

    db = tmp_path / "full.db"
    open_store(db).engine.dispose()
    make_engine = procure.db.make_engine

    def full_engine(url: str):  # type: ignore[no-untyped-def]
        engine = make_engine(url)

        @event.listens_for(engine, "connect")
        def _no_room(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(procure.db, "make_engine", full_engine)
    big = tmp_path / "big.xlsx"
    from tests.unit.test_concurrency import offer_file

    offer_file(big, "F", 3_000)
    err = StringIO()
    code = run(["--db", str(db), "import", str(big), "--vendor", "Full"], out=StringIO(), err=err)
    assert code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "the store is full" in lines[0], err.getvalue()
    assert len(lines[0]) < 400
    assert "INSERT" not in lines[0]


@pytest.mark.both_backends
def test_a_name_too_long_for_the_store_is_refused_alike_on_both(store) -> None:  # type: ignore[no-untyped-def]
    """SQLite kept a 10,000-character vendor name (and the PDF broke later); PostgreSQL failed
    with a raw DataError. Both now refuse it before writing, with the same sentence."""
    from procure.errors import InvalidInput
    from procure.paths import RESOURCES
    from procure.services.imports import ImportOptions, import_offers

    with pytest.raises(InvalidInput) as caught:
        import_offers(
            store,
            RESOURCES / "samples" / "belaz_dumpers_offer.csv",
            ImportOptions(vendor="V" * 10_000),
        )
    assert any("10,000 characters long; at most 200" in p for p in caught.value.problems)

"""Several processes on one store: writers wait instead of failing, a killed process leaves
the store exactly as before its operation."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from procure.services.store import open_store

pytestmark = pytest.mark.slow  # whole processes racing and killed at random points

ROOT = Path(__file__).resolve().parents[2]


def offer_file(path: Path, vendor_tag: str, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Offer")
    sheet.append(["Model", "Category", "Payload (t)", "Engine power (kW)", "Price", "Currency"])
    for i in range(rows):
        sheet.append(
            [f"{vendor_tag}-{i:05d}", "dumper", 50 + i % 100, 500 + i % 300, 100_000 + i, "USD"]
        )
    book.save(path)
    return path


def procure(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def offer_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM offers").fetchone()[0]


def test_two_processes_importing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    open_store(db).engine.dispose()
    before = offer_count(db)
    files = [offer_file(tmp_path / f"{tag}.xlsx", tag, 2_000) for tag in ("A", "B")]
    runs = [procure(db, "import", str(f), "--vendor", f"Vendor {f.stem}") for f in files]
    outcomes = [run.communicate(timeout=120) for run in runs]
    for run, (_, err) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, err
        assert "locked" not in err
    assert offer_count(db) == before + 4_000


def test_a_killed_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    open_store(db).engine.dispose()
    before = offer_count(db)
    big = offer_file(tmp_path / "big.xlsx", "K", 5_000)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(5):
        run = procure(db, "import", str(big), "--vendor", "Crash vendor")
        time.sleep(rng.uniform(0.3, 1.2))  # somewhere in start-up, reading or writing
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)  # reap it and close its pipes
        count = offer_count(db)
        # All or nothing: either the whole file is in, or none of it.
        assert count in (before, before + 5_000), count
        outcomes.add(count)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    verify = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stderr
    assert os.path.exists(db)


def test_a_killed_evaluation_save_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "crash-eval.db"
    open_store(db).engine.dispose()
    rng = random.Random(11)
    for _ in range(5):
        with sqlite3.connect(db) as conn:
            before = conn.execute("SELECT count(*) FROM evaluations").fetchone()[0]
        run = procure(
            db, "evaluate", "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
        )
        time.sleep(rng.uniform(0.2, 0.9))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        with sqlite3.connect(db) as conn:
            after = conn.execute("SELECT count(*) FROM evaluations").fetchone()[0]
            events = conn.execute(
                "SELECT count(*) FROM audit_events WHERE action = 'evaluation.created'"
            ).fetchone()[0]
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert after in (before, before + 1)
        assert events == after  # an evaluation is never stored without its audit event
    verify = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "audit", "verify"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stderr

"""Soak: 4 processes × 500 mixed operations (imports, evaluations, committee scores with
stale-edit refusals, reads) on one store; then count rows and check integrity.

python -m bench soak            (a SQLite file)
PROCURE_SOAK_DB=postgresql+psycopg://... python -m bench soak
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROCESSES, OPERATIONS = 4, int(os.environ.get("PROCURE_SOAK_OPERATIONS", "500"))


def run_soak(_runs: int, _report: Callable[..., None]) -> None:
    from sqlalchemy import text

    from procure.services.audit import verify
    from procure.services.store import open_store

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        db = os.environ.get("PROCURE_SOAK_DB") or str(Path(folder) / "soak.db")
        store = open_store(db)
        with store.engine.connect() as conn:
            offers_before = conn.execute(text("SELECT count(*) FROM offers")).scalar() or 0
        start = time.perf_counter()
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "bench.soak_worker", db, str(i), str(OPERATIONS)],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(PROCESSES)
        ]
        results = []
        for worker in workers:
            out, err = worker.communicate()
            if worker.returncode != 0:
                raise SystemExit(f"soak worker failed: {err[-2000:]}")
            results.append(json.loads(out.strip().splitlines()[-1]))
        elapsed = time.perf_counter() - start
        with store.engine.connect() as conn:
            offers_after = conn.execute(text("SELECT count(*) FROM offers")).scalar() or 0
            duplicates = conn.execute(
                text(
                    "SELECT count(*) FROM (SELECT vendor_id, model FROM offers GROUP BY vendor_id, "
                    "model HAVING count(*) > 1) d"
                )
            ).scalar()
        report = verify(store)
        store.engine.dispose()
    imported = sum(r["imported_rows"] for r in results)
    operations = PROCESSES * OPERATIONS
    print(
        f"soak: {PROCESSES} processes × {OPERATIONS} operations in {elapsed:.1f} s "
        f"({operations / elapsed:.0f} operations/s); imports "
        f"{sum(r['imports'] for r in results)}, "
        f"evaluations {sum(r['evaluations'] for r in results)}, scores "
        f"{sum(r['scores'] for r in results)}, stale edits refused "
        f"{sum(r['stale'] for r in results)}, reads {sum(r['reads'] for r in results)}, "
        f"errors {sum(len(r['errors']) for r in results)}"
    )
    lost = offers_before + imported - offers_after
    print(
        f"rows: {imported} imported, {offers_after - offers_before} stored, lost {lost}, "
        f"duplicated {duplicates}; audit chain {'intact' if report.broken is None else 'BROKEN'}"
        f" over {report.events} events; {report.rows} rows checked against the trail, "
        f"{len(report.findings)} findings"
    )
    for finding in report.findings[:5]:
        print(f"  finding: {finding}")

"""`procure import` writes a file's offers a thousand at a time while its child reads on
(procure.importing.isolated, procure.services.imports._RunWriter): a problem found after
some runs were written must still leave the store as it was, and a file read in full must
come in whole, with its audit ledger intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.corpus import ROOT, stored_offers

HEADER = "Model,Payload (t),Engine power (kW),Unit price (USD)\n"


def run_procure(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh process, with this session's audit key (its environment)."""
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _csv(path: Path, rows: int, bad_row: int | None = None) -> Path:
    lines = [
        f"MZKT-{i:05d},{20 + i % 9},{300 + i % 50},"
        + ("two hundred" if i == bad_row else f"{90000 + i}")
        + "\n"
        for i in range(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_a_problem_after_three_thousand_rows_leaves_nothing_written(
    tmp_path: Path, db_path: Path
) -> None:
    before = stored_offers(db_path)
    path = _csv(tmp_path / "late.csv", 3_500, bad_row=3_200)
    args = ("import", str(path), "--vendor", "MZKT Trading", "--category", "truck")
    refused = run_procure(db_path, *args)
    assert refused.returncode == 2, refused.stderr
    # Row 3,202 of the file: the header is row 1, MZKT-00000 row 2.
    assert "row 3202" in refused.stderr and "'two hundred' is not a price" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert stored_offers(db_path) == before
    assert run_procure(db_path, "audit", "verify").returncode == 0


def test_a_file_of_several_runs_comes_in_whole(tmp_path: Path, db_path: Path) -> None:
    before = len(stored_offers(db_path))
    path = _csv(tmp_path / "many.csv", 2_345)
    args = ("import", str(path), "--vendor", "MZKT Trading", "--category", "truck")
    result = run_procure(db_path, *args)
    assert result.returncode == 0, result.stderr
    assert "Added 2345, updated 0, unchanged 0" in result.stdout
    offers = stored_offers(db_path)
    assert len(offers) == before + 2_345
    assert ("MZKT Trading", "MZKT-02344", "truck") in offers
    verified = run_procure(db_path, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # The second time the store holds the mapping remembered for the vendor: the child reads
    # the file again with it, and every offer is found unchanged.
    again = run_procure(db_path, *args)
    assert "Added 0, updated 0, unchanged 2345" in again.stdout, again.stderr

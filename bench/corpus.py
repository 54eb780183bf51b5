"""Read every file of the vendor corpus (tests/corpus/vendors.py).

Correctness: each file once through the command line (`procure import --dry-run --json`),
every value compared with the hand-worked expectation; a faster reader that reads a file
wrong is no gain. Speed: the whole corpus read by procure's reader (find the table, map the
columns, read every value), against merely reading the same cells with python-calamine (or
the csv module for text files), both in this one process, after a warm-up read.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.corpus.generate import Case


def _bare_read(path: Path) -> int:
    """Read every cell of a file with no understanding of it: the baseline."""
    raw = path.read_bytes()
    if raw.startswith((b"PK", b"\xd0\xcf")):
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        return sum(len(book.get_sheet_by_name(s).to_python()) for s in book.sheet_names)
    encoding = "utf-16" if raw.startswith(b"\xff\xfe") else "utf-8"
    text = raw.decode(encoding, errors="replace")
    return sum(1 for _ in csv.reader(text.splitlines()))


def _correct(files: list[tuple[Case, Path]], db: Path, root: Path) -> int:
    from tests.unit.test_import_corpus import _differences

    right = 0
    for case, path in files:
        command = [sys.executable, str(root / "main.py"), "--db", str(db), "import", str(path)]
        result = subprocess.run(
            [*command, *case.options, "--dry-run", "--json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        if result.returncode == 0:
            right += not _differences(case, json.loads(result.stdout), path.name)
    return right


def run_corpus(runs: int, report: Callable[[str, list[float], list[float], str], None]) -> None:
    from procure.importing.reader import ImportOptions, read_offers
    from tests.corpus.vendors import ALL_VENDOR_CASES

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        files = [(case, case.build(Path(folder))) for case in ALL_VENDOR_CASES]
        db = Path(folder) / "bench.db"
        subprocess.run(
            [sys.executable, str(root / "main.py"), "--db", str(db), "needs"],
            check=True,
            capture_output=True,
        )
        right = _correct(files, db, root)
        options = [ImportOptions(vendor=c.options[1], category=c.options[3]) for c, _ in files]
        for (_, path), option in zip(files, options, strict=True):  # warm up both readers
            _bare_read(path)
            read_offers(path, option)
        ours, base = [], []
        for _ in range(runs):
            start = time.perf_counter()
            for _, path in files:
                _bare_read(path)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            for (_, path), option in zip(files, options, strict=True):
                read_offers(path, option)
            ours.append(time.perf_counter() - start)
    print(f"corpus: {right} of {len(files)} files read exactly as worked out by hand")
    report(
        f"reading the corpus of {len(files)} vendor files (vs a bare calamine/csv read)",
        ours,
        base,
        "— (measured, no target yet)",
    )


if __name__ == "__main__":
    from bench.__main__ import report

    run_corpus(3, report)

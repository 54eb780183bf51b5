"""Import a 5,000-row, 30-column vendor workbook, as a whole process, against openpyxl's
read-only mode merely iterating the same file (also a whole process), in the same run."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROWS, COLUMNS = 5_000, 30
HEADERS = [
    "Model",
    "Category",
    "Payload (t)",
    "Body volume (m3)",
    "GVW (t)",
    "Engine power (hp)",
    "Emission standard",
    "Max speed (km/h)",
    "Gradeability (%)",
    "Fuel consumption (L/h)",
    "Operating weight (t)",
    "Length (m)",
    "Price",
    "Currency",
    "Incoterms",
    "Delivery (weeks)",
    "Warranty (months)",
    "Warranty (hours)",
    "Max ambient temperature (°C)",
    "Service points",
    "Spare parts lead time (days)",
    "Local content (%)",
] + [f"Option {i}" for i in range(COLUMNS - 22)]


def write_workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Offer")
    sheet.append(["Bench Trading (Pvt) Ltd — price list"])
    sheet.append([])
    sheet.append(HEADERS)
    for i in range(ROWS):
        sheet.append(
            [
                f"BelAZ-bench-{i:05d}",
                "dumper",
                30 + i % 400,
                20 + i % 100,
                60 + i % 500,
                400 + i % 3000,
                "Tier 2",
                40 + i % 30,
                10 + i % 20,
                50 + i % 300,
                25 + i % 300,
                8 + i % 10,
                f"{500_000 + i * 10:,}",
                "USD",
                "CFR Karachi",
                10 + i % 40,
                12 + i % 24,
                5000 + i % 5000,
                45 + i % 6,
                i % 5,
                7 + i % 60,
                i % 30,
                *[f"option {i % 7}" for _ in range(COLUMNS - 22)],
            ]
        )
    book.save(path)


BASELINE = (
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
    "n = sum(1 for _ in book.active.iter_rows(values_only=True))\n"
    "assert n > 5000\n"
)


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result.stderr}")
    return elapsed


def run_import(runs: int, report: Callable[[str, list[float], list[float], str], None]) -> None:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "offers.xlsx"
        write_workbook(book)
        ours, base = [], []
        for run in range(runs):
            db = Path(folder) / f"bench{run}.db"
            # Create, migrate and seed the store first: not part of an import.
            subprocess.run(
                [sys.executable, str(root / "main.py"), "--db", str(db), "needs"],
                check=True,
                capture_output=True,
            )
            base.append(_time([sys.executable, "-c", BASELINE, str(book)]))
            ours.append(
                _time(
                    [
                        sys.executable,
                        str(root / "main.py"),
                        "--db",
                        str(db),
                        "import",
                        str(book),
                        "--vendor",
                        "Bench Trading",
                    ]
                )
            )
    report(
        f"import {ROWS} rows × {COLUMNS} columns (whole process vs openpyxl read-only iterating)",
        ours,
        base,
        "≤ 0.5",
    )


if __name__ == "__main__":
    from bench.__main__ import report

    run_import(3, report)

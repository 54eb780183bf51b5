"""Run the benchmarks: python -m bench [scenario ...]."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed_process(args: list[str]) -> float:
    """Return seconds from spawning a child to the 'painted <time>' line it prints
    (or to its exit when it prints none)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    end = time.time()
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed ({result.returncode}): {result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("painted "):
            end = float(line.split()[1])
    return end - start


def report(name: str, ours: list[float], baseline: list[float], target: str) -> None:
    mine, base = statistics.median(ours), statistics.median(baseline)
    print(
        f"{name}: procure {mine:.3f} s, baseline {base:.3f} s, ratio {mine / base:.2f} "
        f"(median of {len(ours)}; target {target})"
    )


def bench_startup(runs: int) -> None:
    """Process start to main window with catalogue rows painted, against a bare window."""
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        _timed_process(["-m", "bench.startup_child", "app", db])  # create, migrate and seed
        ours, bare = [], []
        for _ in range(runs):
            bare.append(_timed_process(["-m", "bench.startup_child", "bare"]))
            ours.append(_timed_process(["-m", "bench.startup_child", "app", db]))
    report("startup", ours, bare, "≤ 2.0, aim 1.5")


def bench_catalogue(runs: int) -> None:
    from bench.catalogue import run_catalogue

    run_catalogue(runs, report)


def bench_import(runs: int) -> None:
    from bench.imports import run_import

    run_import(runs, report)


def bench_corpus(runs: int) -> None:
    from bench.corpus import run_corpus

    run_corpus(runs, report)


def bench_evaluation(runs: int) -> None:
    from bench.evaluation import run_evaluation

    run_evaluation(runs, report)


def bench_workspace(runs: int) -> None:
    from bench.workspace import run_workspace

    run_workspace(runs, report)


def bench_soak(runs: int) -> None:
    from bench.soak import run_soak

    run_soak(runs, report)


SCENARIOS: dict[str, Callable[[int], None]] = {
    "soak": bench_soak,
    "workspace": bench_workspace,
    "evaluation": bench_evaluation,
    "startup": bench_startup,
    "catalogue": bench_catalogue,
    "import": bench_import,
    "corpus": bench_corpus,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("scenarios", nargs="*", choices=[*SCENARIOS, []], default=[])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for name in args.scenarios or SCENARIOS:
        SCENARIOS[name](args.runs)


if __name__ == "__main__":
    main()

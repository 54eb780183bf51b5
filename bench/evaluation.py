"""Evaluation at scale: 1,000 offers × 25 criteria, 2,000 simulation draws, in-process.

Baseline: scikit-criteria (a bench-only dependency: pip install scikit-criteria) computing
the same WSM (ratio normalisation) and TOPSIS (vector normalisation) in the same run; the
scores must agree to 1e-9.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable

import numpy as np

N_OFFERS, N_CRITERIA, DRAWS = 1_000, 25, 2_000


def _problem() -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    rng = np.random.default_rng(1)
    values = rng.uniform(1.0, 1000.0, size=(N_OFFERS, N_CRITERIA))
    weights = rng.uniform(0.1, 1.0, size=N_CRITERIA)
    higher = rng.random(N_CRITERIA) < 0.6
    return values, weights / weights.sum(), higher


def _ours(values, weights, higher):  # type: ignore[no-untyped-def]
    from procure.evaluation import mcda

    return mcda.wsm(values, weights, higher).scores, mcda.topsis(values, weights, higher).scores


def _skcriteria(values, weights, higher):  # type: ignore[no-untyped-def]
    import skcriteria as skc
    from skcriteria.agg import simple, topsis
    from skcriteria.preprocessing import invert_objectives, scalers

    dm = skc.mkdm(values, [max if h else min for h in higher], weights=weights)
    # WSM with ratio normalisation: lower-better as min/x (inverted), then x / max.
    ratio = scalers.MaxAbsScaler(target="matrix").transform(
        invert_objectives.InvertMinimize().transform(dm)
    )
    wsm = simple.WeightedSumModel().evaluate(ratio).e_.score * 100
    vector = scalers.VectorScaler(target="matrix").transform(dm)
    closeness = topsis.TOPSIS().evaluate(vector).e_.similarity * 100
    return wsm, closeness


def _full_evaluation(values, weights, higher):  # type: ignore[no-untyped-def]
    """Scores, ranks, weight stability and the 2,000-draw simulation, as evaluate() runs."""
    from procure.evaluation import mcda
    from procure.evaluation.engine import Options
    from procure.evaluation.sensitivity import analyse

    options = Options(draws=DRAWS)
    for method in ("wsm", "topsis"):
        scores = (
            mcda.wsm(values, weights, higher).scores
            if method == "wsm"
            else mcda.topsis(values, weights, higher).scores
        )
        mcda.ranks(scores)
        analyse(
            method,
            values,
            higher,
            weights,
            list(range(N_OFFERS)),
            options,
            money=np.zeros(N_CRITERIA, dtype=bool),
            costs=np.ones(N_OFFERS),
        )


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def run_evaluation(runs: int, report: Callable[[str, list[float], list[float], str], None]) -> None:
    values, weights, higher = _problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-criteria's own deprecation notices
        ours, theirs = _ours(values, weights, higher), _skcriteria(values, weights, higher)
        for a, b, name in zip(ours, theirs, ("WSM", "TOPSIS"), strict=True):
            gap = float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
            print(
                f"{name}: largest difference from scikit-criteria {gap:.2e} "
                f"({'agrees' if gap <= 1e-9 else 'DISAGREES'} to 1e-9)"
            )
        mine = _time(lambda: _ours(values, weights, higher), runs)
        base = _time(lambda: _skcriteria(values, weights, higher), runs)
    report(f"WSM + TOPSIS, {N_OFFERS} offers × {N_CRITERIA} criteria", mine, base, "≤ 1.0")
    full = _time(lambda: _full_evaluation(values, weights, higher), runs)
    print(
        f"full evaluation per method (scores, ranks, weight stability, {DRAWS} draws): "
        f"{statistics.median(full) / 2:.3f} s (target < 0.25 s)"
    )

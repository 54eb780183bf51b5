"""How robust is the ranking? (docs/evaluation-rules.md, 'Sensitivity')

(a) For each criterion, how far its weight must move (the others rescaled in proportion)
before the first-ranked offer changes, or "stable over the whole range".
(b) A seeded simulation: weights drawn from a Dirichlet distribution centred on the chosen
weights; each offer's share of draws in which it ranks first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from procure.evaluation import mcda
from procure.evaluation.result import Sensitivity, WeightStability

if TYPE_CHECKING:
    from procure.evaluation.engine import Options

GRID = 201  # weight values tried per criterion: steps of 0.005
REFINE_POINTS = 11  # each refinement tries this many weights between two bracketing ones
REFINE_LEVELS = 10  # 0.005 / 10¹⁰: the change point to about 5e-13


Scorer = Callable[[NDArray[np.float64]], NDArray[np.float64]]  # weights (k × m) -> (n × k)


def _scorer(
    method: str,
    values: mcda.Matrix,
    higher: NDArray[np.bool_],
    options: Options,
    money: NDArray[np.bool_],
    costs: NDArray[np.float64],
) -> Scorer:
    if method == "topsis":
        to_best, to_worst = mcda.topsis_distances(mcda.topsis_normalised(values, higher), higher)
        return lambda w: mcda.topsis_closeness(to_best, to_worst, w)
    normalised = np.nan_to_num(mcda.normalise(values, higher, options.normalisation), nan=0.0)
    if method == "wsm":
        return lambda w: mcda.wsm_many(normalised, w)

    def qcbs(w: NDArray[np.float64]) -> NDArray[np.float64]:
        technical = w * ~money
        sums = technical.sum(axis=1, keepdims=True)
        technical = np.divide(technical, sums, out=np.zeros_like(technical), where=sums > 0)
        t_scores = mcda.wsm_many(normalised, technical)  # n × k
        qualified = t_scores >= options.qcbs_minimum_technical
        cost = np.where(np.isfinite(costs) & (costs > 0), costs, np.inf)[:, np.newaxis]
        cheapest = np.where(qualified, cost, np.inf).min(axis=0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            f = np.where(np.isfinite(cost), 100.0 * cheapest / cost, 0.0)
        f = np.nan_to_num(f, nan=0.0, posinf=0.0)
        t = options.qcbs_technical_weight
        return np.where(qualified, t * t_scores + (1 - t) * f, -np.inf)

    return qcbs


NO_WINNER = -1  # no offer qualifies under these weights (QCBS)


def _winners(
    scorer: Scorer, weights: NDArray[np.float64], prefer: int | None = None
) -> NDArray[np.int64]:
    """The first-ranked offer per weight vector; a tie with `prefer` keeps `prefer` first
    (so that a tie at the edge of the range is not read as a change of winner)."""
    scores = scorer(weights)
    best = scores.max(axis=0)
    winners: NDArray[np.int64] = np.argmax(scores, axis=0).astype(np.int64)
    if prefer is not None:
        kept = scores[prefer] >= best - mcda.TIE_TOLERANCE * np.maximum(1.0, np.abs(best))
        winners = np.where(kept, prefer, winners)
    return np.where(np.isfinite(best), winners, NO_WINNER).astype(np.int64)


def _moved(weights: NDArray[np.float64], j: int, t: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weight vectors with criterion j set to t and the others rescaled in proportion."""
    others = weights.copy()
    others[j] = 0.0
    rest = others.sum()
    scale = (1.0 - t)[:, np.newaxis] / rest if rest > 0 else np.zeros((t.size, 1))
    moved = others[np.newaxis, :] * scale
    moved[:, j] = t
    return moved


def _change_point(
    scorer: Scorer, weights: NDArray[np.float64], j: int, inside: float, outside: float, winner: int
) -> float:
    """Narrow the bracket between a weight where `winner` still wins and one where it does
    not, trying many weights at once at each level."""
    for _ in range(REFINE_LEVELS):
        trial = np.linspace(inside, outside, REFINE_POINTS)
        kept = _winners(scorer, _moved(weights, j, trial), winner) == winner
        first_lost = int(np.argmin(kept))  # kept[0] is True: the winner at `inside`
        inside, outside = float(trial[first_lost - 1]), float(trial[first_lost])
    return outside


def _offer(offer_ids: Sequence[int], index: int) -> int | None:
    return None if index == NO_WINNER else offer_ids[index]


def weight_stability(
    scorer: Scorer, weights: NDArray[np.float64], keys: Sequence[str], offer_ids: Sequence[int]
) -> tuple[int, list[WeightStability]]:
    winner = int(_winners(scorer, weights[np.newaxis, :])[0])
    grid = np.linspace(0.0, 1.0, GRID)
    out = []
    for j, key in enumerate(keys):
        current = float(weights[j])
        winners = _winners(scorer, _moved(weights, j, grid), winner)
        changed = winners != winner
        above = np.flatnonzero(changed & (grid > current))
        below = np.flatnonzero(changed & (grid < current))
        upper = lower = None
        upper_winner = lower_winner = None
        if above.size:
            k = int(above[0])
            upper = _change_point(scorer, weights, j, max(current, grid[k - 1]), grid[k], winner)
            upper_winner = _offer(offer_ids, int(winners[k]))
        if below.size:
            k = int(below[-1])
            lower = _change_point(scorer, weights, j, min(current, grid[k + 1]), grid[k], winner)
            lower_winner = _offer(offer_ids, int(winners[k]))
        stable = lower is None and upper is None
        out.append(WeightStability(key, current, lower, upper, lower_winner, upper_winner, stable))
    return winner, out


def simulate(
    scorer: Scorer, weights: NDArray[np.float64], draws: int, seed: int, concentration: float
) -> NDArray[np.float64]:
    """Share of Dirichlet weight draws in which each offer ranks first (same seed, same
    result)."""
    rng = np.random.default_rng(seed)
    alpha = np.maximum(weights * concentration, 1e-3)
    sampled = rng.dirichlet(alpha, size=draws)
    winners = _winners(scorer, sampled)
    n = scorer(weights[np.newaxis, :]).shape[0]
    return np.bincount(winners[winners != NO_WINNER], minlength=n) / draws


def analyse(
    method: str,
    values: mcda.Matrix,
    higher: NDArray[np.bool_],
    weights: NDArray[np.float64],
    offer_ids: Sequence[int],
    options: Options,
    *,
    money: NDArray[np.bool_],
    costs: NDArray[np.float64],
    keys: Sequence[str] | None = None,
) -> Sensitivity:
    scorer = _scorer(method, values, higher, options, money, costs)
    keys = list(keys) if keys is not None else [str(j) for j in range(len(weights))]
    winner, stability = weight_stability(scorer, weights, keys, offer_ids)
    shares = simulate(scorer, weights, options.draws, options.seed, options.concentration)
    return Sensitivity(
        offer_ids[winner],
        tuple(stability),
        {oid: float(p) for oid, p in zip(offer_ids, shares, strict=True)},
        options.draws,
        options.seed,
        options.concentration,
    )

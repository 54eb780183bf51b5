"""The built-in methods' score functions and sensitivity hooks (docs/evaluation-rules.md,
'Methods').

Each score function receives the responsive offers of one evaluation and sets their scores
and ranks (and, where the method has them, normalised values and contributions); the method
registry (procure.evaluation.methods) names which function scores which method.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from procure.criteria import MONEY_CRITERIA
from procure.evaluation import mcda

if TYPE_CHECKING:
    from procure.evaluation.engine import Alternative, Options
    from procure.evaluation.result import Sensitivity


@dataclass
class Scoring:
    """What a score function works on: the responsive offers and the criteria."""

    alternatives: list[Alternative]  # the responsive offers; the function sets score, rank
    keys: list[str]  # criterion keys, in the need's order
    higher: NDArray[np.bool_]  # more is better, per criterion
    weights: NDArray[np.float64]  # summing to 1
    options: Options

    @property
    def values(self) -> mcda.Matrix:
        return matrix(self.alternatives, self.keys)

    @property
    def money(self) -> NDArray[np.bool_]:
        return np.array([k in MONEY_CRITERIA for k in self.keys], dtype=bool)

    @property
    def cost_key(self) -> str:
        """The money criterion QCBS's financial score is computed on."""
        return next((k for k in self.keys if k in MONEY_CRITERIA), "landed_price")


def matrix(alternatives: list[Alternative], keys: list[str]) -> mcda.Matrix:
    rows = [
        [np.nan if (v := a.values[k]) is None else float(v) for k in keys] for a in alternatives
    ]
    return np.array(rows, dtype=np.float64).reshape(len(alternatives), len(keys))


def evaluated_total(alt: Alternative) -> float:
    cost = alt.evaluated_cost
    return float("nan") if cost is None or cost.total is None else float(cost.total)


def cost_of(alt: Alternative, key: str) -> float:
    value = alt.values.get(key)
    if value is None and key in alt.fleet.metrics:
        value = alt.fleet.metrics[key].value
    return float("nan") if value is None else float(value)


def rank_by_score(alternatives: list[Alternative]) -> None:
    """Rank on the scores (ties within the tolerance share a rank)."""
    scores = np.array([a.score for a in alternatives], dtype=np.float64)
    for alt, rank in zip(alternatives, mcda.ranks(scores), strict=True):
        alt.rank = int(rank)


def _record(s: Scoring, result: mcda.Scored) -> None:
    for alt, score, row_r, row_c in zip(
        s.alternatives, result.scores, result.normalised, result.contributions, strict=True
    ):
        alt.score = float(score)
        alt.normalised = {k: float(v) for k, v in zip(s.keys, row_r, strict=True)}
        alt.contributions = {k: float(v) for k, v in zip(s.keys, row_c, strict=True)}
        for k in s.keys:
            if alt.values[k] is None:
                alt.flags.append(f"{k}: {alt.reasons.get(k, 'missing')}; scored as the worst")


def _weighted_sum(s: Scoring, technical: NDArray[np.bool_]) -> None:
    w = s.weights * technical
    w = w / w.sum() if w.sum() > 0 else w
    _record(s, mcda.wsm(s.values, w, s.higher, s.options.normalisation))


def wsm(s: Scoring) -> None:
    if not s.alternatives:
        return
    _weighted_sum(s, np.ones(len(s.keys), dtype=bool))
    rank_by_score(s.alternatives)


def topsis(s: Scoring) -> None:
    if not s.alternatives:
        return
    _record(s, mcda.topsis(s.values, s.weights, s.higher))
    rank_by_score(s.alternatives)


def qcbs(s: Scoring) -> None:
    """Technical score T over the non-price criteria; below the minimum disqualified;
    F = 100 · min(cost) / cost over the qualified; S = t·T + (1 − t)·F."""
    if not s.alternatives:
        return
    _weighted_sum(s, ~s.money)
    options = s.options
    for alt in s.alternatives:
        alt.technical_score = alt.score
        alt.qualified = (alt.score or 0.0) >= options.qcbs_minimum_technical
        if not alt.qualified:
            alt.flags.append(
                f"technical score {alt.score:.2f} below the minimum "
                f"{options.qcbs_minimum_technical:g}: disqualified"
            )
    qualified = [a for a in s.alternatives if a.qualified]
    costs = np.array([cost_of(a, s.cost_key) for a in qualified])
    financial = mcda.financial_scores(costs)
    t = options.qcbs_technical_weight
    for alt, f in zip(qualified, financial, strict=True):
        alt.financial_score = float(f)
        alt.score = t * (alt.technical_score or 0.0) + (1 - t) * float(f)
    for alt in s.alternatives:
        if not alt.qualified:
            alt.score = None
    if qualified:
        rank_by_score(qualified)


def least_cost(s: Scoring) -> None:
    """Score F = 100 · min(cost) / cost on the evaluated cost; orders as the cost does, on
    the 0–100 scale on which ties are judged; a cost that cannot be computed scores 0 and
    ranks last."""
    if not s.alternatives:
        return
    costs = np.array([evaluated_total(a) for a in s.alternatives])
    scores = mcda.financial_scores(costs)
    for alt, cost, score in zip(s.alternatives, costs, scores, strict=True):
        alt.score = float(score)
        if not np.isfinite(cost):
            reason = alt.evaluated_cost.reason if alt.evaluated_cost else None
            alt.flags.append(f"evaluated cost not computable ({reason}): ranked last")
    rank_by_score(s.alternatives)


def _analyse(kind: str, s: Scoring) -> Sensitivity:
    from procure.evaluation.sensitivity import analyse

    ranked = [a for a in s.alternatives if a.rank is not None]
    return analyse(
        kind,
        matrix(ranked, s.keys),
        s.higher,
        s.weights,
        [a.offer_id for a in ranked],
        s.options,
        money=s.money,
        costs=np.array([cost_of(a, s.cost_key) for a in ranked]),
        keys=s.keys,
    )


def wsm_sensitivity(s: Scoring) -> Sensitivity:
    return _analyse("wsm", s)


def topsis_sensitivity(s: Scoring) -> Sensitivity:
    return _analyse("topsis", s)


def qcbs_sensitivity(s: Scoring) -> Sensitivity:
    return _analyse("qcbs", s)


__all__ = ["Scoring", "cost_of", "least_cost", "qcbs", "topsis", "wsm"]

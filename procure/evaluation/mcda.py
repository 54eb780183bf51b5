"""Scoring methods over a matrix of offers × criteria (docs/evaluation-rules.md, 'Methods').

Rows are the responsive offers, columns the criteria; `higher[j]` says whether more is better
on criterion j; `missing[i, j]` marks a value the offer does not give (or that could not be
computed). Weights are a vector summing to 1, or a (draws × criteria) matrix so that the
sensitivity simulation scores every draw in one operation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
TIE_TOLERANCE = 1e-9


def _constant(column: Matrix) -> bool:
    present = column[np.isfinite(column)]
    return present.size == 0 or bool(np.all(present == present[0]))


def normalise(values: Matrix, higher: NDArray[np.bool_], method: str = "ratio") -> Matrix:
    """Return scores in 0..1 per criterion: 'ratio' (x/max, min/x) or 'minmax'.

    A constant column gives every offer full marks; missing (NaN) values stay NaN.
    """
    out = np.empty_like(values)
    for j in range(values.shape[1]):
        column = values[:, j]
        if _constant(column):
            out[:, j] = np.where(np.isnan(column), np.nan, 1.0)
            continue
        low, high = np.nanmin(column), np.nanmax(column)
        if method == "minmax":
            span = high - low
            out[:, j] = (column - low) / span if higher[j] else (high - column) / span
        elif higher[j]:
            out[:, j] = column / high if high > 0 else np.where(column == high, 1.0, 0.0)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                out[:, j] = (
                    np.where(column > 0, low / column, 1.0)
                    if low > 0
                    else np.where(column == low, 1.0, 0.0)
                )
    return out


@dataclass(frozen=True)
class Scored:
    scores: NDArray[np.float64]  # 0..100 per offer
    normalised: Matrix  # per offer and criterion, 0..1 (as scored: missing -> 0 / worst)
    contributions: Matrix  # 100 × weight × normalised: what each criterion adds to the score


def wsm(
    values: Matrix,
    weights: NDArray[np.float64],
    higher: NDArray[np.bool_],
    normalisation: str = "ratio",
) -> Scored:
    """Weighted sum: score = 100 Σ w_j r_ij; a missing value scores 0 on its criterion."""
    r = np.nan_to_num(normalise(values, higher, normalisation), nan=0.0)
    contributions = 100.0 * r * weights
    return Scored(contributions.sum(axis=1), r, contributions)


def wsm_many(normalised: Matrix, weights: Matrix) -> Matrix:
    """WSM scores for many weight vectors at once: (offers × draws)."""
    return 100.0 * normalised @ weights.T


def _fill_worst(values: Matrix, higher: NDArray[np.bool_]) -> Matrix:
    """TOPSIS treats a missing value as the worst value present in its column."""
    filled = values.copy()
    for j in range(values.shape[1]):
        column = filled[:, j]
        nan = np.isnan(column)
        if nan.any():
            present = column[~nan]
            worst = 0.0 if present.size == 0 else (present.min() if higher[j] else present.max())
            column[nan] = worst
    return filled


def topsis_normalised(values: Matrix, higher: NDArray[np.bool_]) -> Matrix:
    """Vector normalisation r = x / sqrt(Σ x²), after filling missing values with the worst."""
    filled = _fill_worst(values, higher)
    norms = np.sqrt((filled**2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(norms > 0, filled / norms, 0.0)


def topsis_distances(r: Matrix, higher: NDArray[np.bool_]) -> tuple[Matrix, Matrix]:
    """Squared per-criterion distances to the ideal and the anti-ideal (before weighting)."""
    best = np.where(higher, r.max(axis=0), r.min(axis=0))
    worst = np.where(higher, r.min(axis=0), r.max(axis=0))
    return (r - best) ** 2, (r - worst) ** 2


def topsis_closeness(to_best: Matrix, to_worst: Matrix, weights: Matrix) -> Matrix:
    """Closeness × 100 for many weight vectors (offers × draws), Hwang & Yoon.

    With positive weights the ideal of the weighted matrix is the weight times the ideal of
    r, so the distances need no (offers × draws × criteria) array.
    """
    w2 = (weights**2).T  # criteria × draws
    d_plus = np.sqrt(to_best @ w2)
    d_minus = np.sqrt(to_worst @ w2)
    total = d_plus + d_minus
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(total > 0, d_minus / total, 1.0)  # identical offers: all 100
    return 100.0 * closeness


def topsis_many(r: Matrix, weights: Matrix, higher: NDArray[np.bool_]) -> Matrix:
    return topsis_closeness(*topsis_distances(r, higher), weights)


def topsis(values: Matrix, weights: NDArray[np.float64], higher: NDArray[np.bool_]) -> Scored:
    r = topsis_normalised(values, higher)
    scores = topsis_many(r, weights[np.newaxis, :], higher)[:, 0]
    return Scored(scores, r, r * weights)


def financial_scores(costs: NDArray[np.float64]) -> NDArray[np.float64]:
    """QCBS / least-cost: F = 100 × min(cost) / cost; a missing cost scores 0."""
    present = costs[np.isfinite(costs) & (costs > 0)]
    if present.size == 0:
        return np.zeros_like(costs)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(np.isfinite(costs) & (costs > 0), 100.0 * present.min() / costs, 0.0)
    return f


def ranks(scores: NDArray[np.float64]) -> NDArray[np.int64]:
    """Competition ranks, higher score first; scores within 1e-9 share a rank (1, 2, 2, 4)."""
    ordered = np.sort(scores)[::-1]
    # rank = 1 + number of scores clearly above this one
    above = np.searchsorted(-ordered, -scores - TIE_TOLERANCE, side="left")
    return (above + 1).astype(np.int64)

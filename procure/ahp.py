"""Analytic Hierarchy Process (Saaty): weights from a pairwise comparison matrix.

weights = normalised principal eigenvector; CI = (λmax − n)/(n − 1); CR = CI / RI(n).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Saaty's random consistency indices for n = 1..10.
RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
CR_LIMIT = 0.10


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float | None  # None where RI is 0 (n ≤ 2)
    # The judgement (row, column; 0-based) that departs most from the derived weights.
    most_inconsistent: tuple[int, int] | None

    @property
    def consistent(self) -> bool:
        return self.cr is None or self.cr <= CR_LIMIT


def ahp_weights(matrix: Sequence[Sequence[float]]) -> AhpResult:
    """Derive weights and consistency from a reciprocal pairwise comparison matrix."""
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(a)
    principal = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, principal].real)
    weights = vector / vector.sum()
    lambda_max = float(eigenvalues[principal].real)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    # Beyond Saaty's table, Alonso & Lamata's fit of the random index (2006), which agrees
    # with the table at n = 10 (1.48 against 1.49).
    ri = RANDOM_INDEX[n] if n in RANDOM_INDEX else (1.7699 * n - 4.3513) / (n - 1)
    cr = ci / ri if ri > 0 else None
    # Ratio of each judgement to what the weights imply; 1 everywhere when consistent.
    deviation = np.abs(np.log(a * weights[np.newaxis, :] / weights[:, np.newaxis]))
    np.fill_diagonal(deviation, 0.0)
    worst = None
    if n > 2 and deviation.max() > 1e-9:
        i, j = np.unravel_index(int(np.argmax(np.triu(deviation))), deviation.shape)
        worst = (int(i), int(j))
    return AhpResult(
        tuple(float(w) for w in weights),
        lambda_max,
        max(ci, 0.0),
        None if cr is None else max(cr, 0.0),
        worst,
    )

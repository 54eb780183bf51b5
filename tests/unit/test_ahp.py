"""AHP weights and consistency, against hand-worked values and a second method."""

import numpy as np
import pytest

from procure.ahp import ahp_weights


def power_iteration(matrix: list[list[float]]) -> tuple[np.ndarray, float]:
    """A second, independent way to the principal eigenvector: repeated multiplication."""
    a = np.asarray(matrix, dtype=float)
    w = np.ones(len(a)) / len(a)
    for _ in range(500):
        w = a @ w
        w = w / w.sum()
    lam = float(np.mean((a @ w) / w))
    return w, lam


def test_consistent_matrix_gives_exact_ratios_and_zero_cr() -> None:
    result = ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    assert result.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.lambda_max == pytest.approx(3.0)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.most_inconsistent is None


def test_inconsistent_matrix_matches_power_iteration_and_flags_the_worst_judgement() -> None:
    # A consistent 4x4 (weights 8:4:2:1) with one judgement reversed: a[0][3] = 1/8 not 8.
    w = [8, 4, 2, 1]
    matrix = [[wi / wj for wj in w] for wi in w]
    matrix[0][3], matrix[3][0] = 1 / 8, 8
    result = ahp_weights(matrix)
    expected_w, expected_lambda = power_iteration(matrix)
    assert result.weights == pytest.approx(expected_w, rel=1e-6)
    assert result.lambda_max == pytest.approx(expected_lambda, rel=1e-6)
    ci = (expected_lambda - 4) / 3
    assert result.ci == pytest.approx(ci, rel=1e-6)
    assert result.cr == pytest.approx(ci / 0.90, rel=1e-6)
    assert result.cr > 0.10 and not result.consistent
    assert result.most_inconsistent == (0, 3)

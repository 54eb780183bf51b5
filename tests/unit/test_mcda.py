"""Scoring methods against published and hand-worked results, and their properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procure.ahp import ahp_weights
from procure.evaluation import mcda

PRICE_QUALITY = np.array([[100.0, 8.0], [200.0, 10.0], [100.0, 4.0]])
LOWER_HIGHER = np.array([False, True])
W = np.array([0.6, 0.4])


def test_topsis_matches_papathanasiou_and_ploskas_2018() -> None:
    matrix = np.array(
        [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
        dtype=float,
    )
    result = mcda.topsis(matrix, np.array([0.4, 0.3, 0.1, 0.2]), np.ones(4, dtype=bool))
    published = [0.387, 0.327, 0.391, 0.615, 0.868, 0.493]
    assert result.scores / 100 == pytest.approx(published, abs=5e-4)


def test_wsm_ratio_normalisation_by_hand() -> None:
    # price: min/x = 1, 0.5, 1; quality: x/max = 0.8, 1, 0.4
    # scores: 100(0.6·1 + 0.4·0.8) = 92; 100(0.6·0.5 + 0.4·1) = 70; 100(0.6 + 0.16) = 76
    result = mcda.wsm(PRICE_QUALITY, W, LOWER_HIGHER)
    assert result.scores == pytest.approx([92.0, 70.0, 76.0])
    assert list(mcda.ranks(result.scores)) == [1, 3, 2]
    assert result.contributions[0] == pytest.approx([60.0, 32.0])


def test_wsm_min_max_normalisation_by_hand() -> None:
    # price: (200−x)/100 = 1, 0, 1; quality: (x−4)/6 = 2/3, 1, 0
    result = mcda.wsm(PRICE_QUALITY, W, LOWER_HIGHER, "minmax")
    assert result.scores == pytest.approx([60 + 40 * 2 / 3, 40.0, 60.0])


def test_ties_share_a_rank_and_the_next_rank_is_skipped() -> None:
    assert list(mcda.ranks(np.array([70.0, 92.0, 92.0, 50.0]))) == [3, 1, 1, 4]
    assert list(mcda.ranks(np.array([80.0, 80.0 + 1e-10]))) == [1, 1]  # within 1e-9


def test_constant_column_gives_full_marks_without_dividing_by_zero() -> None:
    values = np.column_stack([PRICE_QUALITY, [0.0, 0.0, 0.0]])
    weights = np.array([0.5, 0.3, 0.2])
    result = mcda.wsm(values, weights, np.array([False, True, True]))
    # each offer gains the full 20 points of the constant criterion
    assert result.scores == pytest.approx(
        [100 * (0.5 + 0.3 * 0.8) + 20, 100 * (0.25 + 0.3) + 20, 100 * (0.5 + 0.12) + 20]
    )
    same = mcda.topsis(np.ones((3, 2)), np.array([0.5, 0.5]), np.array([True, True]))
    assert same.scores == pytest.approx([100.0, 100.0, 100.0])


def test_missing_value_scores_zero_in_wsm_and_the_worst_in_topsis() -> None:
    values = PRICE_QUALITY.copy()
    values[2, 1] = np.nan
    assert mcda.wsm(values, W, LOWER_HIGHER).scores[2] == pytest.approx(60.0)
    filled = values.copy()
    filled[2, 1] = 8.0  # the worst quality present (higher is better)
    assert mcda.topsis(values, W, LOWER_HIGHER).scores == pytest.approx(
        mcda.topsis(filled, W, LOWER_HIGHER).scores
    )


def test_financial_score_and_least_cost_order() -> None:
    costs = np.array([300.0, 200.0, 250.0, np.nan])
    # F = 100 · 200 / cost; a missing cost scores 0
    assert mcda.financial_scores(costs) == pytest.approx([200 / 3, 100.0, 80.0, 0.0])


def test_saaty_three_criteria_example() -> None:
    # The textbook 3×3 example (1, 3, 5 / 1/3, 1, 3 / 1/5, 1/3, 1): weights 0.637, 0.258,
    # 0.105, λmax 3.039, CR 0.033 (RI 0.58).
    result = ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert result.weights == pytest.approx([0.637, 0.258, 0.105], abs=1e-3)
    assert result.lambda_max == pytest.approx(3.039, abs=1e-3)
    assert result.cr == pytest.approx(0.033, abs=1e-3)
    assert result.consistent


matrices = st.integers(min_value=2, max_value=7).flatmap(
    lambda n: st.integers(min_value=1, max_value=5).flatmap(
        lambda m: st.tuples(
            st.lists(
                st.lists(st.floats(0.5, 1000.0), min_size=m, max_size=m), min_size=n, max_size=n
            ),
            st.lists(st.floats(0.05, 1.0), min_size=m, max_size=m),
            st.lists(st.booleans(), min_size=m, max_size=m),
        )
    )
)


def _unpack(case):  # type: ignore[no-untyped-def]
    rows, weights, higher = case
    w = np.array(weights)
    return np.array(rows), w / w.sum(), np.array(higher)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_scores_stay_within_0_and_100(case) -> None:  # type: ignore[no-untyped-def]
    values, weights, higher = _unpack(case)
    for scores in (
        mcda.wsm(values, weights, higher).scores,
        mcda.wsm(values, weights, higher, "minmax").scores,
        mcda.topsis(values, weights, higher).scores,
    ):
        assert np.all(scores >= -1e-9) and np.all(scores <= 100 + 1e-9)


@settings(max_examples=150, deadline=None)
@given(matrices, st.floats(0.01, 1000.0))
def test_ranking_is_invariant_under_scaling_a_column(case, factor) -> None:  # type: ignore[no-untyped-def]
    values, weights, higher = _unpack(case)
    scaled = values.copy()
    scaled[:, 0] *= factor
    for method in (
        lambda v: mcda.wsm(v, weights, higher).scores,
        lambda v: mcda.topsis(v, weights, higher).scores,
    ):
        assert method(values) == pytest.approx(method(scaled), rel=1e-9, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(matrices, st.floats(0.0, 50.0))
def test_a_dominating_offer_never_ranks_below_the_dominated(case, margin) -> None:  # type: ignore[no-untyped-def]
    values, weights, higher = _unpack(case)
    # offer 0 is at least as good as offer 1 on every criterion
    values[0] = np.where(
        higher,
        np.maximum(values[0], values[1]) + margin,
        np.maximum(np.minimum(values[0], values[1]) - margin, 0.1),
    )
    for scores in (
        mcda.wsm(values, weights, higher).scores,
        mcda.topsis(values, weights, higher).scores,
    ):
        ranks = mcda.ranks(scores)
        assert ranks[0] <= ranks[1]

"""The arithmetic of key drivers: Johnson's relative weights, pairwise correlations and their
bootstrap, checked against definitions computed another way."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from cjm.steps.weights import bootstrap_correlations, pairwise_correlations, relative_weights


def r_squared(corr: np.ndarray, chosen: list[int]) -> float:
    """R² of the outcome (last variable) on the predictors `chosen`, by least squares on the
    correlation matrix."""
    if not chosen:
        return 0.0
    rxx = corr[np.ix_(chosen, chosen)]
    rxy = corr[chosen, -1]
    return float(rxy @ np.linalg.solve(rxx, rxy))


def shapley(corr: np.ndarray) -> np.ndarray:
    """Dominance analysis: each predictor's Shapley value of R², over every subset."""
    k = corr.shape[0] - 1
    values = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            for subset in itertools.combinations(others, size):
                weight = 1 / (k * len(list(itertools.combinations(others, size))))
                values[j] += weight * (r_squared(corr, [*subset, j])
                                       - r_squared(corr, list(subset)))
    return values


@pytest.fixture
def correlated():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(4000, 4))
    x = np.column_stack([base[:, 0], 0.7 * base[:, 0] + 0.7 * base[:, 1], base[:, 2],
                         0.5 * base[:, 2] + base[:, 3]])
    y = x @ np.array([0.5, 0.3, 0.2, 0.0]) + rng.normal(size=4000)
    return np.column_stack([x, y])


def test_weights_sum_to_r_squared_and_agree_with_dominance_analysis(correlated):
    corr = np.corrcoef(correlated.T)
    weights = relative_weights(corr)
    assert weights.sum() == pytest.approx(r_squared(corr, [0, 1, 2, 3]))
    assert (weights >= 0).all()
    assert weights == pytest.approx(shapley(corr), abs=0.01)  # Johnson's is its close proxy
    assert list(np.argsort(-weights)) == list(np.argsort(-shapley(corr)))


def test_uncorrelated_predictors_weigh_their_squared_correlation():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(20000, 3))
    x -= x.mean(axis=0)
    x = np.linalg.qr(x)[0] * np.sqrt(len(x))  # exactly uncorrelated in the sample
    y = x @ np.array([0.6, 0.3, 0.1]) + rng.normal(size=len(x))
    corr = np.corrcoef(np.column_stack([x, y]).T)
    assert relative_weights(corr) == pytest.approx(corr[:3, 3] ** 2, abs=1e-9)


def test_twin_predictors_split_their_weight():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3000, 2))
    y = x @ np.array([0.8, 0.4]) + rng.normal(size=3000)
    corr = np.corrcoef(np.column_stack([x[:, 0], x[:, 0], x[:, 1], y]).T)
    weights = relative_weights(corr)
    assert weights[0] == pytest.approx(weights[1])
    alone = relative_weights(np.corrcoef(np.column_stack([x, y]).T))
    assert weights[0] + weights[1] == pytest.approx(alone[0], abs=0.005)
    assert weights[2] == pytest.approx(alone[1], abs=0.005)
    assert weights.sum() == pytest.approx(alone.sum())  # the twin explains nothing more


def test_relative_weights_take_a_stack_of_matrices(correlated):
    corr = np.corrcoef(correlated.T)
    stacked = relative_weights(np.stack([corr, corr, np.eye(5)]))
    assert stacked.shape == (3, 4)
    assert stacked[0] == pytest.approx(relative_weights(corr))
    assert stacked[2] == pytest.approx(np.zeros(4))


def test_pairwise_correlations_are_pandas_pairwise_correlations():
    rng = np.random.default_rng(6)
    values = rng.normal(size=(600, 5))
    values[:, 4] += values[:, 0]
    values[rng.random(values.shape) < 0.35] = np.nan
    corr, together = pairwise_correlations(values)
    assert corr == pytest.approx(pd.DataFrame(values).corr().to_numpy(), abs=1e-12)
    rated = ~np.isnan(values)
    assert together[1, 3] == (rated[:, 1] & rated[:, 3]).sum()


@pytest.mark.parametrize("missing", [0.0, 0.3])
def test_the_bootstrap_centres_on_the_estimate_and_repeats_with_its_seed(correlated, missing):
    values = correlated.copy()
    rng = np.random.default_rng(7)
    values[:, :4][rng.random((len(values), 4)) < missing] = np.nan
    point, _ = pairwise_correlations(values)
    draws = bootstrap_correlations(values, 600, seed=9)
    assert draws.shape == (600, 5, 5)
    assert np.allclose(draws[:, range(5), range(5)], 1)
    assert draws.mean(axis=0) == pytest.approx(point, abs=0.005)
    spread = draws.std(axis=0)[0, 4]
    n = np.sum(~np.isnan(values[:, 0]))
    assert spread == pytest.approx((1 - point[0, 4] ** 2) / np.sqrt(n), rel=0.15)
    assert np.array_equal(draws, bootstrap_correlations(values, 600, seed=9))
    assert not np.array_equal(draws, bootstrap_correlations(values, 600, seed=10))


def test_an_analysis_asked_again_is_not_computed_again(correlated, monkeypatch):
    from cjm.steps import weights

    first = weights.weighed(correlated, 200, seed=3)
    monkeypatch.setattr(weights, "bootstrap_correlations", None)  # would fail if called
    again = weights.weighed(correlated.copy(), 200, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    other = correlated.copy()
    other[0, 0] += 1  # other values: computed afresh
    with pytest.raises(TypeError):
        weights.weighed(other, 200, seed=3)

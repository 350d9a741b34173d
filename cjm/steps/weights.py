"""Johnson's relative weights and their bootstrap: the arithmetic of key driver analysis.

Relative weights (Johnson 2000, "A heuristic method for estimating the relative weight of
predictor variables in multiple regression", Multivariate Behavioral Research 35(1)) split the
outcome's explained variance (R²) among correlated predictors: the predictors are replaced by
their closest orthogonal counterparts Z (R_xx = V L V', Z's loadings Λ = V L^½ V'), the outcome
is regressed on Z (β = Λ⁻¹ r_xy), and predictor j gets Σ_k Λ_jk² β_k². The raw weights are each
at least 0 and sum to R²; two identical predictors share one weight equally. They agree closely
with dominance analysis (Shapley values of R²), which needs 2^k regressions per draw where this
needs one eigendecomposition: with 40 touchpoints and 1,000 bootstrap draws, that is the
difference between seconds and never.

Correlations are pairwise: each pair's from the respondents who rated both (pairwise deletion,
as pandas' `corr` computes it), so a respondent counts for every touchpoint they rated. When
that makes the predictors' correlation matrix slightly non-positive, its negative eigenvalues
count as 0.

The bootstrap resamples respondents with Poisson(1) weights (each respondent counts 0, 1, 2...
times independently: Hanley & MacGibbon 2006; Chamandy et al. 2012), which equals the classic
resampling for samples of this size and lets every draw be computed at once: each block of
respondents adds its products to all draws in one matrix product, so memory stays bounded by the
block and the draws, whatever the number of respondents.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

BLOCK = 4096  # respondents per block of the bootstrap's matrix products
_TABLE_BITS = 16


def _poisson_table() -> np.ndarray:
    """Poisson(1) as a lookup table of 2^16 entries: a uniform 16-bit integer picks a weight
    (each probability within 1/65,536 of the exact one; mean 1)."""
    size = 1 << _TABLE_BITS
    cdf = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(20)])
    edges = np.round(cdf * size).astype(np.int64)
    return np.searchsorted(edges, np.arange(size), side="right").astype(np.float32)


_POISSON = _poisson_table()


def relative_weights(corr: np.ndarray) -> np.ndarray:
    """Raw relative weights from correlation matrices (..., k+1, k+1), predictors first and
    the outcome last: an array (..., k) whose last axis sums to R²."""
    corr = np.asarray(corr, dtype=float)
    k = corr.shape[-1] - 1
    rxx, rxy = corr[..., :k, :k], corr[..., :k, k]
    values, vectors = np.linalg.eigh(rxx)
    values = np.clip(values, 0.0, None)
    tolerance = values.max(axis=-1, keepdims=True) * 1e-10 + 1e-300
    root = np.sqrt(values)
    inverse_root = np.where(values > tolerance, 1 / np.where(root > 0, root, 1), 0.0)
    loadings = np.einsum("...ij,...j,...kj->...ik", vectors, root, vectors)
    projected = np.einsum("...ji,...j->...i", vectors, rxy) * inverse_root
    beta = np.einsum("...ij,...j->...i", vectors, projected)
    return np.einsum("...jk,...k->...j", loadings ** 2, beta ** 2)


def pairwise_correlations(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairwise correlation matrix of `values` (respondents x variables, NaN = not
    rated), each pair's from the respondents who rated both (as pandas' `corr` computes it),
    and the number of respondents who rated each pair."""
    centred, rated = _centred(values)
    rated = rated.astype(float)
    together = rated.T @ rated
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (centred.T @ rated) / together  # [i, j]: mean of i where j is rated too
        squares = ((centred * centred).T @ rated) / together - means ** 2
        covariance = (centred.T @ centred) / together - means * means.T
        corr = covariance / np.sqrt(squares * squares.T)
    return _tidy(corr), together


def bootstrap_correlations(values: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """`draws` bootstrap replicates of `pairwise_correlations(values)[0]`: (draws, m, m).

    Each replicate takes each pair's co-variation and both spreads from the respondents who
    rated both, as the estimate does; the pair's means are each variable's own (the shift
    between the two is of the order of 1/n, far inside the interval), which spares a third
    of the products."""
    centred, rated = _centred(values)
    n, m = centred.shape
    complete = bool(rated.all())
    upper = np.triu_indices(m)
    q = len(upper[0])
    rng = np.random.default_rng(seed)
    products = np.zeros((q, draws))
    together = np.zeros((q, draws))
    squares = np.zeros((m * m, draws))  # [i * m + j]: sum of i's squares where j is rated
    sums = np.zeros((m, draws))
    counts = np.zeros((m, draws))
    total = np.zeros(draws)
    for start in range(0, n, BLOCK):
        block = centred[start:start + BLOCK].astype(np.float32)
        mask = rated[start:start + BLOCK].astype(np.float32)
        weights = _POISSON[rng.integers(0, 1 << _TABLE_BITS, size=(len(block), draws),
                                        dtype=np.uint16)]
        parts = [block[:, upper[0]] * block[:, upper[1]], block]
        if not complete:
            square = block * block
            parts += [mask[:, upper[0]] * mask[:, upper[1]], mask,
                      (square[:, :, None] * mask[:, None, :]).reshape(len(block), m * m)]
        else:
            parts.append(block * block)
        added = (np.concatenate(parts, axis=1).T @ weights).astype(float)
        products += added[:q]
        sums += added[q:q + m]
        if complete:
            squares += np.repeat(added[q + m:], m, axis=0)
        else:
            together += added[q + m:2 * q + m]
            counts += added[2 * q + m:2 * q + 2 * m]
            squares += added[2 * q + 2 * m:]
        total += weights.sum(axis=0, dtype=float)
    if complete:
        together[:] = total
        counts[:] = total
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
        covariance = products / together - means[upper[0]] * means[upper[1]]
        pair_counts = np.empty((m, m, draws))
        pair_counts[upper[0], upper[1]] = together
        pair_counts[upper[1], upper[0]] = together
        spread = squares.reshape(m, m, draws) / pair_counts - (means ** 2)[:, None, :]
    full = np.empty((draws, m, m))
    full[:, upper[0], upper[1]] = covariance.T
    full[:, upper[1], upper[0]] = covariance.T
    spread = np.clip(spread.transpose(2, 0, 1), 0, None)  # [b, i, j]: i's where j rated
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = full / np.sqrt(spread * spread.transpose(0, 2, 1))
    return _tidy(corr)


def _centred(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Values minus each column's mean, 0 where not rated; and where rated."""
    values = np.asarray(values, dtype=float)
    rated = ~np.isnan(values)
    with np.errstate(invalid="ignore"):
        means = np.nanmean(np.where(rated, values, np.nan), axis=0) if len(values) else \
            np.zeros(values.shape[1])
    return np.where(rated, values - means, 0.0), rated


def _tidy(corr: np.ndarray) -> np.ndarray:
    """Correlations held within [-1, 1], 1 on the diagonal, 0 where undefined (a variable
    that does not vary in a resample explains nothing there)."""
    corr = np.clip(np.nan_to_num(corr, nan=0.0, posinf=0.0, neginf=0.0), -1.0, 1.0)
    m = corr.shape[-1]
    corr[..., np.arange(m), np.arange(m)] = 1.0
    return corr


KEPT = 16  # analyses kept per process: a review's notebooks ask for the same ones again
_KEPT: dict[tuple, tuple] = {}


def weighed(values: np.ndarray, draws: int, seed: int, confidence: float = 0.95) -> tuple:
    """The relative weights of `values` (respondents x variables, NaN = not rated, the outcome
    last), each weight's bootstrap percentile interval at `confidence` and R²'s:
    (weights, low, high, r2_low, r2_high); the bounds are NaN without draws.

    The same values, draws and seed always give the same result, so the last KEPT results are
    kept for the process, keyed by a digest of the values: a review asks for the drivers of
    the same respondents in several notebooks and documents, and pays for them once."""
    values = np.ascontiguousarray(values, dtype=float)
    key = (hashlib.sha1(values.tobytes()).hexdigest(), values.shape, int(draws), int(seed),
           float(confidence))
    if key in _KEPT:
        return _KEPT[key]
    corr, _ = pairwise_correlations(values)
    weights = relative_weights(corr)
    k = len(weights)
    low = high = np.full(k, np.nan)
    r2_low = r2_high = float("nan")
    if draws:
        sampled = relative_weights(bootstrap_correlations(values, draws, seed))
        tail = (1 - confidence) / 2 * 100
        low, high = np.percentile(sampled, [tail, 100 - tail], axis=0)
        r2_low, r2_high = (float(v) for v in np.percentile(sampled.sum(axis=1),
                                                            [tail, 100 - tail]))
    result = (weights, low, high, r2_low, r2_high)
    _KEPT[key] = result
    while len(_KEPT) > KEPT:
        _KEPT.pop(next(iter(_KEPT)))
    return result

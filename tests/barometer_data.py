"""Barometers with planted drivers: NPS made from known touchpoints with known weights, so
that the key drivers a test reads back can be checked against the truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def planted(touchpoints: dict[str, float], n: int, *, seed: int = 1, start: str = "2026-01-05",
            days: int = 170, rated: float = 0.7, noise: float = 1.0, personas=("P1",),
            scale=(1, 5)) -> tuple[pd.DataFrame, dict[str, float]]:
    """A barometer of `n` respondents and the true relative weight of each touchpoint.

    Each touchpoint's satisfaction is an independent latent N(0, 1), rated on `scale` (the
    latent cut at the scale's steps); NPS is 0-10 from sum(weight x latent) + N(0, noise). A
    respondent rates each touchpoint with probability `rated` (missing completely at random).
    The truth: with independent touchpoints, a touchpoint's relative weight is its squared
    correlation with NPS, measured here on 400,000 other respondents of the same population
    (numpy's own correlation, nothing of cjm's)."""
    rng = np.random.default_rng(seed)
    ids = list(touchpoints)
    beta = np.array([touchpoints[tp] for tp in ids])
    ratings, nps = _answers(rng, beta, n, noise, scale)
    population, population_nps = _answers(np.random.default_rng(seed + 10_000), beta, 400_000,
                                          noise, scale)
    truth = {tp: float(np.corrcoef(population[:, j], population_nps)[0, 1] ** 2)
             for j, tp in enumerate(ids)}
    ratings = np.where(rng.random(ratings.shape) < rated, ratings, np.nan)
    stamps = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days * 86400, n), unit="s")
    frame = pd.DataFrame({
        "respondent_id": [f"B{i:05d}" for i in range(1, n + 1)],
        "responded_at": stamps.strftime("%Y-%m-%dT%H:%M:%S"),
        "persona_id": [personas[i % len(personas)] for i in range(n)],
        "nps": nps})
    for j, tp in enumerate(ids):
        frame[tp] = pd.array(ratings[:, j], dtype="Float64").astype("Int64")
    return frame, truth


def _answers(rng, beta: np.ndarray, n: int, noise: float, scale) -> tuple[np.ndarray, np.ndarray]:
    latent = rng.normal(size=(n, len(beta)))
    outcome = latent @ beta + rng.normal(0, noise, n)
    spread = np.sqrt(beta @ beta + noise ** 2)
    nps = np.clip(np.rint(6.5 + 2.2 * outcome / spread), 0, 10).astype(int)
    low, high = scale
    steps = high - low
    ratings = np.clip(np.rint(low + steps / 2 + latent * steps / 4), low, high)
    return ratings, nps


def write(frame: pd.DataFrame, folder: Path, *, french: bool = False) -> Path:
    """`frame` as `folder/barometer.csv`; `french`: as French Excel saves it (Windows-1252,
    `;`, day-first dates)."""
    path = Path(folder) / "barometer.csv"
    if french:
        frame = frame.assign(responded_at=pd.to_datetime(frame["responded_at"])
                             .dt.strftime("%d/%m/%Y %H:%M:%S"))
        frame.to_csv(path, sep=";", index=False, encoding="cp1252")
    else:
        frame.to_csv(path, index=False)
    return path

"""Key drivers: which touchpoints move loyalty, from the barometer, and whether the room agrees.

For the barometer's respondents of a period (`barometer.csv`, dated within it, or within the
latest earlier period that has some: `barometer_period`), the relative
weight of each touchpoint's satisfaction on NPS (0-10 as answered), or on the overall
satisfaction when the barometer asks it: Johnson's relative weights on pairwise correlations,
with percentile intervals from bootstrap draws (`cjm.steps.weights` says how and why).

- `weight` is the share of the outcome's variance the touchpoint accounts for (the weights sum
  to R², the share the model explains, which is also given); `share_of_r2` is the weight as a
  part of R². Rank 1 is the strongest driver.
- A touchpoint is ranked when at least MIN_RATINGS respondents rated it and it varies; one rated
  by fewer is listed with its count, unranked ("too_few_ratings"). Correlations are pairwise, so
  a ranked touchpoint must share MIN_TOGETHER respondents with every other ranked one: the one
  with fewer ratings of a pair rated together by fewer is listed instead ("rarely_together").
- Nothing is ranked with fewer than MIN_RESPONDENTS respondents who gave the outcome, or fewer
  than RESPONDENTS_PER_DRIVER per touchpoint ranked ("too_few_respondents"); per persona the same
  rules apply to the persona's respondents.

Stated against derived (`stated_vs_derived`): the workshop's importance (mean score of the
period) against the derived weight. A touchpoint is "key" when both are high, "hidden" when it
matters more than the room thinks (derived high, stated low), "overrated" when the reverse,
"secondary" when both are low. Derived is high above an equal share of R² (R² / number ranked),
stated high at or above the mean stated importance of the touchpoints compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..labels import say
from ..messages import tr
from ..periods import in_period, parse_period, period_of
from .scores import touchpoint_scores
from .weights import weighed

OUTCOMES = ("nps", "satisfaction")
MIN_RATINGS = 30
MIN_TOGETHER = 20
MIN_RESPONDENTS = 50
RESPONDENTS_PER_DRIVER = 5
CONFIDENCE = 0.95
SEED = 20261202  # fixed: a review's intervals are the same each time it is built
DRIVER_COLUMNS = ["rank", "touchpoint_id", "name", "stage", "n", "weight", "low", "high",
                  "share_of_r2", "status"]
STATUSES = ("ranked", "too_few_ratings", "no_variation", "rarely_together",
            "too_few_respondents")
QUADRANTS = ("key", "hidden", "overrated", "secondary")
STATED_COLUMNS = ["touchpoint_id", "name", "stage", "stated", "weight", "low", "high",
                  "rank", "quadrant"]
TABLE_COLUMNS = ["outcome", "persona_id", "respondents", "r2", *DRIVER_COLUMNS]


@dataclass(frozen=True)
class KeyDrivers:
    """The key drivers of one outcome among one group of respondents (see the module)."""

    outcome: str
    persona_id: str | None  # None: every respondent
    frame: pd.DataFrame  # DRIVER_COLUMNS, ranked touchpoints first by weight
    respondents: int  # respondents who gave the outcome
    r2: float
    r2_low: float
    r2_high: float
    draws: int
    period: str | None = None  # the barometer's period (see `barometer_period`)

    @property
    def ranked(self) -> pd.DataFrame:
        return self.frame[self.frame["status"] == "ranked"]

    @property
    def available(self) -> bool:
        """True when at least one touchpoint is ranked."""
        return bool(len(self.ranked))


def barometer_period(project, period: str | None) -> str | None:
    """The period whose barometer answers the key drivers of `period` rest on: `period` itself
    when the barometer has answers dated in it, else the latest earlier period (of the
    project's review rhythm) that has some, since a barometer often runs once a year and a
    review twice; never a later one. `period` when no answer is that early; None: every
    answer."""
    dated = project.barometer["responded_at"] if len(project.barometer) else None
    if period is None or dated is None or in_period(dated, period).fillna(False).any():
        return period
    earlier = dated[dated < pd.Timestamp(parse_period(period)[0])]
    if not len(earlier):
        return period
    return period_of(earlier.max(), project.config.review.granularity)


def barometer_rows(project, period: str | None, persona_id: str | None = None) -> pd.DataFrame:
    """The barometer's respondents the key drivers of `period` rest on (those dated within
    `barometer_period`; all with None), of one persona."""
    frame = project.barometer
    if not len(frame):
        return frame
    period = barometer_period(project, period)
    if period:
        frame = frame[in_period(frame["responded_at"], period).fillna(False).astype(bool)]
    if persona_id is not None:
        frame = frame[frame["persona_id"] == persona_id]
    return frame


def rated_touchpoints(project) -> list[str]:
    """The touchpoints the barometer asks about, in touchpoints.csv's order."""
    asked = set(project.barometer.columns)
    return [tp for tp in project.touchpoints["touchpoint_id"] if tp in asked]


def key_drivers(project, period: str | None, outcome: str = "nps", *,
                persona_id: str | None = None, draws: int | None = None,
                seed: int = SEED) -> KeyDrivers:
    """The key drivers of `outcome` ("nps" or "satisfaction") in `period`'s barometer, among
    `persona_id`'s respondents (None: all). `draws`: bootstrap draws (default: the project's
    `key_drivers.draws`; 0 gives the weights without intervals)."""
    if outcome not in OUTCOMES:
        raise ArgumentError(tr("`outcome` must be 'nps' or 'satisfaction', not {value}",
                               value=repr(outcome)))
    draws = project.config.key_drivers.draws if draws is None else int(draws)
    rows = barometer_rows(project, period, persona_id)
    tps = rated_touchpoints(project)
    if len(rows) and outcome in rows.columns:
        rows = rows[rows[outcome].notna()]
    ratings = (rows[tps].to_numpy(dtype=float, na_value=np.nan) if len(rows)
               else np.empty((0, len(tps))))
    outcome_values = (rows[outcome].to_numpy(dtype=float, na_value=np.nan) if len(rows)
                      else np.empty(0))
    counts = (~np.isnan(ratings)).sum(axis=0)
    status = np.where(counts < MIN_RATINGS, "too_few_ratings", "ranked").astype(object)
    spread = np.array([np.nanstd(ratings[:, j]) if counts[j] else 0.0
                       for j in range(len(tps))])
    status[(status == "ranked") & (spread == 0)] = "no_variation"
    n = len(outcome_values)
    if n and np.nanstd(outcome_values) == 0:
        status[status == "ranked"] = "no_variation"
    _drop_rare_pairs(ratings, counts, status)
    chosen = np.flatnonzero(status == "ranked")
    if n < respondents_needed(len(chosen)) and len(chosen):
        status[chosen] = "too_few_respondents"
        chosen = chosen[:0]
    weight = np.full(len(tps), np.nan)
    low, high = weight.copy(), weight.copy()
    r2 = r2_low = r2_high = float("nan")
    if len(chosen):
        values = np.column_stack([ratings[:, chosen], outcome_values])
        raw, low[chosen], high[chosen], r2_low, r2_high = weighed(values, draws, seed,
                                                                  CONFIDENCE)
        weight[chosen], r2 = raw, float(raw.sum())
    frame = _frame(project, tps, counts, weight, low, high, r2, status)
    return KeyDrivers(outcome, persona_id, frame, int(n), r2, float(r2_low), float(r2_high),
                      draws if len(chosen) else 0, barometer_period(project, period))


def respondents_needed(touchpoints: int) -> int:
    """The respondents it takes to rank `touchpoints` touchpoints."""
    return max(MIN_RESPONDENTS, RESPONDENTS_PER_DRIVER * touchpoints)


def _drop_rare_pairs(ratings: np.ndarray, counts: np.ndarray, status: np.ndarray) -> None:
    """Mark "rarely_together" the touchpoint with fewer ratings of each ranked pair rated
    together by fewer than MIN_TOGETHER respondents, until no such pair is left."""
    chosen = np.flatnonzero(status == "ranked")
    if len(chosen) < 2:
        return
    rated = (~np.isnan(ratings[:, chosen])).astype(float)
    together = rated.T @ rated
    alive = np.ones(len(chosen), dtype=bool)
    while True:
        rare = (together < MIN_TOGETHER) & alive[:, None] & alive[None, :]
        if not rare.any():
            return
        involved = rare.sum(axis=1)
        worst = max(np.flatnonzero(involved), key=lambda i: (involved[i], -counts[chosen[i]]))
        alive[worst] = False
        status[chosen[worst]] = "rarely_together"


def _frame(project, tps, counts, weight, low, high, r2, status) -> pd.DataFrame:
    details = project.touchpoints.set_index("touchpoint_id").reindex(tps)
    frame = pd.DataFrame({
        "touchpoint_id": tps, "name": details["name"].astype(object).to_numpy(),
        "stage": details["stage"].astype(object).to_numpy(), "n": counts.astype("int64"),
        "weight": weight, "low": low, "high": high,
        "share_of_r2": weight / r2 if r2 and r2 > 0 else np.full(len(tps), np.nan),
        "status": status.astype(object)})
    ranked = frame["status"] == "ranked"
    order = frame.assign(_ranked=~ranked, _w=-frame["weight"].fillna(0), _n=-frame["n"])
    frame = frame.loc[order.sort_values(["_ranked", "_w", "_n", "touchpoint_id"],
                                        kind="stable").index].reset_index(drop=True)
    ranks = pd.Series(range(1, len(frame) + 1), dtype="Int64")
    frame.insert(0, "rank", ranks.where(frame["status"] == "ranked"))
    return frame[DRIVER_COLUMNS]


def persona_drivers(project, period: str | None, outcome: str = "nps", *,
                    draws: int | None = None) -> list[KeyDrivers]:
    """The key drivers per persona, for the personas with enough respondents to rank at
    least one touchpoint, in personas.csv's order."""
    found = []
    for persona_id in project.personas["persona_id"]:
        drivers = key_drivers(project, period, outcome, persona_id=persona_id, draws=draws)
        if drivers.available:
            found.append(drivers)
    return found


def outcomes(project, period: str | None) -> list[str]:
    """The outcomes the period's barometer gives: "nps", then "satisfaction" when asked."""
    rows = barometer_rows(project, period)
    return [outcome for outcome in OUTCOMES
            if outcome in rows.columns and rows[outcome].notna().any()]


def drivers_table(project, period: str | None, *, draws: int | None = None) -> pd.DataFrame:
    """Every key driver analysis of the period as one long table (`drivers.csv`): per outcome,
    every respondent ("all") and then each persona with enough respondents."""
    parts = []
    for outcome in outcomes(project, period):
        groups = [key_drivers(project, period, outcome, draws=draws),
                  *persona_drivers(project, period, outcome, draws=draws)]
        for drivers in groups:
            parts.append(drivers.frame.assign(
                outcome=outcome, persona_id=drivers.persona_id or "all",
                respondents=drivers.respondents, r2=drivers.r2))
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS]


def derived_importance(drivers: KeyDrivers) -> pd.Series:
    """Each ranked touchpoint's weight scaled to 0-1 (1 = the strongest driver), by id."""
    ranked = drivers.ranked.set_index("touchpoint_id")["weight"]
    top = ranked.max() if len(ranked) else np.nan
    if not len(ranked) or not top > 0:
        return pd.Series(dtype=float)
    return (ranked / top).astype(float)


def stated_vs_derived(project, period: str, drivers: KeyDrivers) -> pd.DataFrame:
    """The workshop's importance (`stated`, mean of the period's scores) beside the derived
    weight of each ranked touchpoint that has both, with its quadrant (see the module)."""
    stated = touchpoint_scores(project, period).set_index("touchpoint_id")["importance"]
    ranked = drivers.ranked.set_index("touchpoint_id")
    both = ranked.join(stated.rename("stated"), how="inner").dropna(subset=["stated"])
    if not len(both):
        return pd.DataFrame(columns=STATED_COLUMNS)
    stated_split = float(both["stated"].astype(float).mean())
    derived_split = drivers.r2 / len(drivers.ranked)
    high_stated = both["stated"].astype(float) >= stated_split - 1e-9
    high_derived = both["weight"] > derived_split
    quadrant = np.select([high_stated & high_derived, ~high_stated & high_derived,
                          high_stated & ~high_derived], QUADRANTS[:3], QUADRANTS[3])
    frame = both.assign(quadrant=quadrant).reset_index()
    frame["stated"] = frame["stated"].astype(float)
    frame.attrs.update(stated_split=stated_split, derived_split=derived_split)
    return frame[STATED_COLUMNS]


def earlier_words(drivers: KeyDrivers, period: str | None, language: str) -> str:
    """" (the latest barometer before 2026-H2)" when `drivers` rest on an earlier period's
    barometer than `period`, else nothing."""
    if drivers.period is None or drivers.period == period:
        return ""
    return say("drivers_earlier", language, review=period)


def missing_reason(project, period: str | None, drivers: KeyDrivers) -> str | None:
    """Why `drivers` ranks nothing: "no_barometer" (no barometer.csv, or no touchpoint column),
    "no_answers" (none dated in `period`), "too_few_respondents", or "too_few_ratings" (each
    touchpoint listed with its own reason); None when it ranks."""
    if drivers.available:
        return None
    if not rated_touchpoints(project):
        return "no_barometer"
    if not len(barometer_rows(project, period)):
        return "no_answers"
    if (drivers.frame["status"] == "too_few_respondents").any():
        return "too_few_respondents"
    return "too_few_ratings"


def drivers_summary(project, period: str | None, drivers: KeyDrivers) -> dict:
    """What `summary.json` says of the key drivers: `key_drivers`, the ranked touchpoints
    strongest first (touchpoint_id, name, stage, rank, weight, low, high, share_of_r2, n), and
    `key_drivers_about`: outcome, the barometer's period, respondents, R² with its interval,
    draws, method, the
    touchpoints listed but not ranked and why, and the reason when nothing is ranked."""
    ranked = drivers.ranked
    about = {
        "outcome": drivers.outcome, "period": drivers.period,
        "respondents": drivers.respondents, "r2": drivers.r2,
        "r2_low": drivers.r2_low, "r2_high": drivers.r2_high, "draws": drivers.draws,
        "confidence": CONFIDENCE,
        "method": "Johnson's relative weights on pairwise correlations; percentile "
                  "bootstrap intervals (Poisson weights)",
        "min_ratings": MIN_RATINGS,
        "unranked": drivers.frame[drivers.frame["status"] != "ranked"][
            ["touchpoint_id", "name", "n", "status"]].to_dict("records"),
        "reason": missing_reason(project, period, drivers),
    }
    return {"key_drivers": ranked[["touchpoint_id", "name", "stage", "rank", "weight", "low",
                                   "high", "share_of_r2", "n"]].to_dict("records"),
            "key_drivers_about": about}


def persona_weights(table: pd.DataFrame, outcome: str = "nps") -> pd.DataFrame:
    """From a `drivers_table`, the weight of each touchpoint for every respondent ("all") and
    per persona, side by side (empty where a group does not rank it), strongest overall first."""
    chosen = table[(table["outcome"] == outcome) & (table["status"] == "ranked")]
    if not len(chosen):
        return pd.DataFrame(columns=["touchpoint_id", "name"])
    wide = chosen.pivot_table(index=["touchpoint_id", "name"], columns="persona_id",
                              values="weight", aggfunc="first", sort=False)
    groups = ["all", *[p for p in chosen["persona_id"].unique() if p != "all"]]
    wide = wide.reindex(columns=[g for g in groups if g in wide.columns])
    wide.columns.name = None
    return wide.sort_values("all" if "all" in wide.columns else wide.columns[0],
                            ascending=False).reset_index()

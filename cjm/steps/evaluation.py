"""Step 4, evaluation: where friction piles up, how moments of truth perform, and the
per-touchpoint metrics table of a review (`metrics.csv`).

A touchpoint is a friction point for a period when its mean workshop scores cross any of
these lines (each scale's thresholds scale with the project's own scales):

- poor satisfaction: at or below 40 % of the way up the satisfaction scale (2.6 on 1-5);
- hard: ease at or below 40 % of the way up the effort scale, effort read in the project's
  direction (3.4 on a 1-7 "higher is easier" scale);
- negative emotion: mean emotion below 0;
- pain points: at least half of the personas who scored it reported one.
"""

from __future__ import annotations

import pandas as pd

from ..labels import label
from .scores import stage_scores, touchpoint_scores
from .survey import survey_metrics
from .touchpoints import planned_ids

THRESHOLD = 0.4  # share of the way up a scale at or below which a score counts as poor
FRICTION_COLUMNS = ["touchpoint_id", "name", "stage", "channel", "moment_of_truth",
                    "satisfaction", "ease", "emotion", "pain_points", "n_personas", "reasons"]
DROP_OFF_COLUMNS = ["stage", "customers", "drop_off", "satisfaction", "ease",
                    "friction_points", "friction"]
DROP_OFF_LINE = 0.15  # a stage losing 15 % or more of its customers before the next one
METRICS_COLUMNS = ["period", "touchpoint_id", "name", "stage", "channel", "moment_of_truth",
                   "satisfaction", "ease", "importance", "emotion", "n_personas", "pain_points",
                   "n_csat", "csat", "csat_low", "csat_high", "csat_mean", "n_ces", "ces_mean",
                   "ces_easy", "n_nps", "nps", "nps_low", "nps_high"]


def friction_points(project, period: str, persona_id: str | None = None) -> pd.DataFrame:
    """Touchpoints whose scores show friction, worst first, with the reasons in words."""
    scores = touchpoint_scores(project, period, persona_id)
    if scores.empty:
        return pd.DataFrame(columns=FRICTION_COLUMNS)
    sat_low, sat_high = project.config.scales.satisfaction
    ease_low, ease_high = project.config.scales.effort
    checks = {
        "poor_satisfaction": scores["satisfaction"] <= sat_low + THRESHOLD * (sat_high - sat_low),
        "hard_to_do": scores["ease"] <= ease_low + THRESHOLD * (ease_high - ease_low),
        "negative_emotion": scores["emotion"] < 0,
        "pain_points_reported": scores["pain_points"] >= scores["n_personas"] / 2,
    }
    flags = pd.DataFrame({name: flag.fillna(False).astype(bool) for name, flag in checks.items()})
    language = project.config.language
    reasons = flags.apply(lambda row: ", ".join(label(name, language)
                                                for name, hit in row.items() if hit), axis=1)
    friction = scores.assign(reasons=reasons, _hits=flags.sum(axis=1))[flags.any(axis=1)]
    friction = friction.sort_values(["_hits", "satisfaction"], ascending=[False, True])
    return friction[FRICTION_COLUMNS].reset_index(drop=True)


def drop_off_friction(project, period: str, analysis) -> pd.DataFrame:
    """Where customers leave and the experience is poor: the event log's funnel (all
    customers) beside each stage's workshop scores and friction points.

    `friction` is True where the drop-off to the next stage reaches DROP_OFF_LINE and the
    stage holds at least one friction point (see `friction_points`), named in
    `friction_points`.
    """
    funnel = analysis.funnel[analysis.funnel["persona_id"] == "all"]
    stages = stage_scores(project, period)[["stage", "satisfaction", "ease"]]
    found = friction_points(project, period)
    named = found.groupby(found["stage"].astype(str))["name"].agg(", ".join)
    table = funnel[["stage", "customers", "drop_off"]].astype({"stage": str}).merge(
        stages.astype({"stage": str}), on="stage", how="left")
    table["friction_points"] = table["stage"].map(named).fillna("")
    leaving = table["drop_off"].astype(float) >= DROP_OFF_LINE
    table["friction"] = (leaving.fillna(False) & (table["friction_points"] != "")).astype(bool)
    return table[DROP_OFF_COLUMNS].reset_index(drop=True)


def moments_of_truth(project, period: str) -> pd.DataFrame:
    """How the moments of truth perform: workshop means and survey CSAT, weakest first."""
    table = metrics_table(project, period)
    table = table[table["moment_of_truth"].fillna(False).astype(bool)]
    return table.sort_values("satisfaction", na_position="last").reset_index(drop=True)


def metrics_table(project, period: str) -> pd.DataFrame:
    """One row per touchpoint: workshop means and survey metrics for `period` (metrics.csv)."""
    columns = ["touchpoint_id", "name", "stage", "channel", "moment_of_truth"]
    scores = touchpoint_scores(project, period).drop(columns=columns[1:])
    survey = survey_metrics(project, by=("touchpoint_id",), period=period).drop(columns="name")
    existing = project.touchpoints[~project.touchpoints["touchpoint_id"].isin(
        planned_ids(project))]  # a touchpoint the plan introduces has no figures yet
    table = (existing[columns].merge(scores, on="touchpoint_id", how="left")
             .merge(survey, on="touchpoint_id", how="left"))
    table.insert(0, "period", period)
    return table[METRICS_COLUMNS]

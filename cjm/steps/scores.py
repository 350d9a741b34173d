"""The evaluation journal: current scores per (period, persona, touchpoint), and their summaries.

The journal is append-only; the current score of a (period, persona, touchpoint) is its latest
row (by `recorded_at`, then by position in the file). With several assessors, each assessor's
latest row counts and the scores are averaged (`by_assessor=True` keeps them apart).

Effort is also given as `ease`, oriented so that higher is always easier whatever the project's
`effort_direction`: code that compares effort uses `ease` and never mixes directions.

Rows are never rewritten, so rows that no longer fit the project (a touchpoint since removed from
touchpoints.csv, a value outside a scale changed since) stay in the journal: validation warns
about them (`misfits` lists them), and the scores leave them out (`fitting`).
"""

from __future__ import annotations

import pandas as pd

from ..messages import tr
from ..periods import sort_periods
from ..project.digests import frame_digest

KEYS = ["period", "persona_id", "touchpoint_id"]
SCORES = ["satisfaction", "effort", "ease", "importance", "emotion"]
SCALED = ["satisfaction", "effort", "importance", "emotion"]  # journal columns with a scale
MISFIT_COLUMNS = ["period", "persona_id", "touchpoint_id", "assessor", "recorded_at", "column",
                  "value", "problem"]


def ease_of(effort: pd.Series, config) -> pd.Series:
    """Effort scores turned into ease (higher = easier) on the same scale."""
    low, high = config.scales.effort
    if config.effort_direction == "higher_is_easier":
        return effort.astype("Float64")
    return (low + high - effort).astype("Float64")


def misfits(project, journal: pd.DataFrame | None = None) -> pd.DataFrame:
    """Journal values the scores leave out: one row per value outside its scale, and one per
    row whose touchpoint is not in touchpoints.csv (column "touchpoint_id")."""
    journal = project.evaluations if journal is None else journal
    known = set(project.touchpoints["touchpoint_id"])
    records = []
    for row in journal.itertuples(index=False):
        base = [row.period, row.persona_id, row.touchpoint_id,
                "" if pd.isna(row.assessor) else row.assessor, row.recorded_at]
        if row.touchpoint_id not in known:
            records.append(base + ["touchpoint_id", row.touchpoint_id,
                                   tr("no longer in touchpoints.csv")])
            continue
        for column in SCALED:
            value = getattr(row, column)
            low, high = getattr(project.config.scales, column)
            if pd.notna(value) and not low <= value <= high:
                records.append(base + [column, value, tr(
                    "outside the {column} scale {low} to {high}", column=column, low=low,
                    high=high)])
    return pd.DataFrame(records, columns=MISFIT_COLUMNS)


def fitting(project, journal: pd.DataFrame | None = None) -> pd.DataFrame:
    """The journal as the scores use it: rows of known touchpoints, values within scale."""
    journal = project.evaluations if journal is None else journal
    journal = journal[journal["touchpoint_id"].isin(set(project.touchpoints["touchpoint_id"]))]
    masked = {}
    for column in SCALED:
        low, high = getattr(project.config.scales, column)
        values = journal[column]
        masked[column] = values.where(values.isna() | values.between(low, high))
    return journal.assign(**masked)


def journal_periods(project) -> list[str]:
    """Periods that have at least one evaluation, oldest first."""
    return sort_periods(project.evaluations["period"].dropna().unique())


def latest_period(project) -> str | None:
    """The most recent period with evaluations, or None for an empty journal."""
    periods = journal_periods(project)
    return periods[-1] if periods else None


def current_scores(project, period: str | None = None, *, by_assessor: bool = False
                   ) -> pd.DataFrame:
    """Current score of each (period, persona, touchpoint), one row each.

    Columns: period, persona_id, touchpoint_id, satisfaction, effort, ease, importance,
    emotion, thought, pain_point, assessors (count), recorded_at (latest), plus the
    touchpoint's stage, channel, name and moment_of_truth. `period=None` keeps every period.

    A step asks for the same scores several times (each chart, each table): the last KEPT
    are kept for the process, keyed by a digest of the journal, the touchpoints and the
    settings, so an edited table is never answered from an older one.
    """
    key = (frame_digest(project.evaluations), frame_digest(project.touchpoints),
           project.config.model_dump_json(), period, by_assessor)
    if key not in _KEPT:
        _KEPT[key] = _current_scores(project, period, by_assessor)
        while len(_KEPT) > KEPT:
            _KEPT.pop(next(iter(_KEPT)))
    return _KEPT[key].copy()


KEPT = 16  # current scores kept per process: a step asks for the same ones several times
_KEPT: dict[tuple, pd.DataFrame] = {}


def _current_scores(project, period: str | None, by_assessor: bool) -> pd.DataFrame:
    journal = fitting(project)
    if period is not None:
        journal = journal[journal["period"] == period]
    keys = KEYS + (["assessor"] if by_assessor else [])
    journal = journal.assign(assessor=journal["assessor"].fillna(""),
                             ease=ease_of(journal["effort"], project.config))
    latest = (journal.reset_index(names="_order")
              .sort_values(["recorded_at", "_order"], kind="stable")
              .groupby(KEYS + ["assessor"], sort=False).tail(1))
    if by_assessor:
        scores = latest.drop(columns="_order")
        scores = scores.assign(assessors=1)
    else:
        groups = latest.groupby(KEYS, sort=False)
        numbers = groups[SCORES].mean()
        texts = groups.agg(  # "last" skips missing texts: the latest thought anyone gave
            thought=("thought", "last"), pain_point=("pain_point", "last"),
            assessors=("assessor", "nunique"), recorded_at=("recorded_at", "max"))
        scores = numbers.join(texts).reset_index()
    columns = ["touchpoint_id", "stage", "channel", "name", "moment_of_truth"]
    scores = scores.merge(project.touchpoints[columns], on="touchpoint_id", how="left")
    order = {label: i for i, label in enumerate(sort_periods(scores["period"].unique()))}
    scores = scores.sort_values(["period", "stage", "touchpoint_id", "persona_id"],
                                key=lambda s: s.map(order) if s.name == "period" else s)
    return scores[[*keys, *SCORES, "thought", "pain_point", "assessors", "recorded_at",
                   *columns[1:]]].reset_index(drop=True)


def touchpoint_scores(project, period: str, persona_id: str | None = None) -> pd.DataFrame:
    """Mean current scores per touchpoint for a period (one persona, or all personas).

    Columns: touchpoint_id, stage, channel, name, moment_of_truth, the SCORES, n_personas,
    pain_points (count of personas reporting one). Touchpoints without scores are left out.
    """
    scores = current_scores(project, period)
    if persona_id is not None:
        scores = scores[scores["persona_id"] == persona_id]
    grouped = scores.groupby("touchpoint_id", sort=False)
    summary = grouped[SCORES].mean().join(grouped.agg(
        n_personas=("persona_id", "nunique"),
        pain_points=("pain_point", lambda s: int(s.notna().sum()))))
    columns = ["touchpoint_id", "stage", "channel", "name", "moment_of_truth"]
    summary = project.touchpoints[columns].merge(summary.reset_index(), on="touchpoint_id")
    return summary.sort_values(["stage", "touchpoint_id"]).reset_index(drop=True)


def stage_scores(project, period: str, persona_id: str | None = None) -> pd.DataFrame:
    """Mean current scores per stage, in stage order, with the number of scored touchpoints
    and of pain points. Stages without scores are kept with empty values."""
    scores = touchpoint_scores(project, period, persona_id)
    grouped = scores.groupby("stage", observed=False)
    summary = grouped[SCORES].mean().join(grouped.agg(
        touchpoints=("touchpoint_id", "nunique"), pain_points=("pain_points", "sum")))
    return summary.reset_index()


def assessor_spread(project, period: str, persona_id: str | None = None) -> pd.DataFrame:
    """Where the assessors disagree: per persona and touchpoint scored by two or more people,
    each score's lowest and highest current value and their range, widest range first.

    Columns: persona_id, touchpoint_id, name, stage, assessors, then <score>_min, <score>_max
    and <score>_range for satisfaction, ease, importance and emotion, and spread: the largest
    range as a share of its scale (0 = everyone agrees, 1 = opposite ends).
    """
    scores = current_scores(project, period, by_assessor=True)
    if persona_id is not None:
        scores = scores[scores["persona_id"] == persona_id]
    columns = ["satisfaction", "ease", "importance", "emotion"]
    grouped = scores.groupby(["persona_id", "touchpoint_id"], sort=False)
    frame = grouped.agg(assessors=("assessor", "nunique"),
                        name=("name", "first"), stage=("stage", "first"))
    shares = []
    for column in columns:
        low, high = getattr(project.config.scales, "effort" if column == "ease" else column)
        frame[f"{column}_min"] = grouped[column].min()
        frame[f"{column}_max"] = grouped[column].max()
        frame[f"{column}_range"] = frame[f"{column}_max"] - frame[f"{column}_min"]
        shares.append(frame[f"{column}_range"] / (high - low))
    frame["spread"] = pd.concat(shares, axis=1).max(axis=1).astype("Float64")
    frame = frame[frame["assessors"] >= 2].reset_index()
    frame = frame.sort_values(["spread", "persona_id", "touchpoint_id"],
                              ascending=[False, True, True], na_position="last")
    ordered = ["persona_id", "touchpoint_id", "name", "stage", "assessors"] + [
        f"{c}_{part}" for c in columns for part in ("min", "max", "range")] + ["spread"]
    return frame[ordered].reset_index(drop=True)

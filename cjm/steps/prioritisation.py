"""Step 5, prioritisation: importance-performance analysis, touchpoint priority, action plan.

Touchpoint priority (0-100) of each touchpoint scored in a period, from its workshop means
(`cjm.steps.scores.touchpoint_scores`) and the project's scales. Each component is scaled to 0-1:

    gap               = (sat_max - satisfaction) / (sat_max - sat_min)
    importance_c      = (importance - imp_min) / (imp_max - imp_min); or, with
                        `key_drivers: {importance: derived}` in project.yaml, the touchpoint's
                        key driver weight on NPS over the strongest driver's (from the
                        period's barometer; `importance_source` says which one counted)
    reach             = log(1 + volume) / log(1 + largest volume among the scored
                        touchpoints), when both are known; else the summed share of the
                        personas the touchpoint applies to (`reach_source` says which).
                        Volumes span orders of magnitude (a newsletter sent 900,000 times, a
                        checkout used 30,000 times): on a linear scale the largest would crush
                        every other touchpoint, so reach compares orders of magnitude.
    moment_of_truth_c = 1 for a moment of truth, else 0
    effort_c          = (ease_max - ease) / (ease_max - ease_min)   (1 = hardest)

    w_<component> = weight x component, weights from `priority` in project.yaml scaled to sum 1
    priority      = 100 x sum of the w_ columns

A component that cannot be computed (e.g. no satisfaction score) stays empty in its column and
counts 0 in the priority. Rank 1 is the most urgent; ties go to the larger gap, then to the
smaller touchpoint_id.

Actions are ranked by one score that follows the touchpoint priority, so that a manager reads
one ranking: value for money on the touchpoints that need it most,

    score = touchpoint priority x (impact / 5) x confidence / cost        (0-100, cost 1-5)

An action across the whole journey (no touchpoint) takes the mean priority of the scored
touchpoints; an action on a touchpoint not scored in the period takes that mean too, flagged in
`priority_assumed`. A missing confidence counts as 0.5, flagged in `confidence_assumed`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..messages import tr
from .drivers import derived_importance, key_drivers
from .scores import touchpoint_scores

QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")
SPLITS = ("means", "midpoints")
IPA_COLUMNS = ["touchpoint_id", "name", "stage", "channel", "moment_of_truth", "importance",
               "satisfaction", "quadrant"]
# priority weight -> component column
COMPONENTS = {"gap": "gap", "importance": "importance_c", "reach": "reach",
              "moment_of_truth": "moment_of_truth_c", "effort": "effort_c"}
PRIORITY_COLUMNS = [
    "touchpoint_id", "name", "stage", "channel", "owner", "moment_of_truth", "satisfaction",
    "ease", "importance", "volume", "reach", "reach_source", "gap", "importance_c",
    "importance_source",
    "moment_of_truth_c", "effort_c", *(f"w_{key}" for key in COMPONENTS), "priority", "rank"]
CLOSED_STATUSES = ("done", "dropped")
DEFAULT_CONFIDENCE = 0.5
MAX_IMPACT = 5
ACTION_COLUMNS = [
    "rank", "action_id", "title", "touchpoint_id", "touchpoint", "stage", "owner", "status",
    "due", "overdue", "touchpoint_priority", "priority_assumed", "impact", "confidence",
    "confidence_assumed", "cost", "score"]
OVERDUE_COLUMNS = ["action_id", "title", "touchpoint_id", "owner", "status", "due",
                   "days_overdue"]
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class IPA:
    """An importance-performance analysis: the points and where the quadrants split."""

    frame: pd.DataFrame
    importance_split: float
    satisfaction_split: float
    split: str

    @property
    def crosshair(self) -> dict:
        """Where the quadrants split and by which rule (saved as ipa.json)."""
        rule = ("the means of the points, held within the middle half of each scale"
                if self.split == "means" else "the middle of each scale")
        return {"split": self.split, "importance": self.importance_split,
                "satisfaction": self.satisfaction_split, "rule": rule}


def ipa(project, period: str, persona_id: str | None = None, split: str = "means") -> IPA:
    """Importance (x) against satisfaction (y) of the touchpoints scored in `period`.

    `split="midpoints"` splits at the middle of each scale. `split="means"` splits at the
    means of the plotted points, held within the middle half of each scale (from a quarter to
    three quarters of the way up): on a small or skewed project the mean can sit near an end
    of a scale, and a touchpoint at 1 of 5 in satisfaction and 4 of 5 in importance would then
    read "low priority". With the hold, a point in the top quarter of importance is always
    important, one in the bottom quarter of satisfaction always poor (and the reverse).
    A point on the importance split counts as important and a point on the satisfaction split
    as poor: a tie leans to attention. Touchpoints lacking either score are left out.
    """
    if split not in SPLITS:
        raise ArgumentError(tr("`split` must be 'means' or 'midpoints', not {split}",
                               split=repr(split)))
    points = touchpoint_scores(project, period, persona_id).dropna(
        subset=["importance", "satisfaction"])
    scales = project.config.scales
    if split == "means":
        importance_split = _held(_mean(points["importance"]), scales.importance)
        satisfaction_split = _held(_mean(points["satisfaction"]), scales.satisfaction)
    else:
        importance_split, satisfaction_split = (sum(scales.importance) / 2,
                                                sum(scales.satisfaction) / 2)
    quadrant = quadrants(points["importance"], points["satisfaction"], importance_split,
                         satisfaction_split)
    frame = points.assign(quadrant=quadrant)[IPA_COLUMNS].reset_index(drop=True)
    return IPA(frame, importance_split, satisfaction_split, split)


IPA_NAMED = 30  # points an IPA chart or slide names at most


def ipa_first(quadrant, importance, satisfaction, importance_split: float,
              satisfaction_split: float, most: int = IPA_NAMED, *, distinct: bool = False
              ) -> tuple[np.ndarray, int]:
    """The IPA points that call for attention first, to be named on a chart: the positions
    of all of them, or of `most` when there are more ("concentrate here" first, then
    "possible overkill", "keep up the good work" and "low priority", each the farthest from
    the crosshair first), in their order; and how many are left out. `distinct`: one point
    per place, for a chart that cannot move labels apart (the first there in that order)."""
    x, y = (np.asarray(values, float) for values in (importance, satisfaction))
    rank = pd.Series(np.asarray(quadrant, object)).map({key: i for i, key in enumerate(
        ("concentrate_here", "possible_overkill", "keep_up", "low_priority"))}).to_numpy(float)
    spans = [max(np.ptp(v), 1e-9) if len(v) else 1.0 for v in (x, y)]
    distance = np.hypot((x - importance_split) / spans[0], (y - satisfaction_split) / spans[1])
    order = np.lexsort([-distance, rank])  # by quadrant, then the farthest first
    if distinct:
        _, first = np.unique(np.column_stack([x, y])[order], axis=0, return_index=True)
        order = order[np.sort(first)]
    chosen = np.sort(order[:most])
    return chosen, len(x) - len(chosen)


def quadrants(importance: pd.Series, satisfaction: pd.Series, importance_split: float,
              satisfaction_split: float) -> pd.Series:
    """The IPA quadrant of each point (ties: important, and poor)."""
    important = importance.astype(float) >= importance_split - _TOLERANCE
    good = satisfaction.astype(float) > satisfaction_split + _TOLERANCE
    names = np.select([important & ~good, important & good, ~important & ~good],
                      QUADRANTS[:3], QUADRANTS[3])
    return pd.Series(names, index=importance.index, dtype=object)


def touchpoint_priorities(project, period: str) -> pd.DataFrame:
    """Priority of each touchpoint scored in `period`, every component shown, most urgent
    first (see the module docstring for the formula)."""
    return weigh_priorities(priority_components(project, period),
                            project.config.priority.model_dump())


def priority_components(project, period: str) -> pd.DataFrame:
    """The touchpoints scored in `period` with their priority components (0-1), unweighted:
    what `weigh_priorities` ranks under any weights without reading the scores again."""
    scores = touchpoint_scores(project, period)
    details = project.touchpoints[["touchpoint_id", "owner", "volume"]]
    frame = scores.merge(details, on="touchpoint_id", how="left")
    max_volume = frame["volume"].max()
    reach, source = touchpoint_reach(project, frame["touchpoint_id"], max_volume)
    frame = frame.assign(reach=reach.set_axis(frame.index), reach_source=source.set_axis(
        frame.index), **_components(frame, project.config))
    return _importance(project, period, frame)


def _importance(project, period: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`importance_c` from the barometer's key drivers when project.yaml asks for derived
    importance (`key_drivers: {importance: derived}`): the touchpoint's weight on NPS over the
    strongest driver's; a touchpoint the barometer does not rank keeps its stated importance.
    `importance_source` says which each touchpoint took."""
    source = pd.Series("stated", index=frame.index, dtype=object)
    source[frame["importance_c"].isna()] = None
    if project.config.key_drivers.importance == "derived":
        derived = derived_importance(key_drivers(project, period, draws=0))
        found = frame["touchpoint_id"].map(derived)
        known = found.notna()
        frame["importance_c"] = frame["importance_c"].where(~known, found.astype("Float64"))
        source[known] = "derived"
    return frame.assign(importance_source=source)


def weigh_priorities(components: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """`components` (from `priority_components`) weighted and ranked; `weights` are the
    priority weights, scaled here to sum 1 (all 0 or none: nothing is ranked)."""
    total = sum(float(weights.get(key, 0)) for key in COMPONENTS)
    frame = components.copy()
    for key, column in COMPONENTS.items():
        share = float(weights.get(key, 0)) / total if total > 0 else 0.0
        frame[f"w_{key}"] = share * frame[column]
    weighted = frame[[f"w_{key}" for key in COMPONENTS]]
    frame["priority"] = (100 * weighted.sum(axis=1)).astype("Float64")
    if total <= 0:
        frame = frame.iloc[0:0]
    frame = _ranked(frame, ["priority", "gap", "touchpoint_id"], [False, False, True])
    return frame[PRIORITY_COLUMNS]


def touchpoint_reach(project, touchpoint_ids, max_volume) -> tuple[pd.Series, pd.Series]:
    """Reach (0-1) of each touchpoint and its source ("volume" or "persona_share").

    log(1 + volume) / log(1 + `max_volume`) (capped at 1) when both are known and
    `max_volume` > 0, else the summed share of the personas it applies to (capped at 1; empty
    when no share is known).
    """
    touchpoints = project.touchpoints.set_index("touchpoint_id").reindex(list(touchpoint_ids))
    if pd.notna(max_volume) and max_volume > 0:
        volume = touchpoints["volume"].astype("Float64")
        by_volume = (np.log1p(volume) / np.log1p(float(max_volume))).clip(upper=1)
    else:
        by_volume = pd.Series(pd.NA, index=touchpoints.index, dtype="Float64")
    shares = project.personas.set_index("persona_id")["share"]
    by_share = touchpoints["personas"].map(lambda ids: _share(shares, ids)).astype("Float64")
    reach = by_volume.where(by_volume.notna(), by_share)
    source = pd.Series(np.where(by_volume.notna(), "volume",
                                np.where(by_share.notna(), "persona_share", None)),
                       index=touchpoints.index, dtype=object)
    return reach, source


def overdue_actions(project, today: dt.date | None = None) -> pd.DataFrame:
    """Open actions (not done, not dropped) whose due date has passed, most overdue first,
    as of `today` (default: the current date)."""
    today = pd.Timestamp(today or dt.date.today())
    actions = project.actions
    late = actions[~actions["status"].isin(CLOSED_STATUSES) & (actions["due"] < today)
                   .fillna(False).astype(bool)]
    late = late.assign(days_overdue=(today - late["due"]).dt.days.astype("int64"))
    return late.sort_values(["days_overdue", "action_id"], ascending=[False, True])[
        OVERDUE_COLUMNS].reset_index(drop=True)


def rank_actions(project, priorities: pd.DataFrame, today: dt.date | None = None
                 ) -> pd.DataFrame:
    """Open actions ranked by score = touchpoint priority x (impact / 5) x confidence / cost
    (see the module docstring).

    `priorities` is `touchpoint_priorities` of the period. `overdue` is True for an action
    whose due date is before `today` (default: the current date). Done and dropped actions are
    left out (the plan is what is still to do). An action without impact or cost, or any
    action while no touchpoint is scored, gets no score and ranks last. Ties go to the higher
    touchpoint priority, then to the smaller action_id.
    """
    actions = project.actions
    actions = actions[~actions["status"].isin(CLOSED_STATUSES)]
    touchpoints = project.touchpoints.set_index("touchpoint_id")
    scored = priorities.set_index("touchpoint_id")["priority"].astype("Float64")
    journey = scored.mean() if len(scored) else pd.NA
    priority = actions["touchpoint_id"].map(scored).astype("Float64")
    assumed = actions["touchpoint_id"].notna() & priority.isna() & bool(len(scored))
    priority = priority.fillna(journey)
    confidence_assumed = actions["confidence"].isna()
    frame = pd.DataFrame({
        "action_id": actions["action_id"], "title": actions["title"],
        "touchpoint_id": actions["touchpoint_id"],
        "touchpoint": actions["touchpoint_id"].map(touchpoints["name"]),
        "stage": pd.Categorical(actions["touchpoint_id"].map(touchpoints["stage"]),
                                categories=project.stages, ordered=True),
        "owner": actions["owner"], "status": actions["status"], "due": actions["due"],
        "overdue": (actions["due"] < pd.Timestamp(today or dt.date.today())).fillna(False)
        .astype(bool),
        "touchpoint_priority": priority, "priority_assumed": assumed.astype(bool),
        "impact": actions["impact"], "confidence": actions["confidence"].fillna(
            DEFAULT_CONFIDENCE).astype("Float64"),
        "confidence_assumed": confidence_assumed.astype(bool), "cost": actions["cost"],
    })
    frame["score"] = (frame["touchpoint_priority"] * frame["impact"] / MAX_IMPACT
                      * frame["confidence"] / frame["cost"]).astype("Float64")
    frame = _ranked(frame, ["score", "touchpoint_priority", "action_id"], [False, False, True])
    return frame[ACTION_COLUMNS]


def _components(frame: pd.DataFrame, config) -> dict[str, pd.Series]:
    scales = config.scales
    return {
        "gap": _scaled(frame["satisfaction"], scales.satisfaction, reverse=True),
        "importance_c": _scaled(frame["importance"], scales.importance),
        "moment_of_truth_c": frame["moment_of_truth"].fillna(False).astype("Float64"),
        "effort_c": _scaled(frame["ease"], scales.effort, reverse=True),
    }


def _scaled(values: pd.Series, scale, reverse: bool = False) -> pd.Series:
    """`values` on `scale` mapped to 0-1 (`reverse`: the top of the scale gives 0)."""
    low, high = scale
    scaled = (values.astype("Float64") - low) / (high - low)
    return (1 - scaled if reverse else scaled).clip(0, 1)


def _share(shares: pd.Series, persona_ids) -> float | None:
    """Summed share of the personas (an empty list = all), capped at 1; None if unknown."""
    if not isinstance(persona_ids, list):
        return None
    chosen = shares if not persona_ids else shares.reindex(persona_ids)
    total = chosen.sum(min_count=1)
    return None if pd.isna(total) else min(float(total), 1.0)


def _ranked(frame: pd.DataFrame, keys: list[str], ascending: list[bool]) -> pd.DataFrame:
    """`frame` sorted on `keys` (numbers compared to 9 decimals, blanks last), with `rank`."""
    sort_keys = {f"_{key}": frame[key].astype(float).round(9) if key != keys[-1] else frame[key]
                 for key in keys}
    frame = frame.assign(**sort_keys).sort_values(list(sort_keys), ascending=ascending,
                                                  na_position="last", kind="stable")
    frame = frame.drop(columns=list(sort_keys)).reset_index(drop=True)
    return frame.assign(rank=np.arange(1, len(frame) + 1, dtype="int64"))


def _held(mean: float, scale) -> float:
    """`mean` held within the middle half of `scale` (NaN stays NaN)."""
    low, high = scale
    quarter = (high - low) / 4
    return mean if np.isnan(mean) else float(min(max(mean, low + quarter), high - quarter))


def _mean(values: pd.Series) -> float:
    return float(values.astype(float).mean()) if len(values) else float("nan")

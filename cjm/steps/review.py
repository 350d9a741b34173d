"""What changed between two reviews: touchpoint by touchpoint, actions done, what needs attention.

A review of period P compares the project with a baseline: the previous review's frozen copy
of the tables, or the same project's rows of an earlier period (`previous` is then the same
object), or nothing on a first review (`previous=None`).

Status of a touchpoint, decided in this order:
- "retired": absent from the current touchpoints table (basis "listing"), or still listed but
  scored before and not in P (basis "scoring"); `listed_after` tells the two apart;
- "unscored": listed, but scored in neither period;
- "new": scored in P and absent from the baseline's touchpoints table (basis "listing"), listed
  but not scored then (basis "scoring"), or there is no baseline (basis "first review");
- "improved" / "worsened": with a usable survey sample on both sides (at least `min_responses`
  CSAT answers each), when the CSAT change is significant (two-proportion test, p < alpha) in
  that direction (basis "survey"); without one, when the workshop satisfaction moved by at
  least `min_delta` (basis "workshop"). A usable survey sample decides alone: when it disagrees
  with the workshop, the survey wins, and a change it does not confirm is "stable";
- "stable": otherwise.
"Scored" means a workshop score or at least one CSAT answer in the period.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from .. import periods
from ..errors import UsageError
from ..events.progress import behaviour_summary, behavioural_drivers
from ..labels import label
from ..labels.numbers import num, pct
from ..messages import tr
from ..periods import in_period, is_period, period_key, previous_period
from ..project.config import CONFIG_FILE
from ..project.model import load_project
from ..project.schemas import ACTION_STATUSES
from ..project.writers import plain
from .drivers import drivers_summary, key_drivers
from .prioritisation import overdue_actions
from .scores import touchpoint_scores
from .survey import (
    answers_by_journey,
    kpi_changes,
    overall_metrics,
    survey_metrics,
    two_proportion_test,
)
from .touchpoints import current_journey

STATUSES = ("new", "improved", "stable", "worsened", "retired", "unscored")
PLACE = ["touchpoint_id", "name", "stage", "channel", "moment_of_truth"]
COLUMNS = [*PLACE, "listed_before", "listed_after",
           "satisfaction_before", "satisfaction_after", "satisfaction_delta",
           "ease_before", "ease_after", "ease_delta",
           "n_csat_before", "n_csat_after", "csat_before", "csat_after", "csat_delta",
           "csat_p", "csat_significant",
           "n_nps_before", "n_nps_after", "nps_before", "nps_after", "nps_delta",
           "status", "basis"]
MIN_DELTA = 0.5  # workshop satisfaction change that counts, without a usable survey sample
ALPHA = 0.05  # significance of a CSAT change (two-proportion test)
MIN_RESPONSES = 30  # CSAT answers on each side for the survey to decide
TOP_PRIORITIES = 5  # priorities that need attention until they improve


def compare_touchpoints(current, period: str, previous, previous_period: str | None, *,
                        min_delta: float = MIN_DELTA, alpha: float = ALPHA,
                        min_responses: int = MIN_RESPONSES
                        ) -> pd.DataFrame:
    """One row per touchpoint listed in either project: its scores before and after, and its
    status (see the module docstring for the rules).

    Workshop scores (satisfaction, ease) are means over personas from `cjm.steps.scores`; CSAT and
    NPS come from the survey responses dated within each period. `csat_p` is the two-sided p of
    the two-proportion test (nan without answers on both sides); `csat_significant` is True
    when both samples are usable and p < alpha.
    """
    periods.parse_period(period)
    if previous is not None:
        if previous_period is None:
            raise UsageError(tr("previous_period is needed when a previous project is given"))
        periods.parse_period(previous_period)
    after = _side(current, period).add_suffix("_after")
    before = _side(previous, previous_period).add_suffix("_before")
    table = _listing(current, previous).join(after, on="touchpoint_id").join(
        before, on="touchpoint_id")
    table = _deltas(table, alpha, min_responses)
    decided = [_status(row, previous is not None, min_delta, min_responses)
               for row in table.itertuples(index=False)]
    table["status"] = [status for status, _ in decided]
    table["basis"] = pd.array([basis for _, basis in decided], dtype="string")
    return table.sort_values(["stage", "touchpoint_id"]).reset_index(drop=True)[COLUMNS]


def actions_since(current, period: str, previous, previous_period: str | None = None, *,
                  comparison: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actions done since the baseline, with their touchpoint's scores before and after
    (arguments in the order of `compare_touchpoints`).

    Done now and either not done in `previous`'s actions table, or due (for a done action: when
    it was completed) after `previous_period` and no later than `period`: a baseline frozen
    after the action was closed still counts it in the period it was completed. When there is
    no separate baseline (`previous` is None, or holds the same tables: same object or same
    folder), done and created no later than `period` (actions without a created_period are
    left out).
    `previous_period` defaults to the period just before `period`; `comparison` is
    `compare_touchpoints`' result when the caller already has it.
    """
    previous_period = previous_period or periods.previous_period(period)
    actions = current.actions[current.actions["status"] == "done"]
    if previous is None or _same_tables(current, previous):
        keep = pd.Series([pd.notna(label) and _no_later(label, period)
                          for label in actions["created_period"]], index=actions.index,
                         dtype=bool)
        actions = actions[keep]
    else:
        done_before = previous.actions.loc[previous.actions["status"] == "done", "action_id"]
        after = pd.Timestamp(periods.parse_period(previous_period)[1]) + pd.Timedelta(days=1)
        until = pd.Timestamp(periods.parse_period(period)[1]) + pd.Timedelta(days=1)
        completed_now = (actions["due"] >= after) & (actions["due"] < until)
        actions = actions[~actions["action_id"].isin(done_before)
                          | completed_now.fillna(False).astype(bool)]
    if comparison is None:
        comparison = compare_touchpoints(current, period, previous, previous_period)
    effects = comparison[["touchpoint_id", "name", "satisfaction_before", "satisfaction_after",
                          "satisfaction_delta", "csat_before", "csat_after", "csat_delta",
                          "csat_significant", "status"]]
    effects = effects.rename(columns={"status": "touchpoint_status"})
    columns = ["action_id", "title", "touchpoint_id", "owner", "due", "created_period"]
    return actions[columns].merge(effects, on="touchpoint_id", how="left").reset_index(drop=True)


def next_review_due(period: str, every_months: int) -> dt.date:
    """When the next review is due: the last day of the month `every_months` months after
    the period's last month (2026-H1 and 6 months -> 2026-12-31, the end of the next half)."""
    if every_months < 1:
        raise UsageError(tr("every_months must be 1 or more, not {value}",
                            value=repr(every_months)))
    _, last = periods.parse_period(period)
    years, month_index = divmod(last.month - 1 + every_months, 12)  # month_index: 0 = January
    return _month_end(last.year + years, month_index + 1)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def needs_attention(comparison: pd.DataFrame, priorities: pd.DataFrame | None = None,
                    top: int = 8, *, friction: pd.DataFrame | None = None,
                    top_priorities: int = TOP_PRIORITIES, language: str = "en") -> pd.DataFrame:
    """The touchpoints that need attention, at most `top`, each with its reasons; never padded.

    A touchpoint is listed when it worsened (largest satisfaction drop, then CSAT drop, first),
    when it is a friction point of the period (`friction`, from
    `cjm.steps.evaluation.friction_points`: poor satisfaction, hard, negative emotion, pain
    points, in the project's words),
    or when it is among the `top_priorities` of `priorities` (a frame with touchpoint_id and
    rank, as from `cjm.steps.prioritisation.touchpoint_priorities`) and did not improve. Improved
    touchpoints that are neither friction points nor top priorities are never listed, and
    retired and unscored ones are left out. A touchpoint listed for several reasons is listed
    once, with all of them.
    """
    live = comparison[~comparison["status"].isin(["retired", "unscored"])]
    by_id = live.set_index("touchpoint_id", drop=False)
    reasons: dict[str, list[str]] = {}
    worsened = live[live["status"] == "worsened"].sort_values(
        ["satisfaction_delta", "csat_delta"], na_position="last")
    for row in worsened.itertuples(index=False):
        reasons.setdefault(row.touchpoint_id, []).append(_worse_reason(row, language))
    if friction is not None:
        for tp_id, why in zip(friction["touchpoint_id"], friction["reasons"], strict=True):
            if tp_id in by_id.index:
                reasons.setdefault(tp_id, []).append(
                    label("reason_friction", language).format(reasons=why))
    if priorities is not None:
        for tp_id, rank in _ranked(priorities)[:top_priorities]:
            if tp_id in by_id.index and by_id.loc[tp_id, "status"] != "improved":
                reasons.setdefault(tp_id, []).append(
                    label("reason_priority", language).format(rank=rank))
    columns = ["touchpoint_id", "name", "stage", "status", "moment_of_truth",
               "satisfaction_after", "csat_after", "reason"]
    records = [{**{column: by_id.loc[tp_id, column] for column in columns[:-1]},
                "reason": "; ".join(why)} for tp_id, why in reasons.items()]
    return pd.DataFrame(records[:top], columns=columns)


def _ranked(priorities: pd.DataFrame) -> list[tuple[str, int]]:
    """(touchpoint_id, rank) in rank order (by `rank` when the frame has one, else its order)."""
    if "rank" in priorities:
        priorities = priorities.sort_values("rank")
        ranks = [int(rank) for rank in priorities["rank"]]
    else:
        ranks = list(range(1, len(priorities) + 1))
    return list(zip(priorities["touchpoint_id"], ranks, strict=True))


def review_summary(current, period: str, previous, previous_period: str | None, *,
                   comparison: pd.DataFrame | None = None, done: pd.DataFrame | None = None,
                   attention: pd.DataFrame | None = None,
                   priorities: pd.DataFrame | None = None, today: dt.date | None = None,
                   drivers=None, behaviour: pd.DataFrame | None = None) -> dict:
    """The review's machine-readable summary (`summary.json`): plain Python types only,
    missing numbers as None. "top_priorities" are the first TOP_PRIORITIES rows of
    `priorities` (from `cjm.steps.prioritisation.touchpoint_priorities`; empty without it).
    Overdue actions are those open past their due date on `today` ("as_of", default: the
    current date).

    `comparison`, `done` and `attention` are the results of compare_touchpoints,
    actions_since and needs_attention when the caller already has them (so the summary says
    exactly what the review shows); they are computed otherwise. So are `drivers` (the
    period's key drivers of NPS, `cjm.steps.drivers.key_drivers`) and `behaviour`
    (`cjm.events.progress.behavioural_drivers` of the period): "key_drivers" lists the ranked
    touchpoints, strongest first, "key_drivers_about" how they were derived,
    "priority_importance" which importance the priority score used, "behavioural_drivers" the
    touchpoints where meeting them goes with leaving or with going on, "answers_by_journey"
    the NPS of answers whose customer the log holds, by how far they went.
    """
    if comparison is None:
        comparison = compare_touchpoints(current, period, previous, previous_period)
    if done is None:
        done = actions_since(current, period, previous, previous_period,
                             comparison=comparison)
    if attention is None:
        attention = needs_attention(comparison, language=current.config.language)
    today = today or dt.date.today()
    if drivers is None:
        drivers = key_drivers(current, period)
    if behaviour is None:
        behaviour = behavioural_drivers(current, window=period)
    changes = comparison[~comparison["status"].isin(["stable", "unscored"])]
    unscored = comparison[comparison["status"] == "unscored"]
    summary = {
        "period": period,
        "previous_period": previous_period if previous is not None else None,
        # what the review compares with: an earlier review's frozen tables, or the project's
        # own tables (no earlier review), or nothing (a first review)
        "compared_with": None if previous is None else
        "tables" if previous is current else "review",
        "counts": _counts(current, period),
        "scores": _scores(current, period),
        "previous_scores": _scores(previous, previous_period) if previous is not None else None,
        "changes": [{"touchpoint_id": row.touchpoint_id, "name": row.name,
                     "status": row.status, "basis": row.basis,
                     "satisfaction_delta": row.satisfaction_delta,
                     "csat_delta": row.csat_delta, "significant": row.csat_significant}
                    for row in changes.itertuples(index=False)],
        "status_counts": {status: int((comparison["status"] == status).sum())
                          for status in STATUSES},
        "unscored": unscored[["touchpoint_id", "name"]].to_dict("records"),
        "kpis": kpi_changes(current, period, previous, previous_period).to_dict("records"),
        "actions_done": done[["action_id", "title", "touchpoint_id"]].to_dict("records"),
        "needs_attention": attention.to_dict("records"),
        "as_of": today,
        "overdue_actions": overdue_actions(current, today).to_dict("records"),
        "top_priorities": [] if priorities is None else priorities.head(TOP_PRIORITIES)[
            ["touchpoint_id", "name", "priority"]].to_dict("records"),
        "next_review_due": next_review_due(period, current.config.review.every_months),
        "targets": target_progress(current, period).to_dict("records"),
        **drivers_summary(current, period, drivers),
        "priority_importance": current.config.key_drivers.importance,
        "behavioural_drivers": behaviour_summary(behaviour),
        "answers_by_journey": answers_by_journey(current, period).to_dict("records"),
    }
    return plain(summary)


def _listing(current, previous) -> pd.DataFrame:
    """Touchpoints listed now or in the baseline, with their place in the map."""
    now = current_journey(current)[PLACE].assign(listed_after=True)
    if previous is None:
        return now.assign(listed_before=False)
    before = current_journey(previous)[PLACE]
    gone = before[~before["touchpoint_id"].isin(now["touchpoint_id"])]
    table = pd.concat([now.astype({"stage": "string", "channel": "string"}),
                       gone.astype({"stage": "string", "channel": "string"})
                       .assign(listed_after=False)], ignore_index=True)
    table["listed_after"] = table["listed_after"].astype(bool)
    table["listed_before"] = table["touchpoint_id"].isin(before["touchpoint_id"])
    stages = [*current.stages, *(s for s in previous.stages if s not in current.stages)]
    table["stage"] = pd.Categorical(table["stage"], categories=stages, ordered=True)
    channels = [*current.channels, *(c for c in previous.channels if c not in current.channels)]
    table["channel"] = pd.Categorical(table["channel"], categories=channels)
    return table


def _side(project, period: str | None) -> pd.DataFrame:
    """Per touchpoint, one period's workshop means and survey figures (CSAT successes too)."""
    columns = ["satisfaction", "ease", "n_csat", "csat", "csat_x", "n_nps", "nps"]
    if project is None:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="touchpoint_id"),
                            dtype=float)
    workshop = touchpoint_scores(project, period).set_index("touchpoint_id")
    survey = survey_metrics(project, by="touchpoint_id", period=period).set_index(
        "touchpoint_id")
    survey["csat_x"] = (survey["csat"] * survey["n_csat"]).round()
    side = workshop[["satisfaction", "ease"]].astype(float).join(
        survey[["n_csat", "csat", "csat_x", "n_nps", "nps"]], how="outer")
    return side[columns]


def _deltas(table: pd.DataFrame, alpha: float, min_responses: int) -> pd.DataFrame:
    for name in ("satisfaction", "ease", "csat", "nps"):
        table[f"{name}_delta"] = table[f"{name}_after"] - table[f"{name}_before"]
    for name in ("n_csat_before", "n_csat_after", "n_nps_before", "n_nps_after"):
        table[name] = table[name].fillna(0).astype(int)
    table["csat_p"] = [_test(row) for row in table.itertuples(index=False)]
    usable = ((table["n_csat_before"] >= min_responses)
              & (table["n_csat_after"] >= min_responses))
    table["csat_significant"] = (usable & (table["csat_p"] < alpha)).astype(bool)
    return table


def _test(row) -> float:
    """p of the CSAT change, nan when a side has no answer."""
    if not row.n_csat_before or not row.n_csat_after:
        return math.nan
    _, p = two_proportion_test(int(row.csat_x_after), row.n_csat_after,
                               int(row.csat_x_before), row.n_csat_before)
    return p


def _status(row, has_baseline: bool, min_delta: float, min_responses: int
            ) -> tuple[str, str | None]:
    scored_after = pd.notna(row.satisfaction_after) or row.n_csat_after > 0
    scored_before = pd.notna(row.satisfaction_before) or row.n_csat_before > 0
    if not row.listed_after:
        return "retired", "listing"
    if not scored_after:
        return ("retired", "scoring") if scored_before else ("unscored", None)
    if not has_baseline:
        return "new", "first review"
    if not row.listed_before:
        return "new", "listing"
    if not scored_before:
        return "new", "scoring"
    if min(row.n_csat_before, row.n_csat_after) >= min_responses:
        if not row.csat_significant:
            return "stable", "survey"
        return ("improved" if row.csat_delta > 0 else "worsened"), "survey"
    if pd.isna(row.satisfaction_delta):
        return "stable", None
    if abs(row.satisfaction_delta) >= min_delta - 1e-9:
        return ("improved" if row.satisfaction_delta > 0 else "worsened"), "workshop"
    return "stable", "workshop"


def _same_tables(current, previous) -> bool:
    return previous is current or previous.path == current.path


def _no_later(label: str, period: str) -> bool:
    return periods.parse_period(label)[0] <= periods.parse_period(period)[1]


def _worse_reason(row, language: str) -> str:
    parts = [label("reason_worsened", language)]
    if pd.notna(row.satisfaction_delta):
        parts.append(f"{label('satisfaction', language).lower()} "
                     f"{num(row.satisfaction_before, 1, language)} → "
                     f"{num(row.satisfaction_after, 1, language)}")
    if row.basis == "survey":
        p = ("p < " + num(0.001, 3, language) if row.csat_p < 0.001
             else "p = " + num(row.csat_p, 3, language))
        parts.append(f"CSAT {pct(row.csat_before, language)} → "
                     f"{pct(row.csat_after, language)} ({p})")
    return ", ".join(parts)


TARGET_COLUMNS = ["touchpoint_id", "name", "measure", "target", "reached", "met"]


def target_progress(project, period: str) -> pd.DataFrame:
    """The future state against what was reached: per touchpoint with a `target_emotion` or
    `target_satisfaction`, the period's mean score (`reached`, empty when not scored) and
    whether it meets the target (`met`, empty when not scored)."""
    targets = [column for column in ("target_satisfaction", "target_emotion")
               if column in project.touchpoints.columns]
    scores = touchpoint_scores(project, period).set_index("touchpoint_id")
    rows = []
    for tp in project.touchpoints.itertuples(index=False):
        for column in targets:
            target = getattr(tp, column)
            if pd.isna(target):
                continue
            measure = column.removeprefix("target_")
            reached = scores[measure].get(tp.touchpoint_id) if measure in scores else None
            known = reached is not None and not pd.isna(reached)
            rows.append((tp.touchpoint_id, tp.name, measure, float(target),
                         float(reached) if known else None, bool(reached >= target)
                         if known else None))
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def _counts(project, period: str) -> dict:
    journal = project.evaluations
    actions = project.actions["status"]
    return {"personas": len(project.personas), "touchpoints": len(current_journey(project)),
            "evaluations": int((journal["period"] == period).sum()),
            "survey_responses": int(in_period(project.survey["responded_at"], period).sum()),
            "actions": {status: int((actions == status).sum()) for status in ACTION_STATUSES}}


def _scores(project, period: str) -> dict:
    """Workshop means over the scored touchpoints, then the survey's headline figures."""
    workshop = touchpoint_scores(project, period)
    means = {name: float(workshop[name].mean()) if len(workshop) else math.nan
             for name in ("satisfaction", "ease", "emotion")}
    survey = overall_metrics(project, period)
    survey.pop("period")
    return {**means, **survey}


# ---------------------------------------------------------------------------------- baseline
def completed_reviews(reviews_dir: str | Path) -> list[Path]:
    """The complete reviews in `reviews_dir` (those with frozen data), oldest first."""
    folder = Path(reviews_dir)
    if not folder.is_dir():
        return []
    done = [path for path in folder.iterdir()
            if is_period(path.name) and (path / "data" / CONFIG_FILE).is_file()]
    return sorted(done, key=lambda path: period_key(path.name))


def previous_review(reviews_dir: str | Path, period: str) -> Path | None:
    """The most recent complete review before `period` in `reviews_dir`, or None."""
    earlier = [path for path in completed_reviews(reviews_dir)
               if period_key(path.name) < period_key(period)]
    return earlier[-1] if earlier else None


def baseline(project, period: str, reviews_dir: str | Path = "reviews"):
    """What a review of `period` compares with: (project, period, description).

    The previous review's frozen data when there is one, else the previous period's rows in
    the project's own tables.
    """
    language = project.config.language
    previous = previous_review(reviews_dir, period)
    if previous is not None:
        return (load_project(previous / "data"), previous.name,
                label("basis_review", language).format(review=previous.name))
    earlier = previous_period(period)
    return project, earlier, label("basis_tables", language).format(period=earlier)



"""The journey map: one figure per persona, stages as columns and the classic lanes as rows.

`journey_map_data` gathers what a persona's map shows, stage by stage (goal, touchpoints with
their current emotion, thoughts, pain points, opportunities); `journey_map` draws exactly that.
It is figure-level, like seaborn's figure functions: it builds the whole figure, sized to its
content (A3-landscape friendly), refuses `ax=`, and never shows or saves it (save it with
`cjm.render.figures.save_figure`). Touchpoints are numbered in journey order: the same
numbered circle, coloured by emotion, marks a touchpoint's box and its point on the emotion
curve. How the map is laid out and drawn is `cjm.render.journey_layout`'s concern.
"""

from __future__ import annotations

import pandas as pd

from ..errors import ArgumentError, UsageError
from ..messages import tr
from ..periods import parse_period
from ..steps.scores import current_scores, latest_period
from ..steps.touchpoints import current_journey, future_journey
from .journey_layout import LANES, draw_map, worst_first
from .journey_style import LIMITS
from .map_kinds import KINDS, plain, said, shaped, touchpoint_entries
from .theme import channel_colors, checked_language, plain_text

__all__ = ["KINDS", "LANES", "journey_map", "journey_map_data"]

CLOSED = {"done", "dropped"}  # action statuses that are no longer opportunities


@plain_text
def journey_map(project, persona_id: str, *, period: str | None = None,
                opportunities: pd.DataFrame | None = None, language: str | None = None,
                figsize: tuple[float, float] | None = None,
                max_touchpoints_per_stage: int | None = None, kind: str | None = None,
                **kwargs):
    """The persona's journey map as a matplotlib Figure (see the module docstring).

    `period`: evaluation period (default: the latest); `opportunities`: ranked actions
    (action_id, title, touchpoint_id, in rank order; default: the project's open actions in
    file order); `language`: "en" or "fr" (default: the project's); `figsize`: inches (default:
    sized to the content; else text wraps to the width and shrinks to fit the height);
    `max_touchpoints_per_stage`: at most this many boxes per stage (moments of truth and the
    worst scored first), the others summed up as "+n more"; `kind`: which map (`current`,
    `future`, `day-in-the-life`, `service-blueprint`; default: the project's `map_type`).
    """
    if "ax" in kwargs:
        raise ArgumentError(tr("journey_map is figure-level: it draws a whole figure and "
                               "takes no `ax`; save the figure it returns with "
                               "cjm.render.figures.save_figure(fig, output_dir, name)"))
    if kwargs:
        raise ArgumentError(tr("journey_map() got unexpected keyword arguments: {names}",
                               names=sorted(kwargs)))
    language = checked_language(project.config.language if language is None else language)
    if max_touchpoints_per_stage is not None and max_touchpoints_per_stage < 1:
        raise ArgumentError(tr("`max_touchpoints_per_stage` must be at least 1, not {value}",
                               value=max_touchpoints_per_stage))
    data = journey_map_data(project, persona_id, period, opportunities, kind=kind,
                            language=language)
    return draw_map(data, language, figsize, max_touchpoints_per_stage)


def journey_map_data(project, persona_id: str, period: str | None = None,
                     opportunities: pd.DataFrame | None = None, *, kind: str | None = None,
                     language: str | None = None) -> dict:
    """What the persona's journey map of `kind` shows: header facts, `lanes` (its rows, top
    to bottom), then one dict per column in `stages` (a stage; a part of the day for a day in
    the life).

    Each stage holds its goal, scenario, expectation, `touchpoints` (the persona's, numbered in
    journey order, with their current `emotion` or None, `n` the assessors behind it, and
    `owner`), the strongest `thoughts` and the `pain_points` (worst first), each with the
    `number` and `emotion` of its touchpoint, the top `opportunities`, and `more`: how many of
    each were left out. Opportunities are the open actions on this persona's touchpoints,
    those on a touchpoint where this persona reported a pain point or a negative emotion
    first, then in the plan's order; each keeps its `rank` in the plan and its touchpoint's
    `number`. `emotion_points` lists the scored touchpoints in journey order;
    `across_journey` the opportunities tied to no touchpoint. What each kind adds is
    `cjm.render.map_kinds`' concern.
    """
    kind = project.config.map_type if kind is None else kind
    if kind not in KINDS:
        raise ArgumentError(tr("`kind` must be one of {kinds}, not {value}",
                               kinds=", ".join(KINDS), value=repr(kind)), "kind")
    language = checked_language(project.config.language if language is None else language)
    persona = _persona(project, persona_id)
    period = latest_period(project) if period is None else period
    if period is not None:
        parse_period(period)  # a UsageError that says what a period looks like
    scores = current_scores(project, period) if period is not None else None
    if scores is not None:
        scores = scores[scores["persona_id"] == persona_id].set_index("touchpoint_id")
    journey = future_journey(project) if kind == "future" else current_journey(project)
    touchpoints = touchpoint_entries(project, persona_id, scores, journey, numbered=True)
    neutral = sum(project.config.scales.emotion) / 2
    by_stage, across = _opportunities(project, opportunities, touchpoints, neutral)
    goals = project.goals[project.goals["persona_id"] == persona_id]
    stages = [_stage(stage, goals, touchpoints, by_stage.get(stage, []))
              for stage in project.stages]
    scenarios = list(dict.fromkeys(goals["scenario"].dropna()))
    data = {"persona": persona, "period": period, "map_type": kind, "kind": kind,
            "lanes": list(LANES), "project": project.name,
            "scenario": scenarios[0] if len(scenarios) == 1 else None,
            "emotion_scale": tuple(project.config.scales.emotion), "stages": stages,
            "emotion_points": [tp for tp in touchpoints if tp["emotion"] is not None],
            "across_journey": across, "channel_colors": channel_colors(project.channels)}
    return shaped(data, project, persona_id, scores, language)


def _persona(project, persona_id: str) -> dict:
    """The persona's header facts; a placeholder while the project has no personas at all."""
    keys = ("persona_id", "name", "description", "segment", "share", "digital_ease")
    rows = project.personas[project.personas["persona_id"] == persona_id]
    if rows.empty and len(project.personas):
        raise UsageError(tr("no persona {persona} in project {project} (personas: {known})",
                            persona=repr(persona_id), project=repr(project.name),
                            known=", ".join(project.personas["persona_id"])))
    if rows.empty:
        return dict.fromkeys(keys) | {"persona_id": persona_id}
    return {key: plain(rows.iloc[0].get(key)) for key in keys}


def _opportunities(project, ranked, touchpoints, neutral: float) -> tuple[dict, list]:
    """Opportunities per stage (only the persona's touchpoints, where the persona suffers
    first) and those across the journey."""
    if ranked is None:
        status = project.actions["status"].fillna("").str.lower()
        frame, rank = project.actions[~status.isin(CLOSED)], None
    else:
        missing = {"action_id", "title", "touchpoint_id"} - set(ranked.columns)
        if missing:
            raise ArgumentError(tr("`opportunities` needs the columns action_id, title and "
                                   "touchpoint_id, not {columns}",
                                   columns=sorted(ranked.columns)))
        frame = ranked
        rank = list(ranked["rank"]) if "rank" in ranked else range(1, len(ranked) + 1)
    by_id = {tp["touchpoint_id"]: tp for tp in touchpoints}
    by_stage, across = {}, []
    for i, row in enumerate(frame.itertuples(index=False)):
        item = {"action_id": row.action_id, "title": row.title,
                "touchpoint_id": plain(row.touchpoint_id),
                "rank": None if rank is None else int(rank[i]), "order": i}
        tp = by_id.get(item["touchpoint_id"])
        if item["touchpoint_id"] in (None, ""):
            across.append(item)
        elif tp is not None:
            suffers = bool(tp["pain_point"]) or (tp["emotion"] is not None
                                                  and tp["emotion"] < neutral)
            item |= {"number": tp["number"], "emotion": tp["emotion"], "suffers": suffers}
            by_stage.setdefault(tp["stage"], []).append(item)
    for items in by_stage.values():
        items.sort(key=lambda item: (not item["suffers"], item["order"]))
    return by_stage, across


def _stage(stage: str, goals, touchpoints: list[dict], opportunities: list[dict]) -> dict:
    goal = goals[goals["stage"] == stage]
    goal = goal.iloc[0] if len(goal) else {}
    tps = [tp for tp in touchpoints if tp["stage"] == stage]
    strength = sorted(tps, key=lambda tp: (-abs(tp["emotion"] or 0), tp["emotion"] or 0))
    worst = sorted(tps, key=worst_first)
    lists = {"thoughts": said(strength, "thought"), "pain_points": said(worst, "pain_point"),
             "opportunities": opportunities}
    stage_data = {"stage": stage, "touchpoints": tps,
                  **{key: plain(goal.get(key)) for key in ("goal", "scenario", "expectation")}}
    stage_data["more"] = {key: max(0, len(items) - LIMITS[key]) for key, items in lists.items()}
    return stage_data | {key: items[:LIMITS[key]] for key, items in lists.items()}

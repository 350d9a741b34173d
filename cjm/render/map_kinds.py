"""What each kind of journey map adds to the current-state map's data (DOMAIN.md, DESIGN.md
"Map types"): `shaped` turns what `journey_map_data` gathered into the rows and columns of
the kind asked for.

- current: as gathered, touchpoints with their owner and `n`, the assessors behind a score.
- future: the journey as it should be: touchpoints open actions introduce (`change` "new"),
  those they retire (`change` "retired", kept faded to show the change), target emotions from
  `target_emotion` (unchanged touchpoints keep today's), today's curve kept faint
  (`faint_points`), and a `changes` row of callouts.
- service-blueprint: customer actions (lane `customer`, else the persona's goal), front-stage
  touchpoints, the line of visibility, back-stage work, the line of internal interaction,
  support processes, each with its owner; `links` join back-stage work to the front-stage
  touchpoints it `supports`. No emotion curve: back-stage work is never a customer's.
- day-in-the-life: parts of the day as columns (`time_of_day`), the persona's own moments
  (lane `personal`) in a row apart, the company's touchpoints standing out below them; no
  company metrics on personal moments.
"""

from __future__ import annotations

import pandas as pd

from ..labels import label
from ..labels.numbers import num
from ..project.schemas import TIMES_OF_DAY
from ..steps.touchpoints import applies_to, current_journey
from .journey_style import LIMITS

KINDS = ["current", "future", "day-in-the-life", "service-blueprint"]
CHANGES = 4  # callouts per stage on a future map
BLUEPRINT_LANES = ["customer_actions", "touchpoints", "line_of_visibility", "back_stage",
                   "line_of_internal_interaction", "support"]
FUTURE_LANES = ["goals", "touchpoints", "emotion_curve", "changes", "opportunities"]
DAY_LANES = ["personal_moments", "touchpoints", "emotion_curve", "thoughts", "pain_points"]
LINES = {"line_of_visibility", "line_of_internal_interaction"}  # rows that are a line


def shaped(data: dict, project, persona_id: str, scores, language: str) -> dict:
    """`data` (a current-state map's) as the map of `data["kind"]` draws it."""
    kind = data["kind"]
    if kind == "future":
        return _future(data, project, language)
    if kind == "service-blueprint":
        return _blueprint(data, project, persona_id, scores)
    if kind == "day-in-the-life":
        return _day(data, project, persona_id, scores, language)
    return data


def score_rows(scores) -> dict:
    """The persona's scores (a frame indexed by touchpoint_id, or None) as touchpoint_id ->
    row dict: looked up once per touchpoint of a map (a frame's row lookup costs a hundred
    times more)."""
    return {} if scores is None else scores.to_dict("index")


def touchpoint_entry(tp: dict, number: int | None, scores: dict) -> dict:
    """What a map shows of touchpoint `tp` (a row as a dict): its number, names, owner,
    scores and `n`, the assessors behind them; `scores` as `score_rows` gives them."""
    score = scores.get(tp["touchpoint_id"], {})
    return {"touchpoint_id": tp["touchpoint_id"], "number": number, "stage": tp["stage"],
            "name": tp["name"], "channel": tp["channel"], "owner": plain(tp.get("owner")),
            "moment_of_truth": bool(plain(tp.get("moment_of_truth"))),
            "change": plain(tp.get("change")), "n": plain(score.get("assessors")),
            **{key: plain(score.get(key)) for key in ("emotion", "thought", "pain_point")}}


def plain(value):
    """None for missing values, Python scalars otherwise."""
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def said(touchpoints: list[dict], key: str) -> list[dict]:
    """Each distinct text of `key` (a thought, a pain point) with the touchpoint it was said
    at (the first, in the order given)."""
    found = {}
    for tp in touchpoints:
        if tp[key] and tp[key] not in found:
            found[tp[key]] = {"text": tp[key], "touchpoint_id": tp["touchpoint_id"],
                              "number": tp["number"], "emotion": tp["emotion"]}
    return list(found.values())


def touchpoint_entries(project, persona_id: str, scores, table: pd.DataFrame, *,
                       numbered: bool = False) -> list[dict]:
    """The persona's touchpoints of `table` in journey order as a map shows them
    (`touchpoint_entry`), numbered from 1 when `numbered`."""
    table = table[applies_to(table, persona_id)].sort_values("stage", kind="stable")
    rows = score_rows(scores)
    return [touchpoint_entry(tp, number if numbered else None, rows)
            for number, tp in enumerate(table.to_dict("records"), start=1)]


def _lane_rows(project, lane: str) -> pd.DataFrame:
    touchpoints = project.touchpoints
    return touchpoints[touchpoints["lane"].eq(lane).fillna(False).astype(bool)]


def _future(data: dict, project, language: str) -> dict:
    targets = project.touchpoints.set_index("touchpoint_id")
    current = {tp["touchpoint_id"] for tp in
               current_journey(project).to_dict("records")}
    faint, points = [], []
    for stage in data["stages"]:
        changes = []
        for tp in stage["touchpoints"]:
            today = tp["emotion"]
            if today is not None and tp["touchpoint_id"] in current:
                faint.append(dict(tp))
            target = _number(targets, tp["touchpoint_id"], "target_emotion")
            tp["current_emotion"] = today
            if tp["change"] == "retired":
                tp["emotion"] = None
            elif target is not None:
                tp["emotion"] = target
            elif tp["change"] == "new":
                tp["emotion"] = None
            if tp["emotion"] is not None:
                points.append(tp)
            changes += _callouts(tp, targets, today, target, language)
        stage["changes"] = changes[:CHANGES]
        stage["more"]["changes"] = max(0, len(changes) - CHANGES)
    data |= {"lanes": list(FUTURE_LANES), "emotion_points": points, "faint_points": faint}
    return data


def _callouts(tp: dict, targets, today, target, language: str) -> list[dict]:
    """What changes at `tp` on the way to the future state, as lines of the changes row."""
    words, entry = [], {"touchpoint_id": tp["touchpoint_id"], "number": tp["number"],
                        "emotion": tp["emotion"]}
    if tp["change"] == "new":
        words.append(label("change_new", language).format(name=tp["name"]))
    elif tp["change"] == "retired":
        words.append(label("change_retired", language).format(name=tp["name"]))
        entry["emotion"] = None
    if target is not None and today is not None and target != today:
        words.append(label("change_target", language).format(
            name=tp["name"], today=num(today, 1, language), target=num(target, 1, language)))
    satisfaction = _number(targets, tp["touchpoint_id"], "target_satisfaction")
    if satisfaction is not None:
        words.append(label("change_target_satisfaction", language).format(
            name=tp["name"], target=num(satisfaction, 1, language)))
    return [entry | {"text": text} for text in words]


def _number(table: pd.DataFrame, touchpoint_id: str, column: str) -> float | None:
    if column not in table.columns or touchpoint_id not in table.index:
        return None
    value = table.at[touchpoint_id, column]
    return None if pd.isna(value) else float(value)


def _blueprint(data: dict, project, persona_id: str, scores) -> dict:
    rows = {lane: touchpoint_entries(project, persona_id, scores, _lane_rows(project, name))
            for lane, name in (("customer_actions", "customer"), ("back_stage", "back-stage"),
                               ("support", "support"))}
    shown = {tp["touchpoint_id"] for stage in data["stages"] for tp in stage["touchpoints"]}
    links = []
    for stage in data["stages"]:
        for lane, entries in rows.items():
            stage[lane] = [tp for tp in entries if tp["stage"] == stage["stage"]]
    table = project.touchpoints.set_index("touchpoint_id")
    for lane in ("back_stage", "support"):
        for tp in rows[lane]:
            supported = table.at[tp["touchpoint_id"], "supports"] if "supports" in \
                table.columns else None
            for target in supported if isinstance(supported, list) else []:
                if target in shown:
                    links.append((tp["touchpoint_id"], target))
    data |= {"lanes": list(BLUEPRINT_LANES), "links": links, "emotion_points": []}
    return data


def _day(data: dict, project, persona_id: str, scores, language: str) -> dict:
    company = [tp for stage in data["stages"] for tp in stage["touchpoints"]]
    personal = touchpoint_entries(project, persona_id, scores, _lane_rows(project, "personal"))
    times = project.touchpoints.set_index("touchpoint_id")["time_of_day"] if (
        "time_of_day" in project.touchpoints.columns) else pd.Series(dtype=object)
    timed = {tid: times.get(tid) for tid in times.index if isinstance(times.get(tid), str)}
    if not timed:  # no part of the day given: the stages stay the columns
        for stage in data["stages"]:
            stage["personal_moments"] = [tp for tp in personal if tp["stage"] == stage["stage"]]
        data |= {"lanes": list(DAY_LANES), "untimed": 0}
        return data
    columns, number = [], 0
    for part in TIMES_OF_DAY:
        mine = [tp for tp in company if timed.get(tp["touchpoint_id"]) == part]
        moments = [tp for tp in personal if timed.get(tp["touchpoint_id"]) == part]
        if not (mine or moments):
            continue
        for tp in mine:
            number += 1
            tp["number"] = number
        column = {"stage": label(f"time_{part}", language), "touchpoints": mine,
                  "personal_moments": moments, "goal": None, "scenario": None,
                  "expectation": None, "opportunities": [],
                  "thoughts": said(mine, "thought"), "pain_points": said(mine, "pain_point")}
        column["more"] = {key: max(0, len(column[key]) - LIMITS[key]) for key in LIMITS}
        column |= {key: column[key][:LIMITS[key]] for key in LIMITS}
        columns.append(column)
    untimed = sum(1 for tp in company + personal if tp["touchpoint_id"] not in timed)
    points = [tp for column in columns for tp in column["touchpoints"]
              if tp["emotion"] is not None]
    data |= {"lanes": list(DAY_LANES), "stages": columns, "emotion_points": points,
             "untimed": untimed, "scenario": data["scenario"]}
    return data

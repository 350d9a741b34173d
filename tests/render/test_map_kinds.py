"""The four kinds of journey map draw what each is for: which texts in which rows and
columns, which points on which curve (by the gids the map gives what it draws)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from map_drawing import drawn_as, flat, stage_of_text, texts

from cjm.errors import ArgumentError
from cjm.project.model import load_project, validate_project
from cjm.project.workspace import Workspace
from cjm.render.journey_map import journey_map, journey_map_data
from cjm.steps.touchpoints import current_journey, future_journey, touchpoint_matrix

REPO = Path(__file__).parents[2]
DAY = REPO / "data" / "examples" / "day-in-the-life"
FIXTURES = REPO / "tests" / "fixtures"


def _y(fig, text) -> float:
    box = text.get_window_extent(fig.canvas.get_renderer())
    return (box.y0 + box.y1) / 2


def _top(fig, text) -> float:
    return text.get_window_extent(fig.canvas.get_renderer()).y1


def lane_of(fig, text) -> str:
    """The row a drawn text is in: the last row whose label starts above it (display y grows
    upwards; a row's label and its first item start at the same height)."""
    labels = {gid.removeprefix("lane_label:"): _top(fig, label)
              for gid, label in texts(fig, "lane_label:").items()}
    here = _top(fig, text)
    above = {lane: y for lane, y in labels.items() if y >= here - 3}
    return min(above, key=above.get)


def line_y(fig, lane: str) -> float:
    (line,) = [line for ax in fig.axes for line in ax.get_lines()
               if line.get_gid() == f"line:{lane}"]
    ax = line.axes
    return ax.transData.transform((0, line.get_ydata()[0]))[1]


def curve(fig, gid: str) -> list[float]:
    return [float(y) for ax in fig.axes for line in ax.get_lines() if line.get_gid() == gid
            for y in line.get_ydata()]


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    return load_project(DAY)


def test_a_service_blueprint_draws_the_work_behind_the_scenes_below_the_lines(demo):
    fig = journey_map(demo, "P1", kind="service-blueprint")
    drawn = texts(fig, "touchpoint:")
    assert lane_of(fig, drawn["touchpoint:TP24"]) == "touchpoints"
    assert lane_of(fig, drawn["touchpoint:TP22"]) == "back_stage"  # Warehouse picking
    assert lane_of(fig, drawn["touchpoint:TP23"]) == "support"  # Carrier tracking feed
    visibility, internal = line_y(fig, "line_of_visibility"), line_y(
        fig, "line_of_internal_interaction")
    assert _y(fig, drawn["touchpoint:TP24"]) > visibility > _y(fig, drawn["touchpoint:TP22"])
    assert _y(fig, drawn["touchpoint:TP22"]) > internal > _y(fig, drawn["touchpoint:TP23"])
    assert flat(texts(fig, "channel:")["channel:TP22"]) == "Logistics"  # its owner
    assert "badge:TP22" not in {p.get_gid() for ax in fig.axes for p in ax.patches}
    links = {a.get_gid() for ax in fig.axes for a in ax.texts if a.get_gid() and
             a.get_gid().startswith("link:")}
    assert {"link:TP22>TP24", "link:TP23>TP24", "link:TP20>TP15", "link:TP38>TP39"} <= links
    assert not curve(fig, "emotion_curve")  # back-stage work is never a customer's emotion
    assert stage_of_text(fig, drawn_as(fig, "customer_goal:Buy")[0]) == "Buy"


def test_the_current_map_leaves_out_back_stage_work_and_future_touchpoints(demo):
    data = journey_map_data(demo, "P1", kind="current")
    shown = {tp["touchpoint_id"] for stage in data["stages"] for tp in stage["touchpoints"]}
    assert {"TP20", "TP22", "TP23", "TP38", "TP40"}.isdisjoint(shown)
    assert {"TP16", "TP24"} <= shown  # TP16 is retired only once A04 is done
    fig = journey_map(demo, "P1", kind="current")
    evidence = flat(texts(fig, "evidence:")["evidence:TP24"])
    assert evidence.startswith("Logistics · n = ")


def test_a_future_map_draws_what_the_plan_adds_retires_and_aims_at(demo):
    fig = journey_map(demo, "P1", kind="future")
    changes = texts(fig, "change:")
    assert flat(changes["change:TP40"]) == "NEW"  # introduced by A13
    assert flat(changes["change:TP16"]) == "RETIRED"  # retired by A04
    data = journey_map_data(demo, "P1", kind="future")
    points = {tp["touchpoint_id"]: tp["emotion"] for tp in data["emotion_points"]}
    assert points["TP24"] == 2.0 and points["TP40"] == 1.0 and "TP16" not in points
    today = {tp["touchpoint_id"]: tp["emotion"] for tp in data["faint_points"]}
    assert "TP40" not in today and today["TP24"] != 2.0
    assert curve(fig, "emotion_curve") == [tp["emotion"] for tp in data["emotion_points"]]
    assert curve(fig, "emotion_curve:today") == [tp["emotion"] for tp in data["faint_points"]]
    callouts = [flat(t) for t in drawn_as(fig, "change")]
    assert "New: Call-back at a chosen time" in " ".join(callouts)
    assert any(text.startswith("Delivery tracking: emotion") for text in callouts)
    assert lane_of(fig, drawn_as(fig, "change")[0]) == "changes"


def test_a_day_in_the_life_has_parts_of_the_day_as_columns_and_personal_moments_apart(day):
    fig = journey_map(day, "C1", kind="day-in-the-life")
    assert set(texts(fig, "stage:")) == {"stage:Morning", "stage:Midday", "stage:Afternoon",
                                         "stage:Evening"}
    drawn = texts(fig, "touchpoint:")
    assert lane_of(fig, drawn["touchpoint:M1"]) == "personal_moments"
    assert lane_of(fig, drawn["touchpoint:T3"]) == "touchpoints"
    assert stage_of_text(fig, drawn["touchpoint:M3"]) == "Afternoon"
    assert stage_of_text(fig, drawn["touchpoint:T4"]) == "Midday"
    assert "channel:M1" not in texts(fig, "channel:")  # no company metrics on her own moments
    assert "evidence:M1" not in texts(fig, "evidence:")
    data = journey_map_data(day, "C1", kind="day-in-the-life")
    order = [tp["touchpoint_id"] for tp in data["emotion_points"]]
    assert order == ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]  # in the day's order
    assert curve(fig, "emotion_curve") == [1, 0, -2, 1, -2, -2, 1]


def test_a_french_service_desk_draws_back_office_and_support_below_the_line(tmp_path):
    ws = Workspace(tmp_path)
    slug = ws.new_project("Banque", source=str(FIXTURES / "guichet_fr"))
    project = load_project(ws.project_dir(slug))
    lanes = project.touchpoints.set_index("touchpoint_id")["lane"]
    back = lanes[lanes == "back-stage"].index[0]
    support = lanes[lanes == "support"].index[0]
    fig = journey_map(project, "P1", kind="service-blueprint")
    drawn = texts(fig, "touchpoint:")
    assert flat(texts(fig, "lane_label:")["lane_label:line_of_visibility"]) == (
        "Ligne de visibilité")
    assert _y(fig, drawn[f"touchpoint:{back}"]) < line_y(fig, "line_of_visibility")
    assert lane_of(fig, drawn[f"touchpoint:{back}"]) == "back_stage"
    assert lane_of(fig, drawn[f"touchpoint:{support}"]) == "support"
    assert flat(texts(fig, "lane_label:")["lane_label:support"]) == "Processus de soutien"


def test_work_behind_the_scenes_is_not_a_customer_touchpoint(demo):
    current = set(current_journey(demo)["touchpoint_id"])
    assert {"TP20", "TP22", "TP23", "TP38", "TP40"}.isdisjoint(current)
    future = future_journey(demo).set_index("touchpoint_id")["change"]
    assert future["TP40"] == "new" and future["TP16"] == "retired" and "TP22" not in future
    assert touchpoint_matrix(demo).to_numpy().sum() == len(current)


def test_the_data_of_each_kind_is_validated(edit, mini):
    edit(mini / "touchpoints.csv", "touchpoint_id,stage,channel,name,description,owner,"
         "controlled,moment_of_truth,personas,volume,lane",
         "touchpoint_id,stage,channel,name,description,owner,controlled,moment_of_truth,"
         "personas,volume,lane,supports,time_of_day,target_emotion")
    edit(mini / "touchpoints.csv", ",12000,front-stage", ",12000,back-stage,T99,brunch,5")
    found = {(p.column, p.code) for p in validate_project(mini) if p.file == "touchpoints.csv"}
    assert {("supports", "unknown_reference"), ("time_of_day", "not_allowed"),
            ("target_emotion", "out_of_scale")} <= found


def test_an_unknown_kind_is_refused(demo):
    with pytest.raises(ArgumentError, match="`kind` must be one of current, future"):
        journey_map(demo, "P1", kind="blueprint")


def test_the_day_in_the_life_example_starts_a_project(tmp_path):
    ws = Workspace(tmp_path)
    slug = ws.new_project("My day", source=str(DAY))
    project = load_project(ws.project_dir(slug))
    assert project.config.map_kinds == ["day-in-the-life", "current"]
    shutil.rmtree(tmp_path / "data")

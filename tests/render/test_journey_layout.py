"""cjm.render.journey_layout: how a journey map is laid out and drawn from the data
`journey_map_data` gathers: lanes in order, one column per stage, badges and points coloured
by emotion on the project's scale, channel tags, the header's facts, lane entries, the legend,
capped stages, and text that wraps to its column, never overlaps and stays inside the figure
(natural size, or shrunk to a `figsize`)."""

from __future__ import annotations

import csv
import itertools

import matplotlib.pyplot as plt
import pytest
from map_drawing import (
    all_texts,
    columns,
    drawn_as,
    emotion_line,
    flat,
    ids,
    stage_of_text,
    texts,
)
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch

from cjm import load_project
from cjm.errors import ArgumentError
from cjm.render.journey_layout import (
    COL_W,
    LABEL_W,
    LANES,
    PAD,
    STYLES,
    M,
    _entry_gid,
    _entry_text,
    _wrap,
    draw_map,
    worst_first,
)
from cjm.render.journey_map import journey_map_data
from cjm.render.journey_style import emotion_unit, line_height
from cjm.render.theme import GOLD, MAP_INK, MAP_MUTED, SENTIMENT, channel_colors, ink_on


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    """8 stages, 60 touchpoints, long names, long thoughts, long stage and channel names."""
    return load_project(write_stress_project(tmp_path_factory.mktemp("stress")))


def drawn(project, persona_id, figsize=None, cap=None):
    """The map of a persona of `project`, drawn in the project's language."""
    return draw_map(journey_map_data(project, persona_id), project.config.language, figsize,
                    cap)


# ---------------------------------------------------------------------------------- lanes
def test_lanes_are_labelled_on_the_left_in_order(mini_project):
    fig = drawn(mini_project, "P1")

    labels = texts(fig, "lane_label:")
    renderer = fig.canvas.get_renderer()
    top_down = sorted(labels, key=lambda gid: -labels[gid].get_window_extent(renderer).y1)
    assert [gid.removeprefix("lane_label:") for gid in top_down] == LANES
    assert [flat(labels[gid]) for gid in top_down] == [
        "Goals", "Touchpoints", "Emotion curve", "Thoughts", "Pain points",
        "Top opportunities"]


# ---------------------------------------------------------------------------------- hand-made maps
def touchpoint(tid, stage, number, emotion=None, moment=False, channel="Website", name=None):
    return {"touchpoint_id": tid, "number": number, "stage": stage,
            "name": name or f"Touchpoint {tid}", "channel": channel,
            "moment_of_truth": moment, "emotion": emotion, "thought": None, "pain_point": None}


def map_data(stages, *, scale=(-2, 2), common_scenario=None, share=0.6, period="2026-H1",
             across=(), **lanes):
    """What `journey_map_data` gathers, made by hand: `stages` is [(stage, touchpoints)];
    `lanes` gives a stage's goal, thoughts... as {stage: value} per key."""
    rows = []
    for name, tps in stages:
        row = {"stage": name, "touchpoints": tps, "goal": None, "scenario": None,
               "expectation": None, "thoughts": [], "pain_points": [], "opportunities": [],
               "more": {"thoughts": 0, "pain_points": 0, "opportunities": 0}}
        rows.append(row | {key: values[name] for key, values in lanes.items()
                           if name in values})
    every = [tp for _, tps in stages for tp in tps]
    return {"persona": {"persona_id": "P1", "name": "Emma", "description": None,
                        "segment": None, "share": share, "digital_ease": 4},
            "period": period, "map_type": "current", "project": "Shop",
            "scenario": common_scenario,
            "emotion_scale": scale, "stages": rows,
            "emotion_points": [tp for tp in every if tp["emotion"] is not None],
            "across_journey": list(across),
            "channel_colors": channel_colors(tp["channel"] for tp in every)}


TWO_STAGES = [("Discover", [touchpoint("T1", "Discover", 1, emotion=2),
                            touchpoint("T2", "Discover", 2, channel="Phone")]),
              ("Buy", [touchpoint("T3", "Buy", 3, emotion=-1, moment=True)])]


def emotion_axes(fig):
    (ax,) = [ax for ax in fig.axes if ax.get_gid() == "emotion"]
    return ax


def patch(fig, gid):
    (found,) = [p for p in fig.axes[0].patches if p.get_gid() == gid]
    return found


def test_the_natural_size_is_a_label_column_and_a_column_per_stage():
    fig = draw_map(map_data(TWO_STAGES), "en")
    assert fig.get_size_inches()[0] == pytest.approx(M + LABEL_W + 2 * COL_W + M)  # 6.7


def test_badges_are_coloured_by_emotion_on_the_scale_and_white_when_unscored():
    fig = draw_map(map_data(TWO_STAGES), "en")
    fills = {tid: (to_hex(patch(fig, f"badge:{tid}").get_facecolor()),
                   to_hex(patch(fig, f"badge:{tid}").get_edgecolor()))
             for tid in ("T1", "T2", "T3")}
    assert fills == {"T1": (to_hex(SENTIMENT(1.0)), "#ffffff"),  # +2: the top of the scale
                     "T2": ("#ffffff", to_hex(MAP_MUTED)),  # unscored
                     "T3": (to_hex(SENTIMENT(0.25)), "#ffffff")}  # -1: a quarter up
    assert [t.get_text() for t in drawn_as(fig, "badge:T3:number")] == ["3"]


def test_touchpoint_boxes_show_the_channel_colour_and_the_moments_of_truth():
    fig = draw_map(map_data(TWO_STAGES), "en")
    tags = texts(fig, "channel:")
    colors = channel_colors(["Website", "Phone"])
    assert {gid: to_hex(t.get_bbox_patch().get_facecolor()) for gid, t in tags.items()} == {
        "channel:T1": colors["Website"], "channel:T2": colors["Phone"],
        "channel:T3": colors["Website"]}
    assert tags["channel:T1"].get_color() == ink_on(colors["Website"], dark=MAP_INK)
    assert ids(fig, "moment_of_truth:") == {"T3"}
    boxes = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)
             and to_hex(p.get_edgecolor()) == to_hex(GOLD)]
    assert len(boxes) == 1 and to_hex(boxes[0].get_facecolor()) == "#fff8e1"


def test_emotion_points_sit_evenly_under_their_stage():
    fig = draw_map(map_data(TWO_STAGES), "en")
    line = emotion_line(fig)
    inner = COL_W - 2 * PAD
    first = M + LABEL_W + PAD  # the left of the first stage's cell
    assert list(line.get_xdata()) == pytest.approx([first + inner / 4,  # first of two
                                                    first + COL_W + inner / 2])  # one alone
    assert list(line.get_ydata()) == [2, -1]


def test_the_emotion_lane_is_labelled_with_the_project_scale():
    signed = emotion_axes(draw_map(map_data(TWO_STAGES), "en"))
    assert [t.get_text() for t in signed.get_yticklabels()] == ["−2", "−1", "0", "+1", "+2"]
    assert signed.get_ylim() == (-2.5, 2.5)
    one_to_five = emotion_axes(draw_map(map_data(TWO_STAGES, scale=(1, 5)), "en"))
    assert [t.get_text() for t in one_to_five.get_yticklabels()] == ["1", "2", "3", "4", "5"]
    assert one_to_five.get_ylim() == (0.5, 5.5)
    middle = [line for line in one_to_five.lines if list(line.get_ydata()) == [3, 3]]
    assert len(middle) == 2  # the dotted 3 and the neutral line


def test_badges_on_a_scale_of_1_to_5():
    stages = [("Buy", [touchpoint("T1", "Buy", 1, emotion=1), touchpoint("T2", "Buy", 2,
                                                                         emotion=3)])]
    fig = draw_map(map_data(stages, scale=(1, 5)), "en")
    assert to_hex(patch(fig, "badge:T1").get_facecolor()) == to_hex(SENTIMENT(0.0))
    assert to_hex(patch(fig, "badge:T2").get_facecolor()) == to_hex(SENTIMENT(0.5))


def test_the_header_states_the_facts_in_the_language_asked():
    fig = draw_map(map_data(TWO_STAGES), "fr")
    assert [t.get_text() for t in drawn_as(fig, "header:meta")] == [
        "Shop", "Carte du parcours · État actuel", "Période : 2026-S1",
        "Part de la clientèle : 60\u202f%", "Aisance numérique : 4/5"]
    assert [t.get_text() for t in drawn_as(fig, "header:title")] == ["Emma"]


def test_a_share_given_in_percent_and_an_unknown_period():
    fig = draw_map(map_data(TWO_STAGES, share=30, period=None), "en")
    assert [t.get_text() for t in drawn_as(fig, "header:meta")][2:4] == [
        "Period: —", "Share of customers: 30%"]


def test_a_scenario_common_to_every_stage_is_in_the_header():
    common = draw_map(map_data(TWO_STAGES, common_scenario="Lunch break",
                               scenario={"Discover": "Lunch break", "Buy": "Lunch break"}),
                      "en")
    assert flat(drawn_as(common, "header:header_scenario")[0]) == "Scenario: Lunch break"
    assert drawn_as(common, "scenario") == []
    each = draw_map(map_data(TWO_STAGES, goal={"Discover": "Find it"},
                             scenario={"Discover": "On the bus"},
                             expectation={"Discover": "Clear prices"}), "en")
    assert drawn_as(each, "header:header_scenario") == []
    assert [flat(t) for t in drawn_as(each, "goal")] == ["Find it"]
    assert [flat(t) for t in drawn_as(each, "scenario")] == ["On the bus"]
    assert [flat(t) for t in drawn_as(each, "expectation")] == ["Expectation: Clear prices"]


def said(text, number=3, emotion=-1):
    return {"text": text, "touchpoint_id": f"T{number}", "number": number, "emotion": emotion}


def test_lane_entries_are_quoted_numbered_or_marked():
    opportunities = {"Buy": [{"action_id": "A1", "title": "Guest checkout", "rank": 2,
                              "number": 3, "emotion": -1},
                             {"action_id": "A2", "title": "Saved card", "rank": None}]}
    fig = draw_map(map_data(TWO_STAGES, thoughts={"Buy": [said("Why an account?")]},
                            pain_points={"Buy": [said("Forced account creation")]},
                            opportunities=opportunities,
                            more={"Buy": {"thoughts": 2, "pain_points": 0,
                                          "opportunities": 0}},
                            across=[{"action_id": "A3", "title": "Loyalty", "rank": 1}]),
                   "en")
    assert [t.get_text() for t in drawn_as(fig, "thought")] == ["“Why an account?”"]
    assert [t.get_text() for t in drawn_as(fig, "pain_point")] == ["Forced account creation"]
    assert texts(fig, "opportunity:")["opportunity:A1"].get_text() == "Guest checkout (plan #2)"
    assert texts(fig, "opportunity:")["opportunity:A2"].get_text() == "Saved card"
    assert [t.get_text() for t in drawn_as(fig, "more")] == ["+2 more"]
    assert flat(texts(fig)["across_journey"]) == "Across the journey: Loyalty (plan #1)"
    # the thought, the pain point and the opportunity carry touchpoint 3's badge, red as its
    # emotion; the opportunity without a touchpoint number has none
    badges = [t.get_text() for t in fig.axes[0].texts
              if str(t.get_gid()).startswith("item_badge:")]
    assert badges == ["3", "3", "3"]
    circles = {p.get_gid(): to_hex(p.get_facecolor()) for p in fig.axes[0].patches
               if str(p.get_gid()).startswith("item_badge:")}
    assert set(circles) == {"item_badge:thought", "item_badge:pain_point",
                            "item_badge:opportunity:A1"}
    assert len(set(circles.values())) == 1 and circles["item_badge:thought"] != "#ffffff"


def test_highlighted_entries_sit_on_their_boxes():
    fig = draw_map(map_data(TWO_STAGES, pain_points={"Buy": [said("Forced account creation")]}),
                   "en")
    fills = {to_hex(p.get_facecolor()) for p in fig.axes[0].patches
             if isinstance(p, FancyBboxPatch)}
    assert to_hex(STYLES["pain_point"][5][0]) in fills
    assert to_hex(STYLES["opportunity"][5][0]) not in fills  # no opportunity: no box


def test_the_legend_names_only_the_channels_drawn():
    data = map_data(TWO_STAGES)
    data["channel_colors"] = channel_colors(["Website", "Phone", "Store"])  # Store unused
    legend = [t.get_text() for t in drawn_as(draw_map(data, "en"), "legend")]
    assert legend == ["Website", "Phone", "★", "Moment of truth", "negative", "neutral",
                      "positive", "not scored"]


def test_capped_stages_keep_moments_of_truth_then_the_worst():
    tps = [touchpoint("T1", "Buy", 1, emotion=2), touchpoint("T2", "Buy", 2, emotion=-2),
           touchpoint("T3", "Buy", 3, moment=True), touchpoint("T4", "Buy", 4, emotion=0)]
    fig = draw_map(map_data([("Buy", tps)]), "en", cap=2)
    assert ids(fig, "touchpoint:") == {"T2", "T3"}
    assert [t.get_text() for t in drawn_as(fig, "more")] == ["+2 more (1, 4)"]
    assert list(emotion_line(fig).get_ydata()) == [2, -2, 0]  # the curve keeps every point


def test_a_map_without_scores_says_so():
    stages = [("Buy", [touchpoint("T1", "Buy", 1)])]
    fig = draw_map(map_data(stages), "fr")
    assert texts(fig)["no_scores"].get_text() == "pas encore de scores"
    assert not [line for line in emotion_axes(fig).lines if line.get_gid() == "emotion_curve"]


def test_a_figsize_too_narrow_for_the_stages_is_refused():
    with pytest.raises(ArgumentError, match=r"^`figsize` width 3 is too narrow for 2 stages "
                                            r"\(expected at least 3\.2 inches\)$"):
        draw_map(map_data(TWO_STAGES), "en", figsize=(3, 5))


def test_a_figsize_too_short_warns_and_grows_taller():
    with pytest.warns(UserWarning, match=r"needs \d+\.\d inches of height, more than the 1 of "
                                         r"`figsize`: the figure is taller"):
        fig = draw_map(map_data(TWO_STAGES), "en", figsize=(8, 1))
    width, height = fig.get_size_inches()
    assert width == 8 and height > 1
    assert texts(fig, "stage:")["stage:Buy"].get_fontsize() == pytest.approx(
        STYLES["stage"][0] * 0.6)  # type shrunk as far as it goes


# ---------------------------------------------------------------------------------- helpers
def test_worst_first_puts_the_lowest_emotion_first_and_unscored_last():
    tps = [touchpoint("T1", "Buy", 1, emotion=1), touchpoint("T2", "Buy", 2),
           touchpoint("T3", "Buy", 3, emotion=-2), touchpoint("T4", "Buy", 4, emotion=0)]
    assert [tp["touchpoint_id"] for tp in sorted(tps, key=worst_first)] == [
        "T3", "T4", "T1", "T2"]


def test_unit_places_an_emotion_on_its_scale_within_0_and_1():
    assert [emotion_unit(v, (-2, 2)) for v in (-2, -1, 0, 2)] == [0, 0.25, 0.5, 1]
    assert [emotion_unit(v, (1, 5)) for v in (1, 3, 5)] == [0, 0.5, 1]
    assert emotion_unit(9, (-2, 2)) == 1 and emotion_unit(-9, (-2, 2)) == 0


def test_line_height_follows_the_kind_size_and_scale():
    assert line_height("touchpoint", 1) == pytest.approx(7.2 * 1.25 / 72)
    assert line_height("title", 0.5) == pytest.approx(17 * 0.5 * 1.25 / 72)


def test_wrap_keeps_each_kind_within_its_lines():
    long = "Had to repeat the same information to three people about the delivery " * 3
    for kind in ("touchpoint", "thought", "title"):
        lines = _wrap(long, kind, 1.5, 1)
        assert len(lines) == STYLES[kind][4] and lines[-1].endswith("…")
    assert _wrap("Checkout", "touchpoint", 1.5, 1) == ["Checkout"]


def test_entry_texts_and_gids():
    assert _entry_text("thoughts", said("Nice"), "en") == "“Nice”"
    assert _entry_text("opportunities", {"rank": 3, "title": "Call-back"}, "en") == (
        "Call-back (plan #3)")
    assert _entry_text("opportunities", {"rank": 3, "title": "Rappel"}, "fr") == (
        "Rappel (plan n° 3)")
    assert _entry_text("opportunities", {"rank": None, "title": "Call-back"}, "en") == (
        "Call-back")
    assert _entry_text("pain_points", said("Slow"), "en") == "Slow"
    assert _entry_gid("opportunity", {"action_id": "A2"}) == "opportunity:A2"
    assert _entry_gid("thought", "Nice") == "thought"


# ---------------------------------------------------------------------------------- legibility
def overlaps(a, b, tolerance=0.5):
    return (a.x0 < b.x1 - tolerance and b.x0 < a.x1 - tolerance
            and a.y0 < b.y1 - tolerance and b.y0 < a.y1 - tolerance)


def assert_inside_figure(fig):
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    for text in all_texts(fig):
        box = text.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, text.get_text()
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, text.get_text()


def test_stress_map_touchpoint_texts_do_not_overlap(stress):
    fig = drawn(stress, "P1")

    renderer = fig.canvas.get_renderer()
    (lane,) = [p for p in fig.axes[0].patches if p.get_gid() == "lane:touchpoints"]
    lane_box = lane.get_window_extent(renderer)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in all_texts(fig)]
    boxes = [(text, box) for text, box in boxes
             if lane_box.y0 <= (box.y0 + box.y1) / 2 <= lane_box.y1]
    assert len(boxes) > 150
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
               if overlaps(box_a, box_b)]
    assert clashes == []
    assert_inside_figure(fig)


def test_stress_map_shows_every_touchpoint_and_wraps_long_text(stress):
    fig = drawn(stress, "P1")

    expected = stress.touchpoints[stress.touchpoints["personas"].map(
        lambda ids: not ids or "P1" in ids)]
    assert ids(fig, "touchpoint:") == set(expected["touchpoint_id"])
    names = [t.get_text() for t in texts(fig, "touchpoint:").values()]
    assert all(len(name.split("\n")) <= 2 for name in names)
    assert any(name.endswith("…") for name in names)
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(420 / 297, rel=0.25)  # A3 landscape-friendly


def test_stress_map_every_text_stays_in_its_column(stress):
    fig = drawn(stress, "P1")

    renderer, bounds = fig.canvas.get_renderer(), columns(fig)
    for prefix in ("touchpoint:", "channel:", "opportunity:", "stage:"):
        for text in texts(fig, prefix).values():
            box = text.get_window_extent(renderer)
            left, right = bounds[stage_of_text(fig, text)]
            assert left <= box.x0 and box.x1 <= right, text.get_text()
    for text in drawn_as(fig, "thought") + drawn_as(fig, "pain_point") + drawn_as(fig, "goal"):
        box = text.get_window_extent(renderer)
        left, right = bounds[stage_of_text(fig, text)]
        assert left <= box.x0 and box.x1 <= right, text.get_text()


def test_cap_on_touchpoints_per_stage(stress):
    fig = drawn(stress, "P1", cap=3)

    per_stage = {}
    for text in texts(fig, "touchpoint:").values():
        stage = stage_of_text(fig, text)
        per_stage[stage] = per_stage.get(stage, 0) + 1
    assert max(per_stage.values()) == 3
    assert any(t.get_text().startswith("+") for t in drawn_as(fig, "more"))
    data = journey_map_data(stress, "P1")
    assert len(emotion_line(fig).get_ydata()) == len(data["emotion_points"])  # curve is whole


def test_figsize_is_respected_and_text_shrinks_to_fit(stress):
    fig = drawn(stress, "P1", figsize=(16.5, 11.7))

    assert tuple(fig.get_size_inches()) == pytest.approx((16.5, 11.7))
    assert_inside_figure(fig)


def test_demo_maps_fit_inside_the_figure(demo):
    for persona_id in demo.personas["persona_id"]:
        fig = drawn(demo, persona_id)
        assert_inside_figure(fig)
        plt.close(fig)


def test_a_maps_svg_holds_its_texts_and_boxes_unclipped(demo, tmp_path):
    """A designer moves a map's texts and boxes in the SVG without clip groups dragging along:
    none is clipped (the map's Axes is the whole figure); the emotion lane still clips its
    curve to the lane."""
    import re

    from cjm.render.figures import save_figure

    fig = drawn(demo, "P1")
    (svg,) = save_figure(fig, tmp_path, "map", formats=("svg",), show=False)
    groups = dict(re.findall(r'<g id="([^"]+)"[^>]*>\s*<(\w+ [^>]*)>', svg.read_text("utf-8")))
    stage = next(value for key, value in groups.items() if key.startswith("stage:"))
    box = next(value for key, value in groups.items() if key.startswith("touchpoint:"))
    lane = groups["lane:touchpoints"]
    assert "clip-path" not in stage + box + lane and stage.startswith("text")
    assert "clip-path" in groups["emotion_curve"]


# ----------------------------------------------------------------------- the stress project
def write_stress_project(folder):
    stages = ["Awareness and first impressions", "Research and comparison",
              "Quote and negotiation", "Contract signature", "Onboarding and activation",
              "Everyday use", "Support and claims", "Renewal or cancellation"]
    channels = ["Website", "Mobile app", "E-mail", "Phone", "Chat", "Branch office",
                "Self-service customer portal", "Field agent visit"]
    words = ["automated", "reminder", "confirmation", "personalised", "appointment",
             "follow-up", "notification", "documentation", "verification", "identity",
             "onboarding", "questionnaire", "escalation"]
    (folder / "project.yaml").write_text(
        f"name: Stress Test Insurance\nstages: [{', '.join(stages)}]\n"
        f"channels: [{', '.join(channels)}]\n", encoding="utf-8")
    tables = {
        "personas": [["persona_id", "name", "description", "share", "digital_ease"],
                     ["P1", "Alexandra-Charlotte, the extremely thorough comparison shopper",
                      "Reads every line of every document and calls twice to confirm. " * 3,
                      "0.5", "3"],
                     ["P2", "Other persona", "Only here to check applicability", "0.2", "2"]],
        "goals": [["persona_id", "stage", "goal", "scenario", "expectation"]] + [
            ["P1", stage, f"Understand exactly what happens at the {stage.lower()} step and "
             "what it will cost her over the next five years", f"Scenario {i}: " + "long " * 20,
             "A clear written answer within one working day, without calling back"]
            for i, stage in enumerate(stages)],
        "touchpoints": [["touchpoint_id", "stage", "channel", "name", "moment_of_truth",
                         "personas"]],
        "evaluations": [["recorded_at", "period", "persona_id", "touchpoint_id", "emotion",
                         "thought", "pain_point"]],
        "actions": [["action_id", "title", "touchpoint_id", "status"]],
        "survey": [["response_id", "responded_at", "touchpoint_id"]],
    }
    counts = [4, 12, 9, 6, 11, 3, 10, 5]
    number = 0
    for stage, count in zip(stages, counts, strict=True):
        for _ in range(count):
            number += 1
            tid = f"T{number:02d}"
            name = " ".join(words[(number + k) % len(words)] for k in range(3 + number % 6))
            personas = "P2" if number % 13 == 0 else ("P1|P2" if number % 4 == 0 else "")
            tables["touchpoints"].append([tid, stage, channels[number % len(channels)],
                                          f"{name.capitalize()} {tid}",
                                          "yes" if number % 7 == 0 else "no", personas])
            if number % 9 != 5:
                tables["evaluations"].append([
                    f"2026-03-01T10:{number - 1:02d}:00", "2026-H1", "P1", tid,
                    (number * 3) % 5 - 2,
                    f"I really did not expect the {name} to take this long, and nobody could "
                    "tell me why it happened again this time",
                    f"Had to repeat the same information to three people about the {name}"
                    if number % 3 == 0 else ""])
    for k in range(1, 25):
        title = " ".join(words[(k + i) % len(words)] for i in range(4 + k % 5))
        tables["actions"].append([f"A{k:02d}", f"Redesign the {title} so nobody needs to call",
                                  "" if k % 8 == 0 else f"T{(k * 7) % 60 + 1:02d}", "idea"])
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows(rows)
    return folder

"""cjm.render.live_curve: the live board's emotion curve as SVG: points where the touchpoints
were scored (coloured by sentiment, moments of truth ringed), a line with gaps where nothing is
scored, stage bands, the scale's ticks, escaped text, and any emotion scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
from chart_samples import STAGES

from cjm.render.live_curve import emotion_svg
from cjm.render.theme import BAD, GOOD, INK, LIGHT, NEUTRAL

SVG = "{http://www.w3.org/2000/svg}"
SCORES = pd.DataFrame({
    "touchpoint_id": ["T3", "T1", "T4", "T6", "T2"],
    "stage": ["Buy", "Discover", "Buy", "Receive", "Discover"],
    "emotion": [-1.0, 2.0, np.nan, 0.0, 1.0],
    "moment_of_truth": [True, False, False, True, pd.NA]})
# 516 pixels across for 5 touchpoints: one every 103.2, from x = 34 + 51.6;
# -2..2 over 150 pixels from y = 44: 2 at 44, 0 at 119, -2 at 194
X = [85.6, 188.8, 292.0, 395.2, 498.4]


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def points(root) -> list[dict]:
    return [circle.attrib for circle in root.iter(f"{SVG}circle")
            if circle.get("class") == "cjm-curve-point"]


def rings(root) -> list[tuple[str, str]]:
    return [(c.get("cx"), c.get("cy")) for c in root.iter(f"{SVG}circle")
            if c.get("class") is None]


def lines(root) -> list[str]:
    return [line.get("points") for line in root.iter(f"{SVG}polyline")]


def words(root) -> list[str]:
    return [text.text for text in root.iter(f"{SVG}text")]


def test_a_point_per_scored_touchpoint_in_stage_order():
    root = parsed(emotion_svg(SCORES, stages=STAGES))
    drawn = points(root)
    assert [p["data-touchpoint"] for p in drawn] == ["T1", "T2", "T3", "T6"]  # T4 unscored
    assert [p["data-emotion"] for p in drawn] == ["2", "1", "-1", "0"]
    assert [(float(p["cx"]), float(p["cy"])) for p in drawn] == [
        (X[0], 44.0), (X[1], 81.5), (X[2], 156.5), (X[4], 119.0)]
    assert [p["fill"] for p in drawn] == [GOOD, GOOD, BAD, NEUTRAL]


def test_the_line_breaks_where_nothing_is_scored():
    root = parsed(emotion_svg(SCORES, stages=STAGES))
    assert lines(root) == ["85.6,44.0 188.8,81.5 292.0,156.5", "498.4,119.0"]


def test_moments_of_truth_are_ringed_and_named_in_bold():
    root = parsed(emotion_svg(SCORES, stages=STAGES))
    assert rings(root) == [("292.0", "156.5"), ("498.4", "119.0")]  # T3 and T6
    names = {t.text: (t.get("font-weight"), t.get("fill")) for t in root.iter(f"{SVG}text")
             if t.get("transform")}
    assert names == {"T1": ("normal", INK), "T2": ("normal", INK), "T3": ("bold", INK),
                     "T4": ("normal", "#a0a0a0"), "T6": ("bold", INK)}  # unscored: grey


def test_stages_are_bands_named_above_their_touchpoints():
    root = parsed(emotion_svg(SCORES, stages=STAGES, language="fr"))
    assert words(root)[:4] == ["Courbe des émotions", "Discover", "Buy", "Receive"]
    bands = [(r.get("x"), r.get("width"), r.get("fill")) for r in root.iter(f"{SVG}rect")]
    assert bands == [("34.0", "206.4", LIGHT), ("446.8", "103.2", LIGHT)]  # every other stage


def test_ticks_and_the_zero_line_of_the_usual_scale():
    root = parsed(emotion_svg(SCORES, stages=STAGES))
    assert words(root)[4:9] == ["-2", "-1", "0", "+1", "+2"]
    (zero,) = root.iter(f"{SVG}line")
    assert (zero.get("y1"), zero.get("y2")) == ("119.0", "119.0")


def test_text_from_the_tables_is_escaped():
    hostile = SCORES.assign(
        touchpoint_id=["<script>alert(1)</script>", "T1'", "T4", "T6", "a&b"],
        stage=["</svg><b>Buy", "Discover", "</svg><b>Buy", "Receive", "Discover"])
    svg = emotion_svg(hostile, stages=["Discover", "</svg><b>Buy", "Receive"])
    assert "<script" not in svg and "<b>" not in svg
    root = parsed(svg)
    assert "</svg><b>Buy" in words(root)
    assert [p["data-touchpoint"] for p in points(root)] == [
        "T1'", "a&b", "<script>alert(1)</script>", "T6"]


def test_long_stage_names_are_cut_to_their_band():
    scores = SCORES.assign(stage=["Buy", "Discovery and comparison of the offers", "Buy",
                                  "Receive", "Discovery and comparison of the offers"])
    root = parsed(emotion_svg(scores, stages=["Discovery and comparison of the offers", "Buy",
                                              "Receive"]))
    # 206.4 pixels at 10 points, 5.6 pixels a character: 36 characters, the last an ellipsis
    assert words(root)[1] == "Discovery and comparison of the off…"
    assert words(root)[3] == "Receive"


def test_on_a_scale_of_1_to_5_points_sit_on_that_scale():
    scores = SCORES.assign(emotion=[2.0, 5.0, np.nan, 3.0, 4.0])
    root = parsed(emotion_svg(scores, stages=STAGES, scale=(1, 5)))
    # 1..5 over 150 pixels from y = 44: 5 at 44, 3 at 119, 1 at 194
    assert [float(p["cy"]) for p in points(root)] == [44.0, 81.5, 156.5, 119.0]
    assert [p["data-emotion"] for p in points(root)] == ["5", "4", "2", "3"]


def test_on_a_scale_of_1_to_5_it_reads_like_the_chart():
    scores = SCORES.assign(emotion=[2.0, 5.0, np.nan, 3.0, 4.0])
    root = parsed(emotion_svg(scores, stages=STAGES, scale=(1, 5)))
    assert [p["fill"] for p in points(root)] == [GOOD, GOOD, BAD, NEUTRAL]  # as emotion_curve
    assert words(root)[4:9] == ["1", "2", "3", "4", "5"]
    (middle,) = root.iter(f"{SVG}line")
    assert middle.get("y1") == "119.0"


def test_without_scores_only_the_title_and_the_scale():
    empty = SCORES.iloc[0:0]
    root = parsed(emotion_svg(empty, stages=STAGES))
    assert points(root) == [] and lines(root) == [] and rings(root) == []
    assert list(root.iter(f"{SVG}rect")) == []
    assert words(root) == ["Emotion curve", "-2", "-1", "0", "+1", "+2"]


def test_without_any_emotion_the_touchpoints_are_named_but_nothing_is_drawn():
    root = parsed(emotion_svg(SCORES.assign(emotion=np.nan), stages=STAGES))
    assert points(root) == [] and lines(root) == [] and rings(root) == []
    assert words(root)[-5:] == ["T1", "T2", "T3", "T4", "T6"]

"""How a journey map looks: its rows, the style of each kind of text, its sizes."""

from __future__ import annotations

from .theme import MAP_INK as INK
from .theme import MAP_MUTED as MUTED

LANES = ["goals", "touchpoints", "emotion_curve", "thoughts", "pain_points", "opportunities"]
BOX_LANES = {"touchpoints", "customer_actions", "back_stage", "support", "personal_moments"}
LINES = {"line_of_visibility", "line_of_internal_interaction"}
GREEN = "#2E7D32"  # what the future state adds
# per kind of text: font size (pt), colour, weight, style, lines allowed, box (fill, edge)
STYLES = {
    "title": (17.0, INK, "bold", "normal", 1, None),
    "subtitle": (9.5, MUTED, "normal", "normal", 2, None),
    "header_scenario": (8.5, MUTED, "normal", "italic", 2, None),
    "meta": (8.0, MUTED, "normal", "normal", 1, None),
    "stage": (9.5, "white", "bold", "normal", 2, None),
    "lane": (9.0, INK, "bold", "normal", 3, None),
    "goal": (7.8, INK, "bold", "normal", 3, None),
    "scenario": (6.8, MUTED, "normal", "italic", 2, None),
    "expectation": (6.8, MUTED, "normal", "italic", 2, None),
    "tag": (5.6, "white", "bold", "normal", 1, None),
    "touchpoint": (7.2, INK, "normal", "normal", 2, None),
    "thought": (7.0, "#37474F", "normal", "italic", 3, None),
    "pain_point": (7.0, "#8E2A20", "normal", "normal", 2, ("#FDECEA", "#F0B7AF")),
    "opportunity": (7.0, "#164A6E", "normal", "normal", 2, ("#E8F1F8", "#A9C7DF")),
    "more": (6.8, MUTED, "normal", "italic", 2, None),
    "evidence": (6.0, MUTED, "normal", "normal", 1, None),
    "change": (7.0, "#1B5E20", "normal", "normal", 3, ("#EAF6EC", "#A5D6A7")),
    "note": (7.0, INK, "normal", "normal", 2, None),
}
# sizes in inches at scale 1: margin, lane-label column, stage column, cell padding, item gap
M, LABEL_W, COL_W, PAD, GAP, LS = 0.35, 1.3, 2.35, 0.08, 0.06, 1.25  # LS: line spacing
TAG_H, BADGE_D, EMOTION_H, BAND_H = 0.16, 11.0, 1.7, 0.46  # BADGE_D in points
SMALL_BADGE_D = 8.5  # points: the touchpoint's number beside a thought, pain point, opportunity
LIMITS = {"thoughts": 3, "pain_points": 4, "opportunities": 3}  # items per stage, per list


def line_height(kind: str, s: float) -> float:
    """The height in inches of a line of text of `kind` at scale `s`."""
    return STYLES[kind][0] * s * LS / 72


def emotion_unit(emotion: float, scale: tuple[int, int]) -> float:
    """Where `emotion` sits on its `scale`, from 0 (its low end) to 1."""
    lo, hi = scale
    return min(1.0, max(0.0, (emotion - lo) / (hi - lo)))

"""The emotion curve as inline SVG, for the live scoring board.

A matplotlib draw of the curve takes about 0.3 s, too slow to follow a room scoring live; this
SVG is written in about a millisecond and drawn by the browser. It reads like
`cjm.render.charts.emotion_curve` (same colours, stage bands, gaps where nothing is scored,
moments of truth ringed, unscored touchpoints greyed); the saved figures still come from
`cjm.render.charts`.
"""

from __future__ import annotations

import html

import pandas as pd

from ..labels import label as word
from .text import chars
from .theme import BAD, GOOD, INK, LIGHT, MUTED, NEUTRAL, UNSCORED_INK

WIDTH, PLOT_TOP, PLOT_HEIGHT, LEFT, RIGHT, BOTTOM = 560, 44, 150, 34, 10, 70


def emotion_svg(scores: pd.DataFrame, *, stages: list[str], scale=(-2, 2),
                language: str = "en") -> str:
    """SVG of the emotion at each touchpoint of `scores` (columns touchpoint_id, stage, emotion,
    moment_of_truth), in stage order then row order."""
    order = {str(s): i for i, s in enumerate(stages)}
    data = scores.assign(_stage=scores["stage"].astype(str).map(order)).sort_values(
        "_stage", kind="stable")
    n = max(len(data), 1)
    low, high = scale
    step = (WIDTH - LEFT - RIGHT) / n
    height = PLOT_TOP + PLOT_HEIGHT + BOTTOM

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(value: float) -> float:
        return PLOT_TOP + (high - value) / (high - low) * PLOT_HEIGHT

    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {height}' "
             f"style='width:100%;max-width:{WIDTH}px' font-family='sans-serif' "
             "class='cjm-curve-svg'>",
             f"<text x='{LEFT}' y='14' font-size='13' font-weight='bold' fill='{INK}'>"
             f"{html.escape(word('emotion_curve', language))}</text>"]
    stage_of = data["stage"].astype(str).tolist()
    start = 0
    for band, name in enumerate(dict.fromkeys(stage_of)):
        count = stage_of.count(name)
        left, width = LEFT + step * start, step * count
        if band % 2 == 0:
            parts.append(f"<rect x='{left:.1f}' y='{PLOT_TOP - 16}' width='{width:.1f}' "
                         f"height='{PLOT_HEIGHT + 16}' fill='{LIGHT}'/>")
        parts.append(f"<text x='{left + width / 2:.1f}' y='{PLOT_TOP - 4}' font-size='10' "
                     f"text-anchor='middle' fill='{MUTED}' font-weight='bold'>"
                     f"{html.escape(_fit(name, width))}</text>")
        start += count
    neutral = (low + high) / 2  # as the chart: sentiment is read against the scale's middle
    parts.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y(neutral):.1f}' "
                 f"y2='{y(neutral):.1f}' stroke='#b5b5b5'/>")
    for value in range(int(low), int(high) + 1):
        tick = f"{value:+d}" if low < 0 and value else str(value)
        parts.append(f"<text x='{LEFT - 6}' y='{y(value) + 3:.1f}' font-size='9' "
                     f"text-anchor='end' fill='{MUTED}'>{tick}</text>")
    emotions = [None if pd.isna(v) else float(v) for v in data["emotion"]]
    segment: list[str] = []
    for i, value in enumerate([*emotions, None]):  # a gap where nothing is scored
        if value is not None:
            segment.append(f"{x(i):.1f},{y(value):.1f}")
        elif segment:
            parts.append(f"<polyline class='cjm-curve-line' points='{' '.join(segment)}' "
                         "fill='none' stroke='#5a5a5a' stroke-width='1.6'/>")
            segment = []
    for i, (row, value) in enumerate(zip(data.itertuples(index=False), emotions, strict=True)):
        moment = bool(row.moment_of_truth) if pd.notna(row.moment_of_truth) else False
        if value is not None:
            color = BAD if value < neutral else GOOD if value > neutral else NEUTRAL
            if moment:
                parts.append(f"<circle cx='{x(i):.1f}' cy='{y(value):.1f}' r='8' fill='none' "
                             f"stroke='{INK}' stroke-width='1.3'/>")
            parts.append(f"<circle class='cjm-curve-point' data-touchpoint='"
                         f"{html.escape(str(row.touchpoint_id))}' data-emotion='{value:g}' "
                         f"cx='{x(i):.1f}' cy='{y(value):.1f}' r='4.5' fill='{color}' "
                         "stroke='white'/>")
        tx, ty = x(i), PLOT_TOP + PLOT_HEIGHT + 8
        ink = INK if value is not None else UNSCORED_INK
        weight = "bold" if moment else "normal"
        parts.append(f"<text x='{tx:.1f}' y='{ty:.1f}' font-size='9' text-anchor='end' "
                     f"transform='rotate(-50 {tx:.1f} {ty:.1f})' fill='{ink}' "
                     f"font-weight='{weight}'>{html.escape(str(row.touchpoint_id))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _fit(text: str, width: float, size: float = 10) -> str:
    """`text` cut with an ellipsis to about `width` pixels at font size `size` (the browser
    measures SVG text: an estimate is all that can be known here)."""
    room = chars(width / 72, size)
    return text if len(text) <= room else text[:max(room - 1, 1)] + "…"

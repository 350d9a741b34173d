"""The priority chart as inline SVG, for the priority tuner of step 5.

A matplotlib draw of `cjm.render.charts.priority_bars` takes about 0.2 s, too slow to follow a
weight slider; this SVG is written in under a millisecond and drawn by the browser. It reads
like the saved chart: the top touchpoints by priority, highest at the top, each bar split into
the weighted components of the score, the score written at its end, a legend below.
"""

from __future__ import annotations

import html

import pandas as pd

from ..labels import label as word
from ..labels.numbers import num
from .text import chars
from .theme import INK, MUTED, PRIORITY_COLORS

WIDTH, LEFT, RIGHT, TOP, ROW, LEGEND = 640, 190, 44, 26, 22, 40


def priority_svg(priorities: pd.DataFrame, *, top: int = 10, language: str = "en") -> str:
    """SVG of the `top` rows of `priorities` (as `touchpoint_priorities` ranks them: columns
    name, priority and the weighted `w_` components), highest first."""
    data = priorities.head(top)
    height = TOP + ROW * len(data) + LEGEND
    totals = [sum(_value(row[column]) for column in PRIORITY_COLORS) * 100
              for _, row in data.iterrows()]
    scale = (WIDTH - LEFT - RIGHT) / max(max(totals, default=0) * 1.05, 10)
    title = f"{word('priority_score', language)} (0-100)"
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {height}' "
             f"style='width:100%;max-width:{WIDTH}px' font-family='sans-serif' "
             "class='cjm-priority-svg'>",
             f"<text x='{LEFT}' y='14' font-size='13' font-weight='bold' fill='{INK}'>"
             f"{html.escape(title)}</text>"]
    for i, (_, row) in enumerate(data.iterrows()):
        y = TOP + ROW * i
        name = str(row["name"]) if pd.notna(row["name"]) else str(row["touchpoint_id"])
        parts.append(f"<text x='{LEFT - 6}' y='{y + ROW / 2 + 4:.1f}' font-size='11' "
                     f"text-anchor='end' fill='{INK}'>{html.escape(_fit(name))}</text>")
        left = LEFT
        for column, (_, color) in PRIORITY_COLORS.items():
            width = _value(row[column]) * 100 * scale
            if width > 0:
                parts.append(f"<rect x='{left:.1f}' y='{y + 3}' width='{width:.1f}' "
                             f"height='{ROW - 6}' fill='{color}' stroke='white' "
                             "stroke-width='0.6'/>")
            left += width
        parts.append(f"<text class='cjm-priority-value' data-touchpoint='"
                     f"{html.escape(str(row['touchpoint_id']))}' x='{left + 4:.1f}' "
                     f"y='{y + ROW / 2 + 4:.1f}' font-size='11' font-weight='bold' "
                     f"fill='{INK}'>{html.escape(num(totals[i], 0, language))}</text>")
    x, y = 10, TOP + ROW * len(data) + 22
    for _, (key, color) in PRIORITY_COLORS.items():
        text = word(key, language)
        parts.append(f"<rect x='{x}' y='{y - 9}' width='10' height='10' fill='{color}'/>"
                     f"<text x='{x + 14}' y='{y}' font-size='10' fill='{MUTED}'>"
                     f"{html.escape(text)}</text>")
        x += 26 + 6 * len(text)
    parts.append("</svg>")
    return "".join(parts)


def _value(value) -> float:
    return 0.0 if pd.isna(value) else float(value)


def _fit(text: str) -> str:
    room = chars((LEFT - 10) / 72, 11)
    return text if len(text) <= room else text[:room - 1] + "…"

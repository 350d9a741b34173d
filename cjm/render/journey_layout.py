"""Drawing a journey map: the layout of what `cjm.render.journey_map.journey_map_data` gathers.

The map is drawn on one Axes covering the figure, in inches from the top-left corner, top to
bottom: header, stage headers, then one lane per row of `LANES`, then the footer (opportunities
across the journey, legend). Text is measured as it is drawn, wrapped to its column and cut
with "…" beyond the lines its kind allows (`STYLES`), so each lane is as tall as its tallest
cell and the figure is sized to what was drawn. `draw_map` draws at the natural size or, for a
given `figsize`, wraps text to its width and shrinks everything until it fits its height.
"""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyBboxPatch, Polygon, Rectangle
from matplotlib.transforms import TransformedPatchPath

from ..errors import ArgumentError
from ..labels import label
from ..messages import tr
from ..periods import period_text
from .journey_style import (
    BADGE_D,
    BAND_H,
    BOX_LANES,
    COL_W,
    EMOTION_H,
    GAP,
    GREEN,
    LABEL_W,
    LANES,
    LINES,
    LS,
    PAD,
    SMALL_BADGE_D,
    STYLES,
    TAG_H,
    M,
    emotion_unit,
    line_height,
)
from .text import FONT, pct, wrap_lines
from .text import width as text_width
from .theme import GOLD, SENTIMENT, ink_on
from .theme import MAP_INK as INK
from .theme import MAP_LINE as LINE
from .theme import MAP_MUTED as MUTED


def draw_map(data: dict, language: str, figsize=None, cap: int | None = None):
    """The map of `data` as a Figure: at its natural size, or wrapped to the width of
    `figsize` and shrunk (down to 60 % type size) until it fits its height. `cap`: at most
    this many touchpoint boxes per stage."""
    if figsize is None:
        return _Map(data, language, COL_W, 1.0, cap).finish()
    width, height = (float(value) for value in figsize)
    n, scale = len(data["stages"]), 1.0
    while True:
        scale = max(scale, 0.6)
        col_w = (width - (2 * M + LABEL_W) * scale) / n
        if col_w < 0.6:
            raise ArgumentError(tr("`figsize` width {width:g} is too narrow for {count} "
                                   "stages (expected at least {least:.1f} inches)",
                                   width=width, count=n, least=2 * M + LABEL_W + 0.6 * n))
        drawing = _Map(data, language, col_w, scale, cap)
        if drawing.height <= height or scale <= 0.6:
            break
        plt.close(drawing.figure)
        scale *= min(0.97, height / drawing.height)  # height shrinks about as fast as type
    if drawing.height > height:
        warnings.warn(tr("the journey map needs {needed:.1f} inches of height, more than "
                         "the {height:g} of `figsize`: the figure is taller",
                         needed=drawing.height, height=height), stacklevel=3)
    return drawing.finish(max(height, drawing.height))


def worst_first(tp: dict) -> float:
    """Sort key of touchpoints: worst emotion first, unscored last."""
    return 99.0 if tp["emotion"] is None else tp["emotion"]


def _word(key: str, language: str) -> str:
    return label(key, language)


def _colon(language: str) -> str:
    return label("colon", language)


class _Map:
    """Draws a map top to bottom in inches from the top-left corner, measuring as it goes;
    `finish` then sizes the figure to what was drawn. `s` scales every font and size."""

    def __init__(self, data: dict, language: str, col_w: float, s: float, cap: int | None):
        self.data, self.language, self.col_w, self.s, self.cap = data, language, col_w, s, cap
        self.inner = col_w - 2 * PAD * s
        self.grid_left = (M + LABEL_W) * s
        self.width = self.grid_left + col_w * len(data["stages"]) + M * s
        self.figure = plt.figure(figsize=(self.width, 10))
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()
        # the Axes is the whole figure: its texts, boxes and lines share one unused clip path
        # instead of a clip box matplotlib builds for each (a third of building a map)
        self.unclipped = {"clip_on": False, "clip_path": TransformedPatchPath(self.ax.patch)}
        self.boxes: dict[str, tuple] = {}  # touchpoint id -> (x, y, w, h) of its box
        y = self._stages(self._header())
        for i, lane in enumerate(data.get("lanes", LANES)):
            y = self._lane(i, lane, y)
        self._links()
        self.height = self._footer(y) + M * s

    def finish(self, height: float | None = None):
        height = height or self.height
        self.figure.set_size_inches(self.width, height)
        self.ax.set_xlim(0, self.width)
        self.ax.set_ylim(height, 0)
        if hasattr(self, "emotion_box"):  # a blueprint has no emotion curve
            top, h = self.emotion_box
            self.emotion_ax.set_position((self.grid_left / self.width, 1 - (top + h) / height,
                                          (self.width - self.grid_left - M * self.s)
                                          / self.width, h / height))
        return self.figure

    def _patch(self, patch):
        """Add a patch to the map. Not `add_patch`: the map sets its own limits, and the data
        limits `add_patch` computes for every rounded box made a third of the drawing time."""
        patch.set(**self.unclipped)
        self.ax.add_artist(patch)

    def _text(self, x, y, lines, kind, gid=None, **options):
        size, color, weight, style, _, _ = STYLES[kind]
        options = {"color": color, "fontweight": weight, "fontstyle": style, "va": "top",
                   "fontsize": size * self.s, "gid": gid or kind} | options
        return self.ax.text(x, y, "\n".join(lines), fontfamily=FONT, linespacing=LS,
                            parse_math=False, zorder=4, **(self.unclipped | options))

    def _block(self, x, y, text, kind, width, **options) -> float:
        """Draw `text` wrapped to `width`; return its height."""
        lines = _wrap(text, kind, width, self.s)
        self._text(x, y, lines, kind, **options)
        return len(lines) * line_height(kind, self.s)

    def _header(self) -> float:
        s, persona, data = self.s, self.data["persona"], self.data
        meta = [data["project"], f"{_word('journey_map', self.language)} · "
                f"{_word(data['map_type'], self.language)}", *self._facts()]
        meta_w = max(text_width(line, STYLES["meta"][0] * s, "bold") for line in meta)
        for i, line in enumerate(meta):  # project and kind of map in bold, then the facts
            bold = {"fontweight": "bold", "color": INK} if i < 2 else {}
            self._text(self.width - M * s, M * s + i * line_height("meta", s), [line], "meta",
                       ha="right", gid="header:meta", **bold)
        y, width = M * s, self.width - 2 * M * s - meta_w - 0.4 * s
        scenario = data["scenario"] and (_word("scenario", self.language)
                                         + _colon(self.language) + data["scenario"])
        for kind, text in (("title", persona["name"] or persona["persona_id"]),
                           ("subtitle", persona["description"]),
                           ("header_scenario", scenario)):
            y += self._block(M * s, y, text, kind, width, gid=f"header:{kind}") if text else 0
        return max(y, M * s + len(meta) * line_height("meta", s)) + 0.25 * s

    def _facts(self) -> list[str]:
        persona, words = self.data["persona"], []
        colon = _colon(self.language)
        words.append(_word("period", self.language) + colon
                     + (period_text(self.data["period"], self.language) or "—"))
        if persona["share"] is not None:
            share = persona["share"] * 100 if persona["share"] <= 1 else persona["share"]
            words.append(f"{_word('share', self.language)}{colon}{pct(share / 100, self.language)}")
        if persona["digital_ease"] is not None:
            words.append(f"{_word('digital_ease', self.language)}{colon}"
                         f"{persona['digital_ease']}/5")
        return words

    def _stages(self, top: float) -> float:
        s, h, notch = self.s, BAND_H * self.s, 0.12 * self.s
        for i, stage in enumerate(self.data["stages"]):
            x0 = self.grid_left + i * self.col_w
            x1 = x0 + self.col_w - 0.04 * s
            points = [(x0, top), (x1 - notch, top), (x1, top + h / 2), (x1 - notch, top + h),
                      (x0, top + h)] + ([(x0 + notch, top + h / 2)] if i else [])
            self._patch(Polygon(points, closed=True, fc="#37474F", ec="none", zorder=1))
            lines = _wrap(stage["stage"], "stage", self.col_w - 0.4 * s, s)
            self._text(x0 + self.col_w / 2, top + h / 2, lines, "stage", ha="center",
                       va="center", gid=f"stage:{stage['stage']}")
        return top + h

    def _lane(self, i: int, lane: str, top: float) -> float:
        s, right = self.s, self.width - M * self.s
        if lane in LINES:  # a line across the map, named on it
            h = 0.3 * s
            self.ax.plot([M * s, right], [top + h / 2] * 2, color=INK, lw=1.1, ls=(0, (6, 3)),
                         zorder=3, gid=f"line:{lane}", **self.unclipped)
            self._text((M + 0.1) * s, top + h / 2, [_word(lane, self.language)], "tag",
                       va="center", color=INK, gid=f"lane_label:{lane}",
                       bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none"})
            return top + h
        if lane == "emotion_curve":
            h = EMOTION_H * s
            self._emotion(top, h)
        else:
            bottoms = [self._cell(lane, stage, self.grid_left + k * self.col_w + PAD * s,
                                  top + PAD * s) for k, stage in enumerate(self.data["stages"])]
            h = max(0.45 * s, max(bottoms) - top + (PAD - GAP) * s)
        self._patch(Rectangle((M * s, top), right - M * s, h, zorder=0, ec="none",
                              fc="#F2F4F6" if i % 2 == 0 else "white", gid=f"lane:{lane}"))
        self._patch(Rectangle((M * s, top), (LABEL_W - 0.08) * s, h, fc="#E3E8EC", ec="none",
                              zorder=0))
        self.ax.plot([M * s, right], [top + h] * 2, color=LINE, lw=0.6, zorder=1,
                     **self.unclipped)
        for k in range(1, len(self.data["stages"])):
            x = self.grid_left + k * self.col_w - 0.02 * s
            self.ax.plot([x, x], [top + 0.06 * s, top + h - 0.06 * s], color=LINE, lw=0.6,
                         ls=(0, (2, 2)), zorder=1, **self.unclipped)
        width = (LABEL_W - (0.55 if lane == "emotion_curve" else 0.25)) * s
        self._block((M + 0.1) * s, top + PAD * s, _word(lane, self.language), "lane", width,
                    gid=f"lane_label:{lane}")
        return top + h

    def _cell(self, lane: str, stage: dict, x: float, y: float) -> float:
        """Draw one lane of one stage from `y` down; return the y below the last item."""
        if lane in BOX_LANES:
            return self._touchpoints(stage, x, y, lane)
        if lane == "goals":  # the scenario is in the header when it is the same at every stage
            expectation = stage["expectation"] and (_word("expectation", self.language)
                                                    + _colon(self.language) + stage["expectation"])
            items = [("goal", stage["goal"], "goal"), ("expectation", expectation, "expectation")]
            if not self.data["scenario"]:
                items.insert(1, ("scenario", stage["scenario"], "scenario"))
        else:
            kind = {"thoughts": "thought", "pain_points": "pain_point",
                    "changes": "change"}.get(lane, "opportunity")
            items = [(kind, _entry_text(lane, entry, self.language), _entry_gid(kind, entry),
                      entry if entry.get("number") else None) for entry in stage[lane]]
            if stage["more"][lane]:
                items.append(("more", self._more(stage["more"][lane]), "more", None))
        for kind, text, gid, *badge in items:
            y += self._item(x, y, text, kind, gid, *badge) if text else 0
        return y

    def _more(self, n: int, numbers=()) -> str:
        text = _word("more", self.language).format(n=n)
        return f"{text} ({', '.join(map(str, numbers))})" if numbers else text

    def _item(self, x, y, text, kind, gid, badge: dict | None = None) -> float:
        """A text of a lane, on a highlight box for the kinds that have one, after the
        numbered badge of its touchpoint when `badge` (a touchpoint's number and emotion) is
        given; its height."""
        s, box = self.s, STYLES[kind][5]
        inset = 0.06 * s if box else 0
        indent = 0.0
        if badge is not None:
            radius = SMALL_BADGE_D * s / 144
            middle = y + inset * 2 / 3 + line_height(kind, s) / 2
            fill, edge = self._badge_fill(badge)
            self._patch(Circle((x + inset + radius, middle), radius, fc=fill, ec=edge, lw=0.6,
                               zorder=5, gid=f"item_badge:{gid}"))
            self._number(self.ax, x + inset + radius, middle, badge, SMALL_BADGE_D * s,
                         f"item_badge:{gid}")
            indent = 2 * radius + 0.05 * s
        h = self._block(x + inset + indent, y + inset * 2 / 3, text, kind,
                        self.inner - 2 * inset - indent, gid=gid) + inset * 4 / 3
        if box:
            self._patch(FancyBboxPatch((x, y), self.inner, h, fc=box[0], ec=box[1], lw=0.6,
                                       zorder=2, boxstyle=self._round()))
        return h + GAP * s

    def _round(self) -> str:
        return f"round,pad=0,rounding_size={0.04 * self.s}"

    def _touchpoints(self, stage: dict, x: float, y: float, lane: str = "touchpoints") -> float:
        tps = shown = stage.get(lane, [])
        if lane == "customer_actions" and not tps and stage.get("goal"):
            return y + self._item(x, y, stage["goal"], "goal", f"customer_goal:{stage['stage']}")
        if self.cap is not None and len(tps) > self.cap:
            first = sorted(tps, key=lambda tp: (not tp["moment_of_truth"], worst_first(tp)))
            shown = [tp for tp in tps if tp in first[:self.cap]]
        for tp in shown:
            y += self._touchpoint(x, y, tp)
        hidden = [tp["number"] for tp in tps if tp not in shown]
        return y + (self._item(x, y, self._more(len(hidden), hidden), "more", "more")
                    if hidden else 0)

    def _touchpoint(self, x: float, y: float, tp: dict) -> float:
        """A touchpoint's box: channel tag (the owner's for work behind the scenes, none for
        a personal moment), number badge, star for a moment of truth, name, then its owner and
        the assessors behind its score; marked when the future state adds or retires it."""
        s, w, tid, mot = self.s, self.inner, tp["touchpoint_id"], tp["moment_of_truth"]
        customer = tp["number"] is not None
        middle = y + (0.05 + TAG_H / 2) * s
        color = self.data["channel_colors"].get(tp["channel"], "#CFD8DC") if customer \
            else "#CFD8DC"
        tag_text = tp["channel"] if customer else tp.get("owner") or ""
        if tag_text:
            tag = _wrap(tag_text, "tag", w - 0.6 * s, s)
            self._text(x + 0.08 * s, middle, tag, "tag", va="center", gid=f"channel:{tid}",
                       color=ink_on(color, dark=INK),
                       bbox={"boxstyle": "round,pad=0.35", "fc": color, "ec": "none"})
        badge_x = x + w - 0.05 * s - BADGE_D * s / 144
        if customer:
            fill, edge = self._badge_fill(tp)
            self._patch(Circle((badge_x, middle), BADGE_D * s / 144, fc=fill, ec=edge, lw=0.8,
                               zorder=5, gid=f"badge:{tid}"))
            self._number(self.ax, badge_x, middle, tp, BADGE_D * s, f"badge:{tid}")
        if tp.get("change") in ("new", "retired"):
            self._text(badge_x - (BADGE_D / 144 + 0.04) * s, middle,
                       [_word(f"tag_{tp['change']}", self.language)], "tag", ha="right",
                       va="center", gid=f"change:{tid}",
                       color=GREEN if tp["change"] == "new" else MUTED)
        elif mot and customer:
            self._text(badge_x - (BADGE_D / 144 + 0.04) * s, middle, ["★"], "tag", ha="right",
                       va="center", color=GOLD, fontsize=9.5 * s, gid=f"moment_of_truth:{tid}")
        h = (0.13 + TAG_H) * s + self._block(x + 0.05 * s, y + (0.08 + TAG_H) * s, tp["name"],
                                             "touchpoint", w - 0.1 * s, gid=f"touchpoint:{tid}",
                                             **({"color": MUTED} if tp.get("change") ==
                                                "retired" else {}))
        evidence = self._evidence(tp)
        if evidence:
            h += self._block(x + 0.05 * s, y + h - 0.05 * s, evidence, "evidence",
                             w - 0.1 * s, gid=f"evidence:{tid}")
        fill, edge, width, style = self._box_look(tp, customer)
        self._patch(FancyBboxPatch((x, y), w, h, boxstyle=self._round(), fc=fill, ec=edge,
                                   lw=width, zorder=2, ls=style, gid=f"box:{tid}"))
        self.boxes[tid] = (x, y, w, h)
        return h + GAP * s

    def _evidence(self, tp: dict) -> str:
        """"Owner · n = 3": who owns it and how many assessors its score stands on."""
        parts = [tp["owner"]] if tp.get("owner") and tp["number"] is not None else []
        if tp.get("n"):
            parts.append(_word("assessors_n", self.language).format(n=tp["n"]))
        return " · ".join(parts)

    def _box_look(self, tp: dict, customer: bool) -> tuple:
        """Fill, edge, line width and style of a touchpoint's box."""
        if tp.get("change") == "new":
            return "#EAF6EC", GREEN, 1.3, (0, (4, 2))
        if tp.get("change") == "retired":
            return "#ECEFF1", MUTED, 0.7, (0, (2, 2))
        if not customer:  # behind the scenes, or the customer's own moment
            return "#F5F5F5", "#B0BEC5", 0.7, "-"
        if tp["moment_of_truth"]:
            return "#FFF8E1", GOLD, 1.4, "-" if tp["emotion"] is not None else (0, (3, 2))
        return "white", "#B0BEC5", 0.7, "-" if tp["emotion"] is not None else (0, (3, 2))

    def _links(self) -> None:
        """A service blueprint's connectors: from back-stage work up to the front-stage
        touchpoint it supports, spread along both boxes' edges so that each one shows."""
        links = [(a, b) for a, b in self.data.get("links", []) if {a, b} <= self.boxes.keys()]
        out = {a: [b for x, b in links if x == a] for a, _ in links}
        into = {b: [a for a, y in links if y == b] for _, b in links}
        for a, b in links:
            (x0, y0, w0, _), (x1, y1, w1, h1) = self.boxes[a], self.boxes[b]
            start = x0 + w0 * (out[a].index(b) + 1) / (len(out[a]) + 1)
            end = x1 + w1 * (into[b].index(a) + 1) / (len(into[b]) + 1)
            self.ax.annotate("", xy=(end, y1 + h1), xytext=(start, y0), zorder=3,
                             gid=f"link:{a}>{b}",
                             arrowprops={"arrowstyle": "-|>", "color": "#546E7A", "lw": 0.9,
                                         "alpha": 0.7, "shrinkA": 0, "shrinkB": 1})

    def _badge_fill(self, tp: dict) -> tuple:
        """A touchpoint badge's fill and edge: coloured by its emotion, white when unscored."""
        if tp["emotion"] is None:
            return "white", MUTED
        return SENTIMENT(emotion_unit(tp["emotion"], self.data["emotion_scale"])), "white"

    def _number(self, ax, x, y, tp, diameter, gid):
        """The touchpoint's number on its badge, when the badge is big enough to hold it."""
        if diameter >= 7.5 * self.s:
            ax.text(x, y, str(tp["number"]), ha="center", va="center", fontfamily=FONT,
                    fontsize=diameter / 2, fontweight="bold", zorder=6, gid=f"{gid}:number",
                    color="white" if tp["emotion"] is not None else MUTED)

    def _emotion(self, top: float, h: float):
        """The emotion lane: the scored touchpoints' numbered points, a line through them."""
        ax, neutral = self._emotion_axes(top, h)
        points = self.data["emotion_points"]
        if not points:
            ax.text((self.grid_left + self.width) / 2, neutral, _word("no_scores", self.language),
                    ha="center", va="center", fontsize=9 * self.s, color=MUTED, style="italic",
                    fontfamily=FONT, gid="no_scores", bbox={"fc": "white", "ec": "none"})
            return
        xs, diameter = self._emotion_x()
        faint = [tp for tp in self.data.get("faint_points", []) if tp["touchpoint_id"] in xs]
        if faint:  # today's curve behind the target one
            ax.plot([xs[tp["touchpoint_id"]] for tp in faint], [tp["emotion"] for tp in faint],
                    color="#90A4AE", lw=1.2 * self.s, ls=(0, (3, 2)), alpha=0.7, zorder=1.5,
                    gid="emotion_curve:today")
        x, y = [xs[tp["touchpoint_id"]] for tp in points], [tp["emotion"] for tp in points]
        for where, color in (([v >= neutral for v in y], SENTIMENT(1.0)),
                             ([v <= neutral for v in y], SENTIMENT(0.0))):
            ax.fill_between(x, y, neutral, where=where, interpolate=True, color=color,
                            alpha=0.13, lw=0, zorder=1)
        ax.plot(x, y, color="#455A64", lw=1.5 * self.s, zorder=2, gid="emotion_curve")
        ax.scatter(x, y, s=diameter ** 2, color=[self._badge_fill(tp)[0] for tp in points],
                   edgecolors="white", linewidths=0.8, zorder=5, gid="emotion_points")
        for tp in points:
            self._number(ax, xs[tp["touchpoint_id"]], tp["emotion"], tp, diameter,
                         f"emotion:{tp['touchpoint_id']}")

    def _emotion_axes(self, top: float, h: float):
        """The emotion lane's own Axes (x in the map's inches) and the scale's neutral value."""
        s, (lo, hi) = self.s, self.data["emotion_scale"]
        self.emotion_box = (top + 0.1 * s, h - 0.2 * s)  # placed by `finish`
        ax = self.emotion_ax = self.figure.add_axes((0, 0, 1, 1), gid="emotion")
        ax.set(xlim=(self.grid_left, self.width - M * s), ylim=(lo - 0.5, hi + 0.5), xticks=[])
        ax.patch.set_visible(False)
        ax.spines[:].set_visible(False)
        ax.set_yticks(range(lo, hi + 1), [f"{v:+d}".replace("-", "−") if lo < 0 and v else str(v)
                                          for v in range(lo, hi + 1)])
        ax.tick_params(length=0, labelsize=6.5 * s, labelcolor=MUTED, pad=4 * s)
        neutral = (lo + hi) / 2
        for v in range(lo, hi + 1):
            ax.axhline(v, color=LINE, lw=0.5, ls=":", zorder=1)
        ax.axhline(neutral, color="#90A4AE", lw=0.9, zorder=1)
        return ax, neutral

    def _emotion_x(self) -> tuple[dict, float]:
        """x of each touchpoint, evenly spaced under its stage; the points' diameter (pt)."""
        xs, slot = {}, self.inner
        for i, stage in enumerate(self.data["stages"]):
            n = len(stage["touchpoints"])
            for j, tp in enumerate(stage["touchpoints"]):
                xs[tp["touchpoint_id"]] = (self.grid_left + i * self.col_w + PAD * self.s
                                           + (j + 0.5) * self.inner / n)
            slot = min(slot, self.inner / max(n, 1))
        return xs, min(12.0 * self.s, slot * 72 * 0.85)

    def _footer(self, y: float) -> float:
        s, width = self.s, self.width - 2 * M * self.s
        y += 0.15 * s
        if self.data.get("untimed"):
            text = _word("untimed", self.language).format(n=self.data["untimed"])
            y += self._block(M * s, y, text, "note", width, gid="untimed") + 0.06 * s
        if self.data["across_journey"]:
            text = _word("across_journey", self.language) + _colon(self.language) + "; ".join(
                _entry_text("opportunities", entry, self.language)
                for entry in self.data["across_journey"])
            y += self._block(M * s, y, text, "note", width, gid="across_journey") + 0.06 * s
        x, middle = 0.0, y + 0.1 * s
        for kind, text, color in self._legend():
            w = text_width(text, 7.0 * s, "bold" if kind == "tag" else "normal") + (
                0.1 if kind == "tag" else 0.3) * s
            if x and x + w > width:
                x, middle = 0.0, middle + 0.24 * s
            self._legend_entry(M * s + x, middle, kind, text, color)
            x += w + 0.15 * s
        return middle + 0.1 * s

    def _legend(self) -> list[tuple]:
        used = {tp["channel"] for stage in self.data["stages"] for tp in stage["touchpoints"]}
        return [*(("tag", channel, color) for channel, color in
                  self.data["channel_colors"].items() if channel in used),
                ("star", _word("moment_of_truth", self.language), GOLD),
                *(("dot", _word(word, self.language), SENTIMENT(value)) for word, value in
                  (("negative", 0.0), ("neutral", 0.5), ("positive", 1.0))),
                ("dashed", _word("not_scored", self.language), MUTED)]

    def _legend_entry(self, x, middle, kind, text, color):
        s, options = self.s, {"va": "center", "fontsize": 7.0 * self.s, "gid": "legend"}
        if kind == "tag":
            self._text(x + 0.04 * s, middle, [text], "tag", color=ink_on(color, dark=INK),
                       **options, bbox={"boxstyle": "round,pad=0.3", "fc": color, "ec": "none"})
            return
        if kind == "star":
            self._text(x + 0.1 * s, middle, ["★"], "note", color=GOLD, ha="center",
                       **(options | {"fontsize": 10 * s}))
        elif kind == "dot":
            self.ax.scatter([x + 0.1 * s], [middle], s=(8 * s) ** 2, color=[color], zorder=4)
        else:
            self._patch(FancyBboxPatch((x + 0.02 * s, middle - 0.06 * s), 0.18 * s, 0.12 * s,
                                       boxstyle="round,pad=0", fc="white", ec=MUTED,
                                       ls=(0, (3, 2)), lw=0.7, zorder=4))
        self._text(x + 0.26 * s, middle, [text], "note", **options)


def _entry_text(lane: str, entry, language: str) -> str:
    if lane == "thoughts":
        return label("quoted", language).format(text=entry["text"])
    if lane == "opportunities":
        if entry["rank"] is None:
            return entry["title"]
        return f"{entry['title']} ({_word('plan_rank', language).format(rank=entry['rank'])})"
    return entry["text"]


def _entry_gid(kind: str, entry) -> str:
    return f"opportunity:{entry['action_id']}" if kind == "opportunity" else kind


def _wrap(text: str, kind: str, width_inches: float, s: float) -> list[str]:
    """`text` broken into lines no wider than `width_inches`, "…" beyond the kind's budget."""
    size, _, weight, style, budget, _ = STYLES[kind]
    return wrap_lines(text, width_inches, size * s, budget, weight, style)



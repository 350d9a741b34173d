"""A persona's journey map as an editable slide: stage headers, goals, touchpoint cards, lane
labels, thoughts, pain points and opportunities are PowerPoint shapes and text, and the emotion
curve is a native chart, so a consultant can reword, move or restyle any of it.

It shows what `cjm.render.journey_map.journey_map_data` gathers, as the figure does: the same
numbered, emotion-coloured touchpoints, the curve through the scored ones, at most as many
cards per stage as the slide holds (moments of truth and the worst first, the others counted).
"""

from __future__ import annotations

from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..labels import label
from ..periods import period_text
from .journey_layout import worst_first
from .slides import fill_frame, layout, rgb
from .text import pct, wrap_lines
from .theme import GOLD, SENTIMENT, ink_on
from .theme import MAP_INK as INK
from .theme import MAP_MUTED as MUTED

# inches: header, stage headers, emotion lane, footer, gaps, cards, margins, label column
HEADER_H, STAGE_H, EMOTION_H, FOOTER_H, GAP = 0.72, 0.32, 1.0, 0.3, 0.05
CARD_H, CARD_GAP, MARGIN, LABEL_W, PAD = 0.22, 0.035, 0.3, 1.1, 0.05
CAP = 9  # at most this many touchpoint cards per stage, fewer when the slide is full
LIMITS = {"thoughts": 3, "pain_points": 3, "opportunities": 3}
CURVE_MOST = 60  # touchpoints on the emotion curve before it keeps to those with a card
HIDDEN_NUMBERS = 12  # numbers of the touchpoints without a card listed after "+n more"
LINE = 1.22  # line height over font size
SIZES = {"goal": 8, "expectation": 7, "item": 7, "card": 7}


def map_slide(deck, data: dict) -> None:
    """Add the slide of the persona's map described by `data` to `deck`."""
    slide = deck.prs.slides.add_slide(_blank(deck.prs))
    _Slide(deck, slide, data).draw()


def _blank(prs):
    return layout(prs, "blank")


def _share(value: float) -> float:
    """A persona's share as a 0-1 share (the table may give 35 for 35 %)."""
    return value if value <= 1 else value / 100


def hex_of(value: float, scale) -> str:
    low, high = scale
    red, green, blue, _ = SENTIMENT(min(1.0, max(0.0, (value - low) / (high - low))))
    return f"#{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"


class _Slide:
    """Lays the map out on the slide: each lane as tall as its fullest stage (its texts
    measured), fewer cards per stage and then smaller type until it all fits the slide."""

    def __init__(self, deck, slide, data: dict):
        self.deck, self.slide, self.data, self.language = deck, slide, data, deck.language
        self.stages = data["stages"]
        self.left = Inches(MARGIN + LABEL_W)
        self.col = (deck.width - self.left - Inches(MARGIN)) // max(len(self.stages), 1)
        self.inner = (self.col - Inches(2 * PAD)) / 914400  # a stage's text width, inches
        room = deck.height / 914400 - HEADER_H - STAGE_H - FOOTER_H - 8 * GAP - 0.15
        self.s, self.cap = 1.0, CAP
        while True:
            self.heights = self._measure()
            if sum(self.heights.values()) <= room or (self.cap <= 4 and self.s <= 0.75):
                break
            if self.cap > 6 or (self.cap > 4 and self.s <= 0.85):
                self.cap -= 1
            else:
                self.s -= 0.05

    def y(self, inches: float) -> Emu:
        return Emu(int(Inches(inches)))

    def size(self, kind: str) -> float:
        return SIZES[kind] * self.s

    def _measure(self) -> dict[str, float]:
        """Each lane's height in inches at the present scale and cap."""
        def line(kind):
            return self.size(kind) * LINE / 72
        goals = max([_lines(stage["goal"], self.inner, self.size("goal"), 2, "bold")
                     * line("goal") + _lines(stage["expectation"], self.inner,
                                             self.size("expectation"), 2) * line("expectation")
                     for stage in self.stages] or [0.3])
        cards = max([min(len(stage["touchpoints"]), self.cap) for stage in self.stages] or [1])
        heights = {"goals": goals + 2 * PAD,
                   "touchpoints": cards * (CARD_H + CARD_GAP) * self.s + 2 * PAD,
                   "emotion_curve": EMOTION_H}
        for lane in LIMITS:
            heights[lane] = max(0.3, max([sum(
                _lines(self._item_text(lane, entry), self.inner - 0.2, self.size("item"), 2)
                * line("item") + 0.02 for entry in stage[lane][:LIMITS[lane]])
                + (line("item") if self._more(lane, stage) else 0)
                for stage in self.stages] or [0]) + 2 * PAD)
        return heights

    def draw(self) -> None:
        top = self._header()
        top = self._stage_headers(top)
        for lane, height in self.heights.items():
            self._lane(lane, top, self.y(height))
            top += self.y(height) + self.y(GAP)
        self._footer(top)

    # ------------------------------------------------------------------ parts
    def _header(self) -> Emu:
        persona, deck = self.data["persona"], self.deck
        name = persona.get("name") or persona["persona_id"]
        self._text(Inches(MARGIN), self.y(0.15), deck.width * 6 // 10, self.y(0.4),
                   [[(name, 18, True, INK)]], anchor=MSO_ANCHOR.TOP)
        colon = label("colon", self.language)
        facts = [label(self.data["map_type"], self.language),
                 f"{label('period', self.language)}{colon}"
                 f"{period_text(self.data['period'], self.language) or '–'}"]
        if persona.get("share") is not None:
            facts.append(f"{label('share', self.language)}{colon}"
                         f"{pct(_share(persona['share']), self.language)}")
        self._text(deck.width * 6 // 10, self.y(0.15),
                   deck.width * 4 // 10 - Inches(MARGIN), self.y(0.4),
                   [[("  ·  ".join(facts), 9, False, MUTED)]], align=PP_ALIGN.RIGHT,
                   anchor=MSO_ANCHOR.TOP)
        if persona.get("description"):
            self._text(Inches(MARGIN), self.y(0.47), self.deck.width - Inches(2 * MARGIN),
                       self.y(0.22), [[(str(persona["description"]), 9, False, MUTED)]],
                       anchor=MSO_ANCHOR.TOP)
        return self.y(0.72)

    def _stage_headers(self, top) -> Emu:
        height = self.y(STAGE_H)
        for i, stage in enumerate(self.stages):
            shape = self._shape(
                MSO_SHAPE.CHEVRON if i else MSO_SHAPE.PENTAGON, self.left + self.col * i, top,
                self.col, height)
            self.deck.brand(shape.fill, INK)
            shape.line.fill.background()
            shape.name = f"stage:{stage['stage']}"
            self._fill(shape, [[(stage["stage"], 10, True, "#FFFFFF")]], align=PP_ALIGN.CENTER)
        return top + height + self.y(GAP)

    def _lane(self, lane: str, top, height) -> None:
        band = self._shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN), top,
                           self.deck.width - Inches(2 * MARGIN), height)
        band.fill.solid()
        band.fill.fore_color.rgb = rgb("#F4F6F8")
        band.line.fill.background()
        band.name = f"lane:{lane}"
        tag = self._shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN), top, Inches(LABEL_W - 0.06),
                          height)
        tag.fill.solid()
        tag.fill.fore_color.rgb = rgb("#E3E8EC")
        tag.line.fill.background()
        tag.name = f"lane_label:{lane}"
        self._fill(tag, [[(label(lane, self.language), 8, True, INK)]], anchor=MSO_ANCHOR.TOP,
                   margin=Inches(0.05))
        if lane == "emotion_curve":
            self._curve(top, height)
            return
        for i, stage in enumerate(self.stages):
            left = self.left + self.col * i + Inches(PAD)
            width = self.col - Inches(2 * PAD)
            if lane == "touchpoints":
                self._cards(stage, left, top + Inches(PAD), width)
            elif lane == "goals":
                goal, expectation = self.size("goal"), self.size("expectation")
                lines = [[(_cut(stage["goal"], width, goal, 2, "bold"), goal, True, INK)]]
                if stage.get("expectation"):
                    lines.append([(_cut(stage["expectation"], width, expectation, 2),
                                   expectation, False, MUTED)])
                self._text(left, top, width, height, lines if stage["goal"] else [[
                    ("–", goal, False, MUTED)]], name=f"goal:{stage['stage']}")
            else:
                self._said(lane, stage, left, top, width, height)

    def _shown(self, stage: dict) -> list[dict]:
        """The stage's touchpoints that get a card (moments of truth and the worst first, one
        place kept for "+n more"), in journey order."""
        touchpoints = stage["touchpoints"]
        if len(touchpoints) <= self.cap:
            return touchpoints
        keep = {id(tp) for tp in sorted(touchpoints, key=lambda tp: (
            not tp["moment_of_truth"], worst_first(tp)))[:self.cap - 1]}
        return [tp for tp in touchpoints if id(tp) in keep]

    def _cards(self, stage: dict, left, top, width) -> None:
        shown = self._shown(stage)
        step = self.y((CARD_H + CARD_GAP) * self.s)
        for j, tp in enumerate(shown):
            self._card(tp, left, top + step * j, width)
        kept = {id(tp) for tp in shown}
        hidden = [str(tp["number"]) for tp in stage["touchpoints"] if id(tp) not in kept]
        if hidden:
            more = label("more", self.language).format(n=len(hidden))
            numbers = ", ".join(hidden[:HIDDEN_NUMBERS]) + (
                ", …" if len(hidden) > HIDDEN_NUMBERS else "")
            size = self.size("item")  # one line, as tall as a card: cut to fit it
            self._text(left, top + step * len(shown), width, self.y(CARD_H * self.s),
                       [[(_cut(f"{more} ({numbers})", width - Inches(2 * PAD), size, 1), size,
                          False, MUTED)]], name=f"more:{stage['stage']}")

    def _card(self, tp: dict, left, top, width) -> None:
        height = self.y(CARD_H * self.s)
        card = self._shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
        card.adjustments[0] = 0.2
        card.fill.solid()
        card.fill.fore_color.rgb = rgb("#FFF8E1" if tp["moment_of_truth"] else "#FFFFFF")
        card.line.color.rgb = rgb(GOLD if tp["moment_of_truth"] else "#B0BEC5")
        card.line.width = Pt(1.25 if tp["moment_of_truth"] else 0.75)
        if tp["emotion"] is None:
            card.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        card.name = f"touchpoint:{tp['touchpoint_id']}"
        channel = self.data["channel_colors"].get(tp["channel"], MUTED)
        bar = self._shape(MSO_SHAPE.RECTANGLE, left, top, Inches(0.07), height)
        bar.fill.solid()
        bar.fill.fore_color.rgb = rgb(channel)
        bar.line.fill.background()
        bar.name = f"channel:{tp['touchpoint_id']}"
        badge_d = min(height - Inches(0.03), Inches(0.19))
        name = ("★ " if tp["moment_of_truth"] else "") + tp["name"]
        text_w = width - Inches(0.1) - badge_d - Inches(0.05)
        size = self.size("card")
        self._fill(card, [[(_cut(name, text_w, size, 1), size, False, INK)]],
                   margin_left=Inches(0.11), margin_right=badge_d + Inches(0.06),
                   align=PP_ALIGN.LEFT)
        self._badge(tp, left + width - badge_d - Inches(0.03), top + (height - badge_d) // 2,
                    badge_d, f"badge:{tp['touchpoint_id']}")

    def _badge(self, tp: dict, left, top, diameter, name: str) -> None:
        badge = self._shape(MSO_SHAPE.OVAL, left, top, diameter, diameter)
        badge.fill.solid()
        scored = tp.get("emotion") is not None
        color = hex_of(tp["emotion"], self.data["emotion_scale"]) if scored else "#FFFFFF"
        badge.fill.fore_color.rgb = rgb(color)
        badge.line.color.rgb = rgb("#FFFFFF" if scored else MUTED)
        badge.line.width = Pt(0.5)
        badge.name = name
        self._fill(badge, [[(str(tp["number"]), 6, True, ink_on(color, dark=INK)
                             if scored else MUTED)]], align=PP_ALIGN.CENTER, margin=0)

    def _shape(self, kind, left, top, width, height):
        """A shape without the theme's shadow (a map is flat)."""
        shape = self.slide.shapes.add_shape(kind, left, top, width, height)
        shape.shadow.inherit = False
        return shape

    def _item_text(self, lane: str, entry: dict) -> str:
        if lane == "thoughts":
            return label("quoted", self.language).format(text=entry["text"])
        if lane == "pain_points":
            return entry["text"]
        rank = entry.get("rank")
        return entry["title"] + (f" ({label('plan_rank', self.language).format(rank=rank)})"
                                 if rank else "")

    def _more(self, lane: str, stage: dict) -> int:
        return stage["more"][lane] + max(0, len(stage[lane]) - LIMITS[lane])

    def _said(self, lane: str, stage: dict, left, top, width, height) -> None:
        """Thoughts, pain points or opportunities of a stage, each after the number of its
        touchpoint (coloured by its emotion)."""
        color = {"thoughts": "#37474F", "pain_points": "#8E2A20"}.get(lane, "#164A6E")
        size, lines = self.size("item"), []
        for entry in stage[lane][:LIMITS[lane]]:
            runs = []
            if entry.get("number"):
                mark = (hex_of(entry["emotion"], self.data["emotion_scale"])
                        if entry.get("emotion") is not None else MUTED)
                runs.append((f"{entry['number']} ", size, True, mark))
            runs.append((_cut(self._item_text(lane, entry), width - Inches(0.2), size, 2,
                              style="italic" if lane == "thoughts" else "normal"), size,
                         False, color))
            lines.append(runs)
        if self._more(lane, stage):
            lines.append([(label("more", self.language).format(n=self._more(lane, stage)),
                           size * 0.95, False, MUTED)])
        if lines:
            self._text(left, top, width, height, lines, name=f"{lane}:{stage['stage']}")

    def _curve(self, top, height) -> None:
        """The emotion curve: a native XY chart over the grid, stage bands behind it."""
        for i in range(0, len(self.stages), 2):  # every other stage shaded
            band = self._shape(MSO_SHAPE.RECTANGLE, self.left + self.col * i, top, self.col,
                               height)
            band.fill.solid()
            band.fill.fore_color.rgb = rgb("#E9EDF1")
            band.line.fill.background()
        xs = self._positions(self.col * len(self.stages))
        points = [tp for tp in self.data["emotion_points"] if tp["touchpoint_id"] in xs]
        low, high = self.data["emotion_scale"]
        if not points:
            self._text(self.left, top, self.col * len(self.stages), height,
                       [[(label("no_scores", self.language), 9, False, MUTED)]],
                       align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
            return
        width = self.col * len(self.stages)
        neutral = (low + high) / 2
        data = XyChartData()
        curve = data.add_series(label("emotion", self.language))
        for tp in points:
            curve.add_data_point(xs[tp["touchpoint_id"]], tp["emotion"])
        middle = data.add_series("0")
        for x in (0, width / 914400):
            middle.add_data_point(x, neutral)
        # the points in three series, one colour each: every viewer draws a series' colour,
        # not all of them a colour set point by point
        groups = {}
        for tp in points:
            side = ("negative" if tp["emotion"] < neutral else "positive"
                    if tp["emotion"] > neutral else "neutral")
            groups.setdefault(side, []).append(tp)
        for side, members in groups.items():
            series = data.add_series(label(side, self.language))
            for tp in members:
                series.add_data_point(xs[tp["touchpoint_id"]], tp["emotion"])
        chart = self.slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, self.left, top,
                                            width, height, data).chart
        chart.has_legend = False
        for axis, bounds in ((chart.category_axis, (0, width / 914400)),
                             (chart.value_axis, (low - 0.45, high + 0.45))):
            axis.minimum_scale, axis.maximum_scale = bounds
            axis.visible = False
            axis.has_major_gridlines = False
        line, middle, *sides = chart.plots[0].series
        for series, color, width_pt in ((line, "#5A5A5A", 1.5), (middle, "#B5B5B5", 0.75)):
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.NONE
            series.format.line.color.rgb = rgb(color)
            series.format.line.width = Pt(width_pt)
        for series, (side, members) in zip(sides, groups.items(), strict=True):
            series.format.line.fill.background()
            series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 11
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = rgb(hex_of(
                {"negative": low, "neutral": neutral, "positive": high}[side], (low, high)))
            series.marker.format.line.color.rgb = rgb("#FFFFFF")
            for i, tp in enumerate(members):
                data_label = series.points[i].data_label
                data_label.position = XL_LABEL_POSITION.ABOVE
                data_label.text_frame.text = str(tp["number"])
                font = data_label.text_frame.paragraphs[0].runs[0].font
                font.size, font.bold = Pt(7), True
        fill_frame(chart)

    def _positions(self, width) -> dict[str, float]:
        """x (inches within the grid) of each touchpoint on the curve, spread across its
        stage's column: every touchpoint, or on a map of more than CURVE_MOST only those with
        a card (a curve of hundreds of points says nothing more, and costs minutes)."""
        xs, col = {}, self.col / 914400
        every = sum(len(stage["touchpoints"]) for stage in self.stages) <= CURVE_MOST
        for i, stage in enumerate(self.stages):
            tps = stage["touchpoints"] if every else self._shown(stage)
            for j, tp in enumerate(tps):
                xs[tp["touchpoint_id"]] = i * col + (j + 0.5) * col / max(len(tps), 1)
        return xs

    def _footer(self, top) -> None:
        runs = []
        across = self.data["across_journey"]
        if across:
            titles = "; ".join(
                item["title"] + (f" ({label('plan_rank', self.language).format(rank=item['rank'])})"
                                 if item.get("rank") else "") for item in across)
            runs.append((f"{label('across_journey', self.language)}"
                         f"{label('colon', self.language)}{titles}    ", 7, False,
                         INK))
        used = {tp["channel"] for stage in self.stages for tp in stage["touchpoints"]}
        for channel, color in self.data["channel_colors"].items():
            if channel in used:
                runs += [("■ ", 8, True, color), (f"{channel}   ", 7, False, MUTED)]
        runs.append((f"★ {label('moment_of_truth', self.language)}", 7, False, GOLD))
        self._text(Inches(MARGIN), top, self.deck.width - Inches(2 * MARGIN),
                   self.y(FOOTER_H), [runs], name="legend")

    # ------------------------------------------------------------------ text
    def _text(self, left, top, width, height, lines, *, align=None, anchor=MSO_ANCHOR.TOP,
              name: str | None = None):
        box = self.slide.shapes.add_textbox(left, top, width, height)
        if name:
            box.name = name
        self._fill(box, lines, align=align, anchor=anchor, margin=Inches(0.03))
        return box

    def _fill(self, shape, lines, *, align=None, anchor=MSO_ANCHOR.MIDDLE, margin=None,
              margin_left=None, margin_right=None) -> None:
        """Write `lines` (each a list of (text, size, bold, colour) runs) into `shape`."""
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        if margin is not None:
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = \
                margin
        if margin_left is not None:
            frame.margin_left, frame.margin_top, frame.margin_bottom = margin_left, 0, 0
        if margin_right is not None:
            frame.margin_right = margin_right
        for i, runs in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if align is not None:
                paragraph.alignment = align
            for text, size, bold, color in runs:
                run = paragraph.add_run()
                run.text = str(text)
                run.font.size, run.font.bold = Pt(size), bold
                run.font.color.rgb = rgb(color)


def _lines(text, width_inches: float, size: float, lines: int, weight: str = "normal",
           style: str = "normal") -> int:
    """How many lines `text` takes, at most `lines` (0 for no text)."""
    if not text:
        return 0
    return len(wrap_lines(str(text), width_inches, size, lines, weight, style))


def _cut(text, width, size: float, lines: int, weight: str = "normal",
         style: str = "normal") -> str:
    """`text` on at most `lines` lines of `width` at `size` points, cut with "…" (measured in
    the font the figures use, a little wider than the slides' theme font)."""
    if text is None:
        return ""
    return " ".join(wrap_lines(str(text), width / 914400, size, lines, weight, style))

"""`deck.pptx`: the review as slides a manager can edit and present (python-pptx).

Slides: the title; the executive summary in sentences; the headline figures as a table; one
editable journey map per persona (shapes and a native line chart: `cjm.render.deck_map`);
what changed (a native bar chart and a table); the importance-performance analysis (a native
scatter chart); the top of the action plan and what needs attention as native tables. Every
text is the review's, every number formatted in the project's language.

An organisation's own deck, `templates/deck.pptx` in the workspace, gives the slide size,
masters, layouts, fonts and theme colours (its own slides are left out); without one, cjm's
16:9 look is used.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from ..errors import UsageError
from ..labels import label, say
from ..messages import tr
from ..periods import period_text
from ..project.writers import atomic_path, safe_name
from ..steps import review as rules
from ..steps.prioritisation import ipa_first
from . import deck_map, story
from .contents import Contents
from .figures import map_name
from .journey_layout import draw_map
from .results import ReviewResults
from .slides import color_text, drop_slides, fill_cell, hide_from_legend, layout, rgb, widen
from .tables import Tidy
from .text import num, pct, whole
from .theme import BAD, GOOD, INK, MUTED, NEUTRAL, QUADRANT_COLORS

DECK_FILE = "deck.pptx"
TEMPLATE_FILE = "deck.pptx"  # in the workspace's templates/ folder
TABLE_ROWS = 10
DRIVER_ROWS = 8  # the strongest drivers a slide lists (every one is in drivers.csv)
IPA_LISTED = 8  # "concentrate here" touchpoints listed beside the IPA chart, the rest counted
MAP_CAP, MAP_DPI = 12, 110  # touchpoints per stage and resolution of a map drawn as a picture


def build_deck(folder: str | Path, results: ReviewResults | None = None,
               contents: Contents | None = None, template: Path | None = None,
               pictures: dict[str, bytes] | None = None) -> Path:
    """Write `<folder>/deck.pptx` from the review's results; `template` is an organisation's
    .pptx whose masters and colours the deck uses; `pictures`, the PNG of map pictures by
    the name step 6 saves them under, when they are not saved yet (drawn ahead)."""
    results = results or ReviewResults(folder)
    contents = contents or Contents(results)
    deck = Deck(results, contents, template, pictures)
    deck.build()
    path = Path(folder) / DECK_FILE
    with atomic_path(path) as tmp:
        deck.prs.save(str(tmp))
    return path


def pictured_kinds(project) -> list[str]:
    """The kinds of map the deck shows as pictures, as step 6 draws them (the current state
    is a slide of shapes)."""
    return [kind for kind in project.config.map_kinds if kind != "current"]


def map_pictures(results: ReviewResults) -> list[Path]:
    """The files of the map pictures the deck shows, where step 6 saves them (named
    `<name>.png`: `pictures` of `build_deck` are by `<name>`)."""
    project = results.project
    return [results.figure_file(map_name(persona_id, kind, project))
            for persona_id in project.personas["persona_id"] for kind in pictured_kinds(project)]


def _opened(template: Path):
    """An organisation's template; UsageError naming it when it is not a .pptx PowerPoint
    reads (a .potx, a .ppt, a damaged file)."""
    try:
        return Presentation(str(template))
    except Exception as exc:  # python-pptx raises zip, XML and key errors for a bad file
        raise UsageError(tr("{template} cannot be used as the deck's template: it is not a "
                            "PowerPoint .pptx file ({error}); save it as .pptx or remove it",
                            template=template, error=type(exc).__name__)) from None


class Deck:
    """The deck of one review, slide by slide."""

    def __init__(self, results: ReviewResults, contents: Contents, template: Path | None,
                 pictures: dict[str, bytes] | None = None):
        self.results, self.contents, self.language = results, contents, results.language
        self.pictures = pictures or {}
        self.branded = template is not None
        self.prs = _opened(template) if template is not None else Presentation()
        if self.branded:
            drop_slides(self.prs)
        else:
            widen(self.prs)
        self.width, self.height = self.prs.slide_width, self.prs.slide_height

    def word(self, key: str, **fields) -> str:
        return say(key, self.language, **fields) if fields else label(key, self.language)

    def build(self) -> None:
        self.title_slide()
        self.summary_slide()
        self.kpi_slide()
        project = self.results.project
        for row in project.personas[["persona_id", "name"]].itertuples(index=False):
            deck_map.map_slide(self, self.results.map_data(row.persona_id))
            for kind in pictured_kinds(project):
                self.picture_slide(f"{row.name} · {self.word(kind)}",
                                   self.map_picture(row.persona_id, kind))
        self.changes_slide()
        self.ipa_slide()
        self.drivers_slide()
        self.table_slide(self.word("plan_title"), self.contents.plan, self.word("plan_note"))
        if self.contents.attention:
            self.table_slide(self.word("attention_title"), self.contents.attention)

    # ------------------------------------------------------------------ slides
    def title_slide(self) -> None:
        slide = self.prs.slides.add_slide(layout(self.prs, "title"))
        if slide.shapes.title is not None:
            slide.shapes.title.text = self.results.project.name
        subtitle = next((p for p in slide.placeholders
                         if p.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
        text = (f"{self.word('review_title', period=self.results.period)}\n"
                f"{story.compared_with(self.results)}")
        if subtitle is not None:
            subtitle.text = text
        else:
            self.text_box(slide, text, Inches(0.8), self.height // 2, self.width - Inches(1.6),
                          Inches(1.2), size=20)

    def summary_slide(self) -> None:
        slide, top = self.titled(self.word("summary_title"))
        c = self.contents
        lines = [card["sentence"] for card in c.kpis]
        lines += c.changes[:2]
        lines.append(c.done[0])
        attention = self.results.attention
        if len(attention):
            names = story.listed(list(attention["name"].astype(str)), self.language)
            lines.append(f"{self.word('attention_title')}{self.word('colon')}{names}.")
        lines.append(c.next_review)
        self.bullets(slide, lines, top, size=15 if len(" ".join(lines)) < 1100 else 13)

    def kpi_slide(self) -> None:
        slide, top = self.titled(self.word("headline_title"))
        headers = [self.word("kpi_measure"), period_text(self.results.period, self.language),
                   self.word("kpi_range"),
                   self.word("kpi_change"), self.word("kpi_meaning")]
        rows = [[card["name"], card["value"], card["interval"] or "–", card["change"] or "–",
                 card["verdict_text"]] for card in self.contents.kpis]
        table = self.native_table(slide, headers, rows, top, widths=(1.3, 1.2, 3.0, 3.3, 3.5),
                                  size=14)
        for i, card in enumerate(self.contents.kpis, start=1):
            if card["verdict"] == "significant" and card["direction"] in ("up", "down"):
                color_text(table.cell(i, 1), GOOD if card["direction"] == "up" else BAD,
                            bold=True)
        self.text_box(slide, "  ·  ".join(f"{card['name']}{self.word('colon')}{card['about']}"
                                          for card in self.contents.kpis),
                      Inches(0.5), self.height - Inches(0.9), self.width - Inches(1),
                      Inches(0.4), size=11, color=MUTED)

    def changes_slide(self) -> None:
        slide, top = self.titled(self.word("changes_title"))
        table = self.results.comparison
        changed = table[table["status"].isin(["improved", "worsened"])]
        left_w = (self.width - Inches(1.2)) * 45 // 100
        charts = [(rows, key, before, after, scale) for rows, key, before, after, scale in (
            (changed[changed["basis"] == "survey"].head(8), "chart_by_survey", "csat_before",
             "csat_after", (0, 1)),
            (changed[changed["basis"] != "survey"].head(10), "chart_by_workshop",
             "satisfaction_before", "satisfaction_after",
             tuple(self.results.project.config.scales.satisfaction)))
            if len(rows.dropna(subset=[before, after]))]
        bottom = self.height - Inches(0.6)
        y = top
        for rows, key, before, after, scale in charts:
            rows = rows.dropna(subset=[before, after])
            share = len(rows) / sum(len(chart[0].dropna(subset=[chart[2], chart[3]]))
                                    for chart in charts)
            height = max(Inches(1.6), int((bottom - top) * share))
            self._change_chart(slide, rows, self.word(key), before, after, scale,
                               (Inches(0.5), y, left_w, min(height, bottom - y)))
            y += height
        sentences = [*self.contents.changes, self.word(
            "change_rule_text", alpha=num(rules.ALPHA, 2, self.language),
            n=rules.MIN_RESPONSES, delta=num(rules.MIN_DELTA, 1, self.language))]
        self.bullets(slide, sentences, top, left=Inches(0.7) + left_w if charts else None,
                     size=13)

    def drivers_slide(self) -> None:
        """What drives NPS: the strongest drivers in an editable table (weight, interval, how
        the workshop rated them), then what the log says, in sentences."""
        slide, top = self.titled(self.word("drivers_title"))
        results, language = self.results, self.language
        sentences = list(self.contents.drivers)
        if results.drivers.available:
            reading = results.stated_derived.set_index("touchpoint_id")["quadrant"]
            rows = [[whole(row.rank, language), row.name, pct(row.weight, language, 1),
                     say("kpi_interval_short", language, low=pct(row.low, language, 1),
                         high=pct(row.high, language, 1)),
                     self.word(f"reading_{reading[row.touchpoint_id]}")
                     if row.touchpoint_id in reading.index else "–"]
                    for row in results.drivers.ranked.head(DRIVER_ROWS).itertuples(index=False)]
            headers = [self.word("rank"), self.word("touchpoint"), self.word("weight"),
                       self.word("interval_95"), self.word("quadrant_word")]
            self.native_table(slide, headers, rows, top, widths=(0.8, 4.2, 1.4, 2.4, 2.6),
                              size=12)
            top += Inches(0.4) * (len(rows) + 1) + Inches(0.2)
            sentences[0] = self.word("drivers_caption",
                                     n=whole(results.drivers.respondents, language),
                                     r2=pct(results.drivers.r2, language))
        if sentences:
            self.bullets(slide, sentences, top, size=12)

    def _change_chart(self, slide, rows, title, before, after, scale, box) -> None:
        """Before (grey) and after (green or red) bars of the changed touchpoints."""
        data = CategoryChartData()
        data.categories = [str(name) for name in rows["name"]]
        data.add_series(self.word("before"), [round(float(v), 3) for v in rows[before]])
        data.add_series(self.word("after"), [round(float(v), 3) for v in rows[after]])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
        chart.has_legend = False
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = scale
        if scale == (0, 1):
            chart.value_axis.tick_labels.number_format = "0%"
            chart.value_axis.tick_labels.number_format_is_linked = False
        chart.category_axis.reverse_order = True
        for axis in (chart.category_axis, chart.value_axis):
            axis.tick_labels.font.size = Pt(10)
        grey, now = chart.plots[0].series
        grey.format.fill.solid()
        grey.format.fill.fore_color.rgb = rgb(NEUTRAL)
        for i, status in enumerate(rows["status"]):
            point = now.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(GOOD if status == "improved" else BAD)
        chart.has_title = True
        chart.chart_title.text_frame.text = title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)

    def ipa_slide(self) -> None:
        slide, top = self.titled(self.word("ipa"))
        frame = self.results.ipa_table.frame.dropna(subset=["importance", "satisfaction"])
        frame = frame.reset_index(drop=True)
        config, split = self.results.project.config, self.results.ipa_table
        size = min(self.height - top - Inches(0.5), self.width * 55 // 100)
        # every point drawn, as many named as in the report's chart, chosen alike (one per
        # place: a slide's chart cannot move labels apart)
        named, unnamed = ipa_first(frame["quadrant"], frame["importance"].round(2),
                                   frame["satisfaction"].round(2), split.importance_split,
                                   split.satisfaction_split, distinct=True)
        named = set(named)
        if len(frame):
            data, order = XyChartData(), []
            # longest series first: LibreOffice leaves out the series before the longest one
            quadrants = [(quadrant, frame[frame["quadrant"] == quadrant]) for quadrant in
                         ("concentrate_here", "keep_up", "low_priority", "possible_overkill")]
            for quadrant, rows in sorted(quadrants, key=lambda item: -len(item[1])):
                if rows.empty:
                    continue
                series = data.add_series(self.word(quadrant))
                for row in rows.itertuples(index=False):
                    series.add_data_point(round(row.importance, 2), round(row.satisfaction, 2))
                order.append((quadrant, [(str(touchpoint_id), position in named) for
                                         position, touchpoint_id in rows["touchpoint_id"].items()]))
            for name, points in (
                    ("x", [(split.importance_split, config.scales.satisfaction[0]),
                           (split.importance_split, config.scales.satisfaction[1])]),
                    ("y", [(config.scales.importance[0], split.satisfaction_split),
                           (config.scales.importance[1], split.satisfaction_split)])):
                series = data.add_series(f"{self.word('ipa')} {name}")
                for x, y in points:
                    series.add_data_point(x, y)
            chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, Inches(0.5), top,
                                           size, size, data).chart
            chart.has_legend, chart.legend.position = True, XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(11)
            for axis, scale, key in ((chart.category_axis, config.scales.importance,
                                      "importance"),
                                     (chart.value_axis, config.scales.satisfaction,
                                      "satisfaction")):
                axis.minimum_scale, axis.maximum_scale = scale
                axis.has_major_gridlines = False
                axis.has_title = True
                axis.axis_title.text_frame.text = self.word(key)
                axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
                axis.tick_labels.font.size = Pt(10)
            quadrants, crosshair = (list(chart.plots[0].series)[:len(order)],
                                    list(chart.plots[0].series)[len(order):])
            for series in crosshair:
                series.marker.style = XL_MARKER_STYLE.NONE
                series.format.line.color.rgb = rgb(MUTED)
                series.format.line.width = Pt(1)
                hide_from_legend(chart, series)
            for series, (quadrant, points) in zip(quadrants, order, strict=True):
                series.format.line.fill.background()
                series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 9
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = rgb(QUADRANT_COLORS[quadrant])
                series.marker.format.line.color.rgb = rgb("#FFFFFF")
                for i, (touchpoint_id, shown) in enumerate(points):
                    if shown:
                        label_frame = series.points[i].data_label.text_frame
                        label_frame.text = touchpoint_id
                        label_frame.paragraphs[0].runs[0].font.size = Pt(8)
            if unnamed:
                self.text_box(slide, self.word("names_cut").format(
                    shown=whole(len(named), self.language), total=whole(len(frame), self.language)),
                    Inches(0.5), top + size, size, Inches(0.4), size=10, color=MUTED)
        lines = [self.word("t_concentrate") + self.word("colon").rstrip()]
        focus = frame[frame["quadrant"] == "concentrate_here"]
        listed, more = ipa_first(focus["quadrant"], focus["importance"], focus["satisfaction"],
                                 split.importance_split, split.satisfaction_split, IPA_LISTED)
        lines += [f"{row.touchpoint_id} {row.name} ({row.stage})"
                  for row in focus.iloc[listed].itertuples(index=False)] or [
                      self.word("nothing_listed")]
        if more:
            lines.append(self.word("more_rows", n=whole(more, self.language)))
        self.bullets(slide, lines, top, left=Inches(0.8) + size, size=13)

    def table_slide(self, title: str, table: Tidy, note: str | None = None) -> None:
        slide, top = self.titled(title)
        if not table:
            self.bullets(slide, [self.word("nothing_listed")], top)
            return
        rows = table.rows[:TABLE_ROWS]
        shape = self.native_table(slide, table.headers, rows, top, size=12)
        for i, mark in enumerate(table.marks[:TABLE_ROWS], start=1):
            if mark == "overdue":
                for cell in shape.rows[i].cells:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = rgb("#FDECEA")
        notes = [note] if note else []
        if table.more > 0:
            notes.insert(0, self.word("full_table", n=table.more, sheet=table.sheet)
                         if table.sheet else self.word("more_rows", n=table.more))
        if notes:
            self.text_box(slide, "  ".join(notes), Inches(0.5), self.height - Inches(0.9),
                          self.width - Inches(1), Inches(0.5), size=11, color=MUTED)

    # ------------------------------------------------------------------ building blocks
    def map_picture(self, persona_id: str, kind: str) -> bytes:
        """The persona's journey map of `kind` as a PNG: the one given (drawn ahead for step
        6), else the one step 6 saved, else drawn as step 6 draws it."""
        import matplotlib.pyplot as plt

        name = map_name(persona_id, kind, self.results.project)
        if (given := self.pictures.get(safe_name(name))) is not None:
            return given
        saved = self.results.figure(name)
        if saved is not None:
            return saved.read_bytes()
        figure = draw_map(self.results.map_data(persona_id, kind), self.language, cap=MAP_CAP)
        try:
            out = io.BytesIO()
            figure.savefig(out, format="png", dpi=MAP_DPI)
            return out.getvalue()
        finally:
            plt.close(figure)

    def picture_slide(self, title: str, png: bytes) -> None:
        """A slide with `title` and the picture `png`, as large as the space allows."""
        from PIL import Image

        slide, top = self.titled(title)
        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
        room_w, room_h = self.width - Inches(1), self.height - top - Inches(0.3)
        scale = min(room_w / width, room_h / height)
        w, h = int(width * scale), int(height * scale)
        slide.shapes.add_picture(io.BytesIO(png), (self.width - w) // 2, top, w, h)

    def titled(self, title: str):
        """A slide with `title`; returns it and the top of the space below the title."""
        slide = self.prs.slides.add_slide(layout(self.prs, "title_only"))
        if slide.shapes.title is not None:
            slide.shapes.title.text = title
            shape = slide.shapes.title
            if not self.branded:
                shape.top, shape.height = Inches(0.35), Inches(0.8)
                shape.left, shape.width = Inches(0.5), self.width - Inches(1)
                paragraph = shape.text_frame.paragraphs[0]
                paragraph.runs[0].font.size = Pt(28)
                paragraph.runs[0].font.bold = True
                paragraph.alignment = 1  # left
            return slide, Emu(shape.top + shape.height + Inches(0.15))
        self.text_box(slide, title, Inches(0.5), Inches(0.35), self.width - Inches(1),
                      Inches(0.8), size=28, bold=True)
        return slide, Inches(1.3)

    def text_box(self, slide, text: str, left, top, width, height, *, size: float = 12,
                 bold: bool = False, color: str | None = None, align=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(str(text).split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(size), bold
            if color:
                run.font.color.rgb = rgb(color)
            if align is not None:
                paragraph.alignment = align
        return box

    def bullets(self, slide, lines: list[str], top, *, left=None, size: float = 14):
        left = Inches(0.5) if left is None else left
        box = slide.shapes.add_textbox(left, top, self.width - left - Inches(0.5),
                                       self.height - top - Inches(0.6))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(6)
            run = paragraph.add_run()
            run.text = f"• {line}"
            run.font.size = Pt(size)
            run.font.color.rgb = rgb(INK)
        return box

    def native_table(self, slide, headers: list[str], rows: list[list[str]], top, *,
                     widths=None, size: float = 12):
        width = self.width - Inches(1)
        height = Inches(0.4) * (len(rows) + 1)
        shape = slide.shapes.add_table(len(rows) + 1, len(headers), Inches(0.5), top, width,
                                       height)
        table = shape.table
        if widths is None:  # as wide as its longest text, within bounds: a rank stays narrow
            widths = [min(40, max(5, *(len(word) for word in header.split()),
                                  *(len(row[c]) for row in rows)))
                      for c, header in enumerate(headers)]
        if widths:
            total = sum(widths)
            for column, share in zip(table.columns, widths, strict=True):
                column.width = Emu(int(width * share / total))
        for c, header in enumerate(headers):
            fill_cell(table.cell(0, c), header, size, bold=True)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                fill_cell(table.cell(r, c), value, size)
        return table

    def brand(self, fill, color: str) -> None:
        """Fill with the organisation's first accent colour, or cjm's `color`."""
        fill.solid()
        if self.branded:
            fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        else:
            fill.fore_color.rgb = rgb(color)

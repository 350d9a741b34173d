"""The slide machinery the deck shares: colours, the master's layouts found by their
placeholders, python-pptx's own template widened to 16:9, an organisation's template emptied of
its slides, table cells, and the chart XML python-pptx has no API for."""

from __future__ import annotations

import weakref

from matplotlib.colors import to_hex
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

WIDE = (Inches(13.333), Inches(7.5))


def rgb(color: str) -> RGBColor:
    """A colour as matplotlib names it ("#3a6ea5", "white") for PowerPoint."""
    return RGBColor.from_string(to_hex(color)[1:].upper())


def fill_cell(cell, text: str, size: float, bold: bool = False) -> None:
    cell.text = str(text)
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)


def color_text(cell, color: str, bold: bool = False) -> None:
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = rgb(color)
            run.font.bold = bold


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # its part -> {kind: layout}


def layout(prs, kind: str):
    """The master's layout for a title slide, a title-only slide or a blank one, found by
    its placeholders (an organisation's template names its layouts its own way); looked for
    once per presentation (reading a layout's placeholders walks its XML)."""
    found = _LAYOUTS.setdefault(prs.part, {})
    if kind not in found:
        found[kind] = _layout(prs, kind)
    return found[kind]


def _layout(prs, kind: str):
    def types(layout):
        return {p.placeholder_format.type for p in layout.placeholders}
    layouts = list(prs.slide_layouts)
    if kind == "title":
        wanted = [layout for layout in layouts if PP_PLACEHOLDER.CENTER_TITLE in types(layout)]
    elif kind == "title_only":
        content = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE,
                   PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.SUBTITLE,
                   PP_PLACEHOLDER.CENTER_TITLE}
        wanted = [layout for layout in layouts
                  if PP_PLACEHOLDER.TITLE in types(layout) and not types(layout) & content]
    else:
        wanted = [layout for layout in layouts
                  if not types(layout) & {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE,
                                          PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}]
    return (wanted or layouts)[0]


def widen(prs) -> None:
    """python-pptx's own template at 16:9: the slide, its master and layouts widened."""
    scale = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            # a placeholder placed by its master is widened with the master, not twice
            if getattr(shape._element, "xfrm", None) is not None and shape.left is not None:
                shape.left, shape.width = int(shape.left * scale), int(shape.width * scale)


def drop_slides(prs) -> None:
    """An organisation's template without the slides it came with."""
    slides = prs.slides._sldIdLst  # python-pptx offers no public way to remove a slide
    for slide_id in list(slides):
        prs.part.drop_rel(slide_id.rId)
        slides.remove(slide_id)


def hide_from_legend(chart, series) -> None:
    """Leave a helper series (the crosshair) out of the chart's legend."""
    legend = chart._chartSpace.chart.find(qn("c:legend"))
    if legend is None:
        return
    entry = legend.makeelement(qn("c:legendEntry"), {})
    index = entry.makeelement(qn("c:idx"), {"val": str(series.index)})
    delete = entry.makeelement(qn("c:delete"), {"val": "1"})
    entry.extend([index, delete])
    legend.insert(1, entry)


def fill_frame(chart) -> None:
    """The chart's plot area over its whole frame, without background: shapes behind it show
    through, and its x axis spans exactly the frame's width."""
    space = chart._chartSpace  # python-pptx has no API for the plot area's layout or fill
    plot_area = space.chart.plotArea
    layout_ = plot_area.find(qn("c:layout"))
    if layout_ is None:
        layout_ = plot_area.makeelement(qn("c:layout"), {})
        plot_area.insert(0, layout_)
    for child in list(layout_):
        layout_.remove(child)
    manual = layout_.makeelement(qn("c:manualLayout"), {})
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       ("x", "0"), ("y", "0"), ("w", "1"), ("h", "1")):
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": value}))
    layout_.append(manual)
    no_fill(space, after=space.chart)
    no_fill(plot_area, before=plot_area.find(qn("c:extLst")))


def no_fill(element, *, after=None, before=None) -> None:
    """Give `element` a `c:spPr` without fill or outline, where the schema wants it."""
    old = element.find(qn("c:spPr"))
    if old is not None:
        element.remove(old)
    sp_pr = element.makeelement(qn("c:spPr"), {})
    sp_pr.append(sp_pr.makeelement(qn("a:noFill"), {}))
    line = sp_pr.makeelement(qn("a:ln"), {})
    line.append(line.makeelement(qn("a:noFill"), {}))
    sp_pr.append(line)
    if after is not None:
        after.addnext(sp_pr)
    elif before is not None:
        before.addprevious(sp_pr)
    else:
        element.append(sp_pr)

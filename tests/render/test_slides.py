"""The slide machinery: colours, layouts found by their placeholders in any template, the
16:9 widening, a template emptied of its slides, and the chart XML python-pptx lacks."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches

from cjm.render.slides import (
    WIDE,
    drop_slides,
    fill_cell,
    fill_frame,
    hide_from_legend,
    layout,
    rgb,
    widen,
)


def placeholders(slide_layout) -> set:
    return {p.placeholder_format.type for p in slide_layout.placeholders}


def test_colours_are_read_as_matplotlib_names_them():
    assert str(rgb("#3a6ea5")) == "3A6EA5" and str(rgb("white")) == "FFFFFF"


def test_layouts_are_found_by_their_placeholders_whatever_their_names():
    prs = Presentation()
    for slide_layout in prs.slide_layouts:
        slide_layout.name = "Acme layout"
    assert PP_PLACEHOLDER.CENTER_TITLE in placeholders(layout(prs, "title"))
    title_only = placeholders(layout(prs, "title_only"))
    assert PP_PLACEHOLDER.TITLE in title_only and PP_PLACEHOLDER.BODY not in title_only
    assert not placeholders(layout(prs, "blank")) & {PP_PLACEHOLDER.TITLE,
                                                     PP_PLACEHOLDER.BODY}


def test_widen_makes_16_9_and_keeps_the_layouts_inside_the_slide():
    prs = Presentation()
    widen(prs)
    assert (prs.slide_width, prs.slide_height) == WIDE
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            if shape.left is not None:
                assert shape.left + shape.width <= prs.slide_width


def test_a_template_is_emptied_of_its_slides_and_saves(tmp_path):
    prs = Presentation()
    for _ in range(3):
        prs.slides.add_slide(prs.slide_layouts[1])
    drop_slides(prs)
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(str(tmp_path / "deck.pptx"))
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) == 1


def chart(slide):
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("shown", (1, 2))
    data.add_series("helper", (0, 0))
    return slide.shapes.add_chart(XL_CHART_TYPE.LINE, 0, 0, Inches(4), Inches(3), data).chart


def test_the_chart_helpers_write_valid_xml(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    graph = chart(slide)
    graph.has_legend = True
    graph.legend.position = XL_LEGEND_POSITION.BOTTOM
    hide_from_legend(graph, graph.plots[0].series[1])
    fill_frame(graph)
    prs.save(str(tmp_path / "c.pptx"))
    reread = Presentation(str(tmp_path / "c.pptx")).slides[0].shapes[0].chart
    legend = reread._chartSpace.chart.find(qn("c:legend"))
    entry = legend.find(qn("c:legendEntry"))
    assert entry.find(qn("c:idx")).get("val") == "1"
    manual = reread._chartSpace.chart.plotArea.find(qn("c:layout")).find(qn("c:manualLayout"))
    assert {child.tag.split("}")[1]: child.get("val") for child in manual} == {
        "layoutTarget": "inner", "xMode": "edge", "yMode": "edge", "x": "0", "y": "0",
        "w": "1", "h": "1"}
    assert reread._chartSpace.find(qn("c:spPr")).find(qn("a:noFill")) is not None


def test_a_table_cell_is_filled_with_sized_text():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    table = slide.shapes.add_table(1, 1, 0, 0, Inches(2), Inches(1)).table
    fill_cell(table.cell(0, 0), 42, 11, bold=True)
    run = table.cell(0, 0).text_frame.paragraphs[0].runs[0]
    assert run.text == "42" and run.font.size.pt == 11 and run.font.bold

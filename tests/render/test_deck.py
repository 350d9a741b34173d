"""deck.pptx: the slides a manager presents, opened with python-pptx as PowerPoint would: the
slides in order, native tables and charts with the review's numbers, and an organisation's own
template used for its masters and colours."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from cjm.render.deck import build_deck


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture(scope="module")
def deck(review):
    return Presentation(str(review / "deck.pptx"))


def title(slide) -> str:
    if slide.shapes.title is not None:
        return slide.shapes.title.text
    return next(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def table_of(slide) -> list[list[str]]:
    shape = next(shape for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def slide_titled(deck, text: str):
    (slide,) = [slide for slide in deck.slides if title(slide) == text]
    return slide


def test_the_slides_tell_the_review_in_order(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    personas = ["Emma, the mobile native", "Karim, the busy parent",
                "Nadia, the bargain hunter", "Bernard, the senior customer"]
    maps = [title for name in personas  # the editable map, then the demo's other kinds
            for title in (name, f"{name} · Future state", f"{name} · Service blueprint")]
    assert [title(slide) for slide in deck.slides] == [
        "Demo Retail", "Executive summary", "Headline figures", *maps,
        "What changed", "Importance-performance analysis", "What drives NPS",
        "Top of the action plan", "What needs attention"]
    assert "Journey review 2026-H1" in texts(deck.slides[0])
    assert "Compared with the review of 2025-H2." in texts(deck.slides[0])


def test_the_summary_and_the_figures_carry_their_numbers(deck):
    summary = texts(deck.slides[1])
    assert ("CSAT 80% (95% CI 78% to 82%, n = 1,499): up 11 points from 69% (n = 1,572), a "
            "significant change (p < 0.001).") in summary
    assert "Next review due by 2026-12-31." in summary
    rows = table_of(deck.slides[2])
    assert rows[0] == ["Measure", "2026-H1", "95% interval and answers", "Change",
                       "What it means"]
    assert rows[3] == ["NPS", "+28", "95% CI +24 to +32, n = 1,486",
                       "up 22 points from +6 (n = 1,577)", "a significant change (p < 0.001)"]


def test_each_map_slide_is_shapes_and_a_native_line_chart(deck, review):
    from cjm import load_project
    from cjm.render.journey_map import journey_map_data

    project = load_project(review / "data")
    slide = slide_titled(deck, "Bernard, the senior customer")
    names = [shape.name for shape in slide.shapes]
    data = journey_map_data(project, "P4", "2026-H1")
    assert [n.split(":", 1)[1] for n in names if n.startswith("stage:")] == project.stages
    cards = [n.split(":", 1)[1] for n in names if n.startswith("touchpoint:")]
    drawn = {tp["touchpoint_id"] for stage in data["stages"] for tp in stage["touchpoints"]}
    assert cards and set(cards) <= drawn
    card = next(shape for shape in slide.shapes if shape.name == "touchpoint:TP14")
    assert "App checkout" in card.text_frame.text  # a text a consultant can edit
    badge = next(shape for shape in slide.shapes if shape.name == "badge:TP14")
    assert badge.text_frame.text == str(next(tp["number"] for stage in data["stages"]
                                             for tp in stage["touchpoints"]
                                             if tp["touchpoint_id"] == "TP14"))
    assert {n for n in names if n.startswith("lane_label:")} == {
        f"lane_label:{lane}" for lane in ("goals", "touchpoints", "emotion_curve", "thoughts",
                                          "pain_points", "opportunities")}
    (curve,) = charts(slide)
    line = curve.plots[0].series[0]
    assert curve.chart_type in (XL_CHART_TYPE.XY_SCATTER, XL_CHART_TYPE.XY_SCATTER_LINES)
    assert line.format.line.width == Pt(1.5)  # the curve is a drawn line through the points
    scored = [tp["emotion"] for tp in data["emotion_points"]]
    assert list(line.values) == scored
    thoughts = texts(slide)
    assert "“I filled everything in and the app sent me back to the basket.”" in thoughts or \
        "“I filled everything in and the app sent" in thoughts


def test_the_changes_and_the_ipa_are_native_charts(deck, review):
    from cjm import load_project
    from cjm.steps.prioritisation import ipa

    changes = charts(slide_titled(deck, "What changed"))
    assert [chart.chart_type for chart in changes] == [XL_CHART_TYPE.BAR_CLUSTERED] * 2
    survey = changes[0]
    assert list(survey.plots[0].categories) == ["Delivery tracking", "Customer service chat",
                                                "Refund received"]
    (scatter,) = charts(slide_titled(deck, "Importance-performance analysis"))
    assert scatter.chart_type == XL_CHART_TYPE.XY_SCATTER
    frame = ipa(load_project(review / "data"), "2026-H1").frame
    points = sum(len(list(series.values)) for series in scatter.plots[0].series
                 if not series.name.startswith("Importance-performance"))
    assert points == len(frame.dropna(subset=["importance", "satisfaction"]))
    # 35 points: 30 named, as in the report's chart, every "concentrate here" one among them
    named = point_names(scatter)
    assert len(named) == 30 == len(set(named))
    assert {"TP09", "TP13", "TP14", "TP15", "TP26", "TP28", "TP30"} <= set(named)
    assert "30 of 35 points named: those calling for attention first" in texts(
        slide_titled(deck, "Importance-performance analysis"))


def point_names(chart) -> list[str]:
    """The names (data labels) written on a scatter chart's points."""
    return [point.data_label.text_frame.text for series in chart.plots[0].series
            for point in (series.points[i] for i in range(len(series.values)))
            if point.data_label.has_text_frame]


def test_the_plan_is_a_native_table_with_overdue_rows_in_red(deck):
    plan = slide_titled(deck, "Top of the action plan")
    rows = table_of(plan)
    assert rows[0] == ["Rank", "Action", "Touchpoint", "Owner", "Due date", "Score"]
    assert rows[1] == ["1", "Fix the 3-D Secure loop in the app", "App payment and 3-D Secure",
                       "IT", "2026-07-31", "30.0"]
    table = next(shape for shape in plan.shapes if shape.has_table).table
    assert str(table.cell(1, 0).fill.fore_color.rgb) == "FDECEA"


def test_an_organisations_template_gives_the_masters_and_colours(review, tmp_path):
    """The template's size and layouts are used and its own sample slides left out."""
    from pptx.enum.dml import MSO_THEME_COLOR

    template = Presentation()
    template.slide_width, template.slide_height = Inches(10), Inches(7.5)
    template.slides.add_slide(template.slide_layouts[1]).shapes.title.text = "Sample"
    template.slide_layouts[5].name = "Acme title only"
    template.save(str(tmp_path / "deck.pptx"))
    folder = tmp_path / "reviews" / "2026-H1"
    import shutil

    shutil.copytree(review, folder)
    deck = Presentation(str(build_deck(folder, template=tmp_path / "deck.pptx")))
    assert deck.slide_width == Inches(10)
    assert "Sample" not in [title(slide) for slide in deck.slides]
    assert deck.slides[1].slide_layout.name == "Acme title only"
    stage = next(shape for shape in deck.slides[3].shapes if shape.name.startswith("stage:"))
    assert stage.fill.fore_color.theme_color == MSO_THEME_COLOR.ACCENT_1
    assert stage.left + stage.width <= deck.slide_width


def test_names_from_the_tables_are_text_on_the_slides(hostile_review, hostile_name,
                                                      hostile_persona):
    deck = Presentation(str(hostile_review / "deck.pptx"))
    assert title(deck.slides[0]) == hostile_name
    said = " ".join(texts(slide) for slide in deck.slides)
    assert hostile_persona in said and "$$ <b>Pay</b>" in said


@pytest.mark.parametrize("content", [b"not a presentation", b"PK\x03\x04 broken zip"])
def test_a_template_that_is_not_a_pptx_is_named(review, tmp_path, content):
    import shutil

    from cjm.errors import UsageError

    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(review / "data", folder / "data")
    template = tmp_path / "deck.pptx"
    template.write_bytes(content)
    with pytest.raises(UsageError, match=r"deck.pptx cannot be used as the deck's template"):
        build_deck(folder, template=template)
    assert not (folder / "deck.pptx").exists()


def test_a_big_ipa_names_thirty_places_and_lists_the_farthest_of_its_focus(review, tmp_path):
    """Four hundred touchpoints, many at the same place: every point is on the chart, 30 are
    named at 30 places ("concentrate here" first), and the eight "concentrate here" ones
    farthest from the crosshair are listed, the rest counted."""
    import shutil

    import numpy as np
    import pandas as pd

    from cjm.render.contents import Contents
    from cjm.render.results import ReviewResults
    from cjm.steps.prioritisation import IPA, quadrants

    folder = tmp_path / "2026-H1"
    shutil.copytree(review, folder)
    rng = np.random.default_rng(7)
    n = 400
    frame = pd.DataFrame({"touchpoint_id": [f"TP{i:03d}" for i in range(n)],
                          "name": [f"Touchpoint {i}" for i in range(n)], "stage": "Buy",
                          "channel": "App", "moment_of_truth": False,
                          "importance": rng.integers(2, 11, n) / 2,  # 1 to 5 in halves
                          "satisfaction": rng.integers(2, 11, n) / 2})
    frame["quadrant"] = quadrants(frame["importance"], frame["satisfaction"], 3.0, 3.0)
    results = ReviewResults(folder)
    results.__dict__["ipa_table"] = IPA(frame, 3.0, 3.0, "means")
    deck = Presentation(str(build_deck(folder, results, Contents(results))))
    slide = slide_titled(deck, "Importance-performance analysis")
    (scatter,) = charts(slide)
    assert sum(len(series.values) for series in scatter.plots[0].series
               if not series.name.startswith("Importance-performance")) == n
    named = frame.set_index("touchpoint_id").loc[point_names(scatter)]
    places = named[["importance", "satisfaction"]]
    assert len(named) == 30 and not places.duplicated().any()
    focus = frame[frame["quadrant"] == "concentrate_here"]
    focus_places = set(zip(focus["importance"], focus["satisfaction"], strict=True))
    assert 0 < len(focus_places) < 30
    assert set(map(tuple, places[named["quadrant"] == "concentrate_here"].to_numpy())) \
        == focus_places
    said = texts(slide)
    assert "30 of 400 points named: those calling for attention first" in said
    listed = [line.strip("• ").split()[0] for line in said.split("concentrate")[1].splitlines()
              if line.endswith("(Buy)")]
    assert len(listed) == 8 and f"and {len(focus) - 8} more." in said
    distance = np.hypot((focus["importance"] - 3) / 4, (focus["satisfaction"] - 3) / 4)
    distance.index = focus["touchpoint_id"]
    assert distance[listed].min() >= distance.drop(listed).max()

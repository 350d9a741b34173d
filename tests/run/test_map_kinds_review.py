"""Every kind of map a project asks for runs through the review template: its figures, the
report's maps section and the deck's slides."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from cjm.project.workspace import Workspace
from cjm.run.reviews import run_project

pytestmark = pytest.mark.slow
REPO = Path(__file__).parents[2]


def test_a_review_draws_each_kind_the_project_lists(reviewed):
    folder = reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"
    for name in ("journey_map_P1", "journey_map_P1_future", "journey_map_P1_service_blueprint"):
        for suffix in (".png", ".svg", ".pdf"):
            assert (folder / "figures" / f"{name}{suffix}").is_file(), name + suffix
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "Emma, the mobile native · Service blueprint" in page
    assert "Emma, the mobile native · Future state" in page
    titles = {}
    for slide in Presentation(folder / "deck.pptx").slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        titles[title] = [shape.shape_type for shape in slide.shapes]
    pictures = [title for title, shapes in titles.items() if 13 in shapes]  # PICTURE
    assert "Emma, the mobile native · Service blueprint" in pictures
    assert "Emma, the mobile native · Future state" in pictures


def test_the_day_in_the_life_example_runs_through_the_review_step(tmp_path):
    ws = Workspace(tmp_path)
    slug = ws.new_project("My day", source=str(REPO / "data" / "examples" / "day-in-the-life"))
    run_project(ws, slug, steps=["06_review"], period="2026-H1")
    figures = ws.notebook_dir(slug) / "outputs" / "figures"
    assert (figures / "journey_map_C1.svg").is_file()  # the day, its map_type
    assert (figures / "journey_map_C1_current.png").is_file()
    svg = (figures / "journey_map_C1.svg").read_text(encoding="utf-8")
    assert "Afternoon" in svg and "Picks up her son at school" in svg

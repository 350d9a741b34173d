"""The handover: a review's workbook, report and deck, the deck prepared from the frozen tables
while the notebooks run, a failure kept for the thread that waits and raised there."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from pptx import Presentation

from cjm.errors import UsageError
from cjm.render.handover import Handover, build_handover


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture
def copy(review, tmp_path):
    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(review, folder, ignore=shutil.ignore_patterns("*.ipynb"))
    for name in ("report.html", "deck.pptx", "actions.xlsx"):
        (folder / name).unlink()
    return folder


def test_it_writes_the_three_documents(copy):
    (copy / "drivers.csv").unlink()  # as working notebooks older than key drivers leave it
    paths = build_handover(copy)
    assert "App checkout" in (copy / "drivers.csv").read_text(encoding="utf-8-sig")
    assert [path.name for path in paths] == ["actions.xlsx", "report.html", "deck.pptx"]
    assert all(path.parent == copy and path.stat().st_size for path in paths)
    book = openpyxl.load_workbook(paths[0])
    assert book.sheetnames[:3] == ["Read me", "Action plan", "Touchpoint priorities"]
    # 12 slides, and a picture of each persona's future-state map and service blueprint
    assert len(Presentation(str(paths[2])).slides) == 12 + 4 * 2
    assert not list(copy.glob(".*"))


def test_the_deck_needs_only_the_frozen_tables(copy):
    settings = copy / "data" / "project.yaml"
    settings.write_text("\n".join(line for line in settings.read_text(encoding="utf-8")
                                   .splitlines() if not line.startswith("maps:")) + "\n",
                        encoding="utf-8")  # one kind of map: the editable one
    shutil.rmtree(copy / "figures")
    handover = Handover(copy)
    handover.prepare()
    assert handover.error is None and handover.deck.is_file()
    assert not (copy / "report.html").exists()  # the report waits for the figures
    handover.finish()
    assert "<img" not in (copy / "report.html").read_text(encoding="utf-8").split(
        'id="personas"')[1]


def test_a_deck_with_other_kinds_of_map_waits_for_their_figures(copy):
    shutil.rmtree(copy / "figures")  # gone: the deck draws them itself
    handover = Handover(copy)
    handover.prepare()
    assert handover.error is None and handover.deck is None
    handover.finish()
    titles = [slide.shapes.title.text for slide in Presentation(str(handover.deck)).slides
              if slide.shapes.title is not None]
    assert "Emma, the mobile native · Service blueprint" in titles


def test_a_failure_while_preparing_is_raised_by_finish(tmp_path):
    handover = Handover(tmp_path / "not-a-period")
    handover.prepare()
    assert isinstance(handover.error, UsageError)
    with pytest.raises(UsageError, match="is not a review folder"):
        handover.finish()
    assert not list(tmp_path.iterdir())  # nothing written


def test_the_deck_shows_the_maps_step_6_saved_once_it_is_done(copy):
    """The slides are made while the notebooks run; a map of another kind is the picture
    step 6 saved, read when the review finishes (not one drawn before it)."""
    import io

    from PIL import Image

    handover = Handover(copy)
    handover.prepare()
    saved = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(saved, "PNG")
    (copy / "figures" / "journey_map_P1_service_blueprint.png").write_bytes(saved.getvalue())
    handover.finish()
    slides = {slide.shapes.title.text: slide for slide in
              Presentation(str(handover.deck)).slides if slide.shapes.title is not None}
    pictures = [shape.image.blob for shape in
                slides["Emma, the mobile native · Service blueprint"].shapes
                if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert pictures == [saved.getvalue()]

"""A journey map as an editable slide: every part a named shape or a native chart, everything
inside the slide however much the map holds, and every text from the tables kept as text."""

from __future__ import annotations

import copy

import pytest
from pptx.util import Emu

from cjm import load_project
from cjm.render.contents import Contents
from cjm.render.deck import Deck
from cjm.render.deck_map import CAP, map_slide
from cjm.render.journey_map import journey_map_data
from cjm.render.results import ReviewResults


@pytest.fixture(scope="module")
def results(reviewed):
    return ReviewResults(reviewed / "notebooks" / "demo" / "reviews" / "2026-H1")


@pytest.fixture
def deck(results):
    return Deck(results, Contents(results), None)


@pytest.fixture(scope="module")
def mini_data(fixtures_dir):
    return journey_map_data(load_project(fixtures_dir / "mini"), "P1", "2026-H1")


def drawn(deck, data):
    map_slide(deck, data)
    return deck.prs.slides[-1]


def inside(slide, deck) -> bool:
    return all(shape.left >= 0 and shape.left + shape.width <= deck.width + Emu(2)
               and shape.top >= 0 and shape.top + shape.height <= deck.height + Emu(2)
               for shape in slide.shapes)


def test_every_stage_and_touchpoint_is_a_named_shape(deck, mini_data):
    slide = drawn(deck, mini_data)
    names = [shape.name for shape in slide.shapes]
    assert [n for n in names if n.startswith("stage:")] == [
        "stage:Discover", "stage:Buy", "stage:Receive"]
    ids = [tp["touchpoint_id"] for stage in mini_data["stages"] for tp in stage["touchpoints"]]
    assert [n.split(":")[1] for n in names if n.startswith("touchpoint:")] == ids
    assert inside(slide, deck)


def test_a_crowded_stage_shows_its_worst_and_counts_the_others(deck, mini_data):
    data = copy.deepcopy(mini_data)
    stage = data["stages"][1]
    template = stage["touchpoints"][0]
    stage["touchpoints"] = [
        {**template, "touchpoint_id": f"X{i}", "number": 100 + i, "name": f"Extra {i}",
         "emotion": None if i % 3 else float(i % 5 - 2), "moment_of_truth": i == 17}
        for i in range(30)]
    kept = {tp["touchpoint_id"] for st in data["stages"] for tp in st["touchpoints"]}
    data["emotion_points"] = [tp for tp in data["emotion_points"]
                              if tp["touchpoint_id"] in kept]
    slide = drawn(deck, data)
    cards = [s.name for s in slide.shapes if s.name.startswith("touchpoint:X")]
    assert len(cards) < CAP and "touchpoint:X17" in cards  # the moment of truth is kept
    more = next(s for s in slide.shapes if s.name == "more:Buy").text_frame.text
    hidden = 30 - len(cards)
    assert more.startswith(f"+{hidden} more (")
    assert inside(slide, deck)


def test_long_and_hostile_texts_stay_text_inside_the_slide(deck, mini_data):
    data = copy.deepcopy(mini_data)
    hostile = "<script>alert(1)</script> $x$ {{ name }} " + "very long words " * 40
    data["persona"]["name"] = hostile[:60]
    for stage in data["stages"]:
        stage["goal"] = hostile
        stage["pain_points"] = [{"text": hostile, "touchpoint_id": None, "number": None,
                                 "emotion": None}] * 6
    slide = drawn(deck, data)
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "<script>alert(1)</script>" in text  # shown as typed, never interpreted
    assert "+3 more" in text
    assert inside(slide, deck)


def test_a_map_without_scores_says_so_instead_of_a_flat_curve(deck, mini_data):
    data = copy.deepcopy(mini_data)
    data["emotion_points"] = []
    slide = drawn(deck, data)
    assert not any(shape.has_chart for shape in slide.shapes)
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "no scores yet" in text

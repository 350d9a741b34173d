"""What a review hands over about key drivers: `summary.json`, `drivers.csv`, the charts, the
report's summary and the deck's slide, in English and in French, names escaped."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from pptx import Presentation

from cjm.render.results import ReviewResults

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture(scope="module")
def summary(review):
    return json.loads((review / "summary.json").read_text(encoding="utf-8"))


def visible(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).replace("&#39;", "'")


def slide_titled(deck, title):
    return next(slide for slide in deck.slides
                if slide.shapes.title is not None and slide.shapes.title.text == title)


def test_the_summary_lists_the_key_drivers_strongest_first_with_intervals(summary, review):
    drivers = summary["key_drivers"]
    assert [d["touchpoint_id"] for d in drivers[:3]] == ["TP14", "TP30", "TP24"]
    assert [d["rank"] for d in drivers] == list(range(1, len(drivers) + 1))
    weights = [d["weight"] for d in drivers]
    assert weights == sorted(weights, reverse=True)
    assert all(d["low"] <= d["weight"] <= d["high"] for d in drivers)
    about = summary["key_drivers_about"]
    assert about["outcome"] == "nps" and about["reason"] is None and about["draws"] == 1000
    assert sum(weights) == pytest.approx(about["r2"])
    assert about["unranked"] == [{"touchpoint_id": "TP12", "name": "Product information line",
                                  "n": 11, "status": "too_few_ratings"}]
    assert summary["priority_importance"] == "stated"
    leaving = [d for d in summary["behavioural_drivers"] if d["flag"] == "goes_with_leaving"]
    assert leaving[0]["touchpoint_id"] == "TP14" and leaving[0]["progress_high"] < 0
    # the documents compute the same from the frozen tables as the notebook did
    results = ReviewResults(review)
    assert list(results.drivers.ranked["touchpoint_id"]) == [d["touchpoint_id"]
                                                           for d in drivers]


def test_each_review_has_its_drivers_table_and_charts(review, reviewed):
    table = pd.read_csv(review / "drivers.csv", encoding="utf-8-sig")
    assert set(table["outcome"]) == {"nps", "satisfaction"}
    assert set(table["persona_id"]) == {"all", "P1", "P2", "P3", "P4"}
    overall = table[(table["outcome"] == "nps") & (table["persona_id"] == "all")]
    assert overall["respondents"].iloc[0] == 1563
    figures = {path.name for path in (review / "figures").iterdir()}
    assert {"key_drivers.png", "behavioural_drivers.png", "stated_vs_derived.png"} <= figures
    earlier = reviewed / "notebooks" / "demo" / "reviews" / "2025-H2"
    before = json.loads((earlier / "summary.json").read_text(encoding="utf-8"))
    assert before["key_drivers"][0]["touchpoint_id"] == "TP24"  # before tracking was fixed


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def test_the_report_says_what_drives_nps_and_that_behaviour_is_association(review, summary):
    text = visible((review / "report.html").read_text(encoding="utf-8"))
    assert "What drives NPS" in text
    assert "From 1,563 barometer respondents of 2026-H1, the touchpoints" in text
    first = summary["key_drivers"][0]
    assert (f"App checkout ({percent(first['weight'])}, {percent(first['low'])} to "
            f"{percent(first['high'])})") in text
    assert "Hidden drivers, which matter more to customers than the workshop thinks: Hold " \
           "queue on the phone; Help centre and FAQ." in text
    assert "An association, not a cause." in text
    journeys = {row["farthest"]: row for row in summary["answers_by_journey"]}
    assert journeys["After-sales"]["converted"] and not journeys["Buy"]["converted"]
    assert journeys["Buy"]["nps"] < journeys["Receive"]["nps"]  # an order that never came
    assert ("NPS of the barometer respondents the event log knows, by the farthest stage they "
            "reached: Discover") in text


def test_the_deck_has_an_editable_table_of_the_drivers(review, summary):
    slide = slide_titled(Presentation(str(review / "deck.pptx")), "What drives NPS")
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Rank", "Touchpoint", "Weight", "95% interval", "Reading"]
    first, second = summary["key_drivers"][:2]
    assert rows[1] == ["1", "App checkout", percent(first["weight"]),
                       f"{percent(first['low'])} to {percent(first['high'])}", "Key driver"]
    assert rows[2][1:] == ["Hold queue on the phone", percent(second["weight"]),
                           f"{percent(second['low'])} to {percent(second['high'])}",
                           "Hidden driver"]
    assert len(rows) == 9  # the eight strongest
    words = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Weight: the share of the differences in NPS between the 1,563 respondents" in words


def test_a_french_review_speaks_french_about_its_drivers(french_review):
    text = visible((french_review / "report.html").read_text(encoding="utf-8"))
    assert "Ce qui fait le NPS" in text
    assert "répondants du baromètre" in text
    summary = json.loads((french_review / "summary.json").read_text(encoding="utf-8"))
    assert summary["key_drivers"][0]["touchpoint_id"] == "T04"
    table = (french_review / "drivers.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0].startswith("outcome;persona_id;")  # French Excel reads it
    deck = Presentation(str(french_review / "deck.pptx"))
    assert slide_titled(deck, "Ce qui fait le NPS") is not None


def test_hostile_names_reach_the_drivers_as_text(hostile_review):
    markup = (hostile_review / "report.html").read_text(encoding="utf-8")
    assert "<b>Pay</b>" not in markup
    section = markup[markup.index("What drives NPS"):markup.index("What the last round")]
    assert "$$ &lt;b&gt;Pay&lt;/b&gt;" in section
    summary = json.loads((hostile_review / "summary.json").read_text(encoding="utf-8"))
    assert summary["key_drivers"][0]["name"] == "$$ <b>Pay</b>"  # data stays data in JSON

"""cjm.labels: every word in both languages, and a missing word shows its key."""

from __future__ import annotations

import openpyxl
import pytest

from cjm import load_project
from cjm.labels import LABELS, label
from cjm.render.workbook import export_actions
from cjm.steps.prioritisation import (
    ACTION_COLUMNS,
    PRIORITY_COLUMNS,
    rank_actions,
    touchpoint_priorities,
)


@pytest.mark.parametrize("key", LABELS)
def test_every_key_has_english_and_french(key):
    assert set(LABELS[key]) == {"en", "fr"}
    assert label(key, "en").strip() and label(key, "fr").strip()
    assert label(key) == label(key, "en")


def test_unknown_key_or_language_falls_back():
    assert label("no_such_word") == "no_such_word"
    assert label("no_such_word", "fr") == "no_such_word"
    assert label("stage", "de") == "Stage"


@pytest.mark.parametrize("key", ["stage", "channel", "touchpoint", "touchpoints", "goal",
                                 "scenario", "emotion", "share", "no_data", "current",
                                 "no_scores", "more", "status", "due", "cost", "rice"])
def test_french_is_translated(key):
    assert label(key, "fr") != label(key, "en")


def test_french_typography():
    assert label("stage", "fr") == "Étape"  # capitals keep their accents
    assert label("ces_easy", "fr") == "CES : part trouvant cela facile"  # space before a colon
    assert label("ci_note", "fr").endswith("95 %")  # and before a percent sign


def test_more_takes_a_count():
    assert label("more").format(n=3) == "+3 more"
    assert label("more", "fr").format(n=3) == "+3 de plus"


def test_journey_map_words_are_here():
    for key in ["no_scores", "across_journey", "more", "current", "future", "day-in-the-life",
                "service-blueprint", "negative", "neutral", "positive", "not_scored"]:
        assert key in LABELS


def test_excel_headers_are_words_except_identifiers(mini, tmp_path):
    project = load_project(mini)
    priorities = touchpoint_priorities(project, "2025-H2")
    path = export_actions(rank_actions(project, priorities), tmp_path, language="fr",
                          priorities=priorities)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Plan d'action", "Priorités"]
    for sheet, columns in (("Plan d'action", ACTION_COLUMNS), ("Priorités", PRIORITY_COLUMNS)):
        headers = dict(zip(columns, (c.value for c in workbook[sheet][1]), strict=True))
        # identifiers stay as in the data files, so people can match rows across files
        words = {c: h for c, h in headers.items() if c not in {"action_id", "touchpoint_id"}}
        assert all(header != column for column, header in words.items()), words
    assert headers["reach_source"] == "Source de la portée"
    assert workbook["Plan d'action"]["A1"].value == "Rang"
    assert workbook["Plan d'action"]["P1"].value == "Score RICE"
    assert workbook["Plan d'action"]["J1"].value == "En retard"

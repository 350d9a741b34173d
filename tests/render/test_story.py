"""The review in sentences: each figure with its n, interval and verdict, what changed and
why, what the actions achieved, and what to keep in mind; in the project's language."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from cjm.render import story
from cjm.render.results import ReviewResults


@pytest.fixture(scope="module")
def results(reviewed):
    return ReviewResults(reviewed / "notebooks" / "demo" / "reviews" / "2026-H1")


def kpis(**rows) -> pd.DataFrame:
    base = {"n": 0, "value": np.nan, "low": np.nan, "high": np.nan, "previous_n": 0,
            "previous": np.nan, "change": np.nan, "p_value": np.nan, "verdict": "no_data"}
    return pd.DataFrame([{**base, "kpi": kpi, **fields} for kpi, fields in rows.items()])


def comparison(*rows) -> pd.DataFrame:
    base = {"basis": "workshop", "csat_delta": np.nan, "satisfaction_delta": 0.0,
            "satisfaction_before": 3.0, "satisfaction_after": 3.0, "n_csat_after": 0}
    return pd.DataFrame([{**base, **row} for row in rows])


def fake(language="en", **tables):
    results = SimpleNamespace(language=language, period="2026-H2",
                              baseline=(None, "2026-H1", "review"), warnings=[],
                              kpis=kpis(csat={"n": 0}), comparison=comparison())
    results.__dict__.update(tables)
    return results


def test_each_headline_figure_says_its_n_interval_change_and_verdict(results):
    cards = {card["kpi"]: card for card in story.kpi_cards(results)}
    assert cards["csat"]["sentence"] == (
        "CSAT 80% (95% CI 78% to 82%, n = 1,499): up 11 points from 69% (n = 1,572), a "
        "significant change (p < 0.001).")
    assert cards["nps"]["value"] == "+28" and cards["nps"]["direction"] == "up"


def test_a_change_on_too_few_answers_is_not_called_a_change():
    results = fake(kpis=kpis(csat={"n": 12, "value": 0.5, "low": 0.25, "high": 0.75,
                                   "previous_n": 20, "previous": 0.4, "change": 0.1,
                                   "verdict": "too_few"}))
    (card,) = story.kpi_cards(results)
    assert card["verdict"] == "too_few"
    assert "n = 12" in card["sentence"] and "30" in card["verdict_text"]
    assert "significant" not in card["verdict_text"].replace("not significant", "")


def test_a_figure_without_answers_says_so_without_inventing_a_value():
    (card,) = story.kpi_cards(fake())
    assert card["value"] == "–" and card["interval"] == "" and card["change"] == ""
    assert "n = 0" in card["sentence"]


def test_changes_name_the_largest_first_and_count_the_rest():
    rows = [{"name": f"T{i}", "status": "worsened", "satisfaction_before": 4.0,
             "satisfaction_after": 4.0 - i / 10, "satisfaction_delta": -i / 10}
            for i in range(1, 7)]
    rows.append({"name": "Survey one", "status": "improved", "basis": "survey",
                 "csat_delta": 0.12})
    rows.append({"name": "Calm", "status": "stable"})
    improved, worsened, rest = story.change_sentences(fake(comparison=comparison(*rows)))
    assert improved == "1 touchpoint improved: Survey one (CSAT +12 points, significant)."
    assert worsened.startswith("6 touchpoints worsened: T6 (workshop satisfaction 4.0 → 3.4); "
                               "T5 (")
    assert "and 2 more" in worsened and "T1 " not in worsened
    assert rest == "1 stayed stable, 0 are new, 0 were retired or no longer scored."


def test_french_sentences_write_french_numbers():
    rows = [{"name": "Caisse", "status": "worsened", "satisfaction_before": 3.5,
             "satisfaction_after": 2.5, "satisfaction_delta": -1.0}]
    _, worsened, _ = story.change_sentences(fake("fr", comparison=comparison(*rows)))
    assert "Caisse" in worsened and "3,5 → 2,5" in worsened
    assert story.rule("fr") != story.rule("en") and "0,05" in story.rule("fr")


def test_what_the_actions_achieved_is_said_per_action(results):
    sentence, items = story.actions_done(results)
    assert sentence == "2 actions were completed since 2025-H2."
    assert items[0] == ("Proactive delivery tracking by SMS and e-mail (Logistics): Delivery "
                        "tracking improved (CSAT +40 points, significant).")


def test_quality_notes_say_what_was_not_scored_and_what_rests_on_few_answers():
    rows = [{"name": "Unscored one", "status": "unscored"},
            {"name": "Thin", "status": "improved", "n_csat_after": 5,
             "satisfaction_before": 3.0, "satisfaction_after": 4.0, "satisfaction_delta": 1.0}]
    notes = story.quality_notes(fake(comparison=comparison(*rows)))
    assert any("1 touchpoint" in note and "Unscored one" in note for note in notes)
    assert any("no survey answers" in note.lower() or "survey" in note.lower()
               for note in notes)
    assert len(notes) == 3


def test_nothing_to_keep_in_mind_is_said_plainly(results):
    quiet = fake(kpis=kpis(csat={"n": 40, "value": 0.5, "low": 0.4, "high": 0.6}),
                 comparison=comparison({"name": "A", "status": "stable"}))
    (note,) = story.quality_notes(quiet)
    assert note == story.label("quality_none", "en")

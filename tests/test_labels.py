"""cjm.labels: every word in both languages, and a missing word shows its key."""

from __future__ import annotations

import pytest

from cjm.labels import LABELS, label


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
                                 "no_scores", "more", "status", "due", "cost",
                                 "touchpoint_priority"])
def test_french_is_translated(key):
    assert label(key, "fr") != label(key, "en")


def test_french_typography():
    assert label("stage", "fr") == "Étape"  # capitals keep their accents
    assert label("ces_easy", "fr") == "CES : part trouvant cela facile"  # space before a colon
    assert label("ci_note", "fr").endswith("95\u202f%")  # and before a percent sign


def test_more_takes_a_count():
    assert label("more").format(n=3) == "+3 more"
    assert label("more", "fr").format(n=3) == "+3 de plus"


def test_journey_map_words_are_here():
    for key in ["no_scores", "across_journey", "more", "current", "future", "day-in-the-life",
                "service-blueprint", "negative", "neutral", "positive", "not_scored"]:
        assert key in LABELS


def test_each_word_is_defined_once():
    from cjm.labels import documents, notes, words

    keys = [*words.WORDS, *notes.NOTES, *documents.DOCUMENTS]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_french_words_follow_the_glossary():
    import re

    from cjm.labels import LABELS
    from cjm.labels.glossary import AVOIDED, GLOSSARY

    for key, words in LABELS.items():
        french = re.sub(r"\{[^}]*\}|`[^`]*`|\w+\.(csv|xlsx|yaml)", "",
                        words.get("fr", "")).lower()  # placeholders and file names aside
        for wrong, right in AVOIDED.items():
            assert wrong not in french, f"{key}: {wrong!r} reads as a translation; say {right!r}"
    assert LABELS["pain_points"]["fr"] == "Irritants"
    assert LABELS["possible_overkill"]["fr"].lower() == GLOSSARY["possible overkill"]
    assert LABELS["touchpoint"]["fr"].lower() == GLOSSARY["touchpoint"]

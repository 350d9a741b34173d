"""Words shown to people (chart titles, axes, report headings) in the project's language.

`label("satisfaction", "fr")` -> "Satisfaction". Keys are the method's vocabulary; an unknown key
is returned as is, so a missing translation shows the English key, never an error.
"""

from __future__ import annotations

from ..periods import period_text
from .documents import DOCUMENTS
from .drivers import DRIVERS
from .notes import NOTES
from .words import WORDS

LABELS: dict[str, dict[str, str]] = {**WORDS, **NOTES, **DOCUMENTS, **DRIVERS}


def say(key: str, language: str = "en", **fields) -> str:
    """The words of `key` in `language` with `fields` filled in, period labels written as the
    language writes them (`2026-S1` in French)."""
    fields = {name: period_text(value, language) for name, value in fields.items()}
    return label(key, language).format(**fields)


def label(key: str, language: str = "en") -> str:
    """The word for `key` in `language` ("en" or "fr")."""
    words = LABELS.get(key)
    if words is None:
        return key
    return words.get(language, words["en"])

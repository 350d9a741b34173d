"""The sentences cjm prints (errors, problems found in a project's files, the command line's
lines) in the reader's language.

`tr("column '{name}' is missing", name="stage")` is the English template with its fields filled
in, or its translation from the gettext catalog `cjm/locale/<language>/LC_MESSAGES/cjm.po` (read
with Babel on first use). The language is the project's once `speaking(language)` says so, else
the environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. A sentence the catalog lacks
stays English, never an error.

Low in the layers: imports nothing of cjm, so that `cjm.errors` and every layer can use it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import numbers
import os
from collections.abc import Iterator
from pathlib import Path

LANGUAGES = ("en", "fr")
CATALOGS = Path(__file__).parent / "locale"

_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("cjm_language",
                                                                       default=None)
_spoken: list[str | None] = [None]  # what `speak` set: a kernel's cells do not share a context


def tr(message: str, /, **fields) -> str:
    """`message` (an English template with `{fields}`) in the current language, filled in."""
    language = current_language()
    text = _catalog(language).get(message) or message
    if isinstance(text, tuple):
        text = text[0]
    return text.format(**_numbers(fields, language)) if fields else text


def tr_n(singular: str, plural: str, count: int, /, **fields) -> str:
    """The singular or plural form for `count`, in the current language, with `count` and
    `fields` filled in ("1 problem", "3 problèmes"; French takes 0 and 1 as singular)."""
    language = current_language()
    forms = _catalog(language).get((singular, plural))
    one = count in (0, 1) if forms and language == "fr" else count == 1
    text = (forms or (singular, plural))[0 if one else -1]
    return text.format(**_numbers({"count": count, **fields}, language))


class _FrenchNumber:
    """A number that formats as French writes it: `{n:,}` -> "12 345" (narrow no-break space),
    `{x:.1f}` -> "3,5", `{p:.0%}` -> "12 %"."""

    def __init__(self, value):
        self.value = value

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        text = text.replace(",", "\u202f").replace(".", ",")
        return text[:-1] + "\u202f%" if spec.endswith("%") else text

    def __str__(self) -> str:
        return format(self, "")


def _numbers(fields: dict, language: str) -> dict:
    """`fields` with their numbers written as `language` writes them."""
    if language != "fr":
        return fields
    return {name: _FrenchNumber(value)
            if isinstance(value, numbers.Real) and not isinstance(value, bool) else value
            for name, value in fields.items()}


def current_language() -> str:
    """The language cjm speaks now: the one `speaking` set, else the environment's."""
    return _language.get() or _spoken[0] or environment_language()


def environment_language() -> str:
    """"fr" when the locale of the environment is French (`LC_ALL`, `LC_MESSAGES`, `LANG`, the
    first one set wins, as gettext reads them), else "en"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


@contextlib.contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Speak `language` inside the block (None: the environment's)."""
    token = _language.set(language if language in LANGUAGES else environment_language())
    try:
        yield
    finally:
        _language.reset(token)


def speak(language: str | None) -> None:
    """Speak `language` from now on in this process, where `speaking` does not say otherwise
    (a notebook's kernel; None: the environment's)."""
    _spoken[0] = language if language in LANGUAGES else None


@functools.cache
def _catalog(language: str) -> dict:
    """msgid (or (singular, plural)) -> translation (a tuple of plural forms) of `language`."""
    path = CATALOGS / language / "LC_MESSAGES" / "cjm.po"
    if language == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    return {message.id: message.string for message in catalog
            if message.id and message.string and not message.fuzzy}

"""Every error cjm raises, under one base class, with declared fields; and problems, the
defects of a project's files, each located as the analyst sees it and given a reason code.

A module low in the layers (it imports only `cjm.messages`, which says them in the reader's
language), so that any module can raise these.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .messages import tr, tr_n

MAX_RANGES = 8  # row ranges written out in one message; the rest are counted


class CJMError(Exception):
    """Base class of every error `cjm` raises on purpose."""


class UsageError(CJMError):
    """The request itself is wrong (bad name, unknown project, conflicting options)."""


class ArgumentError(UsageError, ValueError, TypeError):
    """A function of cjm was given an argument it cannot use: `argument` names it. Also a
    ValueError and a TypeError, what Python code expects of a bad argument."""

    def __init__(self, message: str, argument: str | None = None):
        self.argument = argument
        super().__init__(message)


class NotFound(ArgumentError, KeyError):
    """A name that is not there (a table, a touchpoint on a board); also a KeyError."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class ValidationError(CJMError):
    """A project's files have one or more `problems`; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = tr_n("{count} problem in the project files", "{count} problems in the project files",
                    count)
        super().__init__("\n".join([head, *map(str, self.problems)]))


class TableReadError(CJMError):
    """A table file exists but cannot be read as a table: `problem` says why (`problems` when
    there are several, e.g. each merged range of a workbook)."""

    def __init__(self, problem: Problem, problems: list[Problem] | None = None):
        self.problem = problem
        self.problems = list(problems or [problem])
        super().__init__("\n".join(map(str, self.problems)))


class NotebookFailed(CJMError):
    """A notebook raised an error (or could not run): `cell` is the failing cell's execution
    count when known, `error` what it raised, `failed_copy` where the executed copy marking
    it was kept."""

    def __init__(self, notebook: str | Path, cell: int | None, error: str,
                 failed_copy: str | Path | None = None):
        self.notebook, self.cell, self.error = Path(notebook), cell, error
        self.failed_copy = Path(failed_copy) if failed_copy is not None else None
        if cell is None:
            message = tr("{notebook} failed: {error}", notebook=self.notebook.name, error=error)
        else:
            message = tr("{notebook} failed at cell {cell}: {error}",
                         notebook=self.notebook.name, cell=cell, error=error)
        super().__init__(message)

    def kept_in(self, failed_copy: str | Path) -> NotebookFailed:
        """The same failure, saying where the failed run was kept."""
        return NotebookFailed(self.notebook, self.cell, self.error, failed_copy)


class DamagedFile(CJMError):
    """A file a review wrote (a figure, a frozen table) cannot be read back: `reason` says
    why."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(tr("{path} is damaged ({reason}); run the review again to remake it",
                            path=self.path, reason=reason))


class NothingToReview(CJMError):
    """A review of a `period` with no scores, no survey answers and no events."""

    def __init__(self, period: str, message: str):
        self.period = period
        super().__init__(message)


class CJMWarning(UserWarning):
    """Something cjm did on its own that a person should know of."""


class JournalConverted(CJMWarning):
    """The journal was re-encoded as UTF-8 to hold a new score's text."""


class WorkbookExtras(CJMWarning):
    """A workbook held sheets or columns that are not a project's: they were left out."""


class OldNotebooks(CJMWarning):
    """A project's working notebooks come from older templates than the installed ones."""


@dataclass(frozen=True)
class Problem:
    """One defect in a project file, located as the analyst sees it.

    `row` counts like Excel: the header is row 1, the first data row is row 2. `rows` holds
    every row when one problem stands for several (`row` is then the first of them).
    `row` is None for a problem with a whole file or column. A "warning" is reported but does
    not stop the project from loading (rows of an event log that analyses leave out, journal
    rows that no longer fit the project). `code` says what kind of defect it is (CODES), so
    that problems can be filtered and counted.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    severity: str = "error"  # or "warning"
    rows: tuple[int, ...] = ()
    code: str = "invalid"  # the kind of defect, one of CODES

    def __str__(self) -> str:
        if len(self.rows) > 1:
            where = self.file + ": " + tr("rows {rows}", rows=row_ranges(self.rows))
        else:
            where = self.file if self.row is None else f"{self.file}:{self.row}"
        text = (self.message if self.severity == "error"
                else tr("warning: {message}", message=self.message))
        count = len(self.rows) if len(self.rows) > 1 else None
        if count and self.expected:
            text += " (" + tr("{count:,} rows; expected {expected}", count=count,
                              expected=self.expected) + ")"
        elif count:
            text += " (" + tr("{count:,} rows", count=count) + ")"
        elif self.expected:
            text += " (" + tr("expected {expected}", expected=self.expected) + ")"
        return f"{where}: {text}"


CODES = {  # reason code -> what kind of defect
    "missing_file": "a table or project.yaml is missing",
    "unreadable_file": "a file is not a readable table (encoding, quotes, NUL bytes, damage)",
    "missing_column": "a required column is missing, or a column appears twice",
    "unreadable_cell": "a cell cannot be read as its column's type",
    "empty": "a required cell is empty",
    "not_allowed": "a value outside its column's allowed values or range",
    "duplicate": "an id used twice",
    "unknown_reference": "a reference to a stage, channel, persona or touchpoint that is not there",
    "out_of_scale": "a score outside the project's scale",
    "unsafe_text": "an id that cannot name a file, or text with control characters",
    "shares": "the personas' shares add up to more than 100 %",
    "setting": "a setting of project.yaml that is missing, unknown or wrong",
    "yaml": "project.yaml is not plain, valid, UTF-8 YAML",
    "event_log": "rows of the event log left out of the analyses",
    "invalid": "any other defect",
}


def grouped(problems: Iterable[Problem]) -> list[Problem]:
    """Problems that differ only by their row merged into one, which names every row.

    A file with the same mistake on 500 rows gets one line that counts them, not 500 lines.
    Order is kept: a merged problem stands where its first row stood.
    """
    merged: dict[tuple, list[Problem]] = {}
    for problem in problems:
        key = (problem.file, problem.message, problem.column, problem.expected,
               problem.severity, problem.code, problem.row is None)
        merged.setdefault(key, []).append(problem)
    out = []
    for group in merged.values():
        if len(group) == 1 or group[0].row is None:
            out += group
            continue
        rows = sorted({row for p in group for row in (p.rows or (p.row,))})
        out.append(replace(group[0], row=rows[0], rows=tuple(rows)))
    return out


def row_ranges(rows: Iterable[int], limit: int = MAX_RANGES) -> str:
    """`[2, 3, 4, 7]` -> "2-4, 7"; beyond `limit` ranges, the rest as "...": rows as the
    analyst finds them in Excel."""
    ranges: list[list[int]] = []
    for row in sorted(set(rows)):
        if ranges and row == ranges[-1][1] + 1:
            ranges[-1][1] = row
        else:
            ranges.append([row, row])
    texts = [f"{a}" if a == b else f"{a}-{b}" for a, b in ranges[:limit]]
    return ", ".join(texts) + (", ..." if len(ranges) > limit else "")


def rows_text(rows: Iterable[int]) -> str:
    """"row 7" or "rows 2-4, 7"."""
    rows = sorted(set(rows))
    if len(rows) == 1:
        return tr("row {row}", row=rows[0])
    return tr("rows {rows}", rows=row_ranges(rows))


def shown(value: object, limit: int = 80) -> str:
    """`value` quoted for a message: control characters written as escapes (never sent raw to
    a terminal), long values cut with "…"."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text):
        return repr(text)
    return f"'{text}'"


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice `value` most likely misspells: the same but for case, accents, spaces and
    punctuation, else the nearest by spelling (difflib, 60 % alike), else None."""
    import difflib

    choices = [str(choice) for choice in choices]
    known = {folded(choice): choice for choice in choices}
    if folded(str(value)) in known:
        return known[folded(str(value))]
    found = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    return found[0] if found else None


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` are one name misspelt: the same but for case, accents, spaces and
    punctuation, or (both at least 5 letters long) one letter apart. Names that differ by a
    digit ("Store 1", "Store 2") are different names."""
    a, b = folded(a), folded(b)
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and not any(c.isdigit() for c in diff[0])
    short, long = sorted((a, b), key=len)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y),
             len(short))
    return short[i:] == long[i + 1:] and not long[i].isdigit()


def folded(text: str) -> str:
    """`text` without case, accents, spaces or punctuation: how names and words that one
    person may spell several ways are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return "".join(char for char in plain if char.isalnum())

"""Errors: one base class, and problems that point at a file, row and column."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

MAX_RANGES = 8  # row ranges written out in one message; the rest are counted


class CJMError(Exception):
    """Base class of every error `cjm` raises on purpose."""


class UsageError(CJMError):
    """The request itself is wrong (bad name, unknown project, conflicting options)."""


class NotebookFailed(CJMError):
    """A notebook raised an error (or could not run): `cell` is the failing cell's execution
    count when known, `failed_copy` where the executed copy marking it was kept."""

    def __init__(self, notebook, cell: int | None, error: str, failed_copy=None):
        from pathlib import Path

        self.notebook, self.cell, self.error = Path(notebook), cell, error
        self.failed_copy = Path(failed_copy) if failed_copy is not None else None
        where = f" at cell {cell}" if cell is not None else ""
        super().__init__(f"{self.notebook.name} failed{where}: {error}")

    def kept_in(self, failed_copy) -> NotebookFailed:
        """The same failure, saying where the failed run was kept."""
        return NotebookFailed(self.notebook, self.cell, self.error, failed_copy)


class NothingToReview(CJMError):
    """A review of a period with no scores, no survey answers and no events."""


@dataclass(frozen=True)
class Problem:
    """One defect in a project file, located as the analyst sees it.

    `row` counts like Excel: the header is row 1, the first data row is row 2. `rows` holds
    every row when one problem stands for several (`row` is then the first of them).
    `row` is None for a problem with a whole file or column. A "warning" is reported but does
    not stop the project from loading (rows of an event log that analyses leave out, journal
    rows that no longer fit the project).
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    severity: str = "error"  # or "warning"
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        if len(self.rows) > 1:
            where = f"{self.file}: rows {row_ranges(self.rows)}"
        else:
            where = self.file if self.row is None else f"{self.file}:{self.row}"
        text = self.message if self.severity == "error" else f"warning: {self.message}"
        details = [f"{len(self.rows):,} rows"] if len(self.rows) > 1 else []
        if self.expected:
            details.append(f"expected {self.expected}")
        if details:
            text += f" ({'; '.join(details)})"
        return f"{where}: {text}"


def grouped(problems: Iterable[Problem]) -> list[Problem]:
    """Problems that differ only by their row merged into one, which names every row.

    A file with the same mistake on 500 rows gets one line that counts them, not 500 lines.
    Order is kept: a merged problem stands where its first row stood.
    """
    merged: dict[tuple, list[Problem]] = {}
    for problem in problems:
        key = (problem.file, problem.message, problem.column, problem.expected,
               problem.severity, problem.row is None)
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
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {row_ranges(rows)}"


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
    folded = {_folded(choice): choice for choice in choices}
    if _folded(str(value)) in folded:
        return folded[_folded(str(value))]
    found = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    return found[0] if found else None


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` are one name misspelt: the same but for case, accents, spaces and
    punctuation, or (both at least 5 letters long) one letter apart. Names that differ by a
    digit ("Store 1", "Store 2") are different names."""
    a, b = _folded(a), _folded(b)
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


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return "".join(char for char in plain if char.isalnum())


class ValidationError(CJMError):
    """A project's files have one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the project files"
        super().__init__("\n".join([head, *map(str, self.problems)]))

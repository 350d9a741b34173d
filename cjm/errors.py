"""Errors: one base class, and problems that point at a file, row and column."""

from __future__ import annotations

from dataclasses import dataclass


class CJMError(Exception):
    """Base class of every error `cjm` raises on purpose."""


class UsageError(CJMError):
    """The request itself is wrong (bad name, unknown project, conflicting options)."""


@dataclass(frozen=True)
class Problem:
    """One defect in a project file, located as the analyst sees it.

    `row` counts like Excel: the header is row 1, the first data row is row 2.
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

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        text = self.message if self.severity == "error" else f"warning: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return f"{where}: {text}"


class ValidationError(CJMError):
    """A project's files have one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the project files"
        super().__init__("\n".join([head, *map(str, self.problems)]))

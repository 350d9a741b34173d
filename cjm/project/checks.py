"""Checks on typed tables: each table's schema, then the references between tables and
`project.yaml` (stages, channels, personas, touchpoints, scales, shares)."""

from __future__ import annotations

import dataclasses
import numbers
import re

import pandas as pd

from ..errors import Problem, closest, folded, shown
from ..messages import tr
from ..periods import period_expected
from .config import ProjectConfig
from .pandera_lean import pa
from .schemas import ID_COLUMNS, ID_LENGTH, NAME_COLUMNS

SCALED_COLUMNS = ("satisfaction", "effort", "importance", "emotion")
MAX_HINTS = 50  # distinct unknown values given a "did you mean" (each costs a fuzzy search)


def schema_problems(typed: pd.DataFrame, model, file: str, known: list[Problem]) -> list[Problem]:
    """Every failure of `model`'s checks on `typed`, except cells already reported in `known`."""
    try:
        model.validate(typed, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    schema = model.to_schema()
    seen = {(p.row, p.column) for p in known}
    first_row: dict[tuple[str, object], int] = {}
    problems = []
    for case in cases.sort_values("index", kind="stable").itertuples(index=False):
        column, row = case.column, _row(case.index)
        if case.check == "column_in_dataframe" or (row, column) in seen or column is None:
            continue
        seen.add((row, column))
        value = typed.at[row, column] if row in typed.index else case.failure_case
        if case.check == "not_nullable":
            message = tr("{column} is empty", column=column)
            expected = tr("a value: this column is required")
            code = "empty"
        elif case.check == "field_uniqueness":
            first = first_row.setdefault((column, value), row)
            if first == row:
                continue
            message = tr("{column} {value} is already used on row {row}", column=column,
                         value=shown(value), row=first)
            expected, code = tr("a unique id"), "duplicate"
        else:
            message = tr("{column} {value} is not allowed", column=column, value=_quote(value))
            expected = _expected(schema.columns[column], case.check_number)
            code = "not_allowed"
        problems.append(Problem(file, message, row=row, column=column, value=value,
                                expected=expected, code=code))
    return problems


# Control characters, and the invisible ones that reorder or hide text (bidi overrides)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     r"\u2066-\u2069]")
LINE_BREAK = re.compile(r"[\t\n\r]")
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")  # zero-width, soft hyphen
_ONE_LINE = re.compile(f"{CONTROL.pattern}|{LINE_BREAK.pattern}")


def id_expected() -> str:
    """What an id may be, in words."""
    return tr("an id of at most {length} characters on one line, without / \\ .. | or "
              "control characters (such as P1, TP-07, checkout_app)", length=ID_LENGTH)


def cell_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    """Text cells that cannot be trusted as they are: ids that could not name a file (too
    long, with path separators, "..", "|" or control characters), names that span lines,
    and control characters anywhere (they would reach terminals, reports and unit files).
    Each distinct value is checked once (a journal repeats its ids on every row)."""
    problems = []
    for column in typed.columns:
        values = typed[column]
        if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
            continue
        text = values.dropna()
        text = text[text.map(lambda v: isinstance(v, str)).astype(bool)]
        if text.empty:
            continue
        if column in ID_COLUMNS:
            bad = {value for value in text.unique() if id_problem(value)}
        else:
            pattern = _ONE_LINE if column in NAME_COLUMNS else CONTROL
            bad = {value for value in text.unique() if pattern.search(value)}
        for row, value in text[text.isin(bad)].items():
            problems.append(_cell_problem(file, column, row, value))
    return problems


def _cell_problem(file: str, column: str, row, value: str) -> Problem:
    if column in ID_COLUMNS:
        return Problem(file, f"{column} {shown(value)} {id_problem(value)}", row=row,
                       column=column, value=value, expected=id_expected(), code="unsafe_text")
    char = (CONTROL.search(value) or LINE_BREAK.search(value)).group()
    if CONTROL.match(char):
        message = tr("{column} {value} contains a control character (U+{code:04X})",
                     column=column, value=shown(value), code=ord(char))
    else:
        message = tr("{column} {value} spans several lines", column=column, value=shown(value))
    expected = tr("text on one line") if column in NAME_COLUMNS else tr("printable text")
    return Problem(file, message, row=row, column=column, value=value, expected=expected,
                   code="unsafe_text")


def id_problem(value: str) -> str:
    """Why `value` cannot be an id, or "" when it can."""
    if len(value) > ID_LENGTH:
        return tr("is {length} characters long", length=len(value))
    if CONTROL.search(value) or LINE_BREAK.search(value):
        return tr("contains a control character or a line break")
    if INVISIBLE.search(value):  # looks the same as another id, and is not
        return tr("contains an invisible character (U+{code:04X})",
                  code=ord(INVISIBLE.search(value).group()))
    if "/" in value or "\\" in value:
        return tr("contains a path separator (/ or \\)")
    if ".." in value or value == ".":
        return tr("contains '..'")
    if "|" in value:
        return tr("contains '|', which separates ids in lists")
    return ""


def cross_problems(config: ProjectConfig, tables: dict[str, tuple[str, pd.DataFrame]]
                   ) -> list[Problem]:
    """Problems in references between tables and with `project.yaml`.

    `tables` maps a table name to (file name, typed frame indexed by Excel row).
    """
    problems: list[Problem] = []
    persona_ids = _ids(tables, "personas", "persona_id")
    touchpoint_ids = _ids(tables, "touchpoints", "touchpoint_id")
    stages = (tr("a stage of this project"), config.stages)
    channels = (tr("a channel of this project"), config.channels)
    personas = (tr("a persona_id of personas.csv"), persona_ids)
    touchpoints = (tr("a touchpoint_id of touchpoints.csv"), touchpoint_ids)
    references = {
        "personas": [("preferred_channels", channels)],
        "goals": [("persona_id", personas), ("stage", stages)],
        "touchpoints": [("stage", stages), ("channel", channels), ("personas", personas),
                        ("supports", touchpoints)],
        "evaluations": [("persona_id", personas), ("touchpoint_id", touchpoints)],
        "survey": [("touchpoint_id", touchpoints), ("persona_id", personas)],
        "barometer": [("persona_id", personas)],
        "actions": [("touchpoint_id", touchpoints)],
    }
    for table, rules in references.items():
        if table not in tables:
            continue
        file, frame = tables[table]
        for column, (what, allowed) in rules:
            if column in frame.columns and allowed is not None:
                found = _membership(frame, column, allowed, file, what)
                problems += _journal_kept(found) if (table, column) == (
                    "evaluations", "touchpoint_id") else found
    if "evaluations" in tables:
        file, frame = tables["evaluations"]
        for column in SCALED_COLUMNS:
            problems += _journal_kept(
                _in_scale(frame, column, getattr(config.scales, column), file))
    if "survey" in tables:
        file, frame = tables["survey"]
        problems += _in_scale(frame, "ces", config.scales.effort, file)
    if "touchpoints" in tables:
        file, frame = tables["touchpoints"]
        for column in ("satisfaction", "emotion"):
            problems += _in_scale(frame, f"target_{column}", getattr(config.scales, column),
                                  file)
    if "actions" in tables:
        problems += _effects(*tables["actions"])
    if "personas" in tables:
        problems += _shares(*tables["personas"])
    return problems + _id_twins(tables)


KEYS = {"personas": "persona_id", "touchpoints": "touchpoint_id", "actions": "action_id"}


def _id_twins(tables) -> list[Problem]:
    """Ids of one table that are one id spelt two ways: the same but for case, accents, spaces
    or punctuation (`P1` and `p1`, `T-01` and `T01`). Ids that differ by a letter or a digit
    are different ids (T01 and T02, promo_a and promo_b)."""
    problems = []
    for table, column in KEYS.items():
        if table not in tables or column not in tables[table][1].columns:
            continue
        file, frame = tables[table]
        first: dict[str, str] = {}
        for row, value in frame[column].dropna().astype(str).items():
            twin = first.setdefault(folded(value), value)
            if twin != value and folded(value):
                problems.append(Problem(
                    file, tr("{column} {value} and '{twin}' are one id spelt two ways; did you "
                             "mean '{twin}'?", column=column, value=shown(value), twin=twin),
                    row=row, column=column, value=value,
                    expected=tr("ids that differ by more than case, accents, spaces or "
                                "punctuation"), code="duplicate"))
    return problems


def _effects(file: str, frame: pd.DataFrame) -> list[Problem]:
    """An action that introduces or retires a touchpoint names it."""
    if "effect" not in frame.columns or "touchpoint_id" not in frame.columns:
        return []
    lacking = frame["effect"].isin(["introduces", "retires"]).fillna(False).astype(bool) & (
        frame["touchpoint_id"].isna())
    return [Problem(file, tr("effect {value} needs the touchpoint it introduces or retires",
                             value=shown(frame.at[row, "effect"])), row=row,
                    column="touchpoint_id", expected=tr("a touchpoint_id of touchpoints.csv"),
                    code="empty")
            for row in frame.index[lacking]]


def _journal_kept(problems: list[Problem]) -> list[Problem]:
    """The journal's rows are never rewritten: a row that no longer fits (its touchpoint since
    removed, a scale since changed) is a warning, and the scores leave it out."""
    return [dataclasses.replace(p, severity="warning",
                                expected=tr("{expected}; the row stays in the journal and is "
                                            "left out of the scores", expected=p.expected))
            for p in problems]


def _ids(tables, table: str, column: str) -> list[str] | None:
    if table not in tables or column not in tables[table][1].columns:
        return None  # the table is unusable: its own problems are reported instead
    return list(dict.fromkeys(tables[table][1][column].dropna().astype(str)))


def listing(values, limit: int = 15) -> str:
    """`values` joined by commas, at most `limit` of them and then how many there are."""
    values = [str(value) for value in values]
    if len(values) <= limit:
        return ", ".join(values)
    return tr("{values}, ... ({count:,} in all)", values=", ".join(values[:limit]),
              count=len(values))


def _membership(frame: pd.DataFrame, column: str, allowed: list[str], file: str,
                what: str) -> list[Problem]:
    """A Problem per value of `column` (or item of a list column) not in `allowed`, naming
    every row it is on; the "did you mean" is looked for once per value."""
    allowed_set = set(allowed)
    cells = frame[column]
    if cells.dtype == object and cells.map(lambda c: isinstance(c, list)).any():
        cells = cells.explode()
    cells = cells.dropna()
    bad = cells[~cells.isin(allowed_set)]
    if bad.empty:
        return []
    expected = tr("one of: {values}", values=listing(allowed)) if allowed else tr(
        "none defined yet")
    problems = []
    by_value: dict[str, list[int]] = {}
    for row, value in bad.items():
        by_value.setdefault(value, []).append(row)
    for number, (value, rows) in enumerate(by_value.items()):
        rows = sorted(set(rows))
        hint = closest(value, allowed) if number < MAX_HINTS else None
        if hint:
            message = tr("{column} {value} is not {what}; did you mean '{hint}'?",
                         column=column, value=shown(value), what=what, hint=hint)
        else:
            message = tr("{column} {value} is not {what}", column=column, value=shown(value),
                         what=what)
        problems.append(Problem(file, message, row=rows[0], column=column, value=value,
                                expected=expected, rows=tuple(rows) if len(rows) > 1 else (),
                                code="unknown_reference"))
    return problems


def _in_scale(frame: pd.DataFrame, column: str, scale: tuple[int, int], file: str
              ) -> list[Problem]:
    if column not in frame.columns:
        return []
    low, high = scale
    values = frame[column]
    outside = values.notna() & ((values < low) | (values > high))
    return [Problem(file, tr("{column} {value} is outside the project's {column} scale",
                             column=column, value=_number_text(values[row])),
                    row=row, column=column, value=values[row],
                    expected=tr("a number from {low} to {high}, as set in project.yaml",
                                low=low, high=high),
                    code="out_of_scale")
            for row in values.index[outside.fillna(False).astype(bool)]]


def _shares(file: str, frame: pd.DataFrame) -> list[Problem]:
    if "share" not in frame.columns:
        return []
    total = frame["share"].sum(skipna=True)
    if total <= 1.005:
        return []
    return [Problem(file, tr("the personas' shares add up to {total:.0%}", total=total),
                    column="share", value=float(total),
                    expected=tr("at most 100 % of the customer base"), code="shares")]


def _expected(column: pa.Column, check_number) -> str:
    """What a failed check of `column` expected, in words."""
    stats = {}
    for check in column.checks:
        stats.update(getattr(check, "statistics", {}) or {})
    if "allowed_values" in stats:
        return tr("one of: {values}", values=", ".join(map(str, stats["allowed_values"])))
    if "pattern" in stats:
        return period_expected()
    low, high = stats.get("min_value"), stats.get("max_value")
    if low is not None and high is not None:
        return tr("a number from {low} to {high}", low=_number_text(low),
                  high=_number_text(high))
    if low is not None:
        return tr("a number of at least {low}", low=_number_text(low))
    if high is not None:
        return tr("a number of at most {high}", high=_number_text(high))
    try:
        return str(column.checks[int(check_number)])
    except (TypeError, ValueError, IndexError):
        return tr("a valid value")


def _row(index) -> int | None:
    try:
        return int(index)
    except (TypeError, ValueError):
        return None


def _quote(value) -> str:
    return _number_text(value) if isinstance(value, numbers.Real) else shown(value)


def _number_text(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"

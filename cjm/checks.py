"""Checks on typed tables: each table's schema, then the references between tables and
`project.yaml` (stages, channels, personas, touchpoints, scales, shares)."""

from __future__ import annotations

import dataclasses
import difflib
import numbers

import pandas as pd
import pandera.pandas as pa

from .config import ProjectConfig
from .errors import Problem

PERIOD_TEXT = "a period such as 2026-H2, 2026-Q3 or 2026-11"
SCALED_COLUMNS = ("satisfaction", "effort", "importance", "emotion")


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
            message, expected = f"{column} is empty", "a value: this column is required"
        elif case.check == "field_uniqueness":
            first = first_row.setdefault((column, value), row)
            if first == row:
                continue
            message = f"{column} '{value}' is already used on row {first}"
            expected = "a unique id"
        else:
            message = f"{column} {_quote(value)} is not allowed"
            expected = _expected(schema.columns[column], case.check_number)
        problems.append(Problem(file, message, row=row, column=column, value=value,
                                expected=expected))
    return problems


def cross_problems(config: ProjectConfig, tables: dict[str, tuple[str, pd.DataFrame]]
                   ) -> list[Problem]:
    """Problems in references between tables and with `project.yaml`.

    `tables` maps a table name to (file name, typed frame indexed by Excel row).
    """
    problems: list[Problem] = []
    persona_ids = _ids(tables, "personas", "persona_id")
    touchpoint_ids = _ids(tables, "touchpoints", "touchpoint_id")
    stages = ("a stage of this project", config.stages)
    channels = ("a channel of this project", config.channels)
    personas = ("a persona_id of personas.csv", persona_ids)
    touchpoints = ("a touchpoint_id of touchpoints.csv", touchpoint_ids)
    references = {
        "personas": [("preferred_channels", channels)],
        "goals": [("persona_id", personas), ("stage", stages)],
        "touchpoints": [("stage", stages), ("channel", channels), ("personas", personas)],
        "evaluations": [("persona_id", personas), ("touchpoint_id", touchpoints)],
        "survey": [("touchpoint_id", touchpoints), ("persona_id", personas)],
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
    if "personas" in tables:
        problems += _shares(*tables["personas"])
    return problems


def _journal_kept(problems: list[Problem]) -> list[Problem]:
    """The journal's rows are never rewritten: a row that no longer fits (its touchpoint since
    removed, a scale since changed) is a warning, and the scores leave it out."""
    return [dataclasses.replace(p, severity="warning",
                                expected=f"{p.expected}; the row stays in the journal and is "
                                "left out of the scores") for p in problems]


def _ids(tables, table: str, column: str) -> list[str] | None:
    if table not in tables or column not in tables[table][1].columns:
        return None  # the table is unusable: its own problems are reported instead
    return list(dict.fromkeys(tables[table][1][column].dropna().astype(str)))


def _membership(frame: pd.DataFrame, column: str, allowed: list[str], file: str,
                what: str) -> list[Problem]:
    allowed_set = set(allowed)
    problems = []
    for row, cell in frame[column].items():
        values = cell if isinstance(cell, list) else [] if pd.isna(cell) else [cell]
        for value in values:
            if value in allowed_set:
                continue
            hint = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
            message = f"{column} '{value}' is not {what}"
            if hint:
                message += f"; did you mean '{hint[0]}'?"
            expected = f"one of: {', '.join(allowed)}" if allowed else "none defined yet"
            problems.append(Problem(file, message, row=row, column=column, value=value,
                                    expected=expected))
    return problems


def _in_scale(frame: pd.DataFrame, column: str, scale: tuple[int, int], file: str
              ) -> list[Problem]:
    if column not in frame.columns:
        return []
    low, high = scale
    values = frame[column]
    outside = values.notna() & ((values < low) | (values > high))
    return [Problem(file, f"{column} {_number_text(values[row])} is outside the project's "
                    f"{column} scale", row=row, column=column, value=values[row],
                    expected=f"a number from {low} to {high}, as set in project.yaml")
            for row in values.index[outside.fillna(False).astype(bool)]]


def _shares(file: str, frame: pd.DataFrame) -> list[Problem]:
    if "share" not in frame.columns:
        return []
    total = frame["share"].sum(skipna=True)
    if total <= 1.005:
        return []
    return [Problem(file, f"the personas' shares add up to {total:.0%}", column="share",
                    value=float(total), expected="at most 100 % of the customer base")]


def _expected(column: pa.Column, check_number) -> str:
    """What a failed check of `column` expected, in words."""
    stats = {}
    for check in column.checks:
        stats.update(getattr(check, "statistics", {}) or {})
    if "allowed_values" in stats:
        return f"one of: {', '.join(map(str, stats['allowed_values']))}"
    if "pattern" in stats:
        return PERIOD_TEXT
    low, high = stats.get("min_value"), stats.get("max_value")
    if low is not None and high is not None:
        return f"a number from {_number_text(low)} to {_number_text(high)}"
    if low is not None:
        return f"a number of at least {_number_text(low)}"
    if high is not None:
        return f"a number of at most {_number_text(high)}"
    try:
        return str(column.checks[int(check_number)])
    except (TypeError, ValueError, IndexError):
        return "a valid value"


def _row(index) -> int | None:
    try:
        return int(index)
    except (TypeError, ValueError):
        return None


def _quote(value) -> str:
    return _number_text(value) if isinstance(value, numbers.Real) else f"'{value}'"


def _number_text(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"

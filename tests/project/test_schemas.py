"""`cjm.project.schemas`: the pandera model of each table. Which tables and columns are
required, the type of each column, allowed values and ranges, period labels, unique ids, the
rules ids follow (they name files: no path separators, "..", control characters, at most 64
characters), and what validation says when a cell breaks one of them."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pandera.pandas as pa
import pytest

from cjm import validate_project
from cjm.project.schemas import (
    ACTION_STATUSES,
    DIRECTIONS,
    ID_COLUMNS,
    ID_LENGTH,
    LANES,
    OPTIONAL_TABLES,
    SOURCES,
    TABLES,
)

REQUIRED = {
    "personas": ["persona_id", "name"],
    "goals": ["persona_id", "stage", "goal"],
    "touchpoints": ["touchpoint_id", "stage", "channel", "name"],
    "evaluations": ["recorded_at", "period", "persona_id", "touchpoint_id"],
    "survey": ["response_id", "responded_at", "touchpoint_id"],
    "barometer": ["respondent_id", "responded_at", "nps"],
    "actions": ["action_id", "title"],
}
WHEN = pd.Timestamp("2026-03-01 10:00")
SMALLEST = {  # table -> one valid row of its required columns
    "personas": {"persona_id": "P1", "name": "Emma"},
    "goals": {"persona_id": "P1", "stage": "Buy", "goal": "Pay fast"},
    "touchpoints": {"touchpoint_id": "T1", "stage": "Buy", "channel": "Web", "name": "Checkout"},
    "evaluations": {"recorded_at": WHEN, "period": "2026-H1", "persona_id": "P1",
                    "touchpoint_id": "T1"},
    "survey": {"response_id": "R1", "responded_at": WHEN, "touchpoint_id": "T1"},
    "barometer": {"respondent_id": "B1", "responded_at": WHEN, "nps": 9},
    "actions": {"action_id": "A1", "title": "Guest checkout"},
}
ID_EXPECTED = ("(expected an id of at most 64 characters on one line, without / \\ .. | or "
               "control characters (such as P1, TP-07, checkout_app))")


def failing_rows(table: str, column: str, values: list, dtype=None) -> list[int]:
    """The rows of `values` the model refuses, as `column` of a table otherwise valid (its
    other ids repeat from row to row: their own failures are not counted)."""
    frame = pd.DataFrame({**{name: [value] * len(values) for name, value in
                             SMALLEST[table].items()},
                          column: pd.Series(values, dtype=dtype)})
    try:
        TABLES[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases[exc.failure_cases["column"] == column]
        return sorted(int(i) for i in cases["index"].dropna().unique())
    return []


def drop_column(path, column: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    at = table[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            [cell for i, cell in enumerate(row) if i != at] for row in table)


def test_the_tables_in_reading_order_and_their_required_columns():
    assert list(TABLES) == ["personas", "goals", "touchpoints", "evaluations", "survey",
                            "barometer", "actions"]
    assert sorted(OPTIONAL_TABLES) == ["barometer", "survey"]
    assert {name: [column for column, spec in model.to_schema().columns.items()
                   if spec.required] for name, model in TABLES.items()} == REQUIRED


@pytest.mark.parametrize(("table", "column"), [(table, column) for table, columns in
                                               REQUIRED.items() for column in columns])
def test_a_missing_required_column_is_named_with_the_columns_expected(mini, fixtures_dir, table,
                                                                      column):
    if table == "barometer":
        shutil.copy(fixtures_dir / "mini_barometer.csv", mini / "barometer.csv")
    drop_column(mini / f"{table}.csv", column)
    assert [str(p) for p in validate_project(mini)] == [
        f"{table}.csv:1: column '{column}' is missing (expected the columns "
        f"{', '.join(REQUIRED[table])})"]


def test_the_smallest_tables_are_valid_and_extra_columns_are_kept():
    for name, row in SMALLEST.items():
        frame = pd.DataFrame({**{column: [value] for column, value in row.items()},
                              "notes": ["an analyst's own column"]})
        assert list(TABLES[name].validate(frame).columns) == [*row, "notes"]


def test_cells_are_never_coerced_a_number_as_text_is_refused():
    frame = pd.DataFrame({**{column: [value] for column, value in SMALLEST["touchpoints"].items()},
                          "volume": pd.Series(["12"], dtype=object)})
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        TABLES["touchpoints"].validate(frame, lazy=True)
    cases = caught.value.failure_cases
    assert set(cases["column"]) == {"volume"} and "dtype('Int64')" in set(cases["check"])
    frame["volume"] = pd.Series([12], dtype="Int64")
    assert TABLES["touchpoints"].validate(frame)["volume"].tolist() == [12]


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("personas.csv", "Loyal,0.6,", "Loyal,lots,",
     "personas.csv:2: share 'lots' cannot be read (expected a number)"),
    ("touchpoints.csv", ",12000,", ",many,",
     "touchpoints.csv:2: volume 'many' cannot be read (expected a whole number)"),
    ("actions.csv", "account,4,3", "account,4.5,3",
     "actions.csv:2: impact '4.5' cannot be read (expected a whole number)"),
    ("evaluations.csv", "P1,T1,4,", "P1,T1,good,",
     "evaluations.csv:2: satisfaction 'good' cannot be read (expected a number)"),
    ("actions.csv", "2026-03-31", "end of March",
     "actions.csv:2: due 'end of March' cannot be read (expected a date such as 31/12/2026 or "
     "2026-12-31, from 1900 to 2199)"),
    ("survey.csv", "R1,2026-03-01T09:00:00", "R1,yesterday",
     "survey.csv:2: responded_at 'yesterday' cannot be read (expected a date such as "
     "31/12/2026 or 2026-12-31, from 1900 to 2199)"),
])
def test_each_column_is_read_as_its_type(edit, mini, file, old, new, message):
    edit(mini / file, old, new)
    assert [str(p) for p in validate_project(mini)] == [message]


@pytest.mark.parametrize(("table", "column", "allowed"), [
    ("touchpoints", "lane", ["customer", "front-stage", "back-stage", "support", "personal"]),
    ("touchpoints", "direction", ["inbound", "outbound"]),
    ("actions", "status", ["idea", "planned", "in-progress", "done", "dropped"]),
    ("evaluations", "source", ["workshop", "survey", "interview", "analytics"]),
])
def test_allowed_values(table, column, allowed):
    assert {"lane": LANES, "direction": DIRECTIONS, "status": ACTION_STATUSES,
            "source": SOURCES}[column] == allowed
    # allowed values and empty cells pass; case and spelling count
    values = [*allowed, None, allowed[0].upper(), f"{allowed[0]} "]
    assert failing_rows(table, column, values, dtype=object) == [len(allowed) + 1,
                                                                 len(allowed) + 2]


def test_an_unknown_direction_says_which_are_allowed(edit, mini):
    edit(mini / "touchpoints.csv", "lane\n", "lane,direction\n")
    edit(mini / "touchpoints.csv", ",front-stage\n", ",front-stage,incoming\n")
    assert [str(p) for p in validate_project(mini)] == [
        "touchpoints.csv:2: direction 'incoming' is not allowed (expected one of: inbound, "
        "outbound)"]


@pytest.mark.parametrize(("table", "column", "dtype", "values", "refused"), [
    ("personas", "share", "Float64", [0.0, 1.0, -0.01, 1.01], [2, 3]),
    ("personas", "digital_ease", "Int64", [1, 5, 0, 6], [2, 3]),
    ("touchpoints", "volume", "Int64", [0, 10**9, -1], [2]),
    ("survey", "csat", "Int64", [1, 5, 0, 6], [2, 3]),
    ("survey", "nps", "Int64", [0, 10, -1, 11], [2, 3]),
    ("survey", "ces", "Int64", [-50, 50], []),  # the project's effort scale checks it
    ("actions", "impact", "Int64", [1, 5, 0, 6], [2, 3]),
    ("actions", "cost", "Int64", [1, 5, 0, 6], [2, 3]),
    ("actions", "confidence", "Float64", [0.0, 1.0, -0.1, 1.5], [2, 3]),
    ("evaluations", "satisfaction", "Float64", [-100.0, 100.0], []),  # scales: project.yaml
])
def test_ranges_include_their_bounds(table, column, dtype, values, refused):
    assert failing_rows(table, column, [*values, None], dtype=dtype) == refused


@pytest.mark.parametrize(("table", "column"), [("evaluations", "period"),
                                               ("actions", "created_period")])
def test_periods_are_labels_from_1900_to_2199(table, column):
    good = ["2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "1900-H1",
            "2199-12"]
    bad = ["2026-H3", "2026-Q5", "2026-13", "2026-00", "2026-h1", "26-H1", "2026 H1",
           "1899-H2", "2200-H1", "H1-2026"]
    assert failing_rows(table, column, good + bad, dtype=object) == list(
        range(len(good), len(good) + len(bad)))


def test_a_wrong_period_says_what_a_period_looks_like(edit, mini):
    edit(mini / "actions.csv", ",2025-H2", ",2025 H2")
    assert [str(p) for p in validate_project(mini)] == [
        "actions.csv:2: created_period '2025 H2' is not allowed (expected a period label such "
        "as 2026-H2 (or 2026-S2), 2026-Q3 (or 2026-T3) or 2026-11, from 1900 to 2199)"]


@pytest.mark.parametrize(("table", "column", "unique"), [
    ("personas", "persona_id", True), ("touchpoints", "touchpoint_id", True),
    ("survey", "response_id", True), ("actions", "action_id", True),
    ("goals", "persona_id", False),  # a persona has a goal per stage
    ("evaluations", "touchpoint_id", False),  # the journal scores a touchpoint again
])
def test_ids_are_unique_in_the_table_that_declares_them(table, column, unique):
    # both rows fail the model; validation reports the second as "already used on row ..."
    assert failing_rows(table, column, ["X1", "X2", "X1"], dtype=object) == (
        [0, 2] if unique else [])


def test_required_columns_may_not_be_empty(edit, mini):
    assert failing_rows("goals", "goal", ["Pay fast", None], dtype=object) == [1]
    assert failing_rows("goals", "scenario", ["Lunch break", None], dtype=object) == []
    edit(mini / "goals.csv", "P1,Buy,Pay in one minute", "P1,Buy,")
    assert [str(p) for p in validate_project(mini)] == [
        "goals.csv:3: goal is empty (expected a value: this column is required)"]


def test_the_id_columns_are_the_first_column_of_the_table_declaring_them():
    assert sorted(ID_COLUMNS) == ["action_id", "persona_id", "respondent_id", "response_id",
                                  "touchpoint_id"]
    firsts = {name: next(iter(model.to_schema().columns)) for name, model in TABLES.items()}
    assert firsts == {"personas": "persona_id", "goals": "persona_id",
                      "touchpoints": "touchpoint_id", "evaluations": "recorded_at",
                      "survey": "response_id", "barometer": "respondent_id",
                      "actions": "action_id"}
    assert ID_LENGTH == 64


@pytest.mark.parametrize(("file", "old", "new", "why"), [
    ("actions.csv", "A1,Guest", "A" * 64 + ",Guest", None),
    ("actions.csv", "A1,Guest", "A" * 65 + ",Guest", "is 65 characters long"),
    ("actions.csv", "A1,Guest", "A/1,Guest", "contains a path separator (/ or \\)"),
    ("survey.csv", "R2,", "R\\2,", "contains a path separator (/ or \\)"),
    ("touchpoints.csv", "T5,", "T..5,", "contains '..'"),
    ("touchpoints.csv", "T5,", "..,", "contains '..'"),
    ("actions.csv", "A1,Guest", "A\x071,Guest", "contains a control character or a line break"),
    ("survey.csv", "R2,", "R\x1b2,", "contains a control character or a line break"),
])
def test_ids_must_be_able_to_name_a_file(edit, mini, file, old, new, why):
    edit(mini / file, old, new)
    problems = validate_project(mini)
    if why is None:
        assert problems == []
        return
    value = new.split(",")[0]
    row = {"actions.csv": 2, "survey.csv": 3, "touchpoints.csv": 6}[file]
    column = {"actions.csv": "action_id", "survey.csv": "response_id",
              "touchpoints.csv": "touchpoint_id"}[file]
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column, problems[0].value) == (row, column, value)
    assert problems[0].severity == "error"
    assert str(problems[0]).startswith(f"{file}:{row}: {column} ")
    assert str(problems[0]).endswith(f" {why} {ID_EXPECTED}")

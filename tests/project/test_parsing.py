import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.project.parsing import parse_table, split_list
from cjm.project.schemas import Actions, Personas, Survey, Touchpoints


def raw(**columns):
    size = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=range(2, 2 + size), dtype=object)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("3", 3.0), ("3,5", 3.5), ("3.5", 3.5), ("1 234,5", 1234.5), ("1.234,5", 1234.5),
     ("1,234.5", 1234.5), ("-0,5", -0.5), (",5", 0.5)],
)
def test_numbers_accept_decimal_commas_and_thousands(cell, value):
    typed, problems = parse_table(raw(action_id=["A1"], title=["t"], confidence=[cell]),
                                  Actions, "actions.csv")
    assert problems == [] or value > 1  # out of range is the schema's concern, not parsing
    assert typed.loc[2, "confidence"] == pytest.approx(value)


def test_unreadable_number_names_row_column_value_and_expectation():
    _, problems = parse_table(raw(action_id=["A1", "A2"], title=["t", "u"], impact=["3", "high"]),
                              Actions, "actions.csv")

    assert [str(p) for p in problems] == [
        "actions.csv:3: impact 'high' cannot be read (expected a whole number)"]
    assert (problems[0].row, problems[0].column, problems[0].value) == (3, "impact", "high")


def test_whole_numbers_refuse_fractions():
    _, problems = parse_table(raw(action_id=["A1"], title=["t"], cost=["2,5"]), Actions, "a.csv")
    assert problems[0].column == "cost"


@pytest.mark.parametrize(
    ("cells", "values"),
    [(["yes", "no"], [True, False]), (["Oui", "NON"], [True, False]),
     (["true", "false"], [True, False]), (["1", "0"], [True, False]), (["", "vrai"], [None, True])],
)
def test_booleans_in_english_and_french(cells, values):
    typed, problems = parse_table(
        raw(touchpoint_id=["T1", "T2"], stage=["S", "S"], channel=["C", "C"], name=["a", "b"],
            controlled=cells), Touchpoints, "touchpoints.csv")
    assert problems == []
    assert [None if pd.isna(v) else bool(v) for v in typed["controlled"]] == values


def test_dates_iso_and_day_first():
    typed, problems = parse_table(
        raw(action_id=["A1", "A2", "A3", "A4"], title=list("abcd"),
            due=["2026-12-31", "31/12/2026", "01/02/2026 14:30", "not a date"]),
        Actions, "actions.csv")

    assert typed["due"].tolist()[:3] == [pd.Timestamp("2026-12-31"), pd.Timestamp("2026-12-31"),
                                         pd.Timestamp("2026-02-01 14:30")]
    assert [str(p) for p in problems] == [
        "actions.csv:5: due 'not a date' cannot be read "
        "(expected a date such as 31/12/2026 or 2026-12-31, from 1900 to 2199)"]


def test_share_as_percent_is_read_as_a_fraction():
    typed, _ = parse_table(raw(persona_id=["P1", "P2"], name=["a", "b"], share=["35 %", "20%"]),
                           Personas, "personas.csv")
    assert typed["share"].tolist() == pytest.approx([0.35, 0.20])


def test_share_column_in_whole_percent_is_read_as_fractions():
    typed, _ = parse_table(raw(persona_id=["P1", "P2"], name=["a", "b"], share=["35", "20"]),
                           Personas, "personas.csv")
    assert typed["share"].tolist() == pytest.approx([0.35, 0.20])


def test_missing_required_column_is_reported_on_the_header_row():
    _, problems = parse_table(raw(persona_id=["P1"]), Personas, "personas.csv")
    assert [str(p) for p in problems] == [
        "personas.csv:1: column 'name' is missing (expected the columns persona_id, name)"]


def test_optional_columns_are_added_empty_with_their_type():
    typed, _ = parse_table(raw(persona_id=["P1"], name=["a"]), Personas, "personas.csv")
    assert str(typed["digital_ease"].dtype) == "Int64"
    assert typed.loc[2, "preferred_channels"] == []


def test_split_list():
    assert split_list(" Website | E-mail ||") == ["Website", "E-mail"]
    assert split_list(None) == []


def test_numbers_too_large_for_any_count_are_refused_not_crashed():
    huge = "9" * 23
    _, problems = parse_table(raw(touchpoint_id=["T1", "T2", "T3"], stage=["Buy"] * 3,
                                  channel=["Web"] * 3, name=["a", "b", "c"],
                                  volume=[huge, "1e999", "inf"]),
                              Touchpoints, "touchpoints.csv")
    assert [str(p) for p in problems] == [
        f"touchpoints.csv:2: volume '{huge}' is too large (expected a whole number of at most "
        "15 digits)",
        "touchpoints.csv:3: volume '1e999' cannot be read (expected a whole number)",
        "touchpoints.csv:4: volume 'inf' cannot be read (expected a whole number)"]


def test_timestamps_with_an_offset_are_converted_to_utc():
    typed, problems = parse_table(
        raw(response_id=["R1", "R2", "R3", "R4"], touchpoint_id=["T1"] * 4,
            responded_at=["2026-06-30T23:30:00+02:00", "2026-01-01T00:10:00Z",
                          "2026-03-01 08:00", "2026-03-01T08:00:00.5-05:00"]),
        Survey, "survey.csv")
    assert problems == []
    assert typed["responded_at"].tolist() == [
        pd.Timestamp("2026-06-30 21:30"), pd.Timestamp("2026-01-01 00:10"),
        pd.Timestamp("2026-03-01 08:00"), pd.Timestamp("2026-03-01 13:00:00.5")]


def test_confidence_may_be_written_as_a_percent():
    typed, problems = parse_table(raw(action_id=["A1", "A2", "A3"], title=["t"] * 3,
                                      confidence=["70 %", "0,8", "45%"]),
                                  Actions, "actions.csv")
    assert problems == []
    assert typed["confidence"].tolist() == pytest.approx([0.7, 0.8, 0.45])


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_any_text_in_any_typed_column_is_read_or_reported(cells):
    """Whatever is in a cell, parsing gives a typed value or a Problem quoting the cell."""
    size = len(cells)
    frame = raw(response_id=[f"R{i}" for i in range(size)], responded_at=cells,
                touchpoint_id=["T1"] * size, csat=cells, nps=list(reversed(cells)))
    typed, problems = parse_table(frame, Survey, "survey.csv")
    assert len(typed) == size
    for problem in problems:
        assert problem.file == "survey.csv" and problem.row in frame.index
        assert problem.column in ("responded_at", "csat", "nps")


@pytest.mark.parametrize("cell", ["0000-01-01", "9999-12-31", "31/12/9999",
                                  "1500-11-17T10:50:30", "0001-07-01T08:21:51"])
def test_dates_beyond_1900_to_2199_are_reported_not_crashed(cell):
    _, problems = parse_table(raw(action_id=["A1"], title=["t"], due=[cell]), Actions,
                              "actions.csv")
    assert [str(p) for p in problems] == [
        f"actions.csv:2: due '{cell}' cannot be read (expected a date such as 31/12/2026 or "
        "2026-12-31, from 1900 to 2199)"]


@pytest.mark.parametrize(("cell", "value"), [("420,000", 420_000), ("420.000", 420_000),
                                             ("1,234,567", 1_234_567), ("12 500", 12_500)])
def test_thousands_separators_in_whole_numbers(cell, value):
    typed, problems = parse_table(raw(touchpoint_id=["T1"], stage=["Buy"], channel=["Web"],
                                      name=["a"], volume=[cell]), Touchpoints,
                                  "touchpoints.csv")
    assert problems == [] and typed.loc[2, "volume"] == value


@pytest.mark.parametrize(("column", "cells", "values"), [
    ("status", ["En cours", "planifiée", "FAITE", "Abandonnée", "idée", "In progress", "done"],
     ["in-progress", "planned", "done", "dropped", "idea", "in-progress", "done"]),
    ("source", ["Atelier", "enquête", "Entretien", "analytique", "survey"],
     ["workshop", "survey", "interview", "analytics", "survey"]),
    ("lane", ["Front-office", "back office", "Support", "front_stage"],
     ["front-stage", "back-stage", "support", "front-stage"]),
    ("direction", ["Entrant", "SORTANT", "inbound"], ["inbound", "outbound", "inbound"]),
    ("period", ["2026-S1", "2025-s2", "2026-T3", "2026-h1", "2026-11"],
     ["2026-H1", "2025-H2", "2026-Q3", "2026-H1", "2026-11"]),
])
def test_french_and_loosely_written_words_are_read_as_cjm_writes_them(column, cells, values):
    from cjm.project.schemas import Evaluations

    model = {"status": Actions, "lane": Touchpoints, "direction": Touchpoints}.get(
        column, Evaluations)
    typed, problems = parse_table(raw(**{column: cells}), model, "t.csv")
    assert typed[column].tolist() == values
    assert not [p for p in problems if p.column == column]


def test_an_unknown_word_is_kept_for_the_schema_to_refuse():
    typed, _ = parse_table(raw(status=["peut-être"]), Actions, "actions.csv")
    assert typed["status"].tolist() == ["peut-être"]

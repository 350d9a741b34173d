import pandas as pd
import pytest

from cjm.parsing import parse_table, split_list
from cjm.schemas import Actions, Personas, Touchpoints


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
        "(expected a date such as 31/12/2026 or 2026-12-31)"]


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

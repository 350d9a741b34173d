"""barometer.csv: wide as survey tools export it, read as tolerantly as every table, every
column and value checked."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from cjm import load_project
from cjm.cli import main
from cjm.project.model import validate_project

sys.path.insert(0, str(Path(__file__).parents[1]))
from barometer_data import planted, write  # noqa: E402


@pytest.fixture
def frame():
    data, _ = planted({"T3": 0.8, "T5": 0.4, "T1": 0.2}, 120, seed=21, personas=("P1", "P2"))
    return data


def problems_of(folder: Path, file: str = "barometer.csv"):
    return [p for p in validate_project(folder) if p.file == file]


def test_a_barometer_loads_with_one_number_column_per_touchpoint(mini, frame):
    write(frame, mini)
    barometer = load_project(mini).barometer
    assert len(barometer) == 120
    assert [c for c in barometer.columns if c.startswith("T")] == ["T3", "T5", "T1"]
    assert str(barometer["T3"].dtype) == "Float64" and str(barometer["nps"].dtype) == "Int64"
    assert barometer["T3"].isna().any()  # not rated stays empty
    assert problems_of(mini) == []


def test_french_excel_and_xlsx_read_the_same(mini, frame, tmp_path):
    write(frame, mini)
    expected = load_project(mini).barometer
    write(frame, mini, french=True)
    assert b";" in (mini / "barometer.csv").read_bytes().splitlines()[0]
    pd.testing.assert_frame_equal(load_project(mini).barometer, expected)
    (mini / "barometer.csv").unlink()
    frame.to_excel(mini / "barometer.xlsx", index=False)
    loaded = load_project(mini).barometer
    pd.testing.assert_frame_equal(loaded[expected.columns], expected, check_dtype=False)


def test_headers_match_touchpoint_ids_as_every_header_is_read(mini, frame):
    write(frame.rename(columns={"T3": " t3 ", "NPS": "nps"}).rename(
        columns={"respondent_id": "Respondent ID"}), mini)
    barometer = load_project(mini).barometer
    assert "T3" in barometer.columns and "respondent_id" in barometer.columns


def test_a_misspelt_touchpoint_column_is_an_error_with_the_id_meant(mini, frame):
    write(frame.rename(columns={"T5": "T55"}), mini)
    (problem,) = problems_of(mini)
    assert problem.severity == "error" and problem.row == 1 and problem.column == "t55"
    assert "is not a touchpoint_id; did you mean 'T5'?" in problem.message
    assert "T1, T2, T3" in problem.expected


def test_a_column_of_the_survey_tool_is_left_out_with_a_warning(mini, frame):
    write(frame.assign(region="North"), mini)
    (problem,) = problems_of(mini)
    assert problem.severity == "warning" and problem.column == "region"
    assert "left out of the key drivers" in problem.message
    assert "region" not in load_project(mini).barometer.columns


@pytest.mark.parametrize(("column", "value", "words", "expected"), [
    ("T3", "7", "outside the project's satisfaction scale", "a number from 1 to 5"),
    ("T3", "5.0000001", "T3 5.0000001 is outside", "a number from 1 to 5"),
    ("T3", "good", "cannot be read", "on the satisfaction scale, from 1 to 5"),
    ("nps", "11", "is not allowed", "a number from 0 to 10"),
    ("responded_at", "yesterday", "cannot be read", "a date such as"),
])
def test_a_bad_cell_names_its_row_column_value_and_what_was_expected(mini, frame, column,
                                                                     value, words, expected):
    data = frame.astype(object)
    data.loc[4, column] = value
    write(data, mini)
    (problem,) = [p for p in problems_of(mini) if p.severity == "error"]
    assert (problem.row, problem.column) == (6, column)  # header is row 1, frame row 4 is 6
    numeric = value.replace(".", "", 1).isdigit()
    assert str(problem.value) in (value, str(float(value)) if numeric else value)
    assert words in problem.message and expected in problem.expected


def test_ids_and_references_are_checked(mini, frame):
    data = frame.copy()
    data.loc[3, "respondent_id"] = data.loc[2, "respondent_id"]
    data.loc[7, "persona_id"] = "P9"
    write(data, mini)
    found = {(p.row, p.column, p.code) for p in problems_of(mini)}
    assert (5, "respondent_id", "duplicate") in found
    assert (9, "persona_id", "unknown_reference") in found


def test_nps_is_required(mini, frame):
    write(frame.drop(columns="nps"), mini)
    (problem,) = problems_of(mini)
    assert "column 'nps' is missing" in problem.message


def test_validate_refuses_a_bad_barometer_and_names_it(mini, frame, capsys):
    data = frame.astype(object)
    data.loc[0, "T1"] = "9"
    write(data, mini)
    assert main(["validate", str(mini)]) == 1
    err = capsys.readouterr().err
    assert "barometer.csv:2: T1 9 is outside" in err
    assert "Traceback" not in err

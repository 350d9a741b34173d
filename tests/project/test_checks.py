"""Cell checks: ids that could not name a file, names that span lines, control characters."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.project.checks import cell_problems
from cjm.project.model import validate_project
from cjm.project.writers import file_in


def typed(**columns) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    return pd.DataFrame({name: pd.Series(values, dtype="string") for name, values in
                         columns.items()}).set_axis(range(2, 2 + size))


@pytest.mark.parametrize(("value", "why"), [
    ("x/../../../../tmp/out", "contains a path separator (/ or \\)"),
    ("a/b", "contains a path separator (/ or \\)"),
    ("a\\b", "contains a path separator (/ or \\)"),
    ("..", "contains '..'"),
    ("P1..P2", "contains '..'"),
    ("P" * 300, "is 300 characters long"),
    ("P1\nP2", "contains a control character or a line break"),
    ("P\x00", "contains a control character or a line break"),
    ("P\u202e1", "contains a control character or a line break"),
    ("P1|P2", "contains '|', which separates ids in lists"),
    ("P\u200d1", "contains an invisible character (U+200D)"),
    ("\ufeffP1", "contains an invisible character (U+FEFF)"),
])
def test_unsafe_ids_are_refused(value, why):
    problems = cell_problems(typed(persona_id=["P0", value]), "personas.csv")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.row, problem.column, problem.value) == (3, "persona_id", value)
    assert why in problem.message
    assert problem.expected.startswith("an id of at most 64 characters on one line")


def test_names_are_one_line_and_free_text_has_no_control_characters():
    problems = cell_problems(typed(name=["Emma", "Emma\nthe mobile native", "Bob\x1b[2J"],
                                   description=["line one\nline two", "tab\there", "bell\x07"]),
                             "personas.csv")
    assert [str(p) for p in problems] == [
        "personas.csv:3: name 'Emma\\nthe mobile native' spans several lines (expected text "
        "on one line)",
        "personas.csv:4: name 'Bob\\x1b[2J' contains a control character (U+001B) (expected "
        "text on one line)",
        "personas.csv:4: description 'bell\\x07' contains a control character (U+0007) "
        "(expected printable text)"]


@settings(max_examples=500, deadline=None)
@given(value=st.text(min_size=1, max_size=80))
def test_an_id_that_passes_always_names_a_file_inside_its_folder(tmp_path_factory, value):
    folder = tmp_path_factory.getbasetemp() / "figures"
    if not cell_problems(typed(touchpoint_id=[value]), "touchpoints.csv"):
        path = file_in(folder, f"journey_map_{value}.png")
        assert path.parent == folder and path.resolve().parent == folder.resolve()


@pytest.mark.parametrize(("table", "old", "new", "row"), [
    ("personas.csv", "P2,Store visitor", "p1,Store visitor", 3),
    ("touchpoints.csv", "T2,Discover", "t 1,Discover", 3),
])
def test_an_id_spelt_two_ways_is_an_error_with_its_twin(edit, mini, table, old, new, row):
    edit(mini / table, old, new)
    found = [p for p in validate_project(mini) if p.code == "duplicate"]
    assert len(found) == 1
    assert (found[0].file, found[0].row) == (table, row)
    assert "one id spelt two ways; did you mean" in found[0].message


def test_ids_differing_by_a_letter_or_digit_are_different_ids(edit, mini):
    edit(mini / "touchpoints.csv", "T2,Discover", "T1a,Discover")
    assert not [p for p in validate_project(mini) if p.code == "duplicate"]

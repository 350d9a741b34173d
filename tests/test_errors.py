"""Problems as the analyst reads them: one line per problem, many rows in one line."""

from cjm.errors import Problem, closest, grouped, row_ranges, rows_text, shown


def test_a_problem_names_file_row_value_and_expectation():
    problem = Problem("goals.csv", "stage 'Achats' is not a stage of this project", row=7,
                      column="stage", value="Achats", expected="one of: Buy, Receive")
    assert str(problem) == ("goals.csv:7: stage 'Achats' is not a stage of this project "
                            "(expected one of: Buy, Receive)")
    warning = Problem("events.csv", "3 events have an empty timestamp", severity="warning")
    assert str(warning) == "events.csv: warning: 3 events have an empty timestamp"


def test_one_problem_on_many_rows_is_one_line_that_counts_them():
    same = [Problem("evaluations.csv", "touchpoint_id 'TP99' is not a touchpoint_id", row=row,
                    column="touchpoint_id", severity="warning") for row in [*range(2, 42), 57]]
    other = Problem("evaluations.csv", "touchpoint_id 'TP98' is not a touchpoint_id", row=3,
                    column="touchpoint_id", severity="warning")
    merged = grouped([*same[:20], other, *same[20:]])
    assert [str(p) for p in merged] == [
        "evaluations.csv: rows 2-41, 57: warning: touchpoint_id 'TP99' is not a touchpoint_id "
        "(41 rows)",
        "evaluations.csv:3: warning: touchpoint_id 'TP98' is not a touchpoint_id"]
    assert merged[0].row == 2 and len(merged[0].rows) == 41


def test_row_ranges_are_short():
    assert row_ranges([7, 2, 3, 4, 9, 10]) == "2-4, 7, 9-10"
    assert row_ranges(range(2, 200, 2), limit=3) == "2, 4, 6, ..."
    assert rows_text([5]) == "row 5" and rows_text([5, 6]) == "rows 5-6"


def test_values_are_quoted_without_sending_control_characters_to_a_terminal():
    assert shown("Achats") == "'Achats'"
    assert shown("red\x1b[31m") == "'red\\x1b[31m'"
    assert shown("a\nb") == "'a\\nb'"
    assert shown("x" * 200).endswith("…'") and len(shown("x" * 200)) == 82


def test_closest_forgives_case_accents_spaces_and_typos():
    stages = ["Découverte", "Achat", "Service après-vente"]
    assert closest("decouverte", stages) == "Découverte"
    assert closest("Service apres vente", stages) == "Service après-vente"
    assert closest("Achta", stages) == "Achat"
    assert closest("Livraison", stages) is None

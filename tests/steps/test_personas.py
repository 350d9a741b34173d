"""Step 1: persona checks and shares, on the mini fixture (stages Discover, Buy, Receive)."""

import pandas as pd
import pytest

from cjm import load_project
from cjm.steps.personas import CHECK_COLUMNS, SHARE_COLUMNS, persona_checks, share_table


def test_the_mini_personas_are_complete(mini):
    checks = persona_checks(load_project(mini))

    assert list(checks.columns) == CHECK_COLUMNS
    assert checks.empty


def test_every_finding_is_one_row(edit, mini):
    # P3 has no goal, no channel, no share; once T1 and T6 (the "all personas" touchpoints)
    # are limited to P1|P2, no touchpoint applies to P3 either. P2 loses its Buy goal.
    with open(mini / "personas.csv", "a", encoding="utf-8") as handle:
        handle.write("P3,Newcomer,,,,,,,\n")
    edit(mini / "touchpoints.csv", "yes,no,,12000", "yes,no,P1|P2,12000")
    edit(mini / "touchpoints.csv", "yes,no,,400", "yes,no,P1|P2,400")
    edit(mini / "goals.csv", "P2,Buy,Buy with advice,Birthday gift,A seller who listens\n", "")

    checks = persona_checks(load_project(mini))

    assert checks.values.tolist() == [
        ["P2", "Store visitor", "missing_goals", "no goal at: Buy"],
        ["P3", "Newcomer", "no_goals", "no goal at any stage"],
        ["P3", "Newcomer", "no_preferred_channel", "no preferred channel given"],
        ["P3", "Newcomer", "no_touchpoint", "no touchpoint applies to this persona"],
        ["P3", "Newcomer", "no_share", "share of the customer base not given"],
    ]


def test_share_table_adds_the_customers_no_persona_describes(mini):
    table = share_table(load_project(mini))

    # 0.6 + 0.3 = 0.9 -> 0.1 left for the other customers
    assert list(table.columns) == SHARE_COLUMNS
    assert table["name"].tolist() == ["Online regular", "Store visitor", "(other customers)"]
    assert table["share"].tolist() == pytest.approx([0.6, 0.3, 0.1])
    assert table["digital_ease"].tolist()[:2] == [5, 2]
    assert pd.isna(table.loc[2, "persona_id"]) and pd.isna(table.loc[2, "digital_ease"])


def test_share_table_sorts_largest_first_and_unknown_shares_last(edit, mini):
    edit(mini / "personas.csv", "Loyal,0.6,", "Loyal,0.2,")
    with open(mini / "personas.csv", "a", encoding="utf-8") as handle:
        handle.write("P3,Newcomer,,,,,,,\n")

    table = share_table(load_project(mini))

    # known shares 0.3 + 0.2 = 0.5 -> remainder 0.5
    assert table["persona_id"].tolist()[:3] == ["P2", "P1", "P3"]
    assert table["share"].tolist()[:2] == pytest.approx([0.3, 0.2])
    assert table.loc[3, "name"] == "(other customers)"
    assert table.loc[3, "share"] == pytest.approx(0.5)


def test_no_remainder_row_when_shares_add_up_to_one(edit, mini):
    edit(mini / "personas.csv", "Senior,0.3,", "Senior,0.4,")

    assert share_table(load_project(mini))["persona_id"].tolist() == ["P1", "P2"]


def test_blank_project_gives_empty_frames(blank_project):
    for frame, columns in [(persona_checks(blank_project), CHECK_COLUMNS),
                           (share_table(blank_project), SHARE_COLUMNS)]:
        assert frame.empty
        assert list(frame.columns) == columns

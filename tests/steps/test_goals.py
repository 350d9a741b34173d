"""Step 2: the goals grid, coverage and scenarios, on the mini fixture."""

import pandas as pd
import pytest

from cjm import UsageError, load_project
from cjm.steps.goals import (
    GAP_COLUMNS,
    SCENARIO_COLUMNS,
    coverage,
    coverage_gaps,
    goals_grid,
    scenarios,
)

STAGES = ["Discover", "Buy", "Receive"]
P2_BUY = "P2,Buy,Buy with advice,Birthday gift,A seller who listens\n"


def test_goals_grid_is_personas_by_stages(mini):
    grid = goals_grid(load_project(mini))

    assert grid.index.tolist() == ["Online regular", "Store visitor"]
    assert grid.columns.tolist() == STAGES
    assert grid.loc["Online regular"].tolist() == [
        "Find the new collection", "Pay in one minute", "Get the parcel on time"]
    assert grid.loc["Store visitor", "Buy"] == "Buy with advice"


def test_goals_grid_joins_several_goals_and_leaves_gaps_empty(edit, mini):
    with open(mini / "goals.csv", "a", encoding="utf-8") as handle:
        handle.write("P1,Buy,Use a promo code,,\n")
    edit(mini / "goals.csv", P2_BUY, "")

    grid = goals_grid(load_project(mini))

    assert grid.loc["Online regular", "Buy"] == "Pay in one minute / Use a promo code"
    assert grid.loc["Store visitor", "Buy"] == ""


def test_goals_grid_of_another_field(mini):
    grid = goals_grid(load_project(mini), field="expectation")

    assert grid.loc["Store visitor"].tolist() == [
        "Printed leaflet", "A seller who listens", "No waiting"]


def test_goals_grid_refuses_an_unknown_field(mini):
    with pytest.raises(UsageError, match="`field` must be 'goal', 'scenario' or "
                                         "'expectation', not 'mood'"):
        goals_grid(load_project(mini), field="mood")


def test_coverage_counts_goals(edit, mini):
    with open(mini / "goals.csv", "a", encoding="utf-8") as handle:
        handle.write("P1,Buy,Use a promo code,,\n")
    edit(mini / "goals.csv", P2_BUY, "")

    counts = coverage(load_project(mini))

    assert counts.columns.tolist() == STAGES
    assert counts.loc["Online regular"].tolist() == [1, 2, 1]
    assert counts.loc["Store visitor"].tolist() == [1, 0, 1]


def test_coverage_gaps_lists_each_persona_and_stage_without_a_goal(edit, mini):
    project = load_project(mini)
    assert coverage_gaps(project).empty
    edit(mini / "goals.csv", P2_BUY, "")
    edit(mini / "goals.csv", "P1,Receive,Get the parcel on time,Gift for a birthday,"
                             "Tracking link\n", "")

    gaps = coverage_gaps(load_project(mini))

    assert list(gaps.columns) == GAP_COLUMNS
    assert gaps.astype(str).values.tolist() == [["P1", "Online regular", "Receive"],
                                                ["P2", "Store visitor", "Buy"]]


def test_scenarios_keep_rows_with_a_scenario_or_an_expectation(edit, mini):
    edit(mini / "goals.csv", "Take the item home,Same day,No waiting",
         "Take the item home,,")
    edit(mini / "goals.csv", "Pay in one minute,Repeat order,Saved card",
         "Pay in one minute,,Saved card")

    table = scenarios(load_project(mini))

    assert list(table.columns) == SCENARIO_COLUMNS
    # 6 goals, P2/Receive has neither -> 5 rows, in persona then stage order
    assert table[["persona_id", "stage"]].astype(str).values.tolist() == [
        ["P1", "Discover"], ["P1", "Buy"], ["P1", "Receive"], ["P2", "Discover"], ["P2", "Buy"]]
    assert table.loc[1, "expectation"] == "Saved card"
    assert pd.isna(table.loc[1, "scenario"])
    assert table.loc[0, "name"] == "Online regular"


def test_blank_project_gives_empty_frames(blank_project):
    for frame in (goals_grid(blank_project), coverage(blank_project)):
        assert frame.empty
        assert frame.columns.tolist() == blank_project.stages
    gaps, found = coverage_gaps(blank_project), scenarios(blank_project)
    assert list(gaps.columns) == GAP_COLUMNS and gaps.empty
    assert list(found.columns) == SCENARIO_COLUMNS and found.empty

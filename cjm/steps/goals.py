"""Step 2, goals: each persona's goal, scenario and expectation at each stage, and the gaps."""

from __future__ import annotations

import pandas as pd

from ..errors import ArgumentError
from ..messages import tr

FIELDS = ("goal", "scenario", "expectation")
GAP_COLUMNS = ["persona_id", "name", "stage"]
SCENARIO_COLUMNS = ["persona_id", "name", "stage", "scenario", "expectation"]


def goals_grid(project, field: str = "goal") -> pd.DataFrame:
    """Personas (rows, by name, in persona order) by stages (columns, in stage order).

    Each cell holds the persona's `field` ("goal", "scenario" or "expectation") at that stage,
    several joined with " / ", or an empty string when there is none.
    """
    if field not in FIELDS:
        raise ArgumentError(tr("`field` must be 'goal', 'scenario' or 'expectation', not {field}",
                               field=repr(field)))
    goals = project.goals.dropna(subset=[field])
    cells = goals.groupby(["persona_id", "stage"], observed=True)[field].agg(" / ".join)
    grid = cells.unstack("stage") if len(cells) else pd.DataFrame()
    grid = grid.reindex(index=project.personas["persona_id"], columns=project.stages)
    return _by_name(grid.astype(object).fillna(""), project)


def coverage(project) -> pd.DataFrame:
    """Personas (rows, by name) by stages: how many goals each persona has at each stage."""
    return _by_name(_counts(project), project)


def coverage_gaps(project) -> pd.DataFrame:
    """One row per persona and stage without any goal, in persona and stage order."""
    counts = _counts(project)
    names = dict(zip(project.personas["persona_id"], project.personas["name"], strict=True))
    rows = [(persona_id, names[persona_id], stage)
            for persona_id, row in counts.iterrows() for stage in project.stages if not row[stage]]
    frame = pd.DataFrame(rows, columns=GAP_COLUMNS)
    return frame.assign(stage=pd.Categorical(frame["stage"], categories=project.stages,
                                             ordered=True))


def scenarios(project) -> pd.DataFrame:
    """Goals rows with a scenario or an expectation, with the persona's name, in persona and
    stage order."""
    goals = project.goals.dropna(subset=["scenario", "expectation"], how="all")
    names = project.personas[["persona_id", "name"]]
    frame = goals.merge(names, on="persona_id", how="inner")
    order = {persona_id: i for i, persona_id in enumerate(names["persona_id"])}
    frame = frame.assign(_order=frame["persona_id"].map(order)).sort_values(
        ["_order", "stage"], kind="stable")
    return frame[SCENARIO_COLUMNS].reset_index(drop=True)


def _counts(project) -> pd.DataFrame:
    """Goal counts, persona ids (rows, persona order) by stages."""
    cells = project.goals.groupby(["persona_id", "stage"], observed=True).size()
    grid = cells.unstack("stage") if len(cells) else pd.DataFrame()
    grid = grid.reindex(index=project.personas["persona_id"], columns=project.stages)
    grid = grid.fillna(0).astype("int64")
    grid.columns = pd.Index(project.stages, name="stage", dtype=object)
    return grid


def _by_name(grid: pd.DataFrame, project) -> pd.DataFrame:
    grid.index = pd.Index(list(project.personas["name"]), name="persona", dtype=object)
    grid.columns = pd.Index(project.stages, name="stage", dtype=object)
    return grid

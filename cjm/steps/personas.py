"""Step 1, personas: what is still missing about them, and their share of the customer base."""

from __future__ import annotations

import pandas as pd

from ..labels import label
from .touchpoints import applies_to

CHECK_COLUMNS = ["persona_id", "name", "check", "detail"]
SHARE_COLUMNS = ["persona_id", "name", "share", "digital_ease"]


def persona_checks(project) -> pd.DataFrame:
    """One row per finding, in persona order.

    `check` is one of: `no_goals` (no goal at any stage), `missing_goals` (no goal at some
    stages, listed in `detail`), `no_preferred_channel`, `no_touchpoint` (no touchpoint
    applies to the persona) and `no_share` (its share of the customer base is not given).
    """
    rows = [(persona.persona_id, persona.name, check, detail)
            for persona in project.personas.itertuples(index=False)
            for check, detail in _findings(project, persona)]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def share_table(project) -> pd.DataFrame:
    """Personas by share of the customer base, largest first (unknown shares last).

    When the known shares sum below 1, a last row `(other customers)` holds the remainder:
    customers no persona describes (and personas whose share is not given).
    """
    table = project.personas[SHARE_COLUMNS].sort_values(
        "share", ascending=False, na_position="last", kind="stable")
    known = table["share"].dropna()
    remainder = round(1 - float(known.sum()), 10)
    if len(known) and remainder > 0:
        other = pd.DataFrame({"persona_id": [pd.NA],
                              "name": [label("other_customers", project.config.language)],
                              "share": [remainder], "digital_ease": [pd.NA]})
        table = pd.concat([table, other.astype(table.dtypes.to_dict())])
    return table.reset_index(drop=True)


def _findings(project, persona):
    """(check, detail) pairs for one persona."""
    goals = project.goals
    stages = set(goals.loc[goals["persona_id"] == persona.persona_id, "stage"].dropna())
    missing = [stage for stage in project.stages if stage not in stages]
    language = project.config.language
    if not stages:
        yield "no_goals", label("no_goals", language)
    elif missing:
        yield "missing_goals", label("missing_goals", language).format(stages=", ".join(missing))
    if not isinstance(persona.preferred_channels, list) or not persona.preferred_channels:
        yield "no_preferred_channel", label("no_preferred_channel", language)
    if not applies_to(project.touchpoints, persona.persona_id).any():
        yield "no_touchpoint", label("no_touchpoint", language)
    if pd.isna(persona.share):
        yield "no_share", label("no_share", language)

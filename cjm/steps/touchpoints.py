"""Step 3, touchpoints: the inventory by stage and channel, its owners, gaps and duplicates.

A touchpoint applies to the personas listed in its `personas` column, or to every persona when
the list is empty. The inventory's counts and volumes, missing and redundant touchpoints are
those of the current journey: customer-facing touchpoints (lane front-stage or empty) that
exist today. Back-stage work and support processes are not ways for a customer to reach the
company, customer actions and personal moments are not the company's contacts, a touchpoint
an open action introduces does not exist yet and one a finished action retired no longer
does. Redundancy is also limited to touchpoints the company controls (`controlled` not "no"):
only those can be merged.

With no touchpoints, every function returns an empty frame with its usual columns.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ..errors import ArgumentError
from ..labels import label
from ..messages import tr

CUSTOMER_FACING_LANES = {"front-stage"}
MISSING_COLUMNS = ["persona_id", "name", "stage", "channel"]
REDUNDANCY_COLUMNS = ["stage", "channel", "touchpoint_a", "name_a", "touchpoint_b", "name_b",
                      "personas"]
SILO_COLUMNS = ["stage", "owners", "owner_names"]
VOLUME_COLUMNS = ["stage", "touchpoints", "volume", "share_of_volume"]
MEASURED_COLUMNS = ["touchpoint_id", "name", "stage", "channel", "volume", "events",
                    "customers", "reach", "finding"]


def applies_to(touchpoints: pd.DataFrame, persona_id: str) -> pd.Series:
    """True for each touchpoint that applies to `persona_id` (an empty list = all personas)."""
    return touchpoints["personas"].map(lambda ids: not ids or persona_id in ids).astype(bool)


def customer_facing(touchpoints: pd.DataFrame) -> pd.DataFrame:
    """The touchpoints a customer meets: lane front-stage or not given."""
    lane = touchpoints["lane"]
    return touchpoints[lane.isna() | lane.isin(CUSTOMER_FACING_LANES)]


CLOSED_STATUSES = {"done", "dropped"}


def _effects(project, effect: str) -> pd.DataFrame:
    actions = project.actions
    if "effect" not in actions.columns:
        return actions.iloc[0:0]
    return actions[actions["effect"].eq(effect).fillna(False).astype(bool)
                   & actions["status"].ne("dropped").fillna(True).astype(bool)]


def planned_ids(project) -> set[str]:
    """Touchpoints that open actions introduce: not there yet (only on the future map)."""
    introducing = _effects(project, "introduces")
    return set(introducing.loc[introducing["status"].ne("done").fillna(True).astype(bool),
                               "touchpoint_id"].dropna())


def retired_ids(project, done: bool = True) -> set[str]:
    """Touchpoints that actions retire: those done (`done=True`: gone today), or those still
    to do (`done=False`: gone on the future map)."""
    retiring = _effects(project, "retires")
    finished = retiring["status"].eq("done").fillna(False).astype(bool)
    return set(retiring.loc[finished if done else ~finished, "touchpoint_id"].dropna())


def current_journey(project) -> pd.DataFrame:
    """The touchpoints a customer meets today: customer-facing, neither introduced by an
    action still to do nor retired by one done."""
    touchpoints = customer_facing(project.touchpoints)
    gone = planned_ids(project) | retired_ids(project)
    return touchpoints[~touchpoints["touchpoint_id"].isin(gone)]


def future_journey(project) -> pd.DataFrame:
    """The touchpoints of the journey as it should be, with `change`: "new" for those open
    actions introduce, "retired" for those open actions retire (kept to show the change),
    else empty."""
    touchpoints = customer_facing(project.touchpoints)
    touchpoints = touchpoints[~touchpoints["touchpoint_id"].isin(retired_ids(project))].copy()
    change = pd.Series(pd.NA, index=touchpoints.index, dtype=object)
    change[touchpoints["touchpoint_id"].isin(planned_ids(project))] = "new"
    change[touchpoints["touchpoint_id"].isin(retired_ids(project, done=False))] = "retired"
    return touchpoints.assign(change=change)


def touchpoint_matrix(project, value: str = "count") -> pd.DataFrame:
    """Channels (rows) by stages (columns), in project order: the number of touchpoints, or
    with `value="volume"` the sum of their known volumes."""
    if value not in ("count", "volume"):
        raise ArgumentError(tr("`value` must be 'count' or 'volume', not {value}",
                               value=repr(value)))
    touchpoints = current_journey(project)
    channels = project.channels if len(touchpoints) else []
    grouped = touchpoints.groupby(["channel", "stage"], observed=True)
    cells = grouped.size() if value == "count" else grouped["volume"].sum()
    grid = cells.unstack("stage") if len(cells) else pd.DataFrame()
    grid = grid.reindex(index=channels, columns=project.stages).fillna(0).astype("int64")
    return _named(grid, "channel", "stage")


def controlled_by_stage(project) -> pd.DataFrame:
    """Per stage (index), the number of touchpoints the company controls and does not control.

    Touchpoints whose `controlled` is not given are in neither column.
    """
    touchpoints = current_journey(project)
    flags = pd.DataFrame({"stage": touchpoints["stage"],
                          "controlled": touchpoints["controlled"].eq(True).fillna(False),
                          "not_controlled": touchpoints["controlled"].eq(False).fillna(False)})
    counts = flags.groupby("stage", observed=False)[["controlled", "not_controlled"]].sum()
    counts = counts.reindex(project.stages if len(touchpoints) else []).astype("int64")
    return _named(counts, "stage", None)


def owners_by_stage(project) -> pd.DataFrame:
    """Owning departments (index, by name, `(no owner)` last) by stages: touchpoint counts."""
    nobody = label("no_owner", project.config.language)
    touchpoints = project.touchpoints.assign(owner=project.touchpoints["owner"].fillna(nobody))
    cells = touchpoints.groupby(["owner", "stage"], observed=True).size()
    grid = cells.unstack("stage") if len(cells) else pd.DataFrame()
    owners = sorted(name for name in grid.index if name != nobody)
    owners += [nobody] if nobody in grid.index else []
    grid = grid.reindex(index=owners, columns=project.stages).fillna(0).astype("int64")
    return _named(grid, "owner", "stage")


def silos(project) -> pd.DataFrame:
    """Per stage: how many departments own its touchpoints, and which.

    A stage shared by several departments is where the journey risks falling between silos:
    no single department owns the whole journey.
    """
    touchpoints = project.touchpoints
    if touchpoints.empty:
        return pd.DataFrame(columns=SILO_COLUMNS)
    rows = []
    for stage in project.stages:
        owners = sorted(touchpoints.loc[touchpoints["stage"] == stage, "owner"].dropna().unique())
        rows.append((stage, len(owners), ", ".join(owners)))
    frame = pd.DataFrame(rows, columns=SILO_COLUMNS)
    return frame.assign(stage=_stages(frame["stage"], project))


def missing_touchpoints(project) -> pd.DataFrame:
    """Stages where a persona has no way to reach the company on one of its preferred channels.

    One row per persona, stage and preferred channel with no customer-facing touchpoint there
    that applies to the persona; in persona, stage and channel-preference order.
    """
    touchpoints = current_journey(project)
    rows = []
    for persona in project.personas.itertuples(index=False):
        mine = touchpoints[applies_to(touchpoints, persona.persona_id)]
        present = set(zip(mine["stage"].astype(str), mine["channel"].astype(str), strict=True))
        rows += [(persona.persona_id, persona.name, stage, channel)
                 for stage in project.stages for channel in _list(persona.preferred_channels)
                 if (stage, channel) not in present]
    frame = pd.DataFrame(rows, columns=MISSING_COLUMNS)
    return frame.assign(stage=_stages(frame["stage"], project))


def redundancy_candidates(project) -> pd.DataFrame:
    """Pairs of customer-facing, controlled touchpoints at the same stage and channel that apply
    to at least one common persona: candidates to merge into the one event the customer lives.

    This is the declarative check, from the inventory alone. `personas` lists the common
    persona ids (both touchpoints for all personas: every persona of the project).
    """
    touchpoints = current_journey(project)
    touchpoints = touchpoints[touchpoints["controlled"].ne(False).fillna(True)]
    everyone = list(project.personas["persona_id"])
    rows = []
    for (stage, channel), group in touchpoints.groupby(["stage", "channel"], observed=True):
        for a, b in combinations(group.itertuples(index=False), 2):
            common = _common(a.personas, b.personas, everyone)
            if common is not None:
                rows.append((stage, channel, a.touchpoint_id, a.name, b.touchpoint_id, b.name,
                             common))
    frame = pd.DataFrame(rows, columns=REDUNDANCY_COLUMNS)
    return frame.assign(stage=_stages(frame["stage"], project))


def volumes_by_stage(project) -> pd.DataFrame:
    """Per stage: number of touchpoints, sum of their known volumes, and that sum's share of
    the whole journey's volume (empty when no volume is known)."""
    touchpoints = current_journey(project)
    if touchpoints.empty:
        return pd.DataFrame(columns=VOLUME_COLUMNS)
    grouped = touchpoints.groupby("stage", observed=False)
    frame = pd.DataFrame({"touchpoints": grouped.size(), "volume": grouped["volume"].sum()})
    total = frame["volume"].sum()
    share = frame["volume"] / total if total > 0 else pd.NA
    frame = frame.assign(share_of_volume=share).astype({"share_of_volume": "Float64"})
    return frame.reset_index()[VOLUME_COLUMNS]


def measured_volumes(project, analysis) -> pd.DataFrame:
    """Declared volumes (activity reports) beside what the event log measured.

    `analysis` is `cjm.events.analyze`'s result. One row per declared touchpoint, then one per
    touchpoint id the log holds but the project does not declare. `finding` says "never seen
    in the log", "not a declared touchpoint" or is empty.
    """
    seen = analysis.volumes[analysis.volumes["level"] == "touchpoint"]
    seen = seen.rename(columns={"key": "touchpoint_id"})[
        ["touchpoint_id", "events", "customers", "reach"]]
    declared = project.touchpoints[["touchpoint_id", "name", "stage", "channel", "volume"]]
    table = declared.merge(seen, on="touchpoint_id", how="left")
    never = table["events"].fillna(0).eq(0)
    language = project.config.language
    table["finding"] = never.map({True: label("never_seen", language), False: ""})
    if analysis.source is None:
        table["finding"] = ""
    extra = analysis.unmatched.assign(name=pd.NA, stage=pd.NA, channel=pd.NA, volume=pd.NA,
                                      reach=pd.NA, finding=label("not_declared", language))
    rows = [frame for frame in (table, extra[MEASURED_COLUMNS]) if not frame.empty]
    if not rows:
        return pd.DataFrame(columns=MEASURED_COLUMNS)
    return pd.concat(rows, ignore_index=True)[MEASURED_COLUMNS]


def _common(a: list, b: list, everyone: list) -> list | None:
    """Persona ids two touchpoints share (None if they share none; [] = all, none declared)."""
    if not a and not b:
        return everyone
    if not a or not b:
        return list(a or b)
    common = [persona for persona in a if persona in b]
    return common or None


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _stages(values, project) -> pd.Categorical:
    return pd.Categorical(values, categories=project.stages, ordered=True)


def _named(frame: pd.DataFrame, index: str, columns: str | None) -> pd.DataFrame:
    frame.index = pd.Index(list(frame.index), name=index, dtype=object)
    frame.columns = pd.Index(list(frame.columns), name=columns, dtype=object)
    return frame

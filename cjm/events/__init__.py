"""The analysis of the interaction log (`events.parquet` or `events.csv`): `analyze` gives
volumes, journeys, funnel, channel switches, redundancy and time per stage.

Modules: `analysis` (the phases of `analyze`), `coding` (the one sort, in DuckDB), `sequence`
(one numpy pass over the sorted stream), `quantiles` (exact medians out of core), `frames`
(the result tables), `progress` (behavioural drivers: how customers who meet a touchpoint go
on). Reading and checking the log as a file is `cjm.project.eventlog`'s.
"""

from .analysis import ALL_PERSONAS, UNKNOWN_PERSONA, EventAnalysis, analyze
from .progress import behavioural_drivers

__all__ = ["ALL_PERSONAS", "UNKNOWN_PERSONA", "EventAnalysis", "analyze", "behavioural_drivers"]

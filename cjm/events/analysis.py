"""The analysis of the interaction log: `analyze` turns it into the numbers of steps 3 and 4.

Volumes and reach per touchpoint, stage, channel and persona; the journeys customers really
take (transitions, funnel and drop-off); channel switches; redundant touchpoints; time spent per
stage. DuckDB sorts the log once, out of core when it must (`cjm.events.coding`); one numpy pass
over the sorted stream counts the rest (`cjm.events.sequence`); small frames come back
(`cjm.events.frames`). Reading and checking the log is `cjm.project.eventlog`'s concern.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import CJMError, UsageError, ValidationError
from ..messages import tr
from ..periods import window_bounds, window_words
from ..project.eventlog import (
    LogSource,
    event_log_columns,
    missing_columns,
    quote,
)
from ..project.model import as_project
from ..project.readers import normalise_header
from ..project.scratch import clean_stale, make_dir
from ..project.warehouse import engine_error, log_table
from .coding import code_dimensions, sorted_stream
from .frames import ALL_PERSONAS, UNKNOWN_PERSONA, result_frames, spilled_stats
from .portable import exact_quantiles, portable_tally
from .sequence import walk

__all__ = ["ALL_PERSONAS", "EventAnalysis", "UNKNOWN_PERSONA", "analyze"]


@dataclass
class EventAnalysis:
    """What the event log says about the journey, as small frames (see `analyze`)."""

    volumes: pd.DataFrame
    transitions: pd.DataFrame
    funnel: pd.DataFrame
    channel_switches: pd.DataFrame
    redundancy: pd.DataFrame
    stage_durations: pd.DataFrame
    unmatched: pd.DataFrame
    unseen: pd.DataFrame
    n_events: int
    n_customers: int
    window: tuple[pd.Timestamp, pd.Timestamp] | None
    channels: tuple[str, ...] = ()
    source: Path | str | None = None  # the log analysed (a file, or a table on an engine
    # in words); None when the project has none
    window_label: str | None = None  # the window in words ("in 2026-H1"), None for all
    exact_quantiles: bool = True  # False: medians and percentiles are an engine's estimates

    @property
    def source_name(self) -> str | None:
        """The log analysed as a reader names it: a file's name, a table and its engine."""
        return self.source.name if isinstance(self.source, Path) else self.source

    def switch_matrix(self) -> pd.DataFrame:
        """Switches as a from_channel x to_channel table (project channel order, zeros kept)."""
        matrix = self.channel_switches.pivot_table(
            index="from_channel", columns="to_channel", values="switches", aggfunc="sum",
            fill_value=0, observed=False)
        channels = list(self.channels) or sorted(
            set(self.channel_switches["from_channel"]) | set(self.channel_switches["to_channel"]))
        matrix = matrix.reindex(index=channels, columns=channels, fill_value=0).astype("int64")
        matrix.index.name, matrix.columns.name = "from_channel", "to_channel"
        return matrix


def analyze(project, source=None, window=None, *, switch_within="1 day",
            redundant_within="10 minutes", min_redundant=1,
            memory_limit: str | None = None, missing_ok: bool = False,
            table=None) -> EventAnalysis:
    """Analyse the project's event log (or `source`, a .parquet or .csv log) with DuckDB.

    A log on an engine (`events:` in project.yaml), or `table`, an Ibis table of events on
    any engine, is analysed by that engine instead (`cjm.events.portable`): the same frames,
    only they come back. `source` names a local file and overrides project.yaml's `events:`.

    `window`: None (every event), a period label ("2026-H1": its first day to its last day
    inclusive), or a (start, end) pair; a date, or a string without a time, as `end` includes
    that whole day, a timestamp `end` is excluded. Events outside the window are ignored
    everywhere. `EventAnalysis.window` holds the (start, excluded end) used.

    Raises UsageError when there is no log (with `missing_ok`, returns an analysis whose frames
    are empty and whose `source` is None instead), ValidationError when a required column is
    missing.
    Rows without a customer or a readable timestamp are skipped (`event_log_problems` reports
    them). Events whose touchpoint_id is not declared are counted in `unmatched` and left out
    of every other output, `n_events` and `n_customers` included. An event's persona is its
    persona_id, or "(unknown)" when the column is missing or the cell empty.

    Each customer's events are ordered by timestamp, ties by touchpoint_id, so the result does
    not depend on how the file was written (events tied on both are interchangeable). DuckDB
    sorts the log once, spilling to disk when it must, and a numpy pass over whole customers
    counts everything (`cjm.events.sequence`). Customers are keyed by a 64-bit hash of customer_id:
    two ids colliding is about a 1e-4 chance at 1e8 customers. From that order:
    - volumes: level (touchpoint, stage, channel, persona), key, name, events, customers,
      reach = customers / customers in the window. Every declared touchpoint, stage, channel
      and persona is listed (zeros included), plus undeclared persona ids found in the log.
    - transitions: directly-follows pairs, level touchpoint (every consecutive pair) and stage
      (consecutive pairs whose stage changes), with count, customers, median_seconds.
    - funnel: per persona group ("all", then each persona present): customers with an event at
      each stage, share = customers / customers of the group, drop_off = 1 - the next stage's
      customers / this stage's, the next stage being the next one that is not optional
      (`optional_stages` in project.yaml: skipping a return is not leaving the journey).
      drop_off is NaN at an optional stage, at the last stage a customer must reach, and at a
      stage nobody reached; `optional` marks the optional stages.
    - channel_switches: consecutive contacts a customer started (touchpoints whose
      `direction` is outbound, sent by the company, and back-stage or support work are left
      out of the sequence) at the same stage on two different channels at most
      `switch_within` apart; rate = switches / inbound events on from_channel.
    - redundancy: touchpoint a then b (b later in the customer's order, a != b, consecutive or
      not) at most `redundant_within` apart; customers, pairs (event pairs), share_of_a =
      customers / customers who had a; pairs seen for fewer than `min_redundant` customers
      are dropped.
    - stage_durations: last minus first event of a customer at a stage (0 for one event);
      customers, median, mean and 90th percentile (linear interpolation) in seconds, for
      "all" and per persona (a customer's events of that persona).
    """
    project = as_project(project)
    switch_us = _micros(switch_within, "switch_within")
    redundant_us = _micros(redundant_within, "redundant_within")
    settings = project.config.events if source is None else None
    if table is not None or settings is not None:
        where = settings.where() if table is None else tr("an Ibis table")
        if table is None:
            table = log_table(settings, project.path)
        return _on_engine(project, table, window, where, switch_us, redundant_us,
                          min_redundant)
    path = log_path(project, source, missing_ok)
    if path is None:
        return _nothing(project, window)
    bounds = window_bounds(window)
    tps = touchpoint_codes(project)
    with duckdb_connection(memory_limit) as (con, temp):
        log = LogSource(con, path, numbered=False)
        personas = code_dimensions(con, log, tps)
        stream = sorted_stream(con, log, personas, bounds)
        spill = temp / "spill"
        spill.mkdir()
        tally = walk(stream, spill, stage_of=tps["stage_idx"], channel_of=tps["channel_idx"],
                     inbound_of=tps["inbound"], n_stages=len(project.stages),
                     n_channels=len(project.channels), n_personas=len(personas),
                     switch_us=switch_us, redundant_us=redundant_us)
        stats = spilled_stats(con, tally, spill, len(project.stages))
    frames = result_frames(tally, stats, personas, tps, project, min_redundant)
    return EventAnalysis(**frames, window=bounds, channels=tuple(project.channels), source=path,
                         window_label=window_words(window, bounds))


def _on_engine(project, table, window, where: str, switch_us: int, redundant_us: int,
               min_redundant) -> EventAnalysis:
    """The analysis run by the engine that holds `table` (`cjm.events.portable`)."""
    missing = missing_columns(where, {normalise_header(name) for name in table.columns},
                              row=None)
    if missing:
        raise ValidationError(missing)
    bounds = window_bounds(window)
    tps = touchpoint_codes(project)
    try:
        tally, stats, personas = portable_tally(
            table, tps, len(project.stages), len(project.channels), bounds,
            switch_us=switch_us, redundant_us=redundant_us)
    except CJMError:
        raise
    except Exception as exc:  # the engine's own error
        raise UsageError(tr("the engine could not analyse the event log {where}: {error}",
                            where=where, error=engine_error(exc))) from exc
    frames = result_frames(tally, stats, personas, tps, project, min_redundant)
    return EventAnalysis(**frames, window=bounds, channels=tuple(project.channels),
                         source=where, window_label=window_words(window, bounds),
                         exact_quantiles=exact_quantiles(table))


def log_path(project, source, missing_ok: bool) -> Path | None:
    """The log to analyse (None when the project has none and `missing_ok`), its required
    columns checked."""
    path = Path(source) if source is not None else project.events_path
    if path is None:
        if missing_ok:
            return None
        raise UsageError(tr("this project has no event log (events.parquet or events.csv)"))
    if not path.is_file():
        raise UsageError(tr("no event log at {path}", path=path))
    missing = missing_columns(path, event_log_columns(path))
    if missing:
        raise ValidationError(missing)
    return path


def touchpoint_codes(project) -> pd.DataFrame:
    """The declared touchpoints with their integer code `tp` (rank by id: ordering by tp is
    ordering by touchpoint_id), stage and channel indexes, and `inbound`: a contact the
    customer starts (not sent by the company, not back-stage work)."""
    stages, channels = project.stages, project.channels
    tps = project.touchpoints[["touchpoint_id", "stage", "channel", "name", "direction",
                               "lane"]].copy()
    tps["inbound"] = ((tps["direction"].fillna("inbound").astype(str) != "outbound")
                      & tps["lane"].fillna("front-stage").isin(["front-stage"]))
    tps["touchpoint_id"] = tps["touchpoint_id"].astype(str).str.strip()
    tps = tps.sort_values("touchpoint_id").reset_index(drop=True)
    tps["tp"] = range(len(tps))
    tps["stage_idx"] = [stages.index(s) for s in tps["stage"].astype(str)]
    tps["channel_idx"] = [channels.index(c) for c in tps["channel"].astype(str)]
    tps["name"] = tps["name"].astype(str)
    tps["touchpoint_id"] = tps["touchpoint_id"].astype(object)
    return tps


@contextlib.contextmanager
def duckdb_connection(memory_limit: str | None):
    """A DuckDB connection on all cores, memory-limited, spilling to a private temporary
    folder (removed afterwards; one left by a killed analysis is removed by the next)."""
    import duckdb

    clean_stale(tempfile.gettempdir(), "cjm-duckdb-")
    temp = make_dir(tempfile.gettempdir(), "cjm-duckdb-")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"SET threads = {os.cpu_count() or 1}")
        con.execute(f"SET memory_limit = '{memory_limit or _default_memory_limit()}'")
        con.execute(f"SET temp_directory = '{quote(str(temp))}'")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        yield con, temp
    finally:
        con.close()
        shutil.rmtree(temp, ignore_errors=True)


def _nothing(project, window) -> EventAnalysis:
    """The analysis of a project without a log: every frame empty, with its columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "events.parquet"
        pq.write_table(pa.table({"customer_id": pa.array([], pa.string()),
                                 "timestamp": pa.array([], pa.timestamp("us")),
                                 "touchpoint_id": pa.array([], pa.string())}), empty)
        analysis = analyze(project, source=empty, window=window)
    frames = {name: getattr(analysis, name).iloc[0:0] for name in (
        "volumes", "transitions", "funnel", "channel_switches", "redundancy",
        "stage_durations", "unmatched", "unseen")}
    return EventAnalysis(**frames, n_events=0, n_customers=0, window=analysis.window,
                         channels=analysis.channels, source=None,
                         window_label=analysis.window_label)


def _micros(value, name: str) -> int:
    try:
        delta = pd.Timedelta(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(tr("{name} must be a duration such as '10 minutes' or '1 day', "
                            "not {value}", name=name, value=repr(value))) from exc
    if pd.isna(delta) or delta <= pd.Timedelta(0):
        raise UsageError(tr("{name} must be a positive duration, not {value}", name=name,
                            value=repr(value)))
    return int(delta / pd.Timedelta(microseconds=1))


def _default_memory_limit() -> str:
    """About 60% of the machine's memory, for DuckDB (it spills the rest to disk)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "2GB"
    return f"{max(int(total * 0.6) // (1 << 20), 256)}MB"



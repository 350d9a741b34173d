"""The interaction event log: `events.parquet` or `events.csv` in the project folder.

`analyze` turns the log into the numbers of DOMAIN.md step 3 and 4: volumes and reach per
touchpoint, stage, channel and persona; the journeys customers really take (transitions, funnel
and drop-off); channel switches; redundant touchpoints; time spent per stage. DuckDB does the
sorting, out of core, so a log larger than memory is spilled to a temporary folder; one numpy
pass over the sorted stream counts the rest, and only small summary frames come back to pandas.

`event_log_problems` checks a log for project validation: one log, its columns, and (when the
project's touchpoint ids are given) rows with unknown touchpoints, unreadable timestamps or no
customer, counted by one DuckDB scan each, with example rows numbered as the analyst sees them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Problem, UsageError, ValidationError, shown
from .parsing import DAY_FIRST_FORMATS, UTC_OFFSET
from .readers import (
    TableReadError,
    binary_problem,
    csv_header,
    decode,
    encoding_of,
    normalise_header,
    sniff_separator,
)
from .scratch import clean_stale, make_dir

EVENT_LOG_FILES = ("events.parquet", "events.csv")
EVENT_COLUMNS = ("customer_id", "timestamp", "touchpoint_id")  # required; persona_id optional
UNKNOWN_PERSONA = "(unknown)"
ALL_PERSONAS = "all"
# Timestamps: ISO 8601 first (TRY_CAST), then the day-first forms analysts type (as parsing.py).
MAX_EXAMPLES = 3
BATCH = 1 << 20  # events per batch streamed from the sort into the pass
QUANTILES_IN_MEMORY = 20_000_000  # values; beyond, medians are picked from a sorted stream


def find_event_log(folder: Path) -> Path | None:
    """The project's event log file, or None when it has none."""
    for name in EVENT_LOG_FILES:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def event_log_columns(path: Path) -> list[str]:
    """Column names of an event log, read without loading its rows."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return [name.strip().lower() for name in pq.read_schema(path).names]
    with open(path, "rb") as handle:
        return csv_header(handle.read(64 * 1024))


def event_log_problems(folder: Path, touchpoint_ids=None) -> list[Problem]:
    """Problems that make the event log unusable or part of it ignored.

    Always: two logs, an unreadable file, missing columns. When `touchpoint_ids` (the project's
    declared ids) is given, the rows are scanned too: one Problem per unknown touchpoint id, and
    one each for empty touchpoint ids, empty customer ids, empty and unreadable timestamps, with
    its count and up to three example rows (header = row 1, first event = row 2, for parquet
    too). Such rows are left out of `analyze` (unknown touchpoints appear in its `unmatched`).
    """
    present = [name for name in EVENT_LOG_FILES if (Path(folder) / name).is_file()]
    if len(present) > 1:
        return [Problem(present[0], f"both {' and '.join(present)} exist",
                        expected="one event log; remove or rename the other")]
    if not present:
        return []
    path = Path(folder) / present[0]
    if path.suffix == ".csv":
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
        problem = binary_problem(head, path.name)
        if problem:
            return [problem]
        names = [name for name in csv_header(head) if name]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            return [Problem(path.name, f"column '{twice[0]}' appears more than once", row=1,
                            column=twice[0], expected="each column once")]
    try:
        columns = event_log_columns(path)
    except TableReadError as exc:
        return exc.problems
    except Exception as exc:  # pyarrow raises several types for a damaged file
        return [Problem(path.name, f"cannot be read: {exc}")]
    missing = missing_columns(path, columns)
    if missing or touchpoint_ids is None:
        return missing
    try:
        return _row_problems(path, {str(tp).strip() for tp in touchpoint_ids})
    except Exception as exc:  # duckdb: a damaged file or a CSV it cannot parse
        return [Problem(path.name, f"cannot be read: {exc}")]


def events_in_window(path: Path, window) -> int:
    """How many events of the log at `path` fall within `window` (a period label or a
    (start, end) pair, as `analyze` takes it); 0 when its timestamps cannot be read."""
    import duckdb

    start, end = _window(window)
    con = duckdb.connect()
    try:
        source = _Source(con, Path(path), numbered=False)
        if "timestamp" not in source.columns:
            return 0
        return con.execute(f"SELECT count(*) FROM {source.relation} WHERE "
                           f"{source.timestamp()} >= ? AND {source.timestamp()} < ?",
                           [start.to_pydatetime(), end.to_pydatetime()]).fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def missing_columns(path: Path, columns: list[str]) -> list[Problem]:
    """A Problem for each required column the log lacks."""
    return [Problem(path.name, f"column '{column}' is missing", row=1, column=column,
                    expected=f"the columns {', '.join(EVENT_COLUMNS)}")
            for column in EVENT_COLUMNS if column not in columns]


def _row_problems(path: Path, touchpoint_ids: set[str]) -> list[Problem]:
    import duckdb

    con = duckdb.connect()
    try:
        source = _Source(con, path)
        con.register("declared", pd.DataFrame({"touchpoint_id": sorted(touchpoint_ids)},
                                              dtype=object))
        con.execute(f"""
            CREATE TEMP TABLE raw AS
            SELECT __cjm_row + 2 AS row, {source.text('customer_id')} AS cust,
                   {source.text('touchpoint_id')} AS touchpoint_id,
                   {source.text('timestamp')} AS ts_text, {source.timestamp()} AS ts
            FROM {source.relation}""")
        problems = []
        unknown = con.execute(f"""
            SELECT touchpoint_id, count(*), list(row ORDER BY row)[1:{MAX_EXAMPLES}]
            FROM raw WHERE touchpoint_id NOT IN (SELECT touchpoint_id FROM declared)
            GROUP BY touchpoint_id ORDER BY min(row)""").fetchall()
        for value, count, rows in unknown:
            events = "1 event has" if count == 1 else f"{count} events have"
            problems.append(Problem(
                path.name, f"{events} touchpoint_id {shown(value)}, which is not a touchpoint of "
                f"touchpoints.csv ({_rows(rows, count)})", column="touchpoint_id", value=value,
                severity="warning"))
        checks = [
            ("touchpoint_id IS NULL", "an empty touchpoint_id", "touchpoint_id", None),
            ("cust IS NULL", "an empty customer_id", "customer_id", None),
            ("ts_text IS NULL", "an empty timestamp", "timestamp", None),
            ("ts_text IS NOT NULL AND ts IS NULL", "a timestamp that is not a date",
             "timestamp", "a date and time such as 2026-12-31 14:30:00 or 31/12/2026 14:30"),
        ]
        for condition, what, column, expected in checks:
            count, rows, values = con.execute(f"""
                SELECT count(*), list(row ORDER BY row)[1:{MAX_EXAMPLES}],
                       list(ts_text ORDER BY row)[1:{MAX_EXAMPLES}]
                FROM raw WHERE {condition}""").fetchone()
            if not count:
                continue
            events = "1 event has" if count == 1 else f"{count} events have"
            if expected:  # show the raw values: the analyst needs to see what is wrong
                quoted = ", ".join(f"{shown(v)} (row {r})" for v, r in zip(values, rows,
                                                                          strict=True))
                quoted += ", ..." if count > len(rows) else ""
            else:
                quoted = _rows(rows, count)
            problems.append(Problem(path.name, f"{events} {what} ({quoted})", column=column,
                                    expected=expected, severity="warning"))
        return problems
    finally:
        con.close()


def _rows(rows: list[int], count: int) -> str:
    text = ", ".join(map(str, rows)) + (", ..." if count > len(rows) else "")
    return f"row{'s' if count > 1 else ''} {text}"


# --------------------------------------------------------------------------------- analysis


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
    source: Path | None = None  # the log analysed; None when the project has none
    window_label: str | None = None  # the window in words ("in 2026-H1"), None for all

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
            memory_limit: str | None = None, missing_ok: bool = False) -> EventAnalysis:
    """Analyse the project's event log (or `source`, a .parquet or .csv log) with DuckDB.

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
    counts everything (`cjm._sequence`). Customers are keyed by a 64-bit hash of customer_id:
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
      out of the sequence) at the same
      stage on two different channels at most `switch_within` apart; rate = switches /
      inbound events on from_channel.
    - redundancy: touchpoint a then b (b later in the customer's order, a != b, consecutive or
      not) at most `redundant_within` apart; customers, pairs (event pairs), share_of_a =
      customers / customers who had a; pairs seen for fewer than `min_redundant` customers
      are dropped.
    - stage_durations: last minus first event of a customer at a stage (0 for one event);
      customers, median, mean and 90th percentile (linear interpolation) in seconds, for
      "all" and per persona (a customer's events of that persona).
    """
    import duckdb

    from ._sequence import walk
    from .project import as_project

    project = as_project(project)
    path = Path(source) if source is not None else project.events_path
    if path is None:
        if missing_ok:
            return _nothing(project, window)
        raise UsageError("this project has no event log (events.parquet or events.csv)")
    if not path.is_file():
        raise UsageError(f"no event log at {path}")
    missing = missing_columns(path, event_log_columns(path))
    if missing:
        raise ValidationError(missing)
    bounds = _window(window)
    switch_us = _micros(switch_within, "switch_within")
    redundant_us = _micros(redundant_within, "redundant_within")

    stages, channels = project.stages, project.channels
    tps = project.touchpoints[["touchpoint_id", "stage", "channel", "name", "direction",
                               "lane"]].copy()
    # contacts the customer starts: not sent by the company, not back-stage work
    tps["inbound"] = ((tps["direction"].fillna("inbound").astype(str) != "outbound")
                      & tps["lane"].fillna("front-stage").isin(["front-stage"]))
    tps["touchpoint_id"] = tps["touchpoint_id"].astype(str).str.strip()
    tps = tps.sort_values("touchpoint_id").reset_index(drop=True)
    tps["tp"] = range(len(tps))  # rank by id: ordering by tp is ordering by touchpoint_id
    tps["stage_idx"] = [stages.index(s) for s in tps["stage"].astype(str)]
    tps["channel_idx"] = [channels.index(c) for c in tps["channel"].astype(str)]
    tps["name"] = tps["name"].astype(str)
    tps["touchpoint_id"] = tps["touchpoint_id"].astype(object)

    clean_stale(tempfile.gettempdir(), "cjm-duckdb-")  # left by killed analyses
    temp = str(make_dir(tempfile.gettempdir(), "cjm-duckdb-"))
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"SET threads = {os.cpu_count() or 1}")
        con.execute(f"SET memory_limit = '{memory_limit or _default_memory_limit()}'")
        con.execute(f"SET temp_directory = '{_quote(temp)}'")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        log = _Source(con, path, numbered=False)
        personas = _code_dimensions(con, log, tps)
        where = ""
        if bounds:
            con.execute("SET VARIABLE win_start = ?::TIMESTAMP", [bounds[0].to_pydatetime()])
            con.execute("SET VARIABLE win_end = ?::TIMESTAMP", [bounds[1].to_pydatetime()])
            where = "AND ts >= getvariable('win_start') AND ts < getvariable('win_end')"
        persona_join, persona_code = "", f"{personas[UNKNOWN_PERSONA]}::SMALLINT"
        if "persona_id" in log.columns:
            persona_join = f"LEFT JOIN persona_codes q ON {log.raw('persona_id')} = q.raw"
            persona_code = f"coalesce(q.code, {persona_code})"
        # One sort, by customer then time then touchpoint, streamed back in batches of integer
        # codes; the rest is one pass over whole customers (cjm._sequence). Rows tied on all
        # three are interchangeable: no output depends on their order.
        reader = con.sql(f"""
            WITH coded AS (
                SELECT {log.customer()} AS cust, {log.timestamp()} AS ts, d.tp,
                       {persona_code} AS persona,
                       CASE WHEN d.tp IS NULL THEN coalesce(d.label, '') END AS unknown
                FROM {log.relation}
                LEFT JOIN touchpoint_codes d ON {log.raw('touchpoint_id')} = d.raw
                {persona_join}
            )
            SELECT hash(cust) AS cust, epoch_us(ts) AS t, tp, persona, unknown FROM coded
            WHERE cust IS NOT NULL AND ts IS NOT NULL {where}
            ORDER BY cust, t, tp""").to_arrow_reader(BATCH)
        spill = Path(temp) / "spill"
        spill.mkdir()
        tally = walk(reader, spill, stage_of=tps["stage_idx"], channel_of=tps["channel_idx"],
                     inbound_of=tps["inbound"], n_stages=len(stages),
                     n_channels=len(channels), n_personas=len(personas),
                     switch_us=switch_us, redundant_us=redundant_us)
        result = _outputs(con, tally, spill, personas, tps, project, min_redundant)
    finally:
        con.close()
        shutil.rmtree(temp, ignore_errors=True)
    return EventAnalysis(**result, window=bounds, channels=tuple(channels), source=path,
                         window_label=_window_label(window, bounds))


def _code_dimensions(con, log: _Source, tps: pd.DataFrame) -> dict[str, int]:
    """Tables touchpoint_codes (raw, tp, label) and persona_codes (raw, code) in `con`.

    One scan lists the log's distinct raw touchpoint and persona ids; trimming and matching
    them here, once per distinct value, spares trimming every event. Returns persona -> code,
    "(unknown)" included, in order of first code."""
    has_persona = "persona_id" in log.columns
    pairs = con.execute(f"""
        SELECT DISTINCT {log.raw('touchpoint_id')},
               {log.raw('persona_id') if has_persona else 'NULL'}
        FROM {log.relation}""").fetchall()
    declared = dict(zip(tps["touchpoint_id"], tps["tp"], strict=True))
    raw_tps = sorted({tp for tp, _ in pairs if tp is not None})
    labels = [raw.strip(" ") for raw in raw_tps]
    con.register("touchpoint_frame", pd.DataFrame({
        "raw": pd.Series(raw_tps, dtype=object),
        "tp": pd.Series([declared.get(label) for label in labels], dtype="Int16"),
        "label": pd.Series(labels, dtype=object)}))
    con.execute("CREATE TEMP TABLE touchpoint_codes AS SELECT * FROM touchpoint_frame")
    con.unregister("touchpoint_frame")
    personas: dict[str, int] = {}
    raw_personas = sorted({p for _, p in pairs if p is not None})
    codes = [personas.setdefault(raw.strip(" ") or UNKNOWN_PERSONA, len(personas))
             for raw in raw_personas]
    personas.setdefault(UNKNOWN_PERSONA, len(personas))
    con.register("persona_frame", pd.DataFrame({"raw": pd.Series(raw_personas, dtype=object),
                                                "code": pd.Series(codes, dtype="int16")}))
    con.execute("CREATE TEMP TABLE persona_codes AS SELECT * FROM persona_frame")
    con.unregister("persona_frame")
    return personas


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


def _window_label(window, bounds) -> str | None:
    """The window in words, for notes: "in 2026-H1" or "from 2026-01-01 to 2026-03-31"."""
    if bounds is None:
        return None
    if isinstance(window, str):
        return f"in {window}"
    last = bounds[1] - pd.Timedelta(microseconds=1)
    return f"from {bounds[0]:%Y-%m-%d} to {last:%Y-%m-%d}"


def _outputs(con, tally, spill: Path, persona_code: dict[str, int], tps, project,
             min_redundant) -> dict:
    """The frames of an EventAnalysis from the counters of the pass; medians by DuckDB."""
    stages, channels = project.stages, project.channels
    n_tp, n_st, n_ch = len(tps), len(stages), len(channels)
    tp_ids = dict(zip(tps["tp"], tps["touchpoint_id"], strict=True))
    names = dict(zip(tps["tp"], tps["name"], strict=True))
    n_events, n_customers = tally.n_events, tally.n_customers

    declared_personas = [str(p) for p in project.personas["persona_id"]]
    found = [p for p, code in persona_code.items() if tally.persona_events[code]]
    personas = declared_personas + sorted(
        p for p in found if p not in declared_personas and p != UNKNOWN_PERSONA)
    if UNKNOWN_PERSONA in found:
        personas.append(UNKNOWN_PERSONA)

    def persona_counts(persona: str) -> tuple[int, int]:
        code = persona_code.get(persona)
        if code is None:
            return 0, 0
        return int(tally.persona_events[code]), int(tally.persona_customers[code])

    tp_order = tps.sort_values(["stage_idx", "touchpoint_id"])
    rows = [("touchpoint", tp.touchpoint_id, tp.name, int(tally.tp_events[tp.tp]),
             int(tally.tp_customers[tp.tp])) for tp in tp_order.itertuples()]
    rows += [("stage", s, s, int(tally.stage_events[i]), int(tally.stage_customers[i]))
             for i, s in enumerate(stages)]
    rows += [("channel", c, c, int(tally.channel_events[i]), int(tally.channel_customers[i]))
             for i, c in enumerate(channels)]
    rows += [("persona", p, p, *persona_counts(p)) for p in personas]
    volumes = pd.DataFrame(rows, columns=["level", "key", "name", "events", "customers"])
    volumes = volumes.astype({"events": "int64", "customers": "int64"})
    volumes["reach"] = volumes["customers"] / n_customers if n_customers else float("nan")
    volumes = _frame(volumes, list(volumes.columns))

    # Transitions: consecutive pairs of a customer's sequence (stage level: stage changes).
    tp_rank = {tp: rank for rank, tp in enumerate(tp_order["tp"])}
    rows = []
    for level, size, pairs, customers, gaps, label, rank in (
            ("touchpoint", n_tp, tally.tp_pairs, tally.tp_pair_customers,
             "gaps", tp_ids.__getitem__, tp_rank.__getitem__),
            ("stage", n_st, tally.stage_pairs, tally.stage_pair_customers,
             "stage_gaps", stages.__getitem__, int)):
        medians = {key: stats[2] for key, stats in _quantiles(
            con, _spilled(spill, gaps), "code", (0.5,), int(pairs.sum())).items()}
        for code in np.flatnonzero(pairs):
            source, target = divmod(int(code), size)
            rows.append((level, label(source), label(target), int(pairs[code]),
                         int(customers[code]), medians[code], rank(source), rank(target)))
    trans = pd.DataFrame(rows, columns=["level", "source", "target", "count", "customers",
                                        "median_seconds", "rank_s", "rank_t"])
    trans = trans.sort_values(["count", "level", "rank_s", "rank_t"],
                              ascending=[False, False, True, True])
    transitions = _frame(trans, ["level", "source", "target", "count", "customers",
                                 "median_seconds"])

    # Funnel: distinct customers per stage, for everyone and per persona group.
    optional = set(project.config.optional_stages)
    groups = [(ALL_PERSONAS, n_customers)] + [
        (p, persona_counts(p)[1]) for p in personas if persona_counts(p)[1]]
    rows = []
    for persona, size in groups:
        if persona == ALL_PERSONAS:
            reached = [int(v) for v in tally.stage_customers]
        else:
            start = persona_code[persona] * n_st
            reached = [int(v) for v in tally.persona_stage[start:start + n_st]]
        for i, stage in enumerate(stages):
            following = next((reached[j] for j in range(i + 1, n_st)
                              if stages[j] not in optional), None)
            drop = (1 - following / reached[i]) if following is not None and reached[i] \
                and stage not in optional else float("nan")
            rows.append((persona, stage, stage in optional, reached[i],
                         reached[i] / size if size else float("nan"), drop))
    funnel = pd.DataFrame(rows, columns=["persona_id", "stage", "optional", "customers",
                                         "share", "drop_off"])
    funnel = _frame(funnel, list(funnel.columns))

    # Channel switches: same customer, same stage, next event on another channel, soon after.
    rows = []
    for code in np.flatnonzero(tally.switches):
        before, after = divmod(int(code), n_ch)
        rows.append((before, after, int(tally.switches[code]),
                     int(tally.switch_customers[code]),
                     tally.switches[code] / tally.channel_inbound[before]))
    sw = pd.DataFrame(rows, columns=["from_channel", "to_channel", "switches", "customers",
                                     "rate"])
    sw = sw.sort_values(["switches", "from_channel", "to_channel"],
                        ascending=[False, True, True])
    sw["from_channel"] = [channels[c] for c in sw["from_channel"]]
    sw["to_channel"] = [channels[c] for c in sw["to_channel"]]
    channel_switches = _frame(sw, ["from_channel", "to_channel", "switches", "customers",
                                   "rate"])

    # Redundancy: a then b within the delay, for at least `min_redundant` customers.
    rows = []
    for code in np.flatnonzero(tally.redundant_customers >= max(int(min_redundant), 1)):
        a, b = divmod(int(code), n_tp)
        rows.append((tp_ids[a], names[a], tp_ids[b], names[b],
                     int(tally.redundant_customers[code]), int(tally.redundant[code]),
                     tally.redundant_customers[code] / tally.tp_customers[a], tp_rank[a],
                     tp_rank[b]))
    red = pd.DataFrame(rows, columns=["touchpoint_a", "name_a", "touchpoint_b", "name_b",
                                      "customers", "pairs", "share_of_a", "rank_a", "rank_b"])
    red = red.sort_values(["customers", "pairs", "rank_a", "rank_b"],
                          ascending=[False, False, True, True])
    redundancy = _frame(red, ["touchpoint_a", "name_a", "touchpoint_b", "name_b", "customers",
                              "pairs", "share_of_a"])

    # Stage durations: per customer, last minus first event at the stage.
    spans = _quantiles(con, _spilled(spill, "spans"), f"(persona + 1) * {n_st} + stage",
                       (0.5, 0.9), int(tally.stage_customers.sum() + tally.persona_stage.sum()))
    dur = pd.DataFrame([(key // n_st - 1, key % n_st, *stats) for key, stats in spans.items()],
                       columns=["persona", "stage", "customers", "mean_seconds",
                                "median_seconds", "p90_seconds"])
    names_of = {code: p for p, code in persona_code.items()}
    dur["persona_id"] = [ALL_PERSONAS if c < 0 else names_of[c] for c in dur["persona"]]
    group_rank = {p: i for i, (p, _) in enumerate(groups)}
    dur["rank_p"] = [group_rank[p] for p in dur["persona_id"]]
    dur = dur.sort_values(["rank_p", "stage"])
    dur["stage"] = [stages[s] for s in dur["stage"]]
    stage_durations = _frame(dur, ["persona_id", "stage", "customers", "median_seconds",
                                   "mean_seconds", "p90_seconds"])

    unmatched = con.execute(f"""
        SELECT unknown AS touchpoint_id, count(*) AS events, count(DISTINCT cust) AS customers
        FROM read_parquet('{_quote(str(spill / "unmatched.parquet"))}')
        GROUP BY unknown ORDER BY events DESC, unknown""").df()
    unmatched = _frame(unmatched, ["touchpoint_id", "events", "customers"])

    seen = volumes[(volumes["level"] == "touchpoint") & (volumes["events"] > 0)]["key"]
    unseen = tp_order[~tp_order["touchpoint_id"].isin(set(seen))]
    unseen = pd.DataFrame({
        "touchpoint_id": list(unseen["touchpoint_id"]), "name": list(unseen["name"]),
        "stage": [stages[i] for i in unseen["stage_idx"]],
        "channel": [channels[i] for i in unseen["channel_idx"]]}, dtype="str")

    return dict(volumes=volumes, transitions=transitions, funnel=funnel,
                channel_switches=channel_switches, redundancy=redundancy,
                stage_durations=stage_durations, unmatched=unmatched, unseen=unseen,
                n_events=n_events, n_customers=n_customers)


def _quantiles(con, relation: str, key: str, quantiles: tuple[float, ...], rows: int) -> dict:
    """key -> (count, mean, *quantiles) of column `us` of `relation` (`rows` rows), in seconds.

    Exact: quantiles interpolate linearly between ranks (as numpy and DuckDB's quantile_cont).
    Up to QUANTILES_IN_MEMORY rows DuckDB's quantile_cont computes them; it keeps every value
    in memory, so beyond that DuckDB sorts by key then value instead, spilling when it must,
    and the values at the wanted ranks are picked from the sorted stream."""
    if rows <= QUANTILES_IN_MEMORY:
        found = con.execute(f"""
            SELECT {key} AS key, count(*), avg(us), quantile_cont(us, {list(quantiles)})
            FROM {relation} GROUP BY key""").fetchall()
        return {k: (int(n), mean / 1e6, *(v / 1e6 for v in values))
                for k, n, mean, values in found}
    counted = con.execute(f"""
        SELECT {key} AS key, count(*), avg(us) FROM {relation} GROUP BY key ORDER BY key
        """).fetchall()
    sizes = np.array([n for _, n, _ in counted], np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ranks = (sizes[:, None] - 1) * np.asarray(quantiles)[None, :]  # key x quantile
    low, high = starts[:, None] + np.floor(ranks), starts[:, None] + np.ceil(ranks)
    wanted = np.unique(np.concatenate([low.ravel(), high.ravel()]).astype(np.int64))
    values = np.empty(len(wanted), np.float64)
    offset = 0
    reader = con.sql(f"SELECT us FROM {relation} ORDER BY {key}, us").to_arrow_reader(BATCH)
    for batch in reader:
        chunk = batch.column(0).to_numpy()
        first, last = np.searchsorted(wanted, [offset, offset + len(chunk)])
        values[first:last] = chunk[wanted[first:last] - offset]
        offset += len(chunk)
    pick = lambda at: values[np.searchsorted(wanted, at.astype(np.int64))]  # noqa: E731
    result = (pick(low) + (ranks - np.floor(ranks)) * (pick(high) - pick(low))) / 1e6
    return {key: (int(n), mean / 1e6, *map(float, row))
            for (key, n, mean), row in zip(counted, result, strict=True)}


def _spilled(spill: Path, stem: str) -> str:
    """The relation of the spill files `stem`-*.parquet written by the pass."""
    return f"read_parquet('{_quote(str(spill))}/{stem}-*.parquet')"


def _frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`columns` of `frame`, counts as int64, a fresh RangeIndex."""
    out = frame[columns].reset_index(drop=True).copy()
    for column in ("count", "customers", "switches", "pairs", "events"):
        if column in out:
            out[column] = out[column].astype("int64")
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].astype("str")
    return out


class _Source:
    """SQL to read an event log with DuckDB: its relation and typed column expressions."""

    def __init__(self, con, path: Path, numbered: bool = True):
        """`numbered`: add `__cjm_row`, the event's 0-based position in the file."""
        path = Path(path)
        quoted = _quote(str(path))
        if path.suffix.lower() == ".parquet":
            self.relation = (f"(SELECT *, file_row_number AS __cjm_row "
                             f"FROM read_parquet('{quoted}', file_row_number = true))"
                             if numbered else f"read_parquet('{quoted}')")
        else:
            with open(path, "rb") as handle:
                head = handle.read(1 << 20)
            text = decode(head)
            first = next((line for line in text.splitlines() if line.strip()), "")
            # DuckDB reads Windows-1252 files as latin-1 (the same for letters and digits).
            encoding = "utf-8" if encoding_of(head) == "utf-8" else "latin-1"
            read = (f"read_csv('{quoted}', delim = '{_quote(sniff_separator(first))}', "
                    f"header = true, all_varchar = true, encoding = '{encoding}')")
            self.relation = (f"(SELECT *, row_number() OVER () - 1 AS __cjm_row FROM {read})"
                             if numbered else read)
        described = con.execute(f"DESCRIBE SELECT * FROM {self.relation}").fetchall()
        self.columns = {}
        for name, kind, *_ in described:
            key = normalise_header(name)
            if name != "__cjm_row" and key not in self.columns:
                self.columns[key] = (_ident(name), kind)

    def raw(self, column: str) -> str:
        """A column as text, untrimmed."""
        ident, _ = self.columns[column]
        return f"CAST({ident} AS VARCHAR)"

    def customer(self) -> str:
        """customer_id as text, trimmed, NULL when empty: trims only the ids that need it."""
        raw = self.raw("customer_id")
        return (f"CASE WHEN starts_with({raw}, ' ') OR ends_with({raw}, ' ') "
                f"THEN nullif(trim({raw}), '') ELSE nullif({raw}, '') END")

    def text(self, column: str) -> str:
        """A column as trimmed text, NULL when empty."""
        ident, _ = self.columns[column]
        return f"nullif(trim(CAST({ident} AS VARCHAR)), '')"

    def timestamp(self) -> str:
        """The timestamp column as TIMESTAMP: ISO text or day-first text; NULL if unreadable.

        A time with an offset (`Z`, `+02:00`, or a parquet TIMESTAMP WITH TIME ZONE) is
        converted to UTC, one without is read as written, as `cjm.parsing` does for tables."""
        ident, kind = self.columns["timestamp"]
        if kind.upper() == "TIMESTAMP WITH TIME ZONE":
            return f"timezone('UTC', {ident})"
        if kind.upper() != "VARCHAR":
            return f"TRY_CAST({ident} AS TIMESTAMP)"
        formats = ", ".join(f"'{f}'" for f in DAY_FIRST_FORMATS)
        text = f"trim({ident})"
        aware = f"regexp_matches({text}, '{_quote(UTC_OFFSET.pattern)}')"
        return (f"CASE WHEN {aware} THEN timezone('UTC', TRY_CAST({text} AS TIMESTAMPTZ)) "
                f"ELSE coalesce(TRY_CAST({text} AS TIMESTAMP), "
                f"try_strptime({text}, [{formats}])) END")


def _window(window) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(start, excluded end) of a window given as None, a period label or a (start, end) pair."""
    if window is None:
        return None
    if isinstance(window, str):
        from .periods import parse_period

        start, end = parse_period(window)
        return pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    try:
        start, end = window
    except (TypeError, ValueError):
        raise UsageError(f"window must be a period label or a (start, end) pair, "
                         f"not {window!r}") from None
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"window must hold two dates or timestamps, not {window!r}") from exc
    whole_day = (isinstance(end, dt.date) and not isinstance(end, dt.datetime)) or (
        isinstance(end, str) and len(end.strip()) <= 10)
    if whole_day:
        last += pd.Timedelta(days=1)
    if last <= first:
        raise UsageError(f"window ends before it starts: {window!r}")
    return first, last


def _micros(value, name: str) -> int:
    try:
        delta = pd.Timedelta(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{name} must be a duration such as '10 minutes' or '1 day', "
                         f"not {value!r}") from exc
    if pd.isna(delta) or delta <= pd.Timedelta(0):
        raise UsageError(f"{name} must be a positive duration, not {value!r}")
    return int(delta / pd.Timedelta(microseconds=1))


def _default_memory_limit() -> str:
    """About 60% of the machine's memory, for DuckDB (it spills the rest to disk)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "2GB"
    return f"{max(int(total * 0.6) // (1 << 20), 256)}MB"


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

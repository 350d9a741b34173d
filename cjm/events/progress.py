"""Behavioural drivers: how customers who meet a touchpoint go on, against those who do not.

For each contact a customer starts (a contact the company sends follows from what the customer
did, as an order confirmation follows the order, and back-stage work is never met: both are left
out), among the customers of the window who reached its stage (an event there), those who met it
against those who did not, on three outcomes:
- `progress`: reached a later stage (optional stages aside: skipping a return is not leaving);
- `conversion`: reached the last stage a customer must reach;
- `days`: days from their first event at the stage to their first at a later stage, among
  those who went on.

Comparable customers: the comparison is made within each persona (the persona of a customer's
first event; "(unknown)" is a group too) and the persona differences are averaged with the mix of
the customers who met the touchpoint, so a touchpoint that one persona meets more is not
credited with that persona's habits. The `_not_met` figures are those of the customers who did
not meet it, taken in that same mix. Intervals (95 %) lie around the mix-weighted difference,
with Agresti-Caffo's variance for a difference of rates (one success and one failure added to
each side) and Welch's for a difference of mean days, combined over personas. A touchpoint
"goes with leaving" when the whole interval of its progress difference is below 0, "goes with
progress" when it is above.

`farthest_stages` says how far given customers went: the survey's and the barometer's answers
join the journeys through their `customer_id` (`cjm.steps.survey.answers_by_journey`).

This is association, not cause: customers who meet a touchpoint differ from those who do not in
ways the log does not show (a customer who calls about a late parcel already has a problem).
A touchpoint is compared when at least MIN_CUSTOMERS customers are on each side; one at the last
stage a customer must reach, or after it, has no later stage to reach ("last_stage").
"""

from __future__ import annotations

import math
from statistics import NormalDist

import pandas as pd

from ..periods import window_bounds
from ..project.eventlog import LogSource
from ..project.model import as_project
from ..project.warehouse import log_table
from .analysis import duckdb_connection, log_path, touchpoint_codes
from .coding import code_dimensions, coded_events, window_clause
from .portable import farthest_reached, progress_tallies

MIN_CUSTOMERS = 30
CONFIDENCE = 0.95
OUTCOMES = ("progress", "conversion", "days")
BEHAVIOUR_COLUMNS = [
    "touchpoint_id", "name", "stage", "customers", "customers_met", "customers_not_met",
    "progress_met", "progress_not_met", "progress_diff", "progress_low", "progress_high",
    "conversion_met", "conversion_not_met", "conversion_diff", "conversion_low",
    "conversion_high", "days_met", "days_not_met", "days_diff", "days_low", "days_high",
    "flag", "status"]
FLAGS = ("goes_with_leaving", "goes_with_progress")
_SUMS = ["n", "progressed", "converted", "timed", "days", "days2"]


def behavioural_drivers(project, window=None, *, memory_limit: str | None = None,
                        table=None) -> pd.DataFrame:
    """Each contact customers start compared as the module says, in touchpoints.csv's
    order; empty (with its columns) when the project has no event log. `window`: None (every
    event), a period label or a (start, end) pair, as `cjm.events.analyze` takes it. The last
    KEPT results are kept for the process, keyed by the log file's size and modification time,
    the window and the touchpoints (a review's notebooks ask for the same one again). A log on
    an engine (`events:` in project.yaml), or `table` (an Ibis table), is compared by that
    engine (`cjm.events.portable.progress_tallies`), afresh each time: it has no file date."""
    project = as_project(project)
    stages = project.stages
    required = [i for i, stage in enumerate(stages) if stage not in project.config.optional_stages]
    last = max(required) if required else -1
    tps = touchpoint_codes(project)
    bounds = window_bounds(window)
    if table is not None or project.config.events is not None:  # run where the log is
        if table is None:
            table = log_table(project.config.events, project.path)
        exposed, totals = progress_tallies(table, tps, required, last, bounds)
        return _compare(project, tps, exposed, totals, last)
    path = log_path(project, None, missing_ok=True)
    if path is None:
        return pd.DataFrame(columns=BEHAVIOUR_COLUMNS)
    state = path.stat()
    key = (str(path.resolve()), state.st_size, state.st_mtime_ns, bounds, tuple(stages),
           tuple(required), tuple(project.touchpoints["touchpoint_id"].astype(str)),
           tuple(tps[["touchpoint_id", "name", "stage_idx", "inbound"]].itertuples(
               index=False, name=None)))
    if key not in _KEPT:
        with duckdb_connection(memory_limit) as (con, _):
            log = LogSource(con, path, numbered=False)
            personas = code_dimensions(con, log, tps)
            exposed, totals = _tallies(con, log, personas, tps, stages, required, last, bounds)
        _KEPT[key] = _compare(project, tps, exposed, totals, last)
        while len(_KEPT) > KEPT:
            _KEPT.pop(next(iter(_KEPT)))
    return _KEPT[key].copy()


KEPT = 4  # comparisons kept per process
_KEPT: dict[tuple, pd.DataFrame] = {}


def _tallies(con, log: LogSource, personas: dict, tps: pd.DataFrame, stages, required, last,
             bounds):
    """Per (touchpoint, persona) the sums of the customers who met it, and per (stage,
    persona) those of every customer who reached the stage."""
    con.register("stage_frame", pd.DataFrame({
        "stage": range(len(stages)),
        "required": [i in required for i in range(len(stages))]}))
    con.execute("CREATE TEMP TABLE stage_rules AS SELECT * FROM stage_frame")
    con.unregister("stage_frame")
    con.register("tp_frame", tps[["tp", "stage_idx"]].astype("int64"))
    con.execute("CREATE TEMP TABLE tp_stages AS SELECT tp::SMALLINT AS tp, stage_idx AS stage "
                "FROM tp_frame")
    con.unregister("tp_frame")
    con.execute(f"""
        CREATE TEMP TABLE events AS
        SELECT hash(c.cust) AS cust, c.ts, c.tp, c.persona, s.stage
        FROM ({coded_events(log, personas)}) c JOIN tp_stages s ON c.tp = s.tp
        WHERE c.cust IS NOT NULL AND c.ts IS NOT NULL {window_clause(con, bounds)}""")
    con.execute(f"""
        CREATE TEMP TABLE reached AS
        WITH firsts AS (
            SELECT cust, stage, min(ts) AS first_ts FROM events GROUP BY cust, stage
        ), personas AS (
            SELECT cust, arg_min(persona, (ts, tp, persona)) AS persona FROM events
            GROUP BY cust
        ), later AS (
            SELECT f.cust, f.stage, f.first_ts,
                   min(CASE WHEN r.required THEN f.first_ts END) OVER (
                       PARTITION BY f.cust ORDER BY f.stage DESC
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_ts,
                   max(CASE WHEN f.stage = {last} THEN 1 ELSE 0 END) OVER (
                       PARTITION BY f.cust) AS converted
            FROM firsts f JOIN stage_rules r ON f.stage = r.stage
        )
        SELECT l.cust, l.stage, p.persona,
               (l.next_ts IS NOT NULL)::INTEGER AS progressed, l.converted,
               CASE WHEN l.next_ts >= l.first_ts
                    THEN epoch(l.next_ts - l.first_ts) / 86400.0 END AS days
        FROM later l JOIN personas p ON l.cust = p.cust""")
    sums = """count(*) AS n, sum(progressed) AS progressed, sum(converted) AS converted,
              count(days) AS timed, coalesce(sum(days), 0) AS days,
              coalesce(sum(days * days), 0) AS days2"""
    totals = con.sql(f"SELECT stage, persona, {sums} FROM reached GROUP BY ALL").df()
    exposed = con.sql(f"""
        WITH met AS (SELECT DISTINCT cust, tp, stage FROM events)
        SELECT m.tp, r.persona, {sums}
        FROM met m JOIN reached r ON m.cust = r.cust AND m.stage = r.stage
        GROUP BY ALL""").df()
    return exposed, totals


def _compare(project, tps: pd.DataFrame, exposed: pd.DataFrame, totals: pd.DataFrame,
             last: int) -> pd.DataFrame:
    by_stage = {stage: group.set_index("persona")[_SUMS].astype(float)
                for stage, group in totals.groupby("stage")}
    by_tp = {tp: group.set_index("persona")[_SUMS].astype(float)
             for tp, group in exposed.groupby("tp")}
    order = project.touchpoints["touchpoint_id"].tolist()
    rows = []
    for tp in tps[tps["inbound"]].sort_values("touchpoint_id").itertuples():
        met = by_tp.get(tp.tp)
        reached = by_stage.get(tp.stage_idx)
        row = {"touchpoint_id": tp.touchpoint_id, "name": tp.name,
               "stage": project.stages[tp.stage_idx]}
        rows.append(row | _row(met, reached, tp.stage_idx >= last))
    frame = pd.DataFrame(rows, columns=BEHAVIOUR_COLUMNS)
    frame["_order"] = frame["touchpoint_id"].map({tp: i for i, tp in enumerate(order)})
    frame = frame.sort_values("_order", kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True).astype(
        {"customers": "int64", "customers_met": "int64", "customers_not_met": "int64"})


def _row(met: pd.DataFrame | None, reached: pd.DataFrame | None, at_end: bool) -> dict:
    empty = dict.fromkeys(BEHAVIOUR_COLUMNS[6:-2], math.nan) | {"flag": ""}
    if reached is None:
        return {"customers": 0, "customers_met": 0, "customers_not_met": 0, **empty,
                "status": "too_few"}
    met = (met if met is not None else reached.iloc[0:0]).reindex(reached.index, fill_value=0)
    other = reached - met
    counts = {"customers": int(reached["n"].sum()), "customers_met": int(met["n"].sum()),
              "customers_not_met": int(other["n"].sum())}
    if at_end:
        return counts | empty | {"status": "last_stage"}
    both = (met["n"] > 0) & (other["n"] > 0)
    met, other = met[both], other[both]
    if met["n"].sum() < MIN_CUSTOMERS or other["n"].sum() < MIN_CUSTOMERS:
        return counts | empty | {"status": "too_few"}
    mix = met["n"] / met["n"].sum()
    result = counts | {"status": "compared"}
    for outcome in ("progress", "conversion"):
        column = "progressed" if outcome == "progress" else "converted"
        rate_met, rate_other, low, high = _rates(met[column], met["n"], other[column],
                                                 other["n"], mix)
        result |= {f"{outcome}_met": rate_met, f"{outcome}_not_met": rate_other,
                   f"{outcome}_diff": rate_met - rate_other, f"{outcome}_low": low,
                   f"{outcome}_high": high}
    result |= _days(met, other)
    result["flag"] = ("goes_with_leaving" if result["progress_high"] < 0 else
                      "goes_with_progress" if result["progress_low"] > 0 else "")
    return result


def _rates(x1, n1, x0, n0, mix) -> tuple[float, float, float, float]:
    """Mix-weighted rates of both sides and the interval of their difference: around the
    difference, with Agresti-Caffo's variance (one success and one failure added to each
    side, so that a persona where every customer went on still has a spread)."""
    z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
    p1, p0 = x1 / n1, x0 / n0
    a1, a0 = (x1 + 1) / (n1 + 2), (x0 + 1) / (n0 + 2)
    centre = float((mix * (p1 - p0)).sum())
    half = z * math.sqrt(float((mix ** 2 * (a1 * (1 - a1) / (n1 + 2)
                                            + a0 * (1 - a0) / (n0 + 2))).sum()))
    return float((mix * p1).sum()), float((mix * p0).sum()), centre - half, centre + half


def _days(met: pd.DataFrame, other: pd.DataFrame) -> dict:
    """Mean days to a later stage on each side (mix of the timed customers who met it) and
    Welch's interval of the difference; empty when a side has fewer than MIN_CUSTOMERS."""
    keep = (met["timed"] >= 2) & (other["timed"] >= 2)
    met, other = met[keep], other[keep]
    nothing = {"days_met": math.nan, "days_not_met": math.nan, "days_diff": math.nan,
               "days_low": math.nan, "days_high": math.nan}
    if met["timed"].sum() < MIN_CUSTOMERS or other["timed"].sum() < MIN_CUSTOMERS:
        return nothing
    mix = met["timed"] / met["timed"].sum()
    mean1, mean0 = met["days"] / met["timed"], other["days"] / other["timed"]
    var1 = (met["days2"] - met["timed"] * mean1 ** 2) / (met["timed"] - 1)
    var0 = (other["days2"] - other["timed"] * mean0 ** 2) / (other["timed"] - 1)
    spread = float((mix ** 2 * (var1.clip(lower=0) / met["timed"]
                                + var0.clip(lower=0) / other["timed"])).sum())
    diff = float((mix * (mean1 - mean0)).sum())
    half = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2) * math.sqrt(spread)
    return {"days_met": float((mix * mean1).sum()), "days_not_met": float((mix * mean0).sum()),
            "days_diff": diff, "days_low": diff - half, "days_high": diff + half}


def flagged(frame: pd.DataFrame, flag: str = "goes_with_leaving") -> pd.DataFrame:
    """The touchpoints of `behavioural_drivers` carrying `flag`, the largest gap first."""
    chosen = frame[frame["flag"] == flag]
    return chosen.sort_values("progress_diff", ascending=flag == "goes_with_leaving",
                              kind="stable").reset_index(drop=True)


def behaviour_summary(frame: pd.DataFrame) -> list[dict]:
    """What `summary.json` says of the behavioural drivers: the flagged touchpoints, those
    going with leaving first (largest gap first), each with its difference and interval."""
    rows = pd.concat([flagged(frame, flag) for flag in FLAGS], ignore_index=True)
    return rows[["touchpoint_id", "name", "stage", "flag", "customers_met",
                 "customers_not_met", "progress_diff", "progress_low", "progress_high"]
                ].to_dict("records")


def farthest_stages(project, customers, window=None, *, memory_limit: str | None = None
                    ) -> pd.DataFrame:
    """For each of `customers` (ids as the log writes them) found in the log's window: the
    farthest stage a customer must reach that they reached (`farthest`, its name) and whether
    it is the last one (`converted`). Customers the log does not hold are left out."""
    project = as_project(project)
    path = log_path(project, None, missing_ok=True)
    wanted = pd.DataFrame({"customer_id": pd.Series(
        sorted({str(c).strip() for c in customers if isinstance(c, str) and c.strip()}),
        dtype=object)})
    columns = ["customer_id", "farthest", "converted"]
    settings = project.config.events
    if (path is None and settings is None) or wanted.empty:
        return pd.DataFrame(columns=columns)
    stages = project.stages
    required = [i for i, stage in enumerate(stages) if stage not in project.config.optional_stages]
    tps = touchpoint_codes(project)
    bounds = window_bounds(window)
    if settings is not None:
        found = farthest_reached(log_table(settings, project.path), tps, bounds,
                                 list(wanted["customer_id"]))
    else:
        found = _reached_locally(path, tps, bounds, wanted, memory_limit)
    last = max(required) if required else -1
    farthest = [max((i for i in reached if i in required), default=None)
                for reached in found["reached"]]
    frame = pd.DataFrame({"customer_id": found["customer_id"],
                          "farthest": [stages[i] if i is not None else None for i in farthest],
                          "converted": [i == last for i in farthest]})
    return frame.dropna(subset=["farthest"]).sort_values("customer_id").reset_index(drop=True)


def _reached_locally(path, tps, bounds, wanted: pd.DataFrame, memory_limit) -> pd.DataFrame:
    """customer_id, reached (the stage indexes a customer had events at) from a local log."""
    with duckdb_connection(memory_limit) as (con, _):
        log = LogSource(con, path, numbered=False)
        personas = code_dimensions(con, log, tps)
        con.register("tp_frame", tps[["tp", "stage_idx"]].astype("int64"))
        con.register("wanted", wanted)
        found = con.sql(f"""
            SELECT w.customer_id, list(DISTINCT s.stage_idx) AS reached
            FROM ({coded_events(log, personas)}) c JOIN wanted w ON c.cust = w.customer_id
            JOIN tp_frame s ON c.tp = s.tp
            WHERE c.ts IS NOT NULL {window_clause(con, bounds)}
            GROUP BY w.customer_id""").df()
    return found

"""The event analysis as Ibis expressions, run by the engine that holds the log (Spark,
Postgres, BigQuery, Snowflake, Trino, DuckDB...): only small grouped frames come back.

The same counts as the local pass (`cjm.events.sequence`), so that `result_frames` builds the
same frames from them. Each customer's events are ordered by timestamp, then touchpoint, then
persona (a tie-breaker, so that no engine picks its own order). `lead` is given no frame of
ours: Ibis writes none, or the whole partition where an engine's lead works within the frame
(ClickHouse's leadInFrame), never the default running frame that would leave it empty.
Quantiles are exact where Ibis compiles them to an exact function (`EXACT_QUANTILES`: DuckDB's
`quantile_cont`, Spark's `percentile`, Postgres' and Snowflake's `percentile_cont`: linear
interpolation, as the local path); elsewhere (BigQuery, Trino, SQL Server, ClickHouse...) they
are the engine's approximate ones, and the analysis says so.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from ..project.warehouse import normalised, quiet
from .frames import UNKNOWN_PERSONA
from .sequence import zeroed_counters

EXACT_QUANTILES = ("duckdb", "pyspark", "databricks", "postgres", "snowflake", "oracle",
                   "exasol", "risingwave")
CACHED = ("pyspark",)  # engines whose coded events are cached between the queries


def exact_quantiles(table) -> bool:
    """Whether the engine of `table` computes exact quantiles through Ibis."""
    import ibis

    return ibis.get_backend(table).name in EXACT_QUANTILES


def coded_events(table, tps: pd.DataFrame, bounds):
    """(matched, unmatched): the log's events in `bounds` with a customer and a time, those
    of a declared touchpoint with its code, stage, channel and `inbound`, the others with
    their raw id."""
    import ibis

    events = normalised(table)
    events = events.filter(events.cust.notnull(), events.ts.notnull())
    if bounds:
        events = events.filter(events.ts >= bounds[0].to_pydatetime(),
                               events.ts < bounds[1].to_pydatetime())
    declared = ibis.memtable(pd.DataFrame({
        "label": tps["touchpoint_id"].astype(str).to_numpy(object),
        "tp": tps["tp"].astype("int64").to_numpy(),
        "stage": tps["stage_idx"].astype("int64").to_numpy(),
        "channel": tps["channel_idx"].astype("int64").to_numpy(),
        "inbound": tps["inbound"].astype(bool).to_numpy()}))
    coded = events.left_join(declared, events.tp_label == declared.label)
    matched = coded.filter(coded.tp.notnull()).select(
        "cust", "ts", "tp", "stage", "channel", "inbound", "persona")
    return matched, coded.filter(coded.tp.isnull())


def event_queries(matched, unmatched, *, switch_us: int, redundant_us: int,
                  exact: bool = True) -> dict:
    """The queries of the analysis, by name, as Ibis expressions (nothing runs here)."""
    import ibis

    order = ibis.window(group_by="cust", order_by=["ts", "tp", "persona"])

    def quantile(column, q):
        return column.quantile(q) if exact else column.approx_quantile(q)

    queries = {"volumes": _volumes(matched)}
    following = matched.mutate(tp2=matched.tp.lead().over(order),
                               stage2=matched.stage.lead().over(order),
                               ts2=matched.ts.lead().over(order))
    following = following.filter(following.tp2.notnull())
    following = following.mutate(us=following.ts2.delta(following.ts, unit="microsecond"))
    changes = following.filter(following.stage != following.stage2)
    for name, pairs, source, target in (("tp_pairs", following, "tp", "tp2"),
                                        ("stage_pairs", changes, "stage", "stage2")):
        queries[name] = pairs.group_by(a=pairs[source], b=pairs[target]).aggregate(
            count=pairs.count(), customers=pairs.cust.nunique(),
            median=quantile(pairs.us, 0.5))

    inbound = matched.filter(matched.inbound)
    inbound = inbound.mutate(stage2=inbound.stage.lead().over(order),
                             channel2=inbound.channel.lead().over(order),
                             ts2=inbound.ts.lead().over(order))
    switch = inbound.filter(inbound.ts2.notnull(), inbound.stage == inbound.stage2,
                            inbound.channel != inbound.channel2,
                            inbound.ts2.delta(inbound.ts, unit="microsecond") <= switch_us)
    queries["switches"] = switch.group_by(a=switch.channel, b=switch.channel2).aggregate(
        count=switch.count(), customers=switch.cust.nunique())

    numbered = matched.select("cust", "ts", "tp", rank=ibis.row_number().over(order))
    first, later = numbered.view(), numbered.view()
    pairs = first.join(later, [first.cust == later.cust, later["rank"] > first["rank"],
                               later.ts.delta(first.ts, unit="microsecond") <= redundant_us,
                               first.tp != later.tp]).select(
        cust=first.cust, a=first.tp, b=later.tp)
    queries["redundant"] = pairs.group_by("a", "b").aggregate(
        count=pairs.count(), customers=pairs.cust.nunique())

    for name, keys in (("spans", ["cust", "stage"]),
                       ("persona_spans", ["cust", "stage", "persona"])):
        spans = matched.group_by(keys).aggregate(first=matched.ts.min(), last=matched.ts.max())
        spans = spans.mutate(us=spans["last"].delta(spans["first"], unit="microsecond"))
        persona = spans.persona if "persona" in keys else ibis.literal(UNKNOWN_PERSONA)
        queries[name] = spans.group_by(stage=spans.stage, persona=persona).aggregate(
            customers=spans.count(), mean=spans.us.mean(), median=quantile(spans.us, 0.5),
            p90=quantile(spans.us, 0.9))

    queries["unmatched"] = unmatched.group_by(
        touchpoint_id=unmatched.tp_label.fill_null("")).aggregate(
        events=unmatched.count(), customers=unmatched.cust.nunique())
    return queries


def portable_tally(table, tps: pd.DataFrame, n_stages: int, n_channels: int, bounds, *,
                   switch_us: int, redundant_us: int) -> tuple:
    """(tally, statistics, persona codes) of the log `table` (an Ibis table), for
    `cjm.events.frames.result_frames`: the counters of `cjm.events.sequence.Tally` and the
    statistics of `spilled_stats`, computed by the table's engine."""
    with quiet():
        matched, unmatched = coded_events(table, tps, bounds)
        cached = _cached(matched)
        try:
            queries = event_queries(cached, unmatched, switch_us=switch_us,
                                    redundant_us=redundant_us, exact=exact_quantiles(table))
            found = {name: query.execute() for name, query in queries.items()}
        finally:
            if cached is not matched:
                cached.release()
    return _tally(found, len(tps), n_stages, n_channels)


def _tally(found: dict, n_tp: int, n_st: int, n_ch: int) -> tuple:
    """The counters and statistics from the frames the queries brought back."""
    volumes = found["volumes"]
    labels = sorted(set(volumes.loc[volumes["level"] == "persona", "label"]) - {UNKNOWN_PERSONA})
    persona_code = {label: code for code, label in enumerate([*labels, UNKNOWN_PERSONA])}
    t = SimpleNamespace(n_events=0, n_customers=0,
                        **zeroed_counters(n_tp, n_st, n_ch, len(persona_code)))
    for row in volumes.itertuples(index=False):
        if row.level == "all":
            t.n_events, t.n_customers = int(row.events), int(row.customers)
        elif row.level == "persona":
            code = persona_code[row.label]
            t.persona_events[code], t.persona_customers[code] = row.events, row.customers
        elif row.level == "persona_stage":
            t.persona_stage[persona_code[row.label] * n_st + int(row.code)] = row.customers
        else:
            getattr(t, f"{row.level}_events")[int(row.code)] = row.events
            getattr(t, f"{row.level}_customers")[int(row.code)] = row.customers
            if row.level == "channel":
                t.channel_inbound[int(row.code)] = row.inbound

    stats = {"unmatched": found["unmatched"]}
    for name, counts, customers, size, stem in (
            ("tp_pairs", "tp_pairs", "tp_pair_customers", n_tp, "gaps"),
            ("stage_pairs", "stage_pairs", "stage_pair_customers", n_st, "stage_gaps"),
            ("switches", "switches", "switch_customers", n_ch, None),
            ("redundant", "redundant", "redundant_customers", n_tp, None)):
        frame = found[name]
        code = frame["a"].astype("int64").to_numpy() * size + frame["b"].astype("int64")
        getattr(t, counts)[code] = frame["count"]
        getattr(t, customers)[code] = frame["customers"]
        if stem:
            stats[stem] = dict(zip(code.tolist(), (frame["median"].astype(float) / 1e6),
                                   strict=True))
    stats["spans"] = {}
    for name, by_persona in (("spans", False), ("persona_spans", True)):
        for row in found[name].itertuples(index=False):
            persona = persona_code[row.persona] if by_persona else -1
            stats["spans"][(persona + 1) * n_st + int(row.stage)] = (
                int(row.customers), float(row.mean) / 1e6, float(row.median) / 1e6,
                float(row.p90) / 1e6)
    return t, stats, persona_code


def progress_tallies(table, tps: pd.DataFrame, required: list[int], last: int, bounds
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(exposed, totals) of `cjm.events.progress` computed by the engine of `table`: per
    (touchpoint, persona) the sums of the customers who met it, per (stage, persona) those of
    every customer who reached the stage; a customer's persona is that of their first event
    (time, touchpoint, then persona id break ties, as the local path does)."""
    import ibis

    with quiet():
        matched, _ = coded_events(table, tps, bounds)
        order = ibis.window(group_by="cust", order_by=["ts", "tp", "persona"])
        firsts = matched.group_by(["cust", "stage"]).aggregate(first_ts=matched.ts.min())
        later = firsts.filter(firsts.stage.isin(required or [-1])).view()
        following = firsts.left_join(later, [firsts.cust == later.cust,
                                             later.stage > firsts.stage]).select(
            cust=firsts.cust, stage=firsts.stage, first_ts=firsts.first_ts,
            later_ts=later.first_ts)
        following = following.group_by(["cust", "stage", "first_ts"]).aggregate(
            next_ts=following.later_ts.min())
        ranked = matched.mutate(rank=ibis.row_number().over(order))
        personas = ranked.filter(ranked["rank"] == 0).select("cust", "persona")
        converted = firsts.group_by("cust").aggregate(
            converted=(firsts.stage == last).cast("int64").max())
        reached = following.join(personas, "cust").join(converted, "cust")
        days = reached.next_ts.delta(reached.first_ts, unit="microsecond") / 86_400e6
        reached = reached.select(
            "cust", "stage", "persona", "converted",
            progressed=reached.next_ts.notnull().cast("int64"),
            days=ibis.ifelse(reached.next_ts >= reached.first_ts, days, ibis.null("float64")))

        def sums(frame):
            return dict(n=frame.count(), progressed=frame.progressed.sum(),
                        converted=frame.converted.sum(), timed=frame.days.count(),
                        days=frame.days.sum().fill_null(0),
                        days2=(frame.days * frame.days).sum().fill_null(0))

        totals = reached.group_by(["stage", "persona"]).aggregate(**sums(reached))
        met = matched.select("cust", "tp", "stage").distinct()
        joined = met.join(reached, ["cust", "stage"])
        exposed = joined.group_by(["tp", "persona"]).aggregate(**sums(joined))
        return exposed.execute(), totals.execute()


def farthest_reached(table, tps: pd.DataFrame, bounds, customers: list[str]) -> pd.DataFrame:
    """customer_id, reached (the stage indexes each of `customers` had events at in
    `bounds`), computed by the engine of `table`; customers the log does not hold are left
    out."""
    import ibis

    with quiet():
        matched, _ = coded_events(table, tps, bounds)
        ids = ibis.memtable(pd.DataFrame({"wanted": pd.Series(customers, dtype=object)}))
        wanted = matched.join(ids, matched.cust == ids.wanted)
        found = wanted.select("cust", "stage").distinct().execute()
    reached = found.groupby("cust")["stage"].agg(lambda stages: sorted(map(int, stages)))
    return pd.DataFrame({"customer_id": list(reached.index), "reached": list(reached)})


def _cached(matched):
    """The coded events kept in Spark's memory for the queries that follow (a third less
    time); elsewhere each query reads the log, as the warehouse's own planner prefers."""
    import ibis

    if ibis.get_backend(matched).name not in CACHED:
        return matched
    matched.limit(0).execute()  # registers the touchpoints' table, which caching skips
    return matched.cache()


def _volumes(matched):
    """Events and customers for everyone, per touchpoint, stage, channel (with its inbound
    events), persona, and customers per persona and stage: one query."""
    import ibis

    def level(name, code=None, label=None, inbound=False):
        keys = {}
        if code is not None:
            keys["code"] = matched[code].cast("int64")
        if label is not None:
            keys["label"] = matched[label].cast("string")
        grouped = matched.group_by(**keys) if keys else matched
        found = grouped.aggregate(
            events=matched.count(), customers=matched.cust.nunique(),
            inbound=(matched.inbound.cast("int64").sum() if inbound
                     else ibis.literal(0, "int64")))
        return found.mutate(
            level=ibis.literal(name),
            **({} if code is not None else {"code": ibis.null("int64")}),
            **({} if label is not None else {"label": ibis.null("string")})).select(
            "level", "code", "label", "events", "customers", "inbound")

    return ibis.union(level("all"), level("tp", code="tp"), level("stage", code="stage"),
                      level("channel", code="channel", inbound=True),
                      level("persona", label="persona"),
                      level("persona_stage", code="stage", label="persona"))

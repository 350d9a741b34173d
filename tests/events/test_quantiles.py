"""`cjm.events.quantiles`: exact medians and percentiles by key, computed by DuckDB while the
values fit in memory (QUANTILES_IN_MEMORY) and picked from one sorted stream (in batches of
BATCH) beyond; both ways give the same numbers, on hand-computed values and in a whole
analysis checked against a plain pandas computation."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

import cjm.events.coding
import cjm.events.quantiles
from cjm import load_project
from cjm.events import analyze
from cjm.events.quantiles import quantiles

MINI_TOUCHPOINTS = ["T1", "T2", "T3", "T4", "T5", "T6"]
S = 10**6  # microseconds in a second
WAYS = pytest.mark.parametrize("in_memory", [20_000_000, 0], ids=["quantiles", "sorted-stream"])


@pytest.fixture
def values():
    """A DuckDB table `spans` (key, us): key 1 holds 1, 2, 4 and 10 s, key 2 holds 3 s, key 3
    holds 1 and 2 microseconds."""
    con = duckdb.connect()
    con.execute("CREATE TABLE spans (key INTEGER, us BIGINT)")
    con.execute(f"INSERT INTO spans VALUES (1, {10 * S}), (2, {3 * S}), (1, {2 * S}), (3, 2), "
                f"(1, {1 * S}), (3, 1), (1, {4 * S})")
    yield con
    con.close()


@WAYS
def test_count_mean_and_quantiles_per_key_in_seconds(values, monkeypatch, in_memory):
    monkeypatch.setattr(cjm.events.quantiles, "QUANTILES_IN_MEMORY", in_memory)
    monkeypatch.setattr(cjm.events.quantiles, "BATCH", 2)  # wanted ranks across batches
    got = quantiles(values, "spans", "key", (0.5, 0.9), 7)
    # key 1: median between 2 and 4; p90 at rank 2.7: 4 + 0.7 * (10 - 4)
    assert got == {1: (4, pytest.approx(4.25), pytest.approx(3.0), pytest.approx(8.2)),
                   2: (1, 3.0, 3.0, 3.0),
                   3: (2, pytest.approx(1.5e-6), pytest.approx(1.5e-6), pytest.approx(1.9e-6))}


def test_both_ways_agree_on_many_keys(monkeypatch):
    con = duckdb.connect()
    con.execute("CREATE TABLE gaps AS SELECT (i * 7919) % 13 AS code, (i * 104729) % 1000003 "
                "AS us FROM range(5000) t(i)")
    wanted = (0.1, 0.5, 0.9, 1.0)
    in_memory = quantiles(con, "gaps", "code", wanted, 5000)
    monkeypatch.setattr(cjm.events.quantiles, "QUANTILES_IN_MEMORY", 4999)
    monkeypatch.setattr(cjm.events.quantiles, "BATCH", 97)
    streamed = quantiles(con, "gaps", "code", wanted, 5000)
    frame = con.execute("SELECT code, us FROM gaps").df()
    con.close()
    assert set(streamed) == set(in_memory) == set(range(13))
    for code, group in frame.groupby("code")["us"]:
        plain = (len(group), group.mean() / S, *(group.quantile(q) / S for q in wanted))
        assert streamed[code] == pytest.approx(plain, rel=1e-12)
        assert in_memory[code] == pytest.approx(plain, rel=1e-12)


def reference(log: pd.DataFrame, project, within_us: int, switch_us: int) -> dict:
    """The outputs of analyze computed the slow, obvious way with pandas, for cross-checks."""
    tps = project.touchpoints.set_index("touchpoint_id")
    log = log.assign(stage=log["touchpoint_id"].map(tps["stage"].astype(str)),
                     channel=log["touchpoint_id"].map(tps["channel"].astype(str)))
    log = log.sort_values(["customer_id", "timestamp", "touchpoint_id"], kind="stable")
    out = {"events": log.groupby("touchpoint_id").size().to_dict(),
           "customers": log.groupby("touchpoint_id")["customer_id"].nunique().to_dict()}
    prev = log.groupby("customer_id").shift(1)
    pairs = log.assign(a=prev["touchpoint_id"], gap=(log["timestamp"] - prev["timestamp"])
                       .dt.total_seconds(), prev_stage=prev["stage"],
                       prev_channel=prev["channel"]).dropna(subset=["a"])
    grouped = pairs.groupby(["a", "touchpoint_id"])
    out["transitions"] = {k: (len(g), g["customer_id"].nunique(), float(g["gap"].median()))
                          for k, g in grouped}
    switch = pairs[(pairs["prev_stage"] == pairs["stage"])
                   & (pairs["prev_channel"] != pairs["channel"])
                   & (pairs["gap"] * 1e6 <= switch_us)]
    out["switches"] = {k: (len(g), g["customer_id"].nunique())
                       for k, g in switch.groupby(["prev_channel", "channel"])}
    red = {}
    for customer, events in log.groupby("customer_id"):
        rows_ = list(events[["touchpoint_id", "timestamp"]].itertuples(index=False))
        for i, (a, ta) in enumerate(rows_):
            for b, tb in rows_[i + 1:]:
                if (tb - ta).total_seconds() * 1e6 <= within_us and a != b:
                    red.setdefault((a, b), [0, set()])
                    red[(a, b)][0] += 1
                    red[(a, b)][1].add(customer)
    out["redundancy"] = {k: (len(c), n) for k, (n, c) in red.items()}
    spans = log.groupby(["customer_id", "stage"])["timestamp"].agg(["min", "max"])
    spans = (spans["max"] - spans["min"]).dt.total_seconds().groupby(level="stage")
    out["durations"] = {s: (len(d), round(d.median(), 6), round(d.quantile(0.9), 6))
                        for s, d in spans}
    return out


@WAYS
def test_many_batches_agree_with_a_plain_computation(mini, monkeypatch, in_memory):
    """Batches of 7 events split customers across batches and threads; nothing may change,
    whether DuckDB computes the medians or they are picked from a sorted stream."""
    rng = np.random.default_rng(7)
    n = 3000
    log = pd.DataFrame({
        "customer_id": [f"K{i:03d}" for i in rng.integers(0, 300, n)],
        # minutes on one day: many ties and many pairs within ten minutes
        "timestamp": pd.Timestamp("2026-03-01") + pd.to_timedelta(rng.integers(0, 600, n),
                                                                  unit="min"),
        "touchpoint_id": rng.choice(MINI_TOUCHPOINTS, n),
        "persona_id": rng.choice(["P1", "P2"], n)})
    log.to_parquet(mini / "events.parquet", index=False)
    project = load_project(mini)
    monkeypatch.setattr(cjm.events.coding, "BATCH", 7)  # the sorted event stream
    monkeypatch.setattr(cjm.events.quantiles, "BATCH", 7)  # the sorted durations
    monkeypatch.setattr(cjm.events.quantiles, "QUANTILES_IN_MEMORY", in_memory)
    result = analyze(project, switch_within="20 minutes")
    want = reference(log, project, within_us=10 * 60 * 10**6, switch_us=20 * 60 * 10**6)

    touchpoints = result.volumes[result.volumes["level"] == "touchpoint"].set_index("key")
    assert touchpoints["events"].to_dict() == want["events"]
    assert touchpoints["customers"].to_dict() == want["customers"]
    assert (result.n_events, result.n_customers) == (n, log["customer_id"].nunique())
    got = {(r.source, r.target): (r.count, r.customers, r.median_seconds)
           for r in result.transitions[result.transitions["level"] == "touchpoint"]
           .itertuples()}
    assert got == want["transitions"] and len(got) == 36
    assert {(r.from_channel, r.to_channel): (r.switches, r.customers)
            for r in result.channel_switches.itertuples()} == want["switches"]
    assert {(r.touchpoint_a, r.touchpoint_b): (r.customers, r.pairs)
            for r in result.redundancy.itertuples()} == want["redundancy"]
    durations = result.stage_durations[result.stage_durations["persona_id"] == "all"]
    assert {r.stage: (r.customers, round(r.median_seconds, 6), round(r.p90_seconds, 6))
            for r in durations.itertuples()} == want["durations"]



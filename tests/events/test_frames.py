"""`cjm.events.frames`: the result tables of an analysis from the counters of the pass and the
spilled gaps and spans. Counters set by hand for a tiny journey (no log read, no pass run), so
each number, order and column can be checked exactly.

The journey: stages Discover and Buy, channels Web and Phone; touchpoints T1 Home (Discover,
Web), T2 Pay (Buy, Web), T3 Call (Buy, Phone), T4 Hotline (Discover, Phone: never used);
personas P1 and P2 declared, X9 found only in the log, and the unknown one. Customers:
c1 (P1) T1 at 0 s, T2 at 60 s, T3 at 90 s; c2 (X9) T1 at 0 s and 30 s; c3 (unknown) T2.
The log also held the undeclared T99 twice for c2 and Z once for c3.
"""

from __future__ import annotations

from types import SimpleNamespace

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cjm.events.frames import ALL_PERSONAS, UNKNOWN_PERSONA, result_frames, spilled_stats
from cjm.events.sequence import SPILLS, UNMATCHED

S = 10**6  # microseconds in a second
PERSONA_CODES = {"P1": 0, "P2": 1, "X9": 2, UNKNOWN_PERSONA: 3}
TOUCHPOINTS = pd.DataFrame({  # `tp`: the code, by rank of touchpoint_id
    "touchpoint_id": ["T1", "T2", "T3", "T4"], "tp": [0, 1, 2, 3],
    "name": ["Home", "Pay", "Call", "Hotline"], "stage_idx": [0, 1, 1, 0],
    "channel_idx": [0, 0, 1, 1]})


def at(size: int, **cells) -> np.ndarray:
    """A counter of `size` zeros, with `c5=2` setting code 5 to 2."""
    counter = np.zeros(size, np.int64)
    for name, value in cells.items():
        counter[int(name[1:])] = value
    return counter


def tally() -> SimpleNamespace:
    """The counters the pass leaves for the journey above."""
    pairs = at(16, c0=1, c1=1, c6=1)  # T1->T1, T1->T2, T2->T3 (code before * 4 + after)
    later = at(16, c1=1, c2=1, c6=1)  # T1 then T2, T1 then T3, T2 then T3
    return SimpleNamespace(
        n_events=6, n_customers=3,
        tp_events=np.array([3, 2, 1, 0]), tp_customers=np.array([2, 2, 1, 0]),
        stage_events=np.array([3, 3]), stage_customers=np.array([2, 2]),
        channel_events=np.array([5, 1]), channel_customers=np.array([3, 1]),
        channel_inbound=np.array([5, 1]),
        persona_events=np.array([3, 0, 2, 1]), persona_customers=np.array([1, 0, 1, 1]),
        persona_stage=np.array([1, 1, 0, 0, 1, 0, 0, 1]),  # persona x stage: customers
        tp_pairs=pairs, tp_pair_customers=pairs.copy(),
        stage_pairs=at(4, c1=1), stage_pair_customers=at(4, c1=1),  # Discover -> Buy
        switches=at(4, c1=1), switch_customers=at(4, c1=1),  # Web -> Phone at Buy
        redundant=later, redundant_customers=later.copy())


@pytest.fixture
def spill(tmp_path):
    """The spill folder of the pass: gaps, stage gaps, spans and unmatched events."""
    def write(name, schema, **columns):
        pq.write_table(pa.table(columns, schema=schema), tmp_path / name)

    write("gaps-0.parquet", SPILLS["gaps"], code=[1, 6, 0], us=[60 * S, 30 * S, 30 * S])
    write("stage_gaps-0.parquet", SPILLS["stage_gaps"], code=[1], us=[60 * S])
    # persona -1 is everyone: c1 Discover, c1 Buy, c2 Discover, c3 Buy; then per persona code
    write("spans-0.parquet", SPILLS["spans"], persona=[-1, -1, -1, -1, 0, 0, 2, 3],
          stage=[0, 1, 0, 1, 0, 1, 0, 1], us=[0, 30 * S, 30 * S, 0, 0, 30 * S, 30 * S, 0])
    write("unmatched.parquet", UNMATCHED, cust=[2, 2, 3], unknown=["T99", "T99", "Z"])
    return tmp_path


def project(optional=()) -> SimpleNamespace:
    return SimpleNamespace(stages=["Discover", "Buy"], channels=["Web", "Phone"],
                           personas=pd.DataFrame({"persona_id": ["P1", "P2"]}),
                           config=SimpleNamespace(optional_stages=list(optional)))


def frames(spill, optional=(), min_redundant=1) -> dict:
    con = duckdb.connect()
    try:
        counts = tally()
        stats = spilled_stats(con, counts, spill, len(project().stages))
        return result_frames(counts, stats, PERSONA_CODES, TOUCHPOINTS, project(optional),
                             min_redundant)
    finally:
        con.close()


@pytest.fixture
def result(spill):
    return frames(spill)


def test_volumes_list_every_declared_key_then_the_personas_found(result, rows):
    third = round(1 / 3, 6)
    assert rows(result["volumes"]) == [
        ("touchpoint", "T1", "Home", 3, 2, round(2 / 3, 6)),
        ("touchpoint", "T4", "Hotline", 0, 0, 0.0),  # journey order: stage, then id
        ("touchpoint", "T2", "Pay", 2, 2, round(2 / 3, 6)),
        ("touchpoint", "T3", "Call", 1, 1, third),
        ("stage", "Discover", "Discover", 3, 2, round(2 / 3, 6)),
        ("stage", "Buy", "Buy", 3, 2, round(2 / 3, 6)),
        ("channel", "Web", "Web", 5, 3, 1.0),
        ("channel", "Phone", "Phone", 1, 1, third),
        ("persona", "P1", "P1", 3, 1, third),
        ("persona", "P2", "P2", 0, 0, 0.0),
        ("persona", "X9", "X9", 2, 1, third),
        ("persona", UNKNOWN_PERSONA, UNKNOWN_PERSONA, 1, 1, third),
    ]
    assert (result["n_events"], result["n_customers"]) == (6, 3)


def test_transitions_by_count_then_journey_order_with_median_gaps(result, rows):
    assert list(result["transitions"].columns) == ["level", "source", "target", "count",
                                                   "customers", "median_seconds"]
    assert rows(result["transitions"]) == [
        ("touchpoint", "T1", "T1", 1, 1, 30.0),
        ("touchpoint", "T1", "T2", 1, 1, 60.0),
        ("touchpoint", "T2", "T3", 1, 1, 30.0),
        ("stage", "Discover", "Buy", 1, 1, 60.0),
    ]


def test_funnel_for_everyone_then_each_persona_present(result, rows):
    # P2 has no customer: no group; a stage nobody reached and the last stage have no drop-off
    assert rows(result["funnel"]) == [
        (ALL_PERSONAS, "Discover", False, 2, round(2 / 3, 6), 0.0),
        (ALL_PERSONAS, "Buy", False, 2, round(2 / 3, 6), None),
        ("P1", "Discover", False, 1, 1.0, 0.0),
        ("P1", "Buy", False, 1, 1.0, None),
        ("X9", "Discover", False, 1, 1.0, 1.0),
        ("X9", "Buy", False, 0, 0.0, None),
        (UNKNOWN_PERSONA, "Discover", False, 0, 0.0, None),
        (UNKNOWN_PERSONA, "Buy", False, 1, 1.0, None),
    ]


def test_an_optional_stage_is_marked_and_has_no_drop_off(spill, rows):
    funnel = frames(spill, optional=["Buy"])["funnel"]
    # Discover's next stage to reach would be after Buy: there is none
    assert rows(funnel[funnel["persona_id"] == ALL_PERSONAS]) == [
        (ALL_PERSONAS, "Discover", False, 2, round(2 / 3, 6), None),
        (ALL_PERSONAS, "Buy", True, 2, round(2 / 3, 6), None)]


def test_switch_rate_is_per_inbound_event_of_the_first_channel(result, rows):
    assert rows(result["channel_switches"]) == [("Web", "Phone", 1, 1, 0.2)]


def test_redundancy_with_share_of_a_and_the_minimum_of_customers(spill, result, rows):
    assert rows(result["redundancy"]) == [
        ("T1", "Home", "T2", "Pay", 1, 1, 0.5),
        ("T1", "Home", "T3", "Call", 1, 1, 0.5),
        ("T2", "Pay", "T3", "Call", 1, 1, 0.5),
    ]
    none = frames(spill, min_redundant=2)["redundancy"]
    assert none.empty and list(none.columns) == list(result["redundancy"].columns)


def test_stage_durations_for_everyone_then_each_persona(result, rows):
    assert list(result["stage_durations"].columns) == [
        "persona_id", "stage", "customers", "median_seconds", "mean_seconds", "p90_seconds"]
    assert rows(result["stage_durations"]) == [
        (ALL_PERSONAS, "Discover", 2, 15.0, 15.0, 27.0),  # 0 s and 30 s
        (ALL_PERSONAS, "Buy", 2, 15.0, 15.0, 27.0),
        ("P1", "Discover", 1, 0.0, 0.0, 0.0),
        ("P1", "Buy", 1, 30.0, 30.0, 30.0),
        ("X9", "Discover", 1, 30.0, 30.0, 30.0),
        (UNKNOWN_PERSONA, "Buy", 1, 0.0, 0.0, 0.0),
    ]


def test_unmatched_and_unseen_touchpoints(result, rows):
    assert rows(result["unmatched"]) == [("T99", 2, 1), ("Z", 1, 1)]
    assert rows(result["unseen"]) == [("T4", "Hotline", "Discover", "Phone")]


def test_counts_are_int64_and_texts_strings(result):
    def kind(dtype) -> str:  # "text" for object and str columns alike (pandas 2 and 3)
        return "text" if pd.api.types.is_string_dtype(dtype) else str(dtype)

    kinds = {name: {column: kind(dtype) for column, dtype in result[name].dtypes.items()}
             for name in ("volumes", "transitions", "funnel", "channel_switches", "redundancy",
                          "stage_durations", "unmatched", "unseen")}
    assert kinds == {
        "volumes": {"level": "text", "key": "text", "name": "text", "events": "int64",
                    "customers": "int64", "reach": "float64"},
        "transitions": {"level": "text", "source": "text", "target": "text", "count": "int64",
                        "customers": "int64", "median_seconds": "float64"},
        "funnel": {"persona_id": "text", "stage": "text", "optional": "bool",
                   "customers": "int64", "share": "float64", "drop_off": "float64"},
        "channel_switches": {"from_channel": "text", "to_channel": "text", "switches": "int64",
                             "customers": "int64", "rate": "float64"},
        "redundancy": {"touchpoint_a": "text", "name_a": "text", "touchpoint_b": "text",
                       "name_b": "text", "customers": "int64", "pairs": "int64",
                       "share_of_a": "float64"},
        "stage_durations": {"persona_id": "text", "stage": "text", "customers": "int64",
                            "median_seconds": "float64", "mean_seconds": "float64",
                            "p90_seconds": "float64"},
        "unmatched": {"touchpoint_id": "text", "events": "int64", "customers": "int64"},
        "unseen": {"touchpoint_id": "text", "name": "text", "stage": "text", "channel": "text"},
    }
    assert all(isinstance(result[name].index, pd.RangeIndex) for name in kinds)

"""`cjm.events.sequence`: the numpy pass over the sorted, coded event stream. Customers kept
whole across batches, every counter of a hand-computed stream, the delays of switches and
redundancy at their bounds, and the gaps and spans written to the spill folder.

The stream: touchpoint 0 (stage 0, channel 0), touchpoint 1 (stage 0, channel 1), touchpoint
2 (stage 1, channel 0, sent by the company: not inbound). Customer 1 (persona 0): 0 at 0 s,
1 at 60 s, 2 at 120 s. Customer 2 (persona 1): 1 at 0 s, an undeclared touchpoint T9 at 300 s,
1 at 600 s. Customer 3 (persona 0): 2 at 0 s.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cjm.events.sequence import (
    COLUMNS,
    SPILLS,
    UNMATCHED,
    PairCounts,
    _customer_runs,
    distinct_counts,
    walk,
)

S = 10**6  # microseconds in a second
EVENTS = [  # cust, t, tp (None: undeclared), persona, unknown
    (1, 0, 0, 0, None), (1, 60 * S, 1, 0, None), (1, 120 * S, 2, 0, None),
    (2, 0, 1, 1, None), (2, 300 * S, None, 1, "T9"), (2, 600 * S, 1, 1, None),
    (3, 0, 2, 0, None),
]
SCHEMA = pa.schema([("cust", pa.uint64()), ("t", pa.int64()), ("tp", pa.int16()),
                    ("persona", pa.int16()), ("unknown", pa.string())])


def reader(events, size: int) -> pa.RecordBatchReader:
    """The events as DuckDB hands them over: batches of `size` rows."""
    batches = [pa.RecordBatch.from_pylist(
        [dict(zip(SCHEMA.names, event, strict=True)) for event in events[i:i + size]],
        schema=SCHEMA) for i in range(0, len(events), size)]
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)


def run_walk(spill, size=7, switch_us=100 * S, redundant_us=200 * S):
    """The tally of EVENTS in batches of `size` rows (7: one batch)."""
    spill.mkdir(exist_ok=True)
    return walk(reader(EVENTS, size), spill, stage_of=[0, 0, 1], channel_of=[0, 1, 0],
                inbound_of=[True, True, False], n_stages=2, n_channels=2, n_personas=2,
                switch_us=switch_us, redundant_us=redundant_us)


def spilled(spill, stem: str) -> list[tuple]:
    files = sorted(spill.glob(f"{stem}-*.parquet"))
    table = pa.concat_tables([pq.read_table(file) for file in files])
    assert table.schema == SPILLS[stem]
    return sorted(tuple(row.values()) for row in table.to_pylist())


def dense(counter) -> list[int]:
    return (counter.dense() if isinstance(counter, PairCounts) else counter).tolist()


def counters(tally) -> dict[str, list[int]]:
    return {name: dense(getattr(tally, name)) for name in tally.COUNTERS}


WANTED = {
    "tp_events": [1, 3, 2], "tp_customers": [1, 2, 2],
    "stage_events": [4, 2], "stage_customers": [2, 2],
    "channel_events": [3, 3], "channel_customers": [2, 2],
    "channel_inbound": [1, 3],  # touchpoint 2 is sent by the company
    "persona_events": [4, 2], "persona_customers": [2, 1],
    "persona_stage": [1, 2, 1, 0],  # persona x stage: customers
    # pairs are coded before * size + after: 0->1 is 1, 1->1 is 4, 1->2 is 5
    "tp_pairs": [0, 1, 0, 0, 1, 1, 0, 0, 0], "tp_pair_customers": [0, 1, 0, 0, 1, 1, 0, 0, 0],
    "stage_pairs": [0, 1, 0, 0], "stage_pair_customers": [0, 1, 0, 0],
    "switches": [0, 1, 0, 0], "switch_customers": [0, 1, 0, 0],  # customer 1: 0 -> 1
    "redundant": [0, 1, 1, 0, 0, 1, 0, 0, 0], "redundant_customers": [0, 1, 1, 0, 0, 1, 0, 0, 0],
}


@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
def test_every_counter_of_a_hand_computed_stream(tmp_path, monkeypatch, sparse):
    """The same counts whether touchpoint pairs are counted in arrays or sparsely (past
    DENSE_PAIRS codes), across batch sizes."""
    import cjm.events.sequence as sequence

    if sparse:
        monkeypatch.setattr(sequence, "DENSE_PAIRS", 0)
    tally = run_walk(tmp_path / "spill")
    assert isinstance(tally.tp_pairs, PairCounts) == sparse
    assert isinstance(tally.redundant_customers, PairCounts) == sparse
    assert counters(run_walk(tmp_path / "batches", size=2)) == WANTED
    assert (tally.n_events, tally.n_customers) == (6, 3)  # T9 is left out of the sequences
    assert counters(tally) == WANTED


def test_gaps_spans_and_unmatched_events_are_spilled(tmp_path):
    spill = tmp_path / "spill"
    run_walk(spill)
    assert spilled(spill, "gaps") == [(1, 60 * S), (4, 600 * S), (5, 60 * S)]
    assert spilled(spill, "stage_gaps") == [(1, 60 * S)]  # only customer 1 changes stage
    # persona -1: everyone; one span per customer and stage, last minus first event
    assert spilled(spill, "spans") == [(-1, 0, 60 * S), (-1, 0, 600 * S), (-1, 1, 0), (-1, 1, 0),
                                       (0, 0, 60 * S), (0, 1, 0), (0, 1, 0), (1, 0, 600 * S)]
    table = pq.read_table(spill / "unmatched.parquet")
    assert table.schema == UNMATCHED and table.to_pylist() == [{"cust": 2, "unknown": "T9"}]


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_customers_split_across_batches_count_the_same(tmp_path, size):
    assert counters(run_walk(tmp_path / "spill", size=size)) == WANTED


def test_a_delay_is_at_most_its_value(tmp_path):
    # customer 1's switch and pairs are exactly 60 s apart (the pair 0 -> 2 120 s)
    exact = run_walk(tmp_path / "exact", switch_us=60 * S, redundant_us=60 * S)
    assert exact.switches.tolist() == [0, 1, 0, 0]
    assert dense(exact.redundant) == [0, 1, 0, 0, 0, 1, 0, 0, 0]
    under = run_walk(tmp_path / "under", switch_us=60 * S - 1, redundant_us=60 * S - 1)
    assert under.switches.tolist() == [0, 0, 0, 0]
    assert dense(under.redundant) == [0] * 9 and dense(under.redundant_customers) == [0] * 9
    assert dense(under.tp_pairs) == WANTED["tp_pairs"]  # transitions have no delay


def test_runs_hold_whole_customers_and_leave_unmatched_rows_out(tmp_path):
    writer = pq.ParquetWriter(tmp_path / "unmatched.parquet", UNMATCHED)
    runs = list(_customer_runs(reader(EVENTS, 2), writer))
    writer.close()
    # batches [1 1] [1 2] [T9 2] [3]: a run ends where the last customer of a batch begins
    assert [{name: run[name].tolist() for name in COLUMNS} for run in runs] == [
        {"cust": [1, 1, 1], "t": [0, 60 * S, 120 * S], "tp": [0, 1, 2], "persona": [0, 0, 0]},
        {"cust": [2, 2], "t": [0, 600 * S], "tp": [1, 1], "persona": [1, 1]},
        {"cust": [3], "t": [0], "tp": [2], "persona": [0]},
    ]
    assert pq.read_table(tmp_path / "unmatched.parquet").to_pylist() == [
        {"cust": 2, "unknown": "T9"}]


@pytest.mark.parametrize("n_customers", [2, 1000], ids=["grid", "sorted"])
def test_distinct_counts_count_each_customer_once_per_code(n_customers):
    # customer 0 has code 1 twice, customer 1 has codes 1 and 2: key = customer * 3 + code
    key = np.array([0 * 3 + 1, 0 * 3 + 1, 1 * 3 + 1, 1 * 3 + 2])
    assert distinct_counts(key, 3, n_customers).tolist() == [0, 2, 1]
    assert distinct_counts(np.zeros(0, np.int64), 3, n_customers).tolist() == [0, 0, 0]


def test_tallies_are_filled_by_fewer_threads_only_when_dense_counters_are_big(tmp_path,
                                                                             monkeypatch):
    """Touchpoint pairs of many touchpoints are counted sparsely, so 2,000 touchpoints still
    get a tally per processor; past COUNTER_BUDGET of dense counters fewer tallies are filled
    at once, down to one, and they count the same."""
    import cjm.events.sequence as sequence

    monkeypatch.setattr(sequence.os, "cpu_count", lambda: 4)
    assert sequence.tally_workers(2000, 6, 7, 5) == 4
    assert sequence.tally_workers(40, 6, 7, 5) == 4
    assert sequence.tally_workers(500, 6, 7, 5) == 4  # dense: 4 x 2 MB
    assert sequence.tally_workers(40, 6, 3000, 5) == 1  # channel pairs: 2 x 72 MB
    for budget, workers in ((10**9, 4), (1, 1)):
        monkeypatch.setattr(sequence, "COUNTER_BUDGET", budget)
        assert sequence.tally_workers(3, 2, 2, 2) == workers
        tally = run_walk(tmp_path / f"spill-{workers}", size=2)
        assert counters(tally) == WANTED
        assert len(list((tmp_path / f"spill-{workers}").glob("gaps-*.parquet"))) == workers


def test_pair_counts_hold_only_the_codes_counted(monkeypatch):
    """Codes counted once each or with weights, across compactions and merges, read back per
    code, in total, above a threshold and dense; a code never counted reads 0."""
    monkeypatch.setattr(PairCounts, "PILE", 3)  # compacts every few additions
    counts = PairCounts(4_000_000)
    counts.add(np.array([7, 3_999_999, 7, 12]))
    counts.add(np.array([12, 5]), np.array([10, 2]))
    other = PairCounts(4_000_000)
    other.add(np.array([7, 7, 7]))
    counts += other
    assert counts.codes().tolist() == [5, 7, 12, 3_999_999]
    assert [counts[c] for c in (5, 7, 12, 3_999_999, 0, 6, 4_000_000)] == [2, 5, 11, 1, 0, 0, 0]
    assert counts.sum() == 19 and counts.codes(at_least=5).tolist() == [7, 12]
    assert len(counts._codes) == 4  # what it holds grows with the codes, not the size
    counts[np.array([7, 8])] = np.array([1, 4])  # set, as into a numpy array
    assert [counts[c] for c in (5, 7, 8, 12)] == [2, 1, 4, 11] and counts.sum() == 19
    small = PairCounts(4)
    small.add(np.array([1, 1, 3]))
    assert small.dense().tolist() == [0, 2, 0, 1] and PairCounts(3).codes().tolist() == []

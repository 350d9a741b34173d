"""One pass over an event stream ordered by customer and time: the counts behind `events.analyze`.

DuckDB sorts the log (out of core when it must) and hands it over in Arrow batches with
integer codes (customer hash, microseconds, touchpoint, persona). `walk` cuts the batches at
customer boundaries and folds each run of whole customers into fixed-size counters with numpy,
on as many threads as the machine has (numpy releases the GIL), so memory stays flat however
long the log. Two things grow with the log: the gaps between consecutive events and the time
spent per customer and stage. They are written to parquet files in a spill folder as they come,
for DuckDB to take medians and percentiles from (`SPILLS`).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COLUMNS = ("cust", "t", "tp", "persona")
SPILLS = {  # file stem -> columns: what the tallies write to the spill folder
    "gaps": pa.schema([("code", pa.int32()), ("us", pa.int64())]),  # touchpoint pair
    "stage_gaps": pa.schema([("code", pa.int32()), ("us", pa.int64())]),  # stage change
    "spans": pa.schema([("persona", pa.int32()), ("stage", pa.int16()), ("us", pa.int64())]),
}
UNMATCHED = pa.schema([("cust", pa.uint64()), ("unknown", pa.string())])


def walk(reader: pa.RecordBatchReader, spill: Path, *, stage_of, channel_of, inbound_of,
         n_stages: int, n_channels: int, n_personas: int, switch_us: int,
         redundant_us: int) -> Tally:
    """The Tally of a stream sorted by (cust, t, tp) with columns cust, t, tp, persona, unknown.

    `tp` is NULL for an event whose touchpoint is not declared: such rows go to
    `{spill}/unmatched.parquet`, with their `unknown` id, and are left out of the sequences.
    Gaps and spans go to `spill` too, one file per tally: `{spill}/gaps-*.parquet` and so on
    (see SPILLS).
    """
    def tally(number: int) -> Tally:
        return Tally(np.asarray(stage_of, np.int64), np.asarray(channel_of, np.int64),
                     np.asarray(inbound_of, bool), n_stages, n_channels, n_personas,
                     switch_us, redundant_us,
                     {stem: spill / f"{stem}-{number}.parquet" for stem in SPILLS})

    workers = tally_workers(len(stage_of), n_stages, n_channels, n_personas)
    tallies = [tally(number) for number in range(workers)]
    unmatched = _writer(spill / "unmatched.parquet", UNMATCHED)
    try:
        with ThreadPoolExecutor(workers) as pool:
            busy = [None] * workers  # one run at a time per tally
            for number, run in enumerate(_customer_runs(reader, unmatched)):
                slot = number % workers
                if busy[slot] is not None:
                    busy[slot].result()
                busy[slot] = pool.submit(tallies[slot].add, run)
            for future in busy:
                if future is not None:
                    future.result()
    finally:
        unmatched.close()
        for each in tallies:
            each.close()
    for other in tallies[1:]:
        tallies[0].merge(other)
    return tallies[0]


def _writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    """A spill file: uncompressed, as it is written and read back once."""
    return pq.ParquetWriter(path, schema, compression="none", use_dictionary=False)


def _customer_runs(reader, unmatched: pq.ParquetWriter):
    """Numpy columns of whole customers, batch by batch; unmatched rows go to `unmatched`."""
    carry = None
    for batch in reader:
        if not batch.num_rows:
            continue
        tp = batch.column("tp")
        if tp.null_count:
            unmatched.write_table(pa.Table.from_batches([batch.filter(pc.is_null(tp))])
                                  .select(["cust", "unknown"]).cast(UNMATCHED))
            batch = batch.filter(pc.is_valid(tp))
            if not batch.num_rows:
                continue
        run = {name: batch.column(name).to_numpy() for name in COLUMNS}
        if carry is not None:
            run = {name: np.concatenate([carry[name], run[name]]) for name in COLUMNS}
        cust = run["cust"]
        cut = int(np.searchsorted(cust, cust[-1], side="left"))
        if cut:
            yield {name: values[:cut] for name, values in run.items()}
        carry = {name: values[cut:] for name, values in run.items()}
    if carry is not None and len(carry["cust"]):
        yield carry


def distinct_counts(key: np.ndarray, size: int, n_customers: int) -> np.ndarray:
    """How many distinct customers each code has, where key = customer * size + code.

    Customers are numbered 0..n_customers-1 within the run: a small code space is marked in
    a customer x code grid, a large one counted by sorting the keys."""
    if not len(key):
        return np.zeros(size, np.int64)
    if n_customers * size <= 16 * len(key):
        seen = np.zeros(n_customers * size, bool)
        seen[key] = True
        return np.count_nonzero(seen.reshape(n_customers, size), axis=0).astype(np.int64)
    return np.bincount(distinct_codes(key, size), minlength=size)


def distinct_codes(key: np.ndarray, size: int) -> np.ndarray:
    """The code of each distinct (customer, code), where key = customer * size + code: a code
    appears once per customer who has it (for PairCounts.add)."""
    return np.unique(key) % size


def _min_max(key: np.ndarray, t: np.ndarray, size: int):
    """The keys present (sorted), with the smallest and largest `t` of each; keys < size."""
    if size <= 8 * len(key):  # dense: one slot per possible key
        lo = np.full(size, np.iinfo(np.int64).max)
        hi = np.full(size, np.iinfo(np.int64).min)
        np.minimum.at(lo, key, t)
        np.maximum.at(hi, key, t)
        seen = np.flatnonzero(hi != np.iinfo(np.int64).min)
        return seen, lo[seen], hi[seen]
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    times = t[order]
    return ordered[starts], np.minimum.reduceat(times, starts), np.maximum.reduceat(times, starts)


# Counters over touchpoint pairs (touchpoints² codes): sparse (PairCounts) past DENSE_PAIRS
# codes (512 touchpoints), numpy arrays below, which bincount fills faster
PAIR_COUNTERS = ("tp_pairs", "tp_pair_customers", "redundant", "redundant_customers")
DENSE_PAIRS = 1 << 18


class PairCounts:
    """Counts over the codes 0..size-1 that holds only the codes counted: a counter of
    touchpoint pairs has touchpoints² codes (4 million for 2,000 touchpoints: 32 MB dense) of
    which a log uses a few thousand. Counts added are kept in chunks and summed per code when
    they pile up (`compact`) or are read."""

    PILE = 1 << 20  # codes waiting in chunks before they are summed

    def __init__(self, size: int):
        self.size = size
        self._codes, self._counts = np.zeros(0, np.int64), np.zeros(0, np.int64)
        self._chunks: list[tuple[np.ndarray, np.ndarray]] = []
        self._waiting = 0

    def add(self, codes: np.ndarray, counts: np.ndarray | None = None) -> None:
        """Count each of `codes` once, or `counts[i]` times."""
        codes = np.asarray(codes, np.int64)
        if counts is None:
            codes, counts = np.unique(codes, return_counts=True)
        self._chunks.append((codes, np.asarray(counts, np.int64)))
        self._waiting += len(codes)
        if self._waiting > self.PILE:
            self.compact()

    def __setitem__(self, codes, counts) -> None:
        """Set the counts of `codes`, as assigning into a numpy array does."""
        codes = np.asarray(codes, np.int64)
        self.compact()
        kept = ~np.isin(self._codes, codes)
        self._codes, self._counts = self._codes[kept], self._counts[kept]
        self.add(codes, np.broadcast_to(np.asarray(counts, np.int64), codes.shape))

    def __iadd__(self, other: PairCounts) -> PairCounts:
        other.compact()
        self.add(other._codes, other._counts)
        return self

    def compact(self) -> None:
        """Sum the waiting chunks into one sorted set of codes and their counts."""
        if not self._chunks:
            return
        codes = np.concatenate([self._codes, *(c for c, _ in self._chunks)])
        counts = np.concatenate([self._counts, *(n for _, n in self._chunks)])
        self._chunks, self._waiting = [], 0
        self._codes, where = np.unique(codes, return_inverse=True)
        self._counts = np.bincount(where, weights=counts).astype(np.int64)

    def codes(self, at_least: int = 1) -> np.ndarray:
        """The codes counted at least `at_least` times, in order."""
        self.compact()
        return self._codes[self._counts >= at_least]

    def __getitem__(self, code: int) -> int:
        self.compact()
        at = int(np.searchsorted(self._codes, code))
        found = at < len(self._codes) and self._codes[at] == code
        return int(self._counts[at]) if found else 0

    def sum(self) -> int:
        self.compact()
        return int(self._counts.sum())

    def dense(self) -> np.ndarray:
        """Every code's count (size entries): for small sizes and tests."""
        self.compact()
        counts = np.zeros(self.size, np.int64)
        counts[self._codes] = self._counts
        return counts


def _sparse(name: str, size: int) -> bool:
    return name in PAIR_COUNTERS and size > DENSE_PAIRS


def count_codes(counter, codes: np.ndarray, size: int) -> None:
    """Count each of `codes` once into `counter` (a numpy array or PairCounts)."""
    if isinstance(counter, PairCounts):
        counter.add(codes)
    else:
        counter += np.bincount(codes, minlength=size)


def count_customers(counter, key: np.ndarray, size: int, n_customers: int) -> None:
    """Count each code once per customer into `counter`, key = customer * size + code."""
    if isinstance(counter, PairCounts):
        counter.add(distinct_codes(key, size))
    else:
        counter += distinct_counts(key, size, n_customers)


def counted_codes(counter, at_least: int = 1) -> np.ndarray:
    """The codes a counter (a numpy array or PairCounts) holds at least `at_least` times."""
    if isinstance(counter, PairCounts):
        return counter.codes(at_least)
    return np.flatnonzero(counter >= at_least)


def counter_sizes(n_tp: int, n_st: int, n_ch: int, n_p: int) -> dict[str, int]:
    """The length of each counter of a Tally (`Tally.COUNTERS`) for the touchpoint, stage,
    channel and persona codes (a pair counter is indexed by first * size + second)."""
    return dict(tp_events=n_tp, tp_customers=n_tp, stage_events=n_st,
                stage_customers=n_st, channel_events=n_ch, channel_customers=n_ch,
                channel_inbound=n_ch,
                persona_events=n_p, persona_customers=n_p, persona_stage=n_p * n_st,
                tp_pairs=n_tp * n_tp, tp_pair_customers=n_tp * n_tp,
                stage_pairs=n_st * n_st, stage_pair_customers=n_st * n_st,
                switches=n_ch * n_ch, switch_customers=n_ch * n_ch,
                redundant=n_tp * n_tp, redundant_customers=n_tp * n_tp)


def zeroed_counters(n_tp: int, n_st: int, n_ch: int, n_p: int) -> dict:
    """Every counter of a Tally (`Tally.COUNTERS`), zeroed, sized by `counter_sizes`: numpy
    arrays, PairCounts for the touchpoint pairs of many touchpoints (see DENSE_PAIRS)."""
    sizes = counter_sizes(n_tp, n_st, n_ch, n_p)
    return {name: PairCounts(sizes[name]) if _sparse(name, sizes[name])
            else np.zeros(sizes[name], np.int64) for name in Tally.COUNTERS}


COUNTER_BUDGET = 128 * 2**20  # bytes the tallies filled at once may hold in dense counters


def tally_workers(n_tp: int, n_st: int, n_ch: int, n_p: int) -> int:
    """How many tallies `walk` fills at once: one per processor (at most 4), fewer when
    their dense counters would hold more than COUNTER_BUDGET (touchpoint pairs past 512
    touchpoints are counted sparsely: only with very many stages, channels or personas)."""
    sizes = counter_sizes(n_tp, n_st, n_ch, n_p)
    each = 8 * sum(size for name, size in sizes.items() if not _sparse(name, size))
    return max(1, min(os.cpu_count() or 1, 4, COUNTER_BUDGET // each))


@dataclass
class Tally:
    """Counters filled run by run (`add`), indexed by the codes of the stream."""

    stage_of: np.ndarray  # touchpoint code -> stage index
    channel_of: np.ndarray  # touchpoint code -> channel index
    inbound_of: np.ndarray  # touchpoint code -> True when the customer starts the contact
    n_stages: int
    n_channels: int
    n_personas: int
    switch_us: int
    redundant_us: int
    files: dict  # SPILLS stem -> the parquet file this tally writes
    n_events: int = 0
    n_customers: int = 0

    COUNTERS = ("tp_events", "tp_customers", "stage_events", "stage_customers",
                "channel_events", "channel_customers", "channel_inbound",
                "persona_events", "persona_customers",
                "persona_stage", "tp_pairs", "tp_pair_customers", "stage_pairs",
                "stage_pair_customers", "switches", "switch_customers", "redundant",
                "redundant_customers")

    def __post_init__(self):
        for name, counter in zeroed_counters(len(self.stage_of), self.n_stages,
                                             self.n_channels, self.n_personas).items():
            setattr(self, name, counter)
        self._writers = {stem: _writer(self.files[stem], SPILLS[stem])
                         for stem in SPILLS}

    def _spill(self, stem: str, *columns: np.ndarray) -> None:
        self._writers[stem].write_table(pa.Table.from_arrays(
            [pa.array(c) for c in columns], schema=SPILLS[stem]))

    def close(self) -> None:
        """Finish the spill files."""
        for writer in self._writers.values():
            writer.close()

    def merge(self, other: Tally) -> None:
        """Add another tally of other customers into this one."""
        for name in self.COUNTERS:
            getattr(self, name).__iadd__(getattr(other, name))
        self.n_events += other.n_events
        self.n_customers += other.n_customers

    def add(self, run: dict) -> None:
        """Fold one run of whole customers (numpy columns cust, t, tp, persona) in."""
        cust, t = run["cust"], run["t"]
        tp, persona = run["tp"].astype(np.int64), run["persona"].astype(np.int64)
        stage, channel = self.stage_of[tp], self.channel_of[tp]
        n = len(cust)
        new = np.empty(n, bool)
        new[0] = True
        np.not_equal(cust[1:], cust[:-1], out=new[1:])
        cid = np.cumsum(new) - 1  # customer number within the run
        n_cust = int(cid[-1]) + 1
        n_tp, n_st, n_ch, n_p = len(self.stage_of), self.n_stages, self.n_channels, \
            self.n_personas
        self.n_events += n
        self.n_customers += n_cust

        self.tp_events += np.bincount(tp, minlength=n_tp)
        self.tp_customers += distinct_counts(cid * n_tp + tp, n_tp, n_cust)
        self.channel_events += np.bincount(channel, minlength=n_ch)
        self.channel_customers += distinct_counts(cid * n_ch + channel, n_ch, n_cust)
        self.persona_events += np.bincount(persona, minlength=n_p)
        self.persona_customers += distinct_counts(cid * n_p + persona, n_p, n_cust)
        self.stage_events += np.bincount(stage, minlength=n_st)
        self._spans(cid, n_cust, persona, stage, t)

        # Consecutive events of a customer: transitions, stage changes, channel switches.
        same = ~new[1:]
        gap = (t[1:] - t[:-1])[same]
        pair_cid = cid[1:][same]
        before, after = tp[:-1][same], tp[1:][same]
        code = before * n_tp + after
        count_codes(self.tp_pairs, code, n_tp * n_tp)
        count_customers(self.tp_pair_customers, pair_cid * (n_tp * n_tp) + code, n_tp * n_tp,
                        n_cust)
        self._spill("gaps", code.astype(np.int32), gap)
        s_before, s_after = stage[:-1][same], stage[1:][same]
        change = s_before != s_after
        s_code = (s_before * n_st + s_after)[change]
        self.stage_pairs += np.bincount(s_code, minlength=n_st * n_st)
        self.stage_pair_customers += distinct_counts(
            pair_cid[change] * (n_st * n_st) + s_code, n_st * n_st, n_cust)
        self._spill("stage_gaps", s_code.astype(np.int32), gap[change])
        self._switches(cid, n_cust, t, tp, stage, channel)

        self._redundancy(cid, n_cust, t, tp, n_tp)

    def _switches(self, cid, n_cust, t, tp, stage, channel) -> None:
        """Channel switches: a customer's next contact they start themselves (outbound ones,
        sent by the company, are left out of the sequence) at the same stage, on another
        channel, at most `switch_us` later."""
        n_ch = self.n_channels
        inbound = self.inbound_of[tp]
        if not inbound.all():
            cid, t, stage, channel = cid[inbound], t[inbound], stage[inbound], channel[inbound]
        self.channel_inbound += np.bincount(channel, minlength=n_ch)
        if len(cid) < 2:
            return
        same = cid[1:] == cid[:-1]
        gap = (t[1:] - t[:-1])[same]
        switch = ((stage[:-1] == stage[1:])[same] & (channel[:-1] != channel[1:])[same]
                  & (gap <= self.switch_us))
        c_code = (channel[:-1][same] * n_ch + channel[1:][same])[switch]
        self.switches += np.bincount(c_code, minlength=n_ch * n_ch)
        self.switch_customers += distinct_counts(
            cid[1:][same][switch] * (n_ch * n_ch) + c_code, n_ch * n_ch, n_cust)

    def _spans(self, cid, n_cust, persona, stage, t) -> None:
        """First to last event per customer and stage, for everyone and per persona."""
        n_st, n_p = self.n_stages, self.n_personas
        for grouped, key in ((False, cid * n_st + stage),
                             (True, (cid * n_p + persona) * n_st + stage)):
            seen, lo, hi = _min_max(key, t, n_cust * n_st * (n_p if grouped else 1))
            span_stage = seen % n_st
            if grouped:
                span_persona = (seen // n_st) % n_p
                self.persona_stage += np.bincount(span_persona * n_st + span_stage,
                                                  minlength=n_p * n_st)
            else:
                span_persona = np.full(len(seen), -1)
                self.stage_customers += np.bincount(span_stage, minlength=n_st)
            self._spill("spans", span_persona.astype(np.int32), span_stage.astype(np.int16),
                        hi - lo)

    def _redundancy(self, cid, n_cust, t, tp, n_tp) -> None:
        """Pairs a then b (a != b) of a customer at most `redundant_us` apart."""
        start = np.arange(len(t) - 1)
        codes, owners = [], []
        offset = 1
        while len(start):  # offset k: event i and event i + k, while any pair is close enough
            start = start[start + offset < len(t)]
            end = start + offset
            keep = (cid[end] == cid[start]) & (t[end] - t[start] <= self.redundant_us)
            start, end = start[keep], end[keep]
            differ = tp[start] != tp[end]
            codes.append(tp[start][differ] * n_tp + tp[end][differ])
            owners.append(cid[start][differ])
            offset += 1
        code = np.concatenate(codes) if codes else np.zeros(0, np.int64)
        owner = np.concatenate(owners) if owners else np.zeros(0, np.int64)
        count_codes(self.redundant, code, n_tp * n_tp)
        count_customers(self.redundant_customers, owner * (n_tp * n_tp) + code, n_tp * n_tp,
                        n_cust)

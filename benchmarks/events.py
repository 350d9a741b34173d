"""Time and peak memory of `cjm.events.analyze` on large event logs, against pm4py's DFG.

Writes seeded synthetic event logs for the demo project's touchpoints (about ten events per
customer, stages walked in order with drop-off, a persona per customer) as parquet under
`benchmarks/.data/`, reused while size and seed match. Each run is a fresh subprocess, so its
peak RSS is its own: `analyze(project, source=path)` from parquet, end to end; and the peer,
`pm4py.discover_dfg` alone on the same log read with pandas first. pm4py is AGPL and never a
dependency of cjm: it is installed on demand into its own virtualenv under the scratch folder.
Runs alternate (analyze, peer, analyze, ...) so that machine noise hits both alike; the medians,
peaks and their ratio are printed against the targets.

    .venv/bin/python benchmarks/events.py [--sizes 1e5,1e6,1e7] [--repeat 3] [--no-peer] [--huge]

`--huge` also writes a 1e8-event log and runs analyze once under a memory cap, to show it
completes without loading the log whole.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import cjm

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "data" / "demo"
SCRATCH = Path(__file__).resolve().parent / ".data"
PEER_VENV = SCRATCH / "peer-venv"
PEER_PACKAGES = ["pm4py", "pyarrow", "pandas"]

SEED = 2026
EVENTS_PER_CUSTOMER = 10
CONTINUE = [0.90, 0.80, 0.85, 0.70, 0.30]  # chance to go on to the next stage
ROW_GROUP = 1_000_000  # events per chunk written: generation never holds the whole log
LOG_START = np.datetime64("2026-01-01T00:00:00", "us")
LOG_SPAN_US = 181 * 86_400 * 1_000_000
MINUTE_US, DAY_US = 60 * 1_000_000, 86_400 * 1_000_000

TARGET_SIZE, TARGET_SPEEDUP, TARGET_SECONDS, TARGET_RSS_MB = 10_000_000, 3.5, 6.0, 2500
HUGE_SIZE, HUGE_MEMORY_LIMIT = 100_000_000, "2GB"  # DuckDB memory_limit, under the RSS target
HUGE_ADDRESS_MB = 6144  # else the child's address space cap: virtual memory exceeds RSS

SCHEMA = pa.schema([("customer_id", pa.string()), ("timestamp", pa.timestamp("us")),
                    ("touchpoint_id", pa.string()), ("persona_id", pa.string())])
RESULT = "RESULT "  # prefix of the line a child prints its figures on
ANALYZE = """
import json, sys, time
import cjm
from cjm.events import analyze
path, limit = sys.argv[1], sys.argv[2]
project = cjm.load_project(sys.argv[3])
kwargs = {"memory_limit": limit} if limit else {}
start = time.perf_counter()
analyze(project, source=path, **kwargs)
seconds = time.perf_counter() - start
print("RESULT " + json.dumps({"seconds": seconds}))
"""
PEER = """
import json, sys, time
import pandas as pd
import pm4py
log = pd.read_parquet(sys.argv[1])
start = time.perf_counter()
pm4py.discover_dfg(log, case_id_key="customer_id", activity_key="touchpoint_id",
                   timestamp_key="timestamp")
seconds = time.perf_counter() - start
print("RESULT " + json.dumps({"seconds": seconds, "pm4py": pm4py.__version__}))
"""


@dataclass
class Run:
    seconds: float
    rss_mb: float
    info: dict


def stage_touchpoints(project) -> list[list[str]]:
    """The project's touchpoint ids, stage by stage in journey order."""
    table = project.touchpoints
    return [table.loc[table["stage"] == stage, "touchpoint_id"].tolist()
            for stage in project.stages]


def event_chunk(rng: np.random.Generator, first: int, customers: int, stages: list[list[str]],
                personas: list[str], shares: np.ndarray) -> pa.Table:
    """Events of `customers` customers numbered from `first`, sorted by customer then time."""
    n_stages = len(stages)
    go_on = np.r_[1.0, CONTINUE[: n_stages - 1]]  # chance to reach each stage from the one before
    extra = EVENTS_PER_CUSTOMER / np.cumprod(go_on).sum() - 1  # a reached stage: 1 + Poisson(extra)
    reached = np.cumprod(rng.random((customers, n_stages)) < go_on, axis=1).astype(bool)
    counts = np.where(reached, 1 + rng.poisson(extra, (customers, n_stages)), 0)
    totals = counts.sum(axis=1)
    customer = np.repeat(np.arange(customers), totals)
    stage = np.repeat(np.tile(np.arange(n_stages), customers), counts.ravel())

    sizes = np.array([len(tps) for tps in stages])
    offsets = np.r_[0, np.cumsum(sizes)[:-1]]
    touchpoint = offsets[stage] + (rng.random(len(stage)) * sizes[stage]).astype(np.int64)

    # Minutes between events of a stage, days between stages; cumulated within each customer.
    new_stage = np.r_[True, stage[1:] != stage[:-1]]
    gaps = np.where(new_stage, rng.exponential(2 * DAY_US, len(stage)),
                    rng.exponential(30 * MINUTE_US, len(stage))).astype(np.int64)
    first_event = np.r_[0, np.cumsum(totals)[:-1]]
    gaps[first_event] = 0  # every customer has at least one event: the first stage is reached
    elapsed = np.cumsum(gaps)
    elapsed -= np.repeat(elapsed[first_event], totals)
    start = rng.integers(0, LOG_SPAN_US, customers)
    timestamp = LOG_START + (start[customer] + elapsed).astype("timedelta64[us]")

    ids = pa.array([f"C{first + i:09d}" for i in range(customers)])
    persona = rng.choice(len(personas), customers, p=shares)
    names = pa.array([tp for tps in stages for tp in tps])
    return pa.table({
        "customer_id": ids.take(pa.array(customer)),
        "timestamp": pa.array(timestamp, pa.timestamp("us")),
        "touchpoint_id": names.take(pa.array(touchpoint)),
        "persona_id": pa.array(personas).take(pa.array(persona[customer])),
    })


def event_log(project, size: int, seed: int) -> Path:
    """A parquet log of exactly `size` events, written in row groups; reused when present."""
    path = SCRATCH / f"events-{size}-seed{seed}.parquet"
    if path.exists() and pq.ParquetFile(path).metadata.num_rows == size:
        return path
    SCRATCH.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    stages = stage_touchpoints(project)
    personas = project.personas["persona_id"].tolist()
    shares = project.personas["share"].to_numpy(float)
    shares = shares / shares.sum()
    partial = path.with_suffix(".partial")
    written, customer = 0, 0
    customers = ROW_GROUP // EVENTS_PER_CUSTOMER
    with pq.ParquetWriter(partial, SCHEMA) as out:
        while written < size:  # the last chunk is cut short, mid-journey for its last customer
            chunk = event_chunk(rng, customer, customers, stages, personas, shares)
            chunk = chunk.slice(0, size - written)
            out.write_table(chunk, row_group_size=ROW_GROUP)
            written += chunk.num_rows
            customer += customers
    partial.replace(path)
    return path


def run_child(python: Path | str, code: str, args: list[str], limit_mb: int | None = None) -> Run:
    """Run `code` in a fresh interpreter; its own wall time and its own peak RSS."""
    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([str(python), "-c", code, *args], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=errors,
                                   preexec_fn=cap if limit_mb else None)
        output = process.stdout.read().decode()
        process.stdout.close()
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would keep the largest child's.
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace").strip().splitlines()[-15:]
            raise RuntimeError(f"{Path(python).name} -c ... {' '.join(args)} failed:\n"
                               + "\n".join(tail))
    lines = [line for line in output.splitlines() if line.startswith(RESULT)]
    info = json.loads(lines[-1][len(RESULT):])
    return Run(info["seconds"], usage.ru_maxrss / 1024, info)


def peer_python() -> Path:
    """The peer virtualenv's interpreter, created with pm4py on first use."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing {', '.join(PEER_PACKAGES)} into {PEER_VENV} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def huge(project, seed: int) -> None:
    """Analyze once on HUGE_SIZE events: with DuckDB's memory_limit if analyze takes one, else
    with the child's address space capped."""
    from cjm.events import analyze

    path = event_log(project, HUGE_SIZE, seed)
    if "memory_limit" in inspect.signature(analyze).parameters:
        limit, cap, how = HUGE_MEMORY_LIMIT, None, f"memory_limit={HUGE_MEMORY_LIMIT}"
    else:
        limit, cap, how = "", HUGE_ADDRESS_MB, f"address space capped at {HUGE_ADDRESS_MB} MB"
    run = run_child(sys.executable, ANALYZE, [str(path), limit, str(PROJECT)], limit_mb=cap)
    print(f"{HUGE_SIZE:,} events ({path.stat().st_size / 2**30:.1f} GiB parquet, {how}): "
          f"analyze {run.seconds:.1f} s, peak RSS {run.rss_mb:.0f} MB")


def parse_size(text: str) -> int:
    return int(float(text))


def cell(value: float | None, width: int, decimals: int) -> str:
    """A right-aligned table cell; "-" for a figure not measured."""
    return format("-" if value is None else f"{value:.{decimals}f}", f">{width}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e5,1e6,1e7",
                        type=lambda text: [parse_size(s) for s in text.split(",")])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer", action=argparse.BooleanOptionalAction, default=True,
                        help="time pm4py's discover_dfg too (default: yes)")
    parser.add_argument("--huge", action="store_true",
                        help=f"also run analyze once on {HUGE_SIZE:.0e} events, memory capped")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    project = cjm.load_project(PROJECT)
    python = peer_python() if args.peer else None
    rows, version = [], None
    for size in args.sizes:
        path = event_log(project, size, args.seed)
        analyze_args = [str(path), "", str(PROJECT)]
        analyzes, peers = [], []
        for _ in range(args.repeat):
            analyzes.append(run_child(sys.executable, ANALYZE, analyze_args))
            if python:
                peers.append(run_child(python, PEER, [str(path)]))
        seconds = statistics.median(run.seconds for run in analyzes)
        rss = max(run.rss_mb for run in analyzes)
        peer = statistics.median(run.seconds for run in peers) if peers else None
        peer_rss = max(run.rss_mb for run in peers) if peers else None
        version = peers[0].info["pm4py"] if peers else version
        rows.append((size, seconds, rss, peer, peer_rss, peer / seconds if peer else None))

    print(f"{'events':>12}{'analyze s':>11}{'peak MB':>9}{'pm4py dfg s':>13}{'peak MB':>9}"
          f"{'ratio':>8}")
    for size, seconds, rss, peer, peer_rss, ratio in rows:
        print(f"{size:>12,}{seconds:>11.2f}{rss:>9.0f}{cell(peer, 13, 2)}{cell(peer_rss, 9, 0)}"
              f"{cell(ratio, 8, 2)}")
    print(f"medians of {args.repeat} runs, each a fresh process; RSS = highest peak of the runs; "
          f"ratio = pm4py / analyze" + (f"; pm4py {version}" if version else ""))
    print(f"targets at {TARGET_SIZE:,} events: ratio >= {TARGET_SPEEDUP}, analyze < "
          f"{TARGET_SECONDS:.0f} s, peak RSS < {TARGET_RSS_MB / 1000:.1f} GB")
    for size, seconds, rss, _, _, ratio in rows:
        if size == TARGET_SIZE:
            checks = {"time": seconds < TARGET_SECONDS, "RSS": rss < TARGET_RSS_MB}
            if ratio is not None:
                checks["ratio"] = ratio >= TARGET_SPEEDUP
            print("  " + ", ".join(f"{name} {'meets' if ok else 'MISSES'}"
                                   for name, ok in checks.items()))

    if args.huge:
        huge(project, args.seed)

if __name__ == "__main__":
    main()

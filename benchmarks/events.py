"""Time and peak memory of `cjm.events.analyze` on large event logs: the local DuckDB path, the
same analysis on Apache Spark in local mode (through Ibis), and two peers: pm4py's DFG and
retentioneering 5's transition matrices and funnel.

Writes seeded synthetic event logs for the demo project's touchpoints (about ten events per
customer, stages walked in order with drop-off, a persona per customer) as parquet under
`benchmarks/.data/`, reused while size and seed match. Each run is a fresh subprocess, so its
peak RSS is its own:
- analyze: `analyze(project, source=path)` from parquet, end to end;
- spark: `analyze(project, table=<the parquet read by Spark>)` with a session already started
  (its start-up is printed apart); every frame of the analysis, computed by Spark and brought
  back. Its peak is the Python driver's: the JVM's heap is capped by `spark.driver.memory`;
- pm4py: `pm4py.discover_dfg` alone (the directly-follows graph: our transitions' counts), on
  the log read with pandas first;
- retentioneering: the Eventstream built from the same frame, then its transition matrices
  (count, unique paths, median time: our transitions frame) and the stage funnel (our funnel,
  without personas), on the log read with pandas first.
The peers are AGPL (pm4py) or outside cjm's needs and never its dependencies: each is installed
on demand into its own virtualenv under the scratch folder (retentioneering's usage tracking
switched off: RETENTIONEERING_NO_TRACK). Runs alternate (analyze, spark, pm4py,
retentioneering, analyze, ...) so that machine noise hits all alike; medians, peaks and the
ratios are printed against the targets.

    .venv/bin/python benchmarks/events.py [--sizes 1e5,1e6,1e7] [--repeat 3] [--no-peer]
        [--no-spark] [--huge]

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
RETE_VENV = SCRATCH / "retentioneering-venv"
RETE_PACKAGES = ["retentioneering>=5,<6", "pyarrow"]
SPARK_MEMORY = "6g"  # spark.driver.memory of the local Spark (its JVM's heap)

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
SPARK = """
import json, sys, time
import ibis
import cjm
from cjm.events import analyze
from cjm.project.warehouse import spark_session
path, memory = sys.argv[1], sys.argv[2]
project = cjm.load_project(sys.argv[3])
start = time.perf_counter()
backend = ibis.pyspark.connect(spark_session({"master": "local[*]",
                                             "config": {"spark.driver.memory": memory}}))
started = time.perf_counter() - start
start = time.perf_counter()
analysis = analyze(project, table=backend.read_parquet(path))
seconds = time.perf_counter() - start
import pyspark
print("RESULT " + json.dumps({"seconds": seconds, "start": started, "events": analysis.n_events,
                              "pyspark": pyspark.__version__}))
"""
RETE = """
import json, os, sys, time
os.environ["RETENTIONEERING_NO_TRACK"] = "1"
import pandas as pd
import retentioneering as rete
log = pd.read_parquet(sys.argv[1])
stage_of = json.loads(sys.argv[2])
start = time.perf_counter()
stream = rete.Eventstream(log, schema={"path_cols": ["customer_id"],
                                       "event_col": "touchpoint_id",
                                       "timestamp_col": "timestamp",
                                       "segment_cols": ["persona_id"]})
for weight in ("count", "unique_paths", "time_median"):
    stream.transition_graph_data(edge_weight=weight)
stages = list(dict.fromkeys(stage_of.values()))
stream.rename_events(stage_of).funnel_data(steps=stages)
seconds = time.perf_counter() - start
print("RESULT " + json.dumps({"seconds": seconds, "retentioneering": rete.__version__}))
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


def peer_python(venv: Path = PEER_VENV, packages: list[str] = PEER_PACKAGES) -> Path:
    """A peer virtualenv's interpreter, created with its packages on first use."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"installing {', '.join(packages)} into {venv} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
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
                        help="time pm4py and retentioneering too (default: yes)")
    parser.add_argument("--spark", action=argparse.BooleanOptionalAction, default=True,
                        help="time the analysis on Spark in local mode too (default: yes)")
    parser.add_argument("--huge", action="store_true",
                        help=f"also run analyze once on {HUGE_SIZE:.0e} events, memory capped")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    project = cjm.load_project(PROJECT)
    stage_of = json.dumps(dict(zip(project.touchpoints["touchpoint_id"].astype(str),
                                   project.touchpoints["stage"].astype(str), strict=True)))
    pm4py = peer_python() if args.peer else None
    rete = peer_python(RETE_VENV, RETE_PACKAGES) if args.peer else None
    columns = {"analyze": [], "spark": [], "pm4py": [], "retentioneering": []}
    rows, versions, starts = [], {}, []
    for size in args.sizes:
        path = event_log(project, size, args.seed)
        runs = {name: [] for name in columns}
        for _ in range(args.repeat):
            runs["analyze"].append(run_child(sys.executable, ANALYZE,
                                             [str(path), "", str(PROJECT)]))
            if args.spark:
                run = run_child(sys.executable, SPARK, [str(path), SPARK_MEMORY, str(PROJECT)])
                runs["spark"].append(run)
                starts.append(run.info["start"])
                versions["pyspark"] = run.info["pyspark"]
            if pm4py:
                run = run_child(pm4py, PEER, [str(path)])
                runs["pm4py"].append(run)
                versions["pm4py"] = run.info["pm4py"]
            if rete:
                run = run_child(rete, RETE, [str(path), stage_of])
                runs["retentioneering"].append(run)
                versions["retentioneering"] = run.info["retentioneering"]
        figures = {name: (statistics.median(r.seconds for r in found),
                          max(r.rss_mb for r in found)) if found else (None, None)
                   for name, found in runs.items()}
        rows.append((size, figures))

    print(f"{'events':>12}" + "".join(f"{name + ' s':>18}{'peak MB':>9}" for name in columns)
          + f"{'pm4py/analyze':>15}{'rete/analyze':>14}{'spark/analyze':>15}")
    for size, figures in rows:
        local = figures["analyze"][0]
        line = f"{size:>12,}" + "".join(f"{cell(figures[name][0], 18, 2)}"
                                        f"{cell(figures[name][1], 9, 0)}" for name in columns)
        for name, width in (("pm4py", 15), ("retentioneering", 14), ("spark", 15)):
            seconds = figures[name][0]
            line += cell(seconds / local if seconds else None, width, 2)
        print(line)
    print(f"medians of {args.repeat} runs, each a fresh process; peak = highest RSS of the runs "
          "(spark: the Python driver's; its JVM heap is capped at spark.driver.memory="
          f"{SPARK_MEMORY}); " + ", ".join(f"{name} {v}" for name, v in versions.items()))
    if starts:
        print(f"spark: a local session takes {statistics.median(starts):.1f} s to start "
              "(median), not counted above: a notebook starts it once")
    print(f"targets at {TARGET_SIZE:,} events: pm4py / analyze >= {TARGET_SPEEDUP}, analyze < "
          f"{TARGET_SECONDS:.0f} s, peak RSS < {TARGET_RSS_MB / 1000:.1f} GB")
    for size, figures in rows:
        if size == TARGET_SIZE:
            seconds, rss = figures["analyze"]
            checks = {"time": seconds < TARGET_SECONDS, "RSS": rss < TARGET_RSS_MB}
            if figures["pm4py"][0] is not None:
                checks["ratio"] = figures["pm4py"][0] / seconds >= TARGET_SPEEDUP
            print("  " + ", ".join(f"{name} {'meets' if ok else 'MISSES'}"
                                   for name, ok in checks.items()))

    if args.huge:
        huge(project, args.seed)


if __name__ == "__main__":
    main()

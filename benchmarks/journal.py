"""Saving a score into a big journal: the demo's evaluations repeated to `--rows` rows (200,000
by default, generated, not committed), then the median and slowest of `--saves` single saves,
and eight processes saving `--each` rows at the same time (total and slowest wait). A save
appends the row's bytes only and checks only the bytes added since the process's previous save
(the first checks the whole file), so its cost should not grow with the journal: the target is
a median under 20 ms at 200,000 rows (a rewrite took 111-141 ms there).

    .venv/bin/python benchmarks/journal.py [--rows 200000] [--saves 30] [--each 20]
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from cjm.project.journal import append_scores

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
TARGET_MS = 20


def grown_journal(folder: Path, rows: int) -> None:
    """The demo at `folder` with its journal repeated to `rows` rows."""
    shutil.copytree(DEMO, folder)
    journal = pd.read_csv(folder / "evaluations.csv", dtype=str, keep_default_na=False)
    copies = -(-rows // len(journal))
    pd.concat([journal] * copies).head(rows).to_csv(folder / "evaluations.csv", index=False)


def score(number: int) -> dict:
    return {"recorded_at": f"2026-05-01T10:{number // 60 % 60:02d}:{number % 60:02d}",
            "period": "2026-H1", "assessor": "Bench", "persona_id": "P1",
            "touchpoint_id": "TP14", "satisfaction": 3, "effort": 4, "importance": 4,
            "emotion": 0, "thought": "", "pain_point": "", "source": "workshop"}


def writer(folder: str, each: int, start: int, waits) -> None:
    for number in range(start, start + each):
        began = time.perf_counter()
        append_scores(Path(folder), [score(number)])
        waits.append(time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--each", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "project"
        grown_journal(folder, args.rows)
        size = (folder / "evaluations.csv").stat().st_size
        times = []
        for number in range(args.saves):
            began = time.perf_counter()
            append_scores(folder, [score(number)])
            times.append(time.perf_counter() - began)
        with multiprocessing.Manager() as manager:
            waits = manager.list()
            began = time.perf_counter()
            workers = [multiprocessing.Process(target=writer, args=(
                str(folder), args.each, 1000 * (i + 1), waits)) for i in range(8)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            total, waits = time.perf_counter() - began, list(waits)
        lines = (folder / "evaluations.csv").read_bytes().count(b"\n")
        assert lines == args.rows + 1 + args.saves + 8 * args.each  # nothing lost
    print(f"journal: {args.rows:,} rows, {size / 1e6:.1f} MB")
    median = statistics.median(times[1:])
    verdict = "meets" if median * 1000 < TARGET_MS else "MISSES"
    print(f"first save of a process (checks the whole file): {times[0] * 1000:.1f} ms")
    print(f"one save after it: median {median * 1000:.1f} ms, slowest "
          f"{max(times[1:]) * 1000:.1f} ms (target: median < {TARGET_MS} ms: {verdict})")
    print(f"8 writers x {args.each} saves: {total:.2f} s in all, slowest save "
          f"{max(waits) * 1000:.0f} ms (waiting for the lock included), every row kept")


if __name__ == "__main__":
    main()

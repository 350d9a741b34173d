"""Key drivers at survey scale: a barometer of `--respondents` (100,000) x `--touchpoints` (40)
with planted drivers, each respondent rating 70 % of the touchpoints, written as the demo
project's barometer (generated in a temporary folder, not committed). It prints the time of
`cjm.steps.drivers.key_drivers` with `--draws` (1,000) bootstrap draws, median of `--repeat`
runs (target: under 10 s), the extra memory it took (peak resident size over the loaded
project's), the time to load and check the project, and how the planted drivers came back:
the strongest first, the rank correlation with the truth, intervals covering it.

    .venv/bin/python benchmarks/drivers.py [--respondents 100000] [--touchpoints 40]
                                           [--draws 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from cjm import load_project
from cjm.steps import drivers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from barometer_data import planted  # noqa: E402

TARGET_S = 10


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def project(folder: Path, respondents: int, touchpoints: int) -> dict[str, float]:
    """The demo project at `folder` with `touchpoints` touchpoints (the demo's, then more of
    the same stages) and a planted barometer; returns the true weights."""
    shutil.copytree(ROOT / "data" / "demo", folder)
    (folder / "barometer.csv").unlink(missing_ok=True)
    table = pd.read_csv(folder / "touchpoints.csv", dtype=str, keep_default_na=False)
    while len(table) < touchpoints:
        extra = table.head(touchpoints - len(table)).copy()
        extra["touchpoint_id"] = [f"X{len(table) + i:03d}" for i in range(len(extra))]
        table = pd.concat([table, extra], ignore_index=True)
    table.to_csv(folder / "touchpoints.csv", index=False)
    ids = list(table["touchpoint_id"].head(touchpoints))
    rng = np.random.default_rng(5)
    weights = {tp: float(w) for tp, w in zip(ids, rng.gamma(0.6, 0.25, len(ids)), strict=True)}
    frame, truth = planted(weights, respondents, seed=7, personas=("P1", "P2", "P3", "P4"))
    frame.to_csv(folder / "barometer.csv", index=False)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "project"
        truth = project(folder, args.respondents, args.touchpoints)
        size = (folder / "barometer.csv").stat().st_size / 1e6
        began = time.perf_counter()
        loaded = load_project(folder, keep=False)
        load_s = time.perf_counter() - began
    before = peak_mb()
    times, found = [], None
    for _ in range(args.repeat):
        began = time.perf_counter()
        found = drivers.key_drivers(loaded, None, draws=args.draws)
        times.append(time.perf_counter() - began)
    extra = peak_mb() - before
    ranked = found.ranked.set_index("touchpoint_id")
    playing = [tp for tp in truth if truth[tp] >= 0.001]  # drivers that explain 0.1 % or more
    covered = sum(ranked.at[tp, "low"] <= truth[tp] <= ranked.at[tp, "high"] for tp in playing)
    order = pd.Series(truth).rank().corr(ranked["weight"].reindex(list(truth)).rank())
    top = sorted(truth, key=truth.get, reverse=True)[:3]
    print(f"barometer: {args.respondents:,} respondents x {args.touchpoints} touchpoints, "
          f"{size:.1f} MB; loaded and checked in {load_s:.1f} s")
    print(f"key drivers with {args.draws:,} draws: median {statistics.median(times):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}); target < {TARGET_S} s: "
          f"{'met' if statistics.median(times) < TARGET_S else 'MISSED'}")
    print(f"memory: peak {peak_mb():.0f} MB, {max(extra, 0):.0f} MB above the loaded project")
    print(f"planted drivers: the strongest three first: {list(ranked.index[:3]) == top}; "
          f"rank correlation with the truth {order:.3f}; {covered} of the {len(playing)} "
          f"intervals of drivers explaining 0.1 % or more cover the truth (measured on 400,000 "
          f"other respondents); R² {found.r2:.3f} ({found.r2_low:.3f} to {found.r2_high:.3f})")


if __name__ == "__main__":
    main()

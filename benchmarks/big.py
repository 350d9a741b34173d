"""A big project reviewed: the demo's touchpoints repeated to 2,000 and its journal to 200,000
rows (generated in a temporary folder, never committed). Prints the time of `cjm validate`
and of `cjm review`, the peak memory of the review (the command and its kernel together) and
what it wrote: the report, deck, workbook and figures, and the whole review folder. Targets:
the review under 60 s and 1 GB, and output that grows with what a person can read.

    .venv/bin/python benchmarks/big.py [--touchpoints 2000] [--rows 200000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
from report import grown  # the demo grown to a number of touchpoints

from cjm.project.workspace import Workspace

TARGET_S, TARGET_MB = 60, 1000
CJM = [sys.executable, "-m", "cjm"]


def big_project(demo: Path, target: Path, touchpoints: int, rows: int) -> None:
    """The demo at `target` with `touchpoints` touchpoints and its journal grown to `rows`
    rows (more assessors scoring the same touchpoints, a little apart)."""
    grown(demo, target, touchpoints)
    journal = pd.read_csv(target / "evaluations.csv", dtype=str, keep_default_na=False)
    copies = [journal]
    for copy in range(1, -(-rows // len(journal))):
        more = journal.assign(assessor=journal["assessor"] + f" {copy}")
        score = pd.to_numeric(more["satisfaction"], errors="coerce")
        more["satisfaction"] = score.where(score.isna(), (score - 1 + copy % 3) % 5 + 1).map(
            lambda v: "" if pd.isna(v) else str(int(v)))
        copies.append(more)
    pd.concat(copies).head(rows).to_csv(target / "evaluations.csv", index=False)


def tree_memory(pid: int) -> int:
    """Memory (bytes) of `pid` and every process below it, each page shared by forked
    processes counted once in all (the proportional set size, Pss)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo += children.get(current, [])
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory of `command` and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_memory(process.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    took = time.perf_counter() - start
    watcher.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-3000:]}")
    return took, peak[0]


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() \
        else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="build the workspace here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or temporary
        workspace = Workspace(Path(root) / "workspace")
        workspace.ensure_demo()
        tables = Path(root) / "big"
        big_project(workspace.project_dir("demo"), tables, args.touchpoints, args.rows)
        slug = workspace.new_project("Big", source=str(tables))
        cwd = workspace.root
        env_note = f"{os.cpu_count()} processors"
        validate, _ = timed([*CJM, "validate", slug], cwd)
        review, peak = timed([*CJM, "review", slug, "--period", "2026-H1"], cwd)
        folder = workspace.notebook_dir(slug) / "reviews" / "2026-H1"
        journal = workspace.project_dir(slug) / "evaluations.csv"
        rows = journal.read_bytes().count(b"\n") - 1
        print(f"big project: {args.touchpoints:,} touchpoints, {rows:,} journal rows "
              f"({size(journal) / 1e6:.1f} MB), {env_note}")
        print(f"cjm validate  {validate:7.1f} s")
        print(f"cjm review    {review:7.1f} s   target < {TARGET_S} s: "
              f"{'meets' if review < TARGET_S else 'MISSES'}")
        print(f"peak memory   {peak / 1e6:7.0f} MB  target < {TARGET_MB} MB: "
              f"{'meets' if peak / 1e6 < TARGET_MB else 'MISSES'} (cjm and its kernel)")
        for name in ("report.html", "deck.pptx", "actions.xlsx", "figures", "data", "."):
            print(f"  {name:<14}{size(folder / name) / 1e6:9.2f} MB")


if __name__ == "__main__":
    main()

"""Size of a review's documents as a project grows: the demo, then the demo's touchpoints
repeated to 400 and 2,000 (each copy with the demo's scores and survey answers), reviewed for
2026-H1. Prints each document's size, the review's wall time, and the growth of the report
against the growth of the touchpoints (sub-linear is below 1).

    .venv/bin/python benchmarks/report.py [--sizes 40 400 2000]
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from cjm.project.workspace import Workspace
from cjm.run.reviews import review_project

BUDGET = 5_000_000  # bytes: the demo's report.html


def grown(demo: Path, target: Path, touchpoints: int) -> None:
    """The demo at `target` with its touchpoints repeated up to `touchpoints`."""
    shutil.copytree(demo, target)
    tps = pd.read_csv(demo / "touchpoints.csv", dtype=str, keep_default_na=False)
    copies = math.ceil(touchpoints / len(tps))
    if copies == 1:
        return
    evaluations = pd.read_csv(demo / "evaluations.csv", dtype=str, keep_default_na=False)
    survey = pd.read_csv(demo / "survey.csv", dtype=str, keep_default_na=False)
    frames = {"touchpoints": [tps], "evaluations": [evaluations], "survey": [survey]}
    for copy in range(2, copies + 1):
        ids = {tp: f"{tp}-{copy}" for tp in tps["touchpoint_id"]}
        frames["touchpoints"].append(tps.assign(touchpoint_id=tps["touchpoint_id"].map(ids),
                                                name=tps["name"] + f" ({copy})"))
        frames["evaluations"].append(evaluations.assign(
            touchpoint_id=evaluations["touchpoint_id"].map(ids)))
        frames["survey"].append(survey.assign(
            touchpoint_id=survey["touchpoint_id"].map(ids).fillna(survey["touchpoint_id"]),
            response_id=survey["response_id"] + f"-{copy}"))
    kept = pd.concat(frames["touchpoints"]).head(touchpoints)
    keep = set(kept["touchpoint_id"])
    kept.to_csv(target / "touchpoints.csv", index=False)
    for name in ("evaluations", "survey"):
        table = pd.concat(frames[name])
        table[table["touchpoint_id"].isin(keep) | (table["touchpoint_id"] == "")].to_csv(
            target / f"{name}.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 2000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(Path(root) / "workspace")
        workspace.ensure_demo()
        demo = workspace.project_dir("demo")
        for size in args.sizes:
            tables = Path(root) / f"tables-{size}"
            grown(demo, tables, size)
            slug = workspace.new_project(f"Grown {size}", source=str(tables))
            start = time.perf_counter()
            folder = review_project(workspace, slug, period="2026-H1")
            seconds = time.perf_counter() - start
            rows.append((size, seconds, *((folder / name).stat().st_size for name in
                                          ("report.html", "deck.pptx", "actions.xlsx"))))
    print(f"{'touchpoints':>11} {'review':>8} {'report.html':>12} {'deck.pptx':>10} "
          f"{'actions.xlsx':>12}")
    for size, seconds, report, deck, workbook in rows:
        print(f"{size:>11} {seconds:>7.1f}s {report / 1e6:>10.2f}MB {deck / 1e6:>8.2f}MB "
              f"{workbook / 1e6:>10.2f}MB")
    base = rows[0]
    for size, _, report, *_ in rows[1:]:
        growth = math.log(report / base[2]) / math.log(size / base[0])
        print(f"report growth {base[0]} -> {size} touchpoints: x{report / base[2]:.2f} for "
              f"x{size / base[0]:.0f} touchpoints (exponent {growth:.2f}; below 1 is "
              "sub-linear)")
    print(f"demo report {rows[0][2] / 1e6:.2f} MB, budget {BUDGET / 1e6:.0f} MB")


if __name__ == "__main__":
    main()

"""Time the live widgets where they run: inside a Jupyter kernel, so that every widget's messages
to the browser are built and sent as in JupyterLab.

A copy of the demo project is given 60 touchpoints for one persona (the target board size).
In one kernel the script times, as medians of `--repeat` runs:
- building the ScoringBoard of those 60 touchpoints (the first build, with its imports, apart);
- a slider move: from setting the value to the row appended to evaluations.csv and the
  emotion curve and stage summary redrawn;
- typing a thought (the same path, a text field);
- a PriorityTuner weight move (re-ranking and redrawing its chart).

    .venv/bin/python benchmarks/widgets.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
TOUCHPOINTS = 60
PERSONA = "P1"
TARGET_BUILD_S, TARGET_SAVE_S, TARGET_TUNE_S = 0.5, 0.150, 0.150
RESULT = "RESULT "

KERNEL_CODE = """
import json, statistics, time
import cjm
from cjm.notebook import PriorityTuner, ScoringBoard
project = cjm.load_project({folder!r})
start = time.perf_counter()
board = ScoringBoard(project, {persona!r}, "2026-H1", assessor="Bench")
first = time.perf_counter() - start
builds = []
for _ in range({repeat}):
    start = time.perf_counter()
    board = ScoringBoard(project, {persona!r}, "2026-H1", assessor="Bench")
    builds.append(time.perf_counter() - start)
rows = [board.row(tp) for tp in board.touchpoint_ids]  # every stage opened
start = time.perf_counter()
every = ScoringBoard(project, {persona!r}, "2026-H1", assessor="Bench")
for index in range(len(every.stages.children)):
    every.stages.selected_index = index
all_stages = time.perf_counter() - start
moves, texts = [], []
for number in range({repeat}):
    row = rows[number % len(rows)]
    slider = row.sliders["satisfaction"]
    target = slider.min if slider.value != slider.min else slider.max
    start = time.perf_counter()
    slider.value = target
    moves.append(time.perf_counter() - start)
    start = time.perf_counter()
    row.texts["thought"].value = f"note {{number}}"
    texts.append(time.perf_counter() - start)
tuner = PriorityTuner(project, "2026-H1")
tunes = []
for number in range({repeat}):
    start = time.perf_counter()
    tuner.sliders["gap"].value = 0.2 + 0.05 * (number % 10)
    tunes.append(time.perf_counter() - start)
print("RESULT " + json.dumps(dict(
    touchpoints=len(board.touchpoint_ids), first=first, build=statistics.median(builds),
    all_stages=all_stages,
    move=statistics.median(moves), move_max=max(moves), text=statistics.median(texts),
    tune=statistics.median(tunes), saves=board.saves)))
"""


def bench_project(target: Path) -> Path:
    """A copy of the demo whose persona P1 has exactly TOUCHPOINTS touchpoints."""
    shutil.copytree(DEMO, target)
    from cjm import load_project
    from cjm.steps.touchpoints import current_journey

    table = pd.read_csv(target / "touchpoints.csv", dtype=str, keep_default_na=False)
    scored = set(current_journey(load_project(target))["touchpoint_id"])  # what a board shows
    mine = table[table["touchpoint_id"].isin(scored) & ((table["personas"] == "") | table[
        "personas"].str.split("|").map(lambda ids: PERSONA in ids))]
    extra = []
    for number in range(TOUCHPOINTS - len(mine)):
        model = mine.iloc[number % len(mine)].copy()
        model["touchpoint_id"] = f"TX{number + 1:02d}"
        model["name"] = f"{model['name']} (variant {number + 1})"
        model["personas"] = PERSONA
        extra.append(model)
    pd.concat([table, pd.DataFrame(extra)]).to_csv(target / "touchpoints.csv", index=False)
    return target


def run_in_kernel(code: str) -> dict:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", extra_arguments=[
        "--IPKernelApp.log_level=ERROR"])
    output: list[str] = []
    try:
        reply = client.execute_interactive(
            code, timeout=600,
            output_hook=lambda msg: output.append(msg["content"].get("text", ""))
            if msg["msg_type"] == "stream" else None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"benchmark code failed: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    line = next(line for line in "".join(output).splitlines() if line.startswith(RESULT))
    return json.loads(line[len(RESULT):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = bench_project(Path(folder) / "bench")
        figures = run_in_kernel(KERNEL_CODE.format(folder=str(project), persona=PERSONA,
                                                   repeat=args.repeat))
    ms = {key: value * 1000 for key, value in figures.items()
          if key not in ("touchpoints", "saves")}
    print(f"ScoringBoard of {figures['touchpoints']} touchpoints, in a Jupyter kernel, "
          f"medians of {args.repeat} (python {sys.version.split()[0]}):")
    print(f"  first build (imports included)      {ms['first']:8.1f} ms")
    verdict = {key: "meets" if figures[key] < target else "MISSES"
               for key, target in (("build", TARGET_BUILD_S), ("move", TARGET_SAVE_S),
                                   ("tune", TARGET_TUNE_S))}
    print(f"  build (first stage open)            {ms['build']:8.1f} ms   target < "
          f"{TARGET_BUILD_S * 1000:.0f} ms: {verdict['build']}")
    print(f"  build, then open every stage        {ms['all_stages']:8.1f} ms   (once)")
    print(f"  slider move -> row saved, redrawn   {ms['move']:8.1f} ms   target < "
          f"{TARGET_SAVE_S * 1000:.0f} ms: {verdict['move']}  (slowest {ms['move_max']:.1f} ms)")
    print(f"  thought typed -> row saved, redrawn {ms['text']:8.1f} ms")
    print(f"  tuner weight move -> re-ranked, drawn{ms['tune']:8.1f} ms   "
          f"target < {TARGET_TUNE_S * 1000:.0f} ms: {verdict['tune']}")
    print(f"  rows appended: {figures['saves']}")


if __name__ == "__main__":
    main()

"""The step notebooks as an analyst re-runs them in JupyterLab: each of the six run top to
bottom in one warm kernel (the demo project, every cell's output sent as to a browser), the
first run of each apart, then the median of `--repeat` re-runs. Target: every step under 3 s
once the kernel is warm. Beside each wall time, the kernel's processor time for the same
re-runs: on a busy machine the wall time grows with the machine's load, this far less.

    .venv/bin/python benchmarks/steps.py [--repeat 3] [--profile 06_review]

`--profile STEP` prints the slowest cells of that step instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from cjm.project.workspace import STEPS, Workspace

TARGET_S = 3.0


def cells(notebook: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(notebook, as_version=4).cells
            if cell.cell_type == "code"]


def run(client, code: str) -> float:
    start = time.perf_counter()
    reply = client.execute_interactive(code, timeout=600, output_hook=lambda msg: None)
    took = time.perf_counter() - start
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {reply['content'].get('evalue')}\n{code[:300]}")
    return took


def kernel_cpu(client) -> float:
    """The kernel process's processor seconds so far."""
    reply = client.execute_interactive(
        "", timeout=60, output_hook=lambda msg: None,
        user_expressions={"cpu": "__import__('time').process_time()"})
    return float(reply["content"]["user_expressions"]["cpu"]["data"]["text/plain"])


def main() -> None:
    from jupyter_client.manager import start_new_kernel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=STEPS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(root)
        workspace.ensure_demo()
        folder = workspace.notebook_dir("demo")
        manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder),
                                           extra_arguments=["--IPKernelApp.log_level=ERROR"])
        try:
            run(client, f"import os; os.chdir({str(folder)!r})\n%matplotlib inline")
            steps = [args.profile] if args.profile else STEPS
            first, again = {}, {step: [] for step in steps}
            cpu: dict[str, list[float]] = {step: [] for step in steps}
            per_cell: dict[int, list[float]] = {}
            for step in steps:
                first[step] = sum(run(client, code) for code in cells(folder / f"{step}.ipynb"))
            for _ in range(args.repeat):
                for step in steps:
                    before = kernel_cpu(client)
                    times = [run(client, code) for code in cells(folder / f"{step}.ipynb")]
                    cpu[step].append(kernel_cpu(client) - before)
                    again[step].append(sum(times))
                    for index, took in enumerate(times):
                        per_cell.setdefault(index, []).append(took)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
        if args.profile:
            sources = cells(folder / f"{args.profile}.ipynb")
            slow = sorted(per_cell, key=lambda i: -statistics.median(per_cell[i]))[:8]
            for index in slow:
                head = sources[index].strip().splitlines()[0][:70]
                print(f"{statistics.median(per_cell[index]):7.2f} s  cell {index}: {head}")
            return
    print(f"step notebooks of the demo in one warm kernel, medians of {args.repeat} re-runs "
          f"(python {sys.version.split()[0]}):")
    print(f"{'step':<20}{'first s':>9}{'warm s':>9}{'cpu s':>8}  target < {TARGET_S:.0f} s (warm)")
    for step in steps:
        warm = statistics.median(again[step])
        verdict = "meets" if warm < TARGET_S else "MISSES"
        print(f"{step:<20}{first[step]:>9.2f}{warm:>9.2f}{statistics.median(cpu[step]):>8.2f}"
              f"  {verdict}")
    print(json.dumps({step: round(statistics.median(again[step]), 2) for step in steps}))


if __name__ == "__main__":
    main()

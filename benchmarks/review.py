"""Wall time of `cjm review demo` against its floor, measured in one run.

The floor is the same number of papermill runs (six) of a notebook that only imports the
libraries the templates use, on the same kernel: what any papermill-based review must pay.
Runs alternate (review, floor, review, ...) so that machine noise hits both alike; each pair
is printed with the processor time it took (this process and its children: the kernels, the
maps process, the deck), then the medians and their ratio (the target), and the median of
the pairs' own ratios.

    .venv/bin/python benchmarks/review.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from cjm.project.workspace import STEPS, Workspace
from cjm.run.kernel import execute
from cjm.run.reviews import review_project

IMPORTS = "import cjm\nimport pandas\nimport matplotlib.pyplot\nimport seaborn\nimport ipywidgets"
TARGET = 1.3


def floor_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(IMPORTS)]
    path = folder / "imports.ipynb"
    nbformat.write(notebook, path)
    return path


def processor_time() -> float:
    """Processor seconds of this process and of its children waited for so far."""
    return sum(usage.ru_utime + usage.ru_stime for usage in (
        resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def timed(run, *args) -> tuple[float, float]:
    """(wall seconds, processor seconds) of `run(*args)`."""
    wall, processor = time.perf_counter(), processor_time()
    run(*args)
    return time.perf_counter() - wall, processor_time() - processor


def floor(notebook: Path, folder: Path) -> None:
    for step in STEPS:
        execute(notebook, folder / f"{step}.ipynb", {}, cwd=folder)


def review(workspace: Workspace) -> None:
    review_project(workspace, "demo", period="2026-H1", force=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(root)
        workspace.ensure_demo()
        notebook = floor_notebook(Path(root))
        reviews, floors = [], []
        floor(notebook, Path(root))  # warm the file cache once
        print(f"{'run':<5}{'review s':>10}{'cpu s':>8}{'floor s':>10}{'cpu s':>8}{'ratio':>8}")
        for run in range(1, args.repeat + 1):
            reviews.append(timed(review, workspace))
            floors.append(timed(floor, notebook, Path(root)))
            (wall, cpu), (floor_wall, floor_cpu) = reviews[-1], floors[-1]
            print(f"{run:<5}{wall:>10.2f}{cpu:>8.1f}{floor_wall:>10.2f}{floor_cpu:>8.1f}"
                  f"{wall / floor_wall:>8.2f}", flush=True)
    review_s = statistics.median(wall for wall, _ in reviews)
    floor_s = statistics.median(wall for wall, _ in floors)
    print(f"{'what':<34}{'median s':>10}{'runs':>6}")
    print(f"{'cjm review demo (6 notebooks)':<34}{review_s:>10.2f}{len(reviews):>6}")
    print(f"{'floor: 6 runs importing the libs':<34}{floor_s:>10.2f}{len(floors):>6}")
    ratio = review_s / floor_s
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio review / floor: {ratio:.2f} ({verdict} the {TARGET} target)")
    pairs = statistics.median(wall / floor_wall for (wall, _), (floor_wall, _) in
                              zip(reviews, floors, strict=True))
    print(f"median of the pairs' ratios: {pairs:.2f} (for information: the target is judged "
          "on the ratio of the medians)")


if __name__ == "__main__":
    main()

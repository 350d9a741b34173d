"""Wall time of `cjm review demo` against its floor, measured in one run.

The floor is the same number of papermill runs (six) of a notebook that only imports the
libraries the templates use, on the same kernel: what any papermill-based review must pay.
Runs alternate (review, floor, review, ...) so that machine noise hits both alike; the medians
and their ratio are printed.

    .venv/bin/python benchmarks/review.py [--repeat 3]
"""

from __future__ import annotations

import argparse
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


def time_floor(notebook: Path, folder: Path) -> float:
    start = time.perf_counter()
    for step in STEPS:
        execute(notebook, folder / f"{step}.ipynb", {}, cwd=folder)
    return time.perf_counter() - start


def time_review(workspace: Workspace) -> float:
    start = time.perf_counter()
    review_project(workspace, "demo", period="2026-H1", force=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(root)
        workspace.ensure_demo()
        notebook = floor_notebook(Path(root))
        reviews, floors = [], []
        time_floor(notebook, Path(root))  # warm the file cache once
        for _ in range(args.repeat):
            reviews.append(time_review(workspace))
            floors.append(time_floor(notebook, Path(root)))
    review, floor = statistics.median(reviews), statistics.median(floors)
    print(f"{'what':<34}{'median s':>10}{'runs':>6}")
    print(f"{'cjm review demo (6 notebooks)':<34}{review:>10.2f}{len(reviews):>6}")
    print(f"{'floor: 6 runs importing the libs':<34}{floor:>10.2f}{len(floors):>6}")
    ratio = review / floor
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio review / floor: {ratio:.2f} ({verdict} the {TARGET} target)")


if __name__ == "__main__":
    main()

"""The project workbook both ways as a project grows: `cjm export` and `cjm import` of the demo,
then of the demo's touchpoints repeated to 400 and 2,000 (each copy with the demo's scores and
survey answers, so the journal grows with them). Prints the median of `--repeat` runs of each,
the workbook's size and the journal's rows, and the import's time per journal row against the
demo's (near 1: it grows with the rows, no worse).

    .venv/bin/python benchmarks/workbook.py [--sizes 40 400 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from report import grown  # the demo grown to a number of touchpoints, shared with report.py

from cjm.project.model import load_project
from cjm.project.workspace import Workspace

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"


def timed(function, repeat: int) -> tuple[float, object]:
    """The median wall time of `repeat` calls of `function`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(Path(root))
        (workspace.root / "notebooks").mkdir()
        for size in args.sizes:
            slug = f"grown-{size}"
            grown(DEMO, workspace.project_dir(slug), size)
            journal = len(load_project(workspace.project_dir(slug)).evaluations)
            book = workspace.root / f"{slug}.xlsx"
            export, _ = timed(lambda s=slug, b=book: workspace.export_workbook(s, b, force=True),
                              args.repeat)
            imported, report = timed(lambda s=slug, b=book: workspace.import_workbook(s, b),
                                     args.repeat)
            assert report.added == 0 and report.already == journal  # a true round trip
            rows.append((size, journal, book.stat().st_size, export, imported))
    base = rows[0][4] / rows[0][1]
    print(f"{'touchpoints':>11} {'journal rows':>12} {'workbook MB':>11} {'export s':>9} "
          f"{'import s':>9} {'import per row vs demo':>22}")
    for size, journal, nbytes, export, imported in rows:
        print(f"{size:>11,} {journal:>12,} {nbytes / 1e6:>11.2f} {export:>9.2f} "
              f"{imported:>9.2f} {imported / journal / base:>22.2f}")


if __name__ == "__main__":
    main()

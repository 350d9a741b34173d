"""What a journey map costs in each format, with cjm's settings and with matplotlib's own, in
one run: the demo's first persona's map of each kind, drawn afresh for each way and saved in
the three formats, `--repeat` times, alternating. Prints the median milliseconds per map and
format, the sizes, and the ratios.

cjm's settings: PNG drawn once and written as palette PNG (`cjm.render.palette`; matplotlib:
full colour); PDF fonts subset without layout tables, from a base subset of each font read
once per process (`cjm.render.pdf_fonts`; matplotlib reads each font file whole for every
PDF). SVG is the same both ways (the control).

    .venv/bin/python benchmarks/figures.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from cjm.notebook.step import settle_step  # noqa: E402
from cjm.project.workspace import Workspace  # noqa: E402
from cjm.render import figures  # noqa: E402
from cjm.render.journey_map import journey_map  # noqa: E402
from cjm.steps.prioritisation import rank_actions, touchpoint_priorities  # noqa: E402


def matplotlib_own(fig, fmt: str, dpi: int, box) -> bytes:
    """`fig` saved as matplotlib saves it, with the same editable-text settings."""
    metadata = {"pdf": {"CreationDate": None}, "svg": {"Date": None}}.get(fmt)
    buffer = io.BytesIO()
    with matplotlib.rc_context(figures.EDITABLE):
        fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches=box, metadata=metadata)
    return buffer.getvalue()


def timed(render, fig, fmt: str, box) -> tuple[float, int]:
    start = time.perf_counter()
    data = render(fig, fmt, figures.WIDE_DPI, box)
    return time.perf_counter() - start, len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        workspace = Workspace(root)
        workspace.ensure_demo()
        from cjm.project.model import load_project

        project = load_project(workspace.project_dir("demo"))
    period, _ = settle_step(project, "2026-H1")
    plan = rank_actions(project, touchpoint_priorities(project, period))
    persona = project.personas["persona_id"].iloc[0]
    ways = {"cjm": figures._render, "matplotlib": matplotlib_own}
    seconds = {(way, fmt): [] for way in ways for fmt in figures.MAP_FORMATS}
    sizes = {}
    for _ in range(args.repeat):
        for kind in project.config.map_kinds:
            for way, render in ways.items():  # each way saves a map drawn afresh, as a review
                fig = journey_map(project, persona, period=period, opportunities=plan,
                                  kind=kind)
                box = fig.bbox_inches.padded(0.1)
                for fmt in figures.MAP_FORMATS:
                    spent, size = timed(render, fig, fmt, box)
                    seconds[way, fmt].append(spent)
                    sizes.setdefault((way, fmt), {})[kind] = size
                plt.close(fig)
    kinds = len(project.config.map_kinds)
    print(f"{kinds} map kinds x {args.repeat} saves each way; median ms per map, total KB")
    print(f"{'format':<8}{'cjm ms':>9}{'mpl ms':>9}{'ratio':>7}{'cjm KB':>9}{'mpl KB':>9}")
    total = {way: 0.0 for way in ways}
    for fmt in figures.MAP_FORMATS:
        ours = statistics.median(seconds["cjm", fmt]) * 1000
        theirs = statistics.median(seconds["matplotlib", fmt]) * 1000
        total["cjm"] += ours
        total["matplotlib"] += theirs
        print(f"{fmt:<8}{ours:>9.0f}{theirs:>9.0f}{ours / theirs:>7.2f}"
              f"{sum(sizes['cjm', fmt].values()) / 1e3:>9.0f}"
              f"{sum(sizes['matplotlib', fmt].values()) / 1e3:>9.0f}")
    print(f"{'all':<8}{total['cjm']:>9.0f}{total['matplotlib']:>9.0f}"
          f"{total['cjm'] / total['matplotlib']:>7.2f}")


if __name__ == "__main__":
    main()

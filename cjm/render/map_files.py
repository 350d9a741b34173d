"""Every journey map of a review: each persona's map of each kind the project draws, in PNG,
SVG and PDF, drawn by several processes at once where the system can fork (a map takes
about 1.5 s to lay out and render in three formats, and a review draws personas x kinds of
them).

A forked process starts with the project already in memory and writes its files itself; it
sends back only the PNG to show and the warnings the drawing gave, which are shown here in
the order of the maps. A map a process could not draw is drawn again here, so that its error
is raised as it would be without processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import warnings
from pathlib import Path

from .figures import MAP_FORMATS, figure_bytes, figures_dir, map_name
from .journey_map import journey_map
from .theme import current_language, set_theme

MAX_JOBS = 4
_JOB: dict = {}  # what the forked processes draw from (inherited, never pickled)


def save_maps(project, period: str | None, output_dir: str | Path, *, opportunities=None,
              max_touchpoints_per_stage: int | None = 12, formats=MAP_FORMATS,
              show: bool = True, jobs: int | None = None) -> list[Path]:
    """Draw and save `<output_dir>/figures/journey_map_<persona>[_<kind>].<format>` for every
    persona and every kind of `project.config.map_kinds`; show each map's PNG in the
    notebook (`show`); return the paths written. `jobs`: processes drawing at once (default:
    the processors available, at most MAX_JOBS; 1 draws here)."""
    from IPython.display import Image, display

    pairs = [(persona, kind) for persona in project.personas["persona_id"]
             for kind in project.config.map_kinds]
    _JOB.update(project=project, period=period, opportunities=opportunities,
                output_dir=output_dir, most=max_touchpoints_per_stage, formats=tuple(formats),
                language=current_language())
    try:
        results = _draw_all(pairs, _jobs(jobs, len(pairs)))
    finally:
        _JOB.clear()
    paths = []
    for written, png, width, caught in results:
        for message, category in caught:
            warnings.warn(message, category, stacklevel=2)
        paths += written
        if show and png:
            display(Image(data=png, format="png", width=width))
    return paths


def _jobs(jobs: int | None, maps: int) -> int:
    if jobs is None:
        jobs = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                   else os.cpu_count() or 1, MAX_JOBS)
    forking = "fork" in multiprocessing.get_all_start_methods()
    return max(1, min(jobs, maps)) if forking else 1


def _draw_all(pairs: list[tuple[str, str]], jobs: int) -> list[tuple]:
    if jobs <= 1:
        return [_draw(pair) for pair in pairs]
    gc.freeze()  # the collector of a forked process leaves the inherited objects alone: their
    try:         # pages stay shared instead of being copied into each process
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_draw_caught, pairs, chunksize=1)
    finally:
        gc.unfreeze()
    return [_draw(pair) if result is None else result  # raise the failure here
            for pair, result in zip(pairs, results, strict=True)]


def _draw_caught(pair: tuple[str, str]):
    """`_draw` in a forked process: None when it fails (drawn again by the parent)."""
    try:
        return _draw(pair)
    except Exception:  # noqa: BLE001 (the parent draws it again and raises the real error)
        return None


def _draw(pair: tuple[str, str]) -> tuple[list[Path], bytes | None, int, list]:
    """Draw one map of the job and write its files: (paths, PNG bytes, width in pixels,
    warnings)."""
    job = _JOB
    set_theme(language=job["language"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths, rendered, width = write_map(
            job["project"], *pair, period=job["period"], opportunities=job["opportunities"],
            output_dir=job["output_dir"], formats=job["formats"], shown="png", most=job["most"])
    return paths, rendered["png"], width, [(str(w.message), w.category) for w in caught]


def write_map(project, persona: str, kind: str, *, period, opportunities, output_dir,
              formats, shown: str | None = None, most: int | None = 12
              ) -> tuple[list[Path], dict[str, bytes], int]:
    """Draw the persona's map of `kind` and write it in `formats` as
    `<output_dir>/figures/journey_map_<persona>[_<kind>].<format>`: (paths, the bytes of each
    format rendered, `shown` included, width in pixels)."""
    import matplotlib.pyplot as plt

    from ..project.writers import file_in, safe_name, write_bytes

    fig = journey_map(project, persona, period=period, opportunities=opportunities,
                      max_touchpoints_per_stage=most, kind=kind)
    try:
        rendered = figure_bytes(fig, tuple(dict.fromkeys([*formats, *([shown] if shown else [])])),
                                fitted=True)
        width = round(fig.get_figwidth() * 96)
    finally:
        plt.close(fig)
    folder = figures_dir(output_dir)
    name = safe_name(map_name(persona, kind, project))
    paths = [write_bytes(file_in(folder, f"{name}.{fmt}"), rendered[fmt])
             for fmt in formats] if folder is not None else []
    return paths, rendered, width

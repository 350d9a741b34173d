"""Every journey map of a review: each persona's map of each kind the project draws, in PNG,
SVG and PDF, drawn by several processes at once where the system can fork (a map takes
about 1.5 s to lay out and render in three formats, and a review draws personas x kinds of
them).

A forked process starts with the project already in memory and writes its files itself; it
sends back the bytes it rendered and the warnings the drawing gave, which are shown here in
the order of the maps. A map a process could not draw is drawn again here, so that its error
is raised as it would be without processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
import warnings
from pathlib import Path

from ..project.digests import project_digest
from ..project.memory import give_back
from ..project.model import LARGE
from ..project.schemas import TABLES
from . import map_store
from .figures import MAP_FORMATS, figure_bytes, figures_dir, map_name
from .journey_map import journey_map
from .map_store import store_dir
from .theme import current_language, set_theme

MAX_JOBS = 4
_JOB: dict = {}  # what the forked processes draw from (inherited, never pickled)


def save_maps(project, period: str | None, output_dir: str | Path, *, opportunities=None,
              max_touchpoints_per_stage: int | None = 12, formats=MAP_FORMATS,
              show: bool = True, jobs: int | None = None) -> list[Path]:
    """Draw and save `<output_dir>/figures/journey_map_<persona>[_<kind>].<format>` for every
    persona and every kind of `project.config.map_kinds`; show each map's PNG in the
    notebook (`show`); return the paths written. `jobs`: processes drawing at once (default:
    the processors available, at most MAX_JOBS; 1 draws here). A map a review drew ahead
    from the same data (`cjm.render.map_store`) is taken as drawn."""
    from IPython.display import Image, display

    from ..project.writers import file_in, safe_name, write_bytes

    job = _job(project, period, output_dir, opportunities, max_touchpoints_per_stage, formats)
    pairs = _pairs(project)
    store = store_dir(output_dir)
    store = store if store is not None and store.is_dir() else None
    keys = {pair: _key(job, pair) for pair in pairs}
    wanted = tuple(dict.fromkeys([*job["formats"], "png"]))  # the formats, and the PNG shown
    stored = {pair: map_store.get(store, keys[pair], wanted) for pair in pairs}
    # maps not drawn yet: this process draws those nobody else is drawing
    missing = [pair for pair in pairs if stored[pair] is None
               and (store is None or map_store.claim(store, keys[pair]))]
    if store is not None and jobs is None:  # a process drawing ahead shares the processors
        jobs = max(1, _jobs(None, len(pairs)) - 1)
    _JOB.update(job)
    try:
        drawn = dict(zip(missing, _draw_all(missing, _jobs(jobs, len(missing))), strict=True))
        deadline = time.monotonic() + map_store.PATIENCE
        for pair in pairs:  # being drawn ahead: wait for them (or draw them, if that failed)
            if stored[pair] is None and pair not in drawn:
                stored[pair] = map_store.wait_for(store, keys[pair], wanted, deadline)
                if stored[pair] is None:
                    drawn[pair] = _draw(pair)
    finally:
        _JOB.clear()
    folder = figures_dir(output_dir)
    paths = []
    for pair in pairs:
        if pair in drawn:
            written, rendered, width, caught = drawn[pair]
        else:
            rendered, width, caught = stored[pair]
            name = safe_name(map_name(*pair, project))
            written = [write_bytes(file_in(folder, f"{name}.{fmt}"), rendered[fmt])
                       for fmt in job["formats"]]
        png = rendered.get("png")
        for message, category in caught:
            warnings.warn(message, category, stacklevel=2)
        paths += written
        if show and png:
            display(Image(data=png, format="png", width=width))
    return paths


def draw_ahead(project, period: str | None, output_dir: str | Path, *, opportunities=None,
               max_touchpoints_per_stage: int | None = 12, formats=MAP_FORMATS,
               jobs: int | None = None) -> int:
    """Draw the maps `save_maps` would draw with these arguments into the store of
    `output_dir` (`cjm.render.map_store`), without writing them among the figures, and the
    name each is saved under (`map_store.put_names`: before drawing, or for a big project
    after); return how many were drawn. Maps that fail to draw are left out (the notebook
    draws them and says why)."""
    from ..project.writers import safe_name

    store = store_dir(output_dir)
    if store is None:
        return 0
    store.mkdir(parents=True, exist_ok=True)
    job = _job(project, period, "", opportunities, max_touchpoints_per_stage, formats)
    _JOB.update(job, store=store)
    try:
        # the kinds a review's deck shows as pictures first (all but the current state, a
        # slide of shapes): its deck can be made as soon as they are drawn
        pairs = sorted(_pairs(project), key=lambda pair: pair[1] == "current")
        names = {safe_name(map_name(*pair, project)): _key(job, pair) for pair in pairs}
        if not job["large"]:  # a big project's deck waits: no fourth process at the peak
            map_store.put_names(store, names)
        results = _draw_all(pairs, _jobs(jobs, len(pairs)), ahead=True)
        if job["large"]:
            map_store.put_names(store, names)
    finally:
        _JOB.clear()
    return sum(results)


def _job(project, period, output_dir, opportunities, most, formats) -> dict:
    return dict(project=project, period=period, opportunities=opportunities,
                output_dir=output_dir, most=most, formats=tuple(formats),
                language=current_language(), digest=project_digest(project),
                large=sum(len(project.table(name)) for name in TABLES) > LARGE)


def _pairs(project) -> list[tuple[str, str]]:
    return [(persona, kind) for persona in project.personas["persona_id"]
            for kind in project.config.map_kinds]


def _key(job: dict, pair: tuple[str, str]) -> str:
    return map_store.map_key(job["digest"], *pair, period=job["period"],
                             opportunities=job["opportunities"], most=job["most"],
                             formats=job["formats"], shown="png", language=job["language"])


def _jobs(jobs: int | None, maps: int) -> int:
    if jobs is None:
        jobs = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                   else os.cpu_count() or 1, MAX_JOBS)
    forking = "fork" in multiprocessing.get_all_start_methods()
    return max(1, min(jobs, maps)) if forking else 1


def _draw_all(pairs: list[tuple[str, str]], jobs: int, ahead: bool = False) -> list:
    """Each pair drawn (`_draw`) by `jobs` processes; a map a process could not draw is
    drawn again here to raise its error. `ahead`: each map not claimed by another process
    is drawn into the job's store instead (`_draw_into_store`: True when it was)."""
    if jobs <= 1:
        return [(_draw_into_store if ahead else _draw)(pair) for pair in pairs]
    work = _draw_into_store if ahead else _draw_caught
    gc.freeze()  # the collector of a forked process leaves the inherited objects alone: their
    try:         # pages stay shared instead of being copied into each process
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker) as pool:
            results = pool.map(work, pairs, chunksize=1)
    finally:
        gc.unfreeze()
    if ahead:
        return results
    return [_draw(pair) if result is None else result  # raise the failure here
            for pair, result in zip(pairs, results, strict=True)]


def _worker() -> None:
    """A drawing process ends when its pool ends it: it does not inherit the handler that
    turns SIGTERM into an exception in the command (`cjm.cli`), which could leave it waiting
    on the pool's queue."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _draw_into_store(pair: tuple[str, str]) -> bool:
    """Draw one map of the job into its store, unless another process claimed it first."""
    store, key = _JOB["store"], _key(_JOB, pair)
    if not map_store.claim(store, key):
        return False
    try:
        _, rendered, width, caught = _draw(pair)
    except Exception:  # noqa: BLE001 (left out: step 6 draws it again and says why)
        (store / f"{key}.claim").unlink(missing_ok=True)
        return False
    map_store.put(store, key, rendered, width, caught)
    # it runs beside the notebooks' kernel: what a big project's map took goes back (a
    # collection walks every object: for a small project's maps, a tenth of the drawing)
    give_back(collect=_JOB["large"])
    return True


def _draw_caught(pair: tuple[str, str]):
    """`_draw` in a forked process: None when it fails (drawn again by the parent)."""
    try:
        return _draw(pair)
    except Exception:  # noqa: BLE001 (the parent draws it again and raises the real error)
        return None


def _draw(pair: tuple[str, str]) -> tuple[list[Path], dict[str, bytes], int, list]:
    """Draw one map of the job and write its files: (paths, bytes per format, width in
    pixels, warnings)."""
    job = _JOB
    set_theme(language=job["language"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths, rendered, width = write_map(
            job["project"], *pair, period=job["period"], opportunities=job["opportunities"],
            output_dir=job["output_dir"], formats=job["formats"], shown="png", most=job["most"])
    return paths, rendered, width, [(str(w.message), w.category) for w in caught]


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

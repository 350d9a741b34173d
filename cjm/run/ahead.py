"""A review's journey maps drawn ahead, while its first notebooks run.

The notebooks run one after another on one kernel, so all but one processor wait; the maps
are most of a review's drawing (personas x kinds, each in three formats) and depend only on
the frozen tables. Once the review's documents have loaded those tables, a process forked
from there (sharing them, not loading them again) draws every map as step 6's template asks
for it into the review's store (`cjm.render.map_store`). Step 6 takes a map from the store
only when it would draw the same one; the maps not drawn yet when it gets there it shares
with this process (each claimed by whoever starts it), and a map the process could not
draw, or that the notebook draws differently (edited), it draws itself.

The process is forked by the thread that loaded the tables while the command's main thread
runs the notebooks, so it is forked only at a moment when no thread is halfway through
importing a module (`settled_imports`): a module being imported at the fork stays locked in
the child for ever, and the child would hang on its first import of it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

from ..render.map_store import store_dir


class MapsAhead:
    """The process drawing a review's maps into `folder`'s store (`start`), where the system
    can fork."""

    def __init__(self, folder: Path, period: str):
        self.folder, self.period = Path(folder), period
        self.process = None
        self.stopped = False
        self.lock = threading.Lock()
        if "fork" in multiprocessing.get_all_start_methods():
            store_dir(self.folder).mkdir()  # before step 6 can look for it

    def start(self, project) -> None:
        """Draw the maps of `project` (loaded from the review's frozen tables) in a forked
        process; called by the thread that loaded it."""
        with self.lock:
            if self.stopped or self.process is not None or not store_dir(self.folder).is_dir():
                return
            context = multiprocessing.get_context("fork")
            process = context.Process(target=_draw, args=(project, self.folder, self.period),
                                      name="cjm-maps-ahead")
            try:
                with settled_imports():
                    process.start()
            except OSError:  # no process to spare (memory, limits): step 6 draws them all
                return
            self.process = process

    def stop(self) -> None:
        """Stop drawing (the notebooks are done, or failed) and remove the store."""
        with self.lock:
            self.stopped = True
            if self.process is not None and self.process.is_alive():
                self.process.terminate()
            if self.process is not None:
                self.process.join()
        shutil.rmtree(store_dir(self.folder), ignore_errors=True)  # not handed over


@contextlib.contextmanager
def settled_imports(patience: float = 30.0, poll: float = 0.01):
    """Held while forking: no thread of this process is halfway through importing a module,
    and none starts one until the block ends (the import lock is held). Imports under way are
    waited for, at most `patience` seconds (then the fork goes ahead: the worst a child can do
    is hang, and what it was to draw is drawn by step 6)."""
    import _imp

    deadline = time.monotonic() + patience
    while True:
        _imp.acquire_lock()
        if not importing() or time.monotonic() >= deadline:
            break
        _imp.release_lock()
        time.sleep(poll)
    try:
        yield
    finally:
        _imp.release_lock()


def importing() -> list[str]:
    """The modules some thread of this process is importing now (read from a copy of
    sys.modules: other threads add to it meanwhile, and iterating over it could fail)."""
    return [name for name, module in sys.modules.copy().items()
            if getattr(getattr(module, "__spec__", None), "_initializing", False)]


def _draw(project, folder: Path, period: str) -> None:
    """In the forked process: step 6's maps of the review in `folder`, as its template draws
    them; any failure only leaves maps out."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stopped at once (it draws alone)
    gc.freeze()  # the collector leaves the inherited objects alone: their pages stay shared
    warnings.simplefilter("ignore")  # the notebooks show the warnings, not this process
    try:
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet), \
                contextlib.redirect_stderr(quiet):
            from ..notebook.maps import MOST
            from ..notebook.step import settle_step
            from ..render.map_files import draw_ahead
            from ..steps.prioritisation import rank_actions, touchpoint_priorities

            period, _ = settle_step(project, period)
            if project.personas.empty:
                return
            plan = rank_actions(project, touchpoint_priorities(project, period))
            draw_ahead(project, period, folder, opportunities=plan,
                       max_touchpoints_per_stage=MOST, jobs=1)
    except BaseException:  # noqa: BLE001 (step 6 draws what is missing and says why)
        sys.exit(1)

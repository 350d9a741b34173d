"""Runs and reviews: executing a project's six working notebooks.

`run_project` executes the working notebooks in place (each replaced atomically when it
succeeds). `review_project` builds `notebooks/<slug>/reviews/<period>/` under a temporary name:
a frozen copy of the tables in `data/`, the executed notebooks (run against that copy), their
figures and tables, and `report.html`; it is renamed into place only when complete. A failed
review is kept as `<period>.failed/` and nothing else changes.
"""

from __future__ import annotations

import contextvars
import os
import shutil
import tempfile
import threading
import warnings
from pathlib import Path

from ..errors import NotebookFailed, NothingToReview, OldNotebooks, UsageError
from ..messages import tr
from ..periods import in_period, resolve_period
from ..project import warehouse
from ..project.config import CONFIG_FILE
from ..project.eventlog import EVENT_LOG_FILES, events_in_window
from ..project.journal import project_lock
from ..project.model import checked_project, moved, pass_on
from ..project.notebooks import outdated_text, parameter_values
from ..project.readers import TABLE_SUFFIXES
from ..project.schemas import TABLES
from ..project.scratch import clean_stale, make_dir
from ..project.workspace import STEPS, Workspace
from ..render.handover import Handover, build_handover
from ..steps.review import completed_reviews
from ..steps.scores import latest_period
from .ahead import MapsAhead, settled_imports
from .kernel import DEFAULT_TIMEOUT, SharedKernel, execute

REVIEWS = "reviews"
# What a complete review holds besides the notebooks, report and frozen data.
REQUIRED_OUTPUTS = ("actions.xlsx", "metrics.csv", "summary.json")


def parse_steps(text: str) -> list[str]:
    """`"1-6"`, `"4"`, `"1,3-4"` -> the step notebook names, in order."""
    chosen: set[int] = set()
    try:
        for part in text.split(","):
            low, dash, high = part.strip().partition("-")
            chosen.update(range(int(low), int(high if dash else low) + 1))
    except ValueError:
        raise UsageError(tr("--steps must look like 1-6, 4 or 1,3-4, not {text}",
                             text=repr(text))) from None
    if not chosen or min(chosen) < 1 or max(chosen) > len(STEPS):
        raise UsageError(tr("--steps must be between 1 and {count}, not {text}", count=len(STEPS),
                             text=repr(text)))
    return [STEPS[number - 1] for number in sorted(chosen)]


def run_project(workspace: Workspace, slug: str, *, steps: list[str] | None = None,
                period: str = "", timeout: int = DEFAULT_TIMEOUT, progress=None) -> list[Path]:
    """Execute the project's working notebooks in place, in order; return their paths.

    A notebook is replaced only when it ran to the end; a failing one is written beside it as
    `<step>.failed.ipynb` and the run stops there.
    """
    resolve_period(period)  # a bad label is bad usage, before the project is read
    project, _ = _check(workspace.project_dir(slug))
    folder = workspace.notebook_dir(slug)
    sources = _notebooks(workspace, slug, steps or STEPS)
    period = resolve_period(period, granularity=project.config.review.granularity)
    parameters = {"project_dir": f"../../data/{slug}", "period": period,
                  "interactive": False, "output_dir": "outputs", "reviews_dir": REVIEWS}
    done = []
    with SharedKernel() as kernel:
        for number, source in enumerate(sources, start=1):
            _say(progress, f"[{number}/{len(sources)}] {source.stem} ...")
            ran = _run_in_place(source, _declared(source, parameters), folder, timeout, kernel)
            done.append(source)
            _say(progress, tr("[{number}/{total}] {step} done in {seconds:.1f} s",
                              number=number, total=len(sources), step=source.stem,
                              seconds=ran.seconds))
    return done


def _run_in_place(source: Path, parameters: dict, folder: Path, timeout: int, kernel):
    """Execute `source` into a temporary file, then replace it; keep a failure beside it."""
    fd, name = tempfile.mkstemp(prefix=f".{source.stem}.", suffix=".ipynb", dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        ran = execute(source, temporary, parameters, cwd=folder, timeout=timeout,
                      kernel=kernel)
        os.replace(temporary, source)
    except NotebookFailed as exc:
        failed = folder / f"{source.stem}.failed.ipynb"
        os.replace(temporary, failed)
        raise exc.kept_in(failed) from exc
    finally:
        temporary.unlink(missing_ok=True)
    (folder / f"{source.stem}.failed.ipynb").unlink(missing_ok=True)
    return ran


def review_project(workspace: Workspace, slug: str, *, period: str = "",
                   timeout: int = DEFAULT_TIMEOUT, progress=None, force: bool = False) -> Path:
    """Build the dated review of `period`; return its folder.

    Refused before anything runs when the period has nothing to review (no scores, survey
    answers or events), or when its review exists and `force` is False; with `force`, the
    existing review is replaced only once the new one is complete. The final rename is made
    under the project's lock, so two reviews of the same project never race on it.
    """
    resolve_period(period)  # a bad label is bad usage, before the project is read
    project_dir = workspace.project_dir(slug)
    with SharedKernel() as kernel:
        if (project_dir / CONFIG_FILE).is_file():  # the libraries imported while it is checked
            kernel.start(workspace.root, TEMPLATE_IMPORTS)
        return _review(workspace, slug, project_dir, period, timeout, progress, force, kernel)


# What the templates import: the kernel of a review imports them while the project is checked
TEMPLATE_IMPORTS = ("cjm.events", "cjm.notebook", "cjm.render.charts", "cjm.render.figures",
                    "cjm.render.workbook", "cjm.steps.drivers", "cjm.steps.evaluation",
                    "cjm.steps.goals", "cjm.steps.personas", "cjm.steps.prioritisation",
                    "cjm.steps.review", "cjm.steps.scores", "cjm.steps.survey",
                    "cjm.steps.touchpoints", "seaborn")


def _review(workspace: Workspace, slug: str, project_dir: Path, period: str, timeout: int,
            progress, force: bool, kernel: SharedKernel) -> Path:
    project, warned = _check(project_dir)
    period = resolve_period(period, granularity=project.config.review.granularity)
    folder = workspace.notebook_dir(slug)
    sources = _notebooks(workspace, slug, STEPS)
    reviews = folder / REVIEWS
    final = reviews / period
    if final.exists() and not force:
        raise UsageError(tr("the review of {period} already exists in {folder}: pass --force "
                            "to replace it (the new review replaces it only once complete)",
                            period=period, folder=final))
    refuse_empty_period(project, period)
    _reviews_dir(reviews)
    clean_stale(reviews, f".{period}.")
    staging = make_dir(reviews, f".{period}.")
    preparing = ahead = handover = None
    notebooks_done = threading.Event()
    handed = Path(tempfile.mkdtemp(prefix=f"cjm-loaded-{os.getpid()}."))  # this user's only
    try:
        freeze_tables(project_dir, staging / "data")
        # The notebooks and the documents read the frozen copy: the project checked above is
        # theirs, not read and checked again (the kernel adopts it before the first notebook)
        project = moved(project, staging / "data")
        prelude = ""
        if project is not None:
            pass_on(project, handed / "project.pickle")
            prelude = _ADOPT.format(file=str(handed / "project.pickle"))
        # the deck and the results need only the frozen tables: made while the notebooks
        # run, and step 6's maps drawn from the tables they load
        ahead = MapsAhead(staging, period)
        handover = Handover(staging, period, deck_template=workspace.deck_template(),
                            warnings=warned, ipa_split=_ipa_split(sources),
                            loaded=ahead.start, project=project, forking=settled_imports)
        del project
        # run in a copy of this context: the thread speaks the language chosen here
        preparing = threading.Thread(target=contextvars.copy_context().run,
                                     args=(handover.prepare, notebooks_done),
                                     name="cjm-handover", daemon=True)
        preparing.start()
        parameters = {"project_dir": "data", "period": period, "interactive": False,
                      "output_dir": ".", "reviews_dir": ".."}
        kernel.prelude = prelude
        _run_all(sources, staging, parameters, timeout, progress, kernel)
        notebooks_done.set()
        kernel.close()  # not held while the documents are finished
        ahead.stop()
        missing = [name for name in REQUIRED_OUTPUTS if not (staging / name).is_file()]
        if missing:
            raise NotebookFailed(sources[-1], None, tr(
                "the review is incomplete: no {files} was written by the notebooks",
                files=", ".join(missing)))
        preparing.join()
        handover.finish()
    except NotebookFailed as exc:
        _stop(ahead, preparing, handover, notebooks_done)
        failed = reviews / f"{period}.failed"
        _replace(staging, failed)
        raise exc.kept_in(failed) from exc
    except BaseException:
        _stop(ahead, preparing, handover, notebooks_done)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(handed, ignore_errors=True)
    with project_lock(project_dir):
        if final.exists() and not force:  # another review finished first
            shutil.rmtree(staging, ignore_errors=True)
            raise UsageError(tr("the review of {period} was written by another run meanwhile "
                                "({folder}): pass --force to replace it",
                                period=period, folder=final))
        _replace(staging, final)
    shutil.rmtree(reviews / f"{period}.failed", ignore_errors=True)
    return final


def refuse_empty_period(project, period: str) -> None:
    """NothingToReview when `period` has no scores, no survey answers and no events: a review
    of nothing would look like a review where nothing changed."""
    scores = int((project.evaluations["period"] == period).sum())
    answers = int(in_period(project.survey["responded_at"], period).sum())
    if scores or answers:
        return
    if project.events_path is not None and events_in_window(project.events_path, period):
        return
    settings = project.config.events
    if settings is not None and warehouse.events_in_window(settings, project.path, period):
        return
    latest = latest_period(project)
    since = tr(" (the latest scores are for {period})", period=latest) if latest else ""
    raise NothingToReview(period, tr("nothing to review in {period}: no scores in "
                                     "evaluations.csv, no survey answers and no events dated "
                                     "in it{since}; score the touchpoints or add data first",
                                     period=period, since=since))


def _reviews_dir(reviews: Path) -> Path:
    """The project's reviews folder, created if needed; refused when it is not a folder."""
    if reviews.exists() and not reviews.is_dir():
        raise UsageError(tr("{path} is a file: it must be the folder of the project's "
                            "reviews (move the file away)", path=reviews))
    reviews.mkdir(parents=True, exist_ok=True)
    return reviews


_ADOPT = ("from cjm.project.model import adopt as _adopt\n"
          "_adopt({file!r})\n"
          "del _adopt")


def _run_all(sources: list[Path], staging: Path, parameters: dict, timeout: int,
             progress, kernel: SharedKernel) -> None:
    for number, source in enumerate(sources, start=1):
        _say(progress, f"[{number}/{len(sources)}] {source.stem} ...")
        done = execute(source, staging / source.name, _declared(source, parameters),
                       cwd=staging, timeout=timeout, kernel=kernel)
        _say(progress, tr("[{number}/{total}] {step} done in {seconds:.1f} s",
                          number=number, total=len(sources), step=source.stem,
                          seconds=done.seconds))


def rebuild_handover(workspace: Workspace, slug: str, *, period: str = "") -> list[Path]:
    """Rebuild the workbook, report and deck of the review of `period` (default: the latest
    review) from its results; return their paths."""
    reviews = workspace.notebook_dir(slug) / REVIEWS
    done = completed_reviews(reviews)
    wanted = resolve_period(period) if period else None
    folder = next((path for path in reversed(done) if wanted in (None, path.name)), None)
    if folder is None:
        fields = {"period": wanted or "", "slug": slug, "folder": reviews}
        if done:
            raise UsageError(tr("no review {period} of '{slug}' in {folder} "
                                "(reviews: {known}; run: cjm review {slug})",
                                known=", ".join(path.name for path in done), **fields))
        raise UsageError(tr("no review {period} of '{slug}' in {folder} "
                            "(reviews: none yet; run: cjm review {slug})", **fields))
    return build_handover(folder, workspace.deck_template())


def freeze_tables(project_dir: Path, target: Path) -> None:
    """Copy the project's settings, tables and event log into `target`."""
    target.mkdir(parents=True)
    names = [CONFIG_FILE, *EVENT_LOG_FILES,
             *(f"{stem}{suffix}" for stem in TABLES for suffix in TABLE_SUFFIXES)]
    for name in names:
        if (project_dir / name).is_file():
            shutil.copy2(project_dir / name, target / name)
    if (target / CONFIG_FILE).is_file():  # a log on an engine stays where it is
        warehouse.anchor_path(target / CONFIG_FILE, project_dir)


def _check(project_dir: Path):
    """The project, loaded, and the warnings of its validation; ValidationError on errors."""
    if not (project_dir / CONFIG_FILE).is_file():
        raise UsageError(tr("no project in {folder} (create one with: cjm new NAME)",
                            folder=project_dir))
    return checked_project(project_dir)


def _notebooks(workspace: Workspace, slug: str, steps: list[str]) -> list[Path]:
    """The working notebooks of `steps`, each checked to be a readable notebook; a warning
    when they come from older templates than the installed ones."""
    folder = workspace.notebook_dir(slug)
    sources = [folder / f"{step}.ipynb" for step in steps]
    missing = [path.name for path in sources if not path.is_file()]
    if missing:
        raise UsageError(tr("missing working notebooks in {folder}: {names} (to make them "
                            "from the installed templates: cjm upgrade {slug})",
                            folder=folder, names=", ".join(missing), slug=slug))
    for path in sources:
        _readable(path)
    found = [age for age in workspace.outdated_notebooks(slug) if age[0] in steps]
    if found:
        warnings.warn(outdated_text(slug, found), OldNotebooks, stacklevel=3)
    return sources


def _declared(notebook: Path, parameters: dict) -> dict:
    """The subset of `parameters` that the notebook's parameters cell declares."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    return {name: value for name, value in parameters.items() if name in declared}


def _say(progress, message: str) -> None:
    if progress:
        progress(message)


def _replace(staging: Path, final: Path) -> None:
    """Put `staging` at `final`, replacing an older folder there without a gap in between."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _stop(ahead: MapsAhead | None, preparing, handover: Handover | None,
          notebooks_done: threading.Event) -> None:
    """Stop what works in the review's folder before it is moved or removed: the maps drawn
    ahead, the handover thread, the deck made ahead."""
    if ahead is not None:
        ahead.stop()
    notebooks_done.set()
    if preparing is not None:
        preparing.join()
    if handover is not None:
        handover.abandon()


def _ipa_split(sources: list[Path]) -> str | None:
    """The IPA crosshair rule the prioritisation notebook's parameters cell sets."""
    import nbformat

    notebook = next((path for path in sources if path.stem == "05_prioritisation"), None)
    if notebook is None:
        return None
    for cell in nbformat.read(notebook, as_version=4).cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return parameter_values(cell.source).get("ipa_split")
    return None


def _readable(path: Path) -> None:
    """NotebookFailed naming the file when it is not a readable notebook (cut short by a full
    disk, edited by hand into invalid JSON)."""
    import nbformat

    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as exc:  # JSON, encoding and schema errors: the file is damaged
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise NotebookFailed(path, None, tr("{path} is not a readable notebook ({reason}); "
                                            "restore it from a copy, or run: cjm upgrade SLUG, "
                                            "which makes missing notebooks afresh",
                                            path=path, reason=reason)) from None

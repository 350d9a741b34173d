"""What a review hands to the managers who will not open a notebook: `actions.xlsx` (the plan,
explained, with the review's tables whole), `report.html` and `deck.pptx`; and `drivers.csv`
when the notebooks did not write it.

Everything but the report's figures comes from the review's frozen tables, so a review
`prepare`s (computes its results, writes its deck) while its notebooks run, and `finish`es
(the workbook, then the report with the notebooks' figures) once they are done. A deck that
shows pictures of maps step 6 saves is built by a forked process as soon as they are saved,
or drawn ahead for step 6, and kept only if step 6 saved the same pictures when the review
finishes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import signal
import threading
from pathlib import Path

from . import map_store
from .contents import Contents
from .deck import build_deck, map_pictures
from .figures import save_table
from .report import build_report
from .results import ReviewResults
from .workbook import export_actions

DRIVERS_FILE = "drivers.csv"  # step 4 writes it; a review's working notebooks may predate it


class Handover:
    """The documents of the review built in `folder`."""

    def __init__(self, folder: str | Path, period: str | None = None, *,
                 deck_template: Path | None = None, warnings: list | None = None,
                 ipa_split: str | None = None, today: dt.date | None = None,
                 loaded=None, project=None, forking=contextlib.nullcontext):
        self.folder, self.period, self.deck_template = Path(folder), period, deck_template
        self.loaded = loaded  # called with the project once its frozen tables are loaded
        self.project = project  # the frozen tables, when the caller has them loaded
        self.forking = forking  # held while a process is forked from a thread
        self.early: tuple[_Forked, dict[Path, bytes]] | None = None  # deck made meanwhile
        self.warnings, self.ipa_split, self.today = warnings, ipa_split, today
        self.results: ReviewResults | None = None
        self.contents: Contents | None = None
        self.deck: Path | None = None
        self.error: BaseException | None = None

    def prepare(self, notebooks_done: threading.Event | None = None) -> None:
        """Compute the results and the tables, write the deck (needs only `data/`). A project
        that draws several kinds of map shows step 6's pictures of them: given
        `notebooks_done`, the deck is made by a forked process as soon as they are saved
        (`finish` makes it when they never are). A failure is kept in `error`, for the
        thread that waits on it."""
        self._prepare()
        if notebooks_done is not None and self.error is None and self.deck is None:
            try:
                self._deck_when_pictured(notebooks_done)
            except Exception:  # noqa: BLE001 (a head start only: `finish` makes the deck)
                self.abandon()

    def _prepare(self) -> None:
        try:
            self.results = ReviewResults(self.folder, self.period, self.warnings, self.today,
                                         self.ipa_split, project=self.project)
            self.project = None  # the results hold it
            if self.loaded is not None:
                self.loaded(self.results.project)
            self.contents = Contents(self.results)
            self.contents.prepare()
            if len(self.results.project.config.map_kinds) == 1:  # else it shows their figures
                self.deck = build_deck(self.folder, self.results, self.contents,
                                       self.deck_template)
        except BaseException as exc:  # re-raised by finish, in the caller's thread
            self.error = exc

    def _deck_when_pictured(self, notebooks_done: threading.Event, poll: float = 0.1) -> None:
        """Fork the deck's process once every map picture it shows is saved, or drawn ahead
        for step 6 (`cjm.render.map_store`), unless the notebooks end first (or the system
        cannot fork)."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        pictures = map_pictures(self.results)
        names = [path.name.removesuffix(".png") for path in pictures]
        while True:
            if all(path.is_file() for path in pictures):
                seen, given = {path: path.read_bytes() for path in pictures}, None
                break
            # drawn ahead for step 6, which saves the same bytes unless its notebook differs
            given = map_store.pictures(map_store.store_dir(self.folder), names)
            if given is not None:
                seen = {path: given[name] for path, name in zip(pictures, names, strict=True)}
                break
            if notebooks_done.wait(poll):
                return
        with self.forking():
            deck = _Forked(build_deck, self.folder, self.results, self.contents,
                           self.deck_template, given, meanwhile=True)
        if deck.process is not None:
            self.early = (deck, seen)

    def abandon(self) -> None:
        """Stop the deck being made ahead, if any (the review failed: its folder is moved)."""
        if self.early is not None:
            self.early[0].cancel()
            self.early = None

    def finish(self) -> list[Path]:
        """Write the workbook and the report (they need the notebooks' outputs); return the
        paths of the three documents."""
        if self.results is None and self.error is None:
            self._prepare()
        if self.error is not None:
            raise self.error
        results, contents = self.results, self.contents
        # a deck still to build is built by a forked process meanwhile (the workbook and the
        # report need only this one's processor time), or was, from the same pictures
        deck = None if self.deck is not None else self._made_ahead() or _Forked(
            build_deck, self.folder, results, contents, self.deck_template)
        sheets = contents.workbook_sheets
        workbook = export_actions(results.plan, self.folder, language=results.language,
                                  priorities=results.priorities, project=results.project,
                                  period=results.period,
                                  sheets={name: table.full for name, table in sheets.items()},
                                  formats={name: table.formats for name, table in sheets.items()})
        if not (self.folder / DRIVERS_FILE).is_file():  # working notebooks older than it
            save_table(results.driver_table, self.folder, DRIVERS_FILE,
                       language=results.language)
        report = build_report(self.folder, results, contents)
        if deck is not None:  # the maps of other kinds, as the notebooks saved them
            self.deck = deck.result()
        return [workbook, report, self.deck]

    def _made_ahead(self) -> _Forked | None:
        """The deck made ahead, when the pictures it showed are still those saved; else None,
        once its process has ended (the deck it writes is then replaced)."""
        if self.early is None:
            return None
        (deck, seen), self.early = self.early, None
        if all(path.is_file() and path.read_bytes() == data for path, data in seen.items()):
            return deck
        deck.cancel()
        return None


class _Forked:
    """`function(*args)` returning a path, run by a forked process where the system can
    fork; `result()` waits for it. When the process fails, the call is made again here, so
    its error is raised as without a process. `meanwhile`: made while other work goes on,
    which goes first (the process runs at a lower priority)."""

    def __init__(self, function, *args, meanwhile: bool = False):
        self.function, self.args, self.process = function, args, None
        self.meanwhile = meanwhile
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.reader, self.writer = context.Pipe(duplex=False)
            process = context.Process(target=self._run, name="cjm-handover", daemon=True)
            try:
                process.start()
            except OSError:  # no process to spare: made here when asked for
                return
            self.process = process

    def _run(self) -> None:
        signal.signal(signal.SIGTERM, _ended)  # cancelled: its files are left as they were
        if self.meanwhile:  # the notebooks and the maps they wait for go first
            with contextlib.suppress(OSError):
                os.nice(10)
        try:
            self.writer.send(str(self.function(*self.args)))
        except BaseException:  # noqa: BLE001 (made again by the parent, which raises it)
            self.writer.send("")

    def cancel(self) -> None:
        """Stop the process and wait for it to end (what it was writing is left unwritten)."""
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None

    def result(self) -> Path:
        if self.process is not None:
            self.process.join()
            made = self.reader.recv() if self.reader.poll() else ""
            if made and self.process.exitcode == 0:
                return Path(made)
        return self.function(*self.args)


def _ended(signum, frame):
    raise SystemExit(1)  # through the `finally` blocks that remove temporary files


def build_handover(folder: str | Path, deck_template: Path | None = None,
                   warnings: list | None = None) -> list[Path]:
    """Write the workbook, the report and the deck of the review in `folder`; return their
    paths. `deck_template`: an organisation's .pptx for the deck's masters and colours;
    `warnings`: the validation warnings of the tables when the caller has them."""
    return Handover(folder, deck_template=deck_template, warnings=warnings).finish()

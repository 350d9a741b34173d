"""What a review hands to the managers who will not open a notebook: `actions.xlsx` (the plan,
explained, with the review's tables whole), `report.html` and `deck.pptx`; and `drivers.csv`
when the notebooks did not write it.

Everything but the figures comes from the review's frozen tables, so a review `prepare`s
(computes its results, makes the deck's slides) while its notebooks run, and `finish`es (the
workbook, the report with the notebooks' figures, the deck with the pictures of the maps of
other kinds, as step 6 saved them) once they are done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .contents import Contents
from .deck import Deck
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
                 loaded=None, project=None):
        self.folder, self.period, self.deck_template = Path(folder), period, deck_template
        self.loaded = loaded  # called with the project once its frozen tables are loaded
        self.project = project  # the frozen tables, when the caller has them loaded
        self.warnings, self.ipa_split, self.today = warnings, ipa_split, today
        self.results: ReviewResults | None = None
        self.contents: Contents | None = None
        self.deck: Path | None = None
        self.draft: Deck | None = None  # the deck's slides, made while the notebooks run
        self.error: BaseException | None = None

    def prepare(self) -> None:
        """Compute the results and the tables, make the deck's slides (needs only `data/`;
        the pictures of the maps of other kinds wait for `finish`, to show the notebooks'
        figures of them). Kept in `error` when it fails, for the thread that waits on it."""
        try:
            self.results = ReviewResults(self.folder, self.period, self.warnings, self.today,
                                         self.ipa_split, project=self.project)
            self.project = None  # the results hold it
            if self.loaded is not None:
                self.loaded(self.results.project)
            self.contents = Contents(self.results)
            self.contents.prepare()
            draft = Deck(self.results, self.contents, self.deck_template)
            draft.build(pictures=False)
            if draft.pending:
                self.draft = draft
            else:
                self.deck = draft.save(self.folder)
        except BaseException as exc:  # re-raised by finish, in the caller's thread
            self.error = exc

    def finish(self) -> list[Path]:
        """Write the workbook, the report and the deck's pictures (they need the notebooks'
        outputs); return the paths of the three documents."""
        if self.results is None and self.error is None:
            self.prepare()
        if self.error is not None:
            raise self.error
        results, contents = self.results, self.contents
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
        if self.draft is not None:  # the maps of other kinds, as the notebooks saved them
            self.deck, self.draft = self.draft.save(self.folder), None
        return [workbook, report, self.deck]


def build_handover(folder: str | Path, deck_template: Path | None = None,
                   warnings: list | None = None) -> list[Path]:
    """Write the workbook, the report and the deck of the review in `folder`; return their
    paths. `deck_template`: an organisation's .pptx for the deck's masters and colours;
    `warnings`: the validation warnings of the tables when the caller has them."""
    return Handover(folder, deck_template=deck_template, warnings=warnings).finish()

"""What a review found, computed from its frozen tables for the documents that hand it over.

A review folder holds the executed notebooks, `figures/`, `summary.json` and `data/`, the
tables frozen as the review used them. `ReviewResults` computes from `data/`, with the functions
the notebooks call, everything a manager's document shows: what the review compares with, the
headline figures, every touchpoint's change, the actions done, what needs attention, the plan
and the step tables. It needs none of the notebooks' outputs (the figures excepted), so a
review can prepare its deck while its notebooks run, and `cjm report` can rebuild the documents
of a review made by an older cjm.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pandas as pd

from ..errors import UsageError
from ..events.progress import behavioural_drivers
from ..messages import tr
from ..periods import is_period
from ..project.model import errors_in, load_project, validate_project
from ..project.writers import file_in, safe_name
from ..steps import drivers as driver_steps
from ..steps import evaluation, prioritisation, review, survey
from ..steps.scores import latest_period
from .journey_map import journey_map_data


class ReviewResults:
    """The results of the review in `folder` (`notebooks/<slug>/reviews/<period>/`, or the
    folder it is built in): of `period` (default: the folder's name), compared as the review
    notebook compares (`cjm.steps.review.baseline`), with the earlier reviews beside it."""

    def __init__(self, folder: str | Path, period: str | None = None,
                 warnings: list | None = None, today: dt.date | None = None,
                 ipa_split: str | None = None, project=None):
        self.folder = Path(folder)
        self.period = period or self.folder.name
        if not is_period(self.period):
            raise UsageError(tr("{folder} is not a review folder (its name is not a period "
                                "such as 2026-H2)", folder=self.folder))
        if not (self.folder / "data").is_dir():
            raise UsageError(tr("{folder} is missing: the review is incomplete; run it again",
                                folder=self.folder / "data"))
        self.project = project if project is not None else \
            load_project(self.folder / "data", keep=False)
        self.language = self.project.config.language
        self.figures = self.folder / "figures"
        self.as_of = today or dt.date.today()
        self.ipa_split = ipa_split or _saved_split(self.folder)
        if warnings is not None:
            self.__dict__["warnings"] = [p for p in warnings if p.severity != "error"]

    # ------------------------------------------------------------------ what it compares with
    @functools.cached_property
    def baseline(self):
        """(project, period, how) the review compares with: an earlier review's frozen tables
        ("review") or the project's own rows of the period before ("tables")."""
        previous, earlier, _ = review.baseline(self.project, self.period, self.folder.parent)
        return previous, earlier, "tables" if previous is self.project else "review"

    @functools.cached_property
    def comparison(self) -> pd.DataFrame:
        previous, earlier, _ = self.baseline
        return review.compare_touchpoints(self.project, self.period, previous, earlier)

    @functools.cached_property
    def kpis(self) -> pd.DataFrame:
        previous, earlier, _ = self.baseline
        return survey.kpi_changes(self.project, self.period, previous, earlier)

    @functools.cached_property
    def done(self) -> pd.DataFrame:
        previous, earlier, _ = self.baseline
        return review.actions_since(self.project, self.period, previous, earlier,
                                    comparison=self.comparison)

    @functools.cached_property
    def attention(self) -> pd.DataFrame:
        return review.needs_attention(self.comparison, self.priorities,
                                      friction=self.friction, language=self.language)

    @property
    def next_review_due(self) -> dt.date:
        return review.next_review_due(self.period, self.project.config.review.every_months)

    # ------------------------------------------------------------------ the period's tables
    @functools.cached_property
    def priorities(self) -> pd.DataFrame:
        return prioritisation.touchpoint_priorities(self.project, self.period)

    @functools.cached_property
    def plan(self) -> pd.DataFrame:
        return prioritisation.rank_actions(self.project, self.priorities, today=self.as_of)

    @functools.cached_property
    def overdue(self) -> pd.DataFrame:
        return prioritisation.overdue_actions(self.project, self.as_of)

    @functools.cached_property
    def friction(self) -> pd.DataFrame:
        return evaluation.friction_points(self.project, self.period)

    @functools.cached_property
    def moments(self) -> pd.DataFrame:
        return evaluation.moments_of_truth(self.project, self.period)

    @functools.cached_property
    def metrics(self) -> pd.DataFrame:
        """Survey metrics per touchpoint in the period, most answered first."""
        table = survey.survey_metrics(self.project, by=("touchpoint_id",), period=self.period)
        return table.sort_values(["n_csat", "touchpoint_id"], ascending=[False, True],
                                 kind="stable").reset_index(drop=True)

    @functools.cached_property
    def drivers(self) -> driver_steps.KeyDrivers:
        """The key drivers of NPS among the period's barometer respondents."""
        return driver_steps.key_drivers(self.project, self.period)

    @functools.cached_property
    def driver_table(self) -> pd.DataFrame:
        """Every key driver analysis of the period (drivers.csv)."""
        return driver_steps.drivers_table(self.project, self.period)

    @functools.cached_property
    def stated_derived(self) -> pd.DataFrame:
        return driver_steps.stated_vs_derived(self.project, self.period, self.drivers)

    @functools.cached_property
    def behaviour(self) -> pd.DataFrame:
        """How customers who meet each touchpoint go on, in the period's events."""
        return behavioural_drivers(self.project, window=self.period)

    @functools.cached_property
    def journeys(self) -> pd.DataFrame:
        """The NPS of answers whose customer the log holds, by how far they went."""
        return survey.answers_by_journey(self.project, self.period)

    @functools.cached_property
    def ipa_table(self):
        return prioritisation.ipa(self.project, self.period, split=self.ipa_split)

    @functools.cached_property
    def warnings(self) -> list:
        """The validation warnings of the frozen tables (their errors would have stopped the
        review)."""
        problems = validate_project(self.project.path)
        return [problem for problem in problems if problem not in errors_in(problems)]

    @property
    def latest_scored(self) -> str | None:
        return latest_period(self.project)

    def map_data(self, persona_id: str, kind: str = "current") -> dict:
        """What the persona's journey map of `kind` shows, with the plan's opportunities (the
        deck's editable map is the current state; the other kinds are pictures)."""
        return journey_map_data(self.project, persona_id, self.period, self.plan, kind=kind)

    def figure(self, name: str) -> Path | None:
        """The PNG `figures/<name>.png` when the notebooks saved it."""
        path = self.figure_file(name)
        return path if path.is_file() else None

    def figure_file(self, name: str) -> Path:
        """Where the notebooks save the PNG of figure `name` (made safe as
        `cjm.render.figures.save_figure` makes it)."""
        return file_in(self.figures, f"{safe_name(name)}.png")


def _saved_split(folder: Path) -> str:
    """The IPA crosshair rule the review's notebook recorded in ipa.json ("means" without)."""
    try:
        split = json.loads((folder / "ipa.json").read_text(encoding="utf-8")).get("split")
    except (OSError, ValueError, AttributeError):
        return "means"
    return split if split in prioritisation.SPLITS else "means"

"""What the manager's documents show, section by section: the executive summary, the journey
maps, then each step's figures and tidy tables. `Contents` gathers it once from
`ReviewResults`; the report renders all of it, the deck a part, and the workbook keeps each
table whole.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DamagedFile
from ..labels import label, say
from ..messages import tr
from ..steps import goals, personas, touchpoints
from . import story
from .tables import Column, Tidy, tidy

ATTENTION_ROWS, PLAN_ROWS, ROWS = 8, 5, 10
TALL = 2600  # pixels: a chart taller than this is left in figures/ rather than shown


@dataclass
class Figure:
    name: str  # figures/<name>.png
    caption: str = ""


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Tidy] = field(default_factory=list)


class Contents:
    """The sections of a review's documents, in the project's language."""

    def __init__(self, results):
        self.results = results
        self.language = results.language

    def word(self, key: str, **fields) -> str:
        return say(key, self.language, **fields) if fields else label(key, self.language)

    # ------------------------------------------------------------------ executive summary
    @functools.cached_property
    def kpis(self) -> list[dict]:
        return story.kpi_cards(self.results)

    @functools.cached_property
    def changes(self) -> list[str]:
        return story.change_sentences(self.results)

    @functools.cached_property
    def drivers(self) -> list[str]:
        return story.driver_sentences(self.results)

    @functools.cached_property
    def done(self) -> tuple[str, list[str]]:
        return story.actions_done(self.results)

    @functools.cached_property
    def quality(self) -> list[str]:
        return story.quality_notes(self.results)

    @functools.cached_property
    def attention(self) -> Tidy:
        return tidy("", self.results.attention, [
            Column("name", "touchpoint"), Column("stage", "stage"), Column("reason", "reason")],
            self.language, limit=ATTENTION_ROWS, sheet=self.word("sheet_attention"))

    @functools.cached_property
    def plan(self) -> Tidy:
        return tidy("", self.results.plan, [
            Column("rank", "rank", "int"), Column("title", "action"),
            Column("touchpoint", "touchpoint"), Column("owner", "owner"),
            Column("due", "due", "date"), Column("score", "score", "number")],
            self.language, limit=PLAN_ROWS, sheet=self.word("sheet_plan"),
            mark=lambda row: "overdue" if row.overdue else "")

    @property
    def next_review(self) -> str:
        return self.word("next_review", date=self.results.next_review_due.isoformat())

    # ------------------------------------------------------------------ the steps
    @functools.cached_property
    def steps(self) -> list[Section]:
        r, word = self.results, self.word
        project, language = r.project, self.language
        shares = personas.share_table(project).merge(
            project.personas[["persona_id", "segment"]], on="persona_id", how="left")
        steps = [
            Section("personas", word("step_personas"), [Figure("persona_shares")], [
                tidy(word("t_personas"), shares, [
                    Column("name", "persona"), Column("segment", "segment"),
                    Column("share", "share", "share"),
                    Column("digital_ease", "digital_ease", "int")], language, limit=ROWS),
                tidy(word("t_persona_checks"), personas.persona_checks(project), [
                    Column("name", "persona"), Column("check", "check"),
                    Column("detail", "detail")], language, limit=ROWS)]),
            Section("goals", word("step_goals"), [Figure("goal_coverage")], [
                tidy(word("t_goal_gaps"), goals.coverage_gaps(project), [
                    Column("name", "persona"), Column("stage", "stage")], language,
                    limit=ROWS)]),
            Section("touchpoints", word("step_touchpoints"), [Figure("touchpoint_matrix_count")],
                    [tidy(word("t_volumes"), touchpoints.volumes_by_stage(project), [
                        Column("stage", "stage"), Column("touchpoints", "touchpoints", "int"),
                        Column("volume", "volume", "int"),
                        Column("share_of_volume", "share_of_volume", "share")], language,
                        limit=None),
                     tidy(word("t_missing"), touchpoints.missing_touchpoints(project), [
                         Column("name", "persona"), Column("stage", "stage"),
                         Column("channel", "channel")], language, limit=ROWS,
                         sheet=word("sheet_missing")),
                     tidy(word("t_redundant"), touchpoints.redundancy_candidates(project), [
                         Column("stage", "stage"), Column("channel", "channel"),
                         Column("name_a", "touchpoint"), Column("name_b", "other_touchpoint")],
                         language, limit=ROWS)]),
            Section("evaluation", word("step_evaluation"),
                    [Figure("stage_summary"), Figure("funnel"), Figure("key_drivers"),
                     Figure("behavioural_drivers")], [
                tidy(word("t_metrics"), r.metrics, [
                    Column("name", "touchpoint"), Column("n_csat", "n_csat", "int"),
                    Column("csat", "csat", "share"), Column("ces_easy", "ces_easy", "share"),
                    Column("n_nps", "n_nps", "int"), Column("nps", "nps", "signed")],
                    language, limit=ROWS, sheet=word("sheet_metrics")),
                tidy(word("t_friction"), r.friction, [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("satisfaction", "satisfaction", "number"),
                    Column("emotion", "emotion", "delta"), Column("reasons", "reason")],
                    language, limit=ROWS, sheet=word("sheet_friction")),
                tidy(word("t_moments"), r.moments, [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("satisfaction", "satisfaction", "number"),
                    Column("emotion", "emotion", "delta"), Column("n_csat", "n_csat", "int"),
                    Column("csat", "csat", "share")], language, limit=ROWS,
                    sheet=word("sheet_moments")),
                tidy(word("t_drivers"), self._drivers(), [
                    Column("rank", "rank", "int"), Column("name", "touchpoint"),
                    Column("stage", "stage"), Column("weight", "weight", "share1"),
                    Column("low", "low", "share1"), Column("high", "high", "share1"),
                    Column("n", "ratings", "int"), Column("status_word", "status")],
                    language, limit=ROWS, sheet=word("sheet_drivers")),
                tidy(word("t_behaviour"), self._leaving(), [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("customers_met", "customers_met", "int"),
                    Column("progress_met", "progress_met", "share"),
                    Column("progress_not_met", "progress_not_met", "share"),
                    Column("progress_diff", "progress_diff", "points")], language,
                    limit=ROWS)]),
            Section("prioritisation", word("step_prioritisation"),
                    [Figure("ipa"), Figure("stated_vs_derived")], [
                tidy(word("t_concentrate"), self._quadrant("concentrate_here"), [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("importance", "importance", "number"),
                    Column("satisfaction", "satisfaction", "number")], language, limit=ROWS),
                tidy(word("t_priorities"), r.priorities, [
                    Column("rank", "rank", "int"), Column("name", "touchpoint"),
                    Column("stage", "stage"), Column("satisfaction", "satisfaction", "number"),
                    Column("importance", "importance", "number"),
                    Column("reach", "reach", "share"), Column("priority", "priority", "number")],
                    language, limit=ROWS, sheet=word("sheet_priorities")),
                tidy(word("t_hidden"), self._disagreements(), [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("stated", "stated", "number"), Column("weight", "weight", "share1"),
                    Column("quadrant_word", "quadrant_word")], language, limit=ROWS)]),
            Section("review", word("step_review"), [Figure("changes")], [
                tidy(word("t_changes"), self._changed(), [
                    Column("name", "touchpoint"), Column("stage", "stage"),
                    Column("status_word", "status"), Column("basis_word", "basis"),
                    Column("satisfaction_before", "satisfaction_before", "number"),
                    Column("satisfaction_after", "satisfaction_after", "number"),
                    Column("csat_before", "csat_before", "share"),
                    Column("csat_after", "csat_after", "share")], language, limit=ROWS,
                    sheet=word("sheet_changes")),
                tidy(word("t_overdue"), r.overdue, [
                    Column("title", "action"), Column("owner", "owner"),
                    Column("due", "due", "date"),
                    Column("days_overdue", "days_overdue", "int")], language, limit=ROWS)]),
        ]
        return steps

    def prepare(self) -> None:
        """Compute every table and sentence (what does not need the notebooks' figures)."""
        for name in ("kpis", "changes", "drivers", "done", "quality", "attention", "plan", "steps",
                     "workbook_sheets"):
            getattr(self, name)

    def shown(self, name: str) -> bool:
        """True when the notebooks saved `figures/<name>.png` and it is not too tall to read
        (asked once the notebooks have run)."""
        path = self.results.figure(name)
        if path is None:
            return False
        from PIL import Image

        try:
            with opened(path) as image:
                return image.height <= TALL
        except Image.DecompressionBombError:  # over twice Pillow's pixel limit: far too tall
            return False

    @functools.cached_property
    def workbook_sheets(self) -> dict[str, Tidy]:
        """The report's tables to keep whole in actions.xlsx beside the plan and priorities:
        those it cuts, and the review's key tables always (changes, survey, attention)."""
        keep = {self.word("sheet_changes"), self.word("sheet_metrics"),
                self.word("sheet_attention")}
        tables = [self.attention, *(t for section in self.steps for t in section.tables)]
        sheets = {}
        for table in tables:
            name = table.sheet
            if name and name not in (self.word("sheet_plan"), self.word("sheet_priorities")) \
                    and (table.more > 0 or name in keep):
                sheets[name[:31]] = table
        return sheets

    def _quadrant(self, quadrant: str) -> pd.DataFrame:
        frame = self.results.ipa_table.frame
        return frame[frame["quadrant"] == quadrant]

    def _drivers(self) -> pd.DataFrame:
        table = self.results.drivers.frame.copy()
        table["status_word"] = [self.word(f"driver_status_{s}") for s in table["status"]]
        return table

    def _leaving(self) -> pd.DataFrame:
        """The touchpoints whose customers go on less often, the largest gap first."""
        table = self.results.behaviour
        return table[table["flag"] == "goes_with_leaving"].sort_values("progress_diff",
                                                                         kind="stable")

    def _disagreements(self) -> pd.DataFrame:
        """Hidden drivers then overrated touchpoints, each with its reading."""
        table = self.results.stated_derived
        table = table[table["quadrant"].isin(["hidden", "overrated"])].copy()
        table["quadrant_word"] = [self.word(f"reading_{q}") for q in table["quadrant"]]
        return table.sort_values("quadrant", key=lambda s: s.map({"hidden": 0, "overrated": 1}),
                                 kind="stable")

    def _changed(self) -> pd.DataFrame:
        table = self.results.comparison
        table = table[~table["status"].isin(["stable", "unscored"])].copy()
        table["status_word"] = [self.word(status) for status in table["status"]]
        table["basis_word"] = [self.word(f"basis_{basis}") if basis in ("survey", "workshop")
                               else basis for basis in table["basis"]]
        order = {"worsened": 0, "improved": 1, "new": 2, "retired": 3}
        return table.sort_values("status", key=lambda s: s.map(order), kind="stable")


def opened(path, *, load: bool = False):
    """The image at `path` opened with Pillow (its pixels read when `load`); DamagedFile when
    it is not a readable image."""
    from PIL import Image

    try:
        with warnings.catch_warnings():  # a chart of thousands of rows is large, not a bomb
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
            if load:
                image.load()
    except OSError as exc:
        raise DamagedFile(path, tr("not a readable image: {error}", error=exc)) from None
    return image

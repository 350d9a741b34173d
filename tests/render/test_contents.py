"""Contents: the sections of the manager's documents, gathered once from the results: the
summary's parts, each step's figures and tables, and the tables kept whole in the workbook."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from cjm.errors import DamagedFile
from cjm.render.contents import TALL, Contents
from cjm.render.results import ReviewResults


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture(scope="module")
def contents(review):
    return Contents(ReviewResults(review))


def test_the_steps_come_in_the_method_order_with_their_tables(contents):
    assert [section.key for section in contents.steps] == [
        "personas", "goals", "touchpoints", "evaluation", "prioritisation", "review"]
    evaluation = next(s for s in contents.steps if s.key == "evaluation")
    assert [figure.name for figure in evaluation.figures] == [
        "stage_summary", "funnel", "key_drivers", "behavioural_drivers"]
    survey = evaluation.tables[0]
    assert survey.headers[:3] == ["Touchpoint", "CSAT answers", "CSAT"]
    assert len(survey.rows) == 10 and survey.more > 0


def test_the_plan_marks_overdue_rows(contents):
    plan = contents.plan
    overdue = contents.results.plan["overdue"].head(len(plan.rows)).tolist()
    assert plan.marks == ["overdue" if flag else "" for flag in overdue]
    assert plan.sheet == "Action plan" and len(plan.rows) == 5


def test_the_workbook_keeps_cut_tables_and_the_key_ones_whole(contents):
    sheets = contents.workbook_sheets
    assert {"Changes", "Survey per touchpoint", "Needs attention"} <= set(sheets)
    assert "Action plan" not in sheets  # the plan has its own sheet
    assert all(len(name) <= 31 for name in sheets)
    survey = sheets["Survey per touchpoint"]
    assert len(survey.full) == survey.total > len(survey.rows)


def test_a_figure_is_shown_when_saved_and_not_too_tall(review, tmp_path):
    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(review / "data", folder / "data")
    (folder / "figures").mkdir()
    Image.new("RGB", (400, 300), "white").save(folder / "figures" / "ipa.png")
    Image.new("RGB", (400, TALL + 1), "white").save(folder / "figures" / "funnel.png")
    (folder / "figures" / "goal_coverage.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    contents = Contents(ReviewResults(folder))
    assert contents.shown("ipa") and not contents.shown("funnel")
    assert not contents.shown("stage_summary")  # never saved
    with pytest.raises(DamagedFile, match="goal_coverage.png is damaged"):
        contents.shown("goal_coverage")


def test_a_very_large_chart_is_left_out_quietly(review, tmp_path, monkeypatch, recwarn):
    import PIL.Image

    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(review / "data", folder / "data")
    (folder / "figures").mkdir()
    Image.new("RGB", (400, 300), "white").save(folder / "figures" / "ipa.png")
    Image.new("RGB", (400, 600), "white").save(folder / "figures" / "funnel.png")
    monkeypatch.setattr(PIL.Image, "MAX_IMAGE_PIXELS", 100_000)  # as a 2,000-row chart is
    contents = Contents(ReviewResults(folder))
    assert contents.shown("ipa")  # over the limit: a large chart, not an attack
    assert not contents.shown("funnel")  # over twice the limit: too large to show
    assert not [w for w in recwarn if issubclass(w.category, PIL.Image.DecompressionBombWarning)]

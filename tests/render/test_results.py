"""ReviewResults: what a review found, computed from its frozen tables only, compared as the
review notebook compares, and safe about the files it is pointed at."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from cjm.errors import UsageError
from cjm.render.results import ReviewResults


@pytest.fixture(scope="module")
def reviews(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews"


@pytest.fixture(scope="module")
def results(reviews):
    return ReviewResults(reviews / "2026-H1")


def test_it_compares_with_the_earlier_review_or_with_the_tables(reviews, results):
    _, previous, how = results.baseline
    assert (previous, how) == ("2025-H2", "review")
    _, previous, how = ReviewResults(reviews / "2025-H2").baseline
    assert (previous, how) == ("2025-H1", "tables")


def test_the_headline_figures_are_the_surveys_with_n_interval_and_verdict(results):
    kpis = results.kpis.set_index("kpi")
    assert kpis.loc["csat", "n"] == 1499
    assert kpis.loc["csat", "value"] == pytest.approx(1199 / 1499)
    assert kpis.loc["csat", "low"] < kpis.loc["csat", "value"] < kpis.loc["csat", "high"]
    assert kpis.loc["nps", "previous_n"] == 1577
    assert set(kpis["verdict"]) == {"significant"}


def test_the_plan_is_ranked_and_dated_on_the_review_day(results):
    import datetime as dt

    plan = results.plan
    assert plan["rank"].tolist() == list(range(1, len(plan) + 1))
    assert plan["score"].is_monotonic_decreasing
    due = pd.to_datetime(plan["due"]) < pd.Timestamp(results.as_of)
    assert plan["overdue"].tolist() == due.tolist() and due.any()
    early = ReviewResults(results.folder, today=dt.date(2026, 1, 1))
    assert not early.plan["overdue"].any()


def test_the_first_review_has_no_previous_kpis(reviews):
    first = ReviewResults(reviews / "2025-H2")
    assert set(first.kpis["verdict"]) == {"no_previous"}
    assert first.next_review_due.isoformat() == "2026-06-30"


def test_a_folder_that_is_not_a_review_is_a_usage_error(tmp_path, reviews):
    with pytest.raises(UsageError, match="is not a review folder"):
        ReviewResults(tmp_path)
    (tmp_path / "2026-H1").mkdir()
    with pytest.raises(UsageError, match="data is missing: the review is incomplete"):
        ReviewResults(tmp_path / "2026-H1")


def test_figures_are_found_inside_the_figures_folder_only(results):
    assert results.figure("ipa").name == "ipa.png"
    assert results.figure("no_such_chart") is None
    escaped = results.figure("../../../../summary")
    assert escaped is None or escaped.parent == results.figures


def test_the_ipa_rule_is_the_one_the_notebook_recorded(reviews, tmp_path):
    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(reviews / "2026-H1" / "data", folder / "data")
    assert ReviewResults(folder).ipa_split == "means"
    (folder / "ipa.json").write_text(json.dumps({"split": "midpoints"}), encoding="utf-8")
    assert ReviewResults(folder).ipa_split == "midpoints"
    (folder / "ipa.json").write_text("{not json", encoding="utf-8")
    assert ReviewResults(folder).ipa_split == "means"
    (folder / "ipa.json").write_text(json.dumps({"split": "../etc"}), encoding="utf-8")
    assert ReviewResults(folder).ipa_split == "means"

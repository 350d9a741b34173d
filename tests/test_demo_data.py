"""The bundled demo: reproducible from its script, valid, and telling the story it promises."""

import subprocess
import sys

import pandas as pd
import pytest

from cjm import load_project
from tests.conftest import DEMO, REPO


@pytest.fixture(scope="module")
def demo():
    return load_project(DEMO)


def current_scores(evaluations):
    """Latest journal row per (period, persona, touchpoint)."""
    latest = evaluations.sort_values("recorded_at").groupby(
        ["period", "persona_id", "touchpoint_id"]).tail(1)
    return latest


def test_the_script_reproduces_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(REPO / "data" / "make_demo.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for path in DEMO.iterdir():
        if path.suffix == ".parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / path.name),
                                          pd.read_parquet(path))
        else:
            assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_shape_of_the_demo(demo):
    assert demo.stages == ["Discover", "Learn", "Buy", "Receive", "After-sales", "Return"]
    assert 3 <= len(demo.personas) <= 4
    assert demo.personas["digital_ease"].nunique() >= 3
    assert len(demo.goals) == len(demo.personas) * len(demo.stages)
    assert 30 <= len(demo.touchpoints) <= 45
    assert set(demo.touchpoints["channel"]) == set(demo.channels)
    assert demo.touchpoints["moment_of_truth"].sum() >= 5
    assert sorted(demo.evaluations["period"].unique()) == ["2025-H2", "2026-H1"]
    assert 2000 <= len(demo.survey) <= 5000
    assert demo.survey["comment"].str.contains("é|è|à", regex=True).sum() > 20
    events = pd.read_parquet(demo.events_path)
    assert 10_000 <= len(events) <= 100_000
    assert set(demo.actions["status"]) >= {"done", "planned", "dropped"}


def test_app_checkout_is_where_it_breaks(demo):
    scores = current_scores(demo.evaluations).merge(demo.touchpoints, on="touchpoint_id")
    by_stage_channel = scores.groupby(["stage", "channel"], observed=True)["satisfaction"].mean()
    assert by_stage_channel.idxmin() == ("Buy", "Mobile app")
    assert by_stage_channel.min() <= 2.5


def test_customers_drop_off_most_after_buy(demo):
    events = pd.read_parquet(demo.events_path).merge(
        demo.touchpoints[["touchpoint_id", "stage"]], on="touchpoint_id")
    reached = events.groupby("stage", observed=True)["customer_id"].nunique()
    stages = demo.stages[:5]  # Return is optional
    drop = {a: 1 - reached[b] / reached[a] for a, b in zip(stages[:-1], stages[1:], strict=True)}
    assert max(drop, key=drop.get) == "Buy"


def test_a_done_action_improved_its_touchpoint(demo):
    done = demo.actions[(demo.actions["status"] == "done") & (
        demo.actions["created_period"] == "2025-H2")]
    scores = current_scores(demo.evaluations)
    survey = demo.survey.assign(period=demo.survey["responded_at"].dt.year.astype(str) + "-H" + (
        (demo.survey["responded_at"].dt.month > 6) + 1).astype(str))
    improved = []
    for touchpoint in done["touchpoint_id"].dropna():
        mean = scores[scores["touchpoint_id"] == touchpoint].groupby("period")["satisfaction"]
        top2 = survey[survey["touchpoint_id"] == touchpoint].groupby("period")["csat"].apply(
            lambda s: (s.dropna() >= 4).mean())
        if mean.mean()["2026-H1"] - mean.mean()["2025-H2"] >= 1 and (
                top2["2026-H1"] - top2["2025-H2"] >= 0.2):
            improved.append(touchpoint)
    assert improved

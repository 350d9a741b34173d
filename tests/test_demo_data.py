"""The bundled demo: reproducible from its script, valid, and telling the story it promises."""

import subprocess
import sys

import pandas as pd
import pytest

from cjm import load_project


@pytest.fixture(scope="module")
def demo(demo_dir):
    return load_project(demo_dir)


def current_scores(evaluations):
    """Latest journal row per (period, persona, touchpoint)."""
    latest = evaluations.sort_values("recorded_at").groupby(
        ["period", "persona_id", "touchpoint_id"]).tail(1)
    return latest


def test_the_script_reproduces_the_committed_files(demo_dir, repo, tmp_path):
    subprocess.run([sys.executable, str(repo / "data" / "make_demo.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for path in (p for p in demo_dir.iterdir() if not p.name.startswith(".")):  # a lock is no table
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


def test_back_stage_work_has_no_customer_score(demo):
    back = set(demo.touchpoints.loc[demo.touchpoints["lane"] != "front-stage", "touchpoint_id"])
    assert back == {"TP20", "TP22", "TP23", "TP38"}
    assert not demo.evaluations["touchpoint_id"].isin(back).any()


def test_thoughts_fit_their_touchpoint(demo_dir, repo):
    """Each thought comes from its touchpoint's own list, or its channel's when the channel's
    words fit every touchpoint on it (no "the page took ages to load" on warehouse work)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_demo", repo / "data" / "make_demo.py")
    make_demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_demo)
    journal = pd.read_csv(demo_dir / "evaluations.csv").dropna(subset=["thought"])
    by_id = {tp.touchpoint_id: tp for tp in make_demo.TOUCHPOINTS}
    for row in journal.itertuples():
        tp = by_id[row.touchpoint_id]
        allowed = {text for mood in make_demo.THOUGHTS.values()
                   for key in (tp.touchpoint_id, tp.channel, "*")
                   for text in mood.get(key, [])
                   if key == tp.touchpoint_id or tp.touchpoint_id not in mood}
        assert row.thought in allowed, (row.touchpoint_id, row.thought)
    assert "The page took ages to load." not in set(
        journal.loc[journal["touchpoint_id"] != "TP05", "thought"])


def test_part_of_the_workshop_was_scored_by_two_assessors(demo):
    workshop = demo.evaluations[demo.evaluations["source"] == "workshop"]
    pairs = workshop.groupby(["period", "persona_id", "touchpoint_id"])["assessor"].nunique()
    assert 0.15 <= (pairs >= 2).mean() <= 0.45


def test_outbound_contacts_and_the_optional_return_are_declared(demo):
    outbound = demo.touchpoints.loc[demo.touchpoints["direction"] == "outbound", "name"]
    assert {"Promotional newsletter", "Order confirmation e-mail",
            "Delivery push notification"} <= set(outbound)
    assert demo.config.optional_stages == ["Return"]

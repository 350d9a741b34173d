"""Key drivers: planted drivers come back in order with intervals that cover the truth, and
the edge cases (one touchpoint, twins, few respondents, no barometer) are said, not guessed."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cjm import load_project
from cjm.errors import ArgumentError
from cjm.steps import drivers, prioritisation

sys.path.insert(0, str(Path(__file__).parents[1]))
from barometer_data import planted, write  # noqa: E402

PERIOD = "2026-H1"
PLANTED = {"T3": 0.9, "T5": 0.6, "T1": 0.35, "T4": 0.0, "T6": 0.15}


@pytest.fixture
def barometer(mini):
    """The mini project with a barometer of 2,500 respondents whose NPS follows PLANTED."""
    frame, truth = planted(PLANTED, 2500, seed=12, personas=("P1", "P2"))
    write(frame, mini)
    return mini, truth


def test_planted_drivers_come_back_in_order_with_intervals_that_cover_the_truth(barometer):
    folder, truth = barometer
    found = drivers.key_drivers(load_project(folder), PERIOD)
    ranked = found.ranked
    assert list(ranked["touchpoint_id"])[:3] == ["T3", "T5", "T1"]
    assert list(ranked["rank"]) == [1, 2, 3, 4, 5]
    for row in ranked.itertuples():
        assert row.low <= row.weight <= row.high
        if PLANTED[row.touchpoint_id] > 0:
            assert row.low <= truth[row.touchpoint_id] <= row.high, row.touchpoint_id
    assert ranked.set_index("touchpoint_id").at["T4", "weight"] < 0.01  # plays no part
    assert found.r2 == pytest.approx(ranked["weight"].sum())
    assert found.r2_low < found.r2 < found.r2_high
    assert ranked["share_of_r2"].sum() == pytest.approx(1)
    assert found.respondents == 2500 and found.draws == 1000
    assert (ranked["n"] > 1600).all() and (ranked["n"] < 1900).all()  # 70 % rated each


def test_the_intervals_cover_the_truth_about_95_times_in_100(mini):
    """Twenty barometers of the same population: of the 80 intervals of its four drivers, at
    least 68 cover the truth (95 % expected: 76; 68 is four standard deviations below)."""
    covered = 0
    for seed in range(100, 120):
        frame, truth = planted(PLANTED, 1500, seed=seed)
        write(frame, mini)
        ranked = drivers.key_drivers(load_project(mini), PERIOD, draws=400).ranked
        for row in ranked.itertuples():
            if PLANTED[row.touchpoint_id] > 0:
                covered += row.low <= truth[row.touchpoint_id] <= row.high
    assert covered >= 68


def test_the_same_review_gives_the_same_intervals(barometer):
    project = load_project(barometer[0])
    first, second = (drivers.key_drivers(project, PERIOD) for _ in range(2))
    pd.testing.assert_frame_equal(first.frame, second.frame)


def test_a_touchpoint_rated_by_few_is_listed_not_ranked(barometer):
    folder, _ = barometer
    frame = pd.read_csv(folder / "barometer.csv", dtype=str)
    frame.loc[frame.index[20:], "T6"] = ""  # 20 ratings at most
    frame.to_csv(folder / "barometer.csv", index=False)
    found = drivers.key_drivers(load_project(folder), PERIOD)
    t6 = found.frame.set_index("touchpoint_id").loc["T6"]
    assert t6["status"] == "too_few_ratings" and pd.isna(t6["rank"]) and pd.isna(t6["weight"])
    assert t6["n"] <= 20
    assert list(found.ranked["touchpoint_id"]) == ["T3", "T5", "T1", "T4"]
    assert found.frame["touchpoint_id"].iloc[-1] == "T6"  # listed after the ranked ones


def test_one_touchpoint_takes_the_whole_explained_share(mini):
    frame, truth = planted({"T3": 0.7}, 400, seed=2)
    write(frame, mini)
    found = drivers.key_drivers(load_project(mini), PERIOD)
    assert list(found.ranked["touchpoint_id"]) == ["T3"]
    ratings = frame["T3"].astype(float)
    kept = ratings.notna()
    r = np.corrcoef(ratings[kept], frame.loc[kept, "nps"])[0, 1]
    assert found.ranked["weight"].iloc[0] == pytest.approx(r ** 2)
    assert found.r2 == pytest.approx(r ** 2)
    assert found.ranked["low"].iloc[0] <= truth["T3"] <= found.ranked["high"].iloc[0]


def test_twin_touchpoints_share_one_weight(mini):
    frame, _ = planted({"T3": 0.8, "T1": 0.4}, 800, seed=4, rated=1.0)
    frame["T5"] = frame["T3"]  # the same question asked twice
    write(frame, mini)
    ranked = drivers.key_drivers(load_project(mini), PERIOD).ranked.set_index("touchpoint_id")
    assert ranked.at["T3", "weight"] == pytest.approx(ranked.at["T5", "weight"])
    alone = np.corrcoef(frame["T3"].astype(float), frame["nps"])[0, 1] ** 2
    assert ranked.at["T3", "weight"] + ranked.at["T5", "weight"] == pytest.approx(
        alone + 0, abs=0.02)


def test_too_few_respondents_rank_nothing_and_say_why(mini):
    frame, _ = planted({"T3": 0.8, "T1": 0.4}, 40, seed=5, rated=1.0)
    write(frame, mini)
    project = load_project(mini)
    found = drivers.key_drivers(project, PERIOD)
    assert not found.available and found.respondents == 40
    assert set(found.frame["status"]) == {"too_few_respondents"}
    assert found.frame["weight"].isna().all()
    assert drivers.missing_reason(project, PERIOD, found) == "too_few_respondents"
    summary = drivers.drivers_summary(project, PERIOD, found)
    assert summary["key_drivers"] == []
    assert summary["key_drivers_about"]["reason"] == "too_few_respondents"


def test_without_a_barometer_nothing_is_ranked(mini):
    project = load_project(mini)
    found = drivers.key_drivers(project, PERIOD)
    assert not found.available and found.frame.empty
    assert drivers.missing_reason(project, PERIOD, found) == "no_barometer"
    assert drivers.drivers_table(project, PERIOD).empty
    assert list(drivers.drivers_table(project, PERIOD).columns) == drivers.TABLE_COLUMNS


def test_a_period_without_answers_says_so(barometer):
    project = load_project(barometer[0])
    found = drivers.key_drivers(project, "2025-H1")
    assert not found.available
    assert drivers.missing_reason(project, "2025-H1", found) == "no_answers"


def test_a_rating_everyone_gives_alike_explains_nothing(mini):
    frame, _ = planted({"T3": 0.8, "T1": 0.4}, 300, seed=6)
    frame["T5"] = 4
    write(frame, mini)
    found = drivers.key_drivers(load_project(mini), PERIOD).frame.set_index("touchpoint_id")
    assert found.at["T5", "status"] == "no_variation"
    assert found.at["T3", "status"] == "ranked"


def test_touchpoints_rarely_rated_together_are_not_ranked_together(mini):
    frame, _ = planted({"T3": 0.8, "T1": 0.5, "T5": 0.4}, 600, seed=7, rated=1.0)
    frame.loc[frame.index[:300], "T5"] = pd.NA  # T5 only by the second half,
    frame.loc[frame.index[290:], "T1"] = pd.NA  # T1 only by the first: 10 rate both
    write(frame, mini)
    found = drivers.key_drivers(load_project(mini), PERIOD).frame.set_index("touchpoint_id")
    assert found.at["T3", "status"] == "ranked"
    assert sorted(found.loc[["T1", "T5"], "status"]) == ["ranked", "rarely_together"]


def test_per_persona_drivers_follow_each_personas_own_weights(mini):
    first, _ = planted({"T3": 0.9, "T5": 0.1}, 700, seed=8, personas=("P1",))
    second, _ = planted({"T3": 0.1, "T5": 0.9}, 700, seed=9, personas=("P2",))
    second["respondent_id"] = second["respondent_id"].str.replace("B", "C")
    write(pd.concat([first, second], ignore_index=True), mini)
    project = load_project(mini)
    groups = {found.persona_id: found for found in drivers.persona_drivers(project, PERIOD)}
    assert groups["P1"].ranked["touchpoint_id"].iloc[0] == "T3"
    assert groups["P2"].ranked["touchpoint_id"].iloc[0] == "T5"
    table = drivers.drivers_table(project, PERIOD)
    assert set(table["persona_id"]) == {"all", "P1", "P2"}
    assert set(table["outcome"]) == {"nps"}
    wide = drivers.persona_weights(table)
    assert list(wide.columns[:2]) == ["touchpoint_id", "name"] and "P2" in wide.columns


def test_overall_satisfaction_is_a_second_outcome(barometer):
    folder, _ = barometer
    frame = pd.read_csv(folder / "barometer.csv")
    frame["satisfaction"] = np.clip(np.rint(frame["nps"] / 2.2), 1, 5).astype(int)
    frame.to_csv(folder / "barometer.csv", index=False)
    project = load_project(folder)
    assert drivers.outcomes(project, PERIOD) == ["nps", "satisfaction"]
    found = drivers.key_drivers(project, PERIOD, "satisfaction", draws=0)
    assert found.ranked["touchpoint_id"].iloc[0] == "T3"
    assert found.ranked["low"].isna().all() and found.draws == 0
    with pytest.raises(ArgumentError, match="outcome"):
        drivers.key_drivers(project, PERIOD, "csat")


def test_stated_against_derived_finds_the_hidden_and_the_overrated(barometer):
    folder, _ = barometer
    project = load_project(folder)
    found = drivers.key_drivers(project, PERIOD, draws=0)
    journal = project.evaluations
    stated = {"T3": 1.0, "T5": 5.0, "T1": 5.0, "T4": 5.0, "T6": 1.0}  # the room's view
    rows = [{"recorded_at": pd.Timestamp("2026-06-30 12:00"), "period": PERIOD,
             "persona_id": "P1", "touchpoint_id": tp, "satisfaction": 3.0, "importance": value}
            for tp, value in stated.items()]
    project = dataclasses.replace(project, evaluations=pd.concat(
        [journal, pd.DataFrame(rows)], ignore_index=True))
    table = drivers.stated_vs_derived(project, PERIOD, found).set_index("touchpoint_id")
    assert table.at["T3", "quadrant"] == "hidden"  # the strongest, rated 1 by the room
    assert table.at["T4", "quadrant"] == "overrated"  # no part, rated 5
    assert table.at["T5", "quadrant"] == "key"
    assert table.attrs["derived_split"] == pytest.approx(found.r2 / len(found.ranked))


def test_derived_importance_feeds_the_priority_when_asked(barometer):
    folder, _ = barometer
    project = load_project(folder)
    stated = prioritisation.touchpoint_priorities(project, PERIOD).set_index("touchpoint_id")
    assert set(stated["importance_source"].dropna()) == {"stated"}
    settings = project.config.key_drivers.model_copy(update={"importance": "derived"})
    derived_project = dataclasses.replace(project, config=project.config.model_copy(
        update={"key_drivers": settings}))
    derived = prioritisation.touchpoint_priorities(derived_project, PERIOD).set_index(
        "touchpoint_id")
    weights = drivers.key_drivers(project, PERIOD, draws=0).ranked.set_index(
        "touchpoint_id")["weight"]
    scored = [tp for tp in derived.index if tp in weights.index]
    assert scored
    for tp in scored:
        assert derived.at[tp, "importance_source"] == "derived"
        assert derived.at[tp, "importance_c"] == pytest.approx(weights[tp] / weights.max())
    unranked = [tp for tp in derived.index if tp not in weights.index]
    for tp in unranked:
        assert derived.at[tp, "importance_source"] in ("stated", None) or pd.isna(
            derived.at[tp, "importance_source"])


def test_many_respondents_rating_too_few_touchpoints_are_told_so(mini):
    from cjm.notebook import drivers_note

    frame, _ = planted({"T3": 0.8, "T1": 0.4}, 400, seed=13, rated=0.05)  # ~20 ratings each
    write(frame, mini)
    project = load_project(mini)
    found = drivers.key_drivers(project, PERIOD)
    assert set(found.frame["status"]) == {"too_few_ratings"}
    assert drivers.missing_reason(project, PERIOD, found) == "too_few_ratings"
    note = drivers_note(project, PERIOD, found).data
    assert "each was rated by fewer than 30 respondents" in note
    assert "too few to rank" not in note  # 400 respondents are not too few


def test_the_note_says_how_the_drivers_were_derived(barometer):
    from cjm.notebook import drivers_note

    project = load_project(barometer[0])
    note = drivers_note(project, PERIOD, drivers.key_drivers(project, PERIOD)).data
    assert note.startswith("2,500 respondents of 2026-H1; Johnson's relative weights on "
                           "pairwise correlations")
    assert "1,000 bootstrap draws" in note


def test_a_review_without_a_barometer_of_its_own_takes_the_latest_earlier_one(barometer):
    """A barometer runs once a year, a review twice: 2026-H2 has no answers, 2026-H1 has;
    2025-H2 has none and nothing earlier: no later barometer is ever used."""
    from cjm.notebook import drivers_note

    project = load_project(barometer[0])
    later = drivers.key_drivers(project, "2026-H2")
    assert later.period == "2026-H1" and later.available
    assert list(later.ranked["touchpoint_id"]) == list(
        drivers.key_drivers(project, PERIOD).ranked["touchpoint_id"])
    assert drivers.drivers_summary(project, "2026-H2", later)["key_drivers_about"][
        "period"] == "2026-H1"
    assert "2,500 respondents of 2026-H1 (the latest barometer before 2026-H2);" in \
        drivers_note(project, "2026-H2", later).data
    before = drivers.key_drivers(project, "2025-H2")
    assert not before.available and before.period == "2025-H2"
    assert drivers.missing_reason(project, "2025-H2", before) == "no_answers"

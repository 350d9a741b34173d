"""Step 5: IPA, touchpoint priority and action ranking (the Excel action plan is
tests/render/test_workbook.py).

Mini workshop means for 2025-H2 (one persona each; effort is "higher is easier", so ease =
effort) and the touchpoints' volumes:
    T1 Home page         sat 4  ease 6  imp 3  not a moment of truth  12000
    T3 Checkout          sat 2  ease 2  imp 5  moment of truth         3000
    T4 Till              sat 5  ease 6  imp 5  moment of truth         1500
    T6 Delivery hotline  sat 2  ease 3  imp 4  not a moment of truth    400
2026-H1: T3 sat 4 ease 5 imp 5 (the later of Ana's two rows); T6 sat 4 ease 5 imp 4.
Scales: satisfaction 1-5, effort 1-7, importance 1-5. Weights: gap 0.35, importance 0.2,
reach 0.2, moment of truth 0.15, effort 0.1 (sum 1).
"""

import datetime as dt

import pandas as pd
import pytest

from cjm import UsageError, load_project
from cjm.steps.prioritisation import (
    ACTION_COLUMNS,
    IPA_COLUMNS,
    PRIORITY_COLUMNS,
    ipa,
    overdue_actions,
    rank_actions,
    touchpoint_priorities,
)


def quadrant_of(result) -> dict:
    return dict(zip(result.frame["touchpoint_id"], result.frame["quadrant"], strict=True))


# IPA

def test_ipa_split_at_the_means_held_within_the_middle_of_the_scales(mini):
    result = ipa(load_project(mini), "2025-H2")

    # importance (3 + 5 + 5 + 4) / 4 = 4.25, held at 4 (three quarters up 1-5);
    # satisfaction (4 + 2 + 5 + 2) / 4 = 3.25, within 2-4
    assert (result.importance_split, result.satisfaction_split) == (4.0, 3.25)
    assert result.split == "means"
    assert list(result.frame.columns) == IPA_COLUMNS
    assert quadrant_of(result) == {
        "T1": "possible_overkill",   # imp 3 < 4, sat 4 > 3.25
        "T3": "concentrate_here",    # imp 5, sat 2
        "T4": "keep_up",             # imp 5, sat 5
        "T6": "concentrate_here",    # imp 4 of 5, sat 2 of 5: never "low priority"
    }
    assert result.crosshair == {"split": "means", "importance": 4.0, "satisfaction": 3.25,
                                "rule": "the means of the points, held within the middle half "
                                        "of each scale"}


@pytest.mark.parametrize("importance, satisfaction", [(4, 1), (5, 1), (4, 2), (5, 2)])
def test_poor_and_important_is_never_low_priority_however_skewed_the_means(
        mini, importance, satisfaction):
    """However the other points pull the means, a touchpoint in the bottom quarter of
    satisfaction and the top quarter of importance is where to concentrate."""
    journal = mini / "evaluations.csv"
    lines = journal.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if ",2025-H2," not in line]
    skewed = [f"2025-11-0{day}T10:00:00,2025-H2,Ann,P1,T1,5,7,5,2,,,workshop" for day in (1,)]
    skewed += [f"2025-11-02T10:00:00,2025-H2,Ann,P2,{tp},5,7,5,2,,,workshop"
               for tp in ("T4", "T6")]
    skewed += [f"2025-11-03T10:00:00,2025-H2,Ann,P1,T3,{satisfaction},1,{importance},-2,,,"
               "workshop"]
    journal.write_text("\n".join([header, *rows, *skewed]) + "\n", encoding="utf-8")
    result = ipa(load_project(mini), "2025-H2")
    assert quadrant_of(result)["T3"] == "concentrate_here"


def test_ipa_split_at_the_scale_midpoints(mini):
    result = ipa(load_project(mini), "2025-H2", split="midpoints")

    # importance 1-5 -> 3; satisfaction 1-5 -> 3
    assert (result.importance_split, result.satisfaction_split) == (3.0, 3.0)
    assert quadrant_of(result) == {
        "T1": "keep_up",             # imp 3 is on the split: counts as important
        "T3": "concentrate_here",
        "T4": "keep_up",
        "T6": "concentrate_here",    # imp 4 >= 3, sat 2 < 3
    }


def test_a_point_on_the_satisfaction_split_counts_as_poor(mini):
    result = ipa(load_project(mini), "2026-H1")

    # importance (5 + 4) / 2 = 4.5, held at 4; satisfaction (4 + 4) / 2 = 4: both points on
    # that split, so poor; both important
    assert (result.importance_split, result.satisfaction_split) == (4.0, 4.0)
    assert quadrant_of(result) == {"T3": "concentrate_here", "T6": "concentrate_here"}


def test_ipa_for_one_persona(mini):
    result = ipa(load_project(mini), "2025-H2", persona_id="P1")

    # P1 scored T1 (imp 3, sat 4) and T3 (imp 5, sat 2): means 4 and 3
    assert (result.importance_split, result.satisfaction_split) == (4.0, 3.0)
    assert quadrant_of(result) == {"T1": "possible_overkill", "T3": "concentrate_here"}


def test_ipa_refuses_an_unknown_split(mini):
    with pytest.raises(UsageError, match="`split` must be 'means' or 'midpoints', not 'median'"):
        ipa(load_project(mini), "2025-H2", split="median")


def test_demo_app_checkout_is_where_to_concentrate(demo_dir):
    result = ipa(load_project(demo_dir), "2026-H1")

    assert quadrant_of(result)["TP14"] == "concentrate_here"


# Touchpoint priority

def test_priority_components_and_ranking(mini):
    table = touchpoint_priorities(load_project(mini), "2025-H2")

    assert list(table.columns) == PRIORITY_COLUMNS
    by_id = table.set_index("touchpoint_id")
    # reach = ln(1 + volume) / ln(1 + 12000), 12000 being T1's, the largest scored volume
    # T3: gap (5-2)/4 = 0.75; importance (5-1)/4 = 1; reach ln 3001 / ln 12001
    #     = 8.006701 / 9.392745 = 0.852435; moment of truth 1; effort (7-2)/6 = 5/6
    #     priority = 100 x (0.35x0.75 + 0.2x1 + 0.2x0.852435 + 0.15x1 + 0.1x5/6)
    #              = 100 x (0.2625 + 0.2 + 0.170487 + 0.15 + 0.083333) = 86.6320
    t3 = by_id.loc["T3"]
    assert [t3["gap"], t3["importance_c"], t3["reach"], t3["moment_of_truth_c"],
            t3["effort_c"]] == pytest.approx([0.75, 1, 0.852435, 1, 5 / 6], abs=1e-6)
    assert [t3["w_gap"], t3["w_importance"], t3["w_reach"], t3["w_moment_of_truth"],
            t3["w_effort"]] == pytest.approx([0.2625, 0.2, 0.170487, 0.15, 0.1 * 5 / 6],
                                             abs=1e-6)
    assert t3["priority"] == pytest.approx(86.632025, abs=1e-5)
    assert (t3["owner"], t3["volume"], t3["reach_source"]) == ("E-commerce", 3000, "volume")
    # T6: gap 0.75; importance (4-1)/4 = 0.75; reach ln 401 / ln 12001 = 5.993961 / 9.392745
    #     = 0.638148; not a moment of truth; effort (7-3)/6 = 2/3
    #     priority = 100 x (0.2625 + 0.15 + 0.127630 + 0 + 0.1x2/3) = 60.6796
    t6 = by_id.loc["T6"]
    assert [t6["gap"], t6["importance_c"], t6["reach"], t6["moment_of_truth_c"],
            t6["effort_c"]] == pytest.approx([0.75, 0.75, 0.638148, 0, 2 / 3], abs=1e-6)
    assert t6["priority"] == pytest.approx(60.679626, abs=1e-5)
    # T1: 100 x (0.35x0.25 + 0.2x0.5 + 0.2x1 + 0 + 0.1x1/6) = 40.4167
    # T4: reach ln 1501 / ln 12001 = 0.778674;
    #     100 x (0 + 0.2x1 + 0.2x0.778674 + 0.15 + 0.1x1/6) = 52.2401
    assert by_id.loc["T1", "priority"] == pytest.approx(40.416667, abs=1e-5)
    assert by_id.loc["T4", "priority"] == pytest.approx(52.240147, abs=1e-5)
    assert table["touchpoint_id"].tolist() == ["T3", "T6", "T4", "T1"]
    assert table["rank"].tolist() == [1, 2, 3, 4]


def test_weights_are_scaled_to_sum_one(edit, mini):
    edit(mini / "project.yaml", "{gap: 0.35, importance: 0.2, reach: 0.2, moment_of_truth: 0.15, "
         "effort: 0.1}", "{gap: 7, importance: 4, reach: 4, moment_of_truth: 3, effort: 2}")

    table = touchpoint_priorities(load_project(mini), "2025-H2")

    assert table["priority"].tolist() == pytest.approx([86.632025, 60.679626, 52.240147,
                                                        40.416667], abs=1e-5)


def test_ties_go_to_the_larger_gap_then_the_smaller_id(edit, mini):
    edit(mini / "project.yaml", "{gap: 0.35, importance: 0.2, reach: 0.2, moment_of_truth: 0.15, "
         "effort: 0.1}", "{gap: 0, importance: 0, reach: 0, moment_of_truth: 1, effort: 0}")
    edit(mini / "evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,2,6,3,1")

    table = touchpoint_priorities(load_project(mini), "2025-H2")

    # T3 and T4: 100 (moment of truth), gaps 0.75 and 0; T1 and T6: 0, both gaps 0.75
    assert table["priority"].tolist() == [100, 100, 0, 0]
    assert table["touchpoint_id"].tolist() == ["T3", "T4", "T1", "T6"]


def test_reach_falls_back_to_persona_share_without_a_volume(mini):
    with open(mini / "evaluations.csv", "a", encoding="utf-8") as handle:
        handle.write("2026-01-15T10:10:00,2025-H2,Ana,P2,T2,3,4,2,0,,,workshop\n")

    by_id = touchpoint_priorities(load_project(mini), "2025-H2").set_index("touchpoint_id")

    # T2 has no volume and applies to P2 only (share 0.3)
    assert by_id.loc["T2", "reach"] == pytest.approx(0.3)
    assert by_id.loc["T2", "reach_source"] == "persona_share"
    assert by_id.loc["T1", "reach_source"] == "volume"


def test_a_missing_score_counts_zero_but_stays_visible(edit, mini):
    edit(mini / "evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,,6,3,1")

    t1 = touchpoint_priorities(load_project(mini), "2025-H2").set_index("touchpoint_id").loc["T1"]

    # no gap: 100 x (0.2x0.5 + 0.2x1 + 0 + 0.1x1/6) = 31.6667
    assert pd.isna(t1["gap"]) and pd.isna(t1["w_gap"])
    assert t1["priority"] == pytest.approx(31.666667, abs=1e-5)


def test_demo_top_priorities_include_the_app_checkout(demo_dir):
    top = touchpoint_priorities(load_project(demo_dir), "2026-H1").head(3)

    assert ("Buy", "Mobile app") in set(zip(top["stage"], top["channel"], strict=True))


# Action ranking

def test_rank_actions_by_score(mini):
    project = load_project(mini)

    ranked = rank_actions(project, touchpoint_priorities(project, "2025-H2"))

    # A1 is done: left out. Priorities in 2025-H2: T3 86.632025, T6 60.679626, T4 52.240147,
    # T1 40.416667 (mean 59.992116).
    # A2 (T6): 60.679626 x 3/5 x 0.6 / 2 = 10.922333
    # A3 (no touchpoint: the mean priority): 59.992116 x 2/5 x 0.3 / 5 = 1.439811
    assert list(ranked.columns) == ACTION_COLUMNS
    assert ranked["action_id"].tolist() == ["A2", "A3"]
    assert ranked["rank"].tolist() == [1, 2]
    assert ranked["score"].tolist() == pytest.approx([10.922333, 1.439811], abs=1e-6)
    assert ranked["touchpoint_priority"].tolist() == pytest.approx([60.679626, 59.992116],
                                                                   abs=1e-6)
    a2 = ranked.iloc[0]
    assert (a2["touchpoint"], a2["stage"], a2["owner"], a2["status"]) == (
        "Delivery hotline", "Receive", "Customer service", "planned")
    assert a2["due"] == pd.Timestamp("2026-09-30")
    assert not ranked["confidence_assumed"].any() and not ranked["priority_assumed"].any()


def test_actions_follow_the_touchpoint_priority(edit, mini):
    """The plan and the touchpoint priorities read as one ranking: with the same impact,
    confidence and cost, the action on the more urgent touchpoint comes first."""
    edit(mini / "actions.csv", "A3,Loyalty programme,,Across the journey,2,5,0.3",
         "A3,Loyalty programme,T3,Across the journey,3,2,0.6")
    project = load_project(mini)
    priorities = touchpoint_priorities(project, "2026-H1")

    ranked = rank_actions(project, priorities)

    # 2026-H1 scores T3 (priority 67.083333, rank 1) and T6 (42.055696, rank 2):
    # A3 on T3: 67.083333 x 3/5 x 0.6 / 2 = 12.075; A2 on T6: 42.055696 x 0.18 = 7.570025
    assert priorities["touchpoint_id"].tolist() == ["T3", "T6"]
    assert ranked["action_id"].tolist() == ["A3", "A2"]
    assert ranked["score"].tolist() == pytest.approx([12.075, 7.570025])


def test_equal_scores_go_to_the_higher_touchpoint_priority(edit, mini):
    """Without a cost neither action has a score: the tie goes to the more urgent touchpoint
    (T3, 67.08, before T6, 42.06), whatever the ids."""
    edit(mini / "actions.csv", "A3,Loyalty programme,,Across the journey,2,5,0.3",
         "A0,Loyalty programme,T6,Across the journey,2,,0.3")
    edit(mini / "actions.csv", "Call-back,T6,Call back instead of hold,3,2,0.6",
         "Call-back,T3,Call back instead of hold,3,,0.6")
    project = load_project(mini)

    ranked = rank_actions(project, touchpoint_priorities(project, "2026-H1"))

    assert ranked["score"].isna().all()
    assert ranked["action_id"].tolist() == ["A2", "A0"]


def test_missing_confidence_counts_half_and_is_flagged(edit, mini):
    edit(mini / "actions.csv", "3,2,0.6,Customer service", "3,2,,Customer service")
    project = load_project(mini)

    ranked = rank_actions(project, touchpoint_priorities(project, "2025-H2")).set_index(
        "action_id")

    # 60.679626 x 3/5 x 0.5 / 2 = 9.101944
    assert ranked.loc["A2", "confidence"] == 0.5
    assert bool(ranked.loc["A2", "confidence_assumed"]) is True
    assert ranked.loc["A2", "score"] == pytest.approx(9.101944, abs=1e-6)


def test_an_unscored_touchpoint_takes_the_mean_priority_flagged(edit, mini):
    edit(mini / "actions.csv", "Call-back,T6", "Call-back,T5")
    project = load_project(mini)

    ranked = rank_actions(project, touchpoint_priorities(project, "2025-H2"))

    # T5 is not scored in 2025-H2: the mean priority 59.992116, flagged;
    # 59.992116 x 3/5 x 0.6 / 2 = 10.798581 > A3's 1.439811
    assert ranked["action_id"].tolist() == ["A2", "A3"]
    assert ranked.loc[0, "touchpoint_priority"] == pytest.approx(59.992116, abs=1e-6)
    assert bool(ranked.loc[0, "priority_assumed"]) is True
    assert bool(ranked.loc[1, "priority_assumed"]) is False  # across the journey: by rule
    assert ranked.loc[0, "score"] == pytest.approx(10.798581, abs=1e-6)


def test_an_action_without_cost_ranks_last(edit, mini):
    edit(mini / "actions.csv", "Across the journey,2,5,", "Across the journey,2,,")
    project = load_project(mini)

    ranked = rank_actions(project, touchpoint_priorities(project, "2025-H2"))

    assert ranked["action_id"].tolist() == ["A2", "A3"]
    assert pd.isna(ranked.loc[1, "score"])


def test_without_any_scored_touchpoint_no_action_has_a_score(mini):
    project = load_project(mini)
    ranked = rank_actions(project, touchpoint_priorities(project, "2024-H1"))
    assert ranked["action_id"].tolist() == ["A2", "A3"]  # by id
    assert ranked["score"].isna().all() and not ranked["priority_assumed"].any()


def test_overdue_actions_are_open_ones_past_their_due_date(mini):
    project = load_project(mini)
    # A1 is done (due 31 March), A2 planned for 30 September, A3 has no due date
    plan = rank_actions(project, touchpoint_priorities(project, "2025-H2"),
                        today=dt.date(2026, 10, 1))
    assert dict(zip(plan["action_id"], plan["overdue"], strict=True)) == {"A2": True,
                                                                          "A3": False}
    late = overdue_actions(project, today=dt.date(2026, 10, 1))
    assert late[["action_id", "owner", "days_overdue"]].values.tolist() == [
        ["A2", "Customer service", 1]]
    assert overdue_actions(project, today=dt.date(2026, 9, 30)).empty  # due today: not late
    on_time = rank_actions(project, touchpoint_priorities(project, "2025-H2"),
                           today=dt.date(2026, 9, 1))
    assert not on_time["overdue"].any()


# Blank project

def test_blank_project_gives_empty_frames(blank_project):
    for split in ("means", "midpoints"):
        result = ipa(blank_project, "2026-H1", split=split)
        assert result.frame.empty and list(result.frame.columns) == IPA_COLUMNS
    priorities = touchpoint_priorities(blank_project, "2026-H1")
    assert priorities.empty and list(priorities.columns) == PRIORITY_COLUMNS
    ranked = rank_actions(blank_project, priorities)
    assert ranked.empty and list(ranked.columns) == ACTION_COLUMNS

"""What changed between two reviews, checked on the mini fixture and on the demo's story."""

import datetime as dt
import json
import math
import shutil

import pandas as pd
import pytest

from cjm import UsageError, load_project
from cjm.project.writers import plain
from cjm.steps.prioritisation import touchpoint_priorities
from cjm.steps.review import (
    COLUMNS,
    actions_since,
    compare_touchpoints,
    needs_attention,
    next_review_due,
    review_summary,
)
from cjm.steps.touchpoints import current_journey

SURVEY_HEADER = "response_id,responded_at,touchpoint_id,persona_id,csat,ces,nps,comment\n"


def by_id(table):
    return table.set_index("touchpoint_id")


def write_survey(folder, samples):
    """survey.csv from {(touchpoint, date): (satisfied, total)}: csat 4 or 2, no CES/NPS."""
    lines, count = [SURVEY_HEADER], 0
    for (tp_id, day), (satisfied, total) in samples.items():
        for i in range(total):
            count += 1
            lines.append(f"R{count},{day}T09:00:00,{tp_id},,{4 if i < satisfied else 2},,,\n")
    (folder / "survey.csv").write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def baseline(mini, tmp_path):
    """A frozen copy of the mini project, as a previous review would keep it."""
    target = tmp_path / "frozen"
    shutil.copytree(mini, target)
    return target


# --- compare_touchpoints --------------------------------------------------------------------

def test_two_periods_of_the_mini(mini):
    project = load_project(mini)
    table = compare_touchpoints(project, "2026-H1", project, "2025-H2")
    assert list(table.columns) == COLUMNS
    assert table["touchpoint_id"].tolist() == ["T1", "T2", "T3", "T4", "T5", "T6"]
    rows = by_id(table)
    # T3: Ana scored 2 in 2025-H2, then 3 and 4 in 2026-H1 (the latest row, 4, counts)
    # T6: Ana 2 in 2025-H2, Ben 4 in 2026-H1. No survey answer in 2025-H2: the workshop decides
    assert rows.loc["T3", ["satisfaction_before", "satisfaction_after", "satisfaction_delta"]
                   ].tolist() == [2.0, 4.0, 2.0]
    assert rows.loc["T3", ["ease_before", "ease_after", "ease_delta"]].tolist() == [2.0, 5.0, 3.0]
    assert rows.loc["T6", "satisfaction_delta"] == 2.0
    assert rows.loc[["T3", "T6"], "status"].tolist() == ["improved", "improved"]
    assert rows.loc[["T3", "T6"], "basis"].tolist() == ["workshop", "workshop"]
    # the survey answers of 2026-H1 are still shown: T3 csat 5, 4, 2 -> 2/3, NPS (2 - 1)/3
    assert rows.loc["T3", ["n_csat_before", "n_csat_after"]].tolist() == [0, 3]
    assert rows.loc["T3", "csat_after"] == pytest.approx(2 / 3)
    assert rows.loc["T3", "nps_after"] == pytest.approx(100 / 3)
    assert math.isnan(rows.loc["T3", "csat_p"]) and not rows.loc["T3", "csat_significant"]
    # T1, T4 scored in 2025-H2 only: retired from the evaluation, still listed
    assert rows.loc[["T1", "T4"], "status"].tolist() == ["retired", "retired"]
    assert rows.loc[["T1", "T4"], "basis"].tolist() == ["scoring", "scoring"]
    assert rows.loc[["T1", "T4"], "listed_after"].tolist() == [True, True]
    # T2, T5 never scored
    assert rows.loc[["T2", "T5"], "status"].tolist() == ["unscored", "unscored"]


def test_a_workshop_change_below_min_delta_is_stable(mini):
    project = load_project(mini)
    table = by_id(compare_touchpoints(project, "2026-H1", project, "2025-H2", min_delta=2.5))
    assert table.loc[["T3", "T6"], "status"].tolist() == ["stable", "stable"]
    table = by_id(compare_touchpoints(project, "2026-H1", project, "2025-H2", min_delta=2.0))
    assert table.loc["T3", "status"] == "improved"  # a delta of exactly min_delta counts


def test_first_review_without_a_baseline(mini):
    table = by_id(compare_touchpoints(load_project(mini), "2026-H1", None, None))
    assert table.loc[["T3", "T6"], "status"].tolist() == ["new", "new"]
    assert table.loc["T3", "basis"] == "first review"
    assert table.loc[["T1", "T2", "T4", "T5"], "status"].tolist() == ["unscored"] * 4
    assert not table["listed_before"].any()
    assert table["satisfaction_before"].isna().all()


def test_new_and_retired_touchpoints(edit, mini, baseline):
    # now: T1 is gone from the map, T7 is added and scored, T2 is scored for the first time
    edit(mini / "touchpoints.csv", "T1,Discover,Website,Home page,,E-commerce,yes,no,,12000,"
         "front-stage\n", "")
    with (mini / "touchpoints.csv").open("a", encoding="utf-8") as file:
        file.write("T7,Receive,Store,Pickup desk,,Stores,yes,yes,,800,front-stage\n")
    edit(mini / "evaluations.csv", "2026-01-15T10:00:00,2025-H2,Ana,P1,T1,4,6,3,1,"
         "Nice pictures,,workshop\n", "")
    with (mini / "evaluations.csv").open("a", encoding="utf-8") as file:
        file.write("2026-06-21T10:00:00,2026-H1,Ana,P2,T7,3,4,4,0,,,workshop\n"
                   "2026-06-21T10:02:00,2026-H1,Ana,P2,T2,4,5,2,1,,,workshop\n")
    table = compare_touchpoints(load_project(mini), "2026-H1", load_project(baseline),
                                "2025-H2")
    rows = by_id(table)
    assert rows.loc["T1", ["status", "basis", "listed_before", "listed_after"]].tolist() == [
        "retired", "listing", True, False]
    assert rows.loc["T1", ["name", "stage"]].tolist() == ["Home page", "Discover"]
    assert rows.loc["T1", "satisfaction_before"] == 4.0
    assert rows.loc["T7", ["status", "basis", "listed_before"]].tolist() == [
        "new", "listing", False]
    assert rows.loc["T7", "satisfaction_after"] == 3.0
    assert rows.loc["T2", ["status", "basis"]].tolist() == ["new", "scoring"]
    assert table["touchpoint_id"].tolist() == ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]


def test_a_significant_survey_change_decides_and_wins_over_the_workshop(mini):
    write_survey(mini, {
        ("T3", "2025-10-01"): (30, 40), ("T3", "2026-03-01"): (16, 40),
        ("T4", "2025-10-01"): (16, 40), ("T4", "2026-03-01"): (30, 40),
        ("T6", "2025-10-01"): (20, 40), ("T6", "2026-03-01"): (22, 40),
    })
    project = load_project(mini)
    rows = by_id(compare_touchpoints(project, "2026-H1", project, "2025-H2"))
    # T3: 30/40 -> 16/40. pooled p = 46/80 = 0.575; se = sqrt(0.575 * 0.425 * 2/40)
    #     = sqrt(0.01221875) = 0.110538; z = (0.40 - 0.75) / 0.110538 = -3.16632;
    #     p = erfc(3.16632 / sqrt 2) = 0.001544. The workshop says 2 -> 4: the survey wins.
    t3 = rows.loc["T3"]
    assert t3[["n_csat_before", "n_csat_after"]].tolist() == [40, 40]
    assert t3[["csat_before", "csat_after"]].tolist() == [0.75, 0.4]
    assert t3["csat_delta"] == pytest.approx(-0.35)
    assert t3["csat_p"] == pytest.approx(0.001544, abs=5e-7)
    assert t3[["csat_significant", "status", "basis"]].tolist() == [True, "worsened", "survey"]
    assert t3["satisfaction_delta"] == 2.0
    # T4: the mirror image, 16/40 -> 30/40, same p; no workshop score in 2026-H1
    t4 = rows.loc["T4"]
    assert t4["csat_p"] == pytest.approx(0.001544, abs=5e-7)
    assert t4[["status", "basis"]].tolist() == ["improved", "survey"]
    assert math.isnan(t4["satisfaction_after"])
    # T6: 20/40 -> 22/40. pooled 42/80 = 0.525; se = sqrt(0.525 * 0.475 * 2/40) = 0.111664;
    #     z = 0.05 / 0.111664 = 0.44777; p = 0.6543: not significant, so the workshop's
    #     2 -> 4 is not confirmed and the touchpoint is stable
    t6 = rows.loc["T6"]
    assert t6["csat_p"] == pytest.approx(0.6543, abs=5e-5)
    assert t6[["csat_significant", "status", "basis"]].tolist() == [False, "stable", "survey"]


def test_a_small_survey_sample_leaves_the_decision_to_the_workshop(mini):
    write_survey(mini, {("T3", "2025-10-01"): (30, 40), ("T3", "2026-03-01"): (16, 40)})
    project = load_project(mini)
    t3 = by_id(compare_touchpoints(project, "2026-H1", project, "2025-H2",
                                   min_responses=41)).loc["T3"]
    assert t3["csat_p"] == pytest.approx(0.001544, abs=5e-7)  # still reported
    assert t3[["csat_significant", "status", "basis"]].tolist() == [False, "improved",
                                                                    "workshop"]


def test_compare_touchpoints_needs_the_previous_period(mini):
    project = load_project(mini)
    with pytest.raises(UsageError, match="previous_period is needed"):
        compare_touchpoints(project, "2026-H1", project, None)
    with pytest.raises(UsageError, match="'2026-S1' is not a period"):
        compare_touchpoints(project, "2026-S1", None, None)


# --- actions_since --------------------------------------------------------------------------

def test_actions_since_on_the_same_tables(mini):
    project = load_project(mini)
    done = actions_since(project, "2026-H1", project)
    # A1 (guest checkout on T3) is done and was created in 2025-H2
    assert done["action_id"].tolist() == ["A1"]
    row = done.iloc[0]
    assert row[["title", "touchpoint_id", "name"]].tolist() == ["Guest checkout", "T3",
                                                                "Checkout"]
    assert row[["satisfaction_before", "satisfaction_after", "satisfaction_delta"]
               ].tolist() == [2.0, 4.0, 2.0]
    assert row["touchpoint_status"] == "improved"
    assert row["due"] == pd.Timestamp("2026-03-31")


def test_actions_since_without_a_baseline_keeps_actions_created_by_then(edit, mini):
    project = load_project(mini)
    assert actions_since(project, "2026-H1", None)["action_id"].tolist() == ["A1"]
    assert actions_since(project, "2025-H2", None)["action_id"].tolist() == ["A1"]
    edit(mini / "actions.csv", "2026-03-31,2025-H2", "2026-03-31,2026-H2")
    assert actions_since(load_project(mini), "2026-H1", None).empty  # created later
    edit(mini / "actions.csv", "2026-03-31,2026-H2", "2026-03-31,")
    assert actions_since(load_project(mini), "2026-H1", None).empty  # creation unknown


def test_actions_since_a_frozen_baseline(edit, mini, baseline):
    # at the last review, A1 was still in progress; A2 has been done since
    edit(baseline / "actions.csv", "E-commerce,done", "E-commerce,in-progress")
    edit(mini / "actions.csv", "Customer service,planned", "Customer service,done")
    done = actions_since(load_project(mini), "2026-H1", load_project(baseline))
    assert done["action_id"].tolist() == ["A1", "A2"]
    assert done["touchpoint_status"].tolist() == ["improved", "improved"]
    # done in the frozen baseline, but completed (due 2026-03-31) within 2026-H1: still counted
    edit(baseline / "actions.csv", "E-commerce,in-progress", "E-commerce,done")
    done = actions_since(load_project(mini), "2026-H1", load_project(baseline))
    assert done["action_id"].tolist() == ["A1", "A2"]
    # done at the last review and completed before 2026-H1 (due 2025-12-15): not "since"
    edit(mini / "actions.csv", "done,2026-03-31", "done,2025-12-15")
    done = actions_since(load_project(mini), "2026-H1", load_project(baseline))
    assert done["action_id"].tolist() == ["A2"]


# --- next_review_due --------------------------------------------------------------------------

@pytest.mark.parametrize(("period", "months", "due"), [
    ("2026-H1", 6, dt.date(2026, 12, 31)),   # last day of June + 6 months -> end of December
    ("2026-H2", 6, dt.date(2027, 6, 30)),
    ("2026-H2", 12, dt.date(2027, 12, 31)),
    ("2026-Q3", 6, dt.date(2027, 3, 31)),    # September + 6 -> March
    ("2026-11", 3, dt.date(2027, 2, 28)),    # November + 3 -> February (2027: 28 days)
    ("2027-11", 3, dt.date(2028, 2, 29)),    # leap year
    ("2026-01", 1, dt.date(2026, 2, 28)),
])
def test_next_review_due(period, months, due):
    assert next_review_due(period, months) == due


def test_next_review_due_refuses_a_bad_interval():
    with pytest.raises(UsageError, match="every_months must be 1 or more, not 0"):
        next_review_due("2026-H1", 0)


# --- needs_attention ----------------------------------------------------------------------------

def comparison_frame():
    rows = [  # touchpoint_id, status, moment_of_truth, sat before, sat after, basis
        ("A", "worsened", False, 4.0, 3.5, "workshop"),
        ("B", "worsened", False, 4.0, 2.0, "workshop"),
        ("C", "stable", True, 2.0, 2.0, "workshop"),
        ("D", "improved", True, 1.0, 3.0, "workshop"),
        ("E", "stable", True, 4.5, 4.5, "workshop"),   # above the mean (3.0): left out
        ("F", "retired", True, 1.0, math.nan, "listing"),
        ("G", "stable", False, 3.0, 3.0, "workshop"),
    ]
    frame = pd.DataFrame(rows, columns=["touchpoint_id", "status", "moment_of_truth",
                                        "satisfaction_before", "satisfaction_after", "basis"])
    frame["name"] = "TP " + frame["touchpoint_id"]
    frame["stage"] = "Buy"
    frame["satisfaction_delta"] = frame["satisfaction_after"] - frame["satisfaction_before"]
    for column in ("csat_before", "csat_after", "csat_delta", "csat_p"):
        frame[column] = math.nan
    return frame


def test_needs_attention_lists_the_worsened_only_when_nothing_else_is_given():
    table = needs_attention(comparison_frame())
    assert table["touchpoint_id"].tolist() == ["B", "A"]  # largest drop first
    assert table["reason"].tolist() == ["worsened, satisfaction 4.0 → 2.0",
                                        "worsened, satisfaction 4.0 → 3.5"]
    assert needs_attention(comparison_frame(), top=1)["touchpoint_id"].tolist() == ["B"]


def test_needs_attention_adds_friction_points_and_top_priorities_that_did_not_improve():
    friction = pd.DataFrame({"touchpoint_id": ["C", "B", "F"],
                             "reasons": ["poor satisfaction, pain points", "negative emotion",
                                         "poor satisfaction"]})
    ranked = pd.DataFrame({"touchpoint_id": ["D", "E", "G", "A", "F", "C"],
                           "rank": [1, 2, 3, 4, 5, 6]})
    table = needs_attention(comparison_frame(), ranked, friction=friction, top_priorities=4)
    # D (rank 1) improved: not listed; F retired: left out; C is rank 6, beyond the top 4
    assert table["touchpoint_id"].tolist() == ["B", "A", "C", "E", "G"]
    assert table["reason"].tolist() == [
        "worsened, satisfaction 4.0 → 2.0; friction: negative emotion",
        "worsened, satisfaction 4.0 → 3.5; priority no. 4, not improved",
        "friction: poor satisfaction, pain points",
        "priority no. 2, not improved", "priority no. 3, not improved"]
    # friction_points gives its reasons in the project's words; needs_attention adds its own
    friction["reasons"] = ["satisfaction faible, irritants", "émotion négative",
                           "satisfaction faible"]
    french = needs_attention(comparison_frame(), ranked, friction=friction, language="fr")
    assert french["reason"].tolist()[:3] == [
        "en baisse, satisfaction 4,0 → 2,0; irritant : émotion négative",
        "en baisse, satisfaction 4,0 → 3,5; priorité n° 4, sans amélioration",
        "irritant : satisfaction faible, irritants"]


def test_needs_attention_is_never_padded_with_improved_touchpoints():
    frame = comparison_frame()
    frame["status"] = "improved"
    ranked = pd.DataFrame({"touchpoint_id": list("ABCDEFG")})
    assert needs_attention(frame, ranked, top=8).empty


# --- review_summary -----------------------------------------------------------------------------

def test_review_summary_of_the_mini(mini):
    project = load_project(mini)
    summary = review_summary(project, "2026-H1", project, "2025-H2")
    assert json.loads(json.dumps(summary)) == summary
    assert summary["counts"] == {
        "personas": 2, "touchpoints": 6, "evaluations": 3, "survey_responses": 5,
        "actions": {"idea": 1, "planned": 1, "in-progress": 0, "done": 1, "dropped": 0}}
    scores = summary["scores"]
    # 2026-H1 touchpoint means: T3 4 (ease 5, emotion 1), T6 4 (ease 5, emotion 1)
    assert (scores["satisfaction"], scores["ease"], scores["emotion"]) == (4.0, 5.0, 1.0)
    assert (scores["csat"], scores["n_csat"], scores["nps"]) == (0.5, 4, 20.0)
    # 2025-H2: T1 4, T3 2, T4 5, T6 2 -> 13/4; no survey answer then
    assert summary["previous_scores"]["satisfaction"] == 3.25
    assert summary["previous_scores"]["csat"] is None
    assert summary["status_counts"] == {"new": 0, "improved": 2, "stable": 0, "worsened": 0,
                                        "retired": 2, "unscored": 2}
    assert [(c["touchpoint_id"], c["status"]) for c in summary["changes"]] == [
        ("T1", "retired"), ("T3", "improved"), ("T4", "retired"), ("T6", "improved")]
    assert summary["changes"][1] == {
        "touchpoint_id": "T3", "name": "Checkout", "status": "improved", "basis": "workshop",
        "satisfaction_delta": 2.0, "csat_delta": None, "significant": False}
    assert summary["actions_done"] == [{"action_id": "A1", "title": "Guest checkout",
                                        "touchpoint_id": "T3"}]
    assert summary["needs_attention"] == []  # T3 and T6 both at 4.0, the mean
    assert summary["next_review_due"] == "2026-12-31"
    assert summary["top_priorities"] == []  # no priorities given


def test_review_summary_of_a_first_review(mini):
    summary = review_summary(load_project(mini), "2026-H1", None, None)
    json.dumps(summary)
    assert summary["previous_period"] is None and summary["previous_scores"] is None
    assert summary["status_counts"]["new"] == 2


def test_plain_leaves_only_json_types():
    value = plain({"a": pd.array([1], dtype="Int64")[0], "b": float("nan"), "c": pd.NA,
                   "d": pd.Timestamp("2026-01-15"), 1: [pd.NaT, dt.date(2026, 1, 2)],
                   "e": pd.Series([True]).iloc[0]})
    assert value == {"a": 1, "b": None, "c": None, "d": "2026-01-15T00:00:00",
                     "1": [None, "2026-01-02"], "e": True}
    assert type(value["a"]) is int and type(value["e"]) is bool


# --- the demo's story ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_dir):
    return load_project(demo_dir)


@pytest.fixture(scope="module")
def demo_comparison(demo):
    return by_id(compare_touchpoints(demo, "2026-H1", demo, "2025-H2"))


def pooled_p(x1, n1, x2, n2):
    """The two-sided p of the pooled two-proportion z-test, written out."""
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def test_demo_delivery_tracking_improved(demo_comparison):
    tp24 = demo_comparison.loc["TP24"]
    # CSAT 171 of 336 answers in 2025-H2, 274 of 300 in 2026-H1
    assert tp24[["n_csat_before", "n_csat_after"]].tolist() == [336, 300]
    assert tp24["csat_before"] == pytest.approx(171 / 336)
    assert tp24["csat_after"] == pytest.approx(274 / 300)
    assert tp24["csat_p"] == pytest.approx(pooled_p(274, 300, 171, 336), rel=1e-9)
    assert tp24["csat_p"] < 1e-20
    assert tp24[["csat_significant", "status", "basis"]].tolist() == [True, "improved",
                                                                      "survey"]
    assert tp24[["satisfaction_before", "satisfaction_after"]].tolist() == [2.75, 4.25]


def test_demo_hold_queue_worsened(demo_comparison):
    tp30 = demo_comparison.loc["TP30"]
    # CSAT 32 of 46 in 2025-H2, 5 of 27 in 2026-H1: too few answers in 2026-H1 for the
    # survey to decide, so the workshop does (3.0 -> 1.625, more than half a point)
    assert tp30[["n_csat_before", "n_csat_after"]].tolist() == [46, 27]
    assert tp30["csat_delta"] == pytest.approx(5 / 27 - 32 / 46)
    assert tp30["csat_p"] == pytest.approx(pooled_p(5, 27, 32, 46), rel=1e-9)
    assert tp30[["csat_significant", "status", "basis"]].tolist() == [False, "worsened",
                                                                      "workshop"]
    assert tp30[["satisfaction_before", "satisfaction_after"]].tolist() == [3.0, 1.625]


def test_demo_app_checkout_did_not_change(demo_comparison):
    assert demo_comparison.loc["TP14", ["status", "basis"]].tolist() == ["stable", "survey"]


def test_demo_actions_done_since_the_last_review(demo):
    done = actions_since(demo, "2026-H1", demo)
    assert done["action_id"].tolist() == ["A03", "A08"]
    a03 = done.set_index("action_id").loc["A03"]
    assert a03[["touchpoint_id", "touchpoint_status"]].tolist() == ["TP24", "improved"]
    assert a03["satisfaction_delta"] == 1.5  # 2.75 -> 4.25


def test_demo_review_summary(demo):
    summary = review_summary(demo, "2026-H1", demo, "2025-H2")
    text = json.dumps(summary)
    assert "NaN" not in text
    changes = {c["touchpoint_id"]: c for c in summary["changes"]}
    assert changes["TP24"]["status"] == "improved" and changes["TP24"]["significant"]
    assert changes["TP30"]["status"] == "worsened"
    assert summary["needs_attention"][0]["touchpoint_id"] == "TP30"
    assert [a["action_id"] for a in summary["actions_done"]] == ["A03", "A08"]
    assert summary["counts"]["survey_responses"] == 1582
    assert summary["scores"]["n_csat"] == 1499
    assert sum(summary["status_counts"].values()) == len(current_journey(demo))


def test_actions_since_on_a_blank_project(blank):
    project = load_project(blank)
    assert actions_since(project, "2026-H2", project).empty
    assert actions_since(project, "2026-H2", None).empty


def test_review_summary_says_what_the_review_showed(edit, mini):
    edit(mini / "evaluations.csv", "2026-H1,Ben,P2,T6,4", "2026-H1,Ben,P2,T6,1")  # worsens
    project = load_project(mini)
    changes = compare_touchpoints(project, "2026-H1", project, "2025-H2")
    attention = needs_attention(changes, top=1)
    done = actions_since(project, "2026-H1", project, comparison=changes)

    summary = review_summary(project, "2026-H1", project, "2025-H2", comparison=changes,
                             done=done, attention=attention)

    assert len(summary["needs_attention"]) == 1
    ranked = review_summary(project, "2026-H1", project, "2025-H2", comparison=changes,
                            done=done, attention=attention,
                            priorities=touchpoint_priorities(project, "2026-H1"))
    assert ranked["top_priorities"] == [
        {"touchpoint_id": r.touchpoint_id, "name": r.name, "priority": r.priority}
        for r in touchpoint_priorities(project, "2026-H1").head(5).itertuples()]
    assert ranked["top_priorities"][0]["touchpoint_id"] == "T6"  # worsened to 1: the top gap
    assert summary["needs_attention"] == json.loads(attention.to_json(orient="records"))
    assert [a["action_id"] for a in summary["actions_done"]] == done["action_id"].tolist()


def test_the_review_compares_the_future_states_targets_with_what_was_reached(demo):
    from cjm.steps.review import target_progress
    from cjm.steps.scores import touchpoint_scores

    progress = target_progress(demo, "2026-H1").set_index("touchpoint_id")
    assert set(progress.index) == {"TP14", "TP15", "TP24", "TP26", "TP28", "TP40"}
    assert set(progress["measure"]) == {"emotion"}
    reached = touchpoint_scores(demo, "2026-H1").set_index("touchpoint_id")["emotion"]
    assert progress.at["TP24", "reached"] == pytest.approx(reached["TP24"])
    assert progress.at["TP24", "met"] == (reached["TP24"] >= 2)
    assert progress.at["TP14", "met"] == (reached["TP14"] >= 1)
    # the call-back does not exist yet: nothing reached, nothing met or missed
    assert pd.isna(progress.at["TP40", "reached"]) and progress.at["TP40", "met"] is None

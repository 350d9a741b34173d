import pytest

from cjm import load_project
from cjm.steps.scores import current_scores, latest_period, stage_scores, touchpoint_scores


def test_the_latest_row_is_the_current_score(mini):
    scores = current_scores(load_project(mini), "2026-H1")
    checkout = scores[(scores["persona_id"] == "P1") & (scores["touchpoint_id"] == "T3")]
    # two rows for (2026-H1, P1, T3): 3 at 10:00 then 4 at 10:01 -> 4
    assert checkout["satisfaction"].tolist() == [4.0]
    assert checkout["thought"].tolist() == ["Better after re-scoring"]


def test_a_later_row_earlier_in_the_file_still_wins(edit, mini):
    # the journal is sorted by recorded_at, not by position in the file
    edit(mini / "evaluations.csv", "2026-06-20T10:00:00,2026-H1,Ana,P1,T3,3",
         "2026-06-20T11:00:00,2026-H1,Ana,P1,T3,3")
    scores = current_scores(load_project(mini), "2026-H1")
    assert scores.loc[scores["touchpoint_id"] == "T3", "satisfaction"].tolist() == [3.0]


def test_assessors_are_averaged_or_kept_apart(edit, mini):
    edit(mini / "evaluations.csv", "2026-06-20T10:05:00,2026-H1,Ben,P2,T6,4",
         "2026-06-20T10:05:00,2026-H1,Ben,P2,T6,4\n"
         "2026-06-20T10:06:00,2026-H1,Cleo,P2,T6,2,3,4,-1,,,workshop\n"
         "2026-06-20T10:07:00,2026-H1,Ben,P2,T6,5")
    project = load_project(mini)

    averaged = current_scores(project, "2026-H1")
    hotline = averaged[averaged["touchpoint_id"] == "T6"]
    # Ben's latest is 5 (10:07), Cleo's is 2 -> mean 3.5 from 2 assessors
    assert hotline["satisfaction"].tolist() == [3.5]
    assert hotline["assessors"].tolist() == [2]

    apart = current_scores(project, "2026-H1", by_assessor=True)
    per = apart[apart["touchpoint_id"] == "T6"].set_index("assessor")["satisfaction"]
    assert per.to_dict() == {"Ben": 5.0, "Cleo": 2.0}


def test_ease_follows_the_declared_effort_direction(edit, mini):
    project = load_project(mini)
    assert current_scores(project, "2025-H2")["ease"].tolist() == [6.0, 2.0, 6.0, 3.0]
    edit(mini / "project.yaml", "higher_is_easier", "higher_is_harder")
    harder = current_scores(load_project(mini), "2025-H2")
    # on 1-7 with higher = harder, ease = 8 - effort
    assert harder["effort"].tolist() == [6.0, 2.0, 6.0, 3.0]
    assert harder["ease"].tolist() == [2.0, 6.0, 2.0, 5.0]


def test_touchpoint_and_stage_summaries(mini):
    project = load_project(mini)
    by_touchpoint = touchpoint_scores(project, "2025-H2")
    assert by_touchpoint["touchpoint_id"].tolist() == ["T1", "T3", "T4", "T6"]
    assert by_touchpoint["pain_points"].tolist() == [0, 1, 0, 1]
    stages = stage_scores(project, "2025-H2").set_index("stage")
    # Buy: T3 (2) and T4 (5) -> 3.5; Receive: T6 only -> 2
    assert stages.loc["Buy", "satisfaction"] == pytest.approx(3.5)
    assert stages.loc["Receive", "satisfaction"] == pytest.approx(2.0)
    assert stages.loc["Buy", "pain_points"] == 1
    assert latest_period(project) == "2026-H1"


def test_empty_journal(workspace):
    from cjm.project.workspace import Workspace

    Workspace(workspace).new_project("Blank")
    project = load_project(workspace / "data" / "blank")
    assert current_scores(project, "2026-H2").empty
    assert touchpoint_scores(project, "2026-H2").empty
    assert len(stage_scores(project, "2026-H2")) == len(project.stages)
    assert latest_period(project) is None


def test_scores_asked_again_follow_a_table_edited_in_memory(mini):
    """Scores are kept for the process, keyed by the tables' contents: asked again they are
    the same (and the caller's own copy); after an edit, they are the edited table's."""
    project = load_project(mini)
    first = current_scores(project, "2025-H2")
    first.loc[0, "satisfaction"] = -1  # the caller's copy: the kept scores are untouched
    again = current_scores(project, "2025-H2")
    assert again.loc[0, "satisfaction"] != -1
    row = project.evaluations.index[(project.evaluations["period"] == "2025-H2")
                                    & (project.evaluations["touchpoint_id"] == "T3")]
    project.evaluations.loc[row, "satisfaction"] = 1
    edited = current_scores(project, "2025-H2")
    assert set(edited.loc[edited["touchpoint_id"] == "T3", "satisfaction"]) == {1}
    assert set(again.loc[again["touchpoint_id"] == "T3", "satisfaction"]) != {1}
    project.touchpoints.loc[project.touchpoints["touchpoint_id"] == "T3", "name"] = "Renamed"
    assert set(current_scores(project, "2025-H2").query("touchpoint_id == 'T3'")["name"]) == {
        "Renamed"}

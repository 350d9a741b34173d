import pytest

from cjm import load_project
from cjm.steps.evaluation import FRICTION_COLUMNS, friction_points, metrics_table, moments_of_truth


def test_friction_points_on_the_mini_project(mini):
    friction = friction_points(load_project(mini), "2025-H2")

    # thresholds on 1-5 and 1-7: satisfaction <= 1 + 0.4 x 4 = 2.6; ease <= 1 + 0.4 x 6 = 3.4
    # T3: satisfaction 2, ease 2, emotion -2, 1 pain point of 1 persona -> 4 reasons
    # T6: satisfaction 2, ease 3, emotion -1, 1 pain point of 1 persona -> 4 reasons
    # T1 (4, 6, +1) and T4 (5, 6, +2) are fine
    assert list(friction.columns) == FRICTION_COLUMNS
    assert friction["touchpoint_id"].tolist() == ["T3", "T6"]
    assert friction["reasons"].tolist() == [
        "poor satisfaction, hard to do, negative emotion, pain points"] * 2


def test_friction_thresholds_follow_the_project_scales(edit, mini):
    edit(mini / "project.yaml", "satisfaction: [1, 5]", "satisfaction: [1, 10]")
    friction = friction_points(load_project(mini), "2025-H2").set_index("touchpoint_id")
    # on 1-10 the line is 1 + 0.4 x 9 = 4.6: T1 (satisfaction 4) is now poor, nothing else
    assert friction.loc["T1", "reasons"] == "poor satisfaction"


def test_moments_of_truth_weakest_first(mini):
    table = moments_of_truth(load_project(mini), "2025-H2")
    # moments of truth T3 (satisfaction 2) and T4 (5)
    assert table["touchpoint_id"].tolist() == ["T3", "T4"]
    assert table["satisfaction"].tolist() == [2.0, 5.0]


def test_metrics_table_joins_workshop_and_survey(mini):
    table = metrics_table(load_project(mini), "2026-H1").set_index("touchpoint_id")
    assert len(table) == 6 and set(table["period"]) == {"2026-H1"}
    # survey of 2026-H1 on T3: csat 5, 4, 2 -> 2 of 3 answer 4 or 5; nps 10, 9, 3 -> 2 P, 1 D
    assert table.loc["T3", "n_csat"] == 3
    assert table.loc["T3", "csat"] == pytest.approx(2 / 3)
    assert table.loc["T3", "nps"] == pytest.approx(100 * (2 - 1) / 3)
    assert table.loc["T3", "satisfaction"] == 4.0  # the re-scored latest row
    assert table["satisfaction"].isna().sum() == 4  # T1, T2, T4, T5 not scored in 2026-H1


def test_a_blank_project_gives_empty_tables(blank):
    project = load_project(blank)
    assert friction_points(project, "2026-H2").empty
    assert metrics_table(project, "2026-H2").empty
    assert moments_of_truth(project, "2026-H2").empty


def test_drop_off_friction_meets_the_funnel_and_the_scores(mini):
    from cjm.events import analyze
    from cjm.steps.evaluation import drop_off_friction

    rows = ["customer_id,timestamp,touchpoint_id"]
    for number in range(10):  # 10 customers discover, 8 buy, 4 receive
        rows.append(f"C{number},2026-01-0{1 + number % 9}T10:00:00,T1")
        if number < 8:
            rows.append(f"C{number},2026-01-0{1 + number % 9}T10:10:00,T3")
        if number < 4:
            rows.append(f"C{number},2026-01-0{1 + number % 9}T12:00:00,T6")
    (mini / "events.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = load_project(mini)

    table = drop_off_friction(project, "2025-H2", analyze(project)).set_index("stage")

    # Discover: 10 -> 8 (drop 0.2) but no friction point there (T1 is fine)
    # Buy: 8 -> 4 (drop 0.5) and T3 (checkout) is a friction point in 2025-H2 -> friction
    assert table["customers"].tolist() == [10, 8, 4]
    assert table.loc["Discover", "drop_off"] == pytest.approx(0.2)
    assert table.loc["Buy", "drop_off"] == pytest.approx(0.5)
    assert table["friction"].tolist() == [False, True, False]
    assert table.loc["Buy", "friction_points"] == "Checkout"

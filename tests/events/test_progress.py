"""Behavioural drivers: a planted effect is found with its interval, a persona's habit is not
credited to a touchpoint, and what cannot be compared is said."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cjm import load_project
from cjm.events import behavioural_drivers
from cjm.events.progress import BEHAVIOUR_COLUMNS, behaviour_summary, flagged

DAY = pd.Timedelta(days=1)


def write_log(folder, rows) -> None:
    frame = pd.DataFrame(rows, columns=["customer_id", "timestamp", "touchpoint_id",
                                        "persona_id"])
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False),
                   folder / "events.parquet")


def journeys(seed: int = 1, n: int = 3000):
    """Customers of the mini shop (Discover, Buy, Receive). P2 customers look at the shop
    window (T2) far more often and buy less often, the window playing no part; at Buy,
    meeting the checkout (T3) makes a customer leave three times as often; customers who saw
    the home page (T1) take four days longer to buy."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-02-01 09:00")
    rows = []
    for i in range(n):
        persona = "P1" if i % 2 else "P2"
        customer, t = f"C{i:05d}", start + rng.integers(0, 60) * DAY
        home = rng.random() < 0.5
        window = rng.random() < (0.8 if persona == "P2" else 0.1)
        if not (home or window):
            home = True
        if home:
            rows.append((customer, t, "T1", persona))
        if window:
            rows.append((customer, t + pd.Timedelta(hours=1), "T2", persona))
        if rng.random() > (0.9 if persona == "P1" else 0.5):
            continue  # left after Discover
        t += (5 if home else 1) * DAY + rng.integers(0, 3600) * pd.Timedelta(seconds=1)
        checkout = rng.random() < 0.5
        rows.append((customer, t, "T3" if checkout else "T4", persona))
        if rng.random() < (0.4 if checkout else 0.1):
            continue  # left after Buy
        rows.append((customer, t + 2 * DAY, "T6", persona))
    return rows


@pytest.fixture
def logged(mini):
    write_log(mini, journeys())
    return load_project(mini)


def test_a_planted_effect_is_found_with_an_interval_that_excludes_nothing(logged):
    table = behavioural_drivers(logged, window="2026-H1").set_index("touchpoint_id")
    t3 = table.loc["T3"]
    assert t3["status"] == "compared" and t3["flag"] == "goes_with_leaving"
    assert t3["progress_diff"] == pytest.approx(-0.3, abs=0.05)
    assert t3["progress_low"] < t3["progress_diff"] < t3["progress_high"] < 0
    assert t3["progress_met"] == pytest.approx(0.6, abs=0.04)
    assert t3["progress_not_met"] == pytest.approx(0.9, abs=0.04)
    assert t3["conversion_diff"] == pytest.approx(t3["progress_diff"])  # Receive is the end
    assert t3["customers_met"] + t3["customers_not_met"] == t3["customers"]


def test_a_personas_habit_is_not_credited_to_the_touchpoint_it_meets(logged):
    table = behavioural_drivers(logged, window="2026-H1").set_index("touchpoint_id")
    t2 = table.loc["T2"]
    assert t2["flag"] == "" and abs(t2["progress_diff"]) < 0.06
    assert t2["progress_low"] < 0 < t2["progress_high"]
    events = pd.read_parquet(logged.events_path)
    bought = set(events.loc[events["touchpoint_id"].isin(["T3", "T4"]), "customer_id"])
    window = set(events.loc[events["touchpoint_id"] == "T2", "customer_id"])
    everyone = set(events["customer_id"])
    crude = (len(bought & window) / len(window)
             - len(bought & (everyone - window)) / len(everyone - window))
    assert crude < -0.2  # what a comparison without personas would have said


def test_days_to_the_next_stage_are_compared_with_their_interval(logged):
    t1 = behavioural_drivers(logged, window="2026-H1").set_index("touchpoint_id").loc["T1"]
    assert t1["days_diff"] == pytest.approx(4, abs=0.15)
    assert t1["days_low"] < t1["days_diff"] < t1["days_high"]
    assert t1["days_met"] == pytest.approx(5.02, abs=0.1)


def test_the_last_stage_and_unmet_touchpoints_are_listed_not_compared(logged):
    table = behavioural_drivers(logged, window="2026-H1").set_index("touchpoint_id")
    assert table.at["T6", "status"] == "last_stage" and pd.isna(table.at["T6", "progress_diff"])
    assert table.at["T5", "status"] == "last_stage"
    assert list(table.reset_index().columns) == BEHAVIOUR_COLUMNS


def test_too_few_customers_on_a_side_are_not_compared(mini):
    write_log(mini, journeys(n=40))
    table = behavioural_drivers(load_project(mini)).set_index("touchpoint_id")
    assert set(table.loc[["T1", "T2", "T3", "T4"], "status"]) == {"too_few"}
    assert (table["flag"] == "").all()


def test_outside_the_window_nothing_is_counted(logged):
    table = behavioural_drivers(logged, window="2025-H2")
    assert (table["customers"] == 0).all() and (table["status"] != "compared").all()


def test_without_a_log_the_table_is_empty(mini):
    table = behavioural_drivers(load_project(mini))
    assert table.empty and list(table.columns) == BEHAVIOUR_COLUMNS


def test_the_summary_lists_the_flagged_touchpoints_largest_gap_first(logged):
    table = behavioural_drivers(logged, window="2026-H1")
    summary = behaviour_summary(table)
    assert [row["touchpoint_id"] for row in summary] == list(flagged(table)["touchpoint_id"]) + \
        list(flagged(table, "goes_with_progress")["touchpoint_id"])
    assert summary[0]["touchpoint_id"] == "T3" and summary[0]["flag"] == "goes_with_leaving"
    assert summary[0]["progress_low"] < summary[0]["progress_diff"]


def test_answers_join_journeys_through_the_customer_id(mini):
    """Barometer respondents who are customers of the log: those who left after Discover
    answer 0-6, those who received their order 9-10; the NPS of each group says so."""
    from cjm.events.progress import farthest_stages
    from cjm.steps.survey import answers_by_journey

    write_log(mini, journeys(n=600))
    project = load_project(mini)
    events = pd.read_parquet(project.events_path)
    reached = events.groupby("customer_id")["touchpoint_id"].agg(set)
    rows = []
    for number, (customer, met) in enumerate(reached.items()):
        received = "T6" in met
        rows.append({"respondent_id": f"B{number}", "responded_at": "2026-05-01T10:00:00",
                     "persona_id": "P1", "customer_id": f" {customer} ",  # as typed
                     "nps": 10 if received else 3, "T1": 4})
    rows.append({"respondent_id": "Bx", "responded_at": "2026-05-01T10:00:00",
                 "persona_id": "P1", "customer_id": "NOT-A-CUSTOMER", "nps": 10, "T1": 4})
    pd.DataFrame(rows).to_csv(mini / "barometer.csv", index=False)
    project = load_project(mini)

    stages = farthest_stages(project, ["C00001", "nobody"], window="2026-H1")
    assert list(stages["customer_id"]) == ["C00001"]
    table = answers_by_journey(project, "2026-H1")
    barometer = table[table["source"] == "barometer"].set_index("farthest")
    assert list(barometer.index) == ["Discover", "Buy", "Receive"]
    assert barometer.at["Receive", "converted"] and not barometer.at["Buy", "converted"]
    assert barometer.at["Receive", "nps"] == 100 and barometer.at["Discover", "nps"] == -100
    assert barometer.at["Receive", "nps_low"] < 100  # an interval, even at the edge
    assert barometer["n_nps"].sum() == len(reached)
    assert table.attrs["matched"]["barometer"] == {"with_customer_id": len(reached) + 1,
                                                   "in_log": len(reached)}
    assert "survey" not in table.attrs["matched"]  # its answers carry no customer_id


def test_a_log_changed_on_disk_is_read_again(mini):
    write_log(mini, journeys(n=400))
    project = load_project(mini)
    first = behavioural_drivers(project, window="2026-H1")
    assert behavioural_drivers(project, window="2026-H1").equals(first)
    write_log(mini, journeys(seed=2, n=900))
    again = behavioural_drivers(load_project(mini), window="2026-H1")
    assert again["customers"].max() > first["customers"].max()

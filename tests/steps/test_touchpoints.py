"""Step 3: the touchpoint inventory, on the mini fixture and the demo.

Mini touchpoints (stage, channel, owner, personas, volume):
    T1 Discover Website  E-commerce        all  12000
    T2 Discover Store    Stores            P2   (none)
    T3 Buy      Website  E-commerce        P1    3000
    T4 Buy      Store    Stores            P2    1500
    T5 Receive  E-mail   Logistics         P1    2800
    T6 Receive  Phone    Customer service  all    400
"""

import pytest

from cjm import UsageError, load_project
from cjm.steps.touchpoints import (
    MISSING_COLUMNS,
    REDUNDANCY_COLUMNS,
    SILO_COLUMNS,
    VOLUME_COLUMNS,
    controlled_by_stage,
    measured_volumes,
    missing_touchpoints,
    owners_by_stage,
    redundancy_candidates,
    silos,
    touchpoint_matrix,
    volumes_by_stage,
)

STAGES = ["Discover", "Buy", "Receive"]
CHANNELS = ["Website", "E-mail", "Phone", "Store"]


def add_touchpoint(folder, row: str) -> None:
    with open(folder / "touchpoints.csv", "a", encoding="utf-8") as handle:
        handle.write(row + "\n")


def test_touchpoint_matrix_counts_touchpoints(mini):
    matrix = touchpoint_matrix(load_project(mini))

    assert matrix.index.tolist() == CHANNELS
    assert matrix.columns.tolist() == STAGES
    assert matrix.values.tolist() == [[1, 1, 0],   # Website: T1, T3
                                      [0, 0, 1],   # E-mail: T5
                                      [0, 0, 1],   # Phone: T6
                                      [1, 1, 0]]   # Store: T2, T4


def test_touchpoint_matrix_sums_volumes(mini):
    matrix = touchpoint_matrix(load_project(mini), value="volume")

    assert matrix.values.tolist() == [[12000, 3000, 0],
                                      [0, 0, 2800],
                                      [0, 0, 400],
                                      [0, 1500, 0]]   # T2's volume is unknown


def test_touchpoint_matrix_refuses_an_unknown_value(mini):
    with pytest.raises(UsageError, match="^`value` must be 'count' or 'volume', not 'x'$"):
        touchpoint_matrix(load_project(mini), value="x")


def test_controlled_by_stage(edit, mini):
    edit(mini / "touchpoints.csv", "Shop window,,Stores,yes", "Shop window,,Stores,no")
    edit(mini / "touchpoints.csv", "Delivery hotline,Hold queue,Customer service,yes",
         "Delivery hotline,Hold queue,Customer service,")

    table = controlled_by_stage(load_project(mini))

    assert table.index.tolist() == STAGES
    assert table.columns.tolist() == ["controlled", "not_controlled"]
    # T2 not controlled; T6 unknown counts in neither column
    assert table.values.tolist() == [[1, 1], [2, 0], [1, 0]]


def test_owners_by_stage_and_silos(mini):
    owners = owners_by_stage(load_project(mini))

    assert owners.index.tolist() == ["Customer service", "E-commerce", "Logistics", "Stores"]
    assert owners.columns.tolist() == STAGES
    assert owners.values.tolist() == [[0, 0, 1], [1, 1, 0], [0, 0, 1], [1, 1, 0]]

    table = silos(load_project(mini))

    assert list(table.columns) == SILO_COLUMNS
    assert table.astype({"stage": str}).values.tolist() == [
        ["Discover", 2, "E-commerce, Stores"],
        ["Buy", 2, "E-commerce, Stores"],
        ["Receive", 2, "Customer service, Logistics"]]


def test_touchpoints_without_owner(edit, mini):
    edit(mini / "touchpoints.csv", "Shipping e-mail,,Logistics,", "Shipping e-mail,,,")
    project = load_project(mini)

    owners = owners_by_stage(project)

    assert owners.index.tolist()[-1] == "(no owner)"
    assert owners.loc["(no owner)"].tolist() == [0, 0, 1]
    assert silos(project).loc[2, "owners"] == 1   # only Customer service is named at Receive


def test_missing_touchpoints_on_the_preferred_channels(mini):
    # P1 prefers Website|E-mail and meets T1, T3, T5, T6:
    #   Discover: Website T1 ok, E-mail none; Buy: Website T3 ok, E-mail none;
    #   Receive: Website none, E-mail T5 ok.
    # P2 prefers Store|Phone and meets T1, T2, T4, T6:
    #   Discover: Store T2 ok, Phone none; Buy: Store T4 ok, Phone none;
    #   Receive: Store none, Phone T6 ok.
    missing = missing_touchpoints(load_project(mini))

    assert list(missing.columns) == MISSING_COLUMNS
    assert missing.astype({"stage": str}).values.tolist() == [
        ["P1", "Online regular", "Discover", "E-mail"],
        ["P1", "Online regular", "Buy", "E-mail"],
        ["P1", "Online regular", "Receive", "Website"],
        ["P2", "Store visitor", "Discover", "Phone"],
        ["P2", "Store visitor", "Buy", "Phone"],
        ["P2", "Store visitor", "Receive", "Store"]]


def test_back_stage_touchpoints_are_no_way_to_reach_the_company(edit, mini):
    edit(mini / "touchpoints.csv", "P1,2800,front-stage", "P1,2800,back-stage")

    missing = missing_touchpoints(load_project(mini))

    assert ["P1", "Receive", "E-mail"] in missing[["persona_id", "stage", "channel"]].astype(
        str).values.tolist()


def test_redundancy_candidates_share_a_stage_a_channel_and_a_persona(mini):
    project = load_project(mini)
    assert redundancy_candidates(project).empty
    add_touchpoint(mini, "T7,Receive,E-mail,Delivered e-mail,,Logistics,yes,no,,2800,")
    add_touchpoint(mini, "T8,Receive,E-mail,Pickup e-mail,,Stores,yes,no,P2,300,")
    add_touchpoint(mini, "T9,Receive,E-mail,Carrier e-mail,,Logistics,no,no,,900,")

    pairs = redundancy_candidates(load_project(mini))

    # T5 (P1) + T7 (all) -> P1; T5 (P1) + T8 (P2) -> nobody in common; T7 (all) + T8 (P2) -> P2;
    # T9 is not controlled by the company: it cannot be merged
    assert list(pairs.columns) == REDUNDANCY_COLUMNS
    assert pairs.astype({"stage": str, "channel": str}).values.tolist() == [
        ["Receive", "E-mail", "T5", "Shipping e-mail", "T7", "Delivered e-mail", ["P1"]],
        ["Receive", "E-mail", "T7", "Delivered e-mail", "T8", "Pickup e-mail", ["P2"]]]


def test_volumes_by_stage(mini):
    table = volumes_by_stage(load_project(mini))

    # Discover 12000 (+ T2 unknown), Buy 3000 + 1500, Receive 2800 + 400; total 19700
    assert list(table.columns) == VOLUME_COLUMNS
    assert table["stage"].astype(str).tolist() == STAGES
    assert table["touchpoints"].tolist() == [2, 2, 2]
    assert table["volume"].tolist() == [12000, 4500, 3200]
    assert table["share_of_volume"].tolist() == pytest.approx(
        [12000 / 19700, 4500 / 19700, 3200 / 19700])


def test_demo_finds_the_senior_without_a_phone_at_discover_and_the_double_e_mail(demo_dir):
    demo = load_project(demo_dir)

    missing = missing_touchpoints(demo)[["persona_id", "stage", "channel"]].astype(str)
    assert ["P4", "Discover", "Phone"] in missing.values.tolist()

    pairs = redundancy_candidates(demo)
    assert ("TP16", "TP17") in set(zip(pairs["touchpoint_a"], pairs["touchpoint_b"],
                                       strict=True))


def test_blank_project_gives_empty_frames(blank_project):
    for frame in (touchpoint_matrix(blank_project), touchpoint_matrix(blank_project, "volume"),
                  owners_by_stage(blank_project)):
        assert frame.empty
        assert frame.columns.tolist() == blank_project.stages
    assert controlled_by_stage(blank_project).empty
    assert controlled_by_stage(blank_project).columns.tolist() == ["controlled", "not_controlled"]
    for function, columns in [(silos, SILO_COLUMNS), (missing_touchpoints, MISSING_COLUMNS),
                              (redundancy_candidates, REDUNDANCY_COLUMNS),
                              (volumes_by_stage, VOLUME_COLUMNS)]:
        frame = function(blank_project)
        assert frame.empty
        assert list(frame.columns) == columns


def test_measured_volumes_flag_unseen_and_undeclared_touchpoints(mini):
    from cjm.events import analyze

    log = mini / "log.csv"  # not events.csv: T99 would make the project itself invalid
    log.write_text("customer_id,timestamp,touchpoint_id,persona_id\n"
                   "C1,2026-01-05T10:00:00,T1,P1\nC1,2026-01-05T10:05:00,T3,P1\n"
                   "C2,2026-01-06T09:00:00,T1,P2\nC2,2026-01-06T09:30:00,T99,P2\n",
                   encoding="utf-8")
    project = load_project(mini)

    table = measured_volumes(project, analyze(project, source=log)).set_index("touchpoint_id")

    # T1: 2 events from 2 customers (reach 2/2); T3: 1 event; T2, T4, T5, T6 never seen;
    # T99 is in the log but not declared
    assert table.loc["T1", ["events", "customers", "reach"]].tolist() == [2, 2, 1.0]
    assert table.loc["T3", "events"] == 1
    assert table["finding"].to_dict() == {
        "T1": "", "T2": "never seen in the log", "T3": "", "T4": "never seen in the log",
        "T5": "never seen in the log", "T6": "never seen in the log",
        "T99": "not a declared touchpoint"}


def test_measured_volumes_without_a_log_flag_nothing(mini):
    from cjm.events import analyze

    project = load_project(mini)
    table = measured_volumes(project, analyze(project, missing_ok=True))
    assert set(table["finding"]) == {""}
    assert table["events"].isna().all()

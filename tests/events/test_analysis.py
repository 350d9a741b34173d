"""`cjm.events.analyze` end to end: small hand-checked logs on the mini project, every frame
of the analysis, windows, options and a project without a log. The parts have their own
modules: the sort (test_coding), the pass (test_sequence), medians (test_quantiles), the result
tables (test_frames); checking the log file is tests/project/test_eventlog.py's.

The log below runs on the mini project (touchpoints T1..T6 over Discover/Buy/Receive, channels
Website/E-mail/Phone/Store, personas P1 and P2). Customer by customer, within 2026-H1:
- A (P1): T1 10:00, T3 10:05, T5 10:07 on 1 March, then T6 exactly one day after T5;
- B (P1): T3 and T1 at the same second (written T3 first; ordered T1 first), T5 4 minutes on;
- C (P2): T2 twice 30 minutes apart, then T6 two days later: skips Buy;
- D (no persona): T4 then T3 two days later, plus an event on the unknown touchpoint T99;
- F (P2): a single T2;
- E (P2): one T1 in August, outside 2026-H1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from cjm import load_project
from cjm.errors import UsageError, ValidationError
from cjm.events import analyze

LOG = """\
customer_id,timestamp,touchpoint_id,persona_id
A,2026-03-01T10:00:00,T1,P1
A,2026-03-01T10:05:00,T3,P1
A,2026-03-01T10:07:00,T5,P1
A,2026-03-02T10:07:00,T6,P1
B,2026-03-03T09:00:00,T3,P1
B,2026-03-03T09:00:00,T1,P1
B,2026-03-03T09:04:00,T5,P1
C,2026-03-04T12:00:00,T2,P2
C,2026-03-04T12:30:00,T2,P2
C,2026-03-06T12:30:00,T6,P2
D,2026-03-05T08:00:00,T4,
D,2026-03-07T08:00:00,T3,
D,2026-03-07T08:00:00,T99,
F,2026-03-08T10:00:00,T2,P2
E,2026-08-01T10:00:00,T1,P2
"""



@pytest.fixture
def logged(mini) -> Path:
    """The mini project with the log above as events.csv."""
    (mini / "events.csv").write_text(LOG, encoding="utf-8")
    return mini


@pytest.fixture
def h1(logged):
    return analyze(load_project(logged), window="2026-H1")


def test_volumes_per_level(h1, rows):
    assert list(h1.volumes.columns) == ["level", "key", "name", "events", "customers", "reach"]
    assert rows(h1.volumes) == [
        ("touchpoint", "T1", "Home page", 2, 2, 0.4),
        ("touchpoint", "T2", "Shop window", 3, 2, 0.4),
        ("touchpoint", "T3", "Checkout", 3, 3, 0.6),
        ("touchpoint", "T4", "Till", 1, 1, 0.2),
        ("touchpoint", "T5", "Shipping e-mail", 2, 2, 0.4),
        ("touchpoint", "T6", "Delivery hotline", 2, 2, 0.4),
        ("stage", "Discover", "Discover", 5, 4, 0.8),
        ("stage", "Buy", "Buy", 4, 3, 0.6),
        ("stage", "Receive", "Receive", 4, 3, 0.6),
        ("channel", "Website", "Website", 5, 3, 0.6),
        ("channel", "E-mail", "E-mail", 2, 2, 0.4),
        ("channel", "Phone", "Phone", 2, 2, 0.4),
        ("channel", "Store", "Store", 4, 3, 0.6),
        ("persona", "P1", "P1", 7, 2, 0.4),
        ("persona", "P2", "P2", 4, 2, 0.4),
        ("persona", "(unknown)", "(unknown)", 2, 1, 0.2),
    ]
    assert (h1.n_events, h1.n_customers) == (13, 5)  # T99 and E's August event left out
    assert h1.window == (pd.Timestamp("2026-01-01"), pd.Timestamp("2026-07-01"))


def test_transitions_touchpoint_and_stage(h1, rows):
    # B's tie at 09:00 is ordered by touchpoint_id: T1 -> T3 (0 s), never T3 -> T1.
    assert rows(h1.transitions) == [
        ("touchpoint", "T1", "T3", 2, 2, 150.0),
        ("touchpoint", "T3", "T5", 2, 2, 180.0),
        ("stage", "Discover", "Buy", 2, 2, 150.0),
        ("stage", "Buy", "Receive", 2, 2, 180.0),
        ("touchpoint", "T2", "T2", 1, 1, 1800.0),
        ("touchpoint", "T2", "T6", 1, 1, 172800.0),
        ("touchpoint", "T4", "T3", 1, 1, 172800.0),
        ("touchpoint", "T5", "T6", 1, 1, 86400.0),
        ("stage", "Discover", "Receive", 1, 1, 172800.0),
    ]


def test_funnel_per_persona_with_a_skipped_stage(h1, rows):
    assert list(h1.funnel.columns) == ["persona_id", "stage", "optional", "customers", "share",
                                       "drop_off"]
    assert rows(h1.funnel) == [
        ("all", "Discover", False, 4, 0.8, 0.25),
        ("all", "Buy", False, 3, 0.6, 0.0),
        ("all", "Receive", False, 3, 0.6, None),
        ("P1", "Discover", False, 2, 1.0, 0.0),
        ("P1", "Buy", False, 2, 1.0, 0.0),
        ("P1", "Receive", False, 2, 1.0, None),
        ("P2", "Discover", False, 2, 1.0, 1.0),  # C skips Buy, F stops at Discover
        ("P2", "Buy", False, 0, 0.0, None),
        ("P2", "Receive", False, 1, 0.5, None),
        ("(unknown)", "Discover", False, 0, 0.0, None),
        ("(unknown)", "Buy", False, 1, 1.0, 1.0),
        ("(unknown)", "Receive", False, 0, 0.0, None),
    ]


def test_skipping_an_optional_stage_is_not_dropping_off(edit, logged, rows):
    edit(logged / "project.yaml", "review: {every_months: 6}",
         "review: {every_months: 6}\noptional_stages: [Buy]")
    funnel = analyze(load_project(logged), window="2026-H1").funnel
    by = {(r[0], r[1]): r[2:] for r in rows(funnel)}
    # the drop-off of Discover is measured against Receive, the next stage one must reach
    assert by["all", "Discover"] == (False, 4, 0.8, 0.25)
    assert by["P2", "Discover"] == (False, 2, 1.0, 0.5)  # C skipped Buy and reached Receive
    assert by["all", "Buy"] == (True, 3, 0.6, None)  # an optional stage has no drop-off
    assert by["(unknown)", "Buy"] == (True, 1, 1.0, None)


def test_outbound_contacts_and_back_stage_work_are_no_channel_switches(edit, logged, rows):
    # A's T5 (E-mail) then T6 (Phone) one day later was a switch; sent by the company
    # (outbound), T5 is no contact the customer started: no switch is left
    edit(logged / "touchpoints.csv", "T5,Receive,E-mail,Shipping e-mail,,Logistics,yes,no,P1,"
         "2800,front-stage", "T5,Receive,E-mail,Shipping e-mail,,Logistics,yes,no,P1,2800,"
         "front-stage,outbound")
    text = (logged / "touchpoints.csv").read_text(encoding="utf-8")
    (logged / "touchpoints.csv").write_text(text.replace("lane\n", "lane,direction\n", 1),
                                            encoding="utf-8")
    analysis = analyze(load_project(logged), window="2026-H1", switch_within="3 days")
    assert rows(analysis.channel_switches) == [("Store", "Website", 1, 1, 0.25)]
    # back-stage work is not a contact either: with T4 (Store) back-stage, D's T4 -> T3 goes
    edit(logged / "touchpoints.csv", "1500,front-stage", "1500,back-stage")
    analysis = analyze(load_project(logged), window="2026-H1", switch_within="3 days")
    assert analysis.channel_switches.empty


def test_channel_switches_within_and_beyond_the_delay(logged, rows):
    project = load_project(logged)
    day = analyze(project, window="2026-H1")
    # A: E-mail -> Phone at Receive exactly one day apart counts; D: Store -> Website at Buy
    # two days apart does not; B's Website -> Website and stage changes are no switches.
    assert rows(day.channel_switches) == [("E-mail", "Phone", 1, 1, 0.5)]
    three = analyze(project, window="2026-H1", switch_within="3 days")
    assert rows(three.channel_switches) == [("E-mail", "Phone", 1, 1, 0.5),
                                            ("Store", "Website", 1, 1, 0.25)]
    matrix = three.switch_matrix()
    assert list(matrix.index) == ["Website", "E-mail", "Phone", "Store"]
    assert list(matrix.columns) == ["Website", "E-mail", "Phone", "Store"]
    assert matrix.loc["E-mail", "Phone"] == 1 and matrix.loc["Store", "Website"] == 1
    assert int(matrix.to_numpy().sum()) == 2


def test_redundancy_within_minutes(logged, rows):
    project = load_project(logged)
    ten = analyze(project, window="2026-H1")
    assert list(ten.redundancy.columns) == ["touchpoint_a", "name_a", "touchpoint_b", "name_b",
                                            "customers", "pairs", "share_of_a"]
    # A: T1, T3, T5 within 7 minutes; B: T1, T3 at once then T5. C's T2 twice is a == b.
    assert rows(ten.redundancy) == [
        ("T1", "Home page", "T3", "Checkout", 2, 2, 1.0),
        ("T1", "Home page", "T5", "Shipping e-mail", 2, 2, 1.0),
        ("T3", "Checkout", "T5", "Shipping e-mail", 2, 2, round(2 / 3, 6)),
    ]
    three = analyze(project, window="2026-H1", redundant_within="3 minutes")
    assert rows(three.redundancy) == [
        ("T1", "Home page", "T3", "Checkout", 1, 1, 0.5),
        ("T3", "Checkout", "T5", "Shipping e-mail", 1, 1, round(1 / 3, 6)),
    ]
    none = analyze(project, window="2026-H1", redundant_within="3 minutes", min_redundant=2)
    assert none.redundancy.empty
    assert list(none.redundancy.columns) == list(ten.redundancy.columns)


def test_stage_durations_single_events_count_as_zero(h1, rows):
    assert rows(h1.stage_durations) == [
        ("all", "Discover", 4, 0.0, 450.0, 1260.0),
        ("all", "Buy", 3, 0.0, 57600.0, 138240.0),
        ("all", "Receive", 3, 0.0, 28800.0, 69120.0),
        ("P1", "Discover", 2, 0.0, 0.0, 0.0),
        ("P1", "Buy", 2, 0.0, 0.0, 0.0),
        ("P1", "Receive", 2, 43200.0, 43200.0, 77760.0),
        ("P2", "Discover", 2, 900.0, 900.0, 1620.0),
        ("P2", "Receive", 1, 0.0, 0.0, 0.0),
        ("(unknown)", "Buy", 1, 172800.0, 172800.0, 172800.0),
    ]


def test_window_choices(logged, rows):
    project = load_project(logged)
    everything = analyze(project)
    assert (everything.n_events, everything.n_customers, everything.window) == (14, 6, None)
    assert rows(everything.volumes[everything.volumes["key"] == "T1"]) == [
        ("touchpoint", "T1", "Home page", 3, 3, 0.5)]
    # A date as end includes the whole day; a timestamp end is excluded.
    day = analyze(project, window=("2026-03-01", "2026-03-01"))
    assert (day.n_events, day.n_customers) == (3, 1)
    assert day.window == (pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02"))
    minutes = analyze(project, window=(pd.Timestamp("2026-03-01 10:05"),
                                       pd.Timestamp("2026-03-01 10:07")))
    assert minutes.n_events == 1
    assert rows(minutes.volumes[minutes.volumes["events"] > 0])[0][:4] == (
        "touchpoint", "T3", "Checkout", 1)
    as_dates = analyze(project, window=(dt.date(2026, 3, 1), dt.date(2026, 3, 1)))
    assert as_dates.n_events == 3
    empty = analyze(project, window="2020-H1")
    assert (empty.n_events, empty.n_customers) == (0, 0)
    assert rows(empty.funnel) == [("all", s, False, 0, None, None)
                                  for s in ("Discover", "Buy", "Receive")]
    assert empty.transitions.empty and int(empty.switch_matrix().to_numpy().sum()) == 0
    assert len(empty.unseen) == 6
    with pytest.raises(UsageError, match="not a period"):
        analyze(project, window="2026-H3")


def test_unmatched_and_unseen(logged, rows):
    project = load_project(logged)
    h1 = analyze(project, window="2026-H1")
    assert rows(h1.unmatched) == [("T99", 1, 1)]
    assert h1.unseen.empty and list(h1.unseen.columns) == ["touchpoint_id", "name", "stage",
                                                           "channel"]
    assert "T99" not in set(h1.volumes["key"])
    day = analyze(project, window=("2026-03-01", "2026-03-01"))
    assert rows(day.unseen) == [("T2", "Shop window", "Discover", "Store"),
                                ("T4", "Till", "Buy", "Store"),
                                ("T6", "Delivery hotline", "Receive", "Phone")]
    assert day.unmatched.empty


def test_parquet_log_gives_the_same_analysis(logged, tmp_path):
    frame = pd.read_csv(logged / "events.csv", dtype=str, keep_default_na=False)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    frame["persona_id"] = frame["persona_id"].replace("", None)
    path = tmp_path / "events.parquet"
    frame.to_parquet(path, index=False)
    project = load_project(logged)
    from_csv = analyze(project, window="2026-H1")
    from_parquet = analyze(project, source=path, window="2026-H1")
    for name in ("volumes", "transitions", "funnel", "channel_switches", "redundancy",
                 "stage_durations", "unmatched", "unseen"):
        pd.testing.assert_frame_equal(getattr(from_parquet, name), getattr(from_csv, name))


def test_log_without_persona_column(mini, rows):
    (mini / "events.csv").write_text(
        "Customer ID;Timestamp;Touchpoint ID\n"
        "A;01/03/2026 10:00;T1\nA;01/03/2026 10:30;T3\nB;02/03/2026;T1\n", encoding="utf-8")
    result = analyze(load_project(mini))
    personas = result.volumes[result.volumes["level"] == "persona"]
    assert rows(personas) == [("persona", "P1", "P1", 0, 0, 0.0),
                              ("persona", "P2", "P2", 0, 0, 0.0),
                              ("persona", "(unknown)", "(unknown)", 3, 2, 1.0)]
    assert list(result.funnel["persona_id"].unique()) == ["all", "(unknown)"]
    assert rows(result.transitions) == [("touchpoint", "T1", "T3", 1, 1, 1800.0),
                                        ("stage", "Discover", "Buy", 1, 1, 1800.0)]


def test_no_log_and_missing_column(mini):
    project = load_project(mini)
    with pytest.raises(UsageError) as caught:
        analyze(project)
    assert str(caught.value) == "this project has no event log (events.parquet or events.csv)"
    bad = mini / "elsewhere.csv"
    bad.write_text("customer_id,touchpoint_id\nA,T1\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        analyze(project, source=bad)
    assert [str(p) for p in caught.value.problems] == [
        "elsewhere.csv:1: column 'timestamp' is missing "
        "(expected the columns customer_id, timestamp, touchpoint_id)"]


def test_demo_drop_off_after_buy_and_redundant_e_mails(demo_dir):
    result = analyze(load_project(demo_dir))
    funnel = result.funnel[result.funnel["persona_id"] == "all"].set_index("stage")
    journey = ["Discover", "Learn", "Buy", "Receive"]  # each one's drop-off to the next stage
    drops = funnel.loc[journey, "drop_off"]
    assert drops.idxmax() == "Buy"
    assert funnel.loc["Buy", "drop_off"] == pytest.approx(
        1 - funnel.loc["Receive", "customers"] / funnel.loc["Buy", "customers"])
    top = list(zip(result.redundancy["touchpoint_a"], result.redundancy["touchpoint_b"],
                   strict=True))[:3]
    assert ("TP16", "TP17") in top
    first = result.redundancy.iloc[top.index(("TP16", "TP17"))]
    assert first["share_of_a"] == 1.0  # every account e-mail is followed by the confirmation
    assert result.unmatched.empty and result.n_events == 49487




def test_the_analysis_names_its_log_window_and_channels(logged, h1):
    assert h1.source == logged / "events.csv"
    assert h1.window_label == "in 2026-H1"
    assert h1.channels == ("Website", "E-mail", "Phone", "Store")
    march = analyze(load_project(logged), window=("2026-03-01", "2026-03-31"))
    assert march.window_label == "from 2026-03-01 to 2026-03-31"
    assert march.window == (pd.Timestamp("2026-03-01"), pd.Timestamp("2026-04-01"))


def test_without_a_log_missing_ok_gives_empty_frames_with_their_columns(mini, logged, h1):
    # `logged` is the same folder as `mini`: take the log away again
    (mini / "events.csv").unlink()
    nothing = analyze(load_project(mini), window="2026-H1", missing_ok=True)
    assert nothing.source is None and (nothing.n_events, nothing.n_customers) == (0, 0)
    assert (nothing.window, nothing.window_label) == (h1.window, "in 2026-H1")
    for name in ("volumes", "transitions", "funnel", "channel_switches", "redundancy",
                 "stage_durations", "unmatched", "unseen"):
        frame = getattr(nothing, name)
        assert frame.empty and list(frame.columns) == list(getattr(h1, name).columns), name
    matrix = nothing.switch_matrix()
    assert list(matrix.index) == ["Website", "E-mail", "Phone", "Store"]
    assert int(matrix.to_numpy().sum()) == 0


@pytest.mark.parametrize(("option", "value", "message"), [
    ("switch_within", "soon",
     "switch_within must be a duration such as '10 minutes' or '1 day', not 'soon'"),
    ("switch_within", None, "switch_within must be a positive duration, not None"),
    ("redundant_within", "0 minutes",
     "redundant_within must be a positive duration, not '0 minutes'"),
    ("redundant_within", "-1 day", "redundant_within must be a positive duration, not '-1 day'"),
])
def test_the_delays_must_be_positive_durations(logged, option, value, message):
    with pytest.raises(UsageError) as caught:
        analyze(load_project(logged), **{option: value})
    assert str(caught.value) == message

"""`cjm.events.coding`: the log's touchpoint and persona ids coded once per distinct raw value
(trimmed, matched to the declared touchpoints), then the one sort by customer, time and
touchpoint, streamed back as coded Arrow batches; and what that order means in `analyze`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cjm import load_project
from cjm.events import analyze
from cjm.events.coding import code_dimensions, sorted_stream
from cjm.project.eventlog import LogSource

MINUTE = 60 * 10**6  # microseconds
# three declared touchpoints, coded by rank of id as the analysis does
DECLARED = pd.DataFrame({"touchpoint_id": ["T1", "T2", "T3"], "tp": [0, 1, 2]})


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def log_at(folder: Path, text: str) -> Path:
    path = folder / "events.csv"
    path.write_text(text, encoding="utf-8")
    return path


def stream_rows(reader) -> list[tuple]:
    return [tuple(row.values()) for row in reader.read_all().to_pylist()]


def hashed(con, customer: str) -> int:
    """The key DuckDB gives a customer id in the stream."""
    return con.execute("SELECT hash(?::VARCHAR)", [customer]).fetchall()[0][0]


def epoch_us(text: str) -> int:
    return int(pd.Timestamp(text).value // 1000)


def test_each_distinct_raw_id_is_trimmed_and_coded_once(con, tmp_path):
    path = log_at(tmp_path, "customer_id,timestamp,touchpoint_id,persona_id\n"
                            "A,2026-03-01T10:00:00, T3 ,P1\n"
                            "A,2026-03-01T10:01:00,T3,P2 \n"
                            "B,2026-03-01T10:02:00,T9,X\n"
                            "B,2026-03-01T10:03:00,T1,   \n"
                            "C,2026-03-01T10:04:00,T2,\n")
    personas = code_dimensions(con, LogSource(con, path, numbered=False), DECLARED)
    # a blank persona is the unknown one; "P2 " is P2; codes follow the sorted raw values
    assert personas == {"(unknown)": 0, "P1": 1, "P2": 2, "X": 3}
    assert con.execute("SELECT * FROM touchpoint_codes ORDER BY raw").fetchall() == [
        (" T3 ", 2, "T3"), ("T1", 0, "T1"), ("T2", 1, "T2"), ("T3", 2, "T3"), ("T9", None, "T9")]
    assert con.execute("SELECT * FROM persona_codes ORDER BY raw").fetchall() == [
        ("   ", 0), ("P1", 1), ("P2 ", 2), ("X", 3)]


def test_without_a_persona_column_every_event_is_of_the_unknown_persona(con, tmp_path):
    path = log_at(tmp_path, "customer_id,timestamp,touchpoint_id\n"
                            "A,2026-03-01T10:00:00,T2\nA,2026-03-01T10:00:00,T1\n")
    log = LogSource(con, path, numbered=False)
    personas = code_dimensions(con, log, DECLARED)
    assert personas == {"(unknown)": 0}
    t = epoch_us("2026-03-01T10:00:00")
    assert stream_rows(sorted_stream(con, log, personas, None)) == [
        (hashed(con, "A"), t, 0, 0, None), (hashed(con, "A"), t, 1, 0, None)]


def test_the_stream_is_ordered_by_customer_time_and_touchpoint(con, tmp_path):
    path = log_at(tmp_path, "customer_id,timestamp,touchpoint_id,persona_id\n"
                            "B,2026-03-01T10:05:00,T3,P1\n"
                            "A,2026-03-01T10:00:00,T3,P2\n"
                            "B,2026-03-01T10:00:00,T9 ,P1\n"
                            "A,2026-03-01T10:00:00,T1,\n"
                            " A ,2026-03-01T09:00:00,T2,P2\n"
                            ",2026-03-01T09:00:00,T1,P1\n"      # no customer: left out
                            "C,soon,T1,P1\n")                   # no readable time: left out
    log = LogSource(con, path, numbered=False)
    personas = code_dimensions(con, log, DECLARED)
    assert personas == {"(unknown)": 0, "P1": 1, "P2": 2}  # in the order of the ids
    a, b = hashed(con, "A"), hashed(con, "B")
    nine, ten, five_past = (epoch_us(f"2026-03-01T{hour}") for hour in ("09:00", "10:00",
                                                                         "10:05"))
    events = {
        a: [(a, nine, 1, 2, None), (a, ten, 0, 0, None), (a, ten, 2, 2, None)],
        # T9 is not declared: no code, its trimmed id in `unknown`
        b: [(b, ten, None, 1, "T9"), (b, five_past, 2, 1, None)],
    }
    assert stream_rows(sorted_stream(con, log, personas, None)) == [
        *events[min(a, b)], *events[max(a, b)]]


def test_the_window_keeps_its_start_and_leaves_out_its_end(con, tmp_path):
    path = log_at(tmp_path, "customer_id,timestamp,touchpoint_id\n"
                            "A,2026-02-28T23:59:59,T1\n"
                            "A,2026-03-01T00:00:00,T2\n"
                            "A,2026-03-31T23:59:59,T3\n"
                            "A,2026-04-01T00:00:00,T1\n")
    log = LogSource(con, path, numbered=False)
    personas = code_dimensions(con, log, DECLARED)
    bounds = (pd.Timestamp("2026-03-01"), pd.Timestamp("2026-04-01"))
    got = stream_rows(sorted_stream(con, log, personas, bounds))
    assert [(t, tp) for _, t, tp, _, _ in got] == [(epoch_us("2026-03-01T00:00:00"), 1),
                                                  (epoch_us("2026-03-31T23:59:59"), 2)]


def test_ties_are_ordered_by_touchpoint(mini, rows):
    # Same second for all three: order T1, T3, T3 (by id), whatever the order in the file.
    (mini / "events.csv").write_text(
        "customer_id,timestamp,touchpoint_id\n"
        "A,2026-03-01T10:00:00,T3\nA,2026-03-01T10:00:00,T1\nA,2026-03-01T10:00:00,T3\n",
        encoding="utf-8")
    result = analyze(load_project(mini))
    assert rows(result.transitions) == [("touchpoint", "T1", "T3", 1, 1, 0.0),
                                        ("touchpoint", "T3", "T3", 1, 1, 0.0),
                                        ("stage", "Discover", "Buy", 1, 1, 0.0)]


def test_ids_are_trimmed_and_blank_customers_skipped(mini, rows):
    (mini / "events.csv").write_text(
        "customer_id,timestamp,touchpoint_id,persona_id\n"
        "A,2026-03-01T10:00:00, T1 ,P1\n"
        " A ,2026-03-01T10:05:00,T3, P1\n"
        "   ,2026-03-01T10:06:00,T3,P1\n"
        "B,2026-03-01T11:00:00,T9 ,   \n", encoding="utf-8")
    result = analyze(load_project(mini))
    assert (result.n_events, result.n_customers) == (2, 1)  # ' A ' is A; the blank id is skipped
    assert rows(result.transitions)[0] == ("touchpoint", "T1", "T3", 1, 1, 300.0)
    assert rows(result.unmatched) == [("T9", 1, 1)]
    personas = result.volumes[result.volumes["level"] == "persona"]
    assert rows(personas) == [("persona", "P1", "P1", 2, 1, 1.0), ("persona", "P2", "P2", 0, 0,
                                                                   0.0)]

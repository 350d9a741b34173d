"""`cjm.project.eventlog`: the event log as a project file. Finding it, its columns, the
problems validation reports (file, columns, then rows: unknown touchpoints, empty ids and
timestamps, with counts and example rows), counting events in a window, and `LogSource`, the
SQL that reads it (trimmed ids, timestamps in one clock, row numbers)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from cjm import load_project, validate_project
from cjm.events import analyze
from cjm.project.eventlog import (
    LogSource,
    event_log_columns,
    event_log_problems,
    events_in_window,
    find_event_log,
    missing_columns,
)

MINI_TOUCHPOINTS = ["T1", "T2", "T3", "T4", "T5", "T6"]
HEADER = "customer_id,timestamp,touchpoint_id\n"
EXPECTED_COLUMNS = "(expected the columns customer_id, timestamp, touchpoint_id)"


@pytest.fixture
def logged(mini):
    """The mini project with a small valid events.csv."""
    (mini / "events.csv").write_text(HEADER + "A,2026-03-01T10:00:00,T1\n"
                                     "A,2026-03-01T10:05:00,T3\n", encoding="utf-8")
    return mini


def test_find_event_log_prefers_the_parquet(mini):
    assert find_event_log(mini) is None
    (mini / "events.csv").write_text(HEADER, encoding="utf-8")
    assert find_event_log(mini) == mini / "events.csv"
    pd.DataFrame({"customer_id": ["A"]}).to_parquet(mini / "events.parquet")
    assert find_event_log(mini) == mini / "events.parquet"


def test_columns_are_read_from_the_header_alone(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes("\ufeffCustomer ID;Timestamp; Touchpoint-ID \n".encode() + b"x;y;z\n" * 10)
    assert event_log_columns(path) == ["customer_id", "timestamp", "touchpoint_id"]
    table = tmp_path / "events.parquet"
    pd.DataFrame({" Customer_ID ": ["A"], "TIMESTAMP": ["x"]}).to_parquet(table)
    assert event_log_columns(table) == ["customer_id", "timestamp"]


def test_missing_columns_name_each_required_column_lacking(tmp_path):
    problems = missing_columns(tmp_path / "events.csv", ["timestamp", "persona_id"])
    assert [str(p) for p in problems] == [
        f"events.csv:1: column 'customer_id' is missing {EXPECTED_COLUMNS}",
        f"events.csv:1: column 'touchpoint_id' is missing {EXPECTED_COLUMNS}"]
    assert [(p.row, p.column, p.code) for p in problems] == [
        (1, "customer_id", "missing_column"), (1, "touchpoint_id", "missing_column")]
    assert missing_columns(tmp_path / "events.csv", ["customer_id", "timestamp",
                                                     "touchpoint_id"]) == []


def test_two_logs_are_one_too_many(logged):
    pd.DataFrame({"customer_id": ["A"], "timestamp": pd.to_datetime(["2026-03-01"]),
                  "touchpoint_id": ["T1"]}).to_parquet(logged / "events.parquet")
    problems = event_log_problems(logged, MINI_TOUCHPOINTS)
    assert [str(p) for p in problems] == [
        "events.parquet: both events.parquet and events.csv exist (expected one event log; "
        "remove or rename the other)"]
    assert problems[0].severity == "error"


def test_a_damaged_parquet_is_an_error_not_a_crash(mini):
    (mini / "events.parquet").write_bytes(b"PAR1 cut short by a full disk")
    for known in (None, MINI_TOUCHPOINTS):
        problems = event_log_problems(mini, known)
        assert len(problems) == 1
        assert str(problems[0]).startswith("events.parquet: cannot be read: ")
        assert (problems[0].severity, problems[0].code) == ("error", "unreadable_file")


def test_an_empty_touchpoint_id_is_reported_with_its_row(mini):
    (mini / "events.csv").write_text(HEADER + "A,2026-03-01,T1\nA,2026-03-02,  \n",
                                     encoding="utf-8")
    problems = event_log_problems(mini, MINI_TOUCHPOINTS)
    assert [str(p) for p in problems] == [
        "events.csv: warning: 1 event has an empty touchpoint_id (row 3)"]
    assert (problems[0].column, problems[0].code) == ("touchpoint_id", "event_log")


def test_log_problems_in_a_csv(mini):
    (mini / "events.csv").write_text(
        "customer_id,timestamp,touchpoint_id,persona_id\n"
        "A,2026-03-01T10:00:00,T1,P1\n"      # row 2: fine
        "A,soon,T3,P1\n"                     # row 3: not a date
        ",2026-03-01T10:00:00,T3,P1\n"       # row 4: no customer
        "B,2026-03-01T10:00:00,T99,\n"       # row 5
        "B,31/02/2026,T99,\n"                # row 6: no 31 February either
        "C,2026-03-02,TP9,\n"                # row 7
        "C,,T1,\n"                           # row 8: no timestamp
        "B,2026-03-03,T99,\n"                # row 9
        "B,04/03/2026 10:00,T99,\n",         # row 10: day-first is fine
        encoding="utf-8")
    problems = event_log_problems(mini, MINI_TOUCHPOINTS)
    assert [str(p) for p in problems] == [
        "events.csv: warning: 4 events have touchpoint_id 'T99', which is not a touchpoint of "
        "touchpoints.csv (rows 5, 6, 9, ...)",
        "events.csv: warning: 1 event has touchpoint_id 'TP9', which is not a touchpoint of "
        "touchpoints.csv (row 7)",
        "events.csv: warning: 1 event has an empty customer_id (row 4)",
        "events.csv: warning: 1 event has an empty timestamp (row 8)",
        "events.csv: warning: 2 events have a timestamp that is not a date ('soon' (row 3), "
        "'31/02/2026' (row 6)) (expected a date and time such as 2026-12-31 14:30:00 or "
        "31/12/2026 14:30)",
    ]
    assert (problems[0].column, problems[0].value) == ("touchpoint_id", "T99")
    assert event_log_problems(mini) == []  # without ids: header checks only
    project = load_project(mini)
    result = analyze(project)  # bad rows are skipped (row 6 too), not fatal
    assert (result.n_events, result.n_customers) == (1, 1)
    assert list(result.unmatched.itertuples(index=False, name=None)) == [("T99", 3, 1),
                                                                         ("TP9", 1, 1)]


def test_log_problems_in_a_parquet(mini):
    pd.DataFrame({
        "customer_id": ["A", "A", "B", "B", "B"],
        "timestamp": pd.to_datetime(["2026-03-01 10:00", "2026-03-01 11:00", "2026-03-02 09:00",
                                     "2026-03-03 09:00", "2026-03-04 09:00"]),
        "touchpoint_id": ["T1", "T3", "X1", "T1", "X1"],
    }).to_parquet(mini / "events.parquet", index=False)
    assert [str(p) for p in event_log_problems(mini, MINI_TOUCHPOINTS)] == [
        "events.parquet: warning: 2 events have touchpoint_id 'X1', which is not a touchpoint of "
        "touchpoints.csv (rows 4, 6)"]
    assert event_log_problems(mini, MINI_TOUCHPOINTS + ["X1"]) == []


def test_log_missing_a_column_is_a_problem(mini):
    (mini / "events.csv").write_text("customer_id,touchpoint_id\nA,T1\n", encoding="utf-8")
    assert [str(p) for p in event_log_problems(mini, MINI_TOUCHPOINTS)] == [
        "events.csv:1: column 'timestamp' is missing "
        "(expected the columns customer_id, timestamp, touchpoint_id)"]


def test_event_log_without_required_columns(mini):
    (mini / "events.csv").write_text("customer,timestamp,touchpoint_id\nC1,2026-01-01,T1\n",
                                     encoding="utf-8")
    assert [str(p) for p in validate_project(mini)] == [
        "events.csv:1: column 'customer_id' is missing "
        "(expected the columns customer_id, timestamp, touchpoint_id)"]


def test_event_log_with_unknown_touchpoints_is_reported_with_rows(mini):
    (mini / "events.csv").write_text(
        "customer_id,timestamp,touchpoint_id\nC1,2026-01-01T10:00:00,T1\n"
        "C1,2026-01-01T10:05:00,T99\nC2,not a date,T1\n", encoding="utf-8")
    problems = validate_project(mini)
    messages = [str(p) for p in problems]
    assert ("events.csv: warning: 1 event has touchpoint_id 'T99', which is not a touchpoint "
            "of touchpoints.csv (row 3)") in messages
    # warnings: the analyses leave those rows out, and the project still loads
    assert {p.severity for p in problems} == {"warning"}
    assert load_project(mini).events_path.name == "events.csv"
    assert any("not a date" in m and m.startswith("events.csv") for m in messages), messages


def test_loading_checks_the_log_columns_not_its_rows(logged, monkeypatch):
    import cjm.project.eventlog

    def refuse(*args):
        raise AssertionError("rows scanned")

    monkeypatch.setattr(cjm.project.eventlog, "_row_problems", refuse)
    assert load_project(logged).events_path.name == "events.csv"

    assert "rows scanned" in str(validate_project(logged))


@pytest.mark.parametrize(("data", "message"), [
    ("customer_id,timestamp,touchpoint_id\nC1,2026-01-01,T1\n".encode("utf-16"),
     "events.csv: is saved as UTF-16"),
    (b"customer_id,timestamp,touchpoint_id,timestamp\nC1,2026-01-01,T1,x\n",
     "events.csv:1: column 'timestamp' appears more than once"),
    (b"customer_id,timestamp,touchpoint_id\nC1,2026-01-01,T\x001\n",
     "events.csv:2: contains NUL bytes (the first on row 2)"),
])
def test_an_event_log_that_is_not_a_plain_csv_is_an_error(mini, data, message):
    (mini / "events.csv").write_bytes(data)
    problems = event_log_problems(mini, MINI_TOUCHPOINTS)
    assert len(problems) == 1 and problems[0].severity == "error"
    assert str(problems[0]).startswith(message)


def test_events_in_window_count_in_one_clock(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A,2026-03-01T10:00:00+02:00,T1\n"  # 08:00 UTC
                    "A,01/03/2026 10:30,T3\n"                     # day first: 1 March
                    "B,2026-03-31T23:30:00-01:00,T1\n"            # 1 April 00:30 UTC
                    "B,2026-02-28,T2\n"
                    "C,soon,T1\n"
                    "C,2026-07-01,T1\n", encoding="utf-8")
    assert events_in_window(path, "2026-03") == 2
    assert events_in_window(path, "2026-H1") == 4
    assert events_in_window(path, ("2026-03-01", "2026-04-01")) == 3  # the end day included
    assert events_in_window(path, "2025-H2") == 0


def test_events_in_window_of_a_log_without_timestamps_is_zero(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("customer_id,touchpoint_id\nA,T1\n", encoding="utf-8")
    assert events_in_window(path, "2026-H1") == 0


def test_log_source_trims_ids_reads_times_and_numbers_rows(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("Customer ID;Timestamp;Touchpoint ID\n"
                    " A ;2026-03-01T10:00:00Z;T1 \n"
                    "B;01/03/2026 10:30;\n"
                    "   ;2026-03-01 09:15:00;T2\n"
                    "C;31/02/2026;T3\n", encoding="utf-8")
    con = duckdb.connect()
    source = LogSource(con, path)
    assert list(source.columns) == ["customer_id", "timestamp", "touchpoint_id"]
    found = con.execute(f"SELECT __cjm_row, {source.customer()}, {source.timestamp()}, "
                        f"{source.text('touchpoint_id')}, {source.raw('touchpoint_id')} "
                        f"FROM {source.relation} ORDER BY __cjm_row").fetchall()
    con.close()
    assert found == [
        (0, "A", pd.Timestamp("2026-03-01 10:00").to_pydatetime(), "T1", "T1 "),
        (1, "B", pd.Timestamp("2026-03-01 10:30").to_pydatetime(), None, None),
        (2, None, pd.Timestamp("2026-03-01 09:15").to_pydatetime(), "T2", "T2"),
        (3, "C", None, "T3", "T3"),
    ]


def test_a_parquet_time_zone_is_read_as_utc_in_a_folder_with_quotes(tmp_path):
    folder = tmp_path / "O'Brien \"shop\""
    folder.mkdir()
    pd.DataFrame({
        "customer_id": ["A", "B", "C"],
        "timestamp": pd.to_datetime(["2026-06-30T23:30:00Z", "2026-07-01T01:30:00+02:00",
                                     "2026-07-01T00:00:00Z"], utc=True).tz_convert("Europe/Paris"),
        "touchpoint_id": ["T1", "T2", "T3"]}).to_parquet(folder / "events.parquet")
    con = duckdb.connect()
    source = LogSource(con, folder / "events.parquet")
    found = con.execute(f"SELECT __cjm_row, {source.timestamp()} FROM {source.relation} "
                        "ORDER BY __cjm_row").fetchall()
    con.close()
    assert found == [(0, pd.Timestamp("2026-06-30 23:30").to_pydatetime()),
                     (1, pd.Timestamp("2026-06-30 23:30").to_pydatetime()),
                     (2, pd.Timestamp("2026-07-01 00:00").to_pydatetime())]
    assert events_in_window(folder / "events.parquet", "2026-H1") == 2
    assert event_log_problems(folder, ["T1", "T2", "T3"]) == []


def test_a_parquet_log_with_spreadsheet_headers_is_read_as_a_csv_one_is(mini):
    pd.DataFrame({"Customer ID": ["A", "A"], " Timestamp": pd.to_datetime(
        ["2026-03-01 10:00", "2026-03-01 10:05"]), "Touchpoint-ID": ["T1", "T3"]}).to_parquet(
        mini / "events.parquet")
    assert event_log_columns(mini / "events.parquet") == ["customer_id", "timestamp",
                                                          "touchpoint_id"]
    assert event_log_problems(mini, MINI_TOUCHPOINTS) == []
    assert analyze(load_project(mini)).n_events == 2


def test_a_parquet_log_with_its_own_file_row_number_column_is_checked(mini):
    pd.DataFrame({"customer_id": ["A", "B", "C"],
                  "timestamp": pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-03"]),
                  "touchpoint_id": ["T1", "T99", "T3"],
                  "file_row_number": [70, 80, 90]}).to_parquet(mini / "events.parquet")
    (problem,) = event_log_problems(mini, MINI_TOUCHPOINTS)
    assert problem.message == ("1 event has touchpoint_id 'T99', which is not a touchpoint of "
                               "touchpoints.csv (row 3)")
    assert analyze(load_project(mini)).n_events == 2

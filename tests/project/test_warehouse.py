"""A log on an engine (`events:` in project.yaml, `cjm.project.warehouse`): the settings and
what they refuse (secrets above all), credentials from the environment, and what `cjm
validate` says of the table: reached, its columns, a sample of its rows. Here the engine is
DuckDB with a database file; Spark's turn is tests/events/test_spark.py."""

from __future__ import annotations

import duckdb
import pytest

from cjm.cli import main
from cjm.project import load_project
from cjm.project.config import read_config
from cjm.project.warehouse import anchor_path, connection_options, events_in_window
from cjm.run.reviews import freeze_tables, refuse_empty_period

LOG_ROWS = [("A", "2026-03-01 10:00:00", "T1", "P1"), ("A", "2026-03-01 10:05:00", "T3", "P1"),
            ("B", "2026-08-02 09:00:00", "T42", "P2"), ("", "2026-03-02 09:00:00", "T1", None)]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def settle(mini, text: str):
    with open(mini / "project.yaml", "a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.fixture
def warehouse(tmp_path):
    """A DuckDB database file holding the table `crm.interactions`."""
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA crm")
        con.execute("CREATE TABLE crm.interactions (customer_id VARCHAR, timestamp TIMESTAMP, "
                    "touchpoint_id VARCHAR, persona_id VARCHAR)")
        con.executemany("INSERT INTO crm.interactions VALUES (?, ?, ?, ?)", LOG_ROWS)
        con.execute("CREATE TABLE crm.partial AS SELECT customer_id, timestamp "
                    "FROM crm.interactions")
    return path


def on_warehouse(mini, warehouse, table="crm.interactions"):
    settle(mini, f"events:\n  engine: duckdb\n  table: {table}\n"
                 f"  connection:\n    database: '{warehouse}'\n    read_only: true\n")
    return mini


@pytest.mark.parametrize(("events", "column", "fragment"), [
    ("{engine: postgres, table: events, connection: {host: db, password: hunter2}}",
     "events.connection", "'password' looks like a secret: keep it out of project.yaml; set "
     "the environment variable CJM_EVENTS_PASSWORD"),
    ("{engine: spark, path: /lake, connection: {config: {spark.hadoop.fs.s3a.secret.key: x}}}",
     "events.connection", "'config.spark.hadoop.fs.s3a.secret.key' looks like a secret"),
    ("{engine: spark, path: /lake, connection: {config: {spark.hadoop.fs.s3a.access.key: A}}}",
     "events.connection", "'config.spark.hadoop.fs.s3a.access.key' looks like a secret"),
    ("{engine: trino, table: events, connection: {host: 'https://ann:pw@trino.example'}}",
     "events.connection", "'host' holds a user and password"),
    ("{engine: spark, path: 's3a://ann:pw@lake/events'}", "events.path",
     "the path holds a user and password"),
    ("{engine: postgres, table: 'events; DROP TABLE x'}", "events.table",
     "is not a table name"),
    ("{engine: duckdb, table: events, path: events.parquet}", "events",
     "give a table or a path, not both"),
    ("{engine: duckdb}", "events", "give the table or the path of the log"),
    ("{engine: excel, table: events}", "events.engine", "Input should be 'duckdb', 'spark'"),
    ("{engine: duckdb, path: 'a`b.parquet'}", "events.path", "is not a usable path"),
])
def test_settings_that_cannot_be_used_are_refused_naming_the_setting(mini, events, column,
                                                                     fragment):
    settle(mini, f"events: {events}\n")

    config, problems = read_config(mini)

    assert config is None
    assert [p.column for p in problems] == [column]
    assert fragment in problems[0].message
    assert problems[0].row == 10  # the line of `events:`


def test_options_that_only_name_a_way_to_sign_in_are_kept(mini):
    settle(mini, "events: {engine: snowflake, table: cx.events, connection: "
                 "{account: acme, user: ann, authenticator: externalbrowser, keytab_dir: /k}}\n")

    config, problems = read_config(mini)

    assert problems == [] and config.events.connection["authenticator"] == "externalbrowser"


def test_credentials_come_from_the_environment(mini, monkeypatch):
    settle(mini, "events: {engine: postgres, table: crm.events, connection: {host: db}}\n")
    monkeypatch.setenv("CJM_EVENTS_PASSWORD", "from-the-vault")
    monkeypatch.setenv("CJM_EVENTS_USER", "analyst")
    config, _ = read_config(mini)

    assert connection_options(config.events) == {
        "host": "db", "password": "from-the-vault", "user": "analyst"}
    assert "from-the-vault" not in config.model_dump_json()


def test_validate_reaches_the_table_and_samples_it(capsys, mini, warehouse):
    on_warehouse(mini, warehouse)

    code, out, err = run(capsys, "validate", str(mini))

    assert code == 0, err
    lines = err.strip().splitlines()
    assert lines == [
        "crm.interactions (duckdb): warning: 1 event of a sample of 4 has touchpoint_id "
        "'T42', which is not a touchpoint of touchpoints.csv",
        "crm.interactions (duckdb): warning: 1 event of a sample of 4 has an empty "
        "customer_id"]
    assert out.strip().endswith("valid (2 warnings)")


def test_validate_names_a_missing_column_and_fails(capsys, mini, warehouse):
    on_warehouse(mini, warehouse, table="crm.partial")

    code, out, err = run(capsys, "validate", str(mini))

    assert code == 1 and out == ""
    assert "crm.partial (duckdb): column 'touchpoint_id' is missing" in err
    assert "Traceback" not in err


def test_validate_says_when_the_table_cannot_be_opened(capsys, mini, warehouse):
    on_warehouse(mini, warehouse, table="crm.nowhere")

    code, _, err = run(capsys, "validate", str(mini))

    assert code == 1
    assert ("crm.nowhere (duckdb): cannot open the event log crm.nowhere (duckdb): "
            "TableNotFound: nowhere") in err
    assert "Traceback" not in err


def test_a_local_log_beside_a_log_on_an_engine_is_said_to_be_unused(capsys, mini, warehouse):
    on_warehouse(mini, warehouse)
    (mini / "events.csv").write_text("customer_id,timestamp,touchpoint_id\n", encoding="utf-8")

    code, _, err = run(capsys, "validate", str(mini))

    assert code == 0
    assert ("events.csv: warning: is not analysed: project.yaml's events setting names the "
            "log (crm.interactions (duckdb))") in err
    assert load_project(mini).events_path is None


def test_loading_a_project_does_not_connect(mini):
    settle(mini, "events: {engine: postgres, table: crm.events, "
                 "connection: {host: 'unreachable.invalid'}}\n")

    project = load_project(mini)

    assert project.has_event_log and project.events_path is None


def test_a_period_with_events_only_on_the_engine_is_reviewed(mini, warehouse):
    project = load_project(on_warehouse(mini, warehouse))

    assert events_in_window(project.config.events, mini, "2026-H2") == 1
    refuse_empty_period(project, "2026-H2")  # no scores in 2026-H2, one event: no refusal


def test_a_frozen_copy_names_a_relative_log_path_from_the_project(mini, tmp_path):
    settle(mini, "events:\n  engine: duckdb\n  path: lake/events.parquet  # the lake\n")

    freeze_tables(mini, tmp_path / "frozen")

    frozen, _ = read_config(tmp_path / "frozen")
    assert frozen.events.path == str((mini / "lake" / "events.parquet").resolve())
    anchor_path(tmp_path / "frozen" / "project.yaml", tmp_path)  # absolute: kept
    assert read_config(tmp_path / "frozen")[0].events.path == frozen.events.path

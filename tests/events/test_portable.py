"""The event analysis run by an engine through Ibis (`cjm.events.portable`) gives the local
pass's frames, frame by frame: on the demo's log and on logs that try every trap (ties, ids to
trim, empty cells, undeclared touchpoints and personas, duplicates, the window's edges), from
parquet and from CSV, under several settings. Spark's run is test_spark's."""

from __future__ import annotations

import dataclasses
import re
import shutil

import duckdb
import ibis
import pandas as pd
import pytest
from event_logs import SETTINGS, as_csv, assert_same, trap_log

from cjm import load_project
from cjm.errors import UsageError, ValidationError
from cjm.events import analyze
from cjm.events.analysis import touchpoint_codes
from cjm.events.portable import EXACT_QUANTILES, coded_events, event_queries, exact_quantiles
from cjm.events.progress import behavioural_drivers, farthest_stages
from cjm.notebook.step import event_log_note


@pytest.fixture(scope="module")
def trapped(tmp_path_factory):
    """A copy of the demo project whose log is a trap log (parquet), the same log as CSV
    beside it."""
    folder = tmp_path_factory.mktemp("trapped") / "demo"
    shutil.copytree("data/demo", folder)
    demo = load_project(folder)
    log = trap_log(demo.touchpoints["touchpoint_id"].astype(str).tolist(),
                   demo.personas["persona_id"].astype(str).tolist(), seed=7)
    log.to_parquet(folder / "events.parquet")
    (folder.parent / "log.csv").write_text(as_csv(log), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def duck():
    backend = ibis.duckdb.connect()
    backend.raw_sql("SET TimeZone = 'UTC'")
    return backend


@pytest.mark.parametrize("window", [None, "2026-H1"])
def test_the_demo_log_gives_the_same_frames_on_ibis(duck, window):
    demo = load_project("data/demo")

    on_engine = analyze(demo, window=window, table=duck.read_parquet(str(demo.events_path)))

    assert_same(analyze(demo, window=window), on_engine)
    assert on_engine.n_events > 20_000 and not on_engine.transitions.empty


def test_sparse_pair_counters_give_the_same_frames_on_both_paths(duck, monkeypatch):
    """Touchpoint pairs counted sparsely (as for projects past 512 touchpoints) give the
    frames the arrays give, on the local pass and from an engine."""
    import cjm.events.sequence as sequence

    demo = load_project("data/demo")
    dense = analyze(demo, window="2026-H1")
    monkeypatch.setattr(sequence, "DENSE_PAIRS", 0)
    added = []
    original = sequence.PairCounts.add
    monkeypatch.setattr(sequence.PairCounts, "add",
                        lambda self, *args: added.append(1) or original(self, *args))
    assert_same(dense, analyze(demo, window="2026-H1"))
    local = len(added)
    assert_same(dense, analyze(demo, window="2026-H1",
                               table=duck.read_parquet(str(demo.events_path))))
    assert local > 0 and len(added) > local  # both paths counted sparsely
    assert not dense.redundancy.empty and not dense.transitions.empty


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("window", [None, "2026-H1", ("2026-03-01", "2026-03-31")])
def test_a_trap_log_gives_the_same_frames_on_ibis(trapped, duck, window, settings):
    project = load_project(trapped)

    on_engine = analyze(project, window=window, table=duck.read_parquet(
        str(trapped / "events.parquet")), **settings)

    local = analyze(project, window=window, **settings)
    assert_same(local, on_engine)
    assert not local.unmatched.empty and not local.redundancy.empty  # the traps were there
    assert set(local.unmatched["touchpoint_id"]) == {"T-undeclared", ""}


def test_a_csv_log_on_an_engine_reads_ids_as_text_and_iso_times(trapped, duck):
    project = load_project(trapped)
    csv = trapped.parent / "log.csv"

    on_engine = analyze(project, window="2026-H1",
                        table=duck.read_csv(str(csv), all_varchar=True))

    assert_same(analyze(project, window="2026-H1", source=csv), on_engine)


def test_times_with_an_offset_are_taken_in_utc_on_both_paths(mini, duck):
    log = ("customer_id,timestamp,touchpoint_id\n"
           "A,2026-03-01T10:00:00+02:00,T1\nA,2026-03-01T08:30:00Z,T3\n"
           "B,2026-03-01 09:00:00,T1\nB,2026-03-01 09:00:00.250000,T2\n")
    (mini / "events.csv").write_text(log, encoding="utf-8")
    project = load_project(mini)

    on_engine = analyze(project, table=duck.read_csv(str(mini / "events.csv"),
                                                     all_varchar=True))

    assert_same(analyze(project), on_engine)
    pairs = on_engine.transitions.set_index(["level", "source", "target"])["median_seconds"]
    assert pairs[("touchpoint", "T1", "T3")] == 1800.0  # 08:00 UTC to 08:30 UTC
    assert pairs[("touchpoint", "T1", "T2")] == 0.25


def test_a_project_yaml_table_on_an_engine_is_the_log_analysed(trapped, tmp_path):
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("CREATE TABLE interactions AS SELECT * FROM read_parquet(?)",
                    [str(trapped / "events.parquet")])
    project_dir = tmp_path / "p"
    shutil.copytree(trapped, project_dir)
    local = analyze(load_project(project_dir), window="2026-H1")
    (project_dir / "events.parquet").unlink()
    with open(project_dir / "project.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"events:\n  engine: duckdb\n  table: interactions\n"
                     f"  connection: {{database: '{database}', read_only: true}}\n")

    analysis = analyze(load_project(project_dir), window="2026-H1")

    assert_same(local, analysis)
    assert analysis.source_name == "interactions (duckdb)"


def test_an_engine_table_without_a_required_column_is_refused_naming_it(mini, duck):
    duck.raw_sql("CREATE TABLE no_touchpoint AS "
                 "SELECT 'A' AS customer_id, TIMESTAMP '2026-03-01' AS timestamp")
    table = duck.table("no_touchpoint")

    with pytest.raises(ValidationError) as caught:
        analyze(load_project(mini), table=table)

    assert [(p.column, p.code) for p in caught.value.problems] == [
        ("touchpoint_id", "missing_column")]


def test_an_unknown_table_is_a_clear_error(mini, tmp_path):
    with open(mini / "project.yaml", "a", encoding="utf-8") as handle:
        handle.write("events: {engine: duckdb, table: nowhere.events}\n")

    with pytest.raises(UsageError, match=r"cannot open the event log nowhere\.events \(duckdb\)"):
        analyze(load_project(mini))


@pytest.mark.parametrize(("dialect", "exact"), [
    ("duckdb", "QUANTILE_CONT"), ("pyspark", "PERCENTILE("), ("databricks", "PERCENTILE("),
    ("postgres", "PERCENTILE_CONT"), ("snowflake", "PERCENTILE_CONT"),
    ("bigquery", None), ("trino", None), ("mssql", None), ("clickhouse", None)])
def test_every_query_compiles_for_each_engine_with_no_running_frame_on_lead(dialect, exact):
    demo = load_project("data/demo")
    log = ibis.table({"customer_id": "string", "timestamp": "timestamp",
                      "touchpoint_id": "string", "persona_id": "string"}, name="events")
    matched, unmatched = coded_events(log, touchpoint_codes(demo), None)
    exact_engine = exact is not None
    if dialect in ("pyspark", "databricks"):
        assert ibis.pyspark  # loads the Spark backend's options, which its compiler reads

    queries = event_queries(matched, unmatched, switch_us=60_000_000, redundant_us=600_000_000,
                            exact=exact_engine)

    sql = {name: ibis.to_sql(query, dialect=dialect) for name, query in queries.items()}
    assert set(sql) == {"volumes", "tp_pairs", "stage_pairs", "switches", "redundant", "spans",
                        "persona_spans", "unmatched"}
    leads = re.findall(r"LEAD(?:InFrame)?\(.*?\)\s+OVER\s*\((.*?)\)\s+AS", sql["tp_pairs"],
                       re.I | re.S)
    assert leads and all("CURRENT ROW" not in frame.upper() for frame in leads)
    assert all("UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING" in frame.upper()
               for frame in leads if "ROWS" in frame.upper())
    medians = sql["spans"].upper()
    if exact_engine:
        assert exact in medians
    else:
        assert "APPROX" in medians or "TDIGEST" in medians


def test_the_engines_whose_quantiles_are_exact_are_named(duck, trapped):
    assert exact_quantiles(duck.read_parquet(str(trapped / "events.parquet")))
    assert {"duckdb", "pyspark", "postgres", "snowflake"} <= set(EXACT_QUANTILES)
    assert not {"bigquery", "trino", "clickhouse", "mssql"} & set(EXACT_QUANTILES)


def test_the_step_note_names_the_table_and_says_when_quantiles_are_estimates(trapped, duck):
    analysis = analyze(load_project(trapped), window="2026-H1",
                       table=duck.read_parquet(str(trapped / "events.parquet")))

    exact = event_log_note(analysis, "en").data
    estimated = event_log_note(dataclasses.replace(analysis, exact_quantiles=False), "fr").data

    assert exact.startswith("Event log `an Ibis table`: ") and "estimates" not in exact
    assert estimated.endswith("Ses médianes et 90e centiles sont des estimations du moteur "
                              "(il ne calcule pas de quantiles exacts).")


@pytest.mark.parametrize("window", [None, "2026-H1"])
def test_behavioural_drivers_on_an_engine_equal_the_local_ones(trapped, duck, window):
    project = load_project(trapped)

    on_engine = behavioural_drivers(project, window=window, table=duck.read_parquet(
        str(trapped / "events.parquet")))

    local = behavioural_drivers(project, window=window)
    pd.testing.assert_frame_equal(local, on_engine, check_exact=False, rtol=1e-9)
    assert (local["status"] == "compared").sum() >= 5


def test_a_project_on_an_engine_gets_drivers_and_journeys_from_it(trapped, tmp_path):
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("CREATE TABLE interactions AS SELECT * FROM read_parquet(?)",
                    [str(trapped / "events.parquet")])
    shutil.copytree(trapped, tmp_path / "p")
    local = load_project(tmp_path / "p")
    customers = ["C0001", " C0002", "C0150", "C0999", "nobody", ""]
    drivers, journeys = (behavioural_drivers(local, window="2026-H1"),
                         farthest_stages(local, customers, "2026-H1"))
    (tmp_path / "p" / "events.parquet").unlink()
    with open(tmp_path / "p" / "project.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"events: {{engine: duckdb, table: interactions, "
                     f"connection: {{database: '{database}', read_only: true}}}}\n")
    project = load_project(tmp_path / "p")

    pd.testing.assert_frame_equal(drivers, behavioural_drivers(project, window="2026-H1"),
                                  check_exact=False, rtol=1e-9)
    on_engine = farthest_stages(project, customers, "2026-H1")
    pd.testing.assert_frame_equal(journeys, on_engine)
    assert 1 <= len(on_engine) <= 4 and "nobody" not in set(on_engine["customer_id"])

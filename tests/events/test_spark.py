"""The event analysis on Apache Spark in local mode gives the local pass's frames, frame by
frame; a project whose log is on Spark (a lake path, a table of the catalog) is analysed and
validated there. Spark needs a Java runtime: `make test` installs Debian's (`make java`);
where it cannot, these tests are skipped, saying so."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from event_logs import SETTINGS, as_csv, assert_same, trap_log

from cjm import load_project
from cjm.cli import main
from cjm.events import analyze, behavioural_drivers

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    """Ibis on one local Spark session for the module (two worker threads)."""
    if shutil.which("java") is None:
        pytest.skip("no Java runtime here: Spark needs Java 17 or later (`make java` installs "
                    "Debian's default-jre-headless; it needs root or sudo)")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[test]')")
    import ibis

    from cjm.project.warehouse import spark_session

    return ibis.pyspark.connect(spark_session({"master": "local[2]"}))


@pytest.fixture(scope="module")
def trapped(tmp_path_factory):
    """A copy of the demo project with a trap log, and the log as parquet and CSV in a lake
    folder beside it."""
    root = tmp_path_factory.mktemp("spark")
    shutil.copytree("data/demo", root / "demo")
    demo = load_project(root / "demo")
    log = trap_log(demo.touchpoints["touchpoint_id"].astype(str).tolist(),
                   demo.personas["persona_id"].astype(str).tolist(), seed=11)
    log.to_parquet(root / "demo" / "events.parquet")
    (root / "lake").mkdir()
    log.to_parquet(root / "lake" / "events.parquet")
    (root / "lake" / "events.csv").write_text(as_csv(log), encoding="utf-8")
    return root


def test_spark_gives_the_same_frames_as_the_local_pass(spark, trapped):
    """The whole log, other settings; the window and the defaults are the next test's."""
    project = load_project(trapped / "demo")
    window, settings = None, SETTINGS[1]

    on_spark = analyze(project, window=window, **settings,
                       table=spark.read_parquet(str(trapped / "lake" / "events.parquet")))

    local = analyze(project, window=window, **settings)
    assert_same(local, on_spark)
    assert len(local.transitions) > 50 and not local.channel_switches.empty
    assert local.stage_durations["p90_seconds"].gt(0).any()


def test_a_project_whose_log_is_a_csv_in_the_lake_is_analysed_on_spark(spark, trapped,
                                                                        tmp_path):
    shutil.copytree(trapped / "demo", tmp_path / "p")
    (tmp_path / "p" / "events.parquet").unlink()
    with open(tmp_path / "p" / "project.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"events:\n  engine: spark\n  path: {trapped / 'lake' / 'events.csv'}\n"
                     "  connection: {master: 'local[2]'}\n")
    project = load_project(tmp_path / "p")

    on_spark = analyze(project, window="2026-H1")

    assert_same(analyze(project, window="2026-H1", source=trapped / "lake" / "events.csv"),
                on_spark)
    assert on_spark.source_name == f"{trapped / 'lake' / 'events.csv'} (spark)"


def test_validate_checks_a_spark_table_and_names_a_missing_column(spark, trapped, mini,
                                                                  capsys):
    session = spark._session
    lake = session.read.parquet(str(trapped / "lake" / "events.parquet"))
    lake.createOrReplaceTempView("interactions")
    lake.drop("touchpoint_id").createOrReplaceTempView("partial")
    config = (mini / "project.yaml").read_text(encoding="utf-8")

    (mini / "project.yaml").write_text(config + "events: {engine: spark, table: interactions}\n",
                                       encoding="utf-8")
    code, out, err = main(["validate", str(mini)]), *capsys.readouterr()
    assert code == 0, err
    assert "interactions (spark): warning:" in err  # the demo's touchpoints are not mini's
    rows = session.read.parquet(str(trapped / "lake" / "events.parquet")).count()
    assert rows < 10_000 and f"of a sample of {rows:,} have touchpoint_id" in err

    (mini / "project.yaml").write_text(config + "events: {engine: spark, table: partial}\n",
                                       encoding="utf-8")
    code, out, err = main(["validate", str(mini)]), *capsys.readouterr()
    assert code == 1 and out == ""
    assert "partial (spark): column 'touchpoint_id' is missing" in err


def test_spark_gives_the_same_behavioural_drivers(spark, trapped):
    project = load_project(trapped / "demo")

    on_spark = behavioural_drivers(project, window="2026-H1", table=spark.read_parquet(
        str(trapped / "lake" / "events.parquet")))

    pd.testing.assert_frame_equal(behavioural_drivers(project, window="2026-H1"), on_spark,
                                  check_exact=False, rtol=1e-9)

"""An event log kept where the data is: a table (or a parquet/CSV path) on an engine that Ibis
reaches (Spark, Postgres, BigQuery, Snowflake, Trino, Databricks, DuckDB...), named in
`project.yaml` under `events:`. The settings (`EventLogSettings`, no secrets: credentials come
from `CJM_EVENTS_<OPTION>` environment variables or the engine's own configuration), the
connection (one per process and engine), the log as an Ibis table with typed, trimmed columns,
and the checks of `cjm validate` (the table, its columns, a sample of its rows).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..errors import Problem, UsageError, shown
from ..messages import tr, tr_n
from .eventlog import missing_columns
from .readers import normalise_header

ENGINES = ("duckdb", "spark", "postgres", "bigquery", "snowflake", "trino", "databricks",
           "mysql", "mssql", "clickhouse", "athena", "impala", "oracle", "exasol", "risingwave",
           "datafusion")
IBIS_BACKEND = {"spark": "pyspark"}  # engine -> Ibis backend, where the names differ
ENV_PREFIX = "CJM_EVENTS_"  # CJM_EVENTS_PASSWORD=... gives the connection its `password`
SECRET = re.compile(r"pass|pwd|secret|token|credential|private|api_?key|(?:^|[._-])key$"
                    r"|authorization|signature", re.IGNORECASE)  # an option holding a secret
USER_INFO = re.compile(r"://[^/@\s]*:[^/@\s]*@")  # scheme://user:password@host
NAME_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_$-]{0,127}$")
OPTION = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,127}$")
CSV_AS_TEXT = {"duckdb": {"all_varchar": True}, "spark": {"inferSchema": False}}  # ids stay text
SPARK_LOG = "spark-log4j2.properties"  # Spark's console: errors only
SAMPLE = 10_000  # rows `cjm validate` reads from a warehouse table
Scalar = str | int | float | bool


class EventLogSettings(BaseModel):
    """`events:` in project.yaml: where the interaction log is, when it is not a file of the
    project folder. `engine` (an Ibis backend: spark, postgres, bigquery...), then either
    `table` (a table the engine knows, `catalog.schema.table`) or `path` (parquet or CSV
    files the engine reads: a lake folder, a URL, or a path relative to the project folder),
    and `connection`: the engine's options (host, database, Spark's `master` and `config`...),
    never a password, token or key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: Literal[ENGINES]  # type: ignore[valid-type]
    table: str | None = None
    path: str | None = None
    connection: dict[str, Scalar | dict[str, Scalar]] = {}

    @field_validator("table")
    @classmethod
    def _table_name(cls, name: str | None) -> str | None:
        if name is None:
            return None
        parts = name.strip().split(".")
        if len(parts) > 3 or not all(NAME_PART.match(part) for part in parts):
            raise ValueError(tr("{name} is not a table name (expected table, schema.table or "
                                "catalog.schema.table, of letters, digits and _)",
                                name=repr(name)))
        return ".".join(parts)

    @field_validator("path")
    @classmethod
    def _plain_path(cls, path: str | None) -> str | None:
        if path is None:
            return None
        if not path.strip() or any(ord(c) < 32 or c in "`<>|\"" for c in path):
            raise ValueError(tr("{path} is not a usable path (expected one line without "
                                "the characters ` < > | \")", path=repr(path)))
        if USER_INFO.search(path):
            raise ValueError(tr("the path holds a user and password: keep credentials out of "
                                "project.yaml (in the engine's own configuration)"))
        return path.strip()

    @field_validator("connection")
    @classmethod
    def _no_secrets(cls, options: dict) -> dict:
        for key, value in _flat(options):
            if not OPTION.match(key):
                raise ValueError(tr("{key} is not an option name", key=repr(key)))
            if SECRET.search(key):
                raise ValueError(tr(
                    "{key} looks like a secret: keep it out of project.yaml; set the "
                    "environment variable {variable} or use the engine's own configuration",
                    key=repr(key), variable=ENV_PREFIX + key.upper().replace(".", "_")))
            if isinstance(value, str) and USER_INFO.search(value):
                raise ValueError(tr("{key} holds a user and password: keep credentials out of "
                                    "project.yaml", key=repr(key)))
        return options

    @model_validator(mode="after")
    def _one_place(self) -> EventLogSettings:
        if self.table is not None and self.path is not None:
            raise ValueError(tr("events: give a table or a path, not both"))
        if self.table is None and self.path is None:
            raise ValueError(tr("events: give the table or the path of the log"))
        return self

    def where(self) -> str:
        """The log in words: `analytics.events (spark)`."""
        return f"{self.table or self.path} ({self.engine})"


def anchor_path(config_file: Path, project_dir: Path) -> None:
    """In a copy of project.yaml (a review's frozen settings), an `events: path` relative to
    the project folder made absolute, so that the copy names the same log."""
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(config_file.read_text(encoding="utf-8"))
    events = data.get("events") if isinstance(data, dict) else None
    path = events.get("path") if isinstance(events, dict) else None
    if not isinstance(path, str) or "://" in path or Path(path).is_absolute():
        return
    events["path"] = str((Path(project_dir) / path).resolve())
    with open(config_file, "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _flat(options: dict, prefix: str = ""):
    for key, value in options.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def connection_options(settings: EventLogSettings) -> dict:
    """The connection's options: project.yaml's, with `CJM_EVENTS_<OPTION>` variables of the
    environment added (credentials: `CJM_EVENTS_PASSWORD` gives `password`)."""
    options = {key: (dict(value) if isinstance(value, dict) else value)
               for key, value in settings.connection.items()}
    for variable, value in os.environ.items():
        if variable.startswith(ENV_PREFIX) and len(variable) > len(ENV_PREFIX):
            options[variable[len(ENV_PREFIX):].lower()] = value
    return options


_CONNECTIONS: dict[tuple, object] = {}


def connect(settings: EventLogSettings):
    """The Ibis backend of the log's engine, connected once per process and options."""
    options = connection_options(settings)
    key = (settings.engine, repr(sorted(options.items(), key=lambda item: item[0])))
    if key not in _CONNECTIONS:
        try:
            _CONNECTIONS[key] = _open(settings.engine, options)
        except ImportError as exc:
            raise UsageError(tr("the {engine} engine needs a Python package that is not "
                                "installed ({error}); install it with pip install "
                                "'ibis-framework[{backend}]'", engine=settings.engine,
                                error=exc, backend=IBIS_BACKEND.get(settings.engine,
                                                                    settings.engine))) from exc
        except Exception as exc:  # each engine's driver raises its own types
            raise UsageError(tr("cannot connect to the event log's engine {engine}: {error}",
                                engine=settings.engine, error=engine_error(exc))) from exc
    return _CONNECTIONS[key]


def _open(engine: str, options: dict):
    import ibis

    if engine == "spark":
        return ibis.pyspark.connect(spark_session(options))
    if engine == "duckdb":
        backend = ibis.duckdb.connect(**options)
        backend.raw_sql("SET TimeZone = 'UTC'")
        return backend
    return getattr(ibis, IBIS_BACKEND.get(engine, engine)).connect(**options)


def spark_session(options: dict):
    """The process's Spark session, started on first use (`master`: local[*] unless given;
    `config`: Spark settings), its clock in UTC so that a timestamp without a zone reads as
    written, as the local path reads it. Spark's own console is kept out of the notebook: its
    start-up notes and warnings say nothing to an analyst (errors come back as exceptions)."""
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise UsageError(tr("Spark needs a Java runtime (17 or later) and none is installed "
                            "(on Debian: apt-get install default-jre-headless)"))
    options = dict(options)
    settings = {"spark.master": str(options.pop("master", "local[*]")),
                "spark.app.name": str(options.pop("app_name", "cjm")),
                "spark.sql.session.timeZone": "UTC", "spark.ui.enabled": "false",
                "spark.ui.showConsoleProgress": "false",
                "spark.sql.shuffle.partitions": str(2 * (os.cpu_count() or 1)),
                "spark.driver.extraJavaOptions":
                    f"-Dlog4j2.configurationFile={Path(__file__).with_name(SPARK_LOG)}"}
    settings |= {key: str(value) for key, value in dict(options.pop("config", {})).items()}
    settings |= {key: str(value) for key, value in options.items()}
    conf = SparkConf().setAll(list(settings.items()))
    with quiet():
        if SparkContext._active_spark_context is None:
            gateway = launch_gateway(conf, popen_kwargs={"stderr": subprocess.DEVNULL})
            SparkContext(conf=conf, gateway=gateway)
        session = SparkSession.builder.config(conf=conf).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    from pyspark.logger import PySparkLogger

    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):  # a failed query
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL)  # is cjm's error to tell
    return session


def log_table(settings: EventLogSettings, folder: Path):
    """The log as the engine holds it: an Ibis table (nothing is read yet)."""
    backend = connect(settings)
    try:
        if settings.table is not None:
            *space, name = settings.table.split(".")
            database = tuple(space) if len(space) > 1 else (space[0] if space else None)
            return backend.table(name, database=database)
        path = settings.path
        if "://" not in path and not Path(path).is_absolute():
            path = str((Path(folder) / path).resolve())
        if path.lower().rstrip("/").endswith((".csv", ".csv.gz")):
            return backend.read_csv(path, **CSV_AS_TEXT.get(settings.engine, {}))
        return backend.read_parquet(path)
    except Exception as exc:  # the engine's own error: no such table, no such file...
        raise UsageError(tr("cannot open the event log {where}: {error}",
                            where=settings.where(), error=engine_error(exc))) from exc


def normalised(table):
    """The log's columns as the analysis reads them: `cust` (customer_id as trimmed text,
    NULL when empty), `ts` (a timestamp without zone, in UTC; text is read as ISO 8601, NULL
    when it is not a date: day-first text is read by the local path only), `tp_label`
    (touchpoint_id trimmed) and `persona` (persona_id trimmed, "(unknown)" when missing or
    empty). Column names are matched as in the local log (case, spaces and accents aside)."""
    import ibis
    import ibis.expr.datatypes as dt

    columns = {}
    for name in table.columns:
        columns.setdefault(normalise_header(name), name)

    def text(column):
        return table[columns[column]].cast("string").strip().nullif("")

    stamp = table[columns["timestamp"]]
    kind = stamp.type()
    if kind.is_timestamp():
        ts = stamp.cast("timestamp") if kind.timezone is not None else stamp
    elif kind.is_date():
        ts = stamp.cast("timestamp")
    else:  # ISO 8601 text; with an offset (Z, +02:00) converted to UTC
        ts = stamp.cast("string").strip().try_cast(dt.Timestamp(timezone="UTC")).cast(
            "timestamp")
    persona = (text("persona_id") if "persona_id" in columns else ibis.null("string"))
    return table.select(cust=text("customer_id"), ts=ts, tp_label=text("touchpoint_id"),
                        persona=persona.fill_null("(unknown)"))


def warehouse_problems(settings: EventLogSettings, folder: Path,
                       touchpoint_ids=None) -> list[Problem]:
    """What `cjm validate` says of a log on an engine: that it cannot be reached or opened,
    a required column it lacks, and, with `touchpoint_ids`, what a sample of SAMPLE rows
    shows (undeclared touchpoints, empty ids, timestamps that are not dates: warnings)."""
    where = settings.where()
    try:
        table = log_table(settings, folder)
        columns = {normalise_header(name) for name in table.columns}
    except UsageError as exc:
        return [Problem(where, str(exc), expected=tr("a table or path the engine can read"),
                        code="unreadable_file")]
    missing = missing_columns(where, columns, row=None)
    if missing or touchpoint_ids is None:
        return missing
    try:
        sample = _sample(table)
    except Exception as exc:  # the engine's own error while reading
        return [Problem(where, tr("cannot be read: {error}", error=engine_error(exc)),
                        code="unreadable_file")]
    declared = {str(tp).strip() for tp in touchpoint_ids}
    problems = []
    unknown = sample["tp_label"].dropna()
    unknown = unknown[~unknown.isin(declared)].value_counts()
    for value, count in unknown.items():
        problems.append(Problem(where, tr_n(
            "{count} event of a sample of {sample} has touchpoint_id {value}, which is not a "
            "touchpoint of touchpoints.csv", "{count} events of a sample of {sample} have "
            "touchpoint_id {value}, which is not a touchpoint of touchpoints.csv", int(count),
            sample=f"{len(sample):,}", value=shown(value)), column="touchpoint_id",
            value=value, severity="warning", code="event_log"))
    for column, empty, what in (("touchpoint_id", sample["tp_label"].isna(),
                                 tr("an empty touchpoint_id")),
                                ("customer_id", sample["cust"].isna(),
                                 tr("an empty customer_id")),
                                ("timestamp", sample["ts"].isna(),
                                 tr("an empty timestamp or one that is not a date"))):
        if empty.any():
            problems.append(Problem(where, tr_n(
                "{count} event of a sample of {sample} has {what}",
                "{count} events of a sample of {sample} have {what}", int(empty.sum()),
                sample=f"{len(sample):,}", what=what), column=column, severity="warning",
                code="event_log"))
    if sample.empty:
        problems.append(Problem(where, tr("has no events"), severity="warning",
                                code="event_log"))
    return problems


def _sample(table):
    """Up to SAMPLE rows of the log, normalised, as pandas."""
    with quiet():
        return normalised(table).limit(SAMPLE).execute()


@contextlib.contextmanager
def quiet():
    """pyspark and Ibis warn about pandas and DuckDB versions they have not named yet: what
    cjm asks of them is small and plain, and the warnings would only clutter a notebook."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def events_in_window(settings: EventLogSettings, folder: Path, window) -> int:
    """How many events of the log fall within `window` (a period label or a (start, end)
    pair); 0 when the log cannot be read."""
    from ..periods import window_bounds

    start, end = window_bounds(window)
    try:
        events = normalised(log_table(settings, folder))
        with quiet():
            return int(events.filter((events.ts >= start.to_pydatetime())
                                     & (events.ts < end.to_pydatetime())).count().execute())
    except Exception:  # an unreachable engine: validation says why
        return 0


def engine_error(exc: BaseException) -> str:
    """An engine's error in one line, at most 500 characters (Spark's carry a Java stack
    trace); a bare name (Ibis' TableNotFound says only the table's) with what it is."""
    text = str(exc).strip().splitlines()
    line = text[0][:500] if text else ""
    if " " not in line.strip():
        return f"{type(exc).__name__}: {line}" if line else type(exc).__name__
    return line

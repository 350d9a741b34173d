"""The interaction event log as a project file: `events.parquet` or `events.csv` in the project
folder. Finding it, its columns, the checks of validation (one scan by DuckDB), and reading it
with DuckDB (`LogSource`: typed, trimmed columns, timestamps in one clock), for the checks
here and for the analyses of `cjm.events`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problem, shown
from ..messages import tr, tr_n
from ..periods import window_bounds
from .parsing import DAY_FIRST_FORMATS, UTC_OFFSET
from .readers import (
    TableReadError,
    binary_problem,
    csv_header,
    decode,
    encoding_of,
    normalise_header,
    sniff_separator,
)

EVENT_LOG_FILES = ("events.parquet", "events.csv")
EVENT_COLUMNS = ("customer_id", "timestamp", "touchpoint_id")  # required; persona_id optional
MAX_EXAMPLES = 3


def find_event_log(folder: Path) -> Path | None:
    """The project's event log file, or None when it has none."""
    for name in EVENT_LOG_FILES:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def event_log_columns(path: Path) -> list[str]:
    """Column names of an event log, read without loading its rows."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return [normalise_header(name) for name in pq.read_schema(path).names]
    with open(path, "rb") as handle:
        return csv_header(handle.read(64 * 1024))


def event_log_problems(folder: Path, touchpoint_ids=None) -> list[Problem]:
    """Problems that make the event log unusable or part of it ignored.

    Always: two logs, an unreadable file, missing columns. When `touchpoint_ids` (the project's
    declared ids) is given, the rows are scanned too: one Problem per unknown touchpoint id, and
    one each for empty touchpoint ids, empty customer ids, empty and unreadable timestamps, with
    its count and up to three example rows (header = row 1, first event = row 2, for parquet
    too). Such rows are left out of `analyze` (unknown touchpoints appear in its `unmatched`).
    """
    present = [name for name in EVENT_LOG_FILES if (Path(folder) / name).is_file()]
    if len(present) > 1:
        return [Problem(present[0], tr("both {first} and {second} exist", first=present[0],
                                       second=present[1]),
                        expected=tr("one event log; remove or rename the other"),
                        code="unreadable_file")]
    if not present:
        return []
    path = Path(folder) / present[0]
    if path.suffix == ".csv":
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
        problem = binary_problem(head, path.name)
        if problem:
            return [problem]
        names = [name for name in csv_header(head) if name]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            return [Problem(path.name, tr("column '{name}' appears more than once",
                                          name=twice[0]), row=1, column=twice[0],
                            expected=tr("each column once"), code="missing_column")]
    try:
        columns = event_log_columns(path)
    except TableReadError as exc:
        return exc.problems
    except Exception as exc:  # pyarrow raises several types for a damaged file
        return [Problem(path.name, tr("cannot be read: {error}", error=exc),
                        code="unreadable_file")]
    missing = missing_columns(path, columns)
    if missing or touchpoint_ids is None:
        return missing
    try:
        return _row_problems(path, {str(tp).strip() for tp in touchpoint_ids})
    except Exception as exc:  # duckdb: a damaged file or a CSV it cannot parse
        return [Problem(path.name, tr("cannot be read: {error}", error=exc),
                        code="unreadable_file")]


def events_in_window(path: Path, window) -> int:
    """How many events of the log at `path` fall within `window` (a period label or a
    (start, end) pair, as `analyze` takes it); 0 when its timestamps cannot be read."""
    import duckdb

    start, end = window_bounds(window)
    con = duckdb.connect()
    try:
        source = LogSource(con, Path(path), numbered=False)
        if "timestamp" not in source.columns:
            return 0
        return con.execute(f"SELECT count(*) FROM {source.relation} WHERE "
                           f"{source.timestamp()} >= ? AND {source.timestamp()} < ?",
                           [start.to_pydatetime(), end.to_pydatetime()]).fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def missing_columns(path: Path | str, columns, row: int | None = 1) -> list[Problem]:
    """A Problem for each required column the log at `path` (a file, or a table on an engine
    in words) lacks; `row`: where its header is (None for a table)."""
    name = path.name if isinstance(path, Path) else path
    return [Problem(name, tr("column '{name}' is missing", name=column), row=row,
                    column=column,
                    expected=tr("the columns {columns}", columns=", ".join(EVENT_COLUMNS)),
                    code="missing_column")
            for column in EVENT_COLUMNS if column not in columns]


def _row_problems(path: Path, touchpoint_ids: set[str]) -> list[Problem]:
    import duckdb

    con = duckdb.connect()
    try:
        source = LogSource(con, path)
        con.register("declared", pd.DataFrame({"touchpoint_id": sorted(touchpoint_ids)},
                                              dtype=object))
        con.execute(f"""
            CREATE TEMP TABLE raw AS
            SELECT __cjm_row + 2 AS row, {source.text('customer_id')} AS cust,
                   {source.text('touchpoint_id')} AS touchpoint_id,
                   {source.text('timestamp')} AS ts_text, {source.timestamp()} AS ts
            FROM {source.relation}""")
        problems = []
        unknown = con.execute(f"""
            SELECT touchpoint_id, count(*), list(row ORDER BY row)[1:{MAX_EXAMPLES}]
            FROM raw WHERE touchpoint_id NOT IN (SELECT touchpoint_id FROM declared)
            GROUP BY touchpoint_id ORDER BY min(row)""").fetchall()
        for value, count, rows in unknown:
            problems.append(Problem(
                path.name, tr_n("{count} event has touchpoint_id {value}, which is not a "
                                "touchpoint of touchpoints.csv ({rows})",
                                "{count} events have touchpoint_id {value}, which is not a "
                                "touchpoint of touchpoints.csv ({rows})",
                                count, value=shown(value), rows=_rows(rows, count)),
                column="touchpoint_id", value=value, severity="warning", code="event_log"))
        checks = [
            ("touchpoint_id IS NULL", tr("an empty touchpoint_id"), "touchpoint_id", None),
            ("cust IS NULL", tr("an empty customer_id"), "customer_id", None),
            ("ts_text IS NULL", tr("an empty timestamp"), "timestamp", None),
            ("ts_text IS NOT NULL AND ts IS NULL", tr("a timestamp that is not a date"),
             "timestamp", tr("a date and time such as 2026-12-31 14:30:00 or 31/12/2026 14:30")),
        ]
        for condition, what, column, expected in checks:
            count, rows, values = con.execute(f"""
                SELECT count(*), list(row ORDER BY row)[1:{MAX_EXAMPLES}],
                       list(ts_text ORDER BY row)[1:{MAX_EXAMPLES}]
                FROM raw WHERE {condition}""").fetchone()
            if not count:
                continue
            if expected:  # show the raw values: the analyst needs to see what is wrong
                quoted = ", ".join(tr("{value} (row {row})", value=shown(v), row=r)
                                   for v, r in zip(values, rows, strict=True))
                quoted += ", ..." if count > len(rows) else ""
            else:
                quoted = _rows(rows, count)
            problems.append(Problem(path.name, tr_n("{count} event has {what} ({rows})",
                                                    "{count} events have {what} ({rows})",
                                                    count, what=what, rows=quoted),
                                    column=column, expected=expected, severity="warning",
                                    code="event_log"))
        return problems
    finally:
        con.close()


def _rows(rows: list[int], count: int) -> str:
    text = ", ".join(map(str, rows)) + (", ..." if count > len(rows) else "")
    return tr_n("row {rows}", "rows {rows}", count, rows=text)




class LogSource:
    """SQL to read an event log with DuckDB: its relation and typed column expressions."""

    def __init__(self, con, path: Path, numbered: bool = True):
        """`numbered`: add `__cjm_row`, the event's 0-based position in the file."""
        path = Path(path)
        quoted = quote(str(path))
        if path.suffix.lower() == ".parquet":
            self.relation = (_numbered_parquet(path, quoted) if numbered
                             else f"read_parquet('{quoted}')")
        else:
            with open(path, "rb") as handle:
                head = handle.read(1 << 20)
            text = decode(head)
            first = next((line for line in text.splitlines() if line.strip()), "")
            # DuckDB reads Windows-1252 files as latin-1 (the same for letters and digits).
            encoding = "utf-8" if encoding_of(head) == "utf-8" else "latin-1"
            read = (f"read_csv('{quoted}', delim = '{quote(sniff_separator(first))}', "
                    f"header = true, all_varchar = true, encoding = '{encoding}')")
            self.relation = (f"(SELECT *, row_number() OVER () - 1 AS __cjm_row FROM {read})"
                             if numbered else read)
        described = con.execute(f"DESCRIBE SELECT * FROM {self.relation}").fetchall()
        self.columns = {}
        for name, kind, *_ in described:
            key = normalise_header(name)
            if name != "__cjm_row" and key not in self.columns:
                self.columns[key] = (ident(name), kind)

    def raw(self, column: str) -> str:
        """A column as text, untrimmed."""
        ident, _ = self.columns[column]
        return f"CAST({ident} AS VARCHAR)"

    def customer(self) -> str:
        """customer_id as text, trimmed, NULL when empty: trims only the ids that need it."""
        raw = self.raw("customer_id")
        return (f"CASE WHEN starts_with({raw}, ' ') OR ends_with({raw}, ' ') "
                f"THEN nullif(trim({raw}), '') ELSE nullif({raw}, '') END")

    def text(self, column: str) -> str:
        """A column as trimmed text, NULL when empty."""
        ident, _ = self.columns[column]
        return f"nullif(trim(CAST({ident} AS VARCHAR)), '')"

    def timestamp(self) -> str:
        """The timestamp column as TIMESTAMP: ISO text or day-first text; NULL if unreadable.

        A time with an offset (`Z`, `+02:00`, or a parquet TIMESTAMP WITH TIME ZONE) is
        converted to UTC, one without is read as written, as `cjm.project.parsing` does for
        tables."""
        ident, kind = self.columns["timestamp"]
        if kind.upper() == "TIMESTAMP WITH TIME ZONE":
            return f"timezone('UTC', {ident})"
        if kind.upper() != "VARCHAR":
            return f"TRY_CAST({ident} AS TIMESTAMP)"
        formats = ", ".join(f"'{f}'" for f in DAY_FIRST_FORMATS)
        text = f"trim({ident})"
        aware = f"regexp_matches({text}, '{quote(UTC_OFFSET.pattern)}')"
        return (f"CASE WHEN {aware} THEN timezone('UTC', TRY_CAST({text} AS TIMESTAMPTZ)) "
                f"ELSE coalesce(TRY_CAST({text} AS TIMESTAMP), "
                f"try_strptime({text}, [{formats}])) END")




def quote(text: str) -> str:
    return text.replace("'", "''")


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _numbered_parquet(path: Path, quoted: str) -> str:
    """The parquet log with `__cjm_row`: DuckDB's `file_row_number`, unless the file has a
    column of that name, which DuckDB then refuses to add (the scan's order numbers the rows,
    as it does for one file read in order)."""
    import pyarrow.parquet as pq

    if "file_row_number" in pq.read_schema(path).names:
        return (f"(SELECT *, row_number() OVER () - 1 AS __cjm_row "
                f"FROM read_parquet('{quoted}'))")
    return (f"(SELECT *, file_row_number AS __cjm_row "
            f"FROM read_parquet('{quoted}', file_row_number = true))")

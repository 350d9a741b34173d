"""The interaction event log: `events.parquet` or `events.csv` in the project folder."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .readers import TableReadError, csv_header

EVENT_LOG_FILES = ("events.parquet", "events.csv")
EVENT_COLUMNS = ("customer_id", "timestamp", "touchpoint_id")  # required; persona_id optional


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

        return [name.strip().lower() for name in pq.read_schema(path).names]
    with open(path, "rb") as handle:
        return csv_header(handle.read(64 * 1024))


def event_log_problems(folder: Path) -> list[Problem]:
    """Problems that make the event log unusable: two logs, unreadable file, missing columns."""
    present = [name for name in EVENT_LOG_FILES if (Path(folder) / name).is_file()]
    if len(present) > 1:
        return [Problem(present[0], f"both {' and '.join(present)} exist",
                        expected="one event log; remove or rename the other")]
    if not present:
        return []
    path = Path(folder) / present[0]
    try:
        columns = event_log_columns(path)
    except TableReadError as exc:
        return [exc.problem]
    except Exception as exc:  # pyarrow raises several types for a damaged file
        return [Problem(path.name, f"cannot be read: {exc}")]
    return [Problem(path.name, f"column '{column}' is missing", row=1, column=column,
                    expected=f"the columns {', '.join(EVENT_COLUMNS)}")
            for column in EVENT_COLUMNS if column not in columns]

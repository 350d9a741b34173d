"""Period labels: `2026-H2` (half-year, the default), `2026-Q3` (quarter), `2026-11` (month)."""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError, shown

# Years 1900-2199: dates beyond pandas' range (1677-2262) cannot be analysed, and year 0 is
# not a date at all.
PERIOD_PATTERN = re.compile(r"^(19\d\d|2[01]\d\d)-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2]))$")
PERIOD_TEXT = "a period label such as 2026-H2, 2026-Q3 or 2026-11, from 1900 to 2199"
GRANULARITIES = ("half", "quarter", "month")


def parse_period(label: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period label; UsageError if it is not one."""
    match = PERIOD_PATTERN.match(str(label).strip())
    if not match:
        raise UsageError(f"{shown(label)} is not a period (expected {PERIOD_TEXT})")
    year, half, quarter, month = match.groups()
    year = int(year)
    if half:
        first_month, months = 1 + 6 * (int(half) - 1), 6
    elif quarter:
        first_month, months = 1 + 3 * (int(quarter) - 1), 3
    else:
        first_month, months = int(month), 1
    start = dt.date(year, first_month, 1)
    end_month = first_month + months
    end = (
        dt.date(year + 1, 1, 1) if end_month > 12 else dt.date(year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


def is_period(label: object) -> bool:
    """True when `label` is a well-formed period label."""
    return isinstance(label, str) and bool(PERIOD_PATTERN.match(label.strip()))


def period_of(day: dt.date | dt.datetime, granularity: str = "half") -> str:
    """The label of the period that contains `day`."""
    if granularity == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if granularity == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    raise UsageError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")


def current_period(today: dt.date | None = None, granularity: str = "half") -> str:
    """The period containing today (or `today`)."""
    return period_of(today or dt.date.today(), granularity)


def period_key(label: str) -> tuple[dt.date, dt.date]:
    """Sort key: chronological by start, then by end (a half-year before its first quarter)."""
    start, end = parse_period(label)
    return start, -end.toordinal()


def sort_periods(labels) -> list[str]:
    """Period labels in chronological order, without duplicates."""
    return sorted(set(labels), key=period_key)


def previous_period(label: str) -> str:
    """The period of the same granularity just before `label`."""
    start, _ = parse_period(label)
    granularity = granularity_of(label)
    return period_of(start - dt.timedelta(days=1), granularity)


def granularity_of(label: str) -> str:
    """'half', 'quarter' or 'month'."""
    _, half, quarter, _ = PERIOD_PATTERN.match(label.strip()).groups()
    return "half" if half else "quarter" if quarter else "month"

"""Period labels: `2026-H2` (half-year, the default), `2026-Q3` (quarter), `2026-11` (month)."""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError, shown
from .messages import tr

# Years 1900-2199: dates beyond pandas' range (1677-2262) cannot be analysed, and year 0 is
# not a date at all.
PERIOD_PATTERN = re.compile(r"^(19\d\d|2[01]\d\d)-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2]))$")
# What a period label looks like, in English (period_expected() says it in the reader's language)
PERIOD_TEXT = ("a period label such as 2026-H2 (or 2026-S2), 2026-Q3 (or 2026-T3) or 2026-11, "
               "from 1900 to 2199")
GRANULARITIES = ("half", "quarter", "month")
# French labels: 2026-S1 (semestre) is 2026-H1, 2026-T3 (trimestre) is 2026-Q3
FRENCH_PERIOD = re.compile(r"^(\d{4})-([SsTt])(\d)$")


def period_expected() -> str:
    """What a period label looks like, in the current language (PERIOD_TEXT in English)."""
    return tr("a period label such as 2026-H2 (or 2026-S2), 2026-Q3 (or 2026-T3) or 2026-11, "
              "from 1900 to 2199")


def normal_period(label: object) -> object:
    """The label as cjm writes it: French `2026-S1`/`2026-T3` read as `2026-H1`/`2026-Q3`, a
    lower-case letter raised (`2026-h1`); anything that is not then a period returned as it
    is, for its error to quote it."""
    if not isinstance(label, str):
        return label
    text = label.strip()
    french = FRENCH_PERIOD.match(text)
    if french:
        year, letter, number = french.groups()
        text = f"{year}-{'H' if letter in 'Ss' else 'Q'}{number}"
    text = text.upper()
    return text if PERIOD_PATTERN.match(text) else label  # else quoted as written


def parse_period(label: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period label; UsageError if it is not one."""
    match = PERIOD_PATTERN.match(str(label).strip())
    if not match:
        raise UsageError(tr("{label} is not a period (expected {expected})",
                              label=shown(label), expected=period_expected()))
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


def period_text(label: str, language: str = "en") -> str:
    """A period label as a reader of `language` writes it: French `2026-S1` (semestre) and
    `2026-T3` (trimestre) for `2026-H1` and `2026-Q3`; anything else as it is."""
    if language == "fr" and isinstance(label, str) and PERIOD_PATTERN.match(label):
        return label.replace("-H", "-S").replace("-Q", "-T")
    return label


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
    raise UsageError(tr("granularity must be one of {choices}, not {granularity}",
                        choices=", ".join(GRANULARITIES), granularity=repr(granularity)))


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


def resolve_period(period: str | None, today: dt.date | None = None,
                   granularity: str = "half") -> str:
    """A period label from the command line: a label, "" / "current", or "previous" (the
    period of `granularity`, the project's review rhythm, just ended)."""
    period = (period or "").strip()
    if period in ("", "current"):
        return current_period(today, granularity)
    if period == "previous":
        return previous_period(current_period(today, granularity))
    period = normal_period(period)
    if not is_period(period):
        raise UsageError(tr("--period must be {expected}, or 'current' or 'previous', "
                            "not {value}", expected=period_expected(), value=shown(period)))
    return period


def shown_period(requested: str, scored: list[str], today: dt.date | None = None
                 ) -> tuple[str, str | None]:
    """The period a step shows, and the latest scored period when it falls back to it.

    A label is used as given (a French `2026-S1` as `2026-H1`). An empty `requested` means
    the current period, or, when `scored` (the periods that have scores, oldest first) does
    not hold it, the latest of them; the second value is then that period, else None."""
    requested = normal_period((requested or "").strip())
    if requested:
        if not is_period(requested):
            raise UsageError(tr("period must be {expected}, not {value}",
                                expected=period_expected(), value=shown(requested)))
        return requested, None
    current = current_period(today)
    if current in scored or not scored:
        return current, None
    return scored[-1], scored[-1]


# ---------------------------------------------------------------------------------- dates
def in_period(dates, period: str):
    """True for the dates (a pandas Series) that fall within `period`, its first day to its
    last day included."""
    import pandas as pd

    first, last = parse_period(period)
    return (dates >= pd.Timestamp(first)) & (dates < pd.Timestamp(last) + pd.Timedelta(days=1))


def period_labels(dates, granularity: str = "half"):
    """The period label of each date of a pandas Series (missing dates stay missing)."""
    import numpy as np
    import pandas as pd

    if not pd.api.types.is_datetime64_any_dtype(dates):
        labels = [pd.NA if pd.isna(day) else period_of(day, granularity) for day in dates]
        return pd.Series(labels, index=dates.index, dtype="string", name="period")
    # a label per month present, not per date (a survey has a date per answer)
    codes, months = pd.factorize(dates.dt.year * 12 + dates.dt.month - 1)  # missing: -1
    labels = [period_of(dt.date(int(month) // 12, int(month) % 12 + 1, 1), granularity)
              for month in months]
    return pd.Series(np.array([*labels, pd.NA], dtype=object)[codes], index=dates.index,
                     dtype="string", name="period")


def window_bounds(window):
    """(start, excluded end) of a window given as None (no bounds: None), a period label (its
    first day to its last day included) or a (start, end) pair: a date, or a string without a
    time, as `end` includes that whole day, a timestamp `end` is excluded."""
    import pandas as pd

    if window is None:
        return None
    if isinstance(window, str):
        start, end = parse_period(window)
        return pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    try:
        start, end = window
    except (TypeError, ValueError):
        raise UsageError(tr("window must be a period label or a (start, end) pair, "
                            "not {window}", window=repr(window))) from None
    try:
        first, last = pd.Timestamp(start), pd.Timestamp(end)
    except (TypeError, ValueError) as exc:
        raise UsageError(tr("window must hold two dates or timestamps, not {window}",
                            window=repr(window))) from exc
    whole_day = (isinstance(end, dt.date) and not isinstance(end, dt.datetime)) or (
        isinstance(end, str) and len(end.strip()) <= 10)
    if whole_day:
        last += pd.Timedelta(days=1)
    if last <= first:
        raise UsageError(tr("window ends before it starts: {window}", window=repr(window)))
    return first, last


def window_words(window, bounds) -> str | None:
    """The window in words, for notes: "in 2026-H1" or "from 2026-01-01 to 2026-03-31"."""
    import pandas as pd

    if bounds is None:
        return None
    if isinstance(window, str):
        return tr("in {window}", window=window)
    last = bounds[1] - pd.Timedelta(microseconds=1)
    return tr("from {start:%Y-%m-%d} to {end:%Y-%m-%d}", start=bounds[0], end=last)

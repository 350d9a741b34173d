"""From text cells to typed columns, the way French and English spreadsheets write values.

Numbers take `.` or `,` decimals and spaces as thousands separators; booleans take yes/no,
true/false, oui/non, vrai/faux, 1/0; dates take ISO (2026-12-31) or day-first (31/12/2026);
lists are `|`-separated. Every cell that cannot be read becomes a Problem that quotes it.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..errors import Problem, folded, shown
from ..messages import tr
from ..periods import normal_period
from .pandera_lean import pa
from .schemas import (
    CANONICAL,
    LIST_COLUMNS,
    PERCENT_COLUMNS,
    PERIOD_COLUMNS,
    SHARE_COLUMNS,
)

TRUE_WORDS = {"yes", "y", "true", "oui", "o", "vrai", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "non", "faux", "0"}
DAY_FIRST_FORMATS = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,.])\d{3}(\1\d{3})*$")  # 420,000 or 1.234.567
# A time of day followed by an offset from UTC: 2026-03-01T10:00:00Z, ...T10:00+02:00
UTC_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")
FIRST_DATE, LAST_DATE = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")
MAX_NUMBER = 1e15  # no count, volume or score is larger (and Int64 holds it): a typo


def parse_table(raw: pd.DataFrame, model, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Type the known columns of `raw` (text cells) per `model`; other columns stay text.

    Returns the typed frame (same index) and a Problem per missing required column and per
    unreadable cell. An unreadable cell becomes missing in the typed frame.
    """
    schema = model.to_schema()
    problems: list[Problem] = []
    missing = [name for name, column in schema.columns.items()
               if column.required and name not in raw.columns]
    for name in missing:
        problems.append(Problem(file, tr("column '{name}' is missing", name=name), row=1,
                                column=name,
                                expected=tr("the columns {columns}",
                                            columns=", ".join(_required(schema))),
                                code="missing_column"))
    typed = pd.DataFrame(index=raw.index)
    for name in raw.columns:
        column = schema.columns.get(name)
        kind = _kind(column.dtype) if column is not None else "text"
        if name in LIST_COLUMNS:
            kind = "list"
        share = "share" if name in SHARE_COLUMNS else "percent" if name in PERCENT_COLUMNS \
            else None
        values, bad = parse_column(raw[name], kind, share=share)
        if name in CANONICAL:  # "En cours", "atelier", "Front-office": cjm's own word
            words = CANONICAL[name]
            values = _by_value(values, lambda v, w=words: w.get(folded(v), v)).astype("string")
        elif name in PERIOD_COLUMNS:  # 2026-S1 is 2026-H1
            values = _by_value(values, normal_period).astype("string")
        typed[name] = values
        problems += [_unreadable(file, name, raw.at[row, name], row, kind) for row in bad]
    for name, column in schema.columns.items():
        if name not in typed.columns and not column.required:
            typed[name] = _empty(_kind(column.dtype), typed.index)
    return typed, problems


def _unreadable(file: str, column: str, value, row: int, kind: str) -> Problem:
    expected = expected_text(kind)
    if kind in ("int", "float") and _digits(value) > 15:
        return Problem(file, tr("{column} {value} is too large", column=column,
                                value=shown(value, 40)), row=row, column=column,
                       value=value, expected=tr("{expected} of at most 15 digits",
                                                expected=expected),
                       code="unreadable_cell")
    return Problem(file, tr("{column} {value} cannot be read", column=column, value=shown(value)),
                   row=row, column=column, value=value, expected=expected,
                   code="unreadable_cell")


def _digits(value) -> int:
    text = str(value).split(",")[0].split(".")[0]
    return sum(char.isdigit() for char in text)


def expected_text(kind: str) -> str:
    """What a cell of a column of `kind` should hold, said to the analyst."""
    if kind == "list":
        return tr("names separated by |")
    if kind == "int":
        return tr("a whole number")
    if kind == "float":
        return tr("a number")
    if kind == "bool":
        return tr("yes or no")
    if kind == "datetime":
        return tr("a date such as 31/12/2026 or 2026-12-31, from 1900 to 2199")
    return tr("text")


def _required(schema) -> list[str]:
    return [name for name, column in schema.columns.items() if column.required]


def _kind(dtype: pa.DataType) -> str:
    text = str(dtype).lower()
    if "datetime" in text or "timestamp" in text:
        return "datetime"
    if "bool" in text:
        return "bool"
    if "int" in text:
        return "int"
    if "float" in text:
        return "float"
    if "object" in text:
        return "list"
    return "text"


def _empty(kind: str, index: pd.Index) -> pd.Series:
    dtype = {"int": "Int64", "float": "Float64", "bool": "boolean", "datetime": "datetime64[ns]",
             "list": object}.get(kind, "string")
    values = [[] for _ in index] if kind == "list" else None
    return pd.Series(values, index=index, dtype=dtype)


def parse_column(cells: pd.Series, kind: str, share: str | None = None
                 ) -> tuple[pd.Series, list]:
    """Typed values of one column and the rows whose cell could not be read.

    `share`: "share" reads 35 % and a column of numbers above 1 as percents, "percent" reads
    only the cells written with % as percents."""
    text = cells.astype(object).where(cells.astype(bool), None)
    if kind == "text":
        return text.astype("string"), []
    if kind == "list":
        return text.map(split_list, na_action=None), []
    if kind == "datetime":
        return _parse_datetimes(text)
    if kind == "bool":
        lowered = text.map(lambda v: v.lower() if isinstance(v, str) else v)
        known = lowered.isin(TRUE_WORDS | FALSE_WORDS) | lowered.isna()
        values = lowered.map(lambda v: None if pd.isna(v) else v in TRUE_WORDS)
        values = values.where(known, None).astype("boolean")
        return values, list(text.index[~known])
    numbers = _by_value(text, lambda cell: _number(cell, whole=kind == "int"))
    bad = list(text.index[text.notna() & numbers.isna()])
    numbers = pd.to_numeric(numbers, errors="coerce")
    if share:
        percent = text.map(lambda v: isinstance(v, str) and v.rstrip().endswith("%"))
        percent = percent.astype(bool)
        if share == "share" and (numbers[~percent] > 1).any():
            percent[:] = True
        numbers = numbers.where(~percent, numbers / 100)
    if kind == "int":
        whole = numbers.isna() | (numbers == numbers.round())
        bad += list(text.index[~whole])
        return numbers.where(whole).astype("Int64"), sorted(bad)
    return numbers.astype("Float64"), bad


def _by_value(values: pd.Series, function) -> pd.Series:
    """`function` of each cell that holds a value (missing cells stay missing), computed once
    per distinct value: a journal of 200,000 rows holds a few hundred distinct scores."""
    present = values.notna()
    distinct = pd.unique(values[present].to_numpy(dtype=object))
    results = {value: function(value) for value in distinct}
    return values[present].astype(object).map(results).reindex(values.index)


def _number(value, whole: bool = False):
    """A cell's number, or None when it is not one (or too large to be a count or a score).

    In a column of whole numbers, 420,000 and 420.000 are thousands (no whole number has a
    decimal part); elsewhere a lone comma is a decimal comma (3,5)."""
    if value is None:
        return None
    text = value.replace("\u202f", "").replace(" ", "").rstrip("%").rstrip()
    if whole and _THOUSANDS.match(text):
        text = text.replace(",", "").replace(".", "")
    if "," in text and "." in text:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "")
    text = text.replace(",", ".")
    if not _NUMBER.match(text) or len(text) > 40:
        return None
    number = float(text)
    return number if math.isfinite(number) and abs(number) <= MAX_NUMBER else None


def _parse_datetimes(text: pd.Series) -> tuple[pd.Series, list]:
    """Dates and times, naive: a timestamp with an offset (`Z`, `+02:00`) is converted to UTC,
    one without is read as written. Dates before 1900 or after 2199 are not read (typos such
    as 0000-01-01 or 9999-12-31, and beyond what the analyses can hold)."""
    aware = text.map(lambda v: isinstance(v, str) and bool(UTC_OFFSET.search(v))).astype(bool)
    values = _in_range(pd.to_datetime(text.where(~aware), format="ISO8601", errors="coerce"))
    if aware.any():
        utc = pd.to_datetime(text[aware], format="ISO8601", errors="coerce", utc=True)
        values[aware] = _in_range(utc.dt.tz_localize(None))
    for fmt in DAY_FIRST_FORMATS:
        todo = values.isna() & text.notna()
        if not todo.any():
            break
        values = values.where(~todo, _in_range(pd.to_datetime(text[todo], format=fmt,
                                                              errors="coerce")))
    return values, list(text.index[values.isna() & text.notna()])


def _in_range(values: pd.Series) -> pd.Series:
    """`values` as nanosecond timestamps, those outside FIRST_DATE..LAST_DATE missing."""
    inside = values.notna() & (values >= FIRST_DATE) & (values < LAST_DATE)
    return values.where(inside).astype("datetime64[ns]")


def split_list(value) -> list[str]:
    """`"Website | E-mail"` -> `["Website", "E-mail"]`; empty -> `[]`."""
    if not isinstance(value, str):
        return []
    return [item.strip() for item in value.split("|") if item.strip()]

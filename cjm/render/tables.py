"""Tables for people: chosen columns under words, numbers written the way the project's
language writes them, no index, no "NaN" or "<NA>" (a dash), lists joined, at most a few rows
with the count of the others. The report and the deck show `Tidy` tables; the Excel workbook
keeps each one in full (`Tidy.full`, with the same headers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..labels import label
from .text import num, pct, signed, whole

DASH = "–"
DATE_FORMATS = {"en": "%Y-%m-%d", "fr": "%d/%m/%Y"}
EXCEL_FORMATS = {"int": "#,##0", "number": "0.0", "score": "0", "signed": "+0;-0;0", "share": "0%",
                 "share1": "0.0%", "delta": "+0.0;-0.0;0.0", "points": "+0%;-0%;0%"}


@dataclass(frozen=True)
class Column:
    """A column to show: the frame's `key`, its header (a `cjm.labels` key) and its kind:
    text, int, number (1 decimal), score (0 decimals), signed (0 decimals, with its sign),
    share (a 0-1 share as %), share1 (the same with one decimal), delta (a signed change,
    1 decimal), points (a signed 0-1 change in % points), date, bool, list."""

    key: str
    header: str
    kind: str = "text"


@dataclass
class Tidy:
    """A table ready to show: `headers`, `rows` of text, `marks` (a CSS class per row, "" for
    none), how many rows it has in all, and where the full table is kept."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    marks: list[str] = field(default_factory=list)
    total: int = 0
    sheet: str | None = None
    full: pd.DataFrame | None = None  # every row, under the same headers
    kinds: list[str] = field(default_factory=list)  # "num", "date" or "" per column (CSS)
    formats: dict[str, str] = field(default_factory=dict)  # Excel number format by header

    @property
    def more(self) -> int:
        return self.total - len(self.rows)

    def __bool__(self) -> bool:
        return self.total > 0


def tidy(name: str, frame: pd.DataFrame, columns: list[Column], language: str, *,
         limit: int | None = 10, sheet: str | None = None, mark=None) -> Tidy:
    """`frame` as a Tidy table of `columns`, its first `limit` rows (all when None); `mark(row)`
    gives a row's CSS class; `sheet` names the Excel sheet that keeps it whole."""
    columns = [column for column in columns if column.key in frame.columns]
    shown = frame if limit is None else frame.head(limit)
    rows = [[cell(getattr(row, column.key), column.kind, language) for column in columns]
            for row in shown.itertuples(index=False)]
    marks = [mark(row) if mark else "" for row in shown.itertuples(index=False)]
    headers = [label(column.header, language) for column in columns]
    full = frame[[column.key for column in columns]].copy()
    full.columns = headers
    formats = {header: EXCEL_FORMATS[column.kind] for header, column in zip(headers, columns,
                                                                             strict=True)
               if column.kind in EXCEL_FORMATS}
    return Tidy(name, headers, rows, marks, len(frame), sheet if len(frame) else None, full,
                ["date" if column.kind == "date" else "" if column.kind in ("text", "list", "bool")
                 else "num" for column in columns], formats)


def cell(value, kind: str, language: str) -> str:
    """One value as text of its kind; a dash when it is missing."""
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(item) for item in value) or DASH
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return DASH
    if kind == "int":
        return whole(value, language)
    if kind == "number":
        return num(float(value), 1, language)
    if kind == "score":
        return num(float(value), 0, language)
    if kind == "signed":
        return signed(float(value), language, 0)
    if kind == "share":
        return pct(float(value), language)
    if kind == "share1":
        return pct(float(value), language, 1)
    if kind == "delta":
        return signed(float(value), language, 1)
    if kind == "points":
        return signed(float(value) * 100, language, 0)
    if kind == "date":
        day = value.date() if isinstance(value, pd.Timestamp) else value
        if isinstance(day, dt.date):
            return day.strftime(DATE_FORMATS.get(language, DATE_FORMATS["en"]))
        return str(value)
    if kind == "bool":
        return label("yes" if bool(value) else "no", language)
    return str(value)

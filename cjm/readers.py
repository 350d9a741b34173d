"""Tolerant reading of the tables analysts really have.

CSV in UTF-8, UTF-8 with BOM or Windows-1252, separated by `,`, `;` or tabs, and `.xlsx` workbooks
in place of any CSV. Every cell is read as text: typing is the schemas' job, so that an error can
quote the value exactly as the analyst typed it. The frame's index is the row number as Excel
shows it (header = row 1); blank rows are dropped but do not shift the numbering.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from .errors import Problem

TABLE_SUFFIXES = (".csv", ".xlsx")
SEPARATORS = (",", ";", "\t")


class TableReadError(Exception):
    """A table file exists but cannot be read as a table."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def find_table(folder: Path, stem: str) -> Path | None:
    """The file holding table `stem` (`stem.csv` or `stem.xlsx`) in `folder`, or None.

    Raises TableReadError when both exist, since it is unclear which one is meant.
    """
    found = [Path(folder) / f"{stem}{suffix}" for suffix in TABLE_SUFFIXES]
    found = [path for path in found if path.is_file()]
    if len(found) > 1:
        raise TableReadError(
            Problem(found[0].name, f"both {found[0].name} and {found[1].name} exist",
                    expected="one file per table; remove or rename the other")
        )
    return found[0] if found else None


def read_table(path: Path) -> pd.DataFrame:
    """Read a CSV or xlsx table into a frame of stripped strings indexed by Excel row number."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        header, rows = _xlsx_rows(path)
    else:
        header, rows = _csv_rows(path)
    columns = [normalise_header(name) for name in header]
    named = [name for name in columns if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise TableReadError(
            Problem(path.name, f"column '{repeated[0]}' appears more than once", row=1,
                    column=repeated[0], expected="each column once")
        )
    records, index = [], []
    for number, cells in rows:
        cells = [_clean(cell) for cell in cells]
        if not any(cells):
            continue
        if len(cells) > len(columns) and any(cells[len(columns):]):
            raise TableReadError(
                Problem(path.name, f"has {len(cells)} cells but the header has {len(columns)} "
                        "columns", row=number,
                        expected="one cell per header column; check separators and quotes")
            )
        cells = (cells + [""] * len(columns))[: len(columns)]
        records.append(cells)
        index.append(number)
    frame = pd.DataFrame(records, columns=columns, index=pd.Index(index, name="row"), dtype=object)
    return frame.loc[:, [bool(name) for name in columns]]


def normalise_header(name: object) -> str:
    """`" Touchpoint ID "` -> `touchpoint_id`: trimmed, lower case, words joined by `_`."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def encoding_of(data: bytes) -> str:
    """"utf-8" when `data` (the whole file or its first bytes) is UTF-8, else "cp1252"."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is still UTF-8
        return "utf-8" if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data" \
            else "cp1252"
    return "utf-8"


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    return data.decode(encoding_of(data), errors="replace")


def sniff_separator(header_line: str) -> str:
    """The separator used in a header line: the most frequent of `,`, `;` and tab."""
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    return max(SEPARATORS, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def csv_header(data: bytes) -> list[str]:
    """Normalised column names from the first bytes of a CSV file."""
    text = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    cells = next(csv.reader([first], delimiter=sniff_separator(first)), [])
    return [normalise_header(cell) for cell in cells]


def _csv_rows(path: Path):
    text = decode(path.read_bytes())
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first))
    header, rows = None, []
    try:
        for number, cells in enumerate(reader, start=1):
            if header is None:
                if any(cell.strip() for cell in cells):
                    header = cells
                continue
            rows.append((number, cells))
    except csv.Error as exc:
        raise TableReadError(
            Problem(path.name, f"cannot be read as CSV: {exc}", row=reader.line_num)
        ) from exc
    if header is None:
        raise TableReadError(Problem(path.name, "is empty", expected="a header row"))
    return header, rows


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        problem = Problem(path.name, f"cannot be opened as an Excel workbook: {exc}")
        raise TableReadError(problem) from exc
    try:
        sheet = _pick_sheet(book, path.stem)
        header, rows = None, []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if header is None:
                if any(value not in (None, "") for value in values):
                    header = list(values)
                continue
            rows.append((number, [_excel_text(value) for value in values]))
    finally:
        book.close()
    if header is None:
        raise TableReadError(Problem(path.name, "has no header row", expected="a header row"))
    return header, rows


def _pick_sheet(book, stem: str):
    """The sheet named after the table if there is one, else the first sheet with data."""
    for sheet in book.worksheets:
        if sheet.title.strip().lower() == stem.lower():
            return sheet
    for sheet in book.worksheets:
        if sheet.max_row and sheet.max_row > 1:
            return sheet
    return book.worksheets[0]


def _excel_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep="T", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _clean(cell) -> str:
    return str(cell).replace("\u00a0", " ").strip()

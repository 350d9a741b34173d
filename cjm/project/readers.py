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
import warnings
from pathlib import Path

import pandas as pd

from ..errors import Problem, TableReadError, row_ranges
from ..messages import tr, tr_n

TABLE_SUFFIXES = (".csv", ".xlsx")
SEPARATORS = (",", ";", "\t")
CELL_LIMIT = 1 << 26  # characters a CSV cell may hold (Python's default, 131,072, cuts notes)


def find_table(folder: Path, stem: str) -> Path | None:
    """The file holding table `stem` (`stem.csv` or `stem.xlsx`) in `folder`, or None.

    Raises TableReadError when both exist, since it is unclear which one is meant.
    """
    found = [Path(folder) / f"{stem}{suffix}" for suffix in TABLE_SUFFIXES]
    found = [path for path in found if path.is_file()]
    if len(found) > 1:
        raise TableReadError(
            Problem(found[0].name, tr("both {first} and {second} exist", first=found[0].name,
                                      second=found[1].name),
                    expected=tr("one file per table; remove or rename the other"),
                    code="unreadable_file")
        )
    return found[0] if found else None


def read_table(path: Path, *, sheet: str | None = None, file: str | None = None,
               headers=None, book=None) -> pd.DataFrame:
    """Read a CSV or xlsx table into a frame of stripped strings indexed by Excel row number.

    Of a workbook, the sheet named `sheet` (default: the one named after the file, else the
    first with data), from `book` when the caller has it open (`open_workbook`: reading
    several sheets opens the file once). `file` names the table in problems (default: the
    file's name); `headers` turns a header cell into a column name (default:
    `normalise_header`)."""
    path = Path(path)
    file = file or path.name
    if path.suffix.lower() == ".xlsx":
        header, rows = _xlsx_rows(path, sheet, file, book)
    else:
        header, rows = _csv_rows(path)
    columns = [(headers or normalise_header)(name) for name in header]
    named = [name for name in columns if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise TableReadError(
            Problem(file, tr("column '{name}' appears more than once", name=repeated[0]),
                    row=1, column=repeated[0], expected=tr("each column once"),
                    code="missing_column")
        )
    records, index = [], []
    for number, cells in rows:
        cells = [cell.strip() if "\u00a0" not in cell else _clean(cell)
                 for cell in map(str, cells)]
        if not any(cells):
            continue
        if len(cells) > len(columns) and any(cells[len(columns):]):
            raise TableReadError(
                Problem(file, tr("has {cells} cells but the header has {columns} columns",
                                      cells=len(cells), columns=len(columns)), row=number,
                        expected=tr("one cell per header column; check separators and quotes"),
                        code="unreadable_file")
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
    data = path.read_bytes()
    problem = binary_problem(data, path.name) or mixed_encoding_problem(data, path.name)
    if problem:
        raise TableReadError(problem)
    text = decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    separator = sniff_separator(first)
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header, rows, number = None, [], 0  # rows counted as Excel shows them: one per record
    try:
        for number, cells in enumerate(reader, start=1):
            if header is None:
                if any(cell.strip() for cell in cells):
                    header = cells
                continue
            rows.append((number, cells))
    except csv.Error as exc:
        raise TableReadError(_quote_problem(path.name, number + 1, exc)) from exc
    if header is None:
        raise TableReadError(Problem(path.name, tr("is empty"), expected=tr("a header row"),
                                     code="unreadable_file"))
    swallowed = _swallowed_rows(rows, separator, len(header), path.name)
    if swallowed:
        raise TableReadError(swallowed)
    return header, rows


def _quote_problem(file: str, start: int, exc: csv.Error) -> Problem:
    """What went wrong with the quotes of row `start`."""
    if "end of data" in str(exc) or "EOF" in str(exc):
        return Problem(file, tr("a quote (\") opened on row {row} is never closed, so the rest "
                                "of the file would be read as one cell", row=start), row=start,
                       expected=tr("quotes in pairs around a cell; remove the stray quote or "
                                   "close it"), code="unreadable_file")
    return Problem(file, tr("row {row} cannot be read as CSV: {error}", row=start, error=exc),
                   row=start,
                   expected=tr("a cell either quoted whole (\"like, this\") or not quoted at "
                               "all"),
                   code="unreadable_file")


def _swallowed_rows(rows, separator: str, width: int, file: str) -> Problem | None:
    """A cell that spans lines holding what look like whole rows: a quote opened early and
    closed much later swallowed the rows in between."""
    if width < 2:
        return None
    for number, cells in rows:
        for cell in cells:
            if "\n" not in cell and "\r" not in cell:
                continue
            lines = cell.splitlines()
            if len(lines) > 1 and any(line.count(separator) >= width - 1 for line in lines[1:]):
                return Problem(file, tr("a quoted cell of row {row} spans {lines} lines that "
                                        "look like whole rows: a quote is probably missing or "
                                        "extra on row {row}", row=number, lines=len(lines)),
                               row=number, expected=tr("quotes in pairs around a cell"),
                               code="unreadable_file")
    return None


def binary_problem(data: bytes, file: str) -> Problem | None:
    """Why `data` is not a text table (UTF-16, a workbook, NUL bytes), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 4 and (
            (data[1:4:2] == b"\x00\x00" and data[0] and data[2])
            or (data[0:4:2] == b"\x00\x00" and data[1] and data[3]))):
        return Problem(file, tr("is saved as UTF-16 (Unicode text), which cjm does not read"),
                       expected=tr("CSV saved as UTF-8 ('CSV UTF-8' in Excel) or Windows-1252"),
                       code="unreadable_file")
    if data.startswith(b"PK\x03\x04"):
        return Problem(file, tr("is an Excel workbook or a zip archive, not a CSV file"),
                       expected=tr("a CSV file; or rename it to .xlsx if it is a workbook"),
                       code="unreadable_file")
    nul = data.find(b"\x00")
    if nul >= 0:
        row = data.count(b"\n", 0, nul) + 1
        return Problem(file, tr("contains NUL bytes (the first on row {row}): it is not a text "
                                "table, or it is damaged", row=row), row=row,
                       expected=tr("a CSV file saved as text"), code="unreadable_file")
    return None


def mixed_encoding_problem(data: bytes, file: str) -> Problem | None:
    """A file whose lines mix UTF-8 and another encoding (usually Windows-1252), or None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    if not utf8 or not other:
        return None
    not_utf = tr_n("row {rows} is not UTF-8", "rows {rows} are not UTF-8", len(other),
                   rows=row_ranges(other))
    utf = tr_n("row {rows} is", "rows {rows} are", len(utf8), rows=row_ranges(utf8))
    return Problem(file, tr("mixes two encodings: {not_utf} while {utf} (accented letters would "
                            "be misread)", not_utf=not_utf, utf=utf),
                   row=other[0], expected=tr("one encoding for the whole file: save it again as "
                                             "'CSV UTF-8' from Excel"), code="unreadable_file")


def _xlsx_rows(path: Path, sheet: str | None, file: str, book=None):
    with warnings.catch_warnings():  # openpyxl's warnings name its own files, not the cell
        warnings.simplefilter("ignore")
        if book is not None:
            return _sheet_rows(path, book, sheet, file)
        book = open_workbook(path, file)
        try:
            return _sheet_rows(path, book, sheet, file)
        finally:
            book.close()


def open_workbook(path: Path, file: str | None = None):
    """`path` opened read-only with the values Excel saved (never formulas); TableReadError
    naming `file` when it is not a workbook."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        problem = Problem(file or Path(path).name,
                          tr("cannot be opened as an Excel workbook: {error}", error=exc),
                          code="unreadable_file")
        raise TableReadError(problem) from exc


def _sheet_rows(path: Path, book, title: str | None, file: str):
    sheet = book[title] if title is not None else _pick_sheet(book, path.stem)
    header, rows, columns = None, [], {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if header is None:
            if any(value not in (None, "") for value in values):
                header = list(values)
                columns = {i: normalise_header(name) for i, name in enumerate(header)}
            continue
        rows.append((number, [excel_text(value) for value in values]))
    defects = _xlsx_defects(path, sheet, columns, file) if header is not None else []
    if header is None:
        raise TableReadError(Problem(file, tr("has no header row"),
                                     expected=tr("a header row"), code="unreadable_file"))
    if defects:
        raise TableReadError(defects[0], defects)
    return header, rows


def _xlsx_defects(path: Path, sheet, columns: dict[int, str], file: str) -> list[Problem]:
    """Cells the values alone would hide: merged ranges (only their first cell holds the
    value) and formulas without a saved result (Excel keeps the last result it computed; a
    file written by another program may have none)."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import column_index_from_string, range_boundaries

    member = getattr(sheet, "_worksheet_path", None)  # where openpyxl read the sheet from
    if not member:
        return []
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    problems = []

    def problem(ref: str, column_number: int, row: int, what: str, expected: str) -> Problem:
        column = columns.get(column_number - 1)
        return Problem(file, f"{column + ': ' if column else ''}{what}", row=row,
                       column=column, expected=expected, code="unreadable_file")

    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as xml:
        for _, element in iterparse(xml):
            if element.tag == f"{ns}mergeCell":
                ref = element.get("ref", "")
                first_col, first_row, _, _ = range_boundaries(ref)
                problems.append(problem(
                    ref, first_col, first_row,
                    tr("cells {ref} are merged: only the first holds a value, and the others "
                       "would be read as empty", ref=ref),
                    tr("one value per cell: unmerge the cells and fill each one")))
            elif element.tag == f"{ns}c":
                formula, value = element.find(f"{ns}f"), element.find(f"{ns}v")
                if formula is not None and (value is None or not (value.text or "")):
                    ref = element.get("r", "")
                    letters = ref.rstrip("0123456789")
                    problems.append(problem(
                        ref, column_index_from_string(letters) if letters else 0,
                        int(ref[len(letters):] or 0) or None,
                        tr("cell {ref} holds a formula (={formula}) with no saved result",
                           ref=ref, formula=formula.text or ""),
                        tr("values: open the workbook in Excel and save it, or paste the cells "
                           "as values")))
                element.clear()
    return problems


def _pick_sheet(book, stem: str):
    """The sheet named after the table if there is one, else the first sheet with data."""
    for sheet in book.worksheets:
        if sheet.title.strip().lower() == stem.lower():
            return sheet
    for sheet in book.worksheets:
        if sheet.max_row and sheet.max_row > 1:
            return sheet
    return book.worksheets[0]


def excel_text(value) -> str:
    """A cell's value as the text cjm reads: dates ISO, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):  # Excel keeps a date as a time at midnight
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep="T", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _clean(cell) -> str:
    return str(cell).replace("\u00a0", " ").strip()

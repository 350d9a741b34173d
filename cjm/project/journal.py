"""Saving what the live widgets change: scores appended to the evaluation journal, a
touchpoint's moment of truth, the priority weights in project.yaml.

`evaluations.csv` is append-only: a scoring adds one complete row, never rewrites one. Every
save takes the project's lock (a `.cjm.lock` file in the project folder), so that two notebooks
saving at the same moment queue up instead of losing or interleaving rows, and appends the
rows' bytes in one synced write; a last line a crash cut short is moved aside by the next save.
The file keeps its dialect: separator, encoding and line endings as the analyst's spreadsheet
wrote them. A save costs the size of its rows: the whole file is checked once per process, and
each later save checks only the bytes added since (by this or any other process).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import numbers
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from ..errors import ArgumentError, JournalConverted, Problem, UsageError, shown
from ..messages import tr
from ..periods import is_period, period_expected
from .checks import CONTROL, id_problem
from .config import CONFIG_FILE, PriorityWeights
from .readers import (
    binary_problem,
    decode,
    encoding_of,
    mixed_encoding_problem,
    normalise_header,
    sniff_separator,
)
from .schemas import SOURCES
from .writers import write_bytes

JOURNAL_COLUMNS = ["recorded_at", "period", "assessor", "persona_id", "touchpoint_id",
                   "satisfaction", "effort", "importance", "emotion", "thought", "pain_point",
                   "source"]
REQUIRED = ("recorded_at", "period", "persona_id", "touchpoint_id")
LOCK_NAME = ".cjm.lock"
LOCK_TIMEOUT = 30  # seconds to wait for another notebook's save before giving up


def project_lock(folder: Path) -> FileLock:
    """The lock every save into the project's tables holds."""
    return FileLock(Path(folder) / LOCK_NAME, timeout=LOCK_TIMEOUT)


def now() -> str:
    """The current local time as journal rows record it (ISO 8601, to the second)."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


@dataclass
class Dialect:
    """How a CSV file is written: separator, encoding, BOM and line ending."""

    separator: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @classmethod
    def of(cls, data: bytes) -> Dialect:
        first = _first_line(data)
        return cls(separator=sniff_separator(first), encoding=encoding_of(data),
                   bom=data.startswith(b"\xef\xbb\xbf"),
                   newline="\r\n" if b"\r\n" in data[:HEAD] else "\n")

    def encode(self, text: str) -> bytes:
        """`text` in the file's encoding; UnicodeEncodeError when it cannot hold a character
        (never a silent `?`)."""
        return text.encode(self.encoding)

    def file(self, header: list[str], rows) -> bytes:
        """A whole file: the header, then each row padded to the header's width."""
        text = self.line(header) + "".join(
            self.line(cells + [""] * (len(header) - len(cells))) for cells in rows)
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.encode(text)

    def line(self, cells: list) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=self.separator, lineterminator=self.newline).writerow(
            ["" if cell is None else _cell(cell, self.separator) for cell in cells])
        return out.getvalue()


def append_scores(folder: Path, rows: list[dict]) -> Path:
    """Append `rows` (dicts keyed by JOURNAL_COLUMNS) to the project's evaluations.csv.

    Creates the file with the standard header when the project has none. Columns the file
    lacks are added to its header (earlier rows get empty cells); columns it has beyond
    JOURNAL_COLUMNS are left empty in the new rows.
    """
    folder = Path(folder)
    if (folder / "evaluations.xlsx").exists() and not (folder / "evaluations.csv").exists():
        raise UsageError(tr("evaluations.xlsx: scores are saved to evaluations.csv; export the "
                            "journal to CSV (same columns) to score with the widgets"))
    check_rows(rows)
    with project_lock(folder):
        return append_locked(folder, rows)


def check_rows(rows: list[dict]) -> None:
    """ArgumentError or UsageError for a row the journal could not take or read back."""
    unknown = {key for row in rows for key in row} - set(JOURNAL_COLUMNS)
    if unknown:
        raise ArgumentError(tr("not journal columns: {columns}",
                               columns=", ".join(sorted(unknown))))
    for row in rows:
        empty = [key for key in REQUIRED if row.get(key) in (None, "")]
        if empty:
            raise ArgumentError(tr("a journal row needs {columns}: {row}",
                                   columns=", ".join(empty), row=row))
        refuse_row(row)


def append_locked(folder: Path, rows: list[dict]) -> Path:
    """`append_scores` for a caller that already holds the project's lock and checked the
    rows. The rows' bytes are appended in one write and synced; the file is replaced
    (atomically) only when it is new, gains columns or must change its encoding. A last line
    a crash cut short is moved aside first, never read as a row."""
    path = Path(folder) / "evaluations.csv"
    known = _CHECKED.get(path)
    if known is None or not _append_checked(path, rows, known):
        _append_whole(path, rows)
    return path


@dataclass
class _Checked:
    """What an earlier save of this process checked of a journal: its first bytes, its size
    then and the bytes just before that size (the file may only have grown since), the
    parity of its quotes and its encoding."""

    key: tuple[int, int]
    size: int
    head: bytes
    edge: bytes
    quotes: int
    encoding: str

    @classmethod
    def of(cls, path: Path, data: bytes, encoding: str) -> _Checked:
        stat = path.stat()
        return cls((stat.st_dev, stat.st_ino), len(data), data[:HEAD], data[-EDGE:],
                   data.count(b'"') % 2, encoding)


_CHECKED: dict[Path, _Checked] = {}
EDGE = 4096  # bytes before the checked size that must be unchanged for the check to hold


def _append_checked(path: Path, rows: list[dict], known: _Checked) -> bool:
    """Append `rows` checking only the bytes added since `known`; False (nothing written)
    when the file changed otherwise or anything needs more than an append."""
    if not path.is_file():
        return False
    with open(path, "r+b") as handle:
        stat = os.fstat(handle.fileno())
        if (stat.st_dev, stat.st_ino) != known.key or stat.st_size < known.size:
            return False
        head = handle.read(len(known.head))
        handle.seek(known.size - len(known.edge))
        if head != known.head or handle.read(len(known.edge)) != known.edge:
            return False
        grown = handle.read()
        quotes = (known.quotes + grown.count(b'"')) % 2
        if quotes or b"\x00" in grown or (
                not grown.isascii() and encoding_of(grown) != known.encoding):
            return False  # the whole check names the problem
        tail = (known.edge + grown)[-HEAD:]
        dialect = Dialect.of(head)
        dialect.encoding = known.encoding
        names = [normalise_header(cell) for cell in _header(head, dialect)]
        if (not _encodable(rows, dialect) or torn_tail(tail, dialect, len(names))
                or any(column not in names for column in JOURNAL_COLUMNS)):
            return False
        added = dialect.encode("".join(dialect.line([row.get(name) for name in names])
                                       for row in rows))
        lead = b"" if tail.endswith((b"\n", b"\r")) else dialect.encode(dialect.newline)
        handle.seek(0, os.SEEK_END)
        handle.write(lead + added)  # the new rows' bytes only, in one write
        handle.flush()
        os.fsync(handle.fileno())
    end = tail + lead + added
    known.size, known.edge = stat.st_size + len(lead + added), end[-EDGE:]
    known.quotes = (quotes + (lead + added).count(b'"')) % 2
    return True


def _append_whole(path: Path, rows: list[dict]) -> None:
    """`append_locked` reading and checking the whole file (the first save of a process, or
    one that must do more than append)."""
    _CHECKED.pop(path, None)
    data = path.read_bytes() if path.exists() else b""
    refuse_damaged(data, path.name)
    dialect = Dialect.of(data) if data.strip() else Dialect()
    converted = dialect.encoding != "utf-8" and not _encodable(rows, dialect)
    if converted:
        data, dialect = _to_utf8(data, dialect, path)
    header = _header(data, dialect)
    names = [normalise_header(cell) for cell in header]
    torn = torn_tail(data, dialect, len(names))
    if torn:
        keep_torn(path, data[len(data) - torn:])
        data = data[:len(data) - torn]
        if not converted:
            with open(path, "r+b") as handle:
                handle.truncate(len(data))
    missing = [column for column in JOURNAL_COLUMNS if column not in names]
    added = dialect.encode("".join(dialect.line([row.get(name) for name in names + missing])
                                   for row in rows))
    lead = b"" if not data or data.endswith((b"\n", b"\r")) else dialect.encode(
        dialect.newline)
    if missing:  # a new file, or a new header (earlier rows padded): one atomic replace
        data = dialect.file(header + missing, _rows(_split(data, dialect)[1], dialect)) + added
        write_bytes(path, data)
    elif converted:  # every row re-encoded: one atomic replace
        data = data + lead + added
        write_bytes(path, data)
    else:
        with open(path, "ab") as handle:  # the new rows' bytes only, in one write
            handle.write(lead + added)
            handle.flush()
            os.fsync(handle.fileno())
        data = data + lead + added
    _CHECKED[path] = _Checked.of(path, data, dialect.encoding)


def torn_tail(data: bytes, dialect: Dialect, width: int) -> int:
    """The length of a last line cut short by a crash during a save (no line end, fewer cells
    than the header or a quote left open), else 0. A complete last row without a line end,
    as editors save them, is not torn."""
    if not data or data.endswith((b"\n", b"\r")):
        return 0
    start = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
    if start == 0:
        return 0  # the header alone
    tail = data[start:]
    if tail.count(b'"') % 2:
        return len(tail)
    cells = next(csv.reader([decode(tail)], delimiter=dialect.separator), [])
    return len(tail) if len(cells) < width else 0


def torn_row(path: Path, width: int) -> bool:
    """True when the journal at `path` ends with a row a crash cut short (see `torn_tail`),
    read from its first and last 64 KiB only."""
    with open(path, "rb") as handle:
        head = handle.read(65536)
        handle.seek(0, os.SEEK_END)
        handle.seek(max(0, handle.tell() - 65536))
        tail = handle.read()
    return bool(tail) and torn_tail(tail if b"\n" in tail else head, Dialect.of(head),
                                    width) > 0


def keep_torn(path: Path, torn: bytes) -> Path:
    """Keep the bytes of a torn last line beside the journal, and say so."""
    kept = path.with_name(f"{path.name}.torn-{dt.datetime.now():%Y%m%d-%H%M%S}")
    write_bytes(kept, torn)
    warnings.warn(tr("{file} ended with a row cut short (a save interrupted): it was moved "
                     "to {kept} before the new rows were added", file=path.name,
                     kept=kept.name), JournalConverted, stacklevel=4)
    return kept


def refuse_row(row: dict) -> None:
    """UsageError when a score could not be read back: the journal is append-only, so a row
    that validation would refuse could never be taken out again."""
    def bad(reason: str, key: str):
        raise UsageError(tr("not saved: {key} {value} {reason}", key=key,
                            value=shown(row.get(key)), reason=reason))

    if not is_period(str(row["period"])):
        bad(tr("is not {expected}", expected=period_expected()), "period")
    for key in ("persona_id", "touchpoint_id"):
        if id_problem(str(row[key])):
            bad(id_problem(str(row[key])), key)
    for key in ("satisfaction", "effort", "importance", "emotion"):
        value = row.get(key)
        if value is not None and not (isinstance(value, numbers.Real)
                                      and not isinstance(value, bool) and math.isfinite(value)):
            bad(tr("is not a number"), key)
    if row.get("source") not in (None, "", *SOURCES):
        bad(tr("is not one of: {values}", values=", ".join(SOURCES)), "source")
    for key in ("assessor", "thought", "pain_point"):
        value = row.get(key)
        if isinstance(value, str) and CONTROL.search(value):
            bad(tr("contains a control character"), key)


def refuse_damaged(data: bytes, file: str) -> None:
    """UsageError when the journal cannot take a row as it is: not a text file, two
    encodings, or a quote left open (the new row would land inside the open cell)."""
    problem = binary_problem(data, file) or mixed_encoding_problem(data, file)
    if problem is None and data.count(b'"') % 2:
        problem = Problem(file, tr("has a quote (\") that is never closed"),
                          expected=tr("quotes in pairs; run cjm validate to find the row"),
                          code="unreadable_file")
    if problem is not None:
        raise UsageError(tr("not saved: {problem}; fix the file first (nothing was written)",
                            problem=problem))


def _encodable(rows: list[dict], dialect: Dialect) -> bool:
    try:
        for row in rows:
            dialect.encode(dialect.line(list(row.values())))
    except UnicodeEncodeError:
        return False
    return True


def _to_utf8(data: bytes, dialect: Dialect, path: Path) -> tuple[bytes, Dialect]:
    """The journal's bytes re-encoded as UTF-8 with a BOM (Excel reads it as UTF-8), for a
    score whose text its Windows-1252 encoding cannot hold: every row kept, every character
    the same, and a warning that says so."""
    converted = Dialect(dialect.separator, "utf-8", True, dialect.newline)
    text = decode(data)
    warnings.warn(tr("{file} was saved as Windows-1252, which cannot hold the text just "
                     "scored: it is now saved as UTF-8 (every row kept)", file=path.name),
                  JournalConverted, stacklevel=3)
    return b"\xef\xbb\xbf" + text.encode("utf-8"), converted


def set_moment_of_truth(folder: Path, touchpoint_id: str, value: bool) -> Path:
    """Set a touchpoint's moment_of_truth in touchpoints.csv, every other cell untouched.

    Written as the file already writes booleans (yes/no, true/false, oui/non or 1/0)."""
    folder = Path(folder)
    path = folder / "touchpoints.csv"
    if not path.exists():
        raise UsageError(tr("touchpoints.csv: moments of truth are saved to touchpoints.csv; "
                            "export the touchpoints to CSV to set them with the widgets"))
    with project_lock(folder):
        data = path.read_bytes()
        dialect = Dialect.of(data)
        header, body = _split(data, dialect)
        names = [normalise_header(cell) for cell in header]
        rows = list(_rows(body, dialect))
        if "moment_of_truth" not in names:
            header, names = header + ["moment_of_truth"], names + ["moment_of_truth"]
        column, key = names.index("moment_of_truth"), names.index("touchpoint_id")
        words = _boolean_words([cells[column] for cells in rows if len(cells) > column])
        found = False
        for cells in rows:
            cells += [""] * (len(header) - len(cells))  # the column may be new, or cells short
            if cells[key].strip() == str(touchpoint_id):
                cells[column] = words[0] if value else words[1]
                found = True
        if not found:
            raise UsageError(tr("touchpoints.csv: no touchpoint '{touchpoint}'",
                                touchpoint=touchpoint_id))
        write_bytes(path, dialect.file(header, rows))
    return path


HEAD = 65536  # bytes that hold a table's header line


def _first_line(data: bytes) -> str:
    """The first line with text, read from the file's first bytes (not the whole file)."""
    lines = decode(data[:HEAD]).splitlines()
    return next((line for line in lines if line.strip()), "")


def _header(data: bytes, dialect: Dialect) -> list[str]:
    """The header cells, read from the file's first bytes."""
    first = _first_line(data)
    return next(csv.reader([first], delimiter=dialect.separator)) if first else []


def _split(data: bytes, dialect: Dialect) -> tuple[list[str], str]:
    """The header cells and the text after the header line."""
    text = decode(data)
    if not text.strip():
        return [], ""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip())
    header = next(csv.reader([lines[start]], delimiter=dialect.separator))
    return header, "".join(lines[start + 1:])


def _rows(body: str, dialect: Dialect):
    for cells in csv.reader(io.StringIO(body, newline=""), delimiter=dialect.separator):
        if any(cell.strip() for cell in cells):
            yield cells


def _boolean_words(values: list[str]) -> tuple[str, str]:
    """(true, false) words in the style the column already uses; yes/no by default."""
    pairs = [("yes", "no"), ("true", "false"), ("oui", "non"), ("1", "0"), ("vrai", "faux")]
    seen = {value.strip() for value in values if value.strip()}
    for yes, no in pairs:
        for case in (str.lower, str.capitalize, str.upper):
            if seen & {case(yes), case(no)}:
                return case(yes), case(no)
    return "yes", "no"


def _cell(value, separator: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        return text.replace(".", ",") if separator == ";" else text
    return str(value)


def save_priority_weights(folder: Path, weights: dict[str, float]) -> Path:
    """Write the priority weights to the project's project.yaml, atomically.

    Only the `priority` values change: every other line, comment and style stays as the
    analyst wrote it (a round trip with ruamel.yaml). Raises ValueError for weights that
    PriorityWeights refuses (negative, all zero, unknown names)."""
    from ruamel.yaml import YAML

    checked = PriorityWeights(**weights).model_dump()
    path = Path(folder) / CONFIG_FILE
    with project_lock(folder):
        data = path.read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        round_trip = YAML()
        round_trip.preserve_quotes = True
        round_trip.width = 4096  # never re-wrap the analyst's long lines
        document = round_trip.load(data.decode("utf-8-sig"))
        priority = document.get("priority")
        if hasattr(priority, "items"):
            for key, value in checked.items():
                priority[key] = value
        else:
            document["priority"] = checked
        out = io.StringIO()
        round_trip.dump(document, out)
        write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return path

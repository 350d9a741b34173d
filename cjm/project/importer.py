"""Bringing a workbook into a project: validated as a whole first (every problem named by its
sheet, row and column), then written; nothing changes when anything is wrong.

The workbook's tables replace the project's (in the format and dialect the project already
keeps them); its settings change only the settings they give, comments kept; the journal only
gains the workbook's evaluation rows it does not hold yet: it is never rewritten.
"""

from __future__ import annotations

import io
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import yaml

from ..errors import ValidationError
from ..messages import tr, tr_n
from .config import CONFIG_FILE, read_config
from .journal import JOURNAL_COLUMNS, Dialect, append_locked, check_rows, project_lock
from .model import validate_project
from .parsing import parse_table
from .readers import TABLE_SUFFIXES, find_table, read_table
from .schemas import TABLES
from .scratch import make_dir
from .workbook import WorkbookTables, read_workbook, settings_yaml
from .writers import write_bytes


@dataclass
class ImportReport:
    """What an import changed: tables replaced, settings changed, evaluation rows added to the
    journal and those it already held, what the workbook held that cjm left out."""

    tables: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    added: int = 0
    already: int = 0
    ignored: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines a person reads."""
        lines = []
        if self.tables:
            lines.append(tr("tables changed: {tables}", tables=", ".join(self.tables)))
        else:
            lines.append(tr("tables: no change"))
        if self.settings:
            lines.append(tr("settings changed: {settings}", settings=", ".join(self.settings)))
        lines.append(tr_n("journal: {count} evaluation row added, {already} already there",
                          "journal: {count} evaluation rows added, {already} already there",
                          self.added, already=self.already))
        lines += [tr("left out: {what}", what=what) for what in self.ignored]
        return lines


def import_workbook(folder: Path, path: Path) -> ImportReport:
    """Import the workbook at `path` into the project in `folder` (see the module's text).
    Raises ValidationError (nothing written) when the project it would make has problems."""
    folder, path = Path(folder), Path(path)
    content = read_workbook(path)
    report = ImportReport(ignored=list(content.ignored))
    with project_lock(folder):
        staging = make_dir(folder.parent, f".{folder.name}.import.")
        try:
            settings = sheet_settings(content, staging)
            current = (folder / CONFIG_FILE).read_text(encoding="utf-8-sig")
            merged, report.settings = merged_settings(current, settings)
            problems = settings_problems(content, staging, merged)
            if problems:
                raise ValidationError(problems)
            for stem in TABLES:
                source = find_table(folder, stem)
                if source is not None and stem not in content.tables:
                    shutil.copy2(source, staging / source.name)
            new_rows, report.already, rows = new_scores(folder, content)
            problems = blocking(validate_project(staging, content.tables), content, rows)
            if problems:
                raise ValidationError(problems)
            check_rows(new_rows)
            writes = {}
            for stem, (_, raw) in content.tables.items():
                if stem != "evaluations" and not _same_table(folder, stem, raw):
                    name, data = table_file(folder, stem, raw, _language(merged))
                    writes[name] = data
                    report.tables.append(stem)
            if report.settings:
                writes[CONFIG_FILE] = merged.encode("utf-8")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for name, data in writes.items():  # every check passed: now the writes
            write_bytes(folder / name, data)
        if new_rows:
            append_locked(folder, new_rows)
        report.added = len(new_rows)
    return report


def sheet_settings(content: WorkbookTables, staging: Path) -> dict:
    """The settings the workbook gives, by name; ValidationError naming the settings sheet's
    row when one is not YAML."""
    if not content.settings_file:
        return {}
    text = settings_yaml(content.settings)
    (staging / CONFIG_FILE).write_text(text, encoding="utf-8")
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        _, problems = read_config(staging)
        raise ValidationError([content.located(p) for p in problems]) from None


def settings_problems(content: WorkbookTables, staging: Path, text: str) -> list:
    """The problems of settings `text` written in `staging`, those of a setting the workbook
    gave named by its row of the settings sheet."""
    (staging / CONFIG_FILE).write_text(text, encoding="utf-8")
    rows = {key: row for row, key, _ in content.settings}
    located = []
    for problem in read_config(staging)[1]:
        top = (problem.column or "").split(".")[0]
        if content.settings_file and top in rows:
            problem = replace(problem, file=content.settings_file, row=rows[top])
        located.append(problem)
    return located


def merged_settings(text: str, values: dict) -> tuple[str, list[str]]:
    """`text` (a project.yaml) with `values` set, every other line and comment as it was; and
    the names of the settings that changed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    document = round_trip.load(text) or CommentedMap()
    plain = yaml.safe_load(text) or {}
    changed = []
    for key, value in values.items():
        if plain.get(key) == value:
            continue
        changed.append(key)
        document[key] = _flow(value, CommentedMap, CommentedSeq)
    out = io.StringIO()
    round_trip.dump(document, out)
    return out.getvalue(), changed


def _flow(value, mapping, sequence):
    """`value` written on one line (`[a, b]`, `{a: 1}`), as project.yaml writes lists."""
    if isinstance(value, dict):
        node = mapping({key: _flow(item, mapping, sequence) for key, item in value.items()})
    elif isinstance(value, list):
        node = sequence([_flow(item, mapping, sequence) for item in value])
    else:
        return value
    node.fa.set_flow_style()
    return node


def _same_table(folder: Path, stem: str, raw: pd.DataFrame) -> bool:
    """True when the project's table `stem` reads as `raw` does (the same values, however
    written: an unchanged table is not rewritten)."""
    path = find_table(folder, stem)
    if path is None:
        return False
    model = TABLES[stem]
    try:
        held, _ = parse_table(read_table(path), model, path.name)
    except Exception:  # an unreadable table is replaced
        return False
    incoming, _ = parse_table(raw, model, path.name)
    return _plain(held).equals(_plain(incoming))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reset_index(drop=True).astype(str).sort_index(axis=1)


def _language(settings_text: str) -> str:
    return (yaml.safe_load(settings_text) or {}).get("language", "en")


def blocking(problems: list, content: WorkbookTables, new_rows: set[int] | None = None
             ) -> list:
    """The problems that stop an import, named by sheet: errors, and the warnings of the
    evaluation rows it would add (a row out of scale or of an unknown touchpoint stays a
    warning in the journal, never a row to add to it). `new_rows`: the sheet's rows to add
    (None: all of them)."""
    sheet = content.tables.get("evaluations", (None,))[0]
    stopping = []
    for problem in problems:
        if problem.severity != "error":
            rows = set(problem.rows or (problem.row,))
            if problem.file != sheet or (new_rows is not None and not rows & new_rows):
                continue
            expected = (problem.expected or "").split(";")[0].strip() or None
            problem = replace(problem, severity="error", expected=expected)
        stopping.append(content.located(problem))
    return stopping


def new_scores(folder: Path, content: WorkbookTables) -> tuple[list[dict], int, set[int]]:
    """The workbook's evaluation rows the journal does not hold yet, as journal rows; how many
    it already holds (compared as read, so that `oui` and `yes` or `2026-S1` and `2026-H1` are
    the same); and the sheet's row numbers of the new ones."""
    if "evaluations" not in content.tables:
        return [], 0, set()
    file, raw = content.tables["evaluations"]
    model = TABLES["evaluations"]
    incoming, _ = parse_table(raw, model, file)
    held: Counter = Counter()
    journal = find_table(folder, "evaluations")
    if journal is not None:
        existing, _ = parse_table(read_table(journal), model, journal.name)
        held.update(_key(row) for _, row in existing.iterrows())
    rows, already, numbers = [], 0, set()
    for number, row in incoming.iterrows():
        key = _key(row)
        if held[key] > 0:
            held[key] -= 1
            already += 1
        else:
            rows.append({column: _journal_value(row.get(column)) for column in JOURNAL_COLUMNS
                         if column in incoming.columns})
            numbers.add(number)
    return rows, already, numbers


def _key(row: pd.Series) -> tuple:
    return tuple("" if _missing(row.get(column)) else str(_journal_value(row.get(column)))
                 for column in JOURNAL_COLUMNS)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, list | tuple) and pd.isna(value))


def _journal_value(value):
    """A typed cell as the journal writes it: ISO times, whole numbers without `.0`."""
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def table_file(folder: Path, stem: str, raw: pd.DataFrame, language: str
               ) -> tuple[str, bytes]:
    """The name and bytes of table `stem` holding `raw`'s cells as the analyst typed them: in
    the file the project keeps it in (its CSV dialect, or a workbook); a new table as CSV,
    with `;` and a BOM for a French project, as French Excel opens it."""
    existing = find_table(folder, stem)
    header = list(raw.columns)
    rows = raw.fillna("").astype(str).values.tolist()
    if existing is not None and existing.suffix.lower() == ".xlsx":
        return existing.name, _sheet_bytes(stem, header, rows)
    if existing is not None:
        dialect = Dialect.of(existing.read_bytes())
    elif language == "fr":
        dialect = Dialect(separator=";", bom=True)
    else:
        dialect = Dialect()
    try:
        data = dialect.file(header, rows)
    except UnicodeEncodeError:  # a Windows-1252 file cannot hold the new text: UTF-8 + BOM
        dialect = Dialect(dialect.separator, "utf-8", True, dialect.newline)
        data = dialect.file(header, rows)
    return (existing.name if existing is not None else f"{stem}{TABLE_SUFFIXES[0]}"), data


def _sheet_bytes(title: str, header: list[str], rows: list[list[str]]) -> bytes:
    """A one-sheet workbook of text cells (never formulas)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for r, cells in enumerate([header, *rows], start=1):
        for c, value in enumerate(cells, start=1):
            if value != "":
                cell = sheet.cell(row=r, column=c, value=value)
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

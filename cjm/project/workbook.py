"""A project as one Excel workbook, a sheet per table: the names of its sheets and headers in
English and French, and reading one back into tables and settings (validated by the caller).

Sheets are matched by name in either language, case, accents and spaces aside
(`Points de contact`, `touchpoints`, `TOUCHPOINTS`); headers likewise (`touchpoint_id`,
`Touchpoint id`, `Identifiant point de contact`). Sheets and columns cjm does not know are
left out, and said so. Cells are read as Excel saved their values: never as formulas.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import yaml

from ..errors import Problem, TableReadError, folded
from ..labels import label
from ..messages import tr
from .readers import excel_text, normalise_header, open_workbook, read_table
from .schemas import TABLES, WIDE_TABLES

SHEETS = {  # table -> its sheet's name in English and French
    "personas": {"en": "Personas", "fr": "Personas"},
    "goals": {"en": "Goals", "fr": "Objectifs"},
    "touchpoints": {"en": "Touchpoints", "fr": "Points de contact"},
    "evaluations": {"en": "Evaluations", "fr": "Évaluations"},
    "survey": {"en": "Survey", "fr": "Enquête"},
    "barometer": {"en": "Barometer", "fr": "Baromètre"},
    "actions": {"en": "Actions", "fr": "Actions"},
}
SETTINGS_SHEET = {"en": "Project", "fr": "Projet"}
README_SHEET = {"en": "Read me", "fr": "Lisez-moi"}
LISTS_SHEET = {"en": "Lists", "fr": "Listes"}  # hidden: the closed values' lists
SETTINGS_HEADER = {"en": ("setting", "value", "meaning"), "fr": ("paramètre", "valeur", "sens")}
SETTING_WORDS = {  # a setting's name -> how an analyst may write it in the settings sheet
    "name": ["nom", "project name", "nom du projet"], "language": ["langue"],
    "map_type": ["map type", "type de carte"], "stages": ["étapes", "etapes"],
    "channels": ["canaux"], "scales": ["échelles", "echelles"],
    "effort_direction": ["effort direction", "sens de l'effort"],
    "priority": ["priorité", "poids de priorité", "priority weights"],
    "review": ["revue"], "optional_stages": ["optional stages", "étapes facultatives"],
}
LIST_SETTINGS = {"stages", "channels", "optional_stages"}


def sheet_name(table: str, language: str) -> str:
    """The name of `table`'s sheet in `language`."""
    return SHEETS[table].get(language, SHEETS[table]["en"])


def header(column: str, language: str) -> str:
    """The header of `column` in `language`: the column's own name in English (the data
    contract, as in the CSV files), its French name in French."""
    return column if language == "en" else label(column, language)


def table_of_sheet(title: str) -> str | None:
    """The table a sheet called `title` holds, or None."""
    key = folded(title)
    for table, names in SHEETS.items():
        if key in {folded(table), *(folded(name) for name in names.values())}:
            return table
    return None


def _is(title: str, names: dict[str, str], *more: str) -> bool:
    return folded(title) in {folded(name) for name in (*names.values(), *more)}


def column_of_header(text: object) -> str:
    """The column a header names: its own name, or its English or French label; else the
    header as `normalise_header` writes it (a column cjm does not know)."""
    name = normalise_header(text)
    return _HEADERS.get(folded(str(text if text is not None else ""))) or name


_HEADERS = {folded(words): column
            for model in TABLES.values() for column in model.to_schema().columns
            for words in (column, label(column, "en"), label(column, "fr"))}


@dataclass
class WorkbookTables:
    """What a workbook holds: each table's raw frame (stripped strings indexed by the sheet's
    row numbers) with the name problems give it, the settings rows, what was left out."""

    path: Path
    tables: dict[str, tuple[str, pd.DataFrame]] = field(default_factory=dict)
    settings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, key, value)
    settings_file: str | None = None
    ignored: list[str] = field(default_factory=list)

    def located(self, problem: Problem, settings_file: str = "project.yaml") -> Problem:
        """`problem` as found in the workbook: a table's file, or project.yaml, named as the
        sheet it came from."""
        names = {f"{table}.csv": file for table, (file, _) in self.tables.items()}
        if self.settings_file:
            names[settings_file] = self.settings_file
        return replace(problem, file=names.get(problem.file, problem.file))


def sheet_label(path: Path, title: str) -> str:
    """How problems name a sheet: `projet.xlsx [Points de contact]` (a name with control
    characters written as escapes, never sent raw to a terminal)."""
    return f"{Path(path).name} [{title if title.isprintable() else repr(title)[1:-1]}]"


def read_workbook(path: Path) -> WorkbookTables:
    """The tables and settings of the workbook at `path`. Raises TableReadError with every
    problem of its sheets (a sheet that cannot be read, a table given twice)."""
    path = Path(path)
    book = open_workbook(path)  # once: openpyxl scans every sheet each time it opens a file
    try:
        found, problems, titles = _read_sheets(path, book)
    finally:
        book.close()
    if not found.tables and not found.settings_file and not problems:
        problems.append(Problem(path.name, tr("holds no sheet cjm knows (sheets: {sheets})",
                                              sheets=", ".join(titles)),
                                expected=tr("sheets named {names}", names=", ".join(
                                    sheet_name(table, "en") for table in SHEETS)),
                                code="missing_file"))
    if problems:
        raise TableReadError(problems[0], problems)
    return found


def _read_sheets(path: Path, book) -> tuple[WorkbookTables, list[Problem], list[str]]:
    """The tables and settings of the open workbook `book`, the problems of its sheets, and
    its sheets' names."""
    titles = list(book.sheetnames)
    found = WorkbookTables(path)
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for title in titles:
        table = table_of_sheet(title)
        if table is None:
            if _is(title, SETTINGS_SHEET, "settings", "paramètres"):
                found.settings_file = sheet_label(path, title)
                try:
                    found.settings = _settings_rows(book, title)
                except TableReadError as exc:
                    problems += exc.problems
            elif not (_is(title, README_SHEET) or _is(title, LISTS_SHEET)):
                found.ignored.append(tr("sheet '{sheet}'", sheet=title))
            continue
        file = sheet_label(path, title)
        if table in seen:
            problems.append(Problem(file, tr("holds the {table} table, which sheet '{other}' "
                                             "holds too", table=table, other=seen[table]),
                                    expected=tr("one sheet per table"), code="duplicate"))
            continue
        seen[table] = title
        try:
            raw = read_table(path, sheet=title, file=file, headers=column_of_header,
                             book=book)
        except TableReadError as exc:
            problems += exc.problems
            continue
        known = list(TABLES[table].to_schema().columns)
        extra = [] if table in WIDE_TABLES else [c for c in raw.columns if c not in known]
        if extra:
            found.ignored.append(tr("columns {columns} of sheet '{sheet}'",
                                    columns=", ".join(map(repr, extra)), sheet=title))
        found.tables[table] = (file, raw.drop(columns=extra))
    return found, problems, titles


def _settings_rows(book, title: str) -> list[tuple[int, str, str]]:
    """(row, setting, value) of the settings sheet: a setting's name in column A, its value in
    column B; a first row that names the columns is skipped."""
    rows = []
    for number, values in enumerate(book[title].iter_rows(max_col=2, values_only=True), 1):
        key, value = (list(values) + [None, None])[:2]
        key = "" if key is None else str(key).strip()
        if not key or (not rows and folded(key) in {folded(words[0]) for words in
                                                    SETTINGS_HEADER.values()}):
            continue
        key = _SETTING_KEYS.get(folded(key), key)
        rows.append((number, key, _setting_text(value, key in LIST_SETTINGS)))
    return rows


_SETTING_KEYS = {folded(word): key for key, words in SETTING_WORDS.items()
                 for word in (key, *words)}


def _setting_text(value, listed: bool = False) -> str:
    """A settings cell as YAML text; a list setting written as `a | b` or `a; b` (or with
    commas) becomes `[a, b]`."""
    if listed and value is not None and not str(value).strip().startswith("["):
        text = str(value)
        separator = next((mark for mark in ("|", ";", "\n", ",") if mark in text), None)
        items = [item.strip() for item in text.split(separator)] if separator else [text]
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False)
                               for item in items if item) + "]"
    return excel_text(value).strip()


def settings_yaml(rows: list[tuple[int, str, str]]) -> str:
    """The settings rows as project.yaml text whose line N is the sheet's row N (so that a
    problem's line is the row to fix): lists and mappings written as YAML (`[a, b]`), any
    other value as the text it is."""
    lines = [""] * (max((row for row, _, _ in rows), default=0))
    for row, key, value in rows:
        lines[row - 1] = f"{json.dumps(key)}: {_yaml_value(value)}"
    return "\n".join(lines) + "\n"


def _yaml_value(text: str) -> str:
    if not text:
        return '""'
    if text.startswith(("[", "{")) and text.isprintable():  # one line: a row stays a line
        return text
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError:
        parsed = text
    if isinstance(parsed, int | float) and not isinstance(parsed, bool):
        return text
    return json.dumps(text, ensure_ascii=False)

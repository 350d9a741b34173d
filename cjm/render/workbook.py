"""The ranked action plan as an Excel workbook (`actions.xlsx`), for the managers who will
not open a notebook: a first sheet that says what the workbook holds, how actions are ranked and
what each column means; then the plan and the touchpoint priorities with a bold, frozen,
filtered header in the project's language, number and date formats, overdue actions in red,
yes/no words, text that Excel can never run as a formula, and pages that print (A4 landscape,
one page wide, the header row on every page, the title and page numbers)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..labels import LABELS, label, say
from ..labels.numbers import pct
from ..project.writers import atomic_path, neutralise
from .theme import current_language

ACTIONS_FILE = "actions.xlsx"

_HEADER_KEYS = {"title": "action", "touchpoint": "touchpoint", "name": "touchpoint"}
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_OVERDUE_FILL = PatternFill("solid", start_color="FDECEA", end_color="FDECEA")
_OVERDUE_FONT = Font(bold=True, color="C0504D")
_DATE_FORMATS = {"en": "yyyy-mm-dd", "fr": "dd/mm/yyyy"}
_NUMBER_FORMATS = {"confidence": "0%", "priority": "0.0", "touchpoint_priority": "0.0",
                   "score": "0.0"}
_WRAPPED = {"title", "touchpoint", "name", "reason"}  # long texts wrap instead of widening
_COMPONENTS = {"gap": "gap", "importance": "importance_c", "reach": "reach",
               "moment_of_truth": "moment_of_truth_c", "effort": "effort_c"}


def export_actions(ranked: pd.DataFrame, path, *, language: str | None = None,
                   title: str | None = None, priorities: pd.DataFrame | None = None,
                   project=None, period: str | None = None,
                   sheets: dict[str, pd.DataFrame] | None = None,
                   formats: dict[str, dict[str, str]] | None = None) -> Path | None:
    """Write the ranked action plan as an Excel workbook, atomically; return its path (None,
    writing nothing, when `path` is empty, as a notebook's empty `output_dir` is).

    `path` is the workbook file, or a folder to write `actions.xlsx` into. Sheets: "Read me"
    (what the workbook holds, the ranking rule with the `project`'s priority weights, every
    column), "Action plan", "Touchpoint priorities" when `priorities` is given, then `sheets`
    (name -> table) in order, `formats` giving a sheet's Excel number formats by column.
    Words in `language` (the theme's when not given). The title names the project and
    `period` when given, else `title`.
    """
    language = current_language(language)
    if not str(path):
        return None
    path = Path(path)
    if path.is_dir():
        path = path / ACTIONS_FILE
    heading = _title(language, title, project, period)
    workbook = Workbook()
    plan_name = label("sheet_plan", language)
    priorities_name = label("sheet_priorities", language)
    tables = {plan_name: ranked}
    if priorities is not None:
        tables[priorities_name] = priorities
    tables.update(sheets or {})
    _readme(workbook.active, language, heading, tables, plan_name, priorities_name, project)
    for name, frame in tables.items():
        _write_sheet(workbook.create_sheet(), name, frame, language, heading,
                     (formats or {}).get(name, {}))
    workbook.properties.title = neutralise(heading)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path


def _title(language: str, title, project, period) -> str:
    if project is not None and period:
        return say("readme_title", language, name=project.name, period=period)
    heading = label("sheet_plan", language)
    return f"{heading}{label('colon', language)}{title}" if title else heading


# ------------------------------------------------------------------------------- read me
def _readme(sheet, language: str, heading: str, tables: dict, plan_name: str,
            priorities_name: str, project) -> None:
    """The first sheet: what the workbook holds, how actions are ranked, every column."""
    sheet.title = label("sheet_readme", language)
    bold = Font(bold=True)
    rows = [(heading, Font(bold=True, size=14)), None,
            (label("readme_holds", language), bold),
            f"{plan_name}{label('colon', language)}{label('readme_plan', language)}"]
    if priorities_name in tables:
        rows.append(f"{priorities_name}{label('colon', language)}"
                    f"{label('readme_priorities', language)}")
    rows += [None, (label("readme_ranking", language), bold),
             label("readme_score", language).format(
                 assumed=label("priority_assumed", language),
                 confidence=label("confidence_assumed", language)),
             label("readme_priority", language).format(parts=_parts(project, language)),
             None, (label("readme_columns", language), bold)]
    for row in rows:
        if row is None:
            sheet.append([])
            continue
        text, font = row if isinstance(row, tuple) else (row, None)
        sheet.append([neutralise(text)])
        cell = sheet.cell(sheet.max_row, 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                          end_column=3)
        if not font:  # a paragraph: tall enough for its lines at this width
            sheet.row_dimensions[sheet.max_row].height = 15 * _lines(text, 110)
    sheet.append([label(key, language) for key in ("readme_sheet", "readme_column",
                                                    "readme_meaning")])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = bold, _HEADER_FILL
    weights = _weights(project)
    for name, frame in tables.items():
        for column in frame.columns:
            meaning = _meaning(column, language, weights, priorities_name)
            if meaning:
                sheet.append([neutralise(name), neutralise(_header(column, language)),
                              neutralise(meaning)])
                for cell in sheet[sheet.max_row]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                sheet.row_dimensions[sheet.max_row].height = 15 * _lines(meaning, 70)
    for letter, width in (("A", 24), ("B", 28), ("C", 70)):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, heading, landscape=False)


def _meaning(column: str, language: str, weights: dict, priorities_name: str) -> str:
    if column.startswith("w_") and column[2:] in _COMPONENTS:
        weight = weights.get(column[2:])
        return label("about_weighted", language).format(
            weight="?" if weight is None else pct(weight, language))
    if column in ("importance_c", "moment_of_truth_c", "effort_c"):
        return label("about_scaled", language)
    if column in ("confidence_assumed", "priority_assumed"):
        return label("about_assumed", language)
    key = f"about_{column}"
    text = label(key, language)
    return "" if text == key else text.format(sheet=priorities_name)


def _weights(project) -> dict[str, float]:
    if project is None:
        return {}
    weights = project.config.priority.model_dump()
    total = sum(weights.values()) or 1
    return {key: value / total for key, value in weights.items()}


def _parts(project, language: str) -> str:
    weights = _weights(project)
    return ", ".join(f"{label(_COMPONENTS[key] if key != 'reach' else 'reach', language)}"
                     + (f" ({pct(weights[key], language)})" if key in weights else "")
                     for key in _COMPONENTS)


# ------------------------------------------------------------------------------- tables
def _header(column: str, language: str) -> str:
    return label(_HEADER_KEYS.get(column, column), language)


def _write_sheet(sheet, name: str, frame: pd.DataFrame, language: str, heading: str,
                 formats: dict[str, str] | None = None) -> None:
    """`frame` as a table: bold filled header, frozen, filtered, formatted, formula-safe,
    overdue rows in red, printable."""
    sheet.title = name[:31]
    if "status" in frame.columns:  # "en cours" in French, read back as in-progress
        frame = frame.assign(status=frame["status"].map(
            lambda value: label(f"status_{value}", language) if isinstance(value, str)
            and f"status_{value}" in LABELS else value))
    sheet.append([neutralise(_header(column, language)) for column in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(value, language) for value in row])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if "overdue" in frame.columns:  # an overdue action stands out: its row, its due date
        due = list(frame.columns).index("due") + 1 if "due" in frame.columns else None
        for number, late in enumerate(frame["overdue"].fillna(False).astype(bool), start=2):
            if not late:
                continue
            for cell in sheet[number]:
                cell.fill = _OVERDUE_FILL
            if due:
                sheet.cell(number, due).font = _OVERDUE_FONT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = [_format_column(sheet, index, frame[column], language, (formats or {}).get(column))
              for index, column in enumerate(frame.columns, start=1)]
    # Excel and LibreOffice do not grow a row for wrapped text they did not type themselves
    sheet.row_dimensions[1].height = 15 * max(
        [_lines(str(cell.value or ""), width) for cell, width in zip(sheet[1], widths,
                                                                      strict=True)] or [1])
    wrapped = [(i, width) for i, (column, width) in enumerate(zip(frame.columns, widths,
                                                                  strict=True))
               if column in _WRAPPED]
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        lines = max([_lines(str(row[i].value or ""), width) for i, width in wrapped] or [1])
        if lines > 1:
            sheet.row_dimensions[number].height = 15 * lines
    _print_setup(sheet, heading, landscape=True)


def _lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a column `width` characters wide."""
    return max(1, -(-len(text) // max(int(width) - 2, 1)))


def _print_setup(sheet, heading: str, landscape: bool) -> None:
    """A4, one page wide, the header row on every page, the title and page numbers."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    if landscape:
        sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = _header_text(heading)
    sheet.oddHeader.right.text = "&A"
    sheet.oddFooter.right.text = "&P / &N"


def _header_text(text: str) -> str:
    """`text` for a page header, where `&` starts a code: doubled to print as itself."""
    return neutralise(text).replace("&", "&&")[:200]


def _format_column(sheet, index: int, values: pd.Series, language: str,
                   number_format: str | None = None) -> float:
    letter = get_column_letter(index)
    number_format = number_format or _number_format(values, language)
    wrapped = values.name in _WRAPPED
    if number_format or wrapped:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format:
                cell.number_format = number_format
            if wrapped:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    header = len(str(sheet.cell(1, index).value or ""))
    if number_format:  # numbers and dates: as wide as their header, at least 10
        widest = max(min(header, 12), 10)
    else:
        widest = max([min(header, 12), *(len(str(_cell(value, language) or ""))
                                          for value in values)])
    width = min(widest + 2, 40 if wrapped else 30)
    sheet.column_dimensions[letter].width = width
    return width


def _number_format(values: pd.Series, language: str) -> str | None:
    if values.name in _NUMBER_FORMATS:
        return _NUMBER_FORMATS[values.name]
    if pd.api.types.is_datetime64_any_dtype(values):
        return _DATE_FORMATS.get(language, _DATE_FORMATS["en"])
    if pd.api.types.is_float_dtype(values):
        return "0.00"
    return None


def _cell(value, language: str = "en"):
    """A pandas value as openpyxl stores it: None for blanks, plain Python, yes/no words for
    booleans, formula-safe."""
    if isinstance(value, list):
        return neutralise(" | ".join(map(str, value)))
    if value is None or pd.isna(value):
        return None
    if isinstance(value, bool | np.bool_):
        return label("yes" if value else "no", language)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return neutralise(value)

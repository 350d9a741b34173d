"""The ranked action plan as an Excel workbook (`actions.xlsx`), for the managers who will
not open a notebook: a bold, frozen, filtered header in the project's language, number and
date formats, overdue due dates in red, yes/no words, and text that Excel can never run as a
formula."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..labels import label
from ..project.writers import atomic_path, neutralise
from .theme import current_language

ACTIONS_FILE = "actions.xlsx"


_HEADER_KEYS = {"title": "action", "touchpoint_priority": "priority_score"}
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_OVERDUE_FILL = PatternFill("solid", start_color="FDECEA", end_color="FDECEA")
_OVERDUE_FONT = Font(bold=True, color="C0504D")
_DATE_FORMATS = {"en": "yyyy-mm-dd", "fr": "dd/mm/yyyy"}
_NUMBER_FORMATS = {"confidence": "0%", "priority": "0.0", "touchpoint_priority": "0.0"}

def _write_sheet(sheet, name: str, frame: pd.DataFrame, language: str) -> None:
    """`frame` as a table: bold filled header, frozen, filtered, formatted, formula-safe."""
    sheet.title = name
    sheet.append([neutralise(label(_HEADER_KEYS.get(column, column), language))
                  for column in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(value, language) for value in row])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
    if "overdue" in frame.columns:  # an overdue action's due date stands out in red
        due = list(frame.columns).index("due") + 1 if "due" in frame.columns else None
        for number, late in enumerate(frame["overdue"].fillna(False).astype(bool), start=2):
            if late and due:
                sheet.cell(number, due).font = _OVERDUE_FONT
                sheet.cell(number, due).fill = _OVERDUE_FILL
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(frame.columns, start=1):
        _format_column(sheet, index, frame[column], language)


def _format_column(sheet, index: int, values: pd.Series, language: str) -> None:
    letter = get_column_letter(index)
    number_format = _number_format(values, language)
    if number_format:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    header = len(str(sheet.cell(1, index).value or ""))
    if number_format:  # numbers and dates: as wide as their header, at least 12
        widest = max(header, 10)
    else:
        widest = max([header, *(len(str(_cell(value, language) or "")) for value in values)])
    sheet.column_dimensions[letter].width = min(widest + 2, 60)


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


def export_actions(ranked: pd.DataFrame, path, *, language: str | None = None,
                   title: str | None = None, priorities: pd.DataFrame | None = None
                   ) -> Path | None:
    """Write the ranked action plan as an Excel workbook, atomically; return its path (None,
    writing nothing, when `path` is empty, as a notebook's empty `output_dir` is).

    `path` is the workbook file, or a folder to write `actions.xlsx` into. Sheet "Action plan",
    plus "Touchpoint priorities" when `priorities` is given; names and headers in `language`
    (the theme's when not given). Text cells that Excel would run as formulas are neutralised.
    The document title is "Action plan", followed by `title` when given.
    """
    language = current_language(language)
    if not str(path):
        return None
    path = Path(path)
    if path.is_dir():
        path = path / ACTIONS_FILE
    workbook = Workbook()
    _write_sheet(workbook.active, label("sheet_plan", language), ranked, language)
    if priorities is not None:
        _write_sheet(workbook.create_sheet(), label("sheet_priorities", language), priorities,
                     language)
    heading = label("sheet_plan", language)
    workbook.properties.title = neutralise(f"{heading}: {title}" if title else heading)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path

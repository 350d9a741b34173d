"""A project written as one Excel workbook, in its language: a read-me sheet, a sheet per
table (frozen headers, filters, column widths), the settings as key/value rows, and Excel's
data validation on every closed value (stages, channels, ids, statuses, lanes, yes/no,
scores within their scale) so that a typo cannot be typed in the first place.

`cjm.project.importer` reads it back: export then import gives the same tables.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..labels import label
from ..messages import tr
from ..periods import period_text
from .config import CONFIG_FILE
from .model import Project
from .schemas import LIST_COLUMNS, PERIOD_COLUMNS, TABLES, WIDE_TABLES, WORDS_FOR
from .workbook import (
    LISTS_SHEET,
    README_SHEET,
    SETTINGS_HEADER,
    SETTINGS_SHEET,
    header,
    sheet_name,
)
from .writers import write_bytes

BOOLEANS = {"en": ("yes", "no"), "fr": ("oui", "non")}
CLOSED_WORDS = {  # column -> canonical value -> the French word written for it
    "status": {value: label(f"status_{value}", "fr") for value in WORDS_FOR["status"]},
    "source": {"workshop": "atelier", "survey": "enquête", "interview": "entretien",
               "analytics": "analytique"},
    "lane": {"front-stage": "front-office", "back-stage": "back-office", "support": "soutien"},
    "direction": {"inbound": "entrant", "outbound": "sortant"},
}
SPARE_ROWS = 1000  # rows below the data where the validation lists still apply
WIDEST = 60  # characters: the widest a column is made


def export_workbook(project: Project, path: Path) -> Path:
    """Write `project` as a workbook at `path` (atomically) and return the path."""
    from openpyxl import Workbook

    language = project.config.language
    book = Workbook(write_only=True)
    _read_me(book, project, language)
    lists = _lists(project, language)
    for table in TABLES:
        if table in WIDE_TABLES and project.table(table).empty:
            continue  # no barometer: no sheet (its columns are the project's touchpoints)
        _table_sheet(book, project, table, language, lists)
    _settings_sheet(book, project, language)
    _lists_sheet(book, lists, language)
    out = io.BytesIO()
    book.save(out)
    return write_bytes(Path(path), out.getvalue())


def _lists(project: Project, language: str) -> dict[str, list[str]]:
    """The closed values of each column that has some, as the workbook writes them."""
    yes, no = BOOLEANS.get(language, BOOLEANS["en"])
    lists = {"stage": project.stages, "channel": project.channels,
             "persona_id": project.personas["persona_id"].dropna().astype(str).tolist(),
             "touchpoint_id": project.touchpoints["touchpoint_id"].dropna().astype(str).tolist(),
             "controlled": [yes, no], "moment_of_truth": [yes, no]}
    for column in CLOSED_WORDS:
        lists[column] = [_word(column, value, language) for value in WORDS_FOR[column]]
    return {column: values for column, values in lists.items() if values}


def _word(column: str, value: str, language: str) -> str:
    return CLOSED_WORDS[column].get(value, value) if language == "fr" else value


def _cell_value(column: str, value, language: str):
    """A typed cell as the workbook holds it: words in the project's language, lists joined
    with `|`, times as Excel times; None for an empty cell."""
    if isinstance(value, list | tuple):
        return "|".join(map(str, value)) or None
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool | np.bool_):
        yes, no = BOOLEANS.get(language, BOOLEANS["en"])
        return yes if value else no
    if column in CLOSED_WORDS:
        return _word(column, str(value), language)
    if column in PERIOD_COLUMNS:
        return period_text(str(value), language)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        return value.replace(tzinfo=None) if value.tzinfo else value
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _table_sheet(book, project: Project, table: str, language: str,
                 lists: dict[str, list[str]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    frame = project.table(table)
    columns = list(TABLES[table].to_schema().columns)
    columns += [column for column in frame.columns if column not in columns]
    sheet = book.create_sheet(sheet_name(table, language))
    _printable(sheet)
    sheet.freeze_panes = "A2"
    time_format = "dd/mm/yyyy hh:mm" if language == "fr" else "yyyy-mm-dd hh:mm"
    date_format = "dd/mm/yyyy" if language == "fr" else "yyyy-mm-dd"
    rows = [[_cell_value(column, value, language) for column, value in zip(columns, record,
                                                                           strict=True)]
            for record in frame.reindex(columns=columns).itertuples(index=False, name=None)]
    widths = [len(header(column, language)) for column in columns]
    for row in rows[:2000]:  # column widths (set before any row, as a streamed sheet needs)
        for i, value in enumerate(row):
            if isinstance(value, dt.datetime):
                widths[i] = max(widths[i], 16)
            elif value is not None:
                widths[i] = max(widths[i], min(len(str(value)), WIDEST))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, WIDEST)
    sheet.append([_head_cell(sheet, header(column, language)) for column in columns])
    for values in rows:
        row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: `=cmd|...` is never a formula
            elif isinstance(value, dt.datetime):
                cell.number_format = date_format if value.time() == dt.time(0) else time_format
            row.append(cell)
        sheet.append(row)
    last = len(frame) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    for i, column in enumerate(columns, start=1):
        rule = _rule(project, table, column, lists, language)
        if rule is not None:
            letter = get_column_letter(i)
            rule.add(f"{letter}2:{letter}{last + SPARE_ROWS}")
            sheet.data_validations.append(rule)


def _rule(project: Project, table: str, column: str, lists: dict[str, list[str]],
          language: str):
    """The data validation of `column` of `table`, or None for a free column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    own_id = (table, column) in {("personas", "persona_id"), ("touchpoints", "touchpoint_id")}
    if column in lists and column not in LIST_COLUMNS and not own_id:
        position = list(lists).index(column) + 1
        letter = get_column_letter(position)
        rule = DataValidation(
            type="list", allow_blank=True, showErrorMessage=True, errorStyle="stop",
            formula1=f"{LISTS_SHEET[language]}!${letter}$2:${letter}${len(lists[column]) + 1}")
        rule.error = tr("Choose a value from the list ({column}).", column=column)
        rule.errorTitle = tr("Not a value of this project")
        return rule
    scales = project.config.scales
    bounds = {("evaluations", name): getattr(scales, name)
              for name in ("satisfaction", "effort", "importance", "emotion")}
    bounds |= {("survey", "csat"): scales.satisfaction, ("survey", "ces"): scales.effort,
               ("survey", "nps"): (0, 10), ("personas", "share"): (0, 1),
               ("barometer", "nps"): (0, 10), ("barometer", "satisfaction"): scales.satisfaction}
    if table in WIDE_TABLES and column not in TABLES[table].to_schema().columns:
        bounds[(table, column)] = scales.satisfaction  # a touchpoint's rating
    if (table, column) not in bounds:
        return None
    low, high = bounds[(table, column)]
    rule = DataValidation(type="decimal", operator="between", formula1=str(low),
                          formula2=str(high), allow_blank=True, showErrorMessage=True,
                          errorStyle="stop")
    rule.error = tr("A number from {low} to {high} ({column}).", low=low, high=high,
                    column=column)
    rule.errorTitle = tr("Outside the scale")
    return rule


def _settings_sheet(book, project: Project, language: str) -> None:
    from openpyxl.cell import WriteOnlyCell

    sheet = book.create_sheet(SETTINGS_SHEET[language])
    _printable(sheet)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABC", (22, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_head_cell(sheet, text) for text in SETTINGS_HEADER[language]])
    text = (project.path / CONFIG_FILE).read_text(encoding="utf-8-sig")
    for key, value in (yaml.safe_load(text) or {}).items():
        shown = value if isinstance(value, str) else _flow_text(value)
        cell = WriteOnlyCell(sheet, value=shown)
        cell.data_type = "s"
        sheet.append([key, cell, label(f"setting_{key}", language)
                      if label(f"setting_{key}", language) != f"setting_{key}" else None])


def _flow_text(value) -> str:
    """A setting's value as YAML on one line: `[a, b]`, `{a: 1}`, `6`."""
    if isinstance(value, dict | list):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                              sort_keys=False, width=10_000).strip()
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _lists_sheet(book, lists: dict[str, list[str]], language: str) -> None:
    from openpyxl.cell import WriteOnlyCell

    sheet = book.create_sheet(LISTS_SHEET[language])
    sheet.sheet_state = "hidden"
    longest = max((len(values) for values in lists.values()), default=0)
    sheet.append(list(lists))
    for i in range(longest):
        row = []
        for values in lists.values():
            cell = WriteOnlyCell(sheet, value=values[i] if i < len(values) else None)
            if i < len(values):
                cell.data_type = "s"
            row.append(cell)
        sheet.append(row)


def _read_me(book, project: Project, language: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(README_SHEET[language])
    _printable(sheet)
    sheet.column_dimensions["A"].width = 100
    title = _text_cell(sheet, label("workbook_title", language).format(name=project.name))
    title.font = Font(name=FONT, bold=True, size=14)
    sheet.append([title])
    keys = ("workbook_intro", "workbook_sheets", "workbook_lists", "workbook_journal",
            "workbook_import", "workbook_extra")
    texts = [label(key, language).format(slug=project.slug) for key in keys]
    for row, text in enumerate(texts, start=2):  # wrapped lines need their height up front
        sheet.row_dimensions[row].height = 15 * (1 + len(text) // 95)
    for text in texts:
        cell = _text_cell(sheet, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name=FONT)
        sheet.append([cell])


FONT = "Calibri"
HEADER_FILL = "1F3A5F"  # the dark blue of cjm's documents


def _printable(sheet) -> None:
    """Printed landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _head_cell(sheet, text: str):
    from openpyxl.styles import Font, PatternFill

    cell = _text_cell(sheet, text)
    cell.font = Font(name=FONT, bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    return cell


def _text_cell(sheet, text: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell

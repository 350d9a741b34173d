"""From text cells to typed columns, the way French and English spreadsheets write values.

Numbers take `.` or `,` decimals and spaces as thousands separators; booleans take yes/no,
true/false, oui/non, vrai/faux, 1/0; dates take ISO (2026-12-31) or day-first (31/12/2026);
lists are `|`-separated. Every cell that cannot be read becomes a Problem that quotes it.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from .errors import Problem
from .schemas import LIST_COLUMNS, SHARE_COLUMNS

TRUE_WORDS = {"yes", "y", "true", "oui", "o", "vrai", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "non", "faux", "0"}
DAY_FIRST_FORMATS = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


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
        problems.append(Problem(file, f"column '{name}' is missing", row=1, column=name,
                                expected=f"the columns {', '.join(_required(schema))}"))
    typed = pd.DataFrame(index=raw.index)
    for name in raw.columns:
        column = schema.columns.get(name)
        kind = _kind(column.dtype) if column is not None else "text"
        if name in LIST_COLUMNS:
            kind = "list"
        values, bad = _parse_column(raw[name], kind, share=name in SHARE_COLUMNS)
        typed[name] = values
        expected = EXPECTED_TEXT[kind]
        problems += [Problem(file, f"{name} '{raw.at[row, name]}' cannot be read", row=row,
                             column=name, value=raw.at[row, name], expected=expected)
                     for row in bad]
    for name, column in schema.columns.items():
        if name not in typed.columns and not column.required:
            typed[name] = _empty(_kind(column.dtype), typed.index)
    return typed, problems


EXPECTED_TEXT = {
    "text": "text",
    "list": "names separated by |",
    "int": "a whole number",
    "float": "a number",
    "bool": "yes or no",
    "datetime": "a date such as 31/12/2026 or 2026-12-31",
}


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


def _parse_column(cells: pd.Series, kind: str, share: bool = False) -> tuple[pd.Series, list]:
    """Typed values of one column and the rows whose cell could not be read."""
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
    numbers = text.map(_number)
    bad = list(text.index[text.notna() & numbers.isna()])
    numbers = pd.to_numeric(numbers, errors="coerce")
    if share:
        percent = text.map(lambda v: isinstance(v, str) and v.endswith("%"))
        if (numbers[~percent] > 1).any():
            percent[:] = True
        numbers = numbers.where(~percent, numbers / 100)
    if kind == "int":
        whole = numbers.isna() | (numbers == numbers.round())
        bad += list(text.index[~whole])
        return numbers.where(whole).astype("Int64"), sorted(bad)
    return numbers.astype("Float64"), bad


def _number(value):
    if value is None:
        return None
    text = value.replace("\u202f", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "")
    text = text.replace(",", ".")
    return float(text) if _NUMBER.match(text) else None


def _parse_datetimes(text: pd.Series) -> tuple[pd.Series, list]:
    values = pd.to_datetime(text, format="ISO8601", errors="coerce")
    for fmt in DAY_FIRST_FORMATS:
        todo = values.isna() & text.notna()
        if not todo.any():
            break
        values = values.where(~todo, pd.to_datetime(text[todo], format=fmt, errors="coerce"))
    values = values.astype("datetime64[ns]")
    return values, list(text.index[values.isna() & text.notna()])


def split_list(value) -> list[str]:
    """`"Website | E-mail"` -> `["Website", "E-mail"]`; empty -> `[]`."""
    if not isinstance(value, str):
        return []
    return [item.strip() for item in value.split("|") if item.strip()]

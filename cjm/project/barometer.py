"""`barometer.csv`'s touchpoint columns: which column is which touchpoint, and its ratings.

A barometer is wide: after its own columns (`cjm.project.schemas.Barometer`) comes one column
per touchpoint, headed by its touchpoint_id (read as every header is: `TP-01` and `tp_01` are
one column), holding satisfaction on the project's scale. A column that is nearly a touchpoint_id
is a misspelt one (an error, with the id meant); any other column is kept out of the analysis
with a warning (survey tools export columns of their own, such as a region or a comment).
"""

from __future__ import annotations

import pandas as pd

from ..errors import Problem, closest, shown
from ..messages import tr
from .checks import listing
from .config import ProjectConfig
from .parsing import expected_text, parse_column
from .readers import normalise_header
from .schemas import Barometer

OWN_COLUMNS = tuple(Barometer.to_schema().columns)


def barometer_problems(config: ProjectConfig, tables: dict) -> list[Problem]:
    """Check and type the barometer's touchpoint columns, in `tables` (name -> (file, typed
    frame), as `cjm.project.model` reads them): each becomes a Float64 column named by its
    touchpoint_id; columns that are not touchpoints are dropped. Returns the problems."""
    if "barometer" not in tables or "touchpoints" not in tables:
        return []
    file, frame = tables["barometer"]
    touchpoints = tables["touchpoints"][1]
    if "touchpoint_id" not in touchpoints.columns:
        return []
    ids = list(dict.fromkeys(touchpoints["touchpoint_id"].dropna().astype(str)))
    by_header = {normalise_header(tp): tp for tp in ids}
    problems: list[Problem] = []
    renamed = {}
    for column in frame.columns:
        if column in OWN_COLUMNS:
            continue
        tp = by_header.get(column)
        if tp is not None:
            renamed[column] = tp
            continue
        hint = closest(column, list(by_header))
        expected = tr("one column per touchpoint, headed by its touchpoint_id: {ids}",
                      ids=listing(ids))
        if hint:
            problems.append(Problem(
                file, tr("column {column} is not a touchpoint_id; did you mean '{hint}'?",
                         column=shown(column), hint=by_header[hint]),
                row=1, column=column, value=column, expected=expected,
                code="unknown_reference"))
        else:
            problems.append(Problem(
                file, tr("column {column} is not a touchpoint_id: it is left out of the key "
                         "drivers", column=shown(column)),
                row=1, column=column, value=column, severity="warning", expected=expected,
                code="unknown_reference"))
    ratings = frame[list(renamed)].rename(columns=renamed)
    numbers = pd.DataFrame(index=frame.index)
    low, high = config.scales.satisfaction
    for column in ratings.columns:
        values, bad = parse_column(ratings[column].astype(object).fillna(""), "float")
        problems += [Problem(file, tr("{column} {value} cannot be read", column=column,
                                      value=shown(ratings.at[row, column])),
                             row=row, column=column, value=ratings.at[row, column],
                             expected=tr("{expected} on the satisfaction scale, from {low} to "
                                         "{high}, or empty when not rated",
                                         expected=expected_text("float"), low=low, high=high),
                             code="unreadable_cell") for row in bad]
        problems += _outside(values, column, file, (low, high))
        numbers[column] = values
    own = frame[[column for column in OWN_COLUMNS if column in frame.columns]]
    if "satisfaction" in own.columns:
        problems += _outside(own["satisfaction"], "satisfaction", file, (low, high))
    tables["barometer"] = (file, pd.concat([own, numbers], axis=1))
    return problems


def _outside(values: pd.Series, column: str, file: str, scale: tuple[int, int]
             ) -> list[Problem]:
    """A problem per value of `column` outside the project's satisfaction `scale`."""
    low, high = scale
    outside = values.notna() & ((values < low) | (values > high))
    return [Problem(file, tr("{column} {value} is outside the project's satisfaction scale",
                             column=column, value=f"{values[row]:.15g}"),  # 5.0000001 not 5
                    row=row, column=column, value=float(values[row]),
                    expected=tr("a number from {low} to {high}, as set in project.yaml",
                                low=low, high=high), code="out_of_scale")
            for row in values.index[outside.fillna(False).astype(bool)]]

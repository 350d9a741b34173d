"""Tidy tables: chosen columns under words, numbers in the project's language, a dash for
what is missing, the first rows shown and the whole table kept for the workbook."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cjm.render.tables import DASH, Column, cell, tidy


@pytest.mark.parametrize(("value", "kind", "language", "text"), [
    (1234, "int", "en", "1,234"),
    (1234, "int", "fr", "1\u202f234"),
    (3.25, "number", "en", "3.2"),
    (3.25, "number", "fr", "3,2"),
    (0.8, "share", "en", "80%"),
    (0.8, "share", "fr", "80\u202f%"),
    (12.0, "signed", "en", "+12"),
    (-0.04, "points", "en", "−4"),
    (0.5, "delta", "fr", "+0,5"),
    (dt.date(2026, 7, 31), "date", "en", "2026-07-31"),
    (pd.Timestamp("2026-07-31"), "date", "fr", "31/07/2026"),
    (True, "bool", "en", "yes"),
    (["a", "b"], "list", "en", "a, b"),
    ([], "list", "en", DASH),
    (None, "number", "en", DASH),
    (np.nan, "share", "en", DASH),
    (pd.NA, "int", "en", DASH),
    (pd.NaT, "date", "en", DASH),
    ("<b>x</b>", "text", "en", "<b>x</b>"),  # escaped where rendered, not here
])
def test_a_cell_is_written_as_its_kind(value, kind, language, text):
    assert cell(value, kind, language) == text


def test_tidy_shows_the_first_rows_and_keeps_the_whole_table():
    frame = pd.DataFrame({"name": [f"T{i}" for i in range(14)], "csat": np.linspace(0, 1, 14),
                          "hidden": range(14), "overdue": [i % 2 == 0 for i in range(14)]})
    table = tidy("Survey", frame, [Column("name", "touchpoint"), Column("csat", "csat", "share"),
                                   Column("absent", "owner")], "en", limit=10,
                 sheet="Survey per touchpoint", mark=lambda row: "overdue" if row.overdue else "")
    assert table.headers == ["Touchpoint", "CSAT"]  # a column the frame lacks is left out
    assert len(table.rows) == 10 and table.total == 14 and table.more == 4
    assert table.rows[-1] == ["T9", "69%"]
    assert table.marks[:3] == ["overdue", "", "overdue"]
    assert table.kinds == ["", "num"]
    assert table.formats == {"CSAT": "0%"}
    assert list(table.full.columns) == ["Touchpoint", "CSAT"] and len(table.full) == 14
    assert table.sheet == "Survey per touchpoint"


def test_an_empty_table_is_false_and_names_no_sheet():
    table = tidy("Nothing", pd.DataFrame({"name": []}), [Column("name", "touchpoint")], "en",
                 sheet="Somewhere")
    assert not table and table.sheet is None and table.rows == []


def test_headers_follow_the_language():
    frame = pd.DataFrame({"name": ["x"], "due": [dt.date(2026, 1, 2)]})
    table = tidy("t", frame, [Column("name", "touchpoint"), Column("due", "due", "date")], "fr")
    assert table.headers[0] != "Touchpoint" and table.rows == [["x", "02/01/2026"]]

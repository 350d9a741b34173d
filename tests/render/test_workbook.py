"""cjm.render.workbook: the action plan as actions.xlsx: a first sheet that explains the
workbook, sheets and headers in the project's language (identifiers kept as in the data files),
a bold frozen filtered header, number and date formats, overdue actions in red, yes/no words,
text Excel can never run as a formula, pages that print, and a write that is atomic or nothing
at all."""

from __future__ import annotations

import datetime as dt
import os
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from cjm import load_project
from cjm.render.theme import theme
from cjm.render.workbook import export_actions
from cjm.steps.prioritisation import (
    ACTION_COLUMNS,
    PRIORITY_COLUMNS,
    rank_actions,
    touchpoint_priorities,
)


def plan(mini, period="2025-H2", **options):
    """The mini project's ranked actions, and the touchpoint priorities they come from."""
    project = load_project(mini)
    priorities = touchpoint_priorities(project, period)
    return rank_actions(project, priorities, **options), priorities


def exported(mini, tmp_path, edit, **options):
    edit(mini / "actions.csv", "Loyalty programme", "=cmd")
    ranked, _ = plan(mini)
    path = export_actions(ranked, tmp_path / "out" / "actions.xlsx", **options)
    return path, openpyxl.load_workbook(path)


# a small plan made by hand: no project to load
PLAN = pd.DataFrame({
    "rank": [1, 2], "title": ["Call-back", "+33 1 23 45 67 89"],
    "due": pd.to_datetime(["2026-09-30", None]), "overdue": [True, False],
    "personas": [["P1", "P2"], ["=1+1"]], "confidence": [0.6, np.nan],
    "score": [50.0, np.nan], "owner": ["Customer service " * 6, None]})


def sheet_of(path):
    """The plan: the sheet after "Read me"."""
    return openpyxl.load_workbook(path).worksheets[1]


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


# ---------------------------------------------------------------------------------- the plan
def test_export_writes_a_formatted_formula_safe_plan(edit, mini, tmp_path):
    path, workbook = exported(mini, tmp_path, edit, title="=cmd")

    assert path == tmp_path / "out" / "actions.xlsx"
    assert workbook.sheetnames == ["Read me", "Action plan"]
    sheet = workbook["Action plan"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Rank", "Action id", "Action", "Touchpoint id", "Touchpoint", "Stage"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q3"
    # A3, titled "=cmd", ranks second (score 1.44, after A2's 10.92): stored as text, never
    # as a formula
    title = sheet.cell(3, 3)
    assert (title.value, title.data_type) == ("'=cmd", "s")
    assert workbook.properties.title == "Action plan: =cmd"  # text after a word: no formula
    columns = {name: index + 1 for index, name in enumerate(ACTION_COLUMNS)}
    score = sheet.cell(3, columns["score"])
    assert score.value == pytest.approx(1.439811) and score.data_type == "n"
    assert score.number_format == "0.0"
    assert sheet.cell(2, columns["confidence"]).number_format == "0%"
    due = sheet.cell(2, columns["due"])
    assert due.value == datetime(2026, 9, 30) and due.is_date
    assert sheet.cell(3, columns["due"]).value is None
    assert sheet.column_dimensions["C"].width >= len("'=cmd")
    assert sheet.cell(3, 3).alignment.wrap_text  # a long title wraps rather than widens


def test_the_excel_plan_flags_overdue_actions_in_red(mini, tmp_path):
    ranked, _ = plan(mini, today=dt.date(2026, 10, 1))
    sheet = openpyxl.load_workbook(export_actions(ranked, tmp_path, language="fr"))[
        "Plan d'action"]
    columns = {name: index + 1 for index, name in enumerate(ACTION_COLUMNS)}
    rows = {sheet.cell(row, 2).value: row for row in (2, 3)}
    assert sheet.cell(rows["A2"], columns["overdue"]).value == "oui"
    assert sheet.cell(rows["A3"], columns["overdue"]).value == "non"
    assert sheet.cell(rows["A2"], columns["due"]).font.color.rgb.endswith("C0504D")
    assert not sheet.cell(rows["A3"], columns["due"]).font.bold
    # the whole overdue row is on red, the others on nothing
    assert {c.fill.start_color.rgb[-6:] for c in sheet[rows["A2"]]} == {"FDECEA"}
    assert {c.fill.fill_type for c in sheet[rows["A3"]]} == {None}


def test_export_adds_the_priorities_in_french(mini, tmp_path):
    ranked, priorities = plan(mini)
    (tmp_path / "review").mkdir()

    path = export_actions(ranked, tmp_path / "review", language="fr", priorities=priorities)

    workbook = openpyxl.load_workbook(path)
    assert path == tmp_path / "review" / "actions.xlsx"
    assert workbook.sheetnames == ["À lire", "Plan d'action", "Priorités"]
    assert workbook["Plan d'action"].cell(1, 6).value == "Étape"
    assert workbook.properties.title == "Plan d'action"
    sheet = workbook["Priorités"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet["A"]][1:] == ["T3", "T6", "T4", "T1"]
    plan_sheet = workbook["Plan d'action"]
    headers = [cell.value for cell in plan_sheet[1]]
    statuses = {row[headers.index("Statut")] for row in plan_sheet.iter_rows(min_row=2,
                                                                             values_only=True)}
    assert statuses and statuses <= {"idée", "planifiée", "en cours", "faite", "abandonnée"}


def test_excel_headers_are_words_except_identifiers(mini, tmp_path):
    ranked, priorities = plan(mini)
    path = export_actions(ranked, tmp_path, language="fr", priorities=priorities)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["À lire", "Plan d'action", "Priorités"]
    for sheet, columns in (("Plan d'action", ACTION_COLUMNS), ("Priorités", PRIORITY_COLUMNS)):
        headers = dict(zip(columns, (c.value for c in workbook[sheet][1]), strict=True))
        # identifiers stay as in the data files, so people can match rows across files
        words = {c: h for c, h in headers.items() if c not in {"action_id", "touchpoint_id"}}
        assert all(header != column for column, header in words.items()), words
    assert headers["reach_source"] == "Source de la portée"
    assert workbook["Plan d'action"]["A1"].value == "Rang"
    assert workbook["Plan d'action"]["Q1"].value == "Score"
    assert workbook["Plan d'action"]["K1"].value == "Priorité du point de contact"
    assert workbook["Plan d'action"]["J1"].value == "En retard"


def test_an_empty_plan_is_a_header_alone(blank_project, tmp_path):
    ranked = rank_actions(blank_project, touchpoint_priorities(blank_project, "2026-H1"))

    sheet = openpyxl.load_workbook(export_actions(ranked, tmp_path / "a.xlsx"))["Action plan"]
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"


# ---------------------------------------------------------------------------------- cells
def test_cells_are_plain_values_words_and_formula_safe_text(tmp_path):
    sheet = sheet_of(export_actions(PLAN, tmp_path))
    assert rows(sheet) == [
        ("Rank", "Action", "Due date", "Overdue", "Personas", "Confidence", "Score",
         "Owner"),
        (1, "Call-back", datetime(2026, 9, 30), "yes", "P1 | P2", 0.6, 50.0,
         "Customer service " * 6),
        (2, "'+33 1 23 45 67 89", None, "no", "'=1+1", None, None, None)]


def test_dates_are_written_the_way_each_language_writes_them(tmp_path):
    english = sheet_of(export_actions(PLAN, tmp_path / "en.xlsx"))
    french = sheet_of(export_actions(PLAN, tmp_path / "fr.xlsx", language="fr"))
    assert english["C2"].number_format == "yyyy-mm-dd"
    assert french["C2"].number_format == "dd/mm/yyyy"
    assert french["C1"].value == "Échéance" and french["D2"].value == "oui"


def test_columns_are_as_wide_as_their_text_up_to_a_limit(tmp_path):
    sheet = sheet_of(export_actions(PLAN, tmp_path))
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGH"}
    assert widths["B"] == len("'+33 1 23 45 67 89") + 2  # the widest text, and a margin
    assert widths["C"] == 12  # a date: as wide as its header, at least 10, and a margin
    assert widths["H"] == 30  # a long owner is cut at 30


def test_overdue_due_dates_are_filled_in_red(tmp_path):
    sheet = sheet_of(export_actions(PLAN, tmp_path))
    late, on_time = sheet["C2"], sheet["C3"]
    assert late.font.bold and late.font.color.rgb.endswith("C0504D")
    assert late.fill.start_color.rgb.endswith("FDECEA")
    assert on_time.fill.fill_type is None and not on_time.font.bold


def test_a_header_that_could_run_as_a_formula_is_text(tmp_path):
    sheet = sheet_of(export_actions(PLAN.rename(columns={"owner": "=owner"}), tmp_path))
    assert sheet["H1"].value == "'=owner" and sheet["H1"].data_type == "s"


# ---------------------------------------------------------------------------------- files
def test_an_empty_path_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert export_actions(PLAN, "") is None
    assert os.listdir(tmp_path) == []


def test_the_language_is_the_themes_when_not_given(tmp_path):
    with theme(language="fr"):
        path = export_actions(PLAN, tmp_path / "plan.xlsx")
        english = export_actions(PLAN, tmp_path / "plan_en.xlsx", language="en")
    assert openpyxl.load_workbook(path).sheetnames == ["À lire", "Plan d'action"]
    assert sheet_of(path)["A1"].value == "Rang"
    assert openpyxl.load_workbook(english).sheetnames == ["Read me", "Action plan"]


def test_a_failed_export_leaves_the_previous_plan_untouched(mini, tmp_path, monkeypatch):
    target = tmp_path / "actions.xlsx"
    target.write_bytes(b"previous plan")

    def broken_save(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    ranked, _ = plan(mini)
    with pytest.raises(OSError, match="disk full"):
        export_actions(ranked, target)

    assert target.read_bytes() == b"previous plan"
    assert sorted(os.listdir(tmp_path)) == ["actions.xlsx", "mini"]


def test_a_failed_first_export_leaves_no_file_at_all(tmp_path, monkeypatch):
    def broken_save(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        export_actions(PLAN, tmp_path / "review" / "actions.xlsx")

    assert os.listdir(tmp_path / "review") == []  # no workbook, no temporary file


def test_an_export_replaces_the_previous_plan(tmp_path):
    target = tmp_path / "actions.xlsx"
    target.write_bytes(b"previous plan")
    assert export_actions(PLAN, target) == target
    assert rows(sheet_of(target))[1][1] == "Call-back"
    assert os.listdir(tmp_path) == ["actions.xlsx"]


# ---------------------------------------------------------------------------------- read me
def test_the_first_sheet_says_what_the_workbook_holds_and_how_it_ranks(mini, tmp_path):
    project = load_project(mini)
    ranked, priorities = plan(mini)
    extra = pd.DataFrame({"touchpoint_id": ["T3"], "reason": ["worsened"]})
    path = export_actions(ranked, tmp_path, priorities=priorities, project=project,
                          period="2025-H2", sheets={"Needs attention": extra})
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Read me", "Action plan", "Touchpoint priorities",
                                   "Needs attention"]
    assert workbook.properties.title == "Mini Shop: action plan, 2025-H2"
    text = [row[0] for row in rows(workbook["Read me"]) if row[0]]
    assert text[:2] == ["Mini Shop: action plan, 2025-H2", "What this workbook holds"]
    assert text[4] == "How actions are ranked"
    assert text[5].startswith("Score = touchpoint priority × (impact ÷ 5) × confidence ÷ cost")
    assert text[6].startswith("Touchpoint priority (0-100) = 100 × the weighted sum of: "
                              "Satisfaction gap (35%), Importance (0-1) (20%), Reach (20%), "
                              "Moment of truth (0-1) (15%), Effort (0-1) (10%).")
    meanings = {(row[0], row[1]): row[2] for row in rows(workbook["Read me"]) if row[2]}
    assert meanings[("Action plan", "Impact")] == "Expected effect, 1 (small) to 5 (large)"
    assert meanings[("Action plan", "Touchpoint priority")] == (
        "Urgency of the action's touchpoint, 0-100 (sheet Touchpoint priorities)")
    assert meanings[("Touchpoint priorities", "Weighted gap")] == (
        "The part above × its weight (35%)")
    assert ("Needs attention", "touchpoint_id") not in meanings  # an identifier: no note


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_on_each_page(mini, tmp_path):
    ranked, priorities = plan(mini)
    workbook = openpyxl.load_workbook(export_actions(
        ranked, tmp_path, priorities=priorities, project=load_project(mini), period="2025-H2"))
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.right.text == "&P / &N"
        assert sheet.oddHeader.left.text == "Mini Shop: action plan, 2025-H2"
    plan_sheet = workbook["Action plan"]
    assert plan_sheet.page_setup.orientation == "landscape"
    assert plan_sheet.print_title_rows == "$1:$1"


def test_an_ampersand_in_the_title_prints_as_itself(edit, mini, tmp_path):
    edit(mini / "project.yaml", "name: Mini Shop", "name: Bed & Bath")
    project = load_project(mini)
    ranked, _ = plan(mini)
    sheet = sheet_of(export_actions(ranked, tmp_path, project=project, period="2025-H2"))
    assert sheet.oddHeader.left.text == "Bed && Bath: action plan, 2025-H2"

"""`cjm.notebook.board`: the live scoring board of step 4, driven from Python. What it opens
on, what each change appends to the journal, what it redraws and says, and `live_board`'s
choice between a board and a note."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from IPython.display import Markdown

from cjm import load_project
from cjm.errors import UsageError
from cjm.notebook.board import ScoringBoard, live_board
from cjm.steps import scores


def journal_lines(folder: Path) -> list[str]:
    return (folder / "evaluations.csv").read_text(encoding="utf-8").splitlines()


def points(board: ScoringBoard) -> dict[str, float]:
    """Touchpoint -> emotion of the points the live curve draws."""
    found = re.findall(r"data-touchpoint='([^']+)' data-emotion='([^']+)'", board.curve.value)
    return {tp: float(value) for tp, value in found}


def test_board_opens_on_the_latest_saved_scores(mini):
    board = ScoringBoard(load_project(mini), "P1", "2026-H1")
    assert board.touchpoint_ids == ["T1", "T3", "T5", "T6"]  # P1's, in journey order
    assert list(board.rows) == ["T1"]  # only the open stage is built
    t3 = board.row("T3")
    assert t3.values["thought"] == "Better after re-scoring"  # the later of two rows
    assert [t3.sliders[f].value for f in ("satisfaction", "effort", "importance")] == [4, 5, 5]
    assert t3.emotion.value == 1 and t3.texts["thought"].value == "Better after re-scoring"
    assert t3.sliders["satisfaction"].readout  # scored: its value shows
    assert not board.row("T1").sliders["satisfaction"].readout  # nothing in 2026-H1: grey
    assert points(board) == {"T3": 1.0}
    assert board.stages.titles == ("Discover", "Buy", "Receive")
    assert "cjm-scoring-board" in board.widget._dom_classes
    assert "cjm-tp-T3" in t3.widget._dom_classes


def test_each_change_appends_one_complete_row_and_redraws(mini):
    board = ScoringBoard(load_project(mini), "P1", "2026-H1", assessor="Cleo")
    before = journal_lines(mini)
    redraws = board.redraws
    row = board.row("T1")
    row.sliders["satisfaction"].value = 2
    row.emotion.value = -2
    row.texts["thought"].value = "  Too many banners, "
    lines = journal_lines(mini)
    assert lines[:len(before)] == before
    added = [line.split(",", 1)[1] for line in lines[len(before):]]  # without recorded_at
    # A field never touched is saved empty, never as the slider's resting value (3).
    assert added == ["2026-H1,Cleo,P1,T1,2,,,,,,workshop",
                     "2026-H1,Cleo,P1,T1,2,,,-2,,,workshop",
                     '2026-H1,Cleo,P1,T1,2,,,-2,"Too many banners,",,workshop']
    assert board.redraws == redraws + 3 and board.saves == 3
    assert points(board) == {"T1": -2.0}
    assert "Saved T1 (thought)" in board.status.value
    assert "<td>Discover</td><td style='text-align:right'>1/1</td>" in board.summary.value
    current = scores.current_scores(load_project(mini), "2026-H1", by_assessor=True)
    cleo = current[current["assessor"] == "Cleo"].iloc[0]
    assert (cleo["touchpoint_id"], cleo["satisfaction"], cleo["emotion"]) == ("T1", 2, -2)
    assert board.last_save_seconds is not None


def test_assessors_keep_their_own_rows_and_their_spread_shows(mini):
    project = load_project(mini)
    ben = ScoringBoard(project, "P1", "2026-H1", assessor="Ben")
    assert ben.row("T3").values["satisfaction"] is None  # Ana's rows are not Ben's
    ben.row("T3").sliders["satisfaction"].value = 1
    ben.row("T3").emotion.value = -2
    spread = scores.assessor_spread(load_project(mini), "2026-H1")
    t3 = spread.iloc[0]
    assert (t3["persona_id"], t3["touchpoint_id"], t3["assessors"]) == ("P1", "T3", 2)
    assert (t3["satisfaction_min"], t3["satisfaction_max"], t3["satisfaction_range"]) == (1, 4, 3)
    assert (t3["emotion_range"], t3["spread"]) == (3, 0.75)  # emotion 1 vs -2 on -2..2
    assert len(spread) == 1  # T6 has one assessor: no spread


def test_saved_values_that_no_longer_fit_are_warnings_not_clamped(edit, mini):
    edit(mini / "evaluations.csv", "Ana,P1,T3,4,5,5,1", "Ana,P1,T3,7,5,5,1")  # satisfaction 7
    edit(mini / "evaluations.csv", "Ana,P1,T3,3,4,5,0", "Ana,P1,T9,3,4,5,0")  # T9 removed
    board = ScoringBoard(load_project(mini), "P1", "2026-H1", assessor="Ana")
    warning = board.warnings.value
    assert "T3: saved satisfaction 7" in warning and "outside the satisfaction scale 1 to 5" \
        in warning
    assert "T9: saved touchpoint_id T9" in warning and "no longer in touchpoints.csv" in warning
    t3 = board.row("T3")
    assert t3.values["satisfaction"] is None and not t3.sliders["satisfaction"].readout
    assert t3.values["effort"] == 5  # the rest of the row still opens
    t3.sliders["effort"].value = 6
    assert journal_lines(mini)[-1].split(",", 1)[1] == \
        "2026-H1,Ana,P1,T3,,6,5,1,Better after re-scoring,,workshop"


def test_moment_of_truth_toggle_is_saved_to_touchpoints(mini):
    board = ScoringBoard(load_project(mini), "P1", "2026-H1")
    before = journal_lines(mini)
    board.row("T1").moment.value = True
    assert journal_lines(mini) == before  # a touchpoint attribute, not a scoring
    touchpoints = load_project(mini).touchpoints.set_index("touchpoint_id")
    assert touchpoints.loc["T1", "moment_of_truth"]
    assert "moment of truth" in board.status.value


def test_board_refuses_an_unknown_persona_or_period(mini):
    project = load_project(mini)
    with pytest.raises(UsageError, match="persona_id 'P7' is not a persona"):
        ScoringBoard(project, "P7")
    with pytest.raises(UsageError, match="period must be a period label"):
        ScoringBoard(project, "P1", "spring")


def test_board_values_frame_orders_the_journey(mini):
    board = ScoringBoard(load_project(mini), "P2", "2026-H1")
    frame = board.scores()
    assert frame["touchpoint_id"].tolist() == board.touchpoint_ids
    assert frame.loc[frame["touchpoint_id"] == "T6", "satisfaction"].tolist() == [4]
    assert pd.isna(frame.loc[frame["touchpoint_id"] == "T2", "ease"]).all()


def test_a_stage_is_built_when_first_opened(mini):
    board = ScoringBoard(load_project(mini), "P1", "2026-H1")
    buy = board.stages.children[1]
    assert buy.children == ()
    board.stages.selected_index = 1
    assert [child for child in buy.children] == [board.rows["T3"].widget]
    assert board.row("T6") is board.rows["T6"]  # built on demand, from Python too
    with pytest.raises(KeyError, match="'T2' is not on this board"):
        board.row("T2")  # a P2-only touchpoint


def test_a_failed_save_is_said_on_the_board(mini, monkeypatch):
    import cjm.project.journal

    def locked(*args, **kwargs):
        raise TimeoutError("another notebook holds the project's lock")

    board = ScoringBoard(load_project(mini), "P1", "2026-H1")
    before = journal_lines(mini)
    monkeypatch.setattr(cjm.project.journal, "append_scores", locked)
    board.row("T1").sliders["importance"].value = 5
    assert journal_lines(mini) == before
    assert "Not saved: T1 (importance): another notebook holds" in board.status.value
    assert (board.saves, board.failures) == (0, 1)
    monkeypatch.undo()
    board.row("T1").sliders["importance"].value = 4  # the retry saves the whole row
    assert journal_lines(mini)[-1].split(",", 1)[1] == "2026-H1,,P1,T1,,,4,,,,workshop"


def test_an_emotion_scale_other_than_faces_shows_its_numbers(edit, mini):
    edit(mini / "project.yaml", "emotion: [-2, 2]", "emotion: [-3, 3]")
    row = ScoringBoard(load_project(mini), "P1", "2026-H1").row("T1")
    assert [value for _, value in row.emotion.options] == [-3, -2, -1, 0, 1, 2, 3]
    assert [text for text, _ in row.emotion.options][:2] == ["-3", "-2"]
    row.emotion.value = -3
    assert "data-emotion='-3'" in row.board.curve.value


def test_the_board_scores_the_current_period_and_says_so(mini, monkeypatch):
    import cjm.notebook.board as board_module

    monkeypatch.setattr(board_module, "current_period", lambda: "2026-H2")
    project = load_project(mini)
    board = board_module.live_board(project, "", persona_id="P1", shown="2026-H1")
    assert board.period == "2026-H2"
    assert "Scores are saved to period <b>2026-H2</b>" in board.widget.children[0].value
    assert "This board saves to <b>2026-H2</b>; the tables and charts of this notebook show " \
           "<b>2026-H1</b>" in board.notice.value
    board.row("T1").sliders["satisfaction"].value = 5
    assert journal_lines(mini)[-1].split(",")[1:3] == ["2026-H2", ""]
    assert "to 2026-H2 at" in board.status.value
    named = board_module.live_board(project, "2026-H1", persona_id="P1", shown="2026-H1")
    assert named.period == "2026-H1" and named.notice.value == ""


def test_the_board_says_when_the_journal_was_converted_to_utf8(mini):
    path = mini / "evaluations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Nice pictures", "Très joli")
                     .encode("cp1252"))
    board = ScoringBoard(load_project(mini), "P1", "2026-H1")
    board.row("T1").texts["thought"].value = "Génial 😀"
    assert "now saved as UTF-8" in board.status.value and board.failures == 0
    assert journal_lines(mini)[-1].endswith("Génial 😀,,workshop")


def test_a_scheduled_run_gets_a_note_not_a_board(mini):
    before = journal_lines(mini)
    note = live_board(load_project(mini), "2026-H1", persona_id="P1", interactive=False)
    assert isinstance(note, Markdown)
    assert note.data == ("*The live scoring board is built when `interactive` is True; this "
                         "run reads the saved scores.*")
    assert journal_lines(mini) == before


def test_without_personas_or_touchpoints_there_is_nothing_to_score(blank_project):
    note = live_board(blank_project, "2026-H1")
    assert isinstance(note, Markdown)
    assert note.data == ("*The live scoring board needs personas (step 1) and touchpoints "
                         "(step 3) first.*")


def test_the_first_persona_is_scored_when_none_is_named(mini):
    board = live_board(load_project(mini), "2026-H1")
    assert isinstance(board, ScoringBoard)
    assert (board.persona_id, board.period) == ("P1", "2026-H1")
    assert board.notice.value == ""  # `shown` not given: nothing to warn about

"""Saving scores: appending to the journal in the file's own dialect, concurrently, atomically."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path

import pytest

from cjm import load_project
from cjm.errors import JournalConverted, UsageError
from cjm.project.journal import JOURNAL_COLUMNS, append_scores, set_moment_of_truth


def row(touchpoint="T1", **values) -> dict:
    base = dict(recorded_at="2026-03-01T10:00:00", period="2026-H1", assessor="Ana",
                persona_id="P1", touchpoint_id=touchpoint, satisfaction=4, effort=2,
                importance=5, emotion=1, thought="Quick, clear", pain_point=None,
                source="workshop")
    return base | values


def test_append_keeps_every_byte_and_adds_complete_rows(mini):
    path = mini / "evaluations.csv"
    before = path.read_bytes()
    append_scores(mini, [row(recorded_at="2026-07-01T09:00:00", thought='Said "fine", then left')])
    after = path.read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode()
    assert added == ('2026-07-01T09:00:00,2026-H1,Ana,P1,T1,4,2,5,1,'
                     '"Said ""fine"", then left",,workshop\n')
    journal = load_project(mini).evaluations
    last = journal.iloc[-1]
    assert (last["touchpoint_id"], last["satisfaction"], last["thought"]) == (
        "T1", 4, 'Said "fine", then left')


def test_append_follows_a_semicolon_windows_file(mini):
    path = mini / "evaluations.csv"
    text = path.read_text(encoding="utf-8").replace(",", ";").replace("\n", "\r\n")
    path.write_bytes(text.replace("Nice pictures", "Tr\u00e8s belles images").encode("cp1252"))
    before = path.read_bytes()
    append_scores(mini, [row(recorded_at="2026-07-01T09:00:00",
                             thought="Trop long, j'ai abandonn\u00e9")])
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == ("2026-07-01T09:00:00;2026-H1;Ana;P1;T1;4;2;5;1;"
                                   "Trop long, j'ai abandonn\u00e9;;workshop\r\n").encode("cp1252")
    assert load_project(mini).evaluations.iloc[-1]["thought"] == "Trop long, j'ai abandonn\u00e9"


def test_missing_file_and_missing_columns(mini):
    (mini / "evaluations.csv").unlink()
    append_scores(mini, [row()])
    lines = (mini / "evaluations.csv").read_text().splitlines()
    assert lines[0] == ",".join(JOURNAL_COLUMNS) and len(lines) == 2
    # A journal exported without the assessor and source columns gains them, rows padded.
    (mini / "evaluations.csv").write_text(
        "recorded_at,period,persona_id,touchpoint_id,satisfaction\n"
        "2026-01-05,2026-H1,P1,T2,3\n", encoding="utf-8")
    append_scores(mini, [row()])
    lines = (mini / "evaluations.csv").read_text().splitlines()
    assert lines[0].split(",")[:5] == ["recorded_at", "period", "persona_id", "touchpoint_id",
                                      "satisfaction"]
    assert "assessor" in lines[0] and len(lines[1].split(",")) == len(lines[0].split(","))
    assert len(load_project(mini).evaluations) == 2


def test_a_foreign_column_or_a_missing_key_is_refused(mini):
    before = (mini / "evaluations.csv").read_bytes()
    with pytest.raises(ValueError, match="not journal columns: colour"):
        append_scores(mini, [row(colour="red")])
    with pytest.raises(ValueError, match="a journal row needs touchpoint_id"):
        append_scores(mini, [row(touchpoint_id="")])
    assert (mini / "evaluations.csv").read_bytes() == before


def _save_many(folder: str, assessor: str, count: int) -> None:
    for number in range(count):
        append_scores(Path(folder), [row(touchpoint=f"T{number % 6 + 1}", assessor=assessor,
                                         thought=f"{assessor} note {number}, " + "x" * 200)])


def test_concurrent_saves_lose_nothing_and_never_interleave(mini):
    before = len(load_project(mini).evaluations)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_save_many, args=(str(mini), f"A{n}", 40))
               for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    journal = load_project(mini).evaluations
    assert len(journal) == before + 160
    for n in range(4):
        notes = journal.loc[journal["assessor"] == f"A{n}", "thought"].tolist()
        assert notes == [f"A{n} note {i}, " + "x" * 200 for i in range(40)]  # in order, whole
    assert not list(mini.glob(".evaluations.csv.*.tmp"))


def test_xlsx_journal_is_not_overwritten(mini):
    (mini / "evaluations.csv").rename(mini / "kept.csv")
    (mini / "evaluations.xlsx").write_bytes(b"not really a workbook")
    with pytest.raises(UsageError, match="evaluations.xlsx"):
        append_scores(mini, [row()])
    assert (mini / "evaluations.xlsx").read_bytes() == b"not really a workbook"


def test_moment_of_truth_is_written_in_the_files_words(mini):
    path = mini / "touchpoints.csv"
    text = path.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    column = header.index("moment_of_truth")
    set_moment_of_truth(mini, "T2", True)
    after = path.read_text(encoding="utf-8").splitlines()
    cells = next(line.split(",") for line in after if line.startswith("T2,"))
    assert cells[column] == "yes"
    assert [line for line in after if not line.startswith("T2,")] == [
        line for line in text.splitlines() if not line.startswith("T2,")]
    assert load_project(mini).touchpoints.set_index("touchpoint_id").loc["T2",
                                                                        "moment_of_truth"]
    set_moment_of_truth(mini, "T2", False)
    assert not load_project(mini).touchpoints.set_index("touchpoint_id").loc["T2",
                                                                            "moment_of_truth"]
    with pytest.raises(UsageError, match="no touchpoint 'T9'"):
        set_moment_of_truth(mini, "T9", True)


def test_a_windows_1252_journal_is_converted_to_utf8_rather_than_losing_characters(mini):
    path = mini / "evaluations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Nice pictures", "Très joli")
                     .encode("cp1252"))
    with pytest.warns(JournalConverted, match="now saved as UTF-8"):
        append_scores(mini, [row(thought="Super 👍 — 5 €")])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Très joli" in text and text.endswith(",Super 👍 — 5 €,,workshop\n")
    journal = load_project(mini).evaluations
    assert "Super 👍 — 5 €" in journal["thought"].dropna().tolist()
    assert "Très joli" in journal["thought"].dropna().tolist()


def test_a_windows_1252_journal_stays_so_while_it_can_hold_the_text(mini):
    path = mini / "evaluations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Nice pictures", "Très joli")
                     .encode("cp1252"))
    before = path.read_bytes()
    append_scores(mini, [row(thought="Déçu")])
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].decode("cp1252").count("Déçu") == 1


@pytest.mark.parametrize(("content", "why"), [
    ("utf-16", "is saved as UTF-16"),
    ("nul", "contains NUL bytes"),
    ("mixed", "mixes two encodings"),
    ("open quote", 'has a quote (") that is never closed'),
])
def test_a_damaged_journal_takes_no_row(mini, content, why):
    path = mini / "evaluations.csv"
    text = path.read_text(encoding="utf-8")
    data = {"utf-16": text.encode("utf-16"),
            "nul": text.encode() + b"2026-03-01,2026-H1,Ana,P1,T1\x00,3,,,,,,\n",
            "mixed": text.replace("Nice pictures", "Très joli").encode()
            + "2026-03-01,2026-H1,Ana,P1,T1,3,,,,Déçu,,workshop\n".encode("cp1252"),
            "open quote": text.encode() + b'2026-03-01,2026-H1,Ana,P1,T1,3,,,,"Unfinished\n',
            }[content]
    path.write_bytes(data)
    with pytest.raises(UsageError) as info:
        append_scores(mini, [row()])
    assert why in str(info.value) and "nothing was written" in str(info.value)
    assert path.read_bytes() == data


@pytest.mark.parametrize(("damage", "why"), [
    (b"2026-03-01,2026-H1,Ana,P1,T1\x00,3,,,,,,\n", "contains NUL bytes (the first on row 10)"),
    ("2026-03-01,2026-H1,Ana,P1,T1,3,,,,Déçu,,workshop\n".encode("cp1252"),
     "mixes two encodings"),
    (b'2026-03-01,2026-H1,Ana,P1,T1,3,,,,"Unfinished\n', 'has a quote (") that is never closed'),
])
def test_damage_added_after_a_save_is_seen_by_the_next_save(mini, damage, why):
    """A save checks only the bytes added since the last one: what another program appended
    in between is checked as the whole file is."""
    path = mini / "evaluations.csv"
    append_scores(mini, [row(thought="Très bien")])
    with open(path, "ab") as handle:  # another program, same file
        handle.write(damage)
    before = path.read_bytes()
    with pytest.raises(UsageError, match=re.escape(why)):
        append_scores(mini, [row()])
    assert path.read_bytes() == before


def test_a_journal_replaced_between_saves_is_checked_whole(mini):
    path = mini / "evaluations.csv"
    append_scores(mini, [row()])
    text = path.read_text(encoding="utf-8")
    replaced = text.replace("Nice pictures", '"Nice pictures')  # an editor saved a new copy
    path.with_name("copy.csv").write_text(replaced, encoding="utf-8")
    path.with_name("copy.csv").replace(path)
    with pytest.raises(UsageError, match="never closed"):
        append_scores(mini, [row()])
    assert path.read_text(encoding="utf-8") == replaced


def test_saves_after_another_writer_keep_every_row(mini):
    path = mini / "evaluations.csv"
    append_scores(mini, [row(touchpoint="T1")])
    with open(path, "ab") as handle:  # another notebook's save, as its bytes
        handle.write(b"2026-03-01T10:00:00,2026-H1,Bo,P1,T2,4,,,,,,workshop\n")
    append_scores(mini, [row(touchpoint="T3")])
    rows = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[4] for line in rows[-3:]] == ["T1", "T2", "T3"]


@pytest.mark.parametrize(("values", "message"), [
    ({"period": "2026-H3"}, "not saved: period '2026-H3' is not a period label"),
    ({"persona_id": "../../x"}, "not saved: persona_id '../../x' contains a path separator"),
    ({"touchpoint_id": "T\u200d1"},
     "not saved: touchpoint_id 'T\\u200d1' contains an invisible character (U+200D)"),
    ({"thought": "clear\x1b[2J"}, "not saved: thought 'clear\\x1b[2J' contains a control"),
    ({"satisfaction": float("inf")}, "not saved: satisfaction 'inf' is not a number"),
    ({"source": "meeting"}, "not saved: source 'meeting' is not one of: workshop, survey"),
])
def test_a_row_validation_would_refuse_is_never_appended(mini, values, message):
    before = (mini / "evaluations.csv").read_bytes()
    with pytest.raises(UsageError, match=re.escape(message)):
        append_scores(mini, [row(**values)])
    assert (mini / "evaluations.csv").read_bytes() == before


def test_a_save_appends_to_the_same_file_never_a_rewrite(mini):
    path = mini / "evaluations.csv"
    inode = path.stat().st_ino
    append_scores(mini, [row()])
    append_scores(mini, [row(touchpoint="T2")])
    assert path.stat().st_ino == inode  # the same file grew: not replaced by a copy


def test_a_row_cut_short_by_a_crash_is_kept_aside_and_never_read(mini):
    path = mini / "evaluations.csv"
    complete = path.read_bytes()
    path.write_bytes(complete + b"2026-07-01T09:00:00,2026-H1,Ana,P1,T")  # the crash

    with pytest.warns(JournalConverted, match="ended with a row cut short"):
        append_scores(mini, [row(recorded_at="2026-07-02T09:00:00")])

    after = path.read_bytes()
    assert after.startswith(complete)
    assert after[len(complete):].decode() == (
        "2026-07-02T09:00:00,2026-H1,Ana,P1,T1,4,2,5,1,\"Quick, clear\",,workshop\n")
    (kept,) = mini.glob("evaluations.csv.torn-*")
    assert kept.read_bytes() == b"2026-07-01T09:00:00,2026-H1,Ana,P1,T"


def test_a_complete_last_row_without_a_line_end_is_not_torn(mini):
    path = mini / "evaluations.csv"
    complete = path.read_bytes().rstrip(b"\n")  # as some editors save a file
    path.write_bytes(complete)
    append_scores(mini, [row()])
    assert path.read_bytes().startswith(complete + b"\n")
    assert not list(mini.glob("evaluations.csv.torn-*"))


def test_a_torn_last_row_is_never_read_as_a_score(mini):
    from cjm.project.model import validate_project

    path = mini / "evaluations.csv"
    rows = len(load_project(mini).evaluations)
    path.write_bytes(path.read_bytes() + b"2026-07-01T09:00:00,2026-H1,Ana,P1,T1,4,2")
    (problem,) = [p for p in validate_project(mini) if "cut short" in p.message]
    assert (problem.severity, problem.row) == ("warning", rows + 2)
    assert len(load_project(mini).evaluations) == rows  # left out, not read with blanks

import os

import pandas as pd
import pytest

from cjm.writers import atomic_path, excel_safe, write_csv, write_text


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    write_text(target, "new")

    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_failure_while_writing_keeps_the_original(tmp_path):
    target = tmp_path / "evaluations.csv"
    target.write_text("precious", encoding="utf-8")

    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half writ", encoding="utf-8")
        raise RuntimeError("disk full")

    assert target.read_text(encoding="utf-8") == "precious"
    assert os.listdir(tmp_path) == ["evaluations.csv"]


def test_permissions_of_an_existing_file_are_kept(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o640)

    write_text(target, "y")

    assert target.stat().st_mode & 0o777 == 0o640


def test_excel_csv_neutralises_formulas_but_not_numbers(tmp_path):
    frame = pd.DataFrame({"title": ["=HYPERLINK(\"x\")", "+33 1 23", "-cmd", "@SUM(A1)",
                                    "plain"], "emotion": [-2, -1, 0, 1, 2]})

    write_csv(frame, tmp_path / "plan.csv", for_excel=True)

    back = pd.read_csv(tmp_path / "plan.csv", encoding="utf-8-sig")
    assert back["title"].tolist() == ["'=HYPERLINK(\"x\")", "'+33 1 23", "'-cmd", "'@SUM(A1)",
                                      "plain"]
    assert back["emotion"].tolist() == [-2, -1, 0, 1, 2]
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_excel_safe_does_not_change_its_input():
    frame = pd.DataFrame({"a": ["=1"]})
    excel_safe(frame)
    assert frame["a"][0] == "=1"

import os

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.project.writers import (
    NAME_LENGTH,
    atomic_path,
    excel_safe,
    file_in,
    safe_name,
    write_csv,
    write_text,
)


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


@pytest.mark.parametrize("name", ["journey_map_x/../../../../tmp/out", "a/b", "../../etc",
                                  "..", ".hidden", "CON", "x" * 300, "Ém ile", "", "a\x00b"])
def test_names_from_data_become_safe_file_names_inside_their_folder(tmp_path, name):
    path = file_in(tmp_path, name)
    assert path.parent == tmp_path
    assert path.name and not path.name.startswith(".") and "/" not in path.name
    assert len(path.name) <= NAME_LENGTH + 9
    write_text(path, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_safe_names_keep_plain_ids_and_never_collide():
    assert safe_name("journey_map_P1.png") == "journey_map_P1.png"
    assert safe_name("persona_P 1") != safe_name("persona_P_1")
    assert safe_name("a/b") != safe_name("a_b")


@settings(max_examples=400, deadline=None)
@given(name=st.text(max_size=120))
def test_any_name_is_written_inside_its_folder(tmp_path_factory, name):
    folder = tmp_path_factory.getbasetemp() / "out"
    path = file_in(folder, name)
    assert path.resolve().parent == folder.resolve()

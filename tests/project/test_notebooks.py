"""Working notebooks: the template stamp, telling old notebooks, and `upgrade_notebooks`
keeping the analyst's cells and parameters while refreshing the template's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from cjm.errors import UsageError
from cjm.project.notebooks import (
    INJECTED,
    LEGACY,
    digest,
    older,
    outdated,
    outdated_text,
    parameter_values,
)
from cjm.project.workspace import STEPS, Workspace


def cells(path: Path) -> list[tuple[str, str]]:
    """(id, first line) of each cell of the notebook at `path`."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [(cell.get("id"), "".join(cell["source"]).split("\n")[0])
            for cell in notebook["cells"]]


def source(path: Path, cell_id: str) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return next("".join(cell["source"]) for cell in notebook["cells"] if cell["id"] == cell_id)


@pytest.fixture
def project(tmp_path, fixtures_dir) -> Workspace:
    """A workspace with the mini project and no notebooks yet."""
    shutil.copytree(fixtures_dir / "mini", tmp_path / "data" / "mini")
    (tmp_path / "notebooks" / "mini").mkdir(parents=True)
    return Workspace(tmp_path)


def prepare_as_0_1(workspace: Workspace) -> Path:
    """The notebooks of mini as cjm 0.1 prepared them: papermill copies of its templates."""
    folder = workspace.notebook_dir("mini")
    for step in STEPS:
        papermill.execute_notebook(str(LEGACY / f"{step}.ipynb"), str(folder / f"{step}.ipynb"),
                                   parameters={"project_dir": "../../data/mini"},
                                   prepare_only=True, kernel_name="python3", language="python",
                                   progress_bar=False)
    return folder


def change(path: Path, edit) -> None:
    """Apply `edit(notebook dict)` to the notebook at `path`, as an analyst saving it would."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    edit(notebook)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def own_cell(text: str, cell_id: str = "analyst1") -> dict:
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "execution_count": None,
            "outputs": [], "source": text}


def index_of(notebook: dict, start: str) -> int:
    return next(i for i, cell in enumerate(notebook["cells"])
                if "".join(cell["source"]).startswith(start))


# --- the stamp ------------------------------------------------------------------------------

def test_prepared_notebooks_carry_the_stamp_of_their_template(project, repo):
    project._prepare_notebooks("mini", project.notebook_dir("mini"))
    path = project.notebook_dir("mini") / "05_prioritisation.ipynb"
    notebook = nbformat.read(path, as_version=4)
    template = nbformat.read(repo / "templates" / "05_prioritisation.ipynb", as_version=4)
    nbformat.validate(notebook)
    made = notebook.metadata["cjm"]
    assert (made["template"], made["version"]) == ("05_prioritisation", "0.3.1")
    assert made["cells"] == {cell.id: digest(cell.source) for cell in template.cells}
    assert made["parameters"] == {"project_dir": "../../data/demo", "period": "",
                                  "interactive": True, "output_dir": "outputs",
                                  "ipa_split": "means"}
    ids = [cell.id for cell in notebook.cells]
    assert ids == ["05-01", "05-02", INJECTED] + [cell.id for cell in template.cells[2:]]
    assert source(path, INJECTED) == '# Parameters\nproject_dir = "../../data/mini"\n'
    assert outdated(project.notebook_dir("mini"), project.templates()) == []


def test_every_template_is_stamped_with_ids(repo):
    import cjm

    for step in STEPS:
        notebook = nbformat.read(repo / "templates" / f"{step}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata["cjm"] == {"template": step, "version": "0.3.1"}
        assert not older(cjm.__version__, notebook.metadata["cjm"]["version"])
        ids = [cell.id for cell in notebook.cells]
        assert len(set(ids)) == len(ids) and all(i.startswith(step[:2] + "-") for i in ids)


def test_versions_and_parameter_values():
    assert older("0.1", "0.2.0") and older("0.2.0", "0.10") and not older("0.2.0", "0.2.0")
    assert parameter_values('a: str = "x"  # note\nb = 3\nc = f(1)\nd: int\n') == {
        "a": "x", "b": 3}
    assert parameter_values("this is not python(") == {}
    assert digest("x = 1  \n\n") == digest(["x = 1\n"]) != digest("x = 2")


def test_notebooks_of_cjm_0_1_are_told_apart(project):
    folder = prepare_as_0_1(project)
    found = outdated(folder, project.templates())
    assert found == [(step, "0.1", "0.3.1") for step in STEPS]
    assert outdated_text("mini", found[:2]) == (
        "the notebooks of 'mini' (01_personas, 02_goals) were made from the templates of cjm "
        "0.1; the installed templates are 0.3.1. They still run; to refresh them (your own "
        "cells are kept): cjm upgrade mini")


def test_a_workspace_template_without_a_version_warns_of_nothing(project, repo):
    folder = prepare_as_0_1(project)
    (project.root / "templates").mkdir()
    shutil.copy(LEGACY / "01_personas.ipynb", project.root / "templates")
    assert [step for step, _, _ in outdated(folder, project.templates())] == STEPS[1:]


# --- upgrading notebooks of cjm 0.1 ----------------------------------------------------------

def test_upgrade_from_0_1_keeps_the_analysts_cells_and_parameters(project):
    folder = prepare_as_0_1(project)
    path = folder / "05_prioritisation.ipynb"

    def analyst(notebook):
        cells_ = notebook["cells"]
        parameters = next(c for c in cells_ if "parameters" in c["metadata"].get("tags", []))
        parameters["source"] = "".join(parameters["source"]).replace('"means"', '"midpoints"')
        at = index_of(notebook, "result = priorities.ipa")
        cells_.insert(at + 1, own_cell("# quadrants, my way\nresult.frame.tail(3)"))
        plan = index_of(notebook, "plan = priorities.rank_actions")
        cells_[plan]["source"] = "".join(cells_[plan]["source"]) + "\nplan.head(3)"  # edited

    change(path, analyst)
    before = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}

    reports, backup = project.upgrade_notebooks("mini")

    assert backup == folder / "before-upgrade-0.1"
    assert {p.name: p.read_bytes() for p in backup.glob("*.ipynb")} == before  # untouched
    report = reports[STEPS.index("05_prioritisation")]
    assert report.lines() == [
        "05_prioritisation: 10 template cell(s) replaced",
        "  kept your cell 7 (# quadrants, my way)",
        "  kept your cell 14 (plan = priorities.rank_actions(project, priority_table))",
        "  kept the parameters ipa_split = 'midpoints'"]
    assert reports[0].lines() == ["01_personas: 8 template cell(s) replaced"]
    assert [c for c in cells(path)][:8] == [
        ("05-01", "# Step 5: Prioritisation"), ("05-02", 'project_dir: str = "../../data/demo"'
                                                         "  # project folder"),
        (INJECTED, "# Parameters"), ("05-03", "from cjm import notebook"),
        ("05-04", "## Importance-performance analysis"),
        ("05-05", "result = prioritisation.ipa(project, period, split=ipa_split)"),
        ("analyst1", "# quadrants, my way"), ("05-06", "result.frame")]
    # the edited 0.1 cell is the analyst's now: kept where it was, before the template's own
    assert cells(path)[-3:] == [
        ("05-11", "## The action plan"),
        (cells(path)[-2][0], "plan = priorities.rank_actions(project, priority_table)"),
        ("05-12", "plan = prioritisation.rank_actions(project, priority_table)")]
    assert 'ipa_split: str = "midpoints"  # IPA crosshair' in source(path, "05-02")
    assert outdated(folder, project.templates()) == []

    again, second_backup = project.upgrade_notebooks("mini")  # nothing left to do
    assert second_backup is None and all(report.unchanged for report in again)
    assert 'ipa_split: str = "midpoints"' in source(path, "05-02")


def test_cells_of_an_earlier_0_1_template_are_recognised(project, monkeypatch):
    """A notebook prepared from an early 0.1 template holds cells the last 0.1 template no
    longer has: known by their digest, they are the template's (replaced), not the
    analyst's."""
    known = json.loads((LEGACY / "known_cells.json").read_text(encoding="utf-8"))
    last = nbformat.read(LEGACY / "04_evaluation.ipynb", as_version=4)
    assert {digest(cell.source) for cell in last.cells} < set(known["04_evaluation"])
    folder = prepare_as_0_1(project)
    early = "ax = charts.persona_shares(personas.share_table(project))"
    change(folder / "01_personas.ipynb", lambda notebook: notebook["cells"][4].update(
        source=early))
    known["01_personas"].append(digest(early))
    (project.root / "known.json").write_text(json.dumps(known), encoding="utf-8")
    monkeypatch.setattr("cjm.project.notebooks.KNOWN_CELLS", project.root / "known.json")

    reports, _ = project.upgrade_notebooks("mini")

    assert reports[0].lines() == [
        "01_personas: 7 template cell(s) replaced",
        "  removed (a cell of the old template, not edited, without a place in the new one) "
        "5 (ax = charts.persona_shares(personas.share_table(project)))"]


def test_a_missing_notebook_is_made_and_a_damaged_one_stops_everything(project):
    folder = prepare_as_0_1(project)
    (folder / "02_goals.ipynb").unlink()
    (folder / "06_review.ipynb").write_text('{"cells": [', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    with pytest.raises(UsageError, match=r"cannot read the notebook .*06_review.ipynb"):
        project.upgrade_notebooks("mini")
    assert {p.name: p.read_bytes() for p in folder.glob("*.ipynb")} == before
    assert not list(folder.glob("before-upgrade-*"))

    (folder / "06_review.ipynb").unlink()
    reports, backup = project.upgrade_notebooks("mini")
    assert reports[1].lines() == ["02_goals: was missing, made from the installed template"]
    assert sorted(p.name for p in backup.iterdir()) == [
        "01_personas.ipynb", "03_touchpoints.ipynb", "04_evaluation.ipynb",
        "05_prioritisation.ipynb"]
    assert sorted(p.name for p in folder.glob("*.ipynb")) == [f"{s}.ipynb" for s in STEPS]


def test_upgrade_refuses_an_unknown_project(project):
    with pytest.raises(UsageError, match="no project 'nope'"):
        project.upgrade_notebooks("nope")


# --- upgrading stamped notebooks to newer templates -----------------------------------------

def test_stamped_notebooks_follow_a_newer_template_by_cell_id(project, repo):
    folder = project.notebook_dir("mini")
    project._prepare_notebooks("mini", folder)
    path = folder / "02_goals.ipynb"

    def analyst(notebook):
        at = index_of(notebook, "goals.goals_grid(project)")
        notebook["cells"][at]["source"] = "goals.goals_grid(project).head(20)"  # edited
        notebook["cells"].insert(at + 1, own_cell("len(project.goals)"))
        notebook["cells"].insert(1, {"cell_type": "markdown", "id": "note1", "metadata": {},
                                     "source": "Workshop of 3 March: see the board."})
        notebook["cells"].insert(0, {"cell_type": "markdown", "id": "top", "metadata": {},
                                     "source": "Owner: Ana"})

    change(path, analyst)
    newer = project.root / "templates"
    newer.mkdir()
    template = json.loads((repo / "templates" / "02_goals.ipynb").read_text(encoding="utf-8"))
    template["metadata"]["cjm"]["version"] = "0.4.0"
    dropped = next(c for c in template["cells"] if "".join(c["source"]) == "goals.scenarios("
                                                                          "project)")
    template["cells"].remove(dropped)
    template["cells"].append({"cell_type": "code", "id": "02-99", "metadata": {},
                              "execution_count": None, "outputs": [],
                              "source": "goals.coverage(project)"})
    (newer / "02_goals.ipynb").write_text(json.dumps(template), encoding="utf-8")
    assert [step for step, _, _ in outdated(folder, project.templates())] == ["02_goals"]

    reports, backup = project.upgrade_notebooks("mini")

    assert backup == folder / "before-upgrade-0.3.1"
    assert [r.unchanged for r in reports] == [True, False, True, True, True, True]
    assert reports[1].lines() == [
        "02_goals: 6 template cell(s) replaced",
        "  kept your edited cell 8 (goals.goals_grid(project).head(20))",
        "  kept your cell 1 (Owner: Ana)",
        "  kept your cell 3 (Workshop of 3 March: see the board.)",
        "  kept your cell 9 (len(project.goals))",
        "  removed (a cell of the old template, not edited, without a place in the new one) "
        "13 (goals.scenarios(project))"]
    ids = [cell_id for cell_id, _ in cells(path)]
    assert ids[:6] == ["top", "02-01", "note1", "02-02", INJECTED, "02-03"]  # where they were
    assert source(path, ids[ids.index("02-05")]) == "goals.goals_grid(project).head(20)"
    assert ids[ids.index("02-05") + 1] == "analyst1"
    assert ids[-1] == "02-99" and "02-09" not in ids
    assert nbformat.read(path, as_version=4).metadata["cjm"]["version"] == "0.4.0"

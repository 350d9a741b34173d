"""The templates keep the notebook contract, and every one runs headless through papermill."""

import ast
import json

import papermill
import pytest

from cjm.workspace import STEPS, Workspace
from tests.conftest import REPO

TEMPLATES = [REPO / "templates" / f"{step}.ipynb" for step in STEPS]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", TEMPLATES, ids=STEPS)
def test_template_is_committed_clean(path):
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", TEMPLATES, ids=STEPS)
def test_template_opens_with_purpose_then_typed_commented_parameters(path):
    first, second = cells(path)[:2]
    text = "".join(first["source"])
    assert first["cell_type"] == "markdown"
    assert "**Inputs:**" in text and "**Outputs:**" in text
    assert second["metadata"].get("tags") == ["parameters"]
    lines = "".join(second["source"]).splitlines()
    assert lines[:3] == [
        'project_dir: str = "../../data/demo"  # project folder',
        'period: str = ""  # empty for the current period',
        "interactive: bool = True  # False in scheduled runs",
    ]
    for line in lines:
        assert ast.parse(line).body[0].annotation is not None
        assert "  # " in line


@pytest.mark.parametrize("path", TEMPLATES, ids=STEPS)
def test_template_holds_no_logic(path):
    for cell in cells(path):
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            defs = [n for n in ast.walk(tree)
                    if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]
            assert defs == [], "templates call into cjm; functions belong in the package"
            assert len("".join(cell["source"]).splitlines()) <= 12


@pytest.fixture(scope="session")
def runnable(tmp_path_factory):
    """A workspace with the demo project and a blank project, notebooks prepared."""
    root = tmp_path_factory.mktemp("templates")
    ws = Workspace(root)
    ws.ensure_demo()
    ws.new_project("Blank")
    return root


@pytest.mark.parametrize("slug", ["demo", "blank"])
@pytest.mark.parametrize("step", STEPS)
def test_template_runs_headless(runnable, slug, step, tmp_path):
    folder = runnable / "notebooks" / slug
    out = tmp_path / f"{step}.ipynb"
    papermill.execute_notebook(str(folder / f"{step}.ipynb"), str(out),
                               parameters={"interactive": False}, kernel_name="python3",
                               cwd=str(folder), progress_bar=False)
    executed = cells(out)
    assert all(c.get("metadata", {}).get("papermill", {}).get("exception") is not True
               for c in executed)

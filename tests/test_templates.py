"""The templates keep the notebook contract, and every one runs headless through papermill."""

import ast
import json
from pathlib import Path

import pytest

from cjm.project.workspace import STEPS

TEMPLATES = [Path(__file__).parents[1] / "templates" / f"{step}.ipynb" for step in STEPS]


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


def code_outputs(path):
    return [o for c in cells(path) if c["cell_type"] == "code" for o in c["outputs"]]


@pytest.mark.parametrize("step", STEPS)
def test_template_runs_headless_on_the_demo(reviewed, step):
    executed = reviewed / "notebooks" / "demo" / "reviews" / "2026-H1" / f"{step}.ipynb"
    outputs = code_outputs(executed)
    assert [o for o in outputs if o["output_type"] == "error"] == []
    assert any("image/png" in o.get("data", {}) or "text/html" in o.get("data", {})
               for o in outputs), "each step shows a table or a chart"


@pytest.mark.parametrize("step", STEPS)
def test_template_runs_on_a_blank_project_and_says_what_to_fill_in(blank_run, step):
    executed = blank_run / "notebooks" / "blank" / f"{step}.ipynb"
    outputs = code_outputs(executed)
    assert [o for o in outputs if o["output_type"] == "error"] == []
    text = " ".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
    assert "To fill in" in text
    assert "has no rows" in text


def test_interactive_steps_build_their_widgets_headless(tmp_path):
    """With interactive=True (the analyst in JupyterLab), steps 4 and 5 display the live board
    and the tuner, step 4 the viewer of emotion curves; the scheduled runs above
    (interactive=False) show a note instead."""
    from cjm.project.workspace import Workspace
    from cjm.run.kernel import execute

    ws = Workspace(tmp_path)
    ws.ensure_demo()
    folder = tmp_path / "notebooks" / "demo"
    for step, widgets in (("04_evaluation", 2), ("05_prioritisation", 1)):
        executed = tmp_path / f"{step}.out.ipynb"
        execute(folder / f"{step}.ipynb", executed, {"interactive": True, "period": "2026-H1",
                                                     "output_dir": str(tmp_path / "out")},
                cwd=folder)
        outputs = code_outputs(executed)
        assert [o for o in outputs if o["output_type"] == "error"] == []
        views = [o for o in outputs
                 if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert len(views) == widgets, step


def test_scheduled_runs_say_the_widgets_are_not_built(reviewed):
    for step, words in (("04_evaluation", "live scoring board is built when"),
                        ("05_prioritisation", "priority tuner is built when")):
        executed = reviewed / "notebooks" / "demo" / "reviews" / "2026-H1" / f"{step}.ipynb"
        outputs = code_outputs(executed)
        text = " ".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
        assert words in text
        assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                       for o in outputs)


FRENCH = [path.parent / "fr" / path.name for path in TEMPLATES]


@pytest.mark.parametrize(("english", "french"), list(zip(TEMPLATES, FRENCH, strict=True)),
                         ids=STEPS)
def test_the_french_templates_keep_in_step_with_the_english(english, french):
    """Same cells, same code, same parameters and stamp: only the prose is French."""
    en, fr = (json.loads(path.read_text(encoding="utf-8")) for path in (english, french))
    assert fr["metadata"] == en["metadata"]
    assert [(c["cell_type"], c.get("id")) for c in fr["cells"]] == [
        (c["cell_type"], c.get("id")) for c in en["cells"]]
    for a, b in zip(en["cells"], fr["cells"], strict=True):
        if a["cell_type"] == "code":
            assert b == a
        else:
            assert "".join(b["source"]) != "".join(a["source"])
    first = "".join(fr["cells"][0]["source"])
    assert "**Entrées\u202f:**" in first and "**Sorties\u202f:**" in first

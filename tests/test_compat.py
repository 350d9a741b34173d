"""Projects made with cjm 0.1 keep running: its module names still work (with a warning
naming the new place), its templates run against this package, and `cjm upgrade` moves a
project to the current templates without changing what its review says."""

from __future__ import annotations

import importlib
import json
import shutil
import sys

import pandas as pd
import papermill
import pytest

from cjm.cli import main
from cjm.project.notebooks import LEGACY
from cjm.project.workspace import STEPS

pytestmark = pytest.mark.filterwarnings("default:cjm\\.[a-z_.]+ is now:DeprecationWarning")


def test_an_old_module_name_finds_the_name_in_its_new_place():
    import cjm
    from cjm.render import journey_map as module

    with pytest.warns(DeprecationWarning, match=r"^cjm\.charts\.journey_map is now "
                      r"cjm\.render\.charts\.journey_map; cjm\.charts goes in the next release "
                      r"\(run: cjm upgrade SLUG\)$"):
        assert cjm.charts.journey_map is module.journey_map
    with pytest.warns(DeprecationWarning, match="cjm.outputs.save_figure is now "
                      "cjm.render.figures.save_figure"):
        from cjm.outputs import save_figure
    from cjm.render.figures import save_figure as new

    assert save_figure is new
    with pytest.warns(DeprecationWarning, match="cjm.metrics.survey_period is now "
                      "cjm.periods.period_labels"):
        from cjm.metrics import survey_period
    dates = pd.Series(pd.to_datetime(["2026-03-01", "2026-09-30", None]))
    assert survey_period(dates).tolist() == ["2026-H1", "2026-H2", pd.NA]


def test_import_statements_of_old_modules_work_too():
    sys.modules.pop("cjm.workspace", None)
    module = importlib.import_module("cjm.workspace")
    with pytest.warns(DeprecationWarning, match="cjm.workspace.Workspace is now "
                      "cjm.project.workspace.Workspace"):
        assert module.Workspace is importlib.import_module("cjm.project.workspace").Workspace


def test_unknown_names_are_still_errors():
    import cjm

    with pytest.raises(AttributeError, match="module 'cjm' has no attribute 'nothing'"):
        cjm.nothing  # noqa: B018
    with pytest.raises(ImportError):
        importlib.import_module("cjm.nothing")
    with pytest.raises(AttributeError, match="module 'cjm.charts' has no attribute 'nope'"):
        cjm.charts.nope  # noqa: B018
    assert not hasattr(cjm.charts, "__file__")  # dunders are not looked up elsewhere


def test_actions_since_keeps_its_0_1_argument_order(mini):
    from cjm import load_project
    from cjm.steps.review import actions_since

    project = load_project(mini)
    with pytest.warns(DeprecationWarning, match="cjm.comparison.actions_since is now"):
        from cjm.comparison import actions_since as old
    assert old(project, project, "2026-H1").equals(actions_since(project, "2026-H1", project))


@pytest.mark.slow
def test_a_project_of_cjm_0_1_reviews_then_upgrades_to_the_same_review(tmp_path, fixtures_dir,
                                                                      capsys):
    """The notebooks an analyst made from the 0.1 templates run unattended with this
    package (warning that they are old); upgraded, they review the same numbers."""
    shutil.copytree(fixtures_dir / "mini", tmp_path / "data" / "mini")
    folder = tmp_path / "notebooks" / "mini"
    folder.mkdir(parents=True)
    for step in STEPS:  # what cjm 0.1 made of its templates
        papermill.execute_notebook(str(LEGACY / f"{step}.ipynb"), str(folder / f"{step}.ipynb"),
                                   parameters={"project_dir": "../../data/mini"},
                                   prepare_only=True, kernel_name="python3", language="python",
                                   progress_bar=False)
    review = ["review", "mini", "--period", "2026-H1", "--workspace", str(tmp_path)]

    assert main(review) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "cjm: warning: the notebooks of 'mini' (01_personas, 02_goals, 03_touchpoints, "
        "04_evaluation, 05_prioritisation, 06_review) were made from the templates of cjm 0.1; "
        "the installed templates are 0.3.1. They still run; to refresh them (your own cells "
        "are kept): cjm upgrade mini")
    written = folder / "reviews" / "2026-H1"
    old = json.loads((written / "summary.json").read_text(encoding="utf-8"))
    old_figures = sorted(path.name for path in (written / "figures").iterdir())
    said = json.loads((written / "04_evaluation.ipynb").read_text(encoding="utf-8"))
    warned = [output["text"] for cell in said["cells"] for output in cell.get("outputs", [])
              if output.get("name") == "stderr"]
    assert any("cjm.scores.current_scores is now cjm.steps.scores.current_scores" in "".join(w)
               for w in warned)

    assert main(["upgrade", "mini", "--workspace", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"the notebooks as they were are kept in {folder / 'before-upgrade-0.1'}" in out
    assert main([*review, "--force"]) == 0
    assert "warning" not in capsys.readouterr().err
    new = json.loads((written / "summary.json").read_text(encoding="utf-8"))
    assert new == old and new["top_priorities"][0]["touchpoint_id"] == "T3"
    figures = sorted(path.name for path in (written / "figures").iterdir())
    assert set(old_figures) <= set(figures)  # and the key driver charts of 0.3
    assert set(figures) - set(old_figures) == {"behavioural_drivers.png", "key_drivers.png",
                                               "stated_vs_derived.png"}

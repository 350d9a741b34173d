"""`cjm.notebook.tuner`: the priority tuner of step 5, driven from Python. The ranking it
redraws as the weights move, what Save writes to project.yaml (and refuses to), and
`live_tuner`'s choice between a tuner and a note."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.display import Markdown

from cjm import load_project
from cjm.errors import UsageError
from cjm.notebook.tuner import PriorityTuner, live_tuner
from cjm.steps.prioritisation import touchpoint_priorities


def test_tuner_reranks_live_and_saves_weights_keeping_the_file(mini):
    yaml_path = mini / "project.yaml"
    yaml_path.write_text("# Mini shop: comments stay\n" + yaml_path.read_text(encoding="utf-8"),
                         encoding="utf-8")
    before = yaml_path.read_text(encoding="utf-8").splitlines()
    tuner = PriorityTuner(load_project(mini), "2025-H2")
    first = tuner.priorities()["touchpoint_id"].tolist()
    chart = tuner.chart.value
    for key in ("gap", "importance", "reach", "effort"):
        tuner.sliders[key].value = 0.0
    tuner.sliders["moment_of_truth"].value = 1.0
    ranked = tuner.priorities()
    assert ranked.iloc[0]["moment_of_truth"]  # only moments of truth count now
    assert ranked["touchpoint_id"].tolist() != first
    assert tuner.chart.value != chart and tuner.redraws == 6
    assert tuner.chart.value.count("class='cjm-priority-value'") == min(len(ranked), tuner.TOP)
    assert f"data-touchpoint='{ranked.iloc[0]['touchpoint_id']}'" in tuner.chart.value
    assert f">{ranked.iloc[0]['touchpoint_id']}<" in tuner.table.value
    tuner.save()
    after = yaml_path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(
        "priority: {gap: 0.35, importance: 0.2, reach: 0.2, moment_of_truth: 0.15, effort: 0.1}",
        "priority: {gap: 0.0, importance: 0.0, reach: 0.0, moment_of_truth: 1.0, effort: 0.0}")]
    saved = load_project(mini)
    assert saved.config.priority.moment_of_truth == 1.0
    # the tuner's re-weighing ranks as the step's own computation with the saved weights
    pd.testing.assert_frame_equal(ranked, touchpoint_priorities(saved, "2025-H2"))


def test_tuner_will_not_save_all_zero_weights(mini):
    before = (mini / "project.yaml").read_bytes()
    tuner = PriorityTuner(load_project(mini), "2025-H2")
    for slider in tuner.sliders.values():
        slider.value = 0.0
    assert "Nothing to rank" in tuner.table.value
    with pytest.raises(UsageError, match="at least one priority weight"):
        tuner.save()
    assert (mini / "project.yaml").read_bytes() == before
    assert "Not saved" in tuner.status.value




def test_a_scheduled_run_gets_a_note_not_a_tuner(mini):
    before = (mini / "project.yaml").read_bytes()
    note = live_tuner(load_project(mini), "2025-H2", interactive=False)
    assert isinstance(note, Markdown)
    assert note.data == ("*The priority tuner is built when `interactive` is True; this run "
                         "uses the weights saved in `project.yaml`.*")
    assert (mini / "project.yaml").read_bytes() == before


def test_a_tuner_with_nothing_scored_says_so(blank, monkeypatch):
    import cjm.notebook.tuner as tuner_module

    monkeypatch.setattr(tuner_module, "current_period", lambda: "2026-H2")
    tuner = live_tuner(blank)  # a path is enough; no period: the current one, nothing scored
    assert isinstance(tuner, PriorityTuner)
    assert tuner.period == "2026-H2" and tuner.priorities().empty
    assert tuner.table.value == ("<p>Nothing to rank: no touchpoint is scored for 2026-H2, or "
                                 "every weight is 0.</p>")
    assert tuner.chart.value == "" and tuner.redraws == 1
    assert tuner.weights() == {"gap": 0.35, "importance": 0.2, "reach": 0.2,
                               "moment_of_truth": 0.15, "effort": 0.1}

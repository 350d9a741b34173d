"""`cjm.notebook.curves`: step 4's emotion curves. In JupyterLab a viewer draws the chosen
persona's curve once, shows it as SVG and saves it; a scheduled run saves every persona's."""

from __future__ import annotations

from cjm import load_project
from cjm.notebook.curves import CurveViewer, emotion_curves


def test_the_viewer_draws_the_chosen_curve_once_and_saves_it(mini, tmp_path, monkeypatch):
    viewer = emotion_curves(load_project(mini), "2025-H2", tmp_path, interactive=True)
    assert isinstance(viewer, CurveViewer)
    assert [o[1] for o in viewer.persona.options] == ["P1", "P2"]
    first = viewer.curve.value
    assert first.count("<svg") == 1 and "Online regular" in first
    viewer.persona.value = "P2"
    assert "Store visitor" in viewer.curve.value
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "emotion_curve_P1.svg", "emotion_curve_P2.svg"]
    drawn = []
    monkeypatch.setattr("cjm.notebook.curves.curve_figure", lambda *a: drawn.append(a))
    viewer.persona.value = "P1"
    assert drawn == [] and viewer.curve.value == first  # drawn once a session


def test_names_in_the_viewer_are_escaped(mini, edit, tmp_path):
    edit(mini / "personas.csv", "P1,Online regular", "P1,<img src=x onerror=alert(1)> & co")
    viewer = CurveViewer(load_project(mini), "2025-H2", tmp_path)
    assert "<img" not in viewer.curve.value and "&lt;img src=x" in viewer.curve.value
    assert viewer.persona.options[0][0] == "<img src=x onerror=alert(1)> & co (P1)"


def test_a_scheduled_run_saves_every_persona_curve(mini, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda image: shown.append(image))
    assert emotion_curves(load_project(mini), "2025-H2", tmp_path, interactive=False) is None
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "emotion_curve_P1.png", "emotion_curve_P2.png"]
    assert len(shown) == 2


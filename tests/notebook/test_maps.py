"""`cjm.notebook.maps`: step 6's journey maps. In JupyterLab a viewer draws the chosen map
(persona and kind) once, shows it as SVG and saves it; a scheduled run writes every map in
three formats."""

from __future__ import annotations

import pytest

from cjm import load_project
from cjm.notebook.maps import MapViewer, journey_maps


@pytest.fixture
def project(mini):
    path = mini / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "maps: [service-blueprint]\n",
                    encoding="utf-8")
    return load_project(mini)


def test_the_viewer_draws_the_chosen_map_once_and_saves_it(project, tmp_path, monkeypatch):
    viewer = journey_maps(project, "2025-H2", tmp_path, interactive=True)
    assert isinstance(viewer, MapViewer)
    assert [o[1] for o in viewer.persona.options] == ["P1", "P2"]
    assert [o[0] for o in viewer.kind.options] == ["Current state", "Service blueprint"]
    assert viewer.map.value.count("<svg") == 1 and "Online regular" in viewer.map.value
    first = viewer.map.value
    viewer.kind.value = "service-blueprint"
    assert "Line of visibility" in viewer.map.value and viewer.map.value != first
    viewer.persona.value = "P2"
    assert "Store visitor" in viewer.map.value
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "journey_map_P1.svg", "journey_map_P1_service_blueprint.svg",
        "journey_map_P2_service_blueprint.svg"]
    drawn = []
    monkeypatch.setattr("cjm.notebook.maps.write_map", lambda *a, **k: drawn.append(a))
    viewer.persona.value = "P1"
    viewer.kind.value = "current"
    assert drawn == [] and viewer.map.value == first  # drawn once a session


def test_names_in_the_viewer_are_escaped(mini, edit, tmp_path):
    edit(mini / "personas.csv", "P1,Online regular", "P1,<img src=x onerror=alert(1)> & co")
    viewer = MapViewer(load_project(mini), "2025-H2", tmp_path)
    assert "<img" not in viewer.map.value and "&lt;img src=x" in viewer.map.value
    assert viewer.persona.options[0][0] == "<img src=x onerror=alert(1)> & co (P1)"


def test_a_scheduled_run_writes_every_map_in_three_formats(project, tmp_path, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda image: None)
    assert journey_maps(project, "2025-H2", tmp_path, interactive=False) is None
    assert len(list((tmp_path / "figures").iterdir())) == 2 * 2 * 3

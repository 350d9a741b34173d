"""`cjm.render.map_files.save_maps`: every persona's map of every kind, in three formats,
drawn by forked processes; the same files as drawn one by one, shown in order, warnings
kept, a failure raised as itself."""

from __future__ import annotations

import warnings

import pytest

from cjm import load_project
from cjm.errors import ArgumentError, CJMWarning
from cjm.render import map_files
from cjm.render.map_files import save_maps


@pytest.fixture
def two_kinds(mini):
    path = mini / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "maps: [future]\n", encoding="utf-8")
    return load_project(mini)


def _files(folder):
    return {path.name: path.read_bytes() for path in sorted((folder / "figures").iterdir())}


def test_processes_write_the_same_files_as_one_by_one(two_kinds, tmp_path):
    alone = save_maps(two_kinds, "2025-H2", tmp_path / "one", show=False, jobs=1)
    forked = save_maps(two_kinds, "2025-H2", tmp_path / "two", show=False, jobs=2)
    assert [p.name for p in alone] == [p.name for p in forked] == [
        f"journey_map_{persona}{kind}.{fmt}" for persona in ("P1", "P2")
        for kind in ("", "_future") for fmt in ("png", "svg", "pdf")]
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # byte for byte


def test_maps_are_shown_in_order_and_warnings_come_back(two_kinds, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda image: shown.append(image))

    def warn_then_draw(*args, **kwargs):
        warnings.warn(f"drawn {args[1]} {kwargs['kind']}", CJMWarning, stacklevel=1)
        return real(*args, **kwargs)

    real = map_files.journey_map
    monkeypatch.setattr(map_files, "journey_map", warn_then_draw)
    with pytest.warns(CJMWarning) as caught:
        save_maps(two_kinds, "2025-H2", tmp_path, jobs=2, formats=("svg",))
    assert [str(w.message) for w in caught] == [
        "drawn P1 current", "drawn P1 future", "drawn P2 current", "drawn P2 future"]
    assert len(shown) == 4 and all(image.format == "png" for image in shown)
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "journey_map_P1.svg", "journey_map_P1_future.svg", "journey_map_P2.svg",
        "journey_map_P2_future.svg"]


def test_a_map_that_fails_in_a_process_raises_its_own_error(two_kinds, tmp_path,
                                                            monkeypatch):
    real = map_files.journey_map

    def fail_for_p2(project, persona, **kwargs):
        if persona == "P2":
            raise ArgumentError("P2 cannot be drawn")
        return real(project, persona, **kwargs)

    monkeypatch.setattr(map_files, "journey_map", fail_for_p2)
    with pytest.raises(ArgumentError, match="P2 cannot be drawn"):
        save_maps(two_kinds, "2025-H2", tmp_path, jobs=2, show=False)


@pytest.mark.parametrize("kind", ["current", "future", "day-in-the-life", "service-blueprint"])
def test_a_map_holds_its_content_so_its_own_extent_is_the_measured_one(two_kinds, kind):
    import matplotlib.pyplot as plt

    from cjm.render.figures import figure_bytes

    drawn = [map_files.journey_map(two_kinds, "P1", period="2025-H2", kind=kind)
             for _ in range(2)]
    measured, fitted = figure_bytes(drawn[0], ("svg",)), figure_bytes(drawn[1], ("svg",),
                                                                        fitted=True)
    assert measured == fitted  # nothing drawn outside the figure: nothing cut
    plt.close("all")

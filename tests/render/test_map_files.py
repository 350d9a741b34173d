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


# ------------------------------------------------------------------------- drawn ahead
def test_maps_drawn_ahead_are_taken_as_drawn(two_kinds, tmp_path, monkeypatch):
    """A review draws its maps ahead into the output folder's store; step 6 then writes
    them out without drawing, the same files, shown and warned about as if it had drawn
    them."""
    from cjm.render import map_store

    save_maps(two_kinds, "2025-H2", tmp_path / "drawn", show=False, jobs=1)
    real = map_files.journey_map

    def warn_then_draw(*args, **kwargs):
        warnings.warn(f"drawn {args[1]} {kwargs['kind']}", CJMWarning, stacklevel=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(map_files, "journey_map", warn_then_draw)
    review = tmp_path / "review"
    assert map_files.draw_ahead(two_kinds, "2025-H2", review, jobs=2) == 4
    assert len(list((review / map_store.STORE).glob("*.json"))) == 4
    assert not (review / "figures").exists()  # only the store until step 6

    drawn_here = []
    monkeypatch.setattr(map_files, "journey_map", lambda *a, **k: drawn_here.append(a))
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda image: shown.append(image))
    with pytest.warns(CJMWarning) as caught:
        paths = save_maps(two_kinds, "2025-H2", review, jobs=2)
    assert drawn_here == []
    assert [str(w.message) for w in caught] == [
        "drawn P1 current", "drawn P1 future", "drawn P2 current", "drawn P2 future"]
    assert len(shown) == 4 and len(paths) == 12
    assert _files(review) == _files(tmp_path / "drawn")  # byte for byte


def test_maps_drawn_ahead_are_given_by_the_names_step_6_saves_them_under(two_kinds, tmp_path,
                                                                        monkeypatch):
    """The store names each map by the file step 6 saves it as (a review's deck shows them
    before step 6 has saved them): given only once every one asked for is complete, and the
    kinds other than the current state (the deck's pictures) drawn first."""
    import json

    from cjm.render import map_store

    store = tmp_path / map_store.STORE
    names = ["journey_map_P1_future", "journey_map_P2_future"]
    assert map_store.pictures(store, names) is None  # nothing drawn
    drawn, real = [], map_files.journey_map
    monkeypatch.setattr(map_files, "journey_map", lambda *args, **kwargs: drawn.append(
        (args[1], kwargs["kind"])) or real(*args, **kwargs))
    map_files.draw_ahead(two_kinds, "2025-H2", tmp_path, jobs=1)
    assert drawn == [("P1", "future"), ("P2", "future"), ("P1", "current"), ("P2", "current")]
    given = map_store.pictures(store, names)
    save_maps(two_kinds, "2025-H2", tmp_path, show=False, jobs=1)
    assert given == {name: (tmp_path / "figures" / f"{name}.png").read_bytes()
                     for name in names}
    keys = json.loads((store / map_store.NAMES).read_text(encoding="utf-8"))
    (store / f"{keys[names[1]]}.json").unlink()  # that entry no longer complete
    assert map_store.pictures(store, names) is None
    assert map_store.pictures(store, names[:1]) == {names[0]: given[names[0]]}
    (store / map_store.NAMES).write_text(json.dumps({names[0]: "../../" + keys[names[0]]}))
    assert map_store.pictures(store, names[:1]) is None  # not a key: never read


def test_a_map_drawn_from_other_data_is_drawn_again(two_kinds, tmp_path):
    """The store is keyed by what a map is drawn from: other opportunities, another period,
    an edited table or another language miss it."""
    import pandas as pd

    from cjm.render import map_store
    from cjm.render.theme import set_theme

    map_files.draw_ahead(two_kinds, "2025-H2", tmp_path, jobs=1)
    store = tmp_path / map_store.STORE
    job = map_files._job(two_kinds, "2025-H2", tmp_path, None, 12, ("png", "svg", "pdf"))
    assert map_store.get(store, map_files._key(job, ("P1", "current")), job["formats"])
    other = [map_files._job(two_kinds, "2025-H1", tmp_path, None, 12, job["formats"]),
             map_files._job(two_kinds, "2025-H2", tmp_path, pd.DataFrame({"a": [1]}), 12,
                            job["formats"]),
             map_files._job(two_kinds, "2025-H2", tmp_path, None, 6, job["formats"])]
    edited = load_project(two_kinds.path)
    edited.touchpoints.loc[0, "name"] = "Renamed"
    other.append(map_files._job(edited, "2025-H2", tmp_path, None, 12, job["formats"]))
    set_theme(language="fr")
    try:
        other.append(map_files._job(two_kinds, "2025-H2", tmp_path, None, 12, job["formats"]))
    finally:
        set_theme(language="en")
    keys = {map_files._key(each, ("P1", "current")) for each in other}
    assert len(keys) == len(other)
    assert not any(map_store.get(store, key, job["formats"]) for key in keys)


def test_an_entry_cut_short_or_claimed_by_a_process_gone_is_drawn_here(two_kinds, tmp_path):
    from cjm.render import map_store

    store = tmp_path / map_store.STORE
    store.mkdir()
    job = map_files._job(two_kinds, "2025-H2", tmp_path, None, 12, ("png", "svg", "pdf"))
    first, second = (map_files._key(job, pair) for pair in [("P1", "current"), ("P2", "current")])
    (store / f"{first}.png").write_bytes(b"not a map")  # no record: never read
    (store / f"{second}.claim").write_text("999999999")  # a process that is gone
    paths = save_maps(two_kinds, "2025-H2", tmp_path, show=False, jobs=1)
    assert len(paths) == 12
    assert (tmp_path / "figures" / "journey_map_P1.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "figures" / "journey_map_P2.png").read_bytes().startswith(b"\x89PNG")


def test_a_map_claimed_by_a_process_that_stopped_progressing_is_drawn_here(two_kinds, tmp_path,
                                                                           monkeypatch):
    import os

    from cjm.render import map_store

    monkeypatch.setattr(map_store, "PATIENCE", 0.2)
    store = tmp_path / map_store.STORE
    store.mkdir()
    job = map_files._job(two_kinds, "2025-H2", tmp_path, None, 12, ("png", "svg", "pdf"))
    key = map_files._key(job, ("P1", "current"))
    (store / f"{key}.claim").write_text(str(os.getpid()))  # alive, and never finishing
    assert len(save_maps(two_kinds, "2025-H2", tmp_path, show=False, jobs=1)) == 12
    assert (tmp_path / "figures" / "journey_map_P1.png").read_bytes().startswith(b"\x89PNG")


def test_processes_end_with_their_pool_under_the_commands_sigterm_handler(two_kinds, tmp_path):
    """The command turns SIGTERM into an exception (`cjm.cli`); the drawing processes it forks
    must not inherit that, or ending the pool could leave one waiting on its queue."""
    import signal

    from cjm.cli import _terminate

    before = signal.signal(signal.SIGTERM, _terminate)
    try:
        for _ in range(3):
            assert len(save_maps(two_kinds, "2025-H2", tmp_path, show=False, jobs=2)) == 12
    finally:
        signal.signal(signal.SIGTERM, before)

"""The handover: a review's workbook, report and deck, the deck prepared from the frozen tables
while the notebooks run, a failure kept for the thread that waits and raised there."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from pptx import Presentation

from cjm.errors import UsageError
from cjm.render.handover import Handover, build_handover


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture
def copy(review, tmp_path):
    folder = tmp_path / "reviews" / "2026-H1"
    shutil.copytree(review, folder, ignore=shutil.ignore_patterns("*.ipynb"))
    for name in ("report.html", "deck.pptx", "actions.xlsx"):
        (folder / name).unlink()
    return folder


def test_it_writes_the_three_documents(copy):
    (copy / "drivers.csv").unlink()  # as working notebooks older than key drivers leave it
    paths = build_handover(copy)
    assert "App checkout" in (copy / "drivers.csv").read_text(encoding="utf-8-sig")
    assert [path.name for path in paths] == ["actions.xlsx", "report.html", "deck.pptx"]
    assert all(path.parent == copy and path.stat().st_size for path in paths)
    book = openpyxl.load_workbook(paths[0])
    assert book.sheetnames[:3] == ["Read me", "Action plan", "Touchpoint priorities"]
    # 12 slides, and a picture of each persona's future-state map and service blueprint
    assert len(Presentation(str(paths[2])).slides) == 12 + 4 * 2
    assert not list(copy.glob(".*"))


def test_the_deck_needs_only_the_frozen_tables(copy):
    settings = copy / "data" / "project.yaml"
    settings.write_text("\n".join(line for line in settings.read_text(encoding="utf-8")
                                   .splitlines() if not line.startswith("maps:")) + "\n",
                        encoding="utf-8")  # one kind of map: the editable one
    shutil.rmtree(copy / "figures")
    handover = Handover(copy)
    handover.prepare()
    assert handover.error is None and handover.deck.is_file()
    assert not (copy / "report.html").exists()  # the report waits for the figures
    handover.finish()
    assert "<img" not in (copy / "report.html").read_text(encoding="utf-8").split(
        'id="personas"')[1]


def test_a_deck_with_other_kinds_of_map_waits_for_their_figures(copy):
    shutil.rmtree(copy / "figures")  # gone: the deck draws them itself
    handover = Handover(copy)
    handover.prepare()
    assert handover.error is None and handover.deck is None
    handover.finish()
    titles = [slide.shapes.title.text for slide in Presentation(str(handover.deck)).slides
              if slide.shapes.title is not None]
    assert "Emma, the mobile native · Service blueprint" in titles


def test_a_failure_while_preparing_is_raised_by_finish(tmp_path):
    handover = Handover(tmp_path / "not-a-period")
    handover.prepare()
    assert isinstance(handover.error, UsageError)
    with pytest.raises(UsageError, match="is not a review folder"):
        handover.finish()
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_deck_the_system_cannot_fork_for_is_built_here(tmp_path, monkeypatch):
    import multiprocessing

    from cjm.render.handover import _Forked

    class Refused:
        def __init__(self, *args, **kwargs):
            pass

        def start(self):
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork"), "Process", Refused)
    made = _Forked(lambda folder: folder / "deck.pptx", tmp_path)
    assert made.process is None and made.result() == tmp_path / "deck.pptx"


def pictures_in(deck) -> list[bytes]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    return [shape.image.blob for slide in Presentation(str(deck)).slides
            for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def made_ahead(folder, timeout: float = 120.0):
    """Wait for the deck a forked process is making in `folder`; its bytes."""
    import time

    deadline = time.monotonic() + timeout
    while not (folder / "deck.pptx").is_file():
        assert time.monotonic() < deadline, "no deck was made ahead"
        time.sleep(0.05)
    return (folder / "deck.pptx").read_bytes()


def test_a_deck_is_made_as_soon_as_step_6_has_saved_the_pictures_it_shows(copy):
    """Pictures saved while the notebooks still run: the deck is made meanwhile and kept."""
    import threading

    from cjm.render.deck import map_pictures

    handover = Handover(copy)
    handover.prepare(threading.Event())  # the notebooks still running
    ahead = made_ahead(copy)
    deck = handover.finish()[2]
    assert deck.read_bytes() == ahead
    pictures = [path.read_bytes() for path in map_pictures(handover.results)]
    assert len(pictures) == 8 and pictures_in(deck) == pictures


def test_a_deck_is_made_from_the_maps_drawn_ahead_before_step_6_saves_them(copy):
    """The pictures drawn ahead for step 6 (`map_store`): the deck is made from them while
    step 6 has saved none, and kept when step 6 saves the same ones."""
    import threading

    from cjm.render import map_store
    from cjm.render.deck import map_pictures
    from cjm.render.results import ReviewResults

    pictures = {path: path.read_bytes() for path in map_pictures(ReviewResults(copy))}
    store = copy / map_store.STORE
    store.mkdir()
    names = {}
    for i, (path, png) in enumerate(pictures.items()):
        names[path.name.removesuffix(".png")] = key = f"{i:032x}"
        map_store.put(store, key, {"png": png}, 100, [])
        path.unlink()
    map_store.put_names(store, names)
    handover = Handover(copy)
    handover.prepare(threading.Event())  # the notebooks still running, step 6 not yet there
    ahead = made_ahead(copy)
    assert not any(path.exists() for path in pictures)
    for path, png in pictures.items():  # step 6 saves the maps it took from the store
        path.write_bytes(png)
    deck = handover.finish()[2]
    assert deck.read_bytes() == ahead and pictures_in(deck) == list(pictures.values())


def test_a_deck_made_ahead_is_made_again_when_a_picture_changed_since(copy):
    import threading

    from cjm.render.deck import map_pictures

    handover = Handover(copy)
    handover.prepare(threading.Event())
    ahead = made_ahead(copy)
    changed = map_pictures(handover.results)[3]
    changed.write_bytes((copy / "figures" / "ipa.png").read_bytes())  # saved again, otherwise
    deck = handover.finish()[2]
    assert deck.read_bytes() != ahead
    assert pictures_in(deck)[3] == changed.read_bytes()
    assert not list(copy.glob(".*"))  # nothing half-written left behind


def test_without_the_pictures_the_deck_waits_for_the_end_of_the_notebooks(copy):
    """Step 6 saved no picture: the thread stops waiting when the notebooks end, leaving the
    deck to `finish` (which draws the maps itself: see above)."""
    import threading

    shutil.rmtree(copy / "figures")
    done = threading.Event()
    preparing = threading.Thread(target=Handover.prepare, args=(handover := Handover(copy), done))
    preparing.start()
    preparing.join(timeout=1.0)
    assert preparing.is_alive() and handover.early is None  # waiting for the pictures
    done.set()
    preparing.join(timeout=10)
    assert not preparing.is_alive() and handover.early is None
    assert handover.deck is None and not (copy / "deck.pptx").exists()


def test_a_failed_review_stops_the_deck_being_made_ahead(copy):
    import os
    import threading
    import time

    handover = Handover(copy)
    handover.prepare(threading.Event())
    process = handover.early[0].process
    # made meanwhile, at a lower priority: the notebooks and the maps go first
    lower, deadline = min(os.getpriority(os.PRIO_PROCESS, 0) + 10, 19), time.monotonic() + 10
    while os.getpriority(os.PRIO_PROCESS, process.pid) != lower:
        assert time.monotonic() < deadline, "the deck made ahead kept the review's priority"
        time.sleep(0.01)
    handover.abandon()
    assert not process.is_alive() and handover.early is None
    assert not [path for path in copy.iterdir() if path.name.startswith(".deck.pptx")]

"""`cjm review` / `cjm run` / `cjm report`: what lands on disk, and how failures are kept."""

import json
import os
import shutil
import stat
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from cjm import load_project
from cjm.cli import main
from cjm.errors import UsageError
from cjm.periods import resolve_period
from cjm.project.workspace import STEPS
from cjm.render.map_store import STORE
from cjm.run.reviews import parse_steps
from cjm.run.schedule import review_months
from cjm.steps.prioritisation import rank_actions, touchpoint_priorities
from cjm.steps.review import completed_reviews, previous_review


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture(scope="module")
def summary(review):
    return json.loads((review / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def copy(reviewed, tmp_path):
    """A writable copy of the reviewed workspace."""
    target = tmp_path / "copy"
    shutil.copytree(reviewed, target)
    return target


def test_a_review_holds_everything_design_promises(review):
    names = {path.name for path in review.iterdir()}
    assert {f"{step}.ipynb" for step in STEPS} <= names
    assert {"report.html", "figures", "actions.xlsx", "metrics.csv", "summary.json",
            "data"} <= names
    figures = {path.name for path in (review / "figures").iterdir()}
    for persona in ["P1", "P2", "P3", "P4"]:
        assert {f"journey_map_{persona}.{fmt}" for fmt in ("png", "svg", "pdf")} <= figures
    assert {"ipa.png", "priorities.png", "changes.png", "csat_by_touchpoint.png"} <= figures
    assert (review / "figures" / "journey_map_P1.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (review / "figures" / "journey_map_P1.svg").read_bytes()[:2000]


def test_the_frozen_data_is_the_project_as_used(demo_dir, review):
    for path in (p for p in demo_dir.iterdir() if not p.name.startswith(".")):  # a lock is no table
        assert (review / "data" / path.name).read_bytes() == path.read_bytes(), path.name


def test_nothing_half_written_is_left_behind(reviewed):
    reviews = reviewed / "notebooks" / "demo" / "reviews"
    assert sorted(path.name for path in reviews.iterdir()) == ["2025-H2", "2026-H1"]
    assert [p.name for p in completed_reviews(reviews)] == ["2025-H2", "2026-H1"]


def test_the_second_review_compares_with_the_first_ones_frozen_data(summary):
    assert summary["period"] == "2026-H1"
    assert summary["previous_period"] == "2025-H2"
    changes = {change["touchpoint_id"]: change for change in summary["changes"]}
    assert changes["TP24"]["status"] == "improved" and changes["TP24"]["significant"]
    # delivery tracking CSAT: 171/336 -> 274/300
    assert changes["TP24"]["csat_delta"] == pytest.approx(274 / 300 - 171 / 336)
    assert changes["TP30"]["status"] == "worsened"
    assert [action["action_id"] for action in summary["actions_done"]] == ["A03", "A08"]
    assert summary["top_priorities"][0]["touchpoint_id"] == "TP14"
    assert summary["next_review_due"] == "2026-12-31"


def test_the_first_review_has_no_earlier_one_to_compare_with(reviewed):
    first = json.loads((reviewed / "notebooks" / "demo" / "reviews" / "2025-H2" /
                        "summary.json").read_text(encoding="utf-8"))
    assert first["previous_period"] == "2025-H1"
    assert set(first["status_counts"]) >= {"new"}
    # every customer touchpoint of the demo was scored in 2025-H2; its four back-stage and
    # support rows (fraud check, picking, carrier feed, parcel inspection) are not customer
    # touchpoints, nor the call-back the plan introduces: none is counted as unscored
    assert first["status_counts"]["new"] == 35 and not first["status_counts"].get("unscored")


def test_metrics_csv_holds_workshop_and_survey_figures(review):
    metrics = pd.read_csv(review / "metrics.csv", encoding="utf-8-sig").set_index(
        "touchpoint_id")
    assert len(metrics) == 39
    assert metrics.loc["TP24", "csat"] == pytest.approx(274 / 300)
    assert metrics.loc["TP24", "n_csat"] == 300
    assert metrics.loc["TP14", "satisfaction"] == pytest.approx(1.75)


def test_actions_xlsx_is_the_ranked_plan(review):
    project = load_project(review / "data")
    expected = rank_actions(project, touchpoint_priorities(project, "2026-H1"))
    sheet = openpyxl.load_workbook(review / "actions.xlsx")["Action plan"]
    ids = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == expected["action_id"].tolist()
    assert sheet.freeze_panes == "A2"


def test_the_review_hands_over_a_report_a_deck_and_a_workbook(review):
    html = (review / "report.html").read_text(encoding="utf-8")
    for title in ["1. Personas", "2. Goals", "3. Touchpoints", "4. Evaluation",
                  "5. Prioritisation", "6. Changes since the last review"]:
        assert f">{title}</h2>" in html
    assert html.count("<img") >= 10
    assert "from cjm import" not in html and "project_dir" not in html
    assert "Traceback" not in html
    assert "<title>Demo Retail: Journey review 2026-H1</title>" in html
    assert (review / "deck.pptx").stat().st_size > 50_000
    assert not list(review.glob(".*"))  # no half-written document left beside them


def test_step_6_takes_the_maps_drawn_ahead(mini, tmp_path, monkeypatch):
    """The review draws its maps while steps 1-5 run; step 6 asks for exactly those maps
    (the same keys: one claim per map, each with its entry) and writes them out, and the
    store is not handed over."""
    from cjm.project.workspace import Workspace
    from cjm.run import ahead
    from cjm.run.reviews import review_project

    shutil.copytree(mini, tmp_path / "ws" / "data" / "mini")
    workspace = Workspace(tmp_path / "ws")
    workspace._prepare_notebooks("mini", tmp_path / "ws" / "notebooks" / "mini")
    kept = tmp_path / "kept"
    real_stop = ahead.MapsAhead.stop

    def keep_then_stop(self):
        shutil.copytree(self.folder / STORE, kept)
        real_stop(self)

    monkeypatch.setattr(ahead.MapsAhead, "stop", keep_then_stop)
    from cjm.render.handover import Handover
    from cjm.run.kernel import SharedKernel

    order = []
    for cls, name in ((SharedKernel, "close"), (Handover, "finish")):
        real = getattr(cls, name)
        monkeypatch.setattr(cls, name, lambda self, _real=real, _name=name: (
            order.append((_name, getattr(getattr(self, "km", None), "has_kernel", None))),
            _real(self))[1])
    review = review_project(workspace, "mini", period="2026-H1")
    # the kernel is shut down once the notebooks are done, before the documents are finished
    assert order[:2] == [("close", True), ("finish", None)]
    assert not (review / STORE).exists()
    claims = {path.stem for path in kept.glob("*.claim")}
    entries = {path.stem for path in kept.glob("*.json")}
    maps = sorted((review / "figures").glob("journey_map_*.png"))
    assert len(maps) == 2 and len(claims) == 2 and claims == entries
    drawn = {(kept / f"{key}.png").read_bytes() for key in entries}
    assert {path.read_bytes() for path in maps} == drawn
    # the project handed to the kernel is not left behind
    import tempfile

    assert not list(Path(tempfile.gettempdir()).glob(f"cjm-loaded-{os.getpid()}.*"))


def test_a_failing_notebook_is_kept_marked_and_nothing_else_changes(copy, capsys):
    notebook = copy / "notebooks" / "demo" / "01_personas.ipynb"
    book = nbformat.read(notebook, as_version=4)
    book.cells.insert(3, nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(book, notebook)
    reviews = copy / "notebooks" / "demo" / "reviews"
    before = (reviews / "2026-H1" / "summary.json").read_bytes()

    code = main(["review", "demo", "--period", "2026-H1", "--workspace", str(copy), "--force"])

    err = capsys.readouterr().err
    assert code == 1
    assert "01_personas.ipynb failed at cell" in err and "ZeroDivisionError" in err
    assert f"kept in {reviews / '2026-H1.failed'}" in err
    failed = (reviews / "2026-H1.failed" / "01_personas.ipynb").read_text(encoding="utf-8")
    assert "papermill-error-cell-tag" in failed
    assert not (reviews / "2026-H1.failed" / STORE).exists()  # the maps drawn ahead
    assert (reviews / "2026-H1" / "summary.json").read_bytes() == before
    assert sorted(p.name for p in reviews.iterdir()) == ["2025-H2", "2026-H1", "2026-H1.failed"]


def test_a_broken_table_stops_the_review_before_anything_runs(edit, copy, capsys):
    edit(copy / "data" / "demo" / "touchpoints.csv", "TP14,Buy,", "TP14,Achats,")
    reviews = copy / "notebooks" / "demo" / "reviews"

    code = main(["review", "demo", "--period", "2026-H2", "--workspace", str(copy)])

    err = capsys.readouterr().err
    assert code == 1
    assert "touchpoints.csv:15: stage 'Achats' is not a stage of this project" in err
    assert sorted(p.name for p in reviews.iterdir()) == ["2025-H2", "2026-H1"]


def test_report_rebuilds_the_html_of_a_review(copy, capsys):
    report = copy / "notebooks" / "demo" / "reviews" / "2026-H1" / "report.html"
    report.unlink()

    assert main(["report", "demo", "--workspace", str(copy)]) == 0

    assert ">6. Changes since the last review</h2>" in report.read_text(encoding="utf-8")
    assert main(["report", "demo", "--period", "2024-H1", "--workspace", str(copy)]) == 2
    assert "no review 2024-H1 of 'demo'" in capsys.readouterr().err


def test_run_updates_the_working_notebooks_in_place(blank_run):
    folder = blank_run / "notebooks" / "blank"
    for step in STEPS:
        cells = json.loads((folder / f"{step}.ipynb").read_text(encoding="utf-8"))["cells"]
        assert any(c.get("outputs") for c in cells if c["cell_type"] == "code")
    assert not list(folder.glob("*.failed.ipynb"))
    assert not list(folder.glob(".*"))
    assert {"metrics.csv", "actions.xlsx", "summary.json"} <= {
        p.name for p in (folder / "outputs").iterdir()}


def test_schedule_prints_a_timer_and_a_crontab_line(reviewed, capsys):
    assert main(["schedule", "demo", "--workspace", str(reviewed)]) == 0
    out = capsys.readouterr().out
    assert "OnCalendar=*-01,07-05 06:00:00" in out
    assert "review demo --period previous" in out
    assert "\n0 6 5 1,7 * cd " in out
    assert review_months(3) == [1, 4, 7, 10] and review_months(1) == list(range(1, 13))


@pytest.mark.parametrize(("text", "period"), [("2026-Q3", "2026-Q3"), ("", "2026-H2"),
                                              ("current", "2026-H2"), ("previous", "2026-H1")])
def test_resolve_period(text, period):
    import datetime as dt

    assert resolve_period(text, dt.date(2026, 11, 22)) == period


def test_previous_follows_the_review_rhythm():
    import datetime as dt

    day = dt.date(2026, 11, 22)
    assert resolve_period("previous", day, "quarter") == "2026-Q3"
    assert resolve_period("previous", day, "month") == "2026-10"
    assert resolve_period("current", day, "quarter") == "2026-Q4"


def test_a_damaged_figure_is_named_when_the_report_is_rebuilt(copy, capsys):
    review = copy / "notebooks" / "demo" / "reviews" / "2026-H1"
    figure = review / "figures" / "ipa.png"
    figure.write_bytes(figure.read_bytes()[:200])  # cut short by a full disk
    before = (review / "report.html").read_bytes()
    code = main(["report", "demo", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 1 and f"{figure} is damaged (not a readable image" in err
    assert "run the review again" in err
    assert "Traceback" not in err and "internal error" not in err
    assert (review / "report.html").read_bytes() == before  # the old report is kept


def test_a_damaged_frozen_table_is_named_when_the_report_is_rebuilt(copy, capsys):
    table = copy / "notebooks" / "demo" / "reviews" / "2026-H1" / "data" / "touchpoints.csv"
    table.write_bytes(b"\xff\xfe\x00t\x00p")
    code = main(["report", "demo", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 1 and "touchpoints.csv" in err
    assert "Traceback" not in err and "internal error" not in err


def test_bad_periods_and_steps_are_usage_errors():
    with pytest.raises(UsageError, match="--period must be a period label"):
        resolve_period("last year")
    with pytest.raises(UsageError, match="--steps must be between 1 and 6"):
        parse_steps("0-7")
    with pytest.raises(UsageError, match="--steps must look like"):
        parse_steps("all")
    assert parse_steps("1,3-4") == ["01_personas", "03_touchpoints", "04_evaluation"]


def test_previous_review_is_the_latest_complete_one_before(reviewed):
    reviews = reviewed / "notebooks" / "demo" / "reviews"
    assert previous_review(reviews, "2026-H2").name == "2026-H1"
    assert previous_review(reviews, "2026-H1").name == "2025-H2"
    assert previous_review(reviews, "2025-H2") is None


def reviews_of(workspace) -> list[str]:
    folder = workspace / "notebooks" / "demo" / "reviews"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_a_period_with_nothing_to_review_is_refused_before_anything_runs(copy, capsys):
    before = reviews_of(copy)
    code = main(["review", "demo", "--period", "2027-H2", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == ("cjm: nothing to review in 2027-H2: no scores in evaluations.csv, no survey "
                   "answers and no events dated in it (the latest scores are for 2026-H1); "
                   "score the touchpoints or add data first\n")
    assert reviews_of(copy) == before


def test_events_alone_are_something_to_review(copy):
    from cjm.run.reviews import refuse_empty_period

    project = load_project(copy / "data" / "demo")
    quiet = project.evaluations.iloc[0:0]
    project = type(project)(**{**project.__dict__, "evaluations": quiet,
                               "survey": project.survey.iloc[0:0]})
    refuse_empty_period(project, "2026-H1")  # the event log has events then: no refusal
    with pytest.raises(Exception, match="nothing to review in 2024-H1"):
        refuse_empty_period(project, "2024-H1")


def test_an_existing_review_is_kept_without_force(copy, capsys):
    summary = copy / "notebooks" / "demo" / "reviews" / "2026-H1" / "summary.json"
    before = summary.read_bytes()
    code = main(["review", "demo", "--period", "2026-H1", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 2
    assert "the review of 2026-H1 already exists" in err and "pass --force" in err
    assert summary.read_bytes() == before
    assert reviews_of(copy) == ["2025-H2", "2026-H1"]


def test_a_damaged_notebook_is_named_before_anything_runs(copy, capsys):
    notebook = copy / "notebooks" / "demo" / "03_touchpoints.ipynb"
    notebook.write_bytes(notebook.read_bytes()[:500])  # cut short, as a full disk leaves it
    code = main(["review", "demo", "--period", "2026-H1", "--force", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{notebook} is not a readable notebook" in err
    assert reviews_of(copy) == ["2025-H2", "2026-H1"]


def test_a_reviews_folder_that_is_a_file_is_named(copy, capsys):
    reviews = copy / "notebooks" / "demo" / "reviews"
    shutil.rmtree(reviews)
    reviews.write_text("not a folder", encoding="utf-8")
    code = main(["review", "demo", "--period", "2026-H1", "--workspace", str(copy)])
    assert code == 2
    assert f"{reviews} is a file: it must be the folder of the project's reviews" in \
        capsys.readouterr().err
    assert reviews.read_text(encoding="utf-8") == "not a folder"


def test_a_read_only_reviews_folder_is_one_clear_line(copy, capsys, monkeypatch):
    import errno

    import cjm.run.reviews as reviews_module

    reviews = copy / "notebooks" / "demo" / "reviews"

    def read_only(parent, prefix):  # what mkdtemp raises in a folder one cannot write
        raise PermissionError(errno.EACCES, "Permission denied", str(parent / f"{prefix}x"))

    monkeypatch.setattr(reviews_module, "make_dir", read_only)
    code = main(["review", "demo", "--period", "2026-H1", "--force", "--workspace", str(copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err == f"cjm: cannot write {reviews / '.2026-H1.x'}: Permission denied\n"
    assert reviews_of(copy) == ["2025-H2", "2026-H1"]


def test_review_folders_can_be_read_by_colleagues(reviewed):
    mask = os.umask(0)
    os.umask(mask)
    review = reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"
    assert stat.S_IMODE(review.stat().st_mode) == 0o777 & ~mask


def test_a_review_finished_meanwhile_by_another_run_is_not_overwritten(copy, monkeypatch):
    import cjm.run.reviews as reviews_module
    from cjm.project.workspace import Workspace

    final = copy / "notebooks" / "demo" / "reviews" / "2026-H1"
    shutil.rmtree(final)

    def other_run_finishes(sources, staging, parameters, timeout, progress, prelude=""):
        for name in ("actions.xlsx", "metrics.csv", "summary.json"):
            (staging / name).write_text("new", encoding="utf-8")
        final.mkdir()
        (final / "summary.json").write_text("the other run's", encoding="utf-8")

    monkeypatch.setattr(reviews_module, "_run_all", other_run_finishes)
    with pytest.raises(UsageError, match="was written by another run meanwhile"):
        reviews_module.review_project(Workspace(copy), "demo", period="2026-H1")
    assert (final / "summary.json").read_text(encoding="utf-8") == "the other run's"
    assert reviews_of(copy) == ["2025-H2", "2026-H1"]  # no staging left


def test_folders_of_killed_reviews_are_cleaned_by_the_next(copy, monkeypatch):
    import tempfile

    import cjm.run.kernel
    import cjm.run.reviews as reviews_module
    from cjm.project.scratch import host_name
    from cjm.project.workspace import Workspace

    reviews = copy / "notebooks" / "demo" / "reviews"
    dead = f"{host_name()}-999999"
    (reviews / f".2026-H1.{dead}.abcdef").mkdir()
    kernels = Path(tempfile.gettempdir()) / f"cjm-kernels-{dead}.abcdef"
    kernels.mkdir(exist_ok=True)
    alive = reviews / f".2026-H1.{host_name()}-{os.getpid()}.zzzzzz"
    alive.mkdir()
    monkeypatch.setattr(cjm.run.kernel, "_kernel_dir", None)  # as in a new process
    monkeypatch.setattr(reviews_module, "_run_all",
                        lambda *a: cjm.run.kernel.kernel_name() and (_ for _ in ()).throw(
                            KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        reviews_module.review_project(Workspace(copy), "demo", period="2026-H1", force=True)
    assert not (reviews / f".2026-H1.{dead}.abcdef").exists() and not kernels.exists()
    assert alive.exists()  # this process still runs: its folder is not stale
    assert reviews_of(copy) == [alive.name, "2025-H2", "2026-H1"]


@pytest.mark.slow
def test_a_review_stopped_by_systemd_leaves_nothing_behind(copy):
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    reviews = copy / "notebooks" / "demo" / "reviews"
    before = (reviews / "2026-H1" / "summary.json").read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "review", "demo", "--period", "2026-H1", "--force",
         "--workspace", str(copy)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mine = f"-{process.pid}."
    deadline = time.time() + 60
    while time.time() < deadline:  # stop it once a notebook runs (its kernel is up)
        staging = [p for p in reviews.iterdir() if p.name.startswith(".") and mine in p.name]
        if staging and list(staging[0].glob("*.ipynb")):
            break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the review never started a notebook")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert "cjm: stopped (SIGTERM); nothing half-written was kept" in err
    assert "Traceback" not in err
    assert reviews_of(copy) == ["2025-H2", "2026-H1"]
    assert (reviews / "2026-H1" / "summary.json").read_bytes() == before
    assert not [p for p in Path(tempfile.gettempdir()).glob("cjm-*") if mine in p.name]


def test_no_process_to_spare_leaves_the_maps_to_step_6(tmp_path, monkeypatch):
    """When the system cannot start the process drawing ahead (memory, limits), nothing
    fails: the store stays empty and step 6 draws every map itself. (The fork is tried with
    the import lock held: no import can start in another thread meanwhile.)"""
    import _imp
    import multiprocessing

    from cjm.run.ahead import MapsAhead

    held = []

    class Refused:
        def __init__(self, *args, **kwargs):
            pass

        def start(self):
            held.append(_imp.lock_held())
            raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.get_context("fork"), "Process", Refused)
    ahead = MapsAhead(tmp_path, "2026-H1")
    ahead.start(object())
    assert ahead.process is None and (tmp_path / STORE).is_dir() and held == [True]
    ahead.stop()
    assert not (tmp_path / STORE).exists()


def test_the_process_drawing_ahead_is_forked_only_between_imports(tmp_path, monkeypatch):
    """A module another thread is importing at a fork stays locked in the child for ever (the
    child hung on its first import and drew nothing): the fork waits for imports under way,
    and none starts meanwhile; after its patience it goes ahead."""
    import sys
    import threading
    import time

    from cjm.run.ahead import importing, settled_imports

    gate = threading.Event()
    (tmp_path / "cjm_slow_import.py").write_text("import sys\nsys.cjm_gate.wait(20)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "cjm_gate", gate, raising=False)
    monkeypatch.delitem(sys.modules, "cjm_slow_import", raising=False)
    importer = threading.Thread(target=__import__, args=("cjm_slow_import",))
    importer.start()
    deadline = time.monotonic() + 10
    while not importing() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert importing() == ["cjm_slow_import"]

    start = time.monotonic()
    with settled_imports(patience=0.2):  # gives up waiting: the import is still under way
        assert importing() == ["cjm_slow_import"]
    assert 0.2 <= time.monotonic() - start < 5

    threading.Timer(0.3, gate.set).start()
    start = time.monotonic()
    with settled_imports():
        waited = time.monotonic() - start
        assert importing() == [] and "cjm_slow_import" in sys.modules
    importer.join()
    assert waited >= 0.25
    monkeypatch.delitem(sys.modules, "cjm_slow_import")


def test_a_review_kernel_imports_ahead_what_every_template_imports():
    """The kernel imports the templates' modules while the project is checked: a module a
    template imports and the list misses would only cost its head start, so this keeps the
    list whole."""
    import re

    import nbformat

    from cjm.project.workspace import Workspace
    from cjm.run.reviews import TEMPLATE_IMPORTS

    imported = set()
    for path in Workspace().templates().values():
        for cell in nbformat.read(path, as_version=4).cells:
            for package, names in re.findall(r"^from (cjm[\w.]*) import ([\w, ]+)$",
                                             cell.source, flags=re.M):
                imported |= {f"{package}.{name.strip()}" for name in names.split(",")}
    assert imported and imported <= set(TEMPLATE_IMPORTS)

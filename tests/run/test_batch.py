"""`cjm.run.batch.review_all` (`cjm review --all`): each project of the workspace reviewed in
its own `cjm review` process, its lines prefixed by its slug, a failing project not stopping
the others, `--jobs` of them at a time, and one summary line and exit code for the batch.
The processes are stood in for by a fake `subprocess.run`, except in the one slow test."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from types import SimpleNamespace

import pytest

import cjm.run.batch
from cjm.cli import main
from cjm.errors import UsageError
from cjm.project.workspace import Workspace
from cjm.run.batch import review_all

SLUGS = ["acme", "boutique", "corner-shop"]


@pytest.fixture
def ws(workspace) -> Workspace:
    """A workspace with the projects SLUGS (their settings are all `projects()` looks for)."""
    for slug in SLUGS:
        (workspace / "data" / slug).mkdir(parents=True)
        (workspace / "data" / slug / "project.yaml").write_text(f"name: {slug}\n",
                                                                encoding="utf-8")
    (workspace / "data" / "notes").mkdir()  # a folder without project.yaml is no project
    return Workspace(workspace)


class Reviews:
    """Stands in for `subprocess.run`: records each command and answers per slug with an exit
    code, standard output and error; `during(slug)` runs while the review "runs"."""

    def __init__(self, monkeypatch, codes=None, out=None, err=None, during=None):
        self.codes, self.out, self.err = codes or {}, out or {}, err or {}
        self.during = during or (lambda slug: None)
        self.commands: list[list[str]] = []
        self.lock = threading.Lock()
        monkeypatch.setattr(cjm.run.batch, "subprocess", SimpleNamespace(run=self.run))

    def run(self, command, **kwargs):
        assert kwargs == {"capture_output": True, "text": True, "check": False}
        slug = command[4]
        with self.lock:
            self.commands.append(command)
        self.during(slug)
        return SimpleNamespace(returncode=self.codes.get(slug, 0),
                               stdout=self.out.get(slug, ""), stderr=self.err.get(slug, ""))

    def slugs(self) -> list[str]:
        return [command[4] for command in self.commands]


def test_each_project_is_reviewed_in_its_own_process_with_the_options(ws, monkeypatch):
    reviews = Reviews(monkeypatch)
    assert review_all(ws, period="2026-H1", timeout=900, debug=True, force=True) == 0
    assert reviews.commands == [
        [sys.executable, "-m", "cjm", "review", slug, "--workspace", str(ws.root), "--period",
         "2026-H1", "--timeout", "900", "--debug", "--force"] for slug in SLUGS]
    reviews.commands.clear()
    review_all(ws)
    assert reviews.commands[0] == [sys.executable, "-m", "cjm", "review", "acme", "--workspace",
                                   str(ws.root), "--period", "", "--timeout", "600"]


def test_lines_are_prefixed_by_the_project_and_the_batch_is_summed_up(ws, monkeypatch, capsys):
    Reviews(monkeypatch, out={"acme": "reviewed acme for 2026-H1\nreport.html\n"},
            err={"acme": "warning: survey.csv is empty\n", "boutique": "done\n"})
    assert review_all(ws) == 0
    captured = capsys.readouterr()
    assert captured.err == ("acme: reviewed acme for 2026-H1\nacme: report.html\n"
                            "acme: warning: survey.csv is empty\nboutique: done\n")
    assert captured.out == "reviewed 3 of 3 project(s)\n"


def test_a_failing_project_does_not_stop_the_others(ws, monkeypatch, capsys):
    reviews = Reviews(monkeypatch, codes={"acme": 1, "corner-shop": 2},
                      err={"acme": "cjm: touchpoints.csv:4: stage 'Achats' is not a stage\n"})
    assert review_all(ws) == 1
    assert reviews.slugs() == SLUGS  # one job: in order, each one tried
    captured = capsys.readouterr()
    assert captured.err == "acme: cjm: touchpoints.csv:4: stage 'Achats' is not a stage\n"
    assert captured.out == "reviewed 1 of 3 project(s); failed: acme, corner-shop\n"


def test_jobs_is_how_many_projects_are_reviewed_at_once(workspace, monkeypatch, capsys):
    for slug in ("p1", "p2", "p3", "p4"):
        (workspace / "data" / slug).mkdir(parents=True)
        (workspace / "data" / slug / "project.yaml").write_text("name: p\n", encoding="utf-8")
    together = threading.Barrier(2, timeout=10)  # passes only when two reviews run at once
    running, most = [0], [0]
    lock = threading.Lock()

    def during(slug):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        together.wait()
        time.sleep(0.05)
        with lock:
            running[0] -= 1

    reviews = Reviews(monkeypatch, codes={"p3": 1}, during=during)
    assert review_all(Workspace(workspace), jobs=2) == 1
    assert sorted(reviews.slugs()) == ["p1", "p2", "p3", "p4"] and most[0] == 2
    # the summary lists the failures in project order, whichever finished first
    assert capsys.readouterr().out == "reviewed 3 of 4 project(s); failed: p3\n"


def test_one_job_reviews_one_project_at_a_time(ws, monkeypatch):
    running, most = [0], [0]

    def during(slug):
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.01)
        running[0] -= 1

    reviews = Reviews(monkeypatch, during=during)
    assert review_all(ws, jobs=1) == 0
    assert reviews.slugs() == SLUGS and most[0] == 1


def test_failures_are_summed_up_in_project_order(ws, monkeypatch, capsys):
    # acme finishes last: the summary still follows the projects' order
    Reviews(monkeypatch, codes={"acme": 1, "boutique": 1},
            during=lambda slug: time.sleep(0.2 if slug == "acme" else 0))
    assert review_all(ws, jobs=3) == 1
    assert capsys.readouterr().out == "reviewed 1 of 3 project(s); failed: acme, boutique\n"


def test_no_jobs_or_no_projects_is_bad_usage(ws, tmp_path, monkeypatch):
    reviews = Reviews(monkeypatch)
    with pytest.raises(UsageError) as caught:
        review_all(ws, jobs=0)
    assert str(caught.value) == "--jobs must be 1 or more, not 0"
    empty = Workspace(tmp_path / "empty")
    with pytest.raises(UsageError) as caught:
        review_all(empty)
    assert str(caught.value) == (f"no projects in {empty.data_dir} (create one with: cjm new "
                                 "NAME)")
    assert reviews.commands == []


@pytest.mark.slow
def test_review_all_reports_each_project_and_fails_if_any_fails(edit, workspace, capsys):
    ws = Workspace(workspace)
    ws.new_project("One")
    ws.new_project("Two")
    edit(workspace / "data" / "one" / "project.yaml", "language: en", "language: de")
    shutil.rmtree(workspace / "notebooks" / "two")

    code = main(["review", "--all", "--jobs", "2", "--workspace", str(workspace)])

    captured = capsys.readouterr()
    assert code == 1
    assert "one: project.yaml:3: language: Input should be 'en' or 'fr'" in captured.err
    assert "two: cjm: error: missing working notebooks" in captured.err
    assert "reviewed 0 of 2 project(s); failed: one, two" in captured.out

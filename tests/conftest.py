"""Shared fixtures: small projects copied into a temporary folder per test."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parents[1]
DEMO = REPO / "data" / "demo"

# cjm speaks the environment's language where no project says: the tests read English
for _variable in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def english_theme():
    """Each test starts with the default theme and cjm's sentences in English: a step opened
    on a French project sets both."""
    from cjm.messages import speak, speaking
    from cjm.render.theme import theme

    with theme(language="en"), speaking("en"):
        yield
    speak(None)


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small hand-checked project `fixtures/mini`."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def reviewed(tmp_path_factory) -> Path:
    """A workspace whose demo project was reviewed for 2025-H2, then for 2026-H1.

    The one papermill run of the demo in the session: tests read what it produced.
    """
    from cjm.project.workspace import Workspace
    from cjm.run.reviews import review_project

    root = tmp_path_factory.mktemp("reviewed")
    ws = Workspace(root)
    ws.ensure_demo()
    review_project(ws, "demo", period="2025-H2")
    review_project(ws, "demo", period="2026-H1")
    return root


HOSTILE_NAME = "<script>alert(1)</script> [x](javascript:alert(1)) $5 or $10 `code` # ~~x~~"
HOSTILE_PERSONA = "Nadia, the $$ saver <img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def hostile_review(tmp_path_factory) -> Path:
    """The review of the mini project whose names and texts try every injection: markup and
    scripts, Markdown links, `$` (matplotlib's math) and control-free but nasty text. The
    folder of its 2026-H1 review."""
    from cjm.project.workspace import Workspace
    from cjm.run.reviews import review_project

    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "mini", root / "data" / "mini")
    folder = root / "data" / "mini"
    shutil.copy(FIXTURES / "mini_barometer.csv", folder / "barometer.csv")  # hostile drivers
    _edit(folder / "project.yaml", "name: Mini Shop", f"name: {json.dumps(HOSTILE_NAME)}")
    _edit(folder / "personas.csv", "P1,Online regular", f'P1,"{HOSTILE_PERSONA}"')
    _edit(folder / "touchpoints.csv", "T3,Buy,Website,Checkout,", "T3,Buy,Website,$$ <b>Pay</b>,")
    _edit(folder / "evaluations.csv", "Better after re-scoring",
         "[click](javascript:alert(2)) <i>x</i>")
    ws = Workspace(root)
    ws._prepare_notebooks("mini", _made(root / "notebooks" / "mini"))
    return review_project(ws, "mini", period="2026-H1")


@pytest.fixture(scope="session")
def french_review(tmp_path_factory) -> Path:
    """The 2026-H1 review of `fixtures/guichet_fr`, a French bank's service desk written as
    French Excel saves it (cp1252, `;`, decimal commas, day-first dates, French words and
    `2026-S1` periods), made with `cjm new --from` and reviewed: the review's folder."""
    from cjm.project.workspace import Workspace
    from cjm.run.reviews import review_project

    ws = Workspace(tmp_path_factory.mktemp("french"))
    slug = ws.new_project("Banque Horizon", source=str(FIXTURES / "guichet_fr"))
    return review_project(ws, slug, period="2026-S1")


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def blank_run(tmp_path_factory) -> Path:
    """A workspace with a freshly created blank project whose six notebooks were run."""
    from cjm.project.workspace import Workspace
    from cjm.run.reviews import run_project

    root = tmp_path_factory.mktemp("blank")
    ws = Workspace(root)
    ws.new_project("Blank")
    run_project(ws, "blank", period="2026-H2")
    return root


@pytest.fixture
def blank(workspace) -> Path:
    """The folder of a freshly created blank project."""
    from cjm.project.workspace import Workspace

    Workspace(workspace).new_project("Blank")
    return workspace / "data" / "blank"


@pytest.fixture
def blank_project(blank):
    """A freshly created blank project, loaded."""
    from cjm import load_project

    return load_project(blank)


@pytest.fixture
def workspace(tmp_path) -> Path:
    """An empty workspace folder."""
    folder = tmp_path / "ws"
    folder.mkdir()
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a fixture file, failing if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edit():
    """`edit(path, old, new)`: replace `old` by `new` in a copied file, failing if it is not
    there (a fixture that no longer holds the text would otherwise test nothing)."""
    return _edit


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The bundled demo project (read only: copy it before changing anything)."""
    return DEMO


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """tests/fixtures."""
    return FIXTURES


@pytest.fixture(scope="session")
def hostile_name() -> str:
    """The project name of `hostile_review`."""
    return HOSTILE_NAME


@pytest.fixture(scope="session")
def hostile_persona() -> str:
    """The persona name of `hostile_review`."""
    return HOSTILE_PERSONA

"""The live scoring board of 04_evaluation in a real browser: JupyterLab and headless chromium.

Needs Debian's chromium (`make test` installs it); the test fails when it is missing.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from cjm.project.workspace import Workspace

REPO = Path(__file__).parents[2]
SCREENSHOT = REPO / "test-artifacts" / "scoring_board.png"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
TOUCHPOINT = "TP01"
THOUGHT = "Browser test: the sponsored post was clear"
SERVER_START_S = 60
KERNEL_START_S = 60
RUN_ALL_S = 120
SAVE_S = 20
# JupyterLab settings of the throw-away user: every cell attached to the page (so prompts
# and outputs can be read), no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}
PROMPTS = ".jp-Notebook .jp-CodeCell .jp-InputPrompt"
# The kernel of the open notebook is started, connected and idle.
KERNEL_IDLE_JS = """() => {
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const kernel = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
        .map(item => item.textContent.trim()).find(text => text.includes(' | '));
    return indicator?.dataset.status === 'idle' && kernel !== undefined
        && !kernel.startsWith('No Kernel') && kernel.endsWith('| Idle');
}"""
# Given the prompts' selector: some code cell is queued, running or done.
RUN_STARTED_JS = """selector => [...document.querySelectorAll(selector)]
    .some(prompt => /\\[(\\*|\\d+)\\]/.test(prompt.textContent))"""
# Given the prompts' selector: every code cell has an execution count, or the kernel is idle
# with none queued (a run stopped by an error).
RUN_FINISHED_JS = """selector => {
    const prompts = [...document.querySelectorAll(selector)]
        .map(prompt => prompt.textContent.trim());
    const numbered = prompts.filter(prompt => /^\\[\\d+\\]:$/.test(prompt)).length;
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return numbered === prompts.length || (!prompts.some(prompt => prompt.includes('*'))
        && indicator?.dataset.status === 'idle');
}"""


def chromium_path() -> str:
    """Debian's chromium; the test fails (it does not skip) without it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed: run `make test` (it installs it) or "
                    "`apt-get install chromium`", pytrace=False)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


@contextlib.contextmanager
def jupyter_lab(root: Path, scratch: Path):
    """A JupyterLab server on 127.0.0.1 serving `root`; yields its base URL and token.

    Its configuration, data and runtime folders live in `scratch`, away from the user's.
    The server is always shut down: asked to stop, then terminated, then killed.
    """
    for name, values in LAB_SETTINGS.items():
        path = scratch / "config" / "lab" / "user-settings" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(scratch / "config"),
               JUPYTER_DATA_DIR=str(scratch / "data"),
               JUPYTER_RUNTIME_DIR=str(scratch / "runtime"), IPYTHONDIR=str(scratch / "ipython"))
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    log_path = scratch / "jupyter.log"
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False",
               "--ServerApp.allow_root=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                get(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text(errors="replace")[-3000:]
                    pytest.fail(f"JupyterLab did not start:\n{tail}", pytrace=False)
                time.sleep(0.25)
        yield base, token
    finally:
        stop(server, f"{base}/api/shutdown?token={token}")


def stop(server: subprocess.Popen, shutdown_url: str) -> None:
    """Stop the server and its kernels: ask it to shut down, then terminate it, then kill it."""
    if server.poll() is None:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(urllib.request.Request(shutdown_url, method="POST"),
                                   timeout=5).close()
    for ask in (lambda: None, server.terminate):
        if server.poll() is None:
            ask()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
            return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


def demo_workspace(root: Path) -> str:
    """A workspace holding a project made from the demo; returns its slug."""
    slug = Workspace(root).new_project("Board Test", "demo")
    notebook = json.loads((root / "notebooks" / slug / "04_evaluation.ipynb").read_text("utf-8"))
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    assert any(f'project_dir = "../../data/{slug}"' in source for source in sources)
    return slug


def run_all_cells(page, sessions_url: str, notebook: str) -> None:
    """Wait for the kernel, run every cell from the Run menu, wait until the run is over."""
    deadline = time.monotonic() + KERNEL_START_S
    while not any(session["path"] == notebook and session["kernel"]["execution_state"] == "idle"
                  for session in json.loads(get(sessions_url))):
        if time.monotonic() > deadline:
            pytest.fail(f"no idle kernel for {notebook} after {KERNEL_START_S} s", pytrace=False)
        time.sleep(0.25)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=KERNEL_START_S * 1000, polling=250)
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(RUN_STARTED_JS, arg=PROMPTS, timeout=10_000, polling=250)
    page.wait_for_function(RUN_FINISHED_JS, arg=PROMPTS, timeout=RUN_ALL_S * 1000,
                           polling=500)
    prompts = [prompt.strip() for prompt in page.locator(PROMPTS).all_inner_texts()]
    unfinished = [i for i, prompt in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", prompt)]
    if unfinished:
        errors = page.locator('.jp-OutputArea-output[data-mime-type$="stderr"]').all_inner_texts()
        pytest.fail(f"code cells {unfinished} did not run:\n" + "\n".join(errors)[-3000:],
                    pytrace=False)


def journal_rows(path: Path, before: bytes) -> list[dict[str, str]]:
    """Rows appended to `path` since it held `before` (which must be left as it was)."""
    after = path.read_bytes()
    assert after.startswith(before), "evaluations.csv was rewritten, not appended to"
    header = before.decode("utf-8-sig").splitlines()[0]
    added = after[len(before):].decode("utf-8")
    return list(csv.DictReader([header, *added.splitlines()]))


def wait_for_rows(path: Path, before: bytes, count: int) -> list[dict[str, str]]:
    """The rows appended to `path` once there are `count`, read again a moment later (so any
    extra row shows too), or at the time limit."""
    deadline = time.monotonic() + SAVE_S
    while len(journal_rows(path, before)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    return journal_rows(path, before)


def redraws(caption) -> int:
    found = re.search(r"redrawn (\d+)", caption.inner_text())
    assert found, f"no redraw count in the curve caption {caption.inner_text()!r}"
    return int(found.group(1))


@pytest.mark.slow
def test_scoring_board_in_a_browser(tmp_path):
    """Run 04_evaluation in JupyterLab, score a touchpoint on the board: rows are appended."""
    chromium = chromium_path()
    root = tmp_path / "workspace"
    root.mkdir()
    slug = demo_workspace(root)
    journal = root / "data" / slug / "evaluations.csv"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)

    with jupyter_lab(root, tmp_path / "jupyter") as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                     timeout=30_000)
        page = browser.new_page(viewport={"width": 1366, "height": 1000})  # a projector
        page.set_default_timeout(30_000)
        try:
            notebook = f"notebooks/{slug}/04_evaluation.ipynb"
            page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
            run_all_cells(page, f"{base}/api/sessions?token={token}", notebook)

            board = page.locator(".cjm-scoring-board")
            board.scroll_into_view_if_needed()
            row = board.locator(f".cjm-touchpoint.cjm-tp-{TOUCHPOINT}")
            expect(row).to_be_visible()
            slider = row.locator(".cjm-satisfaction")
            handle = slider.locator(".noUi-handle")
            readout = slider.locator(".widget-readout")
            status = board.locator(".cjm-status")
            caption = board.locator(".cjm-curve-caption")
            expect(board.locator(".cjm-curve").locator("svg, img").first).to_be_visible()
            drawn = redraws(caption)
            before = journal.read_bytes()

            old = int(float(handle.get_attribute("aria-valuenow")))
            top = int(float(handle.get_attribute("aria-valuemax")))
            key, new = ("ArrowRight", old + 1) if old < top else ("ArrowLeft", old - 1)
            handle.focus()
            handle.press(key)
            expect(status).to_contain_text(f"Saved {TOUCHPOINT} (satisfaction)")
            expect(readout).to_have_text(str(new))
            rows = wait_for_rows(journal, before, 1)
            assert len(rows) == 1, rows

            thought = row.locator(".cjm-thought input")
            thought.fill(THOUGHT)
            thought.press("Enter")
            expect(status).to_contain_text(f"Saved {TOUCHPOINT} (thought)")
            rows = wait_for_rows(journal, before, 2)
            assert [saved["touchpoint_id"] for saved in rows] == [TOUCHPOINT, TOUCHPOINT], rows
            assert [saved["satisfaction"] for saved in rows] == [str(new), str(new)], rows
            assert rows[1]["thought"] == THOUGHT, rows
            expect(caption).to_contain_text(f"redrawn {drawn + 2} times")
            board.evaluate("element => element.scrollIntoView({block: 'start'})")
        finally:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(SCREENSHOT), full_page=True)
            browser.close()


@pytest.mark.slow
def test_map_viewer_in_a_browser(tmp_path):
    """Run 06_review in JupyterLab: the map viewer shows one map, and choosing another kind
    and persona draws that one, saved as SVG."""
    chromium = chromium_path()
    root = tmp_path / "workspace"
    root.mkdir()
    slug = demo_workspace(root)
    figures = root / "notebooks" / slug / "outputs" / "figures"
    shot = REPO / "test-artifacts" / "map_viewer.png"
    shot.unlink(missing_ok=True)

    with jupyter_lab(root, tmp_path / "jupyter") as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                     timeout=30_000)
        page = browser.new_page(viewport={"width": 1366, "height": 1000})
        page.set_default_timeout(30_000)
        try:
            notebook = f"notebooks/{slug}/06_review.ipynb"
            page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
            run_all_cells(page, f"{base}/api/sessions?token={token}", notebook)

            viewer = page.locator(".cjm-map-viewer")
            viewer.scroll_into_view_if_needed()
            shown = viewer.locator(".cjm-map svg")
            expect(shown).to_have_count(1)
            expect(shown).to_contain_text("Emma, the mobile native")
            persona, kind = viewer.locator("select").nth(0), viewer.locator("select").nth(1)
            kind.select_option(label="Service blueprint")
            expect(shown).to_contain_text("Line of visibility")
            persona.select_option(label="Karim, the busy parent (P2)")
            expect(shown).to_contain_text("Karim, the busy parent")
            assert sorted(path.name for path in figures.glob("journey_map_*")) == [
                "journey_map_P1.svg", "journey_map_P1_service_blueprint.svg",
                "journey_map_P2_service_blueprint.svg"]
            viewer.evaluate("element => element.scrollIntoView({block: 'start'})")
        finally:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(shot), full_page=False)
            browser.close()

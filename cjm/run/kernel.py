"""Executing notebooks through papermill: in order, headless, with progress and a time limit.

The kernel is named explicitly (`cjm-python`) and bound to the interpreter running cjm, so a
run never depends on a notebook's metadata or on which kernels the machine has registered.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import CJMError, NotebookFailed
from ..messages import tr
from ..project.scratch import clean_stale, make_dir

# nbformat checks notebooks with jsonschema, which compiles 39 IRI grammars on import when
# rfc3987-syntax is installed (Jupyter's packages bring it): 1.1 s of every review, for a
# format no notebook schema uses. This process does without that one format checker.
sys.modules.setdefault("rfc3987_syntax", None)

KERNEL_NAME = "cjm-python"
KERNELS_PREFIX = "cjm-kernels-"
DEFAULT_TIMEOUT = 600  # seconds a cell may run before the notebook is stopped
_kernel_dir: Path | None = None


@dataclass
class Executed:
    """One executed notebook and how long it took."""

    source: Path
    output: Path
    seconds: float


def kernel_name() -> str:
    """Register (once per process) a kernel for this interpreter and return its name."""
    global _kernel_dir
    if _kernel_dir is None:
        clean_stale(tempfile.gettempdir(), KERNELS_PREFIX)  # left by killed runs
        _kernel_dir = make_dir(tempfile.gettempdir(), KERNELS_PREFIX)
        atexit.register(shutil.rmtree, _kernel_dir, ignore_errors=True)
        spec = _kernel_dir / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=ERROR"],
            "display_name": "Python (cjm)", "language": "python",
            "env": {"MPLBACKEND": "agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        }), encoding="utf-8")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            filter(None, [str(_kernel_dir), os.environ.get("JUPYTER_PATH", "")]))
    return KERNEL_NAME


class SharedKernel:
    """One kernel for a sequence of notebooks, started on first use, shut down on exit.

    Before each notebook but the first, the kernel forgets everything the previous one
    defined (`%reset`), closes its figures and returns to the working folder, so a notebook
    sees only its own variables, as in a fresh kernel, without paying for a new kernel and
    fresh library imports each time. A `prelude` runs once the kernel has started, before
    the first notebook (a review hands its kernel the project it has loaded and checked).
    `start` starts the kernel ahead of the first notebook, and imports meanwhile.
    """

    RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
             "import os as _os, matplotlib.pyplot as _plt\n"
             "from cjm.project.memory import give_back as _give_back\n"
             "_plt.close('all'); _os.chdir({cwd!r}); _give_back(); del _os, _plt, _give_back")

    def __init__(self, prelude: str = ""):
        from jupyter_client.manager import AsyncKernelManager

        # its clients (papermill's too) need no 0.2 s of silence to be ready: see run.clients
        self.km = AsyncKernelManager(kernel_name=kernel_name(),
                                     client_class="cjm.run.clients.ReadyAsyncClient",
                                     blocking_class="cjm.run.clients.ReadyBlockingClient")
        self.used = False
        self.prelude = prelude  # run once the kernel is started, before the first notebook
        self.warming: threading.Thread | None = None
        self.stopping = threading.Event()

    def start(self, cwd: Path, imports: tuple[str, ...]) -> None:
        """Start the kernel now (in `cwd`) and import `imports` in it while the caller goes
        on (a review checks its project meanwhile); the first notebook waits for them."""
        from jupyter_core.utils import run_sync

        run_sync(self.km.start_kernel)(cwd=str(cwd))
        # what the imports made lives as long as the kernel: frozen, the collector no longer
        # walks it (the reset between notebooks collects: 0.24 s a time with it, 0.04 s without)
        code = "import gc, importlib\n" + "".join(
            f"importlib.import_module({name!r})\n" for name in imports) + \
            "gc.collect()\ngc.freeze()\n"
        self.warming = threading.Thread(target=self._warm, args=(code,), daemon=True,
                                        name="cjm-kernel-imports")
        self.warming.start()

    def prepare(self, cwd: Path) -> None:
        """Clean the kernel's namespace for the next notebook; before the first, start the
        kernel and run the prelude, if any."""
        if self.warming is not None:
            self.warming.join()
            self.warming = None
        first, self.used = not self.used, True
        if first and not self.prelude and not self.km.has_kernel:
            return  # papermill starts it
        if not self.km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(self.km.start_kernel)(cwd=str(cwd))
        if first and self.prelude:
            self._run(self.prelude, timeout=600)  # failing, the notebook does the work itself
        reply = self._run(self.RESET.format(cwd=str(cwd)))
        if reply["content"]["status"] != "ok":
            raise CJMError(tr("could not reset the kernel between notebooks: {error}",
                              error=reply["content"].get("evalue", "")))

    def _warm(self, code: str) -> None:
        """Run `code` in the kernel; give up when the kernel is shut down meanwhile."""
        try:
            with self._client() as client:
                sent = client.execute(code, silent=True, store_history=False)
                while not self.stopping.is_set():
                    try:
                        reply = client.get_shell_msg(timeout=0.1)
                    except queue.Empty:
                        continue
                    if reply["parent_header"].get("msg_id") == sent:
                        return
        except Exception:  # noqa: BLE001 (only a head start is lost: the notebook imports)
            return

    def _run(self, code: str, timeout: int = 60) -> dict:
        """Run `code` in the kernel and return its reply."""
        with self._client() as client:
            return client.execute_interactive(code, timeout=timeout,
                                              output_hook=lambda message: None)

    @contextlib.contextmanager
    def _client(self):
        """A client of the kernel, ready for requests."""
        client = self.km.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            yield client
        finally:
            client.stop_channels()

    def __enter__(self) -> SharedKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Shut the kernel down (its memory goes back to the system); again, nothing."""
        self.stopping.set()
        if self.warming is not None:
            self.warming.join()
            self.warming = None
        if self.km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(self.km.shutdown_kernel)(now=True)


def execute(source: Path, output: Path, parameters: dict, *, cwd: Path,
            timeout: int = DEFAULT_TIMEOUT, kernel: SharedKernel | None = None) -> Executed:
    """Execute `source` into `output` with `parameters`; raise NotebookFailed on an error.

    With `kernel`, the notebook runs on that shared kernel; else on a kernel of its own.
    On failure `output` holds the executed notebook with papermill's banner at the top and an
    anchor at the failing cell.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    shared = {}
    if kernel is not None:
        kernel.prepare(cwd)
        shared["km"] = kernel.km
    try:
        papermill.execute_notebook(
            str(source), str(output), parameters=parameters, kernel_name=kernel_name(),
            language="python", cwd=str(cwd), progress_bar=False, execution_timeout=timeout,
            request_save_on_cell_execute=False, **shared,
        )
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}".strip().rstrip(":")
        raise NotebookFailed(source, exc.exec_count, error or exc.ename) from exc
    except Exception as exc:  # kernel died, timeout, unreadable notebook
        raise NotebookFailed(source, None, f"{type(exc).__name__}: {exc}") from exc
    return Executed(Path(source), Path(output), time.perf_counter() - start)


def progress_to_stderr(message: str) -> None:
    """Default progress reporter: one line per step on stderr."""
    print(message, file=sys.stderr, flush=True)

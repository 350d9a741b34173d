import json
from pathlib import Path

import pytest

from cjm.errors import NotebookFailed
from cjm.run.kernel import SharedKernel, execute

NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"


def outputs(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(o.get("text", "")) for c in cells for o in c.get("outputs", [])]


def test_parameters_are_injected_and_the_notebook_runs(tmp_path):
    done = execute(NOTEBOOKS / "adds.ipynb", tmp_path / "out.ipynb", {"a": 40}, cwd=tmp_path)
    assert outputs(done.output) == ["42\n"]
    assert done.seconds > 0


def test_the_kernel_does_not_depend_on_notebook_metadata(tmp_path):
    out = tmp_path / "out.ipynb"
    execute(NOTEBOOKS / "unknown_kernel.ipynb", out, {"a": 6}, cwd=tmp_path)
    assert outputs(out) == ["42\n"]


def test_a_failing_cell_is_reported_with_its_number_and_marked(tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(NotebookFailed) as info:
        execute(NOTEBOOKS / "broken.ipynb", out, {}, cwd=tmp_path)

    assert str(info.value) == "broken.ipynb failed at cell 3: ValueError: bad table"
    text = out.read_text(encoding="utf-8")
    assert "An Exception was encountered at" in text  # papermill's banner and anchor
    assert "papermill-error-cell-tag" in text


def test_a_cell_running_past_the_timeout_stops_the_notebook(tmp_path):
    with pytest.raises(NotebookFailed, match="sleeps.ipynb failed"):
        execute(NOTEBOOKS / "sleeps.ipynb", tmp_path / "out.ipynb", {"seconds": 30},
                cwd=tmp_path, timeout=2)


def test_a_shared_kernel_runs_notebooks_one_after_the_other(tmp_path):
    with SharedKernel() as kernel:
        first = execute(NOTEBOOKS / "adds.ipynb", tmp_path / "1.ipynb", {"a": 1}, cwd=tmp_path,
                        kernel=kernel)
        second = execute(NOTEBOOKS / "adds.ipynb", tmp_path / "2.ipynb", {"a": 40},
                         cwd=tmp_path, kernel=kernel)
    assert outputs(first.output) == ["3\n"] and outputs(second.output) == ["42\n"]
    assert not kernel.km.has_kernel  # shut down on exit
    kernel.close()  # again: nothing to do


def test_a_shared_kernel_forgets_the_previous_notebook(tmp_path):
    with SharedKernel() as kernel:
        execute(NOTEBOOKS / "defines_secret.ipynb", tmp_path / "1.ipynb", {}, cwd=tmp_path,
                kernel=kernel)
        with pytest.raises(NotebookFailed, match="NameError: name 'secret' is not defined"):
            execute(NOTEBOOKS / "reads_secret.ipynb", tmp_path / "2.ipynb", {}, cwd=tmp_path,
                    kernel=kernel)
    # the first notebook moved to "/", the second started back in its own folder
    assert outputs(tmp_path / "2.ipynb")[0] == f"{tmp_path}\n"


def test_a_prelude_runs_before_the_first_notebook_and_leaves_no_names(tmp_path):
    """What a prelude leaves in the process (a module attribute here; a review's kernel
    adopts the loaded project) the notebooks find, its names they do not; a prelude that
    fails only loses its head start."""
    import nbformat

    probe = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os, sys\nprint(getattr(sys, 'cjm_prelude', 'none'), os.getcwd())")]), probe)
    with SharedKernel("import sys\nsys.cjm_prelude = 'ran'\nsecret = 1") as kernel:
        with pytest.raises(NotebookFailed, match="name 'secret' is not defined"):
            execute(NOTEBOOKS / "reads_secret.ipynb", tmp_path / "1.ipynb", {}, cwd=tmp_path,
                    kernel=kernel)
        execute(probe, tmp_path / "2.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert outputs(tmp_path / "2.ipynb") == [f"ran {tmp_path}\n"]
    with SharedKernel("1 / 0") as kernel:
        execute(probe, tmp_path / "3.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert outputs(tmp_path / "3.ipynb") == [f"none {tmp_path}\n"]


def test_a_shared_kernels_clients_are_ready_without_waiting_for_silence(tmp_path):
    """Papermill's client and the kernel's own are ready once the kernel answered and its
    IOPub is connected (the first cell's output is not lost), not after 0.2 s of silence."""
    import nbformat

    from cjm.run.clients import ReadyAsyncClient, ReadyBlockingClient

    waits = []
    original = ReadyAsyncClient.wait_for_ready

    async def counted(self, timeout=None):
        waits.append(type(self))
        return await original(self, timeout)

    printer = tmp_path / "prints.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "print('first output')")]), printer)
    ReadyAsyncClient.wait_for_ready = counted
    try:
        with SharedKernel("x = 1") as kernel:
            for number in range(3):
                execute(printer, tmp_path / f"{number}.ipynb", {}, cwd=tmp_path, kernel=kernel)
            with kernel._client() as client:
                assert isinstance(client, ReadyBlockingClient)
                seen = []
                client.execute_interactive("print('at once')", output_hook=lambda msg: seen.append(
                    msg["content"].get("text")) if msg["msg_type"] == "stream" else None)
                assert seen == ["at once\n"]
    finally:
        ReadyAsyncClient.wait_for_ready = original
    assert waits == [ReadyAsyncClient] * 3  # one per notebook, papermill's
    assert all(outputs(tmp_path / f"{n}.ipynb") == ["first output\n"] for n in range(3))


def test_a_ready_client_reports_a_kernel_that_died(tmp_path):
    import signal

    from jupyter_core.utils import run_sync

    with SharedKernel() as kernel:
        kernel.start(tmp_path, ())
        kernel.warming.join()
        run_sync(kernel.km.signal_kernel)(signal.SIGKILL)
        kernel.km.provisioner.process.wait(timeout=10)
        with pytest.raises(RuntimeError, match="Kernel died"), kernel._client():
            pass


def test_the_running_process_checks_notebooks_without_the_iri_grammars():
    """nbformat still refuses a broken notebook once cjm.run.kernel is imported, without
    jsonschema's IRI checker (rfc3987-syntax compiles 39 grammars on import: 1.1 s)."""
    import subprocess
    import sys

    code = ("import sys, cjm.run.kernel, nbformat\n"
            "nb = nbformat.v4.new_notebook()\n"
            "nb.cells.append(nbformat.from_dict({'cell_type': 'code', 'id': 'a', 'bogus': 1}))\n"
            "try:\n    nbformat.validate(nb)\nexcept nbformat.ValidationError:\n"
            "    print('refused', sys.modules.get('rfc3987_syntax', 'absent'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == ["refused", "None"]


def test_what_the_kernel_imports_ahead_is_left_out_of_its_collections(tmp_path):
    """The modules a started kernel imports live as long as it: frozen out of the cyclic
    collector, so the collection of each reset between notebooks walks only what notebooks
    made (0.24 s -> 0.04 s a reset in a review)."""
    import nbformat

    probe = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import gc, sys\nprint(gc.get_freeze_count() > 1000, 'colorsys' in sys.modules)")]),
        probe)
    with SharedKernel() as kernel:
        kernel.start(tmp_path, ("colorsys",))
        execute(probe, tmp_path / "1.ipynb", {}, cwd=tmp_path, kernel=kernel)
        execute(probe, tmp_path / "2.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert outputs(tmp_path / "1.ipynb") == outputs(tmp_path / "2.ipynb") == ["True True\n"]
    with SharedKernel() as kernel:  # started by papermill: nothing imported ahead, no freeze
        execute(probe, tmp_path / "3.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert outputs(tmp_path / "3.ipynb") == ["False False\n"]

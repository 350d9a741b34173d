import subprocess
import sys
from pathlib import Path

import pytest

from cjm.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_then_validate(capsys, workspace):
    code, out, _ = run(capsys, "new", "Acme Retail", "--workspace", str(workspace))
    assert code == 0
    assert "created project 'acme-retail'" in out

    code, out, err = run(capsys, "validate", "acme-retail", "--workspace", str(workspace))
    assert (code, err) == (0, "")
    assert out.strip().endswith("acme-retail: valid")


def test_validate_an_invalid_project_lists_every_problem_and_exits_1(edit, capsys, mini):
    edit(mini / "touchpoints.csv", "T3,Buy,", "T3,Achats,")
    edit(mini / "actions.csv", ",done,", ",finished,")

    code, out, err = run(capsys, "validate", str(mini))

    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("touchpoints.csv:4: stage 'Achats' is not a stage")
    assert lines[1].startswith("actions.csv:2: status 'finished' is not allowed")
    assert lines[2] == "cjm: 2 problems found; nothing was written"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [(["validate", "no-such-project"], "no project 'no-such-project'"),
     (["validate", "../etc"], "not a valid project slug"),
     (["new", "!!!"], "cannot make a project folder name"),
     (["new", "Acme", "--from", "/no/such/folder"],
      "expected demo, blank, a folder of tables or a workbook"),
     (["frobnicate"], "invalid choice"),
     (["new"], "the following arguments are required: name")],
)
def test_bad_usage_exits_2(capsys, workspace, argv, fragment):
    code = None
    try:
        code = main([*argv, "--workspace", str(workspace)] if argv[0] != "frobnicate" else argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_existing_project_exits_2_and_keeps_it(capsys, workspace):
    assert run(capsys, "new", "Acme", "--workspace", str(workspace))[0] == 0
    code, _, err = run(capsys, "new", "Acme", "--workspace", str(workspace))
    assert code == 2 and "already exists" in err


def test_demo_sets_up_the_demo(capsys, workspace):
    code, out, _ = run(capsys, "demo", "--workspace", str(workspace))
    assert code == 0
    assert (workspace / "data" / "demo" / "project.yaml").is_file()
    assert (workspace / "notebooks" / "demo" / "04_evaluation.ipynb").is_file()
    assert str(workspace / "notebooks" / "demo") in out


def test_the_console_script_runs(workspace):
    script = Path(sys.executable).with_name("cjm")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cjm"]
    done = subprocess.run([*command, "validate", "nothing", "--workspace", str(workspace)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "no project 'nothing'" in done.stderr


def test_validate_prints_warnings_but_passes(capsys, mini):
    (mini / "events.csv").write_text("customer_id,timestamp,touchpoint_id\n"
                                     "C1,2026-01-01T10:00:00,T42\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(mini))
    assert code == 0
    assert "events.csv: warning: 1 event has touchpoint_id 'T42'" in err
    assert out.strip().endswith("valid (1 warning)")



def test_validate_strict_fails_on_warnings(capsys, mini):
    (mini / "events.csv").write_text("customer_id,timestamp,touchpoint_id\n"
                                     "C1,2026-01-01T10:00:00,T42\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(mini), "--strict")
    assert code == 1 and out == ""
    assert "events.csv: warning: 1 event has touchpoint_id 'T42'" in err
    assert "1 warning, which --strict counts as a failure" in err
    assert run(capsys, "validate", str(mini))[0] == 0


@pytest.mark.parametrize(("argv", "fragment"), [
    (["review", "demo", "--timeout", "0"], "argument --timeout: expected 1 or more, not 0"),
    (["run", "demo", "--timeout", "-5"], "argument --timeout: expected 1 or more, not -5"),
    (["review", "demo", "--timeout", "soon"], "expected a whole number, not 'soon'"),
    (["review", "--all", "--jobs", "0"], "argument --jobs: expected 1 or more, not 0"),
])
def test_timeouts_and_jobs_must_be_positive(capsys, workspace, argv, fragment):
    with pytest.raises(SystemExit) as info:
        main([*argv, "--workspace", str(workspace)])
    err = capsys.readouterr().err
    assert info.value.code == 2 and fragment in err and "Traceback" not in err


@pytest.mark.parametrize("period", ["0000-H1", "2026-H3", "2026-Q5", "2026-13", "9999-H1"])
def test_impossible_periods_are_bad_usage(capsys, workspace, period):
    code, _, err = run(capsys, "review", "demo", "--period", period, "--workspace",
                       str(workspace))
    assert code == 2
    assert ("--period must be a period label such as 2026-H2 (or 2026-S2), 2026-Q3 (or "
            f"2026-T3) or 2026-11, from 1900 to 2199, or 'current' or 'previous', not '{period}'"
            in err)


def test_a_workspace_that_is_a_file_is_bad_usage(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "validate", "demo", "--workspace", str(path))
    assert code == 2 and f"the workspace {path} is a file" in err


def test_a_failed_write_is_one_line_and_the_traceback_waits_for_debug(capsys, workspace,
                                                                       monkeypatch):
    import errno

    import cjm.project.workspace

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/ws/data/.acme/personas.csv")

    monkeypatch.setattr(cjm.project.workspace, "fill", full)
    code, out, err = run(capsys, "new", "Acme", "--workspace", str(workspace))
    assert (code, out) == (1, "")
    assert err == "cjm: cannot write /ws/data/.acme/personas.csv: No space left on device\n"
    assert list((workspace / "data").iterdir()) == []
    with pytest.raises(OSError):
        main(["new", "Acme", "--workspace", str(workspace), "--debug"])


def test_an_unexpected_error_is_one_line_without_debug(capsys, workspace, monkeypatch):
    from cjm.project.workspace import Workspace

    monkeypatch.setattr(Workspace, "new_project",
                        lambda *a, **k: {}["missing"])
    code, _, err = run(capsys, "new", "Acme", "--workspace", str(workspace))
    assert code == 1
    assert err == ("cjm: internal error: KeyError: 'missing' (run the command again with "
                   "--debug to see where)\n")


def test_new_prints_a_command_that_opens_jupyterlab_here(capsys, workspace):
    code, out, _ = run(capsys, "new", "Acme", "--workspace", str(workspace))
    assert code == 0
    command = out.strip().splitlines()[-1].strip()
    assert command == (f"{sys.executable} -m jupyterlab "
                       f"--notebook-dir={workspace / 'notebooks' / 'acme'}")
    done = subprocess.run([sys.executable, "-m", "jupyterlab", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0  # the module the command runs is installed with cjm


def test_new_from_a_folder_without_tables_is_refused(capsys, workspace, tmp_path):
    empty = tmp_path / "exports"
    empty.mkdir()
    code, out, err = run(capsys, "new", "Acme", "--from", str(empty), "--workspace",
                         str(workspace))
    assert code == 2 and "created" not in out
    assert f"--from {empty}: no table found there (files: none)" in err
    assert not (workspace / "data" / "acme").exists()


def test_an_open_ended_step_range_is_bad_usage(capsys, workspace):
    code, _, err = run(capsys, "run", "demo", "--steps", "1-", "--workspace", str(workspace))
    assert code == 2 and "--steps must look like 1-6, 4 or 1,3-4, not '1-'" in err


def test_upgrade_says_when_there_is_nothing_to_do_and_names_what_it_did(capsys, workspace):
    run(capsys, "new", "Acme", "--workspace", str(workspace))
    code, out, err = run(capsys, "upgrade", "acme", "--workspace", str(workspace))
    assert (code, err) == (0, "")
    assert out == ("the notebooks of 'acme' already come from the installed templates: "
                   "nothing to do\n")

    (workspace / "notebooks" / "acme" / "03_touchpoints.ipynb").unlink()
    code, out, err = run(capsys, "upgrade", "acme", "--workspace", str(workspace))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"upgraded the notebooks in {workspace / 'notebooks' / 'acme'}:",
        "  01_personas: already from the installed template",
        "  02_goals: already from the installed template",
        "  03_touchpoints: was missing, made from the installed template",
        "  04_evaluation: already from the installed template",
        "  05_prioritisation: already from the installed template",
        "  06_review: already from the installed template"]
    assert not list((workspace / "notebooks" / "acme").glob("before-upgrade-*"))


def test_upgrade_of_an_unknown_project_is_bad_usage(capsys, workspace):
    code, out, err = run(capsys, "upgrade", "nope", "--workspace", str(workspace))
    assert (code, out) == (2, "")
    assert err.startswith("cjm: error: no project 'nope' in ")


_IMPORTED = ("import contextlib, sys\nfrom cjm.cli import main\n"
             "with contextlib.suppress(SystemExit):\n    main(sys.argv[1:])\n"
             "heavy = ('pandas', 'matplotlib', 'papermill', 'ipywidgets', 'seaborn', 'nbclient',\n"
             "         'pyspark', 'hypothesis')\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n")


@pytest.mark.parametrize(("argv", "loaded"), [
    (["--help"], "[]"),  # start-up: nothing heavy before a command needs it
    # checking data draws nothing, runs no notebook, and pandera leaves its Spark and
    # hypothesis integrations (installed here for the tests) alone
    (["validate", "DEMO"], "['pandas']"),
])
def test_a_command_imports_only_what_it_needs(demo_dir, argv, loaded):
    argv = [str(demo_dir) if a == "DEMO" else a for a in argv]
    done = subprocess.run([sys.executable, "-c", _IMPORTED, *argv], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == loaded

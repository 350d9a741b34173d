import subprocess
import sys
from pathlib import Path

import pytest

from cjm.cli import main
from tests.conftest import edit


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


def test_validate_an_invalid_project_lists_every_problem_and_exits_1(capsys, mini):
    edit(mini / "touchpoints.csv", "T3,Buy,", "T3,Achats,")
    edit(mini / "actions.csv", ",done,", ",finished,")

    code, out, err = run(capsys, "validate", str(mini))

    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("touchpoints.csv:4: stage 'Achats' is not a stage")
    assert lines[1].startswith("actions.csv:2: status 'finished' is not allowed")
    assert lines[2] == "cjm: 2 problem(s) found; nothing was written"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [(["validate", "no-such-project"], "no project 'no-such-project'"),
     (["validate", "../etc"], "not a valid project slug"),
     (["new", "!!!"], "cannot make a project folder name"),
     (["new", "Acme", "--from", "/no/such/folder"], "expected demo, blank or a folder"),
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


"""`cjm schedule`: unit files and a crontab line that hold any folder or project name."""

import json
import shlex
import shutil

from cjm.project.workspace import Workspace
from cjm.run.schedule import schedule_text


def scheduled(tmp_path, mini, edit, folder_name: str, project_name: str) -> tuple[str, Workspace]:
    root = tmp_path / folder_name
    shutil.copytree(mini, root / "data" / "shop")
    edit(root / "data" / "shop" / "project.yaml", "name: Mini Shop",
         f"name: {json.dumps(project_name)}")
    workspace = Workspace(root)
    return schedule_text(workspace, "shop"), workspace


def section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(f"# {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("# ")), len(lines))
    return [line for line in lines[start:end] if line]


def systemd_words(value: str) -> list[str]:
    """systemd's reading of an ExecStart= value (double quotes, backslash escapes, and %% and
    $$ standing for % and $)."""
    words = shlex.split(value, posix=True)
    return [word.replace("%%", "%").replace("$$", "$") for word in words]


def test_unit_files_and_crontab_quote_every_name(edit, tmp_path, mini):
    text, workspace = scheduled(tmp_path, mini, edit, "CX 100% $HOME 'team' \"x\"",
                                "'Acme 50%' $PATH \"quoted\"")
    root = str(workspace.root)
    service = section(text, "cjm-review-shop.service")
    assert service[1] == "Description=cjm review of 'Acme 50%%' $$PATH \"quoted\""
    assert f"WorkingDirectory={root.replace('%', '%%').replace('$', '$$')}" in service
    exec_start = next(line for line in service if line.startswith("ExecStart="))
    words = systemd_words(exec_start.removeprefix("ExecStart="))
    assert words[-6:] == ["review", "shop", "--period", "previous", "--workspace", root]
    cron = text.splitlines()[-1]
    assert "\\%" in cron and " 100% " not in cron  # cron reads a bare % as a line break
    command = cron.split(" * ", 1)[1].replace("\\%", "%")
    assert shlex.split(command)[:2] == ["cd", root]


def test_no_name_can_add_a_line_to_a_unit_file(edit, tmp_path, mini):
    text, _ = scheduled(tmp_path, mini, edit, "ws", "Acme Retail")
    service = section(text, "cjm-review-shop.service")
    assert [line.split("=")[0] for line in service] == [
        "[Unit]", "Description", "[Service]", "Type", "WorkingDirectory", "ExecStart"]


def test_a_workspace_path_with_a_line_break_is_refused(edit, tmp_path, mini):
    import pytest

    from cjm.errors import UsageError

    with pytest.raises(UsageError, match="holds a line break or another control character"):
        scheduled(tmp_path, mini, edit, "ws\n* * * * * touch pwned #", "Acme")


def test_the_timer_follows_the_review_rhythm(edit, tmp_path, mini):
    edit(mini / "project.yaml", "review: {every_months: 6}", "review: {every_months: 3}")
    text, _ = scheduled(tmp_path, mini, edit, "ws", "Acme")
    assert "OnCalendar=*-01,04,07,10-05 06:00:00" in text
    assert "\n0 6 5 1,4,7,10 * cd " in text


def test_an_unknown_project_is_bad_usage(capsys, workspace):
    from cjm.cli import main

    assert main(["schedule", "nosuch", "--workspace", str(workspace)]) == 2
    assert "no project 'nosuch'" in capsys.readouterr().err

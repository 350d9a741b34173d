"""The periodic review, scheduled: a systemd timer and a crontab line (`cjm schedule`)."""

from __future__ import annotations

import shlex
import shutil
import sys

from ..errors import UsageError, shown
from ..messages import tr
from ..project.model import load_project


def review_months(every_months: int) -> list[int]:
    """Months (1-12) in which the review runs: the first month of each new period (every 1, 3
    or 6 months, as `project.yaml` allows)."""
    if every_months not in (1, 3, 6):
        raise UsageError(tr("a review runs every 1, 3 or 6 months, not every {months}",
                             months=every_months))
    return list(range(1, 13, every_months))


def schedule_text(workspace, slug: str) -> str:
    """A systemd service + timer and an equivalent crontab line reviewing `slug` unattended.

    The review runs on the 5th of the month after each period ends, at 06:00, on the period
    just ended (`--period previous`), leaving a few days for late survey exports. Every value
    is quoted for where it goes: systemd's own quoting and `%`/`$` escapes in unit files, the
    shell's quoting and cron's `%` escape in the crontab line (a folder or project name can
    hold any of them; names cannot hold line breaks, which validation refuses).
    """
    project = load_project(workspace.resolve(slug))
    for path in (workspace.root, workspace.notebook_dir(slug)):
        if not str(path).isprintable():
            raise UsageError(tr("the workspace path {path} holds a line break or another "
                                "control character, which a timer or a crontab line cannot "
                                "carry: move the workspace to a plain folder name",
                                path=shown(str(path))))
    months = review_months(project.config.review.every_months)
    program = [shutil.which("cjm")] if shutil.which("cjm") else [sys.executable, "-m", "cjm"]
    arguments = [*program, "review", slug, "--period", "previous", "--workspace",
                 str(workspace.root)]
    unit = f"cjm-review-{slug}"
    month_list = ",".join(f"{m:02d}" for m in months)
    log = str(workspace.notebook_dir(slug) / "reviews" / "cron.log")
    shell = " ".join(shlex.quote(part) for part in arguments)
    cron = (f"0 6 5 {','.join(str(m) for m in months)} * "
            f"cd {shlex.quote(str(workspace.root))} && {shell} >> {shlex.quote(log)} 2>&1")
    name = _one_line(project.name)
    return f"""\
# Review of {name} every {project.config.review.every_months} months.
# systemd (user units): save the two files below in ~/.config/systemd/user/, then run
#   systemctl --user daemon-reload && systemctl --user enable --now {unit}.timer

# {unit}.service
[Unit]
Description={_unit_value(f"cjm review of {name}")}

[Service]
Type=oneshot
WorkingDirectory={_unit_value(str(workspace.root))}
ExecStart={" ".join(_unit_value(_unit_word(part)) for part in arguments)}

# {unit}.timer
[Unit]
Description={_unit_value(f"Periodic cjm review of {name}")}

[Timer]
OnCalendar=*-{month_list}-05 06:00:00
Persistent=true

[Install]
WantedBy=timers.target

# crontab line (crontab -e), the same schedule:
{cron.replace("%", chr(92) + "%")}
"""


def _one_line(text: str) -> str:
    """`text` without line breaks or control characters (validation refuses them in names;
    this holds whatever reaches here)."""
    return "".join(char if char.isprintable() else " " for char in str(text))


def _unit_word(text: str) -> str:
    """One argument for systemd's command-line parser: double-quoted, with backslashes and
    quotes escaped, when it holds anything but plain characters."""
    text = _one_line(text)
    if text and all(char.isalnum() or char in "/._-+:,=@" for char in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unit_value(text: str) -> str:
    """A unit-file value: systemd expands `%` specifiers and `$` variables, so both are
    doubled to stay literal."""
    return _one_line(text).replace("%", "%%").replace("$", "$$")

"""The periodic review, scheduled: a systemd timer and a crontab line (`cjm schedule`)."""

from __future__ import annotations

import shlex
import shutil
import sys

from .project import load_project


def review_months(every_months: int) -> list[int]:
    """Months (1-12) in which the review runs: the first month of each new period."""
    step = every_months if 12 % every_months == 0 else 6
    return list(range(1, 13, step))


def schedule_text(workspace, slug: str) -> str:
    """A systemd service + timer and an equivalent crontab line reviewing `slug` unattended.

    The review runs on the 5th of the month after each period ends, at 06:00, on the period
    just ended (`--period previous`), leaving a few days for late survey exports.
    """
    project = load_project(workspace.project_dir(slug))
    months = review_months(project.config.review.every_months)
    cjm = shutil.which("cjm") or f"{sys.executable} -m cjm"
    command = (f"{cjm} review {shlex.quote(slug)} --period previous "
               f"--workspace {shlex.quote(str(workspace.root))}")
    unit = f"cjm-review-{slug}"
    month_list = ",".join(f"{m:02d}" for m in months)
    log = shlex.quote(str(workspace.notebook_dir(slug) / "reviews" / "cron.log"))
    cron = (f"0 6 5 {','.join(str(m) for m in months)} * "
            f"cd {shlex.quote(str(workspace.root))} && {command} >> {log} 2>&1")
    return f"""\
# Review of '{project.name}' every {project.config.review.every_months} months.
# systemd (user units): save the two files below in ~/.config/systemd/user/, then run
#   systemctl --user daemon-reload && systemctl --user enable --now {unit}.timer

# {unit}.service
[Unit]
Description=cjm review of {project.name}

[Service]
Type=oneshot
WorkingDirectory={workspace.root}
ExecStart={command}

# {unit}.timer
[Unit]
Description=Periodic cjm review of {project.name}

[Timer]
OnCalendar=*-{month_list}-05 06:00:00
Persistent=true

[Install]
WantedBy=timers.target

# crontab line (crontab -e), the same schedule:
{cron}
"""

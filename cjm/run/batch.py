"""Reviewing every project of a workspace, several at a time (`cjm review --all`)."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from ..errors import UsageError
from ..messages import tr


def review_all(workspace, *, period: str = "", jobs: int = 1, timeout: int = 600,
               debug: bool = False, force: bool = False) -> int:
    """Review each project in its own process; return 0 when all succeeded, else 1.

    Each review prints its own lines, prefixed by the project's slug.
    """
    if jobs < 1:
        raise UsageError(tr("--jobs must be 1 or more, not {jobs}", jobs=jobs))
    slugs = workspace.projects()
    if not slugs:
        raise UsageError(tr("no projects in {folder} (create one with: cjm new NAME)",
                             folder=workspace.data_dir))

    def review(slug: str) -> int:
        command = [sys.executable, "-m", "cjm", "review", slug, "--workspace",
                   str(workspace.root), "--period", period, "--timeout", str(timeout)]
        if debug:
            command.append("--debug")
        if force:
            command.append("--force")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        for line in (done.stdout + done.stderr).splitlines():
            print(f"{slug}: {line}", file=sys.stderr, flush=True)
        return done.returncode

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        codes = dict(zip(slugs, pool.map(review, slugs), strict=True))
    failed = [slug for slug, code in codes.items() if code != 0]
    print(tr("reviewed {done} of {total} project(s)", done=len(slugs) - len(failed),
             total=len(slugs))
          + (tr("; failed: {projects}", projects=", ".join(failed)) if failed else ""))
    return 1 if failed else 0

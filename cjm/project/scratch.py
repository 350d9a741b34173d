"""Working folders that are not yet results: created under a hidden name that says whose they
are, given normal permissions, and cleaned up after a process that was killed.

A review is built in `.2026-H1.<host>-<pid>.<random>/` and renamed into place when complete;
a kernel's spec lives in `cjm-kernels-<host>-<pid>.<random>/` in the temporary folder. When
systemd stops a review (SIGTERM) or the machine kills it (SIGKILL), such a folder stays behind:
the next run removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
import time
from pathlib import Path

FOREIGN_AGE = 7 * 24 * 3600  # seconds before a folder of another machine counts as stale


def host_name() -> str:
    """This machine's name as folder names carry it: letters and digits only."""
    return re.sub(r"[^A-Za-z0-9]+", "", socket.gethostname())[:20] or "host"


def make_dir(parent: str | Path, prefix: str) -> Path:
    """A new empty folder `<prefix><host>-<pid>.<random>` in `parent`, readable by others as
    the umask allows (not 0700 as `tempfile.mkdtemp` makes it)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{host_name()}-{os.getpid()}.", dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)
    return folder


def clean_stale(parent: str | Path, prefix: str) -> list[Path]:
    """Remove the folders `make_dir(parent, prefix)` made for processes that no longer run
    (on this machine; on another, once a week old). Returns what was removed."""
    parent = Path(parent)
    if not parent.is_dir():
        return []
    pattern = re.compile(re.escape(prefix) + r"([A-Za-z0-9]+)-(\d+)\.[^/]+$")
    removed = []
    for path in parent.iterdir():
        match = pattern.match(path.name)
        if not match or not path.is_dir():
            continue
        host, pid = match.group(1), int(match.group(2))
        stale = False
        if host == host_name():
            stale = pid != os.getpid() and not _alive(pid)
        else:
            with contextlib.suppress(OSError):
                stale = time.time() - path.stat().st_mtime > FOREIGN_AGE
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True

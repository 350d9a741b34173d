"""`cjm.project.scratch`: working folders named after their host and process, made readable
as the umask allows, and removed once stale (their process gone on this host, a week old on
another), never while their process runs."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time

import pytest

from cjm.project.scratch import FOREIGN_AGE, clean_stale, host_name, make_dir


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has finished (and been waited for)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.parametrize(("name", "folder_name"), [
    ("build-07.example.org", "build07exampleorg"),
    ("Ana's MacBook Pro", "AnasMacBookPro"),
    ("a-very-long-host-name-of-a-cluster-node", "averylonghostnameofa"),  # 20 characters
    ("---", "host"),
    ("", "host"),
])
def test_host_name_keeps_letters_and_digits(monkeypatch, name, folder_name):
    monkeypatch.setattr(socket, "gethostname", lambda: name)
    assert host_name() == folder_name


def test_make_dir_names_the_host_and_process(tmp_path):
    first, second = make_dir(tmp_path, ".2026-H1."), make_dir(tmp_path, ".2026-H1.")
    assert first != second and first.parent == second.parent == tmp_path
    assert re.fullmatch(rf"\.2026-H1\.{host_name()}-{os.getpid()}\.[^/]+", first.name)
    assert first.is_dir() and list(first.iterdir()) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o027, 0o750), (0o077, 0o700)])
def test_make_dir_follows_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        folder = make_dir(tmp_path, "cjm-kernels-")
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == mode


def test_clean_stale_removes_only_folders_of_dead_processes(tmp_path, dead_pid):
    me = host_name()
    dead = tmp_path / f".2026-H1.{me}-{dead_pid}.abc123"
    alive = tmp_path / f".2026-H1.{me}-{os.getpid()}.abc123"
    parent = tmp_path / f".2026-H1.{me}-{os.getppid()}.abc123"  # another live process
    init = tmp_path / f".2026-H1.{me}-1.abc123"  # perhaps another user's: alive all the same
    other = tmp_path / ".2026-H1.otherhost-12345.abc123"
    old_other = tmp_path / ".2026-H1.otherhost-23456.abc123"
    unrelated = tmp_path / f".2025-H2.{me}-{dead_pid}.abc123"  # another prefix
    plain = tmp_path / f"2026-H1.{me}-{dead_pid}.abc123"
    a_file = tmp_path / f".2026-H1.{me}-{dead_pid}.file"
    for folder in (dead, alive, parent, init, other, old_other, unrelated, plain):
        folder.mkdir()
        (folder / "01_personas.ipynb").write_text("{}", encoding="utf-8")
    a_file.write_text("not a folder", encoding="utf-8")
    week_ago = time.time() - FOREIGN_AGE - 60
    os.utime(old_other, (week_ago, week_ago))

    removed = clean_stale(tmp_path, ".2026-H1.")

    assert sorted(removed) == sorted([dead, old_other])
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in (alive, parent, init, other, unrelated, plain, a_file))


def test_a_folder_of_another_host_is_kept_for_a_week(tmp_path):
    # its process cannot be looked up from here: only its age tells it is stale
    folder = tmp_path / "cjm-kernels-otherhost-4242.xyz"
    folder.mkdir()
    almost = time.time() - FOREIGN_AGE + 3600
    os.utime(folder, (almost, almost))
    assert clean_stale(tmp_path, "cjm-kernels-") == [] and folder.exists()
    over = time.time() - FOREIGN_AGE - 3600
    os.utime(folder, (over, over))
    assert clean_stale(tmp_path, "cjm-kernels-") == [folder] and not folder.exists()


def test_a_missing_parent_has_nothing_to_clean(tmp_path):
    assert clean_stale(tmp_path / "nowhere", ".2026-H1.") == []
    assert not (tmp_path / "nowhere").exists()

"""Shared fixtures: small projects copied into a temporary folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parents[1]
DEMO = REPO / "data" / "demo"


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small hand-checked project `fixtures/mini`."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture
def workspace(tmp_path) -> Path:
    """An empty workspace folder."""
    folder = tmp_path / "ws"
    folder.mkdir()
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a fixture file, failing if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

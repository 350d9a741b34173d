"""What every test of a drawing shares: its figures closed after it, and the projects the
map tests draw."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from cjm import load_project  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def mini_project(mini):
    return load_project(mini)


@pytest.fixture(scope="module")
def demo(demo_dir):
    return load_project(demo_dir)

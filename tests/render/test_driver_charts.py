"""What the key driver charts draw: weights with their intervals strongest first, what is not
ranked and why, the four quadrants of stated against derived importance, and how customers
who meet a touchpoint go on, with the caveat."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from chart_samples import BEHAVIOUR, DRIVERS, STATED, bars, texts
from matplotlib.collections import PathCollection

from cjm.render import charts
from cjm.render.theme import BAD, DRIVER_COLORS, GOOD
from cjm.steps.drivers import KeyDrivers


def bar_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_driver_bars_draw_the_ranked_strongest_on_top_with_their_intervals():
    ax = charts.driver_bars(DRIVERS)
    assert bar_labels(ax) == ["App checkout", "Hold queue", "Tracking"]
    top_down = sorted(bars(ax), key=lambda b: -b.get_y())
    assert [b.get_width() for b in top_down] == pytest.approx([14.6, 9.7, 8.7])  # strongest on top
    shown = texts(ax)
    assert "14.6%" in shown and "n=891" in shown
    caps = [line for line in ax.lines if len(line.get_xdata())]
    assert caps  # the interval's lines
    assert "Not ranked: Info line (too few ratings, n=11)" in ax.get_xlabel()


def test_driver_bars_of_a_result_say_its_respondents_and_r_squared():
    frame = DRIVERS.copy()
    found = KeyDrivers("nps", None, frame, 1563, 0.523, 0.476, 0.622, 1000)
    ax = charts.driver_bars(found, language="fr")
    assert ax.get_title(loc="left") == "Ce qui fait le NPS"
    assert "1\u202f563 répondants ; ensemble : 52\u202f% des écarts (48\u202f% à 62\u202f%)" in \
        ax.get_xlabel()
    satisfaction = KeyDrivers("satisfaction", None, frame, 10, 0.5, 0.4, 0.6, 1000)
    assert charts.driver_bars(satisfaction).get_title(loc="left") == \
        "What drives overall satisfaction"


def test_driver_bars_with_nothing_ranked_say_why():
    frame = DRIVERS.assign(status="too_few_respondents", weight=np.nan)
    ax = charts.driver_bars(frame)
    shown = texts(ax)
    assert "no data yet" in shown
    assert any("too few respondents" in text for text in shown)


def test_the_long_list_keeps_the_strongest():
    many = pd.DataFrame({"name": [f"TP {i}" for i in range(50)], "weight": np.linspace(0.001,
                                                                                      0.05, 50),
                         "low": np.nan, "high": np.nan, "n": 100, "status": "ranked"})
    ax = charts.driver_bars(many, most=10)
    assert len(bars(ax)) == 10
    assert bar_labels(ax) == [f"TP {i}" for i in range(49, 39, -1)]
    assert "10 of 50 drawn: the strongest" in ax.get_xlabel()


def test_stated_against_derived_colours_each_quadrant_and_names_them():
    ax = charts.stated_derived_chart(STATED, stated_split=4.25, derived_split=0.05)
    (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    colors = [matplotlib.colors.to_hex(c) for c in points.get_facecolors()]
    assert colors == [DRIVER_COLORS[q] for q in STATED["quadrant"]]
    shown = texts(ax)
    assert {"Key drivers", "Hidden drivers", "Overrated", "Secondary"} <= set(shown)
    assert {"App checkout", "Hold queue", "Web checkout"} <= set(shown)
    assert ax.get_lines()[0].get_xdata()[0] == 4.25 and ax.get_lines()[1].get_ydata()[0] == 5


def test_the_behaviour_chart_colours_what_goes_with_leaving_and_says_it_is_association():
    ax = charts.behaviour_chart(BEHAVIOUR)
    drawn = dict(zip(bar_labels(ax), bars(ax), strict=True))
    assert set(drawn) == {"Web checkout", "App checkout", "App payment"}  # compared only
    assert matplotlib.colors.to_hex(drawn["App checkout"].get_facecolor()) == BAD
    assert matplotlib.colors.to_hex(drawn["Web checkout"].get_facecolor()) == GOOD
    assert drawn["App checkout"].get_width() == -27.0
    assert "Association, not cause" in ax.get_xlabel()
    assert "−27" in texts(ax) and "n=795" in texts(ax)

"""cjm.render.plan_charts: the importance-performance (IPA) chart, the priority bars split into
their weighted components, and the before/after change chart of a review."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from chart_samples import COMPARISON, COMPONENTS, IPA, PRIORITIES, bars, texts
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.text import Text

from cjm.render.plan_charts import change_chart, ipa_chart, priority_bars
from cjm.render.theme import BAD, GOOD, NEUTRAL, QUADRANT_COLORS, STATUS_COLORS


def scatters(ax) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def hexes(colors) -> list[str]:
    return [to_hex(c) for c in colors]


PRIORITIES["priority"] = PRIORITIES[COMPONENTS].sum(axis=1) * 100
# ---------------------------------------------------------------------------------- IPA
def test_ipa_chart_crosshair_quadrants_and_points():
    ax = ipa_chart(IPA, importance_split=3, satisfaction_split=3.5, language="fr")
    vertical, horizontal = ax.lines[:2]
    assert list(vertical.get_xdata()) == [3, 3]
    assert list(horizontal.get_ydata()) == [3.5, 3.5]
    corners = {t.get_text(): to_hex(t.get_color()) for t in ax.texts if t.get_fontweight()
               == "bold"}
    assert corners == {"Concentrer les efforts ici": BAD, "Maintenir le niveau": GOOD,
                       "Priorité faible": NEUTRAL,
                       "Effort peut-être superflu": QUADRANT_COLORS["possible_overkill"]}
    circles, diamonds = scatters(ax)
    assert circles.get_offsets().tolist() == [[4.5, 4.4], [1.5, 2.5], [2.0, 4.6]]
    assert hexes(circles.get_facecolors()) == [GOOD, NEUTRAL, QUADRANT_COLORS[
        "possible_overkill"]]
    assert diamonds.get_offsets().tolist() == [[4.8, 2.2], [4.0, 2.0]]
    assert hexes(diamonds.get_facecolors()) == [BAD, BAD]
    assert ax.get_xlabel() == "Importance" and ax.get_ylabel() == "Satisfaction"
    names = {a.get_text() for a in ax.texts if a.get_fontweight() != "bold"}
    assert {"App checkout", "Refund", "Newsletter", "Home page"} < names
    long = next(n for n in names if n.startswith("A very long"))
    assert long.endswith("…") and len(long) < 35


def test_ipa_chart_labels_do_not_overlap_even_when_points_do():
    rng = np.random.default_rng(1)
    crowd = pd.DataFrame({
        "name": [f"Touchpoint number {i}" for i in range(30)],
        "importance": rng.integers(1, 6, 30).astype(float),
        "satisfaction": rng.integers(2, 5, 30).astype(float),
        "quadrant": "keep_up", "moment_of_truth": False})
    crowd.loc[:4, ["importance", "satisfaction"]] = [3.0, 4.0]  # five on the same spot
    ax = ipa_chart(crowd, importance_split=3, satisfaction_split=3.5)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [Text.get_window_extent(a, renderer) for a in ax.texts  # text only, no leader
              if a.get_fontweight() != "bold"]
    assert len(labels) == 30
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:] if a.overlaps(b)]
    offsets = np.vstack([c.get_offsets() for c in scatters(ax)])
    assert len(np.unique(offsets.round(6), axis=0)) == 30  # the five are spread apart
    assert np.abs(offsets[:5] - [3, 4]).max() < 0.25


def test_ipa_chart_keeps_the_crosshair_in_view_and_takes_a_label_column():
    frame = IPA.rename(columns={"name": "touchpoint_id"}).assign(
        touchpoint_id=["T1", "T2", "T3", "T4", "T5"], moment_of_truth=False)
    ax = ipa_chart(frame, importance_split=1, satisfaction_split=5, label="touchpoint_id")
    # importance 1.5-4.8 and the split at 1: 1-4.8, padded by a fifth of its span
    assert ax.get_xlim() == pytest.approx((1 - 0.76, 4.8 + 0.76))
    assert ax.get_ylim() == pytest.approx((2 - 0.6, 5 + 0.6))
    assert {t.get_text() for t in ax.texts if t.get_fontweight() != "bold"} == {
        "T1", "T2", "T3", "T4", "T5"}
    assert ax.get_legend() is None  # no moment of truth to explain


def test_ipa_chart_refuses_an_unknown_quadrant():
    frame = IPA.assign(quadrant=["keep_up", "fix", "keep_up", "keep_up", "fix"])
    with pytest.raises(ValueError, match=r"^`quadrant` must be one of 'concentrate_here', "
                                         r"'keep_up', 'low_priority', 'possible_overkill', "
                                         r"not 'fix'$"):
        ipa_chart(frame, importance_split=3, satisfaction_split=3)


# ---------------------------------------------------------------------------------- priority
def test_priority_bars_stack_the_components_of_the_top_touchpoints():
    ax = priority_bars(PRIORITIES, top=3, language="fr")
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    assert rows == {"Checkout": 2, "Hold queue": 1, "Tracking": 0}  # highest at the top
    segments = bars(ax)
    assert len(segments) == 3 * 5
    totals = {}
    for segment in segments:
        y = round(segment.get_y() + segment.get_height() / 2)
        totals[y] = totals.get(y, 0) + segment.get_width()
    assert totals == pytest.approx({2: 80, 1: 65, 0: 57})  # sum to the priority
    first = [s.get_width() for s in segments[:3]]
    assert first == pytest.approx([30, 35, 10])  # the gap component, in order
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Écart de satisfaction", "Importance", "Portée", "Moment de vérité",
                      "Effort"]
    assert texts(ax) == ["80", "65", "57"]
    assert ax.get_xlabel() == "Score de priorité (0-100)"
    with pytest.raises(ValueError, match=r"^`top` must be a positive whole number, not 0$"):
        priority_bars(PRIORITIES, top=0)


@pytest.mark.parametrize("top", [True, 2.0, "3", -1])
def test_priority_bars_refuse_a_top_that_is_not_a_positive_whole_number(top):
    with pytest.raises(ValueError, match=rf"^`top` must be a positive whole number, not "
                                         rf"{top!r}$"):
        priority_bars(PRIORITIES, top=top)


def test_priority_bars_count_a_missing_component_as_zero():
    frame = PRIORITIES.head(1).assign(w_reach=np.nan)
    ax = priority_bars(frame)
    assert [b.get_width() for b in bars(ax)] == pytest.approx([30, 20, 0, 15, 5])
    assert texts(ax) == ["80"]  # the priority as given, not the 70 drawn


# ---------------------------------------------------------------------------------- change
def test_change_chart_before_after_by_status_sorted_by_change():
    ax = change_chart(COMPARISON, language="fr")
    order = [t.get_text() for t in ax.get_yticklabels()]
    assert order == ["Tracking", "Shop", "Chat", "Hold", "WhatsApp", "Catalogue"]
    before, after = scatters(ax)
    y = {name: 5 - i for i, name in enumerate(order)}
    assert before.get_offsets().tolist() == [[2.5, y["Tracking"]], [4.0, y["Shop"]],
                                             [4.0, y["Chat"]], [3.0, y["Hold"]],
                                             [3.2, y["Catalogue"]]]
    assert after.get_offsets().tolist() == [[4.0, y["Tracking"]], [4.5, y["Shop"]],
                                            [4.0, y["Chat"]], [2.0, y["Hold"]],
                                            [4.1, y["WhatsApp"]]]
    assert hexes(after.get_facecolors()) == [GOOD, GOOD, NEUTRAL, BAD, STATUS_COLORS["new"]]
    assert hexes(before.get_edgecolors())[-1] == STATUS_COLORS["retired"]
    lines = [c for c in ax.collections if isinstance(c, LineCollection)][0]
    assert len(lines.get_segments()) == 4  # new and retired have no line
    assert texts(ax)[:-1] == ["+1,5", "+0,5", "±0,0", "−1,0", "nouveau", "retiré"]
    assert texts(ax)[-1].startswith("En couleur quand le CSAT de l'enquête a changé")
    assert ax.get_title(loc="left") == "Satisfaction avant et après"


def test_change_chart_refuses_an_unknown_status():
    frame = COMPARISON.assign(status=["improved", "better", "stable", "new", "new", "retired"])
    with pytest.raises(ValueError, match=r"`status` must be one of 'improved', 'worsened', "
                                         r"'stable', 'new', 'retired', 'unscored', not 'better'"):
        change_chart(frame)


def test_change_chart_draws_every_status_and_says_what_decided_each_colour():
    from cjm.steps.review import STATUSES

    frame = pd.DataFrame({
        "name": ["Tracking", "Hold", "Chat", "Shop", "WhatsApp", "Catalogue", "Kiosk"],
        "satisfaction_before": [2.5, 3.0, 4.0, 4.0, np.nan, 3.2, np.nan],
        "satisfaction_after": [4.0, 2.0, 4.0, 4.5, 4.1, np.nan, np.nan],
        "status": ["improved", "worsened", "stable", "improved", "new", "retired", "unscored"],
        "basis": ["survey", "workshop", "survey", "workshop", "first review", "listing", None],
        "csat_delta": [0.4, np.nan, 0.031, np.nan, np.nan, np.nan, np.nan]})
    assert set(frame["status"]) == set(STATUSES)  # every status the comparison can give
    ax = change_chart(frame, min_delta=0.4, alpha=0.01, min_responses=50)
    drawn = texts(ax)
    # the survey's CSAT change where it decided, else the workshop's satisfaction change
    assert drawn[:-1] == ["CSAT +40 pts (survey)", "+0.5 (workshop)", "CSAT +3 pts (survey)",
                          "−1.0 (workshop)", "new", "retired", "not scored"]
    assert drawn[-1] == ("Coloured when the survey CSAT changed significantly (p < 0.01, at "
                         "least 50 answers on each side); without such a sample, when the "
                         "workshop satisfaction moved by 0.4 or more.")
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Kiosk"
    before, after = scatters(ax)
    assert len(after.get_offsets()) == 5 and len(before.get_offsets()) == 5  # none for Kiosk


def test_change_chart_legend_names_only_the_statuses_drawn():
    ax = change_chart(COMPARISON.head(3))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["before", "after", "improved", "worsened", "stable"]

"""`cjm.render.live_priority`: the tuner's priority chart as inline SVG. What it drew: one bar
per ranked touchpoint, highest first, split by component in proportion, the score at its end,
and every name escaped."""

from __future__ import annotations

import re

import pandas as pd

from cjm.render.live_priority import priority_svg


def _frame(rows):
    columns = ["touchpoint_id", "name", "w_gap", "w_importance", "w_reach",
               "w_moment_of_truth", "w_effort", "priority"]
    return pd.DataFrame(rows, columns=columns)


def test_bars_are_split_by_component_in_proportion_and_ranked_top_down():
    frame = _frame([("T1", "Checkout", 0.4, 0.2, 0.0, 0.0, 0.0, 60.0),
                    ("T2", "Delivery", 0.1, 0.1, 0.0, 0.0, None, 20.0)])
    svg = priority_svg(frame, language="en")
    rects = [(float(x), float(y), float(w), fill) for x, y, w, fill in re.findall(
        r"<rect x='([\d.]+)' y='([\d.]+)' width='([\d.]+)' height='16' fill='(#\w+)'", svg)]
    first = [r for r in rects if r[1] == rects[0][1]]
    second = [r for r in rects if r[1] != rects[0][1]]
    assert [r[3] for r in first] == ["#2f5f8f", "#7fa7d4"]  # gap then importance, no empty bar
    assert abs(first[0][2] / first[1][2] - 2.0) < 0.01
    assert second[0][1] > first[0][1]  # the higher priority is drawn above
    assert abs(sum(r[2] for r in first) / sum(r[2] for r in second) - 3.0) < 0.01
    values = re.findall(r"data-touchpoint='(\w+)'[^>]*>([^<]+)<", svg)
    assert values == [("T1", "60"), ("T2", "20")]
    assert ">Satisfaction gap<" in svg and ">Moment of truth<" in svg


def test_names_are_escaped_cut_and_french_numbers_used():
    frame = _frame([("T<1>", "<script>alert(1)</script> & a very long touchpoint name indeed",
                     0.123, 0.0, 0.0, 0.0, 0.0, 12.3)])
    svg = priority_svg(frame, language="fr")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "data-touchpoint='T&lt;1&gt;'" in svg
    assert "…</text>" in svg and "Score de priorité" in svg


def test_nothing_to_draw_draws_no_bar():
    svg = priority_svg(_frame([]))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "cjm-priority-value" not in svg and "height='16'" not in svg

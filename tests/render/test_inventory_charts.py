"""cjm.render.inventory_charts: the heatmaps of goals per persona and stage, touchpoints or
volumes per channel and stage, and touchpoints per owner and stage."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from chart_samples import COVERAGE, MATRIX, OWNERS, texts
from matplotlib.colors import to_hex

from cjm.render.inventory_charts import goal_coverage, owners_by_stage, touchpoint_matrix
from cjm.render.theme import BAD, GAP_FILL, channel_colors


# ---------------------------------------------------------------------------------- goals
def test_goal_coverage_annotates_counts_and_highlights_gaps():
    ax = goal_coverage(COVERAGE, language="fr")
    assert texts(ax) == ["2", "0", "1", "1", "3", "0"]
    gaps = [p for p in ax.patches if to_hex(p.get_facecolor()) == GAP_FILL]
    assert sorted((round(p.get_x()), round(p.get_y())) for p in gaps) == [(1, 0), (2, 1)]
    assert {to_hex(t.get_color()) for t in ax.texts if t.get_text() == "0"} == {BAD}
    assert ax.get_title(loc="left") == "Objectifs par persona et étape"
    assert ax.get_xlabel() == "Étape" and ax.get_ylabel() == "Persona"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Aucun objectif (manque)"]


def test_goal_coverage_without_gaps_has_no_legend():
    ax = goal_coverage(COVERAGE.replace(0, 1))
    assert not [p for p in ax.patches if to_hex(p.get_facecolor()) == GAP_FILL]
    assert ax.get_legend() is None
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Discover", "Buy", "Receive"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Emma", "Karim"]


# ---------------------------------------------------------------------------------- touchpoints
def test_touchpoint_matrix_counts_keep_the_stage_order():
    counts = pd.DataFrame([[1, 0, 2]], index=["Chat"], columns=["Return", "Discover", "Buy"])
    ax = touchpoint_matrix(counts, language="fr")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Return", "Discover", "Buy"]
    assert texts(ax) == ["1", "", "2"]
    assert ax.get_title(loc="left") == "Points de contact par canal et étape"
    assert ax.get_ylabel() == "Canal"


def test_touchpoint_matrix_volumes_are_compact():
    ax = touchpoint_matrix(MATRIX, value="volume")
    assert texts(ax) == ["12k", "", "1.2M", "950", "3.4k", ""]
    fr = touchpoint_matrix(MATRIX, value="volume", language="fr")
    assert texts(fr)[2] == "1,2 M"
    assert fr.get_title(loc="left") == "Volume par canal et étape"


def test_touchpoint_matrix_marks_each_channel_with_its_colour():
    ax = touchpoint_matrix(MATRIX)
    assert [line.get_color() for line in ax.lines] == list(
        channel_colors(["Website", "Phone"]).values())
    assert [line.get_ydata()[0] for line in ax.lines] == [0.5, 1.5]  # beside each row


def test_touchpoint_matrix_refuses_an_unknown_value():
    with pytest.raises(ValueError, match=r"^`value` must be 'count' or 'volume', not 'x'$"):
        touchpoint_matrix(MATRIX, value="x")


# ---------------------------------------------------------------------------------- owners
def test_owners_by_stage_leaves_silos_empty():
    ax = owners_by_stage(OWNERS, language="fr")
    assert texts(ax) == ["2", "", "", "3"]
    assert ax.get_ylabel() == "Responsable"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Marketing", "Logistics"]

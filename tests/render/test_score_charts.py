"""cjm.render.score_charts: the emotion curve, satisfaction and ease per stage, and survey
metrics (CSAT, CES, NPS) with their intervals and sample sizes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from chart_samples import EMOTIONS, METRICS, STAGE_SCORES, STAGES, bars, curve, texts
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.container import ErrorbarContainer

from cjm.render.score_charts import emotion_curve, metric_bars, stage_summary
from cjm.render.theme import BAD, GOOD, NEUTRAL


def scatters(ax) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def hexes(colors) -> list[str]:
    return [to_hex(c) for c in colors]


# ---------------------------------------------------------------------------------- emotion
def test_emotion_curve_orders_by_stage_and_leaves_a_gap_for_missing_scores():
    ax = emotion_curve(EMOTIONS, stages=STAGES)
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert names == ["Ads", "Home page", "Checkout", "Payment", "Tracking"]
    line = curve(ax)
    assert list(line.get_xdata()) == [0, 1, 2, 3, 4]
    assert np.array_equal(line.get_ydata(), [2, 1, -1, np.nan, 0], equal_nan=True)
    points, rings = scatters(ax)
    assert points.get_offsets().tolist() == [[0, 2], [1, 1], [2, -1], [4, 0]]
    assert hexes(points.get_facecolors()) == [GOOD, GOOD, BAD, NEUTRAL]
    assert rings.get_offsets().tolist() == [[2, -1], [4, 0]]
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Checkout", "Tracking"]
    assert [t for t in texts(ax)] == ["Discover", "Buy", "Receive"]
    assert list(ax.get_yticks()) == [-2, -1, 0, 1, 2]
    low, high = ax.get_ylim()
    assert low < -2 and high > 2
    assert any(list(line.get_ydata()) == [0, 0] for line in ax.lines)  # the zero line


def test_emotion_curve_in_french_and_with_unknown_stage():
    ax = emotion_curve(EMOTIONS, stages=STAGES, language="fr")
    assert ax.get_title(loc="left") == "Courbe des émotions"
    assert ax.get_ylabel() == "Émotion"
    assert ax.get_legend().get_texts()[0].get_text() == "Moment de vérité"
    with pytest.raises(ValueError, match=r"must be in `stages` \('Discover', 'Buy'\), "
                                         r"not 'Receive'$"):
        emotion_curve(EMOTIONS, stages=["Discover", "Buy"])


def test_emotion_curve_on_a_scale_of_1_to_5_is_drawn_around_its_middle():
    scores = EMOTIONS.assign(emotion=[2.0, 5.0, np.nan, 3.0, 4.0])
    ax = emotion_curve(scores, stages=STAGES, scale=(1, 5))
    assert np.array_equal(curve(ax).get_ydata(), [2, 1, -1, np.nan, 0], equal_nan=True)
    assert list(ax.get_yticks()) == [-2, -1, 0, 1, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1", "2", "3", "4", "5"]
    points, _ = scatters(ax)
    assert hexes(points.get_facecolors()) == [GOOD, GOOD, BAD, NEUTRAL]  # 5, 4, 2, 3


def test_emotion_curve_labels_signed_scales_with_true_minus_signs():
    ax = emotion_curve(EMOTIONS, stages=STAGES)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["−2", "−1", "0", "+1", "+2"]


def test_emotion_curve_names_the_persona_in_its_title():
    ax = emotion_curve(EMOTIONS, stages=STAGES, persona="Emma")
    assert ax.get_title(loc="left") == "Emotion curve – Emma"


def test_emotion_curve_greys_the_names_of_unscored_touchpoints():
    ax = emotion_curve(EMOTIONS, stages=STAGES)
    greyed = [t.get_text() for t in ax.get_xticklabels() if to_hex(t.get_color()) == "#a0a0a0"]
    assert greyed == ["Payment"]


def test_emotion_curve_without_moments_of_truth_has_no_legend():
    ax = emotion_curve(EMOTIONS.assign(moment_of_truth=False), stages=STAGES)
    assert ax.get_legend() is None
    assert len(scatters(ax)[1].get_offsets()) == 0


@pytest.mark.parametrize("scale", [(2, 2), (2, -2)])
def test_emotion_curve_refuses_a_scale_that_is_not_lowest_then_highest(scale):
    with pytest.raises(ValueError, match=r"^`scale` must be \(lowest, highest\), not "):
        emotion_curve(EMOTIONS, stages=STAGES, scale=scale)


# ---------------------------------------------------------------------------------- stages
def test_stage_summary_bars_each_on_its_own_scale_with_pain_points():
    ax = stage_summary(STAGE_SCORES, language="fr")
    satisfaction, ease = bars(ax)[:2], bars(ax)[2:4]
    assert [b.get_y() + b.get_height() for b in satisfaction] == pytest.approx([4, 2.5])
    # ease 1-7 drawn on the satisfaction 1-5 axis: 7 -> 5, 4 -> 3
    assert [b.get_y() + b.get_height() for b in ease] == pytest.approx([5, 3])
    right = ax.child_axes[0]
    assert right.get_ylabel() == "Facilité (plus haut = plus facile) (1-7)"
    assert ax.get_ylabel() == "Satisfaction (1-5)"
    assert texts(ax) == ["4,0", "2,5", "7,0", "4,0", "0", "5"]
    assert ax.get_title(loc="left") == "Scores par étape"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Satisfaction", "Facilité (plus haut = plus facile)", "Irritants"]


def test_stage_summary_on_other_scales_and_with_a_missing_ease():
    scores = STAGE_SCORES.assign(ease=[10.0, np.nan], satisfaction=[7.0, 4.0])
    ax = stage_summary(scores, satisfaction_scale=(1, 7), ease_scale=(0, 10))
    satisfaction, ease = bars(ax)[:2], bars(ax)[2:4]
    assert [b.get_y() + b.get_height() for b in satisfaction] == pytest.approx([7, 4])
    assert ease[0].get_y() + ease[0].get_height() == pytest.approx(7)  # 10 of 0-10 -> 7 of 1-7
    assert texts(ax) == ["7.0", "4.0", "10.0", "0", "5"]  # no number for the missing ease
    assert ax.get_ylim() == pytest.approx((1, 7.65))
    assert ax.get_ylabel() == "Satisfaction (1-7)"
    assert ax.child_axes[0].get_ylabel() == "Ease (higher = easier) (0-10)"


# ---------------------------------------------------------------------------------- metrics
def test_metric_bars_show_rate_interval_and_n_sorted_by_value():
    ax = metric_bars(METRICS, "csat")
    assert [b.get_width() for b in bars(ax)] == pytest.approx([40, 80, 90])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Chat", "Store"]
    errors = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    segments = errors.lines[2][0].get_segments()
    assert [(s[0][0], s[1][0]) for s in segments] == [pytest.approx((a, b)) for a, b in
                                                      [(30, 52), (70, 88), (85, 94)]]
    assert texts(ax) == ["40%", "n=30", "80%", "n=50", "90%", "n=120"]
    assert ax.get_xlim() == (0, 100)


def test_metric_bars_skip_rows_without_answers_and_draw_nps_on_its_scale():
    ces = metric_bars(METRICS, "ces_easy", language="fr")
    assert [t.get_text() for t in ces.get_yticklabels()] == ["Chat", "Store"]
    assert "n=0" not in texts(ces)
    assert ces.get_title(loc="left") == "CES : part trouvant cela facile (%)"
    nps = metric_bars(METRICS, "nps")
    assert [b.get_width() for b in bars(nps)] == pytest.approx([-35, 20, 50])
    assert hexes(b.get_facecolor() for b in bars(nps))[0] == BAD
    assert texts(nps)[::2] == ["−35", "+20", "+50"]
    assert nps.get_xlim() == (-100, 100)


def test_metric_bars_label_column_and_bad_metric():
    frame = METRICS.rename(columns={"name": "touchpoint"})
    ax = metric_bars(frame, "csat", label="touchpoint")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Chat", "Store"]
    with pytest.raises(ValueError, match=r"^`metric` must be one of 'csat', 'ces_easy', 'nps', "
                                         r"not 'ces'$"):
        metric_bars(METRICS, "ces")


def test_metric_bars_count_the_answers_of_rows_without_a_label():
    frame = METRICS.assign(name=["Chat", None, "Store", " "], n_csat=[50, 30, 120, 1200])
    ax = metric_bars(frame, "csat")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Chat", "Store"]
    assert texts(ax) == ["1,230 answers without a name are counted in the totals only",
                         "80%", "n=50", "90%", "n=120"]  # 30 + 1200 answers under no name
    french = metric_bars(frame, "csat", language="fr")
    assert texts(french)[0] == "1\u202f230 réponses sans nom ne comptent que dans les totaux"

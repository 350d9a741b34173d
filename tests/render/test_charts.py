"""cjm.charts: what each chart draws (artists, positions, labels), checked on hand-made frames."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.container import ErrorbarContainer
from matplotlib.patches import Circle, Rectangle
from matplotlib.text import Text

from cjm.render import charts
from cjm.render.theme import BAD, GAP_FILL, GOOD, MAIN, NEUTRAL, QUADRANT_COLORS, STATUS_COLORS


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if type(p) is Rectangle]


def scatters(ax) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def hexes(colors) -> list[str]:
    return [to_hex(c) for c in colors]


def curve(ax):
    """The emotion line: the one line with a point per touchpoint."""
    return next(line for line in ax.lines if len(line.get_xdata()) == len(EMOTIONS))


# ---------------------------------------------------------------------------------- frames
PERSONA = pd.Series({
    "persona_id": "P1", "name": "Emma, the mobile native",
    "description": "27, shops on her phone in spare moments.", "segment": "Young urban",
    "share": 0.35, "needs": "Pay in two taps; Live tracking; Returns from the app",
    "frustrations": "Forced account creation; Payment failures",
    "preferred_channels": ["Mobile app", "Chat"], "digital_ease": 4})
SHARES = pd.DataFrame({"name": ["Emma", "Karim", "Nadia"], "share": [0.35, 0.5, 0.15]})
COVERAGE = pd.DataFrame([[2, 0, 1], [1, 3, 0]], index=["Emma", "Karim"],
                        columns=["Discover", "Buy", "Receive"])
MATRIX = pd.DataFrame([[12000, 0, 1_200_000], [950, 3400, 0]], index=["Website", "Phone"],
                      columns=["Return", "Discover", "Buy"])
OWNERS = pd.DataFrame([[2, 0], [0, 3]], index=["Marketing", "Logistics"],
                      columns=["Discover", "Receive"])
STAGES = ["Discover", "Buy", "Receive"]
EMOTIONS = pd.DataFrame({
    "stage": ["Buy", "Discover", "Buy", "Receive", "Discover"],
    "name": ["Checkout", "Ads", "Payment", "Tracking", "Home page"],
    "emotion": [-1.0, 2.0, np.nan, 0.0, 1.0],
    "moment_of_truth": [True, False, False, True, False]})
STAGE_SCORES = pd.DataFrame({"stage": ["Discover", "Buy"], "satisfaction": [4.0, 2.5],
                             "ease": [7.0, 4.0], "pain_points": [0, 5]})
METRICS = pd.DataFrame({
    "name": ["Chat", "Phone", "Store", "Unasked"],
    "csat": [0.8, 0.4, 0.9, np.nan], "csat_low": [0.7, 0.3, 0.85, np.nan],
    "csat_high": [0.88, 0.52, 0.94, np.nan], "n_csat": [50, 30, 120, 0],
    "ces_easy": [0.6, 0.5, 0.7, np.nan], "ces_easy_low": [0.5, 0.4, 0.6, np.nan],
    "ces_easy_high": [0.7, 0.6, 0.8, np.nan], "n_ces": [40, 0, 100, 0],
    "nps": [20.0, -35.0, 50.0, np.nan], "nps_low": [5.0, -50.0, 40.0, np.nan],
    "nps_high": [35.0, -20.0, 60.0, np.nan], "n_nps": [50, 30, 120, 0]})
IPA = pd.DataFrame({
    "name": ["App checkout", "Refund", "Newsletter", "Home page", "A very long touchpoint name "
             "that goes on and on"],
    "importance": [4.8, 4.5, 1.5, 2.0, 4.0], "satisfaction": [2.2, 4.4, 2.5, 4.6, 2.0],
    "quadrant": ["concentrate_here", "keep_up", "low_priority", "possible_overkill",
                 "concentrate_here"],
    "moment_of_truth": [True, False, False, False, True]})
COMPONENTS = ["w_gap", "w_importance", "w_reach", "w_moment_of_truth", "w_effort"]
PRIORITIES = pd.DataFrame(
    [["Checkout", 0.3, 0.2, 0.1, 0.15, 0.05], ["Hold queue", 0.35, 0.15, 0.05, 0.0, 0.1],
     ["Newsletter", 0.05, 0.02, 0.1, 0.0, 0.01], ["Tracking", 0.1, 0.1, 0.2, 0.15, 0.02]],
    columns=["name", *COMPONENTS])
PRIORITIES["priority"] = PRIORITIES[COMPONENTS].sum(axis=1) * 100
COMPARISON = pd.DataFrame({
    "name": ["Tracking", "Chat", "Hold", "Shop", "WhatsApp", "Catalogue"],
    "satisfaction_before": [2.5, 4.0, 3.0, 4.0, np.nan, 3.2],
    "satisfaction_after": [4.0, 4.0, 2.0, 4.5, 4.1, np.nan],
    "status": ["improved", "stable", "worsened", "improved", "new", "retired"]})

RETAIL = ["Discover", "Learn", "Buy", "Receive", "After-sales", "Return"]


def funnel_frame(counts: dict[str, list[int]]) -> pd.DataFrame:
    """The funnel `cjm.events.analyze` returns: per persona, customers reaching each stage."""
    rows = []
    for persona, customers in counts.items():
        customers = np.array(customers, float)
        drop = np.append(1 - customers[1:] / customers[:-1], np.nan)
        rows += [{"persona_id": persona, "stage": stage, "customers": n,
                  "share": n / customers[0], "drop_off": d}
                 for stage, n, d in zip(RETAIL, customers, drop, strict=True)]
    return pd.DataFrame(rows)


FUNNEL = funnel_frame({"all": [4500, 4140, 3700, 3000, 2670, 900],
                       "P1": [1800, 1700, 1500, 1300, 1200, 300]})
TRANSITIONS = pd.DataFrame(
    [["stage", "Buy", "Receive", 2200], ["stage", "Discover", "Learn", 1800],
     ["stage", "Learn", "Buy", 1250], ["stage", "Discover", "Discover", 40],
     ["touchpoint", "Checkout", "Tracking", 900]],
    columns=["level", "source", "target", "count"]).assign(customers=100, median_seconds=60.0)
SWITCHES = pd.DataFrame({"from_channel": ["Website", "Website", "Phone", "Chat"],
                         "to_channel": ["Phone", "Chat", "Website", "Phone"],
                         "switches": [1200, 80, 300, 45], "customers": [1000, 70, 280, 40],
                         "rate": [0.12, 0.008, 0.3, 0.05]})

AXES_CHARTS = {
    "persona_shares": (charts.persona_shares, SHARES, {}),
    "goal_coverage": (charts.goal_coverage, COVERAGE, {}),
    "touchpoint_matrix": (charts.touchpoint_matrix, MATRIX, {}),
    "owners_by_stage": (charts.owners_by_stage, OWNERS, {}),
    "emotion_curve": (charts.emotion_curve, EMOTIONS, {"stages": STAGES}),
    "stage_summary": (charts.stage_summary, STAGE_SCORES, {}),
    "metric_bars": (charts.metric_bars, METRICS, {}),
    "ipa_chart": (charts.ipa_chart, IPA, {"importance_split": 3, "satisfaction_split": 3.5}),
    "priority_bars": (charts.priority_bars, PRIORITIES, {}),
    "change_chart": (charts.change_chart, COMPARISON, {}),
    "funnel_chart": (charts.funnel_chart, FUNNEL, {}),
    "transition_heatmap": (charts.transition_heatmap, TRANSITIONS, {}),
    "switch_matrix": (charts.switch_matrix, SWITCHES, {}),
}


# ---------------------------------------------------------------------------------- all charts
@pytest.mark.parametrize("name", AXES_CHARTS)
def test_draws_on_the_given_axes_and_returns_it(name):
    function, frame, options = AXES_CHARTS[name]
    fig, ax = plt.subplots()
    assert function(frame, ax=ax, **options) is ax
    assert len(fig.axes) == 1


@pytest.mark.parametrize("name", AXES_CHARTS)
def test_without_axes_makes_a_new_figure(name):
    function, frame, options = AXES_CHARTS[name]
    ax = function(frame, **options)
    assert ax.figure.get_size_inches()[0] >= 5
    assert ax.get_title(loc="left")


@pytest.mark.parametrize("name", AXES_CHARTS)
@pytest.mark.parametrize("empty", [pd.DataFrame(), "no rows"])
def test_empty_frame_says_no_data_yet(name, empty):
    function, frame, options = AXES_CHARTS[name]
    empty = frame.iloc[0:0] if isinstance(empty, str) else empty
    ax = function(empty, **options)
    assert texts(ax) == ["no data yet"]
    ax = function(empty, language="fr", **options)
    assert texts(ax) == ["pas encore de données"]


@pytest.mark.parametrize("name", [n for n in AXES_CHARTS if n not in (
    "goal_coverage", "touchpoint_matrix", "owners_by_stage")])  # matrices take any labels
def test_missing_columns_are_named(name):
    function, frame, options = AXES_CHARTS[name]
    with pytest.raises(ValueError, match=rf"{name}\(\) expected a frame with columns .*; "
                                         r"got wrong \(missing"):
        function(pd.DataFrame({"wrong": [1]}), **options)


def test_nullable_dtypes_are_drawn():
    scores = EMOTIONS.astype({"emotion": "Float64", "moment_of_truth": "boolean"})
    scores.loc[0, "moment_of_truth"] = pd.NA
    assert np.isnan(curve(charts.emotion_curve(scores, stages=STAGES)).get_ydata()[3])
    volumes = MATRIX.astype("Int64")
    volumes.iloc[0, 0] = pd.NA
    drawn = charts.touchpoint_matrix(volumes, value="volume")
    assert texts(drawn) == ["", "1.2M", "950", "3.4k", ""]  # the missing cell: no annotation
    shares = SHARES.astype({"share": "Float64"})
    shares.loc[1, "share"] = pd.NA
    assert len(bars(charts.persona_shares(shares))) == 2


# ---------------------------------------------------------------------------------- colours
def test_channel_colors_are_fixed_for_known_channels_in_any_language():
    english = charts.channel_colors(["Website", "Phone", "Store", "E-mail"])
    french = charts.channel_colors(["Magasin", "Site web", "Téléphone", "Courriel"])
    assert english["Website"] == french["Site web"]
    assert english["Phone"] == french["Téléphone"]
    assert english["Store"] == french["Magasin"]
    assert english["E-mail"] == french["Courriel"]
    assert charts.channel_colors(["Chat"])["Chat"] == charts.channel_colors(
        ["Store", "Chat"])["Chat"]


def test_channel_colors_are_distinct_and_stable_for_other_channels():
    names = ["Website", "Fax", "Kiosk", "Carrier pigeon", "Fax"]
    colors = charts.channel_colors(names)
    assert list(colors) == ["Website", "Fax", "Kiosk", "Carrier pigeon"]
    assert len(set(colors.values())) == 4
    alone = charts.channel_colors(["Carrier pigeon"])["Carrier pigeon"]
    assert charts.channel_colors(["Phone", "Carrier pigeon", "Store"])["Carrier pigeon"] == alone


def cielab(color) -> np.ndarray:
    """CIE L*a*b* (D65) of a matplotlib colour: Euclidean distances there follow the eye."""
    rgb = np.array(to_rgb(color))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / [0.95047, 1.0, 1.08883]
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_spare_channel_colors_are_clearly_distinct_from_the_others():
    known = ["Website", "Mobile app", "E-mail", "Phone", "Chat", "Store", "Social media",
             "Self-service portal", "Mail", "Field agent"]  # the channels of DOMAIN.md
    others = ["Self-service customer portal", "Branch office", "Field agent visit", "Fax",
              "Kiosk", "WhatsApp", "Carrier pigeon", "Television"]  # as many as spare colours
    colors = charts.channel_colors(known + others)
    assert len(set(colors.values())) == len(colors)
    for a, b in itertools.combinations(colors, 2):
        distance = np.linalg.norm(cielab(colors[a]) - cielab(colors[b]))
        assert distance > 10, (a, b)  # the closest fixed pair: portal and field agent, 10.4
        if a in others or b in others:  # up to about 10, colours still read as "similar"
            assert distance > 20, (a, b)


# ---------------------------------------------------------------------------------- persona
def test_persona_card_shows_who_needs_frustrations_channels_and_ease():
    fig = charts.persona_card(PERSONA)
    ax = fig.axes[0]
    shown = "\n".join(texts(ax))
    for words in ("Emma, the mobile native", "Young urban", "35%", "Needs", "Frustrations",
                  "•  Pay in two taps", "•  Live tracking", "•  Payment failures",
                  "Preferred channels", "Digital ease", "4/5"):
        assert words in shown
    colors = charts.channel_colors(["Mobile app", "Chat"])
    chips = {t.get_text(): to_hex(t.get_bbox_patch().get_facecolor()) for t in ax.texts
             if t.get_bbox_patch() is not None}
    assert chips == {name: to_hex(color) for name, color in colors.items()}
    dots = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(dots) == 5
    assert sum(to_hex(d.get_facecolor()) != "#ffffff" for d in dots) == 4


def test_persona_card_in_french_with_missing_values():
    persona = PERSONA.copy()
    persona["share"], persona["digital_ease"], persona["needs"] = pd.NA, pd.NA, pd.NA
    ax = charts.persona_card(persona, language="fr").axes[0]
    shown = texts(ax)
    assert "Besoins" in shown and "Canaux préférés" in shown and "Aisance numérique" in shown
    assert "–" in shown  # share and ease unknown
    dots = [p for p in ax.patches if isinstance(p, Circle)]
    assert all(to_hex(d.get_facecolor()) == "#ffffff" for d in dots)


def test_persona_card_keeps_everything_inside_the_figure():
    persona = PERSONA.copy()
    persona["name"] = "Marie-Christine de La Fontaine-Beaumarchais, la cliente fidèle " * 2
    persona["description"] = "Retraitée très active qui compare tout en magasin. " * 8
    persona["needs"] = "; ".join(["Un interlocuteur humain qui connaît son historique"] * 9)
    persona["frustrations"] = ";".join(["Attente au téléphone"] * 12)
    persona["preferred_channels"] = ["Téléphone", "Magasin", "Courrier", "Site web",
                                     "Application mobile", "Réseaux sociaux", "Portail client",
                                     "Fax", "Télévision"]
    for figsize in [(6, 4.5), (4, 3.5)]:
        fig = charts.persona_card(persona, language="fr", figsize=figsize)
        fig.canvas.draw()
        renderer, frame = fig.canvas.get_renderer(), fig.bbox
        shown = [t for t in fig.axes[0].texts if t.get_visible()]
        for text in shown:
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1, text.get_text()
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1, text.get_text()
        boxes = [t.get_window_extent(renderer) for t in shown]
        overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                    if a.overlaps(b)]
        assert not overlaps
        assert any(t.get_text().startswith("+") for t in shown)  # channels that did not fit


def test_persona_card_is_figure_level():
    with pytest.raises(TypeError, match=r"persona_card\(\) is figure-level .* `ax=`"):
        charts.persona_card(PERSONA, ax=plt.gca())
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        charts.persona_card(PERSONA, colour="red")


def test_persona_card_without_data():
    fig = charts.persona_card(pd.Series(dtype=object))
    assert texts(fig.axes[0]) == ["no data yet"]


def test_persona_shares_bars_in_percent_highest_at_top():
    ax = charts.persona_shares(SHARES, language="fr")
    assert [b.get_width() for b in bars(ax)] == pytest.approx([15, 35, 50])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Nadia", "Emma", "Karim"]
    assert texts(ax) == ["15 %", "35 %", "50 %"]
    assert ax.get_title(loc="left") == "Part de la clientèle"


# ---------------------------------------------------------------------------------- heatmaps
def test_goal_coverage_annotates_counts_and_highlights_gaps():
    ax = charts.goal_coverage(COVERAGE, language="fr")
    assert texts(ax) == ["2", "0", "1", "1", "3", "0"]
    gaps = [p for p in ax.patches if to_hex(p.get_facecolor()) == GAP_FILL]
    assert sorted((round(p.get_x()), round(p.get_y())) for p in gaps) == [(1, 0), (2, 1)]
    assert {to_hex(t.get_color()) for t in ax.texts if t.get_text() == "0"} == {BAD}
    assert ax.get_title(loc="left") == "Objectifs par persona et étape"
    assert ax.get_xlabel() == "Étape" and ax.get_ylabel() == "Persona"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Aucun objectif (manque)"]


def test_touchpoint_matrix_counts_keep_the_stage_order():
    counts = pd.DataFrame([[1, 0, 2]], index=["Chat"], columns=["Return", "Discover", "Buy"])
    ax = charts.touchpoint_matrix(counts, language="fr")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Return", "Discover", "Buy"]
    assert texts(ax) == ["1", "", "2"]
    assert ax.get_title(loc="left") == "Points de contact par canal et étape"
    assert ax.get_ylabel() == "Canal"


def test_touchpoint_matrix_volumes_are_compact():
    ax = charts.touchpoint_matrix(MATRIX, value="volume")
    assert texts(ax) == ["12k", "", "1.2M", "950", "3.4k", ""]
    fr = charts.touchpoint_matrix(MATRIX, value="volume", language="fr")
    assert texts(fr)[2] == "1,2 M"
    assert fr.get_title(loc="left") == "Volume par canal et étape"


def test_touchpoint_matrix_refuses_an_unknown_value():
    with pytest.raises(ValueError, match=r"^`value` must be 'count' or 'volume', not 'x'$"):
        charts.touchpoint_matrix(MATRIX, value="x")


def test_owners_by_stage_leaves_silos_empty():
    ax = charts.owners_by_stage(OWNERS, language="fr")
    assert texts(ax) == ["2", "", "", "3"]
    assert ax.get_ylabel() == "Responsable"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Marketing", "Logistics"]


# ---------------------------------------------------------------------------------- scores
def test_emotion_curve_orders_by_stage_and_leaves_a_gap_for_missing_scores():
    ax = charts.emotion_curve(EMOTIONS, stages=STAGES)
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
    ax = charts.emotion_curve(EMOTIONS, stages=STAGES, language="fr")
    assert ax.get_title(loc="left") == "Courbe des émotions"
    assert ax.get_ylabel() == "Émotion"
    assert ax.get_legend().get_texts()[0].get_text() == "Moment de vérité"
    with pytest.raises(ValueError, match=r"must be in `stages` \('Discover', 'Buy'\), "
                                         r"not 'Receive'$"):
        charts.emotion_curve(EMOTIONS, stages=["Discover", "Buy"])


def test_stage_summary_bars_each_on_its_own_scale_with_pain_points():
    ax = charts.stage_summary(STAGE_SCORES, language="fr")
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
    assert legend == ["Satisfaction", "Facilité (plus haut = plus facile)", "Points de friction"]


def test_metric_bars_show_rate_interval_and_n_sorted_by_value():
    ax = charts.metric_bars(METRICS, "csat")
    assert [b.get_width() for b in bars(ax)] == pytest.approx([40, 80, 90])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Chat", "Store"]
    errors = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    segments = errors.lines[2][0].get_segments()
    assert [(s[0][0], s[1][0]) for s in segments] == [pytest.approx((a, b)) for a, b in
                                                      [(30, 52), (70, 88), (85, 94)]]
    assert texts(ax) == ["40%", "n=30", "80%", "n=50", "90%", "n=120"]
    assert ax.get_xlim() == (0, 100)


def test_metric_bars_skip_rows_without_answers_and_draw_nps_on_its_scale():
    ces = charts.metric_bars(METRICS, "ces_easy", language="fr")
    assert [t.get_text() for t in ces.get_yticklabels()] == ["Chat", "Store"]
    assert "n=0" not in texts(ces)
    assert ces.get_title(loc="left") == "CES : part trouvant cela facile (%)"
    nps = charts.metric_bars(METRICS, "nps")
    assert [b.get_width() for b in bars(nps)] == pytest.approx([-35, 20, 50])
    assert hexes(b.get_facecolor() for b in bars(nps))[0] == BAD
    assert texts(nps)[::2] == ["−35", "+20", "+50"]
    assert nps.get_xlim() == (-100, 100)


def test_metric_bars_label_column_and_bad_metric():
    frame = METRICS.rename(columns={"name": "touchpoint"})
    ax = charts.metric_bars(frame, "csat", label="touchpoint")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Chat", "Store"]
    with pytest.raises(ValueError, match=r"^`metric` must be one of 'csat', 'ces_easy', 'nps', "
                                         r"not 'ces'$"):
        charts.metric_bars(METRICS, "ces")


def test_ipa_chart_crosshair_quadrants_and_points():
    ax = charts.ipa_chart(IPA, importance_split=3, satisfaction_split=3.5, language="fr")
    vertical, horizontal = ax.lines[:2]
    assert list(vertical.get_xdata()) == [3, 3]
    assert list(horizontal.get_ydata()) == [3.5, 3.5]
    corners = {t.get_text(): to_hex(t.get_color()) for t in ax.texts if t.get_fontweight()
               == "bold"}
    assert corners == {"Concentrer les efforts": BAD, "Maintenir": GOOD,
                       "Faible priorité": NEUTRAL,
                       "Effort excessif possible": QUADRANT_COLORS["possible_overkill"]}
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
    ax = charts.ipa_chart(crowd, importance_split=3, satisfaction_split=3.5)
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


def test_priority_bars_stack_the_components_of_the_top_touchpoints():
    ax = charts.priority_bars(PRIORITIES, top=3, language="fr")
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
        charts.priority_bars(PRIORITIES, top=0)


def test_change_chart_before_after_by_status_sorted_by_change():
    ax = charts.change_chart(COMPARISON, language="fr")
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
        charts.change_chart(frame)


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
    ax = charts.change_chart(frame, min_delta=0.4, alpha=0.01, min_responses=50)
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


# ---------------------------------------------------------------------------------- event log
def test_funnel_chart_centred_bars_of_customers_with_share_and_drop_off():
    ax = charts.funnel_chart(FUNNEL)
    drawn = bars(ax)
    assert [b.get_width() for b in drawn] == [4500, 4140, 3700, 3000, 2670, 900]
    assert [b.get_x() + b.get_width() / 2 for b in drawn] == pytest.approx([2250] * 6)
    assert [round(b.get_y() + b.get_height() / 2) for b in drawn] == [0, 1, 2, 3, 4, 5]
    assert ax.get_ylim() == (5.5, -0.5)  # the first stage at the top
    assert [t.get_text() for t in ax.get_yticklabels()] == RETAIL
    assert texts(ax)[:2] == ["4,500  ·  100%", "−8%"]
    assert [t for t in texts(ax) if t.startswith("−")] == ["−8%", "−11%", "−19%", "−11%", "−66%"]
    assert "900  ·  20%" in texts(ax) and "Drop-off" in texts(ax)
    assert hexes(b.get_facecolor() for b in drawn) == [MAIN] * 4 + [BAD, MAIN]
    worst = next(t for t in ax.texts if t.get_text() == "−66%")
    assert to_hex(worst.get_color()) == BAD and worst.get_position()[1] == 4.5
    assert ax.get_title(loc="left") == "Funnel"


def test_funnel_chart_of_one_persona_in_french():
    ax = charts.funnel_chart(FUNNEL, persona="P1", language="fr")
    assert [b.get_width() for b in bars(ax)] == [1800, 1700, 1500, 1300, 1200, 300]
    assert texts(ax)[0] == "1\u202f800  ·  100 %"
    assert "−75 %" in texts(ax) and "Abandon" in texts(ax)
    assert ax.get_title(loc="left") == "Entonnoir – P1"
    assert ax.get_xlabel() == "Clients atteignant l'étape  ·  part"


def test_funnel_chart_names_the_personas_it_has():
    with pytest.raises(ValueError, match=r"^`persona` must be 'all' or 'P1', not 'P9'$"):
        charts.funnel_chart(FUNNEL, persona="P9")


def test_transition_heatmap_of_stages_in_the_given_order():
    ax = charts.transition_heatmap(TRANSITIONS, order=RETAIL, language="fr")
    names = ["Discover", "Learn", "Buy", "Receive"]  # the stages present, in journey order
    assert [t.get_text() for t in ax.get_xticklabels()] == names
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    assert texts(ax) == ["40", "1,8 k", "1,2 k", "2,2 k"]  # row by row; the touchpoint row left out
    assert ax.get_title(loc="left") == "Transitions entre étapes"
    assert ax.get_ylabel() == "Étape de départ" and ax.get_xlabel() == "Étape d'arrivée"


def test_transition_heatmap_without_order_puts_the_busiest_first():
    ax = charts.transition_heatmap(TRANSITIONS)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Buy", "Learn", "Receive",
                                                            "Discover"]
    assert texts(ax) == ["2.2k", "1.2k", "1.8k", "40"]  # Buy->Receive, Learn->Buy, ...


def test_transition_heatmap_shows_the_busiest_20_touchpoints_only():
    names = [f"TP{i:02d}" for i in range(30)]
    chain = pd.DataFrame({"level": "touchpoint", "source": names[:-1], "target": names[1:],
                          "count": np.arange(29, 0, -1) * 100, "customers": 10,
                          "median_seconds": 5.0})
    busiest = charts.transition_heatmap(chain, level="touchpoint")
    assert [t.get_text() for t in busiest.get_yticklabels()][:2] == ["TP01", "TP02"]
    ax = charts.transition_heatmap(chain, level="touchpoint", order=names)
    assert [t.get_text() for t in ax.get_yticklabels()] == names[:20]
    assert [t.get_text() for t in ax.get_xticklabels()] == names[:20]
    assert texts(ax) == [f"{n / 10:.1f}k".replace(".0k", "k") for n in range(29, 10, -1)]
    assert ax.get_title(loc="left") == "Transitions between touchpoints (busiest 20 of 30)"
    assert ax.get_xticklabels()[0].get_rotation() == 50
    few = charts.transition_heatmap(TRANSITIONS, level="touchpoint")
    assert texts(few) == ["900"] and "busiest" not in few.get_title(loc="left")


def test_transition_heatmap_refuses_an_unknown_level():
    with pytest.raises(ValueError, match=r"^`level` must be 'stage' or 'touchpoint', not 'x'$"):
        charts.transition_heatmap(TRANSITIONS, level="x")


def test_switch_matrix_counts_and_rates_with_a_blank_diagonal():
    ax = charts.switch_matrix(SWITCHES, channels=["Phone", "Website", "Chat"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Website", "Chat"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Phone", "Website", "Chat"]
    assert texts(ax) == ["300\n30%", "1.2k\n12%", "80\n1%", "45\n5%"]
    cells = ax.collections[0].get_array().reshape(3, 3)
    assert np.ma.getmaskarray(cells).diagonal().all()  # no colour on the diagonal
    assert cells[1, 0] == 1200 and np.ma.is_masked(cells[0, 2])  # Phone -> Chat: none
    assert ax.get_title(loc="left") == "Channel switches (repeat contact)"
    assert ax.get_ylabel() == "From channel" and ax.get_xlabel() == "To channel"
    squares = [line.get_color() for line in ax.lines]
    assert squares == list(charts.channel_colors(["Phone", "Website", "Chat"]).values())


def test_switch_matrix_in_french_busiest_first():
    ax = charts.switch_matrix(SWITCHES, language="fr")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Website", "Phone", "Chat"]
    assert texts(ax)[0] == "1,2 k\n12 %"
    assert ax.get_title(loc="left") == "Changements de canal (recontact)"
    assert ax.get_ylabel() == "Canal de départ" and ax.get_xlabel() == "Canal d'arrivée"

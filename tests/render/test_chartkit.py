"""cjm.render.chartkit, the machinery behind the charts: reading frames (numbers, flags,
fields, ranked names, from x to matrices), refusing wrong choices and columns, setting up the
Axes ("no data yet", sizes, titles, styling, legends), heatmaps, count and rate texts, funnel
labels, and points and labels placed so that none hides another."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from chart_samples import texts
from matplotlib.colors import to_hex
from matplotlib.patches import Patch
from matplotlib.text import Text

from cjm.errors import ArgumentError
from cjm.render import chartkit as kit
from cjm.render.theme import BAD, INK, MAIN, MUTED


def axes(size=(4, 4)):
    _, ax = plt.subplots(figsize=size, dpi=100)
    return ax


# sources, targets and counts of moves between stages
MOVES = pd.DataFrame({"source": ["Discover", "Buy", "Discover", "Receive"],
                      "target": ["Buy", "Receive", "Receive", "Discover"],
                      "count": [5, 3, 1, 10], "level": ["stage", "stage", "stage", "other"]})


# ---------------------------------------------------------------------------------- frames
def test_n_rows_of_a_frame_or_of_none():
    assert kit.n_rows(None) == 0
    assert kit.n_rows(MOVES) == 4


def test_floats_are_nan_where_there_is_no_number():
    values = kit.floats(["1", "x", None, 2.5, pd.NA])
    assert values.dtype == float
    assert np.array_equal(values, [1, np.nan, np.nan, 2.5, np.nan], equal_nan=True)
    assert np.array_equal(kit.floats(pd.Series([1, None], dtype="Int64")), [1, np.nan],
                          equal_nan=True)


def test_flags_are_false_where_missing():
    assert kit.flags([True, None, pd.NA, 0, "yes", np.nan]).tolist() == [
        True, False, False, False, True, False]
    assert kit.flags(pd.Series([True, pd.NA, False], dtype="boolean")).tolist() == [
        True, False, False]


def test_field_reads_numbers_as_floats_text_stripped_and_missing_as_given():
    row = pd.Series({"share": 3, "name": "  Emma ", "segment": np.nan, "ease": pd.NA,
                     "count": np.int64(2)})
    assert kit.field(row, "share") == 3.0 and isinstance(kit.field(row, "share"), float)
    assert kit.field(row, "count") == 2.0
    assert kit.field(row, "name") == "Emma"
    assert kit.field(row, "segment", "–") == "–"
    assert kit.field(row, "ease") is None
    assert kit.field(row, "no such column", "") == ""


def test_ranked_puts_the_largest_total_first_over_both_columns():
    # Discover 5 + 1 + 10, Receive 3 + 1 + 10, Buy 5 + 3
    assert kit.ranked(MOVES, ["source", "target"], "count") == ["Discover", "Receive", "Buy"]
    assert kit.ranked(MOVES, ["source", "target"], "count", top=2) == ["Discover", "Receive"]
    assert kit.ranked(MOVES, ["source"], "count") == ["Receive", "Discover", "Buy"]


def test_ranked_follows_an_order_and_puts_names_outside_it_last():
    order = ["Discover", "Buy", "Receive"]
    assert kit.ranked(MOVES, ["source", "target"], "count", order=order) == order
    assert kit.ranked(MOVES, ["source", "target"], "count", order=["Buy"]) == [
        "Buy", "Discover", "Receive"]
    assert kit.ranked(MOVES, ["source", "target"], "count", order=order, top=2) == [
        "Discover", "Receive"]  # the busiest two, in the order given


def test_square_matrix_of_a_value_per_pair():
    names = ["Discover", "Buy", "Receive"]
    matrix = kit.square(MOVES, "source", "target", "count", names)
    assert list(matrix.index) == names and list(matrix.columns) == names
    assert np.array_equal(matrix.to_numpy(), [[np.nan, 5, 1], [np.nan, np.nan, 3],
                                              [10, np.nan, np.nan]], equal_nan=True)
    twice = pd.concat([MOVES, MOVES.assign(count=MOVES["count"] * 2)])
    assert kit.square(twice, "source", "target", "count", names).loc["Discover", "Buy"] == 15
    assert kit.square(twice, "source", "target", "count", names, how="max").loc[
        "Discover", "Buy"] == 10


def test_check_choice_names_the_wrong_values_once_and_what_is_allowed():
    kit.check_choice("level", ["stage", "stage"], ("stage", "touchpoint"))  # fine: no error
    with pytest.raises(ArgumentError, match=r"^`level` must be 'stage' or 'touchpoint', "
                                            r"not 'x', 'y'$"):
        kit.check_choice("level", ["x", "y", "x"], ("stage", "touchpoint"))
    with pytest.raises(ArgumentError, match=r"^`metric` must be one of 'csat', 'nps', 'ces', "
                                            r"not 'x'$"):
        kit.check_choice("metric", ["x"], ("csat", "nps", "ces"))


# ---------------------------------------------------------------------------------- axes
def test_begin_keeps_the_rows_with_numbers_and_sizes_a_new_figure():
    frame = pd.DataFrame({"name": ["a", "b", "c"], "value": [1, None, "3"],
                          "kept": [True, True, False]})
    asked = []

    def size(rows):
        asked.append(None if rows is None else list(rows["name"]))
        return (6, 3)

    ax, rows = kit.begin(frame, ["name", "value"], "chart", None, size, "Title", "en", ["value"])
    assert list(rows["name"]) == ["a", "c"]
    assert asked == [["a", "c"]]  # the size of what will be drawn
    assert tuple(ax.figure.get_size_inches()) == (6, 3)
    assert ax.get_title(loc="left") == "Title"
    ax, rows = kit.begin(frame, ["name"], "chart", None, (5, 2), "T", "en", ["value"],
                         keep=lambda f: f["kept"])
    assert list(rows["name"]) == ["a"]


def test_begin_draws_no_data_yet_when_nothing_is_left():
    frame = pd.DataFrame({"name": ["a"], "value": [None]})
    asked = []
    ax, rows = kit.begin(frame, ["name"], "chart", None, lambda r: asked.append(r) or (5, 2),
                         "Titre", "fr", ["value"])
    assert rows is None and asked == [None]
    assert texts(ax) == ["pas encore de données"]
    assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    assert not any(spine.get_visible() for spine in ax.spines.values())
    assert ax.get_title(loc="left") == "Titre"
    ax, rows = kit.begin(None, ["name"], "chart", None, (5, 2), "T", "en")
    assert rows is None and texts(ax) == ["no data yet"]


def test_begin_draws_on_the_axes_given():
    given = axes()
    ax, _ = kit.begin(MOVES, ["source"], "chart", given, (9, 9), "T", "en")
    assert ax is given and tuple(ax.figure.get_size_inches()) == (4, 4)


def test_begin_names_the_missing_columns():
    with pytest.raises(ArgumentError, match=r"^chart\(\) expected a frame with columns source, "
                                            r"stage, persona; got source, target, count, "
                                            r"level \(missing stage, persona\)$"):
        kit.begin(MOVES, ["source", "stage", "persona"], "chart", None, (5, 2), "T", "en")


def test_begin_matrix_sizes_the_figure_by_the_matrix_and_reads_numbers():
    small = pd.DataFrame([[1, "2"], [3, 4], [5, 6]], index=list("abc"), columns=["x", "y"])
    ax, values = kit.begin_matrix(small, None, "M", "en")
    assert values.dtypes.tolist() == [float, float]
    assert values.loc["a", "y"] == 2.0
    assert ax.figure.get_size_inches() == pytest.approx((5, 2.54))  # at least 5 wide
    ax, _ = kit.begin_matrix(pd.DataFrame(np.ones((12, 9))), None, "M", "en")
    assert ax.figure.get_size_inches() == pytest.approx((0.95 * 9 + 2.6, 0.38 * 12 + 1.4))


def test_begin_square_keeps_rows_and_ranks_the_names():
    ax, matrix, rows = kit.begin_square(
        MOVES, ["source", "target", "count"], "moves", None, "Moves", "en",
        ("source", "target"), "count", keep=lambda f: f["level"] == "stage")
    assert len(rows) == 3
    # of the moves kept: Buy 5 + 3, Discover 5 + 1, Receive 3 + 1
    assert list(matrix.index) == ["Buy", "Discover", "Receive"]
    assert matrix.loc["Buy", "Receive"] == 3
    assert ax.figure.get_size_inches() == pytest.approx((0.95 * 3 + 2.6, 2.66))


def test_begin_square_tilted_names_take_more_room_and_no_data_gives_none():
    ax, _, _ = kit.begin_square(MOVES, ["source", "target", "count"], "moves", None, "M", "en",
                                ("source", "target"), "count", tilt=True)
    assert ax.figure.get_size_inches() == pytest.approx((0.48 * 3 + 5.6, 0.34 * 3 + 4.4))
    ax, matrix, rows = kit.begin_square(MOVES.iloc[0:0], ["source"], "moves", None, "M", "en",
                                        ("source", "target"), "count")
    assert matrix is None and rows is None and texts(ax) == ["no data yet"]


def test_set_title_writes_a_bold_title_on_the_left():
    ax = axes()
    kit.set_title(ax, "Funnel")
    assert ax.get_title(loc="left") == "Funnel" and ax.get_title() == ""
    assert ax._left_title.get_fontweight() == "bold"


def test_style_keeps_light_left_and_bottom_spines_and_a_grid():
    ax = axes()
    ax.plot([0, 1])
    assert kit.style(ax, "y") is ax
    assert [ax.spines[s].get_visible() for s in ("top", "right", "left", "bottom")] == [
        False, False, True, True]
    assert to_hex(ax.spines["left"].get_edgecolor()) == "#bbbbbb"
    ax.figure.canvas.draw()
    assert all(line.get_visible() for line in ax.get_ygridlines())
    assert not any(line.get_visible() for line in ax.get_xgridlines())
    assert to_hex(ax.get_yticklabels()[0].get_color()) == INK


def test_beside_places_text_a_number_of_points_right_of_the_axes():
    ax = axes()
    ax.set_ylim(0, 10)
    text = ax.text(1, 5, "n=30", transform=kit.beside(ax, 36))
    ax.figure.canvas.draw()
    x, y = text.get_transform().transform((1, 5))
    box = ax.get_window_extent()
    assert x == pytest.approx(box.x1 + 36 * 100 / 72)  # 36 points at 100 dpi
    assert y == pytest.approx(box.y0 + box.height / 2)


def test_legend_below_centres_a_frameless_legend_under_the_axes():
    ax = axes()
    handles = [Patch(color=MAIN, label="Satisfaction"), Patch(color=BAD, label="Pain points")]
    kit.legend_below(ax, handles, 2)
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Satisfaction", "Pain points"]
    assert legend._ncols == 2 and not legend.get_frame_on()
    ax.figure.canvas.draw()
    assert legend.get_window_extent().y1 < ax.get_window_extent().y0  # below the axes


def test_heatmap_annotates_cells_and_names_the_stages_on_top():
    ax = axes((6, 3))
    values = pd.DataFrame([[1.0, 0.0], [np.nan, 3.0]], index=["Website", "Phone"],
                          columns=["Discover", "A rather long stage name for a column"])
    labels = pd.DataFrame([["1", ""], ["", "3"]], index=values.index, columns=values.columns)
    kit.heatmap(ax, values, labels, "Stage", "Channel")
    assert texts(ax) == ["1", "", "3"]  # no annotation on the missing cell
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns[0] == "Discover" and columns[1].endswith("…")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Website", "Phone"]
    assert ax.xaxis.get_label_position() == "top" and ax.get_xlabel() == "Stage"
    assert ax.get_ylabel() == "Channel"
    assert ax.get_xticklabels()[0].get_rotation() == 0


def test_a_tilted_heatmap_turns_its_column_names():
    ax = axes((6, 3))
    values = pd.DataFrame([[1.0]], index=["TP01"], columns=["TP02"])
    kit.heatmap(ax, values, values.map(str), "To", "From", tilt=True)
    assert ax.get_xticklabels()[0].get_rotation() == 50
    assert ax.texts[0].get_fontsize() == 8


def test_count_rate_texts_write_counts_over_rates():
    counts = pd.DataFrame([[10, 1500], [0, np.nan]], index=["Web", "Phone"],
                          columns=["Web", "Phone"])
    rates = pd.DataFrame([[0.1, 0.25], [np.nan, 0.5]], index=counts.index,
                         columns=counts.columns)
    kept, words = kit.count_rate_texts(counts, rates, "en")
    assert kept.equals(counts)
    assert words.to_numpy().tolist() == [["10\n10%", "1.5k\n25%"], ["", ""]]  # none for 0
    blanked, words = kit.count_rate_texts(counts, rates, "fr", blank_diagonal=True)
    assert np.isnan(blanked.loc["Web", "Web"]) and blanked.loc["Web", "Phone"] == 1500
    assert words.to_numpy().tolist() == [["", "1,5 k\n25\u202f%"], ["", ""]]


def test_count_rate_texts_without_a_rate_write_the_count_alone():
    counts = pd.DataFrame([[7.0]], index=["a"], columns=["b"])
    _, words = kit.count_rate_texts(counts, pd.DataFrame([[np.nan]], index=["a"],
                                                          columns=["b"]), "en")
    assert words.loc["a", "b"] == "7"


def test_funnel_labels_inside_wide_bars_beside_narrow_ones_and_the_worst_drop_in_red():
    ax = axes((6, 2))
    ax.set(xlim=(0, 1000), ylim=(1.5, -0.5))
    kit.funnel_labels(ax, np.array([1000.0, 40.0]), np.array([1.0, 0.04]),
                      np.array([0.96, np.nan]), 0, "en")
    wide, drop, narrow, title = ax.texts
    assert (wide.get_text(), wide.get_ha(), wide.get_position()) == (
        "1,000  ·  100%", "center", (500, 0))
    assert to_hex(wide.get_color()) == "#ffffff"  # white on the red bar
    assert (narrow.get_text(), narrow.get_ha()) == ("40  ·  4%", "left")
    assert narrow.get_position() == pytest.approx((500 + 20 + 15, 1))  # right of the bar
    assert to_hex(narrow.get_color()) == INK
    assert (drop.get_text(), to_hex(drop.get_color()), drop.get_fontweight()) == (
        "−96%", BAD, "bold")
    assert drop.get_position() == (1, 0.5)  # between the two stages
    assert (title.get_text(), to_hex(title.get_color())) == ("Drop-off", MUTED)


# ---------------------------------------------------------------------------------- placement
def test_spread_moves_points_at_one_place_onto_a_small_circle():
    ax = axes()
    ax.set(xlim=(0, 10), ylim=(0, 10))
    x, y = np.array([5.0, 5.0, 5.0, 2.0]), np.array([5.0, 5.0, 5.0, 8.0])
    moved_x, moved_y = kit.spread(ax, x, y)
    assert x.tolist() == [5, 5, 5, 2] and y.tolist() == [5, 5, 5, 8]  # the inputs are kept
    assert (moved_x[3], moved_y[3]) == (2, 8)  # a point alone stays
    pixels = ax.transData.transform(np.column_stack([moved_x[:3], moved_y[:3]]))
    offsets = pixels - ax.transData.transform([(5, 5)])
    assert np.hypot(*offsets.T) == pytest.approx([6 * 100 / 72] * 3)  # 6 points away
    angles = np.degrees(np.arctan2(offsets[:, 1], offsets[:, 0]))
    assert angles == pytest.approx([90, -150, -30])  # the first above, evenly around


def test_place_labels_beside_their_points_without_covering_anything():
    ax = axes()
    ax.set(xlim=(0, 10), ylim=(0, 10))
    xs, ys = np.array([5.0, 5.2, 4.8, 5.0]), np.array([5.0, 5.1, 5.0, 4.8])
    corner = ax.text(0.99, 0.99, "Keep up", transform=ax.transAxes, ha="right", va="top")
    names = ["Checkout", "Refund", "Newsletter", "Home page"]
    kit.place_labels(ax, xs, ys, names, [corner])
    labels = ax.texts[1:]
    assert sorted(t.get_text() for t in labels) == sorted(names)
    for label in labels:  # each tied to its own point
        i = names.index(label.get_text())
        assert label.xy == (xs[i], ys[i])
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    points = ax.transData.transform(np.column_stack([xs, ys]))
    assert not [(box, p) for box in boxes for p in points if box.contains(*p)]
    assert not any(box.overlaps(corner.get_window_extent(renderer)) for box in boxes)


def test_long_lists_keep_the_first_rows_in_their_own_order_and_count_the_rest():
    import numpy as np
    import pandas as pd

    from cjm.render import chartkit as kit

    frame = pd.DataFrame({"stage": list("AAABBC"), "v": [5, 1, 3, 2, 4, 6]})
    kept, left = kit.first_rows(frame, 3, frame["v"].to_numpy())
    assert kept["v"].tolist() == [1, 3, 2] and left == 3  # the 3 smallest, in frame order
    kept, left = kit.per_group_rows(frame, 3, frame["stage"], frame["v"].to_numpy())
    assert kept["v"].tolist() == [1, 2, 6] and left == 3  # each stage's smallest first
    kept, left = kit.first_rows(frame, 10, np.zeros(6))
    assert kept is frame and left == 0  # nothing to cut


@pytest.mark.parametrize("most", [0, -1, 2.5, True, "40"])
def test_a_bad_count_is_refused_by_name(most):
    from cjm.errors import ArgumentError
    from cjm.render import charts

    with pytest.raises(ArgumentError, match=r"`most` must be a positive whole number, not "):
        charts.metric_bars(pd.DataFrame(), "csat", most=most)

"""The machinery behind the charts: checking frames, axes set-up and styling, legends,
heatmaps, and labels placed beside points without overlapping.

Private to the render layer: people import the charts from `cjm.render.charts`. Sizes are in
inches and points, like matplotlib's; colours come from `cjm.render.theme`, text measures and
number formats from `cjm.render.text`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.transforms import offset_copy

from ..errors import ArgumentError
from ..labels import label
from ..messages import tr
from .text import chars, compact, fit, pct, whole
from .theme import BAD, INK, MAIN, MUTED, SEQUENTIAL, ink_on


# ---------------------------------------------------------------------------------- frames
def n_rows(frame) -> int:
    return 0 if frame is None else len(frame)


# ---------------------------------------------------------------------------------- long lists
MOST_ROWS = 40  # a chart of one bar or point per touchpoint draws at most this many


def first_rows(frame: pd.DataFrame, most: int, *keys) -> tuple[pd.DataFrame, int]:
    """The `most` rows of `frame` that sort first on `keys` (arrays, ascending, compared in
    turn), kept in their order in `frame`, and how many were left out."""
    check_count("most", most)
    if len(frame) <= most:
        return frame, 0
    order = np.lexsort([np.asarray(key, float) for key in reversed(keys)])
    return frame.iloc[np.sort(order[:most])], len(frame) - most


def per_group_rows(frame: pd.DataFrame, most: int, groups, *keys) -> tuple[pd.DataFrame, int]:
    """`first_rows` taking the rows of each group in turn (the first of every group, then
    the second...), so that every group keeps its share; `keys` order the rows of a group."""
    check_count("most", most)
    if len(frame) <= most:
        return frame, 0
    groups = pd.Series(np.asarray(groups)).reset_index(drop=True)
    order = np.lexsort([np.asarray(key, float) for key in reversed(keys)])
    place = np.empty(len(frame), int)
    place[order] = np.arange(len(frame))
    turn = pd.Series(place).groupby(groups).rank(method="first").to_numpy()
    return first_rows(frame, most, turn, place)


def check_count(name: str, value) -> None:
    """ArgumentError unless the argument `name` is a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ArgumentError(tr("`{name}` must be a positive whole number, not {value}",
                               name=name, value=repr(value)))


def cut_text(shown: int, left_out: int, rule: str, language: str | None) -> str:
    """The note saying that only `shown` rows of `shown + left_out` are drawn, and which
    (`rule`: the key of their words); empty when none was left out."""
    if not left_out:
        return ""
    return label("rows_cut", language).format(shown=whole(shown, language),
                                              total=whole(shown + left_out, language),
                                              rule=label(rule, language))


def note_under(ax, note: str) -> None:
    """`note` (a `cut_text`, say) under the chart, as a line of its x-axis label; nothing
    when it is empty."""
    if note:
        current = ax.get_xlabel()
        ax.set_xlabel(f"{current}\n{note}" if current else note)


def floats(series) -> np.ndarray:
    return pd.to_numeric(pd.Series(series), errors="coerce").to_numpy(float, na_value=np.nan)


def flags(series) -> np.ndarray:
    return pd.Series(series).astype(object).fillna(False).astype(bool).to_numpy()


def field(row, key, missing=None):
    """`row[key]` (a number as float, else stripped text), or `missing` when absent."""
    value = row.get(key)
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return missing
    return float(value) if isinstance(value, int | float | np.number) else str(value).strip()


def ranked(frame, columns, weight, order=None, top=None) -> list[str]:
    """The names in `frame`'s `columns` (as text): the `top` with the largest total `weight`
    over those columns, in `order` (names not in it after), else largest total first."""
    totals = pd.concat([pd.Series(floats(frame[weight]), index=frame[c].astype(str).to_numpy())
                        for c in columns]).groupby(level=0, sort=False).sum()
    names = list(totals.sort_values(ascending=False, kind="stable").index[:top])
    rank = {str(n): i for i, n in enumerate(order if order is not None else names)}
    return sorted(names, key=lambda n: rank.get(n, len(rank)))


def square(frame, source, target, value, names, how="sum") -> pd.DataFrame:
    """`value` per (`source`, `target`) pair, `names` down and across, NaN for no pair."""
    table = pd.DataFrame({"s": frame[source].astype(str).to_numpy(), "v": floats(frame[value]),
                          "t": frame[target].astype(str).to_numpy()})
    table = table.pivot_table(index="s", columns="t", values="v", aggfunc=how)
    return table.reindex(index=names, columns=names).rename_axis(index=None, columns=None)


def check_choice(name, given, allowed):
    """ValueError naming the values of `given` that are not `allowed`."""
    wrong = list(dict.fromkeys(v for v in given if v not in allowed))
    if wrong:
        allowed = [repr(a) for a in allowed]
        if len(allowed) == 2:
            expected = tr("{first} or {second}", first=allowed[0], second=allowed[1])
        else:
            expected = tr("one of {values}", values=", ".join(allowed))
        raise ArgumentError(tr("`{name}` must be {expected}, not {wrong}", name=name,
                               expected=expected, wrong=", ".join(map(repr, wrong))))


# ---------------------------------------------------------------------------------- axes
NO_DATA = {"ha": "center", "va": "center", "fontsize": 12, "color": MUTED, "style": "italic"}


def set_title(ax, text):
    """The chart's title, at the top left."""
    ax.set_title(text, loc="left", fontsize=12, fontweight="bold", color=INK, pad=12)


def begin(frame, columns, function, ax, size, title, language, numbers=(), keep=None):
    """Check `frame`'s columns, get the Axes (a new figure of `size` inches if None), title it.

    Returns the Axes and the rows to draw: those where the `numbers` columns hold numbers and
    `keep(frame)` is true, or None, after writing "no data yet", when there are none."""
    empty = frame is None or len(frame) == 0 or frame.shape[1] == 0
    if not empty and (missing := [c for c in columns if c not in frame.columns]):
        raise ArgumentError(tr("{function}() expected a frame with columns {columns}; got "
                               "{found} (missing {missing})", function=function,
                               columns=", ".join(columns),
                               found=", ".join(map(str, frame.columns)),
                               missing=", ".join(missing)))
    if not empty:
        rows = np.array(keep(frame) if keep else np.ones(len(frame)), bool)
        for column in numbers:
            rows &= ~np.isnan(floats(frame[column]))
        frame = frame[rows]
    empty = empty or frame.empty
    if ax is None:  # `size` may be a function of the rows to draw (None when there are none)
        size = size(None if empty else frame) if callable(size) else size
        _, ax = plt.subplots(figsize=size, layout="constrained")
    set_title(ax, title)
    if empty:
        ax.text(0.5, 0.5, label("no_data", language), transform=ax.transAxes, **NO_DATA)
        ax.set(xticks=[], yticks=[])
        ax.spines[:].set_visible(False)
        return ax, None
    return ax, frame


def begin_matrix(matrix, ax, title, language):
    """`begin` for a heatmap: a figure sized by the matrix, its values as floats."""
    rows, columns = (0, 0) if matrix is None else matrix.shape
    ax, matrix = begin(matrix, [], "", ax, (max(5.0, 0.95 * columns + 2.6),
                                            max(2.5, 0.38 * rows + 1.4)), title, language)
    return ax, None if matrix is None else matrix.apply(floats)


def begin_square(frame, columns, function, ax, title, language, pair, value, *, order=None,
                 top=None, keep=None, cell=(0.95, 0.42), tilt=False):
    """`begin` for a from x to heatmap: `value` summed per `pair` (the from and to columns) of
    the rows kept, the same names down and across (see `ranked`), in a figure of `cell` inches
    per name (smaller with `tilt`ed names). Returns the Axes, the matrix and the rows (both
    None when there is no data)."""
    def names(rows):
        return ranked(rows, pair, value, order, top)

    def size(rows):
        n = 0 if rows is None else len(names(rows))
        (width, height), margin = ((0.48, 0.34), 3) if tilt else (cell, 0)
        return max(5.0, width * n + 2.6 + margin), max(2.5, height * n + 1.4 + margin)

    ax, rows = begin(frame, columns, function, ax, size, title, language, [value], keep)
    if rows is None:
        return ax, None, None
    return ax, square(rows, *pair, value, names(rows)), rows


def style(ax, grid):
    """Light spines on the left and bottom only, muted ticks, a light `grid` ("x", "y")."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#bbbbbb")
    ax.tick_params(colors=MUTED, labelcolor=INK, labelsize=9)
    ax.xaxis.label.set(color=INK, fontsize=9.5)
    ax.yaxis.label.set(fontsize=9.5)
    if grid:
        ax.grid(axis=grid, color="#e4e4e4", lw=0.8)
        ax.set_axisbelow(True)
    return ax


def beside(ax, points):
    """Transform for text `points` to the right of the axes (x = 1) at a data y."""
    return offset_copy(ax.get_yaxis_transform(), fig=ax.figure, x=points, units="points")


def legend_below(ax, handles, columns):
    """A frameless legend centred under the axes, a fixed distance below its tick labels."""
    labelled = ax.get_xlabel() and ax.xaxis.get_label_position() == "bottom"
    ticked = len(ax.get_xticks()) and ax.xaxis.get_ticks_position() != "top"
    below = offset_copy(ax.transAxes, fig=ax.figure, units="points",
                        y=-8 - 18 * bool(ticked) - 18 * bool(labelled))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=columns,
              bbox_transform=below, frameon=False, fontsize=8.5, handlelength=1.4,
              columnspacing=1.2)


def heatmap(ax, values, texts, xlabel, ylabel, norm=None, tilt=False):
    """Annotated cells, light to dark blue, stage names on top (`tilt`ed for long names)."""
    sns.heatmap(values, ax=ax, cmap=SEQUENTIAL, norm=norm, vmin=None if norm else 0,
                vmax=None if norm else max(np.nanmax(values.to_numpy(), initial=0), 4),
                annot=texts.to_numpy(), fmt="", cbar=False, linewidths=2, linecolor="white",
                annot_kws={"fontsize": 8 if tilt else 9})
    ax.set_xticklabels([fit(c, 1.8 if tilt else 1.0, 9) for c in values.columns],
                       rotation=50 if tilt else 0, ha="left" if tilt else "center",
                       rotation_mode="anchor")
    ax.set_yticklabels([fit(i, 2.2, 9) for i in values.index], rotation=0)
    ax.set_xlabel(xlabel, fontsize=9.5, color=INK, labelpad=8)
    ax.set_ylabel(ylabel, fontsize=9.5, color=INK)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0, labelsize=9, labelcolor=INK)


def count_rate_texts(counts, rates, language, blank_diagonal=False):
    """Cell texts "1.2k" over "12%" (none where the count is missing or zero); with
    `blank_diagonal`, the diagonal's counts become NaN and its texts empty. Returns both."""
    if blank_diagonal:
        counts = counts.mask(np.eye(len(counts), dtype=bool))
    texts = [[compact(n, language) + ("" if np.isnan(r) else "\n" + pct(r, language))
              if n > 0 else "" for n, r in zip(row, rates_row, strict=True)]
             for row, rates_row in zip(counts.fillna(0).to_numpy(), rates.to_numpy(),
                                       strict=True)]
    return counts, pd.DataFrame(texts, index=counts.index, columns=counts.columns)


def funnel_labels(ax, customers, shares, drops, worst, language):
    """Each funnel bar's count and share (inside when it fits, else beside) and, right of the
    axes, the drop-off between each stage and the next (the `worst` in red)."""
    widest = customers.max() or 1
    inches = ax.get_window_extent().width / ax.figure.dpi / widest  # per customer
    for i, (count, share) in enumerate(zip(customers, shares, strict=True)):
        text = whole(count, language) + ("" if np.isnan(share) else "  ·  " + pct(share, language))
        inside = len(text) + 2 <= chars(count * inches, 9)
        ax.text(widest / 2 + (0 if inside else count / 2 + widest * 0.015), i, text, fontsize=9,
                ha="center" if inside else "left", va="center", fontweight="bold",
                color=ink_on(BAD if i == worst else MAIN) if inside else INK)
        if i < len(customers) - 1 and not np.isnan(drops[i]):
            ax.text(1, i + 0.5, "−" + pct(drops[i], language), transform=beside(ax, 8),
                    va="center", fontsize=9, color=BAD if i == worst else MUTED,
                    fontweight="bold" if i == worst else "normal")
    ax.text(1, -0.5, label("drop_off", language), transform=beside(ax, 8), va="bottom",
            fontsize=8.5, color=MUTED)


# ---------------------------------------------------------------------------------- placement
def spread(ax, x, y):
    """Points at the same place moved onto a small circle around it, so that each shows."""
    ax.figure.draw_without_rendering()  # apply the layout: pixel positions are now final
    x, y = x.copy(), y.copy()
    for same in pd.DataFrame({"x": x, "y": y}).groupby(["x", "y"]).indices.values():
        if len(same) > 1:
            angle = np.pi / 2 + 2 * np.pi * np.arange(len(same)) / len(same)
            radius = 6 * ax.figure.dpi / 72 * max(1, len(same) / 6)
            points = ax.transData.transform(np.column_stack([x[same], y[same]]))
            points += radius * np.column_stack([np.cos(angle), np.sin(angle)])
            x[same], y[same] = ax.transData.inverted().transform(points).T
    return x, y


def place_labels(ax, xs, ys, texts, avoid, fontsize=8):
    """Label each point beside it: of the positions tried, nearest first, keep the first whose
    box and leader line cross no point, no earlier label or leader and no artist in `avoid`;
    if none is free, the one that overlaps least."""
    fig = ax.figure
    fig.draw_without_rendering()
    renderer, scale = fig.canvas.get_renderer(), fig.dpi / 72
    frame = ax.get_window_extent(renderer).extents
    points = ax.transData.transform(np.column_stack([xs, ys]))
    taken = np.vstack([np.hstack([points - 4.5 * scale, points + 4.5 * scale]),
                       *[a.get_window_extent(renderer).padded(2).extents for a in avoid]])
    crowd = (np.hypot(*(points[:, None] - points[None]).transpose(2, 0, 1)) < 60 * scale).sum(1)
    for i in np.argsort(-crowd, kind="stable"):  # crowded points first: they have fewer places
        probe = ax.text(0, 0, texts[i], fontsize=fontsize)
        size = probe.get_window_extent(renderer).size + 2 * scale
        probe.remove()
        best = None
        for distance in (7, 13, 22, 34, 50, 70):
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
                offset = np.array([dx * (0.8 if dy else 1), dy * (0.6 if dx else 1)]) * distance
                anchor = points[i] + offset * scale
                corner = anchor - size * (1 - np.array([dx, dy])) / 2
                box = np.hstack([corner, corner + size])
                leader = anchor + np.linspace(0.05, 1 - 6 / distance, 6)[:, None] * (
                    points[i] - anchor)
                cost = (4 * _overlap(box, taken) + 10 * _overlap(box, frame, outside=True)
                        + 40 * scale**2 * _inside(leader, taken) * (distance > 7))
                if best is None or cost < best[0]:
                    best = (cost, box, offset, dx, dy, leader, distance)
            if best[0] == 0:
                break
        _, box, offset, dx, dy, leader, distance = best
        arrow = {"arrowstyle": "-", "color": "#9a9a9a", "lw": 0.6, "shrinkA": 1, "shrinkB": 4}
        ax.annotate(texts[i], (xs[i], ys[i]), xytext=offset, textcoords="offset points",
                    ha=("right", "center", "left")[dx + 1], va=("top", "center", "bottom")[dy + 1],
                    fontsize=fontsize, color=INK, zorder=5,
                    arrowprops=arrow if distance > 7 else None,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75})
        taken = np.vstack([taken, box + [-1, -1, 1, 1]]
                          + ([np.hstack([leader - 1.5, leader + 1.5])] if distance > 7 else []))


def _overlap(box, boxes, outside=False) -> float:
    """Area of `box` (x0, y0, x1, y1) inside `boxes` (one or a stack), or outside `boxes`."""
    boxes = np.atleast_2d(boxes)
    width = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    height = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    inside = float((np.clip(width, 0, None) * np.clip(height, 0, None)).sum())
    return (box[2] - box[0]) * (box[3] - box[1]) - inside if outside else inside


def _inside(samples, boxes) -> int:
    """How many of the points `samples` fall inside one of `boxes`."""
    x, y = samples[:, :1], samples[:, 1:]
    return int(((x > boxes[:, 0]) & (x < boxes[:, 2]) & (y > boxes[:, 1]) & (y < boxes[:, 3]))
               .any(axis=1).sum())

"""Steps 5 and 6 charts: importance-performance, priorities, and what changed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do
from ..steps.prioritisation import IPA_NAMED, ipa_first
from ..steps.review import ALPHA, MIN_DELTA, MIN_RESPONSES
from . import chartkit as kit
from .text import fit, num, signed, whole
from .theme import (
    INK,
    MUTED,
    NEUTRAL,
    PRIORITY_COLORS,
    QUADRANT_COLORS,
    STATUS_COLORS,
    drawing,
)

COMPONENTS = PRIORITY_COLORS


@drawing
def ipa_chart(ipa: pd.DataFrame, *, importance_split: float, satisfaction_split: float, ax=None,
              language: str | None = None, label: str = "name", most: int = IPA_NAMED):
    """Importance (x) against satisfaction (y), split at the given values into the four
    quadrants (named in the corners), points coloured by quadrant and labelled, moments of
    truth as diamonds. Points at the same place are spread slightly so that each shows. Of
    more than `most` points, every point is drawn and `most` are named: "concentrate here"
    first, then "possible overkill", "keep up the good work" and "low priority", each the
    farthest from the crosshair first; a note says so."""
    kit.check_count("most", most)
    ax, data = kit.begin(ipa, ["importance", "satisfaction", "quadrant", "moment_of_truth", label],
                         "ipa_chart", ax, (9, 7), word("ipa", language), language,
                         ["importance", "satisfaction"])
    if data is None:
        return ax
    kit.check_choice("quadrant", data["quadrant"].astype(str), QUADRANT_COLORS)
    x, y = kit.floats(data["importance"]), kit.floats(data["satisfaction"])
    moments, colors = kit.flags(data["moment_of_truth"]), data["quadrant"].map(QUADRANT_COLORS)
    for axis, values, split in (("x", x, importance_split), ("y", y, satisfaction_split)):
        low, high = min(values.min(), split), max(values.max(), split)
        pad = max(high - low, 1) * 0.2
        getattr(ax, f"set_{axis}lim")(low - pad, high + pad)
    lines = [ax.axvline(importance_split, color=MUTED, lw=1, ls="--", zorder=1),
             ax.axhline(satisfaction_split, color=MUTED, lw=1, ls="--", zorder=1)]
    ax.set(xlabel=word("importance", language), ylabel=word("satisfaction", language))
    kit.style(ax, None)
    x, y = kit.spread(ax, x, y)
    for marker, size, chosen in (("o", 50, ~moments), ("D", 62, moments)):
        ax.scatter(x[chosen], y[chosen], c=list(colors[chosen]), marker=marker, s=size,
                   edgecolors=INK if marker == "D" else "white", linewidths=1, zorder=3)
    corners = [ax.text(cx, cy, word(key, language), transform=ax.transAxes, ha=ha, va=va,
                       fontsize=9.5, fontweight="bold", color=QUADRANT_COLORS[key])
               for key, cx, cy, ha, va in (("possible_overkill", 0.01, 0.99, "left", "top"),
                                           ("keep_up", 0.99, 0.99, "right", "top"),
                                           ("low_priority", 0.01, 0.01, "left", "bottom"),
                                           ("concentrate_here", 0.99, 0.01, "right", "bottom"))]
    chosen, left_out = ipa_first(data["quadrant"], x, y, importance_split, satisfaction_split,
                                 most)
    kit.place_labels(ax, x[chosen], y[chosen],
                     [fit(n, 1.7, 8) for n in data[label].astype(str).to_numpy()[chosen]],
                     corners + lines)
    if left_out:
        kit.note_under(ax, word("names_cut", language).format(
            shown=whole(len(chosen), language), total=whole(len(x), language)))
    if moments.any():
        kit.legend_below(ax, [Line2D([], [], marker="D", ls="", color=NEUTRAL, mec=INK,
                                     label=word("moment_of_truth", language))], 1)
    return ax


@drawing
def priority_bars(priorities: pd.DataFrame, *, top: int = 15, ax=None, language: str | None = None):
    """The `top` touchpoints by priority (0-100), highest at the top, each bar split into the
    weighted components of the score (gap, importance, reach, moment of truth, effort)."""
    kit.check_count("top", top)
    ax, data = kit.begin(priorities, ["name", "priority", *COMPONENTS], "priority_bars", ax,
                         (7.5, 0.38 * min(kit.n_rows(priorities), top) + 1.6),
                         word("priority_score", language), language, ["priority"])
    if data is None:
        return ax
    data = data.assign(_p=kit.floats(data["priority"])).nlargest(top, "_p", keep="first")
    y, left = np.arange(len(data))[::-1], np.zeros(len(data))
    for column, (key, color) in COMPONENTS.items():
        width = np.nan_to_num(kit.floats(data[column])) * 100
        ax.barh(y, width, left=left, color=color, height=0.65, label=word(key, language),
                edgecolor="white", linewidth=0.6)
        left += width
    for yi, end, priority in zip(y, left, data["_p"], strict=True):
        ax.text(end + 1, yi, num(priority, 0, language), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
    ax.set(yticks=y, xlim=(0, max(left.max() * 1.1, 10)), ylim=(-0.6, len(y) - 0.4),
           xlabel=f"{word('priority_score', language)} (0-100)")
    ax.set_yticklabels([fit(n, 2.4, 9) for n in data["name"].astype(str)])
    kit.legend_below(ax, ax.get_legend_handles_labels()[0], 5)
    return kit.style(ax, "x")


@drawing
def change_chart(comparison: pd.DataFrame, *, ax=None, language: str | None = None,
                 min_delta: float = MIN_DELTA, alpha: float = ALPHA,
                 min_responses: int = MIN_RESPONSES, most: int = kit.MOST_ROWS):
    """Satisfaction before (hollow) and after (filled) per touchpoint, coloured by status and
    sorted by change, biggest gain first, the change written beside with what decided it
    (column `basis`: the survey's CSAT change, from `csat_delta`, or the workshop's
    satisfaction change); new touchpoints show only the after point,
    retired ones only the before point, unscored ones none. A note under the chart states the
    rule (`min_delta`, `alpha` and `min_responses` as given to
    `cjm.steps.review.compare_touchpoints`). Of more than `most` touchpoints, those that
    improved or worsened come first, then new and retired ones, the biggest changes first;
    the note says how many are drawn."""
    kit.check_count("most", most)
    ax, data = kit.begin(comparison, ["name", "satisfaction_before", "satisfaction_after",
                                      "status"], "change_chart", ax,
                         (7.5, 0.34 * min(kit.n_rows(comparison), most) + 2.0),
                         word("change", language), language)
    if data is None:
        return ax
    status = data["status"].astype(str).to_numpy()
    kit.check_choice("status", status, STATUS_COLORS)
    change = np.abs(kit.floats(data["satisfaction_after"])
                    - kit.floats(data["satisfaction_before"]))
    weight = np.select([np.isin(status, ("improved", "worsened")),
                        np.isin(status, ("new", "retired")), status == "stable"], [0, 1, 2], 3)
    data, left_out = kit.first_rows(data, most, weight, -np.nan_to_num(change, nan=-1.0))
    status = data["status"].astype(str).to_numpy()
    basis = (data["basis"].astype(object).where(data["basis"].notna(), "").astype(str).to_numpy()
             if "basis" in data else np.full(len(data), ""))
    csat = kit.floats(data["csat_delta"]) if "csat_delta" in data else np.full(len(data), np.nan)
    before, after = kit.floats(data["satisfaction_before"]), kit.floats(data["satisfaction_after"])
    group = np.select([status == "new", status == "retired", status == "unscored"], [1, 2, 3], 0)
    order = np.lexsort((-np.nan_to_num(after - before, nan=-np.inf), group))
    before, after, status, basis = before[order], after[order], status[order], basis[order]
    csat = csat[order]
    y, colors = np.arange(len(order))[::-1], np.array([STATUS_COLORS[s] for s in status])
    both, had, has = ~np.isnan(before) & ~np.isnan(after), ~np.isnan(before), ~np.isnan(after)
    ax.hlines(y[both], before[both], after[both], color="#d5d5d5", lw=2.5, zorder=1)
    ax.scatter(before[had], y[had], s=42, facecolors="white", zorder=2, linewidths=1.4,
               edgecolors=np.where(status[had] == "retired", colors[had], MUTED))
    ax.scatter(after[has], y[has], s=48, c=list(colors[has]), zorder=3)
    for yi, b, a, s, why, c in zip(y, before, after, status, basis, csat, strict=True):
        if s in ("new", "retired", "unscored"):
            text = word(s, language)
        elif why == "survey" and not np.isnan(c):  # the survey decided: show its change
            text = (f"CSAT {signed(100 * c, language, 0)} {word('points', language)} "
                    f"({word('basis_survey', language)})")
        elif np.isnan(a - b):
            text = word(s, language)
        else:
            text = signed(a - b, language)
            if s in ("improved", "worsened") and why in ("survey", "workshop"):
                text += f" ({word(f'basis_{why}', language)})"
        ax.text(1, yi, text, transform=kit.beside(ax, 6), va="center", fontsize=8.5,
                color=STATUS_COLORS[s], fontweight="bold")
    ax.set(yticks=y, ylim=(-0.6, len(y) - 0.4), xlabel=word("satisfaction", language))
    ax.set_yticklabels([fit(n, 2.4, 9) for n in data["name"].astype(str).to_numpy()[order]])
    handles = [Line2D([], [], marker="o", ls="", mfc=mfc, mec=MUTED, label=word(key, language))
               for key, mfc in (("before", "white"), ("after", MUTED))]
    handles += [Patch(color=STATUS_COLORS[s], label=word(s, language))
                for s in STATUS_COLORS if s in set(status)]
    kit.legend_below(ax, handles, 7)
    rule = word("change_rule", language).format(
        alpha=num(alpha, 2, language), n=min_responses,
        delta=num(min_delta, 1, language))
    if left_out:
        rule += "\n" + kit.cut_text(len(data), left_out, "cut_changes", language)
    ax.annotate(rule, (0, 0), xycoords="axes fraction", xytext=(0, -62),
                textcoords="offset points", fontsize=7.5, color=MUTED, va="top", wrap=True)
    return kit.style(ax, "x")

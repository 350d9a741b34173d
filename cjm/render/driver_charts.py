"""Key driver charts: the weights with their intervals, stated against derived importance,
and how customers who meet each touchpoint go on (`cjm.steps.drivers`, `cjm.events.progress`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..labels import label as word
from . import chartkit as kit
from .text import fit, pct, signed, whole
from .theme import BAD, DRIVER_COLORS, GOOD, INK, MAIN, MUTED, NEUTRAL, drawing


@drawing
def driver_bars(drivers, *, outcome: str = "nps", ax=None, language: str | None = None,
                most: int = kit.MOST_ROWS):
    """The ranked touchpoints' weights (% of the outcome's differences each accounts for),
    strongest on top, with their 95 % intervals; `drivers` is a `KeyDrivers` (its outcome,
    respondents and R² are said under the chart) or its frame. Touchpoints listed but not
    ranked are named under the chart with the reason. Of more than `most` ranked, the
    strongest `most` are drawn, and a note says so."""
    kit.check_count("most", most)
    summary = drivers if hasattr(drivers, "frame") else None
    frame = summary.frame if summary is not None else drivers
    outcome = summary.outcome if summary is not None else outcome
    outcome_word = word(f"outcome_{outcome}", language)

    def ranked(rows):
        return (rows["status"].astype(str) == "ranked").to_numpy()

    ax, data = kit.begin(frame, ["name", "weight", "low", "high", "status", "n"], "driver_bars",
                         ax, lambda rows: (8.0, 0.36 * min(kit.n_rows(rows), most) + 2.2),
                         word(f"key_drivers_{outcome}", language), language,
                         ["weight"], keep=ranked)
    notes = []
    if frame is not None and len(frame):
        unranked = frame[frame["status"].astype(str) != "ranked"]
        if len(unranked):
            names = ", ".join(f"{fit(row.name, 2.2, 8)} "
                              f"({word('driver_status_' + str(row.status), language)}, "
                              f"n={whole(row.n, language)})"
                              for row in unranked.head(6).itertuples(index=False))
            more = len(unranked) - 6
            notes.append(word("drivers_unranked", language).format(
                names=names + (f" +{whole(more, language)}" if more > 0 else "")))
    if data is None:
        if notes:
            ax.text(0.5, 0.3, "\n".join(notes), transform=ax.transAxes, ha="center",
                    fontsize=8, color=MUTED, style="italic")
        return ax
    data = data.sort_values("weight", ascending=False, kind="stable")
    data, left_out = data.head(most), max(len(data) - most, 0)
    y = np.arange(len(data))[::-1]
    value = kit.floats(data["weight"]) * 100
    low, high = kit.floats(data["low"]) * 100, kit.floats(data["high"]) * 100
    has_interval = ~np.isnan(low)
    ax.barh(y, value, height=0.62, color=MAIN)
    if has_interval.any():
        ax.errorbar(value[has_interval], y[has_interval],
                    xerr=[value[has_interval] - low[has_interval],
                          high[has_interval] - value[has_interval]],
                    fmt="none", ecolor=INK, elinewidth=1, capsize=2.5)
    for yi, v, n in zip(y, value, kit.floats(data["n"]), strict=True):
        ax.text(1, yi, pct(v / 100, language, 1), transform=kit.beside(ax, 6), va="center",
                fontsize=8.5, fontweight="bold", color=INK)
        ax.text(1, yi, f"n={whole(n, language)}", transform=kit.beside(ax, 46), va="center",
                fontsize=8.5, color=MUTED)
    top = np.nanmax(np.concatenate([value, high[has_interval]])) if len(value) else 1
    ax.set(yticks=y, ylim=(-0.6, len(y) - 0.4), xlim=(0, max(top * 1.08, 1)),
           xlabel=word("weight_axis", language).format(outcome=outcome_word)
           + word("ci_note", language))
    ax.set_yticklabels([fit(n, 2.4, 9) for n in data["name"].astype(str)])
    ax.xaxis.set_major_formatter(lambda v, _: _percent(v, language))
    if summary is not None and summary.available:
        notes.insert(0, word("drivers_note", language).format(
            respondents=whole(summary.respondents, language), r2=pct(summary.r2, language),
            low=pct(summary.r2_low, language), high=pct(summary.r2_high, language)))
    notes.append(kit.cut_text(len(data), left_out, "cut_weakest", language))
    for note in notes:
        kit.note_under(ax, note)
    return kit.style(ax, "x")


@drawing
def stated_derived_chart(comparison: pd.DataFrame, *, stated_split: float | None = None,
                         derived_split: float | None = None, ax=None,
                         language: str | None = None, most: int = 30):
    """Stated importance (x, the workshop's) against derived importance (y, the key driver
    weight, %), split into the four quadrants (named in the corners): key drivers, hidden
    drivers (matter more than the room thinks), overrated, secondary; points coloured by
    quadrant, the `most` farthest from the crosshair named. The splits default to those
    `cjm.steps.drivers.stated_vs_derived` recorded in the frame."""
    kit.check_count("most", most)
    ax, data = kit.begin(comparison, ["name", "stated", "weight", "quadrant"],
                         "stated_derived_chart", ax, (8.5, 6.5),
                         word("stated_vs_derived", language), language, ["stated", "weight"])
    if data is None:
        return ax
    kit.check_choice("quadrant", data["quadrant"].astype(str), DRIVER_COLORS)
    attrs = getattr(comparison, "attrs", {})
    stated_split = attrs.get("stated_split") if stated_split is None else stated_split
    derived_split = attrs.get("derived_split") if derived_split is None else derived_split
    x, y = kit.floats(data["stated"]), kit.floats(data["weight"]) * 100
    stated_split = float(np.mean(x)) if stated_split is None else float(stated_split)
    derived_split = float(np.mean(y)) if derived_split is None else float(derived_split) * 100
    colors = data["quadrant"].astype(str).map(DRIVER_COLORS)
    ax.set_xlim(min(x.min(), stated_split) - 0.5, max(x.max(), stated_split) + 0.5)
    ax.set_ylim(0, max(y.max(), derived_split) * 1.2 + 0.5)
    lines = [ax.axvline(stated_split, color=MUTED, lw=1, ls="--", zorder=1),
             ax.axhline(derived_split, color=MUTED, lw=1, ls="--", zorder=1)]
    ax.set(xlabel=word("stated_axis", language), ylabel=word("derived_axis", language))
    ax.yaxis.set_major_formatter(lambda v, _: _percent(v, language))
    kit.style(ax, None)
    x, y = kit.spread(ax, x, y)
    ax.scatter(x, y, c=list(colors), s=55, edgecolors="white", linewidths=1, zorder=3)
    corners = [ax.text(cx, cy, word(f"driver_{key}", language), transform=ax.transAxes, ha=ha,
                       va=va, fontsize=9.5, fontweight="bold", color=DRIVER_COLORS[key])
               for key, cx, cy, ha, va in (("hidden", 0.01, 0.99, "left", "top"),
                                           ("key", 0.99, 0.99, "right", "top"),
                                           ("secondary", 0.01, 0.01, "left", "bottom"),
                                           ("overrated", 0.99, 0.01, "right", "bottom"))]
    spans = [max(np.ptp(v), 1e-9) for v in (x, y)]
    distance = np.hypot((x - stated_split) / spans[0], (y - derived_split) / spans[1])
    named, left_out = kit.first_rows(pd.DataFrame({"i": np.arange(len(x))}), most, -distance)
    chosen = named["i"].to_numpy()
    kit.place_labels(ax, x[chosen], y[chosen],
                     [fit(n, 1.7, 8) for n in data["name"].astype(str).to_numpy()[chosen]],
                     corners + lines)
    if left_out:
        kit.note_under(ax, word("names_cut", language).format(
            shown=whole(len(chosen), language), total=whole(len(x), language)))
    return ax


@drawing
def behaviour_chart(behaviour: pd.DataFrame, *, ax=None, language: str | None = None,
                    most: int = kit.MOST_ROWS):
    """Per compared touchpoint, how much more (or less) often customers who meet it go on to
    a later stage than comparable customers who do not (points, with 95 % intervals): red
    when meeting it goes with leaving, green when it goes with going on. Of more than `most`,
    the largest differences are drawn. The caveat (association, not cause) is under the
    chart."""
    kit.check_count("most", most)

    def compared(rows):
        return (rows["status"].astype(str) == "compared").to_numpy()

    ax, data = kit.begin(behaviour, ["name", "progress_diff", "progress_low", "progress_high",
                                     "flag", "status", "customers_met"], "behaviour_chart", ax,
                         lambda rows: (8.0, 0.36 * min(kit.n_rows(rows), most) + 2.2),
                         word("behaviour_title", language), language, ["progress_diff"],
                         keep=compared)
    if data is None:
        return ax
    size = np.abs(kit.floats(data["progress_diff"]))
    data, left_out = kit.first_rows(data, most, -size)
    data = data.sort_values("progress_diff", kind="stable")
    y = np.arange(len(data))
    value = kit.floats(data["progress_diff"]) * 100
    low = kit.floats(data["progress_low"]) * 100
    high = kit.floats(data["progress_high"]) * 100
    colors = [BAD if flag == "goes_with_leaving" else GOOD if flag == "goes_with_progress"
              else NEUTRAL for flag in data["flag"].astype(str)]
    ax.barh(y, value, height=0.62, color=colors)
    ax.errorbar(value, y, xerr=np.nan_to_num([value - low, high - value]), fmt="none",
                ecolor=INK, elinewidth=1, capsize=2.5)
    ax.axvline(0, color=MUTED, lw=0.9)
    for yi, v, n in zip(y, value, kit.floats(data["customers_met"]), strict=True):
        ax.text(1, yi, signed(v, language, 0), transform=kit.beside(ax, 6), va="center",
                fontsize=8.5, fontweight="bold", color=INK)
        ax.text(1, yi, f"n={whole(n, language)}", transform=kit.beside(ax, 40), va="center",
                fontsize=8.5, color=MUTED)
    reach = max(np.nanmax(np.abs(np.concatenate([low, high]))), 5)
    ax.set(yticks=y, ylim=(-0.6, len(y) - 0.4), xlim=(-reach * 1.1, reach * 1.1),
           xlabel=word("behaviour_axis", language) + word("ci_note", language))
    ax.set_yticklabels([fit(n, 2.4, 9) for n in data["name"].astype(str)])
    kit.note_under(ax, kit.cut_text(len(data), left_out, "cut_changes", language))
    kit.note_under(ax, word("behaviour_caveat", language))
    handles = [Patch(color=BAD, label=word("goes_with_leaving", language)),
               Patch(color=GOOD, label=word("goes_with_progress", language))]
    kit.legend_below(ax, handles, 2)
    return kit.style(ax, "x")


def _percent(value: float, language: str | None) -> str:
    """A tick of a percent axis (value in %): whole when it is, else with one decimal."""
    return pct(value / 100, language, 0 if float(value).is_integer() else 1)

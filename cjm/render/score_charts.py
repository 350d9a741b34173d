"""Step 4 charts: the emotion curve, scores by stage, and survey metrics with their
intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..errors import ArgumentError
from ..labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do
from ..messages import tr
from . import chartkit as kit
from .text import fit, num, pct, signed, whole
from .theme import (
    BAD,
    EASE,
    GOOD,
    INK,
    LIGHT,
    MAIN,
    MUTED,
    UNSCORED_INK,
    drawing,
    sentiment,
)

METRICS = {"csat": "n_csat", "ces_easy": "n_ces", "nps": "n_nps"}  # metric -> its n column


# ---------------------------------------------------------------------------------- scores
@drawing
def emotion_curve(scores: pd.DataFrame, *, stages: list[str], persona: str | None = None,
                  scale=(-2, 2), ax=None, language: str | None = None,
                  most: int = kit.MOST_ROWS):
    """The emotion at each touchpoint, in stage order then row order: a line through the
    scored points (a gap where emotion is missing), points coloured by sentiment (below or
    above the middle of `scale`, the project's emotion scale), moments of truth ringed (and
    named in bold), one band per stage; unscored names are greyed. `persona`: a name for the
    title. At most `most` touchpoints are drawn, each stage taking its turn: its moments of
    truth, then its strongest emotions; a note under the chart says so."""
    low_end, high_end = (int(v) for v in scale)
    if low_end >= high_end:
        raise ArgumentError(tr("`scale` must be (lowest, highest), not {scale}",
                               scale=repr(scale)))
    title = word("emotion_curve", language) + (f" – {persona}" if persona else "")
    kit.check_count("most", most)
    ax, data = kit.begin(scores, ["stage", "name", "emotion", "moment_of_truth"], "emotion_curve",
                         ax, (max(7.0, 0.34 * min(kit.n_rows(scores), most) + 1.6), 4.8), title,
                         language)
    if data is None:
        return ax
    stage = data["stage"].astype(str)
    if unknown := sorted(set(stage) - {str(s) for s in stages}):
        raise ArgumentError(tr("every stage of the scores must be in `stages` ({stages}), "
                               "not {unknown}", stages=", ".join(map(repr, stages)),
                               unknown=", ".join(map(repr, unknown))))
    data = data.iloc[np.argsort(stage.map({str(s): i for i, s in enumerate(stages)}),
                                kind="stable")]
    neutral = (low_end + high_end) / 2
    strength = np.nan_to_num(np.abs(kit.floats(data["emotion"]) - neutral), nan=-1.0)
    data, left_out = kit.per_group_rows(data, most, data["stage"].astype(str),
                                        ~kit.flags(data["moment_of_truth"]), -strength)
    x, stage = np.arange(len(data)), data["stage"].astype(str)
    y = kit.floats(data["emotion"]) - neutral  # drawn around the middle of the scale
    moments, scored = kit.flags(data["moment_of_truth"]), ~np.isnan(kit.floats(data["emotion"]))
    half = (high_end - low_end) / 2
    unit = ax.get_window_extent().width / ax.figure.dpi / len(x)  # inches per touchpoint
    for i, name in enumerate(stage.unique()):
        where = x[(stage == name).to_numpy()]
        low, high = where.min() - 0.5, where.max() + 0.5
        if i % 2 == 0:
            ax.axvspan(low, high, color=LIGHT, lw=0, zorder=0)
        ax.text((low + high) / 2, half * 1.3, fit(name, (high - low) * unit, 9), ha="center",
                va="center", fontsize=9, fontweight="bold", color=MUTED)
    ax.axhline(0, color="#b5b5b5", lw=0.9, zorder=1)
    for where, color in ((y >= 0, GOOD), (y <= 0, BAD)):
        ax.fill_between(x, y, 0, where=where, interpolate=True, color=color, alpha=0.1, lw=0)
    ax.plot(x, y, color="#5a5a5a", lw=1.6, zorder=2)
    ax.scatter(x[scored], y[scored], c=[sentiment(v) for v in y[scored]], s=55, zorder=3,
               edgecolors="white", linewidths=0.8)
    ring = scored & moments
    ax.scatter(x[ring], y[ring], s=190, facecolors="none", edgecolors=INK, linewidths=1.3,
               zorder=4, label=word("moment_of_truth", language))
    values = np.arange(low_end, high_end + 1)
    ax.set(xlim=(-0.5, len(x) - 0.5), ylim=(-half * 1.225, half * 1.475), yticks=values - neutral,
           ylabel=word("emotion", language))
    ax.set_yticklabels([(f"{v:+d}" if low_end < 0 and v else str(v)).replace("-", "−")
                        for v in values])
    ax.set_xticks(x, [fit(n, 1.9, 8) for n in data["name"].astype(str)], rotation=50,
                  ha="right", rotation_mode="anchor", fontsize=8)
    if ring.any():
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8.5, frameon=False)
    kit.style(ax, "y")
    ax.tick_params(axis="x", length=0)
    for tick, moment, known in zip(ax.get_xticklabels(), moments, scored, strict=True):
        tick.set(fontweight="bold" if moment else "normal", color=INK if known else UNSCORED_INK)
    kit.note_under(ax, kit.cut_text(len(data), left_out, "cut_strongest", language))
    return ax


@drawing
def stage_summary(stage_scores: pd.DataFrame, *, ax=None, language: str | None = None,
                  satisfaction_scale=(1, 5), ease_scale=(1, 7)):
    """Satisfaction and ease per stage as paired bars, each on its own scale (satisfaction on
    the left axis, ease on the right, both from lowest to highest score), with the number of
    pain points above each stage. The scales are the project's (`config.scales`)."""
    ax, data = kit.begin(stage_scores, ["stage", "satisfaction", "ease", "pain_points"],
                         "stage_summary", ax, (max(6.0, 1.1 * kit.n_rows(stage_scores) + 1.8), 4.4),
                         word("stage_summary", language), language)
    if data is None:
        return ax
    (s_low, s_high), (e_low, e_high) = satisfaction_scale, ease_scale
    ratio = (s_high - s_low) / (e_high - e_low)
    x, ease = np.arange(len(data)), kit.floats(data["ease"])
    for offset, key, values, shown, color in (
            (-0.19, "satisfaction", kit.floats(data["satisfaction"]), None, MAIN),
            (0.19, "ease", s_low + (ease - e_low) * ratio, ease, EASE)):
        ax.bar(x + offset, values - s_low, bottom=s_low, width=0.36, color=color,
               label=word(key, language))
        for xi, top, number in zip(x + offset, values, values if shown is None else shown,
                                   strict=True):
            if not np.isnan(number):
                ax.text(xi, top + 0.04, num(number, 1, language), ha="center", va="bottom",
                        fontsize=8.5, color=INK)
    for xi, count in zip(x, kit.floats(data["pain_points"]), strict=True):
        if not np.isnan(count):
            ax.text(xi, s_high + 0.42, f"{count:.0f}", ha="center", va="center", fontsize=8.5,
                    fontweight="bold", color="white" if count else MUTED,
                    bbox={"boxstyle": "round,pad=0.3", "fc": BAD if count else "#ebebeb",
                          "ec": "none"})
    ax.set(xticks=x, ylim=(s_low, s_high + 0.65), yticks=range(s_low, s_high + 1))
    ax.set_xticklabels([fit(s, 1.1, 9) for s in data["stage"].astype(str)])
    ax.set_ylabel(f"{word('satisfaction', language)} ({s_low}-{s_high})", color=MAIN)
    right = ax.secondary_yaxis("right", functions=(lambda v: e_low + (v - s_low) / ratio,
                                                   lambda v: s_low + (v - e_low) * ratio))
    right.set_yticks(range(e_low, e_high + 1))
    right.set_ylabel(f"{word('ease', language)} ({e_low}-{e_high})", color="#4f7fb0")
    right.tick_params(colors=MUTED, labelcolor=INK, labelsize=9)
    right.spines["right"].set(color="#bbbbbb", bounds=(e_low, e_high))
    kit.legend_below(ax, [*ax.get_legend_handles_labels()[0],
                          Patch(fc=BAD, label=word("pain_points", language))], 3)
    kit.style(ax, "y")
    ax.spines["left"].set_bounds(s_low, s_high)
    return ax


@drawing
def metric_bars(metrics: pd.DataFrame, metric: str = "csat", *, label: str = "name", ax=None,
                language: str | None = None, most: int = kit.MOST_ROWS):
    """One horizontal bar per row for `metric` ("csat" or "ces_easy", shares shown in %, or
    "nps", -100..100), sorted by value, with its Wilson interval (`<metric>_low`,
    `<metric>_high`) and its sample size beside it ("n=", from n_csat, n_ces or n_nps).
    Rows with n = 0 are left out; rows without a `label` (answers with no persona, say) are
    not drawn, and a note under the chart counts their answers. Of more than `most` rows, the
    `most` lowest are drawn, and a note says so."""
    kit.check_choice("metric", [metric], METRICS)
    kit.check_count("most", most)
    n_column, scale = METRICS[metric], 1 if metric == "nps" else 100

    def labelled(frame):
        return frame[label].notna().to_numpy() & (frame[label].astype(str).str.strip() != "")

    ax, data = kit.begin(metrics, [label, metric, f"{metric}_low", f"{metric}_high", n_column],
                         "metric_bars", ax,
                         lambda rows: (6.5, 0.36 * min(kit.n_rows(rows), most) + 1.3),
                         word(metric, language) + ("" if metric == "nps" else " (%)"), language,
                         [metric, n_column],
                         keep=lambda frame: (kit.floats(frame[n_column]) > 0) & labelled(frame))
    if data is None:
        return ax
    unlabelled = metrics[~labelled(metrics)]
    hidden = int(np.nansum(kit.floats(unlabelled[n_column]))) if len(unlabelled) else 0
    data = data.sort_values(metric, kind="stable")
    data, left_out = data.head(most), max(len(data) - most, 0)
    notes = [word("not_shown", language).format(n=whole(hidden, language),
                                                what=word(label, language).lower())
             if hidden else "", kit.cut_text(len(data), left_out, "cut_lowest", language)]
    if any(notes):
        ax.annotate("\n".join(note for note in notes if note), (0, 0), xycoords="axes fraction",
                    xytext=(0, -44), textcoords="offset points", fontsize=8, color=MUTED,
                    style="italic", va="top")
    y, value = np.arange(len(data)), kit.floats(data[metric]) * scale
    low = kit.floats(data[f"{metric}_low"]) * scale
    high = kit.floats(data[f"{metric}_high"]) * scale
    ax.barh(y, value, height=0.62, color=[BAD if metric == "nps" and v < 0 else MAIN
                                          for v in value])
    ax.errorbar(value, y, xerr=np.nan_to_num([value - low, high - value]), fmt="none",
                ecolor=INK, elinewidth=1, capsize=2.5)
    for yi, v, n in zip(y, value, kit.floats(data[n_column]), strict=True):
        text = signed(v, language, 0) if metric == "nps" else pct(v / 100, language)
        ax.text(1, yi, text, transform=kit.beside(ax, 6), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
        ax.text(1, yi, f"n={n:.0f}", transform=kit.beside(ax, 46), va="center", fontsize=8.5,
                color=MUTED)
    ax.set(yticks=y, xlim=(-100, 100) if metric == "nps" else (0, 100), ylim=(-0.6, len(y) - 0.4),
           xlabel=word(f"{metric}_axis", language) + word("ci_note", language))
    ax.set_yticklabels([fit(n, 2.4, 9) for n in data[label].astype(str)])
    if metric == "nps":
        ax.axvline(0, color=MUTED, lw=0.9)
    else:
        ax.xaxis.set_major_formatter(lambda v, _: pct(v / 100, language))
    return kit.style(ax, "x")



"""Charts of a journey: personas, goals, touchpoints, scores, priorities and change.

Axes-level functions follow seaborn's shape: the data first, everything else by keyword, an
optional `ax=` (when omitted, a new figure sized for the data) and they return the Axes.
`persona_card` is figure-level: it builds a whole figure and refuses `ax=`. Nothing here shows
or saves a figure (`cjm.outputs.save_figure` does). An empty frame draws "no data yet".

Colours: red (bad) / grey / green (good) for sentiment, one colour per channel
(`channel_colors`), one blue for plain quantities.
"""

from __future__ import annotations

import zlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import PowerNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, Patch, Rectangle

from . import _chartkit as kit
from ._chartkit import (  # the colours, importable from here
    BAD,
    EASE,
    GAP_FILL,
    GOOD,
    INK,
    LIGHT,
    MAIN,
    MUTED,
    NEUTRAL,
    QUADRANT_COLORS,
    STATUS_COLORS,
)
from .comparison import ALPHA, MIN_DELTA, MIN_RESPONSES
from .labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do

__all__ = ["change_chart", "channel_colors", "emotion_curve", "funnel_chart", "goal_coverage",
           "ipa_chart", "metric_bars", "owners_by_stage", "persona_card", "persona_shares",
           "priority_bars", "stage_summary", "switch_matrix", "touchpoint_matrix",
           "transition_heatmap"]

COMPONENTS = {"w_gap": ("gap", "#2f5f8f"), "w_importance": ("importance", "#7fa7d4"),
              "w_reach": ("reach", "#5aae9b"), "w_moment_of_truth": ("moment_of_truth", "#e0a84f"),
              "w_effort": ("effort", "#b3b3b3")}
METRICS = {"csat": "n_csat", "ces_easy": "n_ces", "nps": "n_nps"}  # metric -> its n column
TOP_TOUCHPOINTS = 20  # transition_heatmap(level="touchpoint") shows the busiest only


def channel_colors(channels) -> dict[str, str]:
    """A colour (hex) for each channel name, the same in every chart.

    Known channels (website, mobile app, e-mail, phone, chat, store, social media, self-service
    portal, mail, field agent, in English or French) have a fixed colour; others get a spare
    colour picked from their name. No two channels of one call share a colour while spare
    colours last (so a spare colour can differ when two unknown names compete for it).
    """
    names = list(dict.fromkeys(str(c) for c in channels if not pd.isna(c)))
    colors = {}
    for name in names:
        color = kit.KNOWN_CHANNELS.get(kit.normalise(name))
        if color and color not in colors.values():
            colors[name] = color
    for name in (n for n in names if n not in colors):
        start = zlib.crc32(kit.normalise(name).encode())
        spare = [kit.SPARE[(start + i) % len(kit.SPARE)] for i in range(len(kit.SPARE))]
        colors[name] = next((c for c in spare if c not in colors.values()), spare[0])
    return {name: colors[name] for name in names}


# ---------------------------------------------------------------------------------- personas
@kit.plain_text
def persona_card(persona: pd.Series, *, language: str = "en", figsize=(6, 4.5), **kwargs):
    """A card for one persona (a row of the personas table): who they are, needs and
    frustrations (";"-separated items become bullets), preferred channels as coloured chips,
    digital ease as five dots and their share of customers. Returns the Figure."""
    if "ax" in kwargs:
        raise TypeError("persona_card() is figure-level and draws a whole figure: it does not "
                        "take `ax=`; place the returned Figure instead")
    if kwargs:
        raise TypeError(f"persona_card() got an unexpected keyword argument {next(iter(kwargs))!r}")
    width, height = figsize
    fig = plt.figure(figsize=figsize)
    ax = fig.add_axes((0, 0, 1, 1))  # data coordinates are inches from the bottom left
    ax.set(xlim=(0, width), ylim=(0, height))
    ax.axis("off")
    card = ax.add_patch(FancyBboxPatch((0.05, 0.05), width - 0.1, height - 0.1, ec="#d0d5db",
                                       fc="white", boxstyle="round,pad=0,rounding_size=0.1"))
    if persona is None or len(persona) == 0:
        ax.text(width / 2, height / 2, word("no_data", language), **kit.NO_DATA)
        return fig
    m, top = 0.3, height - 0.3

    def write(x, y, text, size=9.0, **style):
        return ax.text(x, y, text, va=style.pop("va", "top"), fontsize=size,
                       color=style.pop("color", INK), **style)

    ax.add_patch(Rectangle((0, height - 1.05), width, 1.0, fc=LIGHT, lw=0, clip_path=card))
    share, ease = kit.field(persona, "share"), kit.field(persona, "digital_ease")
    write(width - m, top, "–" if share is None else kit.pct(share, language), 17, ha="right",
          fontweight="bold", color=MAIN)
    write(width - m, top - 0.42, kit.fit(word("share", language), 1.6, 7.5), 7.5, ha="right",
          color=MUTED)
    write(m, top, kit.fit(kit.field(persona, "name", ""), width - 2.2, 14), 14, fontweight="bold")
    write(m, top - 0.38, kit.fit(kit.field(persona, "segment", ""), width - 2.2, 9.5), 9.5,
          color=MUTED)
    about = kit.wrap(kit.field(persona, "description", "–"), width - 2 * m, 9, 2)
    write(m, height - 1.22, about, style="italic", linespacing=1.35)
    y = height - 1.44 - 0.17 * (about.count("\n") + 1)
    column = (width - 3 * m) / 2
    lines = max(1, int((y - 0.3 - 1.2) / (9 * 1.35 / 72)))  # bullets end above the channels
    for x, key, color in ((m, "needs", MAIN), (2 * m + column, "frustrations", BAD)):
        ax.add_patch(Rectangle((x, y - 0.16), 0.05, 0.15, color=color, lw=0))
        write(x + 0.12, y, word(key, language), 9.5, fontweight="bold")
        write(x, y - 0.3, kit.bullets(kit.field(persona, key, ""), column, 9, lines),
              linespacing=1.35)
    write(m, 1.05, word("preferred_channels", language), 9.5, fontweight="bold")
    channels = persona.get("preferred_channels")
    colors = channel_colors(channels if isinstance(channels, list | tuple | np.ndarray) else [])
    x, y, right, chips = m + 0.05, 0.62, width - 2.2, []
    for i, (name, color) in enumerate(colors.items()):
        chip = write(x, y, kit.fit(name, right - m, 8), 8, va="center", color=kit.ink_on(color),
                     bbox={"boxstyle": "round,pad=0.35", "fc": color, "ec": "none"})
        chip_width = chip.get_window_extent(fig.canvas.get_renderer()).width / fig.dpi + 0.08
        if x > m + 0.05 and x + chip_width > right:  # next row
            x, y = m + 0.05, y - 0.32
            chip.set_position((x, y))
        if y < 0.2:  # no room left: the last chip shown says how many are not
            chip.remove()
            chips[-1].set(text=f"+{len(colors) - i + 1}", color=INK)
            chips[-1].get_bbox_patch().set_facecolor("#e2e2e2")
            break
        chips.append(chip)
        x += chip_width + 0.1
    write(width - 1.9, 1.05, kit.fit(word("digital_ease", language), 1.6, 9.5), 9.5,
          fontweight="bold")
    for i in range(5):
        filled = ease is not None and i < round(ease)
        ax.add_patch(Circle((width - 1.78 + i * 0.26, 0.62), 0.09, lw=1.2,
                            fc=MAIN if filled else "white", ec=MAIN if filled else "#bbbbbb"))
    write(width - m, 0.62, "–" if ease is None else f"{ease:.0f}/5", 8.5, ha="right",
          va="center", color=MUTED)
    return fig


@kit.plain_text
def persona_shares(shares: pd.DataFrame, *, ax=None, language: str = "en"):
    """Horizontal bars of each persona's share of customers (columns name, share 0-1), in %."""
    ax, data = kit.begin(shares, ["name", "share"], "persona_shares", ax,
                         (6, 0.45 * kit.n_rows(shares) + 1.2), word("share", language), language,
                         ["share"])
    if data is None:
        return ax
    data = data.sort_values("share", kind="stable")
    y, values = np.arange(len(data)), kit.floats(data["share"]) * 100
    ax.barh(y, values, color=MAIN, height=0.6)
    for yi, value in zip(y, values, strict=True):
        ax.text(value + values.max() * 0.015, yi, kit.pct(value / 100, language), va="center",
                fontsize=9, color=INK)
    ax.set(yticks=y, xlim=(0, values.max() * 1.15 or 1))
    ax.set_yticklabels([kit.fit(n, 2.2, 9) for n in data["name"].astype(str)])
    ax.xaxis.set_major_formatter(lambda v, _: kit.pct(v / 100, language))
    return kit.style(ax, "x")


# ---------------------------------------------------------------------------------- heatmaps
@kit.plain_text
def goal_coverage(coverage: pd.DataFrame, *, ax=None, language: str = "en"):
    """Heatmap of goal counts per persona (rows) and stage (columns); zeros are gaps."""
    ax, values = kit.begin_matrix(coverage, ax, word("goal_coverage", language), language)
    if values is None:
        return ax
    kit.heatmap(ax, values, values.map(lambda v: "" if pd.isna(v) else f"{v:.0f}"),
                word("stage", language), word("persona", language))
    gaps = np.argwhere(values.to_numpy() == 0)
    for i, j in gaps:
        ax.add_patch(Rectangle((j + 0.03, i + 0.05), 0.94, 0.9, fc=GAP_FILL, ec=BAD, lw=1,
                               zorder=2))
    for text in ax.texts:
        if text.get_text() == "0":
            text.set(color=BAD, fontweight="bold", zorder=3)
    if len(gaps):
        kit.legend_below(ax, [Patch(fc=GAP_FILL, ec=BAD, label=word("goal_gap", language))], 1)
    return ax


@kit.plain_text
def touchpoint_matrix(matrix: pd.DataFrame, *, value: str = "count", ax=None,
                      language: str = "en"):
    """Heatmap of touchpoints per channel (rows, with the channel's colour) and stage (columns,
    in the given order): `value="count"` for counts, `"volume"` for volumes (as 12k, 1.2M)."""
    kit.check_choice("value", [value], ("count", "volume"))
    title = word("touchpoint_matrix" if value == "count" else "volume_matrix", language)
    ax, values = kit.begin_matrix(matrix, ax, title, language)
    if values is None:
        return ax
    number = (lambda v: f"{v:.0f}") if value == "count" else (lambda v: kit.compact(v, language))
    kit.heatmap(ax, values, values.map(lambda v: number(v) if v > 0 else ""),
                word("stage", language), word("channel", language),
                norm=PowerNorm(0.5, vmin=0) if value == "volume" else None)
    ax.tick_params(axis="y", pad=17)
    for i, color in enumerate(channel_colors(values.index).values()):
        ax.plot(0, i + 0.5, "s", ms=8, color=color, clip_on=False, transform=kit.beside(ax, -9))
    return ax


@kit.plain_text
def owners_by_stage(owners: pd.DataFrame, *, ax=None, language: str = "en"):
    """Heatmap of touchpoints per owning department (rows) and stage (columns): the empty cells
    show the stages a department never sees (silos)."""
    ax, values = kit.begin_matrix(owners, ax, word("owners_by_stage", language), language)
    if values is not None:
        kit.heatmap(ax, values, values.map(lambda v: f"{v:.0f}" if v > 0 else ""),
                    word("stage", language), word("owner", language))
    return ax


# ---------------------------------------------------------------------------------- scores
@kit.plain_text
def emotion_curve(scores: pd.DataFrame, *, stages: list[str], persona: str | None = None,
                  scale=(-2, 2), ax=None, language: str = "en"):
    """The emotion at each touchpoint, in stage order then row order: a line through the
    scored points (a gap where emotion is missing), points coloured by sentiment (below or
    above the middle of `scale`, the project's emotion scale), moments of truth ringed (and
    named in bold), one band per stage; unscored names are greyed. `persona`: a name for the
    title."""
    low_end, high_end = (int(v) for v in scale)
    if low_end >= high_end:
        raise ValueError(f"`scale` must be (lowest, highest), not {scale!r}")
    title = word("emotion_curve", language) + (f" – {persona}" if persona else "")
    ax, data = kit.begin(scores, ["stage", "name", "emotion", "moment_of_truth"], "emotion_curve",
                         ax, (max(7.0, 0.34 * kit.n_rows(scores) + 1.6), 4.8), title, language)
    if data is None:
        return ax
    stage = data["stage"].astype(str)
    if unknown := sorted(set(stage) - {str(s) for s in stages}):
        raise ValueError(f"every stage of the scores must be in `stages` "
                         f"({', '.join(map(repr, stages))}), not {', '.join(map(repr, unknown))}")
    data = data.iloc[np.argsort(stage.map({str(s): i for i, s in enumerate(stages)}),
                                kind="stable")]
    neutral = (low_end + high_end) / 2
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
        ax.text((low + high) / 2, half * 1.3, kit.fit(name, (high - low) * unit, 9), ha="center",
                va="center", fontsize=9, fontweight="bold", color=MUTED)
    ax.axhline(0, color="#b5b5b5", lw=0.9, zorder=1)
    for where, color in ((y >= 0, GOOD), (y <= 0, BAD)):
        ax.fill_between(x, y, 0, where=where, interpolate=True, color=color, alpha=0.1, lw=0)
    ax.plot(x, y, color="#5a5a5a", lw=1.6, zorder=2)
    ax.scatter(x[scored], y[scored], c=[kit.sentiment(v) for v in y[scored]], s=55, zorder=3,
               edgecolors="white", linewidths=0.8)
    ring = scored & moments
    ax.scatter(x[ring], y[ring], s=190, facecolors="none", edgecolors=INK, linewidths=1.3,
               zorder=4, label=word("moment_of_truth", language))
    values = np.arange(low_end, high_end + 1)
    ax.set(xlim=(-0.5, len(x) - 0.5), ylim=(-half * 1.225, half * 1.475), yticks=values - neutral,
           ylabel=word("emotion", language))
    ax.set_yticklabels([(f"{v:+d}" if low_end < 0 and v else str(v)).replace("-", "−")
                        for v in values])
    ax.set_xticks(x, [kit.fit(n, 1.9, 8) for n in data["name"].astype(str)], rotation=50,
                  ha="right", rotation_mode="anchor", fontsize=8)
    for tick, moment, known in zip(ax.get_xticklabels(), moments, scored, strict=True):
        tick.set(fontweight="bold" if moment else "normal", color=INK if known else "#a0a0a0")
    if ring.any():
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8.5, frameon=False)
    kit.style(ax, "y")
    ax.tick_params(axis="x", length=0)
    return ax


@kit.plain_text
def stage_summary(stage_scores: pd.DataFrame, *, ax=None, language: str = "en",
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
                ax.text(xi, top + 0.04, kit.num(number, 1, language), ha="center", va="bottom",
                        fontsize=8.5, color=INK)
    for xi, count in zip(x, kit.floats(data["pain_points"]), strict=True):
        if not np.isnan(count):
            ax.text(xi, s_high + 0.42, f"{count:.0f}", ha="center", va="center", fontsize=8.5,
                    fontweight="bold", color="white" if count else MUTED,
                    bbox={"boxstyle": "round,pad=0.3", "fc": BAD if count else "#ebebeb",
                          "ec": "none"})
    ax.set(xticks=x, ylim=(s_low, s_high + 0.65), yticks=range(s_low, s_high + 1))
    ax.set_xticklabels([kit.fit(s, 1.1, 9) for s in data["stage"].astype(str)])
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


@kit.plain_text
def metric_bars(metrics: pd.DataFrame, metric: str = "csat", *, label: str = "name", ax=None,
                language: str = "en"):
    """One horizontal bar per row for `metric` ("csat" or "ces_easy", shares shown in %, or
    "nps", -100..100), sorted by value, with its Wilson interval (`<metric>_low`,
    `<metric>_high`) and its sample size beside it ("n=", from n_csat, n_ces or n_nps).
    Rows with n = 0 are left out; rows without a `label` (answers with no persona, say) are
    not drawn, and a note under the chart counts their answers."""
    kit.check_choice("metric", [metric], METRICS)
    n_column, scale = METRICS[metric], 1 if metric == "nps" else 100

    def labelled(frame):
        return frame[label].notna().to_numpy() & (frame[label].astype(str).str.strip() != "")

    ax, data = kit.begin(metrics, [label, metric, f"{metric}_low", f"{metric}_high", n_column],
                         "metric_bars", ax, (6.5, 0.36 * kit.n_rows(metrics) + 1.3),
                         word(metric, language) + ("" if metric == "nps" else " (%)"), language,
                         [metric, n_column],
                         keep=lambda frame: (kit.floats(frame[n_column]) > 0) & labelled(frame))
    if data is None:
        return ax
    unlabelled = metrics[~labelled(metrics)]
    hidden = int(np.nansum(kit.floats(unlabelled[n_column]))) if len(unlabelled) else 0
    if hidden:
        ax.annotate(word("not_shown", language).format(n=kit.whole(hidden, language),
                                                       what=word(label, language).lower()),
                    (0, 0), xycoords="axes fraction", xytext=(0, -44), textcoords="offset points",
                    fontsize=8, color=MUTED, style="italic", va="top")
    data = data.sort_values(metric, kind="stable")
    y, value = np.arange(len(data)), kit.floats(data[metric]) * scale
    low = kit.floats(data[f"{metric}_low"]) * scale
    high = kit.floats(data[f"{metric}_high"]) * scale
    ax.barh(y, value, height=0.62, color=[BAD if metric == "nps" and v < 0 else MAIN
                                          for v in value])
    ax.errorbar(value, y, xerr=np.nan_to_num([value - low, high - value]), fmt="none",
                ecolor=INK, elinewidth=1, capsize=2.5)
    for yi, v, n in zip(y, value, kit.floats(data[n_column]), strict=True):
        text = kit.signed(v, language, 0) if metric == "nps" else kit.pct(v / 100, language)
        ax.text(1, yi, text, transform=kit.beside(ax, 6), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
        ax.text(1, yi, f"n={n:.0f}", transform=kit.beside(ax, 46), va="center", fontsize=8.5,
                color=MUTED)
    ax.set(yticks=y, xlim=(-100, 100) if metric == "nps" else (0, 100), ylim=(-0.6, len(y) - 0.4),
           xlabel=word(f"{metric}_axis", language) + word("ci_note", language))
    ax.set_yticklabels([kit.fit(n, 2.4, 9) for n in data[label].astype(str)])
    if metric == "nps":
        ax.axvline(0, color=MUTED, lw=0.9)
    else:
        ax.xaxis.set_major_formatter(lambda v, _: kit.pct(v / 100, language))
    return kit.style(ax, "x")


@kit.plain_text
def ipa_chart(ipa: pd.DataFrame, *, importance_split: float, satisfaction_split: float, ax=None,
              language: str = "en", label: str = "name"):
    """Importance (x) against satisfaction (y), split at the given values into the four
    quadrants (named in the corners), points coloured by quadrant and labelled, moments of
    truth as diamonds. Points at the same place are spread slightly so that each shows."""
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
    kit.place_labels(ax, x, y, [kit.fit(n, 1.7, 8) for n in data[label].astype(str)],
                     corners + lines)
    if moments.any():
        kit.legend_below(ax, [Line2D([], [], marker="D", ls="", color=NEUTRAL, mec=INK,
                                     label=word("moment_of_truth", language))], 1)
    return ax


@kit.plain_text
def priority_bars(priorities: pd.DataFrame, *, top: int = 15, ax=None, language: str = "en"):
    """The `top` touchpoints by priority (0-100), highest at the top, each bar split into the
    weighted components of the score (gap, importance, reach, moment of truth, effort)."""
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ValueError(f"`top` must be a positive whole number, not {top!r}")
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
        ax.text(end + 1, yi, kit.num(priority, 0, language), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
    ax.set(yticks=y, xlim=(0, max(left.max() * 1.1, 10)), ylim=(-0.6, len(y) - 0.4),
           xlabel=f"{word('priority_score', language)} (0-100)")
    ax.set_yticklabels([kit.fit(n, 2.4, 9) for n in data["name"].astype(str)])
    kit.legend_below(ax, ax.get_legend_handles_labels()[0], 5)
    return kit.style(ax, "x")


@kit.plain_text
def change_chart(comparison: pd.DataFrame, *, ax=None, language: str = "en",
                 min_delta: float = MIN_DELTA, alpha: float = ALPHA,
                 min_responses: int = MIN_RESPONSES):
    """Satisfaction before (hollow) and after (filled) per touchpoint, coloured by status and
    sorted by change, biggest gain first, the change written beside with what decided it
    (column `basis`: the survey's CSAT change, from `csat_delta`, or the workshop's
    satisfaction change); new touchpoints show only the after point,
    retired ones only the before point, unscored ones none. A note under the chart states the
    rule (`min_delta`, `alpha` and `min_responses` as given to
    `cjm.comparison.compare_touchpoints`)."""
    ax, data = kit.begin(comparison, ["name", "satisfaction_before", "satisfaction_after",
                                      "status"], "change_chart", ax,
                         (7.5, 0.34 * kit.n_rows(comparison) + 2.0), word("change", language),
                         language)
    if data is None:
        return ax
    status = data["status"].astype(str).to_numpy()
    kit.check_choice("status", status, STATUS_COLORS)
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
            text = (f"CSAT {kit.signed(100 * c, language, 0)} {word('points', language)} "
                    f"({word('basis_survey', language)})")
        elif np.isnan(a - b):
            text = word(s, language)
        else:
            text = kit.signed(a - b, language)
            if s in ("improved", "worsened") and why in ("survey", "workshop"):
                text += f" ({word(f'basis_{why}', language)})"
        ax.text(1, yi, text, transform=kit.beside(ax, 6), va="center", fontsize=8.5,
                color=STATUS_COLORS[s], fontweight="bold")
    ax.set(yticks=y, ylim=(-0.6, len(y) - 0.4), xlabel=word("satisfaction", language))
    ax.set_yticklabels([kit.fit(n, 2.4, 9) for n in data["name"].astype(str).to_numpy()[order]])
    handles = [Line2D([], [], marker="o", ls="", mfc=mfc, mec=MUTED, label=word(key, language))
               for key, mfc in (("before", "white"), ("after", MUTED))]
    handles += [Patch(color=STATUS_COLORS[s], label=word(s, language))
                for s in STATUS_COLORS if s in set(status)]
    kit.legend_below(ax, handles, 7)
    rule = word("change_rule", language).format(
        alpha=kit.num(alpha, 2, language), n=min_responses,
        delta=kit.num(min_delta, 1, language))
    ax.annotate(rule, (0, 0), xycoords="axes fraction", xytext=(0, -62),
                textcoords="offset points", fontsize=7.5, color=MUTED, va="top", wrap=True)
    return kit.style(ax, "x")


# ---------------------------------------------------------------------------------- event log
@kit.plain_text
def funnel_chart(funnel: pd.DataFrame, *, persona: str = "all", ax=None, language: str = "en"):
    """The customers reaching each stage (in the frame's order) of one `persona` ("all": every
    customer) as centred bars narrowing down the journey, each with its count and share; beside,
    the drop-off between stages, the largest in red (and its stage's bar). Optional stages
    (column `optional`) are hatched: customers who skip them have not left."""
    title = word("funnel", language) + ("" if persona == "all" else f" – {persona}")
    ax, data = kit.begin(funnel, ["persona_id", "stage", "customers", "share", "drop_off"],
                         "funnel_chart", ax, lambda rows: (7, 1.5 + 0.5 * (
                             0 if rows is None else rows["stage"].nunique())), title, language,
                         ["customers"])
    if data is None:
        return ax
    kit.check_choice("persona", [persona], list(dict.fromkeys(data["persona_id"].astype(str))))
    data = data[data["persona_id"].astype(str) == persona]
    y, customers, drop = np.arange(len(data)), kit.floats(data["customers"]), kit.floats(
        data["drop_off"])
    optional = kit.flags(data["optional"]) if "optional" in data else np.zeros(len(data), bool)
    widest, left = customers.max() or 1, (customers.max() - customers) / 2
    worst = np.nanargmax(drop[:-1]) if np.isfinite(drop[:-1]).any() else -1
    ax.barh(y, customers, left=left, height=0.68,
            color=[BAD if i == worst else EASE if optional[i] else MAIN for i in y],
            hatch=["//" if o else None for o in optional], edgecolor="white", lw=0)
    for i in y[:-1]:  # a band joins each bar to the next: the funnel's walls
        ax.fill([left[i], left[i] + customers[i], left[i + 1] + customers[i + 1], left[i + 1]],
                [i + 0.34, i + 0.34, i + 0.66, i + 0.66], color=GAP_FILL if i == worst else LIGHT,
                lw=0)
    kit.funnel_labels(ax, customers, kit.floats(data["share"]), drop, worst, language)
    ax.set(xlim=(0, widest), ylim=(len(y) - 0.5, -0.5), xticks=[], yticks=y,
           xlabel=word("funnel_axis", language))
    ax.set_yticklabels([kit.fit(s, 1.6, 9) + (f"\n({word('optional', language)})" if o else "")
                        for s, o in zip(data["stage"].astype(str), optional, strict=True)])
    kit.style(ax, None).spines[:].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return ax


@kit.plain_text
def transition_heatmap(transitions: pd.DataFrame, *, level: str = "stage", order=None, ax=None,
                       language: str = "en"):
    """How often customers go from one stage (`level="stage"`) or touchpoint (`"touchpoint"`,
    the busiest 20 only) to the next: a source (rows) x target heatmap of counts, names in
    `order` (e.g. the project's stages) when given, else busiest first."""
    kit.check_choice("level", [level], ("stage", "touchpoint"))
    many = level == "touchpoint"
    ax, values, data = kit.begin_square(
        transitions, ["level", "source", "target", "count", "customers", "median_seconds"],
        "transition_heatmap", ax, word(f"transitions_{level}", language), language,
        ("source", "target"), "count", order=order, top=TOP_TOUCHPOINTS if many else None,
        keep=lambda frame: frame["level"].astype(str) == level, tilt=many)
    if values is None:
        return ax
    kit.heatmap(ax, values, values.map(lambda v: kit.compact(v, language) if v > 0 else ""),
                word(f"to_{level}", language), word(f"from_{level}", language),
                norm=PowerNorm(0.5, vmin=0), tilt=many)
    if len(values) < (every := len(kit.ranked(data, ["source", "target"], "count"))):
        note = word("top_of", language).format(n=len(values), total=every)
        kit.set_title(ax, f"{ax.get_title(loc='left')} ({note})")
    return ax


@kit.plain_text
def switch_matrix(switches: pd.DataFrame, *, channels=None, ax=None, language: str = "en"):
    """Customers contacting again on another channel: a from (rows) x to channel heatmap of
    switches and their rate, channels in `channels` order when given, else busiest first; the
    diagonal (no switch) is blank."""
    ax, values, data = kit.begin_square(
        switches, ["from_channel", "to_channel", "switches", "customers", "rate"],
        "switch_matrix", ax, word("channel_switches", language), language,
        ("from_channel", "to_channel"), "switches", order=channels, cell=(0.95, 0.52))
    if values is None:
        return ax
    rates = kit.square(data, "from_channel", "to_channel", "rate", list(values.index), "max")
    values, texts = kit.count_rate_texts(values, rates, language, blank_diagonal=True)
    kit.heatmap(ax, values, texts, word("to_channel", language), word("from_channel", language),
                norm=PowerNorm(0.5, vmin=0))
    for i, color in enumerate(channel_colors(values.index).values()):
        ax.add_patch(Rectangle((i + 0.03, i + 0.05), 0.94, 0.9, fc="#f2f2f2", lw=0))
        ax.plot(0, i + 0.5, "s", ms=8, color=color, clip_on=False, transform=kit.beside(ax, -9))
    ax.tick_params(axis="y", pad=17)
    return ax


# The journey map is the product's centrepiece and has a module of its own.
from .journey_map import journey_map as journey_map  # noqa: E402

"""Charts of a journey: personas, goals, touchpoints, scores, priorities and change.

Axes-level functions follow seaborn's shape: the data first, everything else by keyword, an
optional `ax=` (when omitted, a new figure sized for the data) and they return the Axes.
`persona_card` is figure-level: it builds a whole figure and refuses `ax=`. Nothing here shows
or saves a figure (`cjm.outputs.save_figure` does). An empty frame draws "no data yet".

Colours: red (bad) / grey / green (good) for sentiment, one colour per channel
(`channel_colors`), one blue for plain quantities.
"""

from __future__ import annotations

import textwrap
import unicodedata
import zlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import LinearSegmentedColormap, PowerNorm, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, Patch, Rectangle
from matplotlib.transforms import offset_copy

from .labels import LABELS, label

__all__ = ["change_chart", "channel_colors", "emotion_curve", "goal_coverage", "ipa_chart",
           "metric_bars", "owners_by_stage", "persona_card", "persona_shares", "priority_bars",
           "stage_summary", "touchpoint_matrix"]

BAD, NEUTRAL, GOOD = "#c0504d", "#9a9a9a", "#4e9a6b"
MAIN, EASE, INK, MUTED, LIGHT = "#3a6ea5", "#8fb3d9", "#2b2b2b", "#6b6b6b", "#eef1f5"
GAP_FILL = "#f6d6d4"
QUADRANT_COLORS = {"concentrate_here": BAD, "keep_up": GOOD, "low_priority": NEUTRAL,
                   "possible_overkill": "#d49a2a"}
STATUS_COLORS = {"improved": GOOD, "worsened": BAD, "stable": NEUTRAL, "new": MAIN,
                 "retired": "#555555"}
COMPONENTS = {"w_gap": ("gap", "#2f5f8f"), "w_importance": ("importance", "#7fa7d4"),
              "w_reach": ("reach", "#5aae9b"), "w_moment_of_truth": ("moment_of_truth", "#e0a84f"),
              "w_effort": ("effort", "#b3b3b3")}
METRICS = {"csat": "n_csat", "ces_easy": "n_ces", "nps": "n_nps"}  # metric -> its n column
_SEQUENTIAL = LinearSegmentedColormap.from_list("cjm", ["#f3f6fa", "#a9c3e0", MAIN, "#24496f"])

# The channels of DOMAIN.md (English, French and usual synonyms, normalised) keep one colour in
# every chart; other channels get a spare colour chosen from their name, so it is stable too.
_CHANNEL_FAMILIES = {
    "#3a6ea5": "website web siteweb siteinternet internet",
    "#7e63b8": "mobileapp app application applicationmobile appli",
    "#e08a3c": "email courriel newsletter",
    "#8c6d4f": "phone telephone callcentre callcenter",
    "#2fa3b5": "chat livechat tchat chatbot messaging messagerie",
    "#c9a227": "store shop magasin boutique agence branch",
    "#d66ba0": "socialmedia social reseauxsociaux socialnetworks",
    "#5c7f99": "selfserviceportal portal portail espaceclient customerportal",
    "#b5835a": "mail post courrier postalmail",
    "#4f6d7a": "fieldagent agentterrain technician technicien",
}
_KNOWN_CHANNELS = {name: color for color, names in _CHANNEL_FAMILIES.items()
                   for name in names.split()}
_SPARE = ["#76b7b2", "#b07aa1", "#9d7660", "#edc948", "#86bcb6", "#d4a6c8", "#79706e", "#a0cbe8"]

# Words not (yet) in cjm.labels; labels.py wins as soon as it has the key.
_EXTRA = {
    "goal_coverage": {"en": "Goals per persona and stage", "fr": "Objectifs par persona et étape"},
    "goal_gap": {"en": "No goal yet (gap)", "fr": "Aucun objectif (manque)"},
    "touchpoint_matrix": {"en": "Touchpoints by channel and stage",
                          "fr": "Points de contact par canal et étape"},
    "volume_matrix": {"en": "Volume by channel and stage", "fr": "Volume par canal et étape"},
    "owners_by_stage": {"en": "Touchpoints per owner and stage",
                        "fr": "Points de contact par responsable et étape"},
    "stage_summary": {"en": "Scores by stage", "fr": "Scores par étape"},
    "ces_easy": {"en": "CES: share finding it easy", "fr": "CES : part trouvant cela facile"},
    "csat_axis": {"en": "% answering 4 or 5", "fr": "% de réponses 4 ou 5"},
    "ces_easy_axis": {"en": "% finding it easy (5 to 7)", "fr": "% trouvant cela facile (5 à 7)"},
    "nps_axis": {"en": "% promoters − % detractors", "fr": "% promoteurs − % détracteurs"},
    "ci_note": {"en": "; lines: 95% confidence interval",
                "fr": " ; traits : intervalle de confiance à 95 %"},
    "ipa": {"en": "Importance-performance analysis", "fr": "Analyse importance-performance"},
    "gap": {"en": "Satisfaction gap", "fr": "Écart de satisfaction"},
    "reach": {"en": "Reach", "fr": "Portée"},
    "change": {"en": "Satisfaction before and after", "fr": "Satisfaction avant et après"},
    "before": {"en": "before", "fr": "avant"},
    "after": {"en": "after", "fr": "après"},
}


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
        color = _KNOWN_CHANNELS.get(_normalise(name))
        if color and color not in colors.values():
            colors[name] = color
    for name in (n for n in names if n not in colors):
        start = zlib.crc32(_normalise(name).encode())
        spare = [_SPARE[(start + i) % len(_SPARE)] for i in range(len(_SPARE))]
        colors[name] = next((c for c in spare if c not in colors.values()), spare[0])
    return {name: colors[name] for name in names}


# ---------------------------------------------------------------------------------- personas
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
        ax.text(width / 2, height / 2, _t("no_data", language), **_NO_DATA)
        return fig
    m, top = 0.3, height - 0.3

    def write(x, y, text, size=9.0, **style):
        return ax.text(x, y, text, va=style.pop("va", "top"), fontsize=size,
                       color=style.pop("color", INK), **style)

    ax.add_patch(Rectangle((0, height - 1.05), width, 1.0, fc=LIGHT, lw=0, clip_path=card))
    share, ease = _field(persona, "share"), _field(persona, "digital_ease")
    write(width - m, top, "–" if share is None else _pct(share, language), 17, ha="right",
          fontweight="bold", color=MAIN)
    write(width - m, top - 0.42, _fit(_t("share", language), 1.6, 7.5), 7.5, ha="right",
          color=MUTED)
    write(m, top, _fit(_field(persona, "name", ""), width - 2.2, 14), 14, fontweight="bold")
    write(m, top - 0.38, _fit(_field(persona, "segment", ""), width - 2.2, 9.5), 9.5,
          color=MUTED)
    about = _wrap(_field(persona, "description", "–"), width - 2 * m, 9, 2)
    write(m, height - 1.22, about, style="italic", linespacing=1.35)
    y = height - 1.44 - 0.17 * (about.count("\n") + 1)
    column = (width - 3 * m) / 2
    lines = max(1, int((y - 0.3 - 1.2) / (9 * 1.35 / 72)))  # bullets end above the channels
    for x, key, color in ((m, "needs", MAIN), (2 * m + column, "frustrations", BAD)):
        ax.add_patch(Rectangle((x, y - 0.16), 0.05, 0.15, color=color, lw=0))
        write(x + 0.12, y, _t(key, language), 9.5, fontweight="bold")
        write(x, y - 0.3, _bullets(_field(persona, key, ""), column, 9, lines), linespacing=1.35)
    write(m, 1.05, _t("preferred_channels", language), 9.5, fontweight="bold")
    channels = persona.get("preferred_channels")
    colors = channel_colors(channels if isinstance(channels, list | tuple | np.ndarray) else [])
    x, y, right, chips = m + 0.05, 0.62, width - 2.2, []
    for i, (name, color) in enumerate(colors.items()):
        chip = write(x, y, _fit(name, right - m, 8), 8, va="center", color=_ink_on(color),
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
    write(width - 1.9, 1.05, _fit(_t("digital_ease", language), 1.6, 9.5), 9.5,
          fontweight="bold")
    for i in range(5):
        filled = ease is not None and i < round(ease)
        ax.add_patch(Circle((width - 1.78 + i * 0.26, 0.62), 0.09, lw=1.2,
                            fc=MAIN if filled else "white", ec=MAIN if filled else "#bbbbbb"))
    write(width - m, 0.62, "–" if ease is None else f"{ease:.0f}/5", 8.5, ha="right",
          va="center", color=MUTED)
    return fig


def persona_shares(shares: pd.DataFrame, *, ax=None, language: str = "en"):
    """Horizontal bars of each persona's share of customers (columns name, share 0-1), in %."""
    ax, data = _begin(shares, ["name", "share"], "persona_shares", ax,
                      (6, 0.45 * _rows(shares) + 1.2), _t("share", language), language, ["share"])
    if data is None:
        return ax
    data = data.sort_values("share", kind="stable")
    y, values = np.arange(len(data)), _floats(data["share"]) * 100
    ax.barh(y, values, color=MAIN, height=0.6)
    for yi, value in zip(y, values, strict=True):
        ax.text(value + values.max() * 0.015, yi, _pct(value / 100, language), va="center",
                fontsize=9, color=INK)
    ax.set(yticks=y, xlim=(0, values.max() * 1.15 or 1))
    ax.set_yticklabels([_fit(n, 2.2, 9) for n in data["name"].astype(str)])
    ax.xaxis.set_major_formatter(lambda v, _: _pct(v / 100, language))
    return _style(ax, "x")


# ---------------------------------------------------------------------------------- heatmaps
def goal_coverage(coverage: pd.DataFrame, *, ax=None, language: str = "en"):
    """Heatmap of goal counts per persona (rows) and stage (columns); zeros are gaps."""
    ax, values = _matrix(coverage, ax, _t("goal_coverage", language), language)
    if values is None:
        return ax
    _heatmap(ax, values, values.map(lambda v: "" if pd.isna(v) else f"{v:.0f}"),
             _t("stage", language), _t("persona", language))
    gaps = np.argwhere(values.to_numpy() == 0)
    for i, j in gaps:
        ax.add_patch(Rectangle((j + 0.03, i + 0.05), 0.94, 0.9, fc=GAP_FILL, ec=BAD, lw=1,
                               zorder=2))
    for text in ax.texts:
        if text.get_text() == "0":
            text.set(color=BAD, fontweight="bold", zorder=3)
    if len(gaps):
        _legend_below(ax, [Patch(fc=GAP_FILL, ec=BAD, label=_t("goal_gap", language))], 1)
    return ax


def touchpoint_matrix(matrix: pd.DataFrame, *, value: str = "count", ax=None,
                      language: str = "en"):
    """Heatmap of touchpoints per channel (rows, with the channel's colour) and stage (columns,
    in the given order): `value="count"` for counts, `"volume"` for volumes (as 12k, 1.2M)."""
    _check_choice("value", [value], ("count", "volume"))
    title = _t("touchpoint_matrix" if value == "count" else "volume_matrix", language)
    ax, values = _matrix(matrix, ax, title, language)
    if values is None:
        return ax
    number = (lambda v: f"{v:.0f}") if value == "count" else (lambda v: _compact(v, language))
    _heatmap(ax, values, values.map(lambda v: number(v) if v > 0 else ""),
             _t("stage", language), _t("channel", language),
             norm=PowerNorm(0.5, vmin=0) if value == "volume" else None)
    ax.tick_params(axis="y", pad=17)
    for i, color in enumerate(channel_colors(values.index).values()):
        ax.plot(0, i + 0.5, "s", ms=8, color=color, clip_on=False, transform=_beside(ax, -9))
    return ax


def owners_by_stage(owners: pd.DataFrame, *, ax=None, language: str = "en"):
    """Heatmap of touchpoints per owning department (rows) and stage (columns): the empty cells
    show the stages a department never sees (silos)."""
    ax, values = _matrix(owners, ax, _t("owners_by_stage", language), language)
    if values is not None:
        _heatmap(ax, values, values.map(lambda v: f"{v:.0f}" if v > 0 else ""),
                 _t("stage", language), _t("owner", language))
    return ax


# ---------------------------------------------------------------------------------- scores
def emotion_curve(scores: pd.DataFrame, *, stages: list[str], ax=None, language: str = "en"):
    """The emotion (-2..2) at each touchpoint, in stage order then row order: a line through
    the scored points (a gap where emotion is missing), points coloured by sentiment, moments
    of truth ringed (and named in bold), one band per stage; unscored names are greyed."""
    ax, data = _begin(scores, ["stage", "name", "emotion", "moment_of_truth"], "emotion_curve",
                      ax, (max(7.0, 0.34 * _rows(scores) + 1.6), 4.8),
                      _t("emotion_curve", language), language)
    if data is None:
        return ax
    stage = data["stage"].astype(str)
    if unknown := sorted(set(stage) - {str(s) for s in stages}):
        raise ValueError(f"every stage of the scores must be in `stages` "
                         f"({', '.join(map(repr, stages))}), not {', '.join(map(repr, unknown))}")
    data = data.iloc[np.argsort(stage.map({str(s): i for i, s in enumerate(stages)}),
                                kind="stable")]
    x, y, stage = np.arange(len(data)), _floats(data["emotion"]), data["stage"].astype(str)
    moments, scored = _flags(data["moment_of_truth"]), ~np.isnan(_floats(data["emotion"]))
    unit = ax.get_window_extent().width / ax.figure.dpi / len(x)  # inches per touchpoint
    for i, name in enumerate(stage.unique()):
        where = x[(stage == name).to_numpy()]
        low, high = where.min() - 0.5, where.max() + 0.5
        if i % 2 == 0:
            ax.axvspan(low, high, color=LIGHT, lw=0, zorder=0)
        ax.text((low + high) / 2, 2.6, _fit(name, (high - low) * unit, 9), ha="center",
                va="center", fontsize=9, fontweight="bold", color=MUTED)
    ax.axhline(0, color="#b5b5b5", lw=0.9, zorder=1)
    for where, color in ((y >= 0, GOOD), (y <= 0, BAD)):
        ax.fill_between(x, y, 0, where=where, interpolate=True, color=color, alpha=0.1, lw=0)
    ax.plot(x, y, color="#5a5a5a", lw=1.6, zorder=2)
    ax.scatter(x[scored], y[scored], c=[_sentiment(v) for v in y[scored]], s=55, zorder=3,
               edgecolors="white", linewidths=0.8)
    ring = scored & moments
    ax.scatter(x[ring], y[ring], s=190, facecolors="none", edgecolors=INK, linewidths=1.3,
               zorder=4, label=_t("moment_of_truth", language))
    ax.set(xlim=(-0.5, len(x) - 0.5), ylim=(-2.45, 2.95), yticks=[-2, -1, 0, 1, 2],
           ylabel=_t("emotion", language))
    ax.set_yticklabels(["−2", "−1", "0", "+1", "+2"])
    ax.set_xticks(x, [_fit(n, 1.9, 8) for n in data["name"].astype(str)], rotation=50,
                  ha="right", rotation_mode="anchor", fontsize=8)
    for tick, moment, known in zip(ax.get_xticklabels(), moments, scored, strict=True):
        tick.set(fontweight="bold" if moment else "normal", color=INK if known else "#a0a0a0")
    if ring.any():
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8.5, frameon=False)
    _style(ax, "y")
    ax.tick_params(axis="x", length=0)
    return ax


def stage_summary(stage_scores: pd.DataFrame, *, ax=None, language: str = "en",
                  satisfaction_scale=(1, 5), ease_scale=(1, 7)):
    """Satisfaction and ease per stage as paired bars, each on its own scale (satisfaction on
    the left axis, ease on the right, both from lowest to highest score), with the number of
    pain points above each stage. The scales are the project's (`config.scales`)."""
    ax, data = _begin(stage_scores, ["stage", "satisfaction", "ease", "pain_points"],
                      "stage_summary", ax, (max(6.0, 1.1 * _rows(stage_scores) + 1.8), 4.4),
                      _t("stage_summary", language), language)
    if data is None:
        return ax
    (s_low, s_high), (e_low, e_high) = satisfaction_scale, ease_scale
    ratio = (s_high - s_low) / (e_high - e_low)
    x, ease = np.arange(len(data)), _floats(data["ease"])
    for offset, key, values, shown, color in (
            (-0.19, "satisfaction", _floats(data["satisfaction"]), None, MAIN),
            (0.19, "ease", s_low + (ease - e_low) * ratio, ease, EASE)):
        ax.bar(x + offset, values - s_low, bottom=s_low, width=0.36, color=color,
               label=_t(key, language))
        for xi, top, number in zip(x + offset, values, values if shown is None else shown,
                                   strict=True):
            if not np.isnan(number):
                ax.text(xi, top + 0.04, _num(number, 1, language), ha="center", va="bottom",
                        fontsize=8.5, color=INK)
    for xi, count in zip(x, _floats(data["pain_points"]), strict=True):
        if not np.isnan(count):
            ax.text(xi, s_high + 0.42, f"{count:.0f}", ha="center", va="center", fontsize=8.5,
                    fontweight="bold", color="white" if count else MUTED,
                    bbox={"boxstyle": "round,pad=0.3", "fc": BAD if count else "#ebebeb",
                          "ec": "none"})
    ax.set(xticks=x, ylim=(s_low, s_high + 0.65), yticks=range(s_low, s_high + 1))
    ax.set_xticklabels([_fit(s, 1.1, 9) for s in data["stage"].astype(str)])
    ax.set_ylabel(f"{_t('satisfaction', language)} ({s_low}-{s_high})", color=MAIN)
    right = ax.secondary_yaxis("right", functions=(lambda v: e_low + (v - s_low) / ratio,
                                                   lambda v: s_low + (v - e_low) * ratio))
    right.set_yticks(range(e_low, e_high + 1))
    right.set_ylabel(f"{_t('ease', language)} ({e_low}-{e_high})", color="#4f7fb0")
    right.tick_params(colors=MUTED, labelcolor=INK, labelsize=9)
    right.spines["right"].set(color="#bbbbbb", bounds=(e_low, e_high))
    _legend_below(ax, [*ax.get_legend_handles_labels()[0],
                       Patch(fc=BAD, label=_t("pain_points", language))], 3)
    _style(ax, "y")
    ax.spines["left"].set_bounds(s_low, s_high)
    return ax


def metric_bars(metrics: pd.DataFrame, metric: str = "csat", *, label: str = "name", ax=None,
                language: str = "en"):
    """One horizontal bar per row for `metric` ("csat" or "ces_easy", shares shown in %, or
    "nps", -100..100), sorted by value, with its Wilson interval (`<metric>_low`,
    `<metric>_high`) and its sample size beside it ("n=", from n_csat, n_ces or n_nps).
    Rows with n = 0 are left out."""
    _check_choice("metric", [metric], METRICS)
    n_column, scale = METRICS[metric], 1 if metric == "nps" else 100
    ax, data = _begin(metrics, [label, metric, f"{metric}_low", f"{metric}_high", n_column],
                      "metric_bars", ax, (6.5, 0.36 * _rows(metrics) + 1.3),
                      _t(metric, language) + ("" if metric == "nps" else " (%)"), language,
                      [metric, n_column], keep=lambda frame: _floats(frame[n_column]) > 0)
    if data is None:
        return ax
    data = data.sort_values(metric, kind="stable")
    y, value = np.arange(len(data)), _floats(data[metric]) * scale
    low, high = _floats(data[f"{metric}_low"]) * scale, _floats(data[f"{metric}_high"]) * scale
    ax.barh(y, value, height=0.62, color=[BAD if metric == "nps" and v < 0 else MAIN
                                          for v in value])
    ax.errorbar(value, y, xerr=np.nan_to_num([value - low, high - value]), fmt="none",
                ecolor=INK, elinewidth=1, capsize=2.5)
    for yi, v, n in zip(y, value, _floats(data[n_column]), strict=True):
        text = _signed(v, language, 0) if metric == "nps" else _pct(v / 100, language)
        ax.text(1, yi, text, transform=_beside(ax, 6), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
        ax.text(1, yi, f"n={n:.0f}", transform=_beside(ax, 46), va="center", fontsize=8.5,
                color=MUTED)
    ax.set(yticks=y, xlim=(-100, 100) if metric == "nps" else (0, 100), ylim=(-0.6, len(y) - 0.4),
           xlabel=_t(f"{metric}_axis", language) + _t("ci_note", language))
    ax.set_yticklabels([_fit(n, 2.4, 9) for n in data[label].astype(str)])
    if metric == "nps":
        ax.axvline(0, color=MUTED, lw=0.9)
    else:
        ax.xaxis.set_major_formatter(lambda v, _: _pct(v / 100, language))
    return _style(ax, "x")


def ipa_chart(ipa: pd.DataFrame, *, importance_split: float, satisfaction_split: float, ax=None,
              language: str = "en", label: str = "name"):
    """Importance (x) against satisfaction (y), split at the given values into the four
    quadrants (named in the corners), points coloured by quadrant and labelled, moments of
    truth as diamonds. Points at the same place are spread slightly so that each shows."""
    ax, data = _begin(ipa, ["importance", "satisfaction", "quadrant", "moment_of_truth", label],
                      "ipa_chart", ax, (9, 7), _t("ipa", language), language,
                      ["importance", "satisfaction"])
    if data is None:
        return ax
    _check_choice("quadrant", data["quadrant"].astype(str), QUADRANT_COLORS)
    x, y = _floats(data["importance"]), _floats(data["satisfaction"])
    moments, colors = _flags(data["moment_of_truth"]), data["quadrant"].map(QUADRANT_COLORS)
    for axis, values, split in (("x", x, importance_split), ("y", y, satisfaction_split)):
        low, high = min(values.min(), split), max(values.max(), split)
        pad = max(high - low, 1) * 0.2
        getattr(ax, f"set_{axis}lim")(low - pad, high + pad)
    lines = [ax.axvline(importance_split, color=MUTED, lw=1, ls="--", zorder=1),
             ax.axhline(satisfaction_split, color=MUTED, lw=1, ls="--", zorder=1)]
    ax.set(xlabel=_t("importance", language), ylabel=_t("satisfaction", language))
    _style(ax, None)
    x, y = _spread(ax, x, y)
    for marker, size, chosen in (("o", 50, ~moments), ("D", 62, moments)):
        ax.scatter(x[chosen], y[chosen], c=list(colors[chosen]), marker=marker, s=size,
                   edgecolors=INK if marker == "D" else "white", linewidths=1, zorder=3)
    corners = [ax.text(cx, cy, _t(key, language), transform=ax.transAxes, ha=ha, va=va,
                       fontsize=9.5, fontweight="bold", color=QUADRANT_COLORS[key])
               for key, cx, cy, ha, va in (("possible_overkill", 0.01, 0.99, "left", "top"),
                                           ("keep_up", 0.99, 0.99, "right", "top"),
                                           ("low_priority", 0.01, 0.01, "left", "bottom"),
                                           ("concentrate_here", 0.99, 0.01, "right", "bottom"))]
    _place_labels(ax, x, y, [_fit(n, 1.7, 8) for n in data[label].astype(str)], corners + lines)
    if moments.any():
        _legend_below(ax, [Line2D([], [], marker="D", ls="", color=NEUTRAL, mec=INK,
                                  label=_t("moment_of_truth", language))], 1)
    return ax


def priority_bars(priorities: pd.DataFrame, *, top: int = 15, ax=None, language: str = "en"):
    """The `top` touchpoints by priority (0-100), highest at the top, each bar split into the
    weighted components of the score (gap, importance, reach, moment of truth, effort)."""
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ValueError(f"`top` must be a positive whole number, not {top!r}")
    ax, data = _begin(priorities, ["name", "priority", *COMPONENTS], "priority_bars", ax,
                      (7.5, 0.38 * min(_rows(priorities), top) + 1.6),
                      _t("priority_score", language), language, ["priority"])
    if data is None:
        return ax
    data = data.assign(_p=_floats(data["priority"])).nlargest(top, "_p", keep="first")
    y, left = np.arange(len(data))[::-1], np.zeros(len(data))
    for column, (key, color) in COMPONENTS.items():
        width = np.nan_to_num(_floats(data[column])) * 100
        ax.barh(y, width, left=left, color=color, height=0.65, label=_t(key, language),
                edgecolor="white", linewidth=0.6)
        left += width
    for yi, end, priority in zip(y, left, data["_p"], strict=True):
        ax.text(end + 1, yi, _num(priority, 0, language), va="center", fontsize=8.5,
                fontweight="bold", color=INK)
    ax.set(yticks=y, xlim=(0, max(left.max() * 1.1, 10)), ylim=(-0.6, len(y) - 0.4),
           xlabel=f"{_t('priority_score', language)} (0-100)")
    ax.set_yticklabels([_fit(n, 2.4, 9) for n in data["name"].astype(str)])
    _legend_below(ax, ax.get_legend_handles_labels()[0], 5)
    return _style(ax, "x")


def change_chart(comparison: pd.DataFrame, *, ax=None, language: str = "en"):
    """Satisfaction before (hollow) and after (filled) per touchpoint, coloured by status and
    sorted by change, biggest gain first, the change written beside; new touchpoints show only
    the after point, retired ones only the before point."""
    ax, data = _begin(comparison, ["name", "satisfaction_before", "satisfaction_after",
                                   "status"], "change_chart", ax,
                      (7.5, 0.34 * _rows(comparison) + 1.6), _t("change", language), language)
    if data is None:
        return ax
    status = data["status"].astype(str).to_numpy()
    _check_choice("status", status, STATUS_COLORS)
    before, after = _floats(data["satisfaction_before"]), _floats(data["satisfaction_after"])
    group = np.select([status == "new", status == "retired"], [1, 2], 0)
    order = np.lexsort((-np.nan_to_num(after - before, nan=-np.inf), group))
    before, after, status = before[order], after[order], status[order]
    y, colors = np.arange(len(order))[::-1], np.array([STATUS_COLORS[s] for s in status])
    both, had, has = ~np.isnan(before) & ~np.isnan(after), ~np.isnan(before), ~np.isnan(after)
    ax.hlines(y[both], before[both], after[both], color="#d5d5d5", lw=2.5, zorder=1)
    ax.scatter(before[had], y[had], s=42, facecolors="white", zorder=2, linewidths=1.4,
               edgecolors=np.where(status[had] == "retired", colors[had], MUTED))
    ax.scatter(after[has], y[has], s=48, c=list(colors[has]), zorder=3)
    for yi, b, a, s in zip(y, before, after, status, strict=True):
        text = _t(s, language) if s in ("new", "retired") else _signed(a - b, language)
        ax.text(1, yi, text, transform=_beside(ax, 6), va="center", fontsize=8.5,
                color=STATUS_COLORS[s], fontweight="bold")
    ax.set(yticks=y, ylim=(-0.6, len(y) - 0.4), xlabel=_t("satisfaction", language))
    ax.set_yticklabels([_fit(n, 2.4, 9) for n in data["name"].astype(str).to_numpy()[order]])
    handles = [Line2D([], [], marker="o", ls="", mfc=mfc, mec=MUTED, label=_t(key, language))
               for key, mfc in (("before", "white"), ("after", MUTED))]
    handles += [Patch(color=STATUS_COLORS[s], label=_t(s, language))
                for s in STATUS_COLORS if s in set(status)]
    _legend_below(ax, handles, 7)
    return _style(ax, "x")


# ---------------------------------------------------------------------------------- helpers
_NO_DATA = {"ha": "center", "va": "center", "fontsize": 12, "color": MUTED, "style": "italic"}


def _t(key: str, language: str) -> str:
    if key in LABELS:
        return label(key, language)
    words = _EXTRA.get(key, {"en": key})
    return words.get(language, words["en"])


def _rows(frame) -> int:
    return 0 if frame is None else len(frame)


def _begin(frame, columns, function, ax, size, title, language, numbers=(), keep=None):
    """Check `frame`'s columns, get the Axes (a new figure of `size` inches if None), title it.

    Returns the Axes and the rows to draw: those where the `numbers` columns hold numbers and
    `keep(frame)` is true, or None, after writing "no data yet", when there are none."""
    empty = frame is None or len(frame) == 0 or frame.shape[1] == 0
    if not empty and (missing := [c for c in columns if c not in frame.columns]):
        raise ValueError(f"{function}() expected a frame with columns {', '.join(columns)}; "
                         f"got {', '.join(map(str, frame.columns))} (missing "
                         f"{', '.join(missing)})")
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", color=INK, pad=12)
    if not empty:
        rows = np.asarray(keep(frame) if keep else np.ones(len(frame)), bool)
        for column in numbers:
            rows &= ~np.isnan(_floats(frame[column]))
        frame = frame[rows]
    if empty or frame.empty:
        ax.text(0.5, 0.5, _t("no_data", language), transform=ax.transAxes, **_NO_DATA)
        ax.set(xticks=[], yticks=[])
        ax.spines[:].set_visible(False)
        return ax, None
    return ax, frame


def _matrix(matrix, ax, title, language):
    """`_begin` for a heatmap: a figure sized by the matrix, its values as floats."""
    rows, columns = (0, 0) if matrix is None else matrix.shape
    ax, matrix = _begin(matrix, [], "", ax, (max(5.0, 0.95 * columns + 2.6),
                                             max(2.5, 0.38 * rows + 1.4)), title, language)
    return ax, None if matrix is None else matrix.apply(_floats)


def _check_choice(name, given, allowed):
    """ValueError naming the values of `given` that are not `allowed`."""
    wrong = list(dict.fromkeys(v for v in given if v not in allowed))
    if wrong:
        allowed = [repr(a) for a in allowed]
        expected = " or ".join(allowed) if len(allowed) == 2 else f"one of {', '.join(allowed)}"
        raise ValueError(f"`{name}` must be {expected}, not {', '.join(map(repr, wrong))}")


def _style(ax, grid):
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#bbbbbb")
    ax.tick_params(colors=MUTED, labelcolor=INK, labelsize=9)
    ax.xaxis.label.set(color=INK, fontsize=9.5)
    ax.yaxis.label.set(fontsize=9.5)
    if grid:
        ax.grid(axis=grid, color="#e4e4e4", lw=0.8)
        ax.set_axisbelow(True)
    return ax


def _beside(ax, points):
    """Transform for text `points` to the right of the axes (x = 1) at a data y."""
    return offset_copy(ax.get_yaxis_transform(), fig=ax.figure, x=points, units="points")


def _legend_below(ax, handles, columns):
    """A frameless legend centred under the axes, a fixed distance below its tick labels."""
    labelled = ax.get_xlabel() and ax.xaxis.get_label_position() == "bottom"
    ticked = len(ax.get_xticks()) and ax.xaxis.get_ticks_position() != "top"
    below = offset_copy(ax.transAxes, fig=ax.figure, units="points",
                        y=-8 - 18 * bool(ticked) - 18 * bool(labelled))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=columns,
              bbox_transform=below, frameon=False, fontsize=8.5, handlelength=1.4,
              columnspacing=1.2)


def _heatmap(ax, values, texts, xlabel, ylabel, norm=None):
    """Annotated cells, light to dark blue, stage names on top."""
    sns.heatmap(values, ax=ax, cmap=_SEQUENTIAL, norm=norm, vmin=None if norm else 0,
                vmax=None if norm else max(np.nanmax(values.to_numpy(), initial=0), 4),
                annot=texts.to_numpy(), fmt="", cbar=False, linewidths=2, linecolor="white",
                annot_kws={"fontsize": 9})
    ax.set_xticklabels([_fit(c, 1.0, 9) for c in values.columns], rotation=0)
    ax.set_yticklabels([_fit(i, 2.2, 9) for i in values.index], rotation=0)
    ax.set_xlabel(xlabel, fontsize=9.5, color=INK)
    ax.set_ylabel(ylabel, fontsize=9.5, color=INK)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0, labelsize=9, labelcolor=INK)


def _spread(ax, x, y):
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


def _place_labels(ax, xs, ys, texts, avoid, fontsize=8):
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


def _floats(series) -> np.ndarray:
    return pd.to_numeric(pd.Series(series), errors="coerce").to_numpy(float, na_value=np.nan)


def _flags(series) -> np.ndarray:
    return pd.Series(series).astype(object).fillna(False).astype(bool).to_numpy()


def _field(row, key, missing=None):
    """`row[key]` (a number as float, else stripped text), or `missing` when absent."""
    value = row.get(key)
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return missing
    return float(value) if isinstance(value, int | float | np.number) else str(value).strip()


def _chars(width_inches, fontsize) -> int:
    """How many characters of average width fit on `width_inches` at `fontsize` points."""
    return max(4, int(width_inches * 72 / (fontsize * 0.56)))


def _fit(text, width_inches: float, fontsize: float) -> str:
    """`text` on one line of `width_inches`, cut with an ellipsis when too long."""
    text, chars = " ".join(str(text).split()), _chars(width_inches, fontsize)
    return text if len(text) <= chars else text[:chars - 1].rstrip(" ,;:-") + "…"


def _wrap(text: str, width_inches, fontsize, max_lines) -> str:
    return textwrap.fill(text, _chars(width_inches, fontsize), max_lines=max_lines,
                         placeholder=" …")


def _bullets(text: str, width_inches, fontsize, max_lines) -> str:
    """`;`-separated items as bullets (wrapped, hanging indent), cut to `max_lines` lines."""
    chars = _chars(width_inches, fontsize)
    lines = [line for item in (text.split(";") if text.strip() else ["–"]) if item.strip()
             for line in textwrap.wrap(item.strip(), chars, initial_indent="•  ",
                                       subsequent_indent="    ")]
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], lines[max_lines - 1][:chars - 2].rstrip(" ,;") + " …"]
    return "\n".join(lines)


def _num(value, decimals, language) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if language == "fr" else text


def _signed(value, language, decimals=1) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + _num(abs(value), decimals, language)


def _pct(share, language) -> str:
    return _num(share * 100, 0, language) + (" %" if language == "fr" else "%")


def _compact(value, language) -> str:
    """950, 3.4k, 12k, 1.2M (French: 3,4 k, 1,2 M): a volume in at most three digits."""
    units = (1e9, "B", " Md"), (1e6, "M", " M"), (1e3, "k", " k")
    for size, english, french in units:
        number = value / size
        if abs(number) >= 0.9995:
            text = _num(number, 1 if abs(number) < 9.95 else 0, "en").removesuffix(".0")
            return text + english if language != "fr" else text.replace(".", ",") + french
    return _num(value, 0, language)


def _sentiment(value) -> str:
    return BAD if value < 0 else GOOD if value > 0 else NEUTRAL


def _ink_on(color) -> str:
    red, green, blue = to_rgb(color)
    return INK if 0.299 * red + 0.587 * green + 0.114 * blue > 0.62 else "white"


def _normalise(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in plain if c.isalnum())


# The journey map is the product's centrepiece and has a module of its own.
from .journey_map import journey_map as journey_map  # noqa: E402

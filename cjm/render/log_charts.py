"""Charts of the event log: the funnel, transitions between stages or touchpoints, and
channel switches."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import PowerNorm
from matplotlib.patches import Rectangle

from ..labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do
from . import chartkit as kit
from .text import compact, fit
from .theme import (
    BAD,
    EASE,
    GAP_FILL,
    LIGHT,
    MAIN,
    channel_colors,
    drawing,
)

TOP_TOUCHPOINTS = 20  # transition_heatmap(level="touchpoint") shows the busiest only


# ---------------------------------------------------------------------------------- event log
@drawing
def funnel_chart(funnel: pd.DataFrame, *, persona: str = "all", ax=None,
                 language: str | None = None):
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
    ax.set_yticklabels([fit(s, 1.6, 9) + (f"\n({word('optional', language)})" if o else "")
                        for s, o in zip(data["stage"].astype(str), optional, strict=True)])
    kit.style(ax, None).spines[:].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return ax


@drawing
def transition_heatmap(transitions: pd.DataFrame, *, level: str = "stage", order=None, ax=None,
                       language: str | None = None):
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
    kit.heatmap(ax, values, values.map(lambda v: compact(v, language) if v > 0 else ""),
                word(f"to_{level}", language), word(f"from_{level}", language),
                norm=PowerNorm(0.5, vmin=0), tilt=many)
    if len(values) < (every := len(kit.ranked(data, ["source", "target"], "count"))):
        note = word("top_of", language).format(n=len(values), total=every)
        kit.set_title(ax, f"{ax.get_title(loc='left')} ({note})")
    return ax


@drawing
def switch_matrix(switches: pd.DataFrame, *, channels=None, ax=None, language: str | None = None):
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

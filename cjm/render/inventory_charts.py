"""Steps 2 and 3 charts: goals per persona and stage, touchpoints and volumes per channel
and stage, owners per stage (heatmaps)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import PowerNorm
from matplotlib.patches import Patch, Rectangle

from ..labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do
from . import chartkit as kit
from .text import compact
from .theme import (
    BAD,
    GAP_FILL,
    channel_colors,
    drawing,
)


# ---------------------------------------------------------------------------------- heatmaps
@drawing
def goal_coverage(coverage: pd.DataFrame, *, ax=None, language: str | None = None):
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


@drawing
def touchpoint_matrix(matrix: pd.DataFrame, *, value: str = "count", ax=None,
                      language: str | None = None):
    """Heatmap of touchpoints per channel (rows, with the channel's colour) and stage (columns,
    in the given order): `value="count"` for counts, `"volume"` for volumes (as 12k, 1.2M)."""
    kit.check_choice("value", [value], ("count", "volume"))
    title = word("touchpoint_matrix" if value == "count" else "volume_matrix", language)
    ax, values = kit.begin_matrix(matrix, ax, title, language)
    if values is None:
        return ax
    number = (lambda v: f"{v:.0f}") if value == "count" else (lambda v: compact(v, language))
    kit.heatmap(ax, values, values.map(lambda v: number(v) if v > 0 else ""),
                word("stage", language), word("channel", language),
                norm=PowerNorm(0.5, vmin=0) if value == "volume" else None)
    ax.tick_params(axis="y", pad=17)
    for i, color in enumerate(channel_colors(values.index).values()):
        ax.plot(0, i + 0.5, "s", ms=8, color=color, clip_on=False, transform=kit.beside(ax, -9))
    return ax


@drawing
def owners_by_stage(owners: pd.DataFrame, *, ax=None, language: str | None = None):
    """Heatmap of touchpoints per owning department (rows) and stage (columns): the empty cells
    show the stages a department never sees (silos)."""
    ax, values = kit.begin_matrix(owners, ax, word("owners_by_stage", language), language)
    if values is not None:
        kit.heatmap(ax, values, values.map(lambda v: f"{v:.0f}" if v > 0 else ""),
                    word("stage", language), word("owner", language))
    return ax

"""Step 1 charts: the persona card and the shares of the customer base."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

from ..errors import ArgumentError
from ..labels import label as word  # `word`: some charts take a `label=` column, as seaborn's do
from ..messages import tr
from . import chartkit as kit
from .text import bullets, fit, pct, wrap
from .theme import (
    BAD,
    INK,
    LIGHT,
    MAIN,
    MUTED,
    channel_colors,
    drawing,
    ink_on,
)


# ---------------------------------------------------------------------------------- personas
@drawing
def persona_card(persona: pd.Series, *, language: str | None = None, figsize=(6, 4.5), **kwargs):
    """A card for one persona (a row of the personas table): who they are, needs and
    frustrations (";"-separated items become bullets), preferred channels as coloured chips,
    digital ease as five dots and their share of customers. Returns the Figure."""
    if "ax" in kwargs:
        raise ArgumentError(tr("persona_card() is figure-level and draws a whole figure: it "
                               "does not take `ax=`; place the returned Figure instead"))
    if kwargs:
        raise ArgumentError(tr("persona_card() got an unexpected keyword argument {name}",
                               name=repr(next(iter(kwargs)))))
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
    write(width - m, top, "–" if share is None else pct(share, language), 17, ha="right",
          fontweight="bold", color=MAIN)
    write(width - m, top - 0.42, fit(word("share", language), 1.6, 7.5), 7.5, ha="right",
          color=MUTED)
    write(m, top, fit(kit.field(persona, "name", ""), width - 2.2, 14), 14, fontweight="bold")
    write(m, top - 0.38, fit(kit.field(persona, "segment", ""), width - 2.2, 9.5), 9.5,
          color=MUTED)
    about = wrap(kit.field(persona, "description", "–"), width - 2 * m, 9, 2)
    write(m, height - 1.22, about, style="italic", linespacing=1.35)
    y = height - 1.44 - 0.17 * (about.count("\n") + 1)
    column = (width - 3 * m) / 2
    lines = max(1, int((y - 0.3 - 1.2) / (9 * 1.35 / 72)))  # bullets end above the channels
    for x, key, color in ((m, "needs", MAIN), (2 * m + column, "frustrations", BAD)):
        ax.add_patch(Rectangle((x, y - 0.16), 0.05, 0.15, color=color, lw=0))
        write(x + 0.12, y, word(key, language), 9.5, fontweight="bold")
        write(x, y - 0.3, bullets(kit.field(persona, key, ""), column, 9, lines),
              linespacing=1.35)
    write(m, 1.05, word("preferred_channels", language), 9.5, fontweight="bold")
    channels = persona.get("preferred_channels")
    colors = channel_colors(channels if isinstance(channels, list | tuple | np.ndarray) else [])
    x, y, right, chips = m + 0.05, 0.62, width - 2.2, []
    for i, (name, color) in enumerate(colors.items()):
        chip = write(x, y, fit(name, right - m, 8), 8, va="center", color=ink_on(color),
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
    write(width - 1.9, 1.05, fit(word("digital_ease", language), 1.6, 9.5), 9.5,
          fontweight="bold")
    for i in range(5):
        filled = ease is not None and i < round(ease)
        ax.add_patch(Circle((width - 1.78 + i * 0.26, 0.62), 0.09, lw=1.2,
                            fc=MAIN if filled else "white", ec=MAIN if filled else "#bbbbbb"))
    write(width - m, 0.62, "–" if ease is None else f"{ease:.0f}/5", 8.5, ha="right",
          va="center", color=MUTED)
    return fig


@drawing
def persona_shares(shares: pd.DataFrame, *, ax=None, language: str | None = None):
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
        ax.text(value + values.max() * 0.015, yi, pct(value / 100, language), va="center",
                fontsize=9, color=INK)
    ax.set(yticks=y, xlim=(0, values.max() * 1.15 or 1))
    ax.set_yticklabels([fit(n, 2.2, 9) for n in data["name"].astype(str)])
    ax.xaxis.set_major_formatter(lambda v, _: pct(v / 100, language))
    return kit.style(ax, "x")

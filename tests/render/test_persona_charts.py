"""cjm.render.persona_charts: the persona card (who, needs, frustrations, channels, digital
ease, share) and the bars of each persona's share of customers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chart_samples import PERSONA, SHARES, bars, texts
from matplotlib.colors import to_hex
from matplotlib.patches import Circle

from cjm.render.persona_charts import persona_card, persona_shares
from cjm.render.theme import MAIN, channel_colors


def dots(ax) -> list[Circle]:
    """The five dots of digital ease."""
    return [p for p in ax.patches if isinstance(p, Circle)]


# ---------------------------------------------------------------------------------- card
def test_persona_card_shows_who_needs_frustrations_channels_and_ease():
    fig = persona_card(PERSONA)
    ax = fig.axes[0]
    shown = "\n".join(texts(ax))
    for words in ("Emma, the mobile native", "Young urban", "35%", "Needs", "Frustrations",
                  "•  Pay in two taps", "•  Live tracking", "•  Payment failures",
                  "Preferred channels", "Digital ease", "4/5"):
        assert words in shown
    colors = channel_colors(["Mobile app", "Chat"])
    chips = {t.get_text(): to_hex(t.get_bbox_patch().get_facecolor()) for t in ax.texts
             if t.get_bbox_patch() is not None}
    assert chips == {name: to_hex(color) for name, color in colors.items()}
    assert len(dots(ax)) == 5
    assert sum(to_hex(d.get_facecolor()) != "#ffffff" for d in dots(ax)) == 4


def test_persona_card_in_french_with_missing_values():
    persona = PERSONA.copy()
    persona["share"], persona["digital_ease"], persona["needs"] = pd.NA, pd.NA, pd.NA
    ax = persona_card(persona, language="fr").axes[0]
    shown = texts(ax)
    assert "Besoins" in shown and "Canaux préférés" in shown and "Aisance numérique" in shown
    assert "–" in shown  # share and ease unknown
    assert all(to_hex(d.get_facecolor()) == "#ffffff" for d in dots(ax))


def test_persona_card_keeps_everything_inside_the_figure():
    persona = PERSONA.copy()
    persona["name"] = "Marie-Christine de La Fontaine-Beaumarchais, la cliente fidèle " * 2
    persona["description"] = "Retraitée très active qui compare tout en magasin. " * 8
    persona["needs"] = "; ".join(["Un interlocuteur humain qui connaît son historique"] * 9)
    persona["frustrations"] = ";".join(["Attente au téléphone"] * 12)
    persona["preferred_channels"] = ["Téléphone", "Magasin", "Courrier", "Site web",
                                     "Application mobile", "Réseaux sociaux", "Portail client",
                                     "Fax", "Télévision"]
    for figsize in [(6, 4.5), (4, 3.5)]:
        fig = persona_card(persona, language="fr", figsize=figsize)
        fig.canvas.draw()
        renderer, frame = fig.canvas.get_renderer(), fig.bbox
        shown = [t for t in fig.axes[0].texts if t.get_visible()]
        for text in shown:
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1, text.get_text()
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1, text.get_text()
        boxes = [t.get_window_extent(renderer) for t in shown]
        overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                    if a.overlaps(b)]
        assert not overlaps
        assert any(t.get_text().startswith("+") for t in shown)  # channels that did not fit


def test_persona_card_counts_the_channels_that_did_not_fit():
    persona = PERSONA.copy()
    persona["preferred_channels"] = [f"Channel number {i}" for i in range(12)]
    ax = persona_card(persona, figsize=(4, 3.5)).axes[0]
    chips = [t for t in ax.texts if t.get_bbox_patch() is not None]
    *named, last = chips
    assert [t.get_text() for t in named] == [f"Channel number {i}" for i in range(len(named))]
    assert last.get_text() == f"+{12 - len(named)}"  # the last chip counts the others
    assert to_hex(last.get_bbox_patch().get_facecolor()) == "#e2e2e2"


def test_persona_card_is_figure_level():
    with pytest.raises(TypeError, match=r"persona_card\(\) is figure-level .* `ax=`"):
        persona_card(PERSONA, ax=plt.gca())
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        persona_card(PERSONA, colour="red")


def test_persona_card_without_data():
    fig = persona_card(pd.Series(dtype=object))
    assert texts(fig.axes[0]) == ["no data yet"]


def test_persona_card_has_the_size_asked_for():
    fig = persona_card(PERSONA, figsize=(5, 4))
    assert tuple(fig.get_size_inches()) == (5, 4)


# ---------------------------------------------------------------------------------- shares
def test_persona_shares_bars_in_percent_highest_at_top():
    ax = persona_shares(SHARES, language="fr")
    assert [b.get_width() for b in bars(ax)] == pytest.approx([15, 35, 50])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Nadia", "Emma", "Karim"]
    assert texts(ax) == ["15\u202f%", "35\u202f%", "50\u202f%"]
    assert ax.get_title(loc="left") == "Part de la clientèle"


def test_persona_shares_in_english_in_one_colour_with_a_percent_axis():
    ax = persona_shares(SHARES)
    assert texts(ax) == ["15%", "35%", "50%"]
    assert {to_hex(b.get_facecolor()) for b in bars(ax)} == {MAIN}
    assert ax.get_xlim() == pytest.approx((0, 57.5))  # room for the largest bar's label
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["0%", "10%", "20%"]
    assert ax.get_title(loc="left") == "Share of customers"

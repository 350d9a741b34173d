"""cjm.render.log_charts: the charts of the event log: the funnel of customers reaching each
stage, the heatmap of transitions between stages or touchpoints, and the matrix of channel
switches."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from chart_samples import FUNNEL, RETAIL, SWITCHES, TRANSITIONS, bars, texts
from matplotlib.colors import to_hex

from cjm.render.log_charts import funnel_chart, switch_matrix, transition_heatmap
from cjm.render.theme import BAD, EASE, MAIN, channel_colors


def hexes(colors) -> list[str]:
    return [to_hex(c) for c in colors]


# ---------------------------------------------------------------------------------- funnel
def test_funnel_chart_centred_bars_of_customers_with_share_and_drop_off():
    ax = funnel_chart(FUNNEL)
    drawn = bars(ax)
    assert [b.get_width() for b in drawn] == [4500, 4140, 3700, 3000, 2670, 900]
    assert [b.get_x() + b.get_width() / 2 for b in drawn] == pytest.approx([2250] * 6)
    assert [round(b.get_y() + b.get_height() / 2) for b in drawn] == [0, 1, 2, 3, 4, 5]
    assert ax.get_ylim() == (5.5, -0.5)  # the first stage at the top
    assert [t.get_text() for t in ax.get_yticklabels()] == RETAIL
    assert texts(ax)[:2] == ["4,500  ·  100%", "−8%"]
    assert [t for t in texts(ax) if t.startswith("−")] == ["−8%", "−11%", "−19%", "−11%", "−66%"]
    assert "900  ·  20%" in texts(ax) and "Drop-off" in texts(ax)
    assert hexes(b.get_facecolor() for b in drawn) == [MAIN] * 4 + [BAD, MAIN]
    worst = next(t for t in ax.texts if t.get_text() == "−66%")
    assert to_hex(worst.get_color()) == BAD and worst.get_position()[1] == 4.5
    assert ax.get_title(loc="left") == "Funnel"


def test_funnel_chart_of_one_persona_in_french():
    ax = funnel_chart(FUNNEL, persona="P1", language="fr")
    assert [b.get_width() for b in bars(ax)] == [1800, 1700, 1500, 1300, 1200, 300]
    assert texts(ax)[0] == "1\u202f800  ·  100\u202f%"
    assert "−75\u202f%" in texts(ax) and "Abandon" in texts(ax)
    assert ax.get_title(loc="left") == "Entonnoir – P1"
    assert ax.get_xlabel() == "Clients atteignant l'étape  ·  part"


def test_funnel_chart_names_the_personas_it_has():
    with pytest.raises(ValueError, match=r"^`persona` must be 'all' or 'P1', not 'P9'$"):
        funnel_chart(FUNNEL, persona="P9")


def test_funnel_chart_hatches_optional_stages():
    frame = FUNNEL[FUNNEL["persona_id"] == "all"].assign(
        optional=[False, True, False, False, False, False])
    ax = funnel_chart(frame)
    drawn = bars(ax)
    assert [b.get_hatch() for b in drawn] == [None, "//", None, None, None, None]
    assert hexes(b.get_facecolor() for b in drawn)[:2] == [MAIN, EASE]
    assert [t.get_text() for t in ax.get_yticklabels()][1] == "Learn\n(optional)"


# ---------------------------------------------------------------------------------- transitions
def test_transition_heatmap_of_stages_in_the_given_order():
    ax = transition_heatmap(TRANSITIONS, order=RETAIL, language="fr")
    names = ["Discover", "Learn", "Buy", "Receive"]  # the stages present, in journey order
    assert [t.get_text() for t in ax.get_xticklabels()] == names
    assert [t.get_text() for t in ax.get_yticklabels()] == names
    assert texts(ax) == ["40", "1,8 k", "1,2 k", "2,2 k"]  # row by row; the touchpoint row left out
    assert ax.get_title(loc="left") == "Transitions entre étapes"
    assert ax.get_ylabel() == "Étape de départ" and ax.get_xlabel() == "Étape d'arrivée"


def test_transition_heatmap_without_order_puts_the_busiest_first():
    ax = transition_heatmap(TRANSITIONS)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Buy", "Learn", "Receive",
                                                            "Discover"]
    assert texts(ax) == ["2.2k", "1.2k", "1.8k", "40"]  # Buy->Receive, Learn->Buy, ...


def test_transition_heatmap_shows_the_busiest_20_touchpoints_only():
    names = [f"TP{i:02d}" for i in range(30)]
    chain = pd.DataFrame({"level": "touchpoint", "source": names[:-1], "target": names[1:],
                          "count": np.arange(29, 0, -1) * 100, "customers": 10,
                          "median_seconds": 5.0})
    busiest = transition_heatmap(chain, level="touchpoint")
    assert [t.get_text() for t in busiest.get_yticklabels()][:2] == ["TP01", "TP02"]
    ax = transition_heatmap(chain, level="touchpoint", order=names)
    assert [t.get_text() for t in ax.get_yticklabels()] == names[:20]
    assert [t.get_text() for t in ax.get_xticklabels()] == names[:20]
    assert texts(ax) == [f"{n / 10:.1f}k".replace(".0k", "k") for n in range(29, 10, -1)]
    assert ax.get_title(loc="left") == "Transitions between touchpoints (busiest 20 of 30)"
    assert ax.get_xticklabels()[0].get_rotation() == 50
    few = transition_heatmap(TRANSITIONS, level="touchpoint")
    assert texts(few) == ["900"] and "busiest" not in few.get_title(loc="left")


def test_transition_heatmap_refuses_an_unknown_level():
    with pytest.raises(ValueError, match=r"^`level` must be 'stage' or 'touchpoint', not 'x'$"):
        transition_heatmap(TRANSITIONS, level="x")


# ---------------------------------------------------------------------------------- switches
def test_switch_matrix_counts_and_rates_with_a_blank_diagonal():
    ax = switch_matrix(SWITCHES, channels=["Phone", "Website", "Chat"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phone", "Website", "Chat"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Phone", "Website", "Chat"]
    assert texts(ax) == ["300\n30%", "1.2k\n12%", "80\n1%", "45\n5%"]
    cells = ax.collections[0].get_array().reshape(3, 3)
    assert np.ma.getmaskarray(cells).diagonal().all()  # no colour on the diagonal
    assert cells[1, 0] == 1200 and np.ma.is_masked(cells[0, 2])  # Phone -> Chat: none
    assert ax.get_title(loc="left") == "Channel switches (repeat contact)"
    assert ax.get_ylabel() == "From channel" and ax.get_xlabel() == "To channel"
    squares = [line.get_color() for line in ax.lines]
    assert squares == list(channel_colors(["Phone", "Website", "Chat"]).values())


def test_switch_matrix_in_french_busiest_first():
    ax = switch_matrix(SWITCHES, language="fr")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Website", "Phone", "Chat"]
    assert texts(ax)[0] == "1,2 k\n12\u202f%"
    assert ax.get_title(loc="left") == "Changements de canal (recontact)"
    assert ax.get_ylabel() == "Canal de départ" and ax.get_xlabel() == "Canal d'arrivée"

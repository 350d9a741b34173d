"""cjm.render.theme: channel colours (fixed for the usual channels in English and French,
stable and distinct for the others), sentiment colours, readable ink on a fill, the theme's
language (`set_theme`, the `theme` block, checked languages) and the decorators that draw every
text plain, a `$` being a dollar sign."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from cjm.errors import ArgumentError
from cjm.render.theme import (
    BAD,
    GOOD,
    INK,
    LIGHT,
    MAIN,
    NEUTRAL,
    SPARE,
    channel_colors,
    checked_language,
    current_language,
    drawing,
    ink_on,
    normalise,
    plain_text,
    sentiment,
    set_theme,
    theme,
)


# ---------------------------------------------------------------------------------- channels
def test_channel_colors_are_fixed_for_known_channels_in_any_language():
    english = channel_colors(["Website", "Phone", "Store", "E-mail"])
    french = channel_colors(["Magasin", "Site web", "Téléphone", "Courriel"])
    assert english["Website"] == french["Site web"]
    assert english["Phone"] == french["Téléphone"]
    assert english["Store"] == french["Magasin"]
    assert english["E-mail"] == french["Courriel"]
    assert channel_colors(["Chat"])["Chat"] == channel_colors(["Store", "Chat"])["Chat"]


def test_channel_colors_are_distinct_and_stable_for_other_channels():
    names = ["Website", "Fax", "Kiosk", "Carrier pigeon", "Fax"]
    colors = channel_colors(names)
    assert list(colors) == ["Website", "Fax", "Kiosk", "Carrier pigeon"]
    assert len(set(colors.values())) == 4
    alone = channel_colors(["Carrier pigeon"])["Carrier pigeon"]
    assert channel_colors(["Phone", "Carrier pigeon", "Store"])["Carrier pigeon"] == alone


def cielab(color) -> np.ndarray:
    """CIE L*a*b* (D65) of a matplotlib colour: Euclidean distances there follow the eye."""
    rgb = np.array(to_rgb(color))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / [0.95047, 1.0, 1.08883]
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_spare_channel_colors_are_clearly_distinct_from_the_others():
    known = ["Website", "Mobile app", "E-mail", "Phone", "Chat", "Store", "Social media",
             "Self-service portal", "Mail", "Field agent"]  # common channels
    others = ["Self-service customer portal", "Branch office", "Field agent visit", "Fax",
              "Kiosk", "WhatsApp", "Carrier pigeon", "Television"]  # as many as spare colours
    colors = channel_colors(known + others)
    assert len(set(colors.values())) == len(colors)
    for a, b in itertools.combinations(colors, 2):
        distance = np.linalg.norm(cielab(colors[a]) - cielab(colors[b]))
        assert distance > 10, (a, b)  # the closest fixed pair: portal and field agent, 10.4
        if a in others or b in others:  # up to about 10, colours still read as "similar"
            assert distance > 20, (a, b)


def test_channel_colors_of_known_channels_and_their_synonyms():
    assert channel_colors(["Website", "Mobile app", "Phone", "Chat"]) == {
        "Website": MAIN, "Mobile app": "#7e63b8", "Phone": "#8c6d4f", "Chat": "#2fa3b5"}
    # case, accents, spaces and punctuation do not matter
    assert channel_colors(["APPLICATION MOBILE"])["APPLICATION MOBILE"] == "#7e63b8"
    assert channel_colors(["live-chat"])["live-chat"] == "#2fa3b5"
    assert channel_colors(["Réseaux sociaux"])["Réseaux sociaux"] == "#d66ba0"
    assert channel_colors(["Social media"])["Social media"] == "#d66ba0"


def test_two_names_of_one_channel_in_one_call_get_two_colours():
    colors = channel_colors(["Website", "Site web"])
    assert colors["Website"] == MAIN
    assert colors["Site web"] in SPARE  # no two channels of a call share a colour


def test_channel_colors_skip_missing_names_and_take_any_iterable():
    assert channel_colors(["Website", None, np.nan, "Chat"]) == {"Website": MAIN,
                                                                "Chat": "#2fa3b5"}
    assert channel_colors([]) == {}
    assert channel_colors(name for name in ["Phone"]) == {"Phone": "#8c6d4f"}
    assert channel_colors([3]) == {"3": channel_colors(["3"])["3"]}  # names as text


def test_beyond_the_spare_colours_unknown_channels_share_them():
    colors = channel_colors([f"Channel {i}" for i in range(len(SPARE) + 2)])
    assert set(colors.values()) == set(SPARE)


def test_normalise_drops_accents_case_spaces_and_punctuation():
    assert normalise("Site web") == "siteweb"
    assert normalise("Téléphone") == "telephone"
    assert normalise("E-mail") == "email"
    assert normalise(" Self-service portal! ") == "selfserviceportal"


# ---------------------------------------------------------------------------------- colours
def test_sentiment_is_red_below_zero_green_above_grey_at_zero():
    assert [sentiment(v) for v in (-2, -0.1, 0, 0.1, 2)] == [BAD, BAD, NEUTRAL, GOOD, GOOD]


def test_ink_on_a_fill_is_white_on_dark_and_dark_on_light():
    assert ink_on(MAIN) == "white"
    assert ink_on(BAD) == "white"
    assert ink_on("black") == "white"
    assert ink_on(LIGHT) == INK
    assert ink_on("white") == INK
    assert ink_on("#ffff00", dark="#111111") == "#111111"  # yellow: the dark ink asked for
    assert ink_on((0.2, 0.2, 0.2)) == "white"  # any matplotlib colour


# ---------------------------------------------------------------------------------- language
def test_set_theme_sets_the_language_of_every_chart():
    assert current_language() == "en"  # conftest starts each test in English
    set_theme(language="fr")
    assert current_language() == "fr"
    assert current_language("en") == "en"  # a language given wins
    set_theme()
    assert current_language() == "en"


def test_a_theme_block_restores_the_language_even_after_an_error():
    set_theme(language="fr")
    with theme(language="en"):
        assert current_language() == "en"
        with theme(language="fr"):
            assert current_language() == "fr"
        assert current_language() == "en"
    assert current_language() == "fr"
    with pytest.raises(RuntimeError), theme(language="en"):
        raise RuntimeError("drawing failed")
    assert current_language() == "fr"


@pytest.mark.parametrize("language", ["de", "EN", "", None])
def test_an_unknown_language_is_refused_and_changes_nothing(language):
    set_theme(language="fr")
    with pytest.raises(ArgumentError, match=rf"^`language` must be 'en' or 'fr', not "
                                            rf"{language!r}$") as error:
        set_theme(language=language)
    assert error.value.argument == "language"
    assert current_language() == "fr"
    with pytest.raises(ArgumentError):
        checked_language(language)
    if language is not None:  # None asks for the theme's language
        with pytest.raises(ArgumentError):
            current_language(language)


def test_checked_language_returns_a_known_language():
    assert checked_language("en") == "en" and checked_language("fr") == "fr"


def test_an_unknown_language_in_a_theme_block_keeps_the_language():
    with pytest.raises(ArgumentError), theme(language="de"):
        pass
    assert current_language() == "en"


# ---------------------------------------------------------------------------------- plain text
HOSTILE = "$5^^ $"  # drawn as matplotlib's math notation, it would raise


@plain_text
def labelled(name):
    fig, ax = plt.subplots()
    return fig, ax.text(0, 0, name), ax.set_title(name)


def test_plain_text_draws_a_dollar_as_a_dollar_even_after_the_call():
    fig, text, title = labelled(HOSTILE)
    assert not text.get_parse_math() and not title.get_parse_math()
    assert matplotlib.rcParams["text.parse_math"] is True  # only inside the call
    fig.canvas.draw()  # rendered later, as a saved figure is: no math, no error
    assert text.get_text() == HOSTILE
    assert labelled.__name__ == "labelled"


def test_without_plain_text_the_same_name_would_not_draw():
    fig, ax = plt.subplots()
    ax.text(0, 0, HOSTILE)
    with pytest.raises(ValueError):
        fig.canvas.draw()


@drawing
def chart(frame, *, language=None):
    fig, ax = plt.subplots()
    return language, ax.text(0, 0, frame)


@drawing
def wordless(frame, **kwargs):
    return kwargs


def test_drawing_fills_in_the_theme_language_and_draws_plain_text():
    assert chart("x")[0] == "en"
    with theme(language="fr"):
        assert chart("x")[0] == "fr"
        assert chart("x", language="en")[0] == "en"
    language, text = chart(HOSTILE)
    assert not text.get_parse_math()
    with pytest.raises(ArgumentError, match="not 'de'"):
        chart("x", language="de")


def test_drawing_gives_no_language_to_a_function_that_takes_none():
    assert wordless("x") == {}
    assert wordless("x", colour="red") == {"colour": "red"}


def test_a_french_charts_numeric_ticks_use_the_decimal_comma():
    import matplotlib.pyplot as plt
    import pandas as pd

    from cjm.render import charts

    frame = pd.DataFrame({"name": ["A", "B"], "importance": [1.5, 4.5],
                          "satisfaction": [2.25, 3.75], "quadrant": ["low_priority", "keep_up"],
                          "moment_of_truth": [False, True]})
    for language, mark, other in (("fr", ",", "."), ("en", ".", ",")):
        ax = charts.ipa_chart(frame, importance_split=3, satisfaction_split=3,
                              language=language)
        ax.figure.canvas.draw()
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert any(mark in t for t in ticks) and not any(other in t for t in ticks), ticks
        plt.close(ax.figure)

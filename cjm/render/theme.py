"""The look of everything cjm draws: one palette, channel colours, and the drawing context.

Colours: red (bad) / grey / green (good) for sentiment, one colour per channel (the same in
every chart, the map and the live board), one blue for plain quantities; the journey map's
blue-grey inks. The context, like seaborn's `set_theme`, holds what every chart would
otherwise be told one by one: the language of its words. `set_theme(language="fr")` sets it
(a step notebook does so from the project), `theme(language=...)` sets it for a block, and a
chart given `language=` explicitly uses that. Charts draw text as text, never as
matplotlib's math notation: a `$` in a name is a dollar sign.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import unicodedata
import zlib

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from ..errors import ArgumentError
from ..messages import tr

LANGUAGES = ("en", "fr")

# ---------------------------------------------------------------------------------- palette
BAD, NEUTRAL, GOOD = "#c0504d", "#9a9a9a", "#4e9a6b"
MAIN, EASE, INK, MUTED, LIGHT = "#3a6ea5", "#8fb3d9", "#2b2b2b", "#6b6b6b", "#eef1f5"
GAP_FILL = "#f6d6d4"
WARNING_FILL, WARNING_EDGE, UNSET = "#fff4e5", "#e8a33d", "#c8c8c8"
UNSCORED_INK = "#a0a0a0"  # the names of touchpoints nobody scored yet
QUADRANT_COLORS = {"concentrate_here": BAD, "keep_up": GOOD, "low_priority": NEUTRAL,
                   "possible_overkill": "#d49a2a"}
# stated against derived importance (cjm.steps.drivers)
DRIVER_COLORS = {"key": MAIN, "hidden": BAD, "overrated": "#d49a2a", "secondary": NEUTRAL}
STATUS_COLORS = {"improved": GOOD, "worsened": BAD, "stable": NEUTRAL, "new": MAIN,
                 "retired": "#555555", "unscored": "#b0b0b0"}
# the priority score's weighted components: column -> (word, colour)
PRIORITY_COLORS = {"w_gap": ("gap", "#2f5f8f"), "w_importance": ("importance", "#7fa7d4"),
                   "w_reach": ("reach", "#5aae9b"),
                   "w_moment_of_truth": ("moment_of_truth", "#e0a84f"),
                   "w_effort": ("effort", "#b3b3b3")}
SEQUENTIAL = LinearSegmentedColormap.from_list("cjm", ["#f3f6fa", "#a9c3e0", MAIN, "#24496f"])
# the journey map: blue-grey inks, gold for moments of truth, and the sentiment colours with
# lighter tints at -1 and +1
MAP_INK, MAP_MUTED, MAP_LINE, GOLD = "#263238", "#607D8B", "#CFD8DC", "#B8860B"
SENTIMENT = LinearSegmentedColormap.from_list(
    "sentiment", [BAD, "#d47a76", NEUTRAL, "#6fae86", GOOD])

# The usual channels (English, French and synonyms, normalised) keep one colour in every
# chart; other channels get a spare colour chosen from their name, so it is stable too.
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
KNOWN_CHANNELS = {name: color for color, names in _CHANNEL_FAMILIES.items()
                  for name in names.split()}
# Olive, plum, indigo, dark teal, lavender, sand, charcoal, light cyan: each at least 20 CIELAB
# units from every channel colour above, from the sentiment colours and from each other.
SPARE = ["#6b8e23", "#8e3b6b", "#2e3f8f", "#1f7a6f", "#b7a6e0", "#e3c0a0", "#3d3d3d", "#80deea"]


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
        color = KNOWN_CHANNELS.get(normalise(name))
        if color and color not in colors.values():
            colors[name] = color
    for name in (n for n in names if n not in colors):
        start = zlib.crc32(normalise(name).encode())
        spare = [SPARE[(start + i) % len(SPARE)] for i in range(len(SPARE))]
        colors[name] = next((c for c in spare if c not in colors.values()), spare[0])
    return {name: colors[name] for name in names}


def normalise(name: str) -> str:
    """`name` without accents, case, spaces or punctuation: "Site web" -> "siteweb"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in plain if c.isalnum())


def sentiment(value) -> str:
    """Red below 0, green above, grey at 0."""
    return BAD if value < 0 else GOOD if value > 0 else NEUTRAL


def ink_on(color, dark: str = INK) -> str:
    """`dark` or white text, whichever reads better on `color`."""
    red, green, blue = to_rgb(color)
    return dark if 0.299 * red + 0.587 * green + 0.114 * blue > 0.62 else "white"


# ---------------------------------------------------------------------------------- context
_THEME = {"language": "en"}
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}


def set_theme(*, language: str = "en") -> None:
    """Set the language every chart and map speaks when not told otherwise."""
    _THEME["language"] = checked_language(language)


@contextlib.contextmanager
def theme(*, language: str):
    """`set_theme` for the duration of a `with` block."""
    before = dict(_THEME)
    set_theme(language=language)
    try:
        yield
    finally:
        _THEME.update(before)


def current_language(given: str | None = None) -> str:
    """`given` when it is set, else the theme's language."""
    return checked_language(given) if given is not None else _THEME["language"]


def checked_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ArgumentError(tr("`language` must be 'en' or 'fr', not {language}",
                               language=repr(language)), "language")
    return language


def plain_text(function):
    """Draw with every text plain: a `$` in a name is a dollar sign, never the start of
    matplotlib's math notation (it would draw italics, or fail to draw at all). Text keeps
    this setting from its creation to its rendering."""
    @functools.wraps(function)
    def drawn(*args, **kwargs):
        with matplotlib.rc_context(PLAIN_TEXT):
            return function(*args, **kwargs)

    return drawn


def drawing(function):
    """A chart function drawn in the theme: every text plain (a `$` in a name is a dollar
    sign, never the start of matplotlib's math notation: it would draw italics, or fail to draw
    at all), and `language=None` taken from the theme."""
    takes_language = "language" in inspect.signature(function).parameters

    @functools.wraps(function)
    def drawn(*args, **kwargs):
        if takes_language:
            kwargs["language"] = current_language(kwargs.get("language"))
        with matplotlib.rc_context(PLAIN_TEXT):
            result = function(*args, **kwargs)
        if current_language(kwargs.get("language")) == "fr":
            _french_ticks(result)
        return result

    return drawn


class _FrenchTicks(ScalarFormatter):
    """matplotlib's tick numbers with a decimal comma (3,25), as French is written."""

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", ",")


def _french_ticks(drawn) -> None:
    """Numeric ticks of `drawn` (an Axes or a Figure) written the French way; ticks a chart
    formats itself (percentages, names) are left as they are."""
    axes = drawn.axes if isinstance(drawn, Figure) else [drawn] if isinstance(drawn, Axes) \
        else []
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_FrenchTicks())

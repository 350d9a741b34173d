"""Text on figures, measured: how wide it is in the font cjm draws with, how it wraps to a
width and where it is cut with "…"; and numbers written the way each language writes them.

One measure for every figure (the journey map and the charts alike): DejaVu Sans, as
matplotlib renders it, with room for the pixel rounding of small text in PNGs. Measuring is
the slow part, so widths are cached, and wrapping guesses a line's words from their characters
before checking.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from ..labels.numbers import num, pct, signed, whole  # noqa: F401  (the language's numbers)

FONT = "DejaVu Sans"
ELLIPSIS = "…"


def width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width in inches of `text` at `size` points."""
    return _width_100(text, weight, style) * size / 100 * 1.06


def fit(text, width_inches: float, size: float, weight: str = "normal",
        style: str = "normal") -> str:
    """`text` on one line of `width_inches`, cut with "…" when too wide."""
    return wrap_lines(text, width_inches, size, 1, weight, style)[0]


def wrap(text, width_inches: float, size: float, max_lines: int, weight: str = "normal",
         style: str = "normal") -> str:
    """`text` wrapped to `width_inches`, at most `max_lines` lines, joined with line breaks."""
    return "\n".join(wrap_lines(text, width_inches, size, max_lines, weight, style))


def wrap_lines(text, width_inches: float, size: float, max_lines: int,
               weight: str = "normal", style: str = "normal") -> list[str]:
    """`text` broken into lines no wider than `width_inches`, "…" beyond `max_lines`.

    Greedy: a line takes words while they fit, a word wider than a line is cut; the words
    past the budget are not measured at all.
    """
    lines, line, words = [], "", str(text).split()
    while words and len(lines) < max_lines:
        k = _fitting(line, words, width_inches, size, weight, style)
        line, words = " ".join([line, *words[:k]]).strip(), words[k:]
        if not words:
            break
        if line:
            lines.append(line)
        line, words = words[0], words[1:]
        while len(line) > 1 and width(line, size, weight, style) > width_inches:  # a long word
            cut = next(n for n in range(len(line) - 1, 0, -1)
                       if n == 1 or width(line[:n], size, weight, style) <= width_inches)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and width(last + ELLIPSIS, size, weight, style) > width_inches:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last.rstrip(" ,;:.-") + ELLIPSIS]
    return lines


def bullets(text: str, width_inches: float, size: float, max_lines: int) -> str:
    """`;`-separated items as bullets (wrapped, hanging indent), at most `max_lines` lines."""
    items = [item.strip() for item in text.split(";") if item.strip()] or ["–"]
    indent = width("•  ", size)
    lines = []
    for item in items:
        wrapped = wrap_lines(item, width_inches - indent, size, max_lines)
        lines += ["•  " + wrapped[0], *("    " + rest for rest in wrapped[1:])]
    if len(lines) > max_lines:
        cut = lines[max_lines - 1]
        while cut and width(cut + " " + ELLIPSIS, size) > width_inches:
            cut = cut[:-1]
        lines = [*lines[:max_lines - 1], cut.rstrip(" ,;") + " " + ELLIPSIS]
    return "\n".join(lines)


def chars(width_inches: float, size: float) -> int:
    """About how many characters of average width fit on `width_inches` at `size` points
    (for text measured by a browser, as in the live board's SVG)."""
    return max(4, int(width_inches * 72 / (size * 0.56)))


def _fitting(line: str, words: list[str], width_inches: float, size: float, weight: str,
             style: str) -> int:
    """How many of `words` fit after `line`, as if added one at a time while they fit. A line
    only gets wider with each word, so the count is guessed from the characters that would
    fit (the font averages 0.55 em a character, 0.62 in bold), then corrected."""
    def fits(k: int) -> bool:
        return width(" ".join([line, *words[:k]]).strip(), size, weight, style) <= width_inches

    room = width_inches * 72 / size / (0.62 if weight == "bold" else 0.55) - len(line)
    k = 1
    while k < len(words) and len(" ".join(words[:k + 1])) < room:
        k += 1
    if fits(k):
        while k < len(words) and fits(k + 1):
            k += 1
        return k
    k -= 1
    while k and not fits(k):
        k -= 1
    return k


@lru_cache(maxsize=50_000)
def _width_100(text: str, weight: str, style: str) -> float:
    font = FontProperties(family=FONT, size=100, weight=weight, style=style)
    return _renderer().get_text_width_height_descent(text, font, ismath=False)[0] / 72


@lru_cache(maxsize=1)
def _renderer() -> RendererAgg:
    return RendererAgg(10, 10, 72)


# ---------------------------------------------------------------------------------- numbers
def compact(value, language) -> str:
    """950, 3.4k, 12k, 1.2M (French: 3,4 k, 1,2 M): a volume in at most three digits."""
    units = (1e9, "B", " Md"), (1e6, "M", " M"), (1e3, "k", " k")
    for size, english, french in units:
        number = value / size
        if abs(number) >= 0.9995:
            text = num(number, 1 if abs(number) < 9.95 else 0, "en").removesuffix(".0")
            return text + english if language != "fr" else text.replace(".", ",") + french
    return num(value, 0, language)

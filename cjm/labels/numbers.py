"""Numbers as the project's language writes them, by Babel: `3.5` / `3,5`, `80%` / `80 %`
(a narrow no-break space), `4,500` / `4 500`, and changes with their sign (`+0.4`, `−1.2`).

Values are rounded as Python rounds them (`f"{x:.1f}"`), then written in the language's
symbols, so a figure reads the same in a chart, a table and a sentence.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent

LOCALES = {"en": "en_GB", "fr": "fr_FR"}
# French sets % apart with a narrow no-break space (Babel's CLDR pattern uses a full one)
PERCENT = {"fr": "#,##0\u202f%"}


def _babel(value, pattern: str, language: str, decimals: int) -> str:
    """`value` rounded as Python rounds it, written by Babel in the language's symbols."""
    exact = Decimal(f"{value:.{decimals}f}")
    return format_decimal(exact, format=pattern, locale=LOCALES.get(language, "en_GB"),
                          decimal_quantization=False)


def num(value, decimals, language) -> str:
    """3.5 (French: 3,5): a number with `decimals` decimals, no thousands separator."""
    if value != value:  # NaN
        return "–"
    return _babel(value, "0" + ("." + "0" * decimals if decimals else ""), language, decimals)


def signed(value, language, decimals=1) -> str:
    """+0.4, −1.2, ±0.0: a change with its sign, as rounded (−0.04 reads ±0.0)."""
    value = round(value, decimals)
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + num(abs(value), decimals, language)


def pct(share, language, decimals: int = 0) -> str:
    """80% (French: 80 %, a narrow no-break space): a 0-1 share as a percent, whole unless
    `decimals` are asked for (12.5%)."""
    if share != share:
        return "–"
    pattern = PERCENT.get(language, "#,##0%")
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
    return format_percent(Decimal(f"{share * 100:.{decimals}f}") / 100, format=pattern,
                          locale=LOCALES.get(language, "en_GB"), decimal_quantization=False)


def whole(value, language) -> str:
    """4,500 (French: 4 500, a narrow no-break space): a count with its thousands apart."""
    return _babel(value, "#,##0", language, 0)

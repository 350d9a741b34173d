"""cjm.render.text: text measured in the font cjm draws with (width, fit, wrap, bullets, the
characters a browser fits) and numbers written the English or the French way (decimals, signs,
percentages, thousands, compact volumes)."""

from __future__ import annotations

import pytest

from cjm.render.text import (
    ELLIPSIS,
    bullets,
    chars,
    compact,
    fit,
    num,
    pct,
    signed,
    whole,
    width,
    wrap,
    wrap_lines,
)

NARROW_NBSP = "\u202f"  # French thousands and units are apart by a narrow no-break space


# ---------------------------------------------------------------------------------- measures
def test_width_is_in_inches_and_grows_with_size_weight_and_letters():
    # to a thousandth of an inch: matplotlib's versions shape text a hair apart
    assert width("Checkout", 10) == pytest.approx(0.6882, abs=1e-3)
    assert width("Checkout", 20) == pytest.approx(2 * width("Checkout", 10))
    assert width("Checkout", 10, "bold") == pytest.approx(0.7704, abs=1e-3)
    assert width("MMMM", 10) > 3 * width("iiii", 10)  # measured, not counted
    assert width("", 10) == 0


def test_fit_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis():
    assert fit("Checkout", 1.0, 9) == "Checkout"
    assert fit("Checkout and payment page", 1.0, 9) == "Checkout an…"
    assert fit("Checkout and payment", 0.8, 9) == "Checkout…"
    assert fit("Checkout and payment", 0.8, 9, "bold") == "Checkou…"  # bold is wider
    cut = fit("Checkout and payment page", 1.0, 9)
    assert width(cut, 9) <= 1.0


def test_fit_writes_any_value_as_text():
    assert fit(12.5, 1.0, 9) == "12.5"
    assert fit("", 1.0, 9) == ""


def test_wrap_breaks_between_words_within_the_width():
    lines = wrap_lines("Pay in two taps with a card", 1.0, 9, 3)
    assert lines == ["Pay in two", "taps with a", "card"]
    assert all(width(line, 9) <= 1.0 for line in lines)
    assert wrap("Pay in two taps with a card", 1.0, 9, 3) == "Pay in two\ntaps with a\ncard"


def test_wrap_ends_the_last_line_allowed_with_an_ellipsis():
    assert wrap_lines("Pay in two taps with a card", 1.0, 9, 2) == ["Pay in two",
                                                                     "taps with a…"]
    assert wrap_lines("Checkout and payment page of the shop", 1.0, 9, 2) == [
        "Checkout and", "payment pa…"]


def test_wrap_drops_punctuation_before_the_ellipsis():
    assert wrap_lines("Pay, in two; taps with a card", 0.6, 9, 1) == ["Pay, in…"]
    assert wrap_lines("Pay, in two; taps with a card", 0.45, 9, 1) == ["Pay…"]


def test_wrap_cuts_a_word_wider_than_a_line():
    assert wrap("Supercalifragilisticexpialidocious", 0.5, 9, 5) == (
        "Superc\nalifragil\nisticex\npialido\ncious")
    assert wrap_lines("Checkout", 0.01, 9, 3) == ["C", "h", ELLIPSIS]  # a letter a line at least


def test_wrap_joins_runs_of_spaces_and_line_breaks():
    assert wrap_lines("  many   spaces\nand\tlines ", 5, 9, 3) == ["many spaces and lines"]
    assert wrap_lines("", 1, 9, 2) == [""]


def test_bullets_with_a_hanging_indent():
    assert bullets("Pay in two taps; Live tracking; ", 2, 9, 5) == (
        "•  Pay in two taps\n•  Live tracking")
    assert bullets("Pay in two taps with a card; Live tracking", 1.5, 9, 5) == (
        "•  Pay in two taps with\n    a card\n•  Live tracking")


def test_bullets_beyond_the_lines_allowed_end_with_an_ellipsis():
    assert bullets("One; Two; Three; Four", 2, 9, 3) == "•  One\n•  Two\n•  Three …"
    assert bullets("Pay in two taps with a card; Live tracking of the parcel; Returns", 1.5, 9,
                   3) == "•  Pay in two taps with\n    a card\n•  Live tracking of t …"


def test_no_items_is_one_dash():
    assert bullets("", 2, 9, 3) == "•  –"
    assert bullets("   ", 2, 9, 3) == "•  –"
    assert bullets(" ; ;", 2, 9, 3) == "•  –"  # separators alone are no items either


def test_chars_counts_average_characters_at_least_four():
    assert chars(1, 9) == 14  # 72 points / (9 x 0.56)
    assert chars(2, 10) == 25
    assert chars(0.1, 9) == 4


# ---------------------------------------------------------------------------------- numbers
def test_num_uses_a_decimal_comma_in_french():
    assert num(3.14159, 2, "en") == "3.14"
    assert num(3.14159, 2, "fr") == "3,14"
    assert num(2, 0, "fr") == "2"


def test_signed_shows_plus_a_true_minus_or_plus_minus():
    assert signed(1.5, "en") == "+1.5"
    assert signed(-1, "fr") == "−1,0"  # U+2212, not a hyphen
    assert signed(0, "en") == "±0.0"
    assert signed(12, "en", 0) == "+12"
    assert signed(-35.0, "fr", 0) == "−35"
    assert signed(-0.04, "en") == signed(0.04, "en") == "±0.0"  # signed as shown, rounded
    assert signed(-0.06, "en") == "−0.1"


def test_pct_of_a_share_with_a_space_before_the_sign_in_french():
    assert pct(0.35, "en") == "35%"
    assert pct(0.35, "fr") == "35\u202f%"
    assert pct(1, "en") == "100%"
    assert pct(0.004, "en") == "0%"


def test_whole_numbers_keep_their_thousands_apart():
    assert whole(4500, "en") == "4,500"
    assert whole(1234567, "fr") == f"1{NARROW_NBSP}234{NARROW_NBSP}567"
    assert whole(999.6, "en") == "1,000"
    assert whole(-4500, "en") == "-4,500"


@pytest.mark.parametrize("value, english, french", [
    (0, "0", "0"),
    (950, "950", "950"),
    (999, "999", "999"),
    (999.5, "1k", "1 k"),
    (1000, "1k", "1 k"),
    (3400, "3.4k", "3,4 k"),
    (9949, "9.9k", "9,9 k"),
    (9950, "10k", "10 k"),
    (12000, "12k", "12 k"),
    (999_499, "999k", "999 k"),
    (999_500, "1M", "1 M"),
    (1_200_000, "1.2M", "1,2 M"),
    (2.5e9, "2.5B", "2,5 Md"),
])
def test_compact_writes_a_volume_in_at_most_three_digits(value, english, french):
    assert compact(value, "en") == english
    assert compact(value, "fr") == french

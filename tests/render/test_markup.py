"""cjm.render.markup: names and texts from the tables shown in Markdown (`markdown_text`) or
HTML (`html_text`) read as the analyst typed them: never markup, links, scripts or maths.
Markdown is checked as nbconvert renders it, the way report.html is built."""

from __future__ import annotations

import html
import re

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from cjm.render.markup import html_text, markdown_text


def rendered(markdown: str) -> str:
    return markdown2html_mistune(markdown).strip()


def visible(page: str) -> str:
    """The text a reader sees in an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))


# ---------------------------------------------------------------------------------- Markdown
@pytest.mark.parametrize("typed", [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![logo](logo.png)",
    "$5 or $10, $x^2$",
    "# Checkout",
    "*bold* _italic_ ~~struck~~ `code`",
    "1. first",
    "- item",
    "+ item",
    "a | b | c",
    "C:\\Users\\Ann",
    "L'Atelier & Co > 2",
    "<b>Pay</b> &amp; go",
    "{curly} (round) [square]",
    "Wait!",
])
def test_markdown_text_reads_as_typed(typed):
    page = rendered(markdown_text(typed))
    assert re.fullmatch(r"<p>.*</p>", page, re.S), page  # one paragraph: no heading, list...
    assert visible(page) == typed
    assert not re.search(r"<(?!/?p>)", page)  # no element but the paragraph


def test_markdown_text_escapes_exactly():
    assert markdown_text("<script>alert(1)</script>") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
    assert markdown_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"
    assert markdown_text("$5 or $10") == "\\$5 or \\$10"
    assert markdown_text("L'Atelier & Co") == "L'Atelier &amp; Co"  # apostrophes stay as typed


def test_markdown_text_keeps_a_heading_or_a_table_cell_on_one_line():
    assert markdown_text("Line one\nline two\r\n\n  line three") == (
        "Line one line two line three")
    heading = rendered("# " + markdown_text("Mini\n# Shop"))
    assert heading.startswith("<h1 ") and heading.count("<h1") == 1
    assert visible(heading) == "Mini # Shop¶"  # nbconvert's anchor link: ¶
    row = rendered("| name |\n|---|\n| " + markdown_text("Chat | Phone\nStore") + " |")
    assert "<td>Chat | Phone Store</td>" in row


def test_markdown_text_writes_any_value():
    assert markdown_text(3.5) == "3\\.5"
    assert markdown_text(None) == "None"


@pytest.mark.parametrize("typed", ["See https://example.com/offers",
                                   "![logo](https://example.com/x.png)"])
def test_a_web_address_in_a_name_is_text_not_a_link(typed):
    page = rendered(markdown_text(typed))
    assert "<a " not in page
    assert visible(page) == typed


# ---------------------------------------------------------------------------------- HTML
def test_html_text_escapes_markup_and_both_quotes():
    assert html_text("<a href=\"x\">it's & co</a>") == (
        "&lt;a href=&quot;x&quot;&gt;it&#x27;s &amp; co&lt;/a&gt;")
    assert html_text(3) == "3"


def test_html_text_is_safe_inside_an_attribute():
    typed = "x' onmouseover='alert(1)\" data-x=\""
    attribute = f"<span title='{html_text(typed)}'>"
    assert attribute.count("'") == 2 and '"' not in attribute
    assert html.unescape(html_text(typed)) == typed


def test_html_text_keeps_dollars_and_line_breaks():
    assert html_text("$5\nor $10") == "$5\nor $10"  # HTML has no maths and no Markdown

"""Text from the tables made safe for the formats that would otherwise run or render it.

Names, thoughts and titles are data: shown in Markdown or HTML they must read as the analyst
typed them, never as markup, links or scripts.
"""

from __future__ import annotations

import html
import re

# < > & are HTML-escaped; ":" so that a web address is not turned into a link
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def markdown_text(value: object) -> str:
    """`value` as literal text inside Markdown: HTML escaped, Markdown punctuation escaped,
    line breaks as spaces (a heading or a table cell stays one line)."""
    text = " ".join(str(value).split())
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def html_text(value: object) -> str:
    """`value` as literal text inside HTML (quotes escaped too: safe in attributes)."""
    return html.escape(str(value), quote=True)

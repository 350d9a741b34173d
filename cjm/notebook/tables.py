"""Tables in a notebook in the project's language: a French project's tables show their
columns under French words (identifiers such as `touchpoint_id` stay as the code names them),
numbers with decimal commas and thin thousands separators, oui/non for yes/no.

`speak(language)` sets how every DataFrame a cell returns is shown, as `open_step` sets the
charts' theme; an English project keeps pandas' own display.
"""

from __future__ import annotations

import pandas as pd

from ..labels import LABELS, label

ROWS = 60  # rows shown, as pandas shows at most 60 by default


def speak(language: str) -> None:
    """Show DataFrames in `language` from now on in this kernel ("en": pandas' own)."""
    try:
        from IPython import get_ipython
    except ImportError:  # not in a notebook
        return
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["text/html"]
    if language == "en":
        formatter.type_printers.pop(pd.DataFrame, None)
        return
    formatter.for_type(pd.DataFrame, lambda frame: html_table(frame, language))


def html_table(frame: pd.DataFrame, language: str) -> str:
    """`frame` as an HTML table in `language`: its first ROWS rows, then how many more."""
    shown = frame.head(ROWS).copy()
    for column in shown.columns:
        if pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map(
                lambda value: "" if pd.isna(value) else label("yes" if value else "no",
                                                              language))
    headers = [label(c, language) if isinstance(c, str) and c in LABELS else c
               for c in shown.columns]
    if len(set(map(str, headers))) == len(headers):
        shown.columns = headers
    styler = (shown.style.format(precision=2, decimal="," if language == "fr" else ".",
                                 thousands="\u202f" if language == "fr" else ",", na_rep="–",
                                 escape="html")  # text from the tables is text, not markup
              .format_index(escape="html", axis=1).hide(axis="index"))
    text = styler.to_html()
    more = len(frame) - len(shown)
    if more > 0:
        text += f"<p>{label('more_rows', language).format(n=more)}</p>"
    return text

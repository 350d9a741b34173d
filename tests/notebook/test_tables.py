"""Tables in a French notebook: French headers, French numbers, oui/non, escaped text, at
most a page of rows; an English project keeps pandas' own display."""

from __future__ import annotations

import re

import pandas as pd

from cjm.notebook.tables import ROWS, html_table, speak


def cells(markup: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", markup, re.S)


def headers(markup: str) -> list[str]:
    return [h.strip() for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", markup, re.S)]


def test_a_french_table_has_french_headers_and_numbers():
    frame = pd.DataFrame({"touchpoint_id": ["T1"], "satisfaction": [3.5556],
                          "moment_of_truth": [True], "volume": [12345.0]})
    markup = html_table(frame, "fr")
    assert headers(markup) == ["Identifiant point de contact", "Satisfaction",
                               "Moment de vérité", "Volume"]
    assert [c.strip() for c in cells(markup)] == ["T1", "3,56", "oui", "12\u202f345,00"]
    assert ">0<" not in markup  # no index column


def test_text_from_the_tables_is_escaped():
    markup = html_table(pd.DataFrame({"name": ["<img src=x onerror=alert(1)>"]}), "fr")
    assert "<img" not in markup and "&lt;img src=x" in markup


def test_a_long_table_shows_a_page_and_counts_the_rest():
    markup = html_table(pd.DataFrame({"rank": range(ROWS + 7)}), "fr")
    assert len(re.findall(r"<tr", markup)) == ROWS + 1
    assert "et 7 de plus." in markup


def test_speak_outside_a_notebook_does_nothing():
    speak("fr")  # no IPython shell: nothing to set, no error

"""A French project speaks French end to end: its notebooks, report, deck and workbook carry
no English sentence from cjm's words, and write numbers the French way."""

from __future__ import annotations

import html as html_lib
import json
import re

import openpyxl
import pytest
from pptx import Presentation

from cjm.labels import LABELS

pytestmark = pytest.mark.slow


def english_phrases() -> set[str]:
    """The English of every word cjm shows whose French differs: its phrases of at least two
    words (placeholders and file names aside)."""
    phrases = set()
    for words in LABELS.values():
        english, french = words["en"], words.get("fr", "")
        if english == french:
            continue
        text = re.sub(r"\{[^}]*\}|`[^`]*`|\S+\.(csv|xlsx|yaml|json|pptx|html)", "|", english)
        for part in re.split(r"[|:;,.()\[\]“”\"!?–—·=]+", text):
            part = " ".join(part.split())
            if len(part.split()) >= 2 and len(part) >= 8 and part.lower() not in french.lower():
                phrases.add(part)
    return phrases


def visible(markup: str) -> str:
    markup = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def english_in(text: str, phrases: set[str]) -> list[str]:
    return sorted(p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text))


def glued_colons(text: str) -> list[str]:
    """Words written with a colon right after them: French sets a colon apart ("mot :")."""
    return re.findall(r"\S*[^\s\d:/]:(?=\s|$)", text)


@pytest.fixture(scope="module")
def phrases():
    return english_phrases()


def test_the_working_notebooks_are_the_french_templates(french_review):
    book = json.loads((french_review / "01_personas.ipynb").read_text(encoding="utf-8"))
    assert "".join(book["cells"][0]["source"]).startswith("# Étape 1")


def test_the_report_speaks_french(french_review, phrases):
    page = (french_review / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    text = visible(page)
    assert "Synthèse" in text and "Banque Horizon" in text
    assert "Revue du parcours 2026-S1" in text
    assert text.count("2026-H1") == 1 and "dossier de revue reviews/2026-H1." in text
    assert english_in(text, phrases) == []
    assert re.search(r"\d,\d", text) and not re.search(r"satisfaction \d\.\d", text)


def test_the_deck_speaks_french(french_review, phrases):
    deck = Presentation(str(french_review / "deck.pptx"))
    said = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                said.append(shape.text_frame.text)
            if shape.has_table:
                said += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    said.append(chart.chart_title.text_frame.text)
                said += [series.name for plot in chart.plots for series in plot.series]
    assert english_in(" ¶ ".join(said), phrases) == []
    assert "Revue du parcours 2026-S1" in said[1] or any("2026-S1" in text for text in said)
    assert glued_colons(" ¶ ".join(said)) == []


def test_the_workbook_speaks_french(french_review, phrases):
    book = openpyxl.load_workbook(french_review / "actions.xlsx")
    cells = [str(value) for sheet in book for row in sheet.iter_rows(values_only=True)
             for value in row if isinstance(value, str)]
    assert book.sheetnames[0] == "À lire"
    assert english_in(" ¶ ".join(cells + book.sheetnames), phrases) == []
    assert glued_colons(" ¶ ".join(cells)) == []


def test_the_executed_notebooks_speak_french(french_review, phrases):
    found = {}
    for path in sorted(french_review.glob("0*.ipynb")):
        book = json.loads(path.read_text(encoding="utf-8"))
        texts = []
        for cell in book["cells"]:
            if cell["cell_type"] == "markdown":
                texts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" in data:
                    texts.append(visible("".join(data["text/html"])))
                elif "text/markdown" in data:
                    texts.append("".join(data["text/markdown"]))
                elif output.get("name") == "stdout":
                    texts.append("".join(output["text"]))
        english = english_in(" ¶ ".join(texts), phrases)
        english += [f"header {h}" for h in table_headers(book) if h in LABELS
                    and LABELS[h]["en"] != LABELS[h].get("fr")]
        if english:
            found[path.name] = english
    assert found == {}


def table_headers(book) -> set[str]:
    """The column headers of every table a notebook showed."""
    found = set()
    for cell in book["cells"]:
        for output in cell.get("outputs", []):
            markup = "".join(output.get("data", {}).get("text/html", []))
            for head in re.findall(r"<thead>(.*?)</thead>", markup, re.S):
                found |= {html_lib.unescape(h).strip()
                          for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", head, re.S)}
    return found

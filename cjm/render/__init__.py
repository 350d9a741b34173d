"""What cjm draws and writes for people: the charts and the journey map, the figures saved
from them, and the documents a review hands over.

Modules: `charts` (every chart, gathered from `persona_charts`, `inventory_charts`,
`score_charts`, `plan_charts`, `log_charts`), `journey_map` and `journey_layout`, `live_curve`
(the live board's SVG), `theme` (palette and drawing context), `text` (measured text),
`figures` (saving figures and tables), `markup` (escaping); a review's documents: `results`
(what it found), `story` (in sentences), `tables` (tidy tables), `contents` (their sections),
`report` (report.html), `deck` and `deck_map` with `slides` (deck.pptx), `workbook`
(actions.xlsx) and `handover` (the three together). `chartkit` is private to the charts.
"""

# modules, imported when named (the documents' Jinja2 and python-pptx are not loaded by every
# notebook)
__all__ = ["charts", "figures", "handover", "journey_map", "live_curve", "markup", "report",
           "text", "theme", "workbook"]

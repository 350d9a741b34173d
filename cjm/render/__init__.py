"""What cjm draws and writes for people: the charts and the journey map, the figures saved
from them, the action plan workbook and the report.

Modules: `charts` (every chart, gathered from `persona_charts`, `inventory_charts`,
`score_charts`, `plan_charts`, `log_charts`), `journey_map` and `journey_layout`, `live_curve`
(the live board's SVG), `theme` (palette and drawing context), `text` (measured text and
numbers), `figures` (saving figures and tables), `workbook` (actions.xlsx), `markup`
(escaping), `report` (report.html). `chartkit` is private to the charts.
"""

# modules, imported when named (the report's nbconvert is not loaded by every notebook)
__all__ = ["charts", "figures", "journey_map", "live_curve", "markup", "report", "text", "theme",
           "workbook"]

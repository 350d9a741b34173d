"""The journey maps of step 6. In JupyterLab, a map viewer: one map at a time, chosen by
persona and kind, drawn when chosen (as SVG, kept for the session) and saved as SVG; the
first is ready in about half a second, where drawing every map in three formats took half a
minute. A scheduled run (`interactive=False`) writes every map in PNG, SVG and PDF
(`cjm.render.map_files.save_maps`), as a review hands them over.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..labels import label
from ..project.model import as_project
from ..render.figures import inline_svg
from ..render.map_files import save_maps, write_map

MOST = 12  # boxes per stage before "+n more", as in the review


class MapViewer:
    """Choose a persona and a kind of map; the map is drawn as SVG, shown and saved to
    `<output_dir>/figures/journey_map_<persona>[_<kind>].svg`."""

    def __init__(self, project, period: str | None, output_dir: str | Path = "",
                 opportunities=None):
        self.project = as_project(project)
        self.period, self.output_dir, self.opportunities = period, output_dir, opportunities
        language = self.project.config.language
        personas = self.project.personas
        self.persona = persona_choice(self.project)
        self.kind = w.Dropdown(options=[(label(kind, language), kind)
                                        for kind in self.project.config.map_kinds],
                               description=label("journey_map", language),
                               style={"description_width": "initial"})
        self.map = w.HTML("")
        self.map.add_class("cjm-map")
        self.drawn: dict[tuple[str, str], str] = {}
        for control in (self.persona, self.kind):
            control.observe(lambda change: self.show(), "value")
        controls = [self.persona] + ([self.kind] if len(self.kind.options) > 1 else [])
        self.widget = w.VBox([w.HBox(controls), self.map])
        self.widget.add_class("cjm-map-viewer")
        if not personas.empty:  # else the step's to-do note says what to fill in
            self.show()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def show(self) -> str:
        """Draw (once per session) and show the chosen map; return its SVG."""
        key = (self.persona.value, self.kind.value)
        if key not in self.drawn:
            _, rendered, _ = write_map(self.project, *key, period=self.period,
                                       opportunities=self.opportunities,
                                       output_dir=self.output_dir, formats=("svg",), most=MOST)
            self.drawn[key] = inline_svg(rendered["svg"])
        self.map.value = self.drawn[key]
        return self.drawn[key]


def persona_choice(project) -> w.Dropdown:
    """A drop-down of the project's personas, "name (id)" each."""
    personas = project.personas
    return w.Dropdown(options=[(f"{name} ({pid})", pid) for pid, name in zip(
                          personas["persona_id"], personas["name"], strict=True)],
                      description=label("persona", project.config.language),
                      style={"description_width": "initial"})


def journey_maps(project, period: str | None, output_dir: str | Path = "", *,
                 opportunities=None, interactive: bool = True):
    """Step 6's maps: a `MapViewer` when `interactive`, else every persona's map of every
    kind written in PNG, SVG and PDF and shown (the paths are returned)."""
    project = as_project(project)
    if interactive:
        return MapViewer(project, period, output_dir, opportunities)
    save_maps(project, period, output_dir, opportunities=opportunities,
              max_touchpoints_per_stage=MOST)
    return None

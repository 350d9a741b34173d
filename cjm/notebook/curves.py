"""Step 4's emotion curves, one per persona. In JupyterLab a viewer: one persona's curve at a
time, drawn when chosen (as SVG, kept for the session) and saved as SVG, so a re-run draws
one curve instead of all of them. A scheduled run (`interactive=False`) draws and saves every
persona's curve as a review hands them over.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..project.model import as_project
from ..project.writers import file_in, safe_name, write_bytes
from ..render import charts
from ..render.figures import figure_bytes, figures_dir, inline_svg, save_figure
from ..steps.scores import touchpoint_scores
from .maps import persona_choice


class CurveViewer:
    """Choose a persona; its emotion curve is drawn as SVG, shown and saved to
    `<output_dir>/figures/emotion_curve_<persona>.svg`."""

    def __init__(self, project, period: str | None, output_dir: str | Path = ""):
        self.project = as_project(project)
        self.period, self.output_dir = period, output_dir
        self.persona = persona_choice(self.project)
        self.curve = w.HTML("")
        self.curve.add_class("cjm-curve")
        self.drawn: dict[str, str] = {}
        self.persona.observe(lambda change: self.show(), "value")
        self.widget = w.VBox([self.persona, self.curve])
        if not self.project.personas.empty:  # else the step's to-do note says what to fill in
            self.show()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def show(self) -> str:
        """Draw (once per session) and show the chosen persona's curve; return its SVG."""
        import matplotlib.pyplot as plt

        persona = self.persona.value
        if persona not in self.drawn:
            fig = curve_figure(self.project, self.period, persona)
            try:
                svg = figure_bytes(fig, ("svg",))["svg"]
            finally:
                plt.close(fig)
            folder = figures_dir(self.output_dir)
            if folder is not None:
                write_bytes(file_in(folder, f"{safe_name(curve_name(persona))}.svg"), svg)
            self.drawn[persona] = inline_svg(svg)
        self.curve.value = self.drawn[persona]
        return self.drawn[persona]


def emotion_curves(project, period: str | None, output_dir: str | Path = "", *,
                   interactive: bool = True):
    """Step 4's emotion curves: a `CurveViewer` when `interactive`, else every persona's
    curve saved (`emotion_curve_<persona>.png`) and shown."""
    project = as_project(project)
    if interactive:
        return CurveViewer(project, period, output_dir)
    for persona in project.personas["persona_id"]:
        save_figure(curve_figure(project, period, persona), output_dir, curve_name(persona))
    return None


def curve_figure(project, period: str | None, persona_id: str):
    """The emotion curve of a persona over the period's touchpoint scores (a Figure)."""
    names = dict(zip(project.personas["persona_id"], project.personas["name"], strict=True))
    ax = charts.emotion_curve(touchpoint_scores(project, period, persona_id),
                              stages=project.stages, persona=names[persona_id],
                              scale=project.config.scales.emotion)
    return ax.figure


def curve_name(persona_id: str) -> str:
    return f"emotion_curve_{persona_id}"

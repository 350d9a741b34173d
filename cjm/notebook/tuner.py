"""The priority tuner of step 5: move the weights of the priority score and see the ranking
move; **Save** writes them to `project.yaml` (`cjm.project.journal.save_priority_weights`),
leaving the rest of the file as it was.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..errors import UsageError
from ..labels import label
from ..labels.numbers import num
from ..messages import tr
from ..periods import current_period
from ..project.journal import save_priority_weights
from ..project.model import as_project
from ..render.live_priority import priority_svg
from ..steps.prioritisation import priority_components, weigh_priorities
from ..steps.scores import latest_period


class PriorityTuner:
    """Tune the weights of the touchpoint priority score and see the ranking move.

    One slider per weight (gap, importance, reach, moment of truth, effort); the ranking table
    and the priority chart (inline SVG) follow every move. The scores are read once: a move
    only re-weighs the components. "Save" writes the weights to
    project.yaml, leaving the rest of the file (comments included) as it was.
    """

    TOP = 10

    def __init__(self, project, period: str | None = None):
        self.project = as_project(project)
        self.language = self.project.config.language
        self.period = (period or "").strip() or latest_period(self.project) or current_period()
        self.redraws = 0
        self.components = priority_components(self.project, self.period)
        weights = self.project.config.priority.model_dump()
        self.sliders = {}
        for key, value in weights.items():
            slider = w.FloatSlider(value=value, min=0.0, max=1.0, step=0.05,
                                   description=self.say(key), continuous_update=False,
                                   readout_format=".2f", style={"description_width": "120px"})
            slider.add_class(f"cjm-weight-{key.replace('_', '-')}")
            slider.observe(lambda change: self._redraw(), "value")
            self.sliders[key] = slider
        self.save_button = w.Button(description=self.say("tuner_save"), icon="save",
                                    button_style="primary", layout=w.Layout(width="260px"))
        self.save_button.on_click(lambda _: self.save())
        self.status = w.HTML("")
        self.status.add_class("cjm-status")
        self.table = w.HTML("")
        self.table.add_class("cjm-ranking")
        self.chart = w.HTML("", layout=w.Layout(max_width="640px"))
        self.chart.add_class("cjm-priority-chart")
        controls = w.VBox([*self.sliders.values(), self.save_button, self.status])
        self.widget = w.VBox([w.HBox([controls, self.table]), self.chart])
        self.widget.add_class("cjm-priority-tuner")
        self._redraw()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def say(self, key: str, **values) -> str:
        """The tuner's word for `key`, in the project's language."""
        return label(key, self.language).format(**values)

    def weights(self) -> dict[str, float]:
        """The weights as the sliders set them."""
        return {key: round(float(slider.value), 4) for key, slider in self.sliders.items()}

    def priorities(self) -> pd.DataFrame:
        """Touchpoint priorities with the sliders' weights (`priorities.touchpoint_priorities`)."""
        return weigh_priorities(self.components, self.weights())

    def _redraw(self) -> None:
        frame = self.priorities()
        self.redraws += 1
        if frame.empty:
            self.table.value = f"<p>{self.say('tuner_empty', period=html.escape(self.period))}</p>"
            self.chart.value = ""
            return
        top = frame.head(self.TOP)
        rows = "".join(f"<tr><td>{int(r.rank)}</td><td>{html.escape(r.touchpoint_id)}</td>"
                       f"<td>{html.escape(str(r.name))}</td>"
                       f"<td style='text-align:right'>{num(r.priority, 1, self.language)}</td></tr>"
                       for r in top.itertuples())
        self.table.value = (f"<table><tr><th>{self.say('rank')}</th>"
                            f"<th>{self.say('touchpoint')}</th><th></th>"
                            f"<th>{self.say('priority')}</th></tr>{rows}</table>")
        self.chart.value = priority_svg(frame, top=self.TOP, language=self.language)

    def save(self) -> Path:
        """Write the sliders' weights to project.yaml (the rest of the file unchanged)."""
        weights = self.weights()
        if sum(weights.values()) <= 0:
            self.status.value = f"<b>{self.say('board_not_saved')}</b>{self.say('tuner_zero')}."
            raise UsageError(tr("at least one priority weight must be above 0"))
        path = save_priority_weights(self.project.path, weights)
        self.project.config = self.project.config.model_copy(
            update={"priority": type(self.project.config.priority)(**weights)})
        self.status.value = self.say("tuner_saved", file=path.name,
                                     time=time.strftime("%H:%M:%S"))
        return path


def live_tuner(project, period: str | None = None, *, interactive: bool = True):
    """The priority tuner for step 5, or a note when `interactive` is False."""
    from IPython.display import Markdown

    project = as_project(project)
    if not interactive:
        return Markdown(label("tuner_scheduled", project.config.language))
    return PriorityTuner(project, period)

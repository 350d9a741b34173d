"""The module names of cjm 0.1, kept for one release so that a project's notebooks, copied from
the 0.1 templates, still run (a scheduled review runs them unattended with whatever cjm is
installed). `from cjm import charts`, `import cjm.charts` and `from cjm.charts import x` give a
stand-in that finds each name in its new place and warns, once per name, where that is.
(`cjm.events`, `cjm.notebook` and `cjm.project` are packages now, which offer the names the 0.1
templates use.) `cjm upgrade SLUG` moves a project to the new templates.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
import warnings

# 0.1 module -> the modules its names now live in, searched in order
MOVED = {
    "batch": ["cjm.run.batch"],
    "charts": ["cjm.render.charts", "cjm.render.theme"],
    "checks": ["cjm.project.checks"],
    "comparison": ["cjm.steps.review"],
    "config": ["cjm.project.config", "cjm.project.journal"],
    "evaluation": ["cjm.steps.evaluation"],
    "goals": ["cjm.steps.goals"],
    "inventory": ["cjm.steps.touchpoints"],
    "journal": ["cjm.project.journal"],
    "journey_layout": ["cjm.render.journey_layout"],
    "journey_map": ["cjm.render.journey_map"],
    "live_curve": ["cjm.render.live_curve"],
    "metrics": ["cjm.periods", "cjm.steps.survey"],
    "outputs": ["cjm.render.figures", "cjm.project.writers"],
    "parsing": ["cjm.project.parsing"],
    "personas": ["cjm.steps.personas"],
    "priorities": ["cjm.steps.prioritisation", "cjm.render.workbook"],
    "readers": ["cjm.project.readers"],
    "report": ["cjm.render.report"],
    "reviews": ["cjm.run.reviews", "cjm.steps.review", "cjm.periods"],
    "runner": ["cjm.run.kernel"],
    "schedule": ["cjm.run.schedule"],
    "schemas": ["cjm.project.schemas"],
    "scores": ["cjm.steps.scores"],
    "slugs": ["cjm.project.slugs"],
    "widgets": ["cjm.notebook.widgets"],
    "workspace": ["cjm.project.workspace"],
    "writers": ["cjm.project.writers"],
}
RENAMED = {("metrics", "survey_period"): "period_labels"}


def _actions_since(current, previous, period, *, previous_period=None, comparison=None):
    """0.1's argument order: (current, previous, period), now that of compare_touchpoints."""
    from .steps.review import actions_since

    return actions_since(current, period, previous, previous_period, comparison=comparison)


CHANGED = {("comparison", "actions_since"): _actions_since}


def old_module(name: str) -> types.ModuleType:
    """The stand-in for the 0.1 module `cjm.<name>`."""
    places = MOVED[name]
    stand_in = types.ModuleType(f"cjm.{name}", f"cjm 0.1's `{name}`, now in "
                                f"{', '.join(places)}")
    warned: set[str] = set()

    def find(attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(f"module 'cjm.{name}' has no attribute {attribute!r}")
        wanted = RENAMED.get((name, attribute), attribute)
        for place in places:
            module = importlib.import_module(place)
            if hasattr(module, wanted):
                if attribute not in warned:
                    warned.add(attribute)
                    warnings.warn(f"cjm.{name}.{attribute} is now {place}.{wanted}; cjm.{name} "
                                  "goes in the next release (run: cjm upgrade SLUG)",
                                  DeprecationWarning, stacklevel=2)
                return CHANGED.get((name, attribute), getattr(module, wanted))
        raise AttributeError(f"module 'cjm.{name}' has no attribute {attribute!r}")

    stand_in.__getattr__ = find
    return stand_in


class OldModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds `cjm.<0.1 name>` after every real module has been looked for."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.partition(".")
        if package == "cjm" and name in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return old_module(spec.name.partition(".")[2])

    def exec_module(self, module):
        """The stand-in is complete as created."""


def install() -> None:
    """Let `import cjm.charts` find the stand-in (once per interpreter)."""
    if not any(isinstance(finder, OldModules) for finder in sys.meta_path):
        sys.meta_path.append(OldModules())

"""cjm: a Jupyter workbench for customer journey mapping.

The package is layered; each layer imports only the ones below it:

    errors, periods, labels   every error, the period labels, every word a person reads
    project/                  the data model: settings, tables, checks, journal, workspace
    events/                   the analysis of the interaction log
    steps/                    one analysis module per mapping step
    render/                   charts, the journey map, figures, the workbook, the report
    notebook/                 what templates need beyond the steps: openers, notes, widgets
    run/                      executing notebooks: runs, reviews, batches, schedules
    cli                       the `cjm` command

Public here: loading and checking a project, the workspace, the errors. The module names of
cjm 0.1 (`cjm.charts`, `cjm.scores`, ...) still work for one release, with a warning naming
the new place, so that notebooks copied from older templates keep running.
"""

import importlib
import warnings

from . import _compat
from .errors import (
    ArgumentError,
    CJMError,
    NotebookFailed,
    NothingToReview,
    Problem,
    UsageError,
    ValidationError,
)

# pyspark (the Spark engine of the event log) warns on import about pandas versions it has not
# named yet; pandera imports it whenever it is installed, so every notebook would show it
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                        category=FutureWarning)

# the data model, imported on first use: `import cjm` and `cjm --help` need no pandas
_LAZY = {"Project": "cjm.project", "Workspace": "cjm.project", "load_project": "cjm.project",
         "validate_project": "cjm.project"}
__version__ = "0.3.1"

__all__ = ["ArgumentError", "CJMError", "NotebookFailed", "NothingToReview", "Problem",
           "Project", "UsageError", "ValidationError", "Workspace", "__version__",
           "load_project", "validate_project",
           # the layers, imported when named
           "events", "notebook", "project", "render", "run", "steps"]

_compat.install()


def __getattr__(name: str):
    """The data model's names, and cjm 0.1's module names (`from cjm import charts`) found in
    their new places."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _compat.MOVED:
        return importlib.import_module(f"cjm.{name}")
    raise AttributeError(f"module 'cjm' has no attribute {name!r}")

"""cjm: a Jupyter workbench for customer journey mapping."""

from .errors import CJMError, Problem, UsageError, ValidationError
from .project import Project, load_project, validate_project

__version__ = "0.1.0"

__all__ = [
    "CJMError",
    "Problem",
    "Project",
    "UsageError",
    "ValidationError",
    "__version__",
    "load_project",
    "validate_project",
]

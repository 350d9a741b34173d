"""The data model: a project's settings (`project.yaml`) and tables, read tolerantly, typed,
checked, and written safely; the scoring journal; the workspace that holds projects.

Public: the names below. Each module is one concern: `config` (project.yaml), `schemas`
(the tables), `readers` and `parsing` (from files to typed frames), `checks` (everything
validation reports), `eventlog` (the interaction log as a file), `model` (loading), `journal`
(what the live widgets save), `writers` (atomic, safe writes), `workspace` (projects and their
notebooks), `slugs`, `scratch` (working folders).
"""

from .config import CONFIG_FILE, ProjectConfig, read_config
from .eventlog import EVENT_LOG_FILES, find_event_log
from .journal import append_scores, save_priority_weights, set_moment_of_truth
from .model import (
    Project,
    as_project,
    errors_in,
    load_project,
    problem_table,
    validate_project,
)
from .schemas import TABLES
from .workspace import STEPS, Workspace

__all__ = ["CONFIG_FILE", "EVENT_LOG_FILES", "Project", "ProjectConfig", "STEPS", "TABLES",
           "Workspace", "append_scores", "as_project", "errors_in", "find_event_log",
           "load_project", "problem_table", "read_config", "save_priority_weights",
           "set_moment_of_truth", "validate_project"]

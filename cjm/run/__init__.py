"""Executing the notebooks with papermill: runs and reviews of a project, every project of a
workspace, and the timer of the periodic review."""

from .batch import review_all
from .reviews import rebuild_handover, review_project, run_project
from .schedule import schedule_text

__all__ = ["rebuild_handover", "review_all", "review_project", "run_project", "schedule_text"]

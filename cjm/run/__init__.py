"""Executing the notebooks with papermill: runs and reviews of a project, every project of a
workspace, the timer of the periodic review, and bringing a project's notebooks up to date."""

from .batch import review_all
from .reviews import rebuild_report, review_project, run_project
from .schedule import schedule_text

__all__ = ["rebuild_report", "review_all", "review_project", "run_project", "schedule_text"]

"""What every step notebook does first: open the project, settle the period, say what is missing.

These return Markdown objects that Jupyter renders; printed as text they read the same.
"""

from __future__ import annotations

from IPython.display import Markdown

from .errors import UsageError, shown
from .markup import markdown_text
from .periods import PERIOD_TEXT, current_period, is_period
from .project import load_project
from .schemas import TABLES
from .scores import journal_periods

# Which tables each step reads, and what to put in them when they are empty.
STEP_NEEDS = {
    "personas": {"personas": "one row per persona: who they are, needs, frustrations, "
                             "preferred channels, digital ease and share of customers"},
    "goals": {"personas": "the personas first (step 1)",
              "goals": "one row per persona and stage: the goal, the scenario, the expectation"},
    "touchpoints": {"touchpoints": "every contact, stage by stage and channel by channel, with "
                                   "its owner, whether it is a moment of truth, and its volume"},
    "evaluation": {"touchpoints": "the touchpoints first (step 3)",
                   "evaluations": "scores per persona and touchpoint: satisfaction, effort, "
                                  "importance, emotion, thoughts and pain points"},
    "prioritisation": {"evaluations": "scores for this period (step 4)",
                       "actions": "the improvement ideas: title, touchpoint, impact, cost, "
                                  "confidence, owner and status"},
    "review": {"evaluations": "scores for this period (step 4)"},
}


def open_step(project_dir: str, period: str = ""):
    """Load the project and settle the period; return (project, period).

    A period label is used as given. An empty period means the current period, or, when the
    journal has nothing for it yet, the latest period that has evaluations (said in a note).
    """
    from IPython.display import display

    project = load_project(project_dir)
    chosen, note = choose_period(project, period)
    display(Markdown(f"**{markdown_text(project.name)}** ({project.config.map_type} map), "
                     f"period **{chosen}**. {note}".strip()))
    return project, chosen


def choose_period(project, period: str = "") -> tuple[str, str]:
    """The period a step works on, and a note when it is not the one asked for."""
    period = (period or "").strip()
    if period:
        if not is_period(period):
            raise UsageError(f"period must be {PERIOD_TEXT}, not {shown(period)}")
        return period, ""
    current = current_period()
    periods = journal_periods(project)
    if current in periods or not periods:
        return current, ""
    return periods[-1], (f"No evaluations for {current} yet: showing {periods[-1]}, "
                         "the latest period with scores.")


def todo(project, step: str, period: str | None = None) -> Markdown:
    """What to fill in before this step can say anything, or a short all-clear."""
    if step not in STEP_NEEDS:
        raise ValueError(f"`step` must be one of {', '.join(STEP_NEEDS)}, not {step!r}")
    missing = []
    for table, what in STEP_NEEDS[step].items():
        frame = project.table(table)
        if table == "evaluations" and period is not None:
            frame = frame[frame["period"] == period]
        if frame.empty:
            where = f" for {period}" if table == "evaluations" and period else ""
            columns = ", ".join(TABLES[table].to_schema().columns)
            missing.append(f"- **{table}.csv** has no rows{where} yet: add {what}. "
                           f"Columns: `{columns}`.")
    if not missing:
        return Markdown("All the data this step needs is there.")
    return Markdown("**To fill in** (in the project folder, then re-run this notebook):\n\n"
                    + "\n".join(missing))


def event_log_note(analysis) -> Markdown:
    """What the event log analysis covered, or that the project has none."""
    if analysis.source is None:
        return Markdown("This project has no event log (`events.parquet` or `events.csv` in "
                        "the project folder), so nothing in this section is measured. To add "
                        "one: one row per customer contact, with the columns `customer_id, "
                        "timestamp, touchpoint_id` and, if known, `persona_id`.")
    window = analysis.window_label or "the whole log"
    return Markdown(f"Event log `{analysis.source.name}`: {analysis.n_events:,} events from "
                    f"{analysis.n_customers:,} customers, {window}.")


def table_or_note(frame, note: str):
    """`frame` when it has rows, else `note` as Markdown (said instead of an empty table)."""
    return frame if len(frame) else Markdown(note)

"""What every step notebook does first: open the project, settle the period, set the theme,
say what is missing; and the notes a step shows in place of an empty table.

These return Markdown objects that Jupyter renders; printed as text they read the same. Every
word comes from `cjm.labels`, in the project's language.
"""

from __future__ import annotations

from pathlib import Path

from IPython.display import Markdown

from ..errors import ArgumentError
from ..labels import label
from ..labels import say as words
from ..messages import speak as speak_messages
from ..messages import tr
from ..periods import shown_period
from ..project.config import declared_language
from ..project.model import load_project
from ..project.schemas import TABLES
from ..render.figures import for_screen
from ..render.markup import markdown_text
from ..render.theme import current_language, set_theme
from ..steps.scores import journal_periods
from .tables import speak

# Which tables each step reads (the words saying what to put in them are in cjm.labels)
STEP_NEEDS = {
    "personas": ["personas"],
    "goals": ["personas", "goals"],
    "touchpoints": ["touchpoints"],
    "evaluation": ["touchpoints", "evaluations"],
    "prioritisation": ["evaluations", "actions"],
    "review": ["evaluations"],
}


def open_step(project_dir: str, period: str = "", interactive: bool = False):
    """Load the project, settle the period and set the theme (charts speak the project's
    language); return (project, period). `interactive` (a person at the notebook): figures
    are shown and saved as SVG only (`cjm.render.figures.for_screen`).

    A period label is used as given. An empty period means the current period, or, when the
    journal has nothing for it yet, the latest period that has evaluations (said in a note).
    """
    from IPython.display import display

    project, chosen, fallback = load_step(project_dir, period, interactive)
    language = project.config.language
    note = words("note_fallback", language, period=fallback) if fallback else ""
    display(Markdown(words("step_header", language, name=markdown_text(project.name),
                           map=label(project.config.map_type, language).lower(),
                           period=chosen, note=note).strip()))
    return project, chosen


def load_step(project_dir: str, period: str = "", interactive: bool = False, *,
              keep: bool = True):
    """`open_step` without its header: (project, period, the period fallen back from or
    None), with the language, theme and screen mode set as a step sets them. `keep=False`:
    the project is not kept for later loads (see `load_project`)."""
    speak_messages(declared_language(Path(project_dir)))  # its errors, too, in its language
    project = load_project(project_dir, keep=keep)
    return (project, *settle_step(project, period, interactive))


def settle_step(project, period: str = "", interactive: bool = False):
    """For a loaded project, what `open_step` sets (language, theme, screen mode) and the
    period it shows: (period, the period fallen back from or None)."""
    chosen, fallback = shown_period(period, journal_periods(project))
    language = project.config.language
    speak_messages(language)
    set_theme(language=language)
    for_screen(interactive)
    speak(language)
    return chosen, fallback


def todo(project, step: str, period: str | None = None) -> Markdown:
    """What to fill in before this step can say anything, or a short all-clear."""
    if step not in STEP_NEEDS:
        raise ArgumentError(tr("`step` must be one of {steps}, not {step}",
                               steps=", ".join(STEP_NEEDS), step=repr(step)), "step")
    language = project.config.language
    missing = []
    for table in STEP_NEEDS[step]:
        frame = project.table(table)
        dated = table == "evaluations" and period is not None
        if dated:
            frame = frame[frame["period"] == period]
        if frame.empty:
            what = label(f"todo_{table}_{step}", language)
            if what == f"todo_{table}_{step}":  # no word for this step: the table's own
                what = label(f"todo_{table}", language)
            missing.append(label("todo_line", language).format(
                file=f"{table}.csv", period=label("todo_for", language).format(period=period)
                if dated else "", what=what,
                columns=", ".join(TABLES[table].to_schema().columns)))
    if not missing:
        return Markdown(label("todo_none", language))
    return Markdown(label("todo_head", language) + "\n\n" + "\n".join(missing))


def event_log_note(analysis, language: str | None = None) -> Markdown:
    """What the event log analysis covered, or that the project has none."""
    language = current_language(language)
    if analysis.source is None:
        return Markdown(label("log_none", language))
    window = analysis.window_label or label("log_whole", language)
    covered = label("log_covered", language).format(
        file=analysis.source_name, events=f"{analysis.n_events:,}",
        customers=f"{analysis.n_customers:,}", window=window)
    if not analysis.exact_quantiles:
        covered += " " + label("log_approximate", language)
    return Markdown(covered)


def say(key: str, language: str | None = None, **fields) -> Markdown:
    """The sentence `key` of `cjm.labels` in the step's language, `fields` filled in as
    literal text."""
    language = current_language(language)
    words = label(key, language)
    if words == key:
        raise ArgumentError(tr("no sentence is called {key}", key=repr(key)), "key")
    return Markdown(words.format(**{name: markdown_text(value) for name, value in fields.items()}))


def table_or_note(frame, note: str, language: str | None = None, **fields):
    """`frame` when it has rows, else the note said instead of an empty table: the sentence
    of `cjm.labels` called `note`, or (as 0.1 templates pass it) `note` itself."""
    if len(frame):
        return frame
    if label(note, "en") == note:
        return Markdown(note)
    return say(note, language, **fields)

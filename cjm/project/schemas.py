"""The project's tables, one pandera model each: the schema is the documentation.

Columns typed `Series[...]` are required; `Optional[Series[...]]` ones may be left out of the
file. Checks that depend on `project.yaml` (stages, channels, scales) and on other tables
(persona and touchpoint references) live in `cjm.project.checks`.
"""

from __future__ import annotations

import pandas as pd

from ..errors import folded
from ..periods import PERIOD_PATTERN
from .pandera_lean import Series, pa

# Lanes of a service blueprint, top to bottom: what the customer does, the contacts they see,
# back-stage work and support processes behind them; and, for a day in the life, moments of
# the customer's day that do not involve the company.
LANES = ["customer", "front-stage", "back-stage", "support", "personal"]
TIMES_OF_DAY = ["morning", "midday", "afternoon", "evening", "night"]  # a day's columns
EFFECTS = ["improves", "introduces", "retires"]  # what an action does to its touchpoint
DIRECTIONS = ["inbound", "outbound"]  # who starts the contact: the customer, or the company
ACTION_STATUSES = ["idea", "planned", "in-progress", "done", "dropped"]
SOURCES = ["workshop", "survey", "interview", "analytics"]

# What an enumerated cell may say, in English or in French (case, accents, spaces, `_` and
# `-` ignored), and the value cjm keeps.
WORDS_FOR = {
    "lane": {"customer": ["client", "action-client", "customer-action"],
             "front-stage": ["front-office", "visible", "frontstage"],
             "back-stage": ["back-office", "backstage", "backoffice", "invisible"],
             "support": ["soutien", "processus-support"],
             "personal": ["personnel", "hors-entreprise", "vie-personnelle", "private"]},
    "time_of_day": {"morning": ["matin", "matinee"], "midday": ["midi", "noon", "lunch"],
                    "afternoon": ["apres-midi", "aprem"], "evening": ["soir", "soiree"],
                    "night": ["nuit"]},
    "effect": {"improves": ["ameliore", "improve", "amelioration"],
               "introduces": ["introduit", "ajoute", "adds", "new", "nouveau"],
               "retires": ["retire", "supprime", "removes", "remove"]},
    "direction": {"inbound": ["entrant", "entrante"], "outbound": ["sortant", "sortante"]},
    "source": {"workshop": ["atelier"], "survey": ["enquete", "sondage"],
               "interview": ["entretien"], "analytics": ["analytique", "analyse"]},
    "status": {"idea": ["idee"], "planned": ["planifiee", "planifie", "prevue", "prevu"],
               "in-progress": ["en-cours", "in-progress", "ongoing"],
               "done": ["faite", "fait", "terminee", "termine", "realisee", "realise"],
               "dropped": ["abandonnee", "abandonne"]},
}
PERIOD_COLUMNS = {"period", "created_period"}


CANONICAL = {column: {folded(word): value for value, words in choices.items()
                      for word in (value, *words)}
             for column, choices in WORDS_FOR.items()}

# Columns holding `|`-separated lists, and the id columns their items must match.
LIST_COLUMNS = {"preferred_channels", "personas", "supports"}


class _Table(pa.DataFrameModel):
    class Config:
        strict = False  # analysts' exports carry extra columns; they are kept
        coerce = False  # cells are parsed by `parse_table`, never guessed by pandera


class Personas(_Table):
    """`personas.csv`: who the journey is for."""

    persona_id: Series[str] = pa.Field(unique=True)
    name: Series[str]
    description: Series[str] | None = pa.Field(nullable=True)
    segment: Series[str] | None = pa.Field(nullable=True)
    share: Series[pd.Float64Dtype] | None = pa.Field(nullable=True, ge=0, le=1)
    needs: Series[str] | None = pa.Field(nullable=True)
    frustrations: Series[str] | None = pa.Field(nullable=True)
    preferred_channels: Series[object] | None = pa.Field(nullable=True)
    digital_ease: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=1, le=5)


class Goals(_Table):
    """`goals.csv`: what each persona tries to achieve at each stage."""

    persona_id: Series[str]
    stage: Series[str]
    goal: Series[str]
    scenario: Series[str] | None = pa.Field(nullable=True)
    expectation: Series[str] | None = pa.Field(nullable=True)


class Touchpoints(_Table):
    """`touchpoints.csv`: every contact, at the crossing of a stage and a channel."""

    touchpoint_id: Series[str] = pa.Field(unique=True)
    stage: Series[str]
    channel: Series[str]
    name: Series[str]
    description: Series[str] | None = pa.Field(nullable=True)
    owner: Series[str] | None = pa.Field(nullable=True)
    controlled: Series[pd.BooleanDtype] | None = pa.Field(nullable=True)
    moment_of_truth: Series[pd.BooleanDtype] | None = pa.Field(nullable=True)
    personas: Series[object] | None = pa.Field(nullable=True)
    volume: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=0)
    lane: Series[str] | None = pa.Field(nullable=True, isin=LANES)
    direction: Series[str] | None = pa.Field(nullable=True, isin=DIRECTIONS)  # empty: inbound
    supports: Series[object] | None = pa.Field(nullable=True)  # front-stage ids it makes work
    time_of_day: Series[str] | None = pa.Field(nullable=True, isin=TIMES_OF_DAY)
    target_satisfaction: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    target_emotion: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)


class Evaluations(_Table):
    """`evaluations.csv`: the append-only scoring journal; the latest row of a
    (period, persona, touchpoint) is its current score."""

    recorded_at: Series[pd.Timestamp]
    period: Series[str] = pa.Field(str_matches=PERIOD_PATTERN.pattern)
    assessor: Series[str] | None = pa.Field(nullable=True)
    persona_id: Series[str]
    touchpoint_id: Series[str]
    satisfaction: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    effort: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    importance: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    emotion: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    thought: Series[str] | None = pa.Field(nullable=True)
    pain_point: Series[str] | None = pa.Field(nullable=True)
    source: Series[str] | None = pa.Field(nullable=True, isin=SOURCES)


class Survey(_Table):
    """`survey.csv` (optional): one row per survey response about a touchpoint."""

    response_id: Series[str] = pa.Field(unique=True)
    responded_at: Series[pd.Timestamp]
    touchpoint_id: Series[str]
    persona_id: Series[str] | None = pa.Field(nullable=True)
    csat: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=1, le=5)
    ces: Series[pd.Int64Dtype] | None = pa.Field(nullable=True)
    nps: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=0, le=10)
    comment: Series[str] | None = pa.Field(nullable=True)
    customer_id: Series[str] | None = pa.Field(nullable=True)  # joins answers to the event log


class Barometer(_Table):
    """`barometer.csv` (optional): the relationship survey, one row per respondent, wide as
    survey tools export it: the columns below, then one column per touchpoint, named by its
    touchpoint_id, holding the respondent's satisfaction with it on the project's
    satisfaction scale (empty: not rated). `satisfaction` is the overall satisfaction, on the
    same scale, when the survey asks it. The touchpoint columns are checked and typed by
    `cjm.project.barometer`."""

    respondent_id: Series[str] = pa.Field(unique=True)
    responded_at: Series[pd.Timestamp]
    persona_id: Series[str] | None = pa.Field(nullable=True)
    nps: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=10)
    satisfaction: Series[pd.Float64Dtype] | None = pa.Field(nullable=True)
    customer_id: Series[str] | None = pa.Field(nullable=True)  # joins answers to the event log


class Actions(_Table):
    """`actions.csv`: opportunities, the output of the whole exercise."""

    action_id: Series[str] = pa.Field(unique=True)
    title: Series[str]
    touchpoint_id: Series[str] | None = pa.Field(nullable=True)
    description: Series[str] | None = pa.Field(nullable=True)
    impact: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=1, le=5)
    cost: Series[pd.Int64Dtype] | None = pa.Field(nullable=True, ge=1, le=5)
    confidence: Series[pd.Float64Dtype] | None = pa.Field(nullable=True, ge=0, le=1)
    owner: Series[str] | None = pa.Field(nullable=True)
    status: Series[str] | None = pa.Field(nullable=True, isin=ACTION_STATUSES)
    due: Series[pd.Timestamp] | None = pa.Field(nullable=True)
    created_period: Series[str] | None = pa.Field(
        nullable=True, str_matches=PERIOD_PATTERN.pattern
    )
    effect: Series[str] | None = pa.Field(nullable=True, isin=EFFECTS)  # empty: improves


# Table name (file stem) -> model, in the order tables are read and reported.
TABLES: dict[str, type[_Table]] = {
    "personas": Personas,
    "goals": Goals,
    "touchpoints": Touchpoints,
    "evaluations": Evaluations,
    "survey": Survey,
    "barometer": Barometer,
    "actions": Actions,
}
OPTIONAL_TABLES = {"survey", "barometer"}
# Tables whose other columns are data, not extra columns to ignore: the barometer's
# touchpoint columns.
WIDE_TABLES = {"barometer"}

# Columns that hold a share and may be written as 35 % or 35 (percent) instead of 0.35.
SHARE_COLUMNS = {"share"}
# Columns that hold a share and may be written as 70 % instead of 0.7 (a plain 70 is an error).
PERCENT_COLUMNS = {"confidence"}

# Ids are chosen by the analyst and end up in file names (a figure per persona): they are
# one line of at most ID_LENGTH characters, without path separators, "..", control
# characters or the "|" that separates ids in lists.
ID_COLUMNS = {"persona_id", "touchpoint_id", "action_id", "response_id", "respondent_id"}
ID_LENGTH = 64
# Names shown as titles and labels: one line, no control characters.
NAME_COLUMNS = {"name", "title", "stage", "channel", "owner", "segment"}

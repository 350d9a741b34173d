"""A review told in sentences, in the project's language: what it compares with, the headline
figures with their n, interval and whether they changed significantly, what improved and
worsened and why the review says so, what the done actions achieved, what needs attention, and
what to keep in mind about the data. The report and the deck both say these.

Each function takes `cjm.render.results.ReviewResults` and returns plain text (the documents
escape it where they render it).
"""

from __future__ import annotations

import math

import pandas as pd

from ..labels import label, say
from ..steps import review as rules
from ..steps.drivers import MIN_RATINGS, earlier_words, missing_reason
from ..steps.survey import MIN_ANSWERS
from .text import num, pct, signed, whole

LISTED = 4  # touchpoints named in a sentence before "and n more"


def compared_with(results) -> str:
    _, previous, how = results.baseline
    if how is None:
        return say("compared_none", results.language)
    return say("compared_review" if how == "review" else "compared_tables", results.language,
               previous=previous)


# ------------------------------------------------------------------------------ headline KPIs
def kpi_value(kpi: str, value, language: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return signed(value, language, 0) if kpi == "nps" else pct(value, language)


def kpi_change(kpi: str, change, language: str) -> str:
    """+11 points: a change of a share or of the NPS, in points."""
    points = change if kpi == "nps" else change * 100
    return f"{signed(points, language, 0)} {label('points_word', language)}"


def p_text(p_value: float, language: str) -> str:
    if p_value < 0.001:
        return "p < " + num(0.001, 3, language)
    return "p = " + num(p_value, 3 if p_value < 0.01 else 2, language)


def kpi_cards(results) -> list[dict]:
    """One card per headline figure: its value, interval and n, its change and verdict."""
    language, cards = results.language, []
    for row in results.kpis.itertuples(index=False):
        value = kpi_value(row.kpi, row.value, language)
        card = {"kpi": row.kpi, "name": label(f"kpi_{row.kpi}", language),
                "about": label(f"kpi_{row.kpi}_about", language), "value": value,
                "n": int(row.n), "interval": "", "change": "", "direction": None,
                "verdict": row.verdict}
        if row.n:
            card["interval"] = say("kpi_interval", language,
                                   low=kpi_value(row.kpi, row.low, language),
                                   high=kpi_value(row.kpi, row.high, language),
                                   n=whole(row.n, language))
        if pd.notna(row.change):
            shown = round(row.change if row.kpi == "nps" else row.change * 100)
            card["direction"] = "up" if shown > 0 else "down" if shown < 0 else "same"
            key = {"up": "kpi_rose", "down": "kpi_fell", "same": "kpi_same"}[card["direction"]]
            card["change"] = say(key, language, change=kpi_change(row.kpi, abs(row.change),
                                                                  language).lstrip("+−±"),
                                 previous=kpi_value(row.kpi, row.previous, language),
                                 n=whole(row.previous_n, language))
        card["verdict_text"] = say(f"verdict_{row.verdict}", language, min=MIN_ANSWERS,
                                   period=results.period,
                                   p=p_text(row.p_value, language)
                                   if pd.notna(row.p_value) else "")
        card["sentence"] = (say("kpi_sentence", language, name=card["name"], value=value,
                                interval=card["interval"], change=card["change"],
                                verdict=card["verdict_text"])
                            if card["change"] else
                            say("kpi_sentence_alone", language, name=card["name"],
                                value=value, interval=card["interval"] or "n = 0",
                                verdict=card["verdict_text"]))
        cards.append(card)
    return cards


# ------------------------------------------------------------------------------ changes
def why(row, language: str) -> str:
    """What decided a touchpoint's change: its survey, or its workshop scores."""
    if row.basis == "survey" and pd.notna(row.csat_delta):
        return say("by_survey", language, change=signed(row.csat_delta * 100, language, 0))
    return say("by_workshop", language, before=num(row.satisfaction_before, 1, language),
               after=num(row.satisfaction_after, 1, language))


def listed(items: list[str], language: str) -> str:
    shown = items[:LISTED]
    more = len(items) - len(shown)
    text = "; ".join(shown)
    return f"{text}; {say('and_more', language, n=more)}" if more else text


def change_sentences(results) -> list[str]:
    """What improved, what worsened (largest change first), and the rest in numbers."""
    language, table = results.language, results.comparison
    sentences = []
    for status in ("improved", "worsened"):
        rows = table[table["status"] == status].copy()
        if rows.empty:
            sentences.append(label(f"none_{status}", language))
            continue
        rows["size"] = rows["csat_delta"].abs().fillna(rows["satisfaction_delta"].abs() / 4)
        rows = rows.sort_values("size", ascending=False, kind="stable")
        items = [f"{row.name} ({why(row, language)})" for row in rows.itertuples(index=False)]
        key = f"touchpoint{'s' if len(rows) > 1 else ''}_{status}"
        sentences.append(say(key, language, n=len(rows), items=listed(items, language)))
    counts = table["status"].value_counts()
    sentences.append(say("rest_of_changes", language, stable=int(counts.get("stable", 0)),
                         new=int(counts.get("new", 0)), retired=int(counts.get("retired", 0))))
    return sentences


def rule(language: str) -> str:
    """How a touchpoint's change is decided, said once under the changes."""
    return label("change_rule", language).format(alpha=num(rules.ALPHA, 2, language),
                                                 n=rules.MIN_RESPONSES,
                                                 delta=num(rules.MIN_DELTA, 1, language))


# ------------------------------------------------------------------------------ actions
def actions_done(results) -> tuple[str, list[str]]:
    """A sentence counting the actions done since the baseline, and what each achieved."""
    language = results.language
    _, previous, how = results.baseline
    previous = previous or results.period
    done = results.done
    if done.empty:
        return say("no_action_done", language, previous=previous), []
    key = "actions_done" if len(done) > 1 else "action_done"
    items = []
    for row in done.itertuples(index=False):
        owner = f" ({row.owner})" if isinstance(row.owner, str) and row.owner else ""
        items.append(f"{row.title}{owner}{label('colon', language)}{effect(row, language)}.")
    return say(key, language, n=len(done), previous=previous), items


def effect(row, language: str) -> str:
    if not isinstance(row.touchpoint_id, str) or not row.touchpoint_id:
        return label("effect_journey", language)
    name = row.name if isinstance(row.name, str) else row.touchpoint_id
    status = row.touchpoint_status
    if status in ("improved", "worsened"):
        how = (say("by_survey", language, change=signed(row.csat_delta * 100, language, 0))
               if bool(row.csat_significant) and pd.notna(row.csat_delta) else
               say("by_workshop", language, before=num(row.satisfaction_before, 1, language),
                   after=num(row.satisfaction_after, 1, language)))
        return say(f"effect_{status}", language, touchpoint=name, how=how)
    if status == "stable":
        return say("effect_stable", language, touchpoint=name)
    return say("effect_unscored", language, touchpoint=name)


# ------------------------------------------------------------------------------ data quality
def quality_notes(results) -> list[str]:
    """What a reader should keep in mind about the data behind the figures."""
    language, notes = results.language, []
    unscored = results.comparison[results.comparison["status"] == "unscored"]
    if len(unscored):
        names = listed(list(unscored["name"].astype(str)), language)
        notes.append(say("quality_unscored", language, n=len(unscored), period=results.period,
                         names=names))
    if not results.kpis["n"].astype(int).any():
        notes.append(say("quality_no_survey", language, period=results.period))
    small = results.comparison[results.comparison["status"].isin(["improved", "worsened"])
                               & (results.comparison["basis"] == "workshop")
                               & (results.comparison["n_csat_after"].fillna(0) > 0)]
    if len(small):
        notes.append(say("quality_small" if len(small) > 1 else "quality_small_one", language,
                         n=len(small), min=rules.MIN_RESPONSES))
    if results.warnings:
        first = results.warnings[0]
        notes.append(say("quality_warnings", language, n=len(results.warnings),
                         first=f"{first.file}{label('colon', language)}{first.message}"))
    return notes or [label("quality_none", language)]


# ------------------------------------------------------------------------------ key drivers
def driver_sentences(results) -> list[str]:
    """What drives NPS in the barometer (the strongest, with intervals), where the room's
    importance disagrees, which importance the priority used, and the touchpoints whose
    customers go on less (or more) often in the event log: an association, said so."""
    language, drivers = results.language, results.drivers
    sentences = []
    if drivers.available:
        items = [say("driver_item", language, name=row.name, weight=pct(row.weight, language, 1),
                     low=pct(row.low, language, 1), high=pct(row.high, language, 1))
                 for row in drivers.ranked.itertuples(index=False)]
        sentences.append(say("drivers_top", language, n=whole(drivers.respondents, language),
                             period=drivers.period or results.period,
                             earlier=earlier_words(drivers, results.period, language),
                             items=listed(items, language), r2=pct(drivers.r2, language)))
        for quadrant in ("hidden", "overrated"):
            names = results.stated_derived.loc[results.stated_derived["quadrant"] == quadrant,
                                               "name"].astype(str).tolist()
            if names:
                sentences.append(say(f"drivers_{quadrant}_sentence", language,
                                     names=listed(names, language)))
    else:
        reason = missing_reason(results.project, results.period, drivers)
        sentences.append(say("drivers_none_report", language, reason=say(
            "drivers_few_report" if reason == "too_few_respondents" else f"drivers_{reason}",
            language, min=MIN_RATINGS)))
    sentences += journey_sentences(results)
    if results.project.config.key_drivers.importance == "derived":
        sentences.append(label("drivers_priority_derived", language))
    behaviour = results.behaviour
    for flag in ("goes_with_leaving", "goes_with_progress"):
        rows = behaviour[behaviour["flag"] == flag].sort_values(
            "progress_diff", ascending=flag == "goes_with_leaving", kind="stable")
        if len(rows):
            items = [say("behaviour_item", language, name=row.name,
                         diff=signed(row.progress_diff * 100, language, 0),
                         low=signed(row.progress_low * 100, language, 0),
                         high=signed(row.progress_high * 100, language, 0))
                     for row in rows.itertuples(index=False)]
            sentences.append(say(f"behaviour_{flag}_sentence", language,
                                 items=listed(items, language)))
    return sentences


def journey_sentences(results) -> list[str]:
    """Per source of answers joined to the event log, the NPS of its customers by how far they
    went, each with its n."""
    language, table = results.language, results.journeys
    sentences = []
    for source in dict.fromkeys(table["source"]):
        rows = table[table["source"] == source]
        items = [say("journey_item", language, stage=row.farthest,
                     end=label("journey_end", language) if row.converted else "",
                     nps=signed(row.nps, language, 0), n=whole(row.n_nps, language))
                 for row in rows.itertuples(index=False)]
        sentences.append(say("journeys_sentence", language,
                             source=label(f"journeys_{source}", language),
                             items="; ".join(items)))
    return sentences

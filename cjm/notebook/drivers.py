"""The notes of the key driver sections: what the barometer's drivers rest on (or why there are
none), what the behavioural comparison covered, and which importance the priority score used."""

from __future__ import annotations

from IPython.display import Markdown

from ..events.progress import MIN_CUSTOMERS
from ..labels import label, say
from ..labels.numbers import pct, whole
from ..steps.drivers import MIN_RATINGS, earlier_words, missing_reason, respondents_needed


def drivers_note(project, period: str, drivers) -> Markdown:
    """How the key drivers were derived (respondents, method, draws, R² with its interval),
    or why nothing is ranked."""
    language = project.config.language
    outcome = label(f"outcome_{drivers.outcome}", language)
    reason = missing_reason(project, period, drivers)
    if reason is None:
        return Markdown(say("drivers_found", language, respondents=whole(
            drivers.respondents, language), period=drivers.period or period,
            earlier=earlier_words(drivers, period, language), draws=whole(drivers.draws, language),
            r2=pct(drivers.r2, language), low=pct(drivers.r2_low, language),
            high=pct(drivers.r2_high, language), outcome=outcome))
    if reason == "too_few_respondents":
        asked = int((drivers.frame["status"] == "too_few_respondents").sum())
        why = say("drivers_too_few", language, respondents=whole(drivers.respondents, language),
                  outcome=outcome, needed=whole(respondents_needed(asked), language))
    else:
        why = say(f"drivers_{reason}", language, min=MIN_RATINGS)
    return Markdown(say("drivers_none", language, period=period, reason=why))


def behaviour_note(project, behaviour) -> Markdown | None:
    """Why no touchpoint is compared, when none is (None when some are: the chart says)."""
    language = project.config.language
    if not project.has_event_log:
        return Markdown(say("behaviour_none", language,
                            reason=label("behaviour_no_log", language)))
    if not (behaviour["status"] == "compared").any():
        return Markdown(say("behaviour_none", language, reason=say(
            "behaviour_no_comparison", language, n=whole(MIN_CUSTOMERS, language))))
    return None


def importance_note(project, priorities) -> Markdown:
    """Which importance the priority score used, and how many touchpoints kept the stated one
    under derived importance."""
    language = project.config.language
    chosen = project.config.key_drivers.importance
    fallback = ""
    if chosen == "derived":
        kept = int((priorities["importance_source"] == "stated").sum())
        if kept:
            fallback = say("importance_fallback", language, count=whole(kept, language))
    return Markdown(say("importance_used", language,
                        source=label(f"importance_{chosen}", language), fallback=fallback))

"""Words shown to people (chart titles, axes, report headings) in the project's language.

`label("satisfaction", "fr")` -> "Satisfaction". Keys are the DOMAIN vocabulary; an unknown key
is returned as is, so a missing translation shows the English key, never an error.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "persona": {"en": "Persona", "fr": "Persona"},
    "personas": {"en": "Personas", "fr": "Personas"},
    "stage": {"en": "Stage", "fr": "Étape"},
    "channel": {"en": "Channel", "fr": "Canal"},
    "touchpoint": {"en": "Touchpoint", "fr": "Point de contact"},
    "touchpoints": {"en": "Touchpoints", "fr": "Points de contact"},
    "goal": {"en": "Goal", "fr": "Objectif"},
    "goals": {"en": "Goals", "fr": "Objectifs"},
    "scenario": {"en": "Scenario", "fr": "Scénario"},
    "expectation": {"en": "Expectation", "fr": "Attente"},
    "needs": {"en": "Needs", "fr": "Besoins"},
    "frustrations": {"en": "Frustrations", "fr": "Frustrations"},
    "preferred_channels": {"en": "Preferred channels", "fr": "Canaux préférés"},
    "digital_ease": {"en": "Digital ease", "fr": "Aisance numérique"},
    "share": {"en": "Share of customers", "fr": "Part de la clientèle"},
    "satisfaction": {"en": "Satisfaction", "fr": "Satisfaction"},
    "effort": {"en": "Effort", "fr": "Effort"},
    "ease": {"en": "Ease (higher = easier)", "fr": "Facilité (plus haut = plus facile)"},
    "importance": {"en": "Importance", "fr": "Importance"},
    "emotion": {"en": "Emotion", "fr": "Émotion"},
    "emotion_curve": {"en": "Emotion curve", "fr": "Courbe des émotions"},
    "thoughts": {"en": "Thoughts", "fr": "Pensées"},
    "pain_points": {"en": "Pain points", "fr": "Points de friction"},
    "opportunities": {"en": "Top opportunities", "fr": "Opportunités prioritaires"},
    "moment_of_truth": {"en": "Moment of truth", "fr": "Moment de vérité"},
    "owner": {"en": "Owner", "fr": "Responsable"},
    "volume": {"en": "Volume", "fr": "Volume"},
    "count": {"en": "Count", "fr": "Nombre"},
    "controlled": {"en": "Controlled", "fr": "Maîtrisé"},
    "not_controlled": {"en": "Not controlled", "fr": "Non maîtrisé"},
    "csat": {"en": "CSAT", "fr": "CSAT"},
    "ces": {"en": "CES", "fr": "CES"},
    "nps": {"en": "NPS", "fr": "NPS"},
    "priority": {"en": "Priority", "fr": "Priorité"},
    "priority_score": {"en": "Priority score", "fr": "Score de priorité"},
    "action": {"en": "Action", "fr": "Action"},
    "actions": {"en": "Actions", "fr": "Actions"},
    "journey_map": {"en": "Journey map", "fr": "Carte du parcours"},
    "concentrate_here": {"en": "Concentrate here", "fr": "Concentrer les efforts"},
    "keep_up": {"en": "Keep up the good work", "fr": "Maintenir"},
    "low_priority": {"en": "Low priority", "fr": "Faible priorité"},
    "possible_overkill": {"en": "Possible overkill", "fr": "Effort excessif possible"},
    "improved": {"en": "improved", "fr": "amélioré"},
    "worsened": {"en": "worsened", "fr": "dégradé"},
    "stable": {"en": "stable", "fr": "stable"},
    "new": {"en": "new", "fr": "nouveau"},
    "retired": {"en": "retired", "fr": "retiré"},
    "review": {"en": "Review", "fr": "Revue"},
    "period": {"en": "Period", "fr": "Période"},
    "no_data": {"en": "no data yet", "fr": "pas encore de données"},
}


def label(key: str, language: str = "en") -> str:
    """The word for `key` in `language` ("en" or "fr")."""
    words = LABELS.get(key)
    if words is None:
        return key
    return words.get(language, words["en"])

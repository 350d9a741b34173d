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
    # chart titles, axes and legends (cjm.charts)
    "goal_coverage": {"en": "Goals per persona and stage", "fr": "Objectifs par persona et étape"},
    "goal_gap": {"en": "No goal yet (gap)", "fr": "Aucun objectif (manque)"},
    "touchpoint_matrix": {"en": "Touchpoints by channel and stage",
                          "fr": "Points de contact par canal et étape"},
    "volume_matrix": {"en": "Volume by channel and stage", "fr": "Volume par canal et étape"},
    "owners_by_stage": {"en": "Touchpoints per owner and stage",
                        "fr": "Points de contact par responsable et étape"},
    "stage_summary": {"en": "Scores by stage", "fr": "Scores par étape"},
    "ces_easy": {"en": "CES: share finding it easy", "fr": "CES : part trouvant cela facile"},
    "csat_axis": {"en": "% answering 4 or 5", "fr": "% de réponses 4 ou 5"},
    "ces_easy_axis": {"en": "% finding it easy (5 to 7)", "fr": "% trouvant cela facile (5 à 7)"},
    "nps_axis": {"en": "% promoters − % detractors", "fr": "% promoteurs − % détracteurs"},
    "ci_note": {"en": "; lines: 95% confidence interval",  # appended to an axis label
                "fr": " ; traits : intervalle de confiance à 95 %"},
    "ipa": {"en": "Importance-performance analysis", "fr": "Analyse importance-performance"},
    "change": {"en": "Satisfaction before and after", "fr": "Satisfaction avant et après"},
    "before": {"en": "before", "fr": "avant"},
    "after": {"en": "after", "fr": "après"},
    # the journey map (cjm.journey_map): map types, emotion legend, notes
    "current": {"en": "Current state", "fr": "État actuel"},
    "future": {"en": "Future state", "fr": "État futur"},
    "day-in-the-life": {"en": "Day in the life", "fr": "Une journée type"},
    "service-blueprint": {"en": "Service blueprint", "fr": "Service blueprint"},
    "negative": {"en": "negative", "fr": "négative"},
    "neutral": {"en": "neutral", "fr": "neutre"},
    "positive": {"en": "positive", "fr": "positive"},
    "not_scored": {"en": "not scored", "fr": "non évalué"},
    "no_scores": {"en": "no scores yet", "fr": "pas encore de scores"},
    "across_journey": {"en": "Across the journey", "fr": "Sur tout le parcours"},
    "more": {"en": "+{n} more", "fr": "+{n} de plus"},  # str.format(n=...)
    # table columns: touchpoint priorities and the action plan (cjm.priorities' Excel export)
    "name": {"en": "Name", "fr": "Nom"},
    "reach": {"en": "Reach", "fr": "Portée"},
    "reach_source": {"en": "Reach source", "fr": "Source de la portée"},
    "gap": {"en": "Satisfaction gap", "fr": "Écart de satisfaction"},
    "importance_c": {"en": "Importance (0-1)", "fr": "Importance (0-1)"},
    "moment_of_truth_c": {"en": "Moment of truth (0-1)", "fr": "Moment de vérité (0-1)"},
    "effort_c": {"en": "Effort (0-1)", "fr": "Effort (0-1)"},
    "w_gap": {"en": "Weighted gap", "fr": "Écart pondéré"},
    "w_importance": {"en": "Weighted importance", "fr": "Importance pondérée"},
    "w_reach": {"en": "Weighted reach", "fr": "Portée pondérée"},
    "w_moment_of_truth": {"en": "Weighted moment of truth", "fr": "Moment de vérité pondéré"},
    "w_effort": {"en": "Weighted effort", "fr": "Effort pondéré"},
    "status": {"en": "Status", "fr": "Statut"},
    "due": {"en": "Due date", "fr": "Échéance"},
    "impact": {"en": "Impact", "fr": "Impact"},
    "confidence": {"en": "Confidence", "fr": "Confiance"},
    "confidence_assumed": {"en": "Confidence assumed", "fr": "Confiance supposée"},
    "cost": {"en": "Cost", "fr": "Coût"},
    "rice": {"en": "RICE score", "fr": "Score RICE"},
}


def label(key: str, language: str = "en") -> str:
    """The word for `key` in `language` ("en" or "fr")."""
    words = LABELS.get(key)
    if words is None:
        return key
    return words.get(language, words["en"])

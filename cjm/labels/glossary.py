"""The French words of the method, as French CX practitioners say them: one place that the
labels, the French templates and the documents follow (`tests/test_labels.py` holds them to
it).

`GLOSSARY` maps each English term to its French term; `AVOIDED` maps a French rendering that
reads as a translation, not as the trade's word, to the term to use instead.
"""

from __future__ import annotations

GLOSSARY = {
    "customer journey": "parcours client",
    "journey map": "carte du parcours",
    "touchpoint": "point de contact",
    "moment of truth": "moment de vérité",
    "pain point": "irritant",
    "persona": "persona",
    "goal": "objectif",
    "expectation": "attente",
    "stage": "étape",
    "channel": "canal",
    "customer effort": "effort client",
    "emotion curve": "courbe des émotions",
    "thought": "pensée",
    "opportunity": "opportunité",
    "action plan": "plan d'action",
    "owner": "responsable",
    "due date": "échéance",
    "overdue": "en retard",
    "review": "revue",
    "period": "période",
    "workshop": "atelier",
    "survey": "enquête",
    "interview": "entretien",
    "importance-performance analysis": "analyse importance-performance",
    "concentrate here": "concentrer les efforts ici",
    "keep up the good work": "maintenir le niveau",
    "possible overkill": "effort peut-être superflu",
    "low priority": "priorité faible",
    "reach": "portée",
    "current state": "état actuel",
    "future state": "état futur",
    "service blueprint": "blueprint de service",
    "day in the life": "journée type",
    "front-stage": "front-office",
    "back-stage": "back-office",
    "line of visibility": "ligne de visibilité",
    "line of internal interaction": "ligne d'interaction interne",
    "support processes": "processus de soutien",
    "customer actions": "actions du client",
    "target": "cible",
    "confidence interval": "intervalle de confiance",
    "significant": "significatif",
}

AVOIDED = {
    "point de douleur": "irritant",
    "touchpoint": "point de contact",
    "effort excessif possible": "effort peut-être superflu",
    "carte de voyage": "carte du parcours",
    "voyage client": "parcours client",
}

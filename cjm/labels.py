"""Words shown to people (chart titles, axes, report headings) in the project's language.

`label("satisfaction", "fr")` -> "Satisfaction". Keys are the method's vocabulary; an unknown key
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
    "unscored": {"en": "not scored", "fr": "non évalué"},
    "basis_survey": {"en": "survey", "fr": "enquête"},
    "points": {"en": "pts", "fr": "pts"},
    "basis_workshop": {"en": "workshop", "fr": "atelier"},
    "change_rule": {
        "en": "Coloured when the survey CSAT changed significantly (p < {alpha}, at least {n} "
              "answers on each side); without such a sample, when the workshop satisfaction "
              "moved by {delta} or more.",
        "fr": "En couleur quand le CSAT de l'enquête a changé de façon significative "
              "(p < {alpha}, au moins {n} réponses de chaque côté) ; sans un tel échantillon, "
              "quand la satisfaction de l'atelier a bougé d'au moins {delta}."},
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
    "not_shown": {"en": "{n} answers without a {what} are counted in the totals only",
                  "fr": "{n} réponses sans {what} ne comptent que dans les totaux"},
    "ci_note": {"en": "; lines: 95% confidence interval",  # appended to an axis label
                "fr": " ; traits : intervalle de confiance à 95 %"},
    "ipa": {"en": "Importance-performance analysis", "fr": "Analyse importance-performance"},
    "change": {"en": "Satisfaction before and after", "fr": "Satisfaction avant et après"},
    "before": {"en": "before", "fr": "avant"},
    "after": {"en": "after", "fr": "après"},
    # the event log (cjm.events): funnel, transitions, channel switches
    "funnel": {"en": "Funnel", "fr": "Entonnoir"},
    "funnel_axis": {"en": "Customers reaching the stage  ·  share",
                    "fr": "Clients atteignant l'étape  ·  part"},
    "customers": {"en": "Customers", "fr": "Clients"},
    "drop_off": {"en": "Drop-off", "fr": "Abandon"},
    "optional": {"en": "optional", "fr": "facultative"},
    "transitions": {"en": "Transitions", "fr": "Transitions"},
    "transitions_stage": {"en": "Transitions between stages", "fr": "Transitions entre étapes"},
    "transitions_touchpoint": {"en": "Transitions between touchpoints",
                               "fr": "Transitions entre points de contact"},
    "from_stage": {"en": "From stage", "fr": "Étape de départ"},
    "to_stage": {"en": "To stage", "fr": "Étape d'arrivée"},
    "from_touchpoint": {"en": "From touchpoint", "fr": "Point de contact de départ"},
    "to_touchpoint": {"en": "To touchpoint", "fr": "Point de contact d'arrivée"},
    "top_of": {"en": "busiest {n} of {total}", "fr": "les {n} plus fréquents sur {total}"},
    "channel_switches": {"en": "Channel switches (repeat contact)",
                         "fr": "Changements de canal (recontact)"},
    "from_channel": {"en": "From channel", "fr": "Canal de départ"},
    "to_channel": {"en": "To channel", "fr": "Canal d'arrivée"},
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
    # findings of the steps (cjm.steps): what a check found, in words
    "other_customers": {"en": "(other customers)", "fr": "(autres clients)"},
    "no_owner": {"en": "(no owner)", "fr": "(sans responsable)"},
    "no_goals": {"en": "no goal at any stage", "fr": "aucun objectif à aucune étape"},
    "missing_goals": {"en": "no goal at: {stages}", "fr": "aucun objectif à : {stages}"},
    "no_preferred_channel": {"en": "no preferred channel given",
                             "fr": "aucun canal préféré indiqué"},
    "no_touchpoint": {"en": "no touchpoint applies to this persona",
                      "fr": "aucun point de contact ne concerne ce persona"},
    "no_share": {"en": "share of the customer base not given",
                 "fr": "part de la clientèle non indiquée"},
    "never_seen": {"en": "never seen in the log", "fr": "jamais vu dans le journal"},
    "not_declared": {"en": "not a declared touchpoint", "fr": "point de contact non déclaré"},
    "poor_satisfaction": {"en": "poor satisfaction", "fr": "satisfaction faible"},
    "hard_to_do": {"en": "hard to do", "fr": "effort élevé"},
    "negative_emotion": {"en": "negative emotion", "fr": "émotion négative"},
    "pain_points_reported": {"en": "pain points", "fr": "irritants"},
    "reason_worsened": {"en": "worsened", "fr": "en baisse"},
    "reason_priority": {"en": "priority no. {rank}, not improved",
                        "fr": "priorité no {rank}, sans amélioration"},
    "reason_friction": {"en": "friction: {reasons}", "fr": "irritant : {reasons}"},
    # the live widgets (cjm.notebook.board, cjm.notebook.tuner)
    "board_title": {"en": "Scoring {name} ({persona})", "fr": "Évaluation de {name} ({persona})"},
    "board_assessor": {"en": ", assessor {assessor}", "fr": ", évaluateur {assessor}"},
    "board_period": {"en": "Scores are saved to period <b>{period}</b> in evaluations.csv",
                     "fr": "Les évaluations sont enregistrées pour la période <b>{period}</b> "
                           "dans evaluations.csv"},
    "board_thought": {"en": "What the customer thinks", "fr": "Ce que pense le client"},
    "board_pain_point": {"en": "Pain point", "fr": "Irritant"},
    "board_scored": {"en": "Scored", "fr": "Évalués"},
    "board_saved": {"en": "Saved {touchpoint} ({field}) to {period} at {time}",
                    "fr": "{touchpoint} ({field}) enregistré pour {period} à {time}"},
    "board_not_saved": {"en": "Not saved: ", "fr": "Non enregistré : "},
    "board_retry": {"en": "Change the value again to retry; the journal is unchanged.",
                    "fr": "Changez à nouveau la valeur pour réessayer ; le journal n'a pas "
                          "changé."},
    "board_moment_on": {"en": "Saved {touchpoint} as a moment of truth in touchpoints.csv",
                        "fr": "{touchpoint} enregistré comme moment de vérité dans "
                              "touchpoints.csv"},
    "board_moment_off": {"en": "Saved {touchpoint} as not a moment of truth in touchpoints.csv",
                         "fr": "{touchpoint} enregistré comme n'étant pas un moment de vérité "
                               "dans touchpoints.csv"},
    "board_caption": {"en": "Emotion of {scored} of {total} touchpoints; redrawn {redraws} "
                            "times",
                      "fr": "Émotion de {scored} points de contact sur {total} ; redessinée "
                            "{redraws} fois"},
    "board_misfits": {"en": "Saved scores that no longer fit the project",
                      "fr": "Évaluations enregistrées qui ne correspondent plus au projet"},
    "board_misfit": {"en": "{touchpoint}: saved {column} {value} ({when}) is {problem}; it stays "
                           "in the journal, and is saved empty from now on until you score it "
                           "again",
                     "fr": "{touchpoint} : {column} {value} enregistré ({when}) est {problem} ; "
                           "la ligne reste dans le journal, et la valeur est enregistrée vide "
                           "jusqu'à la prochaine évaluation"},
    "board_elsewhere": {"en": "This board saves to <b>{period}</b>; the tables and charts of "
                              "this notebook show <b>{shown}</b>. Set <code>scoring_period</code> "
                              "to score another period.",
                        "fr": "Ce tableau enregistre pour <b>{period}</b> ; les tableaux et "
                              "graphiques de ce notebook montrent <b>{shown}</b>. Renseignez "
                              "<code>scoring_period</code> pour évaluer une autre période."},
    "board_scheduled": {"en": "*The live scoring board is built when `interactive` is True; "
                              "this run reads the saved scores.*",
                        "fr": "*Le tableau d'évaluation en direct est construit quand "
                              "`interactive` vaut True ; cette exécution lit les évaluations "
                              "enregistrées.*"},
    "board_needs": {"en": "*The live scoring board needs personas (step 1) and touchpoints "
                          "(step 3) first.*",
                    "fr": "*Le tableau d'évaluation en direct a d'abord besoin de personas "
                          "(étape 1) et de points de contact (étape 3).*"},
    "tuner_save": {"en": "Save weights to project.yaml",
                   "fr": "Enregistrer les poids dans project.yaml"},
    "tuner_saved": {"en": "Saved to {file} at {time}", "fr": "Enregistré dans {file} à {time}"},
    "tuner_zero": {"en": "at least one weight must be above 0",
                   "fr": "au moins un poids doit être supérieur à 0"},
    "tuner_empty": {"en": "Nothing to rank: no touchpoint is scored for {period}, or every "
                          "weight is 0.",
                    "fr": "Rien à classer : aucun point de contact n'est évalué pour {period}, "
                          "ou tous les poids sont à 0."},
    "tuner_scheduled": {"en": "*The priority tuner is built when `interactive` is True; this "
                              "run uses the weights saved in `project.yaml`.*",
                        "fr": "*Le réglage des priorités est construit quand `interactive` "
                              "vaut True ; cette exécution utilise les poids enregistrés dans "
                              "`project.yaml`.*"},
    "rank": {"en": "Rank", "fr": "Rang"},
    # the step notebooks (cjm.notebook.step): header, what to fill in, the event log
    "step_header": {"en": "**{name}** ({map} map), period **{period}**. {note}",
                    "fr": "**{name}** (carte : {map}), période **{period}**. {note}"},
    "note_fallback": {"en": "No evaluations for the current period yet: showing {period}, the "
                            "latest period with scores.",
                      "fr": "Pas encore d'évaluation pour la période en cours : voici "
                            "{period}, la dernière période évaluée."},
    "todo_head": {"en": "**To fill in** (in the project folder, then re-run this notebook):",
                  "fr": "**À remplir** (dans le dossier du projet, puis relancez ce "
                        "notebook) :"},
    "todo_line": {"en": "- **{file}** has no rows{period} yet: add {what}. Columns: `{columns}`.",
                  "fr": "- **{file}** n'a pas encore de ligne{period} : ajoutez {what}. "
                        "Colonnes : `{columns}`."},
    "todo_for": {"en": " for {period}", "fr": " pour {period}"},
    "todo_none": {"en": "All the data this step needs is there.",
                  "fr": "Toutes les données de cette étape sont là."},
    "todo_personas": {"en": "one row per persona: who they are, needs, frustrations, preferred "
                            "channels, digital ease and share of customers",
                      "fr": "une ligne par persona : qui il est, besoins, frustrations, canaux "
                            "préférés, aisance numérique et part de la clientèle"},
    "todo_personas_goals": {"en": "the personas first (step 1)",
                            "fr": "d'abord les personas (étape 1)"},
    "todo_goals": {"en": "one row per persona and stage: the goal, the scenario, the "
                         "expectation",
                   "fr": "une ligne par persona et par étape : l'objectif, le scénario, "
                         "l'attente"},
    "todo_touchpoints": {"en": "every contact, stage by stage and channel by channel, with its "
                               "owner, whether it is a moment of truth, and its volume",
                         "fr": "chaque contact, étape par étape et canal par canal, avec son "
                               "responsable, s'il est un moment de vérité, et son volume"},
    "todo_touchpoints_evaluation": {"en": "the touchpoints first (step 3)",
                                    "fr": "d'abord les points de contact (étape 3)"},
    "todo_evaluations": {"en": "scores for this period (step 4)",
                         "fr": "des évaluations pour cette période (étape 4)"},
    "todo_evaluations_evaluation": {
        "en": "scores per persona and touchpoint: satisfaction, effort, importance, emotion, "
              "thoughts and pain points",
        "fr": "des évaluations par persona et point de contact : satisfaction, effort, "
              "importance, émotion, pensées et irritants"},
    "todo_actions": {"en": "the improvement ideas: title, touchpoint, impact, cost, confidence, "
                           "owner and status",
                     "fr": "les idées d'amélioration : titre, point de contact, impact, coût, "
                           "confiance, responsable et statut"},
    "log_none": {"en": "This project has no event log (`events.parquet` or `events.csv` in the "
                       "project folder), so nothing in this section is measured. To add one: "
                       "one row per customer contact, with the columns `customer_id, "
                       "timestamp, touchpoint_id` and, if known, `persona_id`.",
                 "fr": "Ce projet n'a pas de journal d'événements (`events.parquet` ou "
                       "`events.csv` dans le dossier du projet) : rien n'est mesuré dans cette "
                       "section. Pour en ajouter un : une ligne par contact client, avec les "
                       "colonnes `customer_id, timestamp, touchpoint_id` et, si connu, "
                       "`persona_id`."},
    "log_covered": {"en": "Event log `{file}`: {events} events from {customers} customers, "
                          "{window}.",
                    "fr": "Journal d'événements `{file}` : {events} événements de {customers} "
                          "clients, {window}."},
    "log_whole": {"en": "the whole log", "fr": "tout le journal"},
    # notes said in place of an empty table, and the review's plain sentences
    "single_assessor": {"en": "Each touchpoint was scored by one assessor in {period}: nothing "
                              "to compare.",
                        "fr": "Chaque point de contact a été évalué par un seul évaluateur en "
                              "{period} : rien à comparer."},
    "attention_none": {"en": "Nothing needs attention: no touchpoint worsened, no friction "
                             "point, and the top priorities improved.",
                       "fr": "Rien ne demande d'attention : aucun point de contact ne s'est "
                             "dégradé, aucun point de friction, et les priorités principales se "
                             "sont améliorées."},
    "overdue_none": {"en": "No open action is past its due date.",
                     "fr": "Aucune action ouverte n'a dépassé son échéance."},
    "compared_with": {"en": "{period} is compared with {basis}.",
                      "fr": "{period} est comparée avec {basis}."},
    "basis_review": {"en": "the review of {review} (its frozen data)",
                     "fr": "la revue de {review} (ses données figées)"},
    "basis_tables": {"en": "the {period} rows of the project's tables (no earlier review)",
                     "fr": "les lignes {period} des tables du projet (pas de revue "
                           "antérieure)"},
    "next_review": {"en": "Next review due by {date}.",
                    "fr": "Prochaine revue à faire avant le {date}."},
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
    "sheet_plan": {"en": "Action plan", "fr": "Plan d'action"},
    "sheet_priorities": {"en": "Touchpoint priorities", "fr": "Priorités"},
    "due": {"en": "Due date", "fr": "Échéance"},
    "overdue": {"en": "Overdue", "fr": "En retard"},
    "days_overdue": {"en": "Days overdue", "fr": "Jours de retard"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
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

"""The words of the notebooks: the live widgets, the step openers, the notes said in place of
empty tables, the review's plain sentences, and the columns of the plan and priorities."""

from __future__ import annotations

NOTES: dict[str, dict[str, str]] = {
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
    "plan_rank": {"en": "plan #{rank}", "fr": "plan n° {rank}"},
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
    "log_approximate": {"en": "Its medians and 90th percentiles are the engine's estimates "
                              "(it computes no exact quantiles).",
                        "fr": "Ses médianes et 90e centiles sont des estimations du moteur "
                              "(il ne calcule pas de quantiles exacts)."},
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
    "score": {"en": "Score", "fr": "Score"},
    "touchpoint_priority": {"en": "Touchpoint priority", "fr": "Priorité du point de contact"},
}

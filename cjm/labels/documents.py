"""The words of what a review hands over: the Excel workbook, the report and the deck."""

from __future__ import annotations

DOCUMENTS: dict[str, dict[str, str]] = {
    # the first sheet of actions.xlsx: what the workbook holds and how it ranks
    "sheet_readme": {"en": "Read me", "fr": "À lire"},
    "readme_title": {"en": "{name}: action plan, {period}",
                     "fr": "{name} : plan d'action, {period}"},
    "readme_holds": {"en": "What this workbook holds", "fr": "Contenu du classeur"},
    "readme_plan": {"en": "The open actions (not done, not dropped), most valuable first. "
                          "Overdue actions are in red.",
                    "fr": "Les actions ouvertes (ni faites ni abandonnées), les plus utiles "
                          "d'abord. Les actions en retard sont en rouge."},
    "readme_priorities": {"en": "The touchpoints scored in the period, most urgent first, with "
                                "every part of their priority.",
                          "fr": "Les points de contact évalués sur la période, les plus urgents "
                                "d'abord, avec chaque composante de leur priorité."},
    "readme_ranking": {"en": "How actions are ranked", "fr": "Comment les actions sont classées"},
    "readme_score": {"en": "Score = touchpoint priority × (impact ÷ 5) × confidence ÷ cost, from "
                           "0 to 100. An action on an urgent touchpoint, with a large, likely "
                           "effect at a low cost, comes first; ties go to the more urgent "
                           "touchpoint. An action for the whole journey takes the mean priority "
                           "of the scored touchpoints; so does one on a touchpoint nobody scored "
                           "in the period (\"{assumed}\" says so). A missing confidence counts "
                           "as 50% (\"{confidence}\").",
                     "fr": "Score = priorité du point de contact × (impact ÷ 5) × confiance ÷ "
                           "coût, de 0 à 100. Une action sur un point de contact urgent, à "
                           "l'effet fort et probable, pour un coût faible, passe en tête ; à "
                           "égalité, le point de contact le plus urgent l'emporte. Une action "
                           "sur tout le parcours prend la priorité moyenne des points de contact "
                           "évalués, de même qu'une action sur un point de contact non évalué "
                           "sur la période (« {assumed} » le signale). Une confiance manquante "
                           "compte pour 50 % (« {confidence} »)."},
    "readme_priority": {"en": "Touchpoint priority (0-100) = 100 × the weighted sum of: {parts}. "
                              "Each part is scaled to 0-1 from the workshop scores of the period "
                              "and the project's scales; reach compares the orders of magnitude "
                              "of the volumes.",
                        "fr": "Priorité du point de contact (0-100) = 100 × la somme pondérée de : "
                              "{parts}. Chaque composante est ramenée entre 0 et 1 à partir des "
                              "évaluations d'atelier de la période et des échelles du projet ; "
                              "la portée compare les ordres de grandeur des volumes."},
    "readme_columns": {"en": "Columns", "fr": "Colonnes"},
    "readme_sheet": {"en": "Sheet", "fr": "Feuille"},
    "readme_column": {"en": "Column", "fr": "Colonne"},
    "readme_meaning": {"en": "Meaning", "fr": "Signification"},
    "about_rank": {"en": "1 = the first to do", "fr": "1 = la première à faire"},
    "about_impact": {"en": "Expected effect, 1 (small) to 5 (large)",
                     "fr": "Effet attendu, de 1 (faible) à 5 (fort)"},
    "about_cost": {"en": "Effort or money it takes, 1 (little) to 5 (a lot)",
                   "fr": "Effort ou budget nécessaire, de 1 (peu) à 5 (beaucoup)"},
    "about_confidence": {"en": "How sure the team is of the impact, 0-100%",
                         "fr": "Certitude de l'équipe sur l'impact, 0-100 %"},
    "about_score": {"en": "See How actions are ranked", "fr": "Voir Comment les actions sont "
                                                              "classées"},
    "about_touchpoint_priority": {"en": "Urgency of the action's touchpoint, 0-100 (sheet {sheet})",
                                  "fr": "Urgence du point de contact de l'action, 0-100 (feuille "
                                        "{sheet})"},
    "about_overdue": {"en": "Open and past its due date", "fr": "Ouverte et échéance dépassée"},
    "about_gap": {"en": "How far satisfaction is below the top of its scale, 0-1",
                  "fr": "Distance de la satisfaction au haut de son échelle, 0-1"},
    "about_reach": {"en": "Share of customers reached, 0-1, from the volume or the personas' "
                          "shares (Reach source)",
                    "fr": "Part des clients touchés, 0-1, d'après le volume ou la part des "
                          "personas (Source de la portée)"},
    "about_weighted": {"en": "The part above × its weight ({weight})",
                       "fr": "La composante ci-dessus × son poids ({weight})"},
    "about_scaled": {"en": "Scaled to 0-1 (1 = most urgent)",
                     "fr": "Ramené entre 0 et 1 (1 = le plus urgent)"},
    "about_assumed": {"en": "yes: the value was missing and a rule gave it",
                      "fr": "oui : la valeur manquait et une règle l'a fixée"},
    "priority_assumed": {"en": "Priority assumed", "fr": "Priorité supposée"},
    # the report and the deck: a review told in sentences (cjm.render.story)
    "review_title": {"en": "Journey review {period}", "fr": "Revue du parcours {period}"},
    "compared_review": {"en": "Compared with the review of {previous}.",
                        "fr": "Comparée avec la revue de {previous}."},
    "compared_tables": {"en": "Compared with the {previous} rows of the project's tables (no "
                              "earlier review).",
                        "fr": "Comparée avec les lignes {previous} des tables du projet (pas de "
                              "revue antérieure)."},
    "compared_none": {"en": "A first review: nothing to compare with yet.",
                      "fr": "Première revue : rien à comparer pour l'instant."},
    "kpi_csat": {"en": "CSAT", "fr": "CSAT"},
    "kpi_csat_about": {"en": "satisfied customers (4 or 5 of 5)",
                       "fr": "clients satisfaits (4 ou 5 sur 5)"},
    "kpi_ces_easy": {"en": "CES", "fr": "CES"},
    "kpi_ces_easy_about": {"en": "customers who found it easy", "fr": "clients qui ont trouvé "
                                                                      "cela facile"},
    "kpi_nps": {"en": "NPS", "fr": "NPS"},
    "kpi_nps_about": {"en": "promoters minus detractors, -100 to +100",
                      "fr": "promoteurs moins détracteurs, de -100 à +100"},
    "kpi_interval": {"en": "95% CI {low} to {high}, n = {n}",
                     "fr": "IC à 95 % {low} à {high}, n = {n}"},
    "kpi_rose": {"en": "up {change} from {previous} (n = {n})",
                 "fr": "en hausse de {change} depuis {previous} (n = {n})"},
    "kpi_fell": {"en": "down {change} from {previous} (n = {n})",
                 "fr": "en baisse de {change} depuis {previous} (n = {n})"},
    "kpi_same": {"en": "unchanged from {previous} (n = {n})",
                 "fr": "inchangé depuis {previous} (n = {n})"},
    "verdict_significant": {"en": "a significant change ({p})",
                            "fr": "une évolution significative ({p})"},
    "verdict_not_significant": {"en": "within what chance alone gives ({p})",
                                "fr": "dans les limites du hasard ({p})"},
    "verdict_too_few": {"en": "too few answers to tell (at least {min} on each side)",
                        "fr": "trop peu de réponses pour conclure (au moins {min} de chaque "
                              "côté)"},
    "verdict_no_previous": {"en": "no earlier answers to compare with",
                            "fr": "pas de réponses antérieures à comparer"},
    "verdict_no_data": {"en": "no answers in {period}", "fr": "aucune réponse en {period}"},
    "kpi_sentence": {"en": "{name} {value} ({interval}): {change}, {verdict}.",
                     "fr": "{name} {value} ({interval}) : {change}, {verdict}."},
    "kpi_sentence_alone": {"en": "{name} {value} ({interval}): {verdict}.",
                           "fr": "{name} {value} ({interval}) : {verdict}."},
    "points_word": {"en": "points", "fr": "points"},
    "touchpoints_improved": {"en": "{n} touchpoints improved: {items}.",
                             "fr": "{n} points de contact se sont améliorés : {items}."},
    "touchpoint_improved": {"en": "1 touchpoint improved: {items}.",
                            "fr": "1 point de contact s'est amélioré : {items}."},
    "touchpoints_worsened": {"en": "{n} touchpoints worsened: {items}.",
                             "fr": "{n} points de contact se sont dégradés : {items}."},
    "touchpoint_worsened": {"en": "1 touchpoint worsened: {items}.",
                            "fr": "1 point de contact s'est dégradé : {items}."},
    "none_improved": {"en": "No touchpoint improved.",
                      "fr": "Aucun point de contact ne s'est amélioré."},
    "none_worsened": {"en": "No touchpoint worsened.",
                      "fr": "Aucun point de contact ne s'est dégradé."},
    "rest_of_changes": {"en": "{stable} stayed stable, {new} are new, {retired} were retired "
                              "or no longer scored.",
                        "fr": "{stable} sont restés stables, {new} sont nouveaux, {retired} ont "
                              "été retirés ou ne sont plus évalués."},
    "by_survey": {"en": "CSAT {change} points, significant",
                  "fr": "CSAT {change} points, significatif"},
    "by_workshop": {"en": "workshop satisfaction {before} → {after}",
                    "fr": "satisfaction en atelier {before} → {after}"},
    "and_more": {"en": "and {n} more", "fr": "et {n} de plus"},
    "actions_done": {"en": "{n} actions were completed since {previous}.",
                     "fr": "{n} actions ont été terminées depuis {previous}."},
    "action_done": {"en": "1 action was completed since {previous}.",
                    "fr": "1 action a été terminée depuis {previous}."},
    "no_action_done": {"en": "No action was completed since {previous}.",
                       "fr": "Aucune action n'a été terminée depuis {previous}."},
    "effect_improved": {"en": "{touchpoint} improved ({how})",
                        "fr": "{touchpoint} s'est amélioré ({how})"},
    "effect_worsened": {"en": "{touchpoint} worsened ({how})",
                        "fr": "{touchpoint} s'est dégradé ({how})"},
    "effect_stable": {"en": "{touchpoint} did not change measurably",
                      "fr": "{touchpoint} n'a pas évolué de façon mesurable"},
    "effect_unscored": {"en": "{touchpoint} was not scored, so its effect is not known yet",
                        "fr": "{touchpoint} n'a pas été évalué : son effet n'est pas encore "
                              "connu"},
    "effect_journey": {"en": "across the whole journey", "fr": "sur tout le parcours"},
    "quality_unscored": {"en": "{n} touchpoints were not scored in {period} and are left out of "
                               "the changes: {names}.",
                         "fr": "{n} points de contact n'ont pas été évalués en {period} et ne "
                               "figurent pas dans les évolutions : {names}."},
    "quality_warnings": {"en": "The tables raised {n} warnings (cjm validate lists them): "
                               "{first}.",
                         "fr": "Les tables ont levé {n} avertissements (cjm validate les "
                               "liste) : {first}."},
    "quality_small": {"en": "{n} changes were decided by workshop scores, their survey having "
                            "fewer than {min} answers on a side.",
                      "fr": "{n} évolutions ont été décidées par les évaluations d'atelier, "
                            "leur enquête ayant moins de {min} réponses d'un côté."},
    "quality_small_one": {"en": "1 change was decided by workshop scores, its survey having "
                                "fewer than {min} answers on a side.",
                          "fr": "1 évolution a été décidée par les évaluations d'atelier, son "
                                "enquête ayant moins de {min} réponses d'un côté."},
    "quality_no_survey": {"en": "No survey answer in {period}: the headline figures are missing.",
                          "fr": "Aucune réponse d'enquête en {period} : les indicateurs "
                                "principaux manquent."},
    "quality_none": {"en": "No data-quality warning.", "fr": "Aucun avertissement sur les "
                                                            "données."},
    # the report's headings and table headers (cjm.render.report, cjm.render.contents)
    "report_contents": {"en": "Contents", "fr": "Sommaire"},
    "report_generated": {"en": "Generated on {date} by cjm from the review folder {folder}.",
                         "fr": "Généré le {date} par cjm depuis le dossier de revue {folder}."},
    "summary_title": {"en": "Executive summary", "fr": "Synthèse"},
    "headline_title": {"en": "Headline figures", "fr": "Indicateurs principaux"},
    "changes_title": {"en": "What changed", "fr": "Ce qui a changé"},
    "done_title": {"en": "What the last round of actions achieved",
                   "fr": "Ce qu'ont apporté les dernières actions"},
    "attention_title": {"en": "What needs attention", "fr": "Ce qui demande de l'attention"},
    "plan_title": {"en": "Top of the action plan", "fr": "En tête du plan d'action"},
    "plan_note": {"en": "Ranked by score = touchpoint priority × (impact ÷ 5) × confidence ÷ "
                        "cost; overdue actions in red. The whole plan, and how it is ranked, is "
                        "in actions.xlsx.",
                  "fr": "Classées par score = priorité du point de contact × (impact ÷ 5) × "
                        "confiance ÷ coût ; actions en retard en rouge. Le plan complet, et la "
                        "façon dont il est classé, sont dans actions.xlsx."},
    "quality_title": {"en": "About the data", "fr": "À propos des données"},
    "maps_title": {"en": "Journey maps", "fr": "Cartes du parcours"},
    "steps_title": {"en": "Step by step", "fr": "Étape par étape"},
    "step_personas": {"en": "1. Personas", "fr": "1. Personas"},
    "step_goals": {"en": "2. Goals", "fr": "2. Objectifs"},
    "step_touchpoints": {"en": "3. Touchpoints", "fr": "3. Points de contact"},
    "step_evaluation": {"en": "4. Evaluation", "fr": "4. Évaluation"},
    "step_prioritisation": {"en": "5. Prioritisation", "fr": "5. Priorisation"},
    "step_review": {"en": "6. Changes since the last review",
                    "fr": "6. Évolutions depuis la dernière revue"},
    "full_table": {"en": "and {n} more: the whole table is in actions.xlsx, sheet “{sheet}”.",
                   "fr": "et {n} de plus : le tableau complet est dans actions.xlsx, feuille "
                         "« {sheet} »."},
    "more_rows": {"en": "and {n} more.", "fr": "et {n} de plus."},
    "nothing_listed": {"en": "Nothing to list.", "fr": "Rien à signaler."},
    "t_personas": {"en": "Personas and their share of customers",
                   "fr": "Personas et leur part de la clientèle"},
    "t_persona_checks": {"en": "What is still missing about the personas",
                         "fr": "Ce qui manque encore sur les personas"},
    "t_goal_gaps": {"en": "Stages without a goal", "fr": "Étapes sans objectif"},
    "t_volumes": {"en": "Volume by stage", "fr": "Volume par étape"},
    "t_missing": {"en": "Preferred channels with no touchpoint at a stage",
                  "fr": "Canaux préférés sans point de contact à une étape"},
    "t_redundant": {"en": "Possible duplicates", "fr": "Doublons possibles"},
    "t_metrics": {"en": "Survey figures per touchpoint", "fr": "Enquête par point de contact"},
    "t_friction": {"en": "Friction points", "fr": "Points de friction"},
    "t_moments": {"en": "Moments of truth", "fr": "Moments de vérité"},
    "t_concentrate": {"en": "Where to concentrate (important, not satisfying)",
                      "fr": "Où concentrer l'effort (important, peu satisfaisant)"},
    "t_priorities": {"en": "Touchpoint priorities", "fr": "Priorités des points de contact"},
    "t_changes": {"en": "Touchpoints that changed", "fr": "Points de contact qui ont évolué"},
    "t_overdue": {"en": "Overdue actions", "fr": "Actions en retard"},
    "sheet_changes": {"en": "Changes", "fr": "Évolutions"},
    "sheet_metrics": {"en": "Survey per touchpoint", "fr": "Enquête par point"},
    "sheet_attention": {"en": "Needs attention", "fr": "À surveiller"},
    "sheet_friction": {"en": "Friction points", "fr": "Points de friction"},
    "sheet_missing": {"en": "Missing touchpoints", "fr": "Points manquants"},
    "sheet_moments": {"en": "Moments of truth", "fr": "Moments de vérité"},
    "reason": {"en": "Why", "fr": "Pourquoi"},
    "segment": {"en": "Segment", "fr": "Segment"},
    "kpi_measure": {"en": "Measure", "fr": "Indicateur"},
    "chart_by_survey": {"en": "CSAT, where the survey decided (grey: before)",
                        "fr": "CSAT, quand l'enquête a décidé (gris : avant)"},
    "chart_by_workshop": {"en": "Workshop satisfaction, where workshops decided (grey: before)",
                          "fr": "Satisfaction en atelier, quand les ateliers ont décidé (gris : "
                                "avant)"},
    "kpi_range": {"en": "95% interval and answers", "fr": "Intervalle à 95 % et réponses"},
    "kpi_change": {"en": "Change", "fr": "Évolution"},
    "kpi_meaning": {"en": "What it means", "fr": "Ce que cela signifie"},
    "deck_map_title": {"en": "{name}: journey map {period}",
                       "fr": "{name} : carte du parcours {period}"},
    "change_rule_text": {"en": "A touchpoint improved or worsened when its survey CSAT changed "
                               "significantly (p < {alpha}, at least {n} answers on each side); "
                               "without such a sample, when its workshop satisfaction moved by "
                               "{delta} or more.",
                         "fr": "Un point de contact s'est amélioré ou dégradé quand son CSAT "
                               "d'enquête a évolué de façon significative (p < {alpha}, au moins "
                               "{n} réponses de chaque côté) ; sans un tel échantillon, quand sa "
                               "satisfaction en atelier a bougé de {delta} ou plus."},
    "check": {"en": "Missing", "fr": "Manque"},
    "detail": {"en": "Detail", "fr": "Détail"},
    "share_of_volume": {"en": "Share of volume", "fr": "Part du volume"},
    "n_personas": {"en": "Personas who scored it", "fr": "Personas l'ayant évalué"},
    "quadrant": {"en": "Quadrant", "fr": "Quadrant"},
    "basis": {"en": "Decided by", "fr": "Décidé par"},
    "n_csat": {"en": "CSAT answers", "fr": "Réponses CSAT"},
    "n_nps": {"en": "NPS answers", "fr": "Réponses NPS"},
    "satisfaction_before": {"en": "Satisfaction before", "fr": "Satisfaction avant"},
    "satisfaction_after": {"en": "Satisfaction after", "fr": "Satisfaction après"},
    "csat_before": {"en": "CSAT before", "fr": "CSAT avant"},
    "csat_after": {"en": "CSAT after", "fr": "CSAT après"},
    "csat_delta": {"en": "CSAT change (points)", "fr": "Évolution CSAT (points)"},
    "satisfaction_delta": {"en": "Satisfaction change", "fr": "Évolution de la satisfaction"},
    "owners": {"en": "Owners", "fr": "Responsables"},
    "other_touchpoint": {"en": "Same place as", "fr": "Doublon possible de"},
    # the project workbook (cjm export / cjm import)
    "workbook_title": {"en": "{name}: the journey map's tables",
                       "fr": "{name} : les tables de la carte du parcours"},
    "workbook_intro": {
        "en": "This workbook holds the project's tables, one sheet each, to fill in during "
              "workshops. The project's files stay the reference: bring your changes back "
              "with the command below.",
        "fr": "Ce classeur contient les tables du projet, une feuille chacune, à remplir en "
              "atelier. Les fichiers du projet restent la référence : rapportez-y vos "
              "modifications avec la commande ci-dessous."},
    "workbook_sheets": {
        "en": "Keep the sheets' names and the header row: cjm finds each table by them. "
              "Personas, Goals, Touchpoints, Evaluations, Survey, Actions; Project holds the "
              "settings (one per row).",
        "fr": "Gardez les noms des feuilles et la ligne d'en-tête : cjm retrouve chaque table "
              "grâce à eux. Personas, Objectifs, Points de contact, Évaluations, Enquête, "
              "Actions ; Projet contient les paramètres (un par ligne)."},
    "workbook_lists": {
        "en": "Columns with a closed set of values (stages, channels, persona and touchpoint "
              "ids, statuses, lanes, yes/no) offer a drop-down list, and scores must lie "
              "within their scale: Excel refuses anything else. A new stage or channel is "
              "added in the Project sheet.",
        "fr": "Les colonnes aux valeurs fermées (étapes, canaux, identifiants de persona et de "
              "point de contact, statuts, couloirs, oui/non) proposent une liste déroulante, "
              "et les notes doivent rester dans leur échelle : Excel refuse le reste. Une "
              "nouvelle étape ou un nouveau canal s'ajoute dans la feuille Projet."},
    "workbook_journal": {
        "en": "Evaluations are a journal: add rows, do not change or delete earlier ones. "
              "An import adds the rows the project does not hold yet and never removes one.",
        "fr": "Les évaluations forment un journal : ajoutez des lignes, ne modifiez ni ne "
              "supprimez les anciennes. Un import ajoute les lignes que le projet n'a pas "
              "encore et n'en retire jamais."},
    "workbook_import": {
        "en": "To bring the workbook back: cjm import {slug} THIS-FILE.xlsx (everything is "
              "checked first; nothing changes when anything is wrong).",
        "fr": "Pour rapporter le classeur : cjm import {slug} CE-FICHIER.xlsx (tout est "
              "vérifié d'abord ; rien ne change si quelque chose ne va pas)."},
    "workbook_extra": {
        "en": "Your own sheets and columns may stay: the import leaves them out and says so.",
        "fr": "Vos propres feuilles et colonnes peuvent rester : l'import les laisse de côté "
              "et le signale."},
    "setting_name": {"en": "The project's name, as reports and decks title it",
                     "fr": "Le nom du projet, titre des rapports et des présentations"},
    "setting_language": {"en": "en or fr", "fr": "en ou fr"},
    "setting_map_type": {"en": "current, future, day-in-the-life or service-blueprint",
                         "fr": "current, future, day-in-the-life ou service-blueprint"},
    "setting_stages": {"en": "The journey's stages, in order", "fr":
                       "Les étapes du parcours, dans l'ordre"},
    "setting_channels": {"en": "The channels customers use", "fr":
                         "Les canaux qu'utilisent les clients"},
    "setting_scales": {"en": "Lowest and highest score of each scale",
                       "fr": "Note la plus basse et la plus haute de chaque échelle"},
    "setting_effort_direction": {"en": "higher_is_easier (CES 2.0) or higher_is_harder",
                                 "fr": "higher_is_easier (CES 2.0) ou higher_is_harder"},
    "setting_priority": {"en": "Weights of the priority score",
                         "fr": "Poids du score de priorité"},
    "setting_review": {"en": "Months between two reviews (1, 3 or 6)",
                       "fr": "Mois entre deux revues (1, 3 ou 6)"},
    "setting_key_drivers": {"en": "Key drivers: the importance the priority score uses (stated "
                                  "or derived) and the bootstrap draws",
                            "fr": "Leviers : l'importance qu'utilise le score de priorité "
                                  "(stated : déclarée, ou derived : mesurée) et les tirages "
                                  "bootstrap"},
    "setting_optional_stages": {"en": "Stages a customer may skip",
                                "fr": "Étapes qu'un client peut sauter"},
}

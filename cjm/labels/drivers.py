"""The words of key drivers (`cjm.steps.drivers`) and behavioural drivers
(`cjm.events.progress`): chart titles and axes, quadrants, statuses, columns and sentences."""

from __future__ import annotations

DRIVERS: dict[str, dict[str, str]] = {
    # charts
    "key_drivers_nps": {"en": "What drives NPS", "fr": "Ce qui fait le NPS"},
    "key_drivers_satisfaction": {"en": "What drives overall satisfaction",
                                 "fr": "Ce qui fait la satisfaction globale"},
    "outcome_nps": {"en": "NPS", "fr": "NPS"},
    "outcome_satisfaction": {"en": "overall satisfaction", "fr": "satisfaction globale"},
    "weight_axis": {"en": "Share of the {outcome} differences it accounts for (%)",
                    "fr": "Part des écarts de {outcome} qu'il explique (%)"},
    "drivers_note": {"en": "{respondents} respondents; together: {r2} of the differences "
                           "({low} to {high})",
                     "fr": "{respondents} répondants ; ensemble : {r2} des écarts "
                           "({low} à {high})"},
    "drivers_unranked": {"en": "Not ranked: {names}", "fr": "Non classés : {names}"},
    "stated_vs_derived": {"en": "Stated against derived importance",
                          "fr": "Importance déclarée et importance mesurée"},
    "stated_axis": {"en": "Stated importance (workshop)",
                    "fr": "Importance déclarée (atelier)"},
    "derived_axis": {"en": "Derived importance: share of NPS differences (%)",
                     "fr": "Importance mesurée : part des écarts de NPS (%)"},
    "behaviour_title": {"en": "Who goes on to a later stage after meeting the touchpoint",
                        "fr": "Qui passe à une étape suivante après le point de contact"},
    "behaviour_axis": {"en": "Difference with comparable customers (points)",
                       "fr": "Écart avec des clients comparables (points)"},
    "behaviour_caveat": {"en": "Association, not cause: those who meet it differ in ways the "
                               "log does not show.",
                         "fr": "Association, pas causalité : ceux qui le rencontrent diffèrent "
                               "d'une façon que le journal ne montre pas."},
    # quadrants and statuses
    "driver_key": {"en": "Key drivers", "fr": "Leviers reconnus"},
    "driver_hidden": {"en": "Hidden drivers", "fr": "Leviers cachés"},
    "driver_overrated": {"en": "Overrated", "fr": "Surestimés"},
    "driver_secondary": {"en": "Secondary", "fr": "Secondaires"},
    "reading_key": {"en": "Key driver", "fr": "Levier reconnu"},
    "reading_hidden": {"en": "Hidden driver", "fr": "Levier caché"},
    "reading_overrated": {"en": "Overrated", "fr": "Surestimé"},
    "reading_secondary": {"en": "Secondary", "fr": "Secondaire"},
    "drivers_caption": {"en": "Weight: the share of the differences in NPS between the {n} "
                              "respondents that the touchpoint's satisfaction accounts for; "
                              "together, {r2}.",
                        "fr": "Poids : la part des écarts de NPS entre les {n} répondants "
                              "qu'explique la satisfaction du point de contact ; ensemble, "
                              "{r2}."},
    "driver_status_ranked": {"en": "ranked", "fr": "classé"},
    "driver_status_too_few_ratings": {"en": "too few ratings", "fr": "trop peu de notes"},
    "driver_status_no_variation": {"en": "same rating from everyone",
                                   "fr": "même note pour tous"},
    "driver_status_rarely_together": {"en": "rarely rated with the others",
                                      "fr": "rarement noté avec les autres"},
    "driver_status_too_few_respondents": {"en": "too few respondents",
                                          "fr": "trop peu de répondants"},
    "goes_with_leaving": {"en": "goes with leaving", "fr": "va de pair avec l'abandon"},
    "goes_with_progress": {"en": "goes with going on", "fr": "va de pair avec la poursuite"},
    "importance_stated": {"en": "stated", "fr": "déclarée"},
    "importance_derived": {"en": "derived", "fr": "mesurée"},
    # table columns
    "weight": {"en": "Weight", "fr": "Poids"},
    "low": {"en": "Low (95%)", "fr": "Bas (95 %)"},
    "high": {"en": "High (95%)", "fr": "Haut (95 %)"},
    "share_of_r2": {"en": "Share of R²", "fr": "Part du R²"},
    "respondents": {"en": "Respondents", "fr": "Répondants"},
    "r2": {"en": "R²", "fr": "R²"},
    "outcome": {"en": "Outcome", "fr": "Indicateur"},
    "stated": {"en": "Stated importance", "fr": "Importance déclarée"},
    "importance_source": {"en": "Importance used", "fr": "Importance retenue"},
    "customers_met": {"en": "Customers who met it", "fr": "Clients qui l'ont rencontré"},
    "customers_not_met": {"en": "Customers who did not", "fr": "Clients qui ne l'ont pas"},
    "progress_met": {"en": "Going on (met)", "fr": "Poursuite (rencontré)"},
    "progress_not_met": {"en": "Going on (not met)", "fr": "Poursuite (non rencontré)"},
    "progress_diff": {"en": "Going on: difference", "fr": "Poursuite : écart"},
    "progress_low": {"en": "Going on: low (95%)", "fr": "Poursuite : bas (95 %)"},
    "progress_high": {"en": "Going on: high (95%)", "fr": "Poursuite : haut (95 %)"},
    "conversion_met": {"en": "Conversion (met)", "fr": "Conversion (rencontré)"},
    "conversion_not_met": {"en": "Conversion (not met)", "fr": "Conversion (non rencontré)"},
    "conversion_diff": {"en": "Conversion: difference", "fr": "Conversion : écart"},
    "conversion_low": {"en": "Conversion: low (95%)", "fr": "Conversion : bas (95 %)"},
    "conversion_high": {"en": "Conversion: high (95%)", "fr": "Conversion : haut (95 %)"},
    "days_met": {"en": "Days to next stage (met)", "fr": "Jours jusqu'à l'étape suivante "
                                                         "(rencontré)"},
    "days_not_met": {"en": "Days to next stage (not met)",
                     "fr": "Jours jusqu'à l'étape suivante (non rencontré)"},
    "days_diff": {"en": "Days: difference", "fr": "Jours : écart"},
    "days_low": {"en": "Days: low (95%)", "fr": "Jours : bas (95 %)"},
    "days_high": {"en": "Days: high (95%)", "fr": "Jours : haut (95 %)"},
    "flag": {"en": "Flag", "fr": "Signal"},
    # notebook sentences
    "drivers_none": {"en": "No key drivers for {period}: {reason}",
                     "fr": "Pas de leviers pour {period} : {reason}"},
    "drivers_no_barometer": {"en": "the project has no barometer.csv (the relationship survey: "
                                   "NPS and one satisfaction column per touchpoint)",
                             "fr": "le projet n'a pas de barometer.csv (le baromètre de "
                                   "satisfaction : NPS et une colonne de satisfaction par point "
                                   "de contact)"},
    "drivers_no_answers": {"en": "the barometer has no answers dated in this period or before "
                                 "it",
                           "fr": "le baromètre n'a aucune réponse datée de cette période ou "
                                 "d'avant"},
    "drivers_earlier": {"en": " (the latest barometer before {review})",
                        "fr": " (le dernier baromètre avant {review})"},
    "drivers_too_few": {"en": "{respondents} respondents answered ({outcome}), too few to "
                              "rank touchpoints (at least {needed} are needed)",
                        "fr": "{respondents} répondants ont répondu ({outcome}), trop peu pour "
                              "classer les points de contact (il en faut au moins {needed})"},
    "drivers_too_few_ratings": {"en": "no touchpoint can be ranked: each was rated by fewer "
                                      "than {min} respondents, by everyone alike, or rarely "
                                      "together with the others",
                                "fr": "aucun point de contact ne peut être classé : chacun a "
                                      "été noté par moins de {min} répondants, par tous de la même "
                                      "façon, ou rarement avec les autres"},
    "drivers_found": {"en": "{respondents} respondents of {period}{earlier}; Johnson's relative "
                            "weights on pairwise correlations (each touchpoint counts the "
                            "respondents who rated it), 95% intervals from {draws} bootstrap "
                            "draws. The touchpoints together account for {r2} of the {outcome} "
                            "differences ({low} to {high}).",
                      "fr": "{respondents} répondants de {period}{earlier} ; poids relatifs de "
                            "Johnson sur des corrélations par paires (chaque point de contact "
                            "compte les répondants qui l'ont noté), intervalles à 95 % par {draws}"
                            " tirages bootstrap. Ensemble, les points de contact expliquent {r2} "
                            "des écarts de {outcome} ({low} à {high})."},
    "importance_used": {"en": "The priority score uses the {source} importance "
                              "(`key_drivers: importance` in project.yaml){fallback}.",
                        "fr": "Le score de priorité utilise l'importance {source} "
                              "(`key_drivers: importance` dans project.yaml){fallback}."},
    "importance_fallback": {"en": "; {count} touchpoints the barometer does not rank keep their "
                                  "stated importance",
                            "fr": " ; {count} points de contact que le baromètre ne classe pas "
                                  "gardent leur importance déclarée"},
    "behaviour_none": {"en": "No behavioural drivers: {reason}",
                       "fr": "Pas de leviers comportementaux : {reason}"},
    "behaviour_no_log": {"en": "the project has no event log",
                         "fr": "le projet n'a pas de journal d'événements"},
    "behaviour_no_comparison": {"en": "no touchpoint has {n} customers on each side",
                                "fr": "aucun point de contact n'a {n} clients de chaque côté"},
    "journeys_none": {"en": "No answer carries a customer_id the event log holds for this "
                            "period: with a `customer_id` column in barometer.csv or survey.csv, "
                            "answers join journeys here.",
                      "fr": "Aucune réponse ne porte un customer_id que le journal d'événements "
                            "connaît sur cette période : avec une colonne `customer_id` dans "
                            "barometer.csv ou survey.csv, les réponses rejoignent ici les "
                            "parcours."},
    "farthest": {"en": "Farthest stage reached", "fr": "Étape la plus avancée"},
    "converted": {"en": "Went all the way", "fr": "Parcours complet"},
    "journeys_sentence": {"en": "NPS of the {source} respondents the event log knows, by the "
                                "farthest stage they reached: {items}.",
                          "fr": "NPS des répondants {source} que le journal d'événements "
                                "connaît, selon l'étape la plus avancée atteinte : {items}."},
    "journey_item": {"en": "{stage}{end} {nps} (n = {n})", "fr": "{stage}{end} {nps} (n = {n})"},
    "journey_end": {"en": " (all the way)", "fr": " (parcours complet)"},
    "journeys_barometer": {"en": "barometer", "fr": "du baromètre"},
    "journeys_survey": {"en": "survey", "fr": "de l'enquête"},
    # the report and the deck
    "drivers_title": {"en": "What drives NPS", "fr": "Ce qui fait le NPS"},
    "driver_item": {"en": "{name} ({weight}, {low} to {high})",
                    "fr": "{name} ({weight}, de {low} à {high})"},
    "drivers_top": {"en": "From {n} barometer respondents of {period}{earlier}, the touchpoints "
                          "whose satisfaction accounts for most of the differences in NPS, with "
                          "its share and 95% interval: {items}. Together they account for {r2}.",
                    "fr": "D'après {n} répondants du baromètre de {period}{earlier}, les points de"
                          " contact dont la satisfaction explique la plus grande part des écarts "
                          "de NPS, avec cette part et son intervalle à 95 % : {items}. Ensemble, "
                          "ils en expliquent {r2}."},
    "drivers_hidden_sentence": {"en": "Hidden drivers, which matter more to customers than the "
                                      "workshop thinks: {names}.",
                                "fr": "Leviers cachés, qui comptent plus pour les clients que "
                                      "ne le pense l'atelier : {names}."},
    "drivers_overrated_sentence": {"en": "Overrated by the workshop, they account for little of "
                                         "the NPS differences: {names}.",
                                   "fr": "Surestimés par l'atelier, ils expliquent peu des "
                                         "écarts de NPS : {names}."},
    "drivers_none_report": {"en": "No key drivers: {reason}.",
                            "fr": "Pas de leviers : {reason}."},
    "drivers_few_report": {"en": "too few barometer respondents in the period to rank "
                                 "touchpoints",
                           "fr": "trop peu de répondants au baromètre sur la période pour "
                                 "classer les points de contact"},
    "drivers_priority_derived": {"en": "The priority score uses the derived importance (the "
                                       "barometer's), as project.yaml asks.",
                                 "fr": "Le score de priorité utilise l'importance mesurée (celle "
                                       "du baromètre), comme le demande project.yaml."},
    "behaviour_item": {"en": "{name} ({diff} points, {low} to {high})",
                       "fr": "{name} ({diff} points, de {low} à {high})"},
    "behaviour_goes_with_leaving_sentence": {
        "en": "In the event log, customers who meet these go on to a later stage less often "
              "than comparable customers: {items}. An association, not a cause.",
        "fr": "Dans le journal d'événements, les clients qui rencontrent ces points de contact "
              "passent moins souvent à une étape suivante que des clients comparables : "
              "{items}. Une association, pas une cause."},
    "behaviour_goes_with_progress_sentence": {
        "en": "Customers who meet these go on more often: {items}.",
        "fr": "Les clients qui rencontrent ceux-ci poursuivent plus souvent : {items}."},
    "t_drivers": {"en": "Key drivers of NPS", "fr": "Leviers du NPS"},
    "t_hidden": {"en": "Where the workshop and the barometer disagree",
                 "fr": "Là où l'atelier et le baromètre divergent"},
    "t_behaviour": {"en": "Touchpoints that go with leaving", "fr": "Points de contact liés à "
                                                                     "l'abandon"},
    "sheet_drivers": {"en": "Key drivers", "fr": "Leviers"},
    "kpi_interval_short": {"en": "{low} to {high}", "fr": "de {low} à {high}"},
    "interval_95": {"en": "95% interval", "fr": "Intervalle à 95 %"},
    "ratings": {"en": "Ratings", "fr": "Notes"},
    "quadrant_word": {"en": "Reading", "fr": "Lecture"},
}

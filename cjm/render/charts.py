"""Charts of a journey: personas, goals, touchpoints, scores, priorities, change and the
event log; and the journey map.

Axes-level functions follow seaborn's shape: the data first, everything else by keyword, an
optional `ax=` (when omitted, a new figure sized for the data) and they return the Axes.
`persona_card` and `journey_map` are figure-level: they build a whole figure and refuse `ax=`.
Nothing here shows or saves a figure (`cjm.render.figures.save_figure` does). An empty frame
draws "no data yet". Every chart speaks the theme's language unless given `language=`
(`cjm.render.theme.set_theme`), and draws text as text. The functions live in one module per
step; this module gathers them.
"""

from .driver_charts import behaviour_chart, driver_bars, stated_derived_chart
from .inventory_charts import goal_coverage, owners_by_stage, touchpoint_matrix
from .journey_map import journey_map, journey_map_data
from .log_charts import funnel_chart, switch_matrix, transition_heatmap
from .persona_charts import persona_card, persona_shares
from .plan_charts import change_chart, ipa_chart, priority_bars
from .score_charts import emotion_curve, metric_bars, stage_summary
from .theme import channel_colors

__all__ = ["behaviour_chart", "change_chart", "channel_colors", "driver_bars", "emotion_curve",
           "funnel_chart", "goal_coverage", "ipa_chart", "journey_map", "journey_map_data",
           "metric_bars", "owners_by_stage", "persona_card", "persona_shares", "priority_bars",
           "stage_summary", "stated_derived_chart", "switch_matrix", "touchpoint_matrix",
           "transition_heatmap"]

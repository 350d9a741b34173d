"""What the templates need beyond the steps: the step opener, the notes shown in place of
empty tables (`step`) and beside the key drivers (`drivers`), and the live widgets."""

from .board import ScoringBoard, live_board
from .drivers import behaviour_note, drivers_note, importance_note
from .maps import MapViewer, journey_maps
from .step import event_log_note, open_step, say, table_or_note, todo
from .tuner import PriorityTuner, live_tuner

__all__ = ["MapViewer", "PriorityTuner", "ScoringBoard", "behaviour_note", "drivers_note",
           "event_log_note", "importance_note", "journey_maps", "live_board", "live_tuner",
           "open_step", "say", "table_or_note", "todo"]

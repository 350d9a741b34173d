"""What the templates need beyond the steps: the step opener, the notes shown in place of
empty tables, and the live widgets."""

from .board import ScoringBoard, live_board
from .maps import MapViewer, journey_maps
from .step import event_log_note, open_step, say, table_or_note, todo
from .tuner import PriorityTuner, live_tuner

__all__ = ["MapViewer", "PriorityTuner", "ScoringBoard", "event_log_note", "journey_maps",
           "live_board", "live_tuner", "open_step", "say", "table_or_note", "todo"]

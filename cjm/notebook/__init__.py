"""What the templates need beyond the steps: the step opener, the notes shown in place of
empty tables, and the live widgets."""

from .board import ScoringBoard, live_board
from .step import event_log_note, open_step, say, table_or_note, todo
from .tuner import PriorityTuner, live_tuner

__all__ = ["PriorityTuner", "ScoringBoard", "event_log_note", "live_board", "live_tuner",
           "open_step", "say", "table_or_note", "todo"]

"""What the templates need beyond the steps: the step opener, the notes shown in place of
empty tables (`step`) and beside the key drivers (`drivers`), the viewers of emotion curves
(`curves`) and journey maps (`maps`), and the live widgets."""

from .board import ScoringBoard, live_board
from .curves import CurveViewer, emotion_curves
from .drivers import behaviour_note, drivers_note, importance_note
from .maps import MapViewer, journey_maps
from .step import event_log_note, open_step, say, table_or_note, todo
from .tuner import PriorityTuner, live_tuner

__all__ = ["CurveViewer", "MapViewer", "PriorityTuner", "ScoringBoard", "behaviour_note",
           "drivers_note", "emotion_curves", "event_log_note", "importance_note",
           "journey_maps", "live_board", "live_tuner", "open_step", "say", "table_or_note",
           "todo"]

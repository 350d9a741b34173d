"""The live widgets for workshops: the scoring board (step 4) and the priority tuner (step 5)."""

from .board import ScoringBoard, live_board
from .tuner import PriorityTuner, live_tuner

__all__ = ["PriorityTuner", "ScoringBoard", "live_board", "live_tuner"]

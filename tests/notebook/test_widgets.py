"""`cjm.notebook.widgets`: the facade of the live widgets. It exposes the very objects of
`cjm.notebook.board` and `cjm.notebook.tuner` (their tests are test_board and test_tuner)."""

from __future__ import annotations

import cjm.notebook
import cjm.notebook.widgets as widgets
from cjm.notebook import board, tuner


def test_the_facade_exposes_the_board_and_the_tuner_themselves():
    assert sorted(widgets.__all__) == ["PriorityTuner", "ScoringBoard", "live_board",
                                       "live_tuner"]
    assert (widgets.ScoringBoard, widgets.live_board) == (board.ScoringBoard, board.live_board)
    assert (widgets.PriorityTuner, widgets.live_tuner) == (tuner.PriorityTuner, tuner.live_tuner)
    assert all(getattr(cjm.notebook, name) is getattr(widgets, name) for name in widgets.__all__)

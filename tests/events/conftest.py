"""Fixtures shared by the tests of `cjm.events`."""

from __future__ import annotations

import math

import pandas as pd
import pytest


def _rows(frame: pd.DataFrame) -> list[tuple]:
    def plain(value):
        if isinstance(value, float):
            return None if math.isnan(value) else round(value, 6)
        return value.item() if hasattr(value, "item") else value

    return [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)]


@pytest.fixture(scope="session")
def rows():
    """`rows(frame)`: a frame's rows as tuples, floats rounded to 6 places, NaN as None, numpy
    scalars as Python ones: easy to compare exactly."""
    return _rows

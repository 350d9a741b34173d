"""Digests of what a computation reads: a frame's columns, types and values, or a whole
project's. Results kept for a process (scores, maps drawn ahead) are keyed by them, so a
changed table, even one a notebook edited in memory, is never answered from an older one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

TABLES = ("personas", "goals", "touchpoints", "evaluations", "survey", "actions", "barometer")


def digest(parts) -> str:
    """A short digest of a sequence of strings."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def frame_digest(frame: pd.DataFrame | None) -> str:
    """A digest of a frame's columns, types and values (lists in cells included)."""
    if frame is None:
        return "none"
    parts = [repr(list(frame.columns)), repr(list(map(str, frame.dtypes))), repr(frame.shape)]
    for _, column in frame.items():
        try:
            hashed = pd.util.hash_pandas_object(column, index=False)
        except TypeError:  # unhashable cells: the `|`-lists of a table
            hashed = pd.util.hash_pandas_object(column.map(repr), index=False)
        parts.append(hashlib.sha256(hashed.to_numpy().tobytes()).hexdigest())
    return digest(parts)


def project_digest(project) -> str:
    """A digest of the project's settings, tables and event log (its size and time)."""
    parts = [project.config.model_dump_json()]
    parts += [frame_digest(getattr(project, name)) for name in TABLES]
    log = project.events_path
    if log is not None and Path(log).is_file():
        state = Path(log).stat()
        parts.append(f"{Path(log).name}:{state.st_size}:{state.st_mtime_ns}")
    return digest(parts)

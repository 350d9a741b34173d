"""Saving what a notebook produces: figures (PNG, SVG, PDF) and tables, atomically.

Notebooks call these with their `output_dir` parameter; an empty `output_dir` saves nothing,
so a notebook can always make the call.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from .writers import write_bytes, write_csv, write_text

FIGURE_FORMATS = ("png", "svg", "pdf")


def figures_dir(output_dir: str | Path) -> Path | None:
    """`<output_dir>/figures`, or None when nothing is to be saved."""
    return Path(output_dir) / "figures" if str(output_dir) else None


def save_figure(fig, output_dir: str | Path, name: str, formats=FIGURE_FORMATS,
                dpi: int = 150) -> list[Path]:
    """Save `fig` as `<output_dir>/figures/<name>.<format>` for each format; return the paths."""
    folder = figures_dir(output_dir)
    if folder is None:
        return []
    paths = []
    for fmt in formats:
        buffer = io.BytesIO()
        metadata = {"CreationDate": None} if fmt == "pdf" else (
            {"Date": None} if fmt == "svg" else None)
        fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
        paths.append(write_bytes(folder / f"{name}.{fmt}", buffer.getvalue()))
    return paths


def save_table(frame: pd.DataFrame, output_dir: str | Path, file_name: str) -> Path | None:
    """Save `frame` as CSV for Excel (`<output_dir>/<file_name>`), formula-safe."""
    if not str(output_dir):
        return None
    return write_csv(frame, Path(output_dir) / file_name, for_excel=True)


def save_json(data, output_dir: str | Path, file_name: str) -> Path | None:
    """Save `data` as indented UTF-8 JSON (`<output_dir>/<file_name>`)."""
    if not str(output_dir):
        return None
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n"
    return write_text(Path(output_dir) / file_name, text)


def _plain(value):
    """JSON form of numpy/pandas scalars and timestamps."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if value is pd.NA:
        return None
    raise TypeError(f"cannot write {type(value).__name__} to JSON")

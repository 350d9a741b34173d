"""Writing files safely: always atomic, and CSV for Excel without formula injection."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from ..errors import UsageError, shown
from ..messages import tr

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NAME_LENGTH = 100  # characters of a file name built from data, before its hash and suffix
_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}  # names Windows refuses


def safe_name(name: str) -> str:
    """A file name made from `name` (data: an id, a persona): letters, digits, `.`, `-` and
    `_` only, no leading dot, at most NAME_LENGTH characters. When anything had to change, a
    short hash of the original is added, so two names never end up as the same file."""
    text = str(name)
    clean = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip("._-")
    clean = re.sub(r"\.{2,}", ".", clean)[:NAME_LENGTH].rstrip("._-")
    if clean and clean == text and clean.lower().split(".")[0] not in _RESERVED:
        return clean
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{clean}-{digest}" if clean else digest


def file_in(folder: Path, name: str) -> Path:
    """`folder / safe_name(name)`, checked to resolve inside `folder` (whatever the caller
    passed, a file is never written elsewhere)."""
    folder = Path(folder)
    path = folder / safe_name(name)
    root = folder.resolve()
    if path.resolve().parent != root:
        raise UsageError(tr("refusing to write {name} outside {root}", name=shown(name),
                            root=root))
    return path


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside `path`; on success it replaces `path` in one step.

    On error the temporary file is removed and `path` is left exactly as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> Path:
    """Atomically write `data` to `path`."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(path)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Atomically write `text` to `path`."""
    return write_bytes(path, text.encode(encoding))


def write_csv(frame: pd.DataFrame, path: Path, *, for_excel: bool = False,
              language: str = "en") -> Path:
    """Atomically write `frame` as CSV (UTF-8, comma, no index).

    `for_excel=True` writes a BOM so Excel detects UTF-8, and neutralises text cells that Excel
    would run as formulas (see `excel_safe`); for a French project (`language="fr"`) it writes
    `;` between cells and decimal commas, as French Excel reads them.
    """
    if for_excel:
        frame = excel_safe(frame)
    french = for_excel and language == "fr"
    text = frame.to_csv(index=False, lineterminator="\n", sep=";" if french else ",",
                        decimal="," if french else ".")
    return write_text(path, text, encoding="utf-8-sig" if for_excel else "utf-8")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells starting with = + - @ (or tab, CR) get a leading `'`.

    Numbers stay numbers: only text cells can smuggle a formula into a spreadsheet.
    """
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        safe[column] = series.map(neutralise, na_action="ignore")
    return safe


def neutralise(value):
    """`'=1+1` for `=1+1`; anything not starting with a formula character is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, data) -> Path:
    """Atomically write `data` as indented UTF-8 JSON, through `plain`."""
    return write_text(path, json.dumps(plain(data), indent=2, ensure_ascii=False) + "\n")


def plain(value):
    """`value` with only JSON types: numpy and pandas scalars unwrapped, nan and NA as None,
    dates as ISO strings."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

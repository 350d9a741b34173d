"""Journey maps drawn ahead: a review draws its maps from the frozen tables while the first
five notebooks run (the processor they leave idle), and step 6 takes each map from here
instead of drawing it again, but only when everything the drawing depends on is the same.

An entry is keyed by a digest of what the map is drawn from: the project's settings and
tables, the period, the opportunities shown, the persona, the kind, the formats, the
language, the plotting settings and cjm's version. A notebook that changes any of them (an
edited plan, a filtered table, another style) misses the entry and draws the map itself, so
a stored map is always the map the notebook would have drawn, byte for byte.

An entry is `<key>.<format>` for each format, then `<key>.json` (the width shown and the
warnings the drawing gave), written last: an entry without it is incomplete and never read.
Before drawing (a big project's: after), the process drawing ahead writes `names.index`: the
file name (without `.png`) step 6 saves each map under, and its key; the deck of a review
shows those pictures as soon as they are drawn, before step 6 has saved them (and is made
again if step 6 saves others).
Whoever draws a map first claims it (`<key>.claim`, created exclusively, holding the process
id), so that the process drawing ahead and step 6 share the maps left instead of drawing
them twice; step 6 waits for a map claimed by a live process, and draws it when that process
has gone without finishing it.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import time
from pathlib import Path

from ..project.digests import digest, frame_digest

NAMES = "names.index"  # in the store (JSON): each map's figure name and key
KEY = re.compile(r"[0-9a-f]{32}")  # a key as `digest` makes it, and so a safe file name
STORE = ".maps-drawn-ahead"  # in the output folder, removed before a review is handed over
PATIENCE = 300  # seconds step 6 waits, in all, for the maps another process is drawing
_NOT_PLOTTING = {"backend", "backend_fallback", "interactive", "webagg.port", "webagg.address"}


def store_dir(output_dir: str | Path) -> Path | None:
    """The store of maps drawn ahead for a notebook saving into `output_dir` (None: saves
    nothing)."""
    return Path(output_dir) / STORE if str(output_dir) else None


def map_key(project_part: str, persona: str, kind: str, *, period, opportunities, most,
            formats, shown, language) -> str:
    """The key of one map: `project_part` is `project_digest(project)`."""
    import matplotlib

    from .. import __version__

    plotting = sorted((name, repr(value)) for name, value in matplotlib.rcParams.items()
                      if name not in _NOT_PLOTTING)
    return digest([__version__, matplotlib.__version__, project_part, str(persona), str(kind),
                 str(period), frame_digest(opportunities), repr(most), repr(tuple(formats)),
                 str(shown), str(language), repr(plotting)])


def put(store: Path, key: str, rendered: dict[str, bytes], width: int, caught: list) -> None:
    """Keep one drawn map: its formats, then the entry's record."""
    from ..project.writers import write_bytes, write_text

    for fmt, data in rendered.items():
        write_bytes(store / f"{key}.{fmt}", data)
    record = {"formats": sorted(rendered), "width": int(width),
              "warnings": [[str(message), f"{category.__module__}:{category.__qualname__}"]
                           for message, category in caught]}
    write_text(store / f"{key}.json", json.dumps(record))


def get(store: Path | None, key: str, formats) -> tuple[dict[str, bytes], int, list] | None:
    """A complete entry with every one of `formats`: (bytes per format, width, warnings as
    (message, category)); None when there is none."""
    if store is None:
        return None
    try:
        record = json.loads((store / f"{key}.json").read_text(encoding="utf-8"))
        if not set(formats) <= set(record["formats"]):
            return None
        rendered = {fmt: (store / f"{key}.{fmt}").read_bytes() for fmt in formats}
        caught = [(message, _category(name)) for message, name in record["warnings"]]
        return rendered, int(record["width"]), caught
    except (OSError, ValueError, KeyError, TypeError):  # absent, incomplete or damaged
        return None


def put_names(store: Path, names: dict[str, str]) -> None:
    """Record the key of each map drawn ahead by the name its figure files are saved under."""
    from ..project.writers import write_text

    write_text(store / NAMES, json.dumps(names, sort_keys=True))


def pictures(store: Path | None, names, fmt: str = "png") -> dict[str, bytes] | None:
    """The `fmt` bytes of the maps whose figures are saved as `names`, when every one of them
    is in the store, complete; None else (not all drawn yet, or no store)."""
    if store is None:
        return None
    try:
        keys = json.loads((store / NAMES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    keys = [keys.get(name) if isinstance(keys, dict) else None for name in names]
    # asked for again and again while the maps are drawn: read nothing until all are there
    if not all(isinstance(key, str) and KEY.fullmatch(key) and (store / f"{key}.json").is_file()
               for key in keys):
        return None
    found = {}
    for name, key in zip(names, keys, strict=True):
        entry = get(store, key, (fmt,))
        if entry is None:
            return None
        found[name] = entry[0][fmt]
    return found


def claim(store: Path, key: str) -> bool:
    """True when this process now owns the drawing of `key`; False when another claimed it."""
    try:
        handle = os.open(store / f"{key}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError:  # no store, or it cannot be written: nobody shares this map
        return True
    with os.fdopen(handle, "w") as file:
        file.write(str(os.getpid()))
    return True


def wait_for(store: Path, key: str, formats, deadline: float, poll: float = 0.05):
    """The entry of a map another process claimed, once it is complete (see `get`); None as
    soon as the claiming process is gone without completing it, or at `deadline`
    (`time.monotonic()`: a process that stopped making progress is not waited for)."""
    while True:
        entry = get(store, key, formats)
        if entry is not None or not _claimer_alive(store / f"{key}.claim") \
                or time.monotonic() > deadline:
            return entry if entry is not None else get(store, key, formats)
        time.sleep(poll)


def _claimer_alive(path: Path) -> bool:
    try:
        pid = int(path.read_text(encoding="utf-8") or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has ended but was not yet waited for by its parent (Linux)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _category(name: str) -> type[Warning]:
    """The warning class named `module:qualname` (UserWarning when it cannot be found)."""
    module, _, qualname = name.partition(":")
    try:
        found = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError, ValueError):
        return UserWarning
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning

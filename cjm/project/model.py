"""A project: `data/<slug>/`, its settings and its tables, validated and typed."""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import NotFound, Problem, ValidationError, grouped
from ..messages import tr
from .barometer import barometer_problems
from .checks import cell_problems, cross_problems, schema_problems
from .config import ProjectConfig, read_config
from .eventlog import event_log_problems, find_event_log
from .journal import torn_row
from .memory import give_back
from .parsing import parse_table
from .readers import TableReadError, find_table, read_table
from .schemas import OPTIONAL_TABLES, TABLES
from .warehouse import warehouse_problems

FILE_ORDER = ["project", *TABLES, "events"]


@dataclass
class Project:
    """A validated project: its settings and its tables as typed pandas DataFrames.

    Stages are ordered categoricals (in the order of project.yaml), channels categoricals,
    yes/no columns booleans, `|`-lists Python lists (an empty `personas` list means all
    personas). `survey` is empty when the project has none; `events_path` is None likewise, and
    when project.yaml's `events:` names a log on an engine instead.
    """

    path: Path
    config: ProjectConfig
    personas: pd.DataFrame
    goals: pd.DataFrame
    touchpoints: pd.DataFrame
    evaluations: pd.DataFrame
    survey: pd.DataFrame
    actions: pd.DataFrame
    barometer: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    events_path: Path | None = None

    @property
    def slug(self) -> str:
        """The project's folder name."""
        return self.path.name

    @property
    def has_event_log(self) -> bool:
        """Whether the project has an interaction log: a file of its folder or a table on an
        engine (`events:` in project.yaml)."""
        return self.events_path is not None or self.config.events is not None

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def stages(self) -> list[str]:
        return list(self.config.stages)

    @property
    def channels(self) -> list[str]:
        return list(self.config.channels)

    def table(self, name: str) -> pd.DataFrame:
        """A table by its file stem (`"touchpoints"`)."""
        if name not in TABLES:
            raise NotFound(tr("no table named {name} (expected one of: {tables})",
                              name=repr(name), tables=", ".join(TABLES)))
        return getattr(self, name)


def load_project(path: str | Path, *, keep: bool = True) -> Project:
    """Read, validate and type the project in folder `path`.

    Raises ValidationError listing every problem when any file is invalid. The event log's
    columns are checked, not its rows: `validate_project` scans those (their problems are
    warnings, and a large log takes a while to scan). A project whose files have not changed
    since it was last loaded in this process is not read again (each notebook of a review
    loads it): the caller gets its own copy of the tables. `keep=False` reads it for this
    caller only (a big project is not held twice for a load that will not be repeated).
    """
    return _load(Path(path), scan_log=False, keep=keep)[0]


def checked_project(path: str | Path) -> tuple[Project, list[Problem]]:
    """The project in folder `path` and every problem `validate_project` finds (warnings;
    ValidationError on errors), from one reading of the files (not kept for later loads)."""
    return _load(Path(path), scan_log=True, keep=False)


def _load(path: Path, scan_log: bool, keep: bool) -> tuple[Project, list[Problem]]:
    stamp = _stamp(path)
    cached = _LOADED.get(path.resolve())
    if cached is not None and cached[0] == stamp and not scan_log:
        return _copy(cached[1]), []
    config, tables, problems = _read(path, scan_log=scan_log)
    errors = errors_in(problems)
    if errors:
        raise ValidationError(errors)
    frames = {name: _finish(name, frame, config) for name, (_, frame) in tables.items()}
    if sum(len(frame) for frame in frames.values()) > LARGE:
        del tables
        give_back()  # what reading took (the text, the cells) goes back to the system
    local_log = find_event_log(path) if config.events is None else None
    project = Project(path=path.resolve(), config=config, events_path=local_log,
                      **frames)
    if not keep:
        return project, problems
    if stamp:
        _keep(stamp, project)
    return _copy(project), problems


LOADED_KEPT = 8  # projects kept loaded per process
LARGE = 20_000  # rows in all, above which a load returns what reading took to the system
_LOADED: dict[Path, tuple[tuple, Project]] = {}


def _stamp(path: Path) -> tuple:
    """What identifies the state of a project's files: name, size and modification time of
    each; empty when the folder cannot be listed."""
    try:
        return tuple(sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                            for entry in os.scandir(path) if entry.is_file()
                            and not entry.name.startswith(".")))
    except OSError:
        return ()


def moved(project: Project, folder: Path) -> Project | None:
    """`project`, loaded from its folder, as loaded from `folder`, which holds a copy of its
    files byte for byte (a review's frozen tables); None when that cannot be told without
    reading them (a log on an engine: the copy's settings name it differently)."""
    if project.config.events is not None:
        return None
    folder = Path(folder).resolve()
    return dataclasses.replace(project, path=folder, events_path=find_event_log(folder))


def pass_on(project: Project, file: Path) -> None:
    """Write `project`, loaded and checked, to `file` for another process of the same run (a
    review's kernel), which `adopt`s it instead of reading and checking the files again."""
    with open(file, "wb") as out:
        pickle.dump((_stamp(project.path), project), out, protocol=pickle.HIGHEST_PROTOCOL)


def adopt(file: str | Path) -> bool:
    """Take the project `pass_on` wrote to `file` as loaded in this process: loads of its
    folder get it while its files are as they were. Only for a file the same run wrote (it
    is unpickled); False when the files changed meanwhile."""
    with open(file, "rb") as data:
        stamp, project = pickle.load(data)  # noqa: S301 (written by this run, see above)
    if not stamp or stamp != _stamp(project.path):
        return False
    _keep(stamp, project)
    return True


def _keep(stamp: tuple, project: Project) -> None:
    _LOADED.pop(project.path, None)
    _LOADED[project.path] = (stamp, project)
    while len(_LOADED) > LOADED_KEPT:
        _LOADED.pop(next(iter(_LOADED)))


# pandas 3 copies on write: a shallow copy shares the tables' data until either side changes
# it, then only what changed is copied (a big project's journal is not held twice by a kernel)
COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def _copy(project: Project) -> Project:
    """`project` with its own copies of the tables (a notebook may change them)."""
    return dataclasses.replace(project, **{
        name: getattr(project, name).copy(deep=not COPY_ON_WRITE) for name in TABLES})


def as_project(project) -> Project:
    """`project` itself when it is a loaded Project, else the project loaded from that folder."""
    return project if isinstance(project, Project) else load_project(project)


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a project from loading (warnings left out)."""
    return [problem for problem in problems if problem.severity == "error"]


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table, one row each (a problem on many rows stays one row, `count` says
    how many): file, row, column, code, severity, count, message, expected. Filter it by
    `code` or `severity`, count it by file."""
    columns = ["file", "row", "column", "code", "severity", "count", "message", "expected"]
    return pd.DataFrame([(p.file, p.row, p.column, p.code, p.severity, max(len(p.rows), 1),
                          p.message, p.expected) for p in problems], columns=columns)


def validate_project(path: str | Path,
                     tables: dict[str, tuple[str, pd.DataFrame]] | None = None) -> list[Problem]:
    """Every problem in the project's files, warnings included (empty when all is well).

    `tables` stand in for the files of the same tables: raw frames as `read_table` gives
    them, each with the name its problems give it (a workbook's sheet)."""
    return _read(Path(path), scan_log=True, raws=tables)[2]


def _read(path: Path, scan_log: bool, raws: dict | None = None):
    if not path.is_dir():
        return None, {}, [Problem(str(path), tr("is not a project folder"),
                                  expected=tr("a folder with project.yaml and the tables"),
                                  code="missing_file")]
    config, problems = read_config(path)
    tables: dict[str, tuple[str, pd.DataFrame]] = {}
    for name, model in TABLES.items():
        try:
            file = None if name in (raws or {}) else find_table(path, name)
            if name in (raws or {}):
                file_name, raw = raws[name]
            elif file is None:
                if name not in OPTIONAL_TABLES:
                    problems.append(Problem(f"{name}.csv", tr("file is missing"),
                                            expected=tr("a {name} table (it may hold only the "
                                                        "header row)", name=name),
                                            code="missing_file"))
                raw = pd.DataFrame(columns=list(model.to_schema().columns), dtype=object)
                file_name = f"{name}.csv"
            else:
                raw, file_name = read_table(file), file.name
                if name == "evaluations" and file.suffix == ".csv" and len(raw) and \
                        torn_row(file, len(raw.columns)):
                    problems.append(Problem(file_name, tr(
                        "the last row was cut short (a save interrupted): it is left out, and "
                        "the next save moves it aside"), row=int(raw.index[-1]),
                        severity="warning", code="unreadable_file"))
                    raw = raw.iloc[:-1]
        except TableReadError as exc:
            problems += exc.problems
            continue
        typed, parse = parse_table(raw, model, file_name)
        problems += parse + cell_problems(typed, file_name)
        if not any(p.row == 1 for p in parse):  # schema checks need the required columns
            problems += schema_problems(typed, model, file_name, parse)
        tables[name] = (file_name, typed)
    if config is not None:
        problems += cross_problems(config, tables) + barometer_problems(config, tables)
        touchpoints = tables.get("touchpoints", (None, pd.DataFrame()))[1]
        known = (touchpoints["touchpoint_id"].dropna().tolist()
                 if scan_log and "touchpoint_id" in touchpoints.columns else None)
        if config.events is None:
            problems += event_log_problems(path, known)
        else:
            problems += _warehouse_problems(config.events, path, known, scan_log)
    return config, tables, _ordered(grouped(problems))


def _warehouse_problems(settings, path: Path, known, scan_log: bool) -> list[Problem]:
    """The checks of a log on an engine (only when validating: loading does not connect),
    and a warning when a local log is there too: it is not the one analysed."""
    problems = warehouse_problems(settings, path, known) if scan_log else []
    local = find_event_log(path)
    if local is not None:
        problems.append(Problem(local.name, tr(
            "is not analysed: project.yaml's events setting names the log ({where})",
            where=settings.where()), expected=tr("one event log; remove the file or the "
                                                 "setting"), severity="warning",
            code="event_log"))
    return problems


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (settings, then tables as listed in TABLES, then the log), by row."""
    def key(problem: Problem):
        stem = Path(problem.file).stem
        rank = FILE_ORDER.index(stem) if stem in FILE_ORDER else len(FILE_ORDER)
        return rank, problem.file, problem.row or 0

    return sorted(problems, key=key)


def _finish(name: str, frame: pd.DataFrame, config: ProjectConfig) -> pd.DataFrame:
    """The typed table as users get it: a plain RangeIndex and categorical stages/channels."""
    frame = frame.reset_index(drop=True)
    if "stage" in frame.columns:
        frame["stage"] = pd.Categorical(frame["stage"], categories=config.stages, ordered=True)
    if "channel" in frame.columns:
        frame["channel"] = pd.Categorical(frame["channel"], categories=config.channels)
    if name == "evaluations" and len(frame):
        frame = frame.sort_values("recorded_at", kind="stable").reset_index(drop=True)
    return frame

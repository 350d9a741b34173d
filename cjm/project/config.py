"""`project.yaml`: the project's settings, validated with pydantic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as SettingsError  # not cjm's ValidationError

from ..errors import Problem, closest, same_name
from ..messages import current_language, tr
from .warehouse import EventLogSettings

CONFIG_FILE = "project.yaml"
MAX_BYTES = 1 << 20  # a settings file is a few lines; beyond this it is not one
MAX_DEPTH = 20  # nesting levels: the settings use three
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

Scale = tuple[int, int]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scales(_Strict):
    """Answer scales of the evaluation journal, as [lowest, highest] integers."""

    satisfaction: Scale = (1, 5)
    effort: Scale = (1, 7)
    importance: Scale = (1, 5)
    emotion: Scale = (-2, 2)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value):
        if isinstance(value, list | tuple) and any(isinstance(v, bool) for v in value):
            raise ValueError(tr("a scale is two whole numbers, not {value}", value=list(value)))
        return value

    @field_validator("*")
    @classmethod
    def _ordered(cls, value: Scale) -> Scale:
        if value[0] >= value[1]:
            raise ValueError(tr("a scale is [lowest, highest], lowest first, not {value}",
                                value=list(value)))
        return value


class PriorityWeights(_Strict):
    """Weights of the touchpoint priority score (each component is scaled to 0-1 first).

    - gap: how far satisfaction falls below the top of its scale;
    - importance: how much the touchpoint matters to the customer;
    - reach: share of customers touched (volume, else the personas' share);
    - moment_of_truth: 1 for a moment of truth, else 0;
    - effort: how hard the touchpoint is for the customer.
    """

    gap: float = Field(0.35, ge=0, allow_inf_nan=False)
    importance: float = Field(0.2, ge=0, allow_inf_nan=False)
    reach: float = Field(0.2, ge=0, allow_inf_nan=False)
    moment_of_truth: float = Field(0.15, ge=0, allow_inf_nan=False)
    effort: float = Field(0.1, ge=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _not_all_zero(self) -> PriorityWeights:
        if sum(self.model_dump().values()) <= 0:
            raise ValueError(tr("at least one priority weight must be above 0"))
        return self


class ReviewSettings(_Strict):
    """How often the map is reviewed: every 6 months (a half-year, the default), 3 (a
    quarter) or 1 (a month), the periods cjm reviews; the method asks for at least two reviews
    a year."""

    every_months: Literal[1, 3, 6] = 6

    @field_validator("every_months", mode="before")
    @classmethod
    def _whole(cls, value):
        if isinstance(value, bool):
            raise ValueError(tr("expected 1, 3 or 6 months, not {value}", value=value))
        return value

    @property
    def granularity(self) -> str:
        """The periods reviewed: "half", "quarter" or "month"."""
        return {6: "half", 3: "quarter", 1: "month"}[self.every_months]


class KeyDriverSettings(_Strict):
    """Key drivers (`cjm.steps.drivers`): `importance` is the importance the priority score
    uses: "stated" (the workshop's scores, the default) or "derived" (each touchpoint's
    relative weight on NPS in the period's barometer; a touchpoint the barometer cannot rank
    keeps its stated importance). `draws`: bootstrap draws behind each interval."""

    importance: Literal["stated", "derived"] = "stated"
    draws: int = Field(1000, ge=200, le=20_000)

    @field_validator("draws", mode="before")
    @classmethod
    def _whole(cls, value):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(tr("expected a whole number of draws, not {value}", value=value))
        return value


MapKind = Literal["current", "future", "day-in-the-life", "service-blueprint"]


class ProjectConfig(_Strict):
    """The settings of one project (`data/<slug>/project.yaml`).

    `optional_stages`: stages a customer may skip (a return, a complaint): not reaching them
    is not leaving the journey. `maps`: the kinds of map a review draws (default: `map_type`
    alone), `map_type` the kind drawn when none is asked for. `events`: the interaction log on
    an engine (`cjm.project.warehouse`), when it is not events.parquet/csv in the folder.
    """

    name: str = Field(min_length=1, max_length=200)
    language: Literal["en", "fr"] = "en"
    map_type: MapKind = "current"
    maps: list[MapKind] = []
    stages: list[str] = Field(min_length=1, max_length=50)
    channels: list[str] = Field(min_length=1, max_length=50)
    scales: Scales = Scales()
    effort_direction: Literal["higher_is_easier", "higher_is_harder"] = "higher_is_easier"
    priority: PriorityWeights = PriorityWeights()
    review: ReviewSettings = ReviewSettings()
    key_drivers: KeyDriverSettings = KeyDriverSettings()
    optional_stages: list[str] = []
    events: EventLogSettings | None = None

    @property
    def map_kinds(self) -> list[str]:
        """The kinds of map a review draws, `map_type` first."""
        return list(dict.fromkeys([self.map_type, *self.maps]))

    @field_validator("name")
    @classmethod
    def _one_line(cls, name: str) -> str:
        name = name.strip()
        if not name:
            raise ValueError(tr("the name must not be empty"))
        if CONTROL.search(name):
            raise ValueError(tr("the name must be one line of printable text (it is used in "
                                "reports and in scheduled job files)"))
        return name

    @field_validator("stages", "channels", "optional_stages")
    @classmethod
    def _unique_names(cls, names: list[str]) -> list[str]:
        names = [str(name).strip() for name in names]
        if any(not name for name in names):
            raise ValueError(tr("names must not be empty"))
        for name in names:
            if CONTROL.search(name) or "|" in name or len(name) > 80:
                raise ValueError(tr("{name} is not a usable name (expected one line of at most "
                                    "80 characters, without '|', which separates names in "
                                    "lists)", name=repr(name)))
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(tr("each name must appear once, repeated: {names}",
                                names=", ".join(repeated)))
        for i, name in enumerate(names):
            twin = next((other for other in names[:i] if same_name(name, other)), None)
            if twin:
                raise ValueError(tr("{twin} and {name} are one name spelt two ways (they differ "
                                    "only by case, accents, spaces or one letter): keep one",
                                    twin=repr(twin), name=repr(name)))
        return names

    @model_validator(mode="after")
    def _optional_stages_are_stages(self) -> ProjectConfig:
        for stage in self.optional_stages:
            if stage not in self.stages:
                hint, stages = closest(stage, self.stages), ", ".join(self.stages)
                if hint:
                    message = tr("{stage} is not one of the stages; did you mean {hint}? "
                                 "(stages: {stages})", stage=repr(stage), hint=repr(hint),
                                 stages=stages)
                else:
                    message = tr("{stage} is not one of the stages (stages: {stages})",
                                 stage=repr(stage), stages=stages)
                raise ValueError(f"optional_stages: {message}")  # the setting, for _problem
        return self


def read_config(folder: Path) -> tuple[ProjectConfig | None, list[Problem]]:
    """Read and validate `project.yaml`; return the config (None if invalid) and its problems.

    Besides pydantic's checks: the file is UTF-8, each setting is given once, and the YAML
    is plain (no anchors or aliases, no deep nesting), so that what the analyst reads is
    what cjm uses."""
    path = Path(folder) / CONFIG_FILE
    if not path.is_file():
        return None, [Problem(CONFIG_FILE, tr("file is missing"),
                              expected=tr("the project's settings"), code="missing_file")]
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return None, [Problem(CONFIG_FILE, tr("is {size:,} bytes long: not a settings file",
                                              size=len(data)),
                              expected=tr("a few lines of settings"), code="yaml")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem(CONFIG_FILE, tr("is not UTF-8 (byte 0x{byte:02x} on line {line})",
                                              byte=data[exc.start], line=row), row=row,
                              expected=tr("project.yaml saved as UTF-8"), code="yaml")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        problems = _structure_problems(node)
        if problems:
            return None, problems
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        return None, [Problem(CONFIG_FILE, tr("is not valid YAML: {error}",
                                              error=getattr(exc, "problem", exc)),
                              row=row, code="yaml")]
    except RecursionError:
        return None, [Problem(CONFIG_FILE, tr("is nested too deeply to be a settings file"),
                              expected=tr("at most {depth} levels", depth=MAX_DEPTH),
                              code="yaml")]
    if not isinstance(data, dict):
        return None, [Problem(CONFIG_FILE, tr("must be a mapping of settings"),
                              expected=tr("lines such as 'name: ...' and 'stages: [...]'"),
                              code="yaml")]
    try:
        return ProjectConfig.model_validate(data), []
    except SettingsError as exc:
        return None, [_problem(error, node) for error in exc.errors()]


def _structure_problems(root) -> list[Problem]:
    """Keys given twice, anchors and aliases, and nesting deeper than MAX_DEPTH."""
    problems, seen = [], set()
    todo = [(root, 1)] if root is not None else []
    while todo:
        node, depth = todo.pop()
        line = node.start_mark.line + 1
        if id(node) in seen or getattr(node, "anchor", None):
            return [Problem(CONFIG_FILE, tr("uses a YAML anchor or alias (&name, *name)"),
                            row=line, expected=tr("each value written out where it is used"),
                            code="yaml")]
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return [Problem(CONFIG_FILE, tr("is nested too deeply to be a settings file"),
                            row=line, expected=tr("at most {depth} levels", depth=MAX_DEPTH),
                            code="yaml")]
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                key_line = key.start_mark.line + 1
                if name in first:
                    problems.append(Problem(CONFIG_FILE, tr("setting '{name}' is given twice "
                                                            "(first on line {line})", name=name,
                                                            line=first[name]),
                                            row=key_line, column=name,
                                            expected=tr("each setting once"), code="yaml"))
                first.setdefault(name, key_line)
                todo += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(item, depth + 1) for item in node.value]
    return sorted(problems, key=lambda p: p.row or 0)


def _problem(error: dict, node) -> Problem:
    loc = [part for part in error["loc"] if part not in ("function-after",)]
    named = re.match(r"Value error, (\w+): ", error["msg"]) if not loc else None
    if named:  # a check across settings names the setting it is about
        loc = [named.group(1)]
        error = {**error, "msg": error["msg"].replace(f"{named.group(1)}: ", "", 1)}
        error.pop("input", None)
    key = ".".join(str(part) for part in loc) or tr("(top level)")
    if error["type"] == "extra_forbidden":
        message = tr("unknown setting '{key}'", key=key)
        expected = tr("one of the documented settings")
    elif error["type"] == "missing":
        message, expected = tr("setting '{key}' is missing", key=key), None
    else:
        value = error.get("input")
        message = f"{key}: {_settings_error(error)}"
        if "input" in error and not isinstance(value, (dict, list)):
            message = tr("{message}, got {value}", message=message, value=repr(value))
        expected = None
    return Problem(CONFIG_FILE, message, row=_line_of(node, loc), column=key, expected=expected,
                   code="setting")


def _settings_error(error: dict) -> str:
    """What pydantic found wrong with a setting, in the language cjm speaks (pydantic's own
    words in English)."""
    text = error["msg"].removeprefix("Value error, ")
    if current_language() == "en" or error["type"] == "value_error":
        return text  # cjm's own checks raise their message already translated
    ctx, kind = error.get("ctx") or {}, error["type"]
    if kind == "literal_error":
        either = tr("or")
        expected = str(ctx.get("expected", "")).replace(" or ", f" {either} ")
        return tr("must be {expected}", expected=expected)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return tr("must be a whole number")
    if kind in ("float_parsing", "float_type", "finite_number"):
        return tr("must be a number")
    if kind in ("bool_parsing", "bool_type"):
        return tr("must be true or false")
    if kind in ("string_type", "string_too_short"):
        return tr("must be some text")
    if kind in ("list_type", "tuple_type", "set_type"):
        return tr("must be a list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return tr("must be a mapping of settings")
    bounds = {"greater_than": tr("must be greater than {bound}", bound=ctx.get("gt")),
              "greater_than_equal": tr("must be at least {bound}", bound=ctx.get("ge")),
              "less_than": tr("must be less than {bound}", bound=ctx.get("lt")),
              "less_than_equal": tr("must be at most {bound}", bound=ctx.get("le")),
              "too_short": tr("must hold at least {bound} items", bound=ctx.get("min_length")),
              "too_long": tr("must hold at most {bound} items", bound=ctx.get("max_length"))}
    return bounds.get(kind, text)


def _line_of(node, loc) -> int | None:
    """The 1-based line of the YAML node at path `loc` (or of its nearest parent)."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(part)]
            if not match:
                break
            key_node, node = match[0]
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(
            node.value
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


_LANGUAGE_LINE = re.compile(r"""^language:\s*["']?(en|fr)["']?\s*(#.*)?$""", re.MULTILINE)


def declared_language(folder: Path) -> str | None:
    """The `language` of the project in `folder`: its settings' when they are valid, else the
    `language:` line of a `project.yaml` that has other problems, else None."""
    config, _ = read_config(folder)
    if config is not None:
        return config.language
    path = Path(folder) / CONFIG_FILE
    if not path.is_file() or path.stat().st_size > 1_000_000:
        return None
    found = _LANGUAGE_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else None

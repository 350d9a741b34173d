"""A project's working notebooks: copies of the templates, stamped with the template release
they came from, and refreshed from newer templates by `upgrade_notebooks`.

The stamp (notebook metadata "cjm") names the template, its version, the digest of each of its
cells by id and the defaults of its parameters. Against it an upgrade tells the analyst's own
cells (an id the template did not have) and edited cells (a digest that changed) from the
template's, which it replaces. Notebooks prepared before stamps existed (cjm 0.1) are read
against the 0.1 templates kept in `legacy/0.1`: a cell whose text one of the 0.1 templates ever
had is the template's; any other cell is the analyst's.
"""

from __future__ import annotations

import ast
import copy
import difflib
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..messages import tr, tr_n
from .writers import atomic_path

STAMP = "cjm"  # the notebook metadata key
LEGACY_VERSION = "0.1"  # notebooks without a stamp come from these templates
LEGACY = Path(__file__).resolve().parent / "legacy" / LEGACY_VERSION
KNOWN_CELLS = LEGACY / "known_cells.json"  # digests of every cell the 0.1 templates ever had
PARAMETERS, INJECTED = "parameters", "injected-parameters"
BACKUP_PREFIX = "before-upgrade-"


def digest(source) -> str:
    """A cell's fingerprint: its text without trailing blanks, hashed."""
    text = "".join(source) if isinstance(source, list) else str(source)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def parameter_values(source) -> dict:
    """The plain values (numbers, text, booleans...) a parameters cell assigns, by name."""
    text = "".join(source) if isinstance(source, list) else str(source)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return {}
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                values[target.id] = ast.literal_eval(value)
            except ValueError:
                continue
    return values


def read_notebook(path: Path):
    """The notebook at `path`; UsageError naming the file when it cannot be read."""
    import nbformat  # 1 s to import (its JSON schema checker): only where notebooks are read

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError, UnicodeDecodeError, KeyError, AttributeError) as exc:
        raise UsageError(tr("cannot read the notebook {path}: {error}", path=path,
                            error=exc).rstrip()) from exc


def read_template(path: Path):
    """The template at `path`, each cell with an id (a template of nbformat 4.4 gets ids from
    the cells' positions, the same at every reading)."""
    template = read_notebook(path)
    template.nbformat_minor = max(template.nbformat_minor, 5)
    taken = {cell.get("id") for cell in template.cells}
    for number, cell in enumerate(template.cells, 1):
        if not cell.get("id"):
            cell.id = next(name for name in (f"cell-{number}", f"cell-{number}-{id(cell)}")
                           if name not in taken)
            taken.add(cell.id)
    return template


def version_of(path: Path) -> str | None:
    """The template version a notebook or a template carries (None when it has none)."""
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return None
    stamp = metadata.get(STAMP) if isinstance(metadata, dict) else None
    return stamp.get("version") if isinstance(stamp, dict) else None


def older(version: str, than: str) -> bool:
    """True when release `version` comes before `than` ("0.1" < "0.2.0" < "0.10")."""
    def key(text):
        return tuple(int(part) for part in re.findall(r"\d+", text))
    return key(version) < key(than)


# ------------------------------------------------------------------------------- preparing
def stamp(template, step: str) -> dict:
    """What a working notebook records of the template it came from."""
    parameters = next((cell for cell in template.cells if PARAMETERS in _tags(cell)), None)
    return {"template": step, "version": template.metadata.get(STAMP, {}).get("version"),
            "cells": {cell.id: digest(cell.source) for cell in template.cells},
            "parameters": parameter_values(parameters.source) if parameters else {}}


def prepared(template, step: str, parameters: dict, defaults: dict | None = None):
    """A working copy of `template`: stamped, with `parameters` injected below its
    parameters cell, and the parameters cell's own values set to `defaults` where given."""
    from papermill.parameterize import parameterize_notebook

    notebook = _with_defaults(template, defaults or {})
    notebook.metadata[STAMP] = stamp(template, step)
    notebook.metadata.setdefault("papermill", {})
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])  # papermill looks for the parameters by tag
    notebook = parameterize_notebook(notebook, parameters, kernel_name="python3",
                                     language="python")
    for cell in notebook.cells:
        if INJECTED in _tags(cell):
            cell.id = INJECTED
    return notebook


def prepare(template_path: Path, target: Path, step: str, parameters: dict) -> None:
    """Write the working copy of the template at `template_path` to `target`."""
    write_notebook(prepared(read_template(template_path), step, parameters), target)


def write_notebook(notebook, path: Path) -> None:
    """Write `notebook` to `path` by atomic replace."""
    import nbformat

    with atomic_path(path) as tmp:
        nbformat.write(notebook, str(tmp))


# ------------------------------------------------------------------------------- checking
def outdated(folder: Path, templates: dict[str, Path]) -> list[tuple[str, str, str]]:
    """(step, version it came from, installed version) of each working notebook in `folder`
    made from older templates than `templates` (step -> template path)."""
    found = []
    for step, template in templates.items():
        path = folder / f"{step}.ipynb"
        current = version_of(template)
        if not path.is_file() or current is None:
            continue
        made = version_of(path) or LEGACY_VERSION
        if older(made, current):
            found.append((step, made, current))
    return found


def outdated_text(slug: str, found: list[tuple[str, str, str]]) -> str:
    """The warning a run gives when notebooks come from older templates."""
    versions = sorted({made for _, made, _ in found})
    steps = ", ".join(step for step, _, _ in found)
    joined = (" " + tr("and") + " ").join(versions)
    return tr("the notebooks of '{slug}' ({steps}) were made from the templates of cjm "
              "{versions}; the installed templates are {installed}. They still run; to refresh "
              "them (your own cells are kept): cjm upgrade {slug}", slug=slug, steps=steps,
              versions=joined, installed=found[0][2])


# ------------------------------------------------------------------------------- upgrading
@dataclass
class StepUpgrade:
    """What upgrading one working notebook did."""

    step: str
    made_from: str | None  # the template version it came from (None: it was missing)
    replaced: int = 0  # the template's cells refreshed
    kept_edited: list[str] = field(default_factory=list)  # template cells the analyst edited
    kept_own: list[str] = field(default_factory=list)  # cells the analyst added
    dropped: list[str] = field(default_factory=list)  # template cells the new template lacks
    parameters: dict = field(default_factory=dict)  # values carried into the new notebook
    unchanged: bool = False  # already from the installed template

    def lines(self) -> list[str]:
        """The report of this step, one line per fact."""
        if self.unchanged:
            return [tr("{step}: already from the installed template", step=self.step)]
        if self.made_from is None:
            return [tr("{step}: was missing, made from the installed template", step=self.step)]
        said = [tr_n("{step}: {count} template cell(s) replaced",
                     "{step}: {count} template cell(s) replaced", self.replaced, step=self.step)]
        said += ["  " + tr("kept your edited cell {cell}", cell=text) for text in self.kept_edited]
        said += ["  " + tr("kept your cell {cell}", cell=text) for text in self.kept_own]
        said += ["  " + tr("removed (a cell of the old template, not edited, without a place in "
                           "the new one) {cell}", cell=text) for text in self.dropped]
        if self.parameters:
            said.append("  " + tr("kept the parameters {parameters}", parameters=", ".join(
                f"{name} = {value!r}" for name, value in self.parameters.items())))
        return said


def upgrade_step(old, template, step: str, base_parameters: dict) -> tuple[object, StepUpgrade]:
    """The working notebook `old` rebuilt on `template`, and what was kept and replaced."""
    legacy = not (isinstance(old.metadata.get(STAMP), dict)
                  and old.metadata[STAMP].get("template") == step)
    origin, counterpart, defaults = (_legacy_reading if legacy else _stamped_reading)(
        old, template, step)
    report = StepUpgrade(step, LEGACY_VERSION if legacy else old.metadata[STAMP].get("version"))
    report.parameters = _carried_parameters(old, template, defaults)
    new = prepared(template, step, base_parameters, report.parameters)
    index = {cell.id: position for position, cell in enumerate(new.cells)}
    anchor, added = None, []
    for number, cell in enumerate(old.cells, 1):
        tags = _tags(cell)
        if PARAMETERS in tags or INJECTED in tags:
            anchor = INJECTED
            continue
        kind, target = origin(cell), counterpart(cell)
        shown = f"{number} ({_first_line(cell)})"
        if kind == "template":
            if target is None:
                report.dropped.append(shown)
            else:
                report.replaced += 1
                anchor = target
        elif kind == "edited" and target is not None:
            kept = copy.deepcopy(cell)
            kept.id = target
            new.cells[index[target]] = kept
            report.kept_edited.append(shown)
            anchor = target
        else:
            added.append((anchor, cell))
            report.kept_own.append(shown)
    _insert(new, added)
    return new, report


def upgrade_notebooks(folder: Path, templates: dict[str, Path], base_parameters: dict
                      ) -> tuple[list[StepUpgrade], Path | None]:
    """Rebuild the working notebooks in `folder` on `templates` (step -> path), keeping the
    analyst's cells and parameters; the notebooks it replaces are first copied, untouched, into
    a `before-upgrade-<version>` folder beside them. Returns the report of each step and that
    folder (None when nothing needed replacing). Nothing is written when any notebook cannot
    be read."""
    results = []
    for step, template_path in templates.items():
        template = read_template(template_path)
        path = folder / f"{step}.ipynb"
        if not path.exists():
            results.append((path, prepared(template, step, base_parameters),
                            StepUpgrade(step, None)))
            continue
        old = read_notebook(path)
        if _current(old, template, step):
            results.append((path, None, StepUpgrade(step, version_of(path), unchanged=True)))
            continue
        new, report = upgrade_step(old, template, step, base_parameters)
        results.append((path, new, report))
    replaced = [path for path, new, report in results if new is not None and report.made_from]
    backup = None
    if replaced:
        made = sorted({report.made_from for _, _, report in results if report.made_from
                       and not report.unchanged})
        backup = _free(folder / f"{BACKUP_PREFIX}{'-'.join(made)}")
        backup.mkdir()
        for path in replaced:
            shutil.copy2(path, backup / path.name)
    for path, new, _ in results:
        if new is not None:
            write_notebook(new, path)
    return [report for _, _, report in results], backup


# ------------------------------------------------------------------------------- readings
def _stamped_reading(old, template, step):
    """How a stamped notebook's cells relate to its template and to the new one."""
    known = old.metadata[STAMP].get("cells", {})
    new_ids = {cell.id for cell in template.cells}

    def origin(cell):
        if cell.get("id") not in known:
            return "own"
        return "template" if known[cell.id] == digest(cell.source) else "edited"

    def counterpart(cell):
        return cell.id if cell.get("id") in new_ids else None

    return origin, counterpart, old.metadata[STAMP].get("parameters", {})


def _legacy_reading(old, template, step):
    """How a notebook of the 0.1 templates relates to them and to the new template: cells are
    matched by their text, the 0.1 template aligned with the new one cell by cell."""
    legacy_path = LEGACY / f"{step}.ipynb"
    if not legacy_path.is_file():  # a step 0.1 did not have: nothing is the template's
        return (lambda cell: "own"), (lambda cell: None), {}
    legacy = read_template(legacy_path)
    known = set(json.loads(KNOWN_CELLS.read_text(encoding="utf-8")).get(step, []))
    known |= {digest(cell.source) for cell in legacy.cells}
    aligned = _align(legacy.cells, template.cells)
    parameters = next((cell for cell in legacy.cells if PARAMETERS in _tags(cell)), None)

    def origin(cell):
        return "template" if digest(cell.source) in known else "own"

    def counterpart(cell):
        return aligned.get(digest(cell.source))

    return origin, counterpart, parameter_values(parameters.source) if parameters else {}


def _align(before: list, after: list) -> dict[str, str]:
    """Digest of each cell of `before` -> id of the cell of `after` in its place: equal cells,
    cells of the same kind in a run of changed cells of the same length, and in a run of
    another length (cells added or removed around a changed one), each changed cell's closest
    new cell of its kind, in order, when their texts are mostly alike."""
    keys_before = [(cell.cell_type, digest(cell.source)) for cell in before]
    keys_after = [(cell.cell_type, digest(cell.source)) for cell in after]
    matcher = difflib.SequenceMatcher(a=keys_before, b=keys_after, autojunk=False)
    aligned = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for old, new in zip(before[i1:i2], after[j1:j2], strict=True):
                if old.cell_type == new.cell_type:
                    aligned.setdefault(digest(old.source), new.id)
        elif tag == "replace":
            start = j1
            for old in before[i1:i2]:
                scores = [(_likeness(old, new), j) for j, new in enumerate(after[start:j2],
                                                                             start)
                          if new.cell_type == old.cell_type]
                best = max(scores, default=(0.0, None))
                if best[0] >= LIKENESS:
                    aligned.setdefault(digest(old.source), after[best[1]].id)
                    start = best[1] + 1
    return aligned


LIKENESS = 0.6  # share of text two versions of a template cell have in common, at least


def _likeness(old, new) -> float:
    return difflib.SequenceMatcher(a="".join(old.source), b="".join(new.source),
                                   autojunk=False).ratio()


def _carried_parameters(old, template, defaults: dict) -> dict:
    """The defaults the analyst changed in the old parameters cell (a scheduled run reads them
    there), which the new template's parameters cell also has."""
    changed = {}
    for cell in old.cells:
        if PARAMETERS in _tags(cell):
            changed.update({name: value for name, value in parameter_values(cell.source).items()
                            if name in defaults and value != defaults[name]})
    declared = next((parameter_values(cell.source) for cell in template.cells
                     if PARAMETERS in _tags(cell)), {})
    return {name: value for name, value in changed.items()
            if name in declared and value != declared[name]}


def _with_defaults(template, values: dict):
    """A copy of `template` with `values` written into its parameters cell (each comment
    kept)."""
    template = copy.deepcopy(template)
    if not values:
        return template
    cell = next(cell for cell in template.cells if PARAMETERS in _tags(cell))
    lines = "".join(cell.source).splitlines(keepends=True)
    for node in reversed(ast.parse("".join(lines)).body):
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if not isinstance(target, ast.Name) or target.id not in values or node.value is None:
            continue
        value = node.value
        if value.lineno != value.end_lineno:
            continue
        line = lines[value.lineno - 1].encode("utf-8")  # ast offsets count UTF-8 bytes
        text = values[target.id]
        literal = json.dumps(text, ensure_ascii=False) if isinstance(text, str) else repr(text)
        line = (line[:value.col_offset] + literal.encode("utf-8")
                + line[value.end_col_offset:])
        lines[value.lineno - 1] = line.decode("utf-8")
    cell.source = "".join(lines)
    return template


def _current(old, template, step: str) -> bool:
    """True when `old` was prepared from `template` as it is now."""
    made = old.metadata.get(STAMP)
    return isinstance(made, dict) and made.get("cells") == stamp(template, step)["cells"]


def _insert(notebook, added: list[tuple[str, object]]) -> None:
    """Put each kept cell after its anchor (and after the cells kept before it there); a
    cell without an anchor was above every template cell, and goes first."""
    import nbformat

    taken = {cell.id for cell in notebook.cells}
    for anchor, cell in reversed(added):
        kept = copy.deepcopy(cell)
        if kept.get("id") in taken or not kept.get("id"):
            kept.id = nbformat.v4.new_code_cell().id
        taken.add(kept.id)
        position = next((i for i, c in enumerate(notebook.cells) if c.id == anchor), -1)
        notebook.cells.insert(position + 1, kept)


def _free(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`... the first that does not exist."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def _first_line(cell) -> str:
    text = next((line.strip() for line in "".join(cell.source).splitlines() if line.strip()),
                tr("empty"))
    return text if len(text) <= 60 else text[:59] + "…"

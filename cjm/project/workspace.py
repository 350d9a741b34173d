"""A workspace: any folder with `data/` and `notebooks/`; and creating projects in it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UsageError, ValidationError, shown
from ..messages import LANGUAGES, tr
from .config import CONFIG_FILE, read_config
from .importer import import_workbook
from .journal import project_lock
from .model import errors_in, load_project, validate_project
from .notebooks import outdated, prepare
from .notebooks import upgrade_notebooks as upgrade
from .scratch import clean_stale, make_dir
from .slugs import check_slug, slugify
from .starts import MAX_NAME, copy_tables, fill, shipped

STEPS = ["01_personas", "02_goals", "03_touchpoints", "04_evaluation", "05_prioritisation",
         "06_review"]
class Workspace:
    """The folder holding `data/<slug>/` projects and `notebooks/<slug>/` working copies."""

    def __init__(self, root: str | Path = "."):
        self.root = Path(root).resolve()
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(tr("the workspace {root} is a file: expected a folder holding "
                                "data/ and notebooks/ (or a new folder to create them in)",
                                root=self.root))
        self.data_dir = self.root / "data"
        self.notebooks_dir = self.root / "notebooks"

    def project_dir(self, slug: str) -> Path:
        return self.data_dir / check_slug(slug)

    def notebook_dir(self, slug: str) -> Path:
        return self.notebooks_dir / check_slug(slug)

    def resolve(self, slug_or_path: str) -> Path:
        """The project folder named by a slug of this workspace or by a path to a folder."""
        candidate = Path(slug_or_path)
        if ("/" in slug_or_path or "\\" in slug_or_path or slug_or_path.startswith(".")) and (
            candidate.is_dir()
        ):
            return candidate.resolve()
        folder = self.project_dir(slug_or_path)
        if not folder.is_dir():
            known = ", ".join(self.projects()) or tr("none yet")
            raise UsageError(tr("no project '{slug}' in {folder} "
                                "(projects: {known}; create one with: cjm new NAME)",
                                slug=slug_or_path, folder=self.data_dir, known=known))
        return folder

    def projects(self) -> list[str]:
        """Slugs of the projects in this workspace."""
        if not self.data_dir.is_dir():
            return []
        return sorted(path.name for path in self.data_dir.iterdir()
                      if (path / CONFIG_FILE).is_file())

    def template(self, step: str, language: str = "en") -> Path:
        """Template of `step` in `language`: the workspace's own `templates/` first, then the
        shipped one; a French project's in their `fr/` folders, else the English one."""
        own, installed = self.root / "templates", shipped("templates")
        folders = [own, installed]
        if language != "en":
            folders = [own / language, installed / language, *folders]
        for folder in folders:
            path = folder / f"{step}.ipynb"
            if path.is_file():
                return path
        raise UsageError(tr("no template {file} in {folder} or in cjm", file=step + ".ipynb",
                            folder=own))

    def new_project(self, name: str, source: str = "blank", language: str | None = None) -> str:
        """Create `data/<slug>/` and `notebooks/<slug>/` for a project called `name`.

        `source` is "blank", "demo" or a folder of tables the analyst already has (validated
        first, copied, never modified). Nothing is left behind when anything fails.
        `language` ("en" or "fr") is that of a project whose settings do not say it: by
        default the tables' own words tell (oui/non, atelier, 2026-S1...), else the
        environment's locale. Returns the slug.
        """
        if language not in (None, *LANGUAGES):
            raise UsageError(tr("language {value}: expected one of {choices}",
                                value=shown(language), choices=", ".join(LANGUAGES)))
        if not name.strip() or not name.isprintable() or len(name) > MAX_NAME:
            raise UsageError(tr("the project name {name} must be one line of at most "
                                "{limit} printable characters", name=shown(name),
                                limit=MAX_NAME))
        slug = slugify(name)
        data_dir, notebook_dir = self.project_dir(slug), self.notebook_dir(slug)
        for folder in (data_dir, notebook_dir):
            if folder.exists():
                raise UsageError(tr("project '{slug}' already exists: {folder}", slug=slug,
                                    folder=folder))
        for folder in (self.data_dir, self.notebooks_dir):
            _folder(folder)
            clean_stale(folder, f".{slug}.")
        staging = make_dir(self.data_dir, f".{slug}.")
        notebook_staging = make_dir(self.notebooks_dir, f".{slug}.")
        try:
            fill(staging, name, source, language)
            problems = errors_in(validate_project(staging))
            if problems:
                raise ValidationError(problems)
            config, _ = read_config(staging)
            self._prepare_notebooks(slug, notebook_staging, config.language)
            staging.rename(data_dir)
            notebook_staging.rename(notebook_dir)
        finally:
            for folder in (staging, notebook_staging):
                shutil.rmtree(folder, ignore_errors=True)
        return slug

    def ensure_demo(self) -> str:
        """The demo project in this workspace: reused when present, else copied from cjm."""
        slug = "demo"
        data_dir, notebook_dir = self.project_dir(slug), self.notebook_dir(slug)
        if not (data_dir / CONFIG_FILE).is_file():
            if data_dir.exists():
                raise UsageError(tr("{folder} exists but is not a project (no {file})",
                                    folder=data_dir, file=CONFIG_FILE))
            _folder(self.data_dir)
            staging = make_dir(self.data_dir, ".demo.")
            try:
                copy_tables(shipped("demo"), staging)
                shutil.copy2(shipped("demo") / CONFIG_FILE, staging / CONFIG_FILE)
                staging.rename(data_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        problems = errors_in(validate_project(data_dir))
        if problems:
            raise ValidationError(problems)
        if not notebook_dir.exists():
            _folder(self.notebooks_dir)
            staging = make_dir(self.notebooks_dir, ".demo.")
            try:
                self._prepare_notebooks(slug, staging)
                staging.rename(notebook_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        return slug

    def deck_template(self) -> Path | None:
        """The organisation's PowerPoint template, `templates/deck.pptx`, when there is one."""
        path = self.root / "templates" / "deck.pptx"
        return path if path.is_file() else None

    def templates(self, language: str = "en") -> dict[str, Path]:
        """The template of each step in `language`, by step."""
        return {step: self.template(step, language) for step in STEPS}

    def language(self, slug: str) -> str:
        """The language of project `slug` ("en" when its settings cannot be read: validation
        says why)."""
        config, _ = read_config(self.project_dir(slug))
        return config.language if config is not None else "en"

    def import_workbook(self, slug: str, path: str | Path):
        """Bring the workbook at `path` into project `slug`; see
        `cjm.project.importer.import_workbook`. Returns its ImportReport."""
        path = Path(path).expanduser()
        if not path.is_file():
            raise UsageError(tr("no workbook {path}", path=path))
        return import_workbook(self.resolve(slug), path)

    def export_workbook(self, slug: str, out: str | Path | None = None,
                        force: bool = False) -> Path:
        """Write project `slug` as one workbook (default `notebooks/<slug>/<slug>.xlsx`). An
        existing file is replaced only with `force`: it may hold edits not imported yet."""
        from .exporter import export_workbook

        folder = self.resolve(slug)
        path = Path(out).expanduser() if out else self.notebook_dir(folder.name) / (
            f"{folder.name}.xlsx")
        if path.suffix.lower() != ".xlsx":
            raise UsageError(tr("--out {path}: expected a file name ending in .xlsx",
                                path=path))
        if path.exists() and not force:
            raise UsageError(tr("{path} exists and may hold changes not imported yet: import "
                                "it first (cjm import {slug} {path}), or pass --force to "
                                "replace it", path=path, slug=folder.name))
        _folder(path.parent)
        return export_workbook(load_project(folder), path)

    def outdated_notebooks(self, slug: str) -> list[tuple[str, str, str]]:
        """(step, version, installed version) of each working notebook of `slug` made from
        older templates than the installed ones."""
        return outdated(self.notebook_dir(slug), self.templates(self.language(slug)))

    def upgrade_notebooks(self, slug: str):
        """Refresh the working notebooks of `slug` from the installed templates, keeping the
        analyst's cells; see `cjm.project.notebooks.upgrade_notebooks`."""
        self.resolve(slug)
        folder = self.notebook_dir(slug)
        if not folder.is_dir():
            raise UsageError(tr("project '{slug}' has no notebooks folder {folder}",
                                slug=slug, folder=folder))
        with project_lock(self.project_dir(slug)):
            return upgrade(folder, self.templates(self.language(slug)), _parameters(slug))

    def _prepare_notebooks(self, slug: str, target: Path, language: str | None = None) -> None:
        """Working copies of the templates in the project's language, with the project's
        parameters injected, stamped with the template version they come from."""
        language = language or self.language(slug)
        for step, template in self.templates(language).items():
            prepare(template, target / f"{step}.ipynb", step, _parameters(slug))


def _parameters(slug: str) -> dict:
    """The parameters every working notebook of `slug` is prepared with."""
    return {"project_dir": f"../../data/{slug}"}


def _folder(path: Path) -> None:
    """Create `path` (and its parents) as a folder; UsageError when a file is in the way."""
    for folder in (path, *path.parents):
        if folder.exists() and not folder.is_dir():
            raise UsageError(tr("{folder} is a file: expected a folder there", folder=folder))
    path.mkdir(parents=True, exist_ok=True)

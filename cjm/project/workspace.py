"""A workspace: any folder with `data/` and `notebooks/`; and creating projects in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ..errors import Problem, UsageError, ValidationError, folded, same_name, shown
from ..messages import LANGUAGES, environment_language, tr
from ..periods import FRENCH_PERIOD
from .config import CONFIG_FILE, read_config
from .eventlog import EVENT_LOG_FILES
from .journal import project_lock
from .model import errors_in, validate_project
from .notebooks import outdated, prepare
from .notebooks import upgrade_notebooks as upgrade
from .readers import TABLE_SUFFIXES, find_table, read_table
from .schemas import CANONICAL, PERIOD_COLUMNS, TABLES, WORDS_FOR
from .scratch import clean_stale, make_dir
from .slugs import check_slug, slugify

STEPS = ["01_personas", "02_goals", "03_touchpoints", "04_evaluation", "05_prioritisation",
         "06_review"]
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the cjm package
# Wheels carry the templates and the demo under cjm/_shipped; a source checkout has them at
# the top of the repository.
SHIPPED = {
    "templates": [PACKAGE_DIR / "_shipped" / "templates", PACKAGE_DIR.parent / "templates"],
    "demo": [PACKAGE_DIR / "_shipped" / "demo", PACKAGE_DIR.parent / "data" / "demo"],
}


def shipped(kind: str) -> Path:
    """The folder of shipped `templates` or `demo` data inside the installed package."""
    for folder in SHIPPED[kind]:
        if folder.is_dir():
            return folder
    raise UsageError(tr("the installed cjm package has no {kind} folder (reinstall cjm)",
                        kind=kind))


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
            _fill(staging, name, source, language)
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
                _copy_tables(shipped("demo"), staging)
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


MAX_NAME = 200  # characters of a project name (it titles reports and scheduled jobs)
MAX_NAMES = 50  # stages or channels a project may have
GENERATED_MARK = "# Bundled demo project of cjm"  # the demo's first line: not the analyst's
BLANK_CONFIG = """\
# Settings of this journey map. Stages and channels are yours: rename, add or remove them.
name: {name}
language: en                 # en | fr: labels in charts and reports
map_type: current            # current | future | day-in-the-life | service-blueprint
stages: [Discover, Learn, Buy, Receive, After-sales, Return]   # in journey order
channels: [Website, Mobile app, E-mail, Phone, Chat, Store, Social media]
scales: {{satisfaction: [1, 5], effort: [1, 7], importance: [1, 5], emotion: [-2, 2]}}
effort_direction: higher_is_easier   # CES 2.0 (7 = very easy); or higher_is_harder
priority: {{gap: 0.35, importance: 0.2, reach: 0.2, moment_of_truth: 0.15, effort: 0.1}}
review: {{every_months: 6}}
optional_stages: [Return]    # stages a customer may skip: not counted as leaving the journey
"""


BLANK_CONFIG_FR = """\
# Paramètres de cette carte du parcours. Les étapes et les canaux sont les vôtres : renommez-les,
# ajoutez-en ou retirez-en.
name: {name}
language: fr                 # en | fr : langue des graphiques, rapports et messages
map_type: current            # current | future | day-in-the-life | service-blueprint
stages: [Découverte, Information, Achat, Réception, Après-vente, Retour]  # ordre du parcours
channels: [Site web, Application mobile, E-mail, Téléphone, Chat, Magasin, Réseaux sociaux]
scales: {{satisfaction: [1, 5], effort: [1, 7], importance: [1, 5], emotion: [-2, 2]}}
effort_direction: higher_is_easier   # CES 2.0 (7 = très facile) ; ou higher_is_harder
priority: {{gap: 0.35, importance: 0.2, reach: 0.2, moment_of_truth: 0.15, effort: 0.1}}
review: {{every_months: 6}}  # une revue tous les 6 mois
optional_stages: [Retour]    # étapes qu'un client peut sauter : ne comptent pas comme un abandon
"""


def _boolean_columns() -> set[str]:
    return {name for model in TABLES.values()
            for name, column in model.to_schema().columns.items()
            if str(column.dtype) == "boolean"}


def tables_language(folder: Path) -> str | None:
    """"fr" or "en" when the words of the tables in `folder` say it (yes/no or oui/non, the
    closed values of DESIGN.md in either language, 2026-H1 or 2026-S1), None when they do
    not tell."""
    votes = {"en": 0, "fr": 0}
    booleans = _boolean_columns()
    english = {folded(value): column for column, choices in WORDS_FOR.items()
               for value in choices}
    for stem in TABLES:
        try:
            path = find_table(folder, stem)
            frame = read_table(path) if path else None
        except Exception:  # an unreadable table is reported by validation afterwards
            frame = None
        if frame is None:
            continue
        for column in frame.columns:
            for value in frame[column].head(200):
                word = folded(str(value))
                if column in CANONICAL and word in CANONICAL[column]:
                    votes["en" if english.get(word) == column else "fr"] += 1
                elif column in booleans and word in ("yes", "no", "true", "false"):
                    votes["en"] += 1
                elif (column in booleans and word in ("oui", "non", "vrai", "faux")
                      or column in PERIOD_COLUMNS and FRENCH_PERIOD.match(str(value).strip())):
                    votes["fr"] += 1
    if votes["en"] == votes["fr"]:
        return None
    return max(votes, key=votes.get)


def _folder(path: Path) -> None:
    """Create `path` (and its parents) as a folder; UsageError when a file is in the way."""
    for folder in (path, *path.parents):
        if folder.exists() and not folder.is_dir():
            raise UsageError(tr("{folder} is a file: expected a folder there", folder=folder))
    path.mkdir(parents=True, exist_ok=True)


def _fill(target: Path, name: str, source: str, language: str | None = None) -> None:
    """Write the project's files into `target` from a blank start, the demo, or a folder."""
    if source == "blank":
        _write_config(target, name, None, language=language or environment_language())
    elif source == "demo":
        _copy_tables(shipped("demo"), target)
        _write_config(target, name, shipped("demo") / CONFIG_FILE)
    else:
        folder = Path(source).expanduser()
        if not folder.is_dir():
            raise UsageError(tr("--from {source}: expected demo, blank or a folder of tables",
                                source=repr(source)))
        found = [path.name for path in folder.iterdir() if path.name in _table_files()]
        if not found:
            present = sorted(path.name for path in folder.iterdir() if path.is_file()
                             and not path.name.startswith("."))
            files = ", ".join(present[:10]) + (" ..." if len(present) > 10 else "")
            raise UsageError(tr(
                "--from {folder}: no table found there (files: {files}); expected files named "
                "{names} (or .xlsx with the same names), and project.yaml", folder=folder,
                files=files or tr("none"), names=", ".join(f"{stem}.csv" for stem in TABLES)))
        _copy_tables(folder, target)
        config = folder / CONFIG_FILE
        if config.is_file():
            _, problems = read_config(folder)  # the analyst's own file: checked first
            if problems:
                raise ValidationError(problems)
            _write_config(target, name, config)
        else:
            _write_config(target, name, None, _inferred(folder),
                          language or tables_language(folder) or environment_language())
    config, _ = read_config(target)
    french = config is not None and config.language == "fr"
    for stem, model in TABLES.items():
        if find_table(target, stem) is None:  # French Excel opens `;` and a BOM in columns
            header = (";" if french else ",").join(model.to_schema().columns)
            (target / f"{stem}.csv").write_text(("\ufeff" if french else "") + header + "\n",
                                                encoding="utf-8")


def _table_files() -> list[str]:
    """The file names a project folder may hold its tables in."""
    names = [f"{stem}{suffix}" for stem in TABLES for suffix in TABLE_SUFFIXES]
    return [*names, *EVENT_LOG_FILES, CONFIG_FILE]


def _copy_tables(source: Path, target: Path) -> None:
    for file_name in _table_files():
        if file_name != CONFIG_FILE and (source / file_name).is_file():
            shutil.copy2(source / file_name, target / file_name)


def _write_config(target: Path, name: str, template: Path | None,
                  inferred: dict[str, list[str]] | None = None, language: str = "en") -> None:
    """project.yaml named `name`: a copy of `template` (comments kept), else the blank one
    in `language`."""
    quoted = yaml.safe_dump({"name": name}, allow_unicode=True, width=1000).strip()
    if template is None:
        blank = BLANK_CONFIG_FR if language == "fr" else BLANK_CONFIG
        text = blank.format(name=quoted.removeprefix("name: "))
        if (inferred or {}).get("stages"):  # the blank settings' optional stage may be gone
            text = "\n".join("optional_stages: []" if line.startswith("optional_stages:")
                             else line for line in text.splitlines()) + "\n"
        for key, values in (inferred or {}).items():
            if values:
                listed = yaml.safe_dump(values, allow_unicode=True, default_flow_style=True,
                                        width=1000).strip()
                text = "\n".join(f"{key}: {listed}" if line.startswith(f"{key}:") else line
                                 for line in text.splitlines()) + "\n"
    else:
        lines = template.read_text(encoding="utf-8-sig").splitlines()
        lines = [line for line in lines if not line.startswith(GENERATED_MARK)]
        text = "\n".join(quoted if line.startswith("name:") else line for line in lines) + "\n"
    (target / CONFIG_FILE).write_text(text, encoding="utf-8")


def _inferred(folder: Path) -> dict[str, list[str]]:
    """Stages and channels in order of first appearance in the analyst's own tables.

    Raises ValidationError, pointing at the table, for a name that cannot be a stage or a
    channel (a `|`, a line break, over 80 characters) or that misspells an earlier one."""
    found: dict[str, list[str]] = {"stages": [], "channels": []}
    problems = []
    for stem, column, key in (("touchpoints", "stage", "stages"), ("goals", "stage", "stages"),
                              ("touchpoints", "channel", "channels")):
        try:
            path = find_table(folder, stem)
            frame = read_table(path) if path else None
        except Exception:  # an unreadable table is reported by validation afterwards
            frame = None
        if frame is None or column not in frame.columns:
            continue
        for row, value in frame[column].items():
            if not value or value in found[key]:
                continue
            twin = next((name for name in found[key] if same_name(name, value)), None)
            if "|" in value or not value.isprintable() or len(value) > 80:
                problems.append(Problem(path.name, tr("{column} {value} cannot name a {column}",
                                                      column=column, value=shown(value)),
                                        row=row, column=column, value=value,
                                        expected=tr("one line of at most 80 characters, without "
                                                    "'|'"), code="not_allowed"))
            elif twin:
                problems.append(Problem(path.name, tr("{column} {value} and '{twin}' are one "
                                                      "{column} spelt two ways", column=column,
                                                      value=shown(value), twin=twin),
                                        row=row, column=column, value=value,
                                        expected=tr("'{twin}' everywhere", twin=twin),
                                        code="unknown_reference"))
            else:
                found[key].append(value)
    for key, column in (("stages", "stage"), ("channels", "channel")):
        if len(found[key]) > MAX_NAMES:
            problems.append(Problem("touchpoints.csv", tr("the tables name {count} different "
                                                          "{key}", count=len(found[key]), key=key),
                                    column=column, expected=tr("at most {limit}", limit=MAX_NAMES),
                                    code="not_allowed"))
    if problems:
        raise ValidationError(problems)
    return found

"""What a new project starts from: a blank project in the chosen language, the demo, a folder of
tables or one workbook; and the language the words of such tables speak."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import yaml

from ..errors import (
    CJMError,
    Problem,
    TableReadError,
    UsageError,
    ValidationError,
    WorkbookExtras,
    folded,
    same_name,
    shown,
)
from ..messages import LANGUAGES, environment_language, tr
from ..periods import FRENCH_PERIOD
from .config import CONFIG_FILE, read_config
from .eventlog import EVENT_LOG_FILES
from .importer import blocking, merged_settings, settings_problems, sheet_settings, table_file
from .model import validate_project
from .readers import TABLE_SUFFIXES, find_table, open_workbook, read_table
from .schemas import CANONICAL, PERIOD_COLUMNS, TABLES, WORDS_FOR
from .workbook import read_workbook, table_of_sheet

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
    frames = {}
    for stem in TABLES:
        try:
            path = find_table(folder, stem)
            if path is not None:
                frames[stem] = read_table(path)
        except Exception:  # an unreadable table is reported by validation afterwards
            continue
    return words_language(frames)


def workbook_language(path: Path) -> str | None:
    """The language of the workbook at `path`: its settings' `language`, else the one its
    tables' words speak; None when it cannot be read or does not tell."""
    try:
        content = read_workbook(path)
    except CJMError:
        return None
    given = {key: value for _, key, value in content.settings}.get("language")
    if given in LANGUAGES:
        return given
    return words_language({stem: raw for stem, (_, raw) in content.tables.items()})


def words_language(frames: dict[str, pd.DataFrame]) -> str | None:
    """"fr" or "en" when the words of the raw tables `frames` say it, else None."""
    votes = {"en": 0, "fr": 0}
    booleans = _boolean_columns()
    english = {folded(value): column for column, choices in WORDS_FOR.items()
               for value in choices}
    for frame in frames.values():
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


def fill(target: Path, name: str, source: str, language: str | None = None) -> None:
    """Write the project's files into `target` from a blank start, the demo, or a folder."""
    if source == "blank":
        write_config(target, name, None, language=language or environment_language())
    elif source == "demo":
        copy_tables(shipped("demo"), target)
        write_config(target, name, shipped("demo") / CONFIG_FILE)
    elif Path(source).expanduser().suffix.lower() == ".xlsx":
        _fill_from_workbook(target, name, Path(source).expanduser(), language)
    else:
        folder = Path(source).expanduser()
        if not folder.is_dir():
            raise UsageError(tr("--from {source}: expected demo, blank, a folder of tables or "
                                "a workbook (.xlsx)", source=repr(source)))
        found = [path.name for path in folder.iterdir() if path.name in _table_files()
                 and path.name != CONFIG_FILE]
        books = _workbooks_in(folder)
        if not found and len(books) == 1:
            _fill_from_workbook(target, name, books[0], language)
        elif not found or books:
            present = sorted(path.name for path in folder.iterdir() if path.is_file()
                             and not path.name.startswith("."))
            files = ", ".join(present[:10]) + (" ..." if len(present) > 10 else "")
            raise UsageError(tr(
                "--from {folder}: no table found there (files: {files}); expected files named "
                "{names} (or .xlsx with the same names), and project.yaml; or one workbook "
                "with a sheet per table", folder=folder, files=files or tr("none"),
                names=", ".join(f"{stem}.csv" for stem in TABLES)) if not found else tr(
                "--from {folder}: {books} holds several tables (sheets for {tables}): start "
                "from the workbook itself with --from {book}", folder=folder,
                books=books[0].name, tables=", ".join(_sheet_tables(books[0])),
                book=books[0]))
        else:
            _fill_from_folder(target, name, folder, language)
    config, _ = read_config(target)
    french = config is not None and config.language == "fr"
    for stem, model in TABLES.items():
        if find_table(target, stem) is None:  # French Excel opens `;` and a BOM in columns
            header = (";" if french else ",").join(model.to_schema().columns)
            (target / f"{stem}.csv").write_text(("\ufeff" if french else "") + header + "\n",
                                                encoding="utf-8")


def _fill_from_folder(target: Path, name: str, folder: Path, language: str | None) -> None:
    copy_tables(folder, target)
    config = folder / CONFIG_FILE
    if config.is_file():
        _, problems = read_config(folder)  # the analyst's own file: checked first
        if problems:
            raise ValidationError(problems)
        write_config(target, name, config)
    else:
        write_config(target, name, None, _inferred(folder),
                      language or tables_language(folder) or environment_language())


def _fill_from_workbook(target: Path, name: str, path: Path, language: str | None) -> None:
    """The project's files from the workbook at `path` (a sheet per table, settings in a
    Project sheet or inferred from the tables), every problem named by sheet and row."""
    if not path.is_file():
        raise UsageError(tr("--from {source}: no such workbook", source=str(path)))
    content = read_workbook(path)
    settings = sheet_settings(content, target)
    raws = {stem: raw for stem, (_, raw) in content.tables.items()}
    chosen = settings.get("language")
    chosen = chosen if chosen in LANGUAGES else (
        language or words_language(raws) or environment_language())
    for stem, raw in raws.items():
        file_name, data = table_file(target, stem, raw, chosen)
        (target / file_name).write_bytes(data)
    if settings:
        blank = BLANK_CONFIG_FR if chosen == "fr" else BLANK_CONFIG
        given = {**settings, "name": name, "language": chosen}
        if "stages" in settings:  # the blank settings' optional stage may be gone
            given.setdefault("optional_stages", [])
        text, _ = merged_settings(blank.format(name=json.dumps(name, ensure_ascii=False)),
                                  given)
        problems = settings_problems(content, target, text)
        if problems:
            raise ValidationError(problems)
    else:
        write_config(target, name, None, _inferred(target), chosen)
    problems = blocking(validate_project(target, content.tables), content)
    if problems:
        raise ValidationError(problems)
    if content.ignored:
        warnings.warn(tr("{book}: left out {what}", book=path.name,
                         what="; ".join(content.ignored)), WorkbookExtras, stacklevel=4)


def _workbooks_in(folder: Path) -> list[Path]:
    """The workbooks of `folder` that hold more than one table, or one table in a sheet not
    named after the file (a project kept as one workbook)."""
    books = []
    for path in sorted(folder.glob("*.xlsx")):
        tables = _sheet_tables(path)
        if len(tables) > 1 or (tables and tables != [path.stem.lower()]):
            books.append(path)
    return books


def _sheet_tables(path: Path) -> list[str]:
    try:
        book = open_workbook(path)
    except TableReadError:
        return []
    try:
        return [table for title in book.sheetnames if (table := table_of_sheet(title))]
    finally:
        book.close()


def _table_files() -> list[str]:
    """The file names a project folder may hold its tables in."""
    names = [f"{stem}{suffix}" for stem in TABLES for suffix in TABLE_SUFFIXES]
    return [*names, *EVENT_LOG_FILES, CONFIG_FILE]


def copy_tables(source: Path, target: Path) -> None:
    for file_name in _table_files():
        if file_name != CONFIG_FILE and (source / file_name).is_file():
            shutil.copy2(source / file_name, target / file_name)


def write_config(target: Path, name: str, template: Path | None,
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

"""A project as one Excel workbook, both ways: export, import (English and French sheets),
refusal with nothing changed, the round trip, the data-validation lists, the journal only
growing, formulas never run."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cjm.cli import main
from cjm.errors import UsageError, ValidationError, WorkbookExtras
from cjm.project.model import load_project
from cjm.project.schemas import TABLES
from cjm.project.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def ws(tmp_path) -> Workspace:
    """A workspace holding `mini` (English) and `banque` (French, cp1252, `;`)."""
    workspace = Workspace(tmp_path / "ws")
    workspace.new_project("Mini", source=str(FIXTURES / "mini"))
    workspace.new_project("Banque", source=str(FIXTURES / "guichet_fr"))
    return workspace


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    project = load_project(folder)
    return {name: project.table(name).astype(str).reset_index(drop=True) for name in TABLES}


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith(".")}


def sheet_rows(path: Path, title: str) -> list[list]:
    book = openpyxl.load_workbook(path)
    return [[cell.value for cell in row] for row in book[title].iter_rows()]


@pytest.mark.parametrize("slug", ["mini", "banque"])
def test_export_then_import_is_a_round_trip(ws, slug, tmp_path):
    book = ws.export_workbook(slug)
    assert book == ws.notebook_dir(slug) / f"{slug}.xlsx"
    before = files(ws.project_dir(slug))

    report = ws.import_workbook(slug, book)

    assert (report.tables, report.settings, report.added) == ([], [], 0)
    assert report.already == len(load_project(ws.project_dir(slug)).evaluations) > 0
    assert files(ws.project_dir(slug)) == before  # nothing rewritten

    again = Workspace(tmp_path / "other")
    copy = again.new_project("Copy", source=str(book))
    original, copied = tables(ws.project_dir(slug)), tables(again.project_dir(copy))
    for name in TABLES:
        pd.testing.assert_frame_equal(copied[name], original[name], obj=name)
    settings = load_project(again.project_dir(copy)).config
    assert settings.stages == load_project(ws.project_dir(slug)).config.stages
    assert settings.language == ("fr" if slug == "banque" else "en")


def test_the_export_speaks_the_projects_language(ws):
    book = openpyxl.load_workbook(ws.export_workbook("banque"))
    assert book.sheetnames == ["Lisez-moi", "Personas", "Objectifs", "Points de contact",
                               "Évaluations", "Enquête", "Baromètre", "Actions", "Projet",
                               "Listes"]
    barometer = book["Baromètre"]
    head = [cell.value for cell in barometer[1]]
    assert "NPS" in head and "T04" in head  # a column per touchpoint, headed by its id
    rules = {str(rule.sqref): (rule.formula1, rule.formula2)
             for rule in barometer.data_validations.dataValidation}
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[head.index("T04")]
    assert rules[f"{column}2:{column}{barometer.max_row + 1000}"] == ("1", "5")
    sheet = book["Points de contact"]
    head = [cell.value for cell in sheet[1]]
    assert head[:3] == ["Identifiant point de contact", "Étape", "Canal"]
    first = {name: cell.value for name, cell in zip(head, sheet[2], strict=False)}
    assert first["Maîtrisé"] in ("oui", "non") and first["Couloir"] == "front-office"
    assert [cell.value for cell in book["Évaluations"]["B"]][1].startswith("2025-S")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert book["Listes"].sheet_state == "hidden"
    assert "cjm import banque" in " ".join(str(c.value) for c in book["Lisez-moi"]["A"])


def test_every_closed_column_has_a_drop_down_list_of_the_projects_values(ws):
    book = openpyxl.load_workbook(ws.export_workbook("mini"))
    lists = book["Lists"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                        if lists.cell(r, c).value is not None]
               for c in range(1, lists.max_column + 1)}
    assert columns["stage"] == ["Discover", "Buy", "Receive"]
    assert columns["status"] == ["idea", "planned", "in-progress", "done", "dropped"]

    def rules(title):
        sheet = book[title]
        head = [cell.value for cell in sheet[1]]
        found = {}
        for rule in sheet.data_validations.dataValidation:
            for ref in str(rule.sqref).split():
                letter = ref.split(":")[0].rstrip("0123456789")
                found[head[openpyxl.utils.column_index_from_string(letter) - 1]] = rule
        return found

    touchpoints = rules("Touchpoints")
    assert {"stage", "channel", "controlled", "moment_of_truth", "lane"} <= set(touchpoints)
    assert "touchpoint_id" not in touchpoints  # its own ids are typed, not chosen
    stage = touchpoints["stage"]
    assert stage.type == "list" and stage.showErrorMessage and stage.errorStyle == "stop"
    letter = stage.formula1.split("!")[1].split(":")[0].strip("$").rstrip("0123456789$")
    assert [lists[f"{letter}{r}"].value for r in range(2, 5)] == ["Discover", "Buy", "Receive"]
    evaluations = rules("Evaluations")
    assert {"persona_id", "touchpoint_id"} <= set(evaluations)
    assert (evaluations["satisfaction"].type, evaluations["satisfaction"].formula1,
            evaluations["satisfaction"].formula2) == ("decimal", "1", "5")
    assert (evaluations["emotion"].formula1, evaluations["emotion"].formula2) == ("-2", "2")
    assert "status" in rules("Actions")


def _french_book(path: Path, stage: str = "Achat", score: object = 4) -> Path:
    """A workbook as an analyst builds it in French Excel: French sheet names and headers, a
    sheet of their own, a column of their own."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Personas"
    sheet.append(["Identifiant persona", "Nom", "Part de la clientèle", "Notes perso"])
    sheet.append(["P1", "Claire", 0.6, "à revoir"])
    goals = book.create_sheet("Objectifs")
    goals.append(["Identifiant persona", "Étape", "Objectif"])
    goals.append(["P1", "Achat", "Payer vite"])
    points = book.create_sheet("Points de contact")
    points.append(["Identifiant point de contact", "Étape", "Canal", "Nom", "Maîtrisé",
                   "Moment de vérité", "Couloir"])
    points.append(["T1", "Découverte", "Site web", "Accueil", "oui", "non", "front-office"])
    points.append(["T2", stage, "Site web", "=HYPERLINK(\"http://x\")", "oui", "oui",
                   "front-office"])
    points["D3"].data_type = "s"
    evaluations = book.create_sheet("Évaluations")
    evaluations.append(["Enregistré le", "Période", "Évaluateur", "Identifiant persona",
                        "Identifiant point de contact", "Satisfaction", "Source"])
    evaluations.append(["03/02/2026 10:00", "2026-S1", "Léa", "P1", "T1", score, "atelier"])
    evaluations.append(["03/02/2026 10:05", "2026-S1", "Léa", "P1", "T2", 2, "atelier"])
    actions = book.create_sheet("Actions")
    actions.append(["Identifiant action", "Titre", "Identifiant point de contact", "Statut"])
    actions.append(["A1", "Payer en un clic", "T2", "en cours"])
    book.create_sheet("Brouillon").append(["idées en vrac"])
    settings = book.create_sheet("Projet")
    settings.append(["paramètre", "valeur"])
    settings.append(["Langue", "fr"])  # the settings' French names, lists as Excel users type
    settings.append(["Étapes", "Découverte | Achat"])
    settings.append(["channels", "[Site web, Magasin]"])
    book.save(path)
    return path


def test_a_new_project_from_a_french_workbook(tmp_path, capsys):
    book = _french_book(tmp_path / "atelier.xlsx")
    code = main(["new", "Boutique", "--from", str(book), "--workspace", str(tmp_path / "w")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "laissé de côté" in err and "Brouillon" in err and "notes_perso" in err
    project = load_project(tmp_path / "w" / "data" / "boutique")
    assert project.config.language == "fr" and project.stages == ["Découverte", "Achat"]
    assert project.touchpoints["name"].tolist() == ["Accueil", "=HYPERLINK(\"http://x\")"]
    assert project.actions["status"].tolist() == ["in-progress"]
    assert project.evaluations["period"].tolist() == ["2026-H1", "2026-H1"]
    assert "notes_perso" not in project.personas.columns
    head = (tmp_path / "w" / "data" / "boutique" / "touchpoints.csv").read_bytes()[:20]
    assert head.startswith("\ufeff".encode()) and b";" in head


def test_a_bad_workbook_is_refused_naming_sheet_row_and_column_and_changes_nothing(ws, tmp_path):
    with pytest.warns(WorkbookExtras, match="left out columns 'notes_perso'"):
        slug = ws.new_project("Boutique", source=str(_french_book(tmp_path / "ok.xlsx")))
    before = files(ws.project_dir(slug))
    bad = _french_book(tmp_path / "bad.xlsx", stage="Livraison", score=9)

    with pytest.raises(ValidationError) as caught:
        ws.import_workbook(slug, bad)

    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("bad.xlsx [Points de contact]:3: stage 'Livraison'")
               for line in lines), lines
    assert any(line.startswith("bad.xlsx [Évaluations]:2: satisfaction") for line in lines)
    assert files(ws.project_dir(slug)) == before
    assert not list(ws.data_dir.glob(".*import*"))  # no working folder left behind


def test_the_journal_only_gains_rows(ws, tmp_path):
    folder = ws.project_dir("mini")
    journal = (folder / "evaluations.csv").read_bytes()
    book = ws.export_workbook("mini")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Evaluations"]
    kept = [cell.value for cell in sheet[3]]
    sheet.delete_rows(2)  # a row the analyst removed: the journal keeps it
    sheet.append([*kept[:2], "Zoé", *kept[3:]])  # a new score
    workbook.save(book)

    report = ws.import_workbook("mini", book)

    assert (report.added, report.already) == (1, len(load_project(folder).evaluations) - 2)
    after = (folder / "evaluations.csv").read_bytes()
    assert after.startswith(journal) and after.count(b"\n") == journal.count(b"\n") + 1
    assert b",Zo\xc3\xa9," in after[len(journal):]
    assert ws.import_workbook("mini", book).added == 0  # imported twice: nothing more


def test_changed_tables_and_settings_are_replaced_with_comments_kept(ws):
    folder = ws.project_dir("mini")
    (folder / "project.yaml").write_text("# our settings\n" + (
        folder / "project.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    book = ws.export_workbook("mini")
    workbook = openpyxl.load_workbook(book)
    workbook["Touchpoints"]["D2"] = "Home page, new"
    settings = workbook["Project"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "channels":
            row[1].value = "[Website, E-mail, Phone, Store, Chat]"
    workbook.save(book)

    report = ws.import_workbook("mini", book)

    assert report.tables == ["touchpoints"] and report.settings == ["channels"]
    text = (folder / "project.yaml").read_text(encoding="utf-8")
    assert text.startswith("# our settings\n") and "[Website, E-mail, Phone, Store, Chat]" in text
    assert load_project(folder).touchpoints["name"].iloc[0] == "Home page, new"


def test_formulas_are_text_both_ways(ws):
    folder = ws.project_dir("mini")
    path = folder / "touchpoints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Home page", '"=HYPERLINK(""http://evil"",""x"")"', 1), encoding="utf-8")
    book = openpyxl.load_workbook(ws.export_workbook("mini"))
    cell = book["Touchpoints"]["D2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil","x")'
    assert ws.import_workbook("mini", ws.notebook_dir("mini") / "mini.xlsx").tables == []


def test_export_never_replaces_a_workbook_unasked(ws):
    book = ws.export_workbook("mini")
    with pytest.raises(UsageError, match="import it first .* or pass --force"):
        ws.export_workbook("mini")
    assert ws.export_workbook("mini", force=True) == book


def test_a_folder_holding_one_workbook_is_imported_and_one_without_tables_refused(tmp_path):
    ws = Workspace(tmp_path / "w")
    source = tmp_path / "atelier"
    source.mkdir()
    _french_book(source / "projet.xlsx")
    with pytest.warns(WorkbookExtras, match="sheet 'Brouillon'"):
        slug = ws.new_project("Atelier", source=str(source))
    assert load_project(ws.project_dir(slug)).touchpoints["touchpoint_id"].tolist() == [
        "T1", "T2"]

    only_settings = tmp_path / "settings-only"
    only_settings.mkdir()
    shutil.copy(FIXTURES / "mini" / "project.yaml", only_settings)
    with pytest.raises(UsageError, match="no table found there"):
        ws.new_project("Empty", source=str(only_settings))
    assert ws.projects() == [slug]


def test_cli_export_and_import(ws, capsys):
    root = str(ws.root)
    assert main(["export", "banque", "--workspace", root]) == 0
    out = capsys.readouterr().out
    assert out.startswith("classeur : ") and "cjm import banque" in out
    assert main(["import", "banque", str(ws.notebook_dir("banque") / "banque.xlsx"),
                 "--workspace", root]) == 0
    out = capsys.readouterr().out
    assert "tables : aucune modification" in out and "déjà présentes" in out
    assert main(["import", "banque", "/no/such.xlsx", "--workspace", root]) == 2
    assert "aucun classeur" in capsys.readouterr().err


def test_a_table_kept_as_a_workbook_stays_one(ws):
    folder = ws.project_dir("mini")
    rows = [line.split(",") for line in
            (folder / "touchpoints.csv").read_text(encoding="utf-8").splitlines()]
    own = openpyxl.Workbook()
    for row in rows:
        own.active.append(row)
    own.save(folder / "touchpoints.xlsx")
    (folder / "touchpoints.csv").unlink()
    book = ws.export_workbook("mini")
    workbook = openpyxl.load_workbook(book)
    workbook["Touchpoints"]["D2"] = "Home page, new"
    workbook.save(book)

    assert ws.import_workbook("mini", book).tables == ["touchpoints"]

    assert not (folder / "touchpoints.csv").exists()
    assert load_project(folder).touchpoints["name"].iloc[0] == "Home page, new"


def test_a_settings_cell_cannot_add_settings_of_its_own(tmp_path):
    book = _french_book(tmp_path / "sly.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook["Projet"].append(["channels", "[Site web, Magasin]\nmap_type: future"])
    workbook.save(book)
    with pytest.raises(ValidationError) as caught:
        Workspace(tmp_path / "w").new_project("Sly", source=str(book))
    assert any(str(p).startswith("sly.xlsx [Projet]:") for p in caught.value.problems)
    assert not (tmp_path / "w" / "data" / "sly").exists()

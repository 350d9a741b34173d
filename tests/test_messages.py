"""cjm's sentences (errors, problems, the command line's lines) in the reader's language: every
sentence marked for translation has its French, and a French project is answered in French."""

from __future__ import annotations

import ast
import contextvars
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import cjm
from cjm.cli import main
from cjm.errors import Problem, UsageError, ValidationError
from cjm.messages import CATALOGS, environment_language, speaking, tr, tr_n

PACKAGE = Path(cjm.__file__).parent
FIXTURES = Path(__file__).parent / "fixtures"
FIELD = re.compile(r"\{([a-z_]*)[^}]*\}")


def marked() -> dict:
    """Every sentence of cjm marked with tr or tr_n: msgid -> where."""
    found = {}
    for filename, line, message, _, _ in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")],
            keywords={"tr": None, "tr_n": (1, 2)}):
        found.setdefault(message, f"{filename}:{line}")
    return found


def french_catalog() -> dict:
    """The French catalog, read as cjm reads it, refusing anything gettext would not take."""
    with (CATALOGS / "fr" / "LC_MESSAGES" / "cjm.po").open("rb") as file:
        catalog = read_po(file, locale="fr", abort_invalid=True)
    assert catalog.num_plurals == 2
    return {message.id: message.string for message in catalog if message.id}


def test_every_marked_sentence_has_its_french_with_the_same_fields():
    catalog = french_catalog()
    sentences = marked()
    assert len(sentences) > 150
    missing = [f"{where}: {message!r}" for message, where in sentences.items()
               if not catalog.get(message) or not all(catalog[message]
                                                      if isinstance(message, tuple) else [1])]
    assert not missing, "\n".join(missing)
    for message, french in catalog.items():
        for english, translated in zip(message if isinstance(message, tuple) else [message],
                                       french if isinstance(french, tuple) else [french],
                                       strict=False):
            assert set(FIELD.findall(english)) == set(FIELD.findall(translated)), message


def test_the_catalog_holds_no_sentence_cjm_no_longer_says():
    stale = set(french_catalog()) - set(marked())
    assert not stale, sorted(map(str, stale))


def test_sentences_are_marked_as_literals_that_can_be_extracted():
    """tr(f"...") or tr(variable) would never be found in the catalog."""
    wrong, literals = [], set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "tr_n")):
                literal = [arg for arg in node.args[:2 if node.func.id == "tr_n" else 1]
                           if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
                if literal or not node.args:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
                elif node.func.id == "tr":
                    literals.add(node.args[0].value)
    assert not wrong
    assert literals - set(marked()) == set()  # none hidden from Babel (in an f-string...)


def test_french_numbers_and_plurals():
    with speaking("fr"):
        assert tr("{count:,} rows", count=12345) == "12\u202f345 lignes"
        assert tr_n("{count} problem in the project files",
                    "{count} problems in the project files", 1) == (
            "1 problème dans les fichiers du projet")
        assert tr_n("{count} problem in the project files",
                    "{count} problems in the project files", 3) == (
            "3 problèmes dans les fichiers du projet")
    assert tr("{count:,} rows", count=12345) == "12,345 rows"


def test_problems_read_in_french_when_french_is_spoken():
    problem = Problem("touchpoints.csv", "x", row=3, rows=(3, 4, 5), expected="y")
    with speaking("fr"):
        assert str(problem) == "touchpoints.csv: lignes 3-5: x (3 lignes ; attendu : y)"
        assert str(ValidationError([problem])).startswith("1 problème dans")
    assert str(problem) == "touchpoints.csv: rows 3-5: x (3 rows; expected y)"


@pytest.mark.parametrize(("variables", "language"), [
    ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"), ({}, "en"),
    ({"LC_MESSAGES": "fr_CA"}, "fr")])
def test_the_environment_language(monkeypatch, variables, language):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert environment_language() == language


@pytest.fixture
def french_project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "data" / "banque"
    shutil.copytree(FIXTURES / "guichet_fr", folder)
    (tmp_path / "notebooks").mkdir()
    return folder


def test_validate_answers_a_french_project_in_french(french_project, capsys):
    code = main(["validate", "banque", "--workspace", str(french_project.parents[1])])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.strip().endswith("banque: valide")

    path = french_project / "touchpoints.csv"
    text = path.read_text(encoding="cp1252")
    first = text.splitlines()[1].split(";")
    path.write_text(text.replace(";".join(first), ";".join([first[0], "Nulle part", *first[2:]]),
                                 1), encoding="cp1252")
    code = main(["validate", "banque", "--workspace", str(french_project.parents[1])])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "touchpoints.csv:2: " in err and "'Nulle part'" in err
    assert "n'est pas une étape" in err, err
    assert err.strip().splitlines()[-1] == (
        "cjm: 1 problème trouvé ; rien n'a été écrit")


def test_the_environment_language_answers_when_no_project_says(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    code = main(["validate", "absent", "--workspace", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("cjm: erreur : aucun projet 'absent'"), err


def test_a_blank_french_project_is_french_and_opens_in_french_excel(tmp_path, capsys):
    code = main(["new", "Banque vierge", "--language", "fr", "--workspace", str(tmp_path)])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("projet 'banque-vierge' créé :")
    folder = tmp_path / "data" / "banque-vierge"
    settings = (folder / "project.yaml").read_text(encoding="utf-8")
    assert "language: fr" in settings and "Découverte" in settings
    assert settings.startswith("# Paramètres de cette carte du parcours.")
    head = (folder / "touchpoints.csv").read_bytes()
    assert head.startswith("\ufeff".encode()) and b";stage;channel;" in head
    book = (tmp_path / "notebooks" / "banque-vierge" / "01_personas.ipynb").read_text("utf-8")
    assert "Étape 1" in book
    assert main(["validate", "banque-vierge", "--workspace", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith(": valide")


def test_a_folder_of_french_tables_without_settings_makes_a_french_project(tmp_path, capsys):
    tables = tmp_path / "tables"
    tables.mkdir()
    for path in (FIXTURES / "guichet_fr").glob("*.csv"):
        shutil.copy(path, tables)
    code = main(["new", "Guichet", "--from", str(tables), "--workspace", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("projet 'guichet' créé :")
    settings = (tmp_path / "data" / "guichet" / "project.yaml").read_text(encoding="utf-8")
    assert "language: fr" in settings
    assert "stages: [Besoin, Contact, Identification, Résolution, Suivi]" in settings


def test_the_tables_words_tell_their_language(tmp_path):
    from cjm.project.starts import tables_language

    assert tables_language(FIXTURES / "guichet_fr") == "fr"
    (tmp_path / "touchpoints.csv").write_text(
        "touchpoint_id,stage,channel,name,controlled,moment_of_truth\n"
        "T1,Buy,Web,Checkout,yes,no\n", encoding="utf-8")
    assert tables_language(tmp_path) == "en"
    (tmp_path / "touchpoints.csv").write_text("touchpoint_id,stage,channel,name\n",
                                              encoding="utf-8")
    assert tables_language(tmp_path) is None


def test_a_step_opened_on_a_french_project_speaks_french_in_its_kernel(french_project):
    from cjm.notebook.step import open_step
    from cjm.periods import resolve_period

    def in_a_kernel():  # whose cells share no context: what open_step said stays said
        _, period = open_step(str(french_project), "2026-S1")  # as a French analyst writes it
        assert period == "2026-H1"
        with pytest.raises(UsageError, match="doit être un libellé de période"):
            resolve_period("2026-S9")

    contextvars.Context().run(in_a_kernel)

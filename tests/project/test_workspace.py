import json
import os
import stat

import pytest

from cjm import ValidationError, load_project
from cjm.errors import UsageError
from cjm.project.workspace import STEPS, Workspace


def parameters_of(notebook_path):
    cells = json.loads(notebook_path.read_text(encoding="utf-8"))["cells"]
    injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1, "papermill injects one parameters cell"
    return "".join(injected[0]["source"])


def test_new_blank_project_is_valid_and_has_the_six_notebooks(workspace):
    ws = Workspace(workspace)

    slug = ws.new_project("Boutique Été 2026")

    assert slug == "boutique-ete-2026"
    project = load_project(workspace / "data" / slug)
    assert project.name == "Boutique Été 2026"
    assert project.touchpoints.empty and project.stages[0] == "Discover"
    notebooks = sorted(p.stem for p in (workspace / "notebooks" / slug).glob("*.ipynb"))
    assert notebooks == STEPS
    assert 'project_dir = "../../data/boutique-ete-2026"' in parameters_of(
        workspace / "notebooks" / slug / "01_personas.ipynb")
    assert sorted(p.name for p in (workspace / "data").iterdir()) == [slug]  # no leftovers


def test_new_from_demo_copies_the_demo_under_the_new_name(workspace):
    slug = Workspace(workspace).new_project("Acme Retail", "demo")

    project = load_project(workspace / "data" / slug)
    assert project.name == "Acme Retail"
    assert len(project.touchpoints) >= 30
    assert project.events_path is not None


def test_new_from_a_folder_copies_without_modifying_the_source(workspace, mini):
    before = {p.name: p.read_bytes() for p in mini.iterdir()}

    slug = Workspace(workspace).new_project("Mini", str(mini))

    assert {p.name: p.read_bytes() for p in mini.iterdir()} == before
    assert load_project(workspace / "data" / slug).name == "Mini"
    assert (workspace / "data" / slug / "touchpoints.csv").read_bytes() == before[
        "touchpoints.csv"]


def test_new_from_a_folder_without_settings_infers_stages_and_channels(workspace, mini):
    (mini / "project.yaml").unlink()

    slug = Workspace(workspace).new_project("Mini", str(mini))

    project = load_project(workspace / "data" / slug)
    assert project.stages == ["Discover", "Buy", "Receive"]
    assert project.channels == ["Website", "Store", "E-mail", "Phone"]


def test_new_from_an_invalid_folder_writes_nothing(edit, workspace, mini):
    edit(mini / "touchpoints.csv", "T3,Buy,", "T3,Achats,")

    with pytest.raises(ValidationError) as info:
        Workspace(workspace).new_project("Mini", str(mini))

    assert "touchpoints.csv:4: stage 'Achats'" in str(info.value)
    assert list((workspace / "data").iterdir()) == []
    assert list((workspace / "notebooks").iterdir()) == []


def test_an_existing_project_is_refused(workspace):
    ws = Workspace(workspace)
    ws.new_project("Acme")
    marker = workspace / "data" / "acme" / "personas.csv"
    marker.write_text("persona_id,name\nP1,Kept\n", encoding="utf-8")

    with pytest.raises(UsageError, match="project 'acme' already exists"):
        ws.new_project("ACME")

    assert "Kept" in marker.read_text(encoding="utf-8")


def test_workspace_templates_come_first(fixtures_dir, workspace):
    ws = Workspace(workspace)
    assert ws.template("01_personas").parent.name == "templates"
    custom = workspace / "templates"
    custom.mkdir()
    (custom / "01_personas.ipynb").write_text(
        (fixtures_dir.parents[1] / "templates" / "01_personas.ipynb").read_text(encoding="utf-8")
        .replace("# Step 1: Personas", "# Step 1: Acme personas"), encoding="utf-8")

    slug = ws.new_project("Acme")

    assert ws.template("01_personas") == custom / "01_personas.ipynb"
    text = (workspace / "notebooks" / slug / "01_personas.ipynb").read_text(encoding="utf-8")
    assert "Acme personas" in text
    other = (workspace / "notebooks" / slug / "02_goals.ipynb").read_text(encoding="utf-8")
    assert "Step 2: Goals" in other


def test_resolve_by_slug_or_path(workspace):
    ws = Workspace(workspace)
    ws.new_project("Acme")
    assert ws.resolve("acme") == workspace / "data" / "acme"
    assert ws.resolve(str(workspace / "data" / "acme")) == workspace / "data" / "acme"
    with pytest.raises(UsageError, match=r"no project 'acne' .*projects: acme"):
        ws.resolve("acne")
    with pytest.raises(UsageError, match="not a valid project slug"):
        ws.resolve("../secrets")


def test_ensure_demo_creates_then_reuses(workspace):
    ws = Workspace(workspace)
    assert ws.ensure_demo() == "demo"
    journal = workspace / "data" / "demo" / "evaluations.csv"
    journal.write_bytes(journal.read_bytes() + b"")
    stamp = journal.stat().st_mtime_ns

    assert ws.ensure_demo() == "demo"

    assert journal.stat().st_mtime_ns == stamp
    assert ws.projects() == ["demo"]


def test_a_project_from_the_demo_is_the_analysts_own(workspace):
    slug = Workspace(workspace).new_project("Acme Retail", "demo")
    settings = (workspace / "data" / slug / "project.yaml").read_text(encoding="utf-8")
    assert "make_demo.py" not in settings and "do not edit" not in settings
    assert settings.startswith("# Settings of this journey map.")
    assert "name: Acme Retail\n" in settings and "optional_stages: [Return]" in settings


def test_created_folders_can_be_read_by_colleagues(workspace):
    old = os.umask(0o022)
    try:
        slug = Workspace(workspace).new_project("Shared")
    finally:
        os.umask(old)
    for folder in (workspace / "data" / slug, workspace / "notebooks" / slug):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_a_folder_without_any_table_is_refused_not_created_blank(workspace, tmp_path):
    source = tmp_path / "exports"
    source.mkdir()
    (source / "Personas.CSV.txt").write_text("persona_id,name\nP1,Emma\n", encoding="utf-8")
    (source / "notes.docx").write_bytes(b"x")
    with pytest.raises(UsageError) as info:
        Workspace(workspace).new_project("Acme", str(source))
    assert str(info.value) == (
        f"--from {source}: no table found there (files: Personas.CSV.txt, notes.docx); "
        "expected files named personas.csv, goals.csv, touchpoints.csv, evaluations.csv, "
        "survey.csv, barometer.csv, actions.csv (or .xlsx with the same names), and "
        "project.yaml; or one "
        "workbook with a sheet per table")
    assert not (workspace / "data" / "acme").exists()
    assert not (workspace / "notebooks" / "acme").exists()


def test_a_workspace_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "ws"
    path.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UsageError, match="the workspace .* is a file: expected a folder"):
        Workspace(path)


def test_a_full_disk_while_creating_leaves_nothing_behind(workspace, monkeypatch):
    import errno
    import shutil

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "touchpoints.csv")

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(OSError, match="No space left"):
        Workspace(workspace).new_project("Acme", "demo")
    assert list((workspace / "data").iterdir()) == []
    assert list((workspace / "notebooks").iterdir()) == []


def test_folders_left_by_a_killed_creation_are_cleaned_at_the_next(workspace):
    ws = Workspace(workspace)
    ws.new_project("First")
    stale = workspace / "data" / f".acme.{socket_host()}-999999.abcd"
    stale.mkdir()
    ws.new_project("Acme")
    assert not stale.exists()


def socket_host() -> str:
    from cjm.project.scratch import host_name

    return host_name()


def test_a_folder_whose_settings_are_not_utf8_is_refused_with_the_line(workspace, mini):
    (mini / "project.yaml").write_bytes((mini / "project.yaml").read_bytes().replace(
        b"name: Mini Shop", "name: Basé".encode("cp1252")))
    with pytest.raises(ValidationError) as info:
        Workspace(workspace).new_project("Acme", str(mini))
    assert [str(p) for p in info.value.problems] == [
        "project.yaml:1: is not UTF-8 (byte 0xe9 on line 1) (expected project.yaml saved as "
        "UTF-8)"]
    assert not (workspace / "data" / "acme").exists()


def test_names_taken_from_the_tables_are_checked_where_they_were_written(edit, workspace, mini):
    (mini / "project.yaml").unlink()
    edit(mini / "touchpoints.csv", "T4,Buy,Store,", "T4,buy,Store,")
    edit(mini / "touchpoints.csv", "T6,Receive,Phone,", 'T6,Receive,"Pho|ne",')
    with pytest.raises(ValidationError) as info:
        Workspace(workspace).new_project("Mini", str(mini))
    assert [str(p) for p in info.value.problems] == [
        "touchpoints.csv:5: stage 'buy' and 'Buy' are one stage spelt two ways (expected "
        "'Buy' everywhere)",
        "touchpoints.csv:7: channel 'Pho|ne' cannot name a channel (expected one line of at "
        "most 80 characters, without '|')"]


@pytest.mark.parametrize("name", ["x" * 201, "Acme\nRetail", "   "])
def test_a_name_that_cannot_title_a_project_is_bad_usage(workspace, name):
    with pytest.raises(UsageError):
        Workspace(workspace).new_project(name)
    assert not (workspace / "data").exists() or not list((workspace / "data").iterdir())

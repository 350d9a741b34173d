import pandas as pd
import pytest

import cjm
from cjm import ValidationError, load_project, validate_project

# (file, old text, new text, the exact message the analyst reads)
KEPT = "; the row stays in the journal and is left out of the scores"
RULES = [
    ("touchpoints.csv", "T3,Buy,", "T3,Achats,",
     "touchpoints.csv:4: stage 'Achats' is not a stage of this project "
     "(expected one of: Discover, Buy, Receive)"),
    ("touchpoints.csv", "T4,Buy,Store,", "T4,Buy,Stor,",
     "touchpoints.csv:5: channel 'Stor' is not a channel of this project; did you mean 'Store'? "
     "(expected one of: Website, E-mail, Phone, Store)"),
    ("touchpoints.csv", "T5,Receive", "T1,Receive",
     "touchpoints.csv:6: touchpoint_id 'T1' is already used on row 2 (expected a unique id)"),
    ("touchpoints.csv", ",P2,,front-stage", ",P7,,front-stage",
     "touchpoints.csv:3: personas 'P7' is not a persona_id of personas.csv "
     "(expected one of: P1, P2)"),
    ("touchpoints.csv", "Stores,yes,yes", "Stores,perhaps,yes",
     "touchpoints.csv:5: controlled 'perhaps' cannot be read (expected yes or no)"),
    ("touchpoints.csv", ",12000,front-stage", ",-5,front-stage",
     "touchpoints.csv:2: volume -5 is not allowed (expected a number of at least 0)"),
    ("touchpoints.csv", ",400,front-stage", ",400,behind the scenes",
     "touchpoints.csv:7: lane 'behind the scenes' is not allowed "
     "(expected one of: customer, front-stage, back-stage, support, personal)"),
    ("touchpoints.csv", "T2,Discover,Store,Shop window", "T2,Discover,Store,",
     "touchpoints.csv:3: name is empty (expected a value: this column is required)"),
    ("personas.csv", "Website|E-mail", "Website|Fax",
     "personas.csv:2: preferred_channels 'Fax' is not a channel of this project "
     "(expected one of: Website, E-mail, Phone, Store)"),
    ("personas.csv", "Loyal,0.6,", "Loyal,0.9,",
     "personas.csv: the personas' shares add up to 120% (expected at most 100 % of the "
     "customer base)"),
    ("personas.csv", "Hidden costs,Store|Phone,2", "Hidden costs,Store|Phone,9",
     "personas.csv:3: digital_ease 9 is not allowed (expected a number from 1 to 5)"),
    ("personas.csv", "P2,Store", "P1,Copy,,,,,,,\nP2,Store",
     "personas.csv:3: persona_id 'P1' is already used on row 2 (expected a unique id)"),
    ("goals.csv", "P2,Receive,", "P3,Receive,",
     "goals.csv:7: persona_id 'P3' is not a persona_id of personas.csv (expected one of: P1, P2)"),
    ("goals.csv", "P1,Buy,", "P1,Pay,",
     "goals.csv:3: stage 'Pay' is not a stage of this project "
     "(expected one of: Discover, Buy, Receive)"),
    ("evaluations.csv", "Ana,P2,T4,5,", "Ana,P2,T9,5,",
     "evaluations.csv:4: warning: touchpoint_id 'T9' is not a touchpoint_id of "
     "touchpoints.csv (expected one of: T1, T2, T3, T4, T5, T6" + KEPT + ")"),
    ("evaluations.csv", "Ana,P2,T4,5,", "Ana,P2,T4,6,",
     "evaluations.csv:4: warning: satisfaction 6 is outside the project's satisfaction scale "
     "(expected a number from 1 to 5, as set in project.yaml" + KEPT + ")"),
    ("evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,4,8,3,1",
     "evaluations.csv:2: warning: effort 8 is outside the project's effort scale "
     "(expected a number from 1 to 7, as set in project.yaml" + KEPT + ")"),
    ("evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,4,6,0,1",
     "evaluations.csv:2: warning: importance 0 is outside the project's importance scale "
     "(expected a number from 1 to 5, as set in project.yaml" + KEPT + ")"),
    ("evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,4,6,3,3",
     "evaluations.csv:2: warning: emotion 3 is outside the project's emotion scale "
     "(expected a number from -2 to 2, as set in project.yaml" + KEPT + ")"),
    ("evaluations.csv", "2025-H2,Ana,P2,T6", "2025-S3,Ana,P2,T6",
     "evaluations.csv:5: period '2025-S3' is not allowed "
     "(expected a period label such as 2026-H2 (or 2026-S2), 2026-Q3 (or 2026-T3) or "
     "2026-11, from 1900 to 2199)"),
    ("evaluations.csv", "2026-06-20T10:05:00", "20/06/26 10h05",
     "evaluations.csv:8: recorded_at '20/06/26 10h05' cannot be read "
     "(expected a date such as 31/12/2026 or 2026-12-31, from 1900 to 2199)"),
    ("evaluations.csv", "Call-back works,,interview", "Call-back works,,focus group",
     "evaluations.csv:8: source 'focus group' is not allowed "
     "(expected one of: workshop, survey, interview, analytics)"),
    ("survey.csv", "R2,", "R1,",
     "survey.csv:3: response_id 'R1' is already used on row 2 (expected a unique id)"),
    ("survey.csv", "T3,P1,4,6,9", "T3,P1,4,6,11",
     "survey.csv:3: nps 11 is not allowed (expected a number from 0 to 10)"),
    ("survey.csv", "T3,P1,4,6,9", "T3,P1,4,9,9",
     "survey.csv:3: ces 9 is outside the project's ces scale "
     "(expected a number from 1 to 7, as set in project.yaml)"),
    ("survey.csv", "T3,P1,4,6,9", "T3,P1,0,6,9",
     "survey.csv:3: csat 0 is not allowed (expected a number from 1 to 5)"),
    ("survey.csv", "R4,2026-03-04T09:00:00,T6,", "R4,2026-03-04T09:00:00,T8,",
     "survey.csv:5: touchpoint_id 'T8' is not a touchpoint_id of touchpoints.csv "
     "(expected one of: T1, T2, T3, T4, T5, T6)"),
    ("actions.csv", ",done,", ",finished,",
     "actions.csv:2: status 'finished' is not allowed "
     "(expected one of: idea, planned, in-progress, done, dropped)"),
    ("actions.csv", "4,3,0.8", "4,3,1.8",
     "actions.csv:2: confidence 1.8 is not allowed (expected a number from 0 to 1)"),
    ("actions.csv", "A2,Call-back,T6", "A2,Call-back,T66",
     "actions.csv:3: touchpoint_id 'T66' is not a touchpoint_id of touchpoints.csv; "
     "did you mean 'T6'? (expected one of: T1, T2, T3, T4, T5, T6)"),
    ("actions.csv", "2,5,0.3", "2,9,0.3",
     "actions.csv:4: cost 9 is not allowed (expected a number from 1 to 5)"),
    ("project.yaml", "review: {every_months: 6}", "review: {every_months: 6}\nowner: me",
     "project.yaml:10: unknown setting 'owner' (expected one of the documented settings)"),
]


def test_the_mini_fixture_is_valid(mini):
    assert validate_project(mini) == []


@pytest.mark.parametrize(("file", "old", "new", "message"), RULES,
                         ids=[f"{r[0]}:{r[3].split(':')[1]}" for r in RULES])
def test_each_rule_names_file_row_column_value_and_expectation(edit, mini, file, old, new, message):
    edit(mini / file, old, new)
    before = {p.name: p.read_bytes() for p in mini.iterdir()}

    problems = validate_project(mini)

    assert [str(p) for p in problems] == [message]
    assert {p.name: p.read_bytes() for p in mini.iterdir()} == before  # nothing written


def test_all_problems_are_reported_at_once(edit, mini):
    for file, old, new, _ in [RULES[0], RULES[8], RULES[19], RULES[27]]:
        edit(mini / file, old, new)

    with pytest.raises(ValidationError) as info:
        load_project(mini)

    files = [p.file for p in info.value.problems]
    assert files == ["personas.csv", "touchpoints.csv", "evaluations.csv", "actions.csv"]
    assert str(info.value).startswith("4 problems in the project files\n")


def test_missing_required_table_and_missing_column(edit, mini):
    (mini / "goals.csv").unlink()
    edit(mini / "actions.csv", "action_id,title,", "action_id,titre,")

    messages = [str(p) for p in validate_project(mini)]

    assert "goals.csv: file is missing (expected a goals table (it may hold only the header " \
           "row))" in messages
    assert "actions.csv:1: column 'title' is missing (expected the columns action_id, title)" \
        in messages


def test_survey_is_optional(mini):
    (mini / "survey.csv").unlink()
    project = load_project(mini)
    assert project.survey.empty
    assert "csat" in project.survey.columns


def test_load_project_types_the_tables(mini):
    project = load_project(mini)

    assert isinstance(project, cjm.Project)
    assert project.name == "Mini Shop" and project.slug == "mini"
    stage = project.touchpoints["stage"]
    assert stage.cat.ordered and list(stage.cat.categories) == ["Discover", "Buy", "Receive"]
    assert project.touchpoints["moment_of_truth"].tolist() == [False, False, True, True, False,
                                                               False]
    assert project.touchpoints["personas"].tolist()[:3] == [[], ["P2"], ["P1"]]
    assert project.touchpoints["volume"].dtype == "Int64"
    assert project.personas["preferred_channels"][1] == ["Store", "Phone"]
    assert project.evaluations["recorded_at"].is_monotonic_increasing
    assert project.evaluations["satisfaction"].sum() == 4 + 2 + 5 + 2 + 3 + 4 + 4
    assert project.actions["due"].iloc[0] == pd.Timestamp("2026-03-31")
    assert project.goals.index.tolist() == list(range(6))
    assert project.events_path is None


def test_semicolon_cp1252_decimal_comma_export_loads_like_the_csv(mini):
    text = (mini / "personas.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()]
    rows[1][4] = "0,6"
    rows[1][1] = "Habitué en ligne"
    export = "\r\n".join(";".join(row) for row in rows) + "\r\n\r\n;;;\r\n"
    (mini / "personas.csv").write_bytes(export.encode("cp1252"))

    project = load_project(mini)

    assert project.personas["share"].tolist() == pytest.approx([0.6, 0.3])
    assert project.personas["name"][0] == "Habitué en ligne"


def test_xlsx_in_place_of_a_csv(mini):
    frame = pd.read_csv(mini / "touchpoints.csv", dtype=str, keep_default_na=False)
    (mini / "touchpoints.csv").unlink()
    with pd.ExcelWriter(mini / "touchpoints.xlsx") as writer:
        frame.to_excel(writer, sheet_name="Inventaire", index=False)

    project = load_project(mini)

    assert project.touchpoints["touchpoint_id"].tolist() == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert project.touchpoints["volume"].tolist()[0] == 12000


def test_xlsx_errors_name_the_xlsx_file_and_excel_row(mini):
    frame = pd.read_csv(mini / "goals.csv", dtype=str)
    frame.loc[2, "stage"] = "Pay"
    (mini / "goals.csv").unlink()
    frame.to_excel(mini / "goals.xlsx", index=False)

    assert [str(p).split(" (")[0] for p in validate_project(mini)] == [
        "goals.xlsx:4: stage 'Pay' is not a stage of this project"]


def test_not_a_folder(tmp_path):
    assert "is not a project folder" in str(validate_project(tmp_path / "nope")[0])


def test_journal_rows_that_no_longer_fit_are_kept_and_left_out_of_the_scores(edit, mini):
    from cjm.steps import scores

    edit(mini / "evaluations.csv", "Ana,P2,T4,5,", "Ana,P2,T9,5,")  # T9: since removed
    edit(mini / "evaluations.csv", "P1,T1,4,6,3,1", "P1,T1,4,6,3,3")  # emotion 3 on -2..2
    project = load_project(mini)  # warnings only: the journal's history cannot be rewritten
    misfits = scores.misfits(project)
    assert misfits[["touchpoint_id", "column", "value", "problem"]].values.tolist() == [
        ["T1", "emotion", 3, "outside the emotion scale -2 to 2"],
        ["T9", "touchpoint_id", "T9", "no longer in touchpoints.csv"]]
    current = scores.current_scores(project, "2025-H2")
    assert "T9" not in set(current["touchpoint_id"])
    t1 = current[(current["touchpoint_id"] == "T1") & (current["persona_id"] == "P1")].iloc[0]
    assert pd.isna(t1["emotion"]) and t1["satisfaction"] == 4


def test_one_problem_on_many_rows_is_one_line(mini):
    journal = mini / "evaluations.csv"
    existing = len(journal.read_text(encoding="utf-8").splitlines())  # header included
    rows = [f"2026-02-{1 + i % 28:02d}T10:00:00,2026-H1,Ana,P1,{tp},3,4,3,0,,,workshop"
            for tp in ("T8", "T9") for i in range(10_000)]
    rows[5000] = rows[5000].replace(",3,4,3,0,", ",3,4,9,0,")  # and one value off its scale
    with journal.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    first = existing + 1
    problems = [str(p) for p in validate_project(mini)]
    kept = ("the row stays in the journal and is left out of the scores")
    assert problems == [
        f"evaluations.csv: rows {first}-{first + 9_999}: warning: touchpoint_id 'T8' is not a "
        f"touchpoint_id of touchpoints.csv (10,000 rows; expected one of: T1, T2, T3, T4, T5, "
        f"T6; {kept})",
        f"evaluations.csv:{first + 5000}: warning: importance 9 is outside the project's "
        f"importance scale (expected a number from 1 to 5, as set in project.yaml; {kept})",
        f"evaluations.csv: rows {first + 10_000}-{first + 19_999}: warning: touchpoint_id 'T9' "
        f"is not a touchpoint_id of touchpoints.csv (10,000 rows; expected one of: T1, T2, T3, "
        f"T4, T5, T6; {kept})"]


def test_loading_again_reuses_the_tables_until_a_file_changes(edit, mini):
    first = load_project(mini)
    first.touchpoints.loc[0, "name"] = "changed by a notebook"
    first.evaluations.loc[0, "satisfaction"] = 1
    first.evaluations["assessor"] = "changed"
    first.survey.iloc[0, 0] = "changed"
    second = load_project(mini)
    assert second.touchpoints.loc[0, "name"] == "Home page"  # each caller has its own copy
    assert second.touchpoints is not first.touchpoints
    assert second.evaluations.loc[0, "satisfaction"] != 1
    assert "changed" not in set(second.evaluations["assessor"])
    assert second.survey.iloc[0, 0] != "changed"
    edit(mini / "touchpoints.csv", "Home page", "Landing page")
    assert load_project(mini).touchpoints.loc[0, "name"] == "Landing page"


def test_checked_project_is_validation_and_loading_in_one_reading(mini, edit):
    from cjm.project.model import checked_project, errors_in

    edit(mini / "touchpoints.csv", "T3,Buy,", "T3,Buy ,")  # still valid
    project, problems = checked_project(mini)
    assert problems == validate_project(mini)
    loaded = load_project(mini)
    for name in ("touchpoints", "evaluations", "personas", "survey", "actions"):
        pd.testing.assert_frame_equal(getattr(project, name), getattr(loaded, name))
    edit(mini / "actions.csv", ",done,", ",finished,")
    with pytest.raises(ValidationError) as info:
        checked_project(mini)
    assert info.value.problems == errors_in(validate_project(mini))


def test_a_large_project_loads_the_same_tables(mini, monkeypatch):
    """Above LARGE rows a load returns what reading took to the system; the tables it gives
    are the same."""
    import cjm.project.model as model

    small = model.load_project(mini, keep=False)
    monkeypatch.setattr(model, "LARGE", 0)
    large = model.load_project(mini, keep=False)
    for name in model.TABLES:
        pd.testing.assert_frame_equal(getattr(small, name), getattr(large, name))


def test_a_project_passed_on_is_adopted_without_reading_its_files(mini, tmp_path, edit,
                                                                   monkeypatch):
    """A review checks the project once: its kernel adopts the tables of the frozen copy
    instead of reading and checking the same files again, while they are unchanged."""
    import shutil

    import cjm.project.model as model

    checked, _ = model.checked_project(mini)
    frozen = tmp_path / "review" / "data"
    shutil.copytree(mini, frozen)
    project = model.moved(checked, frozen)
    assert project.path == frozen.resolve() and project.events_path is None
    model.pass_on(project, tmp_path / "project.pickle")

    monkeypatch.setattr(model, "_LOADED", {})  # as in another process
    monkeypatch.setattr(model, "_read", lambda *args, **kwargs: pytest.fail("read again"))
    assert model.adopt(tmp_path / "project.pickle")
    adopted = model.load_project(frozen)
    for name in model.TABLES:
        pd.testing.assert_frame_equal(getattr(adopted, name), getattr(checked, name))
    assert adopted.path == frozen.resolve()
    monkeypatch.undo()

    monkeypatch.setattr(model, "_LOADED", {})
    edit(frozen / "touchpoints.csv", "Home page", "Landing page")  # changed since: read
    assert not model.adopt(tmp_path / "project.pickle")
    assert model.load_project(frozen).touchpoints.loc[0, "name"] == "Landing page"


def test_a_project_with_its_log_on_an_engine_is_read_again_from_a_copy(mini, tmp_path):
    """A copy's settings name a log on an engine differently (its path made absolute): such a
    project is not moved, the copy is read."""
    import dataclasses

    from cjm.project.model import moved
    from cjm.project.warehouse import EventLogSettings

    project = load_project(mini)
    config = project.config.model_copy(update={"events": EventLogSettings(
        engine="duckdb", path="warehouse/events.parquet")})
    assert moved(dataclasses.replace(project, config=config), tmp_path) is None

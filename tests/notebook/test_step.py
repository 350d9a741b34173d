import pytest

from cjm import load_project
from cjm.errors import UsageError
from cjm.notebook import open_step, todo


def test_a_given_period_is_used_as_is(mini, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    project, period = open_step(str(mini), "2025-H2")
    assert (project.name, period) == ("Mini Shop", "2025-H2")
    assert shown[0].data == "**Mini Shop** (current state map), period **2025-H2**."
    with pytest.raises(UsageError, match="period must be a period label"):
        open_step(str(mini), "H2")


def test_an_empty_period_falls_back_to_the_latest_scored_one(mini, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    monkeypatch.setattr("cjm.periods.current_period", lambda today=None: "2027-H1")
    assert open_step(str(mini), "")[1] == "2026-H1"
    assert shown[0].data == ("**Mini Shop** (current state map), period **2026-H1**. No "
                             "evaluations for the current period yet: showing 2026-H1, the "
                             "latest period with scores.")
    monkeypatch.setattr("cjm.periods.current_period", lambda today=None: "2026-H1")
    assert open_step(str(mini), "")[1] == "2026-H1"
    assert shown[1].data.endswith("period **2026-H1**.")


def test_todo_lists_each_empty_table_with_its_columns(blank):
    text = todo(load_project(blank), "prioritisation", "2026-H2").data
    assert "**evaluations.csv** has no rows for 2026-H2 yet" in text
    assert "**actions.csv** has no rows yet" in text
    assert "`action_id, title, touchpoint_id," in text


def test_todo_all_clear_and_bad_step(mini):
    assert todo(load_project(mini), "personas").data == "All the data this step needs is there."
    with pytest.raises(ValueError, match="`step` must be one of personas, goals"):
        todo(load_project(mini), "ideas")


def test_the_step_opener_shows_the_project_name_as_text(edit, mini, monkeypatch):
    import json

    import cjm.notebook.step

    edit(mini / "project.yaml", "name: Mini Shop",
         "name: " + json.dumps("<img src=x onerror=alert(1)> [x](javascript:alert(1)) $$"))
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    cjm.notebook.step.open_step(str(mini), "2026-H1")
    text = shown[0].data
    assert text.startswith("**&lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(javascript\\:alert"
                           "\\(1\\)\\) \\$\\$** (current state map), period **2026-H1**")
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    html = markdown2html_mistune(text)
    assert "<img" not in html and "href" not in html and "&lt;img src=x" in html


def test_apostrophes_and_ampersands_read_as_typed():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from cjm.render.markup import markdown_text

    assert markdown2html_mistune(markdown_text("L'Atelier & Co > 2")).strip() == (
        "<p>L'Atelier &amp; Co &gt; 2</p>")

"""report.html: one offline file in which no text from the tables is markup."""

import re

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def html(hostile_review) -> str:
    return (hostile_review / "report.html").read_text(encoding="utf-8")


def test_the_report_loads_nothing_and_runs_nothing(html):
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html, re.I)
    assert "@import" not in html


def test_names_from_the_tables_are_text_not_markup(html):
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "<img src=x" not in html and "<b>Pay</b>" not in html and "<i>x</i>" not in html
    # each shown as the analyst typed it
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) $5 or $10" in html
    assert "Nadia, the $$ saver &lt;img src=x onerror=alert(1)&gt;" in html
    assert "$$ &lt;b&gt;Pay&lt;/b&gt;" in html
    assert "[click](javascript:alert(2)) &lt;i&gt;x&lt;/i&gt;" in html


def test_the_title_is_the_project_name_escaped(hostile_name, html):
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and "&lt;script&gt;" in title
    assert hostile_name.split(" ")[0] not in title


def test_charts_with_dollars_in_names_were_drawn(hostile_review):
    figures = {path.name for path in (hostile_review / "figures").iterdir()}
    assert {"persona_P1.png", "journey_map_P1.png", "journey_map_P1.svg",
            "emotion_curve_P1.png", "ipa.png"} <= figures
    svg = (hostile_review / "figures" / "journey_map_P1.svg").read_text(encoding="utf-8")
    assert "<script" not in svg.lower()

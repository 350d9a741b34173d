"""report.html: a document that opens on the decisions, renders the review's results in tidy
tables, stays one offline file under its size budget, prints on A4 with the maps on landscape
pages, and shows every text from the tables as text."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from cjm.render.report import build_report


@pytest.fixture(scope="module")
def review(reviewed):
    return reviewed / "notebooks" / "demo" / "reviews" / "2026-H1"


@pytest.fixture(scope="module")
def page(review) -> str:
    return (review / "report.html").read_text(encoding="utf-8")


def visible(markup: str) -> str:
    """The text a reader sees: tags, style and embedded images removed, entities decoded."""
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    markup = re.sub(r"<[^>]+>", " ", markup)
    return " ".join(html_lib.unescape(markup).split())


def section(markup: str, key: str) -> str:
    start = markup.index(f'<section id="{key}"')
    return markup[start:markup.index("</section>", start)]


def test_it_opens_on_the_executive_summary_with_the_headline_figures(page):
    text = visible(page[page.index("</nav>"):])
    order = [text.index(title) for title in (
        "Executive summary", "Headline figures", "What changed",
        "What the last round of actions achieved", "What needs attention",
        "Top of the action plan", "About the data", "Journey maps", "1. Personas",
        "6. Changes since the last review")]
    assert order == sorted(order)
    summary = visible(section(page, "summary"))
    # the demo's story: CSAT 69 % -> 80 %, NPS +6 -> +28, both significant on ~1,500 answers
    assert "CSAT satisfied customers (4 or 5 of 5) 80% ▲ 95% CI 78% to 82%, n = 1,499" in summary
    assert "up 11 points from 69% (n = 1,572) a significant change (p < 0.001)" in summary
    assert "NPS promoters minus detractors, -100 to +100 +28 ▲ 95% CI +24 to +32, n = 1,486" \
        in summary
    assert "up 22 points from +6 (n = 1,577)" in summary


def test_the_summary_says_what_changed_and_why_in_sentences(page):
    summary = visible(section(page, "summary"))
    assert "Compared with the review of 2025-H2." in visible(page)
    assert re.search(r"\d+ touchpoints improved: Delivery tracking \(CSAT \+40 points, "
                     r"significant\); Refund received \(CSAT \+19 points, significant\)",
                     summary)
    assert "Hold queue on the phone (workshop satisfaction 3.0 → 1.6)" in summary
    assert "A touchpoint improved or worsened when its survey CSAT changed significantly" \
        in summary
    assert ("Proactive delivery tracking by SMS and e-mail (Logistics): Delivery tracking "
            "improved (CSAT +40 points, significant).") in summary
    # back-stage work is never scored, and is not a customer touchpoint left unscored
    assert "were not scored in 2026-H1" not in summary
    assert "Next review due by 2026-12-31." in summary


def test_the_top_of_the_plan_names_owners_dates_and_overdue_actions(page):
    plan = section(page, "summary")
    plan = plan[plan.index("Top of the action plan"):plan.index("About the data")]
    rows = re.findall(r"<tr( class=\"overdue\")?>(.*?)</tr>", plan, re.S)
    cells = [[visible(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
             for _, row in rows[1:]]
    assert [row[0] for row in cells] == ["1", "2", "3", "4", "5"]
    assert cells[0][1:4] == ["Fix the 3-D Secure loop in the app", "App payment and 3-D Secure",
                             "IT"]
    assert cells[0][4] == "2026-07-31" and cells[0][5] == "30.0"
    assert all(flag for flag, _ in rows[1:])  # the review ran after every due date above
    assert "and 5 more: the whole table is in actions.xlsx, sheet “Action plan”." in \
        visible(plan)


def test_tables_are_tidy_no_index_no_nan_no_python(page):
    text = visible(page)
    for leftover in (" NaN", " nan ", "<NA>", " None", "[]", "['", "Unnamed", "NaT"):
        assert leftover not in text, leftover
    headers = [visible(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", page)]
    assert "" not in headers and not any(h.isdigit() for h in headers)
    for table in re.findall(r"<table.*?</table>", page, re.S):
        assert len(re.findall(r"<th[ >]", table)) <= 8
        assert len(re.findall(r"<tr", table)) <= 11  # a header and at most 10 rows


def test_long_tables_are_cut_and_say_where_the_rest_is(page):
    text = visible(section(page, "evaluation"))
    assert re.search(r"and \d+ more: the whole table is in actions\.xlsx, sheet “Survey per "
                     r"touchpoint”\.", text)


def test_one_offline_file_under_budget_with_every_map(review, page):
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", page, re.I)
    images = re.findall(r'<img src="([^"]+)"', page)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    # each persona's current state, future state and service blueprint
    assert len(re.findall(r'<figure class="map">', page)) == 4 * 3
    assert (review / "report.html").stat().st_size < 5_000_000


def test_it_prints_on_a4_with_the_maps_on_landscape_pages(page):
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "@page { size: A4 portrait" in style
    assert "@page maps { size: A4 landscape" in style
    assert re.search(r"section\.maps \{ page: maps; break-before: page; \}", style)
    assert "thead { display: table-header-group; }" in style


def test_the_report_is_rebuilt_from_the_results_alone(review, tmp_path):
    """No notebook is read: the report is the review's results, rendered."""
    import shutil

    copy = tmp_path / "2026-H1"
    shutil.copytree(review, copy)
    for notebook in copy.glob("*.ipynb"):
        notebook.unlink()
    (copy / "report.html").unlink()
    rebuilt = build_report(copy).read_text(encoding="utf-8")
    assert visible(section(rebuilt, "summary")) == visible(section(
        (review / "report.html").read_text(encoding="utf-8"), "summary"))


def _pictures(page: str) -> list[bytes]:
    import base64

    return [base64.b64decode(src) for src in re.findall(
        r'<img src="data:image/png;base64,([^"]+)"', page)]


def test_figures_are_embedded_as_the_palette_pngs_the_review_saved(review, page):
    """The review's figures are palette PNG: the report carries their bytes, not a copy made
    again (and so shows what the figures folder holds)."""
    saved = {path.read_bytes() for path in (review / "figures").glob("*.png")}
    pictures = _pictures(page)
    assert len(pictures) >= 4 * 3 and all(picture in saved for picture in pictures)


def test_a_full_colour_figure_is_embedded_in_its_own_colours(review, tmp_path):
    """A figure saved in full colour (an older review, a notebook edited to save its own) is
    made a palette PNG for the report: white and a light band beside it stay two colours."""
    import io
    import shutil

    import numpy as np
    from PIL import Image

    copy = tmp_path / "2026-H1"
    shutil.copytree(review, copy)
    [first] = sorted((copy / "figures").glob("journey_map_*.png"))[:1]
    with Image.open(first) as image:
        picture = np.asarray(image.convert("RGBA")).copy()
    height, width = picture.shape[:2]
    picture[:, :, :3] = 255
    picture[height // 3:height // 2, :, :3] = (242, 244, 246)
    rng = np.random.default_rng(0)
    others = rng.integers(150, 256, size=(2000, 3))  # many other colours, on small areas
    picture[:40, :, :3] = others[rng.integers(0, len(others), size=(40, width))]
    Image.fromarray(picture, "RGBA").save(first)
    rebuilt = build_report(copy).read_text(encoding="utf-8")
    embedded = [Image.open(io.BytesIO(data)) for data in _pictures(rebuilt)]
    [ours] = [image for image in embedded if image.size == (width, height)][:1]
    colours = np.asarray(ours.convert("RGB"))
    assert ours.mode == "P"
    assert tuple(colours[height - 1, width // 2]) == (255, 255, 255)
    assert tuple(colours[height * 5 // 12, width // 2]) == (242, 244, 246)


@pytest.mark.slow
def test_names_from_the_tables_are_text_not_markup(hostile_review, hostile_name,
                                                   hostile_persona):
    markup = (hostile_review / "report.html").read_text(encoding="utf-8")
    assert "<script" not in markup.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", markup, re.I)
    assert "<img src=x" not in markup and "<b>Pay</b>" not in markup
    text = visible(markup)
    assert hostile_name in text and hostile_persona in text
    title = re.search(r"<title>(.*?)</title>", markup, re.S).group(1)
    assert "<" not in title and "&lt;script&gt;" in title


@pytest.mark.slow
def test_charts_with_dollars_in_names_were_drawn(hostile_review):
    figures = {path.name for path in (hostile_review / "figures").iterdir()}
    assert {"persona_P1.png", "journey_map_P1.png", "journey_map_P1.svg",
            "emotion_curve_P1.png", "ipa.png"} <= figures
    svg = (hostile_review / "figures" / "journey_map_P1.svg").read_text(encoding="utf-8")
    assert "<script" not in svg.lower()


def test_the_footer_names_the_review_folder_not_its_working_name(page):
    footer = visible(re.search(r"<footer>.*?</footer>", page, re.S).group(0))
    assert footer.endswith("from the review folder reviews/2026-H1.")

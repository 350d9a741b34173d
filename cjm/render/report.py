"""`report.html`: the review as a document for managers, rendered from its results.

It opens on the executive summary (what the review compares with, the headline figures with
their n, interval and verdict, what improved and worsened and why, what the done actions
achieved, what needs attention, the top of the plan, what to keep in mind about the data), then
the journey map of each persona, then each step's figures and tidy tables. One offline file:
the figures are embedded as palette PNG (as cjm saves them; others are converted), no script,
nothing fetched. Its print stylesheet makes an A4 document, the maps on landscape pages.
Jinja2 escapes every text from the tables.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..labels import label, say
from ..periods import period_text
from ..project.writers import write_text
from ..steps import review as rules
from . import story
from .contents import Contents, opened
from .figures import map_name
from .palette import palette_image
from .results import ReviewResults
from .text import num

TEMPLATE_DIR = Path(__file__).parent / "report_template"
REPORT_FILE = "report.html"
COLOURS = 96  # palette of an embedded picture of many colours (a photograph)
MAX_WIDTH = 2600  # pixels: wider figures are scaled down before they are embedded


def build_report(folder: str | Path, results: ReviewResults | None = None,
                 contents: Contents | None = None) -> Path:
    """Write `<folder>/report.html` from the review's results; return its path."""
    results = results or ReviewResults(folder)
    contents = contents or Contents(results)
    return write_text(Path(folder) / REPORT_FILE, report_html(results, contents))


def report_html(results: ReviewResults, contents: Contents) -> str:
    """The report as one HTML page."""
    language = results.language
    personas = list(results.project.personas[["persona_id", "name"]].itertuples(index=False))
    config = results.project.config
    drawn = [(row, kind, map_name(row.persona_id, kind, results.project)) for row in personas
             for kind in config.map_kinds]
    drawn = [(row, kind, name) for row, kind, name in drawn
             if kind == config.map_type or results.figure(name) is not None]
    names = [name for _, _, name in drawn] + [
        figure.name for section in contents.steps for figure in section.figures
        if contents.shown(figure.name)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # Pillow encodes outside the GIL
        embedded = dict(zip(names, pool.map(functools.partial(_embedded, results), names),
                            strict=True))
    several = len(config.map_kinds) > 1
    maps = [{"name": f"{row.name} · {label(kind, language)}" if several else row.name,
             "src": embedded[name]} for row, kind, name in drawn]
    steps = [{"section": section, "figures": [
        {"src": embedded[figure.name], "caption": figure.caption}
        for figure in section.figures if figure.name in embedded]}
        for section in contents.steps]
    css = (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8")
    return _environment().get_template("report.html.j2").render(
        word=lambda key, **fields: say(key, language, **fields) if fields
        else label(key, language),
        language=language, css=css, project=results.project.name,
        period=period_text(results.period, language),
        map_type=label(results.project.config.map_type, language),
        compared_with=story.compared_with(results), contents=contents,
        rule=story.rule(language), rule_alpha=num(rules.ALPHA, 2, language),
        rule_n=rules.MIN_RESPONSES, rule_delta=num(rules.MIN_DELTA, 1, language),
        maps=[item for item in maps if item["src"]],
        steps=steps, generated=dt.date.today().isoformat(), folder=f"reviews/{results.period}")


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def _embedded(results: ReviewResults, name: str) -> str | None:
    """`figures/<name>.png` as a data URI: as it is when it is a palette PNG at most MAX_WIDTH
    wide (as cjm saves charts), else scaled down to MAX_WIDTH and made one
    (`cjm.render.palette`; a picture of too many colours: FASTOCTREE's COLOURS)."""
    import numpy as np
    from PIL import Image

    path = results.figure(name)
    if path is None:
        return None
    with opened(path, load=True) as image:  # read whole: a damaged file is refused here
        if image.format == "PNG" and image.mode == "P" and image.width <= MAX_WIDTH:
            return _data_uri(path.read_bytes())
        image = image.convert("RGBA")
        if image.width > MAX_WIDTH:
            image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)),
                                 Image.Resampling.LANCZOS)
        made = palette_image(np.asarray(image))
        if made is None:
            made = image.convert("RGB").quantize(COLOURS, method=Image.Quantize.FASTOCTREE)
        buffer = io.BytesIO()
        made.save(buffer, "PNG")
    return _data_uri(buffer.getvalue())


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

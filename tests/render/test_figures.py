"""cjm.render.figures: saving figures (PNG, SVG, PDF, the same bytes each time) and tables
or JSON from a notebook; an empty output folder saves nothing."""

import json

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from cjm.render.figures import MAP_FORMATS, save_figure, save_json, save_table  # noqa: E402


def figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2], [3, 4])
    return fig


def test_save_figure_writes_each_format_and_closes_the_figure(tmp_path):
    fig = figure()
    paths = save_figure(fig, tmp_path, "curve", formats=MAP_FORMATS, show=False)

    assert [p.name for p in paths] == ["curve.png", "curve.svg", "curve.pdf"]
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    assert paths[2].read_bytes().startswith(b"%PDF")
    assert not plt.fignum_exists(fig.number)


def test_the_same_figure_gives_the_same_files(tmp_path):
    save_figure(figure(), tmp_path / "a", "x", formats=MAP_FORMATS, show=False)
    save_figure(figure(), tmp_path / "b", "x", formats=MAP_FORMATS, show=False)
    for fmt in MAP_FORMATS:
        name = f"figures/x.{fmt}"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_empty_output_dir_saves_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert save_figure(figure(), "", "x", show=False) == []
    assert save_table(pd.DataFrame({"a": [1]}), "", "t.csv") is None
    assert save_json({}, "", "s.json") is None
    assert list(tmp_path.iterdir()) == []


def test_save_json_writes_plain_types(tmp_path):
    import numpy as np

    path = save_json({"n": np.int64(3), "x": np.float64(0.5), "when": pd.Timestamp("2026-01-02"),
                      "missing": pd.NA, "name": "Été", "split": float("nan")}, tmp_path,
                     "summary.json")
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text  # json.loads would accept NaN; other JSON readers do not
    assert json.loads(text) == {"n": 3, "x": 0.5, "when": "2026-01-02T00:00:00",
                                "missing": None, "name": "Été", "split": None}


def test_save_table_is_formula_safe(tmp_path):
    path = save_table(pd.DataFrame({"title": ["=2+2"], "n": [-1]}), tmp_path, "t.csv")
    assert path.read_text(encoding="utf-8-sig").splitlines() == ["title,n", "'=2+2,-1"]


def test_svg_keeps_its_words_as_text_and_pdf_embeds_truetype(tmp_path):
    """A designer edits the wording of a saved map: SVG text is <text> naming its font (not
    glyph paths), PDF fonts are embedded TrueType, never Type 3 (bitmap-like, not editable)."""
    import re

    fig = figure()
    fig.axes[0].set_title("Délai <b>& co</b>")
    save_figure(fig, tmp_path, "map", formats=MAP_FORMATS, show=False)
    svg = (tmp_path / "figures" / "map.svg").read_text(encoding="utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Délai &lt;b&gt;&amp; co&lt;/b&gt;" in texts
    assert "font-family: 'DejaVu Sans'" in svg and 'id="DejaVuSans-' not in svg
    pdf = (tmp_path / "figures" / "map.pdf").read_bytes()
    assert b"/Type3" not in pdf
    assert re.search(rb"/Subtype /CIDFontType2", pdf) and b"/FontFile2" in pdf
    fonts = _embedded_fonts(pdf)
    assert fonts and not any(tag in font for font in fonts for tag in ("GSUB", "GPOS", "kern"))
    [font] = [font for font in fonts if ord("é") in font.getBestCmap()][:1]
    assert font["glyf"][font.getBestCmap()[ord("é")]].numberOfContours != 0  # e + accent


def _embedded_fonts(pdf: bytes) -> list:
    """The TrueType fonts embedded in `pdf` (its streams with a Length1), read by fontTools."""
    import io
    import re
    import zlib

    from fontTools.ttLib import TTFont

    fonts = []
    for match in re.finditer(rb"<<[^>]*?/Length1 \d+[^>]*?>>\s*stream\r?\n", pdf):
        end = pdf.index(b"endstream", match.end())
        data = pdf[match.end():end]
        if b"/FlateDecode" in match.group(0):
            data = zlib.decompressobj().decompress(data)
        fonts.append(TTFont(io.BytesIO(data)))
    return fonts


def test_a_chart_is_saved_as_a_palette_png_of_what_was_drawn(tmp_path):
    import io

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.axhspan(1, 2, color="#f2f4f6")
    ax.bar(["Discover", "Buy"], [3, 5], color="#4C72B0")
    drawn = io.BytesIO()
    fig.savefig(drawn, format="png", dpi=150, bbox_inches="tight", pad_inches=0.1)
    [path] = save_figure(fig, tmp_path, "bars", show=False)
    from PIL import Image

    with Image.open(path) as saved:
        assert saved.mode == "P"
    ours, theirs = _pixels(path.read_bytes()), _pixels(drawn.getvalue())
    assert ours.shape == theirs.shape
    kept = {tuple(colour) for colour in ours.reshape(-1, 3)}
    assert {(255, 255, 255), (242, 244, 246), (76, 114, 176)} <= kept
    assert abs(ours.mean() - theirs.mean()) < 1


def test_a_french_projects_table_opens_in_columns_in_french_excel(tmp_path):
    from cjm.render.theme import theme

    frame = pd.DataFrame({"nom": ["Caisse; rapide"], "csat": [0.805]})
    with theme(language="fr"):
        path = save_table(frame, tmp_path, "metrics.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    assert raw.decode("utf-8-sig").splitlines() == ["nom;csat", '"Caisse; rapide";0,805']
    english = save_table(frame, tmp_path, "en.csv", language="en")
    assert english.read_text(encoding="utf-8-sig").splitlines()[1] == "Caisse; rapide,0.805"


def test_on_screen_a_figure_is_shown_and_saved_as_svg_only(tmp_path, monkeypatch):
    from cjm.render import figures

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda image: shown.append(image))
    figures.for_screen(True)
    try:
        fig = figure()
        paths = save_figure(fig, tmp_path, "curve", formats=MAP_FORMATS)
    finally:
        figures.for_screen(False)
    assert [p.name for p in paths] == ["curve.svg"]
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["curve.svg"]
    assert len(shown) == 1 and "<svg" in shown[0].data and not plt.fignum_exists(fig.number)
    assert [p.name for p in save_figure(figure(), tmp_path, "again", show=False)] == [
        "again.png"]  # off screen: the formats asked for


def test_a_laid_out_chart_on_screen_is_drawn_once_for_its_svg(tmp_path, monkeypatch):
    """A chart with constrained layout is laid out, measured and drawn once as SVG: the
    layout engine is dropped once settled (a placeholder engine would make `savefig` draw the
    whole figure once more, unseen), and the SVG is the one a tight save makes."""
    import io
    import re

    from matplotlib.figure import Figure

    from cjm.render import figures

    def chart():
        fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
        ax.bar(["Discover", "Buy", "Return"], [3, 5, 2])
        ax.set_title("Touchpoints by stage")
        return fig

    reference = io.BytesIO()
    with matplotlib.rc_context(figures.EDITABLE):
        chart().savefig(reference, format="svg", bbox_inches="tight", pad_inches=0.1,
                        metadata={"Date": None})
    draws, original = [], Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(1) or original(
        self, renderer))
    monkeypatch.setattr("IPython.display.display", lambda image: None)
    figures.for_screen(True)
    try:
        [path] = save_figure(chart(), tmp_path, "bars")
    finally:
        figures.for_screen(False)
    assert draws == [1]

    def size(svg):
        return re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()

    assert size(path.read_bytes()) == size(reference.getvalue())


def _pixels(data):
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def test_a_chart_drawn_once_is_the_picture_a_tight_save_makes(tmp_path):
    """A PNG-only chart is drawn once and cropped to its content: the same size and picture
    as matplotlib's `bbox_inches="tight"` (three passes), up to anti-aliasing."""
    import io

    from cjm.render import figures

    def chart():
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.bar(["Discover", "Buy", "Return"], [3, 5, 2], color="#4C72B0")
        ax.set_title("Touchpoints by stage")
        ax.set_ylabel("Touchpoints")
        return fig

    tight = io.BytesIO()
    reference = chart()
    reference.savefig(tight, format="png", dpi=150, bbox_inches="tight", pad_inches=0.1)
    plt.close(reference)
    drawn = []
    original = figures._tight_png
    figures._tight_png = lambda *args: drawn.append(1) or original(*args)
    try:
        [path] = save_figure(chart(), tmp_path, "bars", show=False)
    finally:
        figures._tight_png = original
    ours, theirs = _pixels(path.read_bytes()), _pixels(tight.getvalue())
    assert drawn == [1] and ours.shape == theirs.shape
    assert (abs(ours - theirs).max(axis=2) > 60).mean() < 0.03  # text edges, a pixel apart
    assert abs(ours.mean() - theirs.mean()) < 1


def test_a_chart_with_text_outside_the_figure_is_widened_to_show_it(tmp_path):
    """Content outside the figure (a legend pushed off the side) cannot be cropped from the
    drawing: the chart is saved as a tight save makes it, wider than the figure."""
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2], [3, 4], label="a long label for the legend")
    ax.legend(loc="center left", bbox_to_anchor=(1.05, 0.5))
    [path] = save_figure(fig, tmp_path, "legend", show=False)
    assert _pixels(path.read_bytes()).shape[1] > 3 * 150 + 100


def test_an_interactive_canvas_is_not_drawn_on_when_a_figure_is_saved(tmp_path):
    """A figure on an interactive canvas (a subclass of Agg's, as widget backends have) is
    saved from a canvas of its own: the one on screen is not redrawn or resized."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class OnScreen(FigureCanvasAgg):
        draws = 0

        def draw(self):
            OnScreen.draws += 1
            super().draw()

    fig = figure()
    canvas = OnScreen(fig)
    [path] = save_figure(fig, tmp_path, "curve", show=False)
    assert path.read_bytes().startswith(b"\x89PNG") and OnScreen.draws == 0
    assert fig.canvas is canvas

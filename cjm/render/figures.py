"""Saving what a notebook produces: figures (PNG, SVG, PDF) and tables, atomically.

Notebooks call these with their `output_dir` parameter; an empty `output_dir` saves nothing,
so a notebook can always make the call. In a notebook a person runs (`for_screen(True)`, which
`cjm.notebook.open_step` sets from the notebook's `interactive`), a figure is drawn once as SVG,
shown and saved as such, in about a third of a PNG's time; the PNG, SVG and PDF files a review
hands over are written by the scheduled runs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..project.writers import file_in, safe_name, write_bytes, write_csv, write_json
from .palette import png_bytes
from .pdf_fonts import lean_font_subsets
from .theme import current_language

CHART_FORMATS = ("png",)
MAP_FORMATS = ("png", "svg", "pdf")  # journey maps: screen, slides and print
DPI, WIDE_DPI, WIDE = 150, 120, 12  # PNG resolution; a figure wider than WIDE inches: WIDE_DPI


_SCREEN = {"on": False}


def for_screen(on: bool) -> None:
    """Show and save figures as SVG only (`on`, a person at the notebook), or in the formats
    each call asks for (a scheduled run, the default)."""
    _SCREEN["on"] = bool(on)


def on_screen() -> bool:
    """True while figures are drawn for a person at the notebook (`for_screen`)."""
    return _SCREEN["on"]


def map_name(persona_id: str, kind: str, project) -> str:
    """The figure name of a persona's journey map of `kind`: `journey_map_<persona>` for the
    project's `map_type`, `journey_map_<persona>_<kind>` for the other kinds it draws."""
    return f"journey_map_{persona_id}" + (
        "" if kind == project.config.map_type else f"_{kind.replace('-', '_')}")


def figures_dir(output_dir: str | Path) -> Path | None:
    """`<output_dir>/figures`, or None when nothing is to be saved."""
    return Path(output_dir) / "figures" if str(output_dir) else None


def save_figure(fig, output_dir: str | Path, name: str, formats=CHART_FORMATS,
                dpi: int | None = None, show: bool = True) -> list[Path]:
    """Save `fig` as `<output_dir>/figures/<name>.<format>` for each format; return the paths.

    PNG at `dpi`; by default 150, or 120 for a figure wider than WIDE inches (a journey map:
    about 2,000 pixels wide, sharp on a screen and on an A4 page, in two thirds of the time).
    A chart's PNG is a palette PNG, its colours kept (`cjm.render.palette`).

    `name` may come from data (a persona id): it is made safe first
    (`cjm.project.writers.safe_name`) and the files are always written inside the figures
    folder.

    The PNG is rendered once: the same image is saved and, with `show`, displayed in the
    notebook; the figure is then closed, so Jupyter does not render it a second time. On
    screen (`for_screen`), the figure is shown and saved as SVG only.
    """
    import matplotlib.pyplot as plt

    folder = figures_dir(output_dir)
    dpi = dpi or (WIDE_DPI if fig.get_figwidth() > WIDE else DPI)
    shown = "svg" if on_screen() else "png"
    formats = (shown,) if on_screen() else tuple(formats)
    wanted = tuple(dict.fromkeys([*formats, *([shown] if show else [])]))
    png = _tight_png(fig, dpi) if wanted == ("png",) else None
    if png is not None:
        rendered = {"png": png}
    else:
        box = _tight_box(fig)
        rendered = {fmt: _render(fig, fmt, dpi, box) for fmt in wanted}
    paths = [write_bytes(file_in(folder, f"{safe_name(name)}.{fmt}"), rendered[fmt])
             for fmt in formats] if folder is not None else []
    if show:
        from IPython.display import SVG, Image, display

        display(SVG(data=rendered["svg"]) if shown == "svg" else Image(
            data=rendered["png"], format="png", width=round(fig.get_figwidth() * 96)))
    plt.close(fig)
    return paths


def inline_svg(data: bytes) -> str:
    """SVG bytes as markup for a page: without the XML prologue, as wide as its container at
    most (the SVG keeps its viewBox, so its proportions), as JupyterLab shows a picture."""
    text = data.decode("utf-8")
    text = text[text.index("<svg"):]
    return text.replace("<svg ", "<svg style='max-width:100%;height:auto' ", 1)


def figure_bytes(fig, formats, dpi: int | None = None, fitted: bool = False
                 ) -> dict[str, bytes]:
    """`fig` rendered in each of `formats` (laid out once), as `save_figure` writes them; the
    figure is left open. `fitted`: the figure is laid out to hold its content exactly (a
    journey map), so its own extent is used instead of measuring every artist first."""
    dpi = dpi or (WIDE_DPI if fig.get_figwidth() > WIDE else DPI)
    box = fig.bbox_inches.padded(0.1) if fitted else _tight_box(fig)
    return {fmt: _render(fig, fmt, dpi, box) for fmt in formats}


def _tight_box(fig, pad: float = 0.1):
    """The figure's tight bounding box in inches, measured once for every format, and its
    layout frozen (`bbox_inches="tight"` would lay out and draw twice per format). A chart
    laid out by constrained layout is measured right after its layout, without a draw (the
    same box, a tenth quicker)."""
    import matplotlib
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.execute(fig)
    else:
        fig.draw_without_rendering()  # runs the layout engine, as savefig would
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    # The layout is settled: keep it rather than redo it for every format. No engine at all
    # (not "none", a placeholder: `savefig` draws a figure with any engine once more,
    # unseen, before drawing it for the file).
    with matplotlib.rc_context({"figure.autolayout": False,
                                "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    return box.padded(pad)


def _tight_png(fig, dpi: int, pad: float = 0.1) -> bytes | None:
    """`fig` as PNG cut to its content and `pad` inches around it, as `bbox_inches="tight"`
    saves it, from one drawing instead of three (lay out, measure, draw again); None when some
    content lies outside the figure (tight saving widens the picture to show it)."""
    return _drawn_png(fig, dpi, None, pad)


def _drawn_png(fig, dpi: int, box=None, pad: float = 0.1) -> bytes | None:
    """`fig` drawn once on Agg and cut to `box` (inches, as `bbox_inches` takes it; by default
    its content and `pad` inches around it), as a palette PNG (`cjm.render.palette`). None
    when content lies outside the figure: only `savefig` draws it there."""
    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import PngImagePlugin

    original, shown_on = fig.dpi, fig.canvas
    # the figure's own Agg canvas (a script's, the inline backend's) keeps the text it
    # measured while laid out; an interactive canvas (a subclass) is left alone
    canvas = shown_on if type(shown_on) is FigureCanvasAgg else FigureCanvasAgg(fig)
    try:
        fig.set_dpi(dpi)
        canvas.draw()
        if box is None:
            content = fig.get_tightbbox(canvas.get_renderer())  # inches
            box = content.padded(pad)
        else:
            content = box.padded(-pad)
        pixels = np.asarray(canvas.buffer_rgba())
    finally:
        fig.set_dpi(original)
        fig.set_canvas(shown_on)
    height, width = pixels.shape[:2]
    inside = (content.x0 * dpi > -1 and content.y0 * dpi > -1
              and content.x1 * dpi < width + 1 and content.y1 * dpi < height + 1)
    if not inside:
        return None
    left, top = round(box.x0 * dpi), round(height - box.y1 * dpi)
    size = (int(box.width * dpi), int(box.height * dpi))
    crop = (max(left, 0), max(top, 0), min(left + size[0], width), min(top + size[1], height))
    frame = None
    if crop != (left, top, left + size[0], top + size[1]):  # past the figure: its background
        frame = (*size, crop[0] - left, crop[1] - top,
                 tuple(round(255 * v) for v in fig.get_facecolor()))
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, "
                  "https://matplotlib.org/")
    return png_bytes(pixels[crop[1]:crop[3], crop[0]:crop[2]], frame, pnginfo=info,
                     dpi=(dpi, dpi))


def _render(fig, fmt: str, dpi: int, box) -> bytes:
    """`fig` as PNG, SVG or PDF bytes, without timestamps (the same figure gives the same file)."""
    import matplotlib

    if fmt == "png":
        drawn = _drawn_png(fig, dpi, box)
        if drawn is not None:
            return drawn
    metadata = {"pdf": {"CreationDate": None}, "svg": {"Date": None}}.get(fmt)
    buffer = io.BytesIO()
    with matplotlib.rc_context(EDITABLE), lean_font_subsets(fmt == "pdf"):
        fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches=box, metadata=metadata)
    if fmt == "png":  # content outside the figure, drawn by savefig: as a palette PNG too
        return _as_palette(buffer.getvalue())
    return buffer.getvalue()


def _as_palette(data: bytes) -> bytes:
    """PNG bytes made again as `png_bytes` makes them, their text and resolution kept."""
    import numpy as np
    from PIL import Image, PngImagePlugin

    with Image.open(io.BytesIO(data)) as image:
        info = PngImagePlugin.PngInfo()
        for key, value in image.text.items():
            info.add_text(key, value)
        options = {"pnginfo": info}
        if "dpi" in image.info:
            options["dpi"] = tuple(round(v) for v in image.info["dpi"])
        return png_bytes(np.asarray(image.convert("RGBA")), **options)


# SVG and PDF that a designer can edit: SVG text stays text (the font named, not drawn as
# paths), PDF fonts are embedded TrueType (not Type 3); stable ids make the same figure the
# same file.
EDITABLE = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "cjm"}


def save_table(frame: pd.DataFrame, output_dir: str | Path, file_name: str,
               language: str | None = None) -> Path | None:
    """Save `frame` as CSV for Excel (`<output_dir>/<file_name>`), formula-safe, as Excel in
    the project's language reads it (`;` and decimal commas in French; `language` defaults to
    the theme's, which a step sets from the project)."""
    if not str(output_dir):
        return None
    return write_csv(frame, file_in(Path(output_dir), file_name), for_excel=True,
                     language=current_language(language))


def save_json(data, output_dir: str | Path, file_name: str) -> Path | None:
    """Save `data` as indented UTF-8 JSON (`<output_dir>/<file_name>`): numpy and pandas values
    as plain numbers, missing values (nan, NA) as null, dates as ISO strings."""
    if not str(output_dir):
        return None
    return write_json(file_in(Path(output_dir), file_name), data)

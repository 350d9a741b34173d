"""cjm.render.pdf_fonts: a PDF's fonts subset from a base read once per process, giving the
same file as subsetting each font file whole."""

import io

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from fontTools import subset  # noqa: E402

from cjm.render import pdf_fonts  # noqa: E402
from cjm.render.figures import EDITABLE  # noqa: E402

WORDS = ["Délai « réponse » — 3,5 €", "Ωmega → Ж ★ ½", "**Bold** Ærø"]


def pdf(words: list[str]) -> bytes:
    fig, ax = plt.subplots(figsize=(4, 2))
    for i, text in enumerate(words):
        ax.text(0.05, 0.2 + 0.3 * i, text, fontweight="bold" if i == 2 else "normal")
    buffer = io.BytesIO()
    with matplotlib.rc_context(EDITABLE), pdf_fonts.lean_font_subsets(True):
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None})
    plt.close(fig)
    return buffer.getvalue()


@pytest.fixture
def fresh(monkeypatch):
    """No base made yet in this process; each full read of a font file counted."""
    monkeypatch.setattr(pdf_fonts, "_bases", {})
    reads = []
    load = subset.load_font

    def counted(fontfile, *args, **kwargs):
        if isinstance(fontfile, str):
            reads.append(fontfile)
        return load(fontfile, *args, **kwargs)

    monkeypatch.setattr(subset, "load_font", counted)
    return reads


def test_a_pdf_from_the_base_is_the_pdf_from_the_whole_font(fresh, monkeypatch):
    from_base = [pdf(WORDS[:1]), pdf(WORDS)]  # the second asks for more than the base holds
    monkeypatch.setattr(pdf_fonts, "_base", lambda *args: None)
    assert from_base == [pdf(WORDS[:1]), pdf(WORDS)]


def test_each_font_file_is_read_whole_once_while_its_base_holds_the_characters(fresh):
    pdf(WORDS[:1])
    first = list(fresh)
    assert first and len(first) == len(set(first))  # each font used, read once
    pdf(["Autre délai, même police"])  # Latin-1: inside the base
    assert fresh == first
    pdf(["Ж"])  # Cyrillic: the base is made again, larger, from the file
    assert len(fresh) == len(first) + 1
    pdf(["Ж Ж"])
    assert len(fresh) == len(first) + 1


def test_the_embedded_fonts_hold_the_characters_drawn_and_no_layout_tables(fresh):
    import re
    import zlib

    from fontTools.ttLib import TTFont

    data = pdf(WORDS)
    fonts = []
    for match in re.finditer(rb"<<[^>]*?/Length1 \d+[^>]*?>>\s*stream\r?\n", data):
        stream = data[match.end():data.index(b"endstream", match.end())]
        fonts.append(TTFont(io.BytesIO(zlib.decompressobj().decompress(stream))))
    covered = set().union(*(font.getBestCmap() for font in fonts))
    assert {ord(c) for c in "".join(WORDS) if c != " "} <= covered
    assert not any(tag in font for font in fonts for tag in pdf_fonts.LAYOUT_TABLES)
    assert all(len(font.getGlyphOrder()) < 100 for font in fonts)  # subsets, not the base

"""Fonts embedded in PDF figures, subset quickly.

matplotlib embeds each font a PDF uses as a subset made by fontTools, which reads the whole
font file first (DejaVu Sans: 6,000 glyphs, their names, its character map and layout
tables) for every PDF, though a figure uses a few dozen characters. Here the layout tables
are left out (a PDF draws each glyph where matplotlib placed it: they are never read), and
each font is read whole once per process into a base subset that holds ASCII, Latin-1 and
Latin Extended (and every character asked for since); a PDF's subset is made from that small
base, which gives the same subset.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading

# A font's tables that a PDF never reads: it draws glyphs where matplotlib placed them
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "JSTF", "MATH")
BASE_CHARACTERS = frozenset(range(0x20, 0x250))  # ASCII, Latin-1, Latin Extended-A and -B
_bases: dict[tuple, tuple[frozenset, bytes]] = {}  # (font file, its mtime) -> (covered, font)
_asked = threading.local()  # the characters of the subset being made in this thread


@contextlib.contextmanager
def lean_font_subsets(active: bool = True):
    """While active, matplotlib's PDF backend subsets fonts as the module says."""
    from matplotlib.backends import _backend_pdf_ps as pdf_ps

    module = getattr(pdf_ps, "subset", None)
    if not active or module is None or not hasattr(module, "Options"):
        yield
        return
    made = pdf_ps.get_glyphs_subset

    def get_glyphs_subset(fontfile, characters):
        _asked.characters = characters
        try:
            return made(fontfile, characters)
        finally:
            _asked.characters = None

    class _Lean:
        def __getattr__(self, name):
            return getattr(module, name)

        @staticmethod
        def Options(*args, **kwargs):  # noqa: N802 (fontTools' name)
            options = module.Options(*args, **kwargs)
            options.drop_tables += list(LAYOUT_TABLES)
            options.layout_features = []
            return options

        @staticmethod
        def load_font(fontfile, options, *args, **kwargs):
            characters = getattr(_asked, "characters", None)
            if isinstance(fontfile, str) and characters:
                base = _base(module, fontfile, options, frozenset(map(ord, characters)))
                if base is not None:
                    fontfile = io.BytesIO(base)
            return _without_layout(module.load_font(fontfile, options, *args, **kwargs))

    pdf_ps.subset, pdf_ps.get_glyphs_subset = _Lean(), get_glyphs_subset
    try:
        yield
    finally:
        pdf_ps.subset, pdf_ps.get_glyphs_subset = module, made


def _without_layout(font):
    for tag in LAYOUT_TABLES:
        if tag in font:  # removed unread (a lazily loaded font reads a table on use)
            del font[tag]
    return font


def _base(module, path: str, options, wanted: frozenset) -> bytes | None:
    """The base subset of the font at `path` holding `wanted` (made, or made larger, when it
    does not); None when the file cannot be read (matplotlib then says why)."""
    try:
        key = (path, os.stat(path).st_mtime_ns)
    except OSError:
        return None
    covered, data = _bases.get(key, (frozenset(), b""))
    if wanted <= covered:
        return data
    covered = covered | wanted | BASE_CHARACTERS
    font = _without_layout(module.load_font(path, options))
    try:
        subsetter = module.Subsetter(options=options)
        subsetter.populate(unicodes=covered)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer, reorderTables=False)
    finally:
        font.close()
    _bases[key] = (covered, buffer.getvalue())
    return _bases[key][1]

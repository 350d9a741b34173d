"""Figures as palette PNG: the picture a chart drew, in a third of the bytes, written in less
time than full-colour PNG, and put into a report as it is.

A chart has a few colours of its own (fills, lines, text) and the blends that anti-aliasing
makes at their edges. The palette keeps the `COLOURS` most frequent colours exactly (the
largest areas first, so white never merges with a light band beside it) and gives every other
colour its nearest palette colour. A picture with transparency, or with more than `DISTINCT`
colours (a photograph, an image drawn into a chart), is left in full colour.
"""

from __future__ import annotations

import io

import numpy as np

COLOURS = 256  # a PNG palette's most
DISTINCT = 1 << 14  # more colours than this: a picture, not a chart, kept in full colour
_CHUNK = 4096  # colours matched to the palette at once (a CHUNK x COLOURS table)
_ROWS = 256  # rows of pixels looked up at once


def palette_image(rgba: np.ndarray):
    """The (height, width, 4) uint8 picture `rgba` as a palette ("P") PIL image, or None when
    it is not opaque or has more than DISTINCT colours."""
    from PIL import Image

    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.size == 0 or rgba[..., 3].min() != 255:
        return None
    found = Image.fromarray(rgba, "RGBA").getcolors(DISTINCT)
    if found is None:
        return None
    counts = np.fromiter((count for count, _ in found), dtype=np.int64, count=len(found))
    colours = np.array([colour[:3] for _, colour in found], dtype=np.int32).reshape(-1, 3)
    keys = colours[:, 0] | (colours[:, 1] << 8) | (colours[:, 2] << 16)
    order = np.lexsort((keys, -counts))  # most frequent first; ties by colour, to be stable
    colours, keys = colours[order], keys[order]
    kept = colours[:COLOURS]
    index = np.arange(len(colours), dtype=np.int64)
    # nearest kept colour: argmin |k|² - 2 o·k (|o|² is the same for every k), exact in floats
    towards = kept.astype(float).T
    norms = (towards ** 2).sum(axis=0)
    for start in range(COLOURS, len(colours), _CHUNK):
        others = colours[start:start + _CHUNK].astype(float)
        index[start:start + len(others)] = (norms - 2 * others @ towards).argmin(axis=1)
    lookup = np.zeros(1 << 24, dtype=np.uint8)  # colour (0xBBGGRR) -> palette index
    lookup[keys] = index
    # the pixels read as little-endian 0xAABBGGRR words, the alpha byte (255) masked off a
    # band of rows at a time (not a copy of the whole picture)
    pixels = rgba.view("<u4").reshape(rgba.shape[:2])
    indices = np.empty(pixels.shape, dtype=np.uint8)
    for row in range(0, len(pixels), _ROWS):
        indices[row:row + _ROWS] = lookup[pixels[row:row + _ROWS] & 0xFFFFFF]
    image = Image.fromarray(indices, "P")
    image.putpalette(kept.astype(np.uint8).tobytes())
    return image


def png_bytes(rgba: np.ndarray, frame: tuple | None = None, **options) -> bytes:
    """`rgba` as PNG bytes: palette PNG when `palette_image` can make one, else full colour.
    `frame` (width, height, left, top, background RGBA): `rgba` placed at (left, top) on a
    picture of that size filled with `background` (made in palette colours when the
    background is one of them: no full-colour copy of the picture). `options` go to PIL's PNG
    writer (`dpi`, `pnginfo`)."""
    from PIL import Image

    image = palette_image(rgba)
    if frame is not None:
        width, height, left, top, background = frame
        palette = image.getpalette() if image is not None else []
        colours = [tuple(palette[i:i + 3]) for i in range(0, len(palette), 3)]
        if tuple(background[:3]) in colours and background[3] == 255:
            framed = Image.new("P", (width, height), colours.index(tuple(background[:3])))
            framed.putpalette(palette)
            framed.paste(image, (left, top))
            image = framed
        else:
            picture = np.empty((height, width, 4), dtype=np.uint8)
            picture[...] = background
            picture[top:top + rgba.shape[0], left:left + rgba.shape[1]] = rgba
            if image is not None:  # a palette, but without the background: one with it
                return png_bytes(picture, **options)
            rgba = picture  # no palette for the picture, none for it framed: full colour
    if image is None:
        image = Image.fromarray(np.ascontiguousarray(rgba, dtype=np.uint8), "RGBA")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()

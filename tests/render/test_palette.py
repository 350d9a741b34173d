"""cjm.render.palette: a chart's picture as palette PNG, its colours kept."""

import io

import numpy as np
from PIL import Image

from cjm.render.palette import COLOURS, DISTINCT, palette_image, png_bytes

WHITE, BAND, INK = (255, 255, 255), (242, 244, 246), (55, 71, 79)


def chart_like(blends: int = 600) -> np.ndarray:
    """White page, a light band, dark ink, and `blends` anti-aliasing colours between ink and
    page, each on a few pixels."""
    picture = np.full((200, 300, 4), 255, dtype=np.uint8)
    picture[60:140, :, :3] = BAND
    picture[90:100, 20:280, :3] = INK
    rng = np.random.default_rng(1)
    for number in range(blends):
        share = rng.random()
        colour = np.round(np.array(INK) * share + np.array(WHITE) * (1 - share)).astype(int)
        colour[number % 3] = (colour[number % 3] + number) % 256  # all different
        row, column = divmod(number, 300)
        picture[row, column, :3] = colour
    return picture


def rgb(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB")).astype(int)


def test_the_largest_colours_stay_exact_and_the_rest_come_near():
    picture = chart_like()
    image = palette_image(picture)
    assert image.mode == "P" and image.size == (300, 200)
    ours = rgb(image)
    assert tuple(ours[10, 150]) == WHITE and tuple(ours[70, 150]) == BAND  # not merged
    assert tuple(ours[95, 150]) == INK
    assert (ours == picture[..., :3]).all(axis=2).mean() > 0.99
    assert np.abs(ours - picture[..., :3]).max(axis=2).mean() < 0.5


def test_a_picture_of_few_colours_is_kept_exactly():
    picture = chart_like(blends=200)
    assert (rgb(palette_image(picture)) == picture[..., :3]).all()


def test_transparency_or_a_photograph_stays_in_full_colour():
    seethrough = chart_like()
    seethrough[0, 0, 3] = 0
    assert palette_image(seethrough) is None
    rng = np.random.default_rng(2)
    photo = rng.integers(0, 256, size=(200, 200, 4), dtype=np.uint8)
    photo[..., 3] = 255
    assert len(np.unique(photo[..., :3].reshape(-1, 3), axis=0)) > DISTINCT
    assert palette_image(photo) is None
    with Image.open(io.BytesIO(png_bytes(photo))) as saved:
        assert saved.mode == "RGBA" and (np.asarray(saved) == photo).all()


def test_png_bytes_is_a_smaller_png_of_the_same_picture_each_time():
    picture = chart_like()
    data = png_bytes(picture, dpi=(150, 150))
    full = io.BytesIO()
    Image.fromarray(picture, "RGBA").save(full, "PNG")
    assert data == png_bytes(picture, dpi=(150, 150)) and len(data) < len(full.getvalue())
    with Image.open(io.BytesIO(data)) as saved:
        assert saved.mode == "P" and len(saved.getpalette()) // 3 <= COLOURS
        assert round(saved.info["dpi"][0]) == 150


def test_a_picture_framed_in_its_background_is_the_padded_picture():
    picture = chart_like()
    padded = np.full((220, 330, 4), 255, dtype=np.uint8)
    padded[12:212, 15:315] = picture
    with Image.open(io.BytesIO(png_bytes(picture, (330, 220, 15, 12, (255, 255, 255, 255))))) \
            as framed:
        assert framed.mode == "P" and (rgb(framed) == padded[..., :3]).all(axis=2).mean() > 0.99
        assert tuple(rgb(framed)[0, 0]) == WHITE and tuple(rgb(framed)[80, 100]) == BAND
    clear = (255, 255, 255, 0)  # a transparent figure: its margin stays transparent
    with Image.open(io.BytesIO(png_bytes(picture, (330, 220, 15, 12, clear)))) as framed:
        assert framed.mode == "RGBA" and framed.getpixel((0, 0)) == clear
        assert framed.getpixel((20, 20)) == (*picture[8, 5, :3], 255)

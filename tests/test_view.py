"""The view box a figure is drawn in: everything visible inside, margins, the picture's aspect."""

from __future__ import annotations

from variantgen.construction import Construction
from variantgen.render.view import CHAR_PX, view_box

SQUARE = {"commands": ["A=(0,0)", "B=(4,0)", "C=(4,4)", "D=(0,4)", "q=Polygon(A,B,C,D)"], "target": "Area(q)"}


def _inside(box: dict[str, float], x: float, y: float) -> bool:
    return box["xmin"] < x < box["xmax"] and box["ymin"] < y < box["ymax"]


def test_geometry_keeps_the_pictures_aspect_and_a_margin():
    box = view_box(Construction.from_dict(SQUARE), 600, 450)
    assert abs((box["xmax"] - box["xmin"]) / (box["ymax"] - box["ymin"]) - 600 / 450) < 1e-9
    assert box["xmin"] < 0 and box["ymin"] < 0 and box["xmax"] > 4 and box["ymax"] > 4


def test_a_ggb_window_far_larger_than_the_figure_is_tightened():
    roomy = Construction.from_dict({**SQUARE, "view": {"xmin": -40, "xmax": 40, "ymin": -30, "ymax": 30}})
    box = view_box(roomy, 600, 450)
    assert box["xmax"] - box["xmin"] < 10 and _inside(box, 0, 0) and _inside(box, 4, 4)


def test_a_ggb_window_that_crops_the_figure_is_kept():
    cropped = Construction.from_dict({**SQUARE, "view": {"xmin": 0, "xmax": 2, "ymin": 0, "ymax": 1.5}})
    box = view_box(cropped, 600, 450)
    assert (box["xmin"], box["xmax"]) == (0, 2) and not _inside(box, 4, 4)


def test_a_text_fits_by_its_right_end():
    text = "The distribution of math test scores among students in a class"
    labelled = Construction.from_dict({**SQUARE, "style": {"texts": [{"label": "t1", "text": text, "x": 0, "y": 5}]}})
    box = view_box(labelled, 600, 450)
    pixels = len(text) * CHAR_PX
    assert (box["xmax"] - 0) / (box["xmax"] - box["xmin"]) * 600 >= pixels

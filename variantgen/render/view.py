"""The view box of a figure: what to show, with margins, at the picture's aspect ratio.

Computed from the exact evaluation (every visible point, circle and polygon, or a stretch of a
function's graph), so nothing is cut off and GeoGebra draws circles round and angles true: the
box is widened along one axis until its ratio is the picture's.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.conics import Conic
from variantgen.construction.conics import extent as conic_extent
from variantgen.construction.evaluator import Arc, Circle, Function, Line, Point, Polygon, Sector, X
from variantgen.render.solid import space_picture

MARGIN = 0.12  # of the larger side, on every side
CHAR_PX = 8.0  # width of a character of a text in the picture (GeoGebra's default font), in pixels
LINE_PX = 20.0  # from one line of a text to the next, in pixels
#: The widest a text may be, as a share of the picture: a longer one (a chart's title) is wrapped.
TEXT_SHARE = 0.9


def view_box(construction: Construction, width: int, height: int) -> dict[str, float]:
    """The bounding box of what is drawn, with margins — or ``construction.view`` (a ``.ggb``
    file's window) where the figure reaches beyond it: a window that crops is the author's
    choice, the empty space around a figure drawn small in a large window is not."""
    box = _bounds(construction)
    view = construction.view
    if view and not (
        view["xmin"] <= box["xmin"]
        and box["xmax"] <= view["xmax"]
        and view["ymin"] <= box["ymin"]
        and box["ymax"] <= view["ymax"]
    ):
        return _fit(dict(view), width / height, margin=0.0)
    # A function's graph reads best with its own y scale; geometry needs equal scales so that
    # circles are round and angles true.
    graphs = any(isinstance(obj, Function) for obj in cached_evaluate(construction).objects.values())
    fitted = _pad(box) if graphs else _fit(box, width / height)
    # A text is placed by its left end and its first line: grow the box so that its right end
    # and its first line (raised by ``texts_drawn``) show too. Growing the box shrinks the
    # picture's scale, so a few rounds settle it.
    for _ in range(3):
        drawn = texts_drawn(construction, fitted, width, height)
        if not drawn:
            break
        per_pixel = (fitted["xmax"] - fitted["xmin"]) / width
        right = max(t["x"] + max(map(len, t["text"].split("\n"))) * CHAR_PX * per_pixel for t in drawn)
        top = max(t["y"] for t in drawn)
        if right <= box["xmax"] and top <= box["ymax"]:
            break
        box = {**box, "xmax": max(box["xmax"], right), "ymax": max(box["ymax"], top)}
        fitted = _pad(box) if graphs else _fit(box, width / height)
    return fitted


def texts_drawn(construction: Construction, view: dict[str, float], width: int, height: int) -> list[dict[str, Any]]:
    """The construction's texts as the picture draws them: one wider than the picture can show
    (a chart's long title) wrapped onto lines, and raised by its added lines so that its last
    line keeps the place the file gave it (GeoGebra puts a text's first line at its point, the
    rest below)."""
    limit = max(20, int(TEXT_SHARE * width / CHAR_PX))
    per_pixel = (view["ymax"] - view["ymin"]) / height
    drawn = []
    for text in _texts(construction):
        words = str(text["text"])
        lines = textwrap.wrap(words, limit) if len(words) > limit and "\n" not in words else [words]
        raised = float(text["y"]) + (len(lines) - 1) * LINE_PX * per_pixel
        drawn.append({**text, "text": "\n".join(lines), "x": float(text["x"]), "y": raised})
    return drawn


def _texts(construction: Construction) -> list[dict[str, Any]]:
    return list(construction.style.get("texts", []))


def _bounds(construction: Construction) -> dict[str, float]:
    drawing = space_picture(construction)
    if drawing is not None:
        corners = drawing.extent()
        if not corners:  # nothing in space it can draw (a surface given by a formula)
            return {"xmin": -5.0, "xmax": 5.0, "ymin": -5.0, "ymax": 5.0}
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return {"xmin": min(xs), "xmax": max(xs), "ymin": min(ys), "ymax": max(ys)}
    hidden = set(construction.style.get("hidden", []))
    xs: list[float] = []
    ys: list[float] = []
    functions: list[Any] = []
    for name, obj in cached_evaluate(construction).objects.items():
        if name in hidden:
            continue
        for x, y in _extent(obj):
            xs.append(x)
            ys.append(y)
        if isinstance(obj, Function):
            functions.append(obj.expr)
    if functions:
        # At least x ∈ [−5, 5], so a graph keeps its shape when a point is marked on it; wider
        # where the figure's points are.
        low, high = (min(xs) - 1, max(xs) + 1) if xs else (-5.0, 5.0)
        low, high = min(low, -5.0), max(high, 5.0)
        for expr in functions:
            for k in range(41):
                x = low + (high - low) * k / 40
                try:
                    y = float(expr.subs(X, x))
                except (TypeError, ValueError):
                    continue
                if abs(y) < 1e6:
                    xs.append(x)
                    ys.append(y)
        ys = sorted(ys)[len(ys) // 20 : len(ys) - len(ys) // 20 or None] + [0.0]  # drop the graph's far tails
    for text in construction.style.get("texts", []):
        xs.append(float(text["x"]))
        ys.append(float(text["y"]))
    if not xs:
        return {"xmin": -5.0, "xmax": 5.0, "ymin": -5.0, "ymax": 5.0}
    return {"xmin": min(xs), "xmax": max(xs), "ymin": min(ys), "ymax": max(ys)}


def _extent(obj: Any) -> list[tuple[float, float]]:
    """Points that bound an object as drawn (a line or ray is bounded by its defining points)."""
    try:
        if isinstance(obj, Point):
            return [(float(obj.x), float(obj.y))]
        if isinstance(obj, Polygon):
            return [(float(v.x), float(v.y)) for v in obj.vertices]
        if isinstance(obj, Circle):
            cx, cy, r = float(obj.center.x), float(obj.center.y), float(obj.radius)
            return [(cx - r, cy - r), (cx + r, cy + r)]
        if isinstance(obj, Arc):  # the arc as drawn (and a sector's centre), not its whole circle
            cx, cy, r = float(obj.circle.center.x), float(obj.circle.center.y), float(obj.circle.radius)
            start = math.atan2(float(obj.start.y) - cy, float(obj.start.x) - cx)
            sweep = (math.atan2(float(obj.end.y) - cy, float(obj.end.x) - cx) - start) % (2 * math.pi) or 2 * math.pi
            drawn = [(cx + r * math.cos(start + sweep * k / 32), cy + r * math.sin(start + sweep * k / 32)) for k in range(33)]
            return drawn + ([(cx, cy)] if isinstance(obj, Sector) else [])
        if isinstance(obj, Line):
            return [(float(obj.p.x), float(obj.p.y)), (float(obj.p.x + obj.d.x), float(obj.p.y + obj.d.y))]
        if isinstance(obj, Conic):
            return conic_extent(obj)
    except (TypeError, ValueError):
        return []
    return []


def _pad(box: dict[str, float]) -> dict[str, float]:
    dx = MARGIN * max(box["xmax"] - box["xmin"], 1e-6)
    dy = MARGIN * max(box["ymax"] - box["ymin"], 1e-6)
    return {"xmin": box["xmin"] - dx, "xmax": box["xmax"] + dx, "ymin": box["ymin"] - dy, "ymax": box["ymax"] + dy}


def _fit(box: dict[str, float], ratio: float, margin: float = MARGIN) -> dict[str, float]:
    width, height = max(box["xmax"] - box["xmin"], 1e-6), max(box["ymax"] - box["ymin"], 1e-6)
    pad = margin * max(width, height)
    width, height = width + 2 * pad, height + 2 * pad
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    cx, cy = (box["xmin"] + box["xmax"]) / 2, (box["ymin"] + box["ymax"]) / 2
    return {"xmin": cx - width / 2, "xmax": cx + width / 2, "ymin": cy - height / 2, "ymax": cy + height / 2}

"""Auxiliary objects for coordinate figures (see ``auxiliary.options``, which yields these too).

For two points whose coordinates the question states, joined by a drawn segment or line:

- the perpendicular bisector of AB, with the midpoint M and the point D where it meets the
  y-axis (the question states D is on the y-axis: ``x(D) = 0``), so that a question can ask for
  D, which needs AB's slope, the perpendicular slope, the midpoint and the line's equation;
- a point D on the circle with diameter AB with AD = 3/5·AB given (the figure's point is exact:
  the 3-4-5 right triangle on AB), so that a question can ask for BD or the area of triangle
  ABD, which need AB, the angle in a semicircle and Pythagoras.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import sympy

from variantgen.construction import Construction
from variantgen.derive.givens import read_givens
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, is_zero

if TYPE_CHECKING:
    from variantgen.derive.auxiliary import Auxiliary


def graph_options(scene: Scene, construction: Construction, text: str) -> Iterator[Auxiliary]:
    pairs = _stated_pairs(scene, text)
    if not pairs:
        return
    from variantgen.derive.auxiliary import LETTERS  # auxiliary imports this module

    used = set(construction.names()) | {ch for ch in text if ch.isupper()}
    letters = [letter for letter in LETTERS if letter not in used]
    if len(letters) < 2:
        return
    m = "M" if "M" in letters else letters[0]  # the midpoint is M where the letter is free
    d = next(letter for letter in letters if letter != m)
    for a, b in pairs:
        yield from _perpendicular_bisector(scene, construction, a, b, m, d)
        yield from _point_on_the_circle(scene, construction, a, b, m, d)


def _stated_pairs(scene: Scene, text: str) -> list[tuple[str, str]]:
    """Pairs of points the question gives the coordinates of, joined by a line the figure draws."""
    stated = {q.args[0] for q in read_givens(text, scene) if q.kind in ("x", "y")}
    return [(a, b) for a in sorted(stated) for b in sorted(stated) if a < b and scene.line_through(a, b) is not None]


def _perpendicular_bisector(scene: Scene, construction: Construction, a: str, b: str, m: str, d: str) -> Iterator[Auxiliary]:
    from variantgen.derive.auxiliary import Auxiliary, _free_segment

    pa, pb = scene.points[a], scene.points[b]
    if is_zero(pa.x - pb.x) or is_zero(pa.y - pb.y) or is_zero(pa.x + pb.x):
        return  # a vertical or horizontal AB (no perpendicular slope), or M on the y-axis
    line = _free_segment(construction)
    mx, my = (pa.x + pb.x) / 2, (pa.y + pb.y) / 2
    k = -(pb.x - pa.x) / (pb.y - pa.y)
    dy = sympy.nsimplify(my - k * mx)
    if any(is_zero(p.x) and is_zero(p.y - dy) for p in scene.points.values()):
        return  # D would be a point the figure names already
    yield Auxiliary(
        "perpendicular-bisector",
        (f"{m}=Midpoint({a},{b})", f"{line}=PerpendicularBisector({a},{b})", f"{d}=Intersect({line},yAxis)"),
        f"{m} is the midpoint of {a}{b}, and the perpendicular bisector of {a}{b} meets the y-axis at {d}.",
        (Quantity("midpoint", (m, a, b)), Quantity("foot", (d, m, a, b)), Quantity("x", (d,))),
        (m, d),
        (line,),
        (a, b),
        (("axes", True),),  # the question names the y-axis: the figure shows it
    )


def _point_on_the_circle(scene: Scene, construction: Construction, a: str, b: str, m: str, d: str) -> Iterator[Auxiliary]:
    """D on the circle with diameter AB, with AD : DB : AB = 3 : 4 : 5 (where AB is rational)."""
    from variantgen.derive.auxiliary import Auxiliary, _free_circle, _free_segment

    pa, pb = scene.points[a], scene.points[b]
    ab = sympy.sqrt((pb.x - pa.x) ** 2 + (pb.y - pa.y) ** 2)
    if not ab.is_Rational:
        return
    vx, vy = pb.x - pa.x, pb.y - pa.y
    dx, dy = pa.x + (9 * vx - 12 * vy) / 25, pa.y + (9 * vy + 12 * vx) / 25
    if any(is_zero(p.x - dx) and is_zero(p.y - dy) for p in scene.points.values()):
        return
    ad = 3 * ab / 5
    circle, first = _free_circle(construction), _free_segment(construction)
    second = _free_segment(construction.extend(f"{first}=Segment({a},{b})"))
    yield Auxiliary(
        "circle-on-diameter",
        (
            f"{m}=Midpoint({a},{b})",
            f"{circle}=Circle({m},{a})",
            f"{d}=({_text(dx)},{_text(dy)})",
            f"{first}=Segment({a},{d})",
            f"{second}=Segment({b},{d})",
        ),
        f"{m} is the midpoint of {a}{b}, and {d} is a point on the circle with diameter {a}{b} such that {a}{d} = {_text(ad)}.",
        (Quantity("midpoint", (m, a, b)), Quantity("length", tuple(sorted((a, d))))),  # type: ignore[arg-type]
        (d,),
        (circle, first, second),
        (a, b),
    )


def _text(value: sympy.Expr) -> str:
    return str(sympy.nsimplify(value))

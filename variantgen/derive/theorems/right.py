"""Theorems about right triangles: Pythagoras, the trigonometric ratios, the median to the
hypotenuse and the circumscribed circle. Each needs the right angle to be known (stated, or
derived: Thales, a tangent, a rectangle)."""

from __future__ import annotations

from collections.abc import Iterator

from sympy import cos, pi, sin, sqrt, tan

from variantgen.derive.scene import Scene
from variantgen.derive.theorem import Match, theorem
from variantgen.derive.theorems.common import corners


def _right_corners(scene: Scene) -> Iterator[tuple[tuple[str, str, str], str, str, str]]:
    """``(triangle, v, b, c)`` with the right angle at ``v``."""
    for t in scene.triangles:
        for v, b, c in corners(t):
            if scene.is_right(b, v, c):
                yield t, v, b, c


@theorem("pythagorean-theorem", "pythagorean-theorem", "the Pythagorean theorem", "a² + b² = c²")
def pythagoras(scene: Scene) -> Iterator[Match]:
    for _, v, b, c in _right_corners(scene):
        right, legs, hypotenuse = scene.angle(b, v, c), (scene.length(v, b), scene.length(v, c)), scene.length(b, c)
        yield (right, *legs), hypotenuse, lambda _, x, y: sqrt(x**2 + y**2)
        yield (right, hypotenuse, legs[0]), legs[1], lambda _, h, x: sqrt(h**2 - x**2)
        yield (right, hypotenuse, legs[1]), legs[0], lambda _, h, x: sqrt(h**2 - x**2)


#: Each trigonometric ratio of an acute angle: its function and the two legs or hypotenuse it divides.
_RATIOS = {"sin": (sin, "opposite", "hypotenuse"), "cos": (cos, "adjacent", "hypotenuse"), "tan": (tan, "opposite", "adjacent")}


def _ratio(scene: Scene, kind: str) -> Iterator[Match]:
    """The ratio from its two sides, and either side from the angle and the other side."""
    function, top, bottom = _RATIOS[kind]
    for _, v, b, c in _right_corners(scene):
        right = scene.angle(b, v, c)
        for p, q in ((b, c), (c, b)):  # the acute angle at p: its opposite leg v-q, its adjacent leg v-p
            sides = {"opposite": scene.length(v, q), "adjacent": scene.length(v, p), "hypotenuse": scene.length(b, c)}
            numerator, denominator, angle = sides[top], sides[bottom], scene.angle(v, p, q)
            yield (right, numerator, denominator), scene.angle(v, p, q, kind), lambda _, x, y: x / y
            yield (right, angle, denominator), numerator, lambda _, g, y: y * function(g)
            yield (right, angle, numerator), denominator, lambda _, g, x: x / function(g)


@theorem("sine-of-an-angle", "sine-of-an-angle", "the sine ratio", "sin B = opposite / hypotenuse")
def sine_ratio(scene: Scene) -> Iterator[Match]:
    yield from _ratio(scene, "sin")


@theorem("cosine-of-an-angle", "cosine-of-an-angle", "the cosine ratio", "cos B = adjacent / hypotenuse")
def cosine_ratio(scene: Scene) -> Iterator[Match]:
    yield from _ratio(scene, "cos")


@theorem("tangent-of-an-angle", "tangent-of-an-angle", "the tangent ratio", "tan B = opposite / adjacent")
def tangent_ratio(scene: Scene) -> Iterator[Match]:
    yield from _ratio(scene, "tan")


@theorem("right-triangle-area", "triangle-area", "the area of a right triangle", "S = ½·(leg)·(leg)")
def right_area(scene: Scene) -> Iterator[Match]:
    for t, v, b, c in _right_corners(scene):
        premises = (scene.angle(b, v, c), scene.length(v, b), scene.length(v, c))
        yield premises, scene.area(*t), lambda _, x, y: x * y / 2


@theorem(
    "right-triangle-median", "right-triangle-median", "the median to the hypotenuse", "the median to the hypotenuse is half of it"
)
def hypotenuse_median(scene: Scene) -> Iterator[Match]:
    for _, v, b, c in _right_corners(scene):
        for quantity in scene.stated("midpoint"):
            if set(quantity.args[1:]) == {b, c}:
                m = quantity.args[0]
                yield (scene.angle(b, v, c), quantity, scene.length(b, c)), scene.length(v, m), lambda _, __, h: h / 2


@theorem(
    "right-triangle-circumradius", "circumscribed-circle", "the circumscribed circle of a right triangle", "R = hypotenuse / 2"
)
def right_circumradius(scene: Scene) -> Iterator[Match]:
    for t, v, b, c in _right_corners(scene):
        yield (scene.angle(b, v, c), scene.length(b, c)), scene.triangle_quantity("circumradius", t), lambda _, h: h / 2


@theorem(
    "foot-of-perpendicular",
    "",
    "the foot of the perpendicular",
    "the distance to a line is the perpendicular segment",
    weight="rename",
)
def foot(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("foot"):
        p, h, a, b = quantity.args  # H is the foot of the perpendicular from P to AB
        yield (quantity, scene.length(p, h)), scene.distance_to_line(p, a, b), lambda _, x: x
        yield (quantity, scene.distance_to_line(p, a, b)), scene.length(p, h), lambda _, x: x
        for end in (a, b):
            if end != h and scene.is_right(p, h, end):  # no angle at a foot that is a vertex
                yield (quantity,), scene.angle(p, h, end), lambda _: pi / 2

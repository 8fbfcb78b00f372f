"""Theorems about any triangle: angle sum, laws of cosines and sines, areas, perimeter, the
circumscribed and inscribed circles, isosceles triangles, medians and angle bisectors."""

from __future__ import annotations

from collections.abc import Iterator

import sympy
from sympy import cos, pi, sin, sqrt

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene
from variantgen.derive.theorem import Match, theorem
from variantgen.derive.theorems.common import corners, relation


@theorem("triangle-angle-sum", "triangle-angle-sum", "the angle sum of a triangle", "∠A + ∠B + ∠C = 180°")
def angle_sum(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            yield (scene.angle(v, b, c), scene.angle(v, c, b)), scene.angle(b, v, c), lambda x, y: pi - x - y


@theorem("law-of-cosines", "law-of-cosines", "the law of cosines", "a² = b² + c² − 2bc·cos A", weight="formula")
def law_of_cosines(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            if not scene.is_right(b, v, c):  # a right angle is Pythagoras' case
                premises = (scene.length(v, b), scene.length(v, c), scene.angle(b, v, c))
                yield premises, scene.length(b, c), lambda x, y, g: sqrt(x**2 + y**2 - 2 * x * y * cos(g))


@theorem("law-of-cosines-angle", "law-of-cosines", "the law of cosines", "cos A = (b² + c² − a²) / (2bc)", weight="formula")
def law_of_cosines_angle(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            premises = (scene.length(v, b), scene.length(v, c), scene.length(b, c))
            yield premises, scene.angle(b, v, c, "cos"), lambda x, y, z: (x**2 + y**2 - z**2) / (2 * x * y)


@theorem("angle-from-cosine", "special-angles", "the special angles", "cos 60° = 1/2, cos 45° = √2/2, ...")
def angle_from_cosine(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            yield (scene.angle(b, v, c, "cos"),), scene.angle(b, v, c), sympy.acos


@theorem("trig-of-special-angle", "special-angles", "the special angles", "sin 30° = 1/2, cos 30° = √3/2, tan 60° = √3, ...")
def trig_of_special_angle(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            angle = scene.angle(b, v, c)
            for kind, function in (("sin", sin), ("cos", cos)):
                yield (angle,), scene.angle(b, v, c, kind), function


@theorem(
    "pythagorean-identity",
    "pythagorean-identity",
    "sin²A + cos²A = 1",
    "sin A = √(1 − cos²A) for 0° < A < 180°",
    weight="formula",
)
def pythagorean_identity(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            yield (scene.angle(b, v, c, "cos"),), scene.angle(b, v, c, "sin"), lambda x: sqrt(1 - x**2)


@theorem("law-of-sines", "law-of-sines", "the law of sines", "a / sin A = b / sin B", weight="formula")
def law_of_sines(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            for u, w in ((b, c), (c, b)):
                premises = (scene.length(b, c), scene.angle(b, v, c), scene.angle(v, u, w))
                yield premises, scene.length(v, w), lambda a, x, y: a * sin(y) / sin(x)


@theorem("triangle-area-sine", "triangle-area-sine", "the sine area formula", "S = ½·ab·sin C", weight="formula")
def area_sine(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            sides = (scene.length(v, b), scene.length(v, c))
            if not scene.is_right(b, v, c):
                yield (*sides, scene.angle(b, v, c)), scene.area(*t), lambda x, y, g: x * y * sin(g) / 2
            yield (*sides, scene.angle(b, v, c, "sin")), scene.area(*t), lambda x, y, s: x * y * s / 2


@theorem(
    "herons-formula", "herons-formula", "Heron's formula", "S = √(s(s − a)(s − b)(s − c)), s = (a + b + c)/2", weight="formula"
)
def heron(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        a, b, c = t
        sides = (scene.length(b, c), scene.length(a, c), scene.length(a, b))

        def area(x: sympy.Expr, y: sympy.Expr, z: sympy.Expr) -> sympy.Expr:
            s = (x + y + z) / 2
            return sqrt(s * (s - x) * (s - y) * (s - z))

        yield sides, scene.area(*t), area


@theorem("triangle-area", "triangle-area", "the area of a triangle", "S = ½·base·height")
def area_base_height(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            height = scene.distance_to_line(v, b, c)
            yield (scene.length(b, c), height), scene.area(*t), lambda base, h: base * h / 2


@theorem("triangle-height-from-area", "triangle-area-and-altitude", "the area of a triangle", "h = 2S / base")
def height_from_area(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            premises = (scene.area(*t), scene.length(b, c))
            yield premises, scene.distance_to_line(v, b, c), lambda s, base: 2 * s / base
            yield (scene.area(*t), scene.distance_to_line(v, b, c)), scene.length(b, c), lambda s, h: 2 * s / h


@theorem("triangle-perimeter", "polygon-perimeter", "the perimeter of a polygon", "P = a + b + c")
def perimeter(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        a, b, c = t
        sides = (scene.length(a, b), scene.length(b, c), scene.length(a, c))
        yield sides, scene.perimeter(*t), lambda x, y, z: x + y + z
        for i in range(3):
            others = tuple(s for j, s in enumerate(sides) if j != i)
            yield (scene.perimeter(*t), *others), sides[i], lambda p, x, y: p - x - y


@theorem("circumradius-law-of-sines", "circumscribed-circle", "the extended law of sines", "a / sin A = 2R", weight="formula")
def circumradius_sines(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        radius = scene.triangle_quantity("circumradius", t)
        for v, b, c in corners(t):
            if not scene.is_right(b, v, c):  # the hypotenuse is the diameter: its own theorem
                yield (scene.length(b, c), scene.angle(b, v, c)), radius, lambda a, g: a / (2 * sin(g))
                yield (scene.length(b, c), scene.angle(b, v, c, "sin")), radius, lambda a, s: a / (2 * s)


@theorem("inradius", "incircle-radius", "the inradius formula", "r = 2S / (a + b + c)")
def inradius(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        premises = (scene.area(*t), scene.perimeter(*t))
        yield premises, scene.triangle_quantity("inradius", t), lambda s, p: 2 * s / p


def _isosceles(scene: Scene) -> list[tuple[Quantity, str, str, str]]:
    """``(fact, V, B, C)`` for each triangle with VB = VC in the figure: the fact is "VB = VC"."""
    return scene.memo(
        "isosceles",
        lambda: [
            (relation("isosceles", v, *sorted((b, c))), v, b, c)
            for t in scene.triangles
            for v, b, c in corners(t)
            if scene.equal_lengths((v, b), (v, c))
        ],
    )


@theorem("isosceles-base-angles", "isosceles-triangle", "the base angles of an isosceles triangle", "AB = AC ⇒ ∠B = ∠C")
def isosceles_angles(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        yield (equal, scene.angle(v, b, c)), scene.angle(v, c, b), lambda _, x: x
        yield (equal, scene.angle(b, v, c)), scene.angle(v, b, c), lambda _, x: (pi - x) / 2


@theorem("isosceles-equal-sides", "isosceles-triangle", "the legs of an isosceles triangle", "AB = AC")
def isosceles_sides(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        yield (equal, scene.length(v, b)), scene.length(v, c), lambda _, x: x
        yield (equal, scene.length(v, c)), scene.length(v, b), lambda _, x: x


@theorem("isosceles-altitude", "isosceles-triangle-altitude", "the altitude of an isosceles triangle", "h = √(AB² − (BC/2)²)")
def isosceles_altitude(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        premises = (equal, scene.length(v, b), scene.length(b, c))
        yield premises, scene.distance_to_line(v, b, c), lambda _, leg, base: sqrt(leg**2 - base**2 / 4)


@theorem(
    "isosceles-from-sides",
    "isosceles-triangle",
    "the definition of an isosceles triangle",
    "AB = AC ⇒ ABC is isosceles",
    weight="rename",
)
def isosceles_from_sides(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        yield (scene.length(v, b), scene.length(v, c)), equal, None


@theorem("isosceles-from-angles", "isosceles-triangle", "equal base angles make an isosceles triangle", "∠B = ∠C ⇒ AB = AC")
def isosceles_from_angles(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        yield (scene.angle(v, b, c), scene.angle(v, c, b)), equal, None


@theorem(
    "isosceles-three-in-one",
    "isosceles-triangle-altitude",
    "the median to the base of an isosceles triangle",
    "the median, the altitude and the bisector from the apex coincide",
)
def isosceles_three_in_one(scene: Scene) -> Iterator[Match]:
    for equal, v, b, c in _isosceles(scene):
        for m, p, q in _midpoints(scene):
            if {p, q} == {b, c}:
                fact = relation("midpoint", m, p, q)
                yield (equal, fact), scene.angle(v, m, b), lambda _, __: pi / 2
                yield (equal, fact, scene.angle(b, v, c)), scene.angle(b, v, m), lambda _, __, x: x / 2
        for foot in scene.stated("foot"):
            if foot.args[0] == v and set(foot.args[2:]) == {b, c}:
                h = foot.args[1]
                yield (equal, foot, scene.length(b, c)), scene.length(b, h), lambda _, __, x: x / 2


@theorem("median-halves-area", "triangle-median", "a median halves the area", "S(ABM) = S(ACM) = ½·S(ABC)")
def median_halves_area(scene: Scene) -> Iterator[Match]:
    for m, b, c in _midpoints(scene):
        for t in scene.triangles:
            if {b, c} < set(t) and (scene.line_through(*(set(t) - {b, c}), m) is not None):
                (v,) = set(t) - {b, c}
                fact = relation("midpoint", m, b, c)
                for end in (b, c):
                    yield (fact, scene.area(*t)), scene.area(v, end, m), lambda _, x: x / 2
                    yield (fact, scene.area(v, end, m)), scene.area(*t), lambda _, x: 2 * x


@theorem("equilateral-triangle", "equilateral-triangle", "the equilateral triangle", "all sides equal, all angles 60°")
def equilateral(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        fact = relation("equilateral", *t)
        for v, b, c in corners(t):
            yield (fact,), scene.angle(b, v, c), lambda _: pi / 3
            for other in ((v, c), (b, c)):
                yield (fact, scene.length(v, b)), scene.length(*other), lambda _, x: x


def _midpoints(scene: Scene) -> Iterator[tuple[str, str, str]]:
    """``(M, B, C)`` for each stated midpoint M of BC."""
    for quantity in scene.stated("midpoint"):
        yield quantity.args  # type: ignore[misc]


@theorem("midpoint-halves", "", "the definition of a midpoint", "BM = MC = BC/2", weight="rename")
def midpoint_halves(scene: Scene) -> Iterator[Match]:
    for m, b, c in _midpoints(scene):
        fact = relation("midpoint", m, b, c)
        whole, halves = scene.length(b, c), (scene.length(b, m), scene.length(m, c))
        for half in halves:
            yield (fact, whole), half, lambda _, x: x / 2
            yield (fact, half), whole, lambda _, x: 2 * x


@theorem("apollonius", "triangle-median", "the median length formula", "m_a² = (2b² + 2c² − a²) / 4", weight="formula")
def median_length(scene: Scene) -> Iterator[Match]:
    for m, b, c in _midpoints(scene):
        for t in scene.triangles:
            if {b, c} < set(t):
                (v,) = set(t) - {b, c}
                premises = (relation("midpoint", m, b, c), scene.length(v, b), scene.length(v, c), scene.length(b, c))
                yield premises, scene.length(v, m), lambda _, x, y, z: sqrt(2 * x**2 + 2 * y**2 - z**2) / 2


@theorem("midline", "midline-theorem", "the midline theorem", "the segment joining two midpoints is half the third side")
def midline(scene: Scene) -> Iterator[Match]:
    stated = list(_midpoints(scene))
    for (m, a1, b1), (n, a2, b2) in ((x, y) for x in stated for y in stated if x < y):
        shared = {a1, b1} & {a2, b2}
        if len(shared) == 1 and {a1, b1} != {a2, b2}:
            (apex,) = shared
            p, q = ({a1, b1} - shared).pop(), ({a2, b2} - shared).pop()
            facts = (relation("midpoint", m, a1, b1), relation("midpoint", n, a2, b2))
            yield (*facts, scene.length(p, q)), scene.length(m, n), lambda _, __, x: x / 2
            yield (*facts, scene.length(m, n)), scene.length(p, q), lambda _, __, x: 2 * x
            small, large = scene.area(apex, m, n), scene.area(apex, p, q)
            yield (*facts, large), small, lambda _, __, x: x / 4


@theorem("angle-bisector", "angle-bisector", "the angle bisector", "AD bisects ∠BAC ⇒ ∠BAD = ∠DAC = ½∠BAC", weight="rename")
def bisector_halves(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("bisector"):
        v, d, b, c = quantity.args
        whole, halves = scene.angle(b, v, c), (scene.angle(b, v, d), scene.angle(d, v, c))
        for half in halves:
            yield (quantity, whole), half, lambda _, g: g / 2
            yield (quantity, half), whole, lambda _, g: 2 * g


@theorem("angle-bisector-theorem", "angle-bisector-theorem", "the angle bisector theorem", "BD / DC = AB / AC")
def bisector(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("bisector"):
        v, d, b, c = quantity.args
        if not scene.collinear(b, d, c):
            continue  # the bisector meets no side BC at D: the ratio is about another triangle
        premises = (quantity, scene.length(v, b), scene.length(v, c), scene.length(b, c))
        yield premises, scene.length(b, d), lambda _, x, y, a: a * x / (x + y)
        yield premises, scene.length(c, d), lambda _, x, y, a: a * y / (x + y)
        vb, vc, bd, cd = scene.length(v, b), scene.length(v, c), scene.length(b, d), scene.length(c, d)
        yield (quantity, vb, vc, bd), cd, lambda _, x, y, p: p * y / x  # one part gives the other
        yield (quantity, vb, vc, cd), bd, lambda _, x, y, q: q * x / y
        yield (quantity, bd, cd, vb), vc, lambda _, p, q, x: x * q / p
        yield (quantity, bd, cd, vc), vb, lambda _, p, q, y: y * p / q


@theorem("parallel-proportion", "parallel-line-proportion", "a line parallel to a side", "DE ∥ BC ⇒ AD/AB = DE/BC")
def parallel_proportion(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("parallel"):
        p, q, r, s = quantity.args
        for d, e, b, c in ((p, q, r, s), (p, q, s, r), (r, s, p, q), (r, s, q, p)):
            for apex in scene.points:
                if apex in (d, e, b, c) or scene.collinear(apex, b, c):
                    continue
                if not (scene.collinear(apex, d, b) and scene.collinear(apex, e, c)):
                    continue
                ad, ab, de, bc = scene.length(apex, d), scene.length(apex, b), scene.length(d, e), scene.length(b, c)
                yield (quantity, ad, ab, bc), de, lambda _, x, y, z: z * x / y
                yield (quantity, ad, ab, de), bc, lambda _, x, y, z: z * y / x
                yield (quantity, de, bc, ab), ad, lambda _, x, y, z: z * x / y
                yield (quantity, de, bc, ad), ab, lambda _, x, y, z: z * y / x
                small, large = scene.area(apex, d, e), scene.area(apex, b, c)
                yield (quantity, ad, ab, large), small, lambda _, x, y, a: a * (x / y) ** 2


@theorem("area-difference", "polygon-area", "areas add up", "S(DBCE) = S(ABC) − S(ADE) when D, E lie on AB, AC")
def area_difference(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for apex, b, c in corners(t):
            for d in scene.points:
                for e in scene.points:
                    if d in t or e in t or d == e or scene.line_through(d, e) is None:
                        continue
                    if scene.between(apex, d, b) and scene.between(apex, e, c):
                        whole, cut, rest = scene.area(*t), scene.area(apex, d, e), Quantity("area", (d, b, c, e))
                        yield (whole, cut), rest, lambda x, y: x - y

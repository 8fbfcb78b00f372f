"""Theorems about the special quadrilaterals a question names: rectangle, square, rhombus,
parallelogram and trapezoid (``Quantity("rectangle", (A, B, C, D))``, read from "ABCD is a
rectangle"), and the perimeter and area of any stated quadrilateral.

A stated shape is a premise of each theorem here, so a solution cites it; the figure must agree
with the statement (a "rectangle" whose figure is not one matches nothing), since the engine
checks every conclusion against the exact evaluator. Vertices are taken in the order the
statement names them, which is the order around the quadrilateral.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import sympy
from sympy import pi, sin, sqrt

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, cross3, cross_size, dot, is_zero, minus
from variantgen.derive.theorem import Match, theorem

Quad = tuple[str, str, str, str]


# Where a stated shape fits the figure ----------------------------------------------------------


def _simple(scene: Scene, q: Quad) -> bool:
    """ABCD is a convex quadrilateral in this order (so its sides, diagonals and area are the usual
    ones): each corner turns the same way, in the plane or (a solid's face) in space."""
    p = [scene.approx[n] for n in q]
    turns = []
    for i in range(4):
        a, b, c = p[i], p[(i + 1) % 4], p[(i + 2) % 4]
        turn = cross3(minus(b, a), minus(c, b))
        if all(is_zero(t) for t in turn):
            return False
        turns.append(turn)
    return all(dot(turns[0], t) > 0 and is_zero(cross_size(turns[0], t)) for t in turns[1:])


def _parallelogram(scene: Scene, q: Quad) -> bool:
    a, b, c, d = (scene.approx[n] for n in q)
    return all(is_zero(x) for x in minus(minus(a, b), minus(d, c))) and _simple(scene, q)


def _rectangle(scene: Scene, q: Quad) -> bool:
    return _parallelogram(scene, q) and scene.is_right(q[0], q[1], q[2])


def _rhombus(scene: Scene, q: Quad) -> bool:
    return _parallelogram(scene, q) and scene.equal_lengths((q[0], q[1]), (q[1], q[2]))


def _trapezoid(scene: Scene, q: Quad) -> bool:
    return _simple(scene, q) and bool(_parallel_pairs(scene, q))


_FITS = {
    "parallelogram": _parallelogram,
    "rectangle": _rectangle,
    "rhombus": _rhombus,
    "square": lambda scene, q: _rectangle(scene, q) and _rhombus(scene, q),
    "trapezoid": _trapezoid,
}


def _stated(scene: Scene, *kinds: str) -> Iterator[tuple[Quantity, Quad]]:
    """Each stated shape of these kinds whose figure is that shape, with its vertices in order."""
    for relation in scene.relations:
        if relation.kind in kinds and len(relation.args) == 4 and set(relation.args) <= set(scene.points):
            q: Quad = relation.args  # type: ignore[assignment]
            if _FITS[relation.kind](scene, q):
                yield relation, q


def _corners(q: Quad) -> Iterator[tuple[str, str, str]]:
    """``(previous, vertex, next)`` around the quadrilateral."""
    for i in range(4):
        yield q[i - 1], q[i], q[(i + 1) % 4]


def _sides(q: Quad) -> list[tuple[str, str]]:
    return [(q[i], q[(i + 1) % 4]) for i in range(4)]


def _side_lengths(scene: Scene, q: Quad) -> list[Quantity]:
    """AB, BC, CD and DA."""
    return [scene.length(s, t) for s, t in _sides(q)]


def _diagonal_lengths(scene: Scene, q: Quad) -> tuple[Quantity, Quantity]:
    """AC and BD."""
    a, b, c, d = q
    return scene.length(a, c), scene.length(b, d)


def _parallel_pairs(scene: Scene, q: Quad) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The pairs of opposite sides that are parallel: ``((A, B), (D, C))`` for AB ∥ DC."""
    a, b, c, d = q
    return [(s, t) for s, t in (((a, b), (d, c)), ((b, c), (a, d))) if scene.parallel(*s, *t)]


def _centre(scene: Scene, q: Quad) -> str | None:
    """A named point where the diagonals cross, if the figure has one."""
    a, b, c, d = q
    return next((o for o in scene.points if o not in q and scene.between(a, o, c) and scene.between(b, o, d)), None)


# Rectangles ---------------------------------------------------------------------------------------


@theorem("rectangle-right-angles", "rectangle-properties", "the angles of a rectangle", "each angle of a rectangle is 90°")
def rectangle_angles(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        yield from _right_angles(scene, relation, q)


@theorem(
    "rectangle-opposite-sides", "rectangle-properties", "the sides of a rectangle", "opposite sides of a rectangle are equal"
)
def rectangle_sides(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        yield from _opposite_sides(scene, relation, q)


@theorem("rectangle-diagonal", "rectangle-diagonal", "the diagonal of a rectangle", "d = √(a² + b²)")
def rectangle_diagonal(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        diagonals = _diagonal_lengths(scene, q)
        for first, second in _adjacent_sides(scene, q):
            for diagonal in diagonals:
                yield (relation, first, second), diagonal, lambda _, x, y: sqrt(x**2 + y**2)
                yield (relation, diagonal, first), second, lambda _, e, x: sqrt(e**2 - x**2)
                yield (relation, diagonal, second), first, lambda _, e, x: sqrt(e**2 - x**2)


@theorem(
    "rectangle-diagonals", "rectangle-properties", "the diagonals of a rectangle", "the diagonals are equal and bisect each other"
)
def rectangle_diagonals(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        yield from _diagonals(scene, relation, q, equal=True)


@theorem("rectangle-area", "rectangle-area", "the area of a rectangle", "S = length × width")
def rectangle_area(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        area = scene.area(*q)
        for first, second in _adjacent_sides(scene, q):
            yield (relation, first, second), area, lambda _, x, y: x * y
            yield (relation, area, first), second, lambda _, s, x: s / x


@theorem("rectangle-perimeter", "rectangle-perimeter", "the perimeter of a rectangle", "P = 2(a + b)")
def rectangle_perimeter(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rectangle"):
        perimeter = scene.perimeter(*q)
        for first, second in _adjacent_sides(scene, q):
            yield (relation, first, second), perimeter, lambda _, x, y: 2 * (x + y)
            yield (relation, perimeter, first), second, lambda _, p, x: p / 2 - x


# Squares ------------------------------------------------------------------------------------------


@theorem("square-right-angles", "square-properties", "the angles of a square", "each angle of a square is 90°")
def square_angles(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        yield from _right_angles(scene, relation, q)


@theorem("square-sides", "square-properties", "the sides of a square", "the four sides of a square are equal")
def square_sides(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        yield from _equal_sides(scene, relation, q)


@theorem(
    "square-diagonals",
    "square-properties",
    "the diagonals of a square",
    "the diagonals are equal and bisect each other at right angles",
)
def square_diagonals(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        yield from _diagonals(scene, relation, q, equal=True, perpendicular=True)


@theorem("square-diagonal-angle", "square-properties", "the diagonal of a square", "a diagonal bisects the right angles: 45°")
def square_diagonal_angle(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        for p, v, n in _corners(q):
            (opposite,) = set(q) - {p, v, n}
            for side_end in (p, n):
                yield (relation,), scene.angle(side_end, v, opposite), lambda _: pi / 4


@theorem("square-diagonal", "square-diagonal", "the diagonal of a square", "d = √2·a")
def square_diagonal(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        for side in _side_lengths(scene, q):
            for diagonal in _diagonal_lengths(scene, q):
                yield (relation, side), diagonal, lambda _, x: sqrt(2) * x
                yield (relation, diagonal), side, lambda _, e: e / sqrt(2)


@theorem("square-area", "square-area", "the area of a square", "S = a² = d²/2")
def square_area(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        area = scene.area(*q)
        for side in _side_lengths(scene, q):
            yield (relation, side), area, lambda _, x: x**2
            yield (relation, area), side, lambda _, s: sqrt(s)
        for diagonal in _diagonal_lengths(scene, q):
            yield (relation, diagonal), area, lambda _, e: e**2 / 2
            yield (relation, area), diagonal, lambda _, s: sqrt(2 * s)


@theorem("square-perimeter", "square-perimeter-and-area", "the perimeter of a square", "P = 4a")
def square_perimeter(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "square"):
        perimeter = scene.perimeter(*q)
        for side in _side_lengths(scene, q):
            yield (relation, side), perimeter, lambda _, x: 4 * x
            yield (relation, perimeter), side, lambda _, p: p / 4


# Rhombuses ----------------------------------------------------------------------------------------


@theorem("rhombus-sides", "rhombus-properties", "the sides of a rhombus", "the four sides of a rhombus are equal")
def rhombus_sides(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rhombus"):
        yield from _equal_sides(scene, relation, q)


@theorem(
    "rhombus-diagonals",
    "rhombus-diagonals",
    "the diagonals of a rhombus",
    "the diagonals bisect each other at right angles: (d₁/2)² + (d₂/2)² = a²",
)
def rhombus_diagonals(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rhombus"):
        first, second = _diagonal_lengths(scene, q)
        for side in _side_lengths(scene, q):
            yield (relation, first, second), side, lambda _, e, f: sqrt(e**2 + f**2) / 2
            yield (relation, side, first), second, lambda _, x, e: 2 * sqrt(x**2 - e**2 / 4)
            yield (relation, side, second), first, lambda _, x, f: 2 * sqrt(x**2 - f**2 / 4)
        yield from _diagonals(scene, relation, q, equal=False, perpendicular=True)


@theorem("rhombus-area", "rhombus-area", "the area of a rhombus", "S = d₁·d₂ / 2")
def rhombus_area(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "rhombus"):
        (first, second), area = _diagonal_lengths(scene, q), scene.area(*q)
        yield (relation, first, second), area, lambda _, e, f: e * f / 2
        yield (relation, area, first), second, lambda _, s, e: 2 * s / e
        yield (relation, area, second), first, lambda _, s, f: 2 * s / f


# Parallelograms (a rhombus is one too) ------------------------------------------------------------


@theorem(
    "parallelogram-opposite-sides",
    "parallelogram-properties",
    "the sides of a parallelogram",
    "opposite sides of a parallelogram are equal",
)
def parallelogram_sides(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "parallelogram"):
        yield from _opposite_sides(scene, relation, q)


@theorem(
    "parallelogram-angles",
    "parallelogram-properties",
    "the angles of a parallelogram",
    "opposite angles are equal; consecutive angles add up to 180°",
)
def parallelogram_angles(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "parallelogram", "rhombus"):
        corners = list(_corners(q))
        for i, (p, v, n) in enumerate(corners):
            angle = scene.angle(p, v, n)
            following, opposite = corners[(i + 1) % 4], corners[(i + 2) % 4]
            yield (relation, angle), scene.angle(*following), lambda _, g: pi - g
            yield (relation, angle), scene.angle(*opposite), lambda _, g: g


@theorem(
    "parallelogram-diagonals",
    "parallelogram-properties",
    "the diagonals of a parallelogram",
    "the diagonals of a parallelogram bisect each other",
)
def parallelogram_diagonals(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "parallelogram"):
        yield from _diagonals(scene, relation, q, equal=False)


@theorem("parallelogram-area-sine", "parallelogram-area", "the area of a parallelogram", "S = ab·sin θ")
def parallelogram_area_sine(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "parallelogram", "rhombus"):
        area = scene.area(*q)
        for p, v, n in _corners(q):
            premises = (relation, scene.length(v, p), scene.length(v, n), scene.angle(p, v, n))
            yield premises, area, lambda _, x, y, g: x * y * sin(g)


@theorem("parallelogram-area", "parallelogram-area", "the area of a parallelogram", "S = base × height")
def parallelogram_area(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "parallelogram", "rhombus"):
        area = scene.area(*q)
        for i, (s, t) in enumerate(_sides(q)):
            base = scene.length(s, t)
            for far in _sides(q)[(i + 2) % 4]:  # a vertex of the opposite side
                height = scene.distance_to_line(far, s, t)
                yield (relation, base, height), area, lambda _, x, h: x * h
                yield (relation, area, base), height, lambda _, a, x: a / x
                yield (relation, area, height), base, lambda _, a, h: a / h


# Trapezoids ---------------------------------------------------------------------------------------


@theorem("trapezoid-area", "trapezoid-area", "the area of a trapezoid", "S = (a + b)/2 · h")
def trapezoid_area(scene: Scene) -> Iterator[Match]:
    for relation, q in _stated(scene, "trapezoid"):
        area = scene.area(*q)
        for (a, b), (d, c) in _parallel_pairs(scene, q):
            top, bottom = scene.length(a, b), scene.length(d, c)
            heights = [scene.distance_to_line(p, a, b) for p in (d, c)] + [scene.distance_to_line(p, d, c) for p in (a, b)]
            for height in heights:
                yield (relation, top, bottom, height), area, lambda _, x, y, h: (x + y) * h / 2
                yield (relation, area, top, bottom), height, lambda _, s, x, y: 2 * s / (x + y)
                yield (relation, area, top, height), bottom, lambda _, s, x, h: 2 * s / h - x
                yield (relation, area, bottom, height), top, lambda _, s, y, h: 2 * s / h - y


# Any stated quadrilateral -------------------------------------------------------------------------


def _quadrilaterals(scene: Scene) -> Iterator[tuple[str, ...]]:
    """The polygons the figure draws with four or more vertices, and every stated shape that fits."""
    seen: set[frozenset[str]] = set()
    candidates = [p for p in scene.polygons if len(p) >= 4] + [q for _, q in _stated(scene, *_FITS)]
    for polygon in candidates:
        if frozenset(polygon) not in seen:
            seen.add(frozenset(polygon))
            yield scene.perimeter(*polygon).args


@theorem("polygon-perimeter", "polygon-perimeter", "the perimeter of a polygon", "P = the sum of the sides")
def polygon_perimeter(scene: Scene) -> Iterator[Match]:
    for polygon in _quadrilaterals(scene):
        perimeter = scene.perimeter(*polygon)
        sides = tuple(scene.length(polygon[i], polygon[(i + 1) % len(polygon)]) for i in range(len(polygon)))
        yield sides, perimeter, lambda *x: sum(x, sympy.Integer(0))
        for i, missing in enumerate(sides):
            others = sides[:i] + sides[i + 1 :]
            yield (perimeter, *others), missing, lambda p, *x: p - sum(x, sympy.Integer(0))


@theorem(
    "quadrilateral-area-decomposition",
    "polygon-area",
    "the area of a quadrilateral cut by a diagonal",
    "S(ABCD) = S(ABC) + S(ACD)",
)
def area_decomposition(scene: Scene) -> Iterator[Match]:
    triangles = {frozenset(t) for t in scene.triangles}
    for polygon in _quadrilaterals(scene):
        if len(polygon) != 4 or not _simple(scene, polygon):  # type: ignore[arg-type]
            continue
        whole = scene.area(*polygon)
        for a, b, c, d in (polygon, polygon[1:] + polygon[:1]):  # the diagonal AC, then BD
            if {frozenset((a, b, c)), frozenset((a, c, d))} <= triangles:
                first, second = scene.area(a, b, c), scene.area(a, c, d)
                yield (first, second), whole, lambda x, y: x + y
                yield (whole, first), second, lambda s, x: s - x
                yield (whole, second), first, lambda s, y: s - y


# Shared forms -------------------------------------------------------------------------------------


def _adjacent_sides(scene: Scene, q: Quad) -> Iterator[tuple[Quantity, Quantity]]:
    sides = _side_lengths(scene, q)
    for i in range(4):
        yield sides[i], sides[(i + 1) % 4]


def _right_angles(scene: Scene, relation: Quantity, q: Quad) -> Iterator[Match]:
    """Every angle of a rectangle (a square is one) is right."""
    for p, v, n in _corners(q):
        yield (relation,), scene.angle(p, v, n), lambda _: pi / 2


def _opposite_sides(scene: Scene, relation: Quantity, q: Quad) -> Iterator[Match]:
    sides = _side_lengths(scene, q)
    for i in range(4):
        yield (relation, sides[i]), sides[(i + 2) % 4], lambda _, x: x


def _equal_sides(scene: Scene, relation: Quantity, q: Quad) -> Iterator[Match]:
    sides = _side_lengths(scene, q)
    for known, other in itertools.permutations(sides, 2):
        yield (relation, known), other, lambda _, x: x


def _diagonals(scene: Scene, relation: Quantity, q: Quad, equal: bool, perpendicular: bool = False) -> Iterator[Match]:
    """Diagonals that bisect each other (and are equal, or perpendicular): the halves to their
    crossing point O only where the figure names O."""
    a, b, c, d = q
    first, second = _diagonal_lengths(scene, q)
    if equal:
        yield (relation, first), second, lambda _, x: x
        yield (relation, second), first, lambda _, x: x
    o = _centre(scene, q)
    if o is None:
        return
    for whole, ends in ((first, (a, c)), (second, (b, d))):
        halves = [scene.length(o, end) for end in ends]
        for half in halves:
            yield (relation, whole), half, lambda _, x: x / 2
            yield (relation, half), whole, lambda _, x: 2 * x
        yield (relation, halves[0]), halves[1], lambda _, x: x
        yield (relation, halves[1]), halves[0], lambda _, x: x
    if equal:  # all four halves are equal
        for p, r in ((a, b), (a, d), (c, b), (c, d)):
            yield (relation, scene.length(o, p)), scene.length(o, r), lambda _, x: x
            yield (relation, scene.length(o, r)), scene.length(o, p), lambda _, x: x
    if perpendicular:
        for p, r in ((a, b), (b, c), (c, d), (d, a)):
            yield (relation,), scene.angle(p, o, r), lambda _: pi / 2

"""Theorems of coordinate geometry: from the coordinates a question gives ("A = (1, 2)", read as
``x(A)`` and ``y(A)``) to distances, midpoints, slopes, areas and distances to lines.

Each formula takes the coordinates it needs as premises, in the order listed, so a solution
shows which points it used. The figure decides only where a formula applies (which point is a
stated midpoint, which angle is right, which line is not vertical).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import sympy
from sympy import Abs, pi, sqrt

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, is_zero, same
from variantgen.derive.theorem import Match, theorem
from variantgen.derive.theorems.common import corners


def coordinates(p: str) -> tuple[Quantity, Quantity]:
    """``x(P)`` and ``y(P)``, as the givens read "P = (x, y)"."""
    return Quantity("x", (p,)), Quantity("y", (p,))


def slope(a: str, b: str) -> Quantity:
    """The slope of the line AB (the same quantity as BA)."""
    return Quantity("slope", tuple(sorted((a, b))))


def _vertical(scene: Scene, a: str, b: str) -> bool:
    return is_zero(scene.points[a].x - scene.points[b].x)


def _horizontal(scene: Scene, a: str, b: str) -> bool:
    return is_zero(scene.points[a].y - scene.points[b].y)


def _shoelace(*values: sympy.Expr) -> sympy.Expr:
    """``x1, y1, x2, y2, ...`` → the area of the polygon with those vertices in order."""
    xs, ys = values[0::2], values[1::2]
    n = len(xs)
    return Abs(sum((xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i] for i in range(n)), sympy.Integer(0))) / 2


@theorem("distance-formula", "distance-formula", "the distance formula", "AB = √((x₂ − x₁)² + (y₂ − y₁)²)")
def distance_formula(scene: Scene) -> Iterator[Match]:
    for a, b in itertools.combinations(sorted(scene.points), 2):
        premises = (*coordinates(a), *coordinates(b))
        yield premises, scene.length(a, b), lambda x1, y1, x2, y2: sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)


@theorem("midpoint-formula", "midpoint-formula", "the midpoint formula", "M = ((x₁ + x₂)/2, (y₁ + y₂)/2)")
def midpoint_formula(scene: Scene) -> Iterator[Match]:
    for relation in scene.relations:
        if relation.kind != "midpoint" or not set(relation.args) <= set(scene.points):
            continue
        m, a, b = relation.args
        for axis in (0, 1):
            qm, qa, qb = (coordinates(p)[axis] for p in (m, a, b))
            yield (relation, qa, qb), qm, lambda _, u, v: (u + v) / 2
            yield (relation, qm, qa), qb, lambda _, w, u: 2 * w - u  # an end from the midpoint and the other end
            yield (relation, qm, qb), qa, lambda _, w, v: 2 * w - v


@theorem("slope-formula", "slope-formula", "the slope formula", "k = (y₂ − y₁) / (x₂ − x₁)")
def slope_formula(scene: Scene) -> Iterator[Match]:
    for a, b in itertools.combinations(sorted(scene.points), 2):
        if not _vertical(scene, a, b):
            premises = (*coordinates(a), *coordinates(b))
            yield premises, slope(a, b), lambda x1, y1, x2, y2: (y2 - y1) / (x2 - x1)


def _corners_drawn(scene: Scene) -> Iterator[tuple[str, str, str]]:
    """``(vertex, b, c)`` for each corner of a triangle or a drawn polygon."""
    seen = set()
    for t in scene.triangles:
        for corner in corners(t):
            seen.add(corner)
            yield corner
    for polygon in scene.polygons:
        n = len(polygon)
        for i in range(n):
            corner = (polygon[i], polygon[i - 1], polygon[(i + 1) % n])
            if corner not in seen and (corner[0], corner[2], corner[1]) not in seen:
                seen.add(corner)
                yield corner


@theorem(
    "perpendicular-slopes",
    "perpendicular-lines-slopes",
    "the slopes of perpendicular lines",
    "two lines are perpendicular exactly when k₁·k₂ = −1",
)
def perpendicular_slopes(scene: Scene) -> Iterator[Match]:
    for v, b, c in _corners_drawn(scene):
        if not scene.is_right(b, v, c) or any(_vertical(scene, v, p) or _horizontal(scene, v, p) for p in (b, c)):
            continue
        right, first, second = scene.angle(b, v, c), slope(v, b), slope(v, c)
        yield (first, second), right, lambda k1, k2: pi / 2 if same(k1 * k2, -1) else sympy.nan
        yield (right, first), second, lambda _, k: -1 / k
        yield (right, second), first, lambda _, k: -1 / k


@theorem("coordinate-area", "coordinate-area", "the area from coordinates", "S = ½·|x₁y₂ − x₂y₁ + x₂y₃ − x₃y₂ + …|")
def coordinate_area(scene: Scene) -> Iterator[Match]:
    polygons = [area.args for area in (scene.area(*t) for t in scene.triangles)]
    polygons += [scene.area(*p).args for p in scene.polygons if len(p) > 3]
    for vertices in polygons:
        premises = tuple(q for p in vertices for q in coordinates(p))
        yield premises, scene.area(*vertices), _shoelace


@theorem(
    "point-to-line-distance",
    "point-to-line-distance",
    "the distance from a point to a line",
    "d = |(x₂ − x₁)(y₁ − y₀) − (x₁ − x₀)(y₂ − y₁)| / √((x₂ − x₁)² + (y₂ − y₁)²)",
)
def point_to_line(scene: Scene) -> Iterator[Match]:
    for t in scene.triangles:
        for v, b, c in corners(t):
            premises = (*coordinates(v), *coordinates(b), *coordinates(c))

            def distance(
                x0: sympy.Expr, y0: sympy.Expr, x1: sympy.Expr, y1: sympy.Expr, x2: sympy.Expr, y2: sympy.Expr
            ) -> sympy.Expr:
                return Abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)

            yield premises, scene.distance_to_line(v, b, c), distance

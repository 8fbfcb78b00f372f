"""Theorems of coordinate geometry: from the coordinates a question gives ("A = (1, 2)", read as
``x(A)`` and ``y(A)``) to distances, midpoints, slopes, areas, the equation of a line (its slope
and y-intercept, and the point-slope form) and distances to lines (from the line's equation, as
a student computes them: so the altitude of a triangle whose area is known is found from the area).

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


def intercept(a: str, b: str) -> Quantity:
    """The y-intercept of the line AB: with its slope, the line's equation y = kx + b."""
    return Quantity("intercept", tuple(sorted((a, b))))


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
    # A stated perpendicular ("H is the foot of the perpendicular from P to AB", a perpendicular
    # bisector): PH ⊥ AB, wherever the two lines meet.
    for relation in scene.relations if not scene.in_space else ():
        if relation.kind != "foot" or not set(relation.args) <= set(scene.points):
            continue
        p, h, a, b = relation.args
        if p == h or any(_vertical(scene, *pair) or _horizontal(scene, *pair) for pair in ((p, h), (a, b))):
            continue
        (px, py), (hx, hy), (ax, ay), (bx, by) = (scene.approx[n] for n in (p, h, a, b))
        if not is_zero((px - hx) * (bx - ax) + (py - hy) * (by - ay)):
            continue  # the figure does not have PH ⊥ AB
        yield (relation, slope(a, b)), slope(p, h), lambda _, k: -1 / k
        yield (relation, slope(p, h)), slope(a, b), lambda _, k: -1 / k


def _on_drawn_lines(scene: Scene) -> Iterator[tuple[str, str]]:
    """Each pair of named points on a line the figure draws (a side, a segment, a line), not vertical."""
    for line in scene.lines:
        for a, b in itertools.combinations(sorted(line.points), 2):
            if not _vertical(scene, a, b):
                yield a, b


@theorem(
    "line-equation",
    "point-slope-form",
    "the equation of a line",
    "the line through (x₀, y₀) with slope k is y = kx + b with b = y₀ − kx₀",
)
def line_equation(scene: Scene) -> Iterator[Match]:
    for a, b in _on_drawn_lines(scene):
        for p in (a, b):
            yield (slope(a, b), *coordinates(p)), intercept(a, b), lambda k, x0, y0: y0 - k * x0


@theorem(
    "point-slope-form",
    "point-slope-form",
    "the point-slope form of a line",
    "a point of the line through (x₀, y₀) with slope k satisfies y − y₀ = k(x − x₀)",
)
def point_slope(scene: Scene) -> Iterator[Match]:
    for a, b in _on_drawn_lines(scene):
        k = slope(a, b)
        for p, q in ((a, b), (b, a)):
            (xp, yp), (xq, yq) = coordinates(p), coordinates(q)
            yield (k, xp, yp, xq), yq, lambda m, x0, y0, x: y0 + m * (x - x0)
            if not _horizontal(scene, a, b):
                yield (k, xp, yp, yq), xq, lambda m, x0, y0, y: x0 + (y - y0) / m


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
    "the distance from (x₀, y₀) to y = kx + b is |kx₀ − y₀ + b| / √(k² + 1)",
)
def point_to_line(scene: Scene) -> Iterator[Match]:
    """From the line's equation (its slope and intercept), as a student first writes it; to a
    vertical or horizontal line, the difference of one coordinate."""
    for t in scene.triangles:
        for v, b, c in corners(t):
            distance = scene.distance_to_line(v, b, c)
            if _vertical(scene, b, c):
                yield (coordinates(v)[0], coordinates(b)[0]), distance, lambda x0, x1: Abs(x0 - x1)
            elif _horizontal(scene, b, c):
                yield (coordinates(v)[1], coordinates(b)[1]), distance, lambda y0, y1: Abs(y0 - y1)
            else:
                premises = (*coordinates(v), slope(b, c), intercept(b, c))
                yield premises, distance, lambda x0, y0, k, m: Abs(k * x0 - y0 + m) / sqrt(k**2 + 1)

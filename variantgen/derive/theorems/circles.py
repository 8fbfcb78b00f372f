"""Theorems about circles: radius, diameter, circumference and area; chords and their distance
from the centre; tangents; the angle in a semicircle and the inscribed angle theorem; arcs,
sectors and the segment between a chord and its arc."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sympy import pi, sin, sqrt

from variantgen.derive.scene import CircleInfo, Scene, is_zero, same
from variantgen.derive.theorem import Formula, Match, theorem


def _centred(scene: Scene) -> Iterator[tuple[CircleInfo, str]]:
    for circle in scene.circles:
        if circle.centre is not None:
            yield circle, circle.centre


def _chords(scene: Scene) -> Iterator[tuple[CircleInfo, str, str, str]]:
    """``(circle, O, A, B)`` for each chord AB of a circle with centre O that does not pass through O."""
    for circle, o in _centred(scene):
        for a, b in itertools.combinations(circle.on, 2):
            if not scene.collinear(o, a, b):
                yield circle, o, a, b


def _of_radius(scene: Scene, circle: CircleInfo, kind: str, forward: Formula, back: Formula) -> Iterator[Match]:
    """The circle's ``kind`` from its radius by ``forward``, and the radius from it by ``back``."""
    radius, other = scene.circle_quantity("radius", circle), scene.circle_quantity(kind, circle)
    yield (radius,), other, forward
    yield (other,), radius, back


@theorem(
    "radius-to-a-point",
    "",
    "the definition of a circle",
    "every point of a circle is one radius from the centre",
    weight="rename",
)
def radius_to_point(scene: Scene) -> Iterator[Match]:
    for circle, o in _centred(scene):
        radius = scene.circle_quantity("radius", circle)
        for a in circle.on:
            yield (scene.length(o, a),), radius, lambda x: x
            yield (radius,), scene.length(o, a), lambda x: x
    for arc in scene.arcs():  # a sector's two radii, where no circle is drawn
        o, a, b = arc.args
        yield (scene.length(o, a),), scene.length(o, b), lambda x: x
        yield (scene.length(o, b),), scene.length(o, a), lambda x: x


@theorem("diameter", "", "the diameter", "d = 2r")
def diameter(scene: Scene) -> Iterator[Match]:
    for circle in scene.circles:
        yield from _of_radius(scene, circle, "diameter", lambda r: 2 * r, lambda d: d / 2)
        diameter = scene.circle_quantity("diameter", circle)
        if circle.centre is not None:
            for a, b in itertools.combinations(circle.on, 2):
                if scene.between(a, circle.centre, b):
                    yield (scene.length(a, b),), diameter, lambda d: d
                    yield (diameter,), scene.length(a, b), lambda d: d


@theorem("circle-circumference", "circle-circumference", "the circumference of a circle", "C = 2πr")
def circumference(scene: Scene) -> Iterator[Match]:
    for circle in scene.circles:
        yield from _of_radius(scene, circle, "circumference", lambda r: 2 * pi * r, lambda c: c / (2 * pi))


@theorem("circle-area", "circle-area", "the area of a circle", "S = πr²")
def circle_area(scene: Scene) -> Iterator[Match]:
    for circle in scene.circles:
        yield from _of_radius(scene, circle, "circle-area", lambda r: pi * r**2, lambda s: sqrt(s / pi))


@theorem(
    "chord-and-distance",
    "perpendicular-from-centre-bisects-chord",
    "the perpendicular from the centre to a chord",
    "it bisects the chord: (AB/2)² + d² = r²",
)
def chord_distance(scene: Scene) -> Iterator[Match]:
    for circle, o, a, b in _chords(scene):
        radius, chord, distance = scene.circle_quantity("radius", circle), scene.length(a, b), scene.distance_to_line(o, a, b)
        yield (radius, distance), chord, lambda r, d: 2 * sqrt(r**2 - d**2)
        yield (radius, chord), distance, lambda r, c: sqrt(r**2 - c**2 / 4)
        yield (chord, distance), radius, lambda c, d: sqrt(c**2 / 4 + d**2)


@theorem("chord-length", "chord-length", "the chord and its central angle", "AB = 2r·sin(θ/2)")
def chord_length(scene: Scene) -> Iterator[Match]:
    for circle, o, a, b in _chords(scene):
        radius = scene.circle_quantity("radius", circle)
        yield (radius, scene.angle(a, o, b)), scene.length(a, b), lambda r, g: 2 * r * sin(g / 2)


@theorem(
    "angle-in-a-semicircle", "angle-in-a-semicircle", "the angle in a semicircle", "an angle inscribed in a semicircle is 90°"
)
def thales(scene: Scene) -> Iterator[Match]:
    for circle, o in _centred(scene):
        for a, b in itertools.combinations(circle.on, 2):
            if not scene.between(a, o, b):
                continue
            for c in circle.on:
                if c not in (a, b) and scene.line_through(a, c) and scene.line_through(b, c):
                    yield (), scene.angle(a, c, b), lambda: pi / 2


@theorem(
    "inscribed-angle-theorem",
    "inscribed-angle-theorem",
    "the inscribed angle theorem",
    "an inscribed angle is half the central angle on the same arc",
)
def inscribed_angle(scene: Scene) -> Iterator[Match]:
    for circle, o, a, b in _chords(scene):
        central = scene.angle(a, o, b)
        for c in circle.on:
            if c in (a, b) or not (scene.line_through(a, c) and scene.line_through(b, c)):
                continue
            inscribed = scene.angle(a, c, b)
            x, y = scene.value(central), scene.value(inscribed)
            if x is not None and y is not None and same(x, 2 * y):  # C on the major arc
                yield (central,), inscribed, lambda g: g / 2
                yield (inscribed,), central, lambda g: 2 * g


@theorem(
    "tangent-perpendicular-to-radius",
    "tangent-perpendicular-to-radius",
    "a tangent is perpendicular to the radius",
    "OA ⊥ PA at the point of tangency A",
)
def tangent_radius(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("tangent"):
        p, a, o = quantity.args
        yield (quantity,), scene.angle(o, a, p), lambda _: pi / 2


@theorem("arc-length", "arc-length", "the arc length formula", "l = (n°/360°)·2πr = r·θ for a central angle θ")
def arc_length(scene: Scene) -> Iterator[Match]:
    for arc in scene.arcs():
        o, a, b = arc.args
        length, radius, angle = scene.arc_quantity("arc", arc), scene.length(o, a), scene.angle(a, o, b)
        yield (radius, angle), length, lambda r, g: r * g
        yield (length, radius), angle, lambda s, r: s / r
        yield (length, angle), radius, lambda s, g: s / g


@theorem("sector-area", "sector-area", "the area of a sector", "S = (n°/360°)·πr² = ½·l·r")
def sector_area(scene: Scene) -> Iterator[Match]:
    for arc in scene.arcs():
        o, a, b = arc.args
        area, radius, angle = scene.arc_quantity("sector", arc), scene.length(o, a), scene.angle(a, o, b)
        yield (radius, angle), area, lambda r, g: r**2 * g / 2
        yield (scene.arc_quantity("arc", arc), radius), area, lambda s, r: s * r / 2
        yield (area, radius), angle, lambda s, r: 2 * s / r**2
        yield (area, angle), radius, lambda s, g: sqrt(2 * s / g)


@theorem("circular-segment", "sector-area", "the area of a circular segment", "S(segment) = S(sector OAB) − S(△OAB)")
def circular_segment(scene: Scene) -> Iterator[Match]:
    for arc in scene.arcs():
        o, a, b = arc.args
        if scene.line_through(a, b) and not scene.collinear(o, a, b):
            sector, triangle = scene.arc_quantity("sector", arc), scene.area(o, a, b)
            yield (sector, triangle), scene.arc_quantity("segment", arc), lambda s, t: s - t


def _secants(scene: Scene) -> Iterator[tuple[CircleInfo, str, str, str]]:
    """``(circle, P, A, B)``: A and B on the circle and P another point of the drawn line AB, inside
    the circle or outside it; PA·PB is P's power either way."""
    for circle in scene.circles:
        for a, b in itertools.combinations(circle.on, 2):
            line = scene.line_through(a, b)
            if line is None or is_zero(scene.numeric(scene.length(a, b))):
                continue  # two names of one point (a helper drawn where the secant cuts) make no secant
            for p in line.points:
                if p not in (a, b) and p not in circle.on:
                    yield circle, p, a, b


@theorem("tangent-secant", "tangent-secant-theorem", "the tangent–secant theorem", "PT² = PA·PB")
def tangent_secant(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("tangent"):
        p, t, o = quantity.args
        for circle, q, a, b in _secants(scene):
            if q != p or circle.centre != o or t not in circle.on or scene.between(a, p, b):
                continue
            pt, pa, pb = scene.length(p, t), scene.length(p, a), scene.length(p, b)
            yield (quantity, pa, pb), pt, lambda _, x, y: sqrt(x * y)
            yield (quantity, pt, pa), pb, lambda _, t2, x: t2**2 / x
            yield (quantity, pt, pb), pa, lambda _, t2, y: t2**2 / y


@theorem("intersecting-chords", "intersecting-chords-theorem", "the intersecting chords (secants) theorem", "PA·PB = PC·PD")
def intersecting_chords(scene: Scene) -> Iterator[Match]:
    secants = list(_secants(scene))
    for (c1, p, a, b), (c2, q, c, d) in itertools.combinations(secants, 2):
        if p != q or c1 is not c2 or {a, b} & {c, d} or scene.collinear(a, b, c):
            continue
        pa, pb, pc, pd = (scene.length(p, x) for x in (a, b, c, d))
        yield (pa, pb, pc), pd, lambda x, y, z: x * y / z
        yield (pa, pb, pd), pc, lambda x, y, w: x * y / w
        yield (pc, pd, pa), pb, lambda z, w, x: z * w / x
        yield (pc, pd, pb), pa, lambda z, w, y: z * w / y

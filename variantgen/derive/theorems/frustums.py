"""Theorems about frustums: a pyramid's, drawn face by face, and a cone's, drawn by its two rims
(``construction.space.drawn_solids``), each named as a question names it ("the regular frustum
ABCD-EFGH", "a frustum of a cone"). A frustum's ends are parallel and similar; its height is
given by a stated perpendicular (or, regular, the line between the ends' centres); the
perpendicular from a top point reaches the base R − r in from the rim below, which is how a
lateral edge or slant line is found; and its volume and surfaces.
"""

from __future__ import annotations

from collections.abc import Iterator

from sympy import Rational, pi, sqrt

from variantgen.derive.givens import implied_relations
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, SolidInfo, cross3, dot, is_zero, minus
from variantgen.derive.theorem import Match, theorem
from variantgen.derive.theorems.solids import _RIGHT, _centres, _in_plane, _named


@theorem(
    "frustum-ends",
    "frustum-properties",
    "the ends of a frustum",
    "they are similar and parallel: each top edge is parallel to the base edge below it, "
    "and a regular frustum's ends are regular polygons",
    weight="rename",
)
def frustum_ends(scene: Scene) -> Iterator[Match]:
    for relation, _ in _named(scene, "frustum", "regular-frustum"):
        for fact in implied_relations(relation):
            yield (relation,), fact, None


def _frustum_heights(scene: Scene, solid: SolidInfo) -> Iterator[tuple[tuple[Quantity, ...], Quantity]]:
    """A frustum's height with what makes it one: a stated line from the top's plane perpendicular
    to the base's, or a regular frustum's drawn line between the centres of its ends."""
    for relation in scene.stated("perpendicular-to-plane"):
        top, foot = relation.args[:2]
        in_base = _in_plane(scene, solid.base, foot) and _in_plane(scene, relation.args[1:], solid.base[0])
        if in_base and _in_plane(scene, solid.top, top):
            yield (relation,), scene.length(top, foot)
    if solid.shape == "regular-frustum":
        for low in _centres(scene, solid):
            for high in _centres(scene, solid, solid.top):
                if scene.line_through(low, high):
                    yield (), scene.length(low, high)


@theorem(
    "regular-frustum-foot",
    "frustum-properties",
    "the height of a regular frustum",
    "the perpendicular from a top corner is as long as the height, and its foot on the base's diagonal is "
    "half the difference of the diagonals from the corner",
)
def regular_frustum_foot(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-frustum"):
        if len(solid.base) != 4:
            continue
        for perpendicular in scene.stated("perpendicular-to-plane"):
            top, foot = perpendicular.args[:2]
            if top not in solid.top or not _in_plane(scene, solid.base, foot):
                continue
            i = solid.top.index(top)
            a, c, e, g = solid.base[i], solid.base[i - 2], top, solid.top[i - 2]
            if not (scene.collinear(a, foot, c) and scene.between(a, foot, c)):
                continue
            diagonals = (scene.length(a, c), scene.length(e, g))
            yield (relation, perpendicular, *diagonals), scene.length(a, foot), lambda _, __, low, high: (low - high) / 2
            for _, height in _frustum_heights(scene, solid):
                if height != scene.length(top, foot):
                    yield (relation, perpendicular, height), scene.length(top, foot), lambda *v: v[-1]
                    yield (relation, perpendicular, scene.length(top, foot)), height, lambda *v: v[-1]


@theorem("frustum-volume", "frustum-volume", "the volume of a frustum", "V = ⅓·h·(S + S′ + √(S·S′))")
def frustum_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "frustum", "regular-frustum"):
        base, top, volume = scene.area(*solid.base), scene.area(*solid.top), scene.solid_quantity("volume", solid)
        for why, height in _frustum_heights(scene, solid):
            yield (relation, *why, base, top, height), volume, lambda *v: v[-1] * (v[-3] + v[-2] + sqrt(v[-3] * v[-2])) / 3
            yield (relation, *why, volume, base, top), height, lambda *v: 3 * v[-3] / (v[-2] + v[-1] + sqrt(v[-2] * v[-1]))


@theorem(
    "frustum-lateral-area",
    "frustum-surface-area",
    "the lateral area of a regular frustum",
    "S = ½ × (perimeter of the top + perimeter of the base) × (slant height)",
)
def frustum_lateral(scene: Scene) -> Iterator[Match]:
    """Through the slant height: the line joining the midpoints of a base edge and the top edge over it."""
    for relation, solid in _named(scene, "regular-frustum"):
        n, base, top = len(solid.base), solid.base, solid.top
        middles = {frozenset(m.args[1:]): m for m in scene.stated("midpoint")}
        for i in range(n):
            low, high = middles.get(frozenset((base[i], base[(i + 1) % n]))), middles.get(frozenset((top[i], top[(i + 1) % n])))
            if low is None or high is None or not scene.line_through(low.args[0], high.args[0]):
                continue
            sides = (scene.length(base[i], base[(i + 1) % n]), scene.length(top[i], top[(i + 1) % n]))
            premises = (relation, low, high, *sides, scene.length(low.args[0], high.args[0]))
            yield premises, scene.solid_quantity("lateral-area", solid), lambda *v, n=n: Rational(n, 2) * (v[-3] + v[-2]) * v[-1]


@theorem("frustum-surface-area", "frustum-surface-area", "the surface area of a frustum", "S = S(top) + S(base) + S(lateral)")
def frustum_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "frustum", "regular-frustum"):
        parts = (scene.area(*solid.base), scene.area(*solid.top), scene.solid_quantity("lateral-area", solid))
        yield (relation, *parts), scene.solid_quantity("surface-area", solid), lambda _, b, t, s: b + t + s


def _rims(scene: Scene, solid: SolidInfo) -> tuple[list[str], list[str]]:
    """A cone's frustum's named points on its base rim and on its top rim."""
    base, top = solid.corners
    low = [p for p in solid.rim if _in_plane_of_circle(scene, base, top, p)]
    return low, [p for p in solid.rim if p not in low]


def _in_plane_of_circle(scene: Scene, centre: str, other: str, point: str) -> bool:
    axis = minus(scene.approx[other], scene.approx[centre])
    return bool(is_zero(dot(axis, minus(scene.approx[point], scene.approx[centre]))))


def _generators(scene: Scene, solid: SolidInfo) -> Iterator[tuple[str, str]]:
    """A cone's frustum's drawn slant lines AB: A on the base rim, B on the top rim above it."""
    o, q = solid.corners
    low, high = _rims(scene, solid)
    for a in low:
        for b in high:
            out, up = minus(scene.approx[a], scene.approx[o]), minus(scene.approx[b], scene.approx[q])
            if scene.line_through(a, b) and is_zero(sum(abs(x) for x in cross3(out, up))) and dot(out, up) > 0:
                yield a, b


@theorem(
    "cone-frustum-axis",
    "cone-frustum-properties",
    "the axis of a cone's frustum",
    "the line joining the centres of its bases is perpendicular to both",
    weight="rename",
)
def cone_frustum_axis(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cone-frustum"):
        o, q = solid.corners
        low, high = _rims(scene, solid)
        for centre, other, points in ((o, q, low), (q, o, high)):
            for p in points:
                if scene.line_through(centre, p) and scene.line_through(o, q):
                    yield (relation,), scene.angle(other, centre, p), lambda _: _RIGHT


@theorem(
    "cone-frustum-foot",
    "cone-frustum-properties",
    "the axial section of a cone's frustum",
    "it is an isosceles trapezoid: the perpendicular from a top point B to the base radius OA is as long as the "
    "height, and its foot K has AK = R − r",
)
def cone_frustum_foot(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cone-frustum"):
        o, q = solid.corners
        for a, b in _generators(scene, solid):
            for foot in scene.stated("foot"):
                if foot.args[0] == b and set(foot.args[2:]) == {o, a}:
                    k = foot.args[1]
                    radii = (scene.length(o, a), scene.length(q, b))
                    yield (relation, foot, *radii), scene.length(a, k), lambda _, __, big, small: big - small
                    yield (relation, foot, scene.length(o, q)), scene.length(b, k), lambda _, __, h: h
                    yield (relation, foot, scene.length(b, k)), scene.length(o, q), lambda _, __, h: h


def _frustum_radii(scene: Scene, solid: SolidInfo) -> Iterator[tuple[Quantity, Quantity]]:
    o, q = solid.corners
    low, high = _rims(scene, solid)
    for a in low[:1]:
        for b in high[:1]:
            yield scene.length(o, a), scene.length(q, b)


@theorem("cone-frustum-volume", "cone-frustum-volume", "the volume of a cone's frustum", "V = ⅓πh(R² + Rr + r²)")
def cone_frustum_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cone-frustum"):
        height, volume = scene.length(*solid.corners), scene.solid_quantity("volume", solid)
        for big, small in _frustum_radii(scene, solid):
            yield (relation, big, small, height), volume, lambda _, r, t, h: pi * h * (r**2 + r * t + t**2) / 3
            yield (relation, big, small, volume), height, lambda _, r, t, v: 3 * v / (pi * (r**2 + r * t + t**2))


@theorem("cone-frustum-lateral-area", "cone-frustum-surface-area", "the lateral area of a cone's frustum", "S = π(R + r)l")
def cone_frustum_lateral(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cone-frustum"):
        o, q = solid.corners
        lateral = scene.solid_quantity("lateral-area", solid)
        for a, b in _generators(scene, solid):
            premises = (relation, scene.length(o, a), scene.length(q, b), scene.length(a, b))
            yield premises, lateral, lambda _, r, t, slant: pi * (r + t) * slant


@theorem(
    "cone-frustum-surface-area", "cone-frustum-surface-area", "the surface area of a cone's frustum", "S = πR² + πr² + π(R + r)l"
)
def cone_frustum_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cone-frustum"):
        lateral = scene.solid_quantity("lateral-area", solid)
        for big, small in _frustum_radii(scene, solid):
            premises = (relation, big, small, lateral)
            yield premises, scene.solid_quantity("surface-area", solid), lambda _, r, t, s: pi * (r**2 + t**2) + s

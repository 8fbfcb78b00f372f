"""Theorems about the solids a question names: the cuboid and cube, the prism, the regular
pyramid, the cylinder, cone and sphere (frustums: ``theorems.frustums``).

A named solid is a premise of each (``Quantity("cuboid", (A, B, C, D, E, F, G, H))``, read from
"the cuboid ABCD-EFGH"). What they give is what a student reads off the solid before using plane
geometry: a cuboid's faces are rectangles, its lateral edges are perpendicular to the base (so
to every line in it: ∠EAC = 90° makes triangle ACE right), a regular pyramid's height falls on
the base's centre, a cone's and a cylinder's axis is perpendicular to the base; and the volume
and surface formulas, each both ways (the edge from the volume). Lengths in space then go
through the plane theorems (Pythagoras in triangle ACG), as a student's solution does.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy
from sympy import Rational, pi, sqrt

from variantgen.derive.givens import implied_relations
from variantgen.derive.quantity import DIHEDRAL, LINE_PLANE, Quantity
from variantgen.derive.scene import Scene, SolidInfo, cross3, dot, is_zero, minus, same
from variantgen.derive.theorem import Match, theorem

_RIGHT = pi / 2


#: A stated solid's word that also names a special one: a cube is a cuboid, a regular frustum a frustum.
_ALSO = {"cuboid": "cube", "frustum": "regular-frustum"}


def _named(scene: Scene, *shapes: str) -> Iterator[tuple[Quantity, SolidInfo]]:
    """Each stated solid of these kinds with the figure's solid it names."""
    for relation in scene.relations:
        if relation.kind not in shapes:
            continue
        for solid in scene.solids():
            if solid.corners == relation.args and solid.shape in (relation.kind, _ALSO.get(relation.kind)):
                yield relation, solid


def _in_plane(scene: Scene, corners: tuple[str, ...], point: str) -> bool:
    """Whether a named point lies in the plane of a face (its first three corners)."""
    a, b, c = (scene.approx[n] for n in corners[:3])
    return bool(is_zero(dot(cross3(minus(b, a), minus(c, a)), minus(scene.approx[point], a))))


def _joined(scene: Scene, foot: str, plane: tuple[str, ...]) -> Iterator[str]:
    """The named points of a plane that a drawn line joins to ``foot`` (a point of that plane)."""
    for point in scene.points:
        if point != foot and _in_plane(scene, plane, point) and scene.line_through(foot, point):
            yield point


# Faces and right angles ----------------------------------------------------------------------------


@theorem("cuboid-faces", "cuboid-properties", "the faces of a cuboid", "every face of a cuboid is a rectangle", weight="rename")
def cuboid_faces(scene: Scene) -> Iterator[Match]:
    for relation, _ in _named(scene, "cuboid", "cube"):
        for face in implied_relations(relation):
            yield (relation,), face, None


@theorem("right-prism-faces", "prism-properties", "the lateral faces of a right prism", "they are rectangles", weight="rename")
def right_prism_faces(scene: Scene) -> Iterator[Match]:
    for relation, _ in _named(scene, "right-prism"):
        for face in implied_relations(relation):
            yield (relation,), face, None


@theorem(
    "prism-diagonal-section",
    "prism-section",
    "the diagonal section of a right prism",
    "the plane through two opposite lateral edges cuts it in a rectangle: S = AC·AE",
)
def diagonal_section(scene: Scene) -> Iterator[Match]:
    """ACGE of the cuboid ABCD-EFGH, where the figure draws it: AE and CG are equal, parallel and
    perpendicular to the base, so to AC; its area is AC·AE."""
    drawn = {frozenset(p) for p in scene.polygons if len(p) == 4}
    for relation, solid in _named(scene, "cuboid", "cube", "right-prism"):
        for corners in solid.diagonal_sections:
            if frozenset(corners) in drawn:
                across, up = scene.length(corners[0], corners[1]), scene.length(corners[0], corners[3])
                area = scene.area(*corners)
                yield (relation, across, up), area, lambda _, d, h: d * h
                yield (relation, area, up), across, lambda _, s, h: s / h
                yield (relation, area, across), up, lambda _, s, d: s / d


@theorem(
    "regular-pyramid-base", "pyramid-volume", "the base of a regular pyramid", "its base is a regular polygon", weight="rename"
)
def regular_pyramid_base(scene: Scene) -> Iterator[Match]:
    for relation, _ in _named(scene, "regular-pyramid"):
        for base in implied_relations(relation):
            yield (relation,), base, None


@theorem(
    "line-perpendicular-to-plane",
    "line-perpendicular-to-plane",
    "a line perpendicular to a plane",
    "a line perpendicular to a plane is perpendicular to every line in it",
    weight="rename",
)
def perpendicular_to_plane(scene: Scene) -> Iterator[Match]:
    """A cuboid's edge and the face it leaves; a right prism's lateral edge and its bases; a regular
    pyramid's height and its base; a line the question states perpendicular to a plane; a
    cylinder's or cone's axis and its base."""
    for relation, top, foot, plane in _perpendiculars(scene):
        for point in _joined(scene, foot, plane):
            yield (relation,), scene.angle(top, foot, point), lambda _: _RIGHT
    for relation, solid in _named(scene, "cylinder", "cone"):
        top, centre = (solid.corners[1], solid.corners[0]) if solid.shape == "cylinder" else solid.corners
        for point in solid.rim:
            if scene.line_through(centre, point) and scene.line_through(top, centre):
                yield (relation,), scene.angle(top, centre, point), lambda _: _RIGHT


def _perpendiculars(scene: Scene) -> Iterator[tuple[Quantity, str, str, tuple[str, ...]]]:
    """``(relation, top, foot, plane)``: each line a stated solid or sentence makes perpendicular
    to a plane, by the relation that says so, its two ends (the foot in the plane) and the plane's
    named corners."""
    for relation, solid in _named(scene, "cuboid", "cube"):
        edges = {frozenset(e) for e in solid.edges}
        for face in implied_relations(relation):
            for foot in face.args:  # the edge from a face's corner that leaves the face is perpendicular to it
                top = next(n for n in solid.corners if n not in face.args and frozenset((foot, n)) in edges)
                yield relation, top, foot, face.args
    for relation in scene.stated("perpendicular-to-plane"):  # PA ⊥ plane ABC; EO ⊥ plane ABCD
        plane = relation.args[2:] if len(relation.args) == 6 else relation.args[1:]
        yield relation, relation.args[0], relation.args[1], plane
    for relation, solid in _named(scene, "right-prism"):  # its lateral edges and its two bases
        for face, other in ((solid.base, solid.top), (solid.top, solid.base)):
            for foot, top in zip(face, other, strict=True):
                yield relation, top, foot, face
    for relation, solid in _named(scene, "regular-pyramid"):
        for centre in _centres(scene, solid):
            if scene.line_through(solid.corners[0], centre):
                yield relation, solid.corners[0], centre, solid.base


@theorem(
    "line-plane-angle",
    "line-plane-angle",
    "the angle between a line and a plane",
    "it is the angle between the line and its projection onto the plane",
    weight="rename",
)
def line_plane_angle(scene: Scene) -> Iterator[Match]:
    """TF ⊥ the plane at F: for a line TX meeting the plane at X, the angle with the plane is ∠TXF
    (and so are its sine, cosine and tangent)."""
    for relation, top, foot, plane in _perpendiculars(scene):
        corners = tuple(plane) if foot in plane else (foot, *plane)
        for x in _joined(scene, foot, plane):
            if not scene.line_through(top, x):
                continue
            for kind, ratio in LINE_PLANE.items():
                angle = scene.angle(top, x, foot, ratio)
                yield (relation, angle), Quantity(kind, (x, top, *corners)), lambda _, a: a


@theorem(
    "three-perpendiculars",
    "three-perpendiculars",
    "the theorem of three perpendiculars",
    "PA ⊥ a plane and BC ⊥ AB in it give BC ⊥ PB",
)
def three_perpendiculars(scene: Scene) -> Iterator[Match]:
    for relation, top, foot, plane in _perpendiculars(scene):
        for b in _joined(scene, foot, plane):
            if not scene.line_through(top, b):
                continue
            for c in _joined(scene, b, plane):
                if c != foot and not scene.collinear(foot, b, c):
                    yield (relation, scene.angle(foot, b, c)), scene.angle(top, b, c), lambda _, __: _RIGHT


def _centres(scene: Scene, solid: SolidInfo, face: tuple[str, ...] = ()) -> Iterator[str]:
    """A named point at the centre of a regular pyramid's base (or of another face)."""
    corners = [scene.approx[n] for n in face or solid.base]
    centre = tuple(sum(p[k] for p in corners) / len(corners) for k in range(3))
    for point, at in scene.approx.items():
        if point not in solid.corners and all(same(at[k], centre[k]) for k in range(3)):
            yield point


@theorem(
    "regular-pyramid-apothem-foot",
    "pyramid-surface-area",
    "the centre of a regular pyramid's base",
    "the centre of a square base is half a side from each side's midpoint, and the line to it is perpendicular to the side",
)
def pyramid_centre_to_side(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-pyramid"):
        if len(solid.base) != 4:
            continue
        for centre in _centres(scene, solid):
            for m in scene.stated("midpoint"):
                mid, a, b = m.args
                if frozenset((a, b)) in {frozenset(e) for e in solid.edges[:4]}:
                    yield (relation, m, scene.length(a, b)), scene.length(centre, mid), lambda _, __, side: side / 2
                    for end in (a, b):
                        yield (relation, m), scene.angle(centre, mid, end), lambda _, __: _RIGHT


@theorem(
    "dihedral-plane-angle",
    "dihedral-angle",
    "the plane angle of a dihedral angle",
    "XM ⊥ AB in one face and YM ⊥ AB in the other make ∠XMY the dihedral angle X-AB-Y",
)
def dihedral_plane_angle(scene: Scene) -> Iterator[Match]:
    """Two faces of a solid meet along edge AB; where drawn segments XM and YM in them are known
    perpendicular to AB at the same point M, the dihedral angle (and its sine, cosine and
    tangent) is ∠XMY."""
    for (a, b), first, second in _face_pairs(scene):
        # named from the later face (a pyramid's side before its base: P-BC-A)
        name = (a, b, *(next(v for v in face if v not in (a, b)) for face in (second, first)))
        for m in (n for n in scene.points if n in (a, b) or scene.collinear(a, b, n)):
            end = b if m != b else a
            arms = [
                [
                    x
                    for x in _joined(scene, m, face)
                    if not scene.collinear(a, b, x) and scene.is_right(x, m, end) and _in_half_plane(scene, (a, b), face, x)
                ]
                for face in (first, second)
            ]
            for y in arms[0]:
                for x in arms[1]:
                    for kind, ratio in DIHEDRAL.items():
                        premises = (scene.angle(x, m, end), scene.angle(y, m, end), scene.angle(x, m, y, ratio))
                        yield premises, Quantity(kind, name), lambda _, __, t: t


def _in_half_plane(scene: Scene, edge: tuple[str, str], face: tuple[str, ...], point: str) -> bool:
    """Whether a point of a face's plane lies on the face's side of an edge (not beyond it, where
    the angle it makes would be the dihedral angle's supplement)."""
    a, b = (scene.approx[n] for n in edge)
    d = minus(b, a)

    def across(p: tuple) -> tuple:
        v = minus(p, a)
        t = dot(v, d) / dot(d, d)
        return tuple(v[k] - t * d[k] for k in range(3))

    inside = next(scene.approx[v] for v in face if v not in edge)
    return bool(dot(across(scene.approx[point]), across(inside)) > 0)


def _face_pairs(scene: Scene) -> Iterator[tuple[tuple[str, str], tuple[str, ...], tuple[str, ...]]]:
    """Each edge of a polyhedron with the two faces that meet along it."""
    for solid in scene.solids():
        faces = solid.faces
        for i, first in enumerate(faces):
            for second in faces[i + 1 :]:
                shared = [v for v in first if v in second]
                if len(shared) == 2:
                    yield (shared[0], shared[1]), first, second


# Lengths -------------------------------------------------------------------------------------------


def _corner_edges(solid: SolidInfo) -> Iterator[tuple[str, tuple[str, str, str], str]]:
    """Each corner of a cuboid, its three neighbours, and the corner opposite it."""
    base, top = solid.base, solid.top
    for i in range(4):
        yield base[i], (base[(i + 1) % 4], base[i - 1], top[i]), top[(i + 2) % 4]
        yield top[i], (top[(i + 1) % 4], top[i - 1], base[i]), base[(i + 2) % 4]


@theorem("cuboid-space-diagonal", "cuboid-properties", "the space diagonal of a cuboid", "d = √(a² + b² + c²)", weight="formula")
def space_diagonal(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cuboid", "cube"):
        for corner, neighbours, opposite in _corner_edges(solid):
            edges = tuple(scene.length(corner, n) for n in neighbours)
            yield (relation, *edges), scene.length(corner, opposite), lambda _, a, b, c: sqrt(a**2 + b**2 + c**2)


@theorem("regular-pyramid-edges", "pyramid-volume", "the lateral edges of a regular pyramid", "they are equal", weight="rename")
def pyramid_edges(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-pyramid"):
        apex, first = solid.corners[0], solid.base[0]
        for other in solid.base[1:]:
            yield (relation, scene.length(apex, first)), scene.length(apex, other), lambda _, x: x
            yield (relation, scene.length(apex, other)), scene.length(apex, first), lambda _, x: x


@theorem("cube-edges", "cuboid-properties", "the edges of a cube", "all twelve edges of a cube are equal", weight="rename")
def cube_edges(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cube"):
        edges = solid.edges
        for a, b in edges[1:]:
            yield (relation, scene.length(*edges[0])), scene.length(a, b), lambda _, x: x
            yield (relation, scene.length(a, b)), scene.length(*edges[0]), lambda _, x: x


# Volumes and surfaces --------------------------------------------------------------------------------


@theorem("cuboid-volume", "cuboid-volume", "the volume of a cuboid", "V = abc")
def cuboid_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cuboid", "cube"):
        corner, neighbours, _ = next(_corner_edges(solid))
        a, b, c = (scene.length(corner, n) for n in neighbours)
        volume = scene.solid_quantity("volume", solid)
        yield (relation, a, b, c), volume, lambda _, x, y, z: x * y * z
        for known, unknown in (((a, b), c), ((b, c), a), ((a, c), b)):
            yield (relation, volume, *known), unknown, lambda _, v, x, y: v / (x * y)


@theorem("cuboid-surface-area", "cuboid-surface-area", "the surface area of a cuboid", "S = 2(ab + bc + ca)")
def cuboid_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cuboid", "cube"):
        corner, neighbours, _ = next(_corner_edges(solid))
        a, b, c = (scene.length(corner, n) for n in neighbours)
        area = scene.solid_quantity("surface-area", solid)
        yield (relation, a, b, c), area, lambda _, x, y, z: 2 * (x * y + y * z + z * x)
        for known, unknown in (((a, b), c), ((b, c), a), ((a, c), b)):
            yield (relation, area, *known), unknown, lambda _, s, x, y: (s / 2 - x * y) / (x + y)


@theorem("cube-volume", "cuboid-volume", "the volume of a cube", "V = a³")
def cube_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cube"):
        edge, volume = scene.length(*solid.edges[0]), scene.solid_quantity("volume", solid)
        yield (relation, edge), volume, lambda _, a: a**3
        yield (relation, volume), edge, lambda _, v: sympy.root(v, 3)


@theorem("cube-surface-area", "cuboid-surface-area", "the surface area of a cube", "S = 6a²")
def cube_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "cube"):
        edge, area = scene.length(*solid.edges[0]), scene.solid_quantity("surface-area", solid)
        yield (relation, edge), area, lambda _, a: 6 * a**2
        yield (relation, area), edge, lambda _, s: sqrt(s / 6)


@theorem("prism-volume", "prism-volume", "the volume of a prism", "V = S·h")
def prism_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "right-prism"):
        base, height = scene.area(*solid.base), scene.length(solid.base[0], solid.top[0])
        volume = scene.solid_quantity("volume", solid)
        yield (relation, base, height), volume, lambda _, a, h: a * h
        yield (relation, volume, base), height, lambda _, v, a: v / a


@theorem("prism-lateral-area", "prism-surface-area", "the lateral area of a right prism", "S = (perimeter of the base) × h")
def prism_lateral(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "right-prism"):
        perimeter, height = scene.perimeter(*solid.base), scene.length(solid.base[0], solid.top[0])
        lateral = scene.solid_quantity("lateral-area", solid)
        yield (relation, perimeter, height), lateral, lambda _, p, h: p * h
        yield (relation, lateral, perimeter), height, lambda _, s, p: s / p


@theorem("prism-surface-area", "prism-surface-area", "the surface area of a prism", "S = S(lateral) + 2·S(base)")
def prism_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "right-prism"):
        parts = (scene.solid_quantity("lateral-area", solid), scene.area(*solid.base))
        yield (relation, *parts), scene.solid_quantity("surface-area", solid), lambda _, s, b: s + 2 * b


@theorem("pyramid-volume", "pyramid-volume", "the volume of a pyramid", "V = ⅓·S·h")
def pyramid_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-pyramid"):
        apex, base = solid.corners[0], scene.area(*solid.base)
        volume = scene.solid_quantity("volume", solid)
        for centre in _centres(scene, solid):
            height = scene.length(apex, centre)
            yield (relation, base, height), volume, lambda _, s, h: s * h / 3
            yield (relation, volume, base), height, lambda _, v, s: 3 * v / s


@theorem("pyramid-height-volume", "pyramid-volume", "the volume of a pyramid", "V = ⅓·S·h")
def pyramid_height_volume(scene: Scene) -> Iterator[Match]:
    """Any pyramid whose height the question states as a line perpendicular to its base's plane."""
    for relation in scene.stated("perpendicular-to-plane"):
        top, foot = relation.args[:2]
        for solid in scene.solids():
            if solid.shape in ("pyramid", "regular-pyramid") and solid.corners[0] == top and _in_plane(scene, solid.base, foot):
                base, height, volume = scene.area(*solid.base), scene.length(top, foot), scene.solid_quantity("volume", solid)
                yield (relation, base, height), volume, lambda _, s, h: s * h / 3
                yield (relation, volume, base), height, lambda _, v, s: 3 * v / s


@theorem("prism-height-volume", "prism-volume", "the volume of a prism", "V = S·h")
def prism_height_volume(scene: Scene) -> Iterator[Match]:
    """Any prism, oblique too, whose height the question states as a line from its top's plane
    perpendicular to its base's."""
    for relation in scene.stated("perpendicular-to-plane"):
        top, foot = relation.args[:2]
        for solid in scene.solids():
            if not solid.is_prism or top in solid.base:
                continue
            if _in_plane(scene, solid.top, top) and _in_plane(scene, solid.base, foot):
                base, height, volume = scene.area(*solid.base), scene.length(top, foot), scene.solid_quantity("volume", solid)
                yield (relation, base, height), volume, lambda _, s, h: s * h
                yield (relation, volume, base), height, lambda _, v, s: v / s


@theorem(
    "pyramid-lateral-area",
    "pyramid-surface-area",
    "the lateral area of a regular pyramid",
    "S = ½ × (perimeter of the base) × (slant height)",
)
def pyramid_lateral(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-pyramid"):
        apex, n = solid.corners[0], len(solid.base)
        lateral = scene.solid_quantity("lateral-area", solid)
        for m in scene.stated("midpoint"):
            mid, a, b = m.args
            if frozenset((a, b)) in {frozenset(e) for e in solid.edges[:n]} and scene.line_through(apex, mid):
                premises = (relation, m, scene.length(a, b), scene.length(apex, mid))
                yield premises, lateral, lambda _, __, side, slant, n=n: Rational(n, 2) * side * slant


@theorem("pyramid-surface-area", "pyramid-surface-area", "the surface area of a pyramid", "S = S(base) + S(lateral)")
def pyramid_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid in _named(scene, "regular-pyramid"):
        parts = (scene.area(*solid.base), scene.solid_quantity("lateral-area", solid))
        yield (relation, *parts), scene.solid_quantity("surface-area", solid), lambda _, b, s: b + s


def _round_parts(scene: Scene, *shapes: str) -> Iterator[tuple[Quantity, SolidInfo, Quantity, Quantity | None]]:
    """Each stated cylinder, cone or sphere with a radius the figure names (centre to a point of
    the base circle, or of the sphere) and its height (centre to centre, apex to centre)."""
    for relation, solid in _named(scene, *shapes):
        centre = solid.corners[1] if solid.shape == "cone" else solid.corners[0]
        height = scene.length(*solid.corners) if solid.shape != "sphere" else None
        for point in solid.rim:
            yield relation, solid, scene.length(centre, point), height


@theorem("cylinder-volume", "cylinder-volume", "the volume of a cylinder", "V = πr²h")
def cylinder_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, h in _round_parts(scene, "cylinder"):
        volume = scene.solid_quantity("volume", solid)
        yield (relation, r, h), volume, lambda _, x, y: pi * x**2 * y
        yield (relation, volume, r), h, lambda _, v, x: v / (pi * x**2)
        yield (relation, volume, h), r, lambda _, v, y: sqrt(v / (pi * y))


@theorem("cylinder-lateral-area", "cylinder-surface-area", "the lateral area of a cylinder", "S = 2πrh")
def cylinder_lateral(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, h in _round_parts(scene, "cylinder"):
        lateral = scene.solid_quantity("lateral-area", solid)
        yield (relation, r, h), lateral, lambda _, x, y: 2 * pi * x * y
        yield (relation, lateral, r), h, lambda _, s, x: s / (2 * pi * x)


@theorem("cylinder-surface-area", "cylinder-surface-area", "the surface area of a cylinder", "S = 2πr² + 2πrh")
def cylinder_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, _ in _round_parts(scene, "cylinder"):
        lateral, area = scene.solid_quantity("lateral-area", solid), scene.solid_quantity("surface-area", solid)
        yield (relation, r, lateral), area, lambda _, x, s: 2 * pi * x**2 + s


@theorem("cone-volume", "cone-volume", "the volume of a cone", "V = ⅓πr²h")
def cone_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, h in _round_parts(scene, "cone"):
        volume = scene.solid_quantity("volume", solid)
        yield (relation, r, h), volume, lambda _, x, y: pi * x**2 * y / 3
        yield (relation, volume, r), h, lambda _, v, x: 3 * v / (pi * x**2)


@theorem("cone-lateral-area", "cone-surface-area", "the lateral area of a cone", "S = πrl")
def cone_lateral(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, _ in _round_parts(scene, "cone"):
        apex, lateral = solid.corners[0], scene.solid_quantity("lateral-area", solid)
        rim = r.args[0] if r.args[1] == solid.corners[1] else r.args[1]
        slant = scene.length(apex, rim)
        yield (relation, r, slant), lateral, lambda _, x, y: pi * x * y
        yield (relation, lateral, r), slant, lambda _, s, x: s / (pi * x)


@theorem("cone-surface-area", "cone-surface-area", "the surface area of a cone", "S = πr² + πrl")
def cone_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, _ in _round_parts(scene, "cone"):
        lateral, area = scene.solid_quantity("lateral-area", solid), scene.solid_quantity("surface-area", solid)
        yield (relation, r, lateral), area, lambda _, x, s: pi * x**2 + s


@theorem(
    "sphere-section",
    "sphere-section",
    "a section of a sphere",
    "the line joining the centres of the sphere and of the section is perpendicular to the section: r² = R² − d²",
    weight="rename",
)
def sphere_section(scene: Scene) -> Iterator[Match]:
    """A drawn circle whose points lie on a sphere is a plane section of it: the right angle at the
    section's centre Q between QO and each radius QA, for Pythagoras."""
    for relation, solid in _named(scene, "sphere"):
        centre, rim = solid.corners[0], set(solid.rim)
        for circle in scene.circles:
            if circle.centre in (None, centre) or not circle.on or not set(circle.on) <= rim:
                continue
            for point in circle.on:
                yield (relation,), scene.angle(centre, circle.centre, point), lambda _: _RIGHT


@theorem("sphere-volume", "sphere-volume", "the volume of a sphere", "V = (4/3)πR³")
def sphere_volume(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, _ in _round_parts(scene, "sphere"):
        volume = scene.solid_quantity("volume", solid)
        yield (relation, r), volume, lambda _, x: Rational(4, 3) * pi * x**3
        yield (relation, volume), r, lambda _, v: sympy.root(3 * v / (4 * pi), 3)


@theorem("sphere-surface-area", "sphere-surface-area", "the surface area of a sphere", "S = 4πR²")
def sphere_surface(scene: Scene) -> Iterator[Match]:
    for relation, solid, r, _ in _round_parts(scene, "sphere"):
        area = scene.solid_quantity("surface-area", solid)
        yield (relation, r), area, lambda _, x: 4 * pi * x**2
        yield (relation, area), r, lambda _, s: sqrt(s / (4 * pi))

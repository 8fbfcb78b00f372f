"""Solid geometry, exact, with GeoGebra's commands and meanings.

GeoGebra's kernel knows points ``(x, y, z)``, segments, lines, polygons and planes in space, and
solids: ``Cube``, ``Tetrahedron``, ``Prism`` and ``Pyramid`` (polyhedra, kept here by vertices and
faces) and ``Cylinder``, ``Cone`` and ``Sphere``. A solid's value is its volume; a side's
(``Side(k)``) its area; a polyhedron's net (``Net(k, 1)``) its surface area, which is how a
question asks GeoGebra for a surface area (it has no command of that name).

A plane command given an object in space runs its space version here (``Distance``, ``Angle``,
``Segment``, ``Midpoint``, …; see ``evaluator.command(space=True)``). Each follows GeoGebra 5.4's
semantics as measured in the browser (``tests/test_space.py`` asks GeoGebra):

- ``Cube(A, B)``: AB a horizontal edge; the base ABCD turns counter-clockwise seen from above and
  the top lies above it; ``Cube(A, B, C)``: the face ABCD, the top along AB × BC.
- ``Tetrahedron(A, B)``: regular; C is B turned 60° about A counter-clockwise (seen from above),
  the apex above the base.
- ``Prism(A, B, C, …, P)``: base ABC…, P the top over A; ``Prism(poly, P)``; ``Prism(poly, h)``
  the top h along the base's normal (AB × AC).
- ``Pyramid(A, B, C, …, P)``: apex P; ``Pyramid(poly, h)``: the apex h along the normal above the
  base's centroid.
- ``Cylinder(A, B, r)`` and ``Cone(A, B, r)``: base centre A, top centre (apex) B.
- ``Angle`` of two points' rays, two coplanar lines, two vectors: in [0°, 180°]; of a line and a
  plane: in [0°, 90°]; of two planes: between their normals.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy import Expr

from variantgen.construction.errors import ConstructionError, DegenerateFigure, UnsupportedCommand
from variantgen.construction.evaluator import (
    _AXES,
    TO_SPACE,
    Circle,
    InSpace,
    Line,
    Point,
    Point3,
    Polygon,
    Ray,
    Segment,
    Vector,
    _clean,
    _Evaluator,
    _is_zero,
    _p,
    _Value,
    command,
    kind_of,
)

_ZERO, _ONE = sympy.Integer(0), sympy.Integer(1)
_UP = Point3(_ZERO, _ZERO, _ONE)
_ORIGIN = Point3(_ZERO, _ZERO, _ZERO)


# --- objects -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line3(InSpace):
    """Through ``p`` with direction ``d``; a segment is the part from ``p`` to ``p + d``."""

    p: Point3
    d: Point3
    kind = "line in space"


@dataclass(frozen=True)
class Segment3(Line3):
    kind = "segment in space"

    @property
    def q(self) -> Point3:
        return self.p + self.d

    def number(self) -> Expr:
        return norm(self.d)


@dataclass(frozen=True)
class Ray3(Line3):
    """From ``p`` along ``d``."""

    kind = "ray in space"


@dataclass(frozen=True)
class Plane(InSpace):
    """Through ``p`` with normal ``n`` (not of unit length: exact values stay simple)."""

    p: Point3
    n: Point3
    kind = "plane"


@dataclass(frozen=True)
class Polygon3(InSpace):
    vertices: tuple[Point3, ...]
    kind = "polygon in space"

    def number(self) -> Expr:
        return polygon_area(self.vertices)


@dataclass(frozen=True)
class Circle3(InSpace):
    """A circle in space (a cylinder's top, a cone's base): centre, normal and radius."""

    center: Point3
    normal: Point3
    radius: Expr
    kind = "circle in space"


@dataclass(frozen=True)
class Arc3(InSpace):
    """An arc of a circle in space (``CircleArc(M, A, B)``): from ``start`` about ``center``, in
    the plane of M, A and B, through ``angle`` (the minor arc towards B); its value is its length."""

    center: Point3
    start: Point3
    toward: Point3
    angle: Expr
    kind = "arc in space"

    def number(self) -> Expr:
        return _clean(norm(self.start - self.center) * self.angle)


@dataclass(frozen=True)
class Polyhedron(InSpace):
    """``shape``: cube, tetrahedron, prism or pyramid. ``faces`` index ``vertices`` (a prism's base
    first, then its top, then the sides; a pyramid's base, then the sides to the apex, which is
    the last vertex). ``height``: of a prism or pyramid, between the base's plane and the top."""

    shape: str
    vertices: tuple[Point3, ...]
    faces: tuple[tuple[int, ...], ...]
    volume: Expr
    height: Expr

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.shape

    def number(self) -> Expr:
        return self.volume

    def surface(self) -> Expr:
        return _clean(sum((polygon_area(tuple(self.vertices[i] for i in face)) for face in self.faces), _ZERO))

    def edges(self) -> list[tuple[int, int]]:
        """Each edge once, as a pair of vertex indices."""
        found: dict[frozenset[int], tuple[int, int]] = {}
        for face in self.faces:
            for a, b in zip(face, face[1:] + face[:1], strict=False):
                found.setdefault(frozenset((a, b)), (a, b))
        return list(found.values())


@dataclass(frozen=True)
class Round(InSpace):
    """``shape``: a cylinder or cone (``base`` centre, ``top`` centre or apex, ``radius``), a sphere
    (``base`` its centre, ``top`` unused) or a cone's frustum drawn by its two rims
    (``drawn_solids``; ``top_radius`` its top's)."""

    shape: str
    base: Point3
    top: Point3
    radius: Expr
    top_radius: Expr | None = None

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.shape

    @property
    def height(self) -> Expr:
        return norm(self.top - self.base)

    @property
    def slant(self) -> Expr:
        across = self.radius - (self.top_radius or _ZERO)
        return _clean(sympy.sqrt(_clean(self.height**2 + across**2)))

    @property
    def apex(self) -> Point3:
        """A cone's apex; a cone's frustum's, where its side closes up."""
        if self.top_radius is None:
            return self.top
        return _tidy(self.base + (self.top - self.base).scale(self.radius / (self.radius - self.top_radius)))

    def number(self) -> Expr:
        r, h = self.radius, self.height
        if self.shape == "cone-frustum":
            t = self.top_radius
            return _clean(sympy.pi * h * (r**2 + r * t + t**2) / 3)
        volume = {
            "cylinder": sympy.pi * r**2 * h,
            "cone": sympy.pi * r**2 * h / 3,
            "sphere": sympy.Rational(4, 3) * sympy.pi * r**3,
        }
        return _clean(volume[self.shape])


@dataclass(frozen=True)
class Surface(InSpace):
    """A cylinder's or cone's curved side; its value is its area."""

    area: Expr
    kind = "surface"

    def number(self) -> Expr:
        return self.area


@dataclass(frozen=True)
class Net(InSpace):
    """A polyhedron unfolded (GeoGebra's ``Net``); its value is its area, the surface area."""

    area: Expr
    kind = "net"

    def number(self) -> Expr:
        return self.area


def in_space(objects: dict[str, object]) -> bool:
    """Whether a figure's objects are in space (its questions are about solids, and its picture is
    drawn through a projection)."""
    return any(isinstance(obj, InSpace) for obj in objects.values())


# --- vector helpers ----------------------------------------------------------------------------


def dot(a: Point3, b: Point3) -> Expr:
    return a.x * b.x + a.y * b.y + a.z * b.z


def cross(a: Point3, b: Point3) -> Point3:
    return Point3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)


def norm(a: Point3) -> Expr:
    return _clean(sympy.sqrt(_clean(dot(a, a))))


def _tidy(p: Point3) -> Point3:
    return Point3(_clean(p.x), _clean(p.y), _clean(p.z))


def _is_null(v: Point3) -> bool:
    return _is_zero(_clean(dot(v, v)))


def _newell(vertices: tuple[Point3, ...]) -> Point3:
    """Twice the vector area of a polygon: normal to it, as long as twice its area."""
    total = Point3(_ZERO, _ZERO, _ZERO)
    for a, b in zip(vertices, vertices[1:] + vertices[:1], strict=False):
        total = total + cross(a, b)
    return _tidy(total)


def polygon_area(vertices: tuple[Point3, ...]) -> Expr:
    return _clean(norm(_newell(vertices)) / 2)


def _centroid(vertices: tuple[Point3, ...]) -> Point3:
    """The centroid of a plane polygon's area (a fan of triangles from the first vertex)."""
    first, total_area, total = vertices[0], _ZERO, Point3(_ZERO, _ZERO, _ZERO)
    normal = _newell(vertices)
    for b, c in zip(vertices[1:-1], vertices[2:], strict=False):
        area = dot(cross(b - first, c - first), normal)  # signed, in units of the normal's length
        total = total + (first + b + c).scale(area / 3)
        total_area += area
    if _is_zero(_clean(total_area)):
        raise DegenerateFigure("a polygon of no area")
    return _tidy(total.scale(1 / total_area))


def _unit(v: Point3) -> Point3:
    length = norm(v)
    if _is_zero(length):
        raise DegenerateFigure("a direction of length zero")
    return _tidy(v.scale(1 / length))


def _turn_about_z(v: Point3, cos: Expr, sin: Expr) -> Point3:
    return Point3(cos * v.x - sin * v.y, sin * v.x + cos * v.y, v.z)


# --- argument helpers --------------------------------------------------------------------------


def _lift(obj: object) -> object:
    """An object of the plane as the one in the plane z = 0, as GeoGebra's 3D view has it (the
    evaluator lifts a space command's arguments; a solid command given only plane points, or a
    plane line, needs it here)."""
    return TO_SPACE[type(obj)](obj) if type(obj) in TO_SPACE else obj


def _p3(value: _Value) -> Point3:
    obj = _lift(value.obj)
    if not isinstance(obj, Point3):
        raise ConstructionError(f"expected a point in space, got a {kind_of(value.obj)}")
    return obj


def _plane(value: _Value) -> Plane:
    if isinstance(value.obj, Polygon3):
        return _plane_of(value.obj.vertices)
    if not isinstance(value.obj, Plane):
        raise ConstructionError(f"expected a plane, got a {kind_of(value.obj)}")
    return value.obj


def _line3(value: _Value) -> Line3:
    """A line in space (a vector: the line along it through the origin)."""
    obj = _lift(value.obj)
    if isinstance(obj, Point3) and not _is_null(obj):
        return Line3(Point3(_ZERO, _ZERO, _ZERO), obj)
    if not isinstance(obj, Line3):
        raise ConstructionError(f"expected a line in space, got a {kind_of(obj)}")
    return obj


def _plane_of(vertices: tuple[Point3, ...]) -> Plane:
    normal = _newell(vertices)
    if _is_null(normal):
        raise DegenerateFigure("three points on one line do not fix a plane")
    for v in vertices:
        if not _is_zero(_clean(dot(v - vertices[0], normal))):
            raise DegenerateFigure("the polygon's vertices are not in one plane")
    return Plane(vertices[0], normal)


def _vertices(value: _Value) -> tuple[Point3, ...]:
    if isinstance(value.obj, Polygon3):
        return value.obj.vertices
    raise ConstructionError(f"expected a polygon in space, got a {kind_of(value.obj)}")


# --- plane commands in space -------------------------------------------------------------------


@command("Segment", space=True)
def _segment(ev: _Evaluator, a: _Value, b: _Value) -> Segment3:
    p, q = _p3(a), _p3(b)
    return Segment3(p, _tidy(q - p))


@command("Line", space=True)
def _line(ev: _Evaluator, a: _Value, b: _Value) -> Line3:
    """Through two points, or through a point parallel to a line."""
    if isinstance(b.obj, Line3):
        return Line3(_p3(a), b.obj.d)
    p, q = _p3(a), _p3(b)
    if _is_null(q - p):
        raise DegenerateFigure("a line through one point twice")
    return Line3(p, _tidy(q - p))


@command("Vector", space=True)
def _vector(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Point3:
    return _p3(a) if b is None else _tidy(_p3(b) - _p3(a))


@command("Polygon", space=True)
def _polygon(ev: _Evaluator, *args: _Value) -> Polygon3:
    """Through its corners; ``Polygon(A, B, n, direction)``: the regular n-gon on AB, turning
    counter-clockwise seen from the side the direction (a plane's normal) points to."""
    if len(args) == 4 and not isinstance(args[2].obj, (Point, Point3)):
        return _regular3(_p3(args[0]), _p3(args[1]), ev.number(args[2]), args[3].obj)
    vertices = tuple(_p3(a) for a in args)
    if len(vertices) < 3:
        raise ConstructionError("a polygon needs at least three vertices")
    _plane_of(vertices)
    return Polygon3(vertices)


def _regular3(a: Point3, b: Point3, n: Expr, direction: object) -> Polygon3:
    if not (n.is_Integer and n >= 3):
        raise DegenerateFigure(f"a regular polygon needs an integer number of vertices ≥ 3, got {n}")
    normal = direction.n if isinstance(direction, Plane) else direction.d if isinstance(direction, Line3) else direction
    if not isinstance(normal, Point3) or _is_null(normal):
        raise ConstructionError(f"a regular polygon in space needs a direction, got a {kind_of(direction)}")
    axis = _unit(normal)
    if not _is_zero(_clean(dot(b - a, axis))):
        raise DegenerateFigure("the side of a regular polygon is not perpendicular to its direction")
    turn = 2 * sympy.pi / n
    cos, sin = _clean(sympy.cos(turn)), _clean(sympy.sin(turn))
    vertices = [a, b]
    for _ in range(int(n) - 2):  # each side the last one turned about the axis
        side = vertices[-1] - vertices[-2]
        turned = side.scale(cos) + cross(axis, side).scale(sin) + axis.scale(dot(axis, side) * (1 - cos))
        vertices.append(_tidy(vertices[-1] + turned))
    return Polygon3(tuple(vertices))


@command("Midpoint", space=True)
def _midpoint(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Point3:
    if b is None:
        if not isinstance(a.obj, Segment3):
            raise ConstructionError(f"expected a segment or two points, got a {kind_of(a.obj)}")
        return _tidy(a.obj.p + a.obj.d.scale(sympy.Rational(1, 2)))
    return _tidy((_p3(a) + _p3(b)).scale(sympy.Rational(1, 2)))


@command("Centroid", space=True)
def _centroid_cmd(ev: _Evaluator, polygon: _Value) -> Point3:
    return _centroid(_vertices(polygon))


@command("Length", kind="length", space=True)
def _length(ev: _Evaluator, obj: _Value) -> Expr:
    if isinstance(obj.obj, (Segment3, Point3, Arc3)):
        return obj.obj.number()
    raise UnsupportedCommand(f"Length of a {kind_of(obj.obj)}")


@command("Vertex", space=True)
def _vertex(ev: _Evaluator, polygon: _Value, k: _Value) -> Point3:
    """A polygon's k-th corner."""
    if not isinstance(polygon.obj, Polygon3):
        raise UnsupportedCommand(f"Vertex of a {kind_of(polygon.obj)} in space")
    n = ev.number(k)
    if not (sympy.Integer(n).is_Integer and 1 <= int(n) <= len(polygon.obj.vertices)):
        raise DegenerateFigure(f"a polygon with {len(polygon.obj.vertices)} corners has no corner {n}")
    return polygon.obj.vertices[int(n) - 1]


@command("Area", kind="area", space=True)
def _area(ev: _Evaluator, *args: _Value) -> Expr:
    if len(args) == 1 and isinstance(args[0].obj, Polygon3):
        return args[0].obj.number()
    if len(args) == 1 and isinstance(args[0].obj, Circle3):
        return _clean(sympy.pi * args[0].obj.radius ** 2)
    if len(args) >= 3:
        return _polygon(ev, *args).number()
    raise UnsupportedCommand(f"Area of a {kind_of(args[0].obj)} (a solid's surface area is Net(solid, 1))")


@command("Perimeter", "Circumference", kind="length", space=True)
def _perimeter(ev: _Evaluator, obj: _Value) -> Expr:
    if isinstance(obj.obj, Circle3):
        return _clean(2 * sympy.pi * obj.obj.radius)
    if isinstance(obj.obj, Polygon3):
        vs = obj.obj.vertices
        return _clean(sum((norm(b - a) for a, b in zip(vs, vs[1:] + vs[:1], strict=False)), _ZERO))
    raise UnsupportedCommand(f"Perimeter of a {kind_of(obj.obj)}")


@command("Radius", kind="length", space=True)
def _radius(ev: _Evaluator, obj: _Value) -> Expr:
    if isinstance(obj.obj, Circle3) or (isinstance(obj.obj, Round) and obj.obj.shape == "sphere"):
        return obj.obj.radius
    raise UnsupportedCommand(f"GeoGebra gives no Radius of a {kind_of(obj.obj)} (ask Radius(Top(k)) or Radius(Bottom(k)))")


@command("x", space=True)
def _x(ev: _Evaluator, p: _Value) -> Expr:
    return _p3(p).x


@command("y", space=True)
def _y(ev: _Evaluator, p: _Value) -> Expr:
    return _p3(p).y


@command("z")
def _z_plane(ev: _Evaluator, p: _Value) -> Expr:
    """A point of the plane lies at height 0 (GeoGebra's z of a plane point)."""
    _p(p)
    return _ZERO


@command("z", space=True)
def _z(ev: _Evaluator, p: _Value) -> Expr:
    return _p3(p).z


@command("Distance", kind="length", space=True)
def _distance(ev: _Evaluator, a: _Value, b: _Value) -> Expr:
    if isinstance(b.obj, Point3) and not isinstance(a.obj, Point3):
        a, b = b, a
    first, second = a.obj, b.obj
    if isinstance(first, Point3):
        if isinstance(second, Point3):
            return norm(second - first)
        if isinstance(second, Line3):
            return norm(first - _closest_on_line(second, first))
        if isinstance(second, (Plane, Polygon3)):
            return _plane_distance(_plane(b), first)
    if (
        isinstance(first, Line3)
        and isinstance(second, Line3)
        and not isinstance(first, Segment3)
        and not isinstance(second, Segment3)
    ):
        return _line_distance(first, second)
    if isinstance(first, Plane) and isinstance(second, Plane):
        if not _is_null(cross(first.n, second.n)):
            return _ZERO
        return _plane_distance(first, second.p)
    raise UnsupportedCommand(f"Distance between a {kind_of(first)} and a {kind_of(second)}")


def _closest_on_line(line: Line3, point: Point3) -> Point3:
    """The foot of the perpendicular; on a segment, clamped to its ends (as GeoGebra measures)."""
    t = _clean(dot(point - line.p, line.d) / dot(line.d, line.d))
    if isinstance(line, Segment3):
        t = sympy.Min(sympy.Max(t, _ZERO), _ONE)
    elif isinstance(line, Ray3):
        t = sympy.Max(t, _ZERO)
    return _tidy(line.p + line.d.scale(t))


def _plane_distance(plane: Plane, point: Point3) -> Expr:
    return _clean(sympy.Abs(_clean(dot(point - plane.p, plane.n))) / norm(plane.n))


def _line_distance(g: Line3, h: Line3) -> Expr:
    normal = _tidy(cross(g.d, h.d))
    if _is_null(normal):  # parallel
        return norm(cross(h.p - g.p, g.d)) / norm(g.d)
    return _clean(sympy.Abs(_clean(dot(h.p - g.p, normal))) / norm(normal))


def _angle_between(u: Point3, v: Point3) -> Expr:
    if _is_null(u) or _is_null(v):
        raise DegenerateFigure("an angle with a direction of length zero")
    return sympy.acos(_clean(_clean(dot(u, v)) / (norm(u) * norm(v))))


@command("Angle", kind="angle", space=True)
def _angle(ev: _Evaluator, a: _Value, b: _Value | None = None, c: _Value | None = None) -> Expr:
    if c is not None:
        vertex = _p3(b)  # type: ignore[arg-type]
        return _angle_between(_p3(a) - vertex, _p3(c) - vertex)
    if b is None:
        raise UnsupportedCommand(f"Angle of one {kind_of(a.obj)}")
    first, second = a.obj, b.obj
    if isinstance(first, Point3) and isinstance(second, Point3):  # two vectors
        return _angle_between(first, second)
    if isinstance(first, Plane) and isinstance(second, Line3):
        first, second = second, first
    if isinstance(first, Line3) and isinstance(second, Plane):
        sine = sympy.Abs(_clean(dot(first.d, second.n))) / (norm(first.d) * norm(second.n))
        return sympy.asin(_clean(sine))
    if isinstance(first, Plane) and isinstance(second, Plane):
        return _angle_between(first.n, second.n)
    if isinstance(first, Line3) and isinstance(second, Line3):
        if not _is_zero(_clean(dot(second.p - first.p, cross(first.d, second.d)))):
            raise DegenerateFigure("GeoGebra gives no angle between skew lines (ask the angle of their vectors)")
        return _angle_between(first.d, second.d)
    raise UnsupportedCommand(f"Angle between a {kind_of(first)} and a {kind_of(second)}")


@command("IntersectPath", space=True)
def _intersect_path(ev: _Evaluator, a: _Value, b: _Value, index: _Value | None = None) -> InSpace:
    """A plane's section of a polyhedron, as ``Intersect`` gives it (GeoGebra numbers it 1)."""
    return _intersect(ev, a, b)


@command("Intersect", space=True)
def _intersect(ev: _Evaluator, a: _Value, b: _Value, index: _Value | None = None) -> InSpace:
    """What two objects in space share; of a line and a circle, arc or sphere, the ``index``-th
    point as GeoGebra 5.4 numbers them (measured: a sphere's along the line's direction, a
    circle's from the far end; an imported file's choice is matched to where GeoGebra drew it)."""
    first, second = a.obj, b.obj
    if isinstance(first, (Circle3, Round, Arc3)) and isinstance(second, Line3):
        first, second = second, first
    if isinstance(first, Line3) and isinstance(second, (Circle3, Round, Arc3)):
        points = _line_round(first, second)
        k = 1 if index is None else ev.number(index)
        if not (sympy.Integer(k).is_Integer and 1 <= int(k) <= len(points)):
            raise DegenerateFigure(f"the line meets the {kind_of(second)} in {len(points)} points, not a {k}th")
        return points[int(k) - 1]
    if index is not None:
        raise UnsupportedCommand(f"Intersect of a {kind_of(first)} and a {kind_of(second)} with a solution number")
    if isinstance(first, (Plane, Polygon3)) and isinstance(second, Line3):
        first, second = second, first
        a, b = b, a
    if isinstance(first, Line3) and isinstance(second, (Plane, Polygon3)):
        plane = _plane(b)
        along = _clean(dot(first.d, plane.n))
        if _is_zero(along):
            raise DegenerateFigure("a line parallel to the plane does not meet it")
        return _tidy(first.p + first.d.scale(_clean(dot(plane.p - first.p, plane.n) / along)))
    if isinstance(first, Line3) and isinstance(second, Line3):
        return _meet(first, second)
    if isinstance(first, Plane) and isinstance(second, (Polyhedron, Round)):
        first, second = second, first
        b = a
    if isinstance(first, Polyhedron) and isinstance(second, (Plane, Polygon3)):
        return _section(first, _plane(b))
    if isinstance(first, Round) and first.shape == "sphere" and isinstance(second, (Plane, Polygon3)):
        return _sphere_section(first, _plane(b))
    if isinstance(first, (Plane, Polygon3)) and isinstance(second, (Plane, Polygon3)):
        return _plane_meet(_plane(a), _plane(b))
    raise UnsupportedCommand(f"Intersect of a {kind_of(first)} and a {kind_of(second)}")


def _line_round(line: Line3, shape: Circle3 | Round | Arc3) -> list[Point3]:
    """Where a line meets a sphere, or a circle or arc in space (in its plane), along the line."""
    if isinstance(shape, Arc3):
        u = shape.start - shape.center
        normal = _tidy(cross(u, shape.toward))
        whole = _line_round(line, Circle3(shape.center, normal, norm(u)))
        return [p for p in whole if _turned(u, p - shape.center, normal) <= float(shape.angle) + 1e-12]
    if isinstance(shape, Round) and shape.shape != "sphere":
        raise UnsupportedCommand(f"Intersect of a line and a {kind_of(shape)}")
    centre = shape.center if isinstance(shape, Circle3) else shape.base
    if isinstance(shape, Circle3) and not _is_zero(_clean(dot(line.d, shape.normal))):  # crosses the plane once
        t = _clean(dot(centre - line.p, shape.normal) / dot(line.d, shape.normal))
        at = _tidy(line.p + line.d.scale(t))
        return [at] if _is_zero(_clean(dot(at - centre, at - centre) - shape.radius**2)) else []
    if isinstance(shape, Circle3) and not _is_zero(_clean(dot(line.p - centre, shape.normal))):
        return []  # parallel to the circle's plane, beside it
    # |p + t d − c|² = r²
    w = line.p - centre
    a, b, c = dot(line.d, line.d), 2 * dot(line.d, w), _clean(dot(w, w) - shape.radius**2)
    disc = _clean(b**2 - 4 * a * c)
    if disc.is_negative:
        return []
    # GeoGebra numbers a sphere's along the line's direction and a circle's from its far end
    far_first = isinstance(shape, Circle3)
    roots = sorted(
        {_clean((-b - sympy.sqrt(disc)) / (2 * a)), _clean((-b + sympy.sqrt(disc)) / (2 * a))}, key=float, reverse=far_first
    )
    return [_tidy(line.p + line.d.scale(t)) for t in roots if not isinstance(line, Segment3) or 0 <= float(t) <= 1]


def _turned(u: Point3, v: Point3, normal: Point3) -> float:
    """How far v is turned from u about ``normal``, counter-clockwise, in [0, 2π) (a point's place on an arc)."""
    across = float(dot(cross(u, v), normal)) / math.sqrt(float(dot(normal, normal)))
    turn = math.atan2(across, float(dot(u, v)))
    return turn if turn >= -1e-12 else turn + 2 * math.pi


def _circle_through(a: Point3, b: Point3, c: Point3) -> Circle3:
    """The circle through three points in space (``Circle(A, B, C)``)."""
    u, v = _tidy(b - a), _tidy(c - a)
    normal = _tidy(cross(u, v))
    if _is_null(normal):
        raise DegenerateFigure("three points on a line lie on no circle")
    n2 = dot(normal, normal)
    centre = _tidy(a + (cross(normal, u).scale(dot(v, v)) + cross(v, normal).scale(dot(u, u))).scale(1 / (2 * n2)))
    return Circle3(centre, normal, _clean(norm(_tidy(a - centre))))


def _sphere_section(sphere: Round, plane: Plane) -> Circle3:
    """The circle a plane cuts from a sphere: about the foot of the centre, r² = R² − d²."""
    n2 = dot(plane.n, plane.n)
    t = _clean(dot(sphere.base - plane.p, plane.n) / n2)
    r2 = _clean(sphere.radius**2 - t**2 * n2)
    if not r2.is_positive:
        raise DegenerateFigure("the plane does not cut the sphere")
    return Circle3(_tidy(sphere.base - plane.n.scale(t)), plane.n, _clean(sympy.sqrt(r2)))


def _plane_meet(p: Plane, q: Plane) -> Line3:
    """The line two planes share."""
    d = _tidy(cross(p.n, q.n))
    if _is_null(d):
        raise DegenerateFigure("parallel planes do not meet")
    # the point of both planes nearest the origin: (c₁ n₂ × d + c₂ d × n₁) / |d|²
    c1, c2 = dot(p.n, p.p), dot(q.n, q.p)
    at = (cross(q.n, d).scale(c1) + cross(d, p.n).scale(c2)).scale(1 / dot(d, d))
    return Line3(_tidy(at), d)


def _meet(g: Line3, h: Line3) -> Point3:
    """Where two lines of one plane cross."""
    normal = _tidy(cross(g.d, h.d))
    if _is_null(normal):
        raise DegenerateFigure("parallel lines do not meet")
    if not _is_zero(_clean(dot(h.p - g.p, normal))):
        raise DegenerateFigure("skew lines do not meet")
    t = _clean(dot(cross(h.p - g.p, h.d), normal) / dot(normal, normal))
    return _tidy(g.p + g.d.scale(t))


def _section(solid: Polyhedron, plane: Plane) -> Polygon3:
    """The polygon a plane cuts from a convex polyhedron, its corners in order around it."""
    side = [_clean(dot(v - plane.p, plane.n)) for v in solid.vertices]
    points: list[Point3] = []
    for i, j in solid.edges():
        si, sj = side[i], side[j]
        candidates = []
        if _is_zero(si):
            candidates.append(solid.vertices[i])
        if _is_zero(sj):
            candidates.append(solid.vertices[j])
        if not _is_zero(si) and not _is_zero(sj) and (float(si) > 0) != (float(sj) > 0):
            t = _clean(si / (si - sj))
            candidates.append(_tidy(solid.vertices[i] + (solid.vertices[j] - solid.vertices[i]).scale(t)))
        for p in candidates:
            if not any(_is_null(_tidy(p - q)) for q in points):
                points.append(p)
    if len(points) < 3:
        raise DegenerateFigure("the plane does not cut the solid in a polygon")
    return Polygon3(_around(points, plane.n))


def _around(points: list[Point3], normal: Point3) -> tuple[Point3, ...]:
    """Points of one plane in counter-clockwise order about their mean, seen along ``normal``."""
    mean = Point3(*(sum((getattr(p, c) for p in points), _ZERO) / len(points) for c in "xyz"))
    u = next(_tidy(p - mean) for p in points if not _is_null(_tidy(p - mean)))
    w = cross(normal, u)
    key = {id(p): math.atan2(float(dot(p - mean, w)), float(dot(p - mean, u))) for p in points}
    return tuple(sorted(points, key=lambda p: key[id(p)]))


@command("ClosestPoint", space=True)
def _closest(ev: _Evaluator, path: _Value, point: _Value) -> Point3:
    if isinstance(path.obj, Point3):
        path, point = point, path
    p = _p3(point)
    if isinstance(path.obj, Line3):
        return _closest_on_line(path.obj, p)
    plane = _plane(path)
    return _tidy(p - plane.n.scale(_clean(dot(p - plane.p, plane.n) / dot(plane.n, plane.n))))


@command("Ray", space=True)
def _ray(ev: _Evaluator, a: _Value, b: _Value) -> Ray3:
    """From a point through a point."""
    start = _p3(a)
    d = _tidy(_p3(b) - start)
    if _is_null(d):
        raise DegenerateFigure("a ray from a point through itself")
    return Ray3(start, d)


@command("Point", space=True)
def _point_moved(ev: _Evaluator, a: _Value, by: _Value) -> Point3:
    return _tidy(_p3(a) + _p3(by))


@command("PerpendicularLine", space=True)
def _perpendicular_line(ev: _Evaluator, point: _Value, other: _Value) -> Line3:
    """To a plane: along its normal. To a line: through the point and its foot on the line."""
    p = _p3(point)
    if isinstance(other.obj, Line3):
        foot = _closest_on_line(Line3(other.obj.p, other.obj.d), p)
        if _is_null(_tidy(foot - p)):
            raise DegenerateFigure("the perpendicular from a point of the line itself")
        return Line3(p, _tidy(foot - p))
    return Line3(p, _plane(other).n)


@command("PerpendicularPlane")
def _perpendicular_plane(ev: _Evaluator, point: _Value, line: _Value) -> Plane:
    return Plane(_p3(point), _line3(line).d)


@command("Plane")
def _plane_cmd(ev: _Evaluator, *args: _Value) -> Plane:
    """Through three points; a polygon's; through a point parallel to a plane; through a point
    and a line, or two lines."""
    if len(args) == 3:
        return _plane_of(tuple(_p3(a) for a in args))
    if len(args) == 1 and isinstance(args[0].obj, Polygon3):
        return _plane(args[0])
    if len(args) == 2:
        a, b = args
        if isinstance(b.obj, (Plane, Polygon3)):
            return Plane(_p3(a), _plane(b).n)
        if isinstance(a.obj, (Line, Line3)):
            a, b = b, a
        line = _line3(b)
        if isinstance(a.obj, (Line, Line3)):
            other = _line3(a)
            normal = _tidy(cross(line.d, other.d))
            return Plane(line.p, normal if not _is_null(normal) else _tidy(cross(line.d, other.p - line.p)))
        return _plane_of((_p3(a), line.p, _tidy(line.p + line.d)))
    raise UnsupportedCommand("Plane takes three points, a polygon, a point and a plane, a point and a line, or two lines")


# --- solids ------------------------------------------------------------------------------------


def _prism(base: tuple[Point3, ...], shift: Point3, kind: str = "prism") -> Polyhedron:
    plane = _plane_of(base)
    height = _clean(sympy.Abs(_clean(dot(shift, plane.n))) / norm(plane.n))
    if _is_zero(height):
        raise DegenerateFigure("a prism of height zero")
    n = len(base)
    top = tuple(_tidy(v + shift) for v in base)
    sides = tuple((i, (i + 1) % n, n + (i + 1) % n, n + i) for i in range(n))
    faces = (tuple(range(n)), tuple(range(n, 2 * n))) + sides
    return Polyhedron(kind, base + top, faces, _clean(polygon_area(base) * height), height)


def _pyramid(base: tuple[Point3, ...], apex: Point3, kind: str = "pyramid") -> Polyhedron:
    height = _plane_distance(_plane_of(base), apex)
    if _is_zero(height):
        raise DegenerateFigure("a pyramid whose apex lies in its base's plane")
    n = len(base)
    faces = (tuple(range(n)),) + tuple((i, (i + 1) % n, n) for i in range(n))
    return Polyhedron(kind, base + (apex,), faces, _clean(polygon_area(base) * height / 3), height)


def _base(value: _Value) -> tuple[Point3, ...] | None:
    """A solid's base polygon's corners, or None."""
    obj = _lift(value.obj)
    return obj.vertices if isinstance(obj, Polygon3) else None


@command("Prism")
def _prism_cmd(ev: _Evaluator, *args: _Value) -> Polyhedron:
    if len(args) == 2 and (base := _base(args[0])) is not None:
        if isinstance(args[1].obj, Point3):
            return _prism(base, _tidy(args[1].obj - base[0]))
        normal = _unit(_plane_of(base).n)
        return _prism(base, _tidy(normal.scale(ev.number(args[1]))))
    points = tuple(_p3(a) for a in args)
    if len(points) < 4:
        raise ConstructionError("Prism takes a base of three or more points and the top over the first")
    return _prism(points[:-1], _tidy(points[-1] - points[0]))


@command("Pyramid")
def _pyramid_cmd(ev: _Evaluator, *args: _Value) -> Polyhedron:
    if len(args) == 2 and (base := _base(args[0])) is not None:
        if isinstance(args[1].obj, Point3):
            return _pyramid(base, args[1].obj)
        normal = _unit(_plane_of(base).n)
        return _pyramid(base, _tidy(_centroid(base) + normal.scale(ev.number(args[1]))))
    points = tuple(_p3(a) for a in args)
    if len(points) < 4:
        raise ConstructionError("Pyramid takes a base of three or more points and the apex")
    return _pyramid(points[:-1], points[-1])


@command("Cube")
def _cube(ev: _Evaluator, a: _Value, b: _Value, c: _Value | None = None) -> Polyhedron:
    p, q = _p3(a), _p3(b)
    edge = _tidy(q - p)
    if c is None:
        if not _is_zero(_clean(edge.z)):
            raise UnsupportedCommand("Cube(A, B) with A and B at different heights (give a third corner: Cube(A, B, C))")
        side = _turn_about_z(edge, _ZERO, _ONE)
        base = (p, q, _tidy(q + side), _tidy(p + side))
        up = _UP
    else:
        r = _p3(c)
        if not _is_zero(_clean(dot(r - q, edge))) or not _is_zero(_clean(dot(r - q, r - q) - dot(edge, edge))):
            raise DegenerateFigure("Cube(A, B, C): BC must be AB turned a right angle")
        base = (p, q, r, _tidy(p + r - q))
        up = _unit(cross(edge, _tidy(r - q)))
    length = norm(edge)
    if _is_zero(length):
        raise DegenerateFigure("a cube of edge zero")
    return _prism(base, _tidy(up.scale(length)), kind="cube")


@command("Tetrahedron")
def _tetrahedron(ev: _Evaluator, a: _Value, b: _Value, c: _Value | None = None) -> Polyhedron:
    """Regular: on AB with its base turning counter-clockwise seen from above, or on the
    equilateral triangle ABC with its apex along AB × AC."""
    p, q = _p3(a), _p3(b)
    edge = _tidy(q - p)
    if c is None:
        if not _is_zero(_clean(edge.z)):
            raise UnsupportedCommand("Tetrahedron(A, B) with A and B at different heights (give a third corner)")
        third, up = _tidy(p + _turn_about_z(edge, sympy.Rational(1, 2), sympy.sqrt(3) / 2)), _UP
    else:
        third = _p3(c)
        if not (
            _is_zero(_clean(dot(third - p, third - p) - dot(edge, edge)))
            and _is_zero(_clean(dot(third - q, third - q) - dot(edge, edge)))
        ):
            raise DegenerateFigure("Tetrahedron(A, B, C): ABC must be equilateral")
        up = _unit(cross(edge, _tidy(third - p)))
    base = (p, q, third)
    apex = _tidy(_centroid(base) + up.scale(norm(edge) * sympy.sqrt(6) / 3))
    return _pyramid(base, apex, kind="tetrahedron")


def _round(kind: str, a: _Value, b: _Value, r: _Value, ev: _Evaluator) -> Round:
    base, top, radius = _p3(a), _p3(b), _clean(ev.number(r))
    if _is_null(_tidy(top - base)) or _is_zero(radius):
        raise DegenerateFigure(f"a {kind} of height or radius zero")
    return Round(kind, base, top, radius)


def _on_circle(kind: str, circle: _Value, height: _Value, ev: _Evaluator) -> Round:
    """``Cylinder(c, h)``, ``Cone(c, h)``: on a circle in space, the top (apex) h along its normal."""
    if not isinstance(circle.obj, Circle3):
        raise ConstructionError(f"{kind.title()}(circle, height) needs a circle in space, got a {kind_of(circle.obj)}")
    c = circle.obj
    top = _tidy(c.center + _unit(c.normal).scale(_clean(ev.number(height))))
    if _is_null(_tidy(top - c.center)):
        raise DegenerateFigure(f"a {kind} of height zero")
    return Round(kind, c.center, top, c.radius)


@command("Cylinder")
def _cylinder(ev: _Evaluator, a: _Value, b: _Value, r: _Value | None = None) -> Round:
    return _round("cylinder", a, b, r, ev) if r is not None else _on_circle("cylinder", a, b, ev)


@command("Cone")
def _cone(ev: _Evaluator, a: _Value, b: _Value, r: _Value | None = None) -> Round:
    return _round("cone", a, b, r, ev) if r is not None else _on_circle("cone", a, b, ev)


@command("Sphere")
def _sphere(ev: _Evaluator, center: _Value, size: _Value) -> Round:
    m = _p3(center)
    radius = norm(_tidy(_p3(size) - m)) if isinstance(size.obj, (Point, Point3)) else _clean(ev.number(size))
    if _is_zero(radius):
        raise DegenerateFigure("a sphere of radius zero")
    return Round("sphere", m, m, radius)


def drawn_solids(objects: dict[str, object]) -> dict[str, Polyhedron | Round]:
    """The solids a figure draws face by face, or by their two rims, keyed by the label of their
    first face (rim).

    GeoGebra 5.4 has no frustum command, and a textbook file often draws a solid as its
    polygons; such a figure still shows a solid, which hides what lies behind it and whose
    volume a question asks. A set of polygons in space that closes up (each edge shared by two
    faces) around a convex inside is one. It is a prism when two faces are parallel and the others
    join them corner to corner along parallel edges, a frustum when those edges meet in one
    point (its base the larger end), a pyramid when the faces but one meet in one point; other
    closed surfaces are left alone. Two circles about one axis in parallel planes are the rims of
    a cone's frustum (a cylinder when they are as large). A solid a solid command already makes
    is not found twice."""
    faces = [(name, obj.vertices) for name, obj in objects.items() if isinstance(obj, Polygon3)]
    made = {frozenset(_key(v) for v in obj.vertices) for obj in objects.values() if isinstance(obj, Polyhedron)}
    found: dict[str, Polyhedron | Round] = {}
    for group in _closed_groups(faces):
        corners = {_key(v) for _, f in group for v in f}
        if frozenset(corners) in made or not _convex([f for _, f in group]):
            continue
        solid = _classify([f for _, f in group])
        if solid is not None:
            made.add(frozenset(corners))
            found[group[0][0]] = solid
    found.update(_rimmed(objects))
    return found


def _rimmed(objects: dict[str, object]) -> dict[str, Round]:
    """Cones' frustums (and cylinders) drawn by their two rims, the larger first."""
    circles = [(name, obj) for name, obj in objects.items() if isinstance(obj, Circle3)]
    rims = {(_key(r.base), r.radius) for r in objects.values() if isinstance(r, Round)}
    rims |= {(_key(r.top), r.radius) for r in objects.values() if isinstance(r, Round)}
    found: dict[str, Round] = {}
    used: set[str] = set()
    for i, (a, low) in enumerate(circles):
        for b, high in circles[i + 1 :]:
            if {a, b} & used or (_key(low.center), low.radius) in rims or (_key(high.center), high.radius) in rims:
                continue
            axis = _tidy(high.center - low.center)
            if _is_null(axis) or not (
                _is_null(_tidy(cross(low.normal, high.normal))) and _is_null(_tidy(cross(axis, low.normal)))
            ):
                continue
            if _is_zero(_clean(high.radius - low.radius)):
                found[a] = Round("cylinder", low.center, high.center, low.radius)
            elif sympy.sympify(high.radius - low.radius).is_negative:
                found[a] = Round("cone-frustum", low.center, high.center, low.radius, high.radius)
            else:
                found[b] = Round("cone-frustum", high.center, low.center, high.radius, low.radius)
            used |= {a, b}
    return found


def _key(p: Point3) -> tuple[Expr, Expr, Expr]:
    return (p.x, p.y, p.z)


def _closed_groups(faces: list[tuple[str, tuple[Point3, ...]]]) -> list[list[tuple[str, tuple[Point3, ...]]]]:
    """The sets of faces joined edge to edge in which every edge belongs to exactly two faces. A
    polygon with an edge no other polygon has (a section drawn inside, a face of nothing) is
    set aside first, and so on until none is left."""
    sides = [
        [frozenset((_key(a), _key(b))) for a, b in zip(vertices, vertices[1:] + vertices[:1], strict=False)]
        for _, vertices in faces
    ]
    alive = set(range(len(faces)))
    while True:
        edges: dict[frozenset, list[int]] = {}
        for i in sorted(alive):
            for edge in sides[i]:
                edges.setdefault(edge, []).append(i)
        loose = {owners[0] for owners in edges.values() if len(owners) == 1}
        if not loose:
            break
        alive -= loose
    groups, seen = [], set()
    for start in sorted(alive):
        if start in seen:
            continue
        group, todo = [], [start]
        seen.add(start)
        while todo:  # the faces reached across shared edges
            i = todo.pop()
            group.append(i)
            for edge in sides[i]:
                todo += [j for j in edges[edge] if j not in seen]
                seen.update(edges[edge])
        if len(group) >= 4 and all(len(edges[edge]) == 2 for i in group for edge in sides[i]):
            groups.append([faces[i] for i in sorted(group)])
    return groups


def _convex(faces: list[tuple[Point3, ...]]) -> bool:
    """Every corner on one side of (or in) each face's plane."""
    corners = {_key(v): v for f in faces for v in f}.values()
    for face in faces:
        plane = _plane_of(face)
        sides = {sympy.sign(_clean(dot(plane.n, v - plane.p))) for v in corners} - {0}
        if len(sides) > 1:
            return False
    return True


def _classify(faces: list[tuple[Point3, ...]]) -> Polyhedron | None:
    """A prism, frustum or pyramid with GeoGebra's vertex order (base, then the top corner over
    each base corner, or the apex), or None."""
    for i, base in enumerate(faces):
        others = faces[:i] + faces[i + 1 :]
        apex = {_key(v) for v in others[0]}
        for face in others:
            apex &= {_key(v) for v in face}
        if len(apex) == 1 and all(len(f) == 3 for f in others) and len(others) == len(base):
            (top,) = [v for v in others[0] if _key(v) in apex]
            return _pyramid(base, top)
    for i, base in enumerate(faces):
        for j, top in enumerate(faces):
            sides = [f for k, f in enumerate(faces) if k not in (i, j)]
            if j <= i or len(top) != len(base) or len(sides) != len(base) or any(len(f) != 4 for f in sides):
                continue
            if not _is_null(_tidy(cross(_plane_of(base).n, _plane_of(top).n))):
                continue
            over = _over(base, top, sides)
            if over is None:
                continue
            if polygon_area(over) > polygon_area(base):
                base, over = over, _over(over, base, sides)
                if over is None:
                    continue
            return _frustum(base, over)
    return None


def _over(base: tuple[Point3, ...], top: tuple[Point3, ...], sides: list[tuple[Point3, ...]]) -> tuple[Point3, ...] | None:
    """The top's corners in the base's order: each joined to its base corner by a side's edge."""
    tops = {_key(v) for v in top}
    joined = {}
    for face in sides:
        for a, b in zip(face, face[1:] + face[:1], strict=False):
            if _key(a) in tops and _key(b) not in tops:
                joined[_key(b)] = a
            elif _key(b) in tops and _key(a) not in tops:
                joined[_key(a)] = b
    order = tuple(joined.get(_key(v)) for v in base)
    return order if None not in order and len({_key(v) for v in order}) == len(base) else None  # type: ignore[return-value]


def _frustum(base: tuple[Point3, ...], top: tuple[Point3, ...]) -> Polyhedron | None:
    """A prism when the lateral edges are parallel; a frustum when they meet in one point (the
    apex of the pyramid it was cut from), its volume that pyramid's less the one cut off."""
    edges = [Line3(b, _tidy(t - b)) for b, t in zip(base, top, strict=True)]
    if all(_is_null(_tidy(cross(edges[0].d, e.d))) for e in edges):
        equal = all(_is_null(_tidy(e.d - edges[0].d)) for e in edges)
        return _prism(base, edges[0].d) if equal else None
    try:
        apex = _meet(edges[0], edges[1])
    except ConstructionError:
        return None
    if not all(_is_null(_tidy(cross(e.d, _tidy(apex - e.p)))) for e in edges):
        return None
    whole, cut = _pyramid(base, apex), _pyramid(top, apex)
    height = _clean(whole.height - cut.height)
    n = len(base)
    sides = tuple((i, (i + 1) % n, n + (i + 1) % n, n + i) for i in range(n))
    faces = (tuple(range(n)), tuple(range(n, 2 * n))) + sides
    return Polyhedron("frustum", base + top, faces, _clean(whole.volume - cut.volume), height)


def _solid(value: _Value) -> Polyhedron | Round:
    if not isinstance(value.obj, (Polyhedron, Round)):
        raise ConstructionError(f"expected a solid, got a {kind_of(value.obj)}")
    return value.obj


@command("Volume", kind="volume")
def _volume(ev: _Evaluator, solid: _Value) -> Expr:
    return _solid(solid).number()


@command("Height", kind="length")
def _height(ev: _Evaluator, solid: _Value) -> Expr:
    shape = _solid(solid)
    if isinstance(shape, Round) and shape.shape == "sphere":
        raise UnsupportedCommand("a sphere has no height")
    return shape.height


@command("Net", kind="area")
def _net(ev: _Evaluator, solid: _Value, opening: _Value | None = None) -> Net:
    if not isinstance(solid.obj, Polyhedron):
        raise UnsupportedCommand(f"Net of a {kind_of(solid.obj)}")
    return Net(solid.obj.surface())


@command("Side", kind="area")
def _side(ev: _Evaluator, solid: _Value) -> Surface:
    shape = _solid(solid)
    if not isinstance(shape, Round) or shape.shape == "sphere":
        raise UnsupportedCommand(f"Side of a {kind_of(shape)}")
    r, h = shape.radius, shape.height
    return Surface(_clean(2 * sympy.pi * r * h if shape.shape == "cylinder" else sympy.pi * r * shape.slant))


def _end(shape: Round, centre: Point3) -> Circle3:
    return Circle3(centre, _tidy(shape.top - shape.base), shape.radius)


@command("Top")
def _top(ev: _Evaluator, solid: _Value) -> Circle3:
    shape = _solid(solid)
    if not isinstance(shape, Round) or shape.shape != "cylinder":
        raise UnsupportedCommand(f"Top of a {kind_of(shape)}")
    return _end(shape, shape.top)


@command("Bottom")
def _bottom(ev: _Evaluator, solid: _Value) -> Circle3:
    shape = _solid(solid)
    if not isinstance(shape, Round) or shape.shape == "sphere":
        raise UnsupportedCommand(f"Bottom of a {kind_of(shape)}")
    return _end(shape, shape.base)


# --- transformations and circles in space ------------------------------------------------------


def _moved(obj: InSpace, move: Callable[[Point3], Point3], scale: Expr) -> InSpace:
    """An object with each of its points moved (lengths multiplied by ``scale``)."""
    if isinstance(obj, Point3):
        return _tidy(move(obj))
    if isinstance(obj, Segment3):
        p, q = move(obj.p), move(obj.q)
        return Segment3(_tidy(p), _tidy(q - p))
    if isinstance(obj, Line3):
        p = move(obj.p)
        return Line3(_tidy(p), _tidy(move(obj.p + obj.d) - p))
    if isinstance(obj, Polygon3):
        return Polygon3(tuple(_tidy(move(v)) for v in obj.vertices))
    if isinstance(obj, Polyhedron):
        vertices = tuple(_tidy(move(v)) for v in obj.vertices)
        k = sympy.Abs(scale)
        return Polyhedron(obj.shape, vertices, obj.faces, _clean(obj.volume * k**3), _clean(obj.height * k))
    if isinstance(obj, Circle3):
        return Circle3(_tidy(move(obj.center)), obj.normal, _clean(obj.radius * sympy.Abs(scale)))
    if isinstance(obj, Round):
        return Round(obj.shape, _tidy(move(obj.base)), _tidy(move(obj.top)), _clean(obj.radius * sympy.Abs(scale)))
    raise UnsupportedCommand(f"cannot move a {kind_of(obj)}")


@command("Reflect", "Mirror", space=True)
def _mirror(ev: _Evaluator, obj: _Value, about: _Value) -> InSpace:
    """In space: through a point, or in a plane."""
    if not isinstance(obj.obj, InSpace):
        raise ConstructionError(f"Mirror in space takes an object in space, got a {kind_of(obj.obj)}")
    if isinstance(about.obj, (Plane, Polygon3)):
        plane = _plane(about)
        n2 = dot(plane.n, plane.n)
        return _moved(obj.obj, lambda p: p - plane.n.scale(2 * dot(p - plane.p, plane.n) / n2), _ONE)
    centre = _p3(about)
    return _moved(obj.obj, lambda p: centre.scale(2) - p, _ONE)


@command("Translate", space=True)
def _translate(ev: _Evaluator, obj: _Value, by: _Value) -> InSpace:
    shift = by.obj if isinstance(by.obj, Point3) else by.obj.d if isinstance(by.obj, Segment3) else None
    if shift is None or not isinstance(obj.obj, InSpace):
        raise ConstructionError(f"Translate in space takes an object in space and a vector, got a {kind_of(by.obj)}")
    return _moved(obj.obj, lambda p: p + shift, _ONE)


@command("Dilate", space=True)
def _dilate(ev: _Evaluator, obj: _Value, factor: _Value, centre: _Value | None = None) -> InSpace:
    k = ev.number(factor)
    m = _p3(centre) if centre is not None else Point3(_ZERO, _ZERO, _ZERO)
    if not isinstance(obj.obj, InSpace):
        raise ConstructionError(f"Dilate in space takes an object in space, got a {kind_of(obj.obj)}")
    return _moved(obj.obj, lambda p: m + (p - m).scale(k), k)


@command("Circle", space=True)
def _circle(ev: _Evaluator, centre: _Value, radius: _Value, axis: _Value | None = None) -> Circle3:
    """``Circle(M, r, direction)``: the circle about M of radius r in the plane perpendicular to a
    vector or line, or parallel to a plane; ``Circle(line, P)``: the circle P turns on about the line."""
    if axis is not None and all(isinstance(v.obj, (Point, Point3)) for v in (centre, radius, axis)):
        return _circle_through(*(_p3(v) for v in (centre, radius, axis)))
    if axis is None:
        line, p = _line3(centre), _p3(radius)
        foot = _closest_on_line(line, p)
        r = norm(_tidy(p - foot))
        if _is_zero(r):
            raise DegenerateFigure("a point of the axis turns on no circle")
        return Circle3(foot, line.d, r)
    direction = axis.obj
    normal = direction if isinstance(direction, Point3) else direction.d if isinstance(direction, Line3) else None
    if isinstance(direction, Plane):
        normal = direction.n
    if normal is None or _is_null(normal):
        raise ConstructionError(f"Circle in space needs a direction (a vector, line or plane), got a {kind_of(direction)}")
    r = _clean(ev.number(radius))
    if _is_zero(r):
        raise DegenerateFigure("a circle of radius zero")
    return Circle3(_p3(centre), normal, r)


@command("CircleArc", space=True)
def _circle_arc(ev: _Evaluator, centre: _Value, start: _Value, end: _Value) -> Arc3:
    """``CircleArc(M, A, B)`` in space: about M from A, towards the ray MB."""
    m, a, b = _p3(centre), _p3(start), _p3(end)
    u, w = _tidy(a - m), _tidy(b - m)
    if _is_null(u) or _is_null(w) or _is_null(_tidy(cross(u, w))):
        raise DegenerateFigure("an arc about a centre on the line through its ends")
    return Arc3(m, a, w, _angle_between(u, w))


@command("Center", "Centre", space=True)
def _center(ev: _Evaluator, obj: _Value) -> Point3:
    if isinstance(obj.obj, Circle3):
        return obj.obj.center
    if isinstance(obj.obj, Round) and obj.obj.shape == "sphere":
        return obj.obj.base
    raise UnsupportedCommand(f"Center of a {kind_of(obj.obj)}")


def _lifted(p: Point) -> Point3:
    return Point3(p.x, p.y, _ZERO)


TO_SPACE.update(
    {
        Point: _lifted,
        Vector: _lifted,
        Line: lambda g: Line3(_lifted(g.p), _lifted(g.d)),
        Ray: lambda g: Ray3(_lifted(g.p), _lifted(g.d)),
        Segment: lambda s: Segment3(_lifted(s.p), _lifted(s.d)),
        Polygon: lambda poly: Polygon3(tuple(_lifted(v) for v in poly.vertices)),
        Circle: lambda c: Circle3(_lifted(c.center), _UP, c.radius),
    }
)

#: GeoGebra's built-in objects of the 3D view, which files drawn by hand use (``Point(zAxis)``,
#: ``PointIn(xOyPlane)``).
_AXES.update({"zAxis": Line3(_ORIGIN, _UP), "xOyPlane": Plane(_ORIGIN, _UP)})

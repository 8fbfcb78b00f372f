"""A scene: what the derivation engine sees of an evaluated construction.

The scene holds the named points with their exact coordinates, the lines the figure draws (and
which named points lie on each), the triangles those lines form, the stated polygons, circles
and graphs. Theorems read the scene to find where they apply; the *numbers* they may use come
only from the givens the question states (see ``givens``), never from the figure.

Values are computed from 32-digit coordinates and then recognised as school values (a rational,
a rational times √n, a rational times π, an angle of a whole or half number of degrees): the
coordinates are exact algebraic numbers of low degree, so a 24-digit match is no accident, and this is hundreds
of times faster than asking sympy to simplify each value (which, for figures with nested radicals,
takes seconds per quantity). The emitted answer is checked exactly, by the construction's own
evaluation, whatever the engine computed.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.conics import Conic
from variantgen.construction.evaluator import Arc, Circle, Function, Line, Point, Point3, Polygon, Sector, evaluate_expression
from variantgen.construction.space import Circle3, Line3, Polygon3, Polyhedron
from variantgen.derive.quantity import FRUSTA, Quantity
from variantgen.transforms import figure

_DIGITS = 32
MP = mpmath.MPContext()
MP.dps = _DIGITS
_ZERO = MP.mpf("1e-24")
_MAX_DENOMINATOR = 1000
#: r√n with r's denominator up to 100 (20√3/7: its square 1200/49).
_MAX_SQUARE_DENOMINATOR = 10**4
_POINT = re.compile(r"^[A-Z]\w*$")
#: More points than this and the triangles of a figure are too many to reason about usefully.
MAX_POINTS = 12


def numeric(value: Any) -> Any:
    """A 32-digit real (an ``MP.mpf``) of a sympy value or a number; raises TypeError if not real."""
    return _numeric(value) if isinstance(value, sympy.Basic) else MP.mpf(value)


@functools.lru_cache(maxsize=4096)
def _numeric(value: sympy.Basic) -> Any:
    """Cached: the scenes of one seed (bare, and with each auxiliary object) share their points."""
    number = sympy.N(value, _DIGITS + 5)
    if not number.is_real:
        raise TypeError(f"{value} is not a real number")
    return MP.mpf(str(number))


def is_zero(value: Any) -> bool:
    try:
        return bool(abs(numeric(value)) < _ZERO)
    except TypeError:  # a complex or undefined value is not zero
        return False


def same(a: Any, b: Any) -> bool:
    """Equal to 24 digits, relative to their size."""
    try:
        x, y = numeric(a), numeric(b)
        return bool(abs(x - y) <= _ZERO * max(1, abs(x), abs(y)))
    except TypeError:
        return False


@functools.lru_cache(maxsize=8192)
def recognise(x: Any, kind: str = "number", rough: bool = False) -> sympy.Expr | None:
    """The school value equal to ``x`` to 24 digits (see the module docstring), else None.

    ``rough``: ``x`` is a double, and the value is only proposed (equal to 12 digits); the engine
    reads every quantity of a figure this way and confirms at 32 digits only those a question's
    solution states (``Scene.confirmed``)."""
    rational = _proposed if rough else _rational
    pi = math.pi if rough else MP.pi
    if kind == "angle":
        degrees = rational(2 * x * 180 / pi)
        return None if degrees is None or not 0 < degrees < 360 else degrees / 2 * sympy.pi / 180
    if (r := rational(x)) is not None:
        return r
    if (r := rational(x / pi)) is not None:
        return r * sympy.pi
    if (r := rational(x * pi)) is not None and r != 0:
        return r / sympy.pi
    if x > 0 and (r := rational(x * x, _MAX_SQUARE_DENOMINATOR)) is not None:
        return sympy.sqrt(r)
    if x < 0 and (r := rational(x * x, _MAX_SQUARE_DENOMINATOR)) is not None:
        return -sympy.sqrt(r)
    return None


def _proposed(x: float, max_denominator: int = _MAX_DENOMINATOR) -> sympy.Rational | None:
    """The fraction a double proposes. Its tolerance (1e-12, relative) is well above double
    rounding (1e-15), so a school value is not missed, and narrow enough that few other numbers
    pass; ``Scene.confirmed`` settles those few."""
    found = _fraction(x, max_denominator, 1e-12)
    return None if found is None else sympy.Rational(*found)


def _rational(x: Any, max_denominator: int = _MAX_DENOMINATOR) -> sympy.Rational | None:
    """A fraction with a small denominator equal to ``x`` to 24 digits: the continued fraction of
    the float proposes it, the 32-digit value confirms it."""
    found = _fraction(float(x), max_denominator, 1e-12)
    if found is None:
        return None
    h, k = found
    if abs(x * k - h) >= _ZERO * k * max(1, abs(x)):
        return None
    return sympy.Rational(h, k)


def _fraction(approx: float, max_denominator: int, tolerance: float) -> tuple[int, int] | None:
    """The first convergent h/k of ``approx``'s continued fraction within ``tolerance`` (relative),
    if its denominator stays at most ``max_denominator``. A true h/k with k in range is always
    found: it is a convergent of any number closer to it than 1/(2k²)."""
    if not abs(approx) <= 10**9:
        return None
    h0, h1, k0, k1, rest = 0, 1, 1, 0, approx
    for _ in range(40):
        term = math.floor(rest)
        h0, h1, k0, k1 = h1, term * h1 + h0, k1, term * k1 + k0
        if k1 > max_denominator:
            return None
        if abs(approx - h1 / k1) <= tolerance * max(1.0, abs(approx)):
            return h1, k1
        if rest == term:
            return None
        rest = 1 / (rest - term)
    return None


@dataclass(frozen=True)
class Drawn:
    """A line the figure draws (a polygon side, a segment, a line) and the named points on it, in order."""

    points: tuple[str, ...]


@dataclass(frozen=True)
class CircleInfo:
    label: str
    centre: str | None
    on: tuple[str, ...]


@dataclass(frozen=True)
class ConicInfo:
    """An ellipse, hyperbola or parabola of the figure: its label, kind, its foci (a parabola's one)
    where points name them, the named points on the curve, and a parabola's vertex where a point
    names it."""

    label: str
    kind: str
    foci: tuple[str, ...] | None
    on: tuple[str, ...]
    vertex: str | None = None


@dataclass(frozen=True)
class ArcInfo:
    """The minor arc (or a semicircle) about a named centre from ``start`` counter-clockwise to
    ``end``: one the figure draws (``label``: an arc or, with ``sector``, a sector), or one that two
    drawn radii cut off (``label`` None). A drawn major arc is none: a question would have to name
    it by a third point, and no theorem here reads one."""

    centre: str
    start: str
    end: str
    label: str | None = None
    sector: bool = False

    @property
    def args(self) -> tuple[str, str, str]:
        return (self.centre, self.start, self.end)


@dataclass(frozen=True)
class SolidInfo(figure.Solid):
    """A solid of the figure whose corners (or centres) are named points, with ``shape`` what the
    engine reasons about: cube, cuboid, prism, regular-pyramid, pyramid, regular-frustum, frustum,
    cylinder, cone or sphere (``corners`` as ``figure.Solid`` orders them)."""

    @property
    def edges(self) -> list[tuple[str, str]]:
        """A polyhedron's edges: around the base (and the top), and up the sides."""
        base, n = self.base, len(self.base)
        around = [(base[i], base[(i + 1) % n]) for i in range(n)]
        if self.top:
            top = self.top
            return around + [(top[i], top[(i + 1) % n]) for i in range(n)] + list(zip(base, top, strict=True))
        if base:
            return around + [(self.corners[0], b) for b in base]
        return []


@dataclass
class Scene:
    """Build with :meth:`from_construction` (or ``scene_of``, which remembers recent scenes)."""

    construction: Construction
    objects: dict[str, Any]
    points: dict[str, Point]
    lines: list[Drawn]
    triangles: list[tuple[str, str, str]]
    polygons: list[tuple[str, ...]]
    circles: list[CircleInfo]
    functions: list[str]
    approx: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    #: The relations the question states (midpoints, tangents, parallels, ...): theorems that need
    #: one look here for where they apply, and the engine holds it as a known premise.
    relations: tuple[Quantity, ...] = ()
    #: The question asks its answer rounded: a quantity with no school value still has a value,
    #: its 30-digit decimal, so a derivation can go on through 10·sin 35° (Geometry3K's problems).
    rounded: bool = False
    _values: dict[Quantity, sympy.Expr | None] = field(default_factory=dict, repr=False)
    _unconfirmed: set[Quantity] = field(default_factory=set, repr=False)  # read in doubles only
    _refuted: set[Quantity] = field(default_factory=set, repr=False)  # read in doubles, wrongly
    _right: dict[tuple[str, str, str], bool] = field(default_factory=dict, repr=False)
    _angles: dict[tuple[str, str, str, str], Quantity] = field(default_factory=dict, repr=False)
    _lengths: dict[tuple[str, str], Quantity] = field(default_factory=dict, repr=False)
    _polygonal: dict[tuple[str, ...], Quantity] = field(default_factory=dict, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_construction(cls, construction: Construction) -> Scene:
        objects = cached_evaluate(construction).objects
        # A figure in space reasons about its points in space: lengths, right angles and triangles
        # are the same ideas there, and the points' coordinates have three numbers.
        space = any(isinstance(p, Point3) for p in objects.values())
        points = {n: p for n, p in objects.items() if isinstance(p, Point3 if space else Point) and _POINT.match(n)}
        if len(points) > MAX_POINTS:  # the points the picture shows first: hidden helpers are the ones left out
            hidden = set(construction.style.get("hidden", []))
            points = dict(sorted(points.items(), key=lambda item: item[0] in hidden)[:MAX_POINTS])
        approx = {n: _coordinates(p) for n, p in points.items()}
        lines = _drawn_lines(construction, objects, approx)
        polygons = [polygon.vertices for polygon in figure.polygons(construction)]
        polygons += [face for solid in figure.solids(construction) for face in solid.faces]  # a solid's faces
        joined = {frozenset(pair) for line in lines for pair in itertools.combinations(line.points, 2)}
        triangles = [
            t
            for t in itertools.combinations(sorted(points), 3)
            if all(frozenset(pair) in joined for pair in itertools.combinations(t, 2)) and not _collinear(approx, t)
        ]
        circles = _circles(objects, approx)
        functions = [n for n, obj in objects.items() if isinstance(obj, Function)]
        return cls(
            construction,
            objects,
            points,
            lines,
            triangles,
            [p for p in polygons if all(v in points for v in p)],
            circles,
            functions,
            approx,
        )

    # Quantities in canonical form -----------------------------------------------------------

    def length(self, a: str, b: str) -> Quantity:
        key = (a, b) if a < b else (b, a)
        found = self._lengths.get(key)
        if found is None:
            found = self._lengths[key] = Quantity("length", key)
        return found

    @property
    def in_space(self) -> bool:
        return any(len(at) == 3 for at in self.approx.values())

    def angle(self, a: str, vertex: str, c: str, kind: str = "angle") -> Quantity:
        """The non-reflex angle at ``vertex``, with its ends ordered so GeoGebra's counter-clockwise
        ``Angle`` measures it (≤ 180°); ∠ABC and ∠CBA are the same quantity. (In space GeoGebra's
        ``Angle`` of three points is never reflex: the ends stay in alphabetical order.)"""
        key = (min(a, c), vertex, max(a, c), kind)
        if key not in self._angles:
            first, last = key[0], key[2]
            if not self.in_space:
                (px, py), (qx, qy), (rx, ry) = (self.approx[n] for n in (first, vertex, last))
                if (px - qx) * (ry - qy) - (py - qy) * (rx - qx) < 0:  # counter-clockwise from first is reflex
                    first, last = last, first
            self._angles[key] = Quantity(kind, (first, vertex, last))
        return self._angles[key]

    def area(self, *vertices: str) -> Quantity:
        return self._polygon_quantity("area", vertices)

    def perimeter(self, *vertices: str) -> Quantity:
        return self._polygon_quantity("perimeter", vertices)

    def _polygon_quantity(self, kind: str, vertices: tuple[str, ...]) -> Quantity:
        key = (kind, *vertices)
        found = self._polygonal.get(key)
        if found is None:
            found = Quantity(kind, self._polygon_order(vertices))
            self._polygonal[key] = found
        return found

    def distance_to_line(self, p: str, a: str, b: str) -> Quantity:
        return Quantity("distance-to-line", (p, *sorted((a, b))))

    def triangle_quantity(self, kind: str, t: tuple[str, ...]) -> Quantity:
        """``circumradius`` or ``inradius`` of a triangle (vertices sorted)."""
        return Quantity(kind, tuple(sorted(t)))

    def circle_quantity(self, kind: str, circle: CircleInfo) -> Quantity:
        return Quantity(kind, (circle.label, circle.centre or circle.label))

    @property
    def unnamed(self) -> set[str]:
        """The objects whose names the picture does not show (hidden, or drawn without their label)."""
        style = self.construction.style
        return set(style.get("hidden", [])) | set(style.get("label_hidden", []))

    def arcs(self) -> list[ArcInfo]:
        """The arcs and sectors the figure draws, and the minor arcs its drawn radii cut off."""
        return self.memo("arcs", lambda: _arcs(self))

    def solids(self) -> list[SolidInfo]:
        """The figure's solids whose corners (centres) are named points."""
        return self.memo("solids", lambda: _solids(self))

    def solid_quantity(self, kind: str, solid: SolidInfo) -> Quantity:
        """``volume``, ``surface-area`` or ``lateral-area`` of a solid."""
        if solid.shape == "cone-frustum":  # its rims: the base's is its label, the top's a part
            return Quantity(kind, (solid.label, solid.shape, *solid.corners, *solid.parts))
        return Quantity(kind, (solid.label, solid.shape, *(solid.corners if solid.shape in FRUSTA else solid.base)))

    def conics(self) -> list[ConicInfo]:
        """The ellipses and hyperbolas of the figure, with their named foci and points."""
        return self.memo("conics", lambda: _conics(self))

    def arc_quantity(self, kind: str, arc: ArcInfo) -> Quantity:
        """``arc`` (its length), ``sector`` (the sector's area) or ``segment`` (the area between
        the chord and the arc)."""
        return Quantity(kind, arc.args)

    def _polygon_order(self, vertices: tuple[str, ...]) -> tuple[str, ...]:
        """A stated polygon keeps its order (ABCD); a triangle is sorted (ABC = BCA)."""
        for polygon in self.polygons:
            if set(polygon) == set(vertices) and len(polygon) == len(vertices):
                return polygon if len(polygon) > 3 else tuple(sorted(polygon))
        return tuple(sorted(vertices)) if len(vertices) == 3 else tuple(vertices)

    # Values -----------------------------------------------------------------------------------

    def value(self, quantity: Quantity) -> sympy.Expr | None:
        """The quantity's school value (None: undefined here, or no value a student would write)."""
        if quantity not in self._values and quantity.kind == "segment":  # 6π − 9√3: a sector less a triangle
            sector, triangle = self.value(Quantity("sector", quantity.args)), self.value(self.area(*quantity.args))
            self._values[quantity] = None if sector is None or triangle is None else sector - triangle
            if sector is not None and triangle is not None:
                self._unconfirmed.add(quantity)
        if quantity not in self._values:
            rough = _rough(self, quantity) if quantity.is_measure else None
            if rough is not None:
                found = recognise(rough, quantity.answer_kind, rough=True)
                if found is not None:
                    self._unconfirmed.add(quantity)
                self._values[quantity] = found
            else:
                x = self.numeric(quantity) if quantity.is_measure else None
                self._values[quantity] = None if x is None else recognise(x, quantity.answer_kind)
            if self._values[quantity] is None and self.rounded and quantity.is_measure:
                x = self.numeric(quantity)
                self._values[quantity] = None if x is None else sympy.Float(MP.nstr(x, 30), 30)
        return self._values[quantity]

    def confirmed(self, quantity: Quantity) -> bool:
        """Whether the quantity's value, read in double precision, holds to 24 digits. A value
        that does not stays refuted, and the caller drops every derivation that used it."""
        if quantity in self._unconfirmed:
            self._unconfirmed.discard(quantity)
            x = self.numeric(quantity)
            if x is None or not same(x, self._values[quantity]):
                self._refuted.add(quantity)
        return quantity not in self._refuted

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per scene: what several theorems read off the figure (its isosceles
        triangles) is found once per engine run, not once per theorem."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def stated(self, kind: str) -> Iterator[Quantity]:
        """The stated relations of one kind (``midpoint``, ``foot``, ``parallel``, ...), for the
        theorems that apply only where the question states one."""
        return (relation for relation in self.relations if relation.kind == kind)

    def share_values(self, other: Scene) -> None:
        """Take over the values measured in ``other``, a scene of the same points and more: this
        figure adds objects to that one and moves none of its points."""
        if all(self.points.get(name) == point for name, point in other.points.items()):
            for quantity, value in other._values.items():
                if quantity not in self._values:
                    self._values[quantity] = value
                    if quantity in other._unconfirmed:
                        self._unconfirmed.add(quantity)
                    if quantity in other._refuted:
                        self._refuted.add(quantity)

    def numeric(self, quantity: Quantity) -> Any:
        """The quantity's value to 32 digits, from the coordinates (None: undefined here)."""
        try:
            return _measure(self, quantity)
        except (KeyError, ZeroDivisionError, ValueError, TypeError):
            return None

    # Relations read off the figure (only ever used as conditions, never as numbers) ---------------

    def collinear(self, *names: str) -> bool:
        return _collinear(self.approx, names)

    def between(self, a: str, b: str, c: str) -> bool:
        """``b`` lies strictly between ``a`` and ``c`` on a line."""
        p, q, r = (self.approx[n] for n in (a, b, c))
        return self.collinear(a, b, c) and bool(dot(minus(p, q), minus(r, q)) < -_ZERO)

    def foot(self, p: str, a: str, b: str) -> tuple[tuple[Any, ...], Any]:
        """The foot of the perpendicular from P to line AB: its coordinates and its place along AB
        (0 at A, 1 at B)."""
        at, start, end = (self.approx[n] for n in (p, a, b))
        d = minus(end, start)
        t = dot(minus(at, start), d) / dot(d, d)
        return tuple(s + t * c for s, c in zip(start, d, strict=True)), t

    def on_line(self, p: str, a: str, b: str) -> bool:
        return self.collinear(p, a, b)

    def line_through(self, a: str, b: str) -> Drawn | None:
        return next((line for line in self.lines if a in line.points and b in line.points), None)

    def is_right(self, a: str, vertex: str, c: str) -> bool:
        key = (min(a, c), vertex, max(a, c))
        if key not in self._right:
            p, q, r = (self.approx[n] for n in (a, vertex, c))
            self._right[key] = bool(abs(dot(minus(p, q), minus(r, q))) < _ZERO * 1e6)
        return self._right[key]

    def parallel(self, a: str, b: str, c: str, d: str) -> bool:
        p, q, r, s = (self.approx[n] for n in (a, b, c, d))
        return bool(cross_size(minus(q, p), minus(s, r)) < _ZERO * 1e6)

    def equal_lengths(self, *pairs: tuple[str, str]) -> bool:
        values = [self.numeric(self.length(*pair)) for pair in pairs]
        return all(v is not None for v in values) and all(same(values[0], v) for v in values[1:])


def _coordinates(p: Point | Point3) -> tuple[Any, ...]:
    if isinstance(p, Point3):
        return (numeric(p.x), numeric(p.y), numeric(p.z))
    return (numeric(p.x), numeric(p.y))


def minus(p: tuple[Any, ...], q: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(a - b for a, b in zip(p, q, strict=True))


def dot(u: tuple[Any, ...], v: tuple[Any, ...]) -> Any:
    return sum((a * b for a, b in zip(u, v, strict=True)), 0)


def cross3(u: tuple[Any, ...], v: tuple[Any, ...]) -> tuple[Any, Any, Any]:
    """The cross product, a plane vector taken as lying at height 0."""
    (ux, uy, uz), (vx, vy, vz) = (tuple(u) + (0,) * (3 - len(u))), (tuple(v) + (0,) * (3 - len(v)))
    return (uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx)


def cross_size(u: tuple[Any, ...], v: tuple[Any, ...], M: Any = MP) -> Any:
    return M.sqrt(dot(cross3(u, v), cross3(u, v)))


def _distance(p: tuple[Any, ...], q: tuple[Any, ...], M: Any = MP) -> Any:
    return M.sqrt(sum((a - b) ** 2 for a, b in zip(p, q, strict=True)))


def _area(points: list[tuple[Any, ...]], M: Any = MP) -> Any:
    n = len(points)
    if len(points[0]) == 2:
        return abs(sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n))) / 2
    total = (0, 0, 0)
    for i in range(n):  # a polygon in space: half the length of its vector area
        total = tuple(t + c for t, c in zip(total, cross3(points[i], points[(i + 1) % n]), strict=True))
    return M.sqrt(dot(total, total)) / 2


def _rough(scene: Scene, q: Quantity) -> float | None:
    """The quantity in double precision, where the coordinates give it (None: not cheaply, or undefined)."""
    if "rough" not in scene._memo:
        scene._memo["rough"] = {n: tuple(float(c) for c in at) for n, at in scene.approx.items()}
    try:
        value = _measure(scene, q, scene._memo["rough"], mpmath.fp)
    except (KeyError, ZeroDivisionError, ValueError, TypeError):
        return None
    return None if value is None else float(value)


def _measure(scene: Scene, q: Quantity, at: dict[str, tuple[Any, Any]] | None = None, M: Any = MP) -> Any:
    """A quantity's value from the 32-digit coordinates (GeoGebra's meaning of its expression);
    from ``at`` in the arithmetic of ``M`` (``mpmath.fp``: doubles) when given, and then None for
    what the coordinates alone do not give (a circle's radius, a graph's values)."""
    at = scene.approx if at is None else at
    rough = M is not MP
    a = q.args
    match q.kind:
        case "length":
            return _distance(at[a[0]], at[a[1]], M)
        case "angle" | "sin" | "cos" | "tan":
            angle = _spread(at, (a[1], a[0], a[2]), M) if len(at[a[1]]) == 3 else _turn(at, (a[1], a[0], a[2]), M)
            return angle if q.kind == "angle" else getattr(M, q.kind)(angle)
        case "area":
            return _area([at[n] for n in a], M)
        case "perimeter":
            return sum(_distance(at[a[i]], at[a[(i + 1) % len(a)]], M) for i in range(len(a)))
        case "distance-to-line":
            p, q, r = at[a[0]], at[a[1]], at[a[2]]
            return cross_size(minus(r, q), minus(p, q), M) / _distance(q, r, M)
        case "radius" | "diameter" | "circumference" | "circle-area":
            if rough:
                return None
            r = numeric(scene.objects[a[0]].radius)
            return {"radius": r, "diameter": 2 * r, "circumference": 2 * MP.pi * r, "circle-area": MP.pi * r * r}[q.kind]
        case "arc" | "sector" | "segment":
            turn, r = _turn(at, a, M), _distance(at[a[0]], at[a[1]], M)
            return {"arc": r * turn, "sector": r * r * turn / 2, "segment": r * r * (turn - M.sin(turn)) / 2}[q.kind]
        case "circumradius":
            x, y, z = (_distance(at[a[i]], at[a[(i + 1) % 3]], M) for i in range(3))
            return x * y * z / (4 * _area([at[n] for n in a], M))
        case "inradius":
            perimeter = sum(_distance(at[a[i]], at[a[(i + 1) % 3]], M) for i in range(3))
            return 2 * _area([at[n] for n in a], M) / perimeter
        case "x" | "y":
            return at[a[0]][0 if q.kind == "x" else 1]
        case "slope":
            (ax, ay), (bx, by) = at[a[0]], at[a[1]]
            return (by - ay) / (bx - ax)
        case "intercept":  # where line AB meets the y-axis
            (ax, ay), (bx, by) = at[a[0]], at[a[1]]
            return ay - ax * (by - ay) / (bx - ax)
    if rough:
        return None
    try:  # graphs and anything else: the exact evaluator
        value, _ = evaluate_expression(q.expression(), scene.objects)
    except ConstructionError:
        return None
    return numeric(value) if isinstance(value, sympy.Expr) else None


def _collinear(approx: dict[str, tuple[Any, ...]], names: tuple[str, ...]) -> bool:
    a, b = approx[names[0]], approx[names[1]]
    return all(cross_size(minus(b, a), minus(approx[name], a)) <= _ZERO * 1e6 for name in names[2:])


def _drawn_lines(construction: Construction, objects: dict[str, Any], approx: dict[str, tuple[Any, ...]]) -> list[Drawn]:
    """Every line the figure draws (in space too: a solid's edges), with the named points on it
    sorted along it."""
    carriers: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []  # (a point, the direction)
    for obj in objects.values():
        if isinstance(obj, (Line, Line3)):
            carriers.append((_coordinates(obj.p), _coordinates(obj.d)))
        elif isinstance(obj, (Polygon, Polygon3)):
            vertices = [_coordinates(v) for v in obj.vertices]
            for p, q in zip(vertices, vertices[1:] + vertices[:1], strict=True):
                carriers.append((p, minus(q, p)))
        elif isinstance(obj, Polyhedron):
            vertices = [_coordinates(v) for v in obj.vertices]
            carriers += [(vertices[i], minus(vertices[j], vertices[i])) for i, j in obj.edges()]
        elif isinstance(obj, Sector):  # its two radii
            centre = _coordinates(obj.circle.center)
            for end in (obj.start, obj.end):
                carriers.append((centre, minus(_coordinates(end), centre)))
    lines: list[Drawn] = []
    seen: set[tuple[str, ...]] = set()
    for p, d in carriers:
        norm = sum(abs(c) for c in d)
        if norm < _ZERO or len(p) != len(next(iter(approx.values()), p)):
            continue
        on = [(n, dot(minus(at, p), d)) for n, at in approx.items() if cross_size(minus(at, p), d) < _ZERO * 1e6 * norm]
        names = tuple(n for n, _ in sorted(on, key=lambda item: item[1]))
        key = tuple(sorted(names))
        if len(names) >= 2 and key not in seen:
            seen.add(key)
            lines.append(Drawn(names))
    # A line and a segment along it: keep the one with more points.
    return [line for line in lines if not any(set(line.points) < set(other.points) for other in lines)]


def _named_at(approx: dict[str, tuple[Any, ...]], point: Point | Point3) -> str | None:
    """The name of the figure's point at ``point`` (a centre, a focus, an arc's end, a solid's
    corner), if it has one."""
    at = _coordinates(point)
    close = _ZERO * 1e6
    return next((n for n, p in approx.items() if len(p) == len(at) and sum(abs(c) for c in minus(p, at)) < close), None)


def _circles(objects: dict[str, Any], approx: dict[str, tuple[Any, Any]]) -> list[CircleInfo]:
    found = []
    for label, obj in objects.items():
        if isinstance(obj, Circle3):  # in space (a sphere's section): the points at r from its centre in its plane
            c, n, r2 = _coordinates(obj.center), _coordinates(obj.normal), numeric(obj.radius**2)
            on = tuple(
                name
                for name, p in approx.items()
                if len(p) == 3
                and abs(dot(minus(p, c), minus(p, c)) - r2) < _ZERO * 1e6 * max(1, r2)
                and abs(dot(minus(p, c), n)) < _ZERO * 1e6 * max(1, r2)
            )
            found.append(CircleInfo(label, _named_at(approx, obj.center), on))
            continue
        if not isinstance(obj, Circle):
            continue
        cx, cy = numeric(obj.center.x), numeric(obj.center.y)
        r2 = numeric(obj.radius**2)
        centre = _named_at(approx, obj.center)
        on = tuple(n for n, (x, y) in approx.items() if abs((x - cx) ** 2 + (y - cy) ** 2 - r2) < _ZERO * 1e6 * max(1, r2))
        found.append(CircleInfo(label, centre, on))
    return found


def _conics(scene: Scene) -> list[ConicInfo]:
    found = []
    for label, obj in scene.objects.items():
        if not isinstance(obj, Conic):
            continue
        foci = [_named_at(scene.approx, f) for f in obj.foci]
        named = tuple(foci) if None not in foci else None
        on = tuple(
            n
            for n in scene.approx
            if named and n not in named and _on_conic(obj, scene.approx[n], [scene.approx[f] for f in named])
        )
        vertex = next((n for n, at in scene.points.items() if at == obj.center), None) if obj.kind == "parabola" else None
        found.append(ConicInfo(label, obj.kind, named, on, vertex))  # type: ignore[arg-type]
    return found


def _on_conic(conic: Conic, at: tuple[Any, Any], foci: list[tuple[Any, Any]]) -> bool:
    """Whether a point lies on the conic: its focal sum (difference) is 2a; on a parabola, its
    distance to the focus equals its distance to the directrix."""
    r = [_distance(at, f) for f in foci]
    if conic.kind == "parabola":
        (x, y), (cx, cy), (ux, uy) = (
            at,
            (numeric(conic.center.x), numeric(conic.center.y)),
            (numeric(conic.axis.x), numeric(conic.axis.y)),
        )
        to_directrix = (x - cx) * ux + (y - cy) * uy + numeric(conic.a) / 2
        return bool(abs(r[0] - to_directrix) < _ZERO * 1e6 * max(1, abs(r[0])))
    two_a = 2 * numeric(conic.a)
    return bool(abs((r[0] + r[1] if conic.kind == "ellipse" else abs(r[0] - r[1])) - two_a) < _ZERO * 1e6 * max(1, two_a))


def _arcs(scene: Scene) -> list[ArcInfo]:
    found: dict[tuple[str, str, str], ArcInfo] = {}
    for label, obj in scene.objects.items():
        if not isinstance(obj, Arc):
            continue
        o, a, b = (_named_at(scene.approx, p) for p in (obj.circle.center, obj.start, obj.end))
        if None in (o, a, b) or len({o, a, b}) < 3:
            continue
        arc = ArcInfo(o, a, b, label, isinstance(obj, Sector))  # type: ignore[arg-type]
        radii = (_distance(scene.approx[o], scene.approx[a]), _distance(scene.approx[o], scene.approx[b]))
        if _turn(scene.approx, arc.args) <= MP.pi + _ZERO * 1e6 and same(*radii):
            found.setdefault(arc.args, arc)
    for circle in scene.circles:
        o = circle.centre
        if o is None or len(scene.approx[o]) == 3:  # a circle in space has no turning sense: no arcs of it
            continue
        for a, b in itertools.combinations(circle.on, 2):
            if not scene.collinear(o, a, b) and scene.line_through(o, a) and scene.line_through(o, b):
                if _turn(scene.approx, (o, a, b)) > MP.pi:
                    a, b = b, a
                found.setdefault((o, a, b), ArcInfo(o, a, b))
    return list(found.values())


def _spread(at: dict[str, tuple[Any, ...]], args: tuple[str, ...], M: Any = MP) -> Any:
    """The angle at ``args[0]`` between the rays to ``args[1]`` and ``args[2]`` (0 to π): in
    space an angle has no turning sense."""
    o, p, q = (at[n] for n in args[:3])
    u, v = minus(p, o), minus(q, o)
    return M.atan2(cross_size(u, v, M), dot(u, v))


def _solids(scene: Scene) -> list[SolidInfo]:
    """The figure's solids, each classified as the engine reasons about it (a prism that is a cuboid)."""
    found = []
    for solid in figure.solids(scene.construction):
        if not set(solid.corners) <= set(scene.points):
            continue
        shape = solid.shape
        if solid.is_prism:
            shape = _prism_shape(scene, solid.corners)
        elif shape in ("pyramid", "tetrahedron"):
            shape = "regular-pyramid" if _regular_pyramid(scene, solid.corners) else "pyramid"
        elif shape == "frustum" and _regular_frustum(scene, solid):
            shape = "regular-frustum"
        rim = tuple(p for p in solid.rim if p in scene.points)
        found.append(SolidInfo(solid.label, shape, solid.corners, rim, solid.parts))
    return found


def _prism_shape(scene: Scene, corners: tuple[str, ...]) -> str:
    """cube, cuboid (a right prism on a rectangle), right-prism (its lateral edges perpendicular to
    its base) or prism."""
    n = len(corners) // 2
    base, top = corners[:n], corners[n:]
    right = all(
        scene.is_right(top[i], base[i], base[(i + 1) % n]) and scene.is_right(top[i], base[i], base[i - 1]) for i in range(n)
    )
    rectangle = n == 4 and all(scene.is_right(base[i - 1], base[i], base[(i + 1) % n]) for i in range(4))
    if not right:
        return "prism"
    if not rectangle:
        return "right-prism"
    edges = [
        scene.numeric(scene.length(base[0], base[1])),
        scene.numeric(scene.length(base[1], base[2])),
        scene.numeric(scene.length(base[0], top[0])),
    ]
    return "cube" if same(edges[0], edges[1]) and same(edges[0], edges[2]) else "cuboid"


def _regular_frustum(scene: Scene, solid: figure.Solid) -> bool:
    """Cut from a regular pyramid: a regular base, and its lateral edges all as long."""
    edges = [_distance(scene.approx[b], scene.approx[t]) for b, t in zip(solid.base, solid.top, strict=True)]
    return _regular_base(scene, solid.base) is not None and all(same(edges[0], e) for e in edges)


def _regular_pyramid(scene: Scene, corners: tuple[str, ...]) -> bool:
    """A regular base with the apex over its centre."""
    apex, base = corners[0], corners[1:]
    centre = _regular_base(scene, base)
    if centre is None:
        return False
    up = minus(scene.approx[apex], centre)
    return all(abs(dot(up, minus(scene.approx[b], centre))) < _ZERO * 1e6 for b in base)


def _regular_base(scene: Scene, base: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The centre of a regular polygon (equal sides, corners equally far from its centre), or None."""
    n = len(base)
    at = [scene.approx[b] for b in base]
    centre = tuple(sum(p[k] for p in at) / n for k in range(3))
    sides = [_distance(at[i], at[(i + 1) % n]) for i in range(n)]
    spokes = [_distance(p, centre) for p in at]
    return centre if all(same(sides[0], x) for x in sides) and all(same(spokes[0], x) for x in spokes) else None


def _turn(at: dict[str, tuple[Any, Any]], args: tuple[str, ...], M: Any = MP) -> Any:
    """The angle about ``args[0]`` from ``args[1]`` counter-clockwise to ``args[2]`` (0 to 2π)."""
    (ox, oy), (px, py), (qx, qy) = (at[n] for n in args[:3])
    u, v = (px - ox, py - oy), (qx - ox, qy - oy)
    turn = M.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1])
    return turn if turn >= 0 else turn + 2 * M.pi


@functools.lru_cache(maxsize=64)
def scene_of(construction: Construction) -> Scene:
    """A scene per construction: a family asks it in four corners and the search asks it many times."""
    return Scene.from_construction(construction)

"""Ellipses, hyperbolas and parabolas, exact, with GeoGebra's commands and meanings.

A conic is kept by its focal data, the way GeoGebra's own commands build one:

- ``Ellipse(F1, F2, a)`` and ``Hyperbola(F1, F2, a)``: foci and the semi-major (real semi-)axis
  length ``a``, or a point of the curve instead of ``a``;
- ``Parabola(F, d)``: focus and directrix.

What a question asks of one: ``Eccentricity``, ``LinearEccentricity`` (centre to focus, c),
``SemiMajorAxisLength`` (a), ``SemiMinorAxisLength`` (b) and ``Parameter`` (a parabola's focus to
directrix, p), ``Directrix`` (a parabola's one; an ellipse's or hyperbola's pair) and a
hyperbola's ``Asymptote`` pair; ``Center``. Its foci are points a construction names itself. For an ellipse c² = a² − b², for
a hyperbola c² = a² + b²; the eccentricity is c/a (1 for a parabola). ``conic_from_equation``
reads the axis-parallel equations a ``.ggb`` file writes (``x²/25 + y²/9 = 1``, ``(y-1)²/4 - x² = 1``,
``y² = 8x``) as such commands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy
from sympy import Expr

from variantgen.construction.errors import ConstructionError, DegenerateFigure, UnsupportedCommand
from variantgen.construction.evaluator import (
    Line,
    LinePair,
    Point,
    _clean,
    _Evaluator,
    _is_zero,
    _norm,
    _p,
    _point,
    _Value,
    command,
    written,
    written_point,
)
from variantgen.construction.syntax import BinOp, Name, Neg, Node, Num, parse_expression


@dataclass(frozen=True)
class Conic:
    """``kind``: ellipse, hyperbola or parabola. ``center`` (a parabola's vertex), ``axis`` (a unit
    vector along the major or real axis; a parabola's, from the vertex towards the focus), ``a``
    and ``b`` (semi-axes; a parabola: ``a`` is p, its focus-to-directrix distance, ``b`` 0)."""

    kind: str
    center: Point
    axis: Point
    a: Expr
    b: Expr

    @property
    def c(self) -> Expr:
        if self.kind == "parabola":
            return self.a / 2
        return _clean(sympy.sqrt(self.a**2 - self.b**2 if self.kind == "ellipse" else self.a**2 + self.b**2))

    @property
    def symmetry_centre(self) -> Point:
        """What GeoGebra's ``Center`` gives: an ellipse's or hyperbola's centre (a parabola has none)."""
        if self.kind == "parabola":
            raise UnsupportedCommand("Center of a parabola: it has a vertex, no centre")
        return self.center

    @property
    def foci(self) -> tuple[Point, ...]:
        c, u = self.c, self.axis
        if self.kind == "parabola":
            return (_point(Point(self.center.x + c * u.x, self.center.y + c * u.y)),)
        return tuple(_point(Point(self.center.x + s * c * u.x, self.center.y + s * c * u.y)) for s in (-1, 1))


def _conic(value: _Value) -> Conic:
    if not isinstance(value.obj, Conic):
        raise ConstructionError(f"expected an ellipse, hyperbola or parabola, got a {type(value.obj).__name__.lower()}")
    return value.obj


def _by_foci(kind: str, ev: _Evaluator, f1: _Value, f2: _Value, size: _Value) -> Conic:
    p, q = _p(f1), _p(f2)
    distance = _clean(_norm(q - p))
    if _is_zero(distance):
        raise DegenerateFigure(f"{kind.capitalize()}: the foci coincide")
    if isinstance(size.obj, Point):  # a point of the curve: 2a is the sum (difference) of its distances
        r1, r2 = _norm(size.obj - p), _norm(size.obj - q)
        a = _clean((r1 + r2) / 2 if kind == "ellipse" else sympy.Abs(r1 - r2) / 2)
    else:
        a = ev.number(size)
    c = distance / 2
    if not (a > c if kind == "ellipse" else 0 < a < c):
        raise DegenerateFigure(f"{kind.capitalize()}: the axis length {a} does not fit foci {distance} apart")
    center = _point(Point((p.x + q.x) / 2, (p.y + q.y) / 2))
    axis = Point(_clean((q.x - p.x) / distance), _clean((q.y - p.y) / distance))
    b = _clean(sympy.sqrt(a**2 - c**2 if kind == "ellipse" else c**2 - a**2))
    return Conic(kind, center, axis, a, b)


@command("Ellipse")
def _ellipse(ev: _Evaluator, f1: _Value, f2: _Value, size: _Value) -> Conic:
    return _by_foci("ellipse", ev, f1, f2, size)


@command("Hyperbola")
def _hyperbola(ev: _Evaluator, f1: _Value, f2: _Value, size: _Value) -> Conic:
    return _by_foci("hyperbola", ev, f1, f2, size)


@command("Parabola")
def _parabola(ev: _Evaluator, focus: _Value, directrix: _Value) -> Conic:
    f = _p(focus)
    if not isinstance(directrix.obj, Line):
        raise ConstructionError("Parabola: expected a focus and a directrix line")
    line = directrix.obj
    length = _norm(line.d)
    t = ((f.x - line.p.x) * line.d.x + (f.y - line.p.y) * line.d.y) / length**2
    foot = Point(line.p.x + t * line.d.x, line.p.y + t * line.d.y)
    p = _clean(_norm(f - foot))
    if _is_zero(p):
        raise DegenerateFigure("Parabola: the focus lies on the directrix")
    vertex = _point(Point((f.x + foot.x) / 2, (f.y + foot.y) / 2))
    return Conic("parabola", vertex, Point(_clean((f.x - foot.x) / p), _clean((f.y - foot.y) / p)), p, sympy.Integer(0))


def _across(k: Conic, at: Expr) -> Line:
    """The line perpendicular to the axis ``at`` from the centre (the vertex of a parabola)."""
    foot = _point(Point(k.center.x + at * k.axis.x, k.center.y + at * k.axis.y))
    return Line(foot, Point(-k.axis.y, k.axis.x))


@command("Directrix")
def _directrix(ev: _Evaluator, conic: _Value) -> Line | LinePair:
    """A parabola's directrix p/2 behind the vertex; an ellipse's or hyperbola's two, a²/c either
    side of the centre."""
    k = _conic(conic)
    if k.kind == "parabola":
        return _across(k, -k.a / 2)
    at = _clean(k.a**2 / k.c)
    return LinePair((_across(k, at), _across(k, -at)))


@command("Asymptote")
def _asymptote(ev: _Evaluator, conic: _Value) -> LinePair:
    """A hyperbola's asymptotes through its centre, with slopes ±b/a against its real axis."""
    k = _conic(conic)
    if k.kind != "hyperbola":
        raise UnsupportedCommand(f"Asymptote of {'an' if k.kind == 'ellipse' else 'a'} {k.kind}: only a hyperbola has asymptotes")
    u = k.axis
    return LinePair(
        tuple(Line(k.center, Point(_clean(k.a * u.x - s * k.b * u.y), _clean(k.a * u.y + s * k.b * u.x))) for s in (1, -1))  # type: ignore[arg-type]
    )


@command("Eccentricity", kind="number")
def _eccentricity(ev: _Evaluator, conic: _Value) -> Expr:
    k = _conic(conic)
    return sympy.Integer(1) if k.kind == "parabola" else _clean(k.c / k.a)


@command("LinearEccentricity", kind="length")
def _linear_eccentricity(ev: _Evaluator, conic: _Value) -> Expr:
    return _conic(conic).c


def _with_axes(conic: _Value, command: str) -> Conic:
    """An ellipse or hyperbola: a parabola has no semi-axes."""
    k = _conic(conic)
    if k.kind == "parabola":
        raise UnsupportedCommand(f"{command} of a parabola")
    return k


@command("SemiMajorAxisLength", kind="length")
def _semi_major(ev: _Evaluator, conic: _Value) -> Expr:
    return _with_axes(conic, "SemiMajorAxisLength").a


@command("SemiMinorAxisLength", kind="length")
def _semi_minor(ev: _Evaluator, conic: _Value) -> Expr:
    return _with_axes(conic, "SemiMinorAxisLength").b


@command("Parameter", kind="length")
def _parameter(ev: _Evaluator, conic: _Value) -> Expr:
    k = _conic(conic)
    if k.kind != "parabola":
        raise UnsupportedCommand("Parameter of an ellipse or hyperbola: use SemiMajorAxisLength")
    return k.a


# --- equations as a .ggb file writes them ---------------------------------------------------------

_X, _Y = sympy.Symbol("x"), sympy.Symbol("y")
#: The most operations an equation read from a file may have (a school conic has a dozen).
_MAX_NODES = 60


def _polynomial(node: Node, budget: list[int]) -> sympy.Expr:
    """A polynomial in x and y from the parsed equation side: numbers, x, y, + − × ÷ and whole powers only."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("the equation is too long")
    match node:
        case Num(value=value):
            return sympy.Rational(value.numerator, value.denominator)
        case Name(id="x"):
            return _X
        case Name(id="y"):
            return _Y
        case Neg(operand=operand):
            return -_polynomial(operand, budget)
        case BinOp(op=op, left=left, right=right):
            a, b = _polynomial(left, budget), _polynomial(right, budget)
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/" and b.is_Rational and b != 0:
                return a / b
            if op == "^" and b.is_Integer and 0 <= b <= 2:
                return a**b
    raise ValueError("not a polynomial equation of degree 2 in x and y")


def conic_from_equation(equation: str) -> str | None:
    """``x^2/25 + y^2/9 = 1`` as ``Ellipse((-4,0),(4,0),5)``; ``y^2 = 8x`` as
    ``Parabola((2,0),Line((-2,0),(-2,1)))``; None for what is no axis-parallel ellipse, hyperbola
    or parabola (a circle is read elsewhere, a rotated conic is not read)."""
    text = equation.replace(" ", "").replace("²", "^2").replace("−", "-")
    if text.count("=") != 1:
        return None
    left, right = text.split("=")
    try:
        budget = [_MAX_NODES]
        poly = sympy.Poly(
            sympy.expand(_polynomial(parse_expression(left), budget) - _polynomial(parse_expression(right), budget)), _X, _Y
        )
    except (ValueError, ConstructionError, sympy.PolynomialError):
        return None
    if poly.total_degree() != 2:
        return None
    coeff = {m: poly.coeff_monomial(m) for m in (_X**2, _Y**2, _X * _Y, _X, _Y, 1)}
    a, c, bxy, d, e, f = (coeff[m] for m in (_X**2, _Y**2, _X * _Y, _X, _Y, 1))
    if bxy != 0:
        return None
    if a != 0 and c != 0 and a != c:  # ellipse or hyperbola: a(x−h)² + c(y−k)² = r
        h, k = -d / (2 * a), -e / (2 * c)
        r = a * h**2 + c * k**2 - f
        if r == 0:
            return None
        p, q = r / a, r / c  # (x−h)²/p + (y−k)²/q = 1
        if p > 0 and q > 0:
            major, minor, along_x = (p, q, True) if p > q else (q, p, False)
            return _foci_command("Ellipse", h, k, sympy.sqrt(major), sympy.sqrt(major - minor), along_x)
        if p > 0 > q:
            return _foci_command("Hyperbola", h, k, sympy.sqrt(p), sympy.sqrt(p - q), True)
        if q > 0 > p:
            return _foci_command("Hyperbola", h, k, sympy.sqrt(q), sympy.sqrt(q - p), False)
        return None
    if (a == 0) != (c == 0):  # a parabola: c(y−k)² = −d(x − h) or a(x−h)² = −e(y − k)
        if c != 0 and d != 0:
            k = -e / (2 * c)
            h = (c * k**2 - f) / d  # c(y−k)² = −d(x − h)
            return _parabola_command(h, k, -d / c, along_x=True)
        if a != 0 and e != 0:
            h = -d / (2 * a)
            k = (a * h**2 - f) / e  # a(x−h)² = −e(y − k)
            return _parabola_command(h, k, -e / a, along_x=False)
    return None


def _foci_command(name: str, h: Expr, k: Expr, a: Expr, c: Expr, along_x: bool) -> str:
    first, second = ((h - c, k), (h + c, k)) if along_x else ((h, k - c), (h, k + c))
    return f"{name}({written_point(*first)},{written_point(*second)},{written(a)})"


def _parabola_command(h: Expr, k: Expr, four_q: Expr, along_x: bool) -> str:
    """(y−k)² = 4q(x−h) (or with x and y exchanged): focus q from the vertex, directrix q behind it."""
    q = four_q / 4
    if along_x:
        focus, foot, further = (h + q, k), (h - q, k), (h - q, k + 1)
    else:
        focus, foot, further = (h, k + q), (h, k - q), (h + 1, k - q)
    return f"Parabola({written_point(*focus)},Line({written_point(*foot)},{written_point(*further)}))"


def extent(conic: Conic) -> list[tuple[float, float]]:
    """Points that bound the conic as a textbook draws it: the whole ellipse; a hyperbola's
    branches and a parabola out to a few focal lengths."""
    cx, cy = float(conic.center.x), float(conic.center.y)
    ux, uy = float(conic.axis.x), float(conic.axis.y)
    a, b = float(conic.a), float(conic.b)
    if conic.kind == "ellipse":
        along = [(a * math.cos(t), b * math.sin(t)) for t in (2 * math.pi * k / 24 for k in range(24))]
    elif conic.kind == "hyperbola":
        along = [(s * a * math.cosh(t), b * math.sinh(t)) for s in (-1, 1) for t in (-1.5, 0.0, 1.5)]
    else:
        along = [(t * t / (2 * a), t) for t in (-2 * a, 0.0, 2 * a)] + [(-a / 2, 0.0)]
    return [(cx + x * ux - y * uy, cy + x * uy + y * ux) for x, y in along]

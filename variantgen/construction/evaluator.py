"""Exact evaluation of constructions with sympy, following GeoGebra's semantics.

Geometry is done with plain sympy expressions on light objects (points, lines, circles...)
rather than sympy.geometry's classes: those simplify on every construction step and are one to
two orders of magnitude slower, and the pipeline evaluates several constructions per seed.
Where GeoGebra has a convention the evaluator follows it, so that GeoGebra, running the same
commands, draws and measures what was computed here:

- ``Angle(A,B,C)`` turns counter-clockwise from ray BA to ray BC, in [0, 2π);
- ``Rotate`` is counter-clockwise, ``x°`` is degrees, ``log(x)`` is the natural logarithm,
  ``lg`` base 10, ``ld`` base 2, ``log(b, x)`` base b;
- a polygon or a segment used in arithmetic stands for its area or its length.
Several solutions (``Intersect``, ``Root``, ``Extremum``) are ordered by x, then y, for the
``n`` of ``Intersect(a, b, n)`` (1-based).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.construction import numeric
from variantgen.construction.errors import ConstructionError, DegenerateFigure, UnsupportedCommand
from variantgen.construction.model import Construction
from variantgen.construction.syntax import BinOp, Call, Degrees, Name, Neg, Node, Num, Tuple, parse_expression, parse_statement

X = sympy.Symbol("x", real=True)
Expr = sympy.Expr


# --- objects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: Expr
    y: Expr

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def scale(self, k: Expr) -> Point:
        return Point(k * self.x, k * self.y)


@dataclass(frozen=True)
class Vector(Point):
    pass


class InSpace:
    """What lives in three dimensions (``construction.space``): a command given one of these runs
    its space version, and a value of one as a number is its own ``number()`` (a solid's volume, a
    segment's length, a lateral surface's area), as in GeoGebra."""

    kind = "object in space"

    def number(self) -> Expr:
        raise ConstructionError(f"a {self.kind} cannot be used as a number")


@dataclass(frozen=True)
class Point3(InSpace):
    """A point (or a vector: GeoGebra's ``(1, 2, 2)`` is both) in space."""

    x: Expr
    y: Expr
    z: Expr
    kind = "point in space"

    def __add__(self, other: Point3) -> Point3:
        return Point3(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other: Point3) -> Point3:
        return Point3(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, k: Expr) -> Point3:
        return Point3(k * self.x, k * self.y, k * self.z)

    def number(self) -> Expr:
        return sympy.sqrt(sympy.expand(self.x**2 + self.y**2 + self.z**2))


@dataclass(frozen=True)
class Line:
    """Through ``p`` with direction ``d``. Segments and rays are lines with a parameter range."""

    p: Point
    d: Point


@dataclass(frozen=True)
class Segment(Line):
    @property
    def q(self) -> Point:
        return self.p + self.d


@dataclass(frozen=True)
class Ray(Line):
    pass


@dataclass(frozen=True)
class LinePair:
    """The two lines one GeoGebra command makes at once: a hyperbola's asymptotes, an ellipse's
    or hyperbola's directrices. Used inside an expression, GeoGebra takes the first, in an order
    that follows its internal orientation of the conic's axis, not the foci; so only what is the
    same for both lines is defined on a pair (the distance from a point of the axis of symmetry
    between them, such as a focus to an asymptote or the centre to a directrix)."""

    lines: tuple[Line, Line]


@dataclass(frozen=True)
class Polygon:
    vertices: tuple[Point, ...]


@dataclass(frozen=True)
class Circle:
    center: Point
    radius: Expr


@dataclass(frozen=True)
class Arc:
    """The arc of ``circle`` from ``start`` counter-clockwise to the ray towards ``end``."""

    circle: Circle
    start: Point
    end: Point


@dataclass(frozen=True)
class Sector(Arc):
    """The region between an arc and the two radii to its ends (GeoGebra's ``CircularSector``)."""


@dataclass(frozen=True)
class Function:
    expr: Expr


#: The largest exponent a construction may raise a number to: 2^(10^8) is not a school figure,
#: and 10^10^10 would never finish.
MAX_EXPONENT = 1000
#: The most binary digits an exact rational in a construction may have: ``(2^1000)^1000`` passes
#: the exponent bound but is a million digits, and three such powers take seconds and gigabytes.
MAX_RATIONAL_BITS = 20_000
#: The largest n of ``nCr(n, k)``.
MAX_CHOOSE = 10_000


def _bits(value: Expr) -> int:
    """Binary digits of an exact rational's numerator or denominator (0 for anything else)."""
    return max(int(value.p).bit_length(), int(value.q).bit_length()) if isinstance(value, sympy.Rational) else 0


def _bounded(value: Expr) -> Expr:
    if _bits(value) > MAX_RATIONAL_BITS:
        raise ConstructionError(f"a number of more than {MAX_RATIONAL_BITS} binary digits is not a school quantity")
    return value


@dataclass(frozen=True)
class Evaluation:
    objects: dict[str, Any]
    target: Expr
    target_kind: str
    #: The figure's coordinates involve sines and cosines sympy keeps symbolic (angles such as
    #: 40°): its angles and target were read as the school values they equal to 50 digits.
    read_to_digits: bool = False


@dataclass(frozen=True)
class _Value:
    """An evaluated node: the object and, for numbers, what kind of quantity it is."""

    obj: Any
    kind: str = "number"


def kind_of(value: Any) -> str:
    names = {
        Vector: "vector",
        Point: "point",
        Segment: "segment",
        Ray: "ray",
        Line: "line",
        Polygon: "polygon",
        Circle: "circle",
        Arc: "arc",
        Sector: "sector",
        Function: "function",
    }
    if isinstance(value, InSpace):
        return value.kind
    return names.get(type(value), "number" if isinstance(value, Expr) else type(value).__name__.lower())


# --- exact arithmetic helpers -----------------------------------------------------------------


def written(value: Any) -> str:
    """An exact number as a command writes it: ``9/5``, ``2*sqrt(3)``, ``2^(1/3)``."""
    return sympy.sstr(sympy.nsimplify(value)).replace("**", "^")


def written_point(x: Any, y: Any) -> str:
    """A point of the plane as a command writes it: ``(9/5,2*sqrt(3))``."""
    return f"({written(x)},{written(y)})"


def _clean(value: Expr) -> Expr:
    """Expand: enough to make sqrt(48 + 1) become 7. Cheap, so it is done at every step, except
    on values in the sines and cosines of angles such as 40°, which sympy keeps symbolic and
    whose expansions grow without bound (a triangle with angles 40° and 70° and one bisector took
    minutes); those stay as they are and are read by ``_final``."""
    if has_trig(value):
        return value
    return sympy.expand(value)


def has_trig(value: Any) -> bool:
    return isinstance(value, Expr) and value.has(sympy.sin, sympy.cos, sympy.tan)


#: The longest target (in operations) that ``simplify`` is tried on: its time grows steeply with
#: the length, and a longer value is printed as it stands.
MAX_SIMPLIFIED_OPS = 80


def _final(value: Expr) -> Expr:
    """The target's printed form: rationalised, and simplified when still long (slow, so once).
    A value in the trigonometric functions of angles such as 40° is recognised instead: the
    school value it equals to 50 digits (75°, 5√3/2, 12), else the value as it stands; never an
    unbounded ``simplify``."""
    if has_trig(value):
        found = numeric.recognise(value)
        return found if found is not None else value
    value = sympy.radsimp(sympy.expand(value))
    ops = sympy.count_ops(value)
    if ops > 12:
        found = numeric.recognise(value)
        if found is not None and sympy.radsimp(sympy.expand(value - found)) == 0:  # exactly a school value
            return found
        if ops <= MAX_SIMPLIFIED_OPS:
            simpler = sympy.simplify(value)
            if sympy.count_ops(simpler) < ops:
                value = simpler
    return value


def _is_zero(value: Expr) -> bool:
    """Zero to 30 digits. Numbers first: expanding a figure's coordinates in the cosines of 40°
    and 70° before looking at them took minutes."""
    if value == 0:
        return True
    if value.is_number:
        return bool(abs(numeric.value(value)) < 1e-30)
    return sympy.expand(value) == 0


def _sqrt(value: Expr) -> Expr:
    return sympy.sqrt(_clean(value))


def _dot(a: Point, b: Point) -> Expr:
    return a.x * b.x + a.y * b.y


def _cross(a: Point, b: Point) -> Expr:
    return a.x * b.y - a.y * b.x


def _norm(a: Point) -> Expr:
    return _sqrt(_dot(a, a))


def _perp(a: Point) -> Point:
    return Point(-a.y, a.x)


def _point(p: Point) -> Point:
    return Point(_clean(p.x), _clean(p.y))


def _area(vertices: tuple[Point, ...]) -> Expr:
    n = len(vertices)
    twice = sum((_cross(vertices[i], vertices[(i + 1) % n]) for i in range(n)), sympy.Integer(0))
    return sympy.Abs(_clean(twice)) / 2


def _angle_ccw(u: Point, v: Point) -> Expr:
    """The counter-clockwise angle from direction u to direction v, in [0, 2π). Between
    directions in the sines and cosines of angles such as 40°, the angle is the rational number
    of degrees it equals to 50 digits (figures built from such angles have such angles)."""
    cross, dot = _clean(_cross(u, v)), _clean(_dot(u, v))
    if has_trig(cross) or has_trig(dot):
        memo: dict[sympy.Basic, Any] = {}
        turn = numeric.MP.atan2(numeric.value(cross, memo), numeric.value(dot, memo))
        exact = numeric.degrees(turn if turn >= 0 else turn + 2 * numeric.MP.pi)
        if exact is not None:
            return exact
        theta = sympy.atan2(cross, dot, evaluate=False)
        return theta + 2 * sympy.pi if turn < 0 else theta
    theta = sympy.atan2(cross, dot)
    return _clean(theta + 2 * sympy.pi) if theta.is_negative else theta


#: GeoGebra's two built-in lines, which constructions drawn by hand often use (``Point(xAxis)``).
_AXES = {
    "xAxis": Line(Point(sympy.Integer(0), sympy.Integer(0)), Point(sympy.Integer(1), sympy.Integer(0))),
    "yAxis": Line(Point(sympy.Integer(0), sympy.Integer(0)), Point(sympy.Integer(0), sympy.Integer(1))),
}


def _like(template: Point, p: Point) -> Point:
    """``p`` as the same kind of object as ``template`` (a point stays a point, a vector a vector)."""
    return type(template)(p.x, p.y)


def _combined_kind(op: str, left: str, right: str) -> str:
    """Lengths plus lengths are lengths, an angle times a number is an angle; else a number."""
    if op in "+-":
        if left == right or right == "number":
            return left
        return right if left == "number" else "number"
    if op in "*/" and right == "number":
        return left
    if op == "*" and left == "number":
        return right
    return "number"


def _float(value: Expr) -> float:
    """A real number as a float, read in one pass: ``float`` on an expression in cos(2π/9) asks
    sympy to re-evaluate every shared subexpression, which took seconds per point."""
    x = numeric.value(value)
    return float(x.real if isinstance(x, numeric.MP.mpc) else x)


def _sort_points(points: list[Point]) -> list[Point]:
    return sorted(points, key=lambda p: (_float(p.x), _float(p.y)))


def _geogebra_order(a: Any, b: Any, points: list[Point]) -> list[Point]:
    """Solutions numbered as GeoGebra numbers them, so that ``Intersect(c,l,1)`` is the point
    GeoGebra draws: along a line's direction for a line and a circle; for two circles, first the
    one left of the line from the first centre to the second; else from left to right."""
    line = a if isinstance(a, Line) else b if isinstance(b, Line) else None
    if line is not None and isinstance(a if line is b else b, Circle):
        return sorted(points, key=lambda p: _float(_dot(p - line.p, line.d)))
    if isinstance(a, Circle) and isinstance(b, Circle):
        axis = b.center - a.center
        return sorted(points, key=lambda p: -_float(_cross(axis, p - a.center)))
    return _sort_points(points)


# --- the evaluator -------------------------------------------------------------------------------


class _Evaluator:
    def __init__(self) -> None:
        self.objects: dict[str, Any] = {}
        self.kinds: dict[str, str] = {}
        self.variable = "x"

    def function(self, expr: Node, variable: str) -> _Value:
        """``f(t) = ...``: the body with ``variable`` as the free variable (``Derivative(g)`` too)."""
        self.variable = variable
        try:
            body = self.value(expr).obj
        finally:
            self.variable = "x"
        if isinstance(body, Function):
            return _Value(body, "function")
        if not isinstance(body, Expr):
            raise ConstructionError(f"a function must be a formula in {variable}, got a {kind_of(body)}")
        return _Value(Function(body), "function")

    # nodes
    def value(self, node: Node) -> _Value:
        if isinstance(node, Num):
            return _Value(sympy.Rational(node.value.numerator, node.value.denominator))
        if isinstance(node, Name):
            return self.name(node.id)
        if isinstance(node, Neg):
            inner = self.value(node.operand)
            if isinstance(inner.obj, Point):
                return _Value(type(inner.obj)(-inner.obj.x, -inner.obj.y))
            if isinstance(inner.obj, Point3):
                return _Value(inner.obj.scale(sympy.Integer(-1)))
            return _Value(-self.number(inner), inner.kind)
        if isinstance(node, Degrees):
            return _Value(self.number(self.value(node.operand)) * sympy.pi / 180, "angle")
        if isinstance(node, Tuple):
            if len(node.items) not in (2, 3):
                raise UnsupportedCommand(f"a point has 2 or 3 coordinates, got {len(node.items)}")
            coordinates = [self.number(self.value(item)) for item in node.items]
            return _Value(Point(*coordinates) if len(coordinates) == 2 else Point3(*coordinates))
        if isinstance(node, BinOp):
            return self.binary(node)
        assert isinstance(node, Call)
        return self.call(node)

    def name(self, name: str) -> _Value:
        if name in self.objects:
            return _Value(self.objects[name], self.kinds.get(name, "number"))
        derivative = self.derivative(name)
        if derivative is not None:
            return _Value(derivative, "function")
        if name in ("pi", "π"):
            return _Value(sympy.pi)
        if name in ("e", "ℯ"):  # GeoGebra writes Euler's number ℯ; e where no object is named e
            return _Value(sympy.E)
        if name in _AXES:
            return _Value(_AXES[name])
        if name == self.variable:
            return _Value(X)
        raise ConstructionError(f"unknown name {name!r}: define it in an earlier command")

    def number(self, value: _Value) -> Expr:
        """A value used in arithmetic: numbers as they are; a segment's length; a polygon's area."""
        obj = value.obj
        if isinstance(obj, Expr):
            return obj
        if isinstance(obj, Segment):
            return _norm(obj.d)
        if isinstance(obj, Polygon):
            return _area(obj.vertices)
        if isinstance(obj, Vector):
            return _norm(obj)
        if isinstance(obj, Sector):  # GeoGebra's value of a sector is its area, of an arc its length
            return _clean(obj.circle.radius**2 * _turn(obj) / 2)
        if isinstance(obj, Arc):
            return _clean(obj.circle.radius * _turn(obj))
        if isinstance(obj, InSpace):
            return obj.number()
        raise ConstructionError(f"a {kind_of(obj)} cannot be used as a number")

    def binary(self, node: BinOp) -> _Value:
        left, right = self.value(node.left), self.value(node.right)
        a, b = left.obj, right.obj
        if isinstance(a, Point3) and type(b) in TO_SPACE:  # a point of the plane with one in space: z = 0
            b = TO_SPACE[type(b)](b)
        if isinstance(b, Point3) and type(a) in TO_SPACE:
            a = TO_SPACE[type(a)](a)
        if isinstance(a, Point) or isinstance(b, Point):
            return _Value(self.point_arithmetic(node.op, a, b, left, right))
        if isinstance(a, Point3) or isinstance(b, Point3):
            return _Value(self.space_arithmetic(node.op, a, b, left, right))
        if node.op == "⊗":
            raise ConstructionError(f"⊗ (the cross product) takes two vectors in space, not a {kind_of(a)} and a {kind_of(b)}")
        x, y = self.number(left), self.number(right)
        if node.op == "/" and _is_zero(y):
            raise DegenerateFigure("division by zero")
        trivial_base = x.is_number and abs(_float(x)) in (0.0, 1.0)
        if node.op == "^" and y.is_number and abs(_float(y)) > MAX_EXPONENT and not trivial_base:
            raise ConstructionError(f"the exponent {y} is too large (at most {MAX_EXPONENT})")
        if node.op == "^" and y.is_number and _bits(x) * abs(_float(y)) > MAX_RATIONAL_BITS:
            raise ConstructionError(f"a number of more than {MAX_RATIONAL_BITS} binary digits is not a school quantity")
        result = {"+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y, "/": lambda: x / y, "^": lambda: x**y}[node.op]()
        return _Value(_bounded(result), _combined_kind(node.op, left.kind, right.kind))

    def point_arithmetic(self, op: str, a: Any, b: Any, left: _Value, right: _Value) -> Point:
        if isinstance(a, Point) and isinstance(b, Point) and op in "+-":
            result = a + b if op == "+" else a - b
            kind = Vector if isinstance(a, Vector) and isinstance(b, Vector) else Point
            return kind(result.x, result.y)
        if isinstance(a, Point) and not isinstance(b, Point) and op in "*/":
            k = self.number(right)
            return _like(a, a.scale(k if op == "*" else 1 / k))
        if isinstance(b, Point) and not isinstance(a, Point) and op == "*":
            return _like(b, b.scale(self.number(left)))
        raise ConstructionError(f"cannot apply {op!r} to a {kind_of(a)} and a {kind_of(b)}")

    def space_arithmetic(self, op: str, a: Any, b: Any, left: _Value, right: _Value) -> Point3 | Expr:
        if isinstance(a, Point3) and isinstance(b, Point3) and op in "+-":
            return a + b if op == "+" else a - b
        if isinstance(a, Point3) and op == "^" and not isinstance(b, InSpace) and self.number(right) == 2:
            return _clean(a.x**2 + a.y**2 + a.z**2)  # GeoGebra's v^2: v·v
        if isinstance(a, Point3) and isinstance(b, Point3) and op == "⊗":
            return Point3(_clean(a.y * b.z - a.z * b.y), _clean(a.z * b.x - a.x * b.z), _clean(a.x * b.y - a.y * b.x))
        if isinstance(a, Point3) and not isinstance(b, InSpace) and op in "*/":
            k = self.number(right)
            return a.scale(k if op == "*" else 1 / k)
        if isinstance(b, Point3) and not isinstance(a, InSpace) and op == "*":
            return b.scale(self.number(left))
        raise ConstructionError(f"cannot apply {op!r} to a {kind_of(a)} and a {kind_of(b)}")

    def derivative(self, name: str) -> Function | None:
        """GeoGebra's ``f'`` (``f''``, …): the derivative of a function of the construction."""
        base = name.rstrip("'")
        if base == name or not isinstance(self.objects.get(base), Function):
            return None
        return Function(sympy.diff(self.objects[base].expr, X, len(name) - len(base)))

    def call(self, node: Call) -> _Value:
        function = self.objects.get(node.name) if node.name in self.objects else self.derivative(node.name)
        if isinstance(function, Function):
            (arg,) = node.args
            return _Value(_clean(function.expr.subs(X, self.number(self.value(arg)))))
        args = [self.value(arg) for arg in node.args]
        in_space = node.name in _SPACE_COMMANDS and any(isinstance(arg.obj, InSpace) for arg in args)
        if in_space:  # a plane figure's object among objects in space lies in the plane z = 0
            args = [_Value(TO_SPACE[type(a.obj)](a.obj), a.kind) if type(a.obj) in TO_SPACE else a for a in args]
        handler = _SPACE_COMMANDS[node.name] if in_space else _COMMANDS.get(node.name)
        if handler is None:
            raise UnsupportedCommand(f"unsupported GeoGebra command {node.name!r}")
        kind, function = handler
        try:
            result = function(self, *args)
        except TypeError as exc:
            if "positional argument" in str(exc) or "takes" in str(exc):
                raise ConstructionError(f"{node.name}: wrong number of arguments ({len(args)})") from None
            raise
        if isinstance(result, _Value):
            return result
        return _Value(result, "number" if kind == "object" and isinstance(result, Expr) else kind)

    # statements
    def run_commands(self, commands: tuple[str, ...]) -> None:
        for index, command in enumerate(commands):
            field = f"construction.commands[{index}]"
            try:
                statement = parse_statement(command)
                if statement.variable is not None:
                    value = self.function(statement.expr, statement.variable)
                else:
                    value = self.value(statement.expr)
            except ConstructionError as exc:
                raise exc.located(field, index) from None
            except (ZeroDivisionError, ValueError, TypeError, AttributeError) as exc:
                raise DegenerateFigure(f"{command}: {exc}", field, index) from None
            if isinstance(value.obj, LinePair):
                raise UnsupportedCommand(
                    f"{command}: GeoGebra makes two lines of it, named in its own order; draw each as a Line"
                ).located(field, index)
            if statement.label is not None:
                self.objects[statement.label] = value.obj
                self.kinds[statement.label] = value.kind

    def run_target(self, target_text: str) -> Evaluation:
        try:
            target = self.value(parse_expression(target_text))
            number = _final(self.number(target))
        except ConstructionError as exc:
            raise exc.located("construction.target") from None
        except (ZeroDivisionError, ValueError, TypeError, AttributeError) as exc:
            raise DegenerateFigure(f"{target_text}: {exc}", "construction.target") from None
        if number.has(sympy.zoo, sympy.nan, sympy.oo) or number.is_real is False:
            raise DegenerateFigure(f"{target_text} is undefined for this figure", "construction.target")
        read = any(isinstance(o, Point) and (has_trig(o.x) or has_trig(o.y)) for o in self.objects.values())
        return Evaluation(dict(self.objects), number, target.kind, read)


@dataclass(frozen=True)
class Figure:
    """The evaluated objects of a construction's commands, ready to evaluate any target: step
    rules ask several quantities of one figure, and the figure is the costly part."""

    objects: dict[str, Any]
    kinds: dict[str, str]

    def evaluate(self, target: str) -> Evaluation:
        evaluator = _Evaluator()
        evaluator.objects, evaluator.kinds = dict(self.objects), dict(self.kinds)
        return evaluator.run_target(target)


def evaluate_figure(commands: tuple[str, ...]) -> Figure:
    """Evaluate the commands alone (errors name the command)."""
    evaluator = _Evaluator()
    evaluator.run_commands(commands)
    return Figure(evaluator.objects, evaluator.kinds)


def evaluate(construction: Construction) -> Evaluation:
    """Evaluate every command in order, then the target, exactly."""
    return evaluate_figure(construction.commands).evaluate(construction.target)


def evaluate_object(expr: str, objects: dict[str, Any]) -> Any:
    """The object (point, line, number...) an expression names, given objects evaluated before."""
    evaluator = _Evaluator()
    evaluator.objects = dict(objects)
    return evaluator.value(parse_expression(expr)).obj


def evaluate_expression(expr: str, objects: dict[str, Any]) -> tuple[Expr, str]:
    """Evaluate a new expression against objects evaluated before (e.g. a candidate new target)."""
    evaluator = _Evaluator()
    evaluator.objects = dict(objects)
    value = evaluator.value(parse_expression(expr))
    return _final(evaluator.number(value)), value.kind


# --- commands ----------------------------------------------------------------------------------

Handler = Callable[..., Any]
_COMMANDS: dict[str, tuple[str, Handler]] = {}
#: The space versions of plane commands (``Distance``, ``Angle``, ``Segment``…), run when an
#: argument is an object in space.
_SPACE_COMMANDS: dict[str, tuple[str, Handler]] = {}
#: How an object of the plane is one in space (the plane z = 0, as GeoGebra's 3D view has it),
#: by its type; filled in by ``construction.space``.
TO_SPACE: dict[type, Callable[[Any], InSpace]] = {}


def command(*names: str, kind: str = "object", space: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler for GeoGebra commands; ``space``: the version for objects in space."""

    def register(function: Handler) -> Handler:
        for name in names:
            (_SPACE_COMMANDS if space else _COMMANDS)[name] = (kind, function)
        return function

    return register


def _p(value: _Value) -> Point:
    if not isinstance(value.obj, Point):
        raise ConstructionError(f"expected a point, got a {kind_of(value.obj)}")
    return value.obj


def _line(value: _Value) -> Line:
    if not isinstance(value.obj, Line):
        raise ConstructionError(f"expected a line, segment or ray, got a {kind_of(value.obj)}")
    return value.obj


def _circle(value: _Value) -> Circle:
    if not isinstance(value.obj, Circle):
        raise ConstructionError(f"expected a circle, got a {kind_of(value.obj)}")
    return value.obj


def _through(a: Point, b: Point, cls: type[Line] = Line) -> Line:
    d = b - a
    if _is_zero(d.x) and _is_zero(d.y):
        raise DegenerateFigure(f"{cls.__name__} through two coincident points")
    return cls(a, Point(_clean(d.x), _clean(d.y)))


@command("Segment")
def _segment(ev: _Evaluator, a: _Value, b: _Value) -> Segment:
    return _through(_p(a), _p(b), Segment)  # type: ignore[return-value]


@command("Line")
def _line_cmd(ev: _Evaluator, a: _Value, b: _Value) -> Line:
    if isinstance(b.obj, Line):
        return Line(_p(a), b.obj.d)
    if isinstance(b.obj, Vector):  # Line(point, direction vector)
        if _is_zero(b.obj.x) and _is_zero(b.obj.y):
            raise DegenerateFigure("a line with the zero vector as its direction")
        return Line(_p(a), Point(b.obj.x, b.obj.y))
    return _through(_p(a), _p(b))


@command("UnitVector")
def _unit_vector(ev: _Evaluator, a: _Value) -> Vector:
    """The direction of a line, segment or ray (as GeoGebra orients it), or a vector, scaled to length 1."""
    d = a.obj.d if isinstance(a.obj, Line) else a.obj if isinstance(a.obj, Vector) else None
    if d is None:
        raise ConstructionError(f"UnitVector of a {kind_of(a.obj)}")
    length = _norm(d)
    if _is_zero(length):
        raise DegenerateFigure("unit vector of a zero vector")
    return Vector(_clean(d.x / length), _clean(d.y / length))


@command("Ray")
def _ray(ev: _Evaluator, a: _Value, b: _Value) -> Ray:
    return _through(_p(a), _p(b), Ray)  # type: ignore[return-value]


@command("Point")
def _point_moved(ev: _Evaluator, a: _Value, by: _Value) -> Point:
    """``Point(P, v)``: P moved by v. (``Point(path)``, a point drawn on a path, is no definition:
    a file's point on a path is read where it was drawn.)"""
    moved = _p(a) + _p(by)
    return Point(_clean(moved.x), _clean(moved.y))


@command("Vector")
def _vector(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Vector:
    d = _p(a) if b is None else _p(b) - _p(a)
    return Vector(_clean(d.x), _clean(d.y))


@command("Polygon")
def _polygon(ev: _Evaluator, *args: _Value) -> Polygon:
    if len(args) == 3 and not isinstance(args[2].obj, Point):
        return _regular(_p(args[0]), _p(args[1]), ev.number(args[2]))
    vertices = tuple(_p(a) for a in args)
    if len(vertices) < 3:
        raise DegenerateFigure("a polygon needs at least 3 vertices")
    if _is_zero(_area(vertices)) or len({(_clean(v.x), _clean(v.y)) for v in vertices}) < len(vertices):
        raise DegenerateFigure("polygon has collinear or repeated vertices")
    return Polygon(vertices)


def _regular(a: Point, b: Point, n: Expr) -> Polygon:
    if not (n.is_Integer and n >= 3):
        raise DegenerateFigure(f"a regular polygon needs an integer number of vertices ≥ 3, got {n}")
    turn = 2 * sympy.pi / n
    vertices = [a, b]
    for _ in range(int(n) - 2):
        p, q = vertices[-2], vertices[-1]
        vertices.append(_point(_rotate(p, q, -(sympy.pi - turn))))
    if _is_zero(_norm(b - a)):
        raise DegenerateFigure("regular polygon on two coincident points")
    return Polygon(tuple(vertices))


def _trig(function: Callable[..., Expr], angle: Expr) -> Expr:
    """sin, cos or tan of ``angle``. Multiples of 15° and 18° give the short surds sympy writes
    (cos 36° = (1 + √5)/4); other whole-degree angles stay symbolic: sympy would write cos 33°
    as nested radicals whose expansions never end."""
    turns = angle / sympy.pi
    if isinstance(turns, sympy.Rational):
        degrees = turns * 180
        if not (degrees / 15).is_integer and not (degrees / 18).is_integer:
            return function(angle, evaluate=False)
    return function(angle)


def _rotate(p: Point, centre: Point, angle: Expr) -> Point:
    c, s = _trig(sympy.cos, angle), _trig(sympy.sin, angle)
    d = p - centre
    return Point(centre.x + c * d.x - s * d.y, centre.y + s * d.x + c * d.y)


@command("Circle")
def _circle_cmd(ev: _Evaluator, a: _Value, b: _Value, c: _Value | None = None) -> Circle:
    if c is not None:
        return _circumcircle(_p(a), _p(b), _p(c))
    centre = _p(a)
    radius = _norm(_p(b) - centre) if isinstance(b.obj, Point) else _clean(ev.number(b))
    if radius.is_positive is not True and (_is_zero(radius) or radius.is_negative):
        raise DegenerateFigure(f"circle of radius {radius}")
    return Circle(centre, radius)


def _circumcircle(a: Point, b: Point, c: Point) -> Circle:
    d = 2 * _cross(b - a, c - a)
    if _is_zero(d):
        raise DegenerateFigure("circle through three collinear points")
    ab, ac = b - a, c - a
    ux = (ac.y * _dot(ab, ab) - ab.y * _dot(ac, ac)) / d
    uy = (ab.x * _dot(ac, ac) - ac.x * _dot(ab, ab)) / d
    centre = _point(Point(a.x + ux, a.y + uy))
    return Circle(centre, _clean(_norm(centre - a)))


@command("Incircle")
def _incircle(ev: _Evaluator, a: _Value, b: _Value, c: _Value) -> Circle:
    pa, pb, pc = _p(a), _p(b), _p(c)
    la, lb, lc = _norm(pc - pb), _norm(pa - pc), _norm(pb - pa)
    perimeter = la + lb + lc
    area = _area((pa, pb, pc))
    if _is_zero(area):
        raise DegenerateFigure("incircle of a degenerate triangle")
    centre = _point(Point((la * pa.x + lb * pb.x + lc * pc.x) / perimeter, (la * pa.y + lb * pb.y + lc * pc.y) / perimeter))
    return Circle(centre, _clean(2 * area / perimeter))


@command("Midpoint")
def _midpoint(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Point:
    if b is None:
        segment = _line(a)
        if not isinstance(segment, Segment):
            raise ConstructionError("Midpoint needs two points or a segment")
        p, q = segment.p, segment.q
    else:
        p, q = _p(a), _p(b)
    return _point((p + q).scale(sympy.Rational(1, 2)))


@command("PerpendicularLine")
def _perpendicular(ev: _Evaluator, a: _Value, b: _Value) -> Line:
    return Line(_p(a), _perp(_line(b).d))


@command("PerpendicularBisector")
def _bisector(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Line:
    segment = _through(_p(a), _p(b)) if b is not None else _line(a)
    return Line(_point(segment.p + segment.d.scale(sympy.Rational(1, 2))), _perp(segment.d))


@command("AngleBisector")
def _angle_bisector(ev: _Evaluator, a: _Value, b: _Value, c: _Value | None = None) -> Line:
    """``AngleBisector(A, B, C)`` bisects ∠ABC; ``AngleBisector(g, h, n)`` is the n-th bisector of
    two lines (1: between their directions, 2: the perpendicular one)."""
    if isinstance(a.obj, Line) and isinstance(b.obj, Line):
        return _line_bisector(a.obj, b.obj, 1 if c is None else ev.number(c))
    if c is None:
        raise ConstructionError("AngleBisector needs three points or two lines")
    vertex = _p(b)
    u, v = _p(a) - vertex, _p(c) - vertex
    nu, nv = _norm(u), _norm(v)
    if _is_zero(nu) or _is_zero(nv):
        raise DegenerateFigure("angle bisector of an angle with coincident points")
    d = Point(_clean(u.x / nu + v.x / nv), _clean(u.y / nu + v.y / nv))
    if _is_zero(d.x) and _is_zero(d.y):
        d = _perp(u)
    return Line(vertex, d)


def _line_bisector(g: Line, h: Line, n: Expr) -> Line:
    (vertex,) = _intersections(Line(g.p, g.d), Line(h.p, h.d))
    ng, nh = _norm(g.d), _norm(h.d)
    sign = {1: 1, 2: -1}.get(int(n)) if sympy.Integer(n) == n else None
    if sign is None:
        raise ConstructionError(f"AngleBisector of two lines: index {n} (there are 2)")
    d = Point(_clean(g.d.x / ng + sign * h.d.x / nh), _clean(g.d.y / ng + sign * h.d.y / nh))
    return Line(vertex, d)


@command("Tangent")
def _tangent(ev: _Evaluator, a: _Value, b: _Value) -> Any:
    if isinstance(b.obj, Function):
        x0 = ev.number(a) if not isinstance(a.obj, Point) else a.obj.x
        f = b.obj.expr
        return Line(Point(x0, _clean(f.subs(X, x0))), Point(sympy.Integer(1), _clean(sympy.diff(f, X).subs(X, x0))))
    point, circle = _p(a), _circle(b)
    radius_vector = point - circle.center
    if _is_zero(_dot(radius_vector, radius_vector) - circle.radius**2):
        return Line(point, _perp(radius_vector))
    raise UnsupportedCommand("Tangent from a point outside the circle (two lines): use Tangent at a point of the circle")


@command("Intersect")
def _intersect(ev: _Evaluator, a: _Value, b: _Value, n: _Value | None = None) -> Point:
    points = _geogebra_order(a.obj, b.obj, _intersections(a.obj, b.obj))
    if not points:
        raise DegenerateFigure(f"the {kind_of(a.obj)} and the {kind_of(b.obj)} do not intersect")
    index = 1 if n is None else ev.number(n)
    if not (sympy.Integer(index).is_Integer and 1 <= int(index) <= len(points)):
        raise DegenerateFigure(f"intersection index {index} out of range (there are {len(points)})")
    return points[int(index) - 1]


def _on(line: Line, t: Expr) -> bool:
    if isinstance(line, Segment):
        return -1e-12 <= _float(t) <= 1 + 1e-12
    if isinstance(line, Ray):
        return _float(t) >= -1e-12
    return True


def _intersections(a: Any, b: Any) -> list[Point]:
    if isinstance(a, Line) and isinstance(b, Line):
        denominator = _cross(a.d, b.d)
        if _is_zero(denominator):
            raise DegenerateFigure("intersection of parallel lines")
        t = _clean(_cross(b.p - a.p, b.d) / denominator)
        s = _clean(_cross(b.p - a.p, a.d) / denominator)
        return [_point(a.p + a.d.scale(t))] if _on(a, t) and _on(b, s) else []
    if isinstance(a, Circle) and isinstance(b, Line):
        a, b = b, a
    if isinstance(a, Line) and isinstance(b, Circle):
        return _line_circle(a, b)
    if isinstance(a, Circle) and isinstance(b, Circle):
        d = b.center - a.center
        if _is_zero(_dot(d, d)):
            raise DegenerateFigure("intersection of concentric circles")
        # The radical line: points with equal power to both circles.
        c = (_dot(b.center, b.center) - _dot(a.center, a.center) + a.radius**2 - b.radius**2) / 2
        foot = d.scale(_clean(c / _dot(d, d)))
        return _line_circle(Line(_point(foot), _perp(d)), a)
    if isinstance(a, Function) or isinstance(b, Function):
        return _graph_intersections(a, b)
    raise UnsupportedCommand(f"Intersect of a {kind_of(a)} and a {kind_of(b)}")


def _line_circle(line: Line, circle: Circle) -> list[Point]:
    w = line.p - circle.center
    qa, qb, qc = _dot(line.d, line.d), 2 * _dot(line.d, w), _dot(w, w) - circle.radius**2
    disc = _clean(qb**2 - 4 * qa * qc)
    if disc.is_negative:
        return []
    roots = {_clean((-qb + sign * sympy.sqrt(disc)) / (2 * qa)) for sign in (1, -1)}
    return [_point(line.p + line.d.scale(t)) for t in roots if _on(line, t)]


def _as_function(obj: Any) -> Expr:
    if isinstance(obj, Function):
        return obj.expr
    if isinstance(obj, Line) and not _is_zero(obj.d.x):
        slope = obj.d.y / obj.d.x
        return obj.p.y + slope * (X - obj.p.x)
    raise UnsupportedCommand(f"Intersect of a function and a {kind_of(obj)}")


#: The highest degree of an irreducible factor whose roots are solved exactly: quartics take
#: milliseconds, while one sextic (x⁶ − 3x² + 1) took a minute and degree 999 never finished.
MAX_ROOT_DEGREE = 4
#: The most operations in an equation handed to sympy's solver.
MAX_SOLVED_OPS = 60


def _real_roots(expr: Expr) -> list[Expr]:
    if sympy.count_ops(expr) > MAX_SOLVED_OPS:
        raise UnsupportedCommand(f"the equation {str(expr)[:60]} = 0 is too long to solve exactly")
    if expr.is_polynomial(X):
        if sympy.degree(expr, X) > 3 * MAX_ROOT_DEGREE:  # too long even to factor quickly
            raise UnsupportedCommand(f"{str(expr)[:60]} = 0 has degree {sympy.degree(expr, X)}; too high to solve exactly")
        degree = max((sympy.degree(f, X) for f, _ in sympy.factor_list(expr, X)[1]), default=0)
        if degree > MAX_ROOT_DEGREE:
            raise UnsupportedCommand(f"solving {str(expr)[:60]} = 0 needs the roots of a degree-{degree} polynomial")
    try:
        roots = sympy.solve(sympy.Eq(expr, 0), X)
    except NotImplementedError as exc:
        raise UnsupportedCommand(f"cannot solve {expr} = 0 exactly") from exc
    if not roots and sympy.solveset(expr, X, domain=sympy.S.Reals) is not sympy.S.EmptySet:
        # solve() also answers [] when it gives up (x² − 4x + 3 = sin x): not "no solution".
        raise UnsupportedCommand(f"cannot solve {expr} = 0 exactly")
    return sorted({_clean(r) for r in roots if r.is_real}, key=float)


def _graph_intersections(a: Any, b: Any) -> list[Point]:
    line = a if isinstance(a, Line) else b
    if isinstance(line, Line) and _is_zero(line.d.x):  # a vertical line meets a graph once
        graph = _as_function(b if line is a else a)
        return [Point(line.p.x, _clean(graph.subs(X, line.p.x)))]
    f, g = _as_function(a), _as_function(b)
    return [Point(x0, _clean(f.subs(X, x0))) for x0 in _real_roots(f - g)]


def _function(value: _Value) -> Expr:
    if not isinstance(value.obj, Function):
        raise ConstructionError(f"expected a function, got a {kind_of(value.obj)}")
    return value.obj.expr


def _in_interval(values: list[Expr], ev: _Evaluator, lo: _Value | None, hi: _Value | None) -> list[Expr]:
    if lo is None or hi is None:
        return values
    a, b = ev.number(lo), ev.number(hi)
    return [v for v in values if a <= v <= b]


@command("Root")
def _root(ev: _Evaluator, f: _Value, lo: _Value | None = None, hi: _Value | None = None) -> Point:
    roots = _in_interval(_real_roots(_function(f)), ev, lo, hi)
    if not roots:
        raise DegenerateFigure("the function has no real root" + (" in the interval" if lo else ""))
    return Point(roots[0], sympy.Integer(0))


@command("Extremum")
def _extremum(ev: _Evaluator, f: _Value, lo: _Value | None = None, hi: _Value | None = None) -> Point:
    expr = _function(f)
    critical = [x0 for x0 in _real_roots(sympy.diff(expr, X)) if not _is_zero(sympy.diff(expr, X, 2).subs(X, x0))]
    critical = _in_interval(critical, ev, lo, hi)
    if not critical:
        raise DegenerateFigure("the function has no extremum" + (" in the interval" if lo else ""))
    return Point(critical[0], _clean(expr.subs(X, critical[0])))


@command("Vertex")
def _vertex(ev: _Evaluator, f: _Value, index: _Value | None = None) -> Point:
    """``Vertex(parabola)`` is its turning point; ``Vertex(polygon, n)`` its n-th corner."""
    if isinstance(f.obj, Polygon) and index is not None:
        n = ev.number(index)
        if not (n.is_Integer and 1 <= n <= len(f.obj.vertices)):
            raise ConstructionError(f"Vertex: the polygon has no vertex {n}")
        return f.obj.vertices[int(n) - 1]
    return _extremum(ev, f)


@command("CircleArc", "CircularArc")
def _circle_arc(ev: _Evaluator, centre: _Value, start: _Value, end: _Value) -> Arc:
    m, a = _p(centre), _p(start)
    radius = _clean(_norm(a - m))
    if _is_zero(radius):
        raise DegenerateFigure("CircleArc: the arc has radius 0")
    return Arc(Circle(m, radius), a, _p(end))


@command("CircleSector", "CircularSector")
def _circle_sector(ev: _Evaluator, centre: _Value, start: _Value, end: _Value) -> Sector:
    arc = _circle_arc(ev, centre, start, end)
    return Sector(arc.circle, arc.start, arc.end)


@command("Semicircle")
def _semicircle(ev: _Evaluator, a: _Value, b: _Value) -> Arc:
    """The half of the circle on AB that lies to the left of A → B ("above" AB), as GeoGebra draws it."""
    p, q = _p(a), _p(b)
    if _is_zero(_norm(q - p)):
        raise DegenerateFigure("Semicircle: the two points coincide")
    centre = Point((p.x + q.x) / 2, (p.y + q.y) / 2)
    return Arc(Circle(centre, _clean(_norm(q - p) / 2)), q, p)


@command("Derivative")
def _derivative(ev: _Evaluator, f: _Value, order: _Value | None = None) -> _Value:
    n = 1 if order is None else ev.number(order)
    if not (sympy.Integer(n) == n and n >= 1):
        raise ConstructionError(f"Derivative: the order must be a whole number ≥ 1, not {n}")
    return _Value(Function(sympy.diff(_function(f), X, int(n))), "function")


@command("Integral", kind="area")
def _integral(ev: _Evaluator, f: _Value, a: _Value, b: _Value) -> Expr:
    return _clean(sympy.integrate(_function(f), (X, ev.number(a), ev.number(b))))


@command("Centroid")
def _centroid(ev: _Evaluator, polygon: _Value) -> Point:
    if not isinstance(polygon.obj, Polygon):
        raise ConstructionError("Centroid needs a polygon")
    vs = polygon.obj.vertices
    n = len(vs)
    twice = sum((_cross(vs[i], vs[(i + 1) % n]) for i in range(n)), sympy.Integer(0))
    cx = sum(((vs[i].x + vs[(i + 1) % n].x) * _cross(vs[i], vs[(i + 1) % n]) for i in range(n)), sympy.Integer(0))
    cy = sum(((vs[i].y + vs[(i + 1) % n].y) * _cross(vs[i], vs[(i + 1) % n]) for i in range(n)), sympy.Integer(0))
    return _point(Point(cx / (3 * twice), cy / (3 * twice)))


@command("Center", "Centre")
def _center(ev: _Evaluator, circle: _Value) -> Point:
    """A circle's centre, or a conic's (``conics.Conic.symmetry_centre``)."""
    if hasattr(circle.obj, "symmetry_centre"):
        return circle.obj.symmetry_centre
    return _circle(circle).center


_ONE = sympy.Integer(1)


def _map(obj: Any, f: Callable[[Point], Point], scale: Expr = _ONE) -> Any:
    """Apply a point map to any object (similarities only: they keep lines lines, circles circles)."""
    if isinstance(obj, Point):
        return obj if isinstance(obj, Vector) else _like(obj, _point(f(obj)))
    if isinstance(obj, Line):
        p = _point(f(obj.p))
        q = _point(f(obj.p + obj.d))
        return type(obj)(p, Point(_clean(q.x - p.x), _clean(q.y - p.y)))
    if isinstance(obj, Polygon):
        return Polygon(tuple(_point(f(v)) for v in obj.vertices))
    if isinstance(obj, Circle):
        return Circle(_point(f(obj.center)), _clean(sympy.Abs(scale) * obj.radius))
    raise UnsupportedCommand(f"cannot transform a {kind_of(obj)}")


@command("Translate")
def _translate(ev: _Evaluator, obj: _Value, v: _Value) -> Any:
    vector = _p(v)
    return _map(obj.obj, lambda p: p + vector)


@command("Rotate")
def _rotate_cmd(ev: _Evaluator, obj: _Value, angle: _Value, centre: _Value | None = None) -> Any:
    about = _p(centre) if centre is not None else Point(sympy.Integer(0), sympy.Integer(0))
    theta = ev.number(angle)
    return _map(obj.obj, lambda p: _rotate(p, about, theta))


@command("Reflect", "Mirror")
def _reflect(ev: _Evaluator, obj: _Value, mirror: _Value) -> Any:
    if isinstance(mirror.obj, Point):
        centre = mirror.obj
        return _map(obj.obj, lambda p: centre.scale(2) - p)
    line = _line(mirror)

    def reflect(p: Point) -> Point:
        w = p - line.p
        along = line.d.scale(_dot(w, line.d) / _dot(line.d, line.d))
        return line.p + along.scale(2) - w

    return _map(obj.obj, reflect)


@command("Dilate")
def _dilate(ev: _Evaluator, obj: _Value, factor: _Value, centre: _Value | None = None) -> Any:
    about = _p(centre) if centre is not None else Point(sympy.Integer(0), sympy.Integer(0))
    k = ev.number(factor)
    return _map(obj.obj, lambda p: about + (p - about).scale(k), k)


@command("Distance", kind="length")
def _distance(ev: _Evaluator, a: _Value, b: _Value) -> Expr:
    if isinstance(b.obj, Point) and not isinstance(a.obj, Point):
        a, b = b, a
    point = _p(a)
    if isinstance(b.obj, Point):
        return _clean(_norm(b.obj - point))
    if isinstance(b.obj, Line):
        return _to_line(point, b.obj)
    if isinstance(b.obj, LinePair):
        first, second = (_to_line(point, line) for line in b.obj.lines)
        if not _is_zero(first - second):
            raise UnsupportedCommand(
                "Distance to one of a pair of lines (asymptotes, directrices) from a point nearer one: GeoGebra takes the"
                " first of the two in its own order; draw the line meant with Line"
            )
        return first
    raise UnsupportedCommand(f"Distance from a point to a {kind_of(b.obj)}")


def _to_line(point: Point, line: Line) -> Expr:
    return _clean(sympy.Abs(_cross(line.d, point - line.p)) / _norm(line.d))


@command("Length", kind="length")
def _length(ev: _Evaluator, obj: _Value) -> Expr:
    if isinstance(obj.obj, Segment):
        return _clean(_norm(obj.obj.d))
    if isinstance(obj.obj, Point):
        return _clean(_norm(obj.obj))
    if isinstance(obj.obj, Arc) and not isinstance(obj.obj, Sector):
        return _clean(obj.obj.circle.radius * _turn(obj.obj))
    raise UnsupportedCommand(f"Length of a {kind_of(obj.obj)}")


def _turn(arc: Arc) -> Expr:
    """The angle an arc turns through, counter-clockwise from its start to its end's ray (0 to 2π)."""
    u, v = arc.start - arc.circle.center, arc.end - arc.circle.center
    turn = sympy.atan2(_clean(_cross(u, v)), _clean(_dot(u, v)))
    return turn if turn.is_nonnegative else turn + 2 * sympy.pi


@command("Area", kind="area")
def _area_cmd(ev: _Evaluator, *args: _Value) -> Expr:
    if len(args) == 1 and isinstance(args[0].obj, Circle):
        return _clean(sympy.pi * args[0].obj.radius ** 2)
    if len(args) == 1 and isinstance(args[0].obj, Sector):
        return ev.number(args[0])
    if len(args) == 1 and isinstance(args[0].obj, Polygon):
        return _clean(_area(args[0].obj.vertices))
    return _clean(_area(_polygon(ev, *args).vertices))


@command("Perimeter", "Circumference", kind="length")
def _perimeter(ev: _Evaluator, obj: _Value) -> Expr:
    if isinstance(obj.obj, Circle):
        return _clean(2 * sympy.pi * obj.obj.radius)
    if isinstance(obj.obj, Polygon):
        vs = obj.obj.vertices
        return _clean(sum((_norm(vs[(i + 1) % len(vs)] - vs[i]) for i in range(len(vs))), sympy.Integer(0)))
    raise UnsupportedCommand(f"Perimeter of a {kind_of(obj.obj)}")


@command("Radius", kind="length")
def _radius(ev: _Evaluator, circle: _Value) -> Expr:
    return _circle(circle).radius


@command("Angle", kind="angle")
def _angle(ev: _Evaluator, a: _Value, b: _Value | None = None, c: _Value | None = None) -> Expr:
    if c is not None:
        vertex = _p(b)  # type: ignore[arg-type]
        u, v = _p(a) - vertex, _p(c) - vertex
        if _is_zero(_dot(u, u)) or _is_zero(_dot(v, v)):
            raise DegenerateFigure("angle with coincident points")
        return _angle_ccw(u, v)
    if b is not None:
        return _angle_ccw(_line(a).d, _line(b).d)
    if isinstance(a.obj, Point):
        return _angle_ccw(Point(sympy.Integer(1), sympy.Integer(0)), a.obj)
    raise UnsupportedCommand(f"Angle of a {kind_of(a.obj)}")


@command("Slope")
def _slope(ev: _Evaluator, line: _Value) -> Expr:
    d = _line(line).d
    if _is_zero(d.x):
        raise DegenerateFigure("slope of a vertical line")
    return _clean(d.y / d.x)


@command("x")
def _x(ev: _Evaluator, p: _Value) -> Expr:
    return _p(p).x


@command("y")
def _y(ev: _Evaluator, p: _Value) -> Expr:
    return _p(p).y


def _unary(function: Callable[[Expr], Expr]) -> Handler:
    return lambda ev, value: function(ev.number(value))


for _names, _function_ in (
    (("sqrt",), sympy.sqrt),
    (("sin",), lambda v: _trig(sympy.sin, v)),
    (("cos",), lambda v: _trig(sympy.cos, v)),
    (("tan",), lambda v: _trig(sympy.tan, v)),
    (("asin", "arcsin"), sympy.asin),
    (("acos", "arccos"), sympy.acos),
    (("atan", "arctan"), sympy.atan),
    (("abs",), sympy.Abs),
    (("exp",), sympy.exp),
    (("ln",), sympy.log),
    (("lg",), lambda v: sympy.log(v, 10)),
    (("ld",), lambda v: sympy.log(v, 2)),
):
    command(*_names, kind="number")(_unary(_function_))


for _names, _function_ in ((("floor",), sympy.floor), (("ceil",), sympy.ceiling)):
    command(*_names, kind="number")(_unary(_function_))


@command("Max", "max", kind="number")
def _max(ev: _Evaluator, a: _Value, b: _Value) -> Expr:
    return sympy.Max(ev.number(a), ev.number(b))


@command("Min", "min", kind="number")
def _min(ev: _Evaluator, a: _Value, b: _Value) -> Expr:
    return sympy.Min(ev.number(a), ev.number(b))


@command("nCr", "BinomialCoefficient", kind="number")
def _choose(ev: _Evaluator, n: _Value, k: _Value) -> Expr:
    top, bottom = ev.number(n), ev.number(k)
    if not (top.is_Integer and bottom.is_Integer and 0 <= top <= MAX_CHOOSE):
        raise ConstructionError(f"nCr takes whole numbers n and k with 0 ≤ n ≤ {MAX_CHOOSE}")
    return _bounded(sympy.binomial(top, bottom))


@command("log", kind="number")
def _log(ev: _Evaluator, a: _Value, b: _Value | None = None) -> Expr:
    return sympy.log(ev.number(a)) if b is None else sympy.log(ev.number(b), ev.number(a))


# Ellipses, hyperbolas and parabolas, and solid geometry, register their commands here (they
# build on the helpers above).
from variantgen.construction import conics as _conics  # noqa: E402,F401
from variantgen.construction import space as _space  # noqa: E402,F401

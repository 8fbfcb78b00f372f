"""Theorems about graphs whose definition the question states ("f(x) = x^2 - 6x + 5", the
relation ``Quantity("function", ("f",))``): values, intercepts, zeros, the vertex and the extreme
value, derivatives, definite integrals, and what a teacher asks about one graph (the distance
between its zeros, the triangle they form with the vertex, where two lines meet, the triangle a
line forms with the axes or two lines with the x-axis, the average rate of change between two
x values, the region between a parabola and its chord over an integral's interval).

A stated definition is the premise that carries the numbers here: the formulas read the
function's expression, which the question states, never a value read off the graph. The x
values asked about are few and chosen the way a teacher does: 0 (the y-intercept), the zeros,
the vertex and the x values the seed's own question names (``f(5)``, the bounds of ``Integral(f,0,3)``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import sympy
from sympy import Abs

from variantgen.construction import ConstructionError
from variantgen.construction.evaluator import Function, X, evaluate_expression
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, is_zero, same
from variantgen.derive.theorem import Match, theorem
from variantgen.derive.theorems.coordinates import coordinates

_CALL = r"\(((?:[^()]|\([^()]*\))*)\)"
_ARG = r"((?:[^,()]|\([^()]*\))+)"


@dataclass(frozen=True)
class Graph:
    """A stated function: its relation (the premise), label, expression and what kind it is."""

    relation: Quantity
    label: str
    expr: sympy.Expr
    family: str  # "polynomial", "exponential", "trig", "log" or "other"
    degree: int | None  # for a polynomial


@dataclass(frozen=True)
class Zero:
    """A zero of a graph as a quantity: ``x(Root(f))`` or ``x(Root(f, lo, hi))``."""

    quantity: Quantity
    value: sympy.Expr
    bracket: tuple[str, str] | None


def _graphs(scene: Scene) -> Iterator[Graph]:
    for relation in scene.relations:
        if relation.kind == "function" and relation.args and isinstance(scene.objects.get(relation.args[0]), Function):
            label = relation.args[0]
            expr = scene.objects[label].expr
            degree = int(sympy.degree(expr, X)) if expr.is_polynomial(X) else None
            yield Graph(relation, label, expr, _family(expr, degree), degree)


def _family(expr: sympy.Expr, degree: int | None) -> str:
    if expr.has(sympy.sin, sympy.cos, sympy.tan):
        return "trig"
    if expr.has(sympy.log):
        return "log"
    if degree is not None:
        return "polynomial"
    if expr.has(sympy.exp) or any(isinstance(node, sympy.Pow) and node.exp.has(X) for node in sympy.preorder_traversal(expr)):
        return "exponential"
    return "other"


def _number(text: str) -> sympy.Expr | None:
    """The exact value of an x value written in the construction (``5``, ``pi/6``); None for ``x``."""
    try:
        value, _ = evaluate_expression(text, {})
    except (ConstructionError, ValueError, TypeError, ZeroDivisionError, AttributeError):
        return None
    return value if isinstance(value, sympy.Expr) and not value.free_symbols and value.is_real else None


def _named(scene: Scene, label: str) -> dict[str, list[tuple[str, ...]]]:
    """The x values (as written) the seed's construction evaluates ``label`` at: ``f(5)``, ``f'(2)``,
    ``Integral(f,0,3)`` and ``Root(f,0,10)``."""
    found: dict[str, list[tuple[str, ...]]] = {"value": [], "derivative": [], "integral": [], "root": []}
    name = re.escape(label)
    for text in (scene.construction.target, *scene.construction.commands):
        compact = text.replace(" ", "")
        for m in re.finditer(rf"(?<![\w']){name}('?)" + _CALL, compact):
            kind = "derivative" if m.group(1) else "value"
            if _number(m.group(2)) is not None and (m.group(2),) not in found[kind]:
                found[kind].append((m.group(2),))
        for kind, command in (("integral", "Integral"), ("root", "Root")):
            for m in re.finditer(rf"\b{command}\({name},{_ARG},{_ARG}\)", compact):
                if _number(m.group(1)) is not None and _number(m.group(2)) is not None and m.groups() not in found[kind]:
                    found[kind].append(m.groups())
    return found


def _at(graph: Graph, scene: Scene, zero: bool = True) -> list[tuple[str, sympy.Expr]]:
    """The x values a teacher evaluates the graph at: 0 (unless ``zero`` is False), those named,
    and the bounds of a named integral (the ends of the region it measures)."""
    xs = [("0", sympy.Integer(0))] if zero else []
    named = _named(scene, graph.label)
    for text in [t for (t,) in named["value"]] + [t for bounds in named["integral"] for t in bounds]:
        value = _number(text)
        if value is not None and all(t != text for t, _ in xs):
            xs.append((text, value))
    return xs


def _real_zeros(graph: Graph) -> list[sympy.Expr]:
    """The real zeros of a linear or quadratic graph, in increasing order."""
    if graph.family != "polynomial" or graph.degree not in (1, 2):
        return []
    roots = sympy.roots(sympy.Poly(graph.expr, X))
    return sorted((r for r in roots if r.is_real), key=lambda r: float(r))


def _bracket(r: sympy.Expr, before: sympy.Expr | None, after: sympy.Expr | None) -> tuple[str, str] | None:
    """Whole numbers lo ≤ r ≤ hi with no other zero between them (lo < r < hi where possible)."""
    lo, hi = int(sympy.ceiling(r)) - 1, int(sympy.floor(r)) + 1
    if before is not None and not bool(lo > before):
        if not r.is_Integer:
            return None
        lo = int(r)
    if after is not None and not bool(hi < after):
        if not r.is_Integer:
            return None
        hi = int(r)
    return str(lo), str(hi)


def _zeros(graph: Graph, scene: Scene) -> list[Zero]:
    """Each zero as a quantity: ``x(Root(f))`` for a graph with one zero, otherwise bracketed; and
    the brackets the construction itself names (``Root(f,0,10)``) where one zero lies inside."""
    values = _real_zeros(graph)
    found: list[Zero] = []
    if len(values) == 1:
        found.append(Zero(Quantity("root", (graph.label,)), values[0], None))
    else:
        for i, r in enumerate(values):
            bracket = _bracket(r, values[i - 1] if i else None, values[i + 1] if i + 1 < len(values) else None)
            if bracket is not None:
                found.append(Zero(Quantity("root", (graph.label, *bracket)), r, bracket))
    for lo, hi in _named(scene, graph.label)["root"]:
        a, b = _number(lo), _number(hi)
        inside = [r for r in values if bool(a <= r) and bool(r <= b)]
        quantity = Quantity("root", (graph.label, lo, hi))
        if len(inside) == 1 and all(z.quantity != quantity for z in found):
            found.append(Zero(quantity, inside[0], (lo, hi)))
    return found


def _vertex_x(graph: Graph) -> sympy.Expr | None:
    if graph.family != "polynomial" or graph.degree != 2:
        return None
    a, b, _ = sympy.Poly(graph.expr, X).all_coeffs()
    return -b / (2 * a)


def _on_graph(scene: Scene, graph: Graph, point: str) -> bool:
    p = scene.points[point]
    return is_zero(graph.expr.subs(X, p.x) - p.y)


def _value(expr: sympy.Expr, x0: sympy.Expr) -> sympy.Expr:
    return expr.subs(X, x0)


# Values and intercepts ------------------------------------------------------------------------------


def _values(scene: Scene, families: tuple[str, ...]) -> Iterator[Match]:
    """``f(a)`` at the x values that matter, for graphs of these families (a line's ``f(0)`` is its
    y-intercept: ``linear-y-intercept``)."""
    for graph in _graphs(scene):
        if graph.family not in families or graph.degree == 0:
            continue
        for text, x0 in _at(graph, scene, zero=graph.degree != 1):
            yield (graph.relation,), Quantity("value", (graph.label, text)), lambda _, e=graph.expr, v=x0: _value(e, v)


@theorem("function-value", "function-evaluation", "evaluating a function", "substitute x = a into f(x)")
def function_value(scene: Scene) -> Iterator[Match]:
    yield from _values(scene, ("polynomial", "other"))


@theorem("exponential-value", "exponential-function-value", "evaluating an exponential function", "f(a) = base^a")
def exponential_value(scene: Scene) -> Iterator[Match]:
    yield from _values(scene, ("exponential",))


@theorem("sine-value", "sine-function-value", "evaluating a trigonometric function", "substitute the angle; sin 30° = 1/2, …")
def sine_value(scene: Scene) -> Iterator[Match]:
    yield from _values(scene, ("trig",))


@theorem("logarithm-value", "logarithm-value", "evaluating a logarithm", "log_a b is the exponent that gives b")
def logarithm_value(scene: Scene) -> Iterator[Match]:
    yield from _values(scene, ("log",))


@theorem("linear-y-intercept", "linear-function-intercepts", "the y-intercept of a line", "y = kx + b meets the y-axis at (0, b)")
def linear_intercept(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.family == "polynomial" and graph.degree == 1:
            yield (graph.relation,), Quantity("value", (graph.label, "0")), lambda _, e=graph.expr: _value(e, 0)


# Zeros, vertex and extreme value ----------------------------------------------------------------


def _solved(scene: Scene, degree: int) -> Iterator[Match]:
    """Each zero of a polynomial graph of this degree, solved from its stated definition."""
    for graph in _graphs(scene):
        if graph.degree == degree:
            for zero in _zeros(graph, scene):
                yield (graph.relation,), zero.quantity, lambda _, r=zero.value: r


@theorem("linear-function-zero", "linear-function-zero", "the zero of a linear function", "kx + b = 0 ⇒ x = −b/k")
def linear_zero(scene: Scene) -> Iterator[Match]:
    yield from _solved(scene, 1)


@theorem("quadratic-roots", "quadratic-roots", "the zeros of a quadratic function", "x = (−b ± √(b² − 4ac)) / (2a)")
def quadratic_roots(scene: Scene) -> Iterator[Match]:
    yield from _solved(scene, 2)


@theorem("quadratic-vertex", "quadratic-vertex", "the vertex of a parabola", "the vertex of y = ax² + bx + c is at x = −b/(2a)")
def quadratic_vertex(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        h = _vertex_x(graph)
        if h is not None:
            yield (graph.relation,), Quantity("vertex-x", (graph.label,)), lambda _, v=h: v


@theorem(
    "quadratic-extremum",
    "quadratic-function-extremum",
    "the extreme value of a quadratic function",
    "the minimum (a > 0) or maximum (a < 0) is f(−b/(2a))",
)
def quadratic_extremum(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if _vertex_x(graph) is not None:
            premises = (graph.relation, Quantity("vertex-x", (graph.label,)))
            yield premises, Quantity("extremum", (graph.label,)), lambda _, h, e=graph.expr: _value(e, h)


def _quadratics(scene: Scene) -> Iterator[Graph]:
    """Every quadratic graph of the figure, stated or not (for theorems whose premises are points)."""
    for label in scene.functions:
        expr = scene.objects[label].expr
        if expr.is_polynomial(X) and sympy.degree(expr, X) == 2:
            yield Graph(Quantity("function", (label,)), label, expr, "polynomial", 2)


@theorem(
    "quadratic-axis-of-symmetry",
    "quadratic-axis-of-symmetry",
    "the axis of symmetry of a parabola",
    "the axis of symmetry passes midway between the two zeros: x = (x₁ + x₂)/2",
)
def axis_of_symmetry(scene: Scene) -> Iterator[Match]:
    for graph in _quadratics(scene):
        crossings = [p for p in sorted(scene.points) if is_zero(scene.points[p].y) and _on_graph(scene, graph, p)]
        h = _vertex_x(graph)
        vertices = [p for p in sorted(scene.points) if same(scene.points[p].x, h) and _on_graph(scene, graph, p)]  # type: ignore[arg-type]
        for a, b in itertools.combinations(crossings, 2):
            if same(scene.points[a].x, scene.points[b].x):
                continue  # two names of one zero
            premises = (coordinates(a)[0], coordinates(b)[0])
            yield premises, Quantity("vertex-x", (graph.label,)), lambda u, v: (u + v) / 2
            for vertex in vertices:
                yield premises, coordinates(vertex)[0], lambda u, v: (u + v) / 2


# Derivatives and integrals ------------------------------------------------------------------------


@theorem(
    "derivative-tangent-slope",
    "derivative-as-tangent-slope",
    "the derivative as the tangent's slope",
    "the tangent at x = a has slope f′(a)",
)
def derivative(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.degree is not None and graph.degree < 2:
            continue  # a line's slope needs no derivative
        slope = sympy.diff(graph.expr, X)
        named = _named(scene, graph.label)
        xs = [(t, _number(t)) for (t,) in named["derivative"]] + list(_at(graph, scene))
        seen: set[str] = set()
        for text, x0 in xs:
            if x0 is not None and text not in seen:
                seen.add(text)
                yield (graph.relation,), Quantity("derivative", (graph.label, text)), lambda _, d=slope, v=x0: _value(d, v)
        for zero in _zeros(graph, scene):
            text = str(zero.value)
            if zero.value.is_Rational and text not in seen:
                seen.add(text)
                premises = (graph.relation, zero.quantity)
                yield premises, Quantity("derivative", (graph.label, text)), lambda _, r, d=slope: _value(d, r)


@theorem("definite-integral", "definite-integral-area", "the definite integral", "∫ₐᵇ f(x) dx = F(b) − F(a)")
def definite_integral(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        for lo, hi in _named(scene, graph.label)["integral"]:
            a, b = _number(lo), _number(hi)
            conclusion = Quantity("integral", (graph.label, lo, hi))
            yield (graph.relation,), conclusion, lambda _, e=graph.expr, u=a, v=b: sympy.integrate(e, (X, u, v))
        zeros = [z for z in _zeros(graph, scene) if z.value.is_Rational]
        for first, second in zip(zeros, zeros[1:], strict=False):
            conclusion = Quantity("integral", (graph.label, str(first.value), str(second.value)))
            premises = (graph.relation, first.quantity, second.quantity)
            yield premises, conclusion, lambda _, u, v, e=graph.expr: sympy.integrate(e, (X, u, v))


# What a teacher asks about one graph --------------------------------------------------------------


def _bracketed(graph: Graph, scene: Scene) -> list[Zero]:
    """One bracketed quantity per zero, in increasing order: the bracket the construction names
    (``Root(f,0,10)``, the seed's own zero) before ours, so that what is built on the zeros is
    built on the quantity the question asked."""
    named = set(_named(scene, graph.label)["root"])
    zeros = sorted(_zeros(graph, scene), key=lambda z: z.bracket not in named)
    found: list[Zero] = []
    for zero in zeros:
        if zero.bracket is not None and not any(same(zero.value, z.value) for z in found):
            found.append(zero)
    return sorted(found, key=lambda z: float(z.value))


def _zero_pairs(graph: Graph, scene: Scene) -> Iterator[tuple[Zero, Zero, tuple[str, ...]]]:
    """Each two bracketed zeros x₁ < x₂, with the arguments of what is built on both: ``(f, lo₁, hi₁, lo₂, hi₂)``."""
    for first, second in itertools.combinations(_bracketed(graph, scene), 2):
        yield first, second, (graph.label, *first.bracket, *second.bracket)  # type: ignore[misc]


@theorem("zeros-distance", "", "the distance between the zeros", "the x-intercepts x₁ < x₂ are x₂ − x₁ apart")
def zeros_distance(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        for first, second, args in _zero_pairs(graph, scene):
            yield (first.quantity, second.quantity), Quantity("root-distance", args), lambda u, v: Abs(v - u)


@theorem(
    "zeros-vertex-triangle",
    "triangle-area",
    "the area of the triangle formed by the zeros and the vertex",
    "S = ½·(x₂ − x₁)·|f(vertex)|",
)
def zeros_vertex_triangle(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.degree != 2:
            continue
        for _, _, args in _zero_pairs(graph, scene):
            premises = (Quantity("root-distance", args), Quantity("extremum", (graph.label,)))
            yield premises, Quantity("root-vertex-area", args), lambda d, k: d * Abs(k) / 2


@theorem(
    "points-on-a-graph", "", "the named points of a graph", "a zero is (x₀, 0), the vertex (h, k), the y-intercept (0, f(0))"
)
def points_on_graph(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        h = _vertex_x(graph)
        zeros = _zeros(graph, scene)
        for p in sorted(scene.points):
            if not _on_graph(scene, graph, p):
                continue
            point, (x, y) = scene.points[p], coordinates(p)
            if is_zero(point.y):
                for zero in zeros:
                    if same(zero.value, point.x):
                        yield (graph.relation, zero.quantity), x, lambda _, r: r
                        yield (graph.relation, zero.quantity), y, lambda _, __: sympy.Integer(0)
            if h is not None and same(point.x, h):
                yield (Quantity("vertex-x", (graph.label,)),), x, lambda v: v
                yield (Quantity("extremum", (graph.label,)),), y, lambda k: k
            if is_zero(point.x):
                yield (graph.relation,), x, lambda _: sympy.Integer(0)
                yield (Quantity("value", (graph.label, "0")),), y, lambda c: c


@theorem(
    "lines-intersection",
    "system-of-linear-equations",
    "the intersection of two lines",
    "solve y = k₁x + b₁ and y = k₂x + b₂ together",
)
def lines_intersection(scene: Scene) -> Iterator[Match]:
    lines = [g for g in _graphs(scene) if g.degree == 1]
    for f, g in itertools.combinations(lines, 2):
        if same(sympy.diff(f.expr, X), sympy.diff(g.expr, X)):
            continue  # parallel lines do not meet
        (x0,) = sympy.solve(f.expr - g.expr, X)
        y0 = _value(f.expr, x0)
        for p in sorted(scene.points):
            if _on_graph(scene, f, p) and _on_graph(scene, g, p):
                x, y = coordinates(p)
                yield (f.relation, g.relation), x, lambda _, __, v=x0: v
                yield (f.relation, g.relation), y, lambda _, __, v=y0: v


@theorem(
    "axes-triangle",
    "triangle-area",
    "the area of the triangle a line forms with the axes",
    "S = ½·|x-intercept|·|y-intercept|",
)
def axes_triangle(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.degree != 1 or is_zero(_value(graph.expr, 0)):
            continue  # a line through the origin forms no triangle
        for zero in _zeros(graph, scene):
            premises = (zero.quantity, Quantity("value", (graph.label, "0")))
            yield premises, Quantity("axes-triangle-area", (graph.label,)), lambda r, c: Abs(r * c) / 2


@theorem(
    "lines-x-axis-triangle",
    "triangle-area",
    "the area of the triangle two lines form with the x-axis",
    "the base joins the two x-intercepts, the height is |y| of the lines' intersection: S = ½·|x₂ − x₁|·|y_P|",
)
def lines_x_axis_triangle(scene: Scene) -> Iterator[Match]:
    lines = sorted((g for g in _graphs(scene) if g.degree == 1), key=lambda g: g.label)
    for f, g in itertools.combinations(lines, 2):
        zeros = [next((z for z in _zeros(h, scene) if z.bracket is None), None) for h in (f, g)]
        if zeros[0] is None or zeros[1] is None or same(zeros[0].value, zeros[1].value):
            continue  # parallel lines, or lines meeting on the x-axis: no triangle
        for p in sorted(scene.points):
            if _on_graph(scene, f, p) and _on_graph(scene, g, p) and not is_zero(scene.points[p].y):
                premises = (zeros[0].quantity, zeros[1].quantity, coordinates(p)[1])
                conclusion = Quantity("lines-triangle-area", (f.label, g.label, p))
                yield premises, conclusion, lambda u, v, y: Abs(v - u) * Abs(y) / 2


@theorem(
    "average-rate-of-change",
    "average-rate-of-change",
    "the average rate of change",
    "on [a, b] it is (f(b) − f(a)) / (b − a)",
)
def average_rate(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.degree is not None and graph.degree < 2:
            continue  # a line's average rate of change is its slope
        xs = sorted(_at(graph, scene), key=lambda item: float(item[1]))
        for (lo, a), (hi, b) in itertools.combinations(xs, 2):
            if same(a, b):
                continue
            premises = (Quantity("value", (graph.label, lo)), Quantity("value", (graph.label, hi)))
            conclusion = Quantity("average-rate", (graph.label, lo, hi))
            yield premises, conclusion, lambda u, v, width=b - a: (v - u) / width


@theorem(
    "chord-region",
    "area-between-curves",
    "the area between a chord and a parabola",
    "the trapezoid under the chord, less the area under the graph: S = |(b − a)(f(a) + f(b))/2 − ∫ₐᵇ f(x) dx|",
)
def chord_region(scene: Scene) -> Iterator[Match]:
    for graph in _graphs(scene):
        if graph.degree != 2:
            continue  # a parabola lies on one side of every chord; other graphs may cross theirs
        for lo, hi in _named(scene, graph.label)["integral"]:
            a, b = _number(lo), _number(hi)
            if a is None or b is None or not bool(a < b):
                continue
            premises = (
                Quantity("value", (graph.label, lo)),
                Quantity("value", (graph.label, hi)),
                Quantity("integral", (graph.label, lo, hi)),
            )
            conclusion = Quantity("chord-region", (graph.label, lo, hi))
            yield premises, conclusion, lambda u, v, area, width=b - a: Abs(width * (u + v) / 2 - area)

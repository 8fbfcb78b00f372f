"""Property tests for the quadrilateral, coordinate and function theorems of the derivation engine.

Each test builds random figures with exact coordinates, states relations on them (some that the
figure does not satisfy: a theorem must then not match), and checks every application whose
premises have values: the theorem's formula, fed the premises' exact values, must give the value
the exact evaluator gives the conclusion. Every theorem must be checked at least once.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Iterable

import sympy

from variantgen.construction import Construction
from variantgen.derive import THEOREMS, Closure, Quantity, Scene, derive, read_givens
from variantgen.derive.givens import relations_of
from variantgen.derive.scene import same

_SHAPES = ("rectangle", "square", "rhombus", "parallelogram", "trapezoid")
#: Directions with whole-number perpendiculars: (p, q) and (−q, p).
_DIRECTIONS = ((1, 0), (3, 4), (4, 3), (1, 2), (2, 1), (5, 12), (-1, 1))


def _theorems(module: str) -> list[str]:
    return [name for name, t in THEOREMS.items() if t.match.__module__ == f"variantgen.derive.theorems.{module}"]


def _scene(commands: Iterable[str], target: str, relations: Iterable[Quantity]) -> Scene:
    scene = Scene.from_construction(Construction(tuple(commands), target))
    return dataclasses.replace(scene, relations=tuple(relations))


def _check(scene: Scene, names: list[str], checked: Counter[str]) -> None:
    """Every application of these theorems whose premises are known (relations stated, measures defined)."""
    for name in names:
        for application in THEOREMS[name].applications(scene):
            values = []
            for premise in application.premises:
                value = scene.value(premise) if premise.is_measure else None
                if (premise.is_measure and value is None) or (not premise.is_measure and premise not in scene.relations):
                    break
                values.append(value)
            else:
                expected = scene.value(application.conclusion)
                if expected is None:
                    continue
                assert application.formula is not None
                got = sympy.sympify(application.formula(*values))
                assert same(got, expected), (
                    f"{name}: {application.premises} = {values} gives {application.conclusion} = {got}, not {expected}"
                )
                checked[name] += 1


def _point(name: str, x: int, y: int) -> str:
    return f"{name}=({x},{y})"


# Quadrilaterals -------------------------------------------------------------------------------------


def _quadrilateral(rng: random.Random, shape: str) -> list[tuple[int, int]]:
    """Whole-number vertices A, B, C, D (in order around) of a random quadrilateral of this shape."""
    x0, y0 = rng.randint(-5, 5), rng.randint(-5, 5)
    p, q = rng.choice(_DIRECTIONS)
    u, v = (p, q), (-q, p)
    a, b = rng.randint(1, 4), rng.randint(1, 4)
    if shape in ("rectangle", "square"):
        b = a if shape == "square" else b + (b == a)
        ab, ad = (a * u[0], a * u[1]), (b * v[0], b * v[1])
    elif shape == "rhombus":  # the diagonals along u and v, crossing at (x0, y0)
        b += b == a
        return [
            (x0 - a * u[0], y0 - a * u[1]),
            (x0 - b * v[0], y0 - b * v[1]),
            (x0 + a * u[0], y0 + a * u[1]),
            (x0 + b * v[0], y0 + b * v[1]),
        ]
    else:
        ab = (rng.randint(2, 6), rng.randint(-2, 2))
        ad = (rng.randint(-3, 3), rng.randint(2, 5))
        if ab[0] * ad[1] == ab[1] * ad[0]:  # not along one line
            ad = (ad[0] + 1, ad[1] + 2)
    b_ = (x0 + ab[0], y0 + ab[1])
    d_ = (x0 + ad[0], y0 + ad[1])
    if shape == "trapezoid":  # DC ∥ AB, twice or three times as long
        k = rng.choice((2, 3))
        return [(x0, y0), b_, (d_[0] + k * ab[0], d_[1] + k * ab[1]), d_]
    return [(x0, y0), b_, (b_[0] + ad[0], b_[1] + ad[1]), d_]


def test_quadrilateral_theorems_agree_with_the_evaluator() -> None:
    names = _theorems("quadrilaterals")
    checked: Counter[str] = Counter()
    rng = random.Random(12)
    for i in range(15):
        shape = _SHAPES[i % len(_SHAPES)]
        vertices = _quadrilateral(rng, shape)
        commands = [_point(n, x, y) for n, (x, y) in zip("ABCD", vertices, strict=True)]
        commands += ["q=Polygon(A,B,C,D)", "e=Segment(A,C)", "g=Segment(B,D)"]
        if i % 2 == 0:
            commands.append("O=Intersect(e,g)")
        # Every shape stated of every figure (most are false there), and one in a wrong order.
        relations = [Quantity(kind, tuple("ABCD")) for kind in _SHAPES] + [Quantity(shape, tuple("ACBD"))]
        _check(_scene(commands, "Distance(A,C)", relations), names, checked)
    missing = [name for name in names if not checked[name]]
    assert not missing, missing
    assert sum(checked.values()) > 300


def test_a_shape_the_figure_does_not_have_matches_nothing() -> None:
    parallelogram = ["A=(0,0)", "B=(5,0)", "C=(7,3)", "D=(2,3)", "q=Polygon(A,B,C,D)"]
    scene = _scene(parallelogram, "Distance(A,C)", [Quantity(kind, tuple("ABCD")) for kind in ("rectangle", "square", "rhombus")])
    assert not [
        a
        for name in _theorems("quadrilaterals")
        for a in THEOREMS[name].applications(scene)
        if a.premises and not a.premises[0].is_measure
    ]


# Coordinates ---------------------------------------------------------------------------------------


def test_coordinate_theorems_agree_with_the_evaluator() -> None:
    names = _theorems("coordinates")
    checked: Counter[str] = Counter()
    rng = random.Random(7)
    for i in range(8):
        if i % 2 == 0:  # a right angle at A, its legs along whole-number perpendicular directions
            (p, q) = rng.choice(_DIRECTIONS[2:])
            x0, y0, a, b = rng.randint(-4, 4), rng.randint(-4, 4), rng.randint(1, 3), rng.randint(1, 3)
            points = [(x0, y0), (x0 + a * p, y0 + a * q), (x0 - b * q, y0 + b * p)]
        else:
            points = [(rng.randint(-6, 6), rng.randint(-6, 6)) for _ in range(3)]
            (ax, ay), (bx, by), (cx, cy) = points
            if (bx - ax) * (cy - ay) == (by - ay) * (cx - ax):
                points[2] = (cx + 1, cy + 3)
        commands = [_point(n, x, y) for n, (x, y) in zip("ABC", points, strict=True)]
        commands += ["t=Polygon(A,B,C)", "M=Midpoint(A,B)", "D=(9,9)", "k=Polygon(A,B,D,C)" if i == 1 else "s=Segment(C,D)"]
        relations = [Quantity("midpoint", ("M", "A", "B"))]
        _check(_scene(commands, "Distance(A,B)", relations), names, checked)
    missing = [name for name in names if not checked[name]]
    assert not missing, missing


# Functions -----------------------------------------------------------------------------------------


def _ggb(expr: sympy.Expr) -> str:
    return str(sympy.expand(expr)).replace("**", "^")


def _graphs(rng: random.Random) -> Iterable[tuple[list[str], str]]:
    x = sympy.Symbol("x")
    for _ in range(4):  # parabolas with whole-number zeros, their named zeros, vertex and y-intercept
        a, r1 = rng.choice((-2, -1, 1, 2)), rng.randint(-4, 2)
        r2 = r1 + rng.choice((1, 2, 4))
        f = a * (x - r1) * (x - r2)
        h = sympy.Rational(r1 + r2, 2)
        k, c = f.subs(x, h), f.subs(x, 0)
        named = [f"A=({r1},0)", f"B=({r2},0)", f"V=({h},{k})", f"Y=(0,{c})"]
        yield (
            [f"f(x)={_ggb(f)}", *named, "t=Polygon(A,B,V)"],
            rng.choice(("f(3)", "f'(1)", "Integral(f,0,3)", f"x(Root(f,{r1 - 10},{r1}))")),
        )
    yield ["f(x)=(x-3)^2+1"], "f(1)"  # no zero
    yield ["f(x)=-2(x-1)^2"], "f'(2)"  # a double zero
    for _ in range(2):  # two lines and where they meet
        k1, k2 = rng.choice((1, 2, 3)), rng.choice((-1, -2, -3))
        b1, b2 = rng.randint(-5, 5), rng.randint(-5, 5)
        yield [f"f(x)={k1}x+({b1})", f"g(x)={k2}x+({b2})", "P=Intersect(f,g)"], "y(P)"
    yield ["f(x)=2^x"], "f(5)"
    yield ["f(x)=3sin(x)+1"], "f(pi/6)"
    yield ["f(x)=log(2,x)"], "f(8)"
    yield ["f(x)=6/x"], "f(3)"


def test_function_theorems_agree_with_the_evaluator() -> None:
    names = _theorems("functions")
    checked: Counter[str] = Counter()
    for commands, target in _graphs(random.Random(3)):
        labels = [c.split("(")[0] for c in commands if c[0].islower() and "(x)=" in c]
        _check(_scene(commands, target, [Quantity("function", (label,)) for label in labels]), names, checked)
    missing = [name for name in names if not checked[name]]
    assert not missing, missing


# The engine on small questions ---------------------------------------------------------------------


def _closure(question: str, commands: list[str], target: str) -> tuple[dict[Quantity, str], Closure]:
    scene = Scene.from_construction(Construction(tuple(commands), target))
    givens = read_givens(question, scene)
    return givens, derive(dataclasses.replace(scene, relations=relations_of(givens)), givens)


def test_a_rectangle_question_derives_its_diagonal() -> None:
    rectangle = ["A=(0,0)", "B=(8,0)", "C=(8,6)", "D=(0,6)", "q=Polygon(A,B,C,D)", "d=Segment(A,C)"]
    _, closure = _closure("ABCD is a rectangle with AB = 8 and BC = 6.", rectangle, "Distance(A,C)")
    diagonal = Quantity("length", ("A", "C"))
    assert closure.known[diagonal].value == 10
    assert {"rectangle-diagonal", "pythagorean-theorem"} & set(closure.knowledge_points(diagonal))
    assert closure.known[Quantity("area", tuple("ABCD"))].value == 48


def test_a_trapezoid_question_reads_its_height() -> None:
    trapezoid = ["A=(0,0)", "B=(10,0)", "C=(7,4)", "D=(1,4)", "q=Polygon(A,B,C,D)"]
    question = "ABCD is a trapezoid with AB ∥ DC, AB = 10, DC = 6, and the distance between the parallel sides is 4."
    givens, closure = _closure(question, trapezoid, "Area(q)")
    assert Quantity("distance-to-line", ("D", "A", "B")) in givens
    assert closure.known[Quantity("area", tuple("ABCD"))].value == 32


def test_a_coordinate_question_derives_distance_and_midpoint() -> None:
    question = "In the coordinate plane, A = (1,2) and B = (4,6). M is the midpoint of AB."
    _, closure = _closure(question, ["A=(1,2)", "B=(4,6)", "s=Segment(A,B)", "M=(5/2,4)"], "Distance(A,B)")
    assert closure.known[Quantity("length", ("A", "B"))].value == 5
    assert closure.known[Quantity("slope", ("A", "B"))].value == sympy.Rational(4, 3)
    assert closure.known[Quantity("x", ("M",))].value == sympy.Rational(5, 2)
    assert closure.known[Quantity("x", ("M",))].knowledge_points == ("midpoint-formula",)


def test_a_quadratic_question_derives_its_minimum_and_zeros() -> None:
    question = "Consider the quadratic function f(x) = x^2 - 6x + 5."
    givens, closure = _closure(question, ["f(x)=x^2-6x+5"], "y(Extremum(f))")
    assert Quantity("function", ("f",)) in givens
    assert closure.known[Quantity("extremum", ("f",))].value == -4
    zeros = sorted(step.value for q, step in closure.known.items() if q.kind == "root")
    assert zeros == [1, 5]
    assert closure.known[Quantity("root-distance", ("f", "0", "2", "4", "6"))].value == 4
    assert closure.known[Quantity("root-vertex-area", ("f", "0", "2", "4", "6"))].value == 8


def test_a_stated_formula_the_figure_does_not_draw_is_not_a_given() -> None:
    scene = Scene.from_construction(Construction(("f(x)=x^2-6x+5",), "f(1)"))
    assert not read_givens("Consider f(x) = x^2 - 4x + 3.", scene)
    assert read_givens("Consider f(x) = x² − 6x + 5, a parabola.", scene)

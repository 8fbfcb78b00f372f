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
from helpers import check_applications

from variantgen.answers import parse_answer
from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.derive import THEOREMS, Closure, Quantity, Scene, derive, read_givens
from variantgen.derive.givens import relations_of
from variantgen.derive.planner import plan

_SHAPES = ("rectangle", "square", "rhombus", "parallelogram", "trapezoid")
#: Directions with whole-number perpendiculars: (p, q) and (−q, p).
_DIRECTIONS = ((1, 0), (3, 4), (4, 3), (1, 2), (2, 1), (5, 12), (-1, 1))


def _theorems(module: str) -> list[str]:
    return [name for name, t in THEOREMS.items() if t.match.__module__ == f"variantgen.derive.theorems.{module}"]


def _scene(commands: Iterable[str], target: str, relations: Iterable[Quantity]) -> Scene:
    scene = Scene.from_construction(Construction(tuple(commands), target))
    return dataclasses.replace(scene, relations=tuple(relations))


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
        check_applications(_scene(commands, "Distance(A,C)", relations), names, checked)
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
        check_applications(_scene(commands, "Distance(A,B)", relations), names, checked)
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
        check_applications(_scene(commands, target, [Quantity("function", (label,)) for label in labels]), names, checked)
    missing = [name for name in names if not checked[name]]
    assert not missing, missing


#: Ellipses and hyperbolas with whole a, b, c, and rational points on them (x, y for the curve
#: centred at the origin with its foci on the x-axis).
_CONICS = (
    ("Ellipse", 5, 4, ((4, sympy.Rational(9, 5)), (0, 3), (3, sympy.Rational(12, 5)), (-4, -sympy.Rational(9, 5)))),
    ("Ellipse", 13, 12, ((12, sympy.Rational(25, 13)), (5, sympy.Rational(60, 13)))),
    ("Hyperbola", 3, 5, ((5, sympy.Rational(16, 3)), (-5, -sympy.Rational(16, 3)), (-3, 0))),
    ("Hyperbola", 5, 13, ((13, sympy.Rational(144, 5)), (-13, sympy.Rational(144, 5)))),
)


def test_conic_theorems_agree_with_the_evaluator() -> None:
    """Each conic moved by a whole offset, its axis along x or y, with its foci and points named."""
    names = _theorems("conics")
    checked: Counter[str] = Counter()
    rng = random.Random(5)
    for kind, a, c, points in _CONICS:
        for upright in (False, True):
            dx, dy = rng.randint(-3, 3), rng.randint(-3, 3)

            def at(x, y, up=upright, dx=dx, dy=dy):
                return f"({(y if up else x) + dx},{(x if up else y) + dy})"

            commands = [f"F={at(-c, 0)}", f"G={at(c, 0)}", f"k={kind}(F,G,{a})"]
            commands += [f"P{i}={at(x, y)}" for i, (x, y) in enumerate(points)]
            # P0 is straight across the axis from G: the question states P0G ⊥ FG
            check_applications(_scene(commands, "1", [Quantity("foot", ("P0", "G", "F", "G"))]), names, checked)
    for q, points in (
        (4, ((2, 4), (8, -8), (sympy.Rational(1, 2), 2))),
        (1, ((2, 2), (sympy.Rational(1, 8), sympy.Rational(1, 2)))),
    ):
        for turn in range(4):  # y² = 2qx, and the same turned to open left, up and down; then moved
            for dx, dy in ((0, 0), (rng.randint(1, 3), rng.randint(-3, -1))):

                def on(x, y, turn=turn, dx=dx, dy=dy):
                    x, y = [(x, y), (-x, y), (y, x), (y, -x)][turn]
                    return f"({x + dx},{y + dy})"

                directrix = f"Line({on(-sympy.Rational(q, 2), 0)},{on(-sympy.Rational(q, 2), 1)})"
                commands = [f"F={on(sympy.Rational(q, 2), 0)}", f"k=Parabola(F,{directrix})", f"V={on(0, 0)}"]
                commands += [f"P{i}={on(x, y)}" for i, (x, y) in enumerate(points)]
                # on y² = 8x, P0 = (2, 4) is straight across the axis from the focus (2, 0)
                across = [Quantity("foot", ("P0", "F", "V", "F"))] if q == 4 else []
                check_applications(_scene(commands, "1", across), names, checked)
    missing = [name for name in names if not checked[name]]
    assert not missing, missing


def test_a_parabola_question_derives_a_points_coordinate() -> None:
    question = "The parabola y^2 = 8x has focus F, and P is a point of the parabola with PF = 6."
    givens, closure = _closure(
        question, ["F=(2,0)", "k=Parabola(F,Line((-2,0),(-2,1)))", "P=(4,4*sqrt(2))", "s=Segment(P,F)"], "x(P)"
    )
    assert Quantity("parameter", ("k",)) in givens
    assert closure.known[Quantity("x", ("P",))].value == 4  # PF = x + p/2
    assert closure.knowledge_points(Quantity("x", ("P",))) == ["parabola-focus-directrix"]


def test_an_ellipse_question_derives_the_focal_triangle() -> None:
    question = "The ellipse x^2/25 + y^2/9 = 1 has foci F and G, and P is a point of the ellipse with PG = 9/5."
    commands = ["F=(-4,0)", "G=(4,0)", "e=Ellipse(F,G,5)", "P=(4,9/5)", "s=Segment(P,F)", "t=Segment(P,G)", "u=Segment(F,G)"]
    givens, closure = _closure(question, commands, "Distance(P,F)")
    assert {q.kind for q in givens} == {"length", "semi-major", "semi-minor"}
    scene = closure.scene
    assert closure.known[scene.length("F", "P")].value == sympy.Rational(41, 5)  # 2a − PG
    assert closure.known[scene.perimeter("F", "G", "P")].value == 18  # 2a + 2c
    assert closure.known[Quantity("eccentricity", ("e",))].value == sympy.Rational(4, 5)


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


# Lines, and the areas and rates teachers ask of graphs ------------------------------------------------


def test_line_equation_theorems_agree_with_the_evaluator() -> None:
    """The equation of a line (slope and intercept), the point-slope form, the distance to a line
    from its equation (or to a vertical or horizontal side) and the slope of a stated perpendicular:
    on triangles with a vertical or a horizontal side or neither, and on the perpendicular bisector
    of AB meeting the y-axis at D. A perpendicular the figure does not have matches nothing."""
    names = ["line-equation", "point-slope-form", "point-to-line-distance", "perpendicular-slopes"]
    checked: Counter[str] = Counter()
    rng = random.Random(5)
    figures = 0
    for i in range(12):
        a = (rng.randint(-6, -1), rng.randint(-5, 5))
        b = (rng.randint(1, 6), rng.randint(-5, 5))
        b = (b[0] + (a[0] + b[0] == 0), b[1] + 3 * (a[1] == b[1]))  # M off the y-axis, AB not horizontal
        c = [(b[0], b[1] + 4), (a[0] + 5, a[1]), (rng.randint(-6, 6), rng.randint(6, 9))][i % 3]
        collinear = (b[0] - a[0]) * (c[1] - a[1]) == (b[1] - a[1]) * (c[0] - a[0])
        if collinear or (c[0] - a[0]) ** 2 + (c[1] - a[1]) ** 2 == (c[0] - b[0]) ** 2 + (c[1] - b[1]) ** 2:
            continue  # no triangle, or C on the perpendicular bisector (CM ⊥ AB would be true)
        commands = [_point(n, x, y) for n, (x, y) in zip("ABC", (a, b, c), strict=True)]
        commands += ["t=Polygon(A,B,C)", "M=Midpoint(A,B)", "l=PerpendicularBisector(A,B)", "D=Intersect(l,yAxis)"]
        true, false = Quantity("foot", ("D", "M", "A", "B")), Quantity("foot", ("C", "M", "A", "B"))
        scene = _scene(commands, "y(D)", [Quantity("midpoint", ("M", "A", "B")), true, false])
        check_applications(scene, names, checked)
        used = [app.premises for name in names for app in THEOREMS[name].applications(scene)]
        assert any(true in premises for premises in used)
        assert not any(false in premises for premises in used)
        figures += 1
    assert figures == 10
    assert all(checked[name] for name in names), checked
    assert checked["line-equation"] >= 4 * figures and checked["point-slope-form"] >= 8 * figures
    assert checked["point-to-line-distance"] >= 3 * figures  # every corner of every triangle


def _areas_and_rates(rng: random.Random) -> Iterable[tuple[list[str], str]]:
    x = sympy.Symbol("x")
    for _ in range(4):  # two lines, neither through the origin, meeting off the x-axis
        k1, k2 = rng.choice((1, 2, 3)), rng.choice((-1, -2, -3))
        b1, b2 = rng.choice((-4, -1, 2, 5)), rng.choice((-3, 1, 4, 7))
        yield [f"f(x)={k1}x+({b1})", f"g(x)={k2}x+({b2})", "P=Intersect(f,g)"], "y(P)"
    for _ in range(4):  # parabolas and an integral over [lo, hi], with f(hi) named
        a, r1 = rng.choice((-2, -1, 1, 2)), rng.randint(-4, 2)
        f = a * (x - r1) * (x - r1 - rng.choice((1, 3, 5)))
        lo, hi = rng.randint(-3, 0), rng.randint(1, 4)
        yield [f"f(x)={_ggb(f)}", f"F=({hi},{f.subs(x, hi)})"], f"Integral(f,{lo},{hi})"
    yield ["f(x)=2^x"], "f(5)"
    yield ["f(x)=3^x"], "f(-2)"
    yield ["f(x)=3sin(x)+1"], "f(pi)"


def test_graph_area_and_rate_theorems_agree_with_the_evaluator() -> None:
    names = ["axes-triangle", "lines-x-axis-triangle", "average-rate-of-change", "chord-region"]
    checked: Counter[str] = Counter()
    for commands, target in _areas_and_rates(random.Random(11)):
        labels = [c.split("(")[0] for c in commands if c[0].islower() and "(x)=" in c]
        check_applications(_scene(commands, target, [Quantity("function", (label,)) for label in labels]), names, checked)
    assert checked["axes-triangle"] == 8  # both lines of each of the four pairs
    assert checked["lines-x-axis-triangle"] == 3  # y = 3x − 1 and y = −3x + 1 meet on the x-axis
    assert checked["chord-region"] == 4
    assert checked["average-rate-of-change"] == 13  # between 0, the integral's bounds and the named x values


def test_graph_areas_match_nothing_where_there_is_no_such_figure() -> None:
    no_triangle = [
        (["f(x)=2x+1", "g(x)=2x-3"], "f(1)"),  # parallel lines
        (["f(x)=x-1", "g(x)=-x+1", "P=Intersect(f,g)"], "x(P)"),  # they meet on the x-axis
        (["f(x)=x^3-x"], "Integral(f,-1,2)"),  # a cubic crosses its chords
    ]
    names = ["lines-x-axis-triangle", "chord-region"]
    for commands, target in no_triangle:
        labels = [c.split("(")[0] for c in commands if "(x)=" in c]
        scene = _scene(commands, target, [Quantity("function", (label,)) for label in labels])
        assert not [a for name in names for a in THEOREMS[name].applications(scene)], commands
    origin = _scene(["f(x)=2x"], "x(Root(f))", [Quantity("function", ("f",))])
    assert not list(THEOREMS["axes-triangle"].applications(origin))


def test_graph_questions_are_derived_through_the_seed_answer() -> None:
    _, closure = _closure("The linear function f(x) = 2x - 4 is graphed.", ["f(x)=2x-4"], "x(Root(f))")
    axes = Quantity("axes-triangle-area", ("f",))
    assert closure.known[axes].value == 4
    assert Quantity("root", ("f",)) in closure.known[axes].support
    assert closure.knowledge_points(axes) == ["linear-function-zero", "linear-function-intercepts", "triangle-area"]

    question = "The lines f(x) = 2x + 1 and g(x) = -x + 7 are drawn."
    _, closure = _closure(question, ["f(x)=2x+1", "g(x)=-x+7", "P=Intersect(f,g)"], "y(P)")
    lines = Quantity("lines-triangle-area", ("f", "g", "P"))
    assert closure.known[lines].value == sympy.Rational(75, 4)
    assert Quantity("y", ("P",)) in closure.known[lines].support

    question = "The graph of f(x) = x^2 - x - 6 crosses the x-axis at two points."
    _, closure = _closure(question, ["f(x)=x^2-x-6"], "x(Root(f,0,10))")
    area = Quantity("root-vertex-area", ("f", "-3", "-1", "0", "10"))  # built on the zero the question named
    assert closure.known[area].value == sympy.Rational(125, 8)
    assert Quantity("root", ("f", "0", "10")) in closure.known[area].support

    _, closure = _closure("Consider f(x) = 2^x.", ["f(x)=2^x"], "f(5)")
    assert closure.known[Quantity("average-rate", ("f", "0", "5"))].value == sympy.Rational(31, 5)

    _, closure = _closure("The region under f(x) = x^2 between x = 0 and x = 3.", ["f(x)=x^2"], "Integral(f,0,3)")
    region = Quantity("chord-region", ("f", "0", "3"))
    assert closure.known[region].value == sympy.Rational(9, 2)
    assert set(closure.knowledge_points(region)) == {"function-evaluation", "definite-integral-area", "area-between-curves"}


def test_the_altitude_of_a_coordinate_triangle_is_found_from_its_area() -> None:
    question = "The vertices of triangle ABC are A = (0,0), B = (6,0) and C = (2,5)."
    commands = ["A=(0,0)", "B=(6,0)", "C=(2,5)", "t=Polygon(A,B,C)"]
    _, closure = _closure(question, commands, "Area(t)")
    altitude = Quantity("distance-to-line", ("A", "B", "C"))
    assert closure.known[altitude].value == 30 * sympy.sqrt(41) / 41
    assert Quantity("area", ("A", "B", "C")) in closure.known[altitude].support
    assert closure.known[Quantity("distance-to-line", ("C", "A", "B"))].value == 5  # AB lies on the x-axis: |y(C)|
    assert closure.known[Quantity("intercept", ("B", "C"))].value == sympy.Rational(15, 2)


def test_coordinate_auxiliaries_are_drawn_as_their_sentences_say() -> None:
    from variantgen.derive.auxiliary_graphs import graph_options

    stem = "In the coordinate plane, A = (1,2) and B = (4,6)."
    construction = Construction(("A=(1,2)", "B=(4,6)", "s=Segment(A,B)"), "Distance(A,B)")
    scene = Scene.from_construction(construction)
    found = {aux.kind: aux for aux in graph_options(scene, construction, stem)}
    assert set(found) == {"perpendicular-bisector", "circle-on-diameter"}
    assert all(aux.touches == ("A", "B") and set(aux.labels) <= {"M", "D"} for aux in found.values())
    assert "meets the y-axis at D" in found["perpendicular-bisector"].sentence
    assert "AD = 3." in found["circle-on-diameter"].sentence
    bisector = Scene.from_construction(construction.extend(*found["perpendicular-bisector"].commands))
    assert bisector.value(Quantity("x", ("D",))) == 0 and bisector.equal_lengths(("D", "A"), ("D", "B"))
    circle = Scene.from_construction(construction.extend(*found["circle-on-diameter"].commands))
    assert circle.value(Quantity("length", ("A", "D"))) == 3 and circle.value(Quantity("length", ("B", "D"))) == 4
    assert circle.circles[0].centre == "M" and set(circle.circles[0].on) == {"A", "B", "D"}
    # No coordinates stated: nothing to draw.
    triangle = Construction(("A=(0,0)", "B=(4,0)", "C=(1,3)", "t=Polygon(A,B,C)"), "Area(t)")
    assert not list(graph_options(Scene.from_construction(triangle), triangle, "In triangle ABC, AB = 4."))


def test_the_new_quantities_are_read_back_from_their_expressions() -> None:
    """A step variant's target names the quantity it asks, so that it can seed a step of its own."""
    from variantgen.derive.planner import target_quantity

    figures = [
        (["f(x)=2x-4"], Quantity("axes-triangle-area", ("f",)), 4),
        (["f(x)=2x+1", "g(x)=-x+7", "P=Intersect(f,g)"], Quantity("lines-triangle-area", ("f", "g", "P")), sympy.Rational(75, 4)),
        (["f(x)=2^x"], Quantity("average-rate", ("f", "0", "5")), sympy.Rational(31, 5)),
        (["f(x)=x^2"], Quantity("average-rate", ("f", "-1", "2")), 1),
        (["f(x)=x^2"], Quantity("chord-region", ("f", "0", "3")), sympy.Rational(9, 2)),
        (["f(x)=x^2"], Quantity("chord-region", ("f", "-1", "2")), sympy.Rational(9, 2)),
        (["A=(-2,3)", "B=(6,-1)", "l=Line(A,B)"], Quantity("intercept", ("A", "B")), 2),
    ]
    for commands, quantity, value in figures:
        construction = Construction(tuple(commands), quantity.expression())
        scene = Scene.from_construction(construction)
        assert target_quantity(construction, scene) == quantity, quantity.expression()
        assert scene.value(quantity) == value and scene.confirmed(quantity)
        assert cached_evaluate(construction).target == value  # what the step transform recomputes


def test_a_conic_equation_with_its_centre_moved_is_read_as_its_semi_axes() -> None:
    """ "(x - 1)^2/25 + (y - 1)^2/9 = 1", as seeds from-figures writes a moved ellipse."""
    commands = ["e=Ellipse((-3,1),(5,1),5)", "F=(-3,1)", "G=(5,1)"]
    givens, closure = _closure("The ellipse (x - 1)^2/25 + (y - 1)^2/9 = 1 has foci F and G.", commands, "1")
    assert {q.kind: v for q, v in givens.items()} == {
        "semi-major": "(x - 1)^2/25 + (y - 1)^2/9 = 1",
        "semi-minor": "(x - 1)^2/25 + (y - 1)^2/9 = 1",
    }
    assert closure.known[Quantity("eccentricity", ("e",))].value == sympy.Rational(4, 5)


def test_a_conics_eccentricity_leads_on_through_the_second_definition() -> None:
    """A seed asking e has nothing built on e but a point's distance to a directrix: PF = e·d."""
    construction = Construction(("F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,4)"), "Eccentricity(h)")
    question = "The hyperbola x^2/16 - y^2/9 = 1 has foci F and G. Find the eccentricity of the hyperbola."
    step = plan(construction, question, ("hyperbola-eccentricity",), "5/4", random.Random(0))
    assert "conic-second-definition" in step["knowledge_points"] and "directrix" in step["ask"]
    extended = construction.extend(*step["auxiliary"]["commands"], target=step["expression"])
    assert cached_evaluate(extended).target == parse_answer(step["solution"][-1]["value"])


def test_a_point_at_a_stated_focal_distance_comes_with_the_directrix_on_its_side() -> None:
    from variantgen.derive.auxiliary import options

    construction = Construction(("F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,4)"), "Eccentricity(h)")
    found = [a for a in options(Scene.from_construction(construction), construction, "") if a.kind == "directrix-point"]
    near_g = next(a for a in found if "side of G" in a.sentence)
    assert (
        near_g.sentence == "The directrix on the side of G is drawn, and D is the point of the hyperbola above FG with DG = 13/3."
    )
    assert near_g.commands[:2] == ("D=(20/3,4)", "step1=Line((16/5,0),(16/5,1))")
    figure = construction.extend(*near_g.commands, target="Distance(D,step1)")
    assert cached_evaluate(figure).target == sympy.Rational(52, 15)  # DG / e = (13/3) / (5/4)
    on = cached_evaluate(construction.extend(*near_g.commands, target="abs(Distance(D,F)-Distance(D,G))")).target
    assert on == 8  # |DF − DG| = 2a: D is on the hyperbola

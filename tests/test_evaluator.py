"""The exact evaluator: GeoGebra syntax and semantics, exact values, clear errors, properties."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from variantgen.construction import (
    Construction,
    ConstructionError,
    ConstructionSyntaxError,
    DegenerateFigure,
    UnsupportedCommand,
    evaluate,
)
from variantgen.construction.syntax import BinOp, Call, Neg, Num, parse_expression, parse_statement

sqrt, pi = sympy.sqrt, sympy.pi

TRIANGLE = ("A=(0,0)", "B=(4,0)", "C=(0,3)", "t=Polygon(A,B,C)")


def value(target: str, *commands: str) -> sympy.Expr:
    return evaluate(Construction(tuple(commands) or TRIANGLE, target)).target


def test_parser_precedence_unary_minus_and_power():
    assert value("-2^2") == -4
    assert value("2^3^2") == 512
    assert value("1+2*3-4/2") == 5
    assert value("(1+2)*3") == 9
    assert value("2(3+1)") == 8 and value("2sqrt(9)") == 6 and value("2√3") == 2 * sqrt(3)
    assert value("30°") == pi / 6
    assert parse_expression("-x^2") == Neg(BinOp("^", parse_expression("x"), Num(2)))
    assert isinstance(parse_expression("Segment(A,B)"), Call)


def test_statements_and_labels():
    assert parse_statement("f(x)=x^2").label == "f" and parse_statement("f(x)=x^2").variable == "x"
    assert parse_statement("Segment(A,B)").label is None
    assert Construction(("A=(0,0)", "f(x)=x", "Segment(A,A)"), "1").names() == ["A", "f"]


@pytest.mark.parametrize("text", ["A=(0,", "Distance(A,B", "2 $ 3", "(1,2))"])
def test_syntax_errors_name_the_text(text):
    with pytest.raises(ConstructionSyntaxError) as caught:
        parse_expression(text)
    assert text.strip("()")[:3] in str(caught.value) or "end of" in str(caught.value)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Distance(B,C)", 5),
        ("Length(Segment(B,C))", 5),
        ("Area(t)", 6),
        ("Area(A,B,C)", 6),
        ("Perimeter(t)", 12),
        ("Angle(B,A,C)", pi / 2),
        ("Angle(C,A,B)", 3 * pi / 2),
        ("Radius(Circle(A,B,C))", sympy.Rational(5, 2)),
        ("Radius(Incircle(A,B,C))", 1),
        ("x(Center(Incircle(A,B,C)))+y(Center(Incircle(A,B,C)))", 2),
        ("Distance(A,Line(B,C))", sympy.Rational(12, 5)),
        ("x(Midpoint(B,C))", 2),
        ("x(Midpoint(Segment(B,C)))", 2),
        ("x(Centroid(t))", sympy.Rational(4, 3)),
        ("Slope(Line(B,C))", sympy.Rational(-3, 4)),
        ("Slope(PerpendicularLine(A,Line(B,C)))", sympy.Rational(4, 3)),
        ("Slope(Line(A,Line(B,C)))", sympy.Rational(-3, 4)),
        ("Slope(PerpendicularBisector(B,C))", sympy.Rational(4, 3)),
        ("Slope(AngleBisector(B,A,C))", 1),
        ("y(Intersect(AngleBisector(B,A,C),Segment(B,C)))", sympy.Rational(12, 7)),
        ("Distance(A,Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C)))", sympy.Rational(12, 5)),
        ("x(Translate(B,Vector((1,2))))", 5),
        ("y(Rotate(B,90°,A))", 4),
        ("x(Reflect(B,Line(A,C)))", -4),
        ("x(Reflect(B,C))", -4),
        ("Area(Dilate(t,2,A))", 24),
        ("Length(Vector(B,C))", 5),
        ("Area(Polygon(A,B,4))", 16),
        ("Perimeter(Polygon(A,B,6))", 24),
        ("Angle(Line(A,B),Line(A,C))", pi / 2),
        ("Radius(Circle(B,C))", 5),
        ("Area(Circle(A,2))", 4 * pi),
        ("Perimeter(Circle(A,B,C))", 5 * pi),
        ("Circumference(Circle(A,1))", 2 * pi),
    ],
)
def test_commands_give_exact_values(target, expected):
    assert sympy.simplify(value(target) - expected) == 0, value(target)


def test_intersections_with_circles_are_numbered_as_geogebra_numbers_them():
    # Read off GeoGebra 5.4.916: along the line's direction; left of the centre line first.
    commands = ("O=(0,0)", "c=Circle(O,5)", "l=Line((-10,3),(10,3))", "m=Line((10,3),(-10,3))", "p=Line((0,-1),(1,0))")
    assert value("x(Intersect(c,l,1))", *commands) == -4 and value("x(Intersect(c,l,2))", *commands) == 4
    assert value("x(Intersect(c,m,1))", *commands) == 4
    assert value("y(Intersect(c,p,1))", *commands) == -4
    two = ("O=(0,0)", "c=Circle(O,5)", "d=Circle((8,0),5)", "e=Circle((0,8),5)")
    assert value("y(Intersect(c,d,1))", *two) == 3 and value("y(Intersect(c,d,2))", *two) == -3
    assert value("x(Intersect(c,e,1))", *two) == -3
    with pytest.raises(DegenerateFigure, match="out of range"):
        value("x(Intersect(c,l,3))", *commands)


def test_graphs_that_cross_without_an_exact_solution_are_not_called_disjoint():
    with pytest.raises(UnsupportedCommand, match="cannot solve"):
        value("x(Intersect(f,g))", "f(x)=x^2-4x+3", "g(x)=sin(x)")
    with pytest.raises(DegenerateFigure, match="do not intersect"):
        value("x(Intersect(f,g))", "f(x)=x^2+1", "g(x)=0*x")


def test_derivatives_in_geogebras_notations():
    cubic = ("f(x)=x^3-3x", "g=Derivative(f,2)")
    assert value("f'(2)", *cubic) == 9 and value("f''(1)", *cubic) == 6 and value("g(1)", *cubic) == 6
    assert value("x(Root(f',0,5))", *cubic) == 1
    with pytest.raises(ConstructionError, match="whole number"):
        value("g(1)", "f(x)=x^3", "g=Derivative(f,1/2)")


def test_tangent_to_a_circle_and_to_a_graph():
    assert value("Slope(Tangent((3,4),c))", "O=(0,0)", "c=Circle(O,5)") == sympy.Rational(-3, 4)
    assert value("Slope(Tangent(2,f))", "f(x)=x^2") == 4


def test_functions():
    assert value("f(3)", "f(x)=x^2-2x-3") == 0
    assert value("x(Root(f,0,10))", "f(x)=x^2-2x-3") == 3
    assert value("x(Root(f))", "f(x)=x^2-2x-3") == -1
    assert value("y(Extremum(f))", "f(x)=x^2-2x-3") == -4
    assert value("Integral(f,0,3)", "f(x)=x^2") == 9
    assert value("g(2)", "f(x)=x^3", "g(x)=Derivative(f)") == 12
    assert value("x(Root(f))", "f(x)=(x-1)^2*(x^2+x-1)") == -(1 + sqrt(5)) / 2  # factors of degree ≤ 4 are solved


@pytest.mark.parametrize(
    ("function", "reason"),
    [("x^999-2x+1", "degree 999"), ("x^6-3x^2+1", "degree-6 polynomial"), ("x^12-3x^7+x^2-1", "degree-12")],
)
def test_roots_of_high_degree_are_refused_not_waited_for(function, reason):
    """A sextic took sympy a minute and degree 999 never finished; they are not school figures."""
    with pytest.raises(UnsupportedCommand, match=reason):
        value("x(Root(f))", f"f(x)={function}")


def test_semicircles_sectors_and_arcs():
    assert value("Length(s)", "A=(-1,0)", "B=(1,0)", "s=Semicircle(A,B)") == pi
    sector = ("O=(0,0)", "A=(6,0)", "B=Rotate(A,60°,O)", "k=CircularSector(O,A,B)")
    assert value("Area(k)", *sector) == 6 * pi and value("k", *sector) == 6 * pi  # a sector's value is its area
    assert value("a", "O=(0,0)", "A=(2,0)", "B=(0,2)", "a=CircularArc(O,A,B)") == pi  # an arc's, its length


def test_huge_exact_numbers_are_refused():
    with pytest.raises(ConstructionError, match="binary digits"):
        value("((2^1000)^1000)^1000")
    assert value("nCr(10,3)+floor(7/2)+ceil(1/2)+Max(2,3)+Min(1,2)") == 120 + 3 + 1 + 3 + 1
    assert value("y(Intersect(f,g))", "f(x)=2x+1", "g(x)=-x+7") == 5
    assert value("f(5)", "f(x)=2^x") == 32
    assert value("f(8)", "f(x)=log(2,x)") == 3
    assert value("f(pi/6)", "f(x)=3sin(x)+1") == sympy.Rational(5, 2)
    assert value("ln(e^2)") == 2 and value("lg(1000)") == 3


def test_target_kinds():
    kinds = {
        t: evaluate(Construction(TRIANGLE, t)).target_kind
        for t in ("Distance(A,B)", "Area(t)", "Angle(B,A,C)", "Slope(Line(B,C))", "pi-Angle(B,A,C)")
    }
    assert kinds == {
        "Distance(A,B)": "length",
        "Area(t)": "area",
        "Angle(B,A,C)": "angle",
        "Slope(Line(B,C))": "number",
        "pi-Angle(B,A,C)": "angle",
    }


@pytest.mark.parametrize(
    ("commands", "target", "error", "words", "field"),
    [
        (
            ("A=(0,0)", "B=(1,1)", "C=(2,2)", "t=Polygon(A,B,C)"),
            "Area(t)",
            DegenerateFigure,
            "collinear",
            "construction.commands[3]",
        ),
        (("O=(0,0)", "c=Circle(O,0)"), "Area(c)", DegenerateFigure, "radius 0", "construction.commands[1]"),
        (("A=(0,0)", "l=Line(A,A)"), "1", DegenerateFigure, "coincident", "construction.commands[1]"),
        (
            ("a=Line((0,0),(1,0))", "b=Line((0,1),(1,1))", "P=Intersect(a,b)"),
            "x(P)",
            DegenerateFigure,
            "parallel",
            "construction.commands[2]",
        ),
        (("A=(0,0)", "B=Frobnicate(A)"), "x(B)", UnsupportedCommand, "'Frobnicate'", "construction.commands[1]"),
        (("A=(0,0)",), "Distance(A,Z)", ConstructionError, "unknown name 'Z'", "construction.target"),
        (("A=(0,0)",), "1/0", DegenerateFigure, "division by zero", "construction.target"),
        (("A=(0,0",), "1", ConstructionSyntaxError, "expected", "construction.commands[0]"),
    ],
)
def test_errors_name_the_command(commands, target, error, words, field):
    with pytest.raises(error) as caught:
        evaluate(Construction(commands, target))
    assert words in caught.value.reason and caught.value.field == field


def test_from_dict_validates_and_names_fields():
    with pytest.raises(ConstructionError) as caught:
        Construction.from_dict({"commands": ["A=(0,0)", ""], "target": "x(A)"})
    assert caught.value.field == "construction.commands[1]"
    with pytest.raises(ConstructionError, match="unknown keys"):
        Construction.from_dict({"commands": ["A=(0,0)"], "target": "x(A)", "colour": 1})
    with pytest.raises(ConstructionError) as caught:
        Construction.from_dict({"commands": ["A=(0,0)"], "target": "x(A)", "view": {"xmin": 1, "xmax": 0, "ymin": 0, "ymax": 1}})
    assert caught.value.field == "construction.view"
    built = Construction.from_dict({"commands": [" A=(0,0) "], "target": "x(A)", "style": {"grid": True}})
    assert built.commands == ("A=(0,0)",) and Construction.from_dict(built.to_dict()) == built


coordinate = st.integers(-12, 12)


@settings(max_examples=40, deadline=None)
@given(coordinate, coordinate, coordinate, coordinate, coordinate, coordinate)
def test_area_by_shoelace_equals_herons_formula(ax, ay, bx, by, cx, cy):
    assume((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) != 0)
    commands = (f"A=({ax},{ay})", f"B=({bx},{by})", f"C=({cx},{cy})", "t=Polygon(A,B,C)")
    a, b, c = (value(f"Distance({p},{q})", *commands) for p, q in (("B", "C"), ("C", "A"), ("A", "B")))
    s = (a + b + c) / 2
    heron = sympy.sqrt(s * (s - a) * (s - b) * (s - c))
    assert abs(float(value("Area(t)", *commands)) - float(heron)) < 1e-9


@settings(max_examples=40, deadline=None)
@given(coordinate, coordinate, coordinate, coordinate, coordinate, coordinate)
def test_interior_angles_sum_to_pi(ax, ay, bx, by, cx, cy):
    orientation = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    assume(orientation != 0)
    if orientation < 0:  # counter-clockwise order makes Angle(next, vertex, previous) interior
        bx, by, cx, cy = cx, cy, bx, by
    commands = (f"A=({ax},{ay})", f"B=({bx},{by})", f"C=({cx},{cy})", "t=Polygon(A,B,C)")
    total = value("Angle(B,A,C)+Angle(C,B,A)+Angle(A,C,B)", *commands)
    assert sympy.simplify(total - pi) == 0 or abs(float(total) - float(pi)) < 1e-12


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 9), st.integers(-20, 20), st.integers(-20, 20))
def test_power_of_a_point(radius, px, py):
    """For P outside the circle: PA·PB along a secant through the centre equals PT²."""
    assume(px * px + py * py > radius * radius)
    commands = ("O=(0,0)", f"c=Circle(O,{radius})", f"P=({px},{py})", "l=Line(P,O)", "A=Intersect(c,l,1)", "B=Intersect(c,l,2)")
    product = value("Distance(P,A)*Distance(P,B)", *commands)
    assert sympy.simplify(product - (px * px + py * py - radius * radius)) == 0


# Real angles: 40°, 70°, 20° ---------------------------------------------------------------------

_FORTY_SEVENTY = (
    "B=(0,0)",
    "C=(5,0)",
    "A=Intersect(Ray(B,Rotate(C,40°,B)),Ray(C,Rotate(B,-70°,C)))",
    "t=Polygon(A,B,C)",
    "D=Intersect(AngleBisector(B,A,C),Segment(B,C))",
)


def test_a_triangle_with_angles_of_40_and_70_degrees_evaluates_to_exact_angles():
    # sympy keeps cos(2π/9) symbolic; expanding and simplifying the bisector's foot took minutes.
    assert value("Angle(C,D,A)", *_FORTY_SEVENTY) == 5 * sympy.pi / 12  # 75°
    assert value("Angle(B,A,C)", *_FORTY_SEVENTY) == 7 * sympy.pi / 18  # 70°
    assert value("Angle(C,B,A)", *_FORTY_SEVENTY) == 2 * sympy.pi / 9  # 40°
    assert value("Angle(B,A,D)", *_FORTY_SEVENTY) == 7 * sympy.pi / 36  # 35°


def test_an_isosceles_apex_of_20_degrees_gives_base_angles_of_80():
    commands = ("A=(0,0)", "P=(5,0)", "B=Rotate(P,-10°,A)", "C=Rotate(P,10°,A)", "t=Polygon(A,B,C)")
    assert value("Angle(C,B,A)", *commands) == 4 * sympy.pi / 9
    assert value("Distance(A,B)", *commands) == 5


def test_numbers_in_the_sines_of_real_angles_are_read_to_50_digits():
    from variantgen.construction import numeric

    cos, sin, pi = sympy.cos, sympy.sin, sympy.pi
    assert numeric.recognise(cos(2 * pi / 9) ** 2 + sin(2 * pi / 9) ** 2) == 1
    assert numeric.recognise(2 * sin(pi / 9) * cos(pi / 9) / sin(2 * pi / 9) * sympy.sqrt(3)) == sympy.sqrt(3)
    assert numeric.recognise(cos(2 * pi / 9)) is None  # not a school value: left symbolic
    assert abs(numeric.value(cos(2 * pi / 9)) - sympy.N(cos(2 * pi / 9), 60)) < 1e-55


def test_angles_that_are_not_multiples_of_15_or_18_degrees_stay_symbolic_and_exact():
    # sympy would write cos 33° as nested radicals; a 30°-33° triangle's incentre never finished.
    commands = (
        "B=(0,0)",
        "C=(6,0)",
        "A=Intersect(Ray(B,Rotate(C,30°,B)),Ray(C,Rotate(B,-33°,C)))",
        "t=Polygon(A,B,C)",
        "I=Intersect(AngleBisector(A,B,C),AngleBisector(A,C,B))",
    )
    assert value("Angle(B,I,C)", *commands) == sympy.Rational(297, 2) * sympy.pi / 180  # 90° + 117°/2
    assert value("cos(36°)") == (1 + sympy.sqrt(5)) / 4  # a multiple of 18°: sympy's short surd
    assert value("sin(33°)^2+cos(33°)^2") == 1


def test_an_inscribed_angle_of_64_degrees_in_a_semicircle():
    commands = ("O=(0,0)", "c=Circle(O,5)", "A=(-5,0)", "B=(5,0)", "C=Rotate(A,-128°,O)", "t=Polygon(A,B,C)")
    assert value("Angle(C,B,A)", *commands) == 16 * sympy.pi / 45  # 64°
    assert value("Angle(B,A,C)", *commands) == 13 * sympy.pi / 90  # 26°
    assert value("Distance(A,B)", *commands) == 10


def test_ellipses_hyperbolas_and_parabolas_by_their_foci():
    ellipse = ("F=(-4,0)", "G=(4,0)", "e=Ellipse(F,G,5)")
    assert [value(t, *ellipse) for t in ("SemiMinorAxisLength(e)", "LinearEccentricity(e)", "Eccentricity(e)")] == [
        3,
        4,
        sympy.Rational(4, 5),
    ]
    assert (
        value("SemiMajorAxisLength(e)", "F=(0,0)", "G=(6,0)", "P=(3,4)", "e=Ellipse(F,G,P)") == 5
    )  # through a point: 2a = 5 + 5
    hyperbola = ("F=(0,-5)", "G=(0,5)", "h=Hyperbola(F,G,3)")
    assert [value(t, *hyperbola) for t in ("SemiMinorAxisLength(h)", "Eccentricity(h)")] == [4, sympy.Rational(5, 3)]
    parabola = ("F=(2,0)", "d=Line((-2,0),(-2,1))", "p=Parabola(F,d)")
    assert [value(t, *parabola) for t in ("Parameter(p)", "Eccentricity(p)", "LinearEccentricity(p)")] == [4, 1, 2]
    with pytest.raises(ConstructionError, match="does not fit"):
        value("Eccentricity(e)", "F=(-4,0)", "G=(4,0)", "e=Ellipse(F,G,3)")  # a must exceed c


def test_asymptotes_and_directrices_come_in_pairs():
    """A focus is b from either asymptote, the centre a²/c from either directrix; what differs
    between the two lines of a pair is refused (GeoGebra would take the first, in its own order)."""
    hyperbola = ("F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,3)")
    assert value("Distance(G,Asymptote(h))", *hyperbola) == 4 == value("Distance(F,Asymptote(h))", *hyperbola)
    assert value("Distance(Center(h),Directrix(h))", *hyperbola) == sympy.Rational(9, 5)
    assert value("Distance(Center(e),Directrix(e))", "e=Ellipse((1,-3),(1,5),5)") == sympy.Rational(25, 4)
    assert value("Distance(Center(h),Asymptote(h))", *hyperbola) == 0
    with pytest.raises(ConstructionError, match="first of the two"):
        value("Distance((1,2),Asymptote(h))", *hyperbola)
    with pytest.raises(ConstructionError, match="two lines"):
        value("1", *hyperbola, "a=Asymptote(h)")
    with pytest.raises(ConstructionError, match="only a hyperbola"):
        value("Distance((0,0),Asymptote(e))", "e=Ellipse((1,0),(-1,0),2)")
    with pytest.raises(ConstructionError, match="no centre"):
        value("x(Center(p))", "p=Parabola((0,1),Line((0,-1),(1,-1)))")


def test_eulers_number_as_geogebra_writes_it():
    """A .ggb file writes ℯ^(x); ln is the natural logarithm."""
    assert evaluate(Construction(("f(x)=ℯ^(x)", "g(x)=ln(x)"), "g(f(3))")).target == 3
    assert evaluate(Construction(("f(x)=ℯ^x",), "f(1)")).target == sympy.E

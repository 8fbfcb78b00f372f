"""A first question for a library figure: the picture's part of the construction, what it defines
stated in words, hand-placed points taken for what they mean, a number stated by scaling where the
figure writes none, graphs stated by their formula, and the folder's knowledge point preferred."""

from __future__ import annotations

import pytest

from variantgen.answers import parse_answer
from variantgen.construction import Construction, evaluate
from variantgen.construction.ggb import ImportedFigure
from variantgen.construction.prune import shown_part
from variantgen.derive.from_figure import NoQuestion, folder_point, question_for, seed_id


def _figure(commands: list[str], hidden: list[str] = (), texts: tuple[str, ...] = ()) -> ImportedFigure:
    style: dict = {"hidden": list(hidden)}
    if texts:
        style["texts"] = [{"label": f"text{k}", "text": t, "x": 9, "y": 5 - k} for k, t in enumerate(texts)]
    return ImportedFigure(commands, None, style)


def _checked(found) -> None:
    """The seed's answer is the construction's exact value."""
    assert evaluate(found.construction).target.equals(parse_answer(found.answer))


def test_hidden_scaffolding_is_cut_and_what_the_shown_objects_need_stays() -> None:
    figure = Construction(
        ("Q=(1.5,2)", "v=Vector(Q,(3,1))", "A=(0,0)", "B=(4,0)", "H=(2,7)", "C=(1,3)", "t=Polygon(A,B,C)", "k=Circle(H,2)"),
        "1",
        style={"hidden": ["Q", "v", "H", "k"]},
    )
    assert shown_part(figure).commands == ("A=(0,0)", "B=(4,0)", "C=(1,3)", "t=Polygon(A,B,C)")
    assert shown_part(figure).style["hidden"] == []
    helper = Construction(
        ("P=(1,1)", "A=(0,0)", "g=Line(A,P)", "B=Intersect(g,Line((0,2),(5,2)))"), "1", style={"hidden": ["P", "g"]}
    )
    assert shown_part(helper).commands == helper.commands  # B is built from the hidden P and g


def test_written_equal_angles_are_a_bisector_and_its_theorem_answers() -> None:
    """The site's 角平分线 figure: "∠AOM=∠BOM", AO=6, BO=4, AM=3 written beside it; the
    drawing is rebuilt to meet them and BM = 2 by the angle bisector theorem."""
    commands = ["Q=(3.2,7)", "O=(0,0.55)", "A=(-4.8,-3.86)", "B=(1.72,-3.76)", "f=Segment(O,A)", "g=Segment(A,B)"]
    commands += ["h=Segment(B,O)", "i=AngleBisector(A,O,B)", "M=Intersect(i,g)", "j=Segment(M,O)"]
    point = folder_point(("angle-bisector-theorem",))
    found = question_for(_figure(commands, ["Q", "i"], ("AO=6", "BO=4", "∠AOM=∠BOM", "AM=3")), point)
    assert found.question == "In the figure, AO = 6, BO = 4, ∠AOM = ∠BOM and AM = 3. Find the length of BM."
    assert found.answer == "2" and found.knowledge_points == ("angle-bisector-theorem",) and found.uses_folder_point
    _checked(found)


def test_a_figure_with_relations_and_no_number_is_scaled_to_state_one() -> None:
    """三角形的中线性质: three medians drawn, "BE=AE" and the like written, no number: the
    figure is scaled so that the area of ABC is 12, and the median's knowledge point is used."""
    commands = ["A=(5.18,3.1)", "B=(2.14,-0.98)", "C=(7.9,-0.96)", "f=Segment(A,B)", "g=Segment(B,C)", "h=Segment(C,A)"]
    commands += ["D=Midpoint(B,C)", "i=Segment(A,D)", "F=Midpoint(A,C)", "E=Midpoint(A,B)", "j=Segment(C,E)", "k=Segment(B,F)"]
    point = folder_point(
        ("三角形的中线性质",), [{"principle_cn": "三角形的中线性质", "principle_en": "Properties of Triangle Median"}]
    )
    found = question_for(_figure(commands, texts=("BE=AE", "AF=CF", "BD=CD")), point)
    assert "The area of triangle ABC is 12." in found.question and found.answer == "6"
    assert found.knowledge_points == ("triangle-median",) and found.uses_folder_point
    assert "scaled" in found.note
    _checked(found)


def test_what_the_construction_defines_is_stated_and_a_hand_placed_centre_is_the_midpoint() -> None:
    """A parallelogram by parallels through B and D, both diagonals drawn, its centre P placed by
    eye 0.7 % off the middle of AC, "BD=6" written: the question says ABCD is a parallelogram and
    P its centre of symmetry, and asks what the diagonals' bisecting each other gives. With only
    AC drawn and "AC=4" written, the centre is asked on AC: "P is the midpoint of AC" would give
    the answer by definition (the We-Math folder 平行四边形的性质/对称性 has both drawings)."""
    commands = ["D=(1.9739,-1.0065)", "C=(6.4723,-1.0065)", "g=Segment(D,C)", "B=(7.9656,1.7035)", "h=Segment(B,C)"]
    commands += ["f=Line(B,g)", "i=Line(D,h)", "A=Intersect(f,i)", "j=Segment(D,A)", "k=Segment(A,B)", "l=Segment(A,C)"]
    commands += ["P=(4.9988,0.3223)"]
    for drawn, written, answer in ((["m=Segment(B,D)"], "BD=6", "3"), ([], "AC=4", "2")):
        found = question_for(_figure(commands + drawn, ["f", "i"], (written,)), folder_point(("parallelogram-properties",)))
        assert "ABCD is a parallelogram." in found.question
        assert "P is the centre of symmetry of parallelogram ABCD." in found.question and "midpoint" not in found.question
        assert "P=Midpoint(A,C)" in found.construction.commands
        assert found.answer == answer and found.knowledge_points == ("parallelogram-properties",)
        _checked(found)


def test_a_graph_is_stated_by_its_formula() -> None:
    found = question_for(_figure(["f(x)=x^(2)-(5*x)+6"]), folder_point(("quadratic-vertex",)))
    assert found.question.startswith("Consider the function f(x) = x^2 - 5x + 6. Find")
    assert found.uses_folder_point
    _checked(found)


def test_a_line_drawn_to_touch_a_circle_is_its_tangent() -> None:
    """A ray from P that cuts the circle at two points a hair apart: T becomes the point of
    tangency, and the question says so; the rest of the figure is drawn as the file has it."""
    commands = [
        "O=Intersect(xAxis,yAxis)",
        "K=(5,0)",
        "c=Circle(O,K)",
        "P=(5,10)",
        "H=(4.97,0)",
        "r=Ray(P,H)",
        "T=Intersect(c,r,1)",
    ]
    commands += ["s=Segment(O,T)", "u=Segment(O,P)"]
    found = question_for(_figure(commands, ["K", "H"], ("OT=5", "OP=5√5")), None)
    assert "tangent-perpendicular-to-radius" in found.knowledge_points
    assert "PT is tangent to circle O at T." in found.question
    assert any(c.startswith("T=Intersect(c,Circle(Midpoint(O,P),O),") for c in found.construction.commands)
    _checked(found)


def test_a_figure_without_a_question_says_why() -> None:
    with pytest.raises(NoQuestion, match="no quantity named by the figure's labels"):
        question_for(_figure(["A=(0,0)", "B=(4,0)", "C=(1,3)", "t=Polygon(A,B,C)"], texts=("A",)), None)


def test_folders_named_in_chinese_are_read_through_wemath_knowledge() -> None:
    rows = [
        {
            "kp_cn": "角平分线",
            "kp_en": "Angle Bisector",
            "principle_cn": "角平分线定理（三角形内）",
            "principle_en": "Angle Bisector Theorem (Inside Triangle)",
        }
    ]
    point = folder_point(("角平分线定理（三角形内）", "角平分线"), rows)
    assert point is not None and point.names == ("Angle Bisector Theorem (Inside Triangle)", "Angle Bisector")
    assert point.used_by(["angle-bisector-theorem"]) and not point.used_by(["law-of-cosines"])
    assert folder_point(("未知",), rows) is None
    assert seed_id("角平分线/角平分线定理（三角形内）/1.ggb") == "角平分线-角平分线定理-三角形内-1"


def test_a_tangent_and_secant_drawn_by_hand_become_exact_and_ask_the_tangent_secant_theorem() -> None:
    """切割线定理 as the site draws it: a ray from P almost touching the circle (T where it cuts),
    a secant from P through a hidden helper D cutting at A and B, "AP=3" and "PT=6" written. T
    becomes the point of tangency, the drawing is rebuilt for PT = 6, D is placed on the circle at
    3 from P, and PB = PT²/PA = 12."""
    commands = ["O=Intersect(xAxis,yAxis)", "B_1=(5.54,2.6)", "c=Circle(O,B_1)", "P=(5.6885,7.9202)", "B_2=(6.1161,-0.2106)"]
    commands += [
        "f=Ray(P,B_2)",
        "T=Intersect(c,f,1)",
        "D=(-3.2357,1.5175)",
        "g=Ray(P,D)",
        "A=Intersect(c,g,1)",
        "B=Intersect(c,g,2)",
    ]
    point = folder_point(("切割线定理",), [{"principle_cn": "切割线定理", "principle_en": "Secant-Tangent Theorem"}])
    found = question_for(_figure(commands, ["B_1", "B_2", "D"], ("AP=3", "PT=6")), point)
    assert found.question == "In the figure, AP = 3 and PT = 6. PT is tangent to circle O at T. Find the length of BP."
    assert found.answer == "12" and found.knowledge_points == ("tangent-secant-theorem",) and found.uses_folder_point
    assert "D=Intersect(c,Circle(P,3),1)" in found.construction.commands
    _checked(found)


def test_hidden_copies_of_a_draft_are_merged_into_the_first() -> None:
    from variantgen.derive.from_figure import _merged_copies

    figure = Construction(
        (
            "A=(1,2)",
            "B=(5,0)",
            "A_1=(1,2)",
            "s=Segment(A,B)",
            "s_1=Segment(A_1,B)",
            "M=Midpoint(A,B)",
            "M_1=Midpoint(A_1,B)",
            "k=Segment(M_1,B)",
        ),
        "1",
        style={"hidden": ["A_1", "s_1", "M_1"]},
    )
    assert _merged_copies(figure).commands == ("A=(1,2)", "B=(5,0)", "s=Segment(A,B)", "M=Midpoint(A,B)", "k=Segment(M,B)")


def test_a_solid_saved_by_geogebra_is_stated_with_its_dimensions_and_asked_through_them() -> None:
    """A cuboid from GeoGebra's 3D view: the question names it as a textbook does and states the
    three edges at a corner; the first question is a length in the solid, not a face's triangle."""
    from pathlib import Path

    from variantgen.construction.ggb import read_ggb

    made = question_for(read_ggb(Path(__file__).parent / "data" / "solids.ggb"))
    assert made.question.startswith("ABCD-EFGH is a cuboid.")
    assert "AB = 4, BC = 3 and AE = 5" in made.question
    assert "is a rectangle" not in made.question  # its faces go without saying
    assert "cuboid-properties" in made.knowledge_points
    assert evaluate(made.construction).target == parse_answer(made.answer)


@pytest.mark.parametrize(
    ("commands", "opening", "answer"),
    [
        (
            ["A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "A_1=(0,0,12)", "k=Prism(A,B,C,D,A_1)"]
            + ["B_1=B+(A_1-A)", "C_1=C+(A_1-A)", "D_1=D+(A_1-A)", "d=Segment(A,C_1)"],
            "ABCD-EFGH is a cuboid.",  # A₁B₁C₁D₁ renamed EFGH: the text names points by single letters
            "13",
        ),
        (
            ["O=(0,0,0)", "P=(0,0,4)", "A=(3,0,0)", "k=Cone(O,P,3)", "l=Segment(P,A)"],
            "The cone has apex P and base centre O.",
            "12*pi",
        ),
        (["O=(0,0,0)", "A=(0,3,0)", "s=Sphere(O,A)", "r=Segment(O,A)"], "The sphere has centre O.", "36*pi"),
        (  # a sphere's section, stated as a plane cutting it
            ["O=(0,0,0)", "s=Sphere(O,5)", "c=Intersect(s,Plane((0,0,3),(1,0,3),(0,1,3)))", "Q=Center(c)", "A=(4,0,3)"]
            + ["r=Segment(O,A)", "d=Segment(O,Q)", "q=Segment(Q,A)"],
            "The sphere has centre O. A plane cuts the sphere in a circle with centre Q, and A is a point of that circle. "
            "In the figure, AO = 5 and OQ = 3.",
            "4",
        ),
        (  # a cone's frustum drawn by its rims: its radii and height, and its volume
            ["O=(0,0,0)", "Q=(0,0,4)", "c=Circle(O,4,Vector((0,0,1)))", "d=Circle(Q,1,Vector((0,0,1)))", "A=(4,0,0)"]
            + ["B=(1,0,4)", "h=Segment(O,Q)", "r=Segment(O,A)", "s=Segment(Q,B)", "l=Segment(A,B)"],
            "The frustum's bases have centres O and Q. In the figure, AO = 4, BQ = 1 and OQ = 4.",
            "28*pi",
        ),
    ],
)
def test_a_solid_gets_a_first_question_about_itself(commands, opening, answer) -> None:
    made = question_for(ImportedFigure(commands, None, {}))
    assert made.question.startswith(opening) and made.answer == answer, made.question


@pytest.mark.parametrize(
    ("commands", "texts", "opening", "answer"),
    [
        (  # an ellipse as a file writes it (its equation, read as foci and a), a point, "PG=9/5"
            [
                "e=Ellipse((-4,0),(4,0),5)",
                "F=(-4,0)",
                "G=(4,0)",
                "P=(4,9/5)",
                "a=Segment(P,F)",
                "b=Segment(P,G)",
                "c=Segment(F,G)",
            ],
            ("PG=9/5",),
            "The ellipse x^2/25 + y^2/9 = 1 has foci F and G. P is a point of the ellipse. FG ⊥ PG. In the figure, PG = 9/5.",
            None,
        ),
        (
            [
                "k=Parabola((2,0),Line((-2,0),(-2,1)))",
                "F=(2,0)",
                "P=(4,4*sqrt(2))",
                "O=(0,0)",
                "a=Segment(P,F)",
                "b=Segment(O,P)",
            ],
            ("PF=6",),
            "The parabola y^2 = 8x has focus F. O is the vertex of the parabola. P is a point of the parabola. "
            "In the figure, PF = 6.",
            None,
        ),
        (
            ["h=Hyperbola((0,-5),(0,5),4)", "F=(0,-5)", "G=(0,5)", "c=Segment(F,G)"],
            (),
            "The hyperbola y^2/16 - x^2/9 = 1 has foci F and G.",
            "10",
        ),
        (  # a focal chord drawn across the axis: its right angle is stated, G stays a focus
            ["e=Ellipse((-1,0),(1,0),2)", "F=(-1,0)", "G=(1,0)", "A=(1,3/2)", "B=(1,-3/2)"]
            + ["a=Segment(A,B)", "b=Segment(A,F)", "c=Segment(B,F)"],
            (),
            "The ellipse x^2/4 + y^2/3 = 1 has foci F and G. A and B are points of the ellipse. "
            "The chord AB passes through the focus G, and FG ⊥ AB.",
            None,
        ),
    ],
)
def test_a_conic_is_stated_by_its_equation_with_its_foci_and_points(commands, texts, opening, answer) -> None:
    found = question_for(_figure(commands, (), texts), None)
    assert found.question.startswith(opening), found.question
    assert answer is None or found.answer == answer
    _checked(found)

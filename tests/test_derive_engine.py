"""The engine keeps the cheapest derivation; the planner draws a second object from the first one
and asks for answers a student writes."""

from __future__ import annotations

import dataclasses

import sympy

from variantgen.construction import Construction
from variantgen.derive import Quantity, Scene, derive, read_givens
from variantgen.derive.auxiliary import follow_ups, options
from variantgen.derive.givens import relations_of
from variantgen.derive.planner import _digits
from variantgen.derive.theorem import THEOREMS

# 13-14-15 with the foot D of the altitude from A and the midpoint E of AB.
_TRIANGLE = ("B=(0,0)", "C=(14,0)", "A=(5,12)", "t=Polygon(A,B,C)")
_QUESTION = "In triangle ABC, AB = 13, BC = 14 and CA = 15."
_FOOT_AND_MIDPOINT = (
    "D=Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C))",
    "s1=Segment(A,D)",
    "E=Midpoint(A,B)",
    "s2=Segment(D,E)",
)


def _closure(commands: tuple[str, ...], relations: tuple[Quantity, ...]):
    scene = Scene.from_construction(Construction(commands, "1"))
    givens = {**read_givens(_QUESTION, scene), **{r: "stated" for r in relations}}
    return derive(dataclasses.replace(scene, relations=relations_of(givens)), givens)


def test_the_median_to_the_hypotenuse_wins_over_the_median_length_formula() -> None:
    relations = (Quantity("foot", ("A", "D", "B", "C")), Quantity("midpoint", ("E", "A", "B")))
    closure = _closure((*_TRIANGLE, *_FOOT_AND_MIDPOINT), relations)
    de = closure.scene.length("D", "E")
    assert closure.known[de].value == sympy.Rational(13, 2)
    rules = [step.rule for step in closure.traceback(de)]
    # What a student writes: ∠ADB is right, so DE is half the hypotenuse AB. Apollonius would also
    # give 13/2, from BD, AD and AB, but costs a formula and two more steps.
    assert rules[-1] == "right-triangle-median", rules
    assert "apollonius" not in rules and "law-of-cosines" not in rules
    assert THEOREMS["apollonius"].cost > THEOREMS["right-triangle-median"].cost


def test_equal_sides_found_on_the_way_make_an_isosceles_triangle() -> None:
    relations = (Quantity("foot", ("A", "D", "B", "C")), Quantity("midpoint", ("E", "A", "B")))
    closure = _closure((*_TRIANGLE, *_FOOT_AND_MIDPOINT), relations)
    isosceles = Quantity("isosceles", ("E", "B", "D"))  # EB = ED = 13/2
    assert closure.known[isosceles].rule == "isosceles-from-sides"
    # ... and the distance from E to BD is its altitude: √((13/2)² − (5/2)²) = 6.
    height = closure.scene.distance_to_line("E", "B", "D")
    assert closure.known[height].value == 6
    assert [step.rule for step in closure.traceback(height)][-1] == "isosceles-altitude"


def test_a_second_object_is_drawn_from_the_first_ones_point() -> None:
    construction = Construction(_TRIANGLE, "Distance(A,Line(B,C))")
    scene = Scene.from_construction(construction)
    altitude = next(a for a in options(scene, construction, _QUESTION) if a.kind == "altitude" and a.touches == ("A", "B", "C"))
    extended = Scene.from_construction(construction.extend(*altitude.commands))
    seconds = list(follow_ups(extended, extended.construction, _QUESTION, altitude))
    assert {s.kind for s in seconds} == {"perpendicular", "joined-midpoint"}
    assert all(s.labels == ("E",) and "D" in s.touches for s in seconds)  # E, drawn from D
    pair = altitude.then(next(s for s in seconds if s.sentence == "E is the midpoint of AB, and DE is drawn."))
    assert pair.sentence == "D is the foot of the altitude from A to BC. E is the midpoint of AB, and DE is drawn."
    assert pair.labels == ("E",)  # a question about the pair names E
    assert set(pair.relations) == {Quantity("foot", ("A", "D", "B", "C")), Quantity("midpoint", ("E", "A", "B"))}


def test_answers_with_many_digits_are_counted() -> None:
    assert _digits(sympy.Rational(60, 13)) == 4
    assert _digits(sympy.sqrt(3) * 7 / 2) == 4
    assert _digits(465 * sympy.sqrt(3) / 49) == 7
    assert _digits(sympy.pi / 3) == 1


def test_names_as_a_textbook_writes_them() -> None:
    assert Quantity("angle", ("D", "B", "A")).symbol() == "∠ABD"
    assert Quantity("area", ("E", "A", "B", "D")).phrase() == "the area of quadrilateral ABDE"
    assert Quantity("area", ("A", "B", "C", "D")).phrase("rectangle") == "the area of rectangle ABCD"


def test_the_foot_of_a_perpendicular_built_by_a_command_is_stated() -> None:
    construction = Construction((*_TRIANGLE, "E=Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C))"), "1")
    givens = read_givens(_QUESTION, Scene.from_construction(construction))
    assert Quantity("foot", ("A", "E", "B", "C")) in givens  # the text's "AE is the altitude", as the figure builds it


def test_a_real_benchmark_question_with_a_64_degree_angle_gets_a_step_variant() -> None:
    from variantgen.model import Problem
    from variantgen.transforms.base import Context
    from variantgen.transforms.derive_step import StepDerive

    seed = Problem(
        "geoqa",
        "AB is a diameter of circle O and C is a point on the circle. If ∠ABC = 64°, what is the measure of ∠BAC?",
        "26°",
        ("angle-in-a-semicircle",),
        Construction(
            ("O=(0,0)", "c=Circle(O,5)", "A=(-5,0)", "B=(5,0)", "C=Rotate(A,-128°,O)", "t=Polygon(A,B,C)"), "Angle(B,A,C)"
        ),
    )
    variant = StepDerive()(seed, Context(seed=0))
    assert variant.question.startswith("AB is a diameter of circle O and C is a point on the circle. ∠ABC = 64°. ")
    assert variant.answer != "26°" and any(step.value == "26°" for step in variant.solution)


def test_equal_segments_are_read_as_the_relation_they_state() -> None:
    """GeoQA writes "In △ABC, AB = AC" without the word isosceles, and "BM = CM" for a midpoint."""
    from variantgen.derive.scene import scene_of

    figure = Construction(
        ("A=(0,0)", "P=(6,0)", "B=Rotate(P,-25°,A)", "C=Rotate(P,25°,A)", "t=Polygon(A,B,C)", "M=(x(B),0)", "s=Segment(A,M)"),
        "Angle(C,B,A)",
    )
    known = read_givens("In △ABC, AB = AC, BM = CM and AB = BC.", scene_of(figure))
    assert Quantity("isosceles", ("A", "B", "C")) in known and Quantity("midpoint", ("M", "B", "C")) in known
    assert len(known) == 2  # AB = BC does not hold in the figure: not read

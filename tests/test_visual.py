"""φ_v kinds one by one: each keeps every object and the exact answer, and changes the figure."""

from __future__ import annotations

import random

import pytest
from helpers import TRIANGLE

from variantgen.checks import exact_check
from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.model import Problem
from variantgen.text.givens import stated_measures, without_given
from variantgen.transforms.base import Context, NotApplicable
from variantgen.transforms.visual import KINDS, VisualAugment


def _seed(**changes: object) -> Problem:
    seed = Problem("t", TRIANGLE["question"], "7", ("law-of-cosines",), Construction.from_dict(TRIANGLE["construction"]))
    return seed.replace(**changes) if changes else seed


SQUARE = Problem(
    "sq",
    "ABCD is a square with side length 4. Find its area.",
    "16",
    construction=Construction.from_dict(
        {"commands": ["A=(0,0)", "B=(4,0)", "C=(4,4)", "D=(0,4)", "q=Polygon(A,B,C,D)"], "target": "Area(q)"}
    ),
)
GRAPH = Problem(
    "g",
    "Consider the function f(x) = x^2 - 6x + 5. What is the minimum value of f(x)?",
    "-4",
    construction=Construction.from_dict({"commands": ["f(x)=x^2-6x+5"], "target": "y(Extremum(f,0,6))"}),
)


CIRCLE = Problem(
    "c",
    "A chord AB of circle O has length 8 and the radius of the circle is 5. Find the distance from O to AB.",
    "3",
    construction=Construction.from_dict(
        {"commands": ["O=(0,0)", "c=Circle(O,5)", "A=(-4,3)", "B=(4,3)", "s=Segment(A,B)"], "target": "Distance(O,Line(A,B))"}
    ),
)


CONE = Problem(
    "k",
    "A cone has apex P and base centre O, and A is a point on the circle of its base, with OA = 3 and PO = 4. Find its volume.",
    "12π",
    construction=Construction.from_dict(
        {"commands": ["O=(0,0,0)", "P=(0,0,4)", "A=(3,0,0)", "k=Cone(O,P,3)", "r=Segment(O,A)"], "target": "Volume(k)"}
    ),
)
CUBOID = Problem(
    "b",
    "In the cuboid ABCD-EFGH, AB = 4, BC = 3 and AE = 12. Find the length of AG.",
    "13",
    construction=Construction.from_dict(
        {
            "commands": ["A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "E=(0,0,12)", "F=(4,0,12)", "G=(4,3,12)"]
            + ["H=(0,3,12)", "k=Prism(A,B,C,D,E)"],
            "target": "Distance(A,G)",
        }
    ),
)
PYRAMID = Problem(
    "p",
    "In the regular pyramid P-ABCD, AB = 4 and the height is 3. Find its volume.",
    "16",
    construction=Construction.from_dict(
        {
            "commands": ["A=(0,0,0)", "B=(4,0,0)", "C=(4,4,0)", "D=(0,4,0)", "P=(2,2,3)", "k=Pyramid(A,B,C,D,P)"],
            "target": "Volume(k)",
        }
    ),
)


HYPERBOLA = Problem(
    "h",
    "The hyperbola x^2/9 - y^2/16 = 1 has foci F and G. Find FG.",
    "10",
    construction=Construction.from_dict(
        {"commands": ["F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,3)", "s=Segment(F,G)"], "target": "Distance(F,G)"}
    ),
)
PARABOLA = Problem(
    "k",
    "The parabola y^2 = 8x has focus F. Find the distance from the focus to the directrix.",
    "4",
    construction=Construction.from_dict({"commands": ["F=(2,0)", "k=Parabola(F,Line((-2,0),(-2,1)))"], "target": "Parameter(k)"}),
)


def _seed_for(kind: str) -> Problem:
    if KINDS[kind].on == "conic":
        return HYPERBOLA if kind in ("asymptotes", "directrices") else PARABOLA
    if KINDS[kind].on == "solid":
        return {"axial-section": CONE, "round-radius": CONE, "solid-height": PYRAMID}.get(kind, CUBOID)
    return {"polygon": SQUARE, "graph": GRAPH, "circle": CIRCLE}.get(KINDS[kind].on, GRAPH if kind == "grid" else _seed())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_keeps_the_figure_and_the_answer(kind):
    seed = _seed_for(kind)
    transform = VisualAugment(kinds=(kind,))
    made = transform.apply(seed, Context(), transform.plan(seed, Context(), random.Random(3)))
    assert made.construction != seed.construction
    assert set(seed.construction.names()) <= set(made.construction.names())
    assert exact_check(made).passed
    assert cached_evaluate(made.construction).target == cached_evaluate(seed.construction).target


def test_a_diagonal_is_never_a_side():
    transform = VisualAugment(kinds=("diagonal",))
    ends = {tuple(sorted(transform.plan(SQUARE, Context(), random.Random(n))["ends"])) for n in range(20)}
    assert ends == {("A", "C"), ("B", "D")}


def test_a_triangle_drawn_as_three_segments_is_a_triangle():
    drawn = _seed(
        construction=Construction.from_dict(
            {
                "commands": ["A=(0,0)", "B=(5,0)", "C=(4,4*sqrt(3))", "a=Segment(B,C)", "b=Segment(C,A)", "c=Segment(A,B)"],
                "target": "Distance(B,C)",
            }
        )
    )
    made = VisualAugment(kinds=("median",)).apply(
        drawn, Context(), VisualAugment(kinds=("median",)).plan(drawn, Context(), random.Random(0))
    )
    assert exact_check(made).passed and len(made.construction.commands) == 8
    along_a_line = drawn.replace(
        construction=Construction.from_dict(
            {
                "commands": ["A=(0,0)", "B=(2,0)", "C=(5,0)", "a=Segment(A,B)", "b=Segment(B,C)", "c=Segment(A,C)"],
                "target": "Distance(A,C)",
            }
        )
    )
    with pytest.raises(NotApplicable):
        VisualAugment(kinds=("median",)).plan(along_a_line, Context(), random.Random(0))


def test_no_grid_under_a_figure_whose_coordinates_the_text_does_not_give():
    # A grid would let the solver read AB, AC off the squares: the seed states lengths only.
    with pytest.raises(NotApplicable, match="no visual kind fits"):
        VisualAugment(kinds=("grid",)).plan(_seed(), Context(), random.Random(0))


def test_new_points_never_land_on_old_ones():
    # D is at 1/4 of BC: a shaded region or distractor through 1/4 of BC would put its point on D.
    seed = _seed(
        construction=Construction.from_dict(
            {**TRIANGLE["construction"], "commands": [*TRIANGLE["construction"]["commands"], "D=B+1/4*(C-B)"]}
        )
    )
    for kind in ("shaded-region", "distractor", "side-extension"):
        transform = VisualAugment(kinds=(kind,))
        for n in range(30):
            made = transform.apply(seed, Context(), transform.plan(seed, Context(), random.Random(n)))
            objects = cached_evaluate(made.construction).objects
            (new,) = [name for name in made.construction.names() if len(name) == 1 and name not in seed.construction.names()]
            assert (objects[new].x, objects[new].y) != (objects["D"].x, objects["D"].y)


def test_at_least_twelve_kinds():
    assert len(KINDS) >= 12


def test_given_to_label_moves_the_measure_out_of_the_text_and_into_a_caption():
    seed = _seed()
    transform = VisualAugment(kinds=("given-to-label",))
    params = transform.plan(seed, Context(), random.Random(0))
    made = transform.apply(seed, Context(), params)
    given = params["given"]
    assert given["text"] not in made.question and "The figure marks" in made.question
    (label,) = params["labels"]
    assert made.construction.style["captions"] == {label: given["shown"]}


def test_an_angle_caption_is_drawn_on_the_stated_non_reflex_angle():
    # ∠BAC = 60° but B → C turns clockwise about A here, so Angle(B,A,C) would be the 300° one.
    seed = _seed(
        question="In triangle ABC, ∠BAC = 60°, AB = 5 and AC = 8. Find BC.",
        construction=Construction.from_dict(
            {"commands": ["A=(0,0)", "C=(5,0)", "B=(4,4*sqrt(3))", "t=Polygon(A,B,C)"], "target": "Distance(B,C)"}
        ),
    )
    transform = VisualAugment(kinds=("given-to-label",))
    for n in range(10):
        params = transform.plan(seed, Context(), random.Random(n))
        if params["given"]["kind"] == "angle":
            break
    made = transform.apply(seed, Context(), params)
    assert made.construction.commands[-1].endswith("=Angle(C,A,B)")
    assert (
        cached_evaluate(made.construction.extend(target="Angle(C,A,B)")).target
        == cached_evaluate(seed.construction.extend(target="pi/3")).target
    )


def test_rotate_figure_turns_free_points_and_is_refused_when_coordinates_matter():
    seed = _seed()
    transform = VisualAugment(kinds=("rotate-figure",))
    made = transform.apply(seed, Context(), transform.plan(seed, Context(), random.Random(1)))
    assert all(c.startswith(("A=Rotate", "B=Rotate", "C=Rotate")) for c in made.construction.commands[:3])
    with pytest.raises(NotApplicable):
        coordinate_seed = _seed(question="A = (0,0), B = (5,0) and C = (4,4*sqrt(3)). Find BC.")
        transform.plan(coordinate_seed, Context(), random.Random(1))


@pytest.mark.parametrize(
    ("stem", "given", "expected"),
    [
        ("In triangle ABC, AB = 5, AC = 8 and ∠BAC = 60°.", "AB = 5", "In triangle ABC, AC = 8 and ∠BAC = 60°."),
        ("In triangle ABC, AB = 5, AC = 8 and ∠BAC = 60°.", "AC = 8", "In triangle ABC, AB = 5 and ∠BAC = 60°."),
        ("ABCD is a rectangle with AB = 8 and BC = 6.", "BC = 6", "ABCD is a rectangle with AB = 8."),
        ("ABCD is a rectangle with AB = 8 and BC = 6.", "AB = 8", "ABCD is a rectangle with BC = 6."),
        ("In sector OAB, OA = 6 and ∠AOB = 120°.", "OA = 6", "In sector OAB, ∠AOB = 120°."),
        ("In the figure, BC = 1. ABCO is a square.", "BC = 1", None),  # "In the figure." would say nothing
    ],
)
def test_a_given_leaves_its_list_grammatically(stem, given, expected):
    assert without_given(stem, given) == expected


def test_chained_equalities_are_not_taken_apart():
    assert [g.text for g in stated_measures("In isosceles triangle ABC, AB = AC = 10 and BC = 12.")] == ["BC = 12"]


def test_a_given_leaving_the_end_of_a_list_of_three_keeps_the_list_english():
    from variantgen.text.givens import without_given

    stem = "In the pyramid P-ABC, PA ⊥ plane ABC, AB ⊥ BC, AB = 3, BC = 4 and PA = 12."
    assert without_given(stem, "PA = 12") == "In the pyramid P-ABC, PA ⊥ plane ABC, AB ⊥ BC, AB = 3 and BC = 4."
    assert without_given("In triangle ABC, AB = 5 and AC = 8.", "AC = 8") == "In triangle ABC, AB = 5."


def test_a_visual_line_never_runs_along_a_drawn_one():
    """In the isosceles triangle PFG (GF = GP) with its altitude GD drawn, the perpendicular
    bisector of FP would lie over GD: that element is refused, and the plan takes another."""
    from variantgen.transforms.visual import _new_points_coincide

    drawn = Construction.from_dict(
        {
            "commands": ["F=(0,0)", "G=(6,0)", "P=(6-18/5,24/5)", "t=Polygon(F,G,P)", "D=Midpoint(F,P)", "s=Segment(G,D)"],
            "target": "Distance(F,P)",
        }
    )
    assert _new_points_coincide(drawn, ["aux1=PerpendicularBisector(F,P)"])
    assert not _new_points_coincide(drawn, ["aux1=PerpendicularBisector(F,G)"])

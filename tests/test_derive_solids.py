"""The derivation engine on solids: every solid theorem against the exact evaluator on random
solids, the stated solid read from the text, a step question for each kind of solid, and the
visual kinds that draw on a solid."""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Iterator

import pytest
import sympy
from helpers import check_applications

from variantgen.answers import parse_answer
from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.derive import THEOREMS, Quantity, Scene, derive, read_givens
from variantgen.derive.givens import relations_of
from variantgen.derive.planner import plan, target_quantity
from variantgen.model import Problem
from variantgen.render.solid import space_picture
from variantgen.transforms.visual_kinds import KINDS

#: Turns about the vertical axis with rational sines and cosines, so coordinates stay rational.
_TURNS = ((1, 0, 1), (3, 4, 5), (-4, 3, 5), (5, 12, 13))


#: The regular frustum on a square of side 6 with a top of side 2 at height 3, drawn face by face.
FRUSTUM_CORNERS = ("(0,0,0)", "(6,0,0)", "(6,6,0)", "(0,6,0)", "(2,2,3)", "(4,2,3)", "(4,4,3)", "(2,4,3)")
FRUSTUM_FACES = tuple(
    f"{label}=Polygon({','.join(face)})"
    for label, face in (("b", "ABCD"), ("t", "EFGH"), ("s_1", "ABFE"), ("s_2", "BCGF"), ("s_3", "CDHG"), ("s_4", "DAEH"))
)
FRUSTUM_VOLUME = "Volume(Pyramid(A,B,C,D,Intersect(Line(A,E),Line(B,F))))-Volume(Pyramid(E,F,G,H,Intersect(Line(A,E),Line(B,F))))"


def _theorems() -> list[str]:
    modules = ("variantgen.derive.theorems.solids", "variantgen.derive.theorems.frustums")
    return [name for name, t in THEOREMS.items() if t.match.__module__ in modules]


def _at(turn: tuple[int, int, int], offset: tuple[int, int, int], x: sympy.Expr, y: sympy.Expr, z: sympy.Expr) -> str:
    c, s, r = turn
    cos, sin = sympy.Rational(c, r), sympy.Rational(s, r)
    point = (cos * x - sin * y + offset[0], sin * x + cos * y + offset[1], z + offset[2])
    return "(" + ",".join(str(sympy.nsimplify(v)).replace("**", "^") for v in point) + ")"


def _solids(rng: random.Random) -> Iterator[tuple[list[str], list[Quantity]]]:
    """Cuboids, cubes, oblique prisms, regular pyramids and frustums, cylinders, cones and spheres,
    turned about the vertical and moved, with the relations a question would state (and a cube stated of a non-cube)."""
    more = random.Random(1)
    for _ in range(6):
        turn, offset = rng.choice(_TURNS), (rng.randint(-3, 3), rng.randint(-3, 3), rng.randint(-2, 2))
        a, b, c = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 9)
        corners = dict(
            zip("ABCDEFGH", [(0, 0, 0), (a, 0, 0), (a, b, 0), (0, b, 0), (0, 0, c), (a, 0, c), (a, b, c), (0, b, c)], strict=True)
        )
        commands = [f"{n}={_at(turn, offset, *p)}" for n, p in corners.items()]
        commands += ["k=Prism(A,B,C,D,E)", "d=Segment(A,C)", "g=Segment(A,G)", "f=Segment(B,G)", "q=Polygon(A,C,G,E)"]
        names = tuple("ABCDEFGH")
        yield commands, [Quantity("cuboid", names), Quantity("cube", names)]
        edge = rng.randint(1, 5)
        cube = dict(
            zip(
                "ABCDEFGH",
                [
                    (0, 0, 0),
                    (edge, 0, 0),
                    (edge, edge, 0),
                    (0, edge, 0),
                    (0, 0, edge),
                    (edge, 0, edge),
                    (edge, edge, edge),
                    (0, edge, edge),
                ],
                strict=True,
            )
        )
        commands = [f"{n}={_at(turn, offset, *p)}" for n, p in cube.items()] + ["k=Prism(A,B,C,D,E)", "g=Segment(A,G)"]
        yield commands, [Quantity("cube", names)]
        (p, q), h = rng.choice(((3, 4), (4, 3), (6, 8), (5, 12))), rng.randint(1, 7)  # a right prism on a right triangle
        corners = dict(zip("ABCDEF", [(p, 0, 0), (0, q, 0), (0, 0, 0), (p, 0, h), (0, q, h), (0, 0, h)], strict=True))
        commands = [f"{n}={_at(turn, offset, *at)}" for n, at in corners.items()] + ["k=Prism(A,B,C,D)", "s=Segment(B,D)"]
        yield commands, [Quantity("right-prism", tuple("ABCDEF"))]
        # a pyramid whose lateral edge PA is its height: PA ⊥ plane ABC
        base3 = dict(zip("ABC", [(0, 0, 0), (p, 0, 0), (p, q, 0)], strict=True))
        commands = [f"{n}={_at(turn, offset, *at)}" for n, at in base3.items()] + [f"P={_at(turn, offset, 0, 0, h)}"]
        yield commands + ["k=Pyramid(A,B,C,P)"], [Quantity("perpendicular-to-plane", ("P", "A", "B", "C"))]
        half, h = rng.randint(1, 4), rng.randint(1, 6)
        base = dict(zip("ABCD", [(-half, -half, 0), (half, -half, 0), (half, half, 0), (-half, half, 0)], strict=True))
        commands = [f"{n}={_at(turn, offset, *p)}" for n, p in base.items()]
        commands += [f"O={_at(turn, offset, 0, 0, 0)}", f"P={_at(turn, offset, 0, 0, h)}", "M=Midpoint(B,C)"]
        commands += ["k=Pyramid(A,B,C,D,P)", "s=Segment(P,O)", "m=Segment(O,M)", "l=Segment(P,M)", "n=Segment(O,B)"]
        yield commands, [Quantity("regular-pyramid", ("P", "A", "B", "C", "D")), Quantity("midpoint", ("M", "B", "C"))]
        # an oblique prism on a square, its height EO stated: O on AB (drawn from their own
        # generator, so that the solids above stay the ones they were)
        side, lean, h = more.randint(2, 5), more.randint(1, 3), more.randint(1, 6)
        square = [(0, 0, 0), (side, 0, 0), (side, side, 0), (0, side, 0)]
        corners = dict(zip("ABCDEFGH", square + [(x + lean, y, h) for x, y, _ in square], strict=True))
        commands = [f"{n}={_at(turn, offset, *at)}" for n, at in corners.items()]
        commands += [f"O={_at(turn, offset, lean, 0, 0)}", "k=Prism(A,B,C,D,E)", "s=Segment(E,O)"]
        yield commands, [Quantity("perpendicular-to-plane", ("E", "O", "A", "B", "C", "D"))]
        # a regular frustum drawn face by face: its centres O and Q, the perpendicular EK from a
        # top corner, and the slant height MN between the midpoints of BC and FG
        top, (step, h) = more.randint(1, 2), more.choice(((3, 4), (4, 3)))  # a slant height of 5
        half = top + step
        turns = ((-1, -1), (1, -1), (1, 1), (-1, 1))
        at = [(x * half, y * half, 0) for x, y in turns] + [(x * top, y * top, h) for x, y in turns]
        corners = dict(zip("ABCDEFGH", at, strict=True))
        commands = [f"{n}={_at(turn, offset, *at)}" for n, at in corners.items()]
        commands += ["b=Polygon(A,B,C,D)", "t=Polygon(E,F,G,H)"]
        commands += [f"s_{i}=Polygon({a},{b},{c},{d})" for i, (a, b, c, d) in enumerate(("ABFE", "BCGF", "CDHG", "DAEH"))]
        commands += [f"O={_at(turn, offset, 0, 0, 0)}", f"Q={_at(turn, offset, 0, 0, h)}"]
        commands += [f"K={_at(turn, offset, -top, -top, 0)}"]
        frustum = Quantity("regular-frustum", tuple("ABCDEFGH"))
        stated = [frustum, Quantity("perpendicular-to-plane", ("E", "K", "A", "B", "C", "D"))]
        yield commands + ["u=Segment(Q,O)", "v=Segment(E,K)", "w=Segment(A,C)"], stated
        slant = ["M=Midpoint(B,C)", "N=Midpoint(F,G)", "l=Segment(M,N)"]
        yield commands[:14] + slant, [frustum, Quantity("midpoint", ("M", "B", "C")), Quantity("midpoint", ("N", "F", "G"))]
        r, h = rng.randint(1, 5), rng.randint(1, 7)
        round_points = [f"O={_at(turn, offset, 0, 0, 0)}", f"P={_at(turn, offset, 0, 0, h)}", f"A={_at(turn, offset, r, 0, 0)}"]
        segments = ["s=Segment(O,P)", "t=Segment(O,A)", "u=Segment(P,A)"]
        yield round_points + [f"k=Cylinder(O,P,{r})"] + segments, [Quantity("cylinder", ("O", "P"))]
        yield round_points + [f"k=Cone(O,P,{r})"] + segments, [Quantity("cone", ("P", "O"))]
        yield round_points[:1] + round_points[2:] + ["k=Sphere(O,A)", "t=Segment(O,A)"], [Quantity("sphere", ("O",))]
        # a plane's section of a sphere: R = 5 or 13, the plane at 3 or 5 from the centre
        (big, d, small) = more.choice(((5, 3, 4), (13, 5, 12)))
        section = [f"O={_at(turn, offset, 0, 0, 0)}", f"k=Sphere(O,{big})", f"Q={_at(turn, offset, 0, 0, d)}"]
        section += [f"c=Intersect(k,Plane(Q,{_at(turn, offset, 1, 0, d)},{_at(turn, offset, 0, 1, d)}))"]
        section += [f"A={_at(turn, offset, small, 0, d)}", "t=Segment(O,A)", "u=Segment(O,Q)", "v=Segment(Q,A)"]
        yield section, [Quantity("sphere", ("O",))]
        # a cone's frustum drawn by its rims: R − r and h a Pythagorean pair, so the slant is whole;
        # the foot D of the perpendicular from B to OA
        small, (step, h) = more.randint(1, 3), more.choice(((3, 4), (4, 3), (5, 12)))
        big = small + step
        rims = [f"O={_at(turn, offset, 0, 0, 0)}", f"Q={_at(turn, offset, 0, 0, h)}", "n=Vector((0,0,1))"]
        rims += [f"c=Circle(O,{big},n)", f"d=Circle(Q,{small},n)", f"A={_at(turn, offset, big, 0, 0)}"]
        rims += [f"B={_at(turn, offset, small, 0, h)}", f"D={_at(turn, offset, small, 0, 0)}"]
        rims += ["u=Segment(O,Q)", "v=Segment(O,A)", "w=Segment(Q,B)", "l=Segment(A,B)", "m=Segment(B,D)"]
        yield rims, [Quantity("cone-frustum", ("O", "Q")), Quantity("foot", ("B", "D", "O", "A"))]


def test_solid_theorems_agree_with_the_evaluator() -> None:
    checked: Counter[str] = Counter()
    for commands, stated in _solids(random.Random(7)):
        scene = Scene.from_construction(Construction(tuple(commands), "1"))
        givens = {q: "" for q in stated}
        check_applications(dataclasses.replace(scene, relations=relations_of(givens)), _theorems(), checked)
    missing = [name for name in _theorems() if not checked[name]]
    assert not missing, f"never checked: {missing}"
    assert sum(checked.values()) > 200


def test_a_cube_stated_of_a_cuboid_that_is_none_matches_nothing() -> None:
    commands = ["A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "E=(0,0,5)", "k=Prism(A,B,C,D,E)"]
    commands += ["F=(4,0,5)", "G=(4,3,5)", "H=(0,3,5)"]
    scene = Scene.from_construction(Construction(tuple(commands), "1"))
    assert read_givens("In the cube ABCD-EFGH, AB = 4.", scene) == {scene.length("A", "B"): "AB = 4"}
    assert Quantity("cuboid", tuple("ABCDEFGH")) in read_givens("In the cuboid ABCD-EFGH, AB = 4.", scene)
    assert Quantity("cuboid", tuple("ABCDEFGH")) not in read_givens("In the cuboid ABCD-HGFE, AB = 4.", scene)


CUBOID = {
    "question": "In the cuboid ABCD-EFGH, AB = 4, BC = 3 and AE = 12. The diagonal AC is drawn. Find the length of AG.",
    "commands": ["A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "E=(0,0,12)", "F=(4,0,12)", "G=(4,3,12)", "H=(0,3,12)"]
    + ["k=Prism(A,B,C,D,E)", "d=Segment(A,C)", "g=Segment(A,G)"],
}


def test_a_space_diagonal_is_found_by_the_formula_or_through_the_base_diagonal() -> None:
    """The cuboid's diagonal formula, or (without it) AC in the base, CG ⊥ the base and AG in the
    right triangle ACG, as a student who does not know the formula finds it."""
    construction = Construction(tuple(CUBOID["commands"]), "Distance(A,G)")
    scene = Scene.from_construction(construction)
    givens = read_givens(CUBOID["question"], scene)
    scene = dataclasses.replace(scene, relations=relations_of(givens))
    target = target_quantity(construction, scene)
    assert target == scene.length("A", "G")
    closure = derive(scene, givens)
    assert closure.known[target].value == 13 and "cuboid-properties" in closure.knowledge_points(target)
    without = derive(scene, givens, theorems=[t for name, t in THEOREMS.items() if name != "cuboid-space-diagonal"])
    assert without.known[target].value == 13
    rules = [step.rule for step in without.traceback(target)]
    assert "line-perpendicular-to-plane" in rules and "pythagorean-theorem" in rules


@pytest.mark.parametrize(
    ("question", "commands", "target", "answer", "expected"),
    [
        (
            "A cone has apex P and base centre O, and A is a point on the circle of its base, with OA = 3 and PO = 4. "
            "Find the slant height PA.",
            ["O=(0,0,0)", "P=(0,0,4)", "A=(3,0,0)", "k=Cone(O,P,3)", "h=Segment(P,O)", "r=Segment(O,A)", "l=Segment(P,A)"],
            "Distance(P,A)",
            "5",
            {"Side(k)": "15*pi", "Side(k)+Area(Bottom(k))": "24*pi"},
        ),
        (
            "In the regular pyramid P-ABCD, AB = 6, O is the centre of the base, M is the midpoint of BC and the "
            "height PO = 4. Find the slant height PM.",
            ["A=(0,0,0)", "B=(6,0,0)", "C=(6,6,0)", "D=(0,6,0)", "O=(3,3,0)", "P=(3,3,4)", "M=Midpoint(B,C)"]
            + ["k=Pyramid(A,B,C,D,P)", "h=Segment(P,O)", "m=Segment(O,M)", "s=Segment(P,M)"],
            "Distance(P,M)",
            "5",
            {"Net(k,1)": "96", "Net(k,1)-Area(Polygon(A,B,C,D))": "60"},
        ),
        (
            "A cylinder has base centres O and P, and A is a point on the circle of its lower base. Its lateral "
            "surface area is 30π and OA = 3. Find the height OP.",
            ["O=(0,0,0)", "P=(0,0,5)", "A=(3,0,0)", "k=Cylinder(O,P,3)", "r=Segment(O,A)", "h=Segment(O,P)"],
            "Distance(O,P)",
            "5",
            {"Volume(k)": "45*pi"},
        ),
        (
            "A sphere with centre O has surface area 36π, and A is a point on the sphere. Find OA.",
            ["O=(0,0,0)", "A=(3,0,0)", "s=Sphere(O,A)", "r=Segment(O,A)"],
            "Distance(O,A)",
            "3",
            {"Volume(s)": "36*pi"},
        ),
        (
            "A plane cuts the sphere with centre O in a circle with centre Q, and A is a point of that circle. The "
            "radius of the sphere is OA = 5, and the distance from O to the plane is OQ = 3. Find the radius QA of the section.",
            ["O=(0,0,0)", "s=Sphere(O,5)", "c=Intersect(s,Plane((0,0,3),(1,0,3),(0,1,3)))", "Q=Center(c)", "A=(4,0,3)"]
            + ["r=Segment(O,A)", "d=Segment(O,Q)", "q=Segment(Q,A)"],
            "Distance(Q,A)",
            "4",
            {"Area(c)": "16*pi", "Perimeter(c)": "8*pi"},
        ),
        (
            "In the oblique prism ABCD-EFGH, the base ABCD is a square with AB = 4 and the lateral edge AE = 5. "
            "EO ⊥ plane ABCD, with O on AB and AO = 3. Find the height EO.",
            ["A=(0,0,0)", "B=(4,0,0)", "C=(4,4,0)", "D=(0,4,0)", "E=(3,0,4)", "k=Prism(A,B,C,D,E)"]
            + ["F=B+(E-A)", "G=C+(E-A)", "H=D+(E-A)", "O=(3,0,0)", "h=Segment(E,O)"],
            "Distance(E,O)",
            "4",
            {"Volume(k)": "64", "tan(Angle(Vector(ClosestPoint(Line(A,D),E),E),Vector(ClosestPoint(Line(A,D),B),B)))": "4/3"},
        ),
        (
            "A frustum of a cone has base centre O and top centre Q; A is a point of the base circle and B a point of "
            "the top circle, with AB a slant line of its side. OA = 4 and QB = 1, and the volume of the frustum is 28π. "
            "Find the height OQ.",
            ["O=(0,0,0)", "Q=(0,0,4)", "c=Circle(O,4,Vector((0,0,1)))", "d=Circle(Q,1,Vector((0,0,1)))", "A=(4,0,0)"]
            + ["B=(1,0,4)", "h=Segment(O,Q)", "r=Segment(O,A)", "s=Segment(Q,B)", "l=Segment(A,B)"],
            "Distance(O,Q)",
            "4",
            {
                "Side(Cone(O,O+(Q-O)*Radius(c)/(Radius(c)-Radius(d)),Radius(c)))"
                "-Side(Cone(Q,O+(Q-O)*Radius(c)/(Radius(c)-Radius(d)),Radius(d)))": "25*pi",
                "Side(Cone(O,O+(Q-O)*Radius(c)/(Radius(c)-Radius(d)),Radius(c)))"
                "-Side(Cone(Q,O+(Q-O)*Radius(c)/(Radius(c)-Radius(d)),Radius(d)))+Area(c)+Area(d)": "42*pi",
            },
        ),
        (
            "In the regular frustum ABCD-EFGH, AB = 6, EF = 2 and the lateral edge AE = √17. EM ⊥ plane ABCD, with its "
            "foot M on AC. Find the height EM of the frustum.",
            [f"{n}={p}" for n, p in zip("ABCDEFGH", FRUSTUM_CORNERS, strict=True)]
            + list(FRUSTUM_FACES)
            + ["M=(2,2,0)", "h=Segment(E,M)", "d=Segment(A,C)"],
            "Distance(E,M)",
            "3",
            {FRUSTUM_VOLUME: "52"},
        ),
    ],
)
def test_a_solid_seed_gets_the_step_question_a_teacher_would_set(question, commands, target, answer, expected) -> None:
    construction = Construction(tuple(commands), target)
    step = plan(construction, question, ("pythagorean-theorem",), answer, random.Random(0))
    assert step["expression"] in expected, step["ask"]
    assert str(cached_evaluate(construction.extend(target=step["expression"])).target) == expected[step["expression"]]
    assert target_quantity(construction.extend(target=step["expression"]), Scene.from_construction(construction)) is not None


@pytest.mark.parametrize(
    "kind", ["space-diagonal", "face-diagonal", "solid-height", "diagonal-section", "axial-section", "round-radius"]
)
def test_visual_kinds_on_solids_keep_the_answer_and_draw_in_the_picture(kind: str) -> None:
    figures = {
        "cone": ["O=(0,0,0)", "P=(0,0,4)", "A=(3,0,0)", "k=Cone(O,P,3)", "l=Segment(P,A)"],
        "cuboid": CUBOID["commands"][:-2],
        "pyramid": ["A=(0,0,0)", "B=(4,0,0)", "C=(4,4,0)", "D=(0,4,0)", "P=(2,2,3)", "k=Pyramid(A,B,C,D,P)"],
    }
    for commands in figures.values():
        construction = Construction(tuple(commands), "Volume(k)")
        problem = Problem(id="s", question="Find the volume.", answer="1", construction=construction)
        options = KINDS[kind].fits(problem, construction)
        if not options:
            continue
        params = {
            **KINDS[kind].plan(problem, options, random.Random(1)),
            "labels": ["Q", "aux1"] if KINDS[kind].points else ["aux1"],
        }
        added, style = KINDS[kind].build(params)
        bigger = construction.extend(*added, style=style)
        assert cached_evaluate(bigger).target == cached_evaluate(construction).target
        drawing = space_picture(bigger)
        assert drawing is not None
        assert any(s["auxiliary"] for s in drawing.segments) or drawing.fills
        return
    pytest.fail(f"{kind} fits none of the solids")


@pytest.mark.parametrize("kind", ["solid-height", "diagonal-section", "face-diagonal"])
def test_visual_kinds_draw_on_a_frustum_drawn_face_by_face(kind: str) -> None:
    commands = [f"{n}={p}" for n, p in zip("ABCDEFGH", FRUSTUM_CORNERS, strict=True)] + list(FRUSTUM_FACES)
    construction = Construction(tuple(commands), FRUSTUM_VOLUME)
    problem = Problem(id="f", question="Find the volume of the frustum ABCD-EFGH.", answer="52", construction=construction)
    options = KINDS[kind].fits(problem, construction)
    assert options, kind
    params = {**KINDS[kind].plan(problem, options, random.Random(1)), "labels": ["K", "aux1"] if KINDS[kind].points else ["aux1"]}
    added, style = KINDS[kind].build(params)
    bigger = construction.extend(*added, style=style)
    assert cached_evaluate(bigger).target == 52
    drawing = space_picture(bigger)
    assert drawing is not None and sum(s["hidden"] for s in drawing.segments) >= 3  # the frustum still hides its back


@pytest.mark.parametrize("written", ["A₁", "A_1"])
def test_a_solid_named_with_subscripts_gets_its_step_in_its_own_names(written: str) -> None:
    """ABCD-A₁B₁C₁D₁ is planned as ABCD-EFGH (the engine reads single letters) and written back
    with the seed's names, as the seed writes them."""
    from variantgen.transforms.base import Context
    from variantgen.transforms.derive_step import StepDerive

    def name(letter: str) -> str:
        return written.replace("A", letter)

    question = f"In the cuboid ABCD-{''.join(name(x) for x in 'ABCD')}, AB = 4, BC = 3 and A{name('A')} = 12. "
    question += f"Find the length of the diagonal A{name('C')}."
    commands = ["A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "A_1=(0,0,12)", "k=Prism(A,B,C,D,A_1)"]
    commands += ["B_1=B+(A_1-A)", "C_1=C+(A_1-A)", "D_1=D+(A_1-A)", "d=Segment(A,C_1)"]
    seed = Problem("s", question, "13", ("cuboid-properties",), Construction(tuple(commands), "Distance(A,C_1)"))
    step = StepDerive()(seed, Context(seed=0))
    assert step.question.startswith(question[: question.index("Find")])
    assert step.construction is not None and {"A_1", "C_1"} <= set(step.construction.names())
    assert not {"E", "F", "G", "H"} & set(step.construction.names())
    added = step.question[len(question) - len(question[question.index("Find") :]) :]
    assert not re.search(r"\b[A-Z]*[EFGH][A-Z]*\b", added.replace("Find", "")), added  # no stand-in letter left
    assert cached_evaluate(step.construction).target == parse_answer(step.answer)


def test_the_angle_between_a_space_diagonal_and_the_base_is_asked_through_its_projection() -> None:
    """A cube with its face diagonal AC asked: the step draws the space diagonal AG and asks the
    cosine of its angle with the base, which is ∠GAC (the projection of AG is AC)."""
    question = "In the cube ABCD-EFGH, AB = 2. Find the length of the face diagonal AC."
    commands = ["A=(0,0,0)", "B=(2,0,0)", "C=(2,2,0)", "D=(0,2,0)", "E=(0,0,2)", "F=(2,0,2)", "G=(2,2,2)", "H=(0,2,2)"]
    construction = Construction(tuple(commands + ["k=Prism(A,B,C,D,E)", "d=Segment(A,C)"]), "Distance(A,C)")
    step = plan(construction, question, ("pythagorean-theorem",), "2√2", random.Random(0))
    assert step["ask"] == "Find the cosine of the angle between line AG and plane ABCD."
    assert step["expression"] == "cos(Angle(Line(A,G),Plane(A,B,C)))"
    assert "line-plane-angle" in step["knowledge_points"]
    extended = construction.extend(*step["auxiliary"]["commands"], target=step["expression"])
    assert cached_evaluate(extended).target == sympy.sqrt(6) / 3


def test_a_dihedral_angle_is_found_through_its_plane_angle() -> None:
    """In the regular pyramid P-ABCD with O the centre of the base and M the midpoint of BC,
    OM ⊥ BC and (three perpendiculars) PM ⊥ BC: ∠PMO is the plane angle of P-BC-A."""
    question = "In the regular pyramid P-ABCD, AB = 6, O is the centre of the base, M is the midpoint of BC and PO = 4."
    commands = ["A=(0,0,0)", "B=(6,0,0)", "C=(6,6,0)", "D=(0,6,0)", "O=(3,3,0)", "P=(3,3,4)", "M=Midpoint(B,C)"]
    commands += ["k=Pyramid(A,B,C,D,P)", "h=Segment(P,O)", "m=Segment(O,M)", "s=Segment(P,M)"]
    scene = Scene.from_construction(Construction(tuple(commands), "1"))
    givens = read_givens(question, scene)
    closure = derive(dataclasses.replace(scene, relations=relations_of(givens)), givens)
    tangent = Quantity("dihedral-tan", ("B", "C", "P", "A"))
    assert closure.known[tangent].value == sympy.Rational(4, 3)
    assert {"dihedral-angle", "three-perpendiculars"} <= set(closure.knowledge_points(tangent))
    assert tangent.phrase() == "the tangent of the dihedral angle P-BC-A"
    assert cached_evaluate(Construction(tuple(commands), tangent.expression())).target == sympy.Rational(4, 3)


def test_a_circle_in_space_gives_no_arc_to_the_plane_reasoning() -> None:
    """A sphere's section is a circle of the scene, but the arcs of plane geometry (which turn one
    way round a centre) are not read on it."""
    commands = ("O=(0,0,0)", "s=Sphere(O,5)", "c=Intersect(s,Plane((0,0,3),(1,0,3),(0,1,3)))", "Q=Center(c)")
    commands += ("A=(4,0,3)", "B=(0,4,3)", "a=Segment(Q,A)", "b=Segment(Q,B)")
    scene = Scene.from_construction(Construction(commands, "1"))
    assert [c.centre for c in scene.circles] == ["Q"] and scene.arcs() == []
    assert read_givens("The arc AB of the section is drawn, and QA = 4.", scene)

"""Property tests for the triangle, right-triangle, circle and line theorems of the derivation engine.

Random figures with exact coordinates (integer, Heronian, special-angle, right and isosceles
triangles; a stated midpoint, angle bisector, altitude foot or parallel to a side; points on a side;
circles through Pythagorean lattice points with chords, diameters and a tangent), turned by random
Pythagorean rotations (so that most sides lie off the axes) and moved. Every application whose
premises are known (each measure has an exact school value, each relation is stated, as the engine
holds it) is checked: the theorem's formula, fed the premises' exact values, must give the
conclusion's value from the coordinates. Every theorem of these modules must be checked at least
once, so a new theorem cannot go untested.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from collections import Counter
from collections.abc import Iterable, Iterator

import pytest
import sympy
from sympy import Rational, sqrt

from variantgen.construction import Construction
from variantgen.derive import THEOREMS, Quantity, Scene, Theorem, TheoremMismatch, derive, read_givens
from variantgen.derive.scene import same

_MODULES = ("triangles", "right", "circles", "lines")
#: Rotations by a whole-number direction (p, q) of whole length r: rational coordinates stay rational.
_ROTATIONS = ((1, 0, 1), (0, 1, 1), (3, 4, 5), (4, 3, 5), (-3, 4, 5), (4, -3, 5), (5, 12, 13), (-12, 5, 13))
#: Whole-number directions with whole-number lengths, for sides of whole length.
_UNIT = ((5, 0), (0, 5), (3, 4), (4, 3), (-3, 4), (-4, 3), (3, -4), (4, -3))
#: Triangles with whole sides and area: 13-14-15, 5-5-6, 5-5-8, 4-13-15, 9-10-17, 11-13-20, 7-15-20, 3-4-5.
_HERONIAN = (
    ((0, 0), (14, 0), (5, 12)),
    ((0, 0), (6, 0), (3, 4)),
    ((0, 0), (8, 0), (4, 3)),
    ((0, 0), (4, 0), (-5, 12)),
    ((0, 0), (9, 0), (-6, 8)),
    ((0, 0), (11, 0), (-5, 12)),
    ((0, 0), (7, 0), (-9, 12)),
    ((0, 0), (4, 0), (0, 3)),
)
#: (∠A, ∠B) in degrees of triangles whose three angles are all special.
_SPECIAL = ((30, 60), (60, 30), (45, 45), (30, 30), (60, 60), (90, 30), (30, 90), (45, 90), (120, 30), (30, 120))
#: One special angle at A: the direction of AC, scaled so that its coordinates are whole or k·√3.
_ONE_SPECIAL = {
    30: (sqrt(3), 1),
    45: (1, 1),
    60: (1, sqrt(3)),
    90: (0, 1),
    120: (-1, sqrt(3)),
    135: (-1, 1),
    150: (-sqrt(3), 1),
}
#: The points with whole coordinates on the circle of radius 5 about the origin.
_LATTICE = ((5, 0), (4, 3), (3, 4), (0, 5), (-3, 4), (-4, 3), (-5, 0), (-4, -3), (-3, -4), (0, -5), (3, -4), (4, -3))

Point = tuple[sympy.Expr, sympy.Expr]
Figure = tuple[list[str], list[Quantity]]


def _theorems(module: str) -> list[str]:
    return [name for name, t in THEOREMS.items() if t.match.__module__ == f"variantgen.derive.theorems.{module}"]


def _ggb(value: sympy.Expr) -> str:
    return str(sympy.radsimp(sympy.sympify(value))).replace("**", "^")


def _commands(points: dict[str, Point]) -> list[str]:
    return [f"{name}=({_ggb(x)},{_ggb(y)})" for name, (x, y) in points.items()]


def _place(rng: random.Random, points: Iterable[Point]) -> list[Point]:
    """The points turned by a random Pythagorean rotation and moved by a whole-number offset."""
    p, q, r = rng.choice(_ROTATIONS)
    dx, dy = rng.randint(-4, 4), rng.randint(-4, 4)
    turned = [(sympy.sympify(x), sympy.sympify(y)) for x, y in points]
    return [(x * p / r - y * q / r + dx, x * q / r + y * p / r + dy) for x, y in turned]


def _triangle(rng: random.Random, vertices: Iterable[Point], shuffle: bool = True) -> dict[str, Point]:
    """A, B, C at these vertices (in a random order unless ``shuffle`` is off), placed at random."""
    placed = _place(rng, vertices)
    if shuffle:
        rng.shuffle(placed)
    return dict(zip("ABC", placed, strict=True))


def _isosceles_everywhere() -> list[Quantity]:
    """ABC is isosceles with apex A, B and C: stated of every figure, true of few (the theorems check)."""
    return [Quantity("isosceles", (v, *sorted(set("ABC") - {v}))) for v in "ABC"]


def _collinear(points: Iterable[Point]) -> bool:
    (ax, ay), (bx, by), (cx, cy) = points
    return sympy.simplify((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) == 0


def _integer_triangle(rng: random.Random) -> list[Point]:
    while True:
        points = [(Rational(rng.randint(-6, 6)), Rational(rng.randint(-6, 6))) for _ in range(3)]
        if not _collinear(points):
            return points


def _whole_sided_angle(rng: random.Random) -> list[Point]:
    """A at the origin, AB and AC of whole lengths along Pythagorean directions (not along one line)."""
    u, v = rng.sample(_UNIT, 2)
    while u[0] * v[1] == u[1] * v[0]:
        v = rng.choice(_UNIT)
    m, n = rng.randint(1, 3), rng.randint(1, 3)
    return [(0, 0), (m * u[0], m * u[1]), (n * v[0], n * v[1])]


def _special_triangle(alpha: int, beta: int, side: int) -> list[Point]:
    """∠A = alpha°, ∠B = beta°, AB = side: AC by the law of sines."""
    a, b = sympy.rad(alpha), sympy.rad(beta)
    ac = sympy.radsimp(side * sympy.sin(b) / sympy.sin(a + b))
    return [(0, 0), (side, 0), (sympy.radsimp(ac * sympy.cos(a)), sympy.radsimp(ac * sympy.sin(a)))]


# The figures --------------------------------------------------------------------------------------


def _plain_triangles(rng: random.Random) -> Iterator[Figure]:
    """Integer, Heronian and special-angle triangles, and one equilateral triangle; nothing else drawn."""
    for _ in range(3):
        yield [*_commands(_triangle(rng, _integer_triangle(rng))), "t=Polygon(A,B,C)"], _isosceles_everywhere()
    for vertices in _HERONIAN:
        yield [*_commands(_triangle(rng, vertices)), "t=Polygon(A,B,C)"], _isosceles_everywhere()
    for alpha, beta in _SPECIAL:
        yield (
            [*_commands(_triangle(rng, _special_triangle(alpha, beta, rng.randint(1, 4) * 2))), "t=Polygon(A,B,C)"],
            _isosceles_everywhere(),
        )
    for angle, (x, y) in _ONE_SPECIAL.items():
        k, c = rng.randint(1, 3), rng.randint(2, 6)
        vertices = [(0, 0), (c, 0), (k * x, k * y)]
        yield [*_commands(_triangle(rng, vertices)), "t=Polygon(A,B,C)"], _isosceles_everywhere()
        if angle == 60:  # the same with AB = AC: equilateral
            equilateral = _triangle(rng, [(0, 0), (2 * k, 0), (k, k * sqrt(3))])
            relations = [*_isosceles_everywhere(), Quantity("equilateral", ("A", "B", "C"))]
            yield [*_commands(equilateral), "t=Polygon(A,B,C)"], relations


def _right_triangles(rng: random.Random) -> Iterator[Figure]:
    """A right angle at a random vertex, legs along perpendicular non-axis directions, and the midpoint
    M of the hypotenuse joined to the right angle."""
    for i in range(6):
        p, q = rng.choice(((3, 4), (4, 3), (1, 2), (2, 1), (-1, 1), (5, 12)))
        a, b = rng.randint(1, 3), rng.randint(1, 3)
        if i % 3 == 0:
            b = a  # 45°
        x0, y0 = rng.randint(-4, 4), rng.randint(-4, 4)
        right = (Rational(x0), Rational(y0))
        legs = [(x0 + a * p, y0 + a * q), (x0 - b * q, y0 + b * p)]
        names = rng.sample("ABC", 3)
        points = dict(zip(names, [right, *legs], strict=True))
        hypotenuse = sorted(names[1:])
        commands = [
            *_commands(dict(sorted(points.items()))),
            "t=Polygon(A,B,C)",
            f"M=Midpoint({hypotenuse[0]},{hypotenuse[1]})",
            f"m=Segment({names[0]},M)",
        ]
        yield commands, [*_isosceles_everywhere(), Quantity("midpoint", ("M", *hypotenuse))]
    for alpha, beta in ((30, 60), (60, 30), (45, 45)):  # 30-60-90 and 45-45-90, the right angle at C
        points = _triangle(rng, _special_triangle(alpha, beta, rng.randint(1, 3) * 4), shuffle=False)
        commands = [*_commands(points), "t=Polygon(A,B,C)", "M=Midpoint(A,B)", "m=Segment(C,M)"]
        yield commands, [*_isosceles_everywhere(), Quantity("midpoint", ("M", "A", "B"))]


def _isosceles_triangles(rng: random.Random) -> Iterator[Figure]:
    """AB = AC with whole coordinates (C the reflection of B in a line through A), and a 30-30-120 one."""
    for _ in range(5):
        p, q = rng.randint(1, 5), rng.randint(1, 5)
        p += p == q
        c = rng.choice(((-p, q), (p, -q), (q, p), (-q, -p)))
        yield [*_commands(_triangle(rng, [(0, 0), (p, q), c], shuffle=False)), "t=Polygon(A,B,C)"], _isosceles_everywhere()
    apex = _triangle(rng, [(0, 0), (3, sqrt(3)), (3, -sqrt(3))], shuffle=False)
    yield [*_commands(apex), "t=Polygon(A,B,C)"], _isosceles_everywhere()


def _midpoints(rng: random.Random) -> Iterator[Figure]:
    """M, N, K the midpoints of BC, AB, AC; the median AM and the midline NK drawn."""
    for i in range(4):
        vertices = _HERONIAN[i] if i % 2 else _integer_triangle(rng)
        commands = [*_commands(_triangle(rng, vertices)), "t=Polygon(A,B,C)"]
        commands += ["M=Midpoint(B,C)", "N=Midpoint(A,B)", "K=Midpoint(A,C)", "m=Segment(A,M)", "k=Segment(N,K)"]
        relations = [
            Quantity("midpoint", ("M", "B", "C")),
            Quantity("midpoint", ("N", "A", "B")),
            Quantity("midpoint", ("K", "A", "C")),
        ]
        yield commands, relations


def _bisectors(rng: random.Random) -> Iterator[Figure]:
    """D = the foot of the bisector from A, AB and AC of whole lengths (or not)."""
    for i in range(4):
        vertices = _whole_sided_angle(rng) if i < 3 else _integer_triangle(rng)
        commands = [*_commands(_triangle(rng, vertices, shuffle=False)), "t=Polygon(A,B,C)"]
        commands += ["D=Intersect(AngleBisector(B,A,C),Segment(B,C))", "d=Segment(A,D)"]
        yield commands, [Quantity("bisector", ("A", "D", "B", "C"))]


def _feet(rng: random.Random) -> Iterator[Figure]:
    """H = the foot of the altitude from A, inside BC or (the first, obtuse at B) outside it, never at B or C."""
    done = 0
    while done < 4:
        vertices = _integer_triangle(rng) if done % 2 else _whole_sided_angle(rng)
        points = _triangle(rng, [(-2, 3), (0, 0), (5, 0)], shuffle=False) if done == 0 else _triangle(rng, vertices)
        (ax, ay), (bx, by), (cx, cy) = points.values()
        if 0 in ((ax - bx) * (cx - bx) + (ay - by) * (cy - by), (ax - cx) * (bx - cx) + (ay - cy) * (by - cy)):
            continue  # a right angle at B or C: the foot would be that vertex
        done += 1
        commands = [
            *_commands(points),
            "t=Polygon(A,B,C)",
            "H=Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C))",
            "h=Segment(A,H)",
        ]
        yield commands, [Quantity("foot", ("A", "H", "B", "C"))]


def _parallels(rng: random.Random) -> Iterator[Figure]:
    """DE ∥ BC with D on AB and E on AC at a rational ratio (beyond B and C too); half of them with
    the diagonals DC and BE and their crossing P (the other pair of similar triangles)."""
    for i in range(4):
        vertices = _HERONIAN[i + 1] if i % 2 else _integer_triangle(rng)
        points = _triangle(rng, vertices)
        ratio = rng.choice((Rational(1, 3), Rational(1, 2), Rational(2, 3), Rational(3, 4), Rational(2, 5), Rational(3, 2)))
        (ax, ay), (bx, by), (cx, cy) = points.values()
        points["D"] = (ax + ratio * (bx - ax), ay + ratio * (by - ay))
        points["E"] = (ax + ratio * (cx - ax), ay + ratio * (cy - ay))
        commands = [*_commands(points), "t=Polygon(A,B,C)", "s=Segment(D,E)", "u=Segment(A,D)", "v=Segment(A,E)"]
        if i % 2 == 0:
            commands += ["f=Segment(D,C)", "g=Segment(B,E)", "P=Intersect(f,g)"]
        yield commands, [Quantity("parallel", ("D", "E", "B", "C"))]


def _points_on_a_side(rng: random.Random) -> Iterator[Figure]:
    """B, D, E, C along a line, A above D with ∠ADC special, AD and AE drawn."""
    for _ in range(4):
        b, d, e, c = sorted(rng.sample(range(-3, 10), 4))
        k = rng.randint(1, 3)
        x, y = rng.choice(list(_ONE_SPECIAL.values()))
        vertices = [(d + k * x, k * y), (b, 0), (c, 0), (d, 0), (e, 0)]
        points = dict(zip("ABCDE", _place(rng, vertices), strict=True))
        yield [*_commands(points), "t=Polygon(A,B,C)", "s=Segment(A,D)", "r=Segment(A,E)"], []


def _circles(rng: random.Random) -> Iterator[Figure]:
    """Circles about O through lattice points (radius 5, 10 or 15), with a diameter AB, an inscribed
    triangle ABC, chords and radii to C and D, and a tangent PA with OP drawn."""
    fixed = [(3, 4), (5, 0), (-4, 3), (0, -5)]
    for i in range(7):
        scale = rng.choice((1, 1, 2, 3))
        a, c, d = fixed[:3] if i == 0 else rng.sample(_LATTICE, 3)
        if (c[0], c[1]) == (-a[0], -a[1]) or (d[0], d[1]) == (-a[0], -a[1]):
            continue
        k = rng.randint(1, 3)
        vertices = {"O": (0, 0), "A": a, "B": (-a[0], -a[1]), "C": c, "D": d, "P": (a[0] - k * a[1], a[1] + k * a[0])}
        if i == 0:
            vertices["B"] = fixed[3]  # no diameter: (3,4), (5,0), (-4,3), (0,-5)
        placed = _place(rng, [(x * scale, y * scale) for x, y in vertices.values()])
        commands = [*_commands(dict(zip(vertices, placed, strict=True))), "c=Circle(O,A)"]
        commands += ["ab=Segment(A,B)", "ac=Segment(A,C)", "bc=Segment(B,C)", "oc=Segment(O,C)", "od=Segment(O,D)"]
        commands += ["cd=Segment(C,D)", "ad=Segment(A,D)", "pa=Segment(P,A)", "op=Segment(O,P)", "oa=Segment(O,A)"]
        yield commands, [Quantity("tangent", ("P", "A", "O"))]


def _secants(rng: random.Random) -> Iterator[Figure]:
    """A circle of radius 5 about O through lattice points; from P on line BC outside it, the
    tangent PT (T where the circle on diameter OP meets it) and the secant PBC; chords BD and CE,
    drawn as lines, meet at X (inside or outside the circle)."""
    for _ in range(8):
        b, c, d, e = rng.sample(_LATTICE, 4)
        t = rng.choice((2, 3, -1, -2))
        p = (b[0] + t * (c[0] - b[0]), b[1] + t * (c[1] - b[1]))
        points = dict(zip("OBCDEP", _place(rng, [(0, 0), b, c, d, e, p]), strict=True))
        commands = [*_commands(points), "k=Circle(O,B)", "T=Intersect(k,Circle(Midpoint(O,P),O),1)", "pb=Line(P,B)"]
        commands += ["pt=Segment(P,T)", "ot=Segment(O,T)", "bd=Line(B,D)", "ce=Line(C,E)", "X=Intersect(bd,ce)"]
        yield commands, [Quantity("tangent", ("P", "T", "O"))]


def _sectors(rng: random.Random) -> Iterator[Figure]:
    """Sectors OAB of whole radius and a special central angle (a semicircle among them), drawn
    with their chord, and minor arcs cut off by two drawn radii of a circle."""
    for degrees in (30, 45, 60, 90, 120, 135, 150, 180):
        r = rng.randint(1, 6)
        a = rng.choice(_UNIT)
        turn = sympy.rad(degrees)
        b = (a[0] * sympy.cos(turn) - a[1] * sympy.sin(turn), a[0] * sympy.sin(turn) + a[1] * sympy.cos(turn))
        points = dict(zip("OAB", _place(rng, [(0, 0), (r * a[0], r * a[1]), (r * b[0], r * b[1])]), strict=True))
        if rng.random() < 0.5:
            yield [*_commands(points), "k=CircularSector(O,A,B)", "s=Segment(A,B)"], []
        else:
            yield [*_commands(points), "c=Circle(O,A)", "s=Segment(A,B)", "oa=Segment(O,A)", "ob=Segment(O,B)"], []


_FAMILIES = (
    _plain_triangles,
    _right_triangles,
    _isosceles_triangles,
    _midpoints,
    _bisectors,
    _feet,
    _parallels,
    _points_on_a_side,
    _circles,
    _sectors,
    _secants,
)


# The check ----------------------------------------------------------------------------------------


def _scene(commands: Iterable[str], relations: Iterable[Quantity]) -> Scene:
    scene = Scene.from_construction(Construction(tuple(commands), "1"))
    return dataclasses.replace(scene, relations=tuple(relations))


def _check(scene: Scene, names: Iterable[str], checked: Counter[str]) -> None:
    """Every application whose premises are known: each measure with an exact (school) value, each
    relation stated. Its formula on those values must give the conclusion's value from the figure."""
    for name in names:
        for application in THEOREMS[name].applications(scene):
            values: list[sympy.Expr | None] = []
            for premise in application.premises:
                if premise.is_measure:
                    value = scene.value(premise)  # None where it has no number (numeric) or no exact one
                    if value is None or not scene.confirmed(premise):
                        break
                    values.append(value)
                elif premise in scene.relations:
                    values.append(None)
                else:
                    break
            else:
                if not application.conclusion.is_measure:
                    assert _holds(scene, application.conclusion), f"{name}: {application.conclusion} does not hold in the figure"
                    checked[name] += 1
                    continue
                expected = scene.numeric(application.conclusion)
                if expected is None:
                    continue
                assert application.formula is not None, f"{name}: {application.conclusion} has no formula"
                got = sympy.sympify(application.formula(*values))
                assert same(got, expected), (
                    f"{name}: from {dict(zip(application.premises, values, strict=True))} it gives "
                    f"{application.conclusion} = {got}, but the figure {scene.construction.commands} has {expected}"
                )
                checked[name] += 1


def _holds(scene: Scene, relation: Quantity) -> bool:
    """Whether a relation a theorem concludes holds in the figure, measured independently."""
    assert relation.kind == "isosceles", f"no independent check for {relation.kind} relations yet"
    v, b, c = relation.args
    return same(scene.numeric(scene.length(v, b)), scene.numeric(scene.length(v, c)))


@functools.cache
def _counts() -> Counter[str]:
    """How many applications of each theorem of these modules were checked, over every figure."""
    names = [name for module in _MODULES for name in _theorems(module)]
    checked: Counter[str] = Counter()
    for seed, family in enumerate(_FAMILIES):
        for commands, relations in family(random.Random(100 + seed)):
            _check(_scene(commands, relations), names, checked)
    return checked


@pytest.mark.parametrize("module", _MODULES)
def test_theorems_agree_with_the_evaluator(module: str) -> None:
    counts = _counts()
    names = _theorems(module)
    assert names
    report = ", ".join(f"{name}: {counts[name]}" for name in names)
    assert all(counts[name] for name in names), f"some theorems were never checked ({report})"


def test_every_theorem_of_these_modules_is_checked() -> None:
    defined = {name for module in _MODULES for name in _theorems(module)}
    assert set(_counts()) == defined, f"unchecked: {sorted(defined - set(_counts()))}"
    assert sum(_counts().values()) > 1000


# The engine ---------------------------------------------------------------------------------------

_SAS = ("A=(0,0)", "B=(5,0)", "C=(4,4*sqrt(3))", "t=Polygon(A,B,C)")
_SAS_QUESTION = "In triangle ABC, AB = 5, AC = 8 and ∠BAC = 60°."


def test_the_law_of_cosines_derives_the_third_side() -> None:
    scene = Scene.from_construction(Construction(_SAS, "Distance(B,C)"))
    givens = read_givens(_SAS_QUESTION, scene)
    assert set(givens) == {scene.length("A", "B"), scene.length("A", "C"), scene.angle("B", "A", "C")}
    closure = derive(scene, givens)
    bc = scene.length("B", "C")
    assert closure.known[bc].value == 7
    assert closure.known[bc].rule == "law-of-cosines"
    steps = closure.traceback(bc)
    assert [step.rule for step in steps] == ["given"] * 3 + ["law-of-cosines"]
    assert {step.quantity for step in steps[:3]} == set(givens)
    assert closure.knowledge_points(bc) == ["law-of-cosines"]


def test_a_wrong_theorem_is_caught() -> None:
    scene = Scene.from_construction(Construction(_SAS, "Distance(B,C)"))
    givens = read_givens(_SAS_QUESTION, scene)
    ab, ac, bc = scene.length("A", "B"), scene.length("A", "C"), scene.length("B", "C")
    wrong = Theorem("sides-add-up", "", "a wrong theorem", "BC = AB + AC", lambda _: [((ab, ac), bc, lambda x, y: x + y)])
    with pytest.raises(TheoremMismatch, match="sides-add-up"):  # when derived, or at the latest when traced back
        derive(scene, givens, theorems=[wrong]).traceback(bc)
    assert "sides-add-up" not in THEOREMS
    assert derive(scene, givens, theorems=[THEOREMS["law-of-cosines"]]).known[bc].value == 7


def test_a_false_isosceles_statement_matches_nothing() -> None:
    scene = _scene([*_SAS, "M=Midpoint(B,C)"], _isosceles_everywhere())
    isosceles = [name for name in _theorems("triangles") if name.startswith("isosceles")]
    assert not [a for name in isosceles for a in THEOREMS[name].applications(scene)]


def test_arcs_sectors_and_segments_are_derived_from_a_sector() -> None:
    """A sector's arc length, area and segment follow from its radius and central angle, and the
    segment's answer is written as a student writes it."""
    from variantgen.answers import format_answer

    sector = ("O=(0,0)", "A=(6,0)", "B=Rotate(A,120°,O)", "k=CircularSector(O,A,B)", "s=Segment(A,B)")
    scene = Scene.from_construction(Construction(sector, "k"))
    givens = read_givens("The radius of sector OAB is 6 and its central angle is 120°.", scene)
    assert set(givens) == {scene.length("A", "O"), scene.angle("A", "O", "B")}
    closure = derive(scene, givens)
    (arc,) = scene.arcs()
    values = {kind: closure.known[scene.arc_quantity(kind, arc)].value for kind in ("arc", "sector", "segment")}
    assert values == {"arc": 4 * sympy.pi, "sector": 12 * sympy.pi, "segment": 12 * sympy.pi - 9 * sqrt(3)}
    assert format_answer(values["segment"]) == "12*pi - 9*sqrt(3)"
    points = [p for p in closure.knowledge_points(scene.arc_quantity("segment", arc)) if p]
    assert points == ["sector-area", "triangle-area-sine"]

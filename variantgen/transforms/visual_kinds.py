"""The kinds of φ_v: each is one way to make a figure busier, an object with three steps.

- ``fits(problem, construction)``: the options the kind has in this figure (its triangles, its
  undrawn diagonals, its graphs, the givens that can move into it); empty when it does not fit;
- ``plan(problem, options, rng)``: the kind's random parameters, drawn from those options;
- ``build(params)``: the GeoGebra commands it adds and their style hints.

``finish`` is what a kind changes besides adding commands, which for most is nothing:
``rotate-figure`` turns every free point, ``given-to-label`` moves a given out of the text and
into a caption. ``VisualAugment`` (``visual.py``) draws a kind and labels, and checks the result;
the same shape — fits, plan, build — serves the step theorems.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import sympy

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import evaluate_expression, written_point
from variantgen.model import Problem
from variantgen.templating import environment
from variantgen.text.givens import Given, stated_measures, without_given
from variantgen.text.question import is_chinese, split_question
from variantgen.transforms import figure
from variantgen.transforms.base import NotApplicable

#: Commands to add, and style hints (``dashed``, ``filled``, ``captions``, ``grid``, ...).
Built = tuple[list[str], dict[str, Any]]

VISUAL_TEMPLATES = "visual/text.j2"

#: Turns for ``rotate-figure`` and ``radius`` (radians, as GeoGebra reads a plain number): none a
#: multiple of 90°, and each with rational sine and cosine (3-4-5, 5-12-13, 8-15-17 triangles) so
#: the turned coordinates stay as simple as the seed's; a turn by 25° would bury them in cos(5π/36).
ROTATIONS = (
    "atan(3/4)", "atan(4/3)", "atan(5/12)", "atan(12/5)", "atan(8/15)",
    "pi-atan(4/3)", "pi-atan(5/12)", "pi+atan(3/4)", "pi+atan(12/5)", "-atan(4/3)",
)  # fmt: skip
_GRAPH_XS = (-2, -1, 1, 2, 3)  # where graph-point and graph-tangent mark a graph
_FREE_POINT = re.compile(r"^([A-Z]\w*)=(\(.*\))$")
_NUMERIC = re.compile(r"^[\d\s.,+\-*/^()]*$")
_COORDINATE_DEPENDENT = re.compile(r"\b(?:Slope|x|y|Vertex|Root|Extremum|Intersect)\(")
#: Coordinates or an equation in x and y in the text ("A = (1, 2)", "x^2/25 + y^2/9 = 1", "y² = 8x"):
#: a turned figure would no longer be the one the text describes.
_COORDINATES_IN_TEXT = re.compile(r"\(\s*-?\d+(?:\.\d+)?\s*,|\b[xy]\s*(?:\^|²)")
#: A point written out inside a command (a directrix ``Line((-2,0),(-2,1))``): turning the free
#: points would leave it where it is.
_LITERAL_POINT = re.compile(r"\(\s*\(?\s*-?[\d.]+\s*,\s*-?[\d.]+\s*\)")
#: "The diagonals of ABCD are AC = 24." — what is left of "are AC = 24 and BD = 10" without BD.
_PLURAL_WITH_ONE_GIVEN = re.compile(r"\bare\s+[^,.;]*?=\s*[^,.;]+\.")


class VisualKind:
    """One way to make the figure busier. ``points``/``aux``: how many new point letters and
    auxiliary labels it needs; ``on``: what of the figure it builds on (a triangle, a polygon of
    four or more vertices, a circle given by its centre, a function's graph, or the figure as a
    whole); ``restyles``: it re-poses the figure or moves a given into it rather than adding
    something to look at, so it is drawn less often."""

    points: ClassVar[int] = 0
    aux: ClassVar[int] = 1
    on: ClassVar[str] = "figure"
    restyles: ClassVar[bool] = False

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        """The options this kind has in ``construction``; empty when it does not fit."""
        raise NotImplementedError

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        """The kind's random parameters, drawn from ``options``."""
        return {}

    def build(self, params: Mapping[str, Any]) -> Built:
        """The commands that add the element, and their style hints."""
        raise NotImplementedError

    def finish(self, problem: Problem, construction: Construction, params: Mapping[str, Any]) -> Problem:
        """The problem with the extended construction; a kind that changes more overrides this."""
        return problem.replace(construction=construction)


class OnTriangle(VisualKind):
    """A kind drawn on one of the figure's triangles, from a vertex (``side`` is the opposite side)."""

    on = "triangle"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return figure.triangles(construction)

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        triangle = rng.choice(options)
        vertex = rng.choice(triangle.vertices)
        return {
            "triangle": list(triangle.vertices),
            "vertex": vertex,
            "side": [v for v in triangle.vertices if v != vertex],
            "ratio": f"{rng.randint(1, 3)}/{rng.choice([4, 5])}",
        }


class Cevian(OnTriangle):
    """A segment from the vertex to a point ``foot`` defined on the opposite side."""

    points = 1

    def __init__(self, foot: str) -> None:
        self.foot = foot

    def build(self, params: Mapping[str, Any]) -> Built:
        a, b, c = params["vertex"], *params["side"]
        point, segment = params["labels"]
        return [f"{point}={self.foot.format(a=a, b=b, c=c)}", f"{segment}=Segment({a},{point})"], {"dashed": [segment]}


class Midline(OnTriangle):
    points = 2

    def build(self, params: Mapping[str, Any]) -> Built:
        a, (b, c) = params["vertex"], params["side"]
        m, n, segment = params["labels"]
        return [f"{m}=Midpoint({a},{b})", f"{n}=Midpoint({a},{c})", f"{segment}=Segment({m},{n})"], {"dashed": [segment]}


class TriangleCircle(OnTriangle):
    """A circle GeoGebra's ``command`` draws from the triangle (``Circle``: through its vertices)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}={self.command}({','.join(params['triangle'])})"], {"dashed": [label]}


class Distractor(OnTriangle):
    """A solid segment from the vertex to a point at ``ratio`` along the opposite side."""

    points = 1

    def build(self, params: Mapping[str, Any]) -> Built:
        a, (b, c) = params["vertex"], params["side"]
        point, segment = params["labels"]
        return [f"{point}={b}+{params['ratio']}*({c}-{b})", f"{segment}=Segment({a},{point})"], {}


class PerpendicularBisector(OnTriangle):
    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        b, c = params["side"]
        return [f"{label}=PerpendicularBisector({b},{c})"], {"dashed": [label]}


class SideExtension(OnTriangle):
    points = 1

    def build(self, params: Mapping[str, Any]) -> Built:
        b, c = params["side"]
        point, segment = params["labels"]
        return [f"{point}={c}+{params['ratio']}*({c}-{b})", f"{segment}=Segment({c},{point})"], {"dashed": [segment]}


class ShadedRegion(OnTriangle):
    points = 1

    def build(self, params: Mapping[str, Any]) -> Built:
        a, (b, c) = params["vertex"], params["side"]
        point, region = params["labels"]
        return [f"{point}={b}+{params['ratio']}*({c}-{b})", f"{region}=Polygon({a},{b},{point})"], {"filled": [region]}


class Diagonal(VisualKind):
    on = "polygon"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return _undrawn_diagonals(construction)

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return {"ends": list(rng.choice(options))}

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}=Segment({params['ends'][0]},{params['ends'][1]})"], {"dashed": [label]}


class Radius(VisualKind):
    """A radius to a new point of the circle, turned from the rightmost point by a rational angle."""

    points = 1
    on = "circle"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return figure.circles(construction)

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return {"circle": list(rng.choice(options)), "turn": rng.choice(ROTATIONS)}

    def build(self, params: Mapping[str, Any]) -> Built:
        circle, centre = params["circle"]
        point, segment = params["labels"]
        turned = f"{point}=Rotate({centre}+(Radius({circle}),0),{params['turn']},{centre})"
        return [turned, f"{segment}=Segment({centre},{point})"], {"dashed": [segment]}


class OnSolid(VisualKind):
    """A kind drawn on one of the figure's solids (``figure.solids``); ``options`` lists what it
    can draw there."""

    on = "solid"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        if not figure.in_space(construction):
            return ()
        drawn = {
            frozenset(m) for m in re.findall(r"Segment\(\s*([A-Z]\w*)\s*,\s*([A-Z]\w*)\s*\)", " ".join(construction.commands))
        }
        return [option for solid in figure.solids(construction) for option in self.options(solid, drawn, construction)]

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        """What this kind can draw on ``solid`` (``drawn``: the segments the figure has)."""
        raise NotImplementedError

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return dict(rng.choice(options))


class SolidDiagonal(OnSolid):
    """A diagonal of a face (``face-diagonal``) or, through the inside, of a prism on a
    quadrilateral (``space-diagonal``); hidden where the solid hides it."""

    def __init__(self, through: str) -> None:
        self.through = through

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        if self.through == "space":
            base, top = solid.base, solid.top
            pairs = [(base[i], top[(i + 2) % 4]) for i in range(4)] if solid.is_prism and len(base) == 4 else []
        else:
            pairs = [(f[i], f[i + 2]) for f in solid.faces if len(f) == 4 for i in range(2)]
        return [{"ends": list(pair)} for pair in pairs if frozenset(pair) not in drawn]

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}=Segment({params['ends'][0]},{params['ends'][1]})"], {"dashed": [label]}


class SolidHeight(OnSolid):
    """A pyramid's height, from the apex to the foot of the perpendicular on its base's plane (a new
    point; the base's centre when the pyramid is regular), a frustum's from a top corner, or a
    cone's or cylinder's axis where the figure does not draw it."""

    points = 1

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        if solid.shape in ("pyramid", "tetrahedron"):
            return [{"apex": solid.corners[0], "base": list(solid.base)}]
        if solid.shape == "frustum":
            return [{"apex": top, "base": list(solid.base)} for top in solid.top]
        if solid.shape in ("cone", "cylinder") and frozenset(solid.corners) not in drawn:
            return [{"apex": solid.corners[0], "foot": solid.corners[1]}]
        return []

    def build(self, params: Mapping[str, Any]) -> Built:
        point, segment = params["labels"]
        if "foot" in params:
            return [f"{segment}=Segment({params['apex']},{params['foot']})"], {"dashed": [segment]}
        a, b, c = params["base"][:3]  # the foot of the height: the base's centre when the pyramid is regular
        foot = f"{point}=ClosestPoint(Plane({a},{b},{c}),{params['apex']})"
        return [foot, f"{segment}=Segment({params['apex']},{point})"], {"dashed": [segment]}


class DiagonalSection(OnSolid):
    """The rectangle a prism on a quadrilateral (the trapezoid a frustum) is cut in by the plane
    through two opposite lateral edges, shaded."""

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        return [{"corners": list(corners)} for corners in solid.diagonal_sections]

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}=Polygon({','.join(params['corners'])})"], {"filled": [label]}


class AxialSection(OnSolid):
    """A cone's axial section: the triangle through its apex and a diameter of its base (the
    diameter's far end a new point), shaded."""

    points = 1

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        if solid.shape != "cone":
            return []
        apex, centre = solid.corners
        return [{"apex": apex, "centre": centre, "rim": rim} for rim in solid.rim]

    def build(self, params: Mapping[str, Any]) -> Built:
        point, region = params["labels"]
        far = f"{point}=2*{params['centre']}-{params['rim']}"
        return [far, f"{region}=Polygon({params['apex']},{params['rim']},{point})"], {"filled": [region]}


class RoundRadius(OnSolid):
    """A radius of a sphere, or of an upright cylinder's or cone's base, to a new point of it,
    turned from the x direction by an angle with rational sine and cosine."""

    points = 1

    def options(self, solid: figure.Solid, drawn: set[frozenset[str]], construction: Construction) -> list[dict[str, Any]]:
        if solid.shape not in ("sphere", "cylinder", "cone"):
            return []
        shape = cached_evaluate(construction).objects[solid.label]
        if solid.shape != "sphere" and not (shape.top.x == shape.base.x and shape.top.y == shape.base.y):
            return []  # an axis that is not upright: the base's directions are not the plane's
        centre = solid.corners[0] if solid.shape != "cone" else solid.corners[1]
        return [{"solid": solid.label, "centre": centre, "sphere": solid.shape == "sphere", "turn": turn} for turn in _RIM_TURNS]

    def build(self, params: Mapping[str, Any]) -> Built:
        point, segment = params["labels"]
        c, s = params["turn"]
        radius = f"Radius({params['solid']})" if params["sphere"] else f"Radius(Bottom({params['solid']}))"
        return [f"{point}={params['centre']}+{radius}*({c},{s},0)", f"{segment}=Segment({params['centre']},{point})"], {
            "dashed": [segment]
        }


#: Directions (cos, sin) with rational values for ``round-radius``, none along the axes.
_RIM_TURNS = (("3/5", "4/5"), ("-4/5", "3/5"), ("-3/5", "-4/5"), ("4/5", "-3/5"), ("5/13", "12/13"))


class ConicLines(VisualKind):
    """Two lines a textbook draws dashed with a conic: a hyperbola's asymptotes, or an ellipse's or
    hyperbola's directrices. Each is written through two exact points (GeoGebra names the two
    lines of one ``Asymptote`` command in its own order, so the commands cannot name them)."""

    aux = 2
    on = "conic"

    def __init__(self, kinds: tuple[str, ...], lines: Callable[[Any], list[tuple[tuple[Any, Any], tuple[Any, Any]]]]) -> None:
        self.kinds, self.lines = kinds, lines

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return [
            {"conic": label, "lines": [[written_point(*p), written_point(*q)] for p, q in self.lines(k)]}
            for kind in self.kinds
            for label, k in figure.conics(construction, kind)
        ]

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return dict(rng.choice(options))

    def build(self, params: Mapping[str, Any]) -> Built:
        labels = params["labels"]
        return [f"{label}=Line({p},{q})" for label, (p, q) in zip(labels, params["lines"], strict=True)], {"dashed": list(labels)}


def _asymptotes(k: Any) -> list[tuple[tuple[Any, Any], tuple[Any, Any]]]:
    """Through the centre along (a, ±b) in the hyperbola's axes."""
    c, u = k.center, k.axis
    return [((c.x, c.y), (c.x + k.a * u.x - s * k.b * u.y, c.y + k.a * u.y + s * k.b * u.x)) for s in (1, -1)]


def _directrices(k: Any) -> list[tuple[tuple[Any, Any], tuple[Any, Any]]]:
    """Across the axis, a²/c either side of the centre."""
    c, u, at = k.center, k.axis, k.a**2 / k.c
    return [((c.x + s * at * u.x, c.y + s * at * u.y), (c.x + s * at * u.x - u.y, c.y + s * at * u.y + u.x)) for s in (1, -1)]


class Directrix(VisualKind):
    """A parabola's directrix, dashed."""

    on = "conic"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return [label for label, _ in figure.conics(construction, "parabola")]

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return {"conic": rng.choice(options)}

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}=Directrix({params['conic']})"], {"dashed": [label]}


class OnGraph(VisualKind):
    """A kind drawn on a function's graph at a small whole ``x``."""

    on = "graph"

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return figure.functions(construction)

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return {"function": rng.choice(options), "x": rng.choice(_GRAPH_XS)}


class GraphPoint(OnGraph):
    """A point marked on a graph with its dashed drop line to the x-axis."""

    points = 1

    def build(self, params: Mapping[str, Any]) -> Built:
        f, a = params["function"], params["x"]
        point, segment = params["labels"]
        return [f"{point}=({a},{f}({a}))", f"{segment}=Segment({point},({a},0))"], {"dashed": [segment]}


class GraphTangent(OnGraph):
    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        return [f"{label}=Tangent({params['x']},{params['function']})"], {"dashed": [label]}


class Grid(VisualKind):
    """Squares and axes under the figure. Only graphs and coordinate problems get them: under a
    figure whose coordinates the text does not give, they would hand the solver the measures."""

    aux = 0
    restyles = True

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        shows_coordinates = bool(figure.functions(construction) or _COORDINATES_IN_TEXT.search(problem.question))
        return ("grid",) if shows_coordinates and not construction.style.get("grid") else ()

    def build(self, params: Mapping[str, Any]) -> Built:
        return [], {"grid": True, "axes": True}


class GivenToLabel(VisualKind):
    """A stated measure moves out of the text and into the figure, as the caption of its segment
    or angle: the solver must read the diagram."""

    restyles = True

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return _labelable_givens(problem)

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        assert problem.construction is not None
        return {"given": _drawable(rng.choice(options), problem.construction)}

    def build(self, params: Mapping[str, Any]) -> Built:
        (label,) = params["labels"]
        given = params["given"]
        points = given["drawn"]
        command = f"Segment({points[0]},{points[1]})" if given["kind"] == "length" else f"Angle({','.join(points)})"
        return [f"{label}={command}"], {"captions": {label: given["shown"]}}

    def finish(self, problem: Problem, construction: Construction, params: Mapping[str, Any]) -> Problem:
        return problem.replace(question=_moved_to_figure(problem.question, params["given"]), construction=construction)


class RotateFigure(VisualKind):
    """Every free point turned about the origin: a new pose, the same lengths, areas and angles."""

    aux = 0
    restyles = True

    def fits(self, problem: Problem, construction: Construction) -> Sequence[Any]:
        return ROTATIONS if _rotatable(problem, construction) else ()

    def plan(self, problem: Problem, options: Sequence[Any], rng: random.Random) -> dict[str, Any]:
        return {"turn": rng.choice(options)}

    def build(self, params: Mapping[str, Any]) -> Built:
        return [], {}

    def finish(self, problem: Problem, construction: Construction, params: Mapping[str, Any]) -> Problem:
        return problem.replace(construction=_rotated(construction, params["turn"]))


KINDS: dict[str, VisualKind] = {
    "altitude": Cevian("Intersect(PerpendicularLine({a},Line({b},{c})),Line({b},{c}))"),
    "median": Cevian("Midpoint({b},{c})"),
    "angle-bisector": Cevian("Intersect(AngleBisector({b},{a},{c}),Segment({b},{c}))"),
    "midline": Midline(),
    "perpendicular-bisector": PerpendicularBisector(),
    "side-extension": SideExtension(),
    "circumcircle": TriangleCircle("Circle"),  # GeoGebra's circle through three points
    "incircle": TriangleCircle("Incircle"),
    "distractor": Distractor(),
    "shaded-region": ShadedRegion(),
    "diagonal": Diagonal(),
    "radius": Radius(),
    "graph-point": GraphPoint(),
    "graph-tangent": GraphTangent(),
    "grid": Grid(),
    "given-to-label": GivenToLabel(),
    "rotate-figure": RotateFigure(),
    "space-diagonal": SolidDiagonal("space"),
    "face-diagonal": SolidDiagonal("face"),
    "solid-height": SolidHeight(),
    "diagonal-section": DiagonalSection(),
    "axial-section": AxialSection(),
    "round-radius": RoundRadius(),
    "asymptotes": ConicLines(("hyperbola",), _asymptotes),
    "directrices": ConicLines(("ellipse", "hyperbola"), _directrices),
    "directrix": Directrix(),
}


def _undrawn_diagonals(construction: Construction) -> list[tuple[str, str]]:
    """Diagonals of the figure's polygons (four or more vertices) not drawn yet."""
    drawn = {frozenset(m) for m in re.findall(r"Segment\(\s*([A-Z]\w*)\s*,\s*([A-Z]\w*)\s*\)", " ".join(construction.commands))}
    found = []
    for polygon in figure.polygons(construction):
        n = len(polygon.vertices)
        for i in range(n):
            for j in range(i + 2, n - (i == 0)):
                pair = (polygon.vertices[i], polygon.vertices[j])
                if frozenset(pair) not in drawn:
                    found.append(pair)
    return found


def _free_points(construction: Construction) -> list[tuple[int, str, str]]:
    """``(index, label, coordinates)`` of the points given by numbers (``C=(4,4*sqrt(3))``)."""
    found = []
    for index, command in enumerate(construction.commands):
        match = _FREE_POINT.match(command.replace(" ", ""))
        if match and _NUMERIC.match(re.sub(r"sqrt|pi", "", match.group(2))):
            found.append((index, match.group(1), match.group(2)))
    return found


def _rotatable(problem: Problem, construction: Construction) -> bool:
    """A turned figure keeps lengths, areas and oriented angles, but not coordinates: the text
    must not state any, nor may the target or the figure depend on the axes."""
    free = {index for index, _, _ in _free_points(construction)}
    return bool(
        free
        and not figure.in_space(construction)  # a solid keeps the textbook's view
        and not construction.style.get("texts")  # words written beside the figure stay where they are
        and not figure.functions(construction)
        and not construction.style.get("grid")
        and not construction.style.get("axes")
        and not _COORDINATE_DEPENDENT.search(construction.target)
        and not _COORDINATES_IN_TEXT.search(problem.question)
        and not any(_LITERAL_POINT.search(c.partition("=")[2]) for i, c in enumerate(construction.commands) if i not in free)
    )


def _rotated(construction: Construction, turn: str) -> Construction:
    """Every free point turned about the origin: same labels, same objects, a new pose."""
    commands = list(construction.commands)
    for index, label, coordinates in _free_points(construction):
        commands[index] = f"{label}=Rotate({coordinates},{turn},(0,0))"
    return Construction(tuple(commands), construction.target, None, dict(construction.style))


def _labelable_givens(problem: Problem) -> list[Given]:
    """Givens of the text that can move into the figure: stated in a list they can leave, and
    between points the figure has."""
    parts = split_question(problem.question)
    if parts is None or problem.construction is None or is_chinese(problem.question):
        return []  # the sentence saying what the figure marks is English
    names = set(problem.construction.names())
    space = figure.in_space(problem.construction)  # an angle in space is not drawn as a plane one
    return [
        g
        for g in stated_measures(parts.stem)
        if set(g.points) <= names
        and not (space and g.kind != "length")
        and (left := without_given(parts.stem, g.text)) is not None
        and not _PLURAL_WITH_ONE_GIVEN.search(left)
    ]


def _drawable(given: Given, construction: Construction) -> dict[str, Any]:
    """The given as plan parameters, with the point order GeoGebra needs to draw the stated angle
    (``Angle(B,A,C)`` turns counter-clockwise, so the reflex angle is drawn if B→C is clockwise)."""
    drawn = list(given.points)
    if given.kind == "angle":
        try:
            value, _ = evaluate_expression(f"Angle({','.join(drawn)})", cached_evaluate(construction).objects)
        except ConstructionError as exc:
            raise NotApplicable(f"cannot draw {given.text}: {exc.reason}") from None
        if value > sympy.pi:
            drawn.reverse()
    return {"text": given.text, "kind": given.kind, "points": list(given.points), "drawn": drawn, "shown": given.shown}


def _moved_to_figure(question: str, given: Mapping[str, Any]) -> str:
    parts = split_question(question)
    stem = without_given(parts.stem, given["text"]) if parts else None
    if parts is None or stem is None:
        raise NotApplicable(f"the given {given['text']} is no longer stated where it can be moved from")
    name = "".join(given["points"])
    what = f"the length of {name}" if given["kind"] == "length" else f"the measure of ∠{name}"
    marked = str(environment().get_template(VISUAL_TEMPLATES).module.marked_in_figure(what)).strip()  # type: ignore[attr-defined]
    return f"{stem} {marked} {parts.ask}"

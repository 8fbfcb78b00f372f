"""φ_v: add diagram elements that leave the asked quantity unchanged.

Each kind appends GeoGebra commands (and style hints) to the construction; every original object
survives (its label stays, nothing is removed), and the family's final exact check re-evaluates
the target against the unchanged answer. Two kinds go further: ``rotate-figure`` turns every
free point about the origin (a new pose, same measures), and ``given-to-label`` moves one stated
measure out of the text into a caption in the figure, so the solver must read the diagram.
Every other kind leaves the text alone: the figure is what gets harder.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import Point, evaluate_expression
from variantgen.model import Check, Problem
from variantgen.templating import environment, template_hash
from variantgen.text.givens import Given, stated_measures, without_given
from variantgen.text.question import split_question
from variantgen.transforms import figure
from variantgen.transforms.base import Context, NotApplicable, Transform
from variantgen.transforms.registry import register

Builder = Callable[[Mapping[str, Any]], tuple[list[str], dict[str, Any]]]


def _cevian(foot: str) -> Builder:
    """A segment from a triangle's vertex to a point ``foot`` defined on the opposite side."""

    def build(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
        a, b, c = p["vertex"], *p["side"]
        point, segment = p["labels"]
        return [f"{point}={foot.format(a=a, b=b, c=c)}", f"{segment}=Segment({a},{point})"], {"dashed": [segment]}

    return build


def _midline(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    a, (b, c) = p["vertex"], p["side"]
    m, n, segment = p["labels"]
    return [f"{m}=Midpoint({a},{b})", f"{n}=Midpoint({a},{c})", f"{segment}=Segment({m},{n})"], {"dashed": [segment]}


def _circle(command: str) -> Builder:
    def build(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
        (label,) = p["labels"]
        return [f"{label}={command}({','.join(p['triangle'])})"], {"dashed": [label]}

    return build


def _distractor(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    a, (b, c) = p["vertex"], p["side"]
    point, segment = p["labels"]
    ratio = p["ratio"]
    return [f"{point}={b}+{ratio}*({c}-{b})", f"{segment}=Segment({a},{point})"], {}


def _perpendicular_bisector(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    (label,) = p["labels"]
    return [f"{label}=PerpendicularBisector({p['side'][0]},{p['side'][1]})"], {"dashed": [label]}


def _side_extension(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    b, c = p["side"]
    point, segment = p["labels"]
    return [f"{point}={c}+{p['ratio']}*({c}-{b})", f"{segment}=Segment({c},{point})"], {"dashed": [segment]}


def _shaded_region(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    a, (b, c) = p["vertex"], p["side"]
    point, region = p["labels"]
    return [f"{point}={b}+{p['ratio']}*({c}-{b})", f"{region}=Polygon({a},{b},{point})"], {"filled": [region]}


def _diagonal(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    (label,) = p["labels"]
    return [f"{label}=Segment({p['ends'][0]},{p['ends'][1]})"], {"dashed": [label]}


def _graph_point(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """A point marked on a graph with its dashed drop line to the x-axis."""
    f, a = p["function"], p["x"]
    point, segment = p["labels"]
    return [f"{point}=({a},{f}({a}))", f"{segment}=Segment({point},({a},0))"], {"dashed": [segment]}


def _graph_tangent(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    (label,) = p["labels"]
    return [f"{label}=Tangent({p['x']},{p['function']})"], {"dashed": [label]}


def _radius(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """A radius to a new point of the circle, turned from the rightmost point by a rational angle."""
    circle, centre = p["circle"]
    point, segment = p["labels"]
    return [f"{point}=Rotate({centre}+(Radius({circle}),0),{p['turn']},{centre})", f"{segment}=Segment({centre},{point})"], {
        "dashed": [segment]
    }


def _grid(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return [], {"grid": True, "axes": True}


def _given_to_label(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The measure is drawn as the caption of its segment or angle (the text no longer states it)."""
    (label,) = p["labels"]
    given = p["given"]
    points = given["drawn"]
    command = f"Segment({points[0]},{points[1]})" if given["kind"] == "length" else f"Angle({','.join(points)})"
    return [f"{label}={command}"], {"captions": {label: given["shown"]}}


def _rotate_figure(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return [], {}


@dataclass(frozen=True)
class Kind:
    """One way to make the figure busier. ``points``/``aux``: how many new point letters and
    auxiliary labels it needs; ``on``: what of the figure it builds on (a triangle, a polygon of
    four or more vertices, a circle given by its centre, a function's graph, or nothing in particular)."""

    build: Builder
    points: int = 0
    aux: int = 1
    on: str = "triangle"


KINDS: dict[str, Kind] = {
    "altitude": Kind(_cevian("Intersect(PerpendicularLine({a},Line({b},{c})),Line({b},{c}))"), 1),
    "median": Kind(_cevian("Midpoint({b},{c})"), 1),
    "angle-bisector": Kind(_cevian("Intersect(AngleBisector({b},{a},{c}),Segment({b},{c}))"), 1),
    "midline": Kind(_midline, 2),
    "perpendicular-bisector": Kind(_perpendicular_bisector),
    "side-extension": Kind(_side_extension, 1),
    "circumcircle": Kind(_circle("Circle")),  # GeoGebra's circle through three points
    "incircle": Kind(_circle("Incircle")),
    "distractor": Kind(_distractor, 1),
    "shaded-region": Kind(_shaded_region, 1),
    "diagonal": Kind(_diagonal, on="polygon"),
    "radius": Kind(_radius, 1, on="circle"),
    "graph-point": Kind(_graph_point, 1, on="graph"),
    "graph-tangent": Kind(_graph_tangent, on="graph"),
    "grid": Kind(_grid, aux=0, on="figure"),
    "given-to-label": Kind(_given_to_label, on="figure"),
    "rotate-figure": Kind(_rotate_figure, aux=0, on="figure"),
}
_TRIES = 8  # draws of a kind's parameters before it is given up (its new points kept coinciding with old ones)


@register
@dataclass
class VisualAugment(Transform):
    """Add one auxiliary element of a kind drawn from ``kinds`` (default: all that fit)."""

    name = "visual.augment"
    axis = "v"
    version = "3"
    kinds: tuple[str, ...] | None = None

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the seed has no construction to draw on")
        if construction.style.get("grid") and self.kinds == ("grid",):
            raise NotApplicable("the figure already shows a grid")
        kinds = [k for k in (self.kinds or KINDS) if self._fits(k, problem)]
        if not kinds:
            raise NotApplicable(f"no visual kind fits this figure (tried {', '.join(self.kinds or KINDS)})")
        # Kinds that add objects make the figure busier; re-posing it or moving a given into it
        # are drawn less often so that most v corners gain something to look at.
        while kinds:
            kind = rng.choices(kinds, weights=[1 if k in _RESTYLING else 6 for k in kinds])[0]
            spec = KINDS[kind]
            letters = figure.free_letters(figure.VISUAL_LETTERS, construction, problem.question, spec.points)
            if letters is None:
                raise NotApplicable("no free letters left to name new points")
            labels = letters + [f"aux{i + 1}" for i in range(spec.aux)]
            for _ in range(_TRIES):
                params = {"kind": kind, **self._draw(kind, problem, rng), "labels": labels}
                if not _new_points_coincide(construction, KINDS[kind].build(params)[0]):
                    return params | {"template_hash": template_hash(VISUAL_TEMPLATES)}  # for provenance
            kinds.remove(kind)
        raise NotApplicable("every visual kind that fits puts a new point on an existing one")

    @staticmethod
    def _draw(kind: str, problem: Problem, rng: random.Random) -> dict[str, Any]:
        """The random parameters of one kind."""
        construction = problem.construction
        assert construction is not None
        on = KINDS[kind].on
        if on == "triangle":
            triangle = rng.choice(figure.triangles(construction))
            vertex = rng.choice(triangle.vertices)
            return {
                "triangle": list(triangle.vertices),
                "vertex": vertex,
                "side": [v for v in triangle.vertices if v != vertex],
                "ratio": f"{rng.randint(1, 3)}/{rng.choice([4, 5])}",
            }
        if on == "polygon":
            return {"ends": list(rng.choice(_undrawn_diagonals(construction)))}
        if on == "graph":
            return {"function": rng.choice(figure.functions(construction)), "x": rng.choice(_GRAPH_XS)}
        if on == "circle":
            return {"circle": list(rng.choice(figure.circles(construction))), "turn": rng.choice(ROTATIONS)}
        if kind == "given-to-label":
            return {"given": _drawable(rng.choice(_labelable_givens(problem)), construction)}
        if kind == "rotate-figure":
            return {"turn": rng.choice(ROTATIONS)}
        return {}

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the problem has no construction to draw on")
        taken = set(construction.names()) & set(params["labels"])
        if taken:
            raise NotApplicable(f"labels {', '.join(sorted(taken))} are already used in this figure")
        commands, style = KINDS[params["kind"]].build(params)
        extended = construction.extend(*commands, style=_merge_style(construction, style))
        question = problem.question
        if params["kind"] == "rotate-figure":
            extended = _rotated(extended, params["turn"])
        if params["kind"] == "given-to-label":
            question = _moved_to_figure(problem.question, params["given"])
        kept = set(construction.names()) <= set(extended.names())
        check = Check("invariant", kept, f"{params['kind']} added; every original object kept")
        return problem.replace(question=question, construction=extended).checked(check)

    @staticmethod
    def _fits(kind: str, problem: Problem) -> bool:
        if kind not in KINDS:
            raise ValueError(f"unknown visual kind {kind!r}; known: {', '.join(KINDS)}")
        construction = problem.construction
        assert construction is not None
        if kind == "grid":
            # Squares under a figure whose coordinates the text does not give would hand the
            # solver the answer's measures: only graphs and coordinate problems get a grid.
            shows_coordinates = bool(figure.functions(construction) or _COORDINATES_IN_TEXT.search(problem.question))
            return shows_coordinates and not construction.style.get("grid")
        if kind == "given-to-label":
            return bool(_labelable_givens(problem))
        if kind == "rotate-figure":
            return _rotatable(problem)
        if kind == "diagonal":
            return bool(_undrawn_diagonals(construction))
        if kind in ("graph-point", "graph-tangent"):
            return bool(figure.functions(construction))
        if kind == "radius":
            return bool(figure.circles(construction))
        return bool(figure.triangles(construction))


_RESTYLING = frozenset({"grid", "rotate-figure", "given-to-label"})
_GRAPH_XS = (-2, -1, 1, 2, 3)  # where graph-point and graph-tangent mark a graph


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


def _new_points_coincide(construction: Construction, commands: list[str]) -> bool:
    """Whether a point the commands add lands on a point of the figure (labels would overlap and
    the figure would lie about being new); an extension that does not evaluate counts too."""
    try:
        extended = cached_evaluate(construction.extend(*commands)).objects
    except ConstructionError:
        return True
    old = {(obj.x, obj.y) for obj in cached_evaluate(construction).objects.values() if isinstance(obj, Point)}
    new = [obj for name, obj in extended.items() if isinstance(obj, Point) and name not in construction.names()]
    return any(sympy.simplify(p.x - x) == 0 and sympy.simplify(p.y - y) == 0 for p in new for x, y in old)


#: Turns for ``rotate-figure`` (radians, as GeoGebra reads a plain number): none a multiple of
#: 90°, and each with rational sine and cosine (3-4-5, 5-12-13, 8-15-17 triangles) so the turned
#: coordinates stay as simple as the seed's; a turn by 25° would bury them in cos(5π/36).
ROTATIONS = (
    "atan(3/4)", "atan(4/3)", "atan(5/12)", "atan(12/5)", "atan(8/15)",
    "pi-atan(4/3)", "pi-atan(5/12)", "pi+atan(3/4)", "pi+atan(12/5)", "-atan(4/3)",
)  # fmt: skip
_FREE_POINT = re.compile(r"^([A-Z]\w*)=(\(.*\))$")
_NUMERIC = re.compile(r"^[\d\s.,+\-*/^()]*$")
_COORDINATE_DEPENDENT = re.compile(r"\b(?:Slope|x|y|Vertex|Root|Extremum|Intersect)\(")
_COORDINATES_IN_TEXT = re.compile(r"\(\s*-?\d+(?:\.\d+)?\s*,")
#: "The diagonals of ABCD are AC = 24." — what is left of "are AC = 24 and BD = 10" without BD.
_PLURAL_WITH_ONE_GIVEN = re.compile(r"\bare\s+[^,.;]*?=\s*[^,.;]+\.")


def _free_points(construction: Construction) -> list[tuple[int, str, str]]:
    """``(index, label, coordinates)`` of the points given by numbers (``C=(4,4*sqrt(3))``)."""
    found = []
    for index, command in enumerate(construction.commands):
        match = _FREE_POINT.match(command.replace(" ", ""))
        if match and _NUMERIC.match(re.sub(r"sqrt|pi", "", match.group(2))):
            found.append((index, match.group(1), match.group(2)))
    return found


def _rotatable(problem: Problem) -> bool:
    """A turned figure keeps lengths, areas and oriented angles, but not coordinates: the text
    must not state any, nor may the target or the figure depend on the axes."""
    construction = problem.construction
    assert construction is not None
    return bool(
        _free_points(construction)
        and not figure.functions(construction)
        and not construction.style.get("grid")
        and not construction.style.get("axes")
        and not _COORDINATE_DEPENDENT.search(construction.target)
        and not _COORDINATES_IN_TEXT.search(problem.question)
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
    if parts is None or problem.construction is None:
        return []
    names = set(problem.construction.names())
    return [
        g
        for g in stated_measures(parts.stem)
        if set(g.points) <= names
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


VISUAL_TEMPLATES = "visual/text.j2"


def _macro(name: str, *args: str) -> str:
    return str(getattr(environment().get_template(VISUAL_TEMPLATES).module, name)(*args)).strip()


def _moved_to_figure(question: str, given: Mapping[str, Any]) -> str:
    parts = split_question(question)
    stem = without_given(parts.stem, given["text"]) if parts else None
    if parts is None or stem is None:
        raise NotApplicable(f"the given {given['text']} is no longer stated where it can be moved from")
    name = "".join(given["points"])
    what = f"the length of {name}" if given["kind"] == "length" else f"the measure of ∠{name}"
    return f"{stem} {_macro('marked_in_figure', what)} {parts.ask}"


def _merge_style(construction: Construction, added: dict[str, Any]) -> dict[str, Any]:
    """Style hints merge: lists (hidden, dashed) are concatenated, maps (captions) updated, flags set."""
    merged = dict(construction.style)
    for key, value in added.items():
        if isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        elif isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged

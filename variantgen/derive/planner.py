"""φ_s by derivation: a harder question about the same figure, through the seed's answer.

The planner reads the givens of the seed's question, runs the engine on the figure (alone, with
one auxiliary object at a time, and with a second object drawn from the best one's point), and
chooses a target whose cheapest derivation

- passes through the seed's target as an intermediate conclusion,
- adds knowledge points the seed does not use (as many as the figure allows),
- ends in a school answer that differs from the seed's and from every given,
- names only objects the question defines (each auxiliary object in one sentence).

The plan is plain data (the target, the auxiliary object, the derivation as solution steps), so
applying it in the four step corners and replaying it from provenance need no search.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
import re
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.answers import format_answer
from variantgen.construction import Construction
from variantgen.construction.evaluator import Function, X, has_trig
from variantgen.derive.auxiliary import Auxiliary, drawing_for, follow_ups, options
from variantgen.derive.engine import Closure, Step, derive
from variantgen.derive.givens import read_givens, relations_of
from variantgen.derive.quantity import MEASURES, Quantity
from variantgen.derive.scene import Scene, same, scene_of
from variantgen.derive.school import is_school_value
from variantgen.derive.theorem import THEOREMS
from variantgen.transforms import figure

#: What a step question may ask for: every measure (relations and a stated definition are not answers).
ASKABLE = MEASURES
#: What a question about a solid does not ask: a circle through three points of space is no
#: school object.
_PLANE_ONLY = frozenset({"circumradius", "inradius"})
_CONIC_KINDS = {
    "SemiMajorAxisLength": "semi-major",
    "SemiMinorAxisLength": "semi-minor",
    "LinearEccentricity": "linear-eccentricity",
    "Eccentricity": "eccentricity",
    "Parameter": "parameter",
}
#: Auxiliary objects tried per seed besides the bare figure (each costs one run of the engine).
AUXILIARY_TRIES = 2
#: Auxiliary objects tried at most, where the first ones give no question with two new knowledge points.
MORE_AUXILIARY_TRIES = 6
#: Objects tried that are drawn from the best auxiliary object's point (each one more engine run).
FOLLOW_UP_TRIES = 2
#: New knowledge points past which a seed's question is rich enough not to try a second object.
RICH = 5
#: How far below the best score a candidate may be and still be chosen (for variety).
_SCORE_MARGIN = 1.0
#: The width b − a of an interval as an expression writes it: ``5``, ``(2-(-1))``.
_WIDTH = r"(?:[^()]+|\((?:[^()]|\([^()]*\))*\))"


class NoStep(Exception):
    """No step target fits this seed; the reason says why."""


@dataclass(frozen=True)
class Candidate:
    target: Quantity
    closure: Closure
    auxiliary: Auxiliary | None
    new_points: tuple[str, ...]
    rounded: bool = False  # no school value: asked rounded, as the seed's answer was


def plan(
    construction: Construction,
    stem: str,
    seed_points: tuple[str, ...],
    seed_answer: str,
    rng: random.Random,
    decimals: int | None = None,
) -> dict[str, Any]:
    """The step decision for a seed: its target, auxiliary object and derivation, as plain data.
    ``decimals``: the seed's answer is rounded to so many places; the derivation then goes on
    through values that are no school values, and a new answer may be one, asked rounded."""
    rounded = decimals is not None
    base = scene_of(construction)
    base.rounded = rounded
    givens = read_givens(stem, base)
    seed_target = target_quantity(construction, base)
    if seed_target is None:
        raise NoStep(f"the target {construction.target} is not a quantity the derivation engine knows")
    tries: list[Auxiliary | None] = [None]
    extra = list(options(dataclasses.replace(base, relations=relations_of(givens)), construction, stem))
    rng.shuffle(extra)
    # Objects drawn at the seed's target first: "the foot of the altitude from A" serves a seed about A and BC.
    names = set(seed_target.names)
    extra.sort(
        key=lambda a: (
            not _drawn_at(a, seed_target),
            seed_target.kind == "distance-to-line" and a.kind != "altitude",  # that distance ends at the foot
            # an extended side serves an angle at the vertex it is extended beyond
            a.kind == "extension" and not (seed_target.kind == "angle" and seed_target.args[1] == a.touches[0]),
            a.kind == "diagonal-section",  # a section after the lines in a solid, which lead further
            -len(set(a.touches) & names),
            a.touches[:1] != () and a.touches[0] not in names,
        )
    )
    tries += extra[:MORE_AUXILIARY_TRIES]
    candidates: list[Candidate] = []
    bare: Closure | None = None
    best: tuple[float, Auxiliary, Closure] | None = None  # the auxiliary object with the best question
    for tried, auxiliary in enumerate(tries):
        if tried > AUXILIARY_TRIES and any(len(c.new_points) >= 2 for c in candidates):
            break  # more objects only where the first ones gave no question with two new points
        closure = _closure(construction, givens, seed_target, seed_points, auxiliary, bare, rounded)
        if closure is None:
            continue
        bare = bare or closure
        found = _candidates(closure, seed_target, seed_points, seed_answer, auxiliary, rounded)
        candidates += found
        score = max((_score(c, base, seed_target.kind) for c in found), default=None)
        if auxiliary is not None and score is not None and (best is None or score > best[0]):
            best = (score, auxiliary, closure)
    if best is not None and max(len(c.new_points) for c in candidates) < RICH:
        # A second object drawn from the best one's point: a question one theorem further on.
        _, first, closure = best
        seconds = list(follow_ups(closure.scene, closure.scene.construction, stem, first))
        rng.shuffle(seconds)
        for second in seconds[:FOLLOW_UP_TRIES]:
            pair = first.then(second)
            closure = _closure(construction, givens, seed_target, seed_points, pair, bare, rounded)
            if closure is not None:
                candidates += _candidates(closure, seed_target, seed_points, seed_answer, pair, rounded)
    if not candidates:
        raise NoStep(f"no quantity of this figure is derived through {seed_target} with a new knowledge point")
    scored = sorted(((_score(c, base, seed_target.kind), c) for c in candidates), key=lambda sc: (-sc[0], sc[1].target))
    top = scored[0][0]
    # Variety among equally good questions only: a question one score point short is as good, one
    # with two knowledge points fewer is not.
    near = [c for score, c in scored[:3] if score >= top - _SCORE_MARGIN]
    first = rng.choice(near)
    for candidate in [first, *(c for _, c in scored if c is not first)]:
        if _confirmed(candidate):
            return _as_params(candidate, seed_points)
    raise NoStep(f"no derivation through {seed_target} holds to 24 digits")


def _drawn_at(auxiliary: Auxiliary, target: Quantity) -> bool:
    """Whether the object is drawn from the seed's target: from the vertex of an angle the seed
    asks (the bisector of ∠ACB, the altitude from C), or on the very points it names."""
    if target.kind == "angle" and len(target.args) == 3:
        return auxiliary.touches[:1] == target.args[1:2] and set(auxiliary.touches) == set(target.args)
    return auxiliary.touches == target.args


def _confirmed(candidate: Candidate) -> bool:
    """Whether every value the solution states holds to 24 digits (the engine read them in doubles)."""
    scene = candidate.closure.scene
    steps = candidate.closure.traceback(candidate.target, check=False)
    return all(scene.confirmed(step.quantity) for step in steps if step.quantity.is_measure)


def _score(candidate: Candidate, base: Scene, seed_kind: str) -> float:
    """What a teacher would rather ask: more new knowledge points (up to five: beyond that a
    question is long, not better), a length, angle or area rather than a trigonometric ratio,
    the main triangle's circles rather than a small one's, and a short answer."""
    target = candidate.target
    score = 2.0 * min(len(candidate.new_points), 5)
    if target.kind in ("sin", "cos", "tan") and seed_kind not in ("sin", "cos", "tan"):
        score -= 4
    if target.kind == "distance-to-line" and seed_kind != "distance-to-line":
        score -= 3  # "the distance from B to the line CD" is usually a segment better named BD
    if target.kind in ("circumradius", "inradius") and target.args not in {tuple(sorted(p)) for p in base.polygons}:
        score -= 3
    if base.in_space:  # of a solid, a teacher asks its volume or surface, a section's area, or a length in it
        score += {"volume": 3, "surface-area": 3, "lateral-area": 2, "circle-area": 2, "length": 2, "perimeter": -3}.get(
            target.kind, 0
        )
    value = candidate.closure.known[target].value
    if candidate.rounded:
        return score - 2  # a school answer is the better question, where there is one
    return score - sympy.count_ops(value) / 3 - max(0, _digits(value) - 3) / 2 if value is not None else score


def _closure(
    construction: Construction,
    givens: dict[Quantity, str],
    seed_target: Quantity,
    seed_points: tuple[str, ...],
    auxiliary: Auxiliary | None,
    bare: Closure | None,
    rounded: bool = False,
) -> Closure | None:
    """The engine's closure on the figure, with ``auxiliary`` added when given. What the bare
    figure's closure derived holds in the larger figure too (its points are unchanged), so the
    larger one starts from it and only adds what the new object makes derivable."""
    if auxiliary is None:
        scene = scene_of(construction)
        scene.rounded = rounded
        known = dict(givens)
    else:
        scene = scene_of(construction.extend(*auxiliary.commands))
        scene.rounded = rounded
        if not all(label in scene.points for label in auxiliary.labels):
            return None
        base = scene_of(construction)
        if any(_tangled(point) for name, point in scene.points.items() if name not in base.points):
            return None  # the exact evaluator would spend minutes simplifying every answer about it
        scene.share_values(base)
        known = {**givens, **{q: auxiliary.sentence for q in auxiliary.relations}}
    scene = dataclasses.replace(scene, relations=relations_of(known))
    return derive(scene, known, seed=(seed_target, seed_points), start=bare.known if bare else None)


#: The most operations a new point's exact coordinates may take: a foot of 240/49 or 2√3 is fine,
#: √6/(−√3 − √2) − √3/(−√3 − √2) + √3 (a bisector in a 45°-60°-75° triangle) is not.
_MAX_COORDINATE_OPS = 12


def _tangled(point: Any) -> bool:
    if has_trig(point.x) or has_trig(point.y):  # read numerically, never simplified
        return False
    return sympy.count_ops(point.x) + sympy.count_ops(point.y) > _MAX_COORDINATE_OPS


def _candidates(
    closure: Closure,
    seed_target: Quantity,
    seed_points: tuple[str, ...],
    seed_answer: str,
    auxiliary: Auxiliary | None,
    rounded: bool = False,
) -> list[Candidate]:
    seed_value = closure.known[seed_target].value
    # What the question states (the seed's givens and the auxiliary sentence's) is no answer.
    given_values = [step.value for step in closure.known.values() if step.rule == "given" and step.quantity.is_measure]
    unnamed = closure.scene.unnamed
    found = []
    for quantity, step in closure.known.items():
        if quantity.kind not in ASKABLE or step.rule in ("given", "seed") or seed_target not in step.support:
            continue
        if closure.scene.in_space and quantity.kind in _PLANE_ONLY:
            continue
        if unnamed & set(quantity.names):
            continue
        if auxiliary is not None and not _uses(quantity, auxiliary):
            continue  # the bare figure asks this already; the auxiliary sentence would be idle
        pair = auxiliary.relations if auxiliary is not None and "+" in auxiliary.kind else ()
        if any(relation not in step.support for relation in pair):
            # the second object only renames what the first one drew (∠DCE for ∠ACD), or the
            # question needs the second alone and the first stands idle in it
            continue
        value = step.value
        decimal = isinstance(value, sympy.Float)  # no school value (a rounded seed's figure)
        if decimal and not (rounded and _roundable(quantity, value)):
            continue
        if not decimal and not askable_answer(quantity, value, closure):
            continue
        if any(same(value, v) for v in (seed_value, *given_values) if v is not None):
            continue  # a value the question already states or the seed already asked
        if format_answer(value, quantity.answer_kind) == seed_answer:
            continue
        new = tuple(p for p in closure.knowledge_points(quantity) if p and p not in seed_points)
        if new:
            found.append(Candidate(quantity, closure, auxiliary, new, decimal))
    return found


def _roundable(quantity: Quantity, value: sympy.Float) -> bool:
    """A length, angle or area a rounded answer may state: not zero, not a right angle, no ratio
    (a trigonometric ratio asked rounded is a calculator exercise, not a step)."""
    if quantity.kind in ("sin", "cos", "tan") or abs(value) < 1e-9:
        return False
    return not (quantity.kind == "angle" and same(value, sympy.pi / 2))


#: The largest radicand of a final answer: 5√3 is a school answer, √754/10 is not.
_MAX_RADICAND = 200


def askable_answer(quantity: Quantity, value: sympy.Expr | None, closure: Closure) -> bool:
    """A final answer a teacher would set: no sum of unlike terms (but a segment's 6π − 9√3, a sector
    less a triangle), no zero, no small-step trivia (a right angle, or the sine of one), no large radicand."""
    if value is None or value == 0 or not _school(value, quantity.answer_kind):
        return False
    if isinstance(value, sympy.Add) and quantity.kind != "segment":
        return False
    if quantity.kind == "angle" and value == sympy.pi / 2:
        return False
    if quantity.kind == "distance-to-line" and _foot_is_named(closure.scene, quantity):
        return False  # the distance is a segment of the figure: ask for that segment by its name
    if quantity.kind in ("sin", "cos", "tan"):
        angle = closure.scene.value(Quantity("angle", quantity.args))
        if angle is not None and angle == sympy.pi / 2:
            return False
    return _digits(value) <= _MAX_DIGITS and all(
        not (isinstance(p, sympy.Pow) and p.exp == sympy.Rational(1, 2) and p.base > _MAX_RADICAND)
        for p in sympy.preorder_traversal(value)
    )


#: The most digits a final answer's numbers may have together: 60/13, 7√3/2 and 125/8 are
#: answers a student writes; 465√3/49 and 9390/169 are what a figure cut at random gives.
_MAX_DIGITS = 5


def _digits(value: sympy.Expr) -> int:
    """The digits of the numbers an answer is written with, a square root counting one more
    (465√3/49: 3 + 1 + 2, and 1 for the root)."""
    numbers = [abs(n) for n in sympy.preorder_traversal(value) if isinstance(n, sympy.Rational)]
    return sum(len(str(part)) for n in numbers for part in ((n.p,) if n.q == 1 else (n.p, n.q)) if part != 1)


def _uses(quantity: Quantity, auxiliary: Auxiliary) -> bool:
    """Whether a question about ``quantity`` needs the auxiliary object: it names the new point,
    or, for a drawn segment (a diagonal), the segment is a side, a ray or the line it is about; a
    frustum's perpendicular from a top point serves a question on the lateral edge (slant line) it
    stands by, and on a cone's frustum's side, which that slant line gives."""
    if auxiliary.kind in ("frustum-foot", "cone-frustum-foot"):  # the slant line, and what a cone's frustum's side needs of it
        return set(auxiliary.touches[:2]) <= set(quantity.names) or (
            auxiliary.kind == "cone-frustum-foot" and quantity.kind in ("lateral-area", "surface-area")
        )
    if auxiliary.kind != "diagonal":
        return set(auxiliary.labels) <= set(quantity.names)
    a, c = auxiliary.labels
    args = quantity.args
    if quantity.kind in ("length", "area", "perimeter", "circumradius", "inradius") and len(args) <= 3:
        return {a, c} <= set(args)
    if quantity.kind in ("angle", "sin", "cos", "tan"):
        return args[1] in (a, c) and {a, c} <= set(args)
    if quantity.kind == "distance-to-line":
        return set(args[1:]) == {a, c}
    return False


def _foot_is_named(scene: Scene, quantity: Quantity) -> bool:
    at, _ = scene.foot(*quantity.args)
    return any(sum(abs(u - w) for u, w in zip(at, p, strict=True)) < 1e-12 for p in scene.approx.values())


@functools.lru_cache(maxsize=4096)
def _school(value: sympy.Expr, kind: str) -> bool:
    return is_school_value(value, kind)


_SHAPES = ("square", "rectangle", "rhombus", "parallelogram", "trapezoid")


def asked(quantity: Quantity, scene: Scene) -> str:
    """How a question asks for the quantity: "the area of rectangle ABCD" (the word the question
    uses for the polygon), "the minimum value of f(x)" (a parabola opening upwards), "the area of
    the circle with centre Q" (where the figure has more than one)."""
    label, centre = quantity.args[:2] if quantity.kind in _OF_A_CIRCLE else ("", "")
    if centre and centre != label and len(scene.circles) > 1:
        return quantity.phrase().replace("the circle", f"the circle with centre {centre}")
    if quantity.kind == "extremum" and isinstance(graph := scene.objects.get(quantity.args[0]), Function):
        expr = graph.expr
        if expr.is_polynomial(X) and sympy.degree(expr, X) == 2:
            lowest = sympy.Poly(expr, X).LC() > 0
            return f"the {'minimum' if lowest else 'maximum'} value of {quantity.args[0]}(x)"
    return quantity.phrase(shape_word(quantity, scene))


_OF_A_CIRCLE = ("radius", "diameter", "circumference", "circle-area")


def shape_word(quantity: Quantity, scene: Scene) -> str:
    """The word the question uses for the polygon an area or perimeter is of ("rectangle")."""
    return next(
        (r.kind for r in scene.relations if r.kind in _SHAPES and set(r.args) == set(quantity.args)),
        "",
    )


def _as_params(chosen: Candidate, seed_points: tuple[str, ...]) -> dict[str, Any]:
    steps = chosen.closure.traceback(chosen.target)
    drawn, dashed = drawing_for(chosen.target, chosen.closure.scene.construction)
    return {
        "target": [chosen.target.kind, *chosen.target.args],
        "expression": chosen.target.expression(),
        "auxiliary": chosen.auxiliary.to_dict() if chosen.auxiliary else None,
        "drawn": list(drawn),
        "dashed": list(dashed),
        "ask": f"Find {asked(chosen.target, chosen.closure.scene)}.",
        "solution": [_solution_step(step, chosen.closure) for step in steps if step.rule != "given"],
        "knowledge_points": list(chosen.new_points),
        "depth": chosen.closure.known[chosen.target].depth,
        "rounded": chosen.rounded,
        # a decimal answer's value to 30 digits: the exact evaluator must agree before it is rounded
        "value": str(chosen.closure.known[chosen.target].value) if chosen.rounded else None,
    }


def _shown(value: sympy.Expr, kind: str) -> str:
    """A value as a solution writes it: exact, or for a decimal (no school value) four places
    with "≈": ``≈ 5.7358``, ``≈ 55.0000°`` would be ``55°``."""
    if not isinstance(value, sympy.Float):
        return format_answer(value, kind)
    number = float(value) * 180 / math.pi if kind == "angle" else float(value)
    shown = f"{number:.4f}".rstrip("0").rstrip(".")
    return f"≈ {shown}°" if kind == "angle" else f"≈ {shown}"


def _equals(named: str, value: str) -> str:
    return f"{named} {value}" if value.startswith("≈") else f"{named} = {value}"


def _solution_step(step: Step, closure: Closure) -> dict[str, Any]:
    """A line a student would write: the conclusion, its value, the theorem and what it used."""
    quantity, scene = step.quantity, closure.scene
    value = _shown(step.value, quantity.answer_kind) if step.value is not None else None
    named = quantity.symbol(shape_word(quantity, scene))
    conclusion = _equals(named, value) if value is not None else named
    used = [
        _equals(p.symbol(shape_word(p, scene)), _shown(closure.known[p].value, p.answer_kind)) if p.is_measure else p.symbol()
        for p in step.premises
    ]
    if step.rule == "seed":
        text = f"{conclusion} (as in the original question)"
    elif _renames(step, closure):
        # ∠EAD = ∠BAD = 30°: a student writes the other name of the same angle, not a theorem.
        text = _equals(f"{named} = {step.premises[0].symbol(shape_word(step.premises[0], scene))}", value or "")
    else:
        theorem = THEOREMS[step.rule]
        text = f"{conclusion}, by {theorem.title} ({theorem.statement})" + (f", from {_join(used)}" if used else "")
    return {
        "text": f"{text} [{quantity.expression() if quantity.is_measure else quantity.kind}]",
        "knowledge_point": (step.knowledge_points or (None,))[0],
        "value": value,
    }


def _renames(step: Step, closure: Closure) -> bool:
    """Whether the step only names a known quantity anew (one angle, two names)."""
    if len(step.premises) != 1 or THEOREMS[step.rule].knowledge_point:
        return False
    (premise,) = step.premises
    return premise.kind == step.quantity.kind and closure.known[premise].value == step.value


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def target_quantity(construction: Construction, scene: Scene) -> Quantity | None:
    """The quantity a construction's target asks for, in the engine's canonical form."""
    text = construction.target.replace(" ", "")
    polygons = {polygon.label: polygon.vertices for polygon in figure.polygons(construction)}
    circles = {c.label: c for c in scene.circles}
    patterns: list[tuple[str, Any]] = [
        (r"^(?:Distance|Length\(Segment)\(([A-Z]\w*),([A-Z]\w*)\)\)?$", lambda a, b: scene.length(a, b)),
        (r"^Angle\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)$", lambda a, b, c: scene.angle(a, b, c)),
        (r"^(sin|cos|tan)\(Angle\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)\)$", lambda k, a, b, c: scene.angle(a, b, c, k)),
        (r"^Distance\(([A-Z]\w*),Line\(([A-Z]\w*),([A-Z]\w*)\)\)$", lambda p, a, b: scene.distance_to_line(p, a, b)),
        (r"^Area\(([A-Z][\w,]*)\)$", lambda names: scene.area(*names.split(","))),
        (r"^Perimeter\(Polygon\(([A-Z][\w,]*)\)\)$", lambda names: scene.perimeter(*names.split(","))),
        (r"^(Area|Perimeter)\(([a-z]\w*)\)$", lambda kind, label: _labelled(scene, kind, label, polygons, circles)),
        (r"^Radius\(([a-z]\w*)\)$", lambda label: scene.circle_quantity("radius", circles[label]) if label in circles else None),
        (r"^x\(Root\(([a-z]\w*)\)\)$", lambda f: Quantity("root", (f,))),
        (r"^x\(Root\(([a-z]\w*),(-?[\d.]+),(-?[\d.]+)\)\)$", lambda f, lo, hi: Quantity("root", (f, lo, hi))),
        (r"^y\(Extremum\(([a-z]\w*)\)\)$", lambda f: Quantity("extremum", (f,))),
        (r"^Integral\(([a-z]\w*),([^,]+),([^,]+)\)$", lambda f, lo, hi: Quantity("integral", (f, lo, hi))),
        (r"^([a-z]\w*)\(([^()]+|pi/\d+)\)$", lambda f, x: Quantity("value", (f, x)) if f in scene.functions else None),
        (r"^([xy])\(([A-Z]\w*)\)$", lambda k, p: Quantity(k, (p,))),
        (r"^Slope\(Line\(([A-Z]\w*),([A-Z]\w*)\)\)$", lambda a, b: Quantity("slope", tuple(sorted((a, b))))),
        (r"^Slope\(([a-z]\w*)\)$", lambda label: _slope_of(label, construction)),
        # What a step variant asks of graphs and lines (so that one can seed another).
        (r"^Area\(\(0,0\),Root\(([a-z]\w*)\),\(0,\1\(0\)\)\)$", lambda f: Quantity("axes-triangle-area", (f,))),
        (
            r"^Area\(Root\(([a-z]\w*)\),Root\(([a-z]\w*)\),([A-Z]\w*)\)$",
            lambda f, g, p: Quantity("lines-triangle-area", (*sorted((f, g)), p)),
        ),
        (
            rf"^\(([a-z]\w*)\(([^()]+)\)-\1\(([^()]+)\)\)/{_WIDTH}$",
            lambda f, hi, lo: Quantity("average-rate", (f, lo, hi)),
        ),
        (
            rf"^abs\({_WIDTH}\*\(([a-z]\w*)\(([^()]+)\)\+\1\(([^()]+)\)\)/2-Integral\(\1,\2,\3\)\)$",
            lambda f, lo, hi: Quantity("chord-region", (f, lo, hi)),
        ),
        (r"^y\(Intersect\(Line\(([A-Z]\w*),([A-Z]\w*)\),yAxis\)\)$", lambda a, b: Quantity("intercept", tuple(sorted((a, b))))),
        # Arcs and sectors, written out or by the label of one the figure draws.
        (r"^Length\(CircularArc\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)\)$", lambda o, a, b: _arc(scene, "arc", (o, a, b))),
        (r"^Area\(CircularSector\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)\)$", lambda o, a, b: _arc(scene, "sector", (o, a, b))),
        (
            r"^Area\(CircularSector\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)\)-Area\(\1,\2,\3\)$",
            lambda o, a, b: _arc(scene, "segment", (o, a, b)),
        ),
        (r"^(?:Length|Area)?\(?([a-z]\w*)\)?$", lambda label: _arc(scene, None, label)),
        (r"^Distance\(([A-Z]\w*),Directrix\(([a-z]\w*)\)\)$", lambda p, label: Quantity("directrix-distance", (p, label))),
        (r"^Distance\(([A-Z]\w*),Asymptote\(([a-z]\w*)\)\)$", lambda p, label: Quantity("asymptote-distance", (p, label))),
        (r"^2\*Distance\(Center\(([a-z]\w*)\),Directrix\(\1\)\)$", lambda label: Quantity("directrices-distance", (label,))),
        (
            r"^Distance\(([A-Z]\w*),PerpendicularLine\(Center\(([a-z]\w*)\)\+\(([A-Z]\w*)-Center\(\2\)\)\*"
            r"SemiMajorAxisLength\(\2\)\^2/LinearEccentricity\(\2\)\^2,Line\(Center\(\2\),\3\)\)\)$",
            lambda p, label, focus: Quantity("focal-directrix-distance", (p, label, focus)),
        ),
        (
            r"^(?:(sin|cos|tan)\()?Angle\(Line\(([A-Z]\w*),([A-Z]\w*)\),Plane\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\)\)\)?$",
            lambda ratio, *names: Quantity(f"line-plane-{ratio}" if ratio else "line-plane-angle", names),
        ),
        (
            r"^(?:(sin|cos|tan)\()?Angle\(Vector\(ClosestPoint\(Line\(([A-Z]\w*),([A-Z]\w*)\),([A-Z]\w*)\),\4\),"
            r"Vector\(ClosestPoint\(Line\(\2,\3\),([A-Z]\w*)\),\5\)\)\)?$",
            lambda ratio, *names: Quantity(f"dihedral-{ratio}" if ratio else "dihedral-angle", names),
        ),
        (
            r"^(SemiMajorAxisLength|SemiMinorAxisLength|LinearEccentricity|Eccentricity|Parameter)\(([a-z]\w*)\)$",
            lambda command, label: Quantity(_CONIC_KINDS[command], (label,)),
        ),
    ]
    for pattern, make in patterns:
        if m := re.match(pattern, text):
            quantity = make(*m.groups())
            if quantity is not None and scene.numeric(quantity) is not None:
                return quantity
    for solid in scene.solids():  # a solid's volume, surface area or lateral area, as its quantity writes it
        for kind in ("volume", "surface-area", "lateral-area"):
            quantity = scene.solid_quantity(kind, solid)
            if quantity.expression() == text:
                return quantity
    return None


def _slope_of(label: str, construction: Construction) -> Quantity | None:
    for command in construction.commands:
        if m := re.match(rf"^{label}=Line\(([A-Z]\w*),([A-Z]\w*)\)$", command.replace(" ", "")):
            return Quantity("slope", tuple(sorted(m.groups())))
    return None


def _arc(scene: Scene, kind: str | None, which: tuple[str, ...] | str) -> Quantity | None:
    """The arc, sector or segment quantity of an arc of the scene, by its points or, with ``kind``
    None, by the label of a drawn arc (its length) or sector (its area)."""
    for arc in scene.arcs():
        if arc.args == which:
            return scene.arc_quantity(kind or "arc", arc)
        if arc.label == which:
            return scene.arc_quantity("sector" if arc.sector else "arc", arc)
    return None


def _labelled(
    scene: Scene, kind: str, label: str, polygons: dict[str, tuple[str, ...]], circles: dict[str, Any]
) -> Quantity | None:
    if label in polygons:
        return (scene.area if kind == "Area" else scene.perimeter)(*polygons[label])
    if label in circles:
        return scene.circle_quantity("circle-area" if kind == "Area" else "circumference", circles[label])
    return None

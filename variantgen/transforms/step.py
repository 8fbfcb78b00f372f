"""φ_s: chain step rules, each making the current answer an intermediate conclusion of a new question.

A rule looks at the current target (``Distance(B,C)``, ``Angle(A,B,C)``, ...) and the figure, and
proposes a new quantity that needs one more knowledge point: the perimeter once a side is known,
the supplementary angle once an angle is known, and so on. The new answer is computed exactly by
the evaluator, never written by hand; the question keeps every given of the old one and adds the
sentences that introduce new objects.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.answers import format_answer
from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import Point
from variantgen.model import Problem, SolutionStep
from variantgen.templating import environment, template_hash
from variantgen.text.question import as_noun_phrase, split_question
from variantgen.transforms import figure
from variantgen.transforms.base import Context, NotApplicable, Transform
from variantgen.transforms.registry import register
from variantgen.transforms.step_values import VALUE_RULES, ValueRule, is_nice, value_build, value_options

_NAME = r"([A-Z]\w*)"
_DISTANCE = re.compile(rf"^(?:Distance\({_NAME},{_NAME}\)|Length\(Segment\({_NAME},{_NAME}\)\))$")
_ANGLE = re.compile(rf"^Angle\({_NAME},{_NAME},{_NAME}\)$")
_PERIMETER = re.compile(r"^Perimeter\(([A-Za-z]\w*)\)$")
_AREA = re.compile(r"^Area\(([A-Za-z]\w*)\)$")
_POINT_LINE = re.compile(rf"^Distance\({_NAME},Line\({_NAME},{_NAME}\)\)$")
_SLOPE = re.compile(rf"^Slope\((?:Line\({_NAME},{_NAME}\)|([a-z]\w*))\)$")
_LINE_THROUGH = re.compile(rf"^([a-z]\w*)=Line\({_NAME},{_NAME}\)$")


@dataclass(frozen=True)
class Extension:
    """What one rule adds: commands, the new target, a sentence for the givens, the new ask."""

    commands: tuple[str, ...]
    target: str
    stem: str
    ask: str


@dataclass(frozen=True)
class StepRule:
    """A rule: ``options`` lists the ways it applies (argument dicts), ``build`` makes the extension."""

    name: str
    knowledge_point: str
    options: Callable[[Construction, str], list[dict[str, Any]]]
    build: Callable[[Mapping[str, Any]], Extension]
    uses_figure: bool = True
    #: The new answer must be a closed form a solver would write (value rules, and figure rules
    #: that feed a number into a function: sin(5/2) is no answer to a school problem).
    nice_only: bool = False
    #: Knowledge points whose work this rule would undo (the area from an altitude that was found
    #: from the area): once the problem uses one, the rule would ask for what the solver already
    #: computed on the way, adding a knowledge point that is never needed.
    undoes: tuple[str, ...] = ()


STEP_TEMPLATES = "step/rules.j2"


def _macro(name: str, *args: str) -> str:
    return str(getattr(environment().get_template(STEP_TEMPLATES).module, name)(*args)).strip()


def _target(construction: Construction) -> str:
    return construction.target.replace(" ", "")


def _distance(construction: Construction) -> tuple[str, str] | None:
    match = _DISTANCE.match(_target(construction))
    if not match:
        return None
    names = [g for g in match.groups() if g]
    return names[0], names[1]


def _sides_hit(construction: Construction, triangles_only: bool) -> list[tuple[figure.Polygon, tuple[str, str]]]:
    """Polygons one of whose sides is the segment the current target measures."""
    ends = _distance(construction)
    if ends is None:
        return []
    shapes = figure.triangles(construction) if triangles_only else figure.polygons(construction)
    return [(p, side) for p in shapes for side in p.sides() if set(side) == set(ends)]


def _perimeter_options(c: Construction, text: str) -> list[dict[str, Any]]:
    return [{"polygon": p.label, "figure": p.title} for p, _ in _sides_hit(c, triangles_only=False)]


def _altitude_options(c: Construction, text: str) -> list[dict[str, Any]]:
    """The altitude onto the measured side, unless it *is* another side (a right angle at an end
    of the side): then the "altitude" is just a side the solver may already have been given."""
    options = []
    for t, side in _sides_hit(c, triangles_only=True):
        vertex = t.opposite(side)
        if not any(_is_right_angle(c, vertex, end, other) for end, other in (side, side[::-1])):
            options.append({"vertex": vertex, "side": list(side)})
    return options


def _is_right_angle(c: Construction, a: str, vertex: str, b: str) -> bool:
    """Whether ∠(a, vertex, b) is a right angle in the evaluated figure."""
    objects = cached_evaluate(c).objects
    p, q, r = (objects.get(name) for name in (a, vertex, b))
    if not all(isinstance(point, Point) for point in (p, q, r)):
        return False
    return sympy.simplify((p.x - q.x) * (r.x - q.x) + (p.y - q.y) * (r.y - q.y)) == 0


def _median_options(c: Construction, text: str) -> list[dict[str, Any]]:
    letters = figure.free_letters(figure.STEP_LETTERS, c, text, 1)
    if letters is None:
        return []
    return [{"vertex": t.opposite(s), "side": list(s), "midpoint": letters[0]} for t, s in _sides_hit(c, True)]


def _circumradius_options(c: Construction, text: str) -> list[dict[str, Any]]:
    return [{"triangle": list(t.vertices)} for t, _ in _sides_hit(c, triangles_only=True)]


def _angle(c: Construction) -> tuple[str, str, str] | None:
    match = _ANGLE.match(_target(c))
    return (match.group(1), match.group(2), match.group(3)) if match else None


def _supplement_options(c: Construction, text: str) -> list[dict[str, Any]]:
    angle, letters = _angle(c), figure.free_letters(figure.STEP_LETTERS, c, text, 1)
    return [{"angle": list(angle), "point": letters[0], "segment": figure.fresh_label("ext", c)}] if angle and letters else []


def _angle_options(c: Construction, text: str) -> list[dict[str, Any]]:
    angle = _angle(c)
    return [{"angle": list(angle)}] if angle else []


def _triangle_angle_options(c: Construction, text: str) -> list[dict[str, Any]]:
    angle = _angle(c)
    if angle is None:
        return []
    return [{"angle": list(angle)} for t in figure.triangles(c) if set(t.vertices) == set(angle)]


def _circle_options(c: Construction, text: str) -> list[dict[str, Any]]:
    ends = _distance(c)
    if ends is None or "k" in c.names():
        return []
    return [{"centre": ends[0], "through": ends[1], "circle": "k"}]


def _measured_polygon(c: Construction, pattern: re.Pattern[str]) -> list[dict[str, Any]]:
    """The polygon whose perimeter or area (by ``pattern``) the current target is."""
    match = pattern.match(_target(c))
    polygon = next((p for p in figure.polygons(c) if match and p.label == match.group(1)), None)
    return [{"polygon": polygon.label, "figure": polygon.title}] if polygon else []


def _square_options(c: Construction, text: str) -> list[dict[str, Any]]:
    return _measured_polygon(c, _PERIMETER)


def _square_area_options(c: Construction, text: str) -> list[dict[str, Any]]:
    return _measured_polygon(c, _AREA)


def _circle_measure_options(pattern: re.Pattern[str]) -> Callable[[Construction, str], list[dict[str, Any]]]:
    """Options for a rule on a circle whose perimeter or area the target is (by ``pattern``)."""

    def options(c: Construction, text: str) -> list[dict[str, Any]]:
        match = pattern.match(_target(c))
        return [{"circle": label, "centre": centre} for label, centre in figure.circles(c) if match and match.group(1) == label]

    return options


def _point_line_options(c: Construction, text: str) -> list[dict[str, Any]]:
    match = _POINT_LINE.match(_target(c))
    return [{"triangle": list(match.groups())}] if match and len(set(match.groups())) == 3 else []


def _function_options(c: Construction, text: str) -> list[dict[str, Any]]:
    """Rules that feed the current answer into a function: it is named ``a`` in the new text."""
    parts = split_question(text)
    quantity = as_noun_phrase(parts.ask) if parts else None
    if quantity is None or "a" in c.names() or re.search(r"\ba\b", text):
        return []
    return [{"function": f, "value": c.target, "quantity": quantity} for f in figure.functions(c)]


def _slope_options(c: Construction, text: str) -> list[dict[str, Any]]:
    match = _SLOPE.match(_target(c))
    if not match:
        return []
    if not match.group(3):
        return [{"line": f"Line({match.group(1)},{match.group(2)})", "shown": f"line {match.group(1)}{match.group(2)}"}]
    label = match.group(3)
    # The text must name the line: by its label if it uses it, else by the two points it joins.
    if re.search(rf"\b{re.escape(label)}\b", text):
        return [{"line": label, "shown": f"line {label}"}]
    through = next(
        (m for command in c.commands if (m := _LINE_THROUGH.match(command.replace(" ", ""))) and m.group(1) == label), None
    )
    return [{"line": label, "shown": f"line {through.group(2)}{through.group(3)}"}] if through else []


def _value_rule(rule: ValueRule) -> StepRule:
    build = value_build(rule, _macro)

    def extension(a: Mapping[str, Any]) -> Extension:
        target, stem, ask = build(a)
        return Extension((), target, stem, ask)

    return StepRule(rule.name, rule.knowledge_point, value_options(rule), extension, uses_figure=False, nice_only=True)


FIGURE_RULES: dict[str, StepRule] = {
    rule.name: rule
    for rule in (
        StepRule(
            "perimeter",
            "polygon-perimeter",
            _perimeter_options,
            lambda a: Extension((), f"Perimeter({a['polygon']})", "", _macro("perimeter_ask", a["figure"])),
        ),
        StepRule(
            "altitude-by-area",
            "triangle-area-and-altitude",
            _altitude_options,
            lambda a: Extension(
                (),
                f"Distance({a['vertex']},Line({a['side'][0]},{a['side'][1]}))",
                "",
                _macro("altitude_ask", a["vertex"], *a["side"]),
            ),
        ),
        StepRule(
            "median-length",
            "triangle-median",
            _median_options,
            lambda a: Extension(
                (f"{a['midpoint']}=Midpoint({a['side'][0]},{a['side'][1]})",),
                f"Distance({a['vertex']},{a['midpoint']})",
                _macro("median_stem", a["midpoint"], *a["side"]),
                _macro("median_ask", a["vertex"], a["midpoint"]),
            ),
        ),
        StepRule(
            "circumradius",
            "circumscribed-circle",
            _circumradius_options,
            lambda a: Extension((), f"Radius(Circle({','.join(a['triangle'])}))", "", _macro("circumradius_ask", *a["triangle"])),
        ),
        StepRule(
            "supplementary-angle",
            "supplementary-angles",
            _supplement_options,
            lambda a: Extension(
                (
                    f"{a['point']}={a['angle'][1]}+({a['angle'][1]}-{a['angle'][0]})",
                    f"{a['segment']}=Segment({a['angle'][1]},{a['point']})",  # the extension, drawn
                ),
                # Angle(C,B,D) turns counter-clockwise from BC to BD, the extension of AB: π − ∠ABC.
                f"Angle({a['angle'][2]},{a['angle'][1]},{a['point']})",
                _macro("supplement_stem", a["angle"][0], a["angle"][1], a["point"]),
                _macro("supplement_ask", a["angle"][2], a["angle"][1], a["point"]),
            ),
        ),
        StepRule(
            "tangent-ratio",
            "tangent-of-an-angle",
            _angle_options,
            lambda a: Extension((), f"tan(Angle({','.join(a['angle'])}))", "", _macro("tangent_ratio_ask", *a["angle"])),
        ),
        StepRule(
            "triangle-angle-sum",
            "triangle-angle-sum",
            _triangle_angle_options,
            lambda a: Extension((), f"pi-Angle({','.join(a['angle'])})", "", _macro("angle_sum_ask", *a["angle"])),
        ),
        StepRule(
            "circle-through-point-area",
            "circle-area",
            _circle_options,
            lambda a: Extension(
                (f"{a['circle']}=Circle({a['centre']},{a['through']})",),
                f"Area({a['circle']})",
                _macro("circle_area_stem", a["centre"], a["through"]),
                _macro("circle_area_ask", a["centre"]),
            ),
        ),
        StepRule(
            "square-same-perimeter",
            "square-perimeter-and-area",
            _square_options,
            lambda a: Extension((), f"(Perimeter({a['polygon']})/4)^2", "", _macro("square_same_perimeter_ask", a["figure"])),
        ),
        StepRule(
            "square-same-area",
            "square-area",
            _square_area_options,
            lambda a: Extension((), f"sqrt(Area({a['polygon']}))", "", _macro("square_same_area_ask", a["figure"])),
        ),
        StepRule(
            "circle-area-from-circumference",
            "circle-area",
            _circle_measure_options(_PERIMETER),
            lambda a: Extension((), f"Area({a['circle']})", "", _macro("circle_measure_ask", "area", a["centre"])),
        ),
        StepRule(
            "circumference-from-area",
            "circle-circumference",
            _circle_measure_options(_AREA),
            lambda a: Extension((), f"Perimeter({a['circle']})", "", _macro("circle_measure_ask", "circumference", a["centre"])),
        ),
        StepRule(
            "triangle-area-from-height",
            "triangle-area",
            _point_line_options,
            lambda a: Extension((), f"Area({','.join(a['triangle'])})", "", _macro("triangle_area_ask", *a["triangle"])),
            undoes=("triangle-area-and-altitude",),
        ),
        StepRule(
            "tangent-slope",
            "derivative-as-tangent-slope",
            _function_options,
            lambda a: Extension(
                (),
                f"Slope(Tangent({a['value']},{a['function']}))",
                _macro("let_value", a["quantity"]),
                _macro("tangent_slope_ask", a["function"]),
            ),
            nice_only=True,
        ),
        StepRule(
            "function-value-at",
            "function-evaluation",
            _function_options,
            lambda a: Extension(
                (),
                f"{a['function']}({a['value']})",
                _macro("let_value", a["quantity"]),
                _macro("function_value_ask", a["function"]),
            ),
            nice_only=True,
        ),
        StepRule(
            "perpendicular-slope",
            "perpendicular-lines-slopes",
            _slope_options,
            lambda a: Extension((), f"-1/Slope({a['line']})", "", _macro("perpendicular_slope_ask", a["shown"])),
        ),
    )
}


def _all_rules() -> dict[str, StepRule]:
    """Figure rules first (``StepChain`` prefers them: they make the solver use the diagram), then
    value rules; a name used twice would silently drop a rule, so it is an error."""
    rules = [*FIGURE_RULES.values(), *(_value_rule(rule) for rule in VALUE_RULES)]
    names = [rule.name for rule in rules]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"step rule names used twice: {', '.join(twice)}")
    return {rule.name: rule for rule in rules}


RULES: dict[str, StepRule] = _all_rules()


@register
@dataclass
class StepChain(Transform):
    """Apply up to ``max_steps`` step rules in a row, each chosen at random among those that fit.

    Opt-in, not in the default pipeline (``step.derive`` is): its value rules ("Let m be the
    length of BC. Find the area of an equilateral triangle with side length m.") lengthen a
    chain of formulas without using the figure. A rule that reads the figure is preferred over a
    value rule when both fit. ``rules`` restricts the choice (names of RULES); the default is all.
    """

    name = "step.rule-chain"
    axis = "s"
    version = "3"
    max_steps: int = 5
    rules: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.rules or ()) - set(RULES))
        if unknown:
            raise ValueError(f"unknown step rules {', '.join(unknown)}; known: {', '.join(RULES)}")

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is None:
            raise NotApplicable("the seed has no construction; text-only step rules need an LLM endpoint")
        if split_question(problem.question) is None:
            raise NotApplicable("the question does not end with a question sentence to replace")
        moves: list[dict[str, Any]] = []
        for _ in range(self.max_steps):
            for move in self._options(problem, rng):
                try:
                    problem = self._apply_move(problem, move)
                except NotApplicable:
                    continue
                moves.append(move)
                break
            else:
                break
        if not moves:
            raise NotApplicable(f"no step rule fits the target {problem.construction.target}")
        return {"moves": moves, "template_hash": template_hash(STEP_TEMPLATES)}  # the wording's source, for provenance

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        if problem.construction is None:
            raise NotApplicable("the problem has no construction")
        for move in params["moves"]:
            problem = self._apply_move(problem, move)
        return problem

    def _options(self, problem: Problem, rng: random.Random) -> Iterator[dict[str, Any]]:
        """(rule, args) moves that fit, figure rules first, each group in a random order.

        Lazy: rules are tried in a shuffled order and a rule's options are only computed when
        its turn comes, since the chain needs one move per step and screening every value rule
        at every step would cost more than the whole expansion."""
        assert problem.construction is not None
        names = self.rules or tuple(RULES)
        # A rule must add a knowledge point the problem does not use yet (this also stops
        # chains from going round in circles, e.g. area → circumference → area).
        used = set(problem.knowledge_points)
        fresh = [n for n in names if RULES[n].knowledge_point not in used and not used & set(RULES[n].undoes)]
        for uses_figure in (True, False):
            group = [name for name in fresh if RULES[name].uses_figure == uses_figure]
            rng.shuffle(group)
            for name in group:
                options = RULES[name].options(problem.construction, problem.question)
                rng.shuffle(options)
                for args in options:
                    yield {"rule": name, "args": args}

    @staticmethod
    def _apply_move(problem: Problem, move: Mapping[str, Any]) -> Problem:
        rule = RULES[move["rule"]]
        construction = problem.construction
        parts = split_question(problem.question)
        if construction is None or parts is None:
            raise NotApplicable("the problem lost its construction or its question sentence")
        extension = rule.build(move["args"])
        taken = set(construction.names()) & {c.split("=")[0] for c in extension.commands}
        if taken:
            raise NotApplicable(f"labels {', '.join(sorted(taken))} are already used in this figure")
        extended = construction.extend(*extension.commands, target=extension.target)
        try:
            evaluation = cached_evaluate(extended)
        except ConstructionError as exc:
            raise NotApplicable(f"{rule.name}: {exc.reason}") from None
        if not (evaluation.target.is_real and evaluation.target.is_finite):
            raise NotApplicable(f"{rule.name}: {extension.target} is undefined here")
        if rule.nice_only and not is_nice(evaluation.target):
            raise NotApplicable(f"{rule.name}: the answer {evaluation.target} is too involved")
        answer = format_answer(evaluation.target, evaluation.target_kind)
        question = " ".join(part for part in (parts.stem, extension.stem, extension.ask) if part)
        solution = problem.solution or (
            SolutionStep(
                _conclusion(parts.ask, construction.target, problem.answer),
                problem.knowledge_points[0] if problem.knowledge_points else None,
                problem.answer,
            ),
        )
        step = SolutionStep(_conclusion(extension.ask, extension.target, answer), rule.knowledge_point, answer)
        return problem.replace(
            question=question,
            answer=answer,
            construction=extended,
            solution=solution + (step,),
        ).with_knowledge_points(rule.knowledge_point)


def _conclusion(ask: str, target: str, answer: str) -> str:
    """A solution step as a solver reads it, with the GeoGebra expression that computes it in
    brackets: ``the length of BC: 7 [Distance(B,C)]``."""
    quantity = as_noun_phrase(ask)
    return f"{quantity}: {answer} [{target}]" if quantity else f"{target} = {answer}"

"""φ_c offline: restate a problem in a real-world scenario or an abstract reformulation, with
the jinja2 templates of ``templates/context/``.

The question is first taken apart (``variantgen.text.statement.read_statement``): the figure its first
sentence is about and the facts stated of it, the other givens, what the figure marks, the
definitions a step chain added, and the question sentence with the kind of quantity it asks
for. A template restates these pieces in its own sentences — "The stakes outline triangle ABC,
and the crew's field notes record that AB = 5, AC = 8 and ∠BAC = 60°." — with a purpose clause
that fits the quantity asked, or, when a step chain has added definitions, a sentence that hands
over to them. Every given is a verbatim span of the source, so the answer cannot change; the
result is still checked (every number, unit and point name of the source is stated, the same
quantity is asked) before it is accepted.

Templates declare what they fit in their first lines::

    {% set style = "real-world" %}            {# or "abstract" #}
    {% set applies = "triangle quadrilateral" %}  {# figure kinds, or "any" #}
    {% set asks = "length area angle" %}        {# quantity kinds with a purpose clause, or "any" #}

The plan draws one template per family, among those that fit the seed's figure and the quantity
its question asks; apply restates each corner's text with it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.construction import space
from variantgen.construction.cache import cached_evaluate
from variantgen.llm.validate import rewrite_problems
from variantgen.model import Check, Problem
from variantgen.templating import environment, list_templates, render, template_hash
from variantgen.text.givens import names_in
from variantgen.text.grammar import (
    as_clause,
    as_request,
    goal_of,
    join_and,
    loses_article_a,
    split_conditions,
    states_units,
    upper_first,
)
from variantgen.text.question import ENGLISH_ONLY, is_chinese, quantity_kind, sentences_of, split_instructions, split_question
from variantgen.text.statement import Statement, definition_clause, is_definition, read_statement
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import register

#: Of the templates that fit a seed, an abstract reformulation is drawn this often (when both
#: kinds fit); real-world scenarios the rest of the time.
ABSTRACT_SHARE = 0.3

_FIGURE_WORDS = {
    "triangle": r"\btriangles?\b",
    "quadrilateral": r"\b(?:quadrilateral|rectangle|square|rhombus|parallelogram|trapezoid|trapezium|kite)s?\b",
    "circle": r"\b(?:circle|semicircle|chord|tangent|diameter|radius)\b",
}


#: The solids a construction builds, by the command that builds them.
_SOLIDS = {
    "cuboid": r"=\s*(?:Prism|Cube)\(",
    "pyramid": r"=\s*(?:Pyramid|Tetrahedron)\(",
    "cylinder": r"=\s*Cylinder\(",
    "cone": r"=\s*Cone\(",
    "sphere": r"=\s*Sphere\(",
}
#: The settings' word for a solid drawn face by face or by its rims (``space.drawn_solids``).
_FACED = {"prism": "cuboid", "pyramid": "pyramid", "frustum": "frustum", "cylinder": "cylinder", "cone-frustum": "cone-frustum"}


def problem_kind(problem: Problem) -> str:
    """``function`` (a graph), ``geometry`` (a figure) or ``text``: which scenarios can fit."""
    if problem.construction is None:
        return "text"
    if any("(x)" in command.split("=")[0] for command in problem.construction.commands):
        return "function"
    return "geometry"


def figure_kinds(problem: Problem) -> set[str]:
    """What a problem is about, for matching scenarios: ``text``, ``graph``, ``solid`` with the
    solids it has (``cuboid``, ``pyramid``, ``frustum``, ``cylinder``, ``cone``, ``sphere``), ``conic`` with
    its conics (``ellipse``, ``hyperbola``, ``parabola``), or ``geometry``
    with any of ``triangle``, ``quadrilateral``, ``circle`` and ``coordinates``."""
    kind = problem_kind(problem)
    if kind == "text":
        return {"text"}
    if kind == "function":
        return {"graph"}
    kinds = {"geometry"}
    if re.search(r"\bhistogram\b", problem.question, re.IGNORECASE):  # a chart of data: no setting is drawn in it
        return {"chart"}
    commands = problem.construction.commands if problem.construction else ()
    solids = {kind for command in commands for kind, pattern in _SOLIDS.items() if re.search(pattern, command)}
    if commands:
        solids |= {_FACED[s.shape] for s in space.drawn_solids(cached_evaluate(problem.construction).objects).values()}
    if solids:  # a solid decides the setting: its faces do not make it a floor plan
        return {"solid", *solids}
    conics = {kind.lower() for command in commands for kind in re.findall(r"=\s*(Ellipse|Hyperbola|Parabola)\(", command)}
    if conics:  # so does a conic: a focal triangle is no truss
        return {"conic", *conics}
    for command in problem.construction.commands if problem.construction else ():
        polygon = re.search(r"Polygon\(([^()]*)\)", command)
        if polygon:
            kinds.add({3: "triangle", 4: "quadrilateral"}.get(len(polygon.group(1).split(",")), "polygon"))
        if "Circle(" in command:
            kinds.add("circle")
    for name, pattern in _FIGURE_WORDS.items():
        if re.search(pattern, problem.question, re.IGNORECASE):
            kinds.add(name)
    if re.search(r"coordinate plane|\b[A-Z] = \(-?\d", problem.question):
        kinds.add("coordinates")
    return kinds


@register
@dataclass
class ScenarioContext(Transform):
    """Restate the problem with a scenario template from ``templates/context/``.

    ``templates`` restricts the choice to the named templates (file names without ``.j2``);
    the default is every template that fits the problem.
    """

    name = "context.scenario"
    axis = "c"
    version = "2"
    templates: tuple[str, ...] | None = None

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if is_chinese(problem.question):
            return self._plan_chinese(problem, rng)
        statement = _statement(problem)
        kinds = figure_kinds(problem)
        quantity = quantity_kind(statement.ask)
        # a circle decides the setting: a triangle inscribed in it does not make it a truss
        wanted = {"circle", "geometry", "any"} if "circle" in kinds else kinds | {"any"}
        fitting = [n for n in self._candidates() if _declared(n, "applies") & wanted and _declared(n, "language") == {"en"}]
        if not fitting:
            raise NotApplicable(f"no scenario template fits a problem about {', '.join(sorted(kinds))}")
        suited = [n for n in fitting if _declared(n, "asks") & {quantity, "any"}] or fitting
        abstract = [n for n in suited if _declared(n, "style") == {"abstract"}]
        real = [n for n in suited if n not in abstract]
        if real and abstract:
            pool = abstract if rng.random() < ABSTRACT_SHARE else real
        else:
            pool = real or abstract
        chosen = rng.choice(pool)
        return {"template": chosen, "template_hash": template_hash(chosen)}

    def _plan_chinese(self, problem: Problem, rng: random.Random) -> dict[str, Any]:
        """A Chinese question keeps its givens and its ask word for word inside a Chinese scenario
        (``templates/context/zh/``): the English templates restate givens in English sentences."""
        if split_question(split_instructions(problem.question)[0]) is None:
            raise NotApplicable("the Chinese question does not end with a question sentence after its givens")
        kinds = figure_kinds(problem) | {"any"}
        fitting = [n for n in self._candidates() if _declared(n, "language") == {"zh"} and _declared(n, "applies") & kinds]
        if not fitting:
            raise NotApplicable(f"{ENGLISH_ONLY}; no Chinese scenario template fits")
        abstract = [n for n in fitting if _declared(n, "style") == {"abstract"}]
        real = [n for n in fitting if n not in abstract]
        pool = abstract if abstract and (not real or rng.random() < ABSTRACT_SHARE) else real
        chosen = rng.choice(pool)
        return {"template": chosen, "template_hash": template_hash(chosen)}

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        template = params["template"]
        if is_chinese(problem.question):
            return self._apply_chinese(problem, template)
        stepped = any(applied.axis == "s" for applied in problem.provenance)
        failures: list[str] = []
        # Instructions after the question ("Round your answer to two decimal places.") follow the
        # scenario's own question sentence, word for word.
        core, instructions = split_instructions(problem.question)
        # The statement is read closely first; if a restatement built on that reading ever
        # loses a given, the first sentence is kept whole instead (still in the scenario).
        for close in (True, False):
            statement = read_statement(core, stepped=stepped, parse=close)
            if statement is None:
                raise NotApplicable("the question does not end with a question sentence after its givens")
            question = tidy(f"{render(template, **scenario_variables(statement, core))} {instructions}")
            failures = rewrite_problems(problem.question, question, problem.answer)
            if not failures:
                check = Check(
                    "invariant", True, "every number, unit and name of the source is stated; same question; answer unchanged"
                )
                return problem.replace(question=question).checked(check)
        raise TransformFailed(f"scenario {template}: {'; '.join(failures)}")

    def _apply_chinese(self, problem: Problem, template: str) -> Problem:
        core, instructions = split_instructions(problem.question)
        parts = split_question(core)
        if parts is None:
            raise NotApplicable("the Chinese question does not end with a question sentence after its givens")
        question = render(template, stem=parts.stem, ask=parts.ask, instructions=instructions).strip()
        failures = rewrite_problems(problem.question, question, problem.answer)
        if failures:
            raise TransformFailed(f"scenario {template}: {'; '.join(failures)}")
        check = Check("invariant", True, "the givens and the ask are kept word for word; answer unchanged")
        return problem.replace(question=question).checked(check)

    def _candidates(self) -> list[str]:
        names = [n for n in list_templates("context") if not n.split("/")[-1].startswith("_")]
        if self.templates is None:
            return names
        wanted = {f"context/{t}.j2" for t in self.templates}
        unknown = wanted - set(names)
        if unknown:
            raise ValueError(f"unknown scenario templates: {', '.join(sorted(unknown))}")
        return [n for n in names if n in wanted]


def _statement(problem: Problem) -> Statement:
    stepped = any(applied.axis == "s" for applied in problem.provenance)
    statement = read_statement(problem.question, stepped=stepped)
    if statement is None:
        raise NotApplicable("the question does not end with a question sentence after its givens")
    return statement


def scenario_variables(statement: Statement, question: str) -> dict[str, Any]:
    """What a scenario template is rendered with (documented in ``templates/context/_common.j2``)."""
    s = statement
    goal = goal_of(s.ask)
    first = [s.facts] if s.facts else []
    lets = [step for step in s.steps if is_definition(step)]
    others = [step for step in s.steps if not is_definition(step)]
    # "Let" definitions can be restated as clauses ("m is ...") when every other sentence the chain
    # added ("A square has the same area as ...") comes before them and so can stay a sentence.
    separable = list(s.steps) == others + lets
    parts = split_question(question)
    first_sentence = sentences_of(parts.stem)[0] if parts and parts.stem else ""
    # "A shop sells ..." lower-cased would lose the only capital A, which the checks read as a name
    article = loses_article_a(question, [first_sentence, *s.rest])
    return {
        "figure": s.figure,
        "kind": s.kind,
        "kind_a": f"{'an' if s.kind and s.kind[0] in 'aeiou' else 'a'} {s.kind}" if s.kind else None,
        "label": s.name,
        "formula": s.formula,
        "graph": s.formula is not None,
        "facts": s.facts,
        "place": s.place,
        "coordinates": s.place == "plane" or bool(re.search(r"\b[A-Z] = \(", question)),
        "shape": s.shape,
        "points": join_and(sorted(set("".join(sorted(names_in(s.facts or "")))) - {"I"})) if s.figure is None else "",
        "rest": list(s.rest),
        "rest_clauses": [as_clause(r) for r in s.rest],
        "notes": list(s.notes),
        "note_clauses": [as_clause(n) for n in s.notes],
        "steps": list(s.steps),
        "constructions": others if separable else [],
        "definitions": [definition_clause(step) for step in lets] if separable else None,
        "article": article,
        "conditions": _conditions(first + [as_clause(r) for r in s.rest], article),
        "ask": s.ask,
        "instruction": as_request(s.ask),
        "goal": goal,
        "target": _target(s, goal),
        "quantity": _purpose_kind(s),
        "metric": not s.steps and not states_units(question),
        "cap": upper_first,
        "clause": as_clause,
        "join_and": join_and,
    }


_PART = re.compile(
    r"\b(?:triangle|quadrilateral|rectangle|square|rhombus|parallelogram|trapezoid|polygon) (?P<name>[A-Z]{3,6})\b"
)
_DRAWN_CIRCLE = re.compile(r"\bcircle (?:inscribed|circumscribed)\b|\bin(?:scribed )?circle\b|\bcircumcircle\b")


def _purpose_kind(statement: Statement) -> str:
    """The quantity kind a template's purpose clause is chosen by. A purpose speaks of the whole
    object ("how much land the plot covers", "a strip of lead"): when the ask is about a part the
    step drew (triangle CDE of rectangle ABCD, the circle inscribed in it), the kind becomes
    "… of a part", which no purpose names, so the template's neutral clause is used."""
    kind = quantity_kind(statement.ask)
    part = _PART.search(statement.ask)
    if kind in ("area", "perimeter") and part and set(part["name"]) != set(statement.name or ""):
        return f"{kind} of a part"
    if kind == "length" and _DRAWN_CIRCLE.search(statement.ask):
        return "length of a part"
    return kind


def _conditions(clauses: list[str], article: bool) -> list[str]:
    """Every given as a single condition; a condition that starts with the article "a" is
    written "A ..." when lower-casing it would lose the text's only capital A."""
    conditions = [c for clause in clauses for c in split_conditions(clause)]
    if article:
        conditions = [upper_first(c) if re.match(r"a [a-z]", c) else c for c in conditions]
    return conditions


def tidy(text: str) -> str:
    """A rendered scenario as one line of prose: single spaces, none before punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"([.?!])(?=[A-Z])", r"\1 ", text)
    return re.sub(r"\s+(?=[.,;:?](?:\s|$))", "", text)


def _target(statement: Statement, goal: str | None) -> str | None:
    """The goal with the figure and its facts folded in — ``the area of the isosceles triangle
    ABC in which AB = AC = 10 and BC = 12``, ``the minimum value of f(x) for the quadratic
    function f(x) = x^2 - 6x + 5`` — or None when the first sentence names no figure."""
    s = statement
    if goal is None or s.figure is None or s.kind is None or s.name is None:
        return None
    if s.formula is not None:
        return f"{goal} for the {s.figure}"
    if s.facts is None:
        return None
    described = f"the {s.figure} in which {s.facts}"
    noun = s.kind.split()[-1]
    for pattern in (rf"\b{noun} {s.name}\b", rf"(?<![A-Z∠]){s.name}(?![A-Za-z])" if len(s.name) >= 3 else None):
        if pattern and re.search(pattern, goal):
            return re.sub(pattern, lambda _: described, goal, count=1)
    return f"{goal} in {described}"


_DECLARED = re.compile(r"""\{%-?\s*set\s+(\w+)\s*=\s*["']([\w\s-]*)["']\s*-?%\}""")


def _declared(name: str, key: str) -> set[str]:
    """A word list a template declares with ``{% set key = "a b c" %}``: ``applies`` (default
    ``any``), ``asks`` (default ``any``), ``style`` (default ``real-world``), ``language``
    (default ``en``; Chinese scenarios in ``templates/context/zh/`` declare ``zh``).

    Read from the source: rendering the template just to read a variable would need a problem."""
    source, _, _ = environment().loader.get_source(environment(), name)  # type: ignore[union-attr]
    for found, value in _DECLARED.findall(source):
        if found == key:
            return set(value.split())
    return {"style": {"real-world"}, "language": {"en"}}.get(key, {"any"})

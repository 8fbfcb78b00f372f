"""A construction for a seed that only has a picture: a vision-language model proposes one.

Accepted only if the construction evaluates exactly, each given the model lists holds in it with
a value written in the question, every length and angle the question states holds in it, and its
target equals the seed's answer. ``variantgen propose-constructions`` runs this over a seeds file
(with GeoGebra drawing each proposal as a further check).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.answers import answers_equal
from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.llm import prompts
from variantgen.llm.client import LLMClient
from variantgen.llm.transforms.asking import agrees, ask, client_for
from variantgen.model import Check, Problem
from variantgen.text.givens import Given, numbers_in, stated_measures
from variantgen.text.question import split_question
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import register


class ProposalRejected(TransformFailed):
    """Every proposed construction failed its checks; ``attempts`` holds each one's problems."""

    def __init__(self, reason: str, attempts: Sequence[Sequence[str]]) -> None:
        super().__init__(reason)
        self.attempts = [list(problems) for problems in attempts]


#: An extra acceptance check of a proposed construction (e.g. GeoGebra draws it and agrees):
#: the problems found, empty when it passes.
ConstructionCheck = Callable[[Construction], list[str]]


def propose_construction(
    client: LLMClient, problem: Problem, attempts: int = 3, check: ConstructionCheck | None = None
) -> dict[str, Any]:
    """Ask a vision-language model for a construction of ``problem``'s picture until one passes
    ``construction_problems`` (and ``check``), feeding each rejection back; the accepted
    proposal as ProposeConstruction's params. ProposalRejected after ``attempts`` rejections,
    TransformFailed when the call itself fails."""
    feedback: list[dict[str, Any]] = []
    for _ in range(attempts):
        reply = ask(client, "construction", prompts.CONSTRUCTION, problem, feedback, images=problem.images)
        proposed = {"commands": list(reply["commands"]), "target": reply["target"]}
        problems = construction_problems(problem, proposed, reply["givens"])
        if not problems and check is not None:
            problems = check(Construction.from_dict(proposed))
        if not problems:
            return {
                "construction": proposed,
                "givens": reply["givens"],
                "model": reply["_model"],
                "template": prompts.template_name("construction"),
            }
        feedback.append({"problems": problems})
    raise ProposalRejected(
        f"proposed constructions rejected {attempts} times; last: {'; '.join(feedback[-1]['problems'])}",
        [attempt["problems"] for attempt in feedback],
    )


@register
@dataclass
class ProposeConstruction(Transform):
    """A vision-language model proposes a GeoGebra construction for a seed that only has a picture.

    Accepted only if the construction evaluates exactly, each given it states has the value it
    claims in the construction and that value is written in the question, every length and angle
    the question states holds in it, and its target equals the seed's answer. No axis: it turns
    picture seeds into construction seeds before expansion (``variantgen propose-constructions``,
    which also has GeoGebra draw each proposal)."""

    name = "construction.llm-vision"
    uses_llm = True
    attempts: int = 3

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is not None:
            raise NotApplicable("the seed already has a construction")
        if not problem.images:
            raise NotApplicable("the seed has no picture to read a construction from")
        return propose_construction(client_for(ctx), problem, self.attempts)

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        problems = construction_problems(problem, params["construction"], params["givens"])
        if problems:
            raise TransformFailed(f"recorded construction fails its checks: {'; '.join(problems)}")
        construction = Construction.from_dict(params["construction"])
        detail = f"{construction.target} = {problem.answer}; {len(params['givens'])} stated givens hold in the figure"
        return problem.replace(construction=construction).checked(Check("exact", True, detail))


def _same_value(found: Any, stated: str) -> bool:
    """Is the construction's value ``found`` the value ``stated`` (``5``, ``60°``, ``2*sqrt(3)``)?"""
    try:
        return agrees(stated, str(found)) or answers_equal(found, stated)
    except Exception:  # an unreadable stated value is a mismatch, not a crash
        return False


def construction_problems(problem: Problem, proposed: Mapping[str, Any], givens: Sequence[Mapping[str, str]]) -> list[str]:
    """Why a proposed construction cannot be accepted for ``problem`` (empty when it can).

    It must evaluate; its target must equal the answer; each given the model lists must hold in
    it with a value written in the question; and each length (``AB = 5``) and angle
    (``∠BAC = 60°``) the question itself states must hold in it too, so the givens match the
    question both ways."""
    try:
        construction = Construction.from_dict(dict(proposed))
        value = cached_evaluate(construction).target
    except (ConstructionError, ValueError, TypeError, KeyError) as exc:
        return [f"the construction does not evaluate: {exc}"]
    problems = []
    if not answers_equal(value, problem.answer):
        problems.append(f"its target {construction.target} evaluates to {value}, not the answer {problem.answer}")
    stated = numbers_in(problem.question)
    for given in givens:
        try:
            found = cached_evaluate(Construction(construction.commands, given["expression"])).target
        except (ConstructionError, ValueError, TypeError) as exc:
            problems.append(f"the given {given['expression']} does not evaluate: {exc}")
            continue
        if not _same_value(found, given["value"]):
            problems.append(f"{given['expression']} is {found} in the construction, not {given['value']}")
        if not set(numbers_in(given["value"])) <= set(stated):
            problems.append(f"the given value {given['value']} is not stated in the question")
    if not givens:
        problems.append("list the givens the question states, so they can be checked against the construction")
    parts = split_question(problem.question)
    for measure in stated_measures(parts.stem if parts else problem.question):
        problems += _measure_problems(construction, measure)
    return problems


def _measure_problems(construction: Construction, measure: Given) -> list[str]:
    """A length or angle the question states, checked in the construction (an angle either way round)."""
    points = ",".join(measure.points)
    expression = f"Distance({points})" if measure.kind == "length" else f"Angle({points})"
    try:
        found = cached_evaluate(Construction(construction.commands, expression)).target
    except (ConstructionError, ValueError, TypeError):
        return [f"the question states {measure.text}, but {expression} does not evaluate in the construction"]
    value = measure.shown.split()[0] if measure.kind == "length" else measure.shown
    if _same_value(found, value) or (measure.kind == "angle" and _same_value(2 * sympy.pi - found, value)):
        return []
    return [f"the question states {measure.text}, but {expression} is {found} in the construction"]

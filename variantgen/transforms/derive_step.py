"""φ_s by derivation (``step.derive``): a harder question about the same figure.

The planner (``variantgen.derive.planner``) reads the seed's givens, runs the derivation engine on
its figure and picks a target whose minimal derivation passes through the seed's answer and adds
knowledge points. ``apply`` only carries that plan out: it adds the auxiliary object the question
introduces, asks the new target and writes the derivation as the solution. The exact evaluator
recomputes the new target from the construction, and it must equal the derivation's last value.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.answers import answers_equal, format_answer, format_rounded
from variantgen.checks import rounding_of
from variantgen.construction import ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.derive.planner import NoStep, plan
from variantgen.model import Problem, SolutionStep
from variantgen.text.choices import split_choices
from variantgen.text.lettering import Lettering
from variantgen.text.question import ENGLISH_ONLY, is_chinese, split_instructions, split_question
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import register


@register
@dataclass
class StepDerive(Transform):
    """Ask for a quantity of the seed's figure that needs the seed's answer and more knowledge points."""

    name = "step.derive"
    axis = "s"
    version = "1"

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is None:
            raise NotApplicable("the seed has no construction; text-only step variants need an LLM endpoint")
        if is_chinese(problem.question):
            raise NotApplicable(ENGLISH_ONLY)
        parts = split_question(problem.question)
        if parts is None:
            raise NotApplicable("the question does not end with a question sentence to replace")
        lettering = Lettering.of(problem.question, problem.construction)
        lettered = _lettered(problem, lettering)
        stem = split_question(lettered.question).stem  # type: ignore[union-attr]
        try:
            decimals = rounding_of(problem)  # a rounded seed: its step may ask a rounded answer too
            made = plan(lettered.construction, stem, problem.knowledge_points, lettered.answer, rng, decimals)  # type: ignore[arg-type]
        except NoStep as exc:
            raise NotApplicable(str(exc)) from None
        if lettering is not None:  # A₁ planned as E: apply writes the seed's names back
            made["letters"] = {"names": lettering.letters, "unicode": lettering.unicode}
        return made

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        letters = params.get("letters")
        if letters is None:
            return self._apply(problem, params)
        lettering = Lettering(dict(letters["names"]), letters["unicode"])
        made = self._apply(_lettered(problem, lettering), params)
        assert made.construction is not None
        return made.replace(
            question=lettering.back(made.question),
            construction=lettering.construction_back(made.construction),
            solution=tuple(dataclasses.replace(step, text=lettering.back(step.text)) for step in made.solution),
        )

    def _apply(self, problem: Problem, params: Mapping[str, Any]) -> Problem:
        parts = split_question(problem.question)
        if problem.construction is None or parts is None:
            raise NotApplicable("the problem has no construction or no question sentence")
        auxiliary = params["auxiliary"]
        commands = [*(auxiliary["commands"] if auxiliary else ()), *params["drawn"]]
        taken = set(problem.construction.names()) & {c.split("=")[0] for c in commands}
        if taken:
            raise NotApplicable(f"labels {', '.join(sorted(taken))} are already used in this figure")
        style = dict(problem.construction.style)
        dashed = [*(auxiliary["dashed"] if auxiliary else ()), *params["dashed"]]
        if dashed:
            style["dashed"] = [*style.get("dashed", []), *dashed]
        style.update(auxiliary.get("style", {}) if auxiliary else {})
        construction = problem.construction.extend(*commands, target=params["expression"], style=style)
        try:
            evaluation = cached_evaluate(construction)
        except ConstructionError as exc:
            raise TransformFailed(f"step.derive: {exc.reason}") from None
        # The derivation's value is the school form; the evaluator's exact value must equal it
        # (sympy does not always bring a nested radical down to 1/2 by itself). A decimal (a
        # rounded seed's quantity with no school value) must agree to 30 digits, then is rounded.
        kind = "angle" if params["target"][0] == "angle" else "number"
        decimals = rounding_of(problem) if params.get("rounded") else None
        if params.get("rounded") and decimals is None:
            raise TransformFailed("the planned question asks a rounded answer, but the problem states no rounding")
        answer = params["value"] if decimals is not None else params["solution"][-1]["value"]
        if not answers_equal(answer, evaluation.target):
            raise TransformFailed(f"the derivation gives {answer}, the construction {format_answer(evaluation.target, kind)}")
        if decimals is not None:
            answer = format_rounded(evaluation.target, kind, decimals)
        sentences = [parts.stem, auxiliary["sentence"] if auxiliary else "", params["ask"]]
        if decimals is not None:  # the seed's own rounding instruction, not its options
            sentences.append(split_instructions(split_choices(problem.question)[0])[1])
        solution = tuple(SolutionStep(s["text"], s.get("knowledge_point"), s.get("value")) for s in params["solution"])
        return problem.replace(
            question=" ".join(s for s in sentences if s),
            answer=answer,
            construction=construction,
            solution=solution,
        ).with_knowledge_points(*params["knowledge_points"])


def _lettered(problem: Problem, lettering: Lettering | None) -> Problem:
    """The problem with its subscripted point names written as single letters (itself when none)."""
    if lettering is None or problem.construction is None:
        return problem
    return problem.replace(
        question=lettering.text(problem.question),
        answer=lettering.text(problem.answer),
        construction=lettering.construction(problem.construction),
    )

"""φ_s by a language model, for seeds without a construction (the step rules extend figures).

The model extends the question by one knowledge point and writes the calculation of the new
answer as ``name = expression`` lines (read as data by the exact evaluator, never executed); it
must agree, and must also give the old answer as ``previous`` (the old result is a real step).
A rejected extension is sent back with the reasons.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.answers import parse_answer
from variantgen.knowledge.catalogue import slug
from variantgen.llm import prompts
from variantgen.llm.calculation import CalculationError, evaluate_calculation
from variantgen.llm.transforms.asking import agrees, ask, client_for, solve, solve_back_check
from variantgen.model import Check, Problem, SolutionStep
from variantgen.templating import template_hash
from variantgen.text.givens import missing_givens
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import register


@register
@dataclass
class LLMStep(Transform):
    """φ_s for seeds without a construction: the model extends the question by one knowledge point
    and writes the calculation of the new answer, which the exact evaluator reads and which must
    agree; the calculation must also give the old answer as ``previous`` (a real step)."""

    name = "step.llm"
    uses_llm = True
    axis = "s"
    solve_back: bool = True
    attempts: int = 3

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        if problem.construction is not None:
            raise NotApplicable("the seed has a construction: the step rules extend it")
        if problem.images:
            raise NotApplicable("the seed has a picture but no construction; give it one (construction.llm-vision) first")
        client = client_for(ctx)
        feedback: list[dict[str, Any]] = []
        for attempt in range(self.attempts):
            known = list(problem.knowledge_points)
            reply = ask(client, "step-extension", prompts.STEP, problem, feedback, knowledge_points=known)
            planned = {
                "template": prompts.template_name("step-extension"),
                "template_hash": template_hash(prompts.template_name("step-extension")),
                "source": problem.question,
                "question": " ".join(reply["question"].split()),
                "answer": reply["answer"].strip(),
                "knowledge_point": slug(reply["knowledge_point"]),
                "calculation": reply["calculation"],
                "model": reply["_model"],
                "solver": None,
            }
            problems = self._problems(problem, planned)
            if not problems and self.solve_back:
                planned["solver"] = solve(client, problem.replace(question=planned["question"]), attempt)
                if not agrees(planned["solver"], planned["answer"]):
                    problems.append(
                        f"a solver answered {planned['solver']}, not {planned['answer']}: "
                        "the question is ambiguous or the answer wrong"
                    )
            if not problems:
                return planned
            feedback.append({"question": planned["question"], "problems": problems})
        raise TransformFailed(f"LLM step rejected {self.attempts} times; last: {'; '.join(feedback[-1]['problems'])}")

    @staticmethod
    def _problems(problem: Problem, planned: Mapping[str, Any]) -> list[str]:
        """Why a proposed extension is not acceptable (empty when it is)."""
        problems = []
        missing = missing_givens(problem.question, planned["question"])
        if missing:
            problems.append(f"the extended question lost givens of the original: {', '.join(missing)}")
        try:
            parse_answer(planned["answer"])
        except ValueError:
            problems.append(f"the answer {planned['answer']!r} is not a number in exact form")
            return problems
        if agrees(planned["answer"], problem.answer):
            problems.append("the new answer equals the old one: the step asks nothing new")
        try:
            values = evaluate_calculation(planned["calculation"], ("answer", "previous"))
        except CalculationError as exc:
            return [*problems, f"the calculation cannot be evaluated: {exc.reason}"]
        if not agrees(values["answer"].exact, planned["answer"]) and not agrees(values["answer"].decimal, planned["answer"]):
            problems.append(f"the calculation gives answer = {values['answer'].exact}, not the stated {planned['answer']}")
        previous = values.get("previous")
        if previous is None or not (agrees(previous.exact, problem.answer) or agrees(previous.decimal, problem.answer)):
            shown = previous.exact if previous else "nothing"
            problems.append(f"the calculation's previous = {shown}, but the original answer is {problem.answer}")
        return problems

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        if problem.question != params["source"]:
            raise TransformFailed("the planned extension was made for another question")
        problems = self._problems(problem, params)
        if problems:
            raise TransformFailed(f"recorded extension fails its checks: {'; '.join(problems)}")
        first = problem.solution or (SolutionStep(problem.question.split(". ")[-1], value=problem.answer),)
        step = SolutionStep(params["question"].split(". ")[-1], params["knowledge_point"], params["answer"])
        extended = problem.replace(question=params["question"], answer=params["answer"], solution=(*first, step))
        calculation = Check(
            "calculation", True, f"exact evaluation of the calculation: previous = {problem.answer}, answer = {params['answer']}"
        )
        return extended.with_knowledge_points(params["knowledge_point"]).checked(
            calculation, solve_back_check(params["solver"], extended, params["model"])
        )

"""φ_c by a language model: a real-world scenario or an abstract reformulation of the question.

The *plan* holds the family's decision — the style, the domain, the scenario the model chose and
its accepted rewrite of the seed — and each corner's *apply* rewrites that corner's text in the
same scenario, with the seed's rewrite as the example to follow (DESIGN §1: one φ_c decision per
family). Every rewrite is checked (givens, units, asked quantity, an independent solver) and a
rejected one is sent back with the reasons, up to ``attempts`` times. A corner's accepted rewrite
is recorded with the params (``accepted``), so replay and ``variantgen verify`` need no endpoint.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.llm import prompts
from variantgen.llm.client import LLMClient
from variantgen.llm.transforms.asking import agrees, ask, client_for, solve, solve_back_check
from variantgen.llm.validate import rewrite_problems
from variantgen.model import Check, Problem
from variantgen.templating import template_hash
from variantgen.transforms.base import Context, Made, Transform, TransformFailed
from variantgen.transforms.registry import register

DOMAINS = {
    "real-world": (
        "land surveying",
        "architecture and building",
        "sport and athletics",
        "travel and maps",
        "personal finance and shopping",
        "gardening and landscaping",
        "carpentry and furniture making",
        "sailing and navigation",
        "astronomy",
        "cooking and baking",
        "city planning and transport",
        "manufacturing and engineering",
        "art, design and tiling",
        "a school science experiment",
    ),
    "abstract": (
        "formal hypotheses followed by a goal, in precise mathematical language",
        "a definitions-first statement that names each object before relating them",
        "a concise textbook restatement with the conditions in a different order",
        "the goal stated first, then the conditions that determine it",
    ),
}
STYLES = ("real-world", "abstract", "mixed")


@register
@dataclass
class LLMContext(Transform):
    """φ_c by a language model: a real-world scenario or an abstract/linguistic reformulation.

    ``style`` is ``real-world``, ``abstract`` or ``mixed`` (drawn per family, two real-world for
    one abstract). ``attempts`` bounds the rewrites tried per corner; ``solve_back`` asks an
    independent solver to answer each accepted rewrite."""

    name = "context.llm"
    uses_llm = True
    axis = "c"
    style: str = "mixed"
    solve_back: bool = True
    attempts: int = 3

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, got {self.style!r}")

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        client = client_for(ctx)
        style = self.style if self.style != "mixed" else rng.choice(("real-world", "real-world", "abstract"))
        domain = rng.choice(DOMAINS[style])
        params: dict[str, Any] = {
            "style": style,
            "domain": domain,
            "template": prompts.template_name("context-rewrite"),
            "template_hash": template_hash(prompts.template_name("context-rewrite")),
            "scenario": None,
            "example": None,
        }
        rewrite = self._rewrite(client, problem, params)
        return {**params, "scenario": rewrite.pop("scenario"), "model": rewrite["model"], "example": rewrite}

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem | Made:
        """The corner's text rewritten in the family's scenario; a rewrite made for this corner
        (not the family's example) is recorded with the params."""
        rewrite = self._known(problem, params) or self._rewrite(client_for(ctx), problem, params)
        result = self._result(problem, rewrite)
        return result if rewrite is params["example"] else Made(result, {**params, "accepted": rewrite})

    @staticmethod
    def _known(problem: Problem, params: Mapping[str, Any]) -> dict[str, Any] | None:
        """The rewrite already accepted for this exact text (the family's example, or a replay)."""
        for key in ("example", "accepted"):
            rewrite = params.get(key)
            if rewrite and rewrite["source"] == problem.question:
                return rewrite
        return None

    def _rewrite(self, client: LLMClient, problem: Problem, params: Mapping[str, Any]) -> dict[str, Any]:
        """Ask until a rewrite passes every check; TransformFailed with the reasons otherwise."""
        feedback: list[dict[str, Any]] = []
        for attempt in range(self.attempts):
            wanted = {key: params[key] for key in ("style", "domain", "scenario", "example")}
            reply = ask(client, "context-rewrite", prompts.REWRITE, problem, feedback, **wanted)
            text = " ".join(reply["question"].split())
            problems = rewrite_problems(problem.question, text, problem.answer)
            solver = None
            if not problems and self.solve_back:
                solver = solve(client, problem.replace(question=text), attempt)
                if not agrees(solver, problem.answer):
                    problems.append(f"a solver reading the rewrite answered {solver}, not {problem.answer}: the problem changed")
            if not problems:
                return {
                    "source": problem.question,
                    "question": text,
                    "scenario": reply["scenario"],
                    "solver": solver,
                    "model": reply["_model"],
                }
            feedback.append({"question": text, "problems": problems})
        raise TransformFailed(f"LLM rewrite rejected {self.attempts} times; last: {'; '.join(feedback[-1]['problems'])}")

    def _result(self, problem: Problem, rewrite: Mapping[str, Any]) -> Problem:
        """The rewritten problem, re-checked (a replayed rewrite is checked just like a new one)."""
        problems = rewrite_problems(problem.question, rewrite["question"], problem.answer)
        if problems:
            raise TransformFailed(f"recorded rewrite fails its checks: {'; '.join(problems)}")
        invariant = Check("invariant", True, "every given, unit and the asked quantity kept; answer unchanged")
        solved = solve_back_check(rewrite.get("solver"), problem, rewrite.get("model", ""))
        return problem.replace(question=rewrite["question"]).checked(invariant, solved)

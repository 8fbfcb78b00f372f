"""φ_c offline: reword a problem into a real-world scenario or a formal exercise with jinja2 templates.

The givens are carried over verbatim and the question sentence is kept as an instruction, so
the answer cannot change; the result is then checked (every number and point name of the source
still stated) before it is accepted.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.model import Check, Problem
from variantgen.templating import environment, list_templates, render, template_hash
from variantgen.text import as_instruction, lower_first, missing_givens, split_question
from variantgen.transforms.base import Context, NotApplicable, Transform, TransformFailed
from variantgen.transforms.registry import register


def problem_kind(problem: Problem) -> str:
    """``function`` (a graph), ``geometry`` (a figure) or ``text``: which scenarios can fit."""
    if problem.construction is None:
        return "text"
    if any("(x)" in command.split("=")[0] for command in problem.construction.commands):
        return "function"
    return "geometry"


@register
@dataclass
class ScenarioContext(Transform):
    """Wrap the givens in a scenario template from ``templates/context/``.

    ``templates`` restricts the choice to the named templates (file names without ``.j2``);
    the default is every template whose ``applies`` fits the problem.
    """

    name = "context.scenario"
    axis = "c"
    templates: tuple[str, ...] | None = None

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        kind = problem_kind(problem)
        choices = [name for name in self._candidates() if _applies(name) in ("any", kind)]
        if not choices:
            raise NotApplicable(f"no scenario template fits a {kind} problem")
        if split_question(problem.question) is None:
            raise NotApplicable("the question does not end with a question sentence to keep")
        chosen = rng.choice(choices)
        return {"template": chosen, "template_hash": template_hash(chosen)}

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        parts = split_question(problem.question)
        if parts is None:
            raise NotApplicable("the question does not end with a question sentence to keep")
        if not parts.stem:
            raise NotApplicable("the question states no givens before its question sentence")
        question = render(
            params["template"],
            stem=parts.stem,
            stem_lower=lower_first(parts.stem),
            ask=parts.ask,
            ask_lower=as_instruction(parts.ask),
        )
        missing = missing_givens(problem.question, question)
        if missing:
            raise TransformFailed(f"scenario {params['template']} lost givens: {', '.join(missing)}")
        check = Check("invariant", True, "every number and name of the source is stated; answer unchanged")
        return problem.replace(question=question).checked(check)

    def _candidates(self) -> list[str]:
        names = list_templates("context")
        if self.templates is None:
            return names
        wanted = {f"context/{t}.j2" for t in self.templates}
        unknown = wanted - set(names)
        if unknown:
            raise ValueError(f"unknown scenario templates: {', '.join(sorted(unknown))}")
        return [n for n in names if n in wanted]


_APPLIES = re.compile(r"""\{%-?\s*set\s+applies\s*=\s*["'](\w+)["']""")


def _applies(name: str) -> str:
    """The problem kind a scenario declares with ``{% set applies = "geometry" %}`` (default ``any``).

    Read from the source: rendering the template just to read a variable would need a problem."""
    source, _, _ = environment().loader.get_source(environment(), name)  # type: ignore[union-attr]
    match = _APPLIES.search(source)
    return match.group(1) if match else "any"

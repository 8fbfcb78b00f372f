"""A check as a transform: an independent solver must give the problem's answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.llm.client import LLMClient
from variantgen.llm.transforms.asking import client_for, solve, solve_back_check
from variantgen.model import Problem
from variantgen.transforms.base import Context, Made, Transform
from variantgen.transforms.registry import register


@register
@dataclass
class SolveBack(Transform):
    """A check as a transform (Python API, no axis): an independent solver must give the answer.

    The solver reads the problem this transform is applied to (not the one a composition planned
    on), so it is asked in ``apply``; its answer is recorded, and a replay checks that instead."""

    name = "check.solve-back"
    uses_llm = True

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem | Made:
        solved = params if "solver" in params else _solved(problem, client_for(ctx))
        checked = problem.checked(solve_back_check(solved["solver"], problem, solved["model"]))
        return checked if solved is params else Made(checked, solved)


def _solved(problem: Problem, client: LLMClient) -> dict[str, Any]:
    return {"solver": solve(client, problem), "model": client.config.model}

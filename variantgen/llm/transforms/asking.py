"""What every LLM transform needs: the run's client, one checked call, and an independent solver.

The client comes from the transform's Context (``ctx.llm``) and nowhere else: whoever starts a
run (``variantgen.session.run``, a test) puts it there.
"""

from __future__ import annotations

from typing import Any

from variantgen.answers import answers_equal
from variantgen.llm import prompts
from variantgen.llm.client import LLMClient
from variantgen.llm.errors import CallFailed
from variantgen.model import Check, Problem
from variantgen.transforms.base import Context, NotApplicable, TransformFailed


def client_for(ctx: Context) -> LLMClient:
    """The context's client; NotApplicable when the run has no endpoint."""
    if ctx.llm is None:
        raise NotApplicable("no LLM endpoint configured (--llm-base-url)")
    return ctx.llm


def ask(
    client: LLMClient, task: str, schema: dict[str, Any], problem: Problem, feedback: list[dict[str, Any]], **variables: Any
) -> dict[str, Any]:
    """One structured call with the prompt template ``task``, about ``problem`` (its question and
    answer), with the earlier replies rejected and why (``feedback``) and the task's ``variables``:
    the reply's fields and ``_model`` (the model that answered). A failed call is
    TransformFailed: the corner fails, the run goes on."""
    variables = {"problem": problem.question, "answer": problem.answer, "feedback": feedback, **variables}
    messages, digest = prompts.messages(task, **variables)
    try:
        reply = client.complete(messages, template_hash=digest, response_format=schema)
    except CallFailed as exc:
        raise TransformFailed(f"LLM {task}: {exc.reason}") from None
    assert reply.data is not None
    return {**reply.data, "_model": reply.model}


def solve(client: LLMClient, problem: Problem, attempt: int = 0) -> str:
    """An independent solver's final answer to ``problem`` (temperature 0; cached).

    ``attempt`` is part of the cache key: when a rewrite is retried and comes back word for word
    the same, the solver is asked afresh instead of repeating a cached (possibly garbled) answer."""
    messages, digest = prompts.messages("solve", images=(), problem=problem.question)
    try:
        key = f"{digest}#{attempt}" if attempt else digest
        reply = client.complete(messages, template_hash=key, response_format=prompts.SOLVE, temperature=0.0)
    except CallFailed as exc:
        raise TransformFailed(f"solve-back call failed: {exc.reason}") from None
    assert reply.data is not None
    return str(reply.data["answer"]).strip()


def agrees(answer: str, expected: str) -> bool:
    """Does a solver's answer equal the expected one (exactly, or by math-verify)?"""
    try:
        return answers_equal(answer, expected)
    except Exception:  # math-verify or sympy choking on free text is a disagreement, not a crash
        return False


def solve_back_check(solver: str | None, problem: Problem, model: str) -> Check:
    """The recorded solver answer compared with the problem's answer (replayable offline)."""
    if solver is None:
        return Check("solve-back", True, "skipped (--no-solve-back)")
    passed = agrees(solver, problem.answer)
    return Check("solve-back", passed, f"{model} solved the text: {solver} {'=' if passed else '≠'} {problem.answer}")

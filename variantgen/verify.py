"""Answer checks shared by the seed reader, the cube and ``variantgen verify``."""

from __future__ import annotations

import functools
import logging

import sympy

from variantgen.answers import answers_equal, format_answer, parse_answer
from variantgen.construction import Construction, Evaluation
from variantgen.construction.evaluator import Figure, evaluate_figure
from variantgen.model import Check, Problem


def cached_evaluate(construction: Construction) -> Evaluation:
    """Evaluate, remembering recent results: a family re-applies the same step and visual
    decisions in several corners, so the same construction is evaluated many times."""
    return _evaluate_commands(construction.commands, construction.target)


@functools.lru_cache(maxsize=512)
def _evaluate_commands(commands: tuple[str, ...], target: str) -> Evaluation:
    # View and style do not change values, so they are not part of the key.
    return _figure(commands).evaluate(target)


@functools.lru_cache(maxsize=256)
def _figure(commands: tuple[str, ...]) -> Figure:
    """A chain of step rules asks one new target after another of the same figure."""
    return evaluate_figure(commands)


def exact_check(problem: Problem) -> Check:
    """Re-evaluate the construction with sympy and compare its target with the stated answer.

    Raises ConstructionError when the construction itself cannot be evaluated, so callers can
    tell a wrong answer (a failed Check) from a broken figure (an error naming the command).
    """
    if problem.construction is None:
        raise ValueError("exact_check needs a construction")
    evaluation = cached_evaluate(problem.construction)
    computed = format_answer(evaluation.target, evaluation.target_kind)
    try:
        stated = parse_answer(problem.answer)
    except ValueError as exc:
        return Check("exact", False, f"answer {problem.answer!r} cannot be read: {exc}")
    if answers_equal(stated, evaluation.target):
        return Check("exact", True, f"{problem.construction.target} = {computed}")
    return Check(
        "exact",
        False,
        f"answer {problem.answer!r} does not match {problem.construction.target} = {computed}",
    )


def answer_checks(problem: Problem) -> tuple[Check, ...]:
    """The exact check, then a second opinion on the answer string: math-verify (the grader RL
    rewards use) must read the stated answer, written as LaTeX, as the value the figure gives."""
    exact = exact_check(problem)
    if not exact.passed:
        return (exact,)
    assert problem.construction is not None
    return exact, math_verify_check(problem.answer, str(cached_evaluate(problem.construction).target))


@functools.lru_cache(maxsize=1024)
def math_verify_check(answer: str, value: str) -> Check:
    """Cached: a family's corners share two answers at most.

    math-verify's own time limits are off: they arm a signal per call, which costs forty times
    the parse itself, and both sides are LaTeX that sympy printed, not model output."""
    from math_verify import parse, verify

    stated, computed = sympy.latex(parse_answer(answer)), sympy.latex(sympy.sympify(value))
    logging.getLogger("math_verify").setLevel(logging.ERROR)  # its "timeout is disabled" notices
    gold, read = parse(f"${computed}$", parsing_timeout=None), parse(f"${stated}$", parsing_timeout=None)  # type: ignore[arg-type]
    passed = bool(verify(gold, read, timeout_seconds=None))
    return Check("math-verify", passed, f"${stated}$ {'=' if passed else '≠'} ${computed}$")


def seed_checks(problem: Problem) -> tuple[Check, ...]:
    """How a seed's own answer is checked: exactly when it has a construction, else taken as given."""
    if problem.construction is None:
        return (Check("seed", True, "answer as given by the seed; no construction to re-derive it"),)
    return answer_checks(problem)

"""Answer checks shared by the seed reader, the cube and ``variantgen verify``: the exact re-evaluation
of a construction and math-verify's reading of the answer string."""

from __future__ import annotations

import functools

import sympy

from variantgen.answers import answers_equal, format_answer, math_verify_equal, parse_answer, rounds_to
from variantgen.construction.cache import cached_evaluate
from variantgen.model import Check, Problem
from variantgen.text.rounding import MAX_DECIMALS, decimals_asked


def rounding_of(problem: Problem) -> int | None:
    """The decimal places the problem's answer is rounded to: the seed's ``rounding`` (kept in
    ``meta``) or the question's own instruction ("Round to the nearest tenth.")."""
    stated = problem.meta.get("rounding") if isinstance(problem.meta, dict) else None
    if isinstance(stated, int) and not isinstance(stated, bool) and 0 <= stated <= MAX_DECIMALS:
        return stated
    return decimals_asked(problem.question)


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
        how = " (read to 50 digits: sympy keeps the sines of the figure's angles symbolic)" if evaluation.read_to_digits else ""
        return Check("exact", True, f"{problem.construction.target} = {computed}{how}")
    decimals = rounding_of(problem)
    if decimals is not None and rounds_to(evaluation.target, stated, decimals):
        shown = sympy.N(evaluation.target, decimals + 6)
        detail = f"{problem.construction.target} = {computed} ≈ {shown}: {problem.answer} to {decimals} decimal places"
        return Check("rounded", True, detail)
    return Check(
        "exact",
        False,
        f"answer {problem.answer!r} does not match {problem.construction.target} = {computed}",
    )


def answer_checks(problem: Problem) -> tuple[Check, ...]:
    """The exact check, then a second opinion on the answer string: math-verify (the grader RL
    rewards use) must read the stated answer, written as LaTeX, as the value the figure gives."""
    exact = exact_check(problem)
    if not exact.passed or exact.method == "rounded":  # a rounded answer is not the figure's value
        return (exact,)
    assert problem.construction is not None
    return exact, math_verify_check(problem.answer, str(cached_evaluate(problem.construction).target))


@functools.lru_cache(maxsize=1024)
def math_verify_check(answer: str, value: str) -> Check:
    """Cached: a family's corners share two answers at most.

    math-verify's own time limits are off: both sides are LaTeX that sympy printed, not model
    output, and the limits cost far more than the parse."""
    stated, computed = sympy.latex(parse_answer(answer)), sympy.latex(sympy.sympify(value))
    passed = math_verify_equal(f"${computed}$", f"${stated}$", timeout=None)
    return Check("math-verify", passed, f"${stated}$ {'=' if passed else '≠'} ${computed}$")


def seed_checks(problem: Problem) -> tuple[Check, ...]:
    """How a seed's own answer is checked: exactly when it has a construction, else taken as given."""
    if problem.construction is None:
        return (Check("seed", True, "answer as given by the seed; no construction to re-derive it"),)
    return answer_checks(problem)

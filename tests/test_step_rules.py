"""φ_s rules one by one: every rule is reachable, none undoes an earlier step, answers stay closed
forms, and the text names every object it asks about."""

from __future__ import annotations

import random

import pytest

from variantgen.construction import Construction
from variantgen.model import Problem
from variantgen.transforms.base import Context, NotApplicable
from variantgen.transforms.step import FIGURE_RULES, RULES, StepChain
from variantgen.transforms.step_values import VALUE_RULES


def _problem(question: str, commands: list[str], target: str, answer: str, *points: str) -> Problem:
    return Problem("p", question, answer, points, Construction.from_dict({"commands": commands, "target": target}))


def _chains(problem: Problem, rules: tuple[str, ...] | None = None, runs: int = 20) -> list[Problem]:
    chain = StepChain(rules=rules)
    return [chain.apply(problem, Context(), chain.plan(problem, Context(), random.Random(n))) for n in range(runs)]


def test_every_rule_is_reachable_by_its_name():
    assert len(RULES) == len(FIGURE_RULES) + len(VALUE_RULES)


def test_no_altitude_that_is_a_side_of_a_right_triangle():
    # AB ⊥ BE: the altitude from E onto AB is BE itself, a given.
    right = _problem(
        "In triangle ABE, ∠ABE = 90°, BE = 12 and AE = 4√13. Find the length of AB.",
        ["B=(0,0)", "E=(12,0)", "A=(0,8)", "t=Polygon(A,B,E)"],
        "Distance(A,B)",
        "8",
    )
    assert RULES["altitude-by-area"].options(right.construction, right.question) == []


def test_the_area_is_not_asked_after_the_altitude_found_from_it():
    seed = _problem(
        "In triangle ABC, AB = 13, BC = 14 and CA = 15. Find the length of the altitude from A to side BC.",
        ["B=(0,0)", "C=(14,0)", "A=(5,12)", "t=Polygon(A,B,C)"],
        "Distance(A,Line(B,C))",
        "12",
        "herons-formula",
        "triangle-area-and-altitude",
    )
    for made in _chains(seed):
        assert "triangle-area" not in made.knowledge_points, made.question


def test_function_values_stay_closed_forms():
    seed = _problem(
        "Consider the function f(x) = 3sin(x) + 1. Find the value of f(π/6).",
        ["f(x)=3sin(x)+1"],
        "f(pi/6)",
        "5/2",
        "sine-function-value",
    )
    # f(5/2) = 3·sin(5/2) + 1 and f'(5/2) = 3·cos(5/2) are no answers to a school problem.
    with pytest.raises(NotApplicable, match="no step rule fits"):
        _chains(seed, rules=("function-value-at", "tangent-slope"), runs=1)
    for made in _chains(seed):
        assert "sin" not in made.answer and "cos" not in made.answer, made.answer


def test_a_line_is_named_as_the_text_names_it():
    seed = _problem(
        "In the coordinate plane, A = (-2,3) and B = (6,-1). Find the slope of the line AB.",
        ["A=(-2,3)", "B=(6,-1)", "l=Line(A,B)"],
        "Slope(l)",
        "-1/2",
        "slope-formula",
    )
    (made,) = _chains(seed, rules=("perpendicular-slope",), runs=1)
    assert made.question.endswith("Find the slope of a line perpendicular to line AB.") and made.answer == "2"


def test_an_unknown_rule_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown step rules no-such-rule"):
        StepChain(rules=("no-such-rule",))

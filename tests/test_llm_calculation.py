"""A model's calculation is data: exact values come back, and nothing in it ever runs as code."""

from __future__ import annotations

import re
import time

import pytest

from variantgen.llm.calculation import MAX_LINES, CalculationError, evaluate_calculation


def test_values_come_back_exact() -> None:
    text = "previous = 7/2  # the old answer\nside = 2*sqrt(3)\nanswer = side*previous"
    values = evaluate_calculation(text, ("answer", "previous"))
    assert values["answer"].exact == "7*sqrt(3)" and values["previous"].exact == "7/2"
    assert values["answer"].decimal.startswith("12.1243556529821")


def test_school_functions() -> None:
    text = "previous = 40°; a = sin(previous)^2 + cos(previous)^2; b = nCr(6, 2) + floor(7/2) + Max(2, 3); answer = a + b"
    assert evaluate_calculation(text)["answer"].exact == "22"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("import os\nos.system('rm -rf /')", "every line must be `name = expression`"),
        ("answer = __import__('os').system('true')", "unexpected character"),
        ("answer = ().__class__.__bases__[0]", "line 1"),
        ("answer = open('/etc/passwd').read()", "line 1"),
        ("answer = exec(1)", "unsupported GeoGebra command 'exec'"),
        ("x = 2^1000\ny = x^1000\nanswer = y", "line 2 ('y = x^1000'): a number of more than 20000 binary digits"),
        ("answer = 10^10^10", "too large"),
        ("answer = " + "(" * 400 + "1" + ")" * 400, "a line is longer than 400 characters"),
        ("answer = 1/0", "division by zero"),
        ("result = 3", "assign the result to a name 'answer'"),
        ("", "the calculation is empty"),
        ("\n".join(f"a{i} = {i}" for i in range(MAX_LINES + 1)), f"at most {MAX_LINES}"),
    ],
    ids=["statement", "import", "dunder", "file", "exec", "huge", "tower", "wide", "zero", "no-answer", "empty", "long"],
)
def test_refused_with_a_reason(text: str, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(CalculationError, match=re.escape(reason)):
        evaluate_calculation(text)
    assert time.perf_counter() - started < 10  # bounded: a refusal never waits on the work it refuses


def test_a_missing_optional_name_is_left_out() -> None:
    assert set(evaluate_calculation("answer = 3", ("answer", "previous"))) == {"answer"}

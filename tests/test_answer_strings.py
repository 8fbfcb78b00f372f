"""Answer strings: reading them as a solver writes them, printing exact values, comparing."""

import pytest
import sympy

from variantgen.answers import answers_equal, format_answer, parse_answer

sqrt, pi, R = sympy.sqrt, sympy.pi, sympy.Rational


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", 5),
        ("2√3", 2 * sqrt(3)),
        ("2*sqrt(3)", 2 * sqrt(3)),
        ("7/2", R(7, 2)),
        ("3.5", R(7, 2)),
        ("-1/2", R(-1, 2)),
        ("60°", pi / 3),
        ("60 degrees", pi / 3),
        ("\\frac{7}{2}", R(7, 2)),
        ("\\sqrt{3}", sqrt(3)),
        ("\\dfrac{\\sqrt{3}}{2}", sqrt(3) / 2),
        ("60^\\circ", pi / 3),
        ("π/3", pi / 3),
        ("pi/3", pi / 3),
        ("10π", 10 * pi),
        ("12 cm", 12),
        ("25 cm^2", 25),
        ("3*3**(1/4)", 3 * 3 ** R(1, 4)),
    ],
)
def test_parse_answer(text, expected):
    assert sympy.simplify(parse_answer(text) - expected) == 0


@pytest.mark.parametrize("text", ["", "   ", "x + 1", "seven", "(1,2)"])
def test_unreadable_answers_raise_value_error(text):
    with pytest.raises(ValueError):
        parse_answer(text)


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (2 * sqrt(3), "length", "2*sqrt(3)"),
        (R(7, 2), "number", "7/2"),
        (pi / 3, "angle", "60°"),
        (pi / 8, "angle", "22.5°"),
        (pi / 7, "angle", "(180/7)°"),
        (sympy.atan(R(3, 4)), "angle", "atan(3/4)"),
        (pi / 3, "number", "pi/3"),
        (25 * pi, "area", "25*pi"),
    ],
)
def test_format_answer(value, kind, shown):
    assert format_answer(value, kind) == shown
    assert answers_equal(shown, value)


def test_answers_equal():
    assert answers_equal("2√3", "sqrt(12)")
    assert answers_equal("7/2", "3.5")
    assert answers_equal(sympy.sqrt(2) / 2, "1/sqrt(2)")
    assert not answers_equal("1", "2")
    assert not answers_equal("2√3", "3.4641")  # 4 decimals are not the exact value
    assert answers_equal("\\frac{1}{2}", "0.5")

"""Value rules for φ_s: carry the current answer into a new object and ask a new quantity of it.

``Let m be the length of BC. Find the area of an equilateral triangle with side length m.`` The
solver must finish the old problem (an intermediate conclusion) and then apply one more
knowledge point. Unlike the figure rules in ``step.py`` these need nothing from the diagram, so
they extend any problem whose answer has the right kind (a length, an area, an angle, any real
number) and let chains reach six or more knowledge points. The new quantity is still computed
by the evaluator: the rule's formula wraps the old target expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import evaluate_object
from variantgen.text.question import as_noun_phrase, split_question

_CURRENT = "_current"  # the name the current answer has while a rule's formula is screened

#: Letters that name intermediate values; a letter already a word of the text or a label is skipped.
VALUE_LETTERS = "mnpqrsuvwk"

Accepts = Callable[[sympy.Expr], bool]


def _positive(value: sympy.Expr) -> bool:
    return bool(value.is_positive)


def _real(value: sympy.Expr) -> bool:
    return bool(value.is_real)


def _nonzero(value: sympy.Expr) -> bool:
    return bool(value.is_real and value.is_nonzero)


def _small_integer(value: sympy.Expr) -> bool:
    return bool(value.is_integer and abs(value) <= 10)


def _acute(value: sympy.Expr) -> bool:
    return bool(value.is_positive and (sympy.pi / 2 - value).is_positive)


def _less_than_straight(value: sympy.Expr) -> bool:
    return bool(value.is_positive and (sympy.pi - value).is_positive)


@dataclass(frozen=True)
class ValueRule:
    """``formula`` wraps the old target (``{t}``); ``kinds`` are the answer kinds it accepts
    (lengths, areas, angles or plain numbers); ``phrase`` names the macro in ``step/rules.j2``."""

    name: str
    knowledge_point: str
    kinds: tuple[str, ...]
    formula: str
    accepts: Accepts = _positive

    @property
    def phrase(self) -> str:
        return "value_" + self.name.replace("-", "_")

    def target(self, old: str) -> str:
        return self.formula.format(t=old)


_LENGTH, _AREA, _ANGLE = ("length",), ("area",), ("angle",)
#: Rules about plain numbers take lengths, areas and numbers, never angles: an angle's value is in
#: radians inside the evaluator but in degrees in the text, and ``sin(mx)`` with m = 60° misleads.
_ANY = ("length", "area", "number")

VALUE_RULES: tuple[ValueRule, ...] = (
    ValueRule("square-diagonal", "square-diagonal", _LENGTH, "sqrt(2)*({t})"),
    ValueRule("equilateral-height", "equilateral-triangle-height", _LENGTH, "sqrt(3)/2*({t})"),
    ValueRule("equilateral-area", "equilateral-triangle-area", _LENGTH, "sqrt(3)/4*({t})^2"),
    ValueRule("equilateral-circumradius", "equilateral-triangle-radii", _LENGTH, "({t})/sqrt(3)"),
    ValueRule("regular-hexagon-area", "regular-hexagon-area", _LENGTH, "3*sqrt(3)/2*({t})^2"),
    ValueRule("circumference", "circle-circumference", _LENGTH, "2*pi*({t})"),
    ValueRule("circle-area", "circle-area", _LENGTH, "pi*({t})^2"),
    ValueRule("arc-length", "arc-length", _LENGTH, "pi/3*({t})"),
    ValueRule("sector-area", "sector-area", _LENGTH, "pi/4*({t})^2"),
    ValueRule("chord-length", "chord-length", _LENGTH, "sqrt(3)*({t})"),
    ValueRule("tangent-length", "tangent-length", _LENGTH, "sqrt(3)*({t})"),
    ValueRule("inscribed-square", "circle-inscribed-square", _LENGTH, "sqrt(2)*({t})"),
    ValueRule("hypotenuse-30-60-90", "special-right-triangles", _LENGTH, "2*({t})"),
    ValueRule("similar-side", "similar-triangles-ratio", _LENGTH, "3/2*({t})"),
    ValueRule("similar-area", "similar-triangle-area-ratio", _AREA, "4*({t})"),
    ValueRule("rectangle-diagonal", "rectangle-diagonal", _LENGTH, "5/4*({t})"),
    ValueRule("rhombus-area", "rhombus-area", _LENGTH, "({t})^2"),
    ValueRule("parallelogram-area", "parallelogram-area", _LENGTH, "3*({t})"),
    ValueRule("trapezoid-area", "trapezoid-area", _LENGTH, "3*({t})"),
    ValueRule("rectangle-length", "rectangle-area", _AREA, "({t})/2"),
    ValueRule("circle-radius", "circle-area", _AREA, "sqrt(({t})/pi)"),
    ValueRule("triangle-height", "triangle-area-and-altitude", _AREA, "({t})/2"),
    ValueRule("distance-to-point", "distance-formula", _ANY, "sqrt(({t})^2+9)", _real),
    ValueRule("midpoint-x", "midpoint-formula", _ANY, "(({t})+3)/2", _real),
    ValueRule("slope-through", "slope-formula", _ANY, "({t})/2", _real),
    ValueRule("line-zero", "linear-function-intercepts", _ANY, "6/({t})", _nonzero),
    ValueRule("quadratic-axis", "quadratic-axis-of-symmetry", _ANY, "({t})/4", _real),
    ValueRule("quadratic-minimum", "quadratic-function-extremum", _ANY, "1-({t})^2", _real),
    ValueRule("exponential", "exponential-function-value", _ANY, "2^({t})", _small_integer),
    ValueRule("logarithm", "logarithm-value", _ANY, "log(2,{t})"),
    ValueRule("sine-maximum", "trigonometric-function-range", _ANY, "({t})+1"),
    ValueRule("sine-period", "trigonometric-function-period", _ANY, "2*pi/({t})"),
    ValueRule("complement", "complementary-angles", _ANGLE, "pi/2-({t})", _acute),
    ValueRule("central-angle", "inscribed-angle-theorem", _ANGLE, "2*({t})", _less_than_straight),
    ValueRule("sine", "sine-of-an-angle", _ANGLE, "sin({t})", _less_than_straight),
    ValueRule("cosine", "cosine-of-an-angle", _ANGLE, "cos({t})", _less_than_straight),
)


#: The longest answer a value rule may produce: a chain of value rules must end in an answer a
#: solver would write down (``25*sqrt(3)/4``), not in a tower of logarithms and radicals.
MAX_ANSWER_OPS = 8
MAX_ANSWER_INTEGER = 10_000


def is_nice(value: sympy.Expr) -> bool:
    """Short exact answers only: few operations, moderate integers, no function left unevaluated
    (``log(3)``, ``cos(5/2)``) and no sum in a denominator (``768/(16 - 841*pi**2)``)."""
    if not value.is_real or value.atoms(sympy.Function) or sympy.count_ops(value) > MAX_ANSWER_OPS:
        return False
    if sympy.denom(sympy.together(value)).find(sympy.Add):
        return False
    numbers = value.atoms(sympy.Rational)
    return all(abs(n.p) <= MAX_ANSWER_INTEGER and n.q <= MAX_ANSWER_INTEGER for n in numbers)


def value_letter(construction: Construction, text: str) -> str | None:
    """A lower-case letter that is neither a label of the figure nor a word of the text."""
    used = set(construction.names()) | set(re.findall(r"\b[a-z]\b", text))
    return next((letter for letter in VALUE_LETTERS if letter not in used), None)


def value_options(rule: ValueRule) -> Callable[[Construction, str], list[dict[str, Any]]]:
    """The rule fits when the current answer has an accepted kind and value, and the ask names it."""

    def options(c: Construction, text: str) -> list[dict[str, Any]]:
        parts = split_question(text)
        quantity = as_noun_phrase(parts.ask) if parts else None
        letter = value_letter(c, text)
        if quantity is None or letter is None:
            return []
        try:
            evaluation = cached_evaluate(c)
        except ConstructionError:
            return []
        if evaluation.target_kind not in rule.kinds or not rule.accepts(evaluation.target):
            return []
        # Screen the new answer on the value alone (cheap) before the chain evaluates the whole
        # extended construction (a full exact evaluation) for the option it picks.
        try:
            if not is_nice(evaluate_object(rule.target(_CURRENT), {_CURRENT: evaluation.target})):
                return []
        except (ConstructionError, TypeError, ValueError, ZeroDivisionError):
            return []
        return [{"value": c.target, "var": letter, "quantity": quantity}]

    return options


def value_build(rule: ValueRule, macro: Callable[..., str]) -> Callable[[Mapping[str, Any]], tuple[str, str, str]]:
    """(target, stem, ask) for the rule's extension; ``macro`` renders a ``step/rules.j2`` macro."""

    def build(a: Mapping[str, Any]) -> tuple[str, str, str]:
        stem = macro("let_value_as", a["var"], a["quantity"])
        return rule.target(a["value"]), stem, macro("ask_for", macro(rule.phrase, a["var"]))

    return build

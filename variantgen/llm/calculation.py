"""A model's calculation, read as data: lines ``name = expression`` in the construction language.

A step extension must show how its new answer follows from the old one. The model used to write a
Python program that ran in a child process behind an audit hook; a program can always find a way
out of such a jail (raw ``fork_exec``, switching the hook's deny-list off, forging the result), so
nothing the model writes is executed any more. It writes the calculation the way a construction is
written::

    previous = 12
    side = sqrt(previous)
    answer = 4 * side

Each line is parsed by variantgen's own parser and evaluated by the exact evaluator that checks
every construction: numbers, ``+ - * / ^``, ``sqrt``, trigonometry with degrees (``sin(30°)``),
``pi``, ``exp``/``ln``/``log``, ``abs``, ``floor``/``ceil``, ``Max``/``Min``, ``nCr``. The work is
bounded by the evaluator's limits (exponents, digits, expression length) and by the line count
and length here, so a reply cannot make the check run long or grow large.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from variantgen.construction.errors import ConstructionError
from variantgen.construction.evaluator import evaluate_figure

MAX_LINES = 40
MAX_LINE_CHARS = 400
_ASSIGNMENT = re.compile(r"^\s*[A-Za-z_]\w{0,31}\s*=(?!=)")


class CalculationError(Exception):
    """The calculation cannot be read or evaluated; ``reason`` is fed back to the model."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Value:
    """A name's value: the exact form (sympy's printing) and a 30-digit decimal."""

    exact: str
    decimal: str


def _lines(text: str) -> tuple[str, ...]:
    """The assignments of a calculation: one per line or per ``;``, ``#`` comments dropped."""
    if not isinstance(text, str):
        raise CalculationError("the calculation must be text: lines such as `answer = 2*previous`")
    lines = []
    for raw in re.split(r"[\n;]", text):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            raise CalculationError(f"a line is longer than {MAX_LINE_CHARS} characters: {line[:40]}…")
        if not _ASSIGNMENT.match(line):
            raise CalculationError(f"every line must be `name = expression`; got {line[:80]!r}")
        lines.append(line)
    if not lines:
        raise CalculationError("the calculation is empty: assign the original answer to `previous` and the new one to `answer`")
    if len(lines) > MAX_LINES:
        raise CalculationError(f"the calculation has {len(lines)} lines; at most {MAX_LINES}")
    return tuple(lines)


def evaluate_calculation(text: str, names: tuple[str, ...] = ("answer",)) -> dict[str, Value]:
    """The exact values of ``names`` after the calculation's assignments (the first is required).

    Raises CalculationError naming the line that cannot be read or evaluated."""
    lines = _lines(text)
    try:
        figure = evaluate_figure(lines)
    except ConstructionError as exc:
        where = f"line {exc.command_index + 1} ({lines[exc.command_index]!r}): " if exc.command_index is not None else ""
        raise CalculationError(f"{where}{exc.reason}") from None
    values = {}
    for name in names:
        if name not in figure.objects:
            if name == names[0]:
                raise CalculationError(f"the calculation must assign the result to a name {name!r}")
            continue
        try:
            value = figure.evaluate(name).target
        except ConstructionError as exc:
            raise CalculationError(f"{name}: {exc.reason}") from None
        values[name] = Value(sympy.sstr(value), str(sympy.N(value, 30)))
    return values

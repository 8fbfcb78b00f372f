"""Answers as a solver writes them: reading (``2√3``, ``60°``, ``\\frac{7}{2}``), printing, comparing.

Answers are parsed with the construction parser (never ``eval``), so the same exact sympy value
comes out of ``"2*sqrt(3)"``, ``"2√3"`` and ``"\\sqrt{12}"``. Strings this parser cannot read
are compared with math-verify, which understands free-form LaTeX answers.
"""

from __future__ import annotations

import functools
import logging
import re

import sympy

from variantgen.construction.errors import ConstructionError
from variantgen.construction.evaluator import _Evaluator
from variantgen.construction.syntax import parse_expression

_LATEX = [
    (re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}"), r"((\1)/(\2))"),
    (re.compile(r"\\sqrt\s*\{([^{}]*)\}"), r"sqrt(\1)"),
    (re.compile(r"\^\s*\{?\\circ\}?"), "°"),
    (re.compile(r"\\(?:left|right)"), ""),
    (re.compile(r"\\cdot|\\times"), "*"),
    (re.compile(r"\\pi"), "π"),
    (re.compile(r"\\[,;! ]|\$"), ""),
]
_DEGREE_WORDS = re.compile(r"\s*(degrees?|deg)\s*$", re.IGNORECASE)
_UNITS = re.compile(
    r"\s*(square\s+units|sq\.?\s*units|units?|(?:c|m|k|d)?m(?:\^?[23]|²|³)?|km/h|m/s|s|seconds?|minutes?|hours?|dollars?|kg|g|l)\s*$",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    text = text.strip()
    previous = None
    while previous != text:  # nested LaTeX (\frac{\sqrt{3}}{2}) unwinds from the inside out
        previous = text
        for pattern, replacement in _LATEX:
            text = pattern.sub(replacement, text)
    text = text.replace("{", "(").replace("}", ")")
    text = _DEGREE_WORDS.sub("°", text)
    return _UNITS.sub("", text).strip()


def parse_answer(text: str) -> sympy.Expr:
    """The exact value of an answer string; angles written in degrees come back in radians."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty answer")
    normal = _normalise(text)
    try:
        value = _Evaluator().value(parse_expression(normal))
        number = value.obj
    except ConstructionError as exc:
        raise ValueError(f"cannot read {text!r} as a number: {exc.reason}") from None
    if not isinstance(number, sympy.Expr) or number.free_symbols:
        raise ValueError(f"cannot read {text!r} as a number")
    return number


def _decimal(value: sympy.Rational) -> str | None:
    """``45/2`` → ``22.5`` when the decimal terminates within a few digits, else None."""
    q = int(value.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q != 1:
        return None
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text if sympy.Rational(text) == value else None


def format_answer(value: sympy.Expr, kind: str = "number") -> str:
    """Print an exact value as a solver writes it: ``2*sqrt(3)``, ``7/2``, ``60°``, ``pi/3``,
    ``6*pi - 9*sqrt(3)``."""
    if kind == "angle":
        degrees = sympy.simplify(value * 180 / sympy.pi) if value.is_number else None
        if degrees is not None and degrees.is_Rational:
            shown = str(degrees) if degrees.is_Integer else (_decimal(degrees) or f"({degrees})")
            return f"{shown}°"
    return sympy.sstr(value, order="old")  # 6*pi - 9*sqrt(3) and 2 - sqrt(3), as a student writes them


def answers_equal(a: str | sympy.Expr, b: str | sympy.Expr, *, rel_tol: float = 1e-9) -> bool:
    """Exact equality first, then a 30-digit numeric comparison; math-verify for unreadable strings."""
    try:
        x = parse_answer(a) if isinstance(a, str) else a
        y = parse_answer(b) if isinstance(b, str) else b
    except ValueError:
        return math_verify_equal(str(a), str(b))
    difference = sympy.expand(x - y)
    if difference == 0:
        return True
    try:
        xv, yv = complex(x.evalf(30)), complex(y.evalf(30))
    except (TypeError, ValueError):
        return bool(sympy.simplify(difference) == 0)
    return abs(xv - yv) <= rel_tol * max(1.0, abs(xv), abs(yv))


def format_rounded(value: sympy.Expr, kind: str, decimals: int) -> str:
    """``value`` rounded to ``decimals`` places as a student writes it: ``23.5``, ``35.5°``, ``4``."""
    number = sympy.N(value * 180 / sympy.pi if kind == "angle" else value, 30)
    shown = f"{float(number):.{decimals}f}"
    return f"{shown}°" if kind == "angle" else shown


def rounds_to(value: sympy.Expr, stated: sympy.Expr, decimals: int) -> bool:
    """Whether ``stated`` is ``value`` rounded to ``decimals`` places: it has no more places than
    that, and lies within half a unit of the last place of the value (to 30 digits). An angle
    is rounded in degrees (37° to the nearest degree)."""
    if (stated / sympy.pi).is_Rational and stated != 0:
        value, stated = value * 180 / sympy.pi, stated * 180 / sympy.pi
    if not (stated.is_Rational and (stated * 10**decimals).is_Integer) or not value.is_number:
        return False
    try:
        difference = abs(complex(value.evalf(30)) - complex(stated.evalf(30)))
    except (TypeError, ValueError):
        return False
    return difference <= 0.5 * 10**-decimals + 1e-12


def math_verify_equal(gold: str, answer: str, timeout: int | None = 5) -> bool:
    """math-verify's verdict on two answer strings, ``gold`` being the reference.

    This is the one place variantgen calls math-verify (the answer checks, the comparator's
    fallback, the RL accuracy reward). ``timeout`` is math-verify's own limit in seconds for the
    parse and the comparison (its default, 5); ``None`` turns it off, for strings sympy printed
    itself: the limit arms a signal per call, which costs forty times the parse."""
    from math_verify import parse, verify

    if timeout is None:
        logging.getLogger("math_verify").setLevel(logging.ERROR)  # its "timeout is disabled" notices
    expected = parse(gold, parsing_timeout=timeout)  # type: ignore[arg-type]
    read = parse(answer, parsing_timeout=timeout)  # type: ignore[arg-type]
    return bool(verify(expected, read, timeout_seconds=timeout))


# A model's reply, graded: what the trainer's accuracy reward and ``variantgen audit`` both use.

_ANSWER_TAG = re.compile(r"<answer>(.*?)</answer>", re.DOTALL)
_BOXED = "\\boxed{"


def _last_boxed(text: str) -> str | None:
    """Content of the last ``\\boxed{…}``, braces balanced (``\\boxed{\\frac{1}{2}}`` → ``\\frac{1}{2}``)."""
    start = text.rfind(_BOXED)
    if start < 0:
        return None
    depth, i = 1, start + len(_BOXED)
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i:j]
    return None


def extract_answer(text: str) -> str | None:
    """The final answer of a solution: the last ``<answer>`` block (and a ``\\boxed{}`` inside it wins),
    else the last ``\\boxed{}``; None when the text states no answer."""
    tagged = _ANSWER_TAG.findall(text)
    if tagged:
        inner = tagged[-1]
        boxed = _last_boxed(inner)
        answer = boxed if boxed is not None else inner
    else:
        answer = _last_boxed(text)
    if answer is None:
        return None
    answer = answer.strip().strip("$").strip()
    return answer or None


@functools.lru_cache(maxsize=65536)
def is_correct(predicted: str, reference: str) -> bool:
    """math-verify first, then the exact sympy comparator; cached because rollouts repeat answers."""
    try:
        if math_verify_equal(f"${reference}$", f"${predicted}$"):
            return True
    except Exception:  # math-verify raises on some malformed LaTeX; the sympy path still decides
        pass
    try:
        return answers_equal(reference, predicted)
    except Exception:  # an unreadable model answer is a wrong answer, never a crash of the run
        return False


def graded(reply: str, reference: str, letter: str = "") -> tuple[str | None, bool]:
    """A model's reply against the reference: the answer it states and whether that is right (the
    answer, or for a multiple-choice question its option ``letter``: "B", "(B)")."""
    answer = extract_answer(reply)
    if answer is None:
        return None, False
    named = bool(letter) and answer.strip().strip("()").rstrip(".").upper() == letter
    return answer, named or is_correct(answer, reference)

"""Deterministic checks of an LLM's rewrite, worded as feedback the model can act on.

A φ_c rewrite must keep every given (numbers, with the same units, and names of points and
objects), ask for the same thing (the names and numbers of the source's question sentence are
still in the final sentences), and not give the answer away. What the checks cannot see — a
subtly different question — the solve-back check catches.
"""

from __future__ import annotations

import re

from variantgen.text.givens import missing_givens, names_in, not_kept, numbers_in
from variantgen.text.question import split_instructions, split_question

_UNIT_WORDS = {
    "cm": "cm",
    "centimetre": "cm",
    "centimeter": "cm",
    "mm": "mm",
    "millimetre": "mm",
    "millimeter": "mm",
    "m": "m",
    "metre": "m",
    "meter": "m",
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "kg": "kg",
    "kilogram": "kg",
    "g": "g",
    "gram": "g",
    "°": "°",
    "degree": "°",
    "%": "%",
    "percent": "%",
    "s": "s",
    "second": "s",
    "min": "min",
    "minute": "min",
    "h": "h",
    "hour": "h",
    "dollar": "$",
    "$": "$",
    "l": "l",
    "litre": "l",
    "liter": "l",
}
_QUANTITY = re.compile(
    r"(\$\s?)?(\d+(?:\.\d+)?)\s*(°|%|(?:square |cubic )?(?:[a-zA-Z]+))?",
)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_ANGLE = re.compile(r"∠\s?[A-Z]{1,3}")
_FUNCTION = re.compile(r"\b[a-z]\([a-z0-9]\)")


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    word = word.lower().removeprefix("square ").removeprefix("cubic ")
    return _UNIT_WORDS.get(word) or _UNIT_WORDS.get(word.rstrip("s"))


def quantities(text: str) -> list[tuple[str, str]]:
    """``(number, unit)`` for each number written with a unit: ``48 cm`` → ``("48", "cm")``, ``$12`` → ``("12", "$")``."""
    found = []
    for dollar, number, word in _QUANTITY.findall(text):
        unit = "$" if dollar else _unit(word)
        if unit:
            found.append((numbers_in(number)[0], unit))
    return found


def lost_units(source: str, result: str) -> list[str]:
    """Quantities of ``source`` whose number is no longer written with the same unit."""
    return [f"{number} {unit}" for number, unit in not_kept(quantities(source), quantities(result))]


def ask_terms(text: str) -> set[str]:
    """The names of points and objects, angles and functions a text mentions."""
    return names_in(text) | set(_ANGLE.findall(text)) | set(_FUNCTION.findall(text))


def asked(question: str) -> str:
    """The question sentence (the last sentence when it does not start like a question)."""
    parts = split_question(question)
    return parts.ask if parts else _SENTENCES.split(question.strip())[-1]


def rewrite_problems(source: str, result: str, answer: str) -> list[str]:
    """Why ``result`` is not an acceptable rewrite of ``source`` (empty when it is); numbers of the
    question sentence are givens too, so ``missing_givens`` already requires them."""
    problems = []
    if " ".join(result.split()) == " ".join(source.split()):
        return ["the rewrite is the original problem unchanged; reword it"]
    missing = missing_givens(source, result)
    if missing:
        problems.append(f"these givens of the original are missing or changed: {', '.join(missing)}")
    lost = lost_units(source, result)
    if lost:
        problems.append(f"these quantities lost their unit or changed it: {', '.join(lost)}")
    ending, _ = split_instructions(result)  # instructions and options follow the question sentence
    tail = " ".join(_SENTENCES.split(ending.strip())[-2:])
    absent = sorted(ask_terms(asked(source)) - ask_terms(tail))
    if absent:
        problems.append(f"the final sentence must ask for the same quantity as the original, naming {', '.join(absent)}")
    shown = answer.strip()
    if len(shown) >= 2 and shown not in source and shown in result:  # an option lists it in both
        problems.append(f"the rewrite gives away the answer {shown}")
    return problems

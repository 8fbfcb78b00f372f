"""Reading the parts of a question's text that transforms rewrite.

Textbook questions state their givens first and end with one question sentence ("Find BC.",
"What is the area of ...?"). Step rules replace that final sentence; context templates wrap the
givens in a scenario. Everything here is deterministic string work, no language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ASK_START = re.compile(
    r"^(find|what|calculate|compute|determine|how|evaluate|give|work out|show|express|solve)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z(∠△])")
_NUMBER = re.compile(r"(?<![A-Za-z_])-?\d+(?:\.\d+)?(?:/\d+)?")
_POINT_NAME = re.compile(r"\b[A-Z]\b|\b[A-Z]{2,4}\b")


@dataclass(frozen=True)
class QuestionParts:
    """``stem`` holds the givens, ``ask`` the final question sentence."""

    stem: str
    ask: str


def split_question(question: str) -> QuestionParts | None:
    """Split off the final question sentence; None when the text does not end with one."""
    sentences = [s for s in _SENTENCE.split(question.strip()) if s]
    if not sentences or not _ASK_START.match(sentences[-1]):
        return None
    return QuestionParts(" ".join(sentences[:-1]), sentences[-1])


def lower_first(sentence: str) -> str:
    """``Find BC.`` → ``find BC.`` (keeps point names and acronyms upper-case)."""
    if len(sentence) > 1 and sentence[0].isupper() and not sentence[1].isupper():
        return sentence[0].lower() + sentence[1:]
    return sentence


_WHAT_IS = re.compile(r"^what (?:is|are) (.+?)\s*\?$", re.IGNORECASE | re.DOTALL)


def as_instruction(ask: str) -> str:
    """The ask as a lower-case instruction that can follow "... asks you to":
    ``What is the area of ABCD?`` → ``find the area of ABCD.``; ``Find BC.`` → ``find BC.``"""
    ask = ask.strip()
    match = _WHAT_IS.match(ask)
    if match:
        return f"find {match.group(1)}."
    if _ASK_START.match(ask) and not ask.endswith("?"):
        return lower_first(ask)
    return f"answer this question: {ask}"


_NOUN_ASK = re.compile(
    r"^(?:find|calculate|compute|determine|work out|evaluate|what is|what are)\s+(.+?)\s*[.?]$", re.IGNORECASE | re.DOTALL
)


def as_noun_phrase(ask: str) -> str | None:
    """The quantity an ask names: ``What is the minimum value of f(x)?`` → ``the minimum value of
    f(x)``; None for asks that do not name a quantity (``How many ...?``)."""
    match = _NOUN_ASK.match(ask.strip())
    return match.group(1) if match else None


def numbers_in(text: str) -> list[str]:
    """The numbers a text states, normalised (``3.0`` and ``3`` are the same given)."""
    found = []
    for token in _NUMBER.findall(text.replace("−", "-")):
        token = token.lstrip("-")
        if "." in token:
            token = token.rstrip("0").rstrip(".")
        found.append(token)
    return found


def names_in(text: str) -> set[str]:
    """Point and figure names written in capitals: ``A``, ``BC``, ``ABC``, ``ABCD``."""
    return set(_POINT_NAME.findall(text)) - {"I"}


def missing_givens(source: str, result: str) -> list[str]:
    """Numbers and names of ``source`` that ``result`` no longer states (empty means all kept)."""
    remaining = numbers_in(result)
    missing = []
    for number in numbers_in(source):
        if number in remaining:
            remaining.remove(number)
        else:
            missing.append(number)
    missing += sorted(names_in(source) - names_in(result))
    return missing


_GIVEN_LENGTH = re.compile(r"(?<![A-Za-z∠])(?<!= )([A-Z])([A-Z]) = (\d+(?:\.\d+)?)(?: ?(cm|mm|km|m|units?)\b)?(?![\d.]*\d)(?! =)")
_GIVEN_ANGLE = re.compile(r"∠([A-Z])([A-Z])([A-Z]) = (\d+(?:\.\d+)?)°")


@dataclass(frozen=True)
class Given:
    """A measurement stated in the text: ``AB = 5`` (a length) or ``∠BAC = 60°`` (an angle)."""

    text: str
    kind: str
    points: tuple[str, ...]
    shown: str


def stated_measures(stem: str) -> list[Given]:
    """The lengths and angles a question's givens state with a number, in reading order."""
    found = [
        (m.start(), Given(m.group(0), "length", (m.group(1), m.group(2)), " ".join(filter(None, (m.group(3), m.group(4))))))
        for m in _GIVEN_LENGTH.finditer(stem)
    ]
    found += [(m.start(), Given(m.group(0), "angle", m.groups()[:3], f"{m.group(4)}°")) for m in _GIVEN_ANGLE.finditer(stem)]
    return [given for _, given in sorted(found, key=lambda item: item[0])]


def without_given(stem: str, given: str) -> str | None:
    """The stem with one given taken out of its list, keeping the sentence grammatical:
    ``AB = 5, AC = 8 and ∠A = 60°`` loses ``AC = 8`` as ``AB = 5 and ∠A = 60°``. None when
    the given does not sit in a list it can leave cleanly."""
    g = re.escape(given)
    for pattern, replacement in (
        (rf", {g} and ", " and "),
        (rf" and {g}(?=[.,;])", ""),
        (rf"(?<=[ (]){g}, ", ""),
        (rf"(?<=[ (]){g} and ", ""),
        (rf", {g}(?=[.;])", ""),
    ):
        changed, count = re.subn(pattern, replacement, stem, count=1)
        if count:
            return changed
    return None

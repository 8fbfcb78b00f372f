"""The givens of a question: the numbers and names it states, and its stated measures.

A rewrite must keep every given (``missing_givens``); a visual kind may move a stated length or
angle out of the text and into the figure (``stated_measures``, ``without_given``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

_NUMBER = re.compile(r"(?<![A-Za-z_])-?\d+(?:\.\d+)?(?:/\d+)?")
_POINT_NAME = re.compile(r"\b[A-Z]\b|\b[A-Z]{2,4}\b")


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


T = TypeVar("T")


def not_kept(before: list[T], after: list[T]) -> list[T]:
    """The items of ``before`` that ``after`` lacks, counted with repeats, in ``before``'s order."""
    remaining = list(after)
    lost = []
    for item in before:
        if item in remaining:
            remaining.remove(item)
        else:
            lost.append(item)
    return lost


def missing_givens(source: str, result: str) -> list[str]:
    """Numbers and names of ``source`` that ``result`` no longer states (empty means all kept)."""
    return not_kept(numbers_in(source), numbers_in(result)) + sorted(names_in(source) - names_in(result))


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
    ``AB = 5, AC = 8 and ∠A = 60°`` loses ``AC = 8`` as ``AB = 5 and ∠A = 60°``, and ``In sector
    OAB, OA = 6 and ∠AOB = 120°`` loses ``OA = 6`` as ``In sector OAB, ∠AOB = 120°``. None when
    the given does not sit in a list it can leave cleanly."""
    g = re.escape(given)
    for pattern, replacement in (
        (rf"((?:^|(?<=\. ))In [^,.]+, ){g} and ", r"\1"),  # "In sector OAB, OA = 6 and ∠AOB = 120°"
        (rf", {g} and ", " and "),
        # "AB = 3, BC = 4 and PA = 12" loses PA = 12 as "AB = 3 and BC = 4"
        (rf"(?P<prev>[=⊥∥][^,.;]*), (?P<last>[^,.;]*?[=⊥∥][^,.;]*?) and {g}(?=[.,;])", r"\g<prev> and \g<last>"),
        (rf" and {g}(?=[.,;])", ""),
        (rf"(?<=[ (]){g}, ", ""),
        (rf"(?<=[ (]){g} and ", ""),
        (rf", {g}(?=[.;])", ""),
    ):
        changed, count = re.subn(pattern, replacement, stem, count=1)
        if count:
            return None if _BARE_OPENING.search(changed) else changed  # "In the figure." says nothing
    return None


#: A sentence that is only an opening, left when its one given went: "In the figure." "In △ABC."
_BARE_OPENING = re.compile(r"(?:^|[.?!]\s+)In [^,.;]+\.")

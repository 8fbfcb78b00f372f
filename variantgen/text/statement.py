"""Reading a question for a scenario (φ_c): the figure, its facts, the other givens, the ask.

A scenario template restates the givens in its own sentences. ``read_statement`` takes the
question apart into what a template needs — the figure the first sentence is about and the facts
stated of it, the other givens, notes about the figure, the definitions a step chain added, and
the question sentence — without ever rewording a given: every piece is a verbatim span of the
source, at most with its first letter lower-cased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from variantgen.text.grammar import as_clause, lower_start, upper_first
from variantgen.text.question import sentences_of, split_question

_FIGURE_NOUN = (
    r"(?:triangle|quadrilateral|rectangle|square|rhombus|parallelogram|trapezoid|trapezium|kite|"
    r"pentagon|hexagon|polygon|circle|semicircle|sector)"
)
_FIGURE = re.compile(rf"^(?P<kind>(?:[a-z-]+ )*?{_FIGURE_NOUN}) (?P<name>[A-Z]{{1,6}})$")
_IN_FIGURE = re.compile(r"^In (?P<where>[^,]+), (?P<facts>.+)$", re.DOTALL)
_IS_A_FIGURE = re.compile(
    rf"^(?:[A-Z][a-z]+ )?(?P<name>[A-Z]{{2,6}}) is an? (?P<kind>(?:[a-z-]+ )*?{_FIGURE_NOUN}) with (?P<facts>.+)$",
    re.DOTALL,
)
_FIGURE_HAS = re.compile(  # read after lower_start: "triangle ABC has AB = 3, BC = 4 and CA = 5"
    rf"^(?:the )?(?P<kind>(?:[a-z-]+ )*?{_FIGURE_NOUN}) (?P<name>[A-Z]{{2,6}}) has (?P<facts>∠?[A-Z]{{1,4}} = .+)$", re.DOTALL
)
_IMPERATIVE = re.compile(r"^(?:Suppose|Assume)(?: that)? (?P<rest>.+)$", re.DOTALL)
_CONSIDER_FUNCTION = re.compile(
    r"^Consider (?:the |a |an )?(?P<kind>(?:[a-z-]+ )*?function) (?P<formula>(?P<name>[a-z])\(x\) = .+)$", re.DOTALL
)
_PLACES = {"the figure": "figure", "the diagram": "figure", "the coordinate plane": "plane", "the plane": "plane"}
_LET = re.compile(r"^Let (?P<var>[a-zA-Z]|[A-Z]{2,6}) be (?P<what>.+?)\.?$", re.DOTALL)
_NOTE = re.compile(r"^The (?:figure|diagram) (?:marks|shows|labels)\b")
_NEW_OBJECT = re.compile(r"^An? [a-z]")
_SHAPES = {
    "triangle": "triangular",
    "rectangle": "rectangular",
    "square": "square",
    "circle": "circular",
    "semicircle": "semicircular",
    "rhombus": "four-sided",
    "parallelogram": "four-sided",
    "trapezoid": "four-sided",
    "trapezium": "four-sided",
    "kite": "four-sided",
    "quadrilateral": "four-sided",
    "pentagon": "five-sided",
    "hexagon": "six-sided",
}


@dataclass(frozen=True)
class Statement:
    """A question taken apart for a scenario template.

    ``figure`` is what the first sentence is about when it names it ("isosceles triangle ABC",
    "quadratic function f(x) = x^2 - 6x + 5"), with ``kind`` and ``name`` its parts, and ``facts``
    the clause the sentence states of it ("AB = AC = 10 and BC = 12"); when the first sentence has
    no such form, ``figure`` is None and ``facts`` is the whole sentence as a clause ("the
    perimeter of square ABCD is 20"), so that it always reads after "... that". ``rest`` holds the
    other givens (sentences), ``notes`` what the text says the figure marks, ``steps`` the
    sentences a step chain added (definitions such as "Let m be ..."), ``ask`` the question."""

    figure: str | None
    kind: str | None
    name: str | None
    formula: str | None
    facts: str | None
    place: str | None
    rest: tuple[str, ...]
    notes: tuple[str, ...]
    steps: tuple[str, ...]
    ask: str

    @property
    def shape(self) -> str | None:
        """``triangular``, ``rectangular``, ``circular``, ``four-sided``… for the figure, if one is named."""
        if self.kind is None:
            return None
        return _SHAPES.get(self.kind.split()[-1])


def read_statement(question: str, stepped: bool = False, parse: bool = True) -> Statement | None:
    """Take a question apart (None when it does not end with a question sentence or states no
    givens). ``stepped``: the text went through a step chain, so a sentence after the first that
    introduces a new object ("A square has the same area as ...") belongs to the chain's steps.
    ``parse=False`` keeps the first sentence whole instead of reading a figure out of it."""
    parts = split_question(question)
    if parts is None or not parts.stem:
        return None
    sentences = sentences_of(parts.stem)
    first, later = sentences[0], sentences[1:]
    rest: list[str] = []
    notes: list[str] = []
    steps: list[str] = []
    for sentence in later:
        if _NOTE.match(sentence):
            notes.append(sentence)
        elif steps or _LET.match(sentence) or (stepped and _NEW_OBJECT.match(sentence)):
            steps.append(sentence)
        else:
            rest.append(sentence)
    figure = kind = name = formula = place = None
    first = _as_statement(first) if parse else first
    facts: str | None = as_clause(first)
    body = first.strip().rstrip(".")
    if not parse:
        pass
    elif match := _IN_FIGURE.match(body):
        where = match["where"]
        if where.lower() in _PLACES:
            place, facts = _PLACES[where.lower()], as_clause(match["facts"])
        elif shape := _FIGURE.match(where):
            figure, kind, name, facts = where, shape["kind"], shape["name"], as_clause(match["facts"])
    elif match := _IS_A_FIGURE.match(body) or _FIGURE_HAS.match(lower_start(body)):
        kind, name = match["kind"], match["name"]
        figure, facts = f"{kind} {name}", as_clause(match["facts"])
    elif match := _CONSIDER_FUNCTION.match(body):
        kind, name, formula = match["kind"], match["name"], match["formula"]
        figure, facts = f"{kind} {formula}", None
    return Statement(figure, kind, name, formula, facts, place, tuple(rest), tuple(notes), tuple(steps), parts.ask)


def _as_statement(sentence: str) -> str:
    """A first sentence written as an instruction, as a statement: ``Let ABC be a triangle with
    AB = 3.`` → ``ABC is a triangle with AB = 3.``; ``Suppose that AB = 5.`` → ``AB = 5.``"""
    match = _LET.match(sentence.strip())
    if match and not _CONSIDER_FUNCTION.match(sentence):
        return f"{match['var']} is {match['what']}."
    match = _IMPERATIVE.match(sentence.strip())
    if match:
        return upper_first(match["rest"])
    return sentence


def is_definition(sentence: str) -> bool:
    """Whether a sentence defines a letter: ``Let m be the area of triangle ABC.``"""
    return bool(_LET.match(sentence.strip()))


def definition_clause(sentence: str) -> str:
    """A step sentence as a clause: ``Let m be the area of ABC.`` → ``m is the area of ABC``."""
    match = _LET.match(sentence.strip())
    if match:
        return f"{match['var']} is {match['what']}"
    return as_clause(sentence)

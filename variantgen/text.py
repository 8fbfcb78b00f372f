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


# --- Reading a question for a scenario (φ_c) -------------------------------------------------
#
# A scenario template restates the givens in its own sentences. These helpers take the question
# apart into what a template needs — the figure the first sentence is about and the facts stated
# of it, the other givens, notes about the figure, the definitions a step chain added, and the
# question sentence with the kind of quantity it asks for — without ever rewording a given: every
# piece is a verbatim span of the source, at most with its first letter lower-cased.

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
_UNIT = re.compile(r"\d\s*(?:cm|mm|km|m|units?|metres?|meters?|kg|g|s|h|min|°C|dollars?|\$)\b|\$\s?\d")
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


def sentences_of(text: str) -> list[str]:
    """The sentences of a text, split as ``split_question`` splits them."""
    return [s for s in _SENTENCE.split(text.strip()) if s]


def upper_first(text: str) -> str:
    """``the perimeter of ...`` → ``The perimeter of ...``."""
    return text[:1].upper() + text[1:]


_NAME_START = re.compile(r"^(?:[A-Z](?![a-z])|[A-Z]{2})")
_ARTICLE_A = re.compile(r"^A (?!(?:is|are|was|lies|lie|has|and|or|meets|to|on|in|of|with)\b)[a-z]")


#: Words that start a sentence without being names: determiners, pronouns, prepositions, and
#: the nouns of geometry and algebra. Any other capitalised first word ("Tom", "Paris") is
#: taken for a name and kept; so is an ordinary word before a label ("Segment AC", "Circle O").
_ORDINARY = frozenset(
    """the a an this that these those each every some all any no both either neither one two three
    four five six seven eight nine ten several many most another its their his her our my your it
    they he she we you there here in on at for from to of with by if when after before during since
    while as given let suppose assume consider find what how then now also
    triangle triangles circle circles square squares rectangle rectangles quadrilateral
    parallelogram rhombus trapezoid trapezium kite polygon pentagon hexagon point points segment
    segments line lines ray rays chord chords arc arcs sector angle angles side sides diagonal
    diagonals vertex vertices function functions graph graphs region curve parabola sum product
    difference ratio number numbers integer integers length lengths width height perimeter area
    radius diameter distance volume price cost speed""".split()
)
_WORD_BEFORE_LABEL = re.compile(r"^[A-Z][a-z]+ (?:[A-Z]{1,6}|[a-z])\b(?![a-z])")


def lower_start(sentence: str) -> str:
    """Lower-case a sentence's first word when it is an ordinary word: ``The perimeter`` →
    ``the perimeter``, ``A shop`` → ``a shop``, ``Circle O`` → ``circle O``; a name stays as it
    is: ``AB is ...``, ``D lies on ...``, ``A = (1,2)``, ``PA is tangent ...``, ``Tom has ...``."""
    if _ARTICLE_A.match(sentence):
        return "a" + sentence[1:]
    if _NAME_START.match(sentence) or not sentence[:1].isupper():
        return sentence
    word = re.match(r"[A-Za-z]+", sentence)
    if word and (word.group(0).lower() in _ORDINARY or _WORD_BEFORE_LABEL.match(sentence)):
        return sentence[0].lower() + sentence[1:]
    return sentence


def as_clause(sentence: str) -> str:
    """A sentence as a clause that can follow "given that" or "and": first word lower-cased
    (unless it is a name such as ``AB`` or ``D``) and the final full stop dropped."""
    return lower_start(sentence.strip()).rstrip(".").rstrip()


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


def states_units(text: str) -> bool:
    """Whether a text writes any of its numbers with a unit (``48 cm``, ``6 units``, ``$5``)."""
    return bool(_UNIT.search(text))


def is_definition(sentence: str) -> bool:
    """Whether a sentence defines a letter: ``Let m be the area of triangle ABC.``"""
    return bool(_LET.match(sentence.strip()))


def loses_article_a(question: str, lowered: list[str]) -> bool:
    """Whether writing the sentences ``lowered`` (sentences of ``question``) with a lower-case
    first word would leave the text without a standalone capital ``A``. ``names_in`` reads the
    article of "A shop sells ..." as the point A, so the article must then stay capitalised."""
    if "A" not in names_in(question):
        return False
    text = question
    for sentence in lowered:
        if _ARTICLE_A.match(sentence):
            text = text.replace(sentence, "a" + sentence[1:], 1)
    return "A" not in names_in(text)


def definition_clause(sentence: str) -> str:
    """A step sentence as a clause: ``Let m be the area of ABC.`` → ``m is the area of ABC``."""
    match = _LET.match(sentence.strip())
    if match:
        return f"{match['var']} is {match['what']}"
    return as_clause(sentence)


def _depth_split(text: str, separators: tuple[str, ...]) -> list[tuple[str, str]]:
    """Pieces of ``text`` between top-level separators (not inside brackets), with the separator
    that precedes each piece ("" for the first)."""
    pieces: list[tuple[str, str]] = []
    depth, start, sep, i = 0, 0, "", 0
    while i < len(text):
        char = text[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0:
            found = next((s for s in separators if text.startswith(s, i)), None)
            if found:
                pieces.append((sep, text[start:i]))
                sep, start = found, i + len(found)
                i += len(found)
                continue
        i += 1
    pieces.append((sep, text[start:]))
    return pieces


_CONDITION_START = re.compile(
    r"^(?:∠?[A-Z]{1,4}\s*(?:=|∥|⊥|≅|~)|[A-Z]{1,4} (?:is|are|lies|lie|meets|has|bisects)\b|(?:the|its) )"
)
_CONDITION = re.compile(r"=|∥|⊥|≅|\b(?:is|are|lies|lie|meets|has|have|bisects)\b")
_LISTING = re.compile(r"\b(?:are|were)\b[^=]*=")  # "the vertices are A = (1,5), B = (0,0) and C = (6,0)"
_EQUATION = re.compile(r"^∠?[A-Z]{1,4}\s*=")


def split_conditions(clause: str) -> list[str]:
    """A list of conditions written as one clause, one condition each:
    ``AB = 5, AC = 8 and ∠BAC = 60°`` → ``["AB = 5", "AC = 8", "∠BAC = 60°"]``. A separator
    splits only where both sides read as conditions of their own, so ``C is a point different
    from A and B`` and ``D and E are the midpoints of AB and AC`` stay whole."""
    pieces = _depth_split(clause, (", and ", ", ", " and "))
    merged: list[str] = []
    for sep, piece in pieces:
        piece = piece.strip()
        in_list = merged and _LISTING.search(merged[-1]) and _EQUATION.match(piece)
        if merged and (in_list or not (_CONDITION_START.match(piece) and _CONDITION.search(merged[-1]))):
            merged[-1] = f"{merged[-1]}{sep}{piece}"
        else:
            merged.append(piece)
    # a piece that left its predecessor with no condition of its own goes back to it
    out: list[str] = []
    for piece in merged:
        if out and not _CONDITION.search(out[-1]):
            out[-1] = f"{out[-1]} and {piece}"
        else:
            out.append(piece)
    return out


def join_and(items: list[str] | tuple[str, ...], separator: str = ", ") -> str:
    """``["a", "b", "c"]`` → ``a, b and c``; with ``"; "``: ``a; b; and c`` (two: ``a and b``); with a separator
    that is a conjunction already (``" and that "``), just joined by it."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if separator == ", " or (len(items) == 2 and separator.strip() in (";", ",")):
        return ", ".join(items[:-1]) + " and " + items[-1]
    if separator.strip() in (";", ","):
        return separator.join(items[:-1]) + f"{separator}and " + items[-1]
    return separator.join(items)


_HOW_MANY = re.compile(
    r"^how (many|much) (?P<what>.+?) (?P<aux>do|does|did) (?P<subject>.+?) (?P<verb>[a-z]+)"
    r"(?P<tail>(?: .+?)?)\s*\?$",
    re.IGNORECASE | re.DOTALL,
)
_HOW_MANY_THERE = re.compile(
    r"^how (many|much) (?P<what>.+?) (?P<be>are|is|were|was) there(?P<tail>.*?)\s*\?$", re.IGNORECASE | re.DOTALL
)
_HOW_MANY_SUBJECT = re.compile(r"^how (many|much) (?P<rest>.+?)\s*\?$", re.IGNORECASE | re.DOTALL)
_IRREGULAR = {"have": "has", "do": "does", "go": "goes", "be": "is"}


def _third_person(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def indirect_question(ask: str) -> str | None:
    """A direct ``How many ...?`` question as an indirect one: ``How many dollars do 12 pencils
    cost?`` → ``how many dollars 12 pencils cost``; None for other questions."""
    ask = ask.strip()
    if match := _HOW_MANY.match(ask):
        verb = match["verb"]
        if match["aux"].lower() == "does":
            verb = _third_person(verb)
        elif match["aux"].lower() == "did":
            return None  # the past tense of an arbitrary verb is not guessable
        return f"how {match.group(1).lower()} {match['what']} {match['subject']} {verb}{match['tail']}"
    if match := _HOW_MANY_THERE.match(ask):
        return f"how {match.group(1).lower()} {match['what']} there {match['be']}{match['tail']}"
    if (match := _HOW_MANY_SUBJECT.match(ask)) and not re.search(r"\b(?:do|does|did|can|could|will|would|should|must)\b", ask):
        return f"how {match.group(1).lower()} {match['rest']}"
    return None


def goal_of(ask: str) -> str | None:
    """What a question sentence asks for, as the object of "Determine ...": a noun phrase
    (``the minimum value of f(x)``) or an indirect question (``how many dollars 12 pencils
    cost``); None when the sentence asks for something else (``Show that ...``)."""
    return as_noun_phrase(ask) or indirect_question(ask)


def as_request(ask: str) -> str:
    """The ask as a lower-case instruction that can follow "..., so she needs to":
    like ``as_instruction``, and ``How many dollars do 12 pencils cost?`` → ``work out how many
    dollars 12 pencils cost.``"""
    indirect = indirect_question(ask)
    if indirect is not None:
        return f"work out {indirect}."
    return as_instruction(ask)


_QUANTITY_KINDS: tuple[tuple[str, str], ...] = (
    ("money", r"\bdollars?\b|\bcents?\b|\bpounds?\b|\beuros?\b|\$|\bcost\b|\bprice\b|\bspend\b|\bpay\b"),
    ("ratio", r"\b(?:sin|cos|tan|sine|cosine|tangent of ∠)\b|\bratio\b"),
    ("intersection", r"\bintersection\b|\bmeet\b"),
    ("root", r"\bcrosses the x-axis\b|\bcrossing point\b|\bx-intercept\b|\broots?\b|\bzeros?\b|\bsolution of\b"),
    ("minimum", r"\bminimum\b|\bleast value\b|\bsmallest value\b"),
    ("maximum", r"\bmaximum\b|\bgreatest value\b|\blargest value\b"),
    ("period", r"\bperiod\b"),
    ("slope", r"\bslope\b|\bgradient\b"),
    ("perimeter", r"\bperimeter\b|\bcircumference\b"),
    ("area", r"\barea\b"),
    ("angle", r"∠|\bangle\b"),
    (
        "length",
        r"\b(?:length|distance|radius|diameter|side|diagonal|hypotenuse|height|altitude|median|chord|segment|width)\b"
        r"|^[A-Z]{2}$",
    ),
    ("coordinate", r"\bcoordinates?\b|\bx-coordinate\b|\by-coordinate\b"),
    ("value", r"\bvalue of [a-z]\(|^[a-z]\(.+\)$|\bvalue\b"),
    ("count", r"^how many\b"),
    ("number", r"\bnumber\b|\bintegers?\b|\blarger\b|\bsmaller\b|\bsum\b|\bproduct\b"),
)


def quantity_kind(ask: str) -> str:
    """The kind of quantity a question sentence asks for, read from its head noun: ``length``,
    ``area``, ``perimeter``, ``angle``, ``ratio``, ``slope``, ``coordinate``, ``root``,
    ``intersection``, ``minimum``, ``maximum``, ``value``, ``period``, ``money``, ``count``,
    ``number`` or ``other``. ``the length of the arc of a sector with central angle 60°`` is a
    length: only the words before the first "of" count, unless they are as vague as "the value"."""
    ask = ask.strip()
    phrase = as_noun_phrase(ask)
    if phrase is None:
        text = ask.rstrip("?.").strip()
        for kind, pattern in _QUANTITY_KINDS:
            if kind in ("money", "count") and re.search(pattern, text, re.IGNORECASE):
                return kind
        return "other"
    head, _, tail = phrase.partition(" of ")
    vague = re.fullmatch(r"(?:the )?(?:measure|value|size|x-coordinate|y-coordinate|coordinates)", head.strip())
    for text in (head, phrase) if not vague else (phrase,):
        for kind, pattern in _QUANTITY_KINDS:
            if kind == "count":
                continue
            if re.search(pattern, text.strip(), re.IGNORECASE if kind != "length" else 0):
                if vague and kind in ("value", "coordinate") and text is phrase:
                    # "the x-coordinate of the point where the graph crosses the x-axis" is a root
                    better = next((k for k, p in _QUANTITY_KINDS[:5] if re.search(p, tail, re.IGNORECASE)), None)
                    return better or kind
                return kind
    return "other"

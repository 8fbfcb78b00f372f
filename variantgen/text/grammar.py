"""English for scenarios: turning the pieces of a question into clauses a template can use.

``The perimeter of ABCD is 20.`` becomes the clause ``the perimeter of ABCD is 20`` (after "given
that"), ``Find BC.`` the instruction ``find BC.``, ``How many dollars do 12 pencils cost?`` the
indirect question ``how many dollars 12 pencils cost``; lists of conditions are split and joined
again with "and". Point names and other proper names keep their capitals.
"""

from __future__ import annotations

import re

from variantgen.text.givens import names_in
from variantgen.text.question import ASK_START, as_noun_phrase


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
    if ASK_START.match(ask) and not ask.endswith("?"):
        return lower_first(ask)
    return f"answer this question: {ask}"


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


_CONSIDER = re.compile(r"^Consider (?:the |a |an )?(?P<noun>(?:[a-z-]+ )*?function) (?P<formula>[a-z]\([a-z]\) = .+)$", re.DOTALL)


def as_clause(sentence: str) -> str:
    """A sentence as a clause that can follow "given that" or "and": first word lower-cased
    (unless it is a name such as ``AB`` or ``D``) and the final full stop dropped. An imperative
    "Consider the function f(x) = …" becomes the statement "the function is f(x) = …"."""
    sentence = sentence.strip().rstrip(".").rstrip()
    if match := _CONSIDER.match(sentence):
        return f"the {match['noun']} is {match['formula']}"
    return lower_start(sentence)


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
    r"^(?:(?:(?:chord|side|segment|arc|radius|diameter) )?∠?[A-Z]{1,4}\s*(?:=|∥|⊥|≅|~)"  # AB = 5, chord AB = 6
    r"|(?:[A-Z]{1,4}(?:, | and ))*[A-Z]{1,4} (?:is|are|lies|lie|meets|has|bisects)\b"  # OA and OB are radii
    r"|(?:the|its) )"
)
_CONDITION = re.compile(r"=|∥|⊥|≅|\b(?:is|are|lies|lie|meets|has|have|bisects)\b")
_LISTING = re.compile(r"\b(?:are|were)\b[^=]*=")  # "the vertices are A = (1,5), B = (0,0) and C = (6,0)"
_EQUATION = re.compile(r"^∠?[A-Z]{1,4}\s*=")


def split_conditions(clause: str) -> list[str]:
    """A list of conditions written as one clause, one condition each:
    ``AB = 5, AC = 8 and ∠BAC = 60°`` → ``["AB = 5", "AC = 8", "∠BAC = 60°"]``. A separator
    splits only where both sides read as conditions of their own, so ``C is a point different
    from A and B`` and ``D and E are the midpoints of AB and AC`` stay whole."""
    pieces = _plural_subjects(_depth_split(clause, (", and ", ", ", " and ")))
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


_NAMES_ONLY = re.compile(r"^(?:∠?[A-Z]{1,4}, )*∠?[A-Z]{1,4}$")
_PLURAL_VERB = re.compile(r"^∠?[A-Z]{1,4} (?:are|lie|have|meet|intersect)\b")


def _plural_subjects(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``OA`` · ``and`` · ``OB are radii`` is one condition with a plural subject, not two."""
    out: list[tuple[str, str]] = []
    for sep, piece in pieces:
        if out and sep == " and " and _NAMES_ONLY.match(out[-1][1].strip()) and _PLURAL_VERB.match(piece.strip()):
            out[-1] = (out[-1][0], f"{out[-1][1]} and {piece}")
        else:
            out.append((sep, piece))
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
    r"^how (many|much|far|long|high|tall|wide|deep|fast) (?:(?P<what>.+?) )?"
    r"(?P<aux>do|does|did|can|could|will|would|should|must) (?P<clause>.+?)\s*\?$",
    re.IGNORECASE | re.DOTALL,
)
#: Words that end no subject ("the" in "does the polygon have") and words a clause's tail starts with.
_DETERMINERS = frozenset("the a an this that these those each every her his their its my our your".split())
_TAIL_WORDS = frozenset(
    "in on at for to with from by per each altogether together if when after before during over under than up down "
    "left now then today still back away".split()
)


def _subject_and_verb(clause: str) -> tuple[str, str, str] | None:
    """``the polygon have`` → (``the polygon``, ``have``, ``""``); ``12 pencils cost in total``
    → (``12 pencils``, ``cost``, `` in total``): the first split whose subject does not end with
    a determiner and whose tail is empty or starts with a preposition."""
    words = clause.split()
    for k in range(1, len(words)):
        subject, verb, tail = words[:k], words[k], words[k + 1 :]
        if subject[-1].lower() in _DETERMINERS or not re.fullmatch(r"[a-z]+", verb):
            continue
        if not tail or tail[0].lower() in _TAIL_WORDS:
            return " ".join(subject), verb, "".join(f" {w}" for w in tail)
    return None


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
    if (match := _HOW_MANY.match(ask)) and (parts := _subject_and_verb(match["clause"])):
        subject, verb, tail = parts
        aux = match["aux"].lower()
        if aux == "does":
            verb = _third_person(verb)
        elif aux == "did":
            return None  # the past tense of an arbitrary verb is not guessable
        elif aux != "do":
            verb = f"{aux} {verb}"  # how far it can travel
        what = f" {match['what']}" if match["what"] else ""
        return f"how {match.group(1).lower()}{what} {subject} {verb}{tail}"
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


_UNIT = re.compile(r"\d\s*(?:cm|mm|km|m|units?|metres?|meters?|kg|g|s|h|min|°C|dollars?|\$)\b|\$\s?\d")


def states_units(text: str) -> bool:
    """Whether a text writes any of its numbers with a unit (``48 cm``, ``6 units``, ``$5``)."""
    return bool(_UNIT.search(text))

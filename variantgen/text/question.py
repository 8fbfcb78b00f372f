"""Reading a question: its givens (the stem) and the final question sentence (the ask).

Textbook questions state their givens first and end with one question sentence ("Find BC.",
"What is the area of ...?"). Step rules replace that final sentence; context templates wrap the
givens in a scenario and need to know what kind of quantity the ask is after. Everything here is
deterministic string work, no language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from variantgen.text.choices import split_choices

#: How a question sentence starts: "Find ...", "What is ...", "How many ...".
_ASK_WORDS = r"(?:find|what|how|calculate|compute|determine|evaluate|work out|give|show|express|solve)\b"
ASK_START = re.compile(rf"^{_ASK_WORDS}", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z(∠△])")


@dataclass(frozen=True)
class QuestionParts:
    """``stem`` holds the givens, ``ask`` the final question sentence."""

    stem: str
    ask: str


#: A function defined inside a one-sentence question: "Find the minimum value of f(x) = x² − 4x + 3."
_DEFINED_IN_ASK = re.compile(
    r"\b(?P<name>[a-zA-Z])\((?P<var>[a-z])\)\s*=\s*(?P<rule>[^,?]+?)(?=\s*(?:,|\?|\.?$|\s(?:on|for|over|when|if)\s))"
)


#: "If the radius of each circle is 4, what is the area of the square?"
_CONDITION = re.compile(
    rf"^(?:if|given that|suppose that|suppose|assuming that|when)\s+(?P<given>[^?]+?),\s*(?:then\s+)?(?P<ask>{_ASK_WORDS}.+)$",
    re.IGNORECASE | re.DOTALL,
)
#: "Hence, find ...", "Then find ..."
_CONNECTIVE = re.compile(rf"^(?:hence|thus|therefore|then|so)\s*,?\s+(?={_ASK_WORDS})", re.IGNORECASE)
#: "..., then the measure of ∠EAD is ( )." and other blanks to fill in, with the blank's unit
#: where one follows it ("The length of its diagonal is ( ) cm.").
_BLANK = re.compile(
    r"^(?:(?:if|given that|suppose)\s+(?P<given>.+?),\s*)?(?:then\s+)?(?P<subject>.+?)\s+(?:is equal to|is|equals|=)\s*"
    r"(?:\(\s*\)|（\s*）|_{2,}|\[\s*\])\s*(?P<unit>(?:square |cubic )?[a-zA-Z]{1,12}(?:[²³]|\^[23])?)?\s*[.?。]?$",
    re.IGNORECASE | re.DOTALL,
)
#: "What is the value of x if 2x + 5 = 17?": the condition after the ask.
_TRAILING_CONDITION = re.compile(
    rf"^(?P<ask>{_ASK_WORDS}[^?]+?),?\s+(?:if|given that|when)\s+(?P<given>[^?]*[=<>≤≥∥⊥][^?]*)\s*[?.]$",
    re.IGNORECASE | re.DOTALL,
)
#: "At this speed, how far does it travel in 5 hours?": a short phrase before the ask words.
_LEADING_PHRASE = re.compile(
    rf"^(?P<lead>(?:at|in|on|with|for|by|after|under|from|using)\s[^,]{{1,40}}),\s*(?P<ask>{_ASK_WORDS}.+?)(?P<end>[?.])$",
    re.IGNORECASE | re.DOTALL,
)
#: "Solve for the unknown w: 3w + 7 = 25."
_SOLVE_FOR = re.compile(
    r"^solve for (?:the (?:unknown|variable|value of) )?(?P<unknown>[a-zA-Z])\s*[:,.]?\s*(?:in |if |where |given )?"
    r"(?P<equation>[^=]+=[^=]+?)\.?$",
    re.IGNORECASE | re.DOTALL,
)
#: Sentences after the question that say how to answer it: "Round your answer to two decimal
#: places.", "Give your answer in simplest form.", "Express your answer in terms of π."
INSTRUCTION = re.compile(
    r"^(?:round\b|(?:give|express|write|leave|state|simplify|enter) (?:your|the|each) answers?\b|answer (?:in|to|as)\b|"
    r"use (?:π|pi)\b|(?:give|express) it (?:in|as|to)\b)",
    re.IGNORECASE,
)
#: "As shown in the figure, in triangle ABC, ..." (the figure is shown anyway).
_OPENING = re.compile(
    r"^(?:as shown in the (?:figure|diagram)|as shown|in the (?:figure|diagram) below)\s*[,:]\s*", re.IGNORECASE
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def split_instructions(question: str) -> tuple[str, str]:
    """The question and what is written after it: instructions ("Round your answer to two
    decimal places.") and multiple-choice options, which a rewrite keeps as they are, after its
    own question sentence."""
    core, options = split_choices(question)
    listed = question[len(core) :].strip() if options else ""
    sentences = sentences_of(core)
    end = len(sentences)
    while end > 1 and INSTRUCTION.match(sentences[end - 1]):
        end -= 1
    tail = " ".join(sentences[end:])
    if end == len(sentences):
        return core.strip(), listed
    return " ".join(sentences[:end]), f"{tail}\n{listed}" if listed else tail


def _as_written_in_textbooks(question: str) -> list[str]:
    """The sentences of a question as this module reads them: an opening "As shown in the
    figure," and the instructions after the question dropped, and a final sentence that states a
    condition, starts with "Hence", leads with a phrase or leaves a blank turned into givens and
    one question sentence ("If AB = 4, what is BC?" → "AB = 4." and "What is BC?"; "…, then ∠EAD
    is ( )." → "Find ∠EAD."; "What is x if 2x + 5 = 17?" → "2x + 5 = 17." and "What is x?")."""
    core, _ = split_instructions(_OPENING.sub("", question.strip()))
    sentences = sentences_of(_capital(core))
    if not sentences:
        return sentences
    *before, last = sentences
    last = _capital(_CONNECTIVE.sub("", last))
    given = None
    if (m := _BLANK.match(last)) and not ASK_START.match(last):
        given, unit = m.group("given"), m.group("unit")
        subject = m.group("subject").strip()
        subject = subject[:1].lower() + subject[1:] if re.match(r"[A-Z][a-z]", subject) else subject
        last = f"Find {subject}" + (f" in {unit}." if unit else ".")
    elif m := _CONDITION.match(last):
        given, last = m.group("given"), _capital(m.group("ask").strip())
    elif m := _SOLVE_FOR.match(last):
        given, last = m.group("equation").strip(), f"Find {m.group('unknown')}."
    elif m := re.fullmatch(r"Solve for (?P<unknown>[^.?=]+)[.?]", last):  # after its givens: "Solve for AC."
        last = f"Find {m.group('unknown').strip()}."
    elif m := _TRAILING_CONDITION.match(last):
        given, last = m.group("given"), _capital(m.group("ask").strip()) + "?"
    elif m := _LEADING_PHRASE.match(last):
        last = f"{_capital(m.group('ask').strip())} {m.group('lead')[:1].lower()}{m.group('lead')[1:]}{m.group('end')}"
    if given:
        before.append(_capital(given.strip()) + ".")
    return [*before, last]


_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_CHINESE_SENTENCE = re.compile(r"(?<=[。．？！；?!])\s*")
_CHINESE_OPENING = re.compile(r"^(?:如图所示|如图)[，,：:]\s*")
_CHINESE_CONDITION = re.compile(r"^(?:若|如果|已知|设)(?P<given>.+?)[，,]\s*(?:则|那么|求)(?P<ask>.+)$", re.DOTALL)
_CHINESE_ASK = re.compile(r"求|多少|几|是什么|为何|\(\s*\)|（\s*）|_{2,}|[?？]$")


#: Why an offline transform that writes sentences leaves a Chinese question alone.
ENGLISH_ONLY = "the question is in Chinese and variantgen's offline sentences are English"


def is_chinese(text: str) -> bool:
    """Whether a question is written in Chinese (it holds Chinese characters)."""
    return bool(_CHINESE.search(text))


def _split_chinese(question: str) -> QuestionParts | None:
    """A Chinese question's givens and ask: "如图，在△ABC中，AD是角平分线．若∠B＝40°，则∠EAD的度数为多少？"
    → "在△ABC中，AD是角平分线．∠B＝40°。" and "∠EAD的度数为多少？"."""
    sentences = [s for s in _CHINESE_SENTENCE.split(_CHINESE_OPENING.sub("", question.strip())) if s]
    if not sentences:
        return None
    *before, last = sentences
    if m := _CHINESE_CONDITION.match(last):
        before.append(m.group("given").strip() + "。")
        last = ("求" if last[m.end("given") :].lstrip("，, ").startswith("求") else "") + m.group("ask").strip()
    elif "，" in last and not _CHINESE_ASK.search(last.split("，")[0]):
        given, _, last = last.rpartition("，")  # "长方形的长是8厘米，宽是5厘米，它的面积是多少？"
        before.append(given + "。")
    if not _CHINESE_ASK.search(last):
        return None
    return QuestionParts("".join(before), last)


def split_question(question: str) -> QuestionParts | None:
    """Split off the final question sentence; None when the text does not end with one.

    A one-sentence question that defines its function in the ask is split too: "Find the
    minimum value of f(x) = x² − 4x + 3." reads as the given "Consider the function
    f(x) = x² − 4x + 3." and the ask "Find the minimum value of f(x)." Conditions ("If …, what
    is …?"), blanks ("… is ( ).") and "Hence, find …" are read as textbooks mean them.
    """
    if is_chinese(question):
        return _split_chinese(question)
    sentences = _as_written_in_textbooks(question)
    if not sentences or not ASK_START.match(sentences[-1]):
        return None
    if len(sentences) == 1 and (m := _DEFINED_IN_ASK.search(sentences[0])) and _formula_end(m.group("rule")):
        name, rule = f"{m.group('name')}({m.group('var')})", m.group("rule")[: _formula_end(m.group("rule"))].strip()
        before, after = sentences[0][: m.start()], sentences[0][m.start("rule") + len(rule) :]
        ask = (
            re.sub(r"\s+(?:for|where|if)\s*$", "", before) + after
            if re.search(r"\s(?:for|where|if)\s*$", before)
            else before + name + after
        )
        return QuestionParts(f"Consider the function {name} = {rule}.", ask)
    if len(sentences) == 1 and (parts := _object_in_ask(sentences[0])):
        return parts
    return QuestionParts(" ".join(sentences[:-1]), sentences[-1])


_FUNCTION_WORDS = frozenset({"sin", "cos", "tan", "log", "ln", "lg", "sqrt", "exp", "abs"})


#: "Find the slope of the line passing through (1, 2) and (4, 11)."
_OBJECT_IN_ASK = re.compile(
    r"^(?P<verb>find|what is|calculate|determine|compute) (?P<what>the [\w\s-]+?) of (?:the|a) "
    r"(?P<noun>line|segment|circle|parabola|graph|line segment)\s+(?:passing through|that passes through|through|"
    r"(?P<joins>joining|connecting))\s+(?P<points>.+?)\s*(?P<end>[.?])$",
    re.IGNORECASE | re.DOTALL,
)


def _object_in_ask(sentence: str) -> QuestionParts | None:
    """A one-sentence question that defines its line by two points, as a given and an ask:
    "A line passes through (1, 2) and (4, 11)." and "Find the slope of the line."."""
    m = _OBJECT_IN_ASK.match(sentence)
    if m is None:
        return None
    noun = m.group("noun").lower()
    verb = "joins" if m.group("joins") else "passes through"
    article = "An" if noun[0] in "aeiou" else "A"
    return QuestionParts(
        f"{article} {noun} {verb} {m.group('points')}.", f"{m.group('verb')} {m.group('what')} of the {noun}{m.group('end')}"
    )


def _formula_end(rule: str) -> int:
    """Where the formula of "f(x) = 3x - 6 crosses the x-axis" ends: before the first word that is
    not a function name (0 when it starts with one)."""
    for word in re.finditer(r"[A-Za-z]{2,}", rule):
        if word.group(0).lower() not in _FUNCTION_WORDS:
            return len(rule[: word.start()].rstrip())
    return len(rule)


def sentences_of(text: str) -> list[str]:
    """The sentences of a text, split as ``split_question`` splits them."""
    return [s for s in _SENTENCE.split(text.strip()) if s]


_NOUN_ASK = re.compile(
    r"^(?:find|calculate|compute|determine|work out|evaluate|what is|what are|solve for)\s+(.+?)\s*[.?]$",
    re.IGNORECASE | re.DOTALL,
)


def as_noun_phrase(ask: str) -> str | None:
    """The quantity an ask names: ``What is the minimum value of f(x)?`` → ``the minimum value of
    f(x)``; None for asks that do not name a quantity (``How many ...?``)."""
    match = _NOUN_ASK.match(ask.strip())
    return match.group(1) if match else None


_QUANTITY_KINDS: tuple[tuple[str, str], ...] = (
    ("money", r"\bdollars?\b|\bcents?\b|\bpounds?\b|\beuros?\b|\$|\bcost\b|\bprice\b|\bspend\b|\bpay\b"),
    ("ratio", r"\b(?:sin|cos|tan|sine|cosine|tangent of ∠)\b|\bratio\b"),
    ("intersection", r"\bintersection\b|\bmeet\b"),
    ("root", r"\bcrosses the x-axis\b|\bcrossing point\b|\bx-intercept\b|\broots?\b|\bzeros?\b|\bsolution of\b"),
    ("minimum", r"\bminimum\b|\bleast value\b|\bsmallest value\b"),
    ("maximum", r"\bmaximum\b|\bgreatest value\b|\blargest value\b"),
    ("period", r"\bperiod\b"),
    ("slope", r"\bslope\b|\bgradient\b"),
    ("volume", r"\bvolume\b"),
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
    ``area``, ``volume``, ``perimeter``, ``angle``, ``ratio``, ``slope``, ``coordinate``, ``root``,
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

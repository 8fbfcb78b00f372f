"""Multiple-choice options at the end of a question: "Choices: A. 60° B. 70° C. 80° D. 90°".

GeoQA, MathVista and MathVerse list options after the question and give the answer as a letter.
The seed reader keeps the options in the question and the option's content as the answer (the
value a construction is checked against); the row's ``choice`` column holds the letter wherever
the question still lists the options. A variant whose answer changes (a step) asks in open form.
"""

from __future__ import annotations

import re

from variantgen.answers import answers_equal

_OPTION = re.compile(r"(?:^|(?<=\s))\(?(?P<letter>[A-F])(?:[.:)]|\))\s+")
_HEADER = re.compile(r"(?:\n|\s)*(?:answer\s+)?(?:choices|options)\s*:?\s*$", re.IGNORECASE)


def split_choices(question: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The question without its options, and the options as (letter, content) pairs; the
    question as it is and no options when it lists none (two or more, lettered from A)."""
    starts = [m for m in _OPTION.finditer(question) if m.group("letter") == "A"]
    for start in reversed(starts):
        found = list(_OPTION.finditer(question, start.start()))
        letters = [m.group("letter") for m in found]
        # the options run A, B, C, … to the end of the question
        run = 0
        while run < len(found) and letters[run] == "ABCDEF"[run]:
            run += 1
        if run < 2 or run != len(found):
            continue
        options = []
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(question)
            content = question[m.end() : end].strip().rstrip(";,").strip()
            if not content:
                break
            options.append((m.group("letter"), content))
        else:
            before = _HEADER.sub("", question[: start.start()]).rstrip()
            return before, tuple(options)
    return question, ()


def choice_of(question: str, answer: str) -> str | None:
    """The letter of the option whose content is ``answer`` (None when the question lists none)."""
    for letter, content in split_choices(question)[1]:
        try:
            if content == answer or answers_equal(content, answer):
                return letter
        except Exception:  # noqa: BLE001 - an option in words is simply not this answer
            continue
    return None

"""How many decimal places a question asks its answer rounded to: "Round your answer to two
decimal places." → 2, "to the nearest tenth" → 1, "to the nearest whole number" → 0.

Geometry3K, MathVista and most textbooks ask for rounded answers whenever a figure's angles are
not special; such an answer is checked against the exact value to that precision, not exactly.
"""

from __future__ import annotations

import re

_NUMBERS = {"zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PLACES = {"tenth": 1, "hundredth": 2, "thousandth": 3, "ten-thousandth": 4}
_DECIMAL_PLACES = re.compile(
    r"\b(?:to|correct to|accurate to|rounded to|with)\s+(?P<n>\d|zero|no|one|two|three|four|five|six)\s+"
    r"(?:decimal\s+places?|d\.\s?p\.?|dp\b|digits? after the decimal point)",
    re.IGNORECASE,
)
_NEAREST = re.compile(r"\bto the nearest\s+(?P<unit>[a-z-]+)", re.IGNORECASE)
_ROUND_WORDS = re.compile(r"\b(?:round|rounded|correct to|accurate to|nearest)\b", re.IGNORECASE)
#: The most decimal places a rounded answer is checked to.
MAX_DECIMALS = 6


def decimals_asked(question: str) -> int | None:
    """The decimal places the question's rounding instruction asks for; None when it asks for
    none (or for significant figures, which this does not read)."""
    if not _ROUND_WORDS.search(question):
        return None
    if match := _DECIMAL_PLACES.search(question):
        n = match["n"].lower()
        places = int(n) if n.isdigit() else _NUMBERS[n]
        return places if places <= MAX_DECIMALS else None
    if match := _NEAREST.search(question):
        unit = match["unit"].lower().rstrip("s")
        return _PLACES.get(unit, 0)  # the nearest whole number, integer, degree, centimetre, dollar
    return None

"""LaTeX in a question, written as the plain text of the rest of the data: ``$\\angle A = 50^\\circ$``
→ ``∠A = 50°``.

Benchmarks mix notations (We-Math and MathVerse write ``$\\triangle ABC$``, GeoQA writes
``△ABC``). The question reader, the rewrites and the checks all work on one notation, and a
training set should not teach two; so a seed's LaTeX is turned into the Unicode a textbook prints
when the seed is read. A ``$`` that does not open mathematics (``$40``) is left alone.
"""

from __future__ import annotations

import re

_SYMBOLS = {
    "triangle": "△",
    "angle": "∠",
    "measuredangle": "∠",
    "parallel": "∥",
    "perp": "⊥",
    "cong": "≅",
    "sim": "∼",
    "odot": "⊙",
    "circ": "°",
    "degree": "°",
    "pi": "π",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "theta": "θ",
    "varphi": "φ",
    "phi": "φ",
    "cdot": "·",
    "times": "×",
    "div": "÷",
    "le": "≤",
    "leq": "≤",
    "leqslant": "≤",
    "ge": "≥",
    "geq": "≥",
    "geqslant": "≥",
    "ne": "≠",
    "neq": "≠",
    "pm": "±",
    "infty": "∞",
    "approx": "≈",
    "because": "∵",
    "therefore": "∴",
    "%": "%",
}
#: Commands whose argument is kept as it stands: ``\text{cm}``, ``\overline{AB}``, ``\mathrm{m}``.
_KEEP_ARGUMENT = re.compile(
    r"\\(?:text|mathrm|mathit|mathbf|textbf|operatorname|overline|vec|overrightarrow|boldsymbol)\s*\{([^{}]*)\}"
)
_ARC = re.compile(r"\\(?:widehat|overset\s*\{\s*\\frown\s*\})\s*\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SQRT = re.compile(r"\\sqrt\s*\{([^{}]*)\}")
_POWER = re.compile(r"\^\s*\{([^{}]*)\}")
_SUBSCRIPT = re.compile(r"_\s*\{([^{}]*)\}")
_DEGREES = re.compile(r"\^\s*\{?\s*\\circ\s*\}?")
_COMMAND = re.compile(r"\\([a-zA-Z]+|%)( ?)")
#: Symbols written against what follows (∠A, 2πr); relations and operators keep their spaces.
_PREFIXES = frozenset("△∠⊙παβγθφ°")
_SPACING = re.compile(r"\\[,;:! ]|~|\\(?:left|right|displaystyle|quad|qquad)\b")
_INLINE = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)


def _grouped(text: str) -> str:
    """A fraction's part or a root's radicand as it must be written inline: ``(a+b)`` but ``3``."""
    text = text.strip()
    return text if re.fullmatch(r"[\w.√π]+", text) else f"({text})"


def _math(text: str) -> str:
    """One formula as plain text."""
    previous = None
    while previous != text:  # nested groups unwind from the inside out
        previous = text
        text = _DEGREES.sub("°", text)
        text = _KEEP_ARGUMENT.sub(r"\1", text)
        text = _ARC.sub(r"arc \1", text)
        text = _FRAC.sub(lambda m: f"{_grouped(m[1])}/{_grouped(m[2])}", text)
        text = _SQRT.sub(lambda m: f"√{_grouped(m[1])}", text)
        text = _POWER.sub(lambda m: f"^{_grouped(m[1])}" if len(m[1].strip()) > 1 else f"^{m[1].strip()}", text)
        text = _SUBSCRIPT.sub(r"_\1", text)
    text = _SPACING.sub(" ", text)
    text = _COMMAND.sub(lambda m: (symbol := _SYMBOLS.get(m[1], m[1])) + ("" if symbol in _PREFIXES else m[2]), text)
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _is_math(inner: str) -> bool:
    """Whether the text between two dollar signs is mathematics, not two prices (``$40 and $``)."""
    return bool(re.search(r"[\\^_={}]", inner) or re.fullmatch(r"\s*[A-Za-z]{1,6}\s*", inner))


def plain_text(text: str) -> str:
    """``text`` with its inline formulas (``$…$``, ``\\(…\\)``) written in plain Unicode."""
    if "$" not in text and "\\" not in text:
        return text

    def formula(match: re.Match[str]) -> str:
        inner = next(group for group in match.groups() if group is not None)
        if match.group(0).startswith("$") and not _is_math(inner):
            return match.group(0)
        return _math(inner)

    text = _INLINE.sub(formula, text)
    if "\\" in text:  # commands outside any delimiters: "In \triangle ABC, ..."
        text = _math(text) if re.search(r"\\[a-zA-Z]", text) else text
    return text

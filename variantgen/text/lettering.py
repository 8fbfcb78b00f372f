"""Point names with subscripts (A₁, B_1, C_{1}), as single letters and back.

The derivation engine reads a question's givens by point names of one capital letter ("AB = 4",
"∠ABC"), and solid geometry names its points A₁B₁C₁D₁ more often than not. The step transform
therefore reads such a seed with each subscripted name standing in for a letter the question does
not use, plans on that, and writes the new question back with the seed's own names, in the seed's
own way of writing them (A₁ or A_1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from variantgen.construction import Construction
from variantgen.construction.ggb_labels import renamed

#: A point name with a subscript as a text writes it: A_1, A_{1}, A₁.
_WRITTEN = re.compile(r"(?<![a-z_])([A-Z])(?:_\{?(\d{1,2})\}?|([₀₁₂₃₄₅₆₇₈₉]{1,2}))")
_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_TO_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: Letters a subscripted name may stand in for (no I, easily misread; no O, a centre's name).
_LETTERS = "EFGHJKLMNPQRSTUVWXYZBCDA"


@dataclass(frozen=True)
class Lettering:
    """``letters``: each construction name with a subscript (``A_1``) → the letter it stands in
    for; ``unicode``: whether the text writes them A₁ (else A_1)."""

    letters: dict[str, str]
    unicode: bool

    @classmethod
    def of(cls, text: str, construction: Construction) -> Lettering | None:
        """The lettering a question and its figure need, or None when no name has a subscript."""
        subscripted = [n for n in construction.names() if re.fullmatch(r"[A-Z]_\d{1,2}", n)]
        if not subscripted:
            return None
        used = set(construction.names()) | {ch for run in re.findall(r"\b[A-Z]+\b", _WRITTEN.sub("", text)) for ch in run}
        free = [letter for letter in _LETTERS if letter not in used]
        if len(free) < len(subscripted):
            return None
        ordered = sorted(subscripted, key=lambda n: (int(n.split("_")[1]), n))
        return cls(dict(zip(ordered, free, strict=False)), "₁" in text or "₂" in text)

    def text(self, text: str) -> str:
        """The text with each subscripted name written as its letter."""

        def letter(m: re.Match[str]) -> str:
            digits = m.group(2) or (m.group(3) or "").translate(_DIGITS)
            return self.letters.get(f"{m.group(1)}_{digits}", m.group(0))

        return _WRITTEN.sub(letter, text)

    def construction(self, construction: Construction) -> Construction:
        return renamed(construction, self.letters)

    def back(self, text: str) -> str:
        """A text written with the letters, with the seed's names again (in runs of capitals, the
        way the text names points: AE is AA₁, ∠EAC is ∠A₁AC)."""
        names = {letter: self._written(name) for name, letter in self.letters.items()}
        return re.sub(r"\b[A-Z]+\b", lambda m: "".join(names.get(ch, ch) for ch in m.group(0)), text)

    def construction_back(self, construction: Construction) -> Construction:
        return renamed(construction, {letter: name for name, letter in self.letters.items()})

    def _written(self, name: str) -> str:
        letter, digits = name.split("_")
        return letter + digits.translate(_TO_SUBSCRIPT) if self.unicode else name

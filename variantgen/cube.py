"""The difficulty cube: three axes, the seed at the origin and seven corners around it.

Codes follow MathBook-Pro: x = step (φ_s), y = visual (φ_v), z = context (φ_c).
"""

from __future__ import annotations

from enum import Enum

#: The axes in the order their transforms are applied within a corner.
AXES: tuple[str, ...] = ("s", "v", "c")
AXIS_NAMES: dict[str, str] = {"s": "step", "v": "visual", "c": "context"}
_DIFFICULTY_LETTER: dict[str, str] = {"s": "x", "v": "y", "c": "z"}


class Corner(str, Enum):
    """A corner of the cube, named by the axes it contains (``base`` contains none)."""

    BASE = "base"
    S = "s"
    V = "v"
    C = "c"
    SV = "sv"
    SC = "sc"
    VC = "vc"
    SVC = "svc"

    @property
    def axes(self) -> tuple[str, ...]:
        return () if self is Corner.BASE else tuple(self.value)

    @property
    def difficulty(self) -> str:
        """The MathBook-Pro ``difficulty`` code: ``base``, ``x``, ``y``, ``z``, ``xy``, ... ``xyz``."""
        if self is Corner.BASE:
            return "base"
        return "".join(_DIFFICULTY_LETTER[a] for a in self.axes)

    @classmethod
    def from_difficulty(cls, code: str) -> Corner:
        inverse = {v: k for k, v in _DIFFICULTY_LETTER.items()}
        return cls.BASE if code == "base" else cls("".join(inverse[ch] for ch in code))

    @classmethod
    def parse(cls, name: str) -> Corner:
        """Accept a corner name (``sv``) or a MathBook-Pro code (``xy``), any case."""
        name = name.strip().lower()
        try:
            return cls(name)
        except ValueError:
            pass
        try:
            return cls.from_difficulty(name)
        except (KeyError, ValueError):
            valid = ", ".join(c.value for c in cls)
            raise ValueError(f"unknown corner {name!r}; expected one of {valid} (or x, y, z, xy, ...)") from None


#: The seven non-trivial corners, in the order rows are written.
VARIANT_CORNERS: tuple[Corner, ...] = tuple(c for c in Corner if c is not Corner.BASE)

#: The paper's main training path through the cube.
TRAJECTORY: tuple[Corner, ...] = (Corner.BASE, Corner.S, Corner.SV, Corner.SC, Corner.SVC)


def parse_corners(text: str | None) -> tuple[Corner, ...]:
    """Parse ``"s,v,svc"`` into corners in canonical order; ``None`` or ``"all"`` means all seven."""
    if text is None or text.strip().lower() == "all":
        return VARIANT_CORNERS
    chosen = {Corner.parse(part) for part in text.split(",") if part.strip()}
    chosen.discard(Corner.BASE)
    if not chosen:
        raise ValueError("no corners selected")
    return tuple(c for c in VARIANT_CORNERS if c in chosen)

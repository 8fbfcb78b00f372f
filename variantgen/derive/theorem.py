"""A theorem is a small object: a knowledge point, a statement, and where it applies in a scene.

``match`` reads a scene and yields each place the theorem applies as *(premises, conclusion,
formula)*: from the premise quantities' values the formula computes the conclusion's. The figure
decides only *where* a theorem applies (this triangle has a right angle at C, these points are
collinear); whether it may be *used* is the engine's business: every premise must be known from
the givens. The formula is checked against the exact evaluator each time the engine uses it, so a
theorem that matches where it should not fails loudly instead of deriving a wrong value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy

from variantgen.derive.quantity import Quantity

if TYPE_CHECKING:
    from variantgen.derive.scene import Scene

Formula = Callable[..., sympy.Expr]
Match = tuple[tuple[Quantity, ...], Quantity, Formula | None]


@dataclass(frozen=True)
class Application:
    """One use of a theorem in a scene: these premises give that conclusion by this formula."""

    theorem: Theorem
    premises: tuple[Quantity, ...]
    conclusion: Quantity
    formula: Formula | None  # None for a relation, which has no value to compute


@dataclass(frozen=True)
class Theorem:
    """``name``: registry key; ``title``: how a solution cites it ("the law of cosines");
    ``cost``: how much a student's solution pays for using it (see ``COSTS``)."""

    name: str
    knowledge_point: str
    title: str
    statement: str
    match: Callable[[Scene], Iterable[Match]]
    cost: int = 2

    def applications(self, scene: Scene) -> Iterator[Application]:
        for premises, conclusion, formula in self.match(scene):
            if conclusion not in premises:
                yield Application(self, premises, conclusion, formula)


#: Every theorem, by name, in the order they were defined (the engine prefers earlier ones on ties).
THEOREMS: dict[str, Theorem] = {}


#: What using a theorem costs a derivation: reading a definition or renaming an angle is nearly
#: free, a school theorem costs one step, and a heavy formula (the law of cosines, Heron's) is
#: what a student reaches for only when nothing simpler works. The engine keeps the cheapest
#: derivation, so these decide which solution a question gets.
COSTS = {"rename": 1, "step": 2, "formula": 6}


def theorem(
    name: str, knowledge_point: str, title: str, statement: str, weight: str = "step"
) -> Callable[[Callable[[Scene], Iterable[Match]]], Theorem]:
    """Register ``match`` as a theorem: ``@theorem("law-of-cosines", "law-of-cosines", ...,
    weight="formula")``; ``weight`` is a key of ``COSTS``."""

    def register(match: Callable[[Scene], Iterable[Match]]) -> Theorem:
        if name in THEOREMS:
            raise ValueError(f"theorem {name!r} is defined twice")
        THEOREMS[name] = found = Theorem(name, knowledge_point, title, statement, match, COSTS[weight])
        return found

    return register

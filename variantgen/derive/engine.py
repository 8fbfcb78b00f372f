"""Forward chaining from the stated givens to a bounded closure, with a traceback per quantity.

Each round uses every theorem application whose premises were all known before the round, so a
quantity is first derived at its smallest depth. Among the derivations found in the same round
the one with the fewest steps is kept. Every quantity therefore carries a minimal derivation: a
DAG of theorem applications back to the givens (the idea of AlphaGeometry's traceback and
FormalGeo's solution hypertrees), from which the solution, its depth and its knowledge points
are read.

A derived quantity's value is the figure's (recognised as a school value: a student writes every
intermediate conclusion too). The theorem's own formula is checked against it for every step a
traceback returns, that is for every step of every solution emitted (``TheoremMismatch`` if they
disagree: a theorem that matched where it should not); the property tests check every theorem on
random figures. Checking each of the thousands of applications a closure fires would cost more
than everything else in a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, same
from variantgen.derive.theorem import THEOREMS, Application, Formula, Theorem

#: Rounds of forward chaining: deeper derivations exist, but no school problem needs them.
MAX_ROUNDS = 8


class TheoremMismatch(AssertionError):
    """A theorem's formula gave a value the exact evaluator does not: the theorem is wrong there."""


@dataclass(frozen=True)
class Step:
    """How one quantity became known: stated (``rule`` "given"), the seed's own answer ("seed"), or
    a theorem applied to ``premises``. ``support`` is every quantity of its minimal derivation."""

    quantity: Quantity
    rule: str
    knowledge_points: tuple[str, ...]
    premises: tuple[Quantity, ...]
    value: sympy.Expr | None
    depth: int
    support: frozenset[Quantity]
    source: str = ""  # a given's words in the question


@dataclass
class Closure:
    scene: Scene
    known: dict[Quantity, Step]
    #: The formula of each application used, by (theorem, conclusion, premises), for the checks.
    formulas: dict[tuple[str, Quantity, tuple[Quantity, ...]], Formula | None] = field(default_factory=dict)

    def traceback(self, quantity: Quantity, check: bool = True) -> list[Step]:
        """The minimal derivation of ``quantity``, premises before conclusions, each step checked."""
        order: list[Step] = []
        seen: set[Quantity] = set()

        def visit(q: Quantity) -> None:
            if q in seen:
                return
            seen.add(q)
            step = self.known[q]
            for premise in step.premises:
                visit(premise)
            if check:
                _check(self, step)
            order.append(step)

        visit(quantity)
        return order

    def knowledge_points(self, quantity: Quantity) -> list[str]:
        """The knowledge points of the minimal derivation, shallowest steps first."""
        steps = sorted((self.known[q] for q in self.known[quantity].support), key=lambda s: (s.depth, s.quantity))
        points: list[str] = []
        for step in steps:
            points += [p for p in step.knowledge_points if p not in points]
        return points


def _check(closure: Closure, step: Step) -> None:
    """The step's theorem, applied to its premises' values, must give the figure's value."""
    if step.rule in ("given", "seed") or step.value is None:
        return
    formula = closure.formulas[(step.rule, step.quantity, step.premises)]
    assert formula is not None
    computed = formula(*(closure.known[p].value for p in step.premises))
    if not same(sympy.sympify(computed), step.value):
        premises = ", ".join(f"{p} = {closure.known[p].value}" for p in step.premises)
        raise TheoremMismatch(
            f"{step.rule}: from {premises} it gives {step.quantity} = {computed}, "
            f"but the figure has {step.quantity} = {step.value}"
        )


def derive(
    scene: Scene,
    givens: Mapping[Quantity, str],
    seed: tuple[Quantity, tuple[str, ...]] | None = None,
    theorems: Iterable[Theorem] | None = None,
    max_rounds: int = MAX_ROUNDS,
    start: Mapping[Quantity, Step] | None = None,
) -> Closure:
    """The closure of ``givens`` (quantity → the words that state it) under ``theorems``.

    ``seed``: the seed's target and knowledge points. When the theorems cannot reach it from the
    givens, it is added as known (the seed problem established it), so that a step variant can
    build on it all the same. ``start``: steps already derived on a figure that this one extends
    (its points unchanged), which hold here too."""
    known: dict[Quantity, Step] = dict(start or {})
    for quantity, words in givens.items():
        known[quantity] = Step(quantity, "given", (), (), scene.value(quantity), 0, frozenset({quantity}), words)
    applications = [a for t in (theorems or THEOREMS.values()) for a in t.applications(scene)]
    _close(scene, known, applications, max_rounds)
    if seed is not None and seed[0] not in known:
        target, points = seed
        support = frozenset({target, *givens})
        known[target] = Step(target, "seed", points, tuple(givens), scene.value(target), 1, support)
        _close(scene, known, applications, max_rounds)
    formulas = {(a.theorem.name, a.conclusion, a.premises): a.formula for a in applications}
    return Closure(scene, known, formulas)


def _close(scene: Scene, known: dict[Quantity, Step], applications: list[Application], max_rounds: int) -> None:
    pending = [a for a in applications if a.conclusion not in known]
    for _ in range(max_rounds):
        found: dict[Quantity, Step] = {}
        waiting = []
        for application in pending:
            if application.conclusion in known:
                continue
            if not all(p in known for p in application.premises):
                waiting.append(application)
                continue
            step = _use(scene, known, application)
            if step is None:
                continue
            best = found.get(step.quantity)
            if best is None or len(step.support) < len(best.support):
                found[step.quantity] = step
        if not found:
            return
        known.update(found)
        pending = [a for a in waiting if a.conclusion not in known]


def _use(scene: Scene, known: Mapping[Quantity, Step], application: Application) -> Step | None:
    conclusion = application.conclusion
    if any(p.is_measure and known[p].value is None for p in application.premises):
        return None  # a premise without a school value (a seed's answer such as acos(1/7)) is not used
    value = scene.value(conclusion)
    if conclusion.is_measure and value is None:
        return None
    support = frozenset({conclusion}).union(*(known[p].support for p in application.premises))
    depth = 1 + max((known[p].depth for p in application.premises), default=0)
    theorem = application.theorem
    return Step(conclusion, theorem.name, (theorem.knowledge_point,), application.premises, value, depth, support)

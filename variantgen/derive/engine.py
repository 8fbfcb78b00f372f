"""Forward chaining from the stated givens to a bounded closure, with a traceback per quantity.

A quantity's derivation is the cheapest one: each theorem has a cost (a definition or a renaming
is cheap, the law of cosines or Heron's formula dear), a derivation costs its theorem plus its
premises, and the closure is found cheapest first (Knuth's generalisation of Dijkstra's algorithm
to derivations with several premises). So a right angle and a median to the hypotenuse win over
Apollonius's formula and the law of cosines: the solution is the one a student would write, and
its knowledge points are the ones that solution needs, not the ones a roundabout route touches.
Between derivations of equal cost, one through the seed's answer is kept. Every quantity carries
its derivation as a DAG of theorem applications back to the givens (the idea of AlphaGeometry's
traceback and FormalGeo's solution hypertrees), from which the solution, its depth and its
knowledge points are read.

A derived quantity's value is the figure's (recognised as a school value: a student writes every
intermediate conclusion too). The theorem's own formula is checked against it for every step a
traceback returns, that is for every step of every solution emitted (``TheoremMismatch`` if they
disagree: a theorem that matched where it should not); the property tests check every theorem on
random figures. Checking each of the thousands of applications a closure fires would cost more
than everything else in a run.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, same
from variantgen.derive.theorem import THEOREMS, Application, Formula, Theorem

#: The deepest derivation kept: deeper ones exist, but no school problem needs them.
MAX_DEPTH = 8


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
    cost: int = 0  # the derivation's theorems' costs, premises included


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
    max_depth: int = MAX_DEPTH,
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
    through = seed[0] if seed is not None else None
    _close(scene, known, applications, max_depth, through)
    if seed is not None and seed[0] not in known:
        target, points = seed
        support = frozenset({target, *givens})
        known[target] = Step(target, "seed", points, tuple(givens), scene.value(target), 1, support)
        _close(scene, known, applications, max_depth, through)
    formulas = {(a.theorem.name, a.conclusion, a.premises): a.formula for a in applications}
    return Closure(scene, known, formulas)


def _close(
    scene: Scene, known: dict[Quantity, Step], applications: list[Application], max_depth: int, through: Quantity | None
) -> None:
    """Add to ``known`` every quantity the applications derive, each by its cheapest derivation.

    An application is queued by its cost as soon as its premises are known; only the cheapest one
    per conclusion is then turned into a step (its value looked up, its support collected)."""
    waiting: dict[Quantity, list[int]] = {}  # a premise not yet known -> the applications it holds up
    missing: list[int] = []  # per application, how many of its premises are not yet known
    queue: list[tuple[int, bool, int, int]] = []
    order = itertools.count()

    def offer(index: int) -> None:
        premises = [known[p] for p in applications[index].premises]
        cost = applications[index].theorem.cost + sum(p.cost for p in premises)
        off_seed = through is not None and not any(through in p.support for p in premises)
        heapq.heappush(queue, (cost, off_seed, next(order), index))

    for index, application in enumerate(applications):
        absent = {p for p in application.premises if p not in known}
        missing.append(len(absent))
        if application.conclusion in known:
            continue
        for premise in absent:
            waiting.setdefault(premise, []).append(index)
        if not absent:
            offer(index)
    while queue:
        index = heapq.heappop(queue)[-1]
        if applications[index].conclusion in known:
            continue  # a cheaper derivation came first
        step = _use(scene, known, applications[index])
        if step is None or step.depth > max_depth:
            continue
        known[step.quantity] = step
        for waiting_index in waiting.pop(step.quantity, ()):
            missing[waiting_index] -= 1
            if missing[waiting_index] == 0 and applications[waiting_index].conclusion not in known:
                offer(waiting_index)


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
    cost = theorem.cost + sum(known[p].cost for p in application.premises)
    return Step(conclusion, theorem.name, (theorem.knowledge_point,), application.premises, value, depth, support, cost=cost)

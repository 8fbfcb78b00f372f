"""The transform algebra: a transform is a small object that plans, then applies.

Splitting *plan* (draw the random decision) from *apply* (carry it out) is what makes a family a
lattice: the cube plans each axis once per seed and applies that same decision in every corner
that contains the axis. It also makes replay exact: provenance stores the planned parameters,
and ``apply`` with them gives the same problem again.

The contract is sealed, as in torchvision's v2 transforms (``make_params``/``transform``, "do not
override ``forward``"): a transform implements ``plan(problem, ctx, rng)`` and ``apply(problem,
ctx, params)``, and ``Transform.run`` — plan unless params are given, apply, record — is written
once, here. It is the only place an ``Applied`` provenance record is made; combinators
(``Compose``, ``FirstApplicable``) run their members through it and record nothing themselves, so
provenance names only the transforms that did the work, and replay needs nothing else.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, final

from variantgen.cube import AXES
from variantgen.model import Applied, Problem, content_hash


class NotApplicable(Exception):
    """The transform does not apply to this problem (a reason, not a failure)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransformFailed(Exception):
    """The transform applied but its result did not pass verification."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Context:
    """What a transform may use besides the problem: the run's seed and shared services.

    Services are optional: a transform that needs one that is absent raises ``NotApplicable``.
    ``llm`` is the run's LLM client (``variantgen.llm.client.LLMClient``): whoever starts a run
    puts it here, and this is the only way a transform reaches it.
    """

    seed: int = 0
    catalogue: Any = None
    renderer: Any = None
    llm: Any = None
    cache: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def rng(self, *keys: Any) -> random.Random:
        """A generator seeded by the run seed and ``keys``: independent of order and workers."""
        return random.Random(int(content_hash(self.seed, *keys), 16))


@dataclass(frozen=True)
class Made:
    """What ``apply`` returns when the planned params alone would not rebuild its result: the
    problem, and the params ``run`` records instead. An LLM rewrite accepted while applying is
    one: recording it lets replay and ``variantgen verify`` rebuild the variant offline."""

    problem: Problem
    params: Mapping[str, Any]


#: Makes a registered transform from its name and recorded configuration (``registry.build``).
Builder = Callable[[str, "Mapping[str, Any] | None"], "Transform"]


class Transform:
    """Base class: maps a Problem to a new Problem.

    Subclasses are dataclasses whose fields are their configuration, set ``name`` (registry key)
    and ``axis`` (``"s"``, ``"v"``, ``"c"`` or ``None``), and implement ``apply``; they override
    ``plan`` when they make random choices. They never override ``run``.
    """

    name: ClassVar[str] = ""
    axis: ClassVar[str | None] = None
    version: ClassVar[str] = "1"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "run" in vars(cls):
            raise TypeError(f"{cls.__qualname__} overrides Transform.run; implement plan and apply instead")

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        """Draw this transform's decision for ``problem``. Raise NotApplicable if there is none."""
        return {}

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem | Made:
        """Carry out a planned decision. Must be a pure function of its arguments (and of what it
        records: return ``Made`` when the params to record are not the planned ones)."""
        raise NotImplementedError

    def config(self) -> dict[str, Any]:
        """Constructor arguments, recorded in provenance so the transform can be rebuilt."""
        return dataclasses.asdict(self) if dataclasses.is_dataclass(self) else {}

    @classmethod
    def from_config(cls, config: Mapping[str, Any], build: Builder) -> Transform:
        """Rebuild from ``config()``. ``build(name, config)`` makes a registered transform (the
        registry's ``build``): a combinator rebuilds its members with it."""
        return cls(**config)

    def members(self) -> Iterator[Transform]:
        """The transforms this one is made of in a pipeline (itself, unless it is a composition)."""
        yield self

    @final
    def run(self, problem: Problem, ctx: Context, params: Mapping[str, Any] | None = None) -> Problem:
        """Plan (unless ``params`` is given), apply, and record the application in provenance.

        The decision is drawn with the generator the cube draws it with, so a transform run on a
        seed makes the decision the cube makes for that seed."""
        if params is None:
            params = self.plan(problem, ctx, plan_rng(ctx, problem.id, self, 0))
        made = self.apply(problem, ctx, params)
        if isinstance(self, Combinator):
            assert isinstance(made, Problem)
            return made  # its members were run, and recorded themselves
        result, used = (made.problem, made.params) if isinstance(made, Made) else (made, params)
        applied = Applied(self.name, self.axis, self.config(), dict(used), self.version)
        return result.replace(provenance=problem.provenance + (applied,))

    def __call__(self, problem: Problem, ctx: Context | None = None) -> Problem:
        return self.run(problem, ctx or Context())

    def __rshift__(self, other: Transform) -> Compose:
        return Compose((*self.members(), *other.members()))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"


def plan_rng(ctx: Context, seed_id: str, transform: Transform, index: int) -> random.Random:
    """The generator ``transform`` plans with: keyed by the seed, the axis, the transform's place
    among the transforms of its axis and its name. The cube and ``run`` both draw from it, so a
    seed gets the same decision whichever of them plans it."""
    return ctx.rng(seed_id, transform.axis, index, transform.name)


def plan_along(transforms: Sequence[Transform], problem: Problem, ctx: Context) -> Iterator[tuple[Transform, dict[str, Any]]]:
    """Plan ``transforms`` one after another from ``problem``, each on what the ones before it
    made, and yield each with its params: how the cube plans an axis once per seed, and how
    ``Compose`` plans each axis. A transform is applied here only when a later one needs its
    result. An exception is raised by the transform after the ones yielded."""
    seed_id, last = problem.id, len(transforms) - 1
    for index, transform in enumerate(transforms):
        params = transform.plan(problem, ctx, plan_rng(ctx, seed_id, transform, index))
        if index < last:
            problem = transform.run(problem, ctx, params)
        yield transform, params


def run_axis(
    transforms: Sequence[Transform],
    steps: Sequence[tuple[Transform, Mapping[str, Any]]],
    problem: Problem,
    ctx: Context,
    replan: bool,
) -> Problem:
    """Run one axis's planned steps on ``problem``. With ``replan`` (``problem`` is what earlier
    axes of a mixed corner made), a plan made on the seed that does not fit it (a visual point
    where the step put its own) is made again on ``problem`` from the same ``transforms``; the
    new parameters are recorded like any others, so the result still replays. A step that does
    not apply says which transform it is."""
    try:
        return _run_steps(steps, problem, ctx)
    except NotApplicable:
        if not replan:
            raise
    try:
        again = list(plan_along(transforms, problem, ctx))
    except NotApplicable as exc:
        raise NotApplicable(f"planned again on the corner: {exc.reason}") from None
    return _run_steps(again, problem, ctx)


def _run_steps(steps: Sequence[tuple[Transform, Mapping[str, Any]]], problem: Problem, ctx: Context) -> Problem:
    for transform, params in steps:
        try:
            problem = transform.run(problem, ctx, params)
        except NotApplicable as exc:
            raise NotApplicable(f"{transform.name}: {exc.reason}") from None
    return problem


class Combinator(Transform):
    """A transform made of others. Its ``apply`` runs its members, which record themselves, so
    ``run`` adds no record of its own: provenance names only the transforms that did the work."""

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        raise NotImplementedError


class Compose(Combinator):
    """Transforms applied left to right; ``a >> b >> c`` builds one of these.

    Planned by the lattice rule the cube follows: each member is planned on the input as the
    earlier members *of its own axis* left it (members without an axis count as one axis), so
    ``(step >> visual >> context)(seed, ctx)`` is the cube's ``svc`` corner for that seed."""

    name = "compose"

    def __init__(self, transforms: tuple[Transform, ...] | list[Transform]) -> None:
        self.transforms: tuple[Transform, ...] = tuple(t for item in transforms for t in item.members())
        if not self.transforms:
            raise ValueError("compose() needs at least one transform")

    def members(self) -> Iterator[Transform]:
        yield from self.transforms

    def config(self) -> dict[str, Any]:
        return {"transforms": [t.name for t in self.transforms]}

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        """Each member's params, in member order (``rng`` is unused: each member draws from the
        generator the cube gives it)."""
        planned: dict[int, dict[str, Any]] = {}
        for axis in dict.fromkeys(t.axis for t in self.transforms):
            places = [i for i, t in enumerate(self.transforms) if t.axis == axis]
            along = plan_along([self.transforms[i] for i in places], problem, ctx)
            planned.update((place, params) for place, (_, params) in zip(places, along, strict=True))
        return {"members": [planned[i] for i in range(len(self.transforms))]}

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        """Each axis's members in turn, as the cube runs a corner (``run_axis``)."""
        steps = list(zip(self.transforms, params["members"], strict=True))
        for index, axis in enumerate(dict.fromkeys(t.axis for t in self.transforms)):
            members = [(t, p) for t, p in steps if t.axis == axis]
            problem = run_axis([t for t, _ in members], members, problem, ctx, replan=index > 0)
        return problem

    def by_axis(self) -> dict[str, tuple[Transform, ...]]:
        """Group members by axis, checking the fixed order step → visual → context."""
        order = [AXES.index(t.axis) if t.axis in AXES else None for t in self.transforms]
        ranks = [rank for rank in order if rank is not None]
        if ranks != sorted(ranks):
            raise ValueError("within a corner transforms apply in the order step >> visual >> context")
        if None in order:
            loose = [t.name for t in self.transforms if t.axis not in AXES]
            raise ValueError(f"transforms without an axis cannot form a cube: {', '.join(loose)}")
        return {axis: tuple(t for t in self.transforms if t.axis == axis) for axis in AXES}

    def __repr__(self) -> str:
        return " >> ".join(repr(t) for t in self.transforms)


def compose(*transforms: Transform) -> Compose:
    """``compose(a, b, c)`` is ``a >> b >> c``."""
    return Compose(transforms)


class FirstApplicable(Combinator):
    """The first of several same-axis transforms that applies: ``FirstApplicable([StepChain(),
    LLMStep()])`` extends figures with the rules and text-only seeds with the model. The chosen
    member records itself in the provenance, so replay needs no knowledge of this wrapper."""

    name = "first-applicable"

    def __init__(self, transforms: Sequence[Transform]) -> None:
        self.transforms = tuple(transforms)
        axes = {t.axis for t in self.transforms}
        if not self.transforms or len(axes) != 1:
            raise ValueError("first-applicable needs transforms that all belong to one axis")
        self.axis = axes.pop()
        self.uses_llm = any(getattr(t, "uses_llm", False) for t in self.transforms)

    def config(self) -> dict[str, Any]:
        return {"transforms": [{"name": t.name, "config": t.config()} for t in self.transforms]}

    @classmethod
    def from_config(cls, config: Mapping[str, Any], build: Builder) -> Transform:
        return cls([build(t["name"], t.get("config")) for t in config["transforms"]])

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        reasons = []
        for index, transform in enumerate(self.transforms):
            try:
                return {"use": index, "params": transform.plan(problem, ctx, rng)}
            except NotApplicable as exc:
                reasons.append(f"{transform.name}: {exc.reason}")
        raise NotApplicable("; ".join(reasons))

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        return self.transforms[params["use"]].run(problem, ctx, params["params"])

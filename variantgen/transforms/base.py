"""The transform algebra: a transform is a small object that plans, then applies.

Splitting *plan* (draw the random decision) from *apply* (carry it out) is what makes a family a
lattice: the cube plans each axis once per seed and applies that same decision in every corner
that contains the axis. It also makes replay exact: provenance stores the planned parameters,
and ``apply`` with them gives the same problem again.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

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


class Transform:
    """Base class: maps a Problem to a new Problem.

    Subclasses are dataclasses whose fields are their configuration, set ``name`` (registry key)
    and ``axis`` (``"s"``, ``"v"``, ``"c"`` or ``None``), and implement ``apply``; they override
    ``plan`` when they make random choices.
    """

    name: ClassVar[str] = ""
    axis: ClassVar[str | None] = None
    version: ClassVar[str] = "1"

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        """Draw this transform's decision for ``problem``. Raise NotApplicable if there is none."""
        return {}

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        """Carry out a planned decision. Must be a pure function of its arguments."""
        raise NotImplementedError

    def config(self) -> dict[str, Any]:
        """Constructor arguments, recorded in provenance so the transform can be rebuilt."""
        return dataclasses.asdict(self) if dataclasses.is_dataclass(self) else {}

    def members(self) -> Iterator[Transform]:
        """The primitive transforms this one is made of (itself, unless it is a composition)."""
        yield self

    def run(self, problem: Problem, ctx: Context, params: Mapping[str, Any] | None = None) -> Problem:
        """Plan (unless ``params`` is given), apply, and record the application in provenance."""
        if params is None:
            params = self.plan(problem, ctx, ctx.rng(self.name, problem.id))
        result = self.apply(problem, params, ctx)
        applied = Applied(self.name, self.axis, self.config(), dict(params), self.version)
        return result.replace(provenance=problem.provenance + (applied,))

    def __call__(self, problem: Problem, ctx: Context | None = None) -> Problem:
        return self.run(problem, ctx or Context())

    def __rshift__(self, other: Transform) -> Compose:
        return Compose((*self.members(), *other.members()))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"


class Compose(Transform):
    """Transforms applied left to right; ``a >> b >> c`` builds one of these."""

    name = "compose"

    def __init__(self, transforms: tuple[Transform, ...] | list[Transform]) -> None:
        self.transforms: tuple[Transform, ...] = tuple(t for item in transforms for t in item.members())
        if not self.transforms:
            raise ValueError("compose() needs at least one transform")

    def members(self) -> Iterator[Transform]:
        yield from self.transforms

    def config(self) -> dict[str, Any]:
        return {"transforms": [t.name for t in self.transforms]}

    def run(self, problem: Problem, ctx: Context, params: Mapping[str, Any] | None = None) -> Problem:
        for transform in self.transforms:
            problem = transform.run(problem, ctx)
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

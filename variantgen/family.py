"""Expanding one seed into its family: the seed (``base``) and up to seven corners.

The lattice rule lives here. Each axis's transforms are *planned* once per seed, along the
single-axis corner (``s``, ``v`` or ``c``), and the same planned parameters are applied in every
corner containing that axis, in the order step → visual → context. Two neighbouring corners
therefore differ in exactly one factor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from variantgen.checks import answer_checks, seed_checks
from variantgen.construction import ConstructionError
from variantgen.cube import AXES, AXIS_NAMES, VARIANT_CORNERS, Corner
from variantgen.model import Check, Problem, Variant, content_hash
from variantgen.transforms.base import Compose, Context, NotApplicable, Transform, TransformFailed, plan_along, run_axis
from variantgen.version import __version__

Status = Literal["made", "not_applicable", "failed"]


class SeedRejected(Exception):
    """The seed itself is unusable (its figure does not evaluate, or its answer is wrong)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    corner: Corner
    status: Status
    reason: str = ""


@dataclass
class Family:
    """A seed's rows (base first, then the corners that were made) and every corner's outcome."""

    seed: Problem
    variants: list[Variant]
    outcomes: dict[Corner, Outcome] = field(default_factory=dict)

    def variant(self, corner: Corner | str) -> Variant | None:
        corner = Corner.parse(corner) if isinstance(corner, str) else corner
        return next((v for v in self.variants if v.corner == corner.value), None)


@dataclass(frozen=True)
class _Chain:
    """An axis's planned transforms, or why it has none."""

    steps: tuple[tuple[Transform, Mapping[str, Any]], ...] = ()
    status: Status = "made"
    reason: str = ""


class Cube:
    """Expands seeds through a pipeline such as ``step >> visual >> context``.

    Each member of the pipeline belongs to the axis it declares; a corner applies the members of
    its axes, in pipeline order, with the parameters planned once per seed. ``corners`` are the
    corners to make (the one place a run's corner selection lives); ``unavailable`` maps an axis
    this run cannot serve to the reason (see ``without``).
    """

    def __init__(
        self,
        pipeline: Transform,
        corners: Sequence[Corner] = VARIANT_CORNERS,
        unavailable: Mapping[str, str] | None = None,
    ) -> None:
        self.pipeline = pipeline if isinstance(pipeline, Compose) else Compose((pipeline,))
        self.axes = self.pipeline.by_axis()
        self.corners = tuple(corners)
        self.unavailable = dict(unavailable or {})
        unknown = sorted(set(self.unavailable) - set(AXES))
        if unknown:
            raise ValueError(f"unknown axes {', '.join(unknown)}; expected some of {', '.join(AXES)}")

    def without(self, axis: str, reason: str) -> Cube:
        """This cube, told up front that it will not make the corners containing ``axis``: each is
        reported ``not_applicable`` with ``reason`` (unless the seed rules it out anyway, which is
        then the reason given) and none is built to be thrown away. The variant ids of the other
        corners do not change: the fingerprint does not include what is unavailable."""
        return Cube(self.pipeline, self.corners, {**self.unavailable, axis: reason})

    def fingerprint(self) -> dict[str, Any]:
        """What the variant ids depend on besides the seed: transforms, their config, corners."""
        return {
            "transforms": [
                {"name": t.name, "axis": t.axis, "config": t.config(), "version": t.version} for t in self.pipeline.transforms
            ],
            "corners": [c.value for c in self.corners],
            "variantgen": __version__,
        }

    def expand(self, seed: Problem, ctx: Context | None = None) -> Family:
        """Make the family of ``seed``. Raises SeedRejected if the seed itself is unusable."""
        ctx = ctx or Context()
        seed = seed.replace(verification=_checked_seed(seed))
        fingerprint = content_hash(self.fingerprint(), ctx.seed)
        chains = {axis: self._plan(axis, seed, ctx) for axis in AXES}
        made: dict[Corner, Problem] = {Corner.BASE: seed}
        family = Family(seed, [self._variant(seed, Corner.BASE, fingerprint)])
        for corner in self.corners:
            outcome, problem = self._corner(corner, seed, chains, made, ctx)
            family.outcomes[corner] = outcome
            if problem is not None:
                made[corner] = problem
                family.variants.append(self._variant(problem, corner, fingerprint))
        return family

    def stream(self, seeds: Iterable[Problem], ctx: Context | None = None) -> Iterator[Family | SeedRejected]:
        """Expand problems one after another; an unusable seed yields its SeedRejected, not a raise."""
        for seed in seeds:
            try:
                yield self.expand(seed, ctx)
            except SeedRejected as rejected:
                yield rejected

    def _plan(self, axis: str, seed: Problem, ctx: Context) -> _Chain:
        """The axis's decision for ``seed``. An unavailable axis is planned too (a decision, not a
        variant): a corner that the seed rules out anyway says why, not only that the axis is off."""
        transforms = self.axes[axis]
        if not transforms:
            return _Chain(status="not_applicable", reason=f"no {AXIS_NAMES[axis]} transform configured")
        steps: list[tuple[Transform, Mapping[str, Any]]] = []
        try:
            for step in plan_along(transforms, seed, ctx):
                steps.append(step)
        except NotApplicable as exc:  # raised by the transform after those planned
            return _Chain(status="not_applicable", reason=f"{transforms[len(steps)].name}: {exc.reason}")
        except Exception as exc:  # a transform's bug must not stop the run
            return _Chain(status="failed", reason=f"{transforms[len(steps)].name}: {_describe(exc)}")
        return _Chain(tuple(steps))

    def _corner(
        self,
        corner: Corner,
        seed: Problem,
        chains: dict[str, _Chain],
        made: dict[Corner, Problem],
        ctx: Context,
    ) -> tuple[Outcome, Problem | None]:
        for axis in corner.axes:
            chain = chains[axis]
            if chain.status != "made":
                return Outcome(corner, chain.status, chain.reason), None
        for axis in corner.axes:
            if axis in self.unavailable:
                return Outcome(corner, "not_applicable", self.unavailable[axis]), None
        problem = seed.replace(verification=())
        try:
            for index, axis in enumerate(corner.axes):
                problem = run_axis(self.axes[axis], chains[axis].steps, problem, ctx, replan=index > 0)
            problem = problem.checked(*_final_checks(problem))
        except NotApplicable as exc:
            return Outcome(corner, "not_applicable", exc.reason), None
        except (TransformFailed, ConstructionError) as exc:
            return Outcome(corner, "failed", _describe(exc)), None
        except Exception as exc:  # a transform's bug must not stop the run
            return Outcome(corner, "failed", _describe(exc)), None
        failed = [c for c in problem.verification if not c.passed]
        if failed:
            return Outcome(corner, "failed", f"verification {failed[0].method}: {failed[0].detail}"), None
        copy_of = _same_as_neighbour(problem, corner, made)
        if copy_of is not None:
            return Outcome(corner, "failed", f"identical to corner {copy_of.value}: the transform changed nothing"), None
        return Outcome(corner, "made"), problem

    @staticmethod
    def _variant(problem: Problem, corner: Corner, fingerprint: str) -> Variant:
        family_id = problem.id
        variant_id = content_hash(family_id, corner.value, fingerprint, problem.content())
        return Variant(problem.replace(id=f"{family_id}:{corner.value}"), family_id, corner.value, variant_id)


def _checked_seed(seed: Problem) -> tuple[Check, ...]:
    try:
        checks = seed_checks(seed)
    except ConstructionError as exc:
        raise SeedRejected(exc.field or "construction", exc.reason) from exc
    failed = [c for c in checks if not c.passed]
    if failed:
        raise SeedRejected("answer", failed[0].detail)
    return checks


def _final_checks(problem: Problem) -> tuple[Check, ...]:
    """Every emitted variant with a construction is re-evaluated exactly, whatever made it, and
    its answer string is read back by math-verify."""
    return answer_checks(problem) if problem.construction is not None else ()


def _same_as_neighbour(problem: Problem, corner: Corner, made: dict[Corner, Problem]) -> Corner | None:
    """A corner must differ from each corner one axis below it, or it is a copy, not a variant."""
    for axis in corner.axes:
        below = Corner("".join(a for a in corner.axes if a != axis) or "base")
        neighbour = made.get(below)
        if neighbour is not None and _shown(neighbour) == _shown(problem):
            return below
    return None


def _shown(problem: Problem) -> tuple[Any, ...]:
    """What a solver sees: the text, the answer and the figure."""
    construction = problem.construction.to_dict() if problem.construction else None
    return problem.question, problem.answer, content_hash(construction), problem.images


def _describe(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
    return reason if isinstance(exc, (TransformFailed, NotApplicable)) else f"{type(exc).__name__}: {reason}"

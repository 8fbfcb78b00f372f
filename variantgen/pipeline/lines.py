"""One seed line's journey: expanded by a worker, drawn by the render stage, then counted.

A worker turns a line into a ``LineResult``: the family's variants and the corners it did not
make, or the line's error. The result keeps ``Variant`` objects (not rows) until its shard is
committed, so the render stage can add each figure and its check, or turn a variant into a
failed corner. Once that has happened the result is *settled*, and only then is it counted
(``stats``) and written (``skipped`` records, rows): every number comes from the final outcomes.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from variantgen.cube import Corner
from variantgen.family import Cube, Outcome, SeedRejected
from variantgen.io.seeds import SeedLine
from variantgen.model import Variant
from variantgen.pipeline.stats import RunStats
from variantgen.render.stage import Failure
from variantgen.transforms.base import Context


@dataclass
class LineResult:
    """What one seed line turned into; picklable, so process workers send it back and an aborted
    run can keep it for the rerun."""

    line: int
    family_id: str | None = None
    variants: list[Variant] = field(default_factory=list)
    #: Corners not made, in the order they are reported: the cube's, then figures that failed.
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    settled: bool = False

    def settle(self, drawn: Iterable[Variant | Failure] | None = None) -> None:
        """Take the render stage's verdict on each variant (``None``: no figures are drawn)."""
        if drawn is not None:
            drawn = list(drawn)
            self.variants = [v for v in drawn if isinstance(v, Variant)]
            self.outcomes += [Outcome(Corner(f.variant.corner), "failed", f.reason) for f in drawn if isinstance(f, Failure)]
        self.settled = True

    def stats(self) -> RunStats:
        """This line's counts, from its final variants and outcomes."""
        assert self.settled, "a line is counted once its figures are drawn"
        stats = RunStats(lines=1, errors=len(self.errors), warnings=len(self.warnings))
        if self.family_id is None:
            return stats
        stats.families, stats.rows = 1, len(self.variants)
        for variant in self.variants:
            corner = stats.corners[variant.corner]
            corner.made += 1
            corner.knowledge_points[len(variant.problem.knowledge_points)] += 1
        for outcome in self.outcomes:
            corner = stats.corners[outcome.corner.value]
            setattr(corner, outcome.status, getattr(corner, outcome.status) + 1)
            corner.reasons[outcome.reason] += 1
        return stats

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data (a resume reads it back with ``from_dict``; nothing in OUT is code)."""
        return {
            "line": self.line,
            "family_id": self.family_id,
            "variants": [v.to_dict() for v in self.variants],
            "outcomes": [{"corner": o.corner.value, "status": o.status, "reason": o.reason} for o in self.outcomes],
            "errors": self.errors,
            "warnings": self.warnings,
            "settled": self.settled,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineResult:
        return cls(
            int(data["line"]),
            data["family_id"],
            [Variant.from_dict(v) for v in data["variants"]],
            [Outcome(Corner(o["corner"]), o["status"], o["reason"]) for o in data["outcomes"]],
            list(data["errors"]),
            list(data["warnings"]),
            bool(data["settled"]),
        )

    def skipped(self) -> list[dict[str, Any]]:
        """The records of ``skipped.jsonl``: each corner not made, and why."""
        return [
            {"line": self.line, "family_id": self.family_id, "corner": o.corner.value, "status": o.status, "reason": o.reason}
            for o in self.outcomes
        ]


class SeedTimeout(BaseException):
    """A seed took longer than the run's ``seed_timeout``. A ``BaseException``, like Ctrl-C, so
    that no ``except Exception`` on the way (a transform's, a corner's) can swallow it and carry on."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``SeedTimeout`` in this thread after ``seconds`` (a real-time alarm). Only the main
    thread of a process receives it, which is where expansion runs unless an LLM endpoint is
    used (threads then wait on the network, bounded by the client's own timeouts); 0 means none."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise SeedTimeout(f"expanding this seed took longer than {seconds:g} s (--seed-timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Worker:
    """Expands seed lines; one per process (or shared by threads), built once so the cube is not
    re-sent per line. ``timeout``: seconds a seed may take (0: no limit)."""

    def __init__(self, cube: Cube, ctx: Context, timeout: float = 0) -> None:
        self.cube = cube
        self.ctx = ctx
        self.timeout = timeout

    def __call__(self, item: SeedLine) -> LineResult:
        seed_id = item.problem.id if item.problem else (item.error.id if item.error else None)
        result = LineResult(item.line, warnings=[{"line": item.line, "id": seed_id, "warning": w} for w in item.warnings])
        if item.error is not None:
            result.errors.append(item.error.to_dict())
            return result
        assert item.problem is not None
        try:
            with time_budget(self.timeout):
                family = self.cube.expand(item.problem, self.ctx)
        except SeedRejected as exc:
            result.errors.append({"line": item.line, "id": seed_id, "field": exc.field, "reason": exc.reason})
            return result
        except SeedTimeout as exc:
            result.errors.append(
                {"line": item.line, "id": seed_id, "field": None, "reason": str(exc), "exception": "SeedTimeout"}
            )
            return result
        except Exception as exc:  # noqa: BLE001 - a seed that breaks anything is its own line's error, never the run's
            kind = type(exc).__name__
            reason = f"expanding this seed failed ({kind}: {str(exc)[:300]})"
            result.errors.append({"line": item.line, "id": seed_id, "field": None, "reason": reason, "exception": kind})
            return result
        result.family_id = family.seed.id
        result.variants = list(family.variants)
        result.outcomes = [o for o in family.outcomes.values() if o.status != "made"]
        return result

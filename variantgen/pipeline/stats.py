"""What a run counts: per corner, how many variants were made, not applicable or failed, why, and
how many knowledge points the made ones have. Shards' counts add up to the run's; a shard's are
stored in its commit marker, so a resumed run reports the same totals as an uninterrupted one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from variantgen.cube import Corner


@dataclass
class CornerStats:
    made: int = 0
    not_applicable: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    knowledge_points: Counter[int] = field(default_factory=Counter)

    def add(self, other: CornerStats) -> None:
        self.made += other.made
        self.not_applicable += other.not_applicable
        self.failed += other.failed
        self.reasons.update(other.reasons)
        self.knowledge_points.update(other.knowledge_points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "made": self.made,
            "not_applicable": self.not_applicable,
            "failed": self.failed,
            "reasons": dict(self.reasons.most_common()),
            "knowledge_points": {str(k): v for k, v in sorted(self.knowledge_points.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CornerStats:
        return cls(
            data["made"],
            data["not_applicable"],
            data["failed"],
            Counter(data["reasons"]),
            Counter({int(k): v for k, v in data["knowledge_points"].items()}),
        )


@dataclass
class RunStats:
    """Counts for a line, a shard or a whole run."""

    lines: int = 0
    families: int = 0
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    corners: dict[str, CornerStats] = field(default_factory=lambda: {c.value: CornerStats() for c in Corner})

    def add(self, other: RunStats) -> None:
        self.lines += other.lines
        self.families += other.families
        self.rows += other.rows
        self.errors += other.errors
        self.warnings += other.warnings
        for name, stats in other.corners.items():
            self.corners[name].add(stats)

    @property
    def failed(self) -> int:
        return sum(s.failed for s in self.corners.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "families": self.families,
            "rows": self.rows,
            "errors": self.errors,
            "warnings": self.warnings,
            "corners": {name: s.to_dict() for name, s in self.corners.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunStats:
        stats = cls(data["lines"], data["families"], data["rows"], data["errors"], data["warnings"])
        stats.corners.update({k: CornerStats.from_dict(v) for k, v in data["corners"].items()})
        return stats

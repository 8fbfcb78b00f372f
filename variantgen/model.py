"""Plain data objects: a Problem, the record of what was applied to it, and how it was checked.

A Problem is immutable. Transforms never edit one in place; they return a new Problem whose
``provenance`` grows by one entry and whose ``verification`` records what was checked. That is
what lets a variant be replayed from its seed and audited without trusting the code that made it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from variantgen.construction import Construction
from variantgen.cube import Corner


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: the byte form that content hashes are taken of."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def content_hash(*parts: Any, length: int = 16) -> str:
    """A short, stable hex digest of ``parts`` (same inputs, same id, on every machine)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(canonical_json(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Applied:
    """One transform application: enough to rebuild the transform and apply it again exactly."""

    transform: str
    axis: str | None
    config: Mapping[str, Any]
    params: Mapping[str, Any]
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "transform": self.transform,
            "axis": self.axis,
            "config": dict(self.config),
            "params": dict(self.params),
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Applied:
        return cls(
            transform=data["transform"],
            axis=data.get("axis"),
            config=dict(data.get("config") or {}),
            params=dict(data.get("params") or {}),
            version=str(data.get("version", "")),
        )


@dataclass(frozen=True)
class Check:
    """One verification of an answer. ``method`` is one of

    ``exact`` (the construction re-evaluated with sympy gives the stated answer),
    ``invariant`` (a property the transform must keep still holds, e.g. the target value),
    ``math-verify`` (two answer strings compared), ``geogebra-numeric``, ``solve-back``,
    or ``seed`` (the seed's own answer, taken as given because nothing can re-derive it).
    """

    method: str
    passed: bool
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "passed": self.passed, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Check:
        return cls(str(data["method"]), bool(data["passed"]), str(data.get("detail", "")))


@dataclass(frozen=True)
class SolutionStep:
    """One intermediate conclusion of a worked solution, with the knowledge point it uses."""

    text: str
    knowledge_point: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SolutionStep:
        return cls(str(data["text"]), data.get("knowledge_point"), data.get("value"))


@dataclass(frozen=True)
class Problem:
    """A math problem as shown to a solver, plus what is needed to check and redraw it.

    ``images`` are file paths (a seed's picture, or a diagram rendered from ``construction``).
    ``meta`` holds anything a transform wants to pass along that is not part of the problem.
    """

    id: str
    question: str
    answer: str
    knowledge_points: tuple[str, ...] = ()
    construction: Construction | None = None
    images: tuple[str, ...] = ()
    solution: tuple[SolutionStep, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    provenance: tuple[Applied, ...] = ()
    verification: tuple[Check, ...] = ()

    def replace(self, **changes: Any) -> Problem:
        return dataclasses.replace(self, **changes)

    def with_knowledge_points(self, *points: str) -> Problem:
        """Append knowledge points, keeping order and dropping repeats."""
        merged = list(self.knowledge_points)
        merged += [p for p in points if p not in merged]
        return self.replace(knowledge_points=tuple(merged))

    def checked(self, *checks: Check) -> Problem:
        return self.replace(verification=self.verification + checks)

    @property
    def verified(self) -> bool:
        """True when at least one check ran and none failed."""
        return bool(self.verification) and all(c.passed for c in self.verification)

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON data (``from_dict`` reads it back): what a resume keeps of a
        problem an aborted run made, where a row would lose its picture's path and its meta."""
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "knowledge_points": list(self.knowledge_points),
            "construction": self.construction.to_dict() if self.construction else None,
            "images": list(self.images),
            "solution": [s.to_dict() for s in self.solution],
            "meta": dict(self.meta),
            "provenance": [a.to_dict() for a in self.provenance],
            "verification": [c.to_dict() for c in self.verification],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        return cls(
            id=data["id"],
            question=data["question"],
            answer=data["answer"],
            knowledge_points=tuple(data["knowledge_points"]),
            construction=Construction.from_dict(data["construction"]) if data["construction"] else None,
            images=tuple(data["images"]),
            solution=tuple(SolutionStep.from_dict(s) for s in data["solution"]),
            meta=data["meta"],
            provenance=tuple(Applied.from_dict(a) for a in data["provenance"]),
            verification=tuple(Check.from_dict(c) for c in data["verification"]),
        )

    def content(self) -> dict[str, Any]:
        """The fields that define the problem itself (what a content hash is taken of)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "knowledge_points": list(self.knowledge_points),
            "construction": self.construction.to_dict() if self.construction else None,
            "images": [_file_digest(p) for p in self.images],
        }


def _file_digest(path: str) -> str:
    """Hash of an image's bytes, so ids do not depend on where the seeds folder lives."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()[:16]
    except OSError:
        return path


@dataclass(frozen=True)
class Variant:
    """A row of the output: a problem at one corner of its seed's difficulty cube."""

    problem: Problem
    family_id: str
    corner: str
    id: str

    @property
    def difficulty(self) -> str:
        return Corner(self.corner).difficulty

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(), "family_id": self.family_id, "corner": self.corner, "id": self.id}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Variant:
        return cls(Problem.from_dict(data["problem"]), data["family_id"], data["corner"], data["id"])

"""``variantgen verify OUT``: re-check a whole output from scratch, trusting nothing it records.

For every row: the construction is re-evaluated and must give the stated answer (``exact``), and
math-verify must read the answer string as that value (``math-verify``); the
row must be rebuilt exactly by replaying its provenance on its family's seed (``replay``); and
each corner must relate to its neighbours as the cube says: a visual or context step keeps the
answer, a visual step keeps every object of the figure (by label), a context step keeps every given (``lattice``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from variantgen.construction import Construction, ConstructionError
from variantgen.cube import Corner
from variantgen.io.parquet import iter_rows
from variantgen.model import Problem, SolutionStep
from variantgen.text.givens import missing_givens
from variantgen.transforms import replay
from variantgen.checks import answer_checks

COLUMNS = ["family_id", "corner", "question", "answer", "knowledge points", "construction", "provenance", "solution"]


@dataclass
class AuditReport:
    """Per corner and check: how many rows passed, and the failures with their reasons."""

    passed: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[dict[str, str]] = field(default_factory=list)

    def record(self, row: dict[str, Any], check: str, problem: str | None) -> None:
        if problem is None:
            self.passed[(row["corner"], check)] += 1
        else:
            self.failures.append({"family_id": row["family_id"], "corner": row["corner"], "check": check, "reason": problem})

    @property
    def ok(self) -> bool:
        return not self.failures


def audit(out_dir: str | Path) -> AuditReport:
    report = AuditReport()
    for family in _families(out_dir):
        by_corner = {row["corner"]: row for row in family}
        seed = _problem(by_corner["base"]) if "base" in by_corner else None
        for row in family:
            problem = _problem(row)
            if problem.construction is not None:
                for check, problem_found in _answer(problem):
                    report.record(row, check, problem_found)
            if row["corner"] != "base":
                report.record(row, "replay", _replay(seed, problem, row))
                report.record(row, "lattice", _lattice(row, by_corner))
    return report


def _families(out_dir: str | Path) -> Iterator[list[dict[str, Any]]]:
    """Rows grouped by family (the writer keeps a family's rows together)."""
    family: list[dict[str, Any]] = []
    for row in iter_rows(out_dir, columns=COLUMNS):
        if family and row["family_id"] != family[0]["family_id"]:
            yield family
            family = []
        family.append(row)
    if family:
        yield family


def _problem(row: dict[str, Any]) -> Problem:
    construction = Construction.from_dict(json.loads(row["construction"])) if row["construction"] else None
    return Problem(
        id=row["family_id"],
        question=row["question"],
        answer=row["answer"],
        knowledge_points=tuple(row["knowledge points"]),
        construction=construction,
        solution=tuple(SolutionStep.from_dict(s) for s in json.loads(row["solution"] or "[]")),
    )


def _answer(problem: Problem) -> list[tuple[str, str | None]]:
    """(check, failure or None) for the exact re-evaluation and math-verify's reading."""
    try:
        checks = answer_checks(problem)
    except ConstructionError as exc:
        return [("exact", str(exc))]
    return [(check.method, None if check.passed else check.detail) for check in checks]


def _replay(seed: Problem | None, problem: Problem, row: dict[str, Any]) -> str | None:
    if seed is None:
        return "the family's base row is missing"
    try:
        again = replay(seed, json.loads(row["provenance"])["transforms"])
    except Exception as exc:  # any failure to replay is what this check reports
        return f"replay failed: {type(exc).__name__}: {exc}"
    for name in ("question", "answer", "construction"):
        if getattr(again, name) != getattr(problem, name):
            return f"replaying the provenance gives a different {name}"
    return None


def _lattice(row: dict[str, Any], by_corner: dict[str, dict[str, Any]]) -> str | None:
    corner = Corner(row["corner"])
    for axis in ("v", "c"):
        if axis not in corner.axes:
            continue
        below = by_corner.get("".join(a for a in corner.axes if a != axis) or "base")
        if below is None:
            continue
        if below["answer"] != row["answer"]:
            return f"the {axis} step changed the answer ({below['answer']} → {row['answer']})"
        if axis == "c" and (lost := missing_givens(below["question"], row["question"])):
            return f"the context step lost givens: {', '.join(lost)}"
        if axis == "v" and below["construction"]:
            old = Construction.from_dict(json.loads(below["construction"]))
            new = Construction.from_dict(json.loads(row["construction"])) if row["construction"] else None
            if new is None or not set(old.names()) <= set(new.names()):
                return "the visual step removed objects of the figure"
    return None

"""``variantgen verify OUT``: re-check a whole output from scratch, trusting nothing it records.

For every row: the construction is re-evaluated and must give the stated answer (``exact``), and
math-verify must read the answer string as that value (``math-verify``); the
row must be rebuilt exactly by replaying its provenance on its family's seed (``replay``); and
each corner must relate to its neighbours as the cube says: a visual or context step keeps the
answer, a visual step keeps every object of the figure (by label), a context step keeps every given (``lattice``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from variantgen.checks import answer_checks
from variantgen.construction import ConstructionError
from variantgen.cube import Corner
from variantgen.io.parquet import iter_families
from variantgen.io.rows import from_row
from variantgen.model import Problem, Variant
from variantgen.text.givens import missing_givens
from variantgen.transforms import replay

COLUMNS = ["family_id", "corner", "question", "answer", "knowledge points", "construction", "provenance", "solution"]


@dataclass
class AuditReport:
    """Per corner and check: how many rows passed, and the failures with their reasons."""

    passed: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[dict[str, str]] = field(default_factory=list)

    def record(self, variant: Variant, check: str, problem: str | None) -> None:
        if problem is None:
            self.passed[(variant.corner, check)] += 1
        else:
            self.failures.append({"family_id": variant.family_id, "corner": variant.corner, "check": check, "reason": problem})

    @property
    def ok(self) -> bool:
        return not self.failures


def audit(out_dir: str | Path) -> AuditReport:
    report = AuditReport()
    for rows in iter_families(out_dir, columns=COLUMNS):
        family = [from_row(row) for row in rows]
        by_corner = {variant.corner: variant for variant in family}
        base = by_corner.get("base")
        # Replay starts from the seed as the cube transformed it: under the family's id, unchecked.
        seed = base.problem.replace(id=base.family_id, verification=()) if base else None
        for variant in family:
            if variant.problem.construction is not None:
                for check, problem_found in _answer(variant.problem):
                    report.record(variant, check, problem_found)
            if variant.corner != "base":
                report.record(variant, "replay", _replay(seed, variant.problem))
                report.record(variant, "lattice", _lattice(variant, by_corner))
    return report


def _answer(problem: Problem) -> list[tuple[str, str | None]]:
    """(check, failure or None) for the exact re-evaluation and math-verify's reading."""
    try:
        checks = answer_checks(problem)
    except ConstructionError as exc:
        return [("exact", str(exc))]
    return [(check.method, None if check.passed else check.detail) for check in checks]


def _replay(seed: Problem | None, problem: Problem) -> str | None:
    if seed is None:
        return "the family's base row is missing"
    try:
        again = replay(seed, problem.provenance)
    except Exception as exc:  # any failure to replay is what this check reports
        return f"replay failed: {type(exc).__name__}: {exc}"
    for name in ("question", "answer", "construction"):
        if getattr(again, name) != getattr(problem, name):
            return f"replaying the provenance gives a different {name}"
    return None


def _lattice(variant: Variant, by_corner: dict[str, Variant]) -> str | None:
    corner, problem = Corner(variant.corner), variant.problem
    for axis in ("v", "c"):
        if axis not in corner.axes:
            continue
        below = by_corner.get("".join(a for a in corner.axes if a != axis) or "base")
        if below is None:
            continue
        if below.problem.answer != problem.answer:
            return f"the {axis} step changed the answer ({below.problem.answer} → {problem.answer})"
        if axis == "c" and (lost := missing_givens(below.problem.question, problem.question)):
            return f"the context step lost givens: {', '.join(lost)}"
        if axis == "v" and below.problem.construction is not None:
            old, new = below.problem.construction, problem.construction
            if new is None or not set(old.names()) <= set(new.names()):
                return "the visual step removed objects of the figure"
    return None

"""Seeds and paths the tests share. Importable as ``helpers`` because pytest puts ``tests/`` (where
the rootdir's conftest lives) on ``sys.path``; fixtures stay in ``conftest.py``."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "seeds.jsonl"
SHARED = ROOT.parent / "shared"

# A scalene triangle (no right angle): BC = 7 by the law of cosines with AB = 5, AC = 8, ∠A = 60°.
TRIANGLE = {
    "id": "tri-test",
    "question": "In triangle ABC, AB = 5, AC = 8 and ∠BAC = 60°. Find BC.",
    "answer": "7",
    "knowledge_points": ["law-of-cosines"],
    "construction": {
        "commands": ["A=(0,0)", "B=(5,0)", "C=(4,4*sqrt(3))", "t=Polygon(A,B,C)"],
        "target": "Distance(B,C)",
    },
}

ANGLE = {
    "id": "ang-test",
    "question": "In triangle ABC, ∠ABC is formed at B with A = (4,0), B = (0,0) and C = (1,1). Find ∠ABC.",
    "answer": "45°",
    "knowledge_points": ["angle-measure"],
    "construction": {"commands": ["A=(4,0)", "B=(0,0)", "C=(1,1)", "t=Polygon(A,B,C)"], "target": "Angle(A,B,C)"},
}

TEXT = {
    "id": "text-test",
    "question": "A shop sells pencils at 3 for 2 dollars. How many dollars do 12 pencils cost?",
    "answer": "8",
    "knowledge_points": ["ratio"],
}


def write_jsonl(path: Path, records: list[object]) -> Path:
    """Write records as JSON Lines; a str record is written verbatim (for malformed lines)."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def seed(base: dict, **changes: object) -> dict:
    record = json.loads(json.dumps(base))
    record.update(changes)
    return record


@contextmanager
def started_renderer(**settings: Any) -> Iterator[Any]:
    """A ``variantgen.render.Renderer(**settings)``, started and closed as every run does it
    (``variantgen.session.run``)."""
    from variantgen.render import Renderer
    from variantgen.session import run

    with run(True, renderer=functools.partial(Renderer, **settings)) as services:
        yield services.renderer


def check_applications(scene: Any, names: list[str], checked: Any) -> None:
    """Every application of these theorems whose premises are known (relations stated, measures
    with exact values): its formula on those values must give the conclusion's value from the
    figure, and a relation it concludes must be one the scene holds. ``checked`` counts them."""
    import sympy

    from variantgen.derive import THEOREMS
    from variantgen.derive.scene import same

    for name in names:
        for application in THEOREMS[name].applications(scene):
            values = []
            for premise in application.premises:
                value = scene.value(premise) if premise.is_measure else None
                if premise.is_measure and (value is None or not scene.confirmed(premise)):
                    break
                if not premise.is_measure and premise not in scene.relations:
                    break
                values.append(value)
            else:
                if not application.conclusion.is_measure:
                    assert application.conclusion in scene.relations, f"{name}: {application.conclusion}"
                    checked[name] += 1
                    continue
                expected = scene.value(application.conclusion)
                if expected is None or not scene.confirmed(application.conclusion):
                    continue
                assert application.formula is not None
                got = sympy.sympify(application.formula(*values))
                assert same(got, expected), (
                    f"{name}: {application.premises} = {values} gives {application.conclusion} = {got}, not {expected}"
                )
                checked[name] += 1

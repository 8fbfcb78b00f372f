"""The output row: a Variant as one Parquet row (``to_row``) and a row back as a Variant (``from_row``).

This is the only place that knows the columns and how nested records are encoded, so the writer,
the render stage, ``variantgen verify``, ``inspect``, ``report`` and the exporters all read and
write the same thing. Nested records (provenance, verification, construction, solution) are JSON
strings, keys sorted: their shapes differ from transform to transform, which Arrow structs cannot
hold without a union of all shapes, and sorted keys make a row's bytes depend on its content only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import datasets

from variantgen.construction import Construction
from variantgen.model import Applied, Check, Problem, SolutionStep, Variant
from variantgen.text.choices import choice_of

#: MathBook-Pro's own columns, in its order (the ``mathbook-pro`` export writes exactly these).
MATHBOOK_COLUMNS = ("question_id", "question", "image", "difficulty", "knowledge points", "idx", "answer")

FEATURES = datasets.Features(
    {
        # MathBook-Pro's columns, in its order and types.
        "question_id": datasets.Value("string"),
        "question": datasets.Value("string"),
        "image": datasets.Image(),
        "difficulty": datasets.Value("string"),
        "knowledge points": datasets.Sequence(datasets.Value("string")),
        "idx": datasets.Value("string"),
        "answer": datasets.Value("string"),
        # variantgen's own.
        "family_id": datasets.Value("string"),
        "corner": datasets.Value("string"),
        "provenance": datasets.Value("string"),
        "verification": datasets.Value("string"),
        "construction": datasets.Value("string"),
        "solution": datasets.Value("string"),
        # the option letter of the answer, where the question lists multiple-choice options
        "choice": datasets.Value("string"),
    }
)


def to_row(variant: Variant, run: Mapping[str, Any]) -> dict[str, Any]:
    """One output row. ``run`` is the run-level provenance (seed, library version); the image is
    the problem's first picture (a drawn figure comes first), read from its file."""
    problem = variant.problem
    provenance = {**run, "transforms": [a.to_dict() for a in problem.provenance]}
    return {
        "question_id": variant.id,
        "question": problem.question,
        "image": _image(problem.images),
        "difficulty": variant.difficulty,
        "knowledge points": list(problem.knowledge_points),
        # MathBook-Pro's principle index: the dataset's own (a seed's meta.idx), else the family
        "idx": str(problem.meta.get("idx") or variant.family_id) if isinstance(problem.meta, dict) else variant.family_id,
        "answer": problem.answer,
        "family_id": variant.family_id,
        "corner": variant.corner,
        "provenance": _json(provenance),
        "verification": _json([c.to_dict() for c in problem.verification]),
        "construction": _json(problem.construction.to_dict()) if problem.construction else None,
        "solution": _json([s.to_dict() for s in problem.solution]),
        "choice": choice_of(problem.question, problem.answer),
    }


def from_row(row: Mapping[str, Any]) -> Variant:
    """The Variant a row holds, nested records decoded. Works on a subset of the columns (readers
    ask only for what they use): an absent column reads as empty. The picture stays in the row
    (``row["image"]``): a Problem's images are files, and a row's picture is bytes."""
    family_id, corner = row["family_id"], row["corner"]
    provenance = json.loads(row.get("provenance") or "{}")
    construction = row.get("construction")
    problem = Problem(
        id=f"{family_id}:{corner}",
        question=row["question"],
        answer=row["answer"],
        knowledge_points=tuple(row.get("knowledge points") or ()),
        construction=Construction.from_dict(json.loads(construction)) if construction else None,
        solution=tuple(SolutionStep.from_dict(s) for s in json.loads(row.get("solution") or "[]")),
        provenance=tuple(Applied.from_dict(a) for a in provenance.get("transforms", ())),
        verification=tuple(Check.from_dict(c) for c in json.loads(row.get("verification") or "[]")),
    )
    return Variant(problem, family_id, corner, row.get("question_id") or "")


def _image(paths: tuple[str, ...]) -> dict[str, Any] | None:
    if not paths:
        return None
    return {"bytes": Path(paths[0]).read_bytes(), "path": Path(paths[0]).name}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)

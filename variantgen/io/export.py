"""Exporters: variantgen's Parquet output → the layouts other trainers read.

- ``mathbook-pro``: exactly MathBook-Pro's seven columns.
- ``easyr1``: EasyR1 / verl's ``problem``, ``images``, ``answer`` (``<image>`` marks the picture).
- ``trl``: a conversational ``prompt``, ``images`` and ``solution``, as TRL's GRPOTrainer expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import datasets

from variantgen.io.parquet import iter_rows, write_rows
from variantgen.io.rows import FEATURES, MATHBOOK_COLUMNS

_IMAGES = datasets.Sequence(datasets.Image())


def _mathbook(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in MATHBOOK_COLUMNS}


def _easyr1(row: dict[str, Any]) -> dict[str, Any]:
    images = [row["image"]] if row["image"] else []
    problem = ("<image>" + row["question"]) if images else row["question"]
    return {
        "problem": problem,
        "images": images,
        "answer": row["answer"],
        "difficulty": row["difficulty"],
        "family_id": row["family_id"],
    }


def _trl(row: dict[str, Any]) -> dict[str, Any]:
    images = [row["image"]] if row["image"] else []
    content: list[dict[str, Any]] = [{"type": "image", "text": None}] if images else []
    content.append({"type": "text", "text": row["question"]})
    return {
        "prompt": [{"role": "user", "content": content}],
        "images": images,
        "solution": row["answer"],
        "difficulty": row["difficulty"],
        "family_id": row["family_id"],
        "knowledge points": row["knowledge points"],
    }


_CONTENT = [{"type": datasets.Value("string"), "text": datasets.Value("string")}]

FORMATS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], datasets.Features]] = {
    "mathbook-pro": (_mathbook, datasets.Features({k: FEATURES[k] for k in MATHBOOK_COLUMNS})),
    "easyr1": (
        _easyr1,
        datasets.Features(
            {
                "problem": datasets.Value("string"),
                "images": _IMAGES,
                "answer": datasets.Value("string"),
                "difficulty": datasets.Value("string"),
                "family_id": datasets.Value("string"),
            }
        ),
    ),
    "trl": (
        _trl,
        datasets.Features(
            {
                "prompt": [{"role": datasets.Value("string"), "content": _CONTENT}],
                "images": _IMAGES,
                "solution": datasets.Value("string"),
                "difficulty": datasets.Value("string"),
                "family_id": datasets.Value("string"),
                "knowledge points": datasets.Sequence(datasets.Value("string")),
            }
        ),
    ),
}


def export(out_dir: str | Path, dest: str | Path, fmt: str) -> int:
    """Convert every row of ``out_dir`` into ``dest`` in format ``fmt``; returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    convert, features = FORMATS[fmt]
    rows: Iterator[dict[str, Any]] = (convert(row) for row in iter_rows(out_dir))
    return write_rows(rows, Path(dest), features)

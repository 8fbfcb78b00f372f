"""Parquet shards in the MathBook-Pro layout, written through ``datasets`` so images load as images.

Shards live at ``OUT/data/train-NNNNN.parquet``. The ``train-`` prefix is what lets
``datasets.load_dataset("parquet", data_dir=OUT)`` find them and ignore the JSON files beside them.
Nested records (provenance, verification, construction, solution) are JSON strings: their shapes
differ from transform to transform, which Arrow structs cannot hold without a union of all shapes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import datasets
import pyarrow.parquet as pq

from variantgen.model import Variant

DATA_DIR = "data"

# A progress bar per shard would bury variantgen's own; the run reports its progress itself.
datasets.disable_progress_bars()

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
    }
)


def shard_path(out_dir: str | os.PathLike[str], index: int) -> Path:
    return Path(out_dir) / DATA_DIR / f"train-{index:05d}.parquet"


def write_variants(variants: Iterable[Variant], out_dir: str | os.PathLike[str], run: dict[str, Any] | None = None) -> int:
    """Write variants made in Python (e.g. ``v for f in families for v in f.variants``) as shards."""
    return write_rows((variant_row(v, run or {}) for v in variants), Path(out_dir), FEATURES)


def variant_row(variant: Variant, run: dict[str, Any]) -> dict[str, Any]:
    """One output row. ``run`` is the run-level provenance (seed, library version)."""
    problem = variant.problem
    construction = problem.construction.to_dict() if problem.construction else None
    provenance = {**run, "transforms": [a.to_dict() for a in problem.provenance]}
    return {
        "question_id": variant.id,
        "question": problem.question,
        "image": _image(problem.images),
        "difficulty": variant.difficulty,
        "knowledge points": list(problem.knowledge_points),
        "idx": variant.family_id,
        "answer": problem.answer,
        "family_id": variant.family_id,
        "corner": variant.corner,
        "provenance": _json(provenance),
        "verification": _json([c.to_dict() for c in problem.verification]),
        "construction": _json(construction) if construction else None,
        "solution": _json([s.to_dict() for s in problem.solution]),
    }


def _image(paths: tuple[str, ...]) -> dict[str, Any] | None:
    if not paths:
        return None
    return {"bytes": Path(paths[0]).read_bytes(), "path": Path(paths[0]).name}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_shard(rows: list[dict[str, Any]], path: Path, features: datasets.Features = FEATURES) -> None:
    """Write rows atomically: to a temporary name first, renamed once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    datasets.Dataset.from_list(rows, features=features).to_parquet(str(partial))
    os.replace(partial, path)


def shard_files(out_dir: str | os.PathLike[str]) -> list[Path]:
    return sorted((Path(out_dir) / DATA_DIR).glob("train-*.parquet"))


def iter_rows(
    out_dir: str | os.PathLike[str], columns: list[str] | None = None, batch_size: int = 256
) -> Iterator[dict[str, Any]]:
    """Stream rows of every shard in order, a batch at a time (images stay as ``{bytes, path}``)."""
    for path in shard_files(out_dir):
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=batch_size, columns=columns):
            yield from batch.to_pylist()


def write_rows(rows: Iterable[dict[str, Any]], out_dir: Path, features: datasets.Features, shard_rows: int = 2048) -> int:
    """Write an arbitrary row stream as ``train-NNNNN.parquet`` shards of bounded size (exporters)."""
    count, shard, batch = 0, 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == shard_rows:
            write_shard(batch, shard_path(out_dir, shard), features)
            count, shard, batch = count + len(batch), shard + 1, []
    if batch or shard == 0:
        write_shard(batch, shard_path(out_dir, shard), features)
        count += len(batch)
    return count

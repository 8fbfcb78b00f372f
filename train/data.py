"""Training data: variantgen output, MathBook-Pro or EasyR1 Parquet → conversational GRPO prompts.

Every row becomes ``prompt`` (one user message rendered from the prompt template), ``images``
(a list: the diagram, or empty), ``solution`` (the reference answer) and the bookkeeping columns
the rewards, metrics and scheduler read: ``question_id``, ``family_id``, ``corner``,
``knowledge_points``, ``principle``, ``row`` (the row's index) and ``pool`` (a knowledge-pool row).
The image itself is not named in the prompt text: TRL inserts the image part into the message.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import datasets
import pyarrow.parquet as pq

from variantgen.cube import Corner
from variantgen.io.parquet import shard_files
from variantgen.templating import environment

FEATURES = datasets.Features(
    {
        "prompt": [{"role": datasets.Value("string"), "content": datasets.Value("string")}],
        "images": datasets.Sequence(datasets.Image()),
        "solution": datasets.Value("string"),
        # the answer's option letter when the question lists multiple-choice options ("" otherwise)
        "choice": datasets.Value("string"),
        "question_id": datasets.Value("string"),
        "family_id": datasets.Value("string"),
        "corner": datasets.Value("string"),
        "knowledge_points": datasets.Sequence(datasets.Value("string")),
        "principle": datasets.Value("string"),
        "row": datasets.Value("int64"),
        "pool": datasets.Value("bool"),
    }
)

_IMAGE_MARK = re.compile(r"<image>\s*")


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of a variantgen output folder (``data/train-*``), any folder, or one file."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"training data {path} does not exist")
    files = shard_files(path) or sorted(path.rglob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"no Parquet files under {path}")
    return files


def detect_format(columns: Sequence[str]) -> str:
    names = set(columns)
    if {"corner", "family_id", "question", "answer"} <= names:
        return "variantgen"
    if {"question", "difficulty", "knowledge points", "answer"} <= names:
        return "mathbook-pro"
    if {"problem", "answer"} <= names:
        return "easyr1"
    raise ValueError(f"cannot tell the layout of a table with columns {sorted(names)}")


def read_records(path: str | Path, fmt: str = "auto") -> Iterator[dict[str, Any]]:
    """Rows of one dataset in a common shape: question, answer, image ({bytes, path} or None),
    question_id, family_id, corner, knowledge_points."""
    for file in parquet_files(path):
        table = pq.ParquetFile(file)
        layout = detect_format(table.schema_arrow.names) if fmt == "auto" else fmt
        convert = _CONVERTERS[layout]
        for batch in table.iter_batches(batch_size=256):
            for raw in batch.to_pylist():
                yield convert(raw)


def _variantgen(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "question": raw["question"],
        "answer": raw["answer"],
        "image": raw.get("image"),
        "question_id": raw["question_id"],
        "family_id": raw["family_id"],
        "corner": raw["corner"],
        "knowledge_points": list(raw.get("knowledge points") or []),
        "choice": raw.get("choice") or "",
    }


def _mathbook(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "question": raw["question"],
        "answer": str(raw["answer"]),
        "image": raw.get("image"),
        "question_id": str(raw["question_id"]),
        "family_id": str(raw.get("idx") or raw["question_id"]),
        "corner": Corner.from_difficulty(raw.get("difficulty") or "base").value,
        "knowledge_points": list(raw.get("knowledge points") or []),
    }


def _easyr1(raw: dict[str, Any]) -> dict[str, Any]:
    images = raw.get("images") or []
    question = _IMAGE_MARK.sub("", raw["problem"])
    question_id = hashlib.sha256(question.encode("utf-8")).hexdigest()[:16]
    difficulty = raw.get("difficulty") or "base"
    return {
        "question": question,
        "answer": str(raw["answer"]),
        "image": images[0] if images else None,
        "question_id": question_id,
        "family_id": str(raw.get("family_id") or question_id),
        "corner": Corner.parse(difficulty).value,
        "knowledge_points": list(raw.get("knowledge_points") or []),
    }


_CONVERTERS = {"variantgen": _variantgen, "mathbook-pro": _mathbook, "easyr1": _easyr1}


def render_prompt(template: str, question: str, has_image: bool) -> str:
    """The user message: the template is a name under templates/ (``train/prompt.j2``) or a file."""
    env = environment()
    if Path(template).is_file():
        source = Path(template).read_text(encoding="utf-8")
        return env.from_string(source).render(question=question, has_image=has_image).strip()
    return env.get_template(template).render(question=question, has_image=has_image).strip()


def build_dataset(
    paths: Sequence[str | Path],
    *,
    fmt: str = "auto",
    template: str = "train/prompt.j2",
    principle_key: str = "family",
    pool: Sequence[str | Path] = (),
    max_families: int | None = None,
) -> datasets.Dataset:
    """One dataset of every row of ``paths`` then of ``pool`` (rows flagged ``pool``).

    With ``max_families`` only the first that many families of ``paths`` (in order of appearance)
    are training rows; the rows of the others join the pool, where they still serve as knowledge
    increments of the dynamic schedule."""
    rows: list[dict[str, Any]] = []
    kept: set[str] = set()
    for source, is_pool in [(p, False) for p in paths] + [(p, True) for p in pool]:
        for record in read_records(source, fmt):
            if not is_pool and max_families is not None and len(kept) < max_families:
                kept.add(record["family_id"])
            row_pool = is_pool or (max_families is not None and record["family_id"] not in kept)
            has_image = record["image"] is not None
            kps = record["knowledge_points"]
            principle = record["family_id"] if principle_key == "family" else (kps[0] if kps else record["family_id"])
            rows.append(
                {
                    "prompt": [{"role": "user", "content": render_prompt(template, record["question"], has_image)}],
                    "images": [record["image"]] if has_image else [],
                    "solution": record["answer"],
                    "choice": record.get("choice") or "",
                    "question_id": record["question_id"],
                    "family_id": record["family_id"],
                    "corner": record["corner"],
                    "knowledge_points": kps,
                    "principle": principle,
                    "row": len(rows),
                    "pool": row_pool,
                }
            )
    if not any(not r["pool"] for r in rows):
        raise ValueError(f"no training rows in {', '.join(map(str, paths))}")
    return datasets.Dataset.from_list(rows, features=FEATURES)


def corpus(dataset: datasets.Dataset) -> Iterator[str]:
    """Text to train a tiny tokenizer on: prompts, answers and the answer format."""
    yield "<think> </think> <answer> </answer> \\boxed{} 0123456789 + - * / ^ ( ) sqrt pi °"
    for prompt, solution in zip(dataset["prompt"], dataset["solution"], strict=True):
        yield prompt[0]["content"]
        yield solution

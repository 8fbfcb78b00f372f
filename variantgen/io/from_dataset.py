"""Seeds from a dataset a user already has: We-Math 2.0 (Standard and Pro), MathVerse, MathVista,
Geometry3K-style tables, or any table with a column mapping.

The rows are read as data — a local Parquet file or folder, JSON Lines, a ``save_to_disk`` copy,
or a hub name when the hub is reachable — and written as seed JSON Lines with their pictures
beside them. Knowledge points and the principle (``meta.principle``, ``meta.idx``) go into the
seed and through to the output, so training groups variants by the dataset's own principle.
Options a row lists become the question's "Choices: A. … B. …" (the seed reader turns a letter
answer into the option's content). A row that cannot become a seed is one error record naming
the row and the field; the others go on.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Column layouts of published datasets: our field → their column.
PRESETS: dict[str, dict[str, str]] = {
    "we-math-standard": {
        "id": "id",
        "question": "question",
        "answer": "answer",
        "image": "image",
        "knowledge": "knowledge",
        "principle": "principle",
        "idx": "idx",
    },
    "we-math-pro": {
        "id": "question_id",
        "question": "question",
        "answer": "answer",
        "image": "image",
        "knowledge": "knowledge points",
        "idx": "idx",
        "difficulty": "difficulty",
    },
    "mathverse": {"id": "sample_index", "question": "question", "answer": "answer", "image": "image"},
    "mathvista": {"id": "pid", "question": "question", "answer": "answer", "image": "decoded_image", "choices": "choices"},
    "geometry3k": {"id": "id", "question": "problem", "answer": "answer", "image": "images", "choices": "choices"},
}
#: Which rows of a layout are seeds: We-Math 2.0 Pro's ``base`` rows (the others are its variants).
_SEED_ROWS = {"we-math-pro": ("difficulty", "base")}
_LEVELS = tuple(f"knowledge-level{i}" for i in range(1, 5))
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class DatasetError(Exception):
    """The dataset as a whole cannot be read (a missing file, an unknown layout)."""


@dataclass
class Conversion:
    seeds: int = 0
    skipped: int = 0  # rows that are no seeds by the layout (We-Math Pro's variants)
    errors: list[dict[str, Any]] = field(default_factory=list)


def detect_preset(columns: set[str]) -> str | None:
    """The published layout whose columns a table has (most specific first)."""
    for name in ("we-math-pro", "we-math-standard", "mathvista", "geometry3k", "mathverse"):
        if set(PRESETS[name].values()) - {"principle", "idx"} <= columns:
            return name
    return None


def read_rows(source: str, split: str | None = None) -> Iterator[dict[str, Any]]:
    """The dataset's rows as plain dicts; pictures stay undecoded (``{"bytes", "path"}``)."""
    path = Path(source)
    if (path.is_file() and path.suffix == ".parquet") or (path.is_dir() and any(path.glob("**/*.parquet"))):
        yield from _parquet(sorted(path.glob("**/*.parquet")) if path.is_dir() else [path])
    elif path.is_file() and path.suffix in (".jsonl", ".json"):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    elif path.is_dir() and ((path / "dataset_info.json").exists() or (path / "dataset_dict.json").exists()):
        import datasets

        loaded = datasets.load_from_disk(str(path))
        if isinstance(loaded, datasets.DatasetDict):
            loaded = loaded[split or next(iter(loaded))]
        yield from _undecoded(loaded)
    elif path.exists():
        raise DatasetError(f"{source}: not a Parquet file or folder, JSON Lines, or a save_to_disk copy")
    else:
        import datasets

        try:
            loaded = datasets.load_dataset(source, split=split or "train")
        except Exception as exc:  # noqa: BLE001 - the hub or the name: either way the user needs the reason
            raise DatasetError(f"{source}: no such file, and the hub could not load it ({exc})") from None
        yield from _undecoded(loaded)


def _parquet(files: list[Path]) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for file in files:
        table = pq.ParquetFile(file)
        for batch in table.iter_batches(batch_size=256):
            yield from batch.to_pylist()


def _undecoded(dataset: Any) -> Iterator[dict[str, Any]]:
    import datasets

    for name, feature in dataset.features.items():
        if isinstance(feature, datasets.Image):
            dataset = dataset.cast_column(name, datasets.Image(decode=False))
    yield from dataset


def convert(
    source: str,
    out: Path,
    columns: dict[str, str],
    preset: str | None = None,
    split: str | None = None,
) -> Conversion:
    """Write the seeds of ``source`` to ``out`` (JSON Lines), pictures to ``out``'s ``images/``
    folder; errors to ``out`` with ``.errors.jsonl``. ``columns`` override the preset's."""
    rows = read_rows(source, split)
    first = next(rows, None)
    if first is None:
        raise DatasetError(f"{source}: no rows")
    layout = preset or detect_preset(set(first))
    if preset is not None and preset not in PRESETS:
        raise DatasetError(f"unknown preset {preset!r} (known: {', '.join(PRESETS)})")
    mapping = {**(PRESETS[layout] if layout else {}), **columns}
    for needed in ("question", "answer"):
        if needed not in mapping:
            raise DatasetError(f"no column for {needed}: give --{needed} COLUMN (the columns are {', '.join(first)})")
    images = out.parent / "images"
    result = Conversion()
    seen: set[str] = set()
    with open(out, "w", encoding="utf-8") as handle:
        for number, row in enumerate(itertools.chain([first], rows), start=1):
            rule = _SEED_ROWS.get(layout or "")
            if rule and str(row.get(mapping.get(rule[0], rule[0]), "")).strip() != rule[1]:
                result.skipped += 1
                continue
            try:
                seed = _seed(row, number, mapping, images, layout)
            except _RowError as exc:
                result.errors.append({"row": number, "field": exc.field, "reason": exc.reason})
                continue
            if seed["id"] in seen:
                result.errors.append({"row": number, "field": "id", "reason": f"duplicate id {seed['id']!r}"})
                continue
            seen.add(seed["id"])
            handle.write(json.dumps(seed, ensure_ascii=False) + "\n")
            result.seeds += 1
    errors = out.with_suffix(".errors.jsonl")
    errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors), encoding="utf-8")
    return result


class _RowError(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field_name, reason


def _text(row: dict[str, Any], column: str | None, name: str) -> str:
    if column is None or column not in row:
        raise _RowError(name, f"no column {column!r}" if column else "no column given")
    value = row[column]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _RowError(
            column, "empty" if isinstance(value, str) or value is None else f"expected text, got {type(value).__name__}"
        )
    return value.strip()


def _seed(row: dict[str, Any], number: int, mapping: dict[str, str], images: Path, layout: str | None) -> dict[str, Any]:
    question = _text(row, mapping.get("question"), "question")
    answer = _text(row, mapping.get("answer"), "answer")
    raw_id = row.get(mapping.get("id", ""), None)
    seed_id = str(raw_id).strip() if raw_id not in (None, "") else f"row-{number}"
    choices = row.get(mapping.get("choices", ""), None)
    if isinstance(choices, str):
        try:
            choices = json.loads(choices)
        except ValueError:
            choices = None
    if isinstance(choices, list) and choices and all(isinstance(c, (str, int, float)) for c in choices):
        letters = "ABCDEFGH"
        question += "\nChoices:\n" + "\n".join(f"{letters[i]}. {c}" for i, c in enumerate(choices[:8]))
    seed: dict[str, Any] = {"id": seed_id, "question": question, "answer": answer}
    knowledge = row.get(mapping.get("knowledge", ""), None)
    points = _knowledge(knowledge)
    if points:
        seed["knowledge_points"] = points
    meta = {"source_row": number}
    if layout:
        meta["dataset_layout"] = layout
    for key in ("principle", "idx"):
        value = row.get(mapping.get(key, ""), None)
        if value not in (None, ""):
            meta[key] = str(value)
    levels = {level: row[level] for level in _LEVELS if row.get(level) not in (None, "")}
    if levels:
        meta["knowledge_levels"] = {k: str(v) for k, v in levels.items()}
    seed["meta"] = meta
    picture = row.get(mapping.get("image", ""), None)
    if isinstance(picture, list):  # Geometry3K-style: a list of pictures, the first is the figure
        picture = picture[0] if picture else None
    if picture not in (None, "", {}):
        seed["image"] = _write_image(picture, f"{seed_id}-{number}", images)
    return seed


def _knowledge(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = [p.strip() for p in re.split(r"[;,\n]", value)]
    elif isinstance(value, list):
        parts = [str(p).strip() for p in value]
    else:
        return []
    return [p for p in parts if p]


def _write_image(picture: Any, stem: str, images: Path) -> str:
    """The picture written as ``images/<id>-<row>.<ext>``; the path as the seed names it."""
    data = None
    if isinstance(picture, dict):
        data = picture.get("bytes")
        if data is None and picture.get("path") and Path(picture["path"]).is_file():
            data = Path(picture["path"]).read_bytes()
    elif isinstance(picture, (bytes, bytearray)):
        data = bytes(picture)
    if not data:
        raise _RowError("image", "the picture has no bytes and no readable path")
    extension = ".png" if data[:8] == b"\x89PNG\r\n\x1a\n" else ".jpg" if data[:3] == b"\xff\xd8\xff" else ".img"
    images.mkdir(parents=True, exist_ok=True)
    name = f"{_SAFE.sub('_', stem)[:100]}{extension}"
    (images / name).write_bytes(data)
    return f"images/{name}"

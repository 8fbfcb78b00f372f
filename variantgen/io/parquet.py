"""Parquet shards in the MathBook-Pro layout, written through ``datasets`` so images load as images.

Shards live at ``OUT/data/train-NNNNN.parquet``. The ``train-`` prefix is what lets
``datasets.load_dataset("parquet", data_dir=OUT)`` find them and ignore the JSON files beside them.
What a row holds, and how a Variant becomes one, is ``variantgen.io.rows``'s business.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import datasets
import pyarrow.parquet as pq

from variantgen.io.atomic import atomic_path
from variantgen.io.rows import FEATURES, to_row
from variantgen.model import Variant

DATA_DIR = "data"

# A progress bar per shard would bury variantgen's own; the run reports its progress itself.
datasets.disable_progress_bars()


def shard_path(out_dir: str | os.PathLike[str], index: int) -> Path:
    return Path(out_dir) / DATA_DIR / f"train-{index:05d}.parquet"


def write_variants(variants: Iterable[Variant], out_dir: str | os.PathLike[str], run: dict[str, Any] | None = None) -> int:
    """Write variants made in Python (e.g. ``v for f in families for v in f.variants``) as shards."""
    return write_rows((to_row(v, run or {}) for v in variants), Path(out_dir), FEATURES)


def write_shard(rows: list[dict[str, Any]], path: Path, features: datasets.Features = FEATURES) -> None:
    """Write rows atomically: a reader never sees a half-written shard."""
    with atomic_path(path) as partial:
        datasets.Dataset.from_list(rows, features=features).to_parquet(str(partial))


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


def iter_families(
    out_dir: str | os.PathLike[str], columns: list[str] | None = None, batch_size: int = 256
) -> Iterator[list[dict[str, Any]]]:
    """Rows grouped by family, in order: the writer keeps a family's rows together, so one family
    at a time is held in memory."""
    family: list[dict[str, Any]] = []
    for row in iter_rows(out_dir, columns, batch_size):
        if family and row["family_id"] != family[0]["family_id"]:
            yield family
            family = []
        family.append(row)
    if family:
        yield family


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

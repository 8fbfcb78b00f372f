"""Files written whole or not at all: to a temporary name beside the target, then renamed over it.

A reader (a resumed run, another process sharing a cache, a user opening the output) never sees a
half-written file, whatever kills the writer: ``os.replace`` is atomic on one file system, and the
temporary name starts with a dot and ends in ``.partial``, so no glob of real files matches it. The
name also carries the process and thread, so concurrent writers of one path never share a
temporary file (the last rename wins, and every candidate is complete).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on an error it is removed.

    For writers that want a file name (pyarrow, ``datasets``) rather than bytes."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(path) as partial:
        partial.write_bytes(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_path(path) as partial:
        partial.write_text(text, encoding="utf-8")


def write_json(path: str | os.PathLike[str], value: Any) -> None:
    """Indented, keys sorted, non-ASCII kept: the form of variantgen's state files and manifest."""
    write_text(path, json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


def write_jsonl(path: str | os.PathLike[str], records: Iterable[Any]) -> None:
    """One compact JSON record a line (errors.jsonl, skipped.jsonl, reports)."""
    with atomic_path(path) as partial, open(partial, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

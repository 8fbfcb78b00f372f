"""A run's resume state, under ``OUT/.state/``: what job this is, which shards are done, and what an
aborted run had finished in shards it never committed.

- ``run.json``: the job's fingerprint (the seeds file's hash, the options, the cube). A rerun
  resumes only the same job; another job in the same folder is refused (``OutputMismatch``).
- ``shard-NNNNN.json``: a shard's commit marker, written only after its Parquet file is in place;
  its presence means the shard is done. It holds the shard's counts and log records, so the
  run's totals and logs are gathered from markers alone.
- ``partial-NNNNN.json``: the lines of an uncommitted shard that a run stopped by the LLM endpoint
  had already made; the rerun takes them instead of asking again. Plain JSON (never pickle: a
  file planted in OUT must not run code), and a line whose pictures are not the run's own
  figures is made again rather than read from wherever the file points.

Every file here is written whole under a temporary name, then renamed (``variantgen.io.atomic``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from variantgen.io.atomic import write_json
from variantgen.pipeline.lines import LineResult

STATE_DIR = ".state"
_RUN = "run.json"
_MARKER = "shard-{:05d}.json"
_PARTIAL = "partial-{:05d}.json"


class OutputMismatch(Exception):
    """OUT holds a run made from other seeds or other options; resuming it would mix the two."""


class OutputLocked(Exception):
    """Another run is writing to OUT right now (two runs would share temporary names)."""


#: The descriptors holding OUT locks in this process. A forked worker closes its copies: a lock
#: lives while any copy is open, so a worker outliving a killed run would keep OUT locked.
_HELD: set[int] = set()


def forget_locks() -> None:
    """In a forked child: close the inherited descriptors of the parent's OUT locks."""
    for handle in list(_HELD):
        os.close(handle)
    _HELD.clear()


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold OUT for one run: an exclusive lock on the folder itself, released when the run ends
    or its process dies (the kernel drops it), so a crash never leaves a stale lock behind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(out_dir, os.O_RDONLY)
    _HELD.add(handle)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLocked(
                f"another variantgen run is writing to {out_dir}; wait for it to end or use another folder"
            ) from None
        yield
    finally:
        _HELD.discard(handle)
        os.close(handle)


def shard_of(line: int, shard_size: int) -> int:
    """The shard a seed line belongs to: consecutive lines, so it depends on the input only."""
    return max(line - 1, 0) // shard_size


def seeds_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class RunState:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / STATE_DIR

    def prepare(self, fingerprint: dict[str, Any], overwrite: bool) -> None:
        """Start a new output, or check that the one there is this same job before resuming it."""
        run_file = self.folder / _RUN
        if self.out_dir.exists() and any(self.out_dir.iterdir()):
            if not run_file.exists():
                raise OutputMismatch(f"{self.out_dir} exists and is not a variantgen output; choose an empty or new folder")
            if overwrite:  # empty the folder, not remove it: the run's lock is on the folder itself
                for entry in self.out_dir.iterdir():
                    shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
            elif json.loads(run_file.read_text()) != json.loads(json.dumps(fingerprint)):
                raise OutputMismatch(
                    f"{self.out_dir} holds a run of other seeds or options; pass --overwrite to replace it, or use a new folder"
                )
        write_json(run_file, fingerprint)

    def done(self) -> set[int]:
        """The shards whose commit marker exists."""
        return {int(p.stem.split("-")[1]) for p in self.folder.glob("shard-*.json")}

    def mark_done(self, shard: int, marker: dict[str, Any]) -> None:
        """Write the shard's marker (after its rows are in place); its partial file is then obsolete."""
        write_json(self.folder / _MARKER.format(shard), marker)
        (self.folder / _PARTIAL.format(shard)).unlink(missing_ok=True)

    def markers(self) -> Iterator[dict[str, Any]]:
        """Every commit marker, in shard order."""
        for path in sorted(self.folder.glob("shard-*.json")):
            yield json.loads(path.read_text())

    def load_partials(self, done: set[int]) -> dict[int, LineResult]:
        """Results an aborted run finished in shards it did not commit, by line."""
        stored: dict[int, LineResult] = {}
        for path in self.folder.glob("partial-*.json"):
            if int(path.stem.split("-")[1]) in done:
                path.unlink(missing_ok=True)
            else:
                stored.update((result.line, result) for result in _read_partial(path) if self._own_pictures(result))
        return stored

    def _own_pictures(self, result: LineResult) -> bool:
        """Whether every picture the stored line names is a figure this run drew (under OUT)."""
        root = self.out_dir.resolve()
        return all(Path(image).resolve().is_relative_to(root) for v in result.variants for image in v.problem.images)

    def save_partials(self, results: Iterable[LineResult], shard_size: int) -> None:
        """Add ``results`` to their shards' partial files."""
        by_shard: dict[int, list[LineResult]] = {}
        for result in results:
            by_shard.setdefault(shard_of(result.line, shard_size), []).append(result)
        for shard, finished in by_shard.items():
            path = self.folder / _PARTIAL.format(shard)
            merged = {r.line: r for r in [*_read_partial(path), *finished]}
            records = []
            for result in merged.values():
                try:
                    records.append(json.loads(json.dumps(result.to_dict())))
                except (TypeError, ValueError):  # something a transform left in meta that JSON cannot hold
                    continue  # made again on the rerun
            write_json(path, records)


def _read_partial(path: Path) -> list[LineResult]:
    try:
        return [LineResult.from_dict(record) for record in json.loads(path.read_text())]
    except Exception:  # missing, torn, forged or from another version: those lines are simply made again
        return []

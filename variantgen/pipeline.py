"""Seeds file → families → Parquet shards, in bounded memory, resumable after any interruption.

The input is cut into shards of ``shard_size`` consecutive lines. A shard is finished when its
commit marker (``OUT/.state/shard-NNNNN.json``) exists; the marker is written, atomically, only
after the shard's Parquet file has been renamed into place. A rerun skips finished shards and redoes
the rest, so after a crash (even SIGKILL) the output equals an uninterrupted run's, row for row:
which lines fall in which shard, and the order of rows in it, depend only on the input.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import platform
import shutil
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from variantgen.version import __version__
from variantgen.cube import VARIANT_CORNERS, Corner
from variantgen.family import Cube, Family, Outcome, SeedRejected
from variantgen.io.parquet import shard_files, shard_path, variant_row, write_shard
from variantgen.io.seeds import SeedLine, read_seeds
from variantgen.llm.errors import RunAborted
from variantgen.render.stage import RenderStage
from variantgen.transforms.base import Context

if TYPE_CHECKING:
    from variantgen.render import Renderer

STATE_DIR = ".state"
_TOP_REASONS = 5
NO_FIGURES = (
    "figures are not drawn in this run (--no-render, or GeoGebra/Chromium missing: see `variantgen doctor`); "
    "a visual variant without its figure would repeat its neighbour's text"
)


class OutputMismatch(Exception):
    """OUT holds a run made from other seeds or other options; resuming it would mix the two."""


@dataclass(frozen=True)
class RunOptions:
    seed: int = 0
    corners: tuple[Corner, ...] = VARIANT_CORNERS
    workers: int = 1
    shard_size: int = 256
    render: bool = False  # draw every figure with GeoGebra (needs a Renderer, see expand_file)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "corners": [c.value for c in self.corners]}


@dataclass
class CornerStats:
    made: int = 0
    not_applicable: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    knowledge_points: Counter[int] = field(default_factory=Counter)

    def add(self, other: CornerStats) -> None:
        self.made += other.made
        self.not_applicable += other.not_applicable
        self.failed += other.failed
        self.reasons.update(other.reasons)
        self.knowledge_points.update(other.knowledge_points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "made": self.made,
            "not_applicable": self.not_applicable,
            "failed": self.failed,
            "reasons": dict(self.reasons.most_common()),
            "knowledge_points": {str(k): v for k, v in sorted(self.knowledge_points.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CornerStats:
        return cls(
            data["made"],
            data["not_applicable"],
            data["failed"],
            Counter(data["reasons"]),
            Counter({int(k): v for k, v in data["knowledge_points"].items()}),
        )


@dataclass
class RunStats:
    """Counts for a shard or a whole run; shards' stats add up to the run's."""

    lines: int = 0
    families: int = 0
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    corners: dict[str, CornerStats] = field(default_factory=lambda: {c.value: CornerStats() for c in Corner})

    def add(self, other: RunStats) -> None:
        self.lines += other.lines
        self.families += other.families
        self.rows += other.rows
        self.errors += other.errors
        self.warnings += other.warnings
        for name, stats in other.corners.items():
            self.corners[name].add(stats)

    @property
    def failed(self) -> int:
        return sum(s.failed for s in self.corners.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "families": self.families,
            "rows": self.rows,
            "errors": self.errors,
            "warnings": self.warnings,
            "corners": {name: s.to_dict() for name, s in self.corners.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunStats:
        stats = cls(data["lines"], data["families"], data["rows"], data["errors"], data["warnings"])
        stats.corners.update({k: CornerStats.from_dict(v) for k, v in data["corners"].items()})
        return stats


@dataclass
class LineResult:
    """What one seed line turned into; small and picklable, so workers send it back cheaply."""

    line: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)


@dataclass
class RunResult:
    out_dir: Path
    stats: RunStats
    resumed_shards: int

    @property
    def exit_code(self) -> int:
        """0 when every line became a family with no failed corner; 3 otherwise."""
        return 0 if not (self.stats.errors or self.stats.failed) else 3


class _Worker:
    """Expands seed lines; one per process, built once so the cube is not re-sent per task.

    ``figures``: whether the rows' figures will be drawn. A φ_v variant *is* its figure (the
    text is its neighbour's, or even refers to the figure for a given), so without drawings the
    visual corners are reported not applicable instead of written as text copies."""

    def __init__(self, cube: Cube, seed: int, figures: bool = True) -> None:
        self.cube = cube
        self.ctx = Context(seed=seed)
        self.run_info = {"seed": seed, "variantgen": __version__}
        self.figures = figures

    def __call__(self, item: SeedLine) -> LineResult:
        result = LineResult(item.line)
        result.stats.lines = 1
        seed_id = item.problem.id if item.problem else (item.error.id if item.error else None)
        for warning in item.warnings:
            result.warnings.append({"line": item.line, "id": seed_id, "warning": warning})
        result.stats.warnings = len(item.warnings)
        if item.error is not None:
            return self._error(result, item.error.to_dict())
        assert item.problem is not None
        try:
            family = self.cube.expand(item.problem, self.ctx)
        except SeedRejected as exc:
            return self._error(result, {"line": item.line, "id": seed_id, "field": exc.field, "reason": exc.reason})
        if not self.figures:
            _without_visual_corners(family)
        result.stats.families = 1
        for variant in family.variants:
            result.rows.append(variant_row(variant, self.run_info))
            stats = result.stats.corners[variant.corner]
            stats.knowledge_points[len(variant.problem.knowledge_points)] += 1
        result.stats.corners[Corner.BASE.value].made = 1
        result.stats.rows = len(result.rows)
        for corner, outcome in family.outcomes.items():
            stats = result.stats.corners[corner.value]
            setattr(stats, outcome.status, getattr(stats, outcome.status) + 1)
            if outcome.status != "made":
                stats.reasons[outcome.reason] += 1
                result.skipped.append(
                    {
                        "line": item.line,
                        "family_id": family.seed.id,
                        "corner": corner.value,
                        "status": outcome.status,
                        "reason": outcome.reason,
                    }
                )
        return result

    @staticmethod
    def _error(result: LineResult, error: dict[str, Any]) -> LineResult:
        result.errors.append(error)
        result.stats.errors = 1
        return result


def _without_visual_corners(family: Family) -> None:
    for variant in [v for v in family.variants if "v" in Corner(v.corner).axes]:
        family.variants.remove(variant)
        family.outcomes[Corner(variant.corner)] = Outcome(Corner(variant.corner), "not_applicable", NO_FIGURES)


_process_worker: _Worker | None = None


def _init_process(cube: Cube, seed: int, figures: bool) -> None:
    global _process_worker
    _process_worker = _Worker(cube, seed, figures)


def _run_in_process(item: SeedLine) -> LineResult:
    assert _process_worker is not None
    return _process_worker(item)


class _Stored:
    """A worker that hands back the results an aborted run already finished instead of redoing them."""

    def __init__(self, worker: Callable[[SeedLine], LineResult], stored: dict[int, LineResult]) -> None:
        self.worker, self.stored = worker, stored

    def __call__(self, item: SeedLine) -> LineResult:
        return self.stored.pop(item.line, None) or self.worker(item)


def _results(
    items: Iterator[SeedLine], cube: Cube, options: RunOptions, stored: dict[int, LineResult] | None = None
) -> Iterator[LineResult]:
    """Expand items in input order; with several workers keep a bounded window in flight."""
    stored = stored if stored is not None else {}
    # With an LLM endpoint, families wait on the network: threads share the one client instead.
    if any(getattr(t, "uses_llm", False) for t in cube.pipeline.transforms):
        from variantgen.llm.run import llm_threads, ordered_map

        worker = _Stored(_Worker(cube, options.seed, options.render), stored)
        yield from ordered_map(worker, items, llm_threads(cube.pipeline.transforms))
        return
    if options.workers <= 1:
        yield from map(_Stored(_Worker(cube, options.seed, options.render), stored), items)
        return
    context = multiprocessing.get_context("spawn" if platform.system() != "Linux" else "fork")
    window = options.workers * 4
    with context.Pool(options.workers, initializer=_init_process, initargs=(cube, options.seed, options.render)) as pool:
        pending: deque[Any] = deque()
        for item in items:
            pending.append(pool.apply_async(_run_in_process, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def expand_file(
    seeds: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    cube: Cube,
    options: RunOptions = RunOptions(),
    progress: Callable[[int], None] | None = None,
    overwrite: bool = False,
    renderer: Renderer | None = None,
) -> RunResult:
    """Expand every seed of ``seeds`` into ``out_dir``; resumes a previous run of the same job.

    With ``options.render`` every figure is drawn by ``renderer`` (a started
    ``variantgen.render.Renderer``) while later seeds are expanded."""
    seeds, out_dir = Path(seeds), Path(out_dir)
    state = out_dir / STATE_DIR
    fingerprint = {
        "seeds_sha256": _sha256(seeds),
        "options": {k: v for k, v in options.to_dict().items() if k != "workers"},
        "cube": cube.fingerprint(),
    }
    _prepare(out_dir, fingerprint, overwrite)
    done = {int(p.stem.split("-")[1]) for p in state.glob("shard-*.json")}
    stored = _load_partials(state, done)
    advance = progress or (lambda n: None)

    def pending() -> Iterator[SeedLine]:
        for item in read_seeds(seeds):
            if _shard_of(item.line, options.shard_size) in done:
                advance(1)
            else:
                yield item

    if options.render and renderer is None:
        raise ValueError("options.render needs a started Renderer")
    stage = RenderStage(renderer, out_dir) if options.render and renderer is not None else None

    def commit(shard: int, batch: list[LineResult]) -> None:
        for result in batch if stage else ():
            stage.finish(result)  # type: ignore[union-attr]
        _commit(out_dir, shard, batch)
        (state / PARTIAL.format(shard)).unlink(missing_ok=True)

    current: int | None = None
    batch: list[LineResult] = []
    try:
        for result in _results(pending(), cube, options, stored):
            if stage:
                stage.submit(result)
            shard = _shard_of(result.line, options.shard_size)
            if current is not None and shard != current:
                commit(current, batch)
                batch = []
            current = shard
            batch.append(result)
            advance(1)
    except RunAborted as exc:  # keep the families already made; a rerun uses them instead of redoing them
        later = [r for r in exc.finished if isinstance(r, LineResult)]
        for result in later if stage else ():
            stage.submit(result)  # type: ignore[union-attr]
        for result in [*batch, *later] if stage else ():
            stage.finish(result)  # type: ignore[union-attr]
        # A family with a failed corner may have failed for the very reason the run stopped (the
        # endpoint): it is made again on the rerun; the others are kept as they are.
        _save_partials(state, [r for r in [*batch, *later] if not r.stats.failed], options.shard_size)
        raise
    if current is not None:
        commit(current, batch)
    stats = _finish(out_dir, fingerprint, options)
    return RunResult(out_dir, stats, resumed_shards=len(done))


PARTIAL = "partial-{:05d}.pkl"


def _read_partial(path: Path) -> list[LineResult]:
    try:
        return list(pickle.loads(path.read_bytes()))
    except Exception:  # unreadable (torn, or from another version): those lines are simply made again
        return []


def _load_partials(state: Path, done: set[int]) -> dict[int, LineResult]:
    """Results an aborted run finished in shards it did not commit, by line."""
    stored: dict[int, LineResult] = {}
    for path in state.glob("partial-*.pkl"):
        if int(path.stem.split("-")[1]) in done:
            path.unlink(missing_ok=True)
        else:
            stored.update((result.line, result) for result in _read_partial(path))
    return stored


def _save_partials(state: Path, results: list[LineResult], shard_size: int) -> None:
    """Add ``results`` to their shards' partial files (written whole, then renamed)."""
    by_shard: dict[int, list[LineResult]] = {}
    for result in results:
        by_shard.setdefault(_shard_of(result.line, shard_size), []).append(result)
    for shard, finished in by_shard.items():
        path = state / PARTIAL.format(shard)
        merged = {r.line: r for r in [*_read_partial(path), *finished]}
        partial = path.with_suffix(".tmp")
        partial.write_bytes(pickle.dumps(list(merged.values())))
        os.replace(partial, path)


def _shard_of(line: int, shard_size: int) -> int:
    return max(line - 1, 0) // shard_size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _prepare(out_dir: Path, fingerprint: dict[str, Any], overwrite: bool) -> None:
    """Start a new output, or check that the one there is this same job before resuming it."""
    run_file = out_dir / STATE_DIR / "run.json"
    if out_dir.exists() and any(out_dir.iterdir()):
        if not run_file.exists():
            raise OutputMismatch(f"{out_dir} exists and is not a variantgen output; choose an empty or new folder")
        if overwrite:
            shutil.rmtree(out_dir)
        elif json.loads(run_file.read_text()) != json.loads(json.dumps(fingerprint)):
            raise OutputMismatch(
                f"{out_dir} holds a run of other seeds or options; pass --overwrite to replace it, or use a new folder"
            )
    _write_json(run_file, fingerprint)


def _commit(out_dir: Path, shard: int, results: list[LineResult]) -> None:
    """Write a shard's rows, then its marker: the marker's presence means the shard is done."""
    rows = [row for r in results for row in r.rows]
    path = shard_path(out_dir, shard)
    if rows:
        write_shard(rows, path)
    else:
        path.unlink(missing_ok=True)
    stats = RunStats()
    for result in results:
        stats.add(result.stats)
    marker = {
        "stats": stats.to_dict(),
        "errors": [e for r in results for e in r.errors],
        "warnings": [w for r in results for w in r.warnings],
        "skipped": [s for r in results for s in r.skipped],
    }
    _write_json(out_dir / STATE_DIR / f"shard-{shard:05d}.json", marker)


def _finish(out_dir: Path, fingerprint: dict[str, Any], options: RunOptions) -> RunStats:
    """Gather every shard's marker into errors.jsonl, warnings.jsonl, skipped.jsonl and the manifest."""
    stats = RunStats()
    logs: dict[str, list[dict[str, Any]]] = {"errors": [], "warnings": [], "skipped": []}
    for marker_path in sorted((out_dir / STATE_DIR).glob("shard-*.json")):
        marker = json.loads(marker_path.read_text())
        stats.add(RunStats.from_dict(marker["stats"]))
        for name in logs:
            logs[name].extend(marker[name])
    for name, records in logs.items():
        _write_jsonl(out_dir / f"{name}.jsonl", records)
    manifest = {
        "variantgen": __version__,
        "versions": _versions(),
        "seeds": fingerprint["seeds_sha256"],
        "options": options.to_dict(),
        "transforms": fingerprint["cube"]["transforms"],
        "counts": stats.to_dict(),
        "shards": [p.relative_to(out_dir).as_posix() for p in shard_files(out_dir)],
    }
    _write_json(out_dir / "manifest.json", manifest)
    return stats


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("sympy", "datasets", "pyarrow", "jinja2"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))
    os.replace(partial, path)


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)


def top_reasons(stats: CornerStats, limit: int = _TOP_REASONS) -> list[tuple[str, int]]:
    return stats.reasons.most_common(limit)

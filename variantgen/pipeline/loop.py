"""The run loop: seed lines in input order → workers → the render stage → committed shards.

Lines are expanded by child processes that are replaced when a seed overruns its time budget (or
in this process when there is no budget), or by threads sharing the LLM client, and come back in
input order. Each line's figures are submitted as soon as its family is made and
waited for when its shard is committed: then the line is settled, its rows written, and the
shard's marker stored. The run's logs and manifest are gathered from the markers at the end.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from variantgen.family import Cube
from variantgen.io.atomic import write_json, write_jsonl
from variantgen.io.parquet import shard_files, shard_path, write_shard
from variantgen.io.remote import Mirror, is_remote, staging_for
from variantgen.io.rows import to_row
from variantgen.io.seeds import SeedLine, read_seeds
from variantgen.llm.errors import RunAborted
from variantgen.pipeline.lines import LineResult, Worker
from variantgen.pipeline.processes import WorkerProcesses
from variantgen.pipeline.state import RunState, locked, seeds_digest, shard_of
from variantgen.pipeline.stats import RunStats
from variantgen.render.stage import Pending, RenderStage
from variantgen.transforms.base import Context
from variantgen.version import __version__

if TYPE_CHECKING:
    from variantgen.session import Services

NO_FIGURES = (
    "figures are not drawn in this run (--no-render, or GeoGebra/Chromium missing: see `variantgen doctor`); "
    "a visual variant without its figure would repeat its neighbour's text"
)


@dataclass(frozen=True)
class RunOptions:
    """How the file job runs. Which corners are made is the Cube's; whether figures are drawn is
    whether the run's services hold a renderer."""

    seed: int = 0
    workers: int = 1
    shard_size: int = 256
    #: Seconds one seed may take to expand before it becomes its line's error (0: no limit).
    seed_timeout: float = 120.0
    #: "local" (this machine's processes) or "ray" (the actors of a Ray cluster the caller has
    #: joined: ``variantgen.pipeline.ray_executor.connect``); the rows are the same either way.
    executor: str = "local"


@dataclass
class RunResult:
    out_dir: Path
    stats: RunStats
    resumed_shards: int
    #: The remote folder a run wrote to (``out_dir`` is then its local staging folder).
    mirror: Mirror | None = None

    def sync(self) -> None:
        """Push what changed in ``out_dir`` since the run (the LLM usage added to the manifest)."""
        if self.mirror is not None:
            self.mirror.push()

    @property
    def exit_code(self) -> int:
        """0 when every line became a family with no failed corner; 3 otherwise."""
        return 0 if not (self.stats.errors or self.stats.failed) else 3


def expand_file(
    seeds: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    cube: Cube,
    options: RunOptions = RunOptions(),
    progress: Callable[[int], None] | None = None,
    overwrite: bool = False,
    services: Services | None = None,
    staging: str | os.PathLike[str] | None = None,
) -> RunResult:
    """Expand every seed of ``seeds`` into ``out_dir``; resumes a previous run of the same job.
    ``out_dir`` may be a remote folder (``s3://bucket/run``): the run is then staged in
    ``staging`` (default: a folder of the cache per URI) and mirrored there.

    ``services`` (from ``variantgen.session.run``) carry the renderer — every figure is then drawn
    while later seeds are expanded — and the LLM client. Without a renderer no figure is drawn,
    and the cube is told up front not to make the visual corners: a φ_v variant *is* its figure
    (its text is its neighbour's, or even refers to the figure for a given). One run at a time
    writes to ``out_dir`` (``OutputLocked`` otherwise)."""
    if is_remote(out_dir):
        return _expand_remote(str(out_dir), seeds, cube, options, progress, overwrite, services, staging)
    with locked(Path(out_dir)):
        return _expand_file(seeds, out_dir, cube, options, progress, overwrite, services)


def _expand_remote(
    uri: str,
    seeds: str | os.PathLike[str],
    cube: Cube,
    options: RunOptions,
    progress: Callable[[int], None] | None,
    overwrite: bool,
    services: Services | None,
    staging: str | os.PathLike[str] | None,
) -> RunResult:
    """A run into a remote folder (``variantgen.io.remote``): staged locally, pulled first so it
    resumes what is there, pushed after every shard and at the end (an aborted run's partial
    results too)."""
    local = Path(staging) if staging is not None else staging_for(uri)
    local.mkdir(parents=True, exist_ok=True)
    with locked(local):
        mirror = Mirror(uri, local)
        if overwrite:
            mirror.clear()
        mirror.pull()
        try:
            result = _expand_file(seeds, local, cube, options, progress, overwrite, services, after_commit=mirror.push)
        finally:
            mirror.push()
        result.mirror = mirror
        return result


def _expand_file(
    seeds: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    cube: Cube,
    options: RunOptions,
    progress: Callable[[int], None] | None,
    overwrite: bool,
    services: Services | None,
    after_commit: Callable[[], object] | None = None,
) -> RunResult:
    seeds, out_dir = Path(seeds), Path(out_dir)
    renderer = services.renderer if services else None
    settings = {**asdict(options), "corners": [c.value for c in cube.corners], "render": renderer is not None}
    fingerprint = {
        "seeds_sha256": seeds_digest(seeds),
        "options": {k: v for k, v in settings.items() if k not in ("workers", "executor")},  # the same rows either way
        "cube": cube.fingerprint(),
    }
    state = RunState(out_dir)
    state.prepare(fingerprint, overwrite)
    done = state.done()
    stored = state.load_partials(done)
    advance = progress or (lambda n: None)
    stage = RenderStage(renderer, out_dir) if renderer is not None else None
    made_by = cube if stage else cube.without("v", NO_FIGURES)
    ctx = services.context(options.seed) if services else Context(seed=options.seed)
    run_info = {"seed": options.seed, "variantgen": __version__}
    drawing: dict[int, Pending] = {}  # lines whose figures are in flight

    def pending() -> Iterator[SeedLine]:
        for item in read_seeds(seeds):
            if shard_of(item.line, options.shard_size) in done:
                advance(1)
            else:
                yield item

    def submit(result: LineResult) -> None:
        if stage and not result.settled:
            drawing[result.line] = stage.submit(result.variants)

    def settle(result: LineResult) -> None:
        if not result.settled:
            result.settle(stage.finish(drawing.pop(result.line)) if stage else None)

    def commit(shard: int, batch: list[LineResult]) -> None:
        for result in batch:
            settle(result)
        _commit(state, shard, batch, run_info)
        if after_commit is not None:
            after_commit()

    current: int | None = None
    batch: list[LineResult] = []
    try:
        for result in _results(pending(), made_by, ctx, options, stored):
            submit(result)
            shard = shard_of(result.line, options.shard_size)
            if current is not None and shard != current:
                commit(current, batch)
                batch = []
            current = shard
            batch.append(result)
            advance(1)
    except RunAborted as exc:  # keep the families already made; a rerun uses them instead of redoing them
        later = [r for r in exc.finished if isinstance(r, LineResult)]
        for result in later:
            submit(result)
        for result in [*batch, *later]:
            settle(result)
        # A family with a failed corner may have failed for the very reason the run stopped (the
        # endpoint): it is made again on the rerun; the others are kept as they are.
        state.save_partials([r for r in [*batch, *later] if not r.stats().failed], options.shard_size)
        raise
    if current is not None:
        commit(current, batch)
    stats = _finish(state, fingerprint, settings)
    return RunResult(out_dir, stats, resumed_shards=len(done))


def _results(
    items: Iterator[SeedLine], cube: Cube, ctx: Context, options: RunOptions, stored: dict[int, LineResult]
) -> Iterator[LineResult]:
    """Expand items in input order (taking the lines an aborted run finished from ``stored``); with
    several workers keep a bounded window in flight."""
    # With an LLM endpoint, families wait on the network: threads share the one client instead.
    if any(getattr(t, "uses_llm", False) for t in cube.pipeline.transforms):
        from variantgen.llm.run import llm_threads, ordered_map

        yield from ordered_map(
            _Stored(Worker(cube, ctx, options.seed_timeout), stored), items, llm_threads(cube.pipeline.transforms, ctx.llm)
        )
        return
    if options.executor == "ray":
        from variantgen.pipeline.ray_executor import RayWorkers

        yield from RayWorkers(cube, options.seed, options.seed_timeout, options.workers).map(items, stored)
        return
    if options.workers <= 1 and options.seed_timeout <= 0:
        yield from map(_Stored(Worker(cube, ctx, options.seed_timeout), stored), items)
        return
    # Child processes: a seed that overruns its budget where no alarm can stop it costs a child, not the run.
    yield from WorkerProcesses(cube, options.seed, options.seed_timeout, options.workers).map(items, stored)


class _Stored:
    """A worker that hands back the results an aborted run already finished instead of redoing them."""

    def __init__(self, worker: Callable[[SeedLine], LineResult], stored: dict[int, LineResult]) -> None:
        self.worker, self.stored = worker, stored

    def __call__(self, item: SeedLine) -> LineResult:
        return self.stored.pop(item.line, None) or self.worker(item)


def _commit(state: RunState, shard: int, results: list[LineResult], run_info: dict[str, Any]) -> None:
    """Write a shard's rows, then its marker: the marker's presence means the shard is done."""
    rows = [to_row(variant, run_info) for r in results for variant in r.variants]
    path = shard_path(state.out_dir, shard)
    if rows:
        write_shard(rows, path)
    else:
        path.unlink(missing_ok=True)
    stats = RunStats()
    for result in results:
        stats.add(result.stats())
    marker = {
        "stats": stats.to_dict(),
        "errors": [e for r in results for e in r.errors],
        "warnings": [w for r in results for w in r.warnings],
        "skipped": [s for r in results for s in r.skipped()],
    }
    state.mark_done(shard, marker)


def _finish(state: RunState, fingerprint: dict[str, Any], settings: dict[str, Any]) -> RunStats:
    """Gather every shard's marker into errors.jsonl, warnings.jsonl, skipped.jsonl and the manifest."""
    stats = RunStats()
    logs: dict[str, list[dict[str, Any]]] = {"errors": [], "warnings": [], "skipped": []}
    for marker in state.markers():
        stats.add(RunStats.from_dict(marker["stats"]))
        for name in logs:
            logs[name].extend(marker[name])
    for name, records in logs.items():
        write_jsonl(state.out_dir / f"{name}.jsonl", records)
    manifest = {
        "variantgen": __version__,
        "versions": _versions(),
        "seeds": fingerprint["seeds_sha256"],
        "options": settings,
        "transforms": fingerprint["cube"]["transforms"],
        "counts": stats.to_dict(),
        "shards": [p.relative_to(state.out_dir).as_posix() for p in shard_files(state.out_dir)],
    }
    write_json(state.out_dir / "manifest.json", manifest)
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

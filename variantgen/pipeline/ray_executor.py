"""``--executor ray``: seed lines expanded by Ray actors, figures drawn by renderer actors.

The driver reads the seeds, keeps their order and commits the shards exactly as a local run does,
so a Ray run writes the same rows as a local one (same ``question_id``s, same contents) and a
killed driver resumes from the shards it committed. Only the work moves:

- each seed line is expanded by one of ``workers`` line actors (each builds its worker once), a
  bounded window of lines in flight, results taken back in input order; inside an actor the
  seed's time budget works as locally (the alarm of ``time_budget``);
- each figure is drawn by one of ``render_actors`` renderer actors, each owning a browser and its
  pages for the whole run (a browser is started once per actor, not per task), drawing as many
  figures at once as it has pages;
- LLM calls stay with the driver's one client (families that need an endpoint are expanded on its
  threads, as locally), so one set of RPM/TPM limits holds for the whole cluster;
- OUT is written by the driver only: a path the driver can write (local disk, NFS, a mounted bucket).

Ray is an optional extra (``pip install 'variantgen[ray]'``); nothing here is imported otherwise.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import ray

from variantgen.construction import Construction
from variantgen.family import Cube
from variantgen.io.seeds import SeedLine
from variantgen.pipeline.lines import LineResult, Worker
from variantgen.pipeline.state import forget_locks
from variantgen.transforms.base import Context


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at ``address`` ("auto": the one this machine belongs to), or start a
    local Ray when none is given; a second call in the same process is a no-op."""
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else num_cpus, include_dashboard=False, log_to_driver=False)


#: Seed lines sent to a line actor in one call: a call costs about a millisecond, a line a few.
BATCH = 8


@ray.remote
class _LineActor:
    def __init__(self, cube: Cube, seed: int, timeout: float) -> None:
        forget_locks()
        self.worker = Worker(cube, Context(seed=seed), timeout)

    def expand(self, items: list[SeedLine]) -> list[LineResult]:
        return [self.worker(item) for item in items]


class RayWorkers:
    """``workers`` line actors; ``map`` gives their results in input order, like ``WorkerProcesses``
    (lines go out in batches of ``BATCH``, at most two batches per actor in flight)."""

    def __init__(self, cube: Cube, seed: int, timeout: float, workers: int) -> None:
        self.actors = [_LineActor.remote(cube, seed, timeout) for _ in range(max(1, workers))]  # type: ignore[attr-defined]

    def map(self, items: Iterator[SeedLine], stored: dict[int, LineResult]) -> Iterator[LineResult]:
        window: deque[list[LineResult] | Any] = deque()  # finished results, or a batch in flight
        batch: list[SeedLine] = []
        turn = 0

        def send() -> None:
            nonlocal batch, turn
            if batch:
                window.append(self.actors[turn % len(self.actors)].expand.remote(batch))
                batch, turn = [], turn + 1

        try:
            for item in items:
                if item.line in stored:
                    send()  # keep the order: what came before goes out first
                    window.append([stored.pop(item.line)])
                    continue
                batch.append(item)
                if len(batch) == BATCH:
                    send()
                while len(window) > 2 * len(self.actors):
                    yield from _results(window.popleft())
            send()
            while window:
                yield from _results(window.popleft())
        finally:
            for actor in self.actors:
                ray.kill(actor)


def _results(entry: list[LineResult] | Any) -> list[LineResult]:
    return entry if isinstance(entry, list) else ray.get(entry)


@ray.remote
class _RenderActor:
    """One browser and its pages, for the whole run."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self.renderer = build().start()

    def render(self, construction: Construction) -> Any:
        return self.renderer.render(construction)

    def counts(self) -> tuple[int, int, int, str]:
        r = self.renderer
        return r.rendered, r.cached, r.browser_restarts, r.version

    def close(self) -> None:
        self.renderer.close()


class RayRenderer:
    """The renderer interface the render stage uses (``submit`` → Future), drawn by ``actors``
    renderer actors in turn, each drawing up to ``pages`` figures at once; ``build`` makes one
    actor's renderer (the command line's flags: bundle, browser, picture size, pages)."""

    def __init__(self, build: Callable[[], Any], actors: int = 1, pages: int = 2) -> None:
        self.build, self.count, self.pages = build, max(1, actors), max(1, pages)
        self.actors: list[Any] = []
        self.turn = 0
        self.version = ""
        self._totals = (0, 0, 0)

    def start(self) -> RayRenderer:
        self.actors = [_RenderActor.options(max_concurrency=self.pages).remote(self.build) for _ in range(self.count)]  # type: ignore[attr-defined]
        self.version = ray.get(self.actors[0].counts.remote())[3]
        return self

    def _counts(self) -> tuple[int, int, int]:
        if not self.actors:
            return self._totals
        counts = ray.get([actor.counts.remote() for actor in self.actors])
        return sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)

    @property
    def rendered(self) -> int:
        return self._counts()[0]

    @property
    def cached(self) -> int:
        return self._counts()[1]

    @property
    def browser_restarts(self) -> int:
        return self._counts()[2]

    def submit(self, construction: Construction) -> Future[Any]:
        actor = self.actors[self.turn % len(self.actors)]
        self.turn += 1
        return actor.render.remote(construction).future()  # type: ignore[no-any-return]

    def render(self, construction: Construction) -> Any:
        return self.submit(construction).result()

    def close(self) -> None:
        self._totals = self._counts()
        for actor in self.actors:
            ray.get(actor.close.remote())
            ray.kill(actor)
        self.actors = []

"""Seed lines expanded in child processes, each replaced when a seed overruns its time budget.

Inside a child the alarm of ``time_budget`` turns a slow seed into its line's error and the child
goes on. What an alarm cannot stop is a seed stuck where Python never regains control (one huge
integer or polynomial operation inside C): that child is killed once the budget and a grace period
have passed, a fresh one takes its place, and the line gets a ``SeedTimeout`` error. A child that
dies (the kernel's out-of-memory killer, a crash in an extension) is replaced the same way. So a
run ends within a bounded time whatever its seeds hold, and no child outlives the run.
"""

from __future__ import annotations

import multiprocessing
import platform
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from variantgen.family import Cube
from variantgen.io.seeds import SeedLine
from variantgen.pipeline.lines import LineResult, Worker
from variantgen.pipeline.state import forget_locks
from variantgen.transforms.base import Context

#: Extra seconds a child gets past the budget before it is killed: the alarm inside it should
#: have fired long before, so only a seed that Python cannot interrupt waits this long.
GRACE_SECONDS = 10.0


def _die_with_parent() -> None:
    """Ask Linux to kill this child when the run's process dies (``kill -9`` included), so no
    worker survives a killed run; elsewhere a child ends when it next reads its closed pipe."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(connection: Connection, cube: Cube, seed: int, timeout: float) -> None:
    """A child's loop: expand each line it is sent until it is sent ``None``."""
    _die_with_parent()
    forget_locks()  # a killed run's OUT must not stay locked by its worker
    worker = Worker(cube, Context(seed=seed), timeout)
    while (item := connection.recv()) is not None:
        connection.send(worker(item))


@dataclass(eq=False)
class _Child:
    process: Any
    connection: Connection
    job: tuple[int, SeedLine] | None = None
    started: float = 0.0


class WorkerProcesses:
    """``processes`` children expanding lines; ``map`` gives their results in input order."""

    def __init__(self, cube: Cube, seed: int, timeout: float, processes: int) -> None:
        self.cube, self.seed, self.timeout = cube, seed, timeout
        self.count = max(1, processes)
        self.context = multiprocessing.get_context("spawn" if platform.system() != "Linux" else "fork")
        self.children: list[_Child] = []

    def _start(self) -> _Child:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.cube, self.seed, self.timeout), daemon=True)
        process.start()
        theirs.close()
        return _Child(process, ours)

    def _deadline(self, child: _Child) -> float:
        return child.started + self.timeout + max(GRACE_SECONDS, self.timeout / 4) if self.timeout > 0 else float("inf")

    def _replace(self, child: _Child, reason: str, exception: str) -> tuple[int, LineResult]:
        """Kill ``child`` (stuck or dead), start another in its place, and make its line's error."""
        assert child.job is not None
        index, item = child.job
        child.process.kill()
        child.process.join()
        child.connection.close()
        self.children[self.children.index(child)] = self._start()
        seed_id = item.problem.id if item.problem else None
        result = LineResult(item.line)
        result.errors.append({"line": item.line, "id": seed_id, "field": None, "reason": reason, "exception": exception})
        return index, result

    def map(self, items: Iterator[SeedLine], stored: dict[int, LineResult]) -> Iterator[LineResult]:
        """Expand ``items`` (taking the lines an aborted run finished from ``stored``); at most a
        few lines per child wait, finished, for their turn."""
        self.children = [self._start() for _ in range(self.count)]
        window = self.count * 4
        finished: dict[int, LineResult] = {}
        queue = enumerate(items)
        following = 0  # the index of the next result to hand back
        exhausted = False
        try:
            while True:
                for child in self.children:
                    if child.job is None and not exhausted and len(finished) + self._busy() < window:
                        job = next(queue, None)
                        while job is not None and job[1].line in stored:
                            finished[job[0]] = stored.pop(job[1].line)
                            job = next(queue, None)
                        if job is None:
                            exhausted = True
                            break
                        child.job, child.started = job, time.monotonic()
                        child.connection.send(job[1])
                while following in finished:
                    yield finished.pop(following)
                    following += 1
                busy = [c for c in self.children if c.job is not None]
                if not busy:
                    if exhausted:
                        return
                    continue
                soonest = min(self._deadline(c) for c in busy)
                ready = wait([c.connection for c in busy], timeout=max(0.0, min(soonest - time.monotonic(), 60.0)))
                for child in busy:
                    if child.connection in ready:
                        try:
                            result = child.connection.recv()
                        except (EOFError, OSError):
                            child.process.join(timeout=5)  # reaped, so its exit code is known
                            code = child.process.exitcode
                            index, result = self._replace(
                                child, f"the worker process expanding this seed died (exit code {code})", "WorkerDied"
                            )
                        else:
                            assert child.job is not None
                            index = child.job[0]
                        finished[index] = result
                        child.job = None
                    elif time.monotonic() > self._deadline(child):
                        index, result = self._replace(
                            child,
                            f"expanding this seed took longer than {self.timeout:g} s (--seed-timeout) and could not be "
                            "interrupted; its worker process was replaced",
                            "SeedTimeout",
                        )
                        finished[index] = result
        finally:
            self.close()

    def _busy(self) -> int:
        return sum(1 for c in self.children if c.job is not None)

    def close(self) -> None:
        """Stop every child: idle ones are told to finish, the rest are killed."""
        for child in self.children:
            try:
                if child.job is None:
                    child.connection.send(None)
            except (BrokenPipeError, OSError):
                pass
        for child in self.children:
            child.process.join(timeout=2 if child.job is None else 0)
            if child.process.is_alive():
                child.process.kill()
                child.process.join()
            child.connection.close()
        self.children = []

"""Samplers for the trainer's ``_get_train_sampler`` hook, in the index layout TRL expects.

TRL's GRPOTrainer reads one *generation batch* of prompts, generates ``num_generations`` rollouts
for each, and reuses the batch for ``repeat_count = num_iterations × steps_per_generation``
dataloader steps. Its ``RepeatSampler`` therefore yields, per generation batch of ``B`` distinct
rows: ``repeat_count`` times, each row ``num_generations`` times in a row. Both samplers here keep
that layout, so TRL's slicing across ranks and accumulation steps is untouched; they differ in
which rows form a generation batch:

- :class:`PlannedSampler` — batches fixed per epoch by a plan: random or grouped by principle,
  every batch all-image or all-text.
- :class:`ScheduledSampler` — batches decided one by one by the :class:`~.schedule.Scheduler`
  from reward outcomes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from torch.utils.data import Sampler

from variantgen.train.schedule import Scheduler


def _layout(rows: Sequence[int], num_generations: int, repeat_count: int) -> Iterator[int]:
    for _ in range(repeat_count):
        for row in rows:
            for _ in range(num_generations):
                yield row


def plan_batches(
    modalities: Sequence[bool],
    batch_size: int,
    seed: int,
    groups: Sequence[Any] | None = None,
) -> list[list[int]]:
    """Generation batches of ``batch_size`` rows, each of one modality, in a seeded order.

    With ``groups`` (a principle key per row) the rows of one principle stay together, so that
    the principle-mean reward sees several of them in one batch; a principle larger than a
    batch, or one that straddles a batch boundary, is split. Leftover rows that do not fill a
    batch wait for the next epoch's shuffle (as TRL's sampler drops its remainder).
    """
    rng = random.Random(seed)
    batches: list[list[int]] = []
    for modality in (False, True):
        rows = [i for i, m in enumerate(modalities) if m == modality]
        if groups is None:
            rng.shuffle(rows)
        else:
            by_group: dict[Any, list[int]] = {}
            for i in rows:
                by_group.setdefault(groups[i], []).append(i)
            keys = sorted(by_group, key=str)
            rng.shuffle(keys)
            rows = [i for key in keys for i in by_group[key]]
        batches += [rows[i : i + batch_size] for i in range(0, len(rows) - batch_size + 1, batch_size)]
    rng.shuffle(batches)
    if not batches:
        raise ValueError(
            f"no generation batch can be formed: each needs {batch_size} prompts of one modality "
            f"({sum(modalities)} image and {len(modalities) - sum(modalities)} text prompts available)"
        )
    return batches


class PlannedSampler(Sampler[int]):
    """A fresh plan each epoch (``plan(epoch)`` → batches), laid out as TRL's RepeatSampler does."""

    def __init__(self, plan: Callable[[int], list[list[int]]], num_generations: int, repeat_count: int) -> None:
        self.plan = plan
        self.num_generations = num_generations
        self.repeat_count = repeat_count
        self.epoch = 0
        self._size = sum(len(b) for b in plan(0)) * num_generations * repeat_count

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self) -> Iterator[int]:
        for rows in self.plan(self.epoch):
            yield from _layout(rows, self.num_generations, self.repeat_count)

    def __len__(self) -> int:
        return self._size


class ScheduledSampler(Sampler[int]):
    """Generation batches from the scheduler, decided when the dataloader asks for them.

    ``num_batches`` generation batches make one epoch (the trainer sizes it to cover ``max_steps``).
    The last few batches are kept (``recent``) so that a resumed run can replay the ones that
    were decided before the checkpoint but not yet trained on; batches the trainer skips on resume
    are emitted as placeholders, since they are read and discarded unseen.
    """

    def __init__(self, scheduler: Scheduler, num_generations: int, repeat_count: int, num_batches: int) -> None:
        self.scheduler = scheduler
        self.num_generations = num_generations
        self.repeat_count = repeat_count
        self.num_batches = num_batches
        self.epoch_start = 0
        self.recent: dict[int, list[int]] = {}

    def __iter__(self) -> Iterator[int]:
        start = self.epoch_start
        for gen in range(start, start + self.num_batches):
            if gen < self.scheduler.next_gen:  # decided before a resume
                rows = self.recent.get(gen) or [0] * self.scheduler.batch_size
            else:
                rows = self.scheduler.next_batch()
                self.recent[gen] = rows
                for old in [g for g in self.recent if g < gen - self.scheduler.lag - 2]:
                    del self.recent[old]
            yield from _layout(rows, self.num_generations, self.repeat_count)
        self.epoch_start = start + self.num_batches

    def __len__(self) -> int:
        return self.num_batches * self.scheduler.batch_size * self.num_generations * self.repeat_count

    def state_dict(self) -> dict[str, Any]:
        return {
            "scheduler": self.scheduler.state_dict(),
            "epoch_start": self.epoch_start,
            "recent": {str(g): rows for g, rows in self.recent.items()},
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.scheduler.load_state_dict(state["scheduler"])
        self.epoch_start = state["epoch_start"]
        self.recent = {int(g): list(rows) for g, rows in state["recent"].items()}

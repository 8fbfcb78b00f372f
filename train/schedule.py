"""Dynamic scheduling: each family climbs base → s → sv → sc → svc, with remedial detours.

The scheduler decides which problems go into each generation batch from the outcomes of earlier
batches. Per family it keeps a *level* on the path (the corners of ``TRAJECTORY`` the family has)
and a queue of *remedial* items:

- the current item passes (the mean score of its rollouts — accuracy, or what ``pass_on`` names —
  reaches ``pass_threshold``) → the next level;
  the last level passed → the family is mastered and leaves the rotation (all mastered → a new round);
- the current item φ(x) fails after x was solved → the items that isolate the new factor are
  queued, then the failed item comes back (the level did not move):
    * knowledge increment when φ added the step factor: problems exercising the knowledge points
      that φ_s added (the ``s`` corner's knowledge points minus the base's), taken from other
      families of the same output or from a pool, fewest knowledge points first;
    * modality increment when φ added the visual or context factor: the single-factor corner of the
      failed item's modality axes (sv → ``v``, sc → ``c``, svc → ``vc``);
- a remedial item is served until it passes, at most ``remedial_attempts`` times;
- the failed item that passes on return leaves the retry pool (its family moves up); one that has
  failed ``max_attempts`` times is skipped, so a family never blocks the rotation.

Batches hold ``batch_size`` distinct families when that many are free, all of one modality (TRL
cannot mix image and text prompts in one batch); a family whose item is still being scored is not
served again. Decisions for batch ``g`` use exactly the outcomes of batches ``≤ g − lag`` (the
dataloader asks for batches before the previous ones are scored), applied in batch order, so every
rank and every resumed run makes the same decisions. The whole state is plain JSON.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from variantgen.cube import TRAJECTORY, Corner

PATH_CORNERS: tuple[str, ...] = tuple(c.value for c in TRAJECTORY)
_MODALITY_AXES = ("v", "c")


@dataclass(frozen=True)
class Item:
    """What the scheduler knows of one dataset row."""

    row: int
    family: str
    corner: str
    knowledge_points: tuple[str, ...]
    has_image: bool
    pool: bool = False  # a row of the knowledge pool: served only as a knowledge increment


@dataclass
class _Family:
    path: list[int]  # rows, in path order
    corners: dict[str, int]
    new_knowledge: list[str]  # knowledge points φ_s added
    level: int = 0
    attempts: int = 0  # failures of the current path item
    remedial: list[list[Any]] = field(default_factory=list)  # [row, kind, tries]
    version: int = 0  # bumped on every transition; stale outcomes are ignored
    done: bool = False


class Scheduler:
    """The state machine; :meth:`next_batch` and :meth:`report` are its whole interface."""

    def __init__(
        self,
        items: Sequence[Item],
        batch_size: int,
        *,
        seed: int = 0,
        pass_threshold: float = 0.5,
        knowledge_items: int = 2,
        remedial_attempts: int = 2,
        max_attempts: int = 3,
        lag: int = 1,
    ) -> None:
        if batch_size < 1 or lag < 1:
            raise ValueError("batch_size and lag must be at least 1")
        self.items = {item.row: item for item in items}
        self.batch_size = batch_size
        self.pass_threshold = pass_threshold
        self.knowledge_items = knowledge_items
        self.remedial_attempts = remedial_attempts
        self.max_attempts = max_attempts
        self.lag = lag
        self.families = _build_families(items)
        if not self.families:
            raise ValueError("no family has a base problem to start from: dynamic scheduling needs the base corner")
        self._by_knowledge = _knowledge_index(items)
        order = sorted(self.families)
        random.Random(seed).shuffle(order)
        self.queue: deque[str] = deque(order)
        self.next_gen = 0
        self.applied_upto = -1  # outcomes of batches ≤ this are applied
        self.served: dict[int, list[list[Any]]] = {}  # gen → [row, family, version, kind] (awaiting outcome)
        self.reports: dict[int, dict[int, list[float]]] = {}  # gen → row → [correct, total] (not yet applied)
        self.kp_cursor: dict[str, int] = {}
        self.stats: dict[str, int] = {"rounds": 0, "passed": 0, "failed": 0, "promoted": 0, "skipped": 0, "stale": 0}
        self.stats.update({f"served_{kind}": 0 for kind in ("path", "knowledge", "modality")})

    # ---------------------------------------------------------------- batches
    def next_batch(self) -> list[int]:
        """Rows for the next generation batch (``batch_size`` of them, one modality)."""
        gen = self.next_gen
        self._apply_reports_upto(gen - self.lag)
        picks = self._pick()
        if not picks:  # everything mastered: a new round from the base
            self._new_round()
            picks = self._pick()
        rows = [row for row, _, _, _ in picks]
        for _, _, _, kind in picks:
            self.stats[f"served_{kind}"] += 1
        while len(rows) < self.batch_size:  # too few free families: repeat this batch's items
            rows.append(rows[len(rows) % len(picks)])
        self.served[gen] = [list(p) for p in picks]
        self.next_gen += 1
        return rows

    def _pick(self) -> list[tuple[int, str, int, str]]:
        """Free families in rotation order, of one modality, each moved to the back of the rotation.

        The modality is the one with more free families (up to a full batch); on a tie, that of the
        family first in the rotation. All families busy → the busy ones are served again.
        """
        in_flight = {fam for served in self.served.values() for _, fam, _, _ in served}
        active = [name for name in self.queue if not self.families[name].done]
        free = [name for name in active if name not in in_flight] or active
        by_modality: dict[bool, list[tuple[int, str, int, str]]] = {}
        for name in free:
            family = self.families[name]
            row, kind = self._current(family)
            by_modality.setdefault(self.items[row].has_image, []).append((row, name, family.version, kind))
        if not by_modality:
            return []
        first = self.items[self._current(self.families[free[0]])[0]].has_image
        modality = max(by_modality, key=lambda m: (min(len(by_modality[m]), self.batch_size), m == first))
        picks = by_modality[modality][: self.batch_size]
        for _, name, _, _ in picks:
            self.queue.remove(name)
            self.queue.append(name)
        return picks

    @staticmethod
    def _current(family: _Family) -> tuple[int, str]:
        if family.remedial:
            row, kind, _ = family.remedial[0]
            return row, kind
        return family.path[family.level], "path"

    def _new_round(self) -> None:
        self.stats["rounds"] += 1
        for family in self.families.values():
            family.level, family.attempts, family.remedial, family.done = 0, 0, [], False
            family.version += 1

    # ---------------------------------------------------------------- outcomes
    def report(self, gen: int, outcomes: Iterable[tuple[int, float]]) -> None:
        """Outcomes of batch ``gen``: (row, accuracy of one rollout) pairs, any order, rows may repeat.

        A batch scored again (regenerated after a resume) replaces its earlier report; one whose
        outcomes were already applied is ignored.
        """
        if gen <= self.applied_upto:
            return
        if gen not in self.served:
            raise KeyError(f"batch {gen} was never served")
        tally: dict[int, list[float]] = {}
        self.reports[gen] = tally
        for row, accuracy in outcomes:
            entry = tally.setdefault(int(row), [0.0, 0])
            entry[0] += float(accuracy)
            entry[1] += 1

    def _apply_reports_upto(self, gen: int) -> None:
        while self.applied_upto < gen:
            target = self.applied_upto + 1
            if target in self.served and target not in self.reports:
                raise RuntimeError(
                    f"batch {self.next_gen} must be decided from the outcomes of batch {target}, which have not "
                    f"been reported: the dataloader reads further ahead than lag={self.lag} allows "
                    "(keep dataloader_num_workers=0, or raise the lag)"
                )
            tally = self.reports.pop(target, {})
            for row, name, version, kind in self.served.pop(target, []):
                correct, total = tally.get(row, (0.0, 0))
                if total:
                    self._transition(name, version, kind, row, correct / total >= self.pass_threshold)
            self.applied_upto = target

    def _transition(self, name: str, version: int, kind: str, row: int, passed: bool) -> None:
        family = self.families[name]
        if version != family.version or self._current(family) != (row, kind):
            self.stats["stale"] += 1
            return
        family.version += 1
        self.stats["passed" if passed else "failed"] += 1
        if kind != "path":
            entry = family.remedial[0]
            entry[2] += 1
            if passed or entry[2] >= self.remedial_attempts:
                family.remedial.pop(0)
            return
        if passed:
            self._advance(family)
            self.stats["promoted"] += 1
            return
        family.attempts += 1
        if family.attempts >= self.max_attempts:
            self._advance(family)
            self.stats["skipped"] += 1
        elif family.level > 0:
            family.remedial = [[r, k, 0] for r, k in self._remedial_items(name, family)]

    def _advance(self, family: _Family) -> None:
        family.level += 1
        family.attempts = 0
        family.remedial = []
        if family.level == len(family.path):
            family.done = True

    def _remedial_items(self, name: str, family: _Family) -> list[tuple[int, str]]:
        failed = set(Corner(self.items[family.path[family.level]].corner).axes)
        solved = set(Corner(self.items[family.path[family.level - 1]].corner).axes)
        new = failed - solved
        items: list[tuple[int, str]] = []
        if "s" in new:
            items += [(row, "knowledge") for row in self._knowledge_rows(name, family.new_knowledge)]
        if new & set(_MODALITY_AXES):
            corner = "".join(a for a in _MODALITY_AXES if a in failed)
            row = family.corners.get(corner)
            if row is not None:
                items.append((row, "modality"))
        return items

    def _knowledge_rows(self, name: str, knowledge_points: list[str]) -> list[int]:
        """Up to ``knowledge_items`` problems of other families exercising the new knowledge points,
        taken in turn per point (a cursor per point, so a repeated failure sees fresh problems)."""
        chosen: list[int] = []
        candidates = {kp: [r for r in self._by_knowledge.get(kp, ()) if self.items[r].family != name] for kp in knowledge_points}
        candidates = {kp: rows for kp, rows in candidates.items() if rows}
        while len(chosen) < self.knowledge_items and candidates:
            for kp in sorted(candidates):
                rows = candidates[kp]
                cursor = self.kp_cursor.get(kp, 0)
                self.kp_cursor[kp] = cursor + 1
                row = rows[cursor % len(rows)]
                if row not in chosen:
                    chosen.append(row)
                if len(chosen) == self.knowledge_items:
                    break
            if all(len(set(rows) - set(chosen)) == 0 for rows in candidates.values()):
                break
        return chosen

    # ---------------------------------------------------------------- observation and persistence
    @property
    def retry_pool(self) -> set[str]:
        """Families whose current path item has failed and not yet passed."""
        return {name for name, f in self.families.items() if f.attempts > 0 and not f.done}

    def levels(self) -> dict[str, int]:
        return {name: f.level for name, f in self.families.items()}

    def state_dict(self) -> dict[str, Any]:
        return {
            "families": {
                n: {"level": f.level, "attempts": f.attempts, "remedial": f.remedial, "version": f.version, "done": f.done}
                for n, f in self.families.items()
            },
            "queue": list(self.queue),
            "next_gen": self.next_gen,
            "applied_upto": self.applied_upto,
            "served": {str(g): v for g, v in self.served.items()},
            "reports": {str(g): {str(r): v for r, v in t.items()} for g, t in self.reports.items()},
            "kp_cursor": dict(self.kp_cursor),
            "stats": dict(self.stats),
        }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        if set(state["families"]) != set(self.families):
            raise ValueError("the saved scheduler state belongs to a different dataset (its families differ)")
        for name, saved in state["families"].items():
            family = self.families[name]
            family.level, family.attempts, family.version, family.done = (
                saved["level"],
                saved["attempts"],
                saved["version"],
                saved["done"],
            )
            family.remedial = [list(entry) for entry in saved["remedial"]]
        self.queue = deque(state["queue"])
        self.next_gen = state["next_gen"]
        self.applied_upto = state["applied_upto"]
        self.served = {int(g): [list(p) for p in v] for g, v in state["served"].items()}
        self.reports = {int(g): {int(r): list(v) for r, v in t.items()} for g, t in state["reports"].items()}
        self.kp_cursor = dict(state["kp_cursor"])
        self.stats = dict(state["stats"])


def _build_families(items: Sequence[Item]) -> dict[str, _Family]:
    corners: dict[str, dict[str, int]] = {}
    for item in items:
        if not item.pool:
            corners.setdefault(item.family, {}).setdefault(item.corner, item.row)
    by_row = {item.row: item for item in items}
    families = {}
    for name, rows in corners.items():
        path = [rows[c] for c in PATH_CORNERS if c in rows]
        if not path or "base" not in rows:
            continue
        new_knowledge = []
        if "s" in rows:
            base = set(by_row[rows["base"]].knowledge_points)
            new_knowledge = [kp for kp in by_row[rows["s"]].knowledge_points if kp not in base]
        families[name] = _Family(path=path, corners=rows, new_knowledge=new_knowledge)
    return families


def _knowledge_index(items: Sequence[Item]) -> dict[str, list[int]]:
    """Knowledge point → rows exercising it, simplest first (fewest knowledge points, base corner first)."""
    order = {c: i for i, c in enumerate(c.value for c in Corner)}
    index: dict[str, list[int]] = {}
    for item in sorted(items, key=lambda i: (len(i.knowledge_points), order.get(i.corner, 99), i.family, i.row)):
        for kp in item.knowledge_points:
            index.setdefault(kp, []).append(item.row)
    return index

"""The dynamic scheduler's state machine against hand-worked trajectories (pure Python, no torch)."""

from __future__ import annotations

import pytest

from variantgen.train.schedule import Item, Scheduler

CORNERS = ("base", "s", "v", "c", "sv", "sc", "vc", "svc")


def family(name: str, start: int, base_kps: tuple[str, ...], step_kps: tuple[str, ...], image: bool = False) -> list[Item]:
    """Eight rows, one per corner; the step corners add ``step_kps`` to the base's knowledge points."""
    return [
        Item(start + i, name, corner, base_kps + (step_kps if corner != "base" and "s" in corner else ()), image)
        for i, corner in enumerate(CORNERS)
    ]


def row(items: list[Item], fam: str, corner: str) -> int:
    return next(i.row for i in items if i.family == fam and i.corner == corner)


def step(scheduler: Scheduler, outcomes: dict[int, bool]) -> list[int]:
    """Serve one batch and report every served row passed/failed as ``outcomes`` says (default: failed)."""
    gen = scheduler.next_gen
    rows = scheduler.next_batch()
    scheduler.report(gen, [(r, 1.0 if outcomes.get(r, False) else 0.0) for r in rows])
    return rows


def test_hand_worked_trajectory_with_both_increments_and_a_skip() -> None:
    items = family("A", 0, ("k1",), ("k2",)) + [Item(100, "P", "base", ("k2",), False, pool=True)]
    s = Scheduler(items, batch_size=1, lag=1, max_attempts=3, remedial_attempts=2)
    a = {c: row(items, "A", c) for c in CORNERS}
    # (served row, passed?) as worked out by hand from the rules in the module docstring.
    trajectory = [
        (a["base"], True),  # base solved → s
        (a["s"], False),  # φ_s(base) failed: knowledge increment for k2 (s's knowledge points minus base's)
        (100, True),  # the pool problem exercising k2
        (a["s"], True),  # back to the failed item; passed → it leaves the retry pool, on to sv
        (a["sv"], False),  # visual factor new → modality increment: the single-factor v corner
        (a["v"], False),  # remedial failed once: served again (remedial_attempts=2)
        (a["v"], True),
        (a["sv"], True),  # retried and passed → sc
        (a["sc"], False),  # sc vs sv: the context factor is new → c
        (a["c"], True),
        (a["sc"], False),  # second failure → the increment again
        (a["c"], True),
        (a["sc"], False),  # third failure = max_attempts → skipped, on to svc
        (a["svc"], False),  # svc vs sc: visual is new → vc (the failed item's modality corner)
        (a["vc"], True),
        (a["svc"], True),  # mastered → a new round starts from base
        (a["base"], True),
    ]
    previous = None
    for expected, passed in trajectory:
        assert step(s, {expected: passed}) == [expected]
        # Outcomes are applied when the next batch is decided: check the state one batch later.
        if previous == (a["s"], False):
            assert s.retry_pool == {"A"}
        if previous == (a["s"], True):
            assert s.retry_pool == set() and s.levels()["A"] == 2
        previous = (expected, passed)
    assert s.stats["served_knowledge"] == 1
    assert s.stats["served_modality"] == 5
    assert s.stats["skipped"] == 1
    assert s.stats["rounds"] == 1


def test_knowledge_increment_is_reachable_from_the_same_output() -> None:
    # No pool: the problem for k2 is the base of family B, whose own principle is k2.
    items = family("A", 0, ("k1",), ("k2",)) + family("B", 8, ("k2",), ("k3",))
    s = Scheduler(items, batch_size=1, lag=1, seed=1)
    a_base, a_s, b_base = row(items, "A", "base"), row(items, "A", "s"), row(items, "B", "base")
    served: list[int] = []
    for _ in range(8):
        served += step(s, {a_base: True, b_base: True})
    assert a_s in served
    after_failure = served[served.index(a_s) + 1 :]
    assert b_base in after_failure  # served as A's knowledge increment (B also climbs on its own)
    assert s.stats["served_knowledge"] >= 1


def test_failed_item_leaves_the_retry_pool_once_passed_and_the_family_moves_on() -> None:
    items = family("A", 0, ("k1",), ())  # φ_s adds no knowledge point: no knowledge increment to serve
    s = Scheduler(items, batch_size=1, lag=1)
    a = {c: row(items, "A", c) for c in CORNERS}
    step(s, {a["base"]: True})
    step(s, {a["s"]: True})
    assert step(s, {}) == [a["sv"]]  # fails
    assert step(s, {a["v"]: True}) == [a["v"]]  # the fallback level is scheduled, not the retry
    assert s.retry_pool == {"A"}
    assert step(s, {a["sv"]: True}) == [a["sv"]]  # back to the failed item, which passes
    assert step(s, {}) == [a["sc"]]
    assert s.retry_pool == set()


def test_batches_are_one_modality_and_distinct_families() -> None:
    items = []
    for i in range(6):
        items += family(f"T{i}", 8 * i, ("k",), ("k2",), image=False)
    for i in range(6, 10):
        items += family(f"I{i}", 8 * i, ("k",), ("k2",), image=True)
    s = Scheduler(items, batch_size=3, lag=2, seed=3)
    by_row = {i.row: i for i in items}
    for gen in range(12):
        rows = s.next_batch()
        assert len({by_row[r].has_image for r in rows}) == 1
        assert len({by_row[r].family for r in rows}) == 3
        if gen >= 1:
            s.report(gen - 1, [(r, 1.0) for r in s.served[gen - 1][0][:1]])


def test_decisions_wait_for_outcomes_lag_batches_back() -> None:
    s = Scheduler(family("A", 0, ("k",), ()), batch_size=1, lag=2)
    s.next_batch()
    s.next_batch()  # batch 1 may be decided before batch 0 is scored
    with pytest.raises(RuntimeError, match="have not been reported"):
        s.next_batch()  # batch 2 needs batch 0's outcomes


def test_same_seed_same_batches_and_state_round_trips() -> None:
    items = []
    for i in range(5):
        items += family(f"F{i}", 8 * i, (f"k{i}",), (f"k{(i + 1) % 5}",))

    def run(scheduler: Scheduler, gens: range) -> list[list[int]]:
        out = []
        for gen in gens:
            rows = scheduler.next_batch()
            out.append(rows)
            scheduler.report(gen, [(r, float(r % 3 == 0)) for r in rows])
        return out

    first, second = Scheduler(items, 2, seed=7, lag=1), Scheduler(items, 2, seed=7, lag=1)
    assert run(first, range(10)) == run(second, range(10))
    resumed = Scheduler(items, 2, seed=7, lag=1)
    resumed.load_state_dict(first.state_dict())
    assert run(first, range(10, 20)) == run(resumed, range(10, 20))
    other = Scheduler(items, 2, seed=8, lag=1)
    assert run(other, range(10)) != run(Scheduler(items, 2, seed=7, lag=1), range(10))


def test_a_batch_scored_twice_is_counted_once() -> None:
    items = family("A", 0, ("k",), ())
    s = Scheduler(items, batch_size=1, lag=1)
    rows = s.next_batch()
    s.report(0, [(rows[0], 0.0)] * 4)
    s.report(0, [(rows[0], 1.0)] * 4)  # regenerated after a resume: the newer report replaces the older
    s.next_batch()
    assert s.levels()["A"] == 1

"""Evaluation with memory: a family re-applies the same step and visual decisions in several
corners, and a step search asks many targets of one figure, so the same commands are evaluated
many times. View and style do not change values, so they are not part of the key."""

from __future__ import annotations

import functools

from variantgen.construction.evaluator import Evaluation, Figure, evaluate_figure
from variantgen.construction.model import Construction


def cached_evaluate(construction: Construction) -> Evaluation:
    """Evaluate ``construction``, remembering recent results."""
    return _evaluate_commands(construction.commands, construction.target)


@functools.lru_cache(maxsize=512)
def _evaluate_commands(commands: tuple[str, ...], target: str) -> Evaluation:
    return _figure(commands).evaluate(target)


@functools.lru_cache(maxsize=256)
def _figure(commands: tuple[str, ...]) -> Figure:
    """A chain of step rules asks one new target after another of the same figure."""
    return evaluate_figure(commands)

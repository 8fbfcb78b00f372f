"""Rewards for GRPO on math answers: accuracy and format, in TRL's reward-function signature.

TRL calls each reward function as ``f(prompts=..., completions=..., completion_ids=..., **columns)``
with one entry per rollout, the dataset's columns (here ``solution``) repeated to match. Each
returns one float per rollout.

- ``accuracy``: 1.0 when the extracted answer equals the reference. math-verify compares first
  (free-form LaTeX, sets, intervals); when it cannot confirm, variantgen's exact sympy comparator
  (:func:`variantgen.answers.answers_equal`) gets a say, since it reads the notation variantgen's
  own answers use (``2√3``, ``60°``, ``20*sqrt(3)*pi/3``) that math-verify may not.
- ``format``: 1.0 for ``<think>…</think><answer>…</answer>`` (whitespace around the tags allowed).
- ``tags``: partial credit for that format, 0.25 for each of ``<think>``, ``</think>``, ``<answer>``,
  ``</answer>`` that occurs exactly once (open-r1's ``tag_count_reward``): a dense signal that a
  model which does not yet produce the whole format can climb.
- ``length``: DAPO's soft overlong punishment, shifted into [0, 1]: 1.0 for a completion of at most
  ``L − B`` tokens, falling linearly to 0.0 at ``L`` (``L`` = ``max_completion_length``, ``B`` =
  ``length_buffer``); a completion cut off at ``L`` scores 0. It rewards finishing within budget.

:func:`make_reward` builds a reward by name for a config (``length`` needs ``L`` and ``B``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from variantgen.answers import graded

_FORMAT = re.compile(r"^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$", re.DOTALL)


def completion_text(completion: Any) -> str:
    """The assistant text of a completion: a plain string, or TRL's conversational message list."""
    if isinstance(completion, str):
        return completion
    return "".join(message.get("content") or "" for message in completion if isinstance(message, dict))


def accuracy_reward(
    completions: Sequence[Any], solution: Sequence[str], choice: Sequence[str] | None = None, **_: Any
) -> list[float]:
    """1.0 per rollout whose extracted answer equals ``solution`` or, for a multiple-choice
    question, names its option letter (``choice``: "B", "(B)"); 0.0 otherwise (no answer included)."""
    rewards = []
    letters = choice if choice is not None else [""] * len(solution)
    for completion, reference, letter in zip(completions, solution, letters, strict=True):
        rewards.append(1.0 if graded(completion_text(completion), str(reference), letter)[1] else 0.0)
    return rewards


def format_reward(completions: Sequence[Any], **_: Any) -> list[float]:
    """1.0 per rollout shaped ``<think>…</think><answer>…</answer>``; 0.0 otherwise."""
    return [1.0 if _FORMAT.match(completion_text(c)) else 0.0 for c in completions]


_TAGS = ("<think>", "</think>", "<answer>", "</answer>")


def tags_reward(completions: Sequence[Any], **_: Any) -> list[float]:
    """0.25 per format tag occurring exactly once in the rollout (0.0 … 1.0)."""
    rewards = []
    for completion in completions:
        text = completion_text(completion)
        rewards.append(sum(0.25 for tag in _TAGS if text.count(tag) == 1))
    return rewards


def length_reward(
    completions: Sequence[Any], completion_ids: Sequence[Sequence[int]], max_length: int, buffer: int, **_: Any
) -> list[float]:
    """1.0 up to ``max_length − buffer`` tokens, linear down to 0.0 at ``max_length`` (DAPO's soft
    overlong punishment + 1). Lengths are counted in tokens, the end-of-sequence token included."""
    if max_length < 1 or not 0 < buffer <= max_length:
        raise ValueError(f"length reward: need 0 < buffer ({buffer}) ≤ max_length ({max_length})")
    free = max_length - buffer
    return [min(1.0, max(0.0, (max_length - len(ids)) / buffer)) if len(ids) > free else 1.0 for ids in completion_ids]


accuracy_reward.__name__ = "accuracy"
format_reward.__name__ = "format"
tags_reward.__name__ = "tags"
length_reward.__name__ = "length"

#: Reward functions by the names used in ``rewards`` of the config.
REWARDS = {"accuracy": accuracy_reward, "format": format_reward, "tags": tags_reward, "length": length_reward}


def make_reward(name: str, max_completion_length: int, length_buffer: int | None = None) -> Any:
    """The reward function ``name`` in TRL's signature; ``length`` is bound to the generation budget
    (``length_buffer`` defaults to a quarter of ``max_completion_length``)."""
    if name not in REWARDS:
        raise ValueError(f"unknown reward {name!r}; available: {', '.join(REWARDS)}")
    if name != "length":
        return REWARDS[name]
    buffer = length_buffer if length_buffer is not None else max(1, max_completion_length // 4)
    bound = functools.partial(length_reward, max_length=max_completion_length, buffer=buffer)
    functools.update_wrapper(bound, length_reward)
    return bound

"""Rewards for GRPO on math answers: accuracy and format, in TRL's reward-function signature.

TRL calls each reward function as ``f(prompts=..., completions=..., completion_ids=..., **columns)``
with one entry per rollout, the dataset's columns (here ``solution``) repeated to match. Each
returns one float per rollout.

- ``accuracy``: 1.0 when the extracted answer equals the reference. math-verify compares first
  (free-form LaTeX, sets, intervals); when it cannot confirm, variantgen's exact sympy comparator
  (:func:`variantgen.answers.answers_equal`) gets a say, since it reads the notation variantgen's
  own answers use (``2√3``, ``60°``, ``20*sqrt(3)*pi/3``) that math-verify may not.
- ``format``: 1.0 for ``<think>…</think><answer>…</answer>`` (whitespace around the tags allowed).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from variantgen.answers import answers_equal

_ANSWER_TAG = re.compile(r"<answer>(.*?)</answer>", re.DOTALL)
_FORMAT = re.compile(r"^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$", re.DOTALL)
_BOXED = "\\boxed{"


def completion_text(completion: Any) -> str:
    """The assistant text of a completion: a plain string, or TRL's conversational message list."""
    if isinstance(completion, str):
        return completion
    return "".join(message.get("content") or "" for message in completion if isinstance(message, dict))


def _last_boxed(text: str) -> str | None:
    """Content of the last ``\\boxed{…}``, braces balanced (``\\boxed{\\frac{1}{2}}`` → ``\\frac{1}{2}``)."""
    start = text.rfind(_BOXED)
    if start < 0:
        return None
    depth, i = 1, start + len(_BOXED)
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i:j]
    return None


def extract_answer(text: str) -> str | None:
    """The final answer of a solution: the last ``<answer>`` block (and a ``\\boxed{}`` inside it wins),
    else the last ``\\boxed{}``; None when the text states no answer."""
    tagged = _ANSWER_TAG.findall(text)
    if tagged:
        inner = tagged[-1]
        boxed = _last_boxed(inner)
        answer = boxed if boxed is not None else inner
    else:
        answer = _last_boxed(text)
    if answer is None:
        return None
    answer = answer.strip().strip("$").strip()
    return answer or None


@functools.lru_cache(maxsize=65536)
def is_correct(predicted: str, reference: str) -> bool:
    """math-verify first, then the exact sympy comparator; cached because rollouts repeat answers."""
    try:
        from math_verify import parse, verify

        if verify(parse(f"${reference}$"), parse(f"${predicted}$")):
            return True
    except Exception:  # math-verify raises on some malformed LaTeX; the sympy path still decides
        pass
    try:
        return answers_equal(reference, predicted)
    except Exception:  # an unreadable model answer is a wrong answer, never a crash of the run
        return False


def accuracy_reward(completions: Sequence[Any], solution: Sequence[str], **_: Any) -> list[float]:
    """1.0 per rollout whose extracted answer equals ``solution``; 0.0 otherwise (no answer included)."""
    rewards = []
    for completion, reference in zip(completions, solution, strict=True):
        answer = extract_answer(completion_text(completion))
        rewards.append(1.0 if answer is not None and is_correct(answer, str(reference)) else 0.0)
    return rewards


def format_reward(completions: Sequence[Any], **_: Any) -> list[float]:
    """1.0 per rollout shaped ``<think>…</think><answer>…</answer>``; 0.0 otherwise."""
    return [1.0 if _FORMAT.match(completion_text(c)) else 0.0 for c in completions]


accuracy_reward.__name__ = "accuracy"
format_reward.__name__ = "format"

#: Reward functions by the names used in ``reward_weights`` of the config.
REWARDS = {"accuracy": accuracy_reward, "format": format_reward}

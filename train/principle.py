r"""Pre-aligned mode: the principle-level mean reward of MathBook-RL, and GRPO advantages from it.

A *principle group* is every problem in one generation batch that exercises the same knowledge
principle (by default the variants of one seed, which share its principle). Problem :math:`p` of
group :math:`k` has :math:`G` rollouts with rewards :math:`r_{p,1..G}`. Sort each problem's
rewards in descending order, :math:`r_{p,(1)} \ge \dots \ge r_{p,(G)}`, and average rank-wise over
the group's problems:

.. math::  m_k^{(j)} = \frac{1}{|P_k|} \sum_{p \in P_k} r_{p,(j)}, \qquad j = 1..G

The rollout of problem :math:`p` at rank :math:`j` is then scored :math:`\tilde r_{p,i} = m_k^{(j)}`
(rollouts with equal rewards in one problem share the mean of their ranks' values, so the result
does not depend on the order in which ties happen to sort), and the advantage is GRPO's on the
aligned scores:

.. math::  \hat A_{p,i} = \frac{\tilde r_{p,i} - \operatorname{mean}_j m_k^{(j)}}{\operatorname{std}_j m_k^{(j)} + \epsilon}

The baseline :math:`\operatorname{mean}_j m_k^{(j)}` is the mean reward of the whole principle, so
a model rewarded on the base problem but failing its harder variants gets a weaker signal than
plain GRPO would give it: the advantage reflects consistency across the principle, not one problem.
A group of one problem reduces exactly to GRPO. Unscorable rollouts (NaN) take no rank and keep
NaN, which GRPO turns into a zero advantage. :func:`principle_advantages` computes
:math:`\hat A` exactly so (mean and std over the group's rank means); :func:`grouped_advantages` is
GRPO's per-problem normalisation, for reference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import torch


def principle_mean_rewards(rewards: torch.Tensor, keys: Sequence[Hashable], num_generations: int) -> torch.Tensor:
    """Aligned rewards (same shape as ``rewards``, laid out problem after problem, ``num_generations``
    rollouts each); ``keys`` gives each problem's principle, one entry per problem."""
    return _align(rewards, keys, num_generations)[0]


def principle_advantages(
    rewards: torch.Tensor, keys: Sequence[Hashable], num_generations: int, scale: str = "group", eps: float = 1e-4
) -> torch.Tensor:
    """The advantages of pre-aligned mode: :math:`(\\tilde r - \\operatorname{mean}_j m^{(j)}) /
    (\\operatorname{std}_j m^{(j)} + \\epsilon)` with the statistics of the rollout's principle group
    (``scale="group"``), over the batch's aligned rewards (``"batch"``) or unscaled (``"none"``); NaN → 0."""
    aligned, mean, std = _align(rewards, keys, num_generations)
    advantages = aligned.view(-1, num_generations) - mean
    if scale == "group":
        advantages = advantages / (std + eps)
    elif scale == "batch":
        advantages = advantages / (_nanstd(aligned.flatten(), dim=0) + eps)
    elif scale != "none":
        raise ValueError(f"scale_rewards must be 'group', 'batch' or 'none', not {scale!r}")
    return torch.nan_to_num(advantages, nan=0.0).view_as(rewards)


def _align(
    rewards: torch.Tensor, keys: Sequence[Hashable], num_generations: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Aligned rewards, and per problem (shape ``(P, 1)``) its group's ``mean_j m^(j)`` and ``std_j m^(j)``."""
    grouped = rewards.view(-1, num_generations)
    if grouped.size(0) != len(keys):
        raise ValueError(f"{grouped.size(0)} problems of {num_generations} rollouts but {len(keys)} principle keys")
    aligned = torch.full_like(grouped, float("nan"))
    mean = torch.full((grouped.size(0), 1), float("nan"), dtype=grouped.dtype, device=grouped.device)
    std = torch.full_like(mean, float("nan"))
    members: dict[Hashable, list[int]] = defaultdict(list)
    for problem, key in enumerate(keys):
        members[key].append(problem)
    for problems in members.values():
        block = grouped[problems]  # (P, G)
        ordered, order = torch.sort(torch.nan_to_num(block, nan=float("-inf")), dim=1, descending=True, stable=True)
        ordered = ordered.masked_fill(torch.isinf(ordered) & (ordered < 0), float("nan"))
        rank_means = torch.nanmean(ordered, dim=0)  # m^(j)
        mean[problems] = torch.nanmean(rank_means)
        std[problems] = _nanstd(rank_means, dim=0)
        for row, problem in enumerate(problems):
            values = _tie_shared(ordered[row], rank_means)
            aligned[problem, order[row]] = values
    return aligned.view_as(rewards), mean, std


def _tie_shared(ordered: torch.Tensor, rank_means: torch.Tensor) -> torch.Tensor:
    """``rank_means`` placed on one problem's sorted rewards, ties sharing their ranks' mean; NaN stays NaN."""
    out = rank_means.clone()
    start = 0
    size = ordered.numel()
    while start < size:
        end = start + 1
        while end < size and ordered[end] == ordered[start]:
            end += 1
        out[start:end] = rank_means[start:end].mean()
        start = end
    out[torch.isnan(ordered)] = float("nan")
    return out


def grouped_advantages(rewards: torch.Tensor, num_generations: int, scale: str = "group", eps: float = 1e-4) -> torch.Tensor:
    """GRPO's advantage on (aligned) rewards: minus the problem's mean, over the problem's std
    (``scale="group"``), the batch's std (``"batch"``) or nothing (``"none"``); NaN → 0."""
    grouped = rewards.view(-1, num_generations)
    mean = torch.nanmean(grouped, dim=1, keepdim=True)
    advantages = grouped - mean
    if scale == "group":
        advantages = advantages / (_nanstd(grouped, dim=1) + eps)
    elif scale == "batch":
        advantages = advantages / (_nanstd(rewards.flatten(), dim=0) + eps)
    elif scale != "none":
        raise ValueError(f"scale_rewards must be 'group', 'batch' or 'none', not {scale!r}")
    return torch.nan_to_num(advantages, nan=0.0).view_as(rewards)


def _nanstd(x: torch.Tensor, dim: int) -> torch.Tensor:
    """Sample standard deviation ignoring NaN (as TRL's ``nanstd``), keeping ``dim``."""
    mean = torch.nanmean(x, dim=dim, keepdim=True)
    count = (~torch.isnan(x)).sum(dim=dim, keepdim=True).clamp(min=2)
    return torch.sqrt(torch.nansum((x - mean) ** 2, dim=dim, keepdim=True) / (count - 1))

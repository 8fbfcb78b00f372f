"""GRPOTrainer with variantgen's samplers, metrics per corner and knowledge point, and pre-aligned advantages.

Only TRL's documented override points are used, never a patch:

- ``_get_train_sampler``: the planned (random / principle-grouped) or scheduled sampler;
- ``_calculate_rewards``: after TRL has scored and gathered the rollouts of all ranks, the rows
  behind them are gathered in the same order; metrics per corner and knowledge point and the
  scheduler's outcomes are computed from that single aligned view;
- ``_generate_and_score_completions``: in pre-aligned mode the advantages TRL computed are
  replaced by those from the principle-mean reward (:mod:`variantgen.train.principle`);
- ``_save_checkpoint`` / ``_load_optimizer_and_scheduler``: the scheduler's state travels with
  each checkpoint.

Scores are grouped before anything is reordered: TRL shuffles a generation batch only after its
advantages exist, and :meth:`_check_alignment` fails the step if the rows behind the gathered
rewards are not, in order, the rows the sampler served.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from typing import Any

import pyarrow.compute as pc
import torch
from accelerate.utils import gather_object
from trl import GRPOTrainer

from variantgen.train.config import TrainConfig
from variantgen.train.principle import principle_advantages, principle_mean_rewards
from variantgen.train.rewards import make_reward
from variantgen.train.sampler import PlannedSampler, ScheduledSampler, plan_batches
from variantgen.train.schedule import Item, Scheduler

SCHEDULER_FILE = "scheduler_state.json"


class VariantGenGRPOTrainer(GRPOTrainer):
    """``VariantGenGRPOTrainer(model, args=TrainConfig(...), train_dataset=build_dataset(...), processing_class=...)``."""

    def __init__(self, model: Any, args: TrainConfig, train_dataset: Any, reward_funcs: list[Any] | None = None, **kwargs: Any):
        if reward_funcs is None:
            reward_funcs = [make_reward(name, args.max_completion_length, args.length_buffer) for name in args.rewards]
        self._columns = {key: train_dataset[key] for key in ("row", "family_id", "corner", "knowledge_points", "pool")}
        self._has_image = [n > 0 for n in pc.list_value_length(train_dataset.data.column("images")).to_pylist()]
        self._principles = train_dataset["principle"]
        self._scheduled: ScheduledSampler | None = None
        self._last_scored: tuple[torch.Tensor, list[tuple[Any, ...]]] | None = None
        super().__init__(
            model=model, args=args, train_dataset=train_dataset, reward_funcs=reward_funcs, peft_config=args.peft_config, **kwargs
        )
        if args.freeze_vision_tower:
            self._freeze_vision_tower()

    # ------------------------------------------------------------------ sampling
    @property
    def prompts_per_batch(self) -> int:
        return self.args.generation_batch_size // self.num_generations

    @property
    def repeat_count(self) -> int:
        return self.num_iterations * self.args.steps_per_generation

    def _get_train_sampler(self, dataset: Any = None) -> Any:
        if self.args.mode == "dynamic":
            if self._scheduled is None:
                self._scheduled = self._make_scheduled_sampler()
            return self._scheduled
        eligible = [i for i, pool in enumerate(self._columns["pool"]) if not pool]
        modalities = [self._has_image[i] for i in eligible]
        groups = [self._principles[i] for i in eligible] if self.args.mode == "pre-aligned" else None

        def plan(epoch: int) -> list[list[int]]:
            batches = plan_batches(modalities, self.prompts_per_batch, self.args.seed + epoch, groups)
            return [[eligible[i] for i in batch] for batch in batches]

        return PlannedSampler(plan, self.num_generations, self.repeat_count)

    @property
    def schedule_lag(self) -> int:
        """How many generation batches back a decision can see: the trainer pulls a whole update's
        micro-batches (plus accelerate's one-batch lookahead) before the first of them is scored."""
        return math.ceil(self.args.gradient_accumulation_steps / self.repeat_count) + 1

    def _make_scheduled_sampler(self) -> ScheduledSampler:
        c = self._columns
        items = [
            Item(row, fam, corner, tuple(kps), self._has_image[row], pool)
            for row, fam, corner, kps, pool in zip(
                c["row"], c["family_id"], c["corner"], c["knowledge_points"], c["pool"], strict=True
            )
        ]
        scheduler = Scheduler(
            items,
            self.prompts_per_batch,
            seed=self.args.seed,
            pass_threshold=self.args.pass_threshold,
            knowledge_items=self.args.knowledge_items,
            remedial_attempts=self.args.remedial_attempts,
            max_attempts=self.args.max_attempts,
            lag=self.schedule_lag,
        )
        micro_batches = self.args.max_steps * self.args.gradient_accumulation_steps
        num_batches = math.ceil(micro_batches / self.repeat_count) + self.schedule_lag + 1
        return ScheduledSampler(scheduler, self.num_generations, self.repeat_count, num_batches)

    # ------------------------------------------------------------------ scoring
    def _calculate_rewards(
        self, inputs: list[dict[str, Any]], prompts: Any, completions: Any, completion_ids_list: Any
    ) -> torch.Tensor:
        rewards_per_func = super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)
        meta = gather_object([(x["row"], x["corner"], x["principle"], tuple(x["knowledge_points"])) for x in inputs])
        self._check_alignment(meta, rewards_per_func)
        self._last_scored = (rewards_per_func, meta)
        if self.model.training:
            scores = self._scores(rewards_per_func)
            self._log_groups(scores, meta)
            if self._scheduled is not None:
                self._report_outcomes(self._pass_scores(scores, rewards_per_func), meta)
        return rewards_per_func

    def _check_alignment(self, meta: list[tuple[Any, ...]], rewards_per_func: torch.Tensor) -> None:
        """Each consecutive block of ``num_generations`` rollouts must come from one row."""
        if len(meta) != rewards_per_func.size(0):
            raise RuntimeError(f"{rewards_per_func.size(0)} gathered rewards but {len(meta)} gathered rows")
        size = self.num_generations if self.model.training else self.num_generations_eval
        for start in range(0, len(meta), size):
            rows = {m[0] for m in meta[start : start + size]}
            if len(rows) != 1:
                raise RuntimeError(
                    f"rollouts {start}..{start + size - 1} mix rows {sorted(rows)}: rewards would be misattributed"
                )

    def _scores(self, rewards_per_func: torch.Tensor) -> dict[str, torch.Tensor]:
        weights = self.reward_weights.to(rewards_per_func.device)
        total = (rewards_per_func * weights.unsqueeze(0)).nansum(dim=1)
        total[torch.isnan(rewards_per_func).all(dim=1)] = torch.nan
        names = list(self.reward_func_names)
        accuracy = rewards_per_func[:, names.index("accuracy")] if "accuracy" in names else total
        return {"reward": total, "accuracy": accuracy}

    def _pass_scores(self, scores: dict[str, torch.Tensor], rewards_per_func: torch.Tensor) -> torch.Tensor:
        """Per rollout, the score the scheduler compares with ``pass_threshold`` (``pass_on``)."""
        on = self.args.pass_on
        if on in scores:
            return scores[on]
        names = list(self.reward_func_names)
        if on not in names:
            raise ValueError(f"pass_on: {on!r} is not among the reward functions {names}")
        return rewards_per_func[:, names.index(on)]

    def _log_groups(self, scores: dict[str, torch.Tensor], meta: list[tuple[Any, ...]]) -> None:
        """Mean reward and accuracy per corner and per knowledge point, over all ranks' rollouts."""
        groups: dict[str, list[int]] = defaultdict(list)
        for i, (_, corner, _, kps) in enumerate(meta):
            groups[f"corner/{corner}"].append(i)
            for kp in kps:
                groups[f"kp/{kp}"].append(i)
        for name, index in sorted(groups.items()):
            for key, values in scores.items():
                value = torch.nanmean(values[index]).item()
                if not math.isnan(value):
                    self._metrics["train"][f"{name}/{key}"].append(value)

    def _report_outcomes(self, score: torch.Tensor, meta: list[tuple[Any, ...]]) -> None:
        assert self._scheduled is not None
        position = (
            self.state.global_step * self.args.gradient_accumulation_steps + self._step % self.args.gradient_accumulation_steps
        )
        gen = position // self.repeat_count
        served = self._scheduled.recent.get(gen)
        rows = [m[0] for m in meta[:: self.num_generations]]
        if served is not None and rows != served:
            raise RuntimeError(f"generation batch {gen}: scored rows {rows} are not the served rows {served}")
        self._scheduled.scheduler.report(gen, zip([m[0] for m in meta], score.tolist(), strict=True))
        scheduler = self._scheduled.scheduler
        levels = [f.level / len(f.path) for f in scheduler.families.values()]
        metrics = self._metrics["train"]
        metrics["schedule/progress"].append(sum(levels) / len(levels))
        metrics["schedule/retry_pool"].append(float(len(scheduler.retry_pool)))
        for key in ("served_knowledge", "served_modality", "promoted", "skipped", "rounds"):
            metrics[f"schedule/{key}"].append(float(scheduler.stats[key]))

    def _generate_and_score_completions(self, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        output = super()._generate_and_score_completions(inputs)
        if self.args.mode == "pre-aligned" and self.model.training and self._last_scored is not None:
            rewards_per_func, meta = self._last_scored
            reward = self._scores(rewards_per_func)["reward"]
            keys = [m[2] for m in meta[:: self.num_generations]]
            aligned = principle_mean_rewards(reward, keys, self.num_generations)
            advantages = principle_advantages(reward, keys, self.num_generations, self.scale_rewards)
            start = self.accelerator.process_index * len(inputs)
            output["advantages"] = advantages[start : start + len(inputs)].to(output["advantages"].device)
            self._metrics["train"]["principle/aligned_reward_std"].append(torch.nan_to_num(aligned).std().item())
        return output

    # ------------------------------------------------------------------ served-item bookkeeping and state
    def _freeze_vision_tower(self) -> None:
        model = self.accelerator.unwrap_model(self.model)
        for name, parameter in model.named_parameters():
            if ".visual." in f".{name}" or "vision_tower" in name:
                parameter.requires_grad_(False)

    def _save_checkpoint(self, model: Any, trial: Any) -> None:
        super()._save_checkpoint(model, trial)
        if self._scheduled is not None and self.args.should_save:
            folder = os.path.join(self._get_output_dir(trial=trial), f"checkpoint-{self.state.global_step}")
            with open(os.path.join(folder, SCHEDULER_FILE), "w", encoding="utf-8") as handle:
                json.dump(self._scheduled.state_dict(), handle)

    def _load_optimizer_and_scheduler(self, checkpoint: str | None) -> None:
        super()._load_optimizer_and_scheduler(checkpoint)
        if checkpoint is None or self.args.mode != "dynamic":
            return
        path = os.path.join(checkpoint, SCHEDULER_FILE)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{checkpoint} has no {SCHEDULER_FILE}: it was not written by a dynamic-mode run")
        if self._scheduled is None:
            self._scheduled = self._make_scheduled_sampler()
        with open(path, encoding="utf-8") as handle:
            self._scheduled.load_state_dict(json.load(handle))

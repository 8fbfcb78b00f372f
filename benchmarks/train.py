"""Per-step overhead of variantgen's trainer over plain TRL GRPOTrainer, same model, data and sizes.

Plain: ``trl.GRPOTrainer`` with TRL's RepeatSampler and one trivial reward (completion length).
Ours: ``VariantGenGRPOTrainer`` with the accuracy + format rewards, per-corner / per-knowledge-point
metrics, the alignment check and the dynamic scheduler (or the pre-aligned advantages). Both use
the same tiny random model (rebuilt with the same seed), the same prompts and sampling settings;
the step time is the median over the measured steps (the first ``--warmup`` are dropped), best of
``--rounds`` interleaved runs per side; every prompt is cut or padded to the same length.

    python benchmarks/train.py [--steps 12] [--hidden 256] [--layers 4] [--mode dynamic]

The last line is ``overhead vs plain TRL: R`` with R = median step time (ours) / (plain).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from transformers import TrainerCallback  # noqa: E402
from trl import GRPOConfig, GRPOTrainer  # noqa: E402

from variantgen.train.config import TrainConfig  # noqa: E402
from variantgen.train.data import build_dataset, corpus  # noqa: E402
from variantgen.train.models import build_tiny  # noqa: E402
from variantgen.train.run import ensure_data  # noqa: E402
from variantgen.train.trainer import VariantGenGRPOTrainer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


class StepTimer(TrainerCallback):
    def __init__(self) -> None:
        self.times: list[float] = []
        self._start = 0.0

    def on_step_begin(self, *args: Any, **kwargs: Any) -> None:
        self._start = time.perf_counter()

    def on_step_end(self, *args: Any, **kwargs: Any) -> None:
        self.times.append(time.perf_counter() - self._start)


def length_reward(completions: list[Any], **_: Any) -> list[float]:
    return [float(len(c[0]["content"] if not isinstance(c, str) else c)) / 100 for c in completions]


def _same_length(row: dict[str, Any], chars: int = 240) -> dict[str, Any]:
    content = row["prompt"][0]["content"]
    return {"prompt": [{"role": "user", "content": content[:chars].ljust(chars, ".")}]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--completion", type=int, default=32)
    parser.add_argument("--mode", default="dynamic", choices=("grpo", "pre-aligned", "dynamic"))
    parser.add_argument("--kind", default="qwen2", choices=("qwen2", "qwen2-vl"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="vg-bench-train-"))
    sizes: dict[str, Any] = {
        "max_steps": args.steps,
        "per_device_train_batch_size": 16,
        "num_generations": 4,
        "max_completion_length": args.completion,
        "learning_rate": 1e-5,
        "beta": 0.0,
        "logging_steps": 1,
        "save_strategy": "no",
        "report_to": "none",
        "bf16": False,
        "seed": 0,
        "disable_tqdm": True,
        # Same token budget every step: sampling never stops early, so both sides generate alike.
        "generation_kwargs": {"min_new_tokens": args.completion},
    }
    ours_config = TrainConfig(
        data=[str(work / "data")],
        seeds=str(ROOT / "examples" / "seeds.jsonl"),
        tiny_model=args.kind,
        mode=args.mode,
        output_dir=str(work / "ours"),
        **sizes,
    )
    ensure_data(ours_config)
    # Every prompt cut or padded to the same length: the scheduler serves short base problems first
    # and TRL's sampler serves any corner, so unequal prompts would time the data, not the trainers.
    dataset = build_dataset(ours_config.data).map(_same_length)
    text = list(corpus(dataset))

    def model() -> tuple[Any, Any]:
        return build_tiny(args.kind, text, hidden_size=args.hidden, layers=args.layers, seed=0)

    results: dict[str, float] = {}
    # Interleaved rounds (plain, ours, plain, ours, ...) and the best median per side, so that a
    # warm-up effect or a burst of load from other processes does not favour either side.
    served: list[int] = []
    for name in ("ours", "plain") * args.rounds:
        timer = StepTimer()
        net, processor = model()
        if name == "plain":
            # Exactly the prompts ours was served, in the same order (TRL's sampler left unshuffled).
            plain_data = dataset.select(served).select_columns(["prompt", "images", "solution"])
            trainer: Any = GRPOTrainer(
                model=net,
                reward_funcs=[length_reward],
                args=GRPOConfig(output_dir=str(work / "plain"), shuffle_dataset=False, **sizes),
                train_dataset=plain_data,
                processing_class=processor,
                callbacks=[timer],
            )
        else:
            trainer = VariantGenGRPOTrainer(
                net, args=ours_config, train_dataset=dataset, processing_class=processor, callbacks=[timer]
            )
        if name == "ours" and not served:
            trainer.get_train_dataloader()  # creates the sampler; record every batch it serves
            sampler = trainer._get_train_sampler()
            if hasattr(sampler, "scheduler"):

                def record(decide: Any = sampler.scheduler.next_batch) -> list[int]:
                    rows = decide()
                    served.extend(rows)
                    return rows

                sampler.scheduler.next_batch = record
        start = time.perf_counter()
        trainer.train()
        if name == "ours" and not served:
            served.extend(i for batch in sampler.plan(0) for i in batch)
        measured = timer.times[args.warmup :]
        median = statistics.median(measured)
        results[name] = min(results.get(name, median), median)
        print(
            f"{name:6s} median step {results[name]:.3f} s over {len(measured)} steps (total {time.perf_counter() - start:.1f} s)"
        )
    per_step = results["ours"] - results["plain"]
    print(
        f"model: tiny {args.kind} hidden={args.hidden} layers={args.layers}; mode={args.mode}; "
        f"16 rollouts × {args.completion} tokens per step; CPU"
    )
    print(f"overhead per step: {per_step * 1000:+.1f} ms")
    print(f"overhead vs plain TRL: {results['ours'] / results['plain']:.3f}")


if __name__ == "__main__":
    main()

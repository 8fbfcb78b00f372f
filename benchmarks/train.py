"""Per-step overhead of variantgen's trainer over plain TRL GRPOTrainer doing the same work.

Both sides get the same random-initialised model (rebuilt with the same seed), the same prompts in
the same order (plain TRL is fed exactly the rows our sampler served, unshuffled), the same
generation settings and the same reward functions with the same weights (by default accuracy,
format, tags and length: the length reward varies between rollouts even for a random model, so
advantages and gradients are non-zero on both sides and the optimiser does real work; the mean
reward and grad_norm printed for each run show that both sides trained alike). What only ours
does: the scheduler (``--mode dynamic``) or the principle-grouped sampler and pre-aligned
advantages (``--mode pre-aligned``), per-corner and per-knowledge-point metrics, the alignment
checks. Every prompt is cut or padded to the same length, so the order in which either side
serves problems does not change the work.

Step time is the median over the measured steps (the first ``--warmup`` of each run are dropped)
of ``--rounds`` interleaved runs per side (ours, plain, plain, ours, ours, plain, …), so that
warm-up or a burst of load from other processes favours neither; the process CPU time per step is
reported too, as it is far less disturbed by other processes on a shared machine, and so is the
time spent in our own hooks, timed directly. Tokens/s counts the prompt and completion tokens a
step processed (TRL's ``num_tokens``, median per step) over the median step time; "generated" counts
completion tokens only.

    python benchmarks/train.py                               # CPU, tiny model
    python benchmarks/train.py --device cuda --bf16 --hidden 1536 --layers 28 --intermediate 8960

The last line is ``overhead vs plain TRL: R`` with R = median step time (ours) / (plain).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from transformers import TrainerCallback  # noqa: E402
from trl import GRPOConfig, GRPOTrainer  # noqa: E402

from variantgen.train.config import TrainConfig  # noqa: E402
from variantgen.train.data import build_dataset, corpus  # noqa: E402
from variantgen.train.models import build_tiny  # noqa: E402
from variantgen.train.rewards import make_reward  # noqa: E402
from variantgen.train.run import ensure_data  # noqa: E402
from variantgen.train.trainer import VariantGenGRPOTrainer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

#: What only our trainer runs on top of TRL's work, timed directly as a load-independent check.
OWN_HOOKS = ("_check_alignment", "_scores", "_pass_scores", "_log_groups", "_report_outcomes")


class StepTimer(TrainerCallback):
    """Wall and process CPU time of each optimiser step (device synchronised) and its logged metrics."""

    def __init__(self, cuda: bool) -> None:
        self.cuda = cuda
        self.times: list[float] = []
        self.cpu_times: list[float] = []
        self.logs: list[dict[str, float]] = []
        self._start = self._cpu_start = 0.0

    def _sync(self) -> None:
        if self.cuda:
            torch.cuda.synchronize()

    def on_step_begin(self, *args: Any, **kwargs: Any) -> None:
        self._sync()
        self._start, self._cpu_start = time.perf_counter(), time.process_time()

    def on_step_end(self, *args: Any, **kwargs: Any) -> None:
        self._sync()
        self.times.append(time.perf_counter() - self._start)
        self.cpu_times.append(time.process_time() - self._cpu_start)

    def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, float] | None = None, **kwargs: Any) -> None:
        if logs and "loss" in logs:
            self.logs.append(dict(logs))


def time_own_hooks(trainer: VariantGenGRPOTrainer, spent: list[float]) -> None:
    """Wrap our trainer's own bookkeeping and the scheduler's decisions, adding their time to ``spent``."""

    def timed(function: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        return run

    for name in OWN_HOOKS:
        setattr(trainer, name, timed(getattr(trainer, name)))
    sampler = trainer._get_train_sampler()
    if hasattr(sampler, "scheduler"):
        sampler.scheduler.next_batch = timed(sampler.scheduler.next_batch)


def _same_length(row: dict[str, Any], chars: int) -> dict[str, Any]:
    content = row["prompt"][0]["content"]
    return {"prompt": [{"role": "user", "content": content[:chars].ljust(chars, ".")}]}


def summarise(timers: list[StepTimer], warmup: int, rollouts: int) -> dict[str, float]:
    """Medians over the measured steps of every run in ``timers``; tokens/s at the median step."""
    times = [t for timer in timers for t in timer.times[warmup:]]
    cpu_times = [t for timer in timers for t in timer.cpu_times[warmup:]]
    logs = [entry for timer in timers for entry in timer.logs[warmup:]]
    tokens = [
        after["num_tokens"] - before["num_tokens"]
        for timer in timers
        for before, after in zip(timer.logs[warmup - 1 : -1], timer.logs[warmup:], strict=True)
    ]
    median = statistics.median(times)
    return {
        "median": median,
        "cpu_median": statistics.median(cpu_times),
        "tokens_per_s": statistics.median(tokens) / median,
        "generated_per_s": statistics.median(entry["completions/mean_length"] for entry in logs) * rollouts / median,
        "reward": statistics.mean(entry["reward"] for entry in logs),
        "grad_norm": statistics.mean(entry["grad_norm"] for entry in logs),
        "steps": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--bf16", action="store_true", help="bf16 autocast (GPUs)")
    parser.add_argument("--hidden", type=int, default=128, help="hidden size of the random model")
    parser.add_argument("--layers", type=int, default=2, help="decoder layers of the random model")
    parser.add_argument("--intermediate", type=int, default=None, help="MLP size (default 2 × hidden)")
    parser.add_argument("--batch", type=int, default=16, help="rollouts per step")
    parser.add_argument("--generations", type=int, default=4, help="rollouts per prompt")
    parser.add_argument("--completion", type=int, default=32, help="max_completion_length")
    parser.add_argument("--prompt-chars", type=int, default=240)
    parser.add_argument("--rewards", default="accuracy=1,format=0.1,tags=0.25,length=0.5", help="name=weight,…")
    parser.add_argument("--mode", default="dynamic", choices=("grpo", "pre-aligned", "dynamic"))
    parser.add_argument("--kind", default="qwen2", choices=("qwen2", "qwen2-vl"))
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args()
    if args.warmup < 1 or args.steps <= args.warmup:
        parser.error("need 1 ≤ --warmup < --steps (tokens per step are counted from the step before)")
    if args.device == "cuda" and not torch.cuda.is_available():
        parser.error("--device cuda: no CUDA device visible")
    if args.threads:
        torch.set_num_threads(args.threads)
    weights = {name: float(w) for name, w in (item.split("=") for item in args.rewards.split(","))}

    work = Path(tempfile.mkdtemp(prefix="vg-bench-train-"))
    sizes: dict[str, Any] = {
        "max_steps": args.steps,
        "per_device_train_batch_size": args.batch,
        "num_generations": args.generations,
        "max_completion_length": args.completion,
        "learning_rate": 1e-5,
        "beta": 0.0,
        "logging_steps": 1,
        "save_strategy": "no",
        "report_to": "none",
        "bf16": args.bf16,
        "use_cpu": args.device == "cpu",
        "seed": 0,
        "disable_tqdm": True,
    }
    ours_config = TrainConfig(
        data=[str(work / "data")],
        seeds=str(ROOT / "examples" / "seeds.jsonl"),
        render_figures=args.kind == "qwen2-vl",  # the text model gets text rows only
        tiny_model=args.kind,
        mode=args.mode,
        rewards=weights,
        output_dir=str(work / "ours"),
        **sizes,
    )
    ensure_data(ours_config)
    # Every prompt cut or padded to the same length: the scheduler serves short base problems first
    # and TRL's sampler serves any corner, so unequal prompts would time the data, not the trainers.
    dataset = build_dataset(ours_config.data).map(_same_length, fn_kwargs={"chars": args.prompt_chars})
    text = list(corpus(dataset))
    reward_funcs = [make_reward(name, args.completion) for name in weights]

    def model() -> tuple[Any, Any]:
        return build_tiny(
            args.kind, text, hidden_size=args.hidden, layers=args.layers, intermediate_size=args.intermediate, seed=0
        )

    timers: dict[str, list[StepTimer]] = {}
    served: list[int] = []
    own_time: list[float] = []  # seconds spent in our own hooks, over every run of ours
    parameters = 0
    order = [name for r in range(args.rounds) for name in (("ours", "plain") if r % 2 == 0 else ("plain", "ours"))]
    for name in order:
        timer = StepTimer(args.device == "cuda")
        net, processor = model()
        parameters = sum(p.numel() for p in net.parameters())
        if name == "plain":
            # Exactly the prompts ours was served, in the same order (TRL's sampler left unshuffled).
            plain_data = dataset.select(served).select_columns(["prompt", "images", "solution"])
            trainer: Any = GRPOTrainer(
                model=net,
                reward_funcs=reward_funcs,
                args=GRPOConfig(
                    output_dir=str(work / "plain"), shuffle_dataset=False, reward_weights=list(weights.values()), **sizes
                ),
                train_dataset=plain_data,
                processing_class=processor,
                callbacks=[timer],
            )
        else:
            trainer = VariantGenGRPOTrainer(
                net, args=ours_config, train_dataset=dataset, processing_class=processor, callbacks=[timer]
            )
            trainer.get_train_dataloader()  # creates the sampler
            sampler = trainer._get_train_sampler()
            if hasattr(sampler, "scheduler") and not served:  # record every batch it serves

                def record(decide: Any = sampler.scheduler.next_batch) -> list[int]:
                    rows = decide()
                    served.extend(rows)
                    return rows

                sampler.scheduler.next_batch = record
            time_own_hooks(trainer, own_time)
        start = time.perf_counter()
        trainer.train()
        if name == "ours" and not served:
            served.extend(i for batch in sampler.plan(0) for i in batch)
        del trainer, net, processor
        sampler = None
        gc.collect()  # no run pays for the garbage of the runs before it
        if args.device == "cuda":
            torch.cuda.empty_cache()
        timers.setdefault(name, []).append(timer)
        summary = summarise([timer], args.warmup, args.batch)
        print(
            f"{name:5s} median step {summary['median'] * 1000:8.1f} ms (CPU time {summary['cpu_median'] * 1000:.1f} ms) "
            f"over {summary['steps']} steps (run {time.perf_counter() - start:.1f} s); "
            f"{summary['tokens_per_s']:.0f} tokens/s, {summary['generated_per_s']:.0f} generated tokens/s; "
            f"mean reward {summary['reward']:.4f}, mean grad_norm {summary['grad_norm']:.4f}",
            flush=True,
        )
    # Per side: medians over the measured steps of all its runs (robust to one lucky or unlucky run).
    results = {name: summarise(found, args.warmup, args.batch) for name, found in timers.items()}
    device = torch.cuda.get_device_name() if args.device == "cuda" else f"CPU ({torch.get_num_threads()} threads)"
    print(
        f"model: random {args.kind}, {parameters / 1e6:.1f} M parameters (hidden {args.hidden}, {args.layers} layers); "
        f"mode {args.mode}; rewards {args.rewards}; {args.batch} rollouts × ≤ {args.completion} tokens per step; {device}"
    )
    for name in ("plain", "ours"):
        r = results[name]
        print(
            f"{name:5s} per step {r['median'] * 1000:.1f} ms (process CPU time {r['cpu_median'] * 1000:.1f} ms), "
            f"{r['tokens_per_s']:.0f} tokens/s, {r['generated_per_s']:.0f} generated tokens/s"
        )
    own = sum(own_time) / (args.steps * order.count("ours"))
    print(
        f"time in our own hooks (scheduler, metrics, checks): {own * 1000:.2f} ms per step "
        f"({own / results['ours']['median']:.2%} of our step)"
    )
    cpu_ratio = results["ours"]["cpu_median"] / results["plain"]["cpu_median"]
    print(f"process CPU time ratio (little disturbed by other processes' load): {cpu_ratio:.3f}")
    print(f"overhead per step: {(results['ours']['median'] - results['plain']['median']) * 1000:+.1f} ms")
    print(f"overhead vs plain TRL: {results['ours']['median'] / results['plain']['median']:.3f}")


if __name__ == "__main__":
    main()

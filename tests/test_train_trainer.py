"""Real TRL GRPO steps on tiny Qwen2 / Qwen2-VL models built locally (CPU, no hub)."""

from __future__ import annotations

import io
import itertools
import json
import math
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("trl")

import datasets  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from trl import GRPOTrainer  # noqa: E402

from variantgen.io.export import FORMATS  # noqa: E402
from variantgen.train.config import TrainConfig  # noqa: E402
from variantgen.train.data import build_dataset, corpus  # noqa: E402
from variantgen.train.models import build_tiny  # noqa: E402
from variantgen.train.rewards import completion_text, format_reward  # noqa: E402
from variantgen.train.trainer import SCHEDULER_FILE, VariantGenGRPOTrainer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds.jsonl"


@pytest.fixture(scope="module")
def text_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """variantgen output of the first eight example seeds (text rows: no renderer here)."""
    from variantgen.family import Cube
    from variantgen.pipeline import expand_file
    from variantgen.transforms import default_pipeline

    folder = tmp_path_factory.mktemp("train-data")
    seeds = folder / "seeds.jsonl"
    seeds.write_text("".join(itertools.islice(SEEDS.open(encoding="utf-8"), 8)), encoding="utf-8")
    expand_file(seeds, folder / "out", Cube(default_pipeline()))
    return folder / "out"


@pytest.fixture(scope="module")
def image_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A MathBook-Pro Parquet: four image rows (drawn here) and four text rows."""
    rows = []
    for i in range(8):
        image = None
        if i < 4:
            picture = Image.new("RGB", (56 + 8 * i, 48), "white")
            ImageDraw.Draw(picture).line((4, 4, 40, 40 - 4 * i), fill="black", width=2)
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG")
            image = {"bytes": buffer.getvalue(), "path": f"f{i}.png"}
        rows.append(
            {
                "question_id": f"q{i}",
                "question": f"In the figure, segment {i} has length {i + 2}. Find twice its length.",
                "image": image,
                "difficulty": ["base", "x", "y", "xy"][i % 4],
                "knowledge points": ["doubling"],
                "idx": f"fam{i // 4}",
                "answer": str(2 * (i + 2)),
            }
        )
    path = tmp_path_factory.mktemp("mathbook") / "train.parquet"
    datasets.Dataset.from_list(rows, features=FORMATS["mathbook-pro"][1]).to_parquet(str(path))
    return path


def config(tmp_path: Path, data: Path, **overrides: Any) -> TrainConfig:
    settings: dict[str, Any] = {
        "data": [str(data)],
        "tiny_model": "qwen2",
        "output_dir": str(tmp_path / "run"),
        "max_steps": 2,
        "per_device_train_batch_size": 8,
        "num_generations": 4,
        "max_completion_length": 12,
        "learning_rate": 1e-3,
        "beta": 0.0,
        "logging_steps": 1,
        "save_strategy": "no",
        "report_to": "none",
        "bf16": False,
        "seed": 0,
        "use_cpu": True,
    }
    settings.update(overrides)
    return TrainConfig(**settings)


def make_trainer(settings: TrainConfig, reward_funcs: list[Any] | None = None) -> VariantGenGRPOTrainer:
    dataset = build_dataset(settings.data, principle_key=settings.principle_key)
    model, processor = build_tiny(settings.tiny_model, corpus(dataset), seed=0)
    return VariantGenGRPOTrainer(
        model, args=settings, train_dataset=dataset, processing_class=processor, reward_funcs=reward_funcs
    )


def length_reward(completions: list[Any], **_: Any) -> list[float]:
    """Dense and varied: the share of the completion's characters that are digits."""
    texts = [c if isinstance(c, str) else c[0]["content"] for c in completions]
    return [sum(ch.isdigit() for ch in t) / max(1, len(t)) for t in texts]


def logged(trainer: VariantGenGRPOTrainer, key: str) -> list[float]:
    return [entry[key] for entry in trainer.state.log_history if key in entry]


def step_logs(trainer: VariantGenGRPOTrainer) -> list[dict[str, float]]:
    """One entry per training step (logging_steps=1), without the run's summary entry."""
    return [entry for entry in trainer.state.log_history if "loss" in entry]


def crc(text: str) -> int:
    return zlib.crc32(text.encode())


def prompt_text(prompt: Any) -> str:
    return prompt if isinstance(prompt, str) else prompt[-1]["content"]


def rows_by_prompt(trainer: VariantGenGRPOTrainer) -> dict[str, int]:
    """Prompt text → dataset row, from the dataset alone (no trainer bookkeeping involved)."""
    texts = [prompt_text(p) for p in trainer.train_dataset["prompt"]]
    assert len(set(texts)) == len(texts), "the test needs every prompt to name one row"
    return {text: row for row, text in enumerate(texts)}


class Recorder:
    """A reward named ``accuracy`` keyed to the prompt the model actually saw and to the completion:
    ``(crc32(prompt) mod 5) / 8 + (crc32(completion) mod 4) / 8``. Rows differ, rollouts of one row
    differ, so a reward credited to the wrong row or grouped with the wrong rollouts changes every
    statistic computed from it. Each call (one generation batch) is recorded as
    ``[(prompt text, reward)]`` in the order TRL passed them."""

    __name__ = "accuracy"

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, float]]] = []

    def __call__(self, prompts: list[Any], completions: list[Any], **_: Any) -> list[float]:
        texts = [prompt_text(p) for p in prompts]
        rewards = [(crc(t) % 5) / 8 + (crc(completion_text(c)) % 4) / 8 for t, c in zip(texts, completions, strict=True)]
        self.calls.append(list(zip(texts, rewards, strict=True)))
        return rewards


@pytest.mark.training
def test_text_grpo_steps_log_rewards_per_corner(tmp_path: Path, text_data: Path) -> None:
    recorder = Recorder()
    settings = config(tmp_path, text_data, max_steps=3, per_device_train_batch_size=16, rewards={"accuracy": 1.0, "format": 0.5})
    trainer = make_trainer(settings, reward_funcs=[recorder, format_reward])
    trainer.train()
    assert trainer.state.global_step == 3
    rows = rows_by_prompt(trainer)
    data = trainer.train_dataset
    logs = step_logs(trainer)
    assert len(logs) == len(recorder.calls) == 3
    for entry, call in zip(logs, recorder.calls, strict=True):
        # By hand: each rollout's reward (format earns 0 from a random model, checked on the way)
        # grouped by the corner and knowledge points of the row whose prompt it answered.
        assert entry["rewards/format/mean"] == 0.0
        expected: dict[str, list[float]] = defaultdict(list)
        for text, reward in call:
            row = rows[text]
            expected[f"corner/{data[row]['corner']}"].append(reward)
            for kp in data[row]["knowledge_points"]:
                expected[f"kp/{kp}"].append(reward)
        logged_groups = {k.rsplit("/", 1)[0] for k in entry if k.startswith(("corner/", "kp/"))}
        assert logged_groups == set(expected)
        for group, values in expected.items():
            mean = sum(values) / len(values)
            assert math.isclose(entry[f"{group}/accuracy"], mean, rel_tol=1e-4, abs_tol=1e-6), group
            assert math.isclose(entry[f"{group}/reward"], mean, rel_tol=1e-4, abs_tol=1e-6), group
    assert len({k.split("/")[1] for entry in logs for k in entry if k.startswith("corner/")}) >= 2  # several corners
    assert max(entry["grad_norm"] for entry in logs) > 0


@pytest.mark.training
def test_vision_steps_update_the_vision_tower(tmp_path: Path, image_data: Path) -> None:
    settings = config(tmp_path, image_data, tiny_model="qwen2-vl", rewards={"accuracy": 1.0})
    trainer = make_trainer(settings, reward_funcs=[length_reward])
    visual = trainer.model.model.visual
    before = [p.detach().clone() for p in visual.parameters()]
    gradients: list[float] = []
    visual.blocks[0].attn.qkv.weight.register_hook(lambda g: gradients.append(g.abs().sum().item()))
    trainer.train()
    assert gradients and max(gradients) > 0
    assert any(not torch.equal(a, b) for a, b in zip(before, visual.parameters(), strict=True))


@pytest.mark.training
def test_scheduler_promotes_solved_bases_and_serves_knowledge_increments(tmp_path: Path, text_data: Path) -> None:
    """Outcomes feed the scheduler: solved bases are promoted, failed steps reach knowledge increments.
    (The reward here reads the row's own ``corner`` column, so it cannot show misattribution; that is
    what the reordering and hand-tally tests below are for.)"""

    def accuracy(completions: list[Any], corner: list[str], **_: Any) -> list[float]:
        return [1.0 if c == "base" else 0.0 for c in corner]  # solves every base, nothing harder

    settings = config(tmp_path, text_data, mode="dynamic", max_steps=8, per_device_train_batch_size=16, rewards={"accuracy": 1.0})
    trainer = make_trainer(settings, reward_funcs=[accuracy])
    trainer.train()
    assert set(logged(trainer, "corner/base/accuracy")) == {1.0}
    assert set(logged(trainer, "corner/s/accuracy")) == {0.0}
    scheduler = trainer._scheduled.scheduler
    assert scheduler.stats["promoted"] > 0  # bases passed → s served
    assert scheduler.stats["served_knowledge"] > 0  # s failed → knowledge increments reachable


def rotate_rows(inputs: list[dict[str, Any]], g: int) -> list[dict[str, Any]]:
    """Whole rows moved: the first row's ``g`` rollouts go last (each row's rollouts stay together)."""
    return inputs[g:] + inputs[:g]


def interleave_rollouts(inputs: list[dict[str, Any]], g: int) -> list[dict[str, Any]]:
    """Rollouts dealt out across rows: rollout k of every row, then rollout k + 1, …"""
    return [inputs[i] for k in range(g) for i in range(k, len(inputs), g)]


@pytest.mark.parametrize(
    ("reorder", "message"),
    [(rotate_rows, "scored rows .* are not the served rows"), (interleave_rollouts, "mix rows .* misattributed")],
)
@pytest.mark.training
def test_rows_reordered_between_serving_and_scoring_fail_the_step(
    tmp_path: Path, text_data: Path, reorder: Any, message: str
) -> None:
    """The anchor's defect, injected: the batch is reordered after the sampler served it and before
    its rollouts are scored and grouped. The trainer must refuse the step, not train on it."""

    class Reordering(VariantGenGRPOTrainer):
        def _generate_and_score_completions(self, inputs: list[dict[str, Any]]) -> dict[str, Any]:
            return super()._generate_and_score_completions(reorder(inputs, self.num_generations))

    settings = config(tmp_path, text_data, mode="dynamic", max_steps=2, per_device_train_batch_size=16, rewards={"accuracy": 1.0})
    dataset = build_dataset(settings.data)
    model, processor = build_tiny("qwen2", corpus(dataset), seed=0)
    trainer = Reordering(model, args=settings, train_dataset=dataset, processing_class=processor, reward_funcs=[Recorder()])
    with pytest.raises(RuntimeError, match=message):
        trainer.train()
    assert trainer.state.global_step == 0


class RollingRewards(GRPOTrainer):
    """The anchor's defect at the very place it happened: TRL's scores come back one row out of step
    with the rollouts (every check on the rows still passes, since the rows themselves are in order)."""

    def _calculate_rewards(self, inputs: Any, prompts: Any, completions: Any, completion_ids_list: Any) -> torch.Tensor:
        rewards = super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)
        return torch.roll(rewards, self.num_generations, dims=0)


class Misattributing(VariantGenGRPOTrainer, RollingRewards):
    pass


@pytest.mark.parametrize("trainer_class", [VariantGenGRPOTrainer, Misattributing])
@pytest.mark.training
def test_scheduler_tallies_equal_rewards_credited_by_hand(tmp_path: Path, text_data: Path, trainer_class: type) -> None:
    """Each scheduler tally (per generation batch and row: summed score, rollouts) must equal the sum
    of the rewards of the rollouts whose *prompt* was that row's, computed here from what the reward
    function was given. The reward depends on the prompt and the completion, so only the right pairing
    gives the right tally; the control run (rewards rolled by one row) must disagree."""
    recorder = Recorder()
    settings = config(
        tmp_path,
        text_data,
        mode="dynamic",
        max_steps=6,
        per_device_train_batch_size=16,
        rewards={"accuracy": 1.0},
        pass_threshold=0.4,
    )
    dataset = build_dataset(settings.data)
    model, processor = build_tiny("qwen2", corpus(dataset), seed=0)
    trainer = trainer_class(model, args=settings, train_dataset=dataset, processing_class=processor, reward_funcs=[recorder])
    tallies: list[dict[int, list[float]]] = []
    trainer.get_train_dataloader()
    scheduler = trainer._scheduled.scheduler
    report = scheduler.report

    def keep(gen: int, outcomes: Any) -> None:
        report(gen, outcomes)
        tallies.append({row: list(entry) for row, entry in scheduler.reports[gen].items()})

    scheduler.report = keep  # type: ignore[method-assign]
    trainer.train()

    rows = rows_by_prompt(trainer)
    by_hand: list[dict[int, list[float]]] = []
    for call in recorder.calls:
        tally: dict[int, list[float]] = {}
        for text, reward in call:
            entry = tally.setdefault(rows[text], [0.0, 0])
            entry[0] += reward
            entry[1] += 1
        by_hand.append(tally)
    assert len(tallies) == len(by_hand) == 6
    assert len({row for tally in by_hand for row in tally}) > 4  # several batches of different rows
    if trainer_class is VariantGenGRPOTrainer:
        for got, expected in zip(tallies, by_hand, strict=True):
            assert got.keys() == expected.keys()
            for row, (total, count) in expected.items():
                assert got[row][1] == count and math.isclose(got[row][0], total, rel_tol=1e-5), row
        assert scheduler.stats["passed"] > 0 and scheduler.stats["failed"] > 0  # the tallies decided both ways
    else:
        mismatched = [
            row
            for got, expected in zip(tallies, by_hand, strict=True)
            for row in expected
            if not math.isclose(got[row][0], expected[row][0], rel_tol=1e-5)
        ]
        assert mismatched, "the hand computation must notice rewards credited to the wrong rows"


@pytest.mark.training
def test_scheduler_state_resumes_from_a_checkpoint(tmp_path: Path, text_data: Path) -> None:
    def accuracy(completions: list[Any], corner: list[str], row: list[int], **_: Any) -> list[float]:
        return [1.0 if c == "base" or r % 3 == 0 else 0.0 for c, r in zip(corner, row, strict=True)]

    common = {"mode": "dynamic", "max_steps": 4, "rewards": {"accuracy": 1.0}, "save_strategy": "steps", "save_steps": 2}
    straight = make_trainer(config(tmp_path / "a", text_data, **common), reward_funcs=[accuracy])
    straight.train()
    checkpoint = tmp_path / "a" / "run" / "checkpoint-2"
    assert (checkpoint / SCHEDULER_FILE).exists()
    assert json.loads((checkpoint / SCHEDULER_FILE).read_text())["scheduler"]["next_gen"] >= 3

    resumed = make_trainer(config(tmp_path / "b", text_data, **common), reward_funcs=[accuracy])
    resumed.train(resume_from_checkpoint=str(checkpoint))
    a, b = straight._scheduled.scheduler.state_dict(), resumed._scheduled.scheduler.state_dict()
    assert a["families"] == b["families"] and a["stats"] == b["stats"]


def hand_principle_advantages(rewards: list[list[float]], keys: list[str], eps: float = 1e-4) -> list[list[float]]:
    """README's pre-aligned formula, written out independently of variantgen.train.principle."""
    out: list[list[float]] = [[] for _ in rewards]
    for key in dict.fromkeys(keys):
        members = [p for p, k in enumerate(keys) if k == key]
        ordered = {p: sorted(rewards[p], reverse=True) for p in members}
        size = len(rewards[members[0]])
        m = [sum(ordered[p][j] for p in members) / len(members) for j in range(size)]
        mean = sum(m) / size
        std = math.sqrt(sum((x - mean) ** 2 for x in m) / (size - 1))
        for p in members:
            for r in rewards[p]:
                ranks = [j for j in range(size) if ordered[p][j] == r]  # ties share their ranks' mean
                aligned = sum(m[j] for j in ranks) / len(ranks)
                out[p].append((aligned - mean) / (std + eps))
    return out


class Capturing(VariantGenGRPOTrainer):
    """Keeps the advantages each generation batch produced and those each loss call consumed."""

    def _generate_and_score_completions(self, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        output = super()._generate_and_score_completions(inputs)
        self.__dict__.setdefault("generated", []).append(output["advantages"].tolist())
        return output

    def _compute_loss(self, model: Any, inputs: dict[str, Any]) -> Any:
        self.__dict__.setdefault("trained", []).append(inputs["advantages"].tolist())
        return super()._compute_loss(model, inputs)


@pytest.mark.training
def test_pre_aligned_advantages_follow_the_principle_mean_formula(tmp_path: Path, text_data: Path) -> None:
    calls: list[tuple[list[str], list[float]]] = []

    def accuracy(prompts: list[Any], completions: list[Any], **_: Any) -> list[float]:
        # A known pattern: an offset per row plus a completion term in {0, .5, 1}, so ties are frequent.
        texts = [prompt_text(p) for p in prompts]
        values = [(crc(t) % 3) / 4 + (crc(completion_text(c)) % 3) / 2 for t, c in zip(texts, completions, strict=True)]
        calls.append((texts, values))
        return values

    settings = config(
        tmp_path, text_data, mode="pre-aligned", rewards={"accuracy": 1.0}, max_steps=3, per_device_train_batch_size=16
    )
    dataset = build_dataset(settings.data, principle_key=settings.principle_key)
    model, processor = build_tiny(settings.tiny_model, corpus(dataset), seed=0)
    trainer = Capturing(model, args=settings, train_dataset=dataset, processing_class=processor, reward_funcs=[accuracy])
    trainer.train()
    rows = rows_by_prompt(trainer)
    g = settings.num_generations
    generated, trained = trainer.__dict__["generated"], trainer.__dict__["trained"]
    assert len(generated) == len(calls) == 3
    grouped_batches, differs_from_grpo = 0, False
    for advantages, (texts, rewards) in zip(generated, calls, strict=True):
        problems = [rewards[i : i + g] for i in range(0, len(rewards), g)]
        keys = [dataset[rows[texts[i]]]["principle"] for i in range(0, len(texts), g)]
        grouped_batches += len(set(keys)) < len(keys)
        expected = [a for problem in hand_principle_advantages(problems, keys) for a in problem]
        assert advantages == pytest.approx(expected, abs=1e-4)
        plain = [a for problem in hand_principle_advantages(problems, [str(i) for i in range(len(keys))]) for a in problem]
        differs_from_grpo |= plain != pytest.approx(expected, abs=1e-4)
    # The loss consumed exactly those advantages (TRL shuffles the rollouts before the loss).
    consumed = sorted(a for batch in trained for a in batch)
    assert consumed == pytest.approx(sorted(a for batch in generated for a in batch), abs=1e-6)
    assert grouped_batches > 0 and differs_from_grpo  # the principle mean changed something here
    assert logged(trainer, "principle/aligned_reward_std")


@pytest.mark.training
def test_dense_reward_rises_on_a_toy_task(tmp_path: Path, text_data: Path) -> None:
    settings = config(
        tmp_path,
        text_data,
        rewards={"accuracy": 1.0},
        max_steps=12,
        learning_rate=2e-2,
        per_device_train_batch_size=16,
        num_generations=8,
        max_completion_length=8,
    )
    trainer = make_trainer(settings, reward_funcs=[length_reward])
    trainer.train()
    rewards = logged(trainer, "reward")
    assert sum(rewards[-3:]) / 3 > sum(rewards[:3]) / 3 + 0.05, rewards


def test_max_families_keeps_the_rest_as_knowledge_pool(text_data: Path) -> None:
    full = build_dataset([text_data])
    families = list(dict.fromkeys(full["family_id"]))
    limited = build_dataset([text_data], max_families=3)
    assert len(limited) == len(full)
    training = {fam for fam, pool in zip(limited["family_id"], limited["pool"], strict=True) if not pool}
    assert training == set(families[:3])
    assert all(pool == (fam not in training) for fam, pool in zip(limited["family_id"], limited["pool"], strict=True))


def test_tiny_model_auto_builds_the_vision_model_only_for_images(tmp_path: Path, text_data: Path, image_data: Path) -> None:
    from variantgen.train.run import tiny_kind

    for data, kind in ((text_data, "qwen2"), (image_data, "qwen2-vl")):
        settings = config(tmp_path, data, tiny_model="auto")
        assert tiny_kind(settings, build_dataset(settings.data)) == kind
    with pytest.raises(ValueError, match="tiny_model must be one of"):
        config(tmp_path, text_data, tiny_model="llama")


def test_pass_on_picks_the_score_the_scheduler_sees(tmp_path: Path, text_data: Path) -> None:
    with pytest.raises(ValueError, match="pass_on must be"):
        config(tmp_path, text_data, pass_on="length")  # not among the configured rewards
    settings = config(tmp_path, text_data, rewards={"accuracy": 1.0, "format": 0.5, "length": 0.25}, pass_on="length")
    trainer = make_trainer(settings)
    assert list(trainer.reward_func_names) == ["accuracy", "format", "length"]
    per_func = torch.tensor([[1.0, 0.0, 0.5], [0.0, 1.0, 1.0]])
    scores = trainer._scores(per_func)
    assert trainer._pass_scores(scores, per_func).tolist() == [0.5, 1.0]
    trainer.args.pass_on = "reward"
    assert trainer._pass_scores(scores, per_func).tolist() == [1.125, 0.75]
    trainer.args.pass_on = "accuracy"
    assert trainer._pass_scores(scores, per_func).tolist() == [1.0, 0.0]


@pytest.mark.training
def test_cli_trains_the_tiny_example_end_to_end(tmp_path: Path) -> None:
    """``variantgen train`` on the example config as shipped (all 16 steps): expands the seeds, picks
    the text model for text data, and the run shows the pipeline working — rewards that rise,
    items promoted, knowledge increments served, several corners logged."""
    import ast

    import yaml
    from click.testing import CliRunner

    from variantgen.cli import main

    settings = yaml.safe_load((ROOT / "examples" / "train-tiny.yaml").read_text(encoding="utf-8"))
    settings.update(seeds=str(SEEDS), data=[str(tmp_path / "data")], output_dir=str(tmp_path / "model"))
    path = tmp_path / "train.yaml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "manifest.json").exists()
    assert (tmp_path / "model" / "model.safetensors").exists()
    assert json.loads((tmp_path / "model" / "config.json").read_text())["model_type"] == "qwen2"  # no image rows
    steps = [
        {k: float(v) for k, v in ast.literal_eval(line.strip()).items()}
        for line in result.output.splitlines()
        if line.strip().startswith("{'loss'")
    ]
    assert len(steps) == settings["max_steps"]
    assert max(s["grad_norm"] for s in steps) > 0
    first, last = steps[:4], steps[-4:]
    assert sum(s["reward"] for s in last) > sum(s["reward"] for s in first) + 0.2
    assert steps[-1]["schedule/promoted"] > 0 and steps[-1]["schedule/served_knowledge"] > 0
    assert len({k.split("/")[1] for s in steps for k in s if k.startswith("corner/")}) >= 3


def test_cli_rejects_a_bad_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from variantgen.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text("data: [x]\ntiny_model: qwen2\nmode: sideways\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path)])
    assert result.exit_code == 2
    assert "mode must be one of" in result.output
    for text, words in [
        ("model: !!python/object/apply:os.system [touch pwned]\n", "not valid YAML (line 1, column 8)"),
        ("data: [x\n  mode: d", "not valid YAML (line 2"),
    ]:
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["train", str(path)])
        assert result.exit_code == 2 and words in " ".join(result.output.split()), result.output
        assert not (tmp_path / "pwned").exists()

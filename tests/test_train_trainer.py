"""Real TRL GRPO steps on tiny Qwen2 / Qwen2-VL models built locally (CPU, no hub)."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("trl")

import datasets  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from variantgen.io.export import FORMATS  # noqa: E402
from variantgen.train.config import TrainConfig  # noqa: E402
from variantgen.train.data import build_dataset, corpus  # noqa: E402
from variantgen.train.models import build_tiny  # noqa: E402
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


def test_text_grpo_steps_log_rewards_per_corner(tmp_path: Path, text_data: Path) -> None:
    trainer = make_trainer(config(tmp_path, text_data))
    trainer.train()
    assert trainer.state.global_step == 2
    keys = {k for entry in trainer.state.log_history for k in entry}
    assert any(k.startswith("corner/") and k.endswith("/reward") for k in keys)
    assert any(k.startswith("kp/") and k.endswith("/accuracy") for k in keys)


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


def test_rewards_are_attributed_to_their_own_rows_and_feed_the_scheduler(tmp_path: Path, text_data: Path) -> None:
    def accuracy(completions: list[Any], corner: list[str], **_: Any) -> list[float]:
        return [1.0 if c == "base" else 0.0 for c in corner]  # solves every base, nothing harder

    settings = config(tmp_path, text_data, mode="dynamic", max_steps=8, per_device_train_batch_size=16, rewards={"accuracy": 1.0})
    trainer = make_trainer(settings, reward_funcs=[accuracy])
    trainer.train()
    # Per-corner means are exact only if every reward was grouped with its own row's rollouts.
    assert set(logged(trainer, "corner/base/accuracy")) == {1.0}
    assert set(logged(trainer, "corner/s/accuracy")) == {0.0}
    scheduler = trainer._scheduled.scheduler
    assert scheduler.stats["promoted"] > 0  # bases passed → s served
    assert scheduler.stats["served_knowledge"] > 0  # s failed → knowledge increments reachable


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


def test_pre_aligned_mode_groups_principles_and_trains(tmp_path: Path, text_data: Path) -> None:
    settings = config(tmp_path, text_data, mode="pre-aligned", rewards={"accuracy": 1.0})
    trainer = make_trainer(settings, reward_funcs=[length_reward])
    trainer.train()
    assert logged(trainer, "principle/aligned_reward_std")


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


@pytest.mark.slow
def test_cli_trains_the_tiny_example_end_to_end(tmp_path: Path) -> None:
    """``variantgen train`` on the example config: expands the seeds, builds the tiny VL model, trains."""
    import yaml
    from click.testing import CliRunner

    from variantgen.cli import main

    settings = yaml.safe_load((ROOT / "examples" / "train-tiny.yaml").read_text(encoding="utf-8"))
    settings.update(seeds=str(SEEDS), data=[str(tmp_path / "data")], output_dir=str(tmp_path / "model"))
    path = tmp_path / "train.yaml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path), "--max-steps", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "manifest.json").exists()
    assert (tmp_path / "model" / "model.safetensors").exists()
    assert "corner/base/reward" in result.output


def test_cli_rejects_a_bad_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from variantgen.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text("data: [x]\ntiny_model: qwen2\nmode: sideways\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", str(path)])
    assert result.exit_code == 2
    assert "mode must be one of" in result.output

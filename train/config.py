"""The training config: TRL's ``GRPOConfig`` plus variantgen's data, model, reward and scheduling options.

Every GRPOConfig / TrainingArguments field can be set in the same YAML file (learning_rate,
num_generations, use_vllm, vllm_mode, deepspeed, bf16, gradient_checkpointing, ...). Relative
paths in ``data``, ``seeds``, ``knowledge_pool``, ``model`` and ``output_dir`` are taken relative
to the YAML file's folder, so a config works from any working directory.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from trl import GRPOConfig

from variantgen.train.rewards import REWARDS

MODES = ("grpo", "pre-aligned", "dynamic")
DATA_FORMATS = ("auto", "variantgen", "mathbook-pro", "easyr1")
PRINCIPLE_KEYS = ("family", "knowledge_point")
TINY_MODELS = ("qwen2", "qwen2-vl", "auto")


@dataclass
class TrainConfig(GRPOConfig):
    """GRPOConfig with the fields below; see the README's "Training" section for a worked example."""

    data: list[str] = field(default_factory=list, metadata={"help": "variantgen output folders or Parquet files"})
    data_format: str = field(default="auto", metadata={"help": "auto | variantgen | mathbook-pro | easyr1"})
    seeds: str | None = field(default=None, metadata={"help": "seeds JSONL expanded into data[0] when that is missing"})
    render_figures: bool | None = field(
        default=None,
        metadata={"help": "draw the expanded seeds' figures with GeoGebra (None: when it is installed; false: text only)"},
    )
    knowledge_pool: list[str] = field(default_factory=list, metadata={"help": "extra problems for knowledge increments"})
    model: str | None = field(default=None, metadata={"help": "pretrained model: local folder or hub id"})
    tiny_model: str | None = field(
        default=None,
        metadata={"help": "qwen2 | qwen2-vl | auto: build a tiny random model locally (auto: qwen2-vl when a row has an image)"},
    )
    tiny_hidden_size: int = 64
    tiny_layers: int = 2
    dtype: str = field(default="auto", metadata={"help": "model weights dtype: auto | bfloat16 | float32"})
    attn_implementation: str | None = None
    prompt_template: str = field(default="train/prompt.j2", metadata={"help": "jinja2 template name or file"})
    rewards: dict[str, float] = field(
        default_factory=lambda: {"accuracy": 1.0, "format": 0.1}, metadata={"help": "reward name → weight"}
    )
    length_buffer: int | None = field(
        default=None, metadata={"help": "length reward: tokens before max_completion_length where it falls to 0 (default L/4)"}
    )
    max_families: int | None = field(
        default=None,
        metadata={"help": "train on the first N families only; the other rows become the knowledge pool (quick runs)"},
    )
    mode: str = field(default="grpo", metadata={"help": "grpo | pre-aligned | dynamic"})
    principle_key: str = field(default="family", metadata={"help": "family | knowledge_point (pre-aligned groups)"})
    pass_threshold: float = field(default=0.5, metadata={"help": "dynamic: mean score that counts as solved"})
    pass_on: str = field(
        default="accuracy",
        metadata={"help": "dynamic: the score compared with pass_threshold: accuracy | reward (weighted sum) | a reward name"},
    )
    knowledge_items: int = field(default=2, metadata={"help": "dynamic: problems served per knowledge increment"})
    remedial_attempts: int = field(default=2, metadata={"help": "dynamic: times a remedial item is served at most"})
    max_attempts: int = field(default=3, metadata={"help": "dynamic: failures before a path item is skipped"})
    lora_r: int = field(default=0, metadata={"help": "LoRA rank (0 = train all weights)"})
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_target_modules: list[str] | str = "all-linear"
    freeze_vision_tower: bool = field(default=False, metadata={"help": "keep the vision encoder's weights fixed"})

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.data_format not in DATA_FORMATS:
            raise ValueError(f"data_format must be one of {', '.join(DATA_FORMATS)}, not {self.data_format!r}")
        if self.principle_key not in PRINCIPLE_KEYS:
            raise ValueError(f"principle_key must be one of {', '.join(PRINCIPLE_KEYS)}, not {self.principle_key!r}")
        unknown = sorted(set(self.rewards) - set(REWARDS))
        if unknown or not self.rewards:
            raise ValueError(f"rewards: unknown {unknown or 'none given'}; available: {', '.join(REWARDS)}")
        if not self.data:
            raise ValueError("data: give at least one variantgen output folder or Parquet file")
        if bool(self.model) == bool(self.tiny_model):
            raise ValueError("give exactly one of model (a pretrained model) or tiny_model (qwen2 | qwen2-vl | auto)")
        if self.tiny_model and self.tiny_model not in TINY_MODELS:
            raise ValueError(f"tiny_model must be one of {', '.join(TINY_MODELS)}, not {self.tiny_model!r}")
        if self.pass_on not in ("accuracy", "reward", *self.rewards):
            names = ", ".join(self.rewards)
            raise ValueError(f"pass_on must be accuracy, reward or one of the rewards ({names}), not {self.pass_on!r}")
        if self.max_families is not None and self.max_families < 1:
            raise ValueError("max_families must be at least 1")
        if self.length_buffer is not None and not 0 < self.length_buffer <= (self.max_completion_length or 0):
            raise ValueError(f"length_buffer must be in 1..max_completion_length ({self.max_completion_length})")
        if self.mode == "dynamic":
            # One epoch spans the run: the schedule has no epochs, and resuming relies on the trainer
            # skipping the batches it already trained on.
            if self.max_steps is None or self.max_steps <= 0:
                raise ValueError("mode: dynamic needs max_steps > 0 (the schedule has no epochs)")
            if self.ignore_data_skip:
                raise ValueError("mode: dynamic needs ignore_data_skip: false to resume at the right batch")
            if self.dataloader_num_workers:
                raise ValueError("mode: dynamic needs dataloader_num_workers: 0 (batches depend on fresh rewards)")
        self.reward_weights = [float(w) for w in self.rewards.values()]
        self.remove_unused_columns = False  # reward functions and the scheduler read the extra columns
        super().__post_init__()

    @property
    def peft_config(self) -> Any:
        """A peft LoraConfig when ``lora_r`` > 0, else None (full fine-tuning)."""
        if self.lora_r <= 0:
            return None
        from peft import LoraConfig

        return LoraConfig(
            r=self.lora_r,
            lora_alpha=self.lora_alpha,
            lora_dropout=self.lora_dropout,
            target_modules=self.lora_target_modules,
            task_type="CAUSAL_LM",
        )


_PATH_FIELDS = ("seeds", "model", "output_dir")


def load_config(path: str | Path, **overrides: Any) -> TrainConfig:
    """Read a YAML config; unknown keys are an error that names them."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:  # bad syntax, or a tag such as !!python/object (safe_load refuses it)
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1}, column {where.column + 1})" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"{path}: not valid YAML{at}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping of option: value")
    raw.update(overrides)
    names = {f.name for f in dataclasses.fields(TrainConfig)}
    unknown = sorted(set(raw) - names)
    if unknown:
        raise ValueError(f"{path}: unknown options {', '.join(unknown)}")
    base = path.resolve().parent
    for key in _PATH_FIELDS:
        if isinstance(raw.get(key), str) and (key != "model" or _looks_local(raw[key])):
            raw[key] = str(base / raw[key])
    for key in ("data", "knowledge_pool"):
        value = raw.get(key)
        if isinstance(value, str):
            value = [value]
        if value is not None:
            raw[key] = [str(base / v) for v in value]
    return TrainConfig(**raw)


def _looks_local(name: str) -> bool:
    """``./m``, ``../m``, ``/m`` are folders; ``org/name`` is a hub id."""
    return name.startswith((".", "/", "~"))

"""``variantgen train CONFIG.yaml``: expand the seeds if asked, load the data and model, train.

On several GPUs the same entry point runs under accelerate, e.g.
``accelerate launch --config_file train/configs/zero3.yaml -m variantgen.train.run CONFIG.yaml``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from variantgen.train.config import TrainConfig, load_config

log = logging.getLogger("variantgen.train")


def ensure_data(config: TrainConfig) -> None:
    """Expand ``config.seeds`` into ``config.data[0]`` (resuming a partial expansion; a done one is a no-op).

    Figures are drawn with GeoGebra when ``render_figures`` is true, or is unset and the renderer is
    installed: the visual corners exist only with their figures, and a vision-language model needs them."""
    if not config.seeds:
        return
    from variantgen.family import Cube
    from variantgen.pipeline import OutputMismatch, RunOptions, expand_file
    from variantgen.session import run

    out = Path(config.data[0])
    with run(render=config.render_figures, warn=log.warning) as services:
        log.info("expanding %s into %s%s", config.seeds, out, " with figures" if services.renderer else "")
        try:
            result = expand_file(config.seeds, out, Cube(services.pipeline()), RunOptions(seed=config.seed), services=services)
        except OutputMismatch as exc:
            raise OutputMismatch(
                f"{out} holds an expansion of other seeds or options (or one made by another variantgen version): "
                "delete it to expand the seeds afresh, or point data at another folder"
            ) from exc
    log.info("%d rows from %d families", result.stats.rows, result.stats.families)


def tiny_kind(config: TrainConfig, dataset: Any) -> str:
    """The tiny model to build: as configured, or for ``auto`` Qwen2-VL when a row (pool included) has
    an image and the text-only Qwen2 otherwise (a vision tower that never sees an image only costs time)."""
    assert config.tiny_model is not None
    if config.tiny_model != "auto":
        return config.tiny_model
    import pyarrow.compute as pc

    with_image = sum(1 for n in pc.list_value_length(dataset.data.column("images")).to_pylist() if n)
    kind = "qwen2-vl" if with_image else "qwen2"
    log.info("tiny_model auto: %s (%d of %d rows have an image)", kind, with_image, len(dataset))
    return kind


def build_model(config: TrainConfig, dataset: Any) -> tuple[Any, Any]:
    from variantgen.train.data import corpus
    from variantgen.train.models import build_tiny, load_pretrained

    if config.tiny_model:
        kind = tiny_kind(config, dataset)
        return build_tiny(kind, corpus(dataset), hidden_size=config.tiny_hidden_size, layers=config.tiny_layers, seed=config.seed)
    assert config.model is not None
    return load_pretrained(config.model, config.dtype, config.attn_implementation)


def train(config: TrainConfig, resume_from_checkpoint: str | bool | None = None) -> Any:
    """Run training; returns the trainer (its ``state.log_history`` holds every logged metric)."""
    from variantgen.train.data import build_dataset
    from variantgen.train.trainer import VariantGenGRPOTrainer

    ensure_data(config)
    dataset = build_dataset(
        config.data,
        fmt=config.data_format,
        template=config.prompt_template,
        principle_key=config.principle_key,
        pool=config.knowledge_pool,
        max_families=config.max_families,
    )
    model, processor = build_model(config, dataset)
    trainer = VariantGenGRPOTrainer(model, args=config, train_dataset=dataset, processing_class=processor)
    trainer.train(resume_from_checkpoint=resume_from_checkpoint)
    trainer.save_model(config.output_dir)
    return trainer


def main(argv: list[str] | None = None) -> None:
    """``python -m variantgen.train.run CONFIG.yaml [--resume]`` (what ``accelerate launch`` runs)."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        raise SystemExit("usage: python -m variantgen.train.run CONFIG.yaml [--resume]")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train(load_config(args[0]), resume_from_checkpoint=True if "--resume" in args[1:] else None)


if __name__ == "__main__":
    main()

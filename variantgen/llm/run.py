"""Wiring an endpoint into ``variantgen expand``: flags, the LLM pipeline, threads, the summary.

With an endpoint configured, the context axis is the LLM rewrite and seeds without a figure get
the LLM step (seeds with one keep the exact step rules). Each family makes its LLM calls one
after another, so families are expanded concurrently in threads — as many as the client's
concurrency — all sharing the one client and its event loop; results come back in input order,
so shards, resume and ids are exactly as in an offline run.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import click

from variantgen.io.atomic import write_json
from variantgen.llm.config import LLMConfig, load_config
from variantgen.llm.errors import RunAborted

T = TypeVar("T")
R = TypeVar("R")

EXIT_ABORTED = 4

_OPTIONS = (
    (
        "--llm-base-url",
        "base_url",
        str,
        "OpenAI-compatible endpoint, e.g. http://localhost:8000/v1. Enables LLM rewrites.",
    ),
    ("--llm-model", "model", str, "Model name the endpoint serves."),
    ("--llm-api-key-env", "api_key_env", str, "Environment variable holding the API key [OPENAI_API_KEY]."),
    ("--llm-temperature", "temperature", float, "Sampling temperature for rewrites [0.7]."),
    ("--llm-concurrency", "concurrency", click.IntRange(1), "Requests in flight at once [16]."),
    ("--llm-rpm", "rpm", click.IntRange(0), "Requests per minute limit (0 = none)."),
    ("--llm-tpm", "tpm", click.IntRange(0), "Tokens per minute limit (0 = none)."),
    ("--llm-timeout", "timeout", click.FloatRange(min=0.1), "Seconds to wait for one answer [60]."),
    ("--llm-retries", "retries", click.IntRange(0), "Retries of a failed request, with backoff [5]."),
    ("--llm-cache", "cache_dir", str, "Response cache folder [~/.cache/variantgen/llm]."),
)


def llm_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the LLM flags to a click command; they arrive as ``llm_*`` keyword arguments.

    Every flag also reads ``VARIANTGEN_LLM_<NAME>`` (through ``load_config``) and a config file."""
    for flag, field, kind, text in reversed(_OPTIONS):
        command = click.option(flag, f"llm_{field}", type=kind, default=None, help=text)(command)
    command = click.option(
        "--llm-config",
        "llm_config",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="TOML/JSON file of LLM settings (also VARIANTGEN_LLM_CONFIG).",
    )(command)
    command = click.option("--refresh", "llm_refresh", is_flag=True, default=None, help="Ask the LLM again, ignoring its cache.")(
        command
    )
    return click.option(
        "--no-solve-back", "llm_no_solve_back", is_flag=True, help="Skip the independent solver check of LLM-made variants."
    )(command)


def config_from_flags(flags: dict[str, Any]) -> LLMConfig:
    """The LLMConfig the ``llm_*`` flags, the environment and the config file describe."""
    values = {name.removeprefix("llm_"): value for name, value in flags.items()}
    config_file = values.pop("config", None)
    if values.pop("no_solve_back", False):
        values["solve_back"] = False
    if not values.get("refresh"):  # an unset flag must not override VARIANTGEN_LLM_REFRESH or the file
        values.pop("refresh", None)
    return load_config(values, config_file)


class LLMRun:
    """An endpoint set up for one run (``variantgen.session.run`` makes and closes it). Its client
    reaches the LLM transforms through their Context (``Context(llm=run.client)``)."""

    def __init__(self, config: LLMConfig) -> None:
        from variantgen.llm.client import LLMClient

        self.config = config
        self.client = LLMClient(config)

    def pipeline(self):  # type: ignore[no-untyped-def]
        """Step rules or the LLM step, the visual augment, the LLM rewrite."""
        from variantgen.llm.transforms import LLMContext, LLMStep
        from variantgen.transforms import FirstApplicable
        from variantgen.transforms.builtin import StepDerive, VisualAugment

        step = FirstApplicable([StepDerive(), LLMStep(solve_back=self.config.solve_back, attempts=self.config.attempts)])
        return step >> VisualAugment() >> LLMContext(solve_back=self.config.solve_back, attempts=self.config.attempts)

    def report(self, out_dir: Path) -> str:
        """Add the usage to OUT/manifest.json, and return the summary line."""
        summary = self.client.summary()
        manifest = out_dir / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text())
            data["llm"] = {**summary, "settings": {k: v for k, v in self.config.public().items() if k != "cache_dir"}}
            write_json(manifest, data)
        usage = summary["usage"]
        line = (
            f"LLM {self.config.model}: {usage['calls']} calls ({usage['cache_hits']} from cache), {usage['requests']} requests "
            f"({usage['retries']} retries, {usage['repairs']} repairs), {usage['failed_calls']} failed; "
            f"{usage['prompt_tokens']} prompt + {usage['completion_tokens']} completion tokens"
        )
        if "cost_usd" in usage:
            line += f", ${usage['cost_usd']:.4f}"
        return line

    def close(self) -> None:
        """Close the client (its usage stays readable)."""
        self.client.close()


def llm_threads(transforms: Iterable[Any], client: Any) -> int:
    """Threads to expand families with: ``client``'s concurrency when a transform uses the LLM."""
    if client is None or not any(getattr(t, "uses_llm", False) for t in transforms):
        return 1
    return int(client.config.concurrency)


def ordered_map(function: Callable[[T], R], items: Iterable[T], threads: int) -> Iterator[R]:
    """``map`` over threads, in input order, with at most ``2 * threads`` items in flight.

    If a call raises (RunAborted included), the items not yet started are cancelled and the
    exception propagates from the position of that item: everything before it was yielded.
    A RunAborted also carries, in ``finished``, the results of the later items that had already
    completed (the calls still running are waited for first), so no finished work is lost."""
    pending: deque[Future[R]] = deque()
    pool = ThreadPoolExecutor(threads, thread_name_prefix="variantgen-family")
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            while len(pending) >= 2 * threads or (pending and pending[0].done()):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except RunAborted as exc:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        exc.finished = [f.result() for f in pending if f.done() and not f.cancelled() and f.exception() is None]
        raise
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["EXIT_ABORTED", "LLMRun", "RunAborted", "config_from_flags", "llm_options", "llm_threads", "ordered_map"]

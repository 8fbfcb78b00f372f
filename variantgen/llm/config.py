"""Where the LLM endpoint and its limits come from: flags, then environment, then a config file.

One frozen dataclass holds everything the client needs, so the same settings can be printed,
recorded in the manifest (without the key) and handed to worker threads. The API key itself is
never stored here: only the *name* of the environment variable that holds it, so configs and
manifests can be shared without leaking secrets.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "VARIANTGEN_LLM_"


def default_cache_dir() -> str:
    """``$VARIANTGEN_CACHE/llm``, else ``$XDG_CACHE_HOME/variantgen/llm``, else ``~/.cache/variantgen/llm``:
    outside any output folder, so a new output or ``--overwrite`` still reuses paid-for answers."""
    if os.environ.get("VARIANTGEN_CACHE"):
        return str(Path(os.environ["VARIANTGEN_CACHE"]) / "llm")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "variantgen" / "llm")


@dataclass(frozen=True)
class LLMConfig:
    """An OpenAI-compatible endpoint (OpenAI, vLLM, SGLang, llama.cpp server) and how to use it.

    ``prices`` is USD per million tokens, ``{"input": 0.15, "output": 0.6}``, for the cost line of
    the summary. ``error_rate_abort`` stops the run once more than that fraction of calls (after at
    least ``abort_min_calls``) ended without a usable answer: a broken endpoint should not turn a
    whole dataset into failed corners.
    """

    base_url: str = ""
    model: str = ""
    api_key_env: str = "OPENAI_API_KEY"
    temperature: float = 0.7
    max_tokens: int = 1024
    concurrency: int = 16
    rpm: int = 0
    tpm: int = 0
    timeout: float = 60.0
    retries: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    attempts: int = 3
    solve_back: bool = True
    json_schema: bool = True
    error_rate_abort: float = 0.25
    abort_min_calls: int = 20
    cache_dir: str = field(default_factory=default_cache_dir)
    refresh: bool = False
    prices: Mapping[str, float] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        """True when an endpoint was named: only then do LLM transforms replace the offline ones."""
        return bool(self.base_url)

    def api_key(self) -> str:
        """The key from the named variable; local servers (vLLM, llama.cpp) accept any string."""
        return os.environ.get(self.api_key_env, "") or "none"

    def validate(self) -> LLMConfig:
        """Raise ValueError naming the first bad setting (a usage error, before any request)."""
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"llm base_url must start with http:// or https://, got {self.base_url!r}")
        if self.base_url and not self.model:
            raise ValueError("an LLM endpoint needs a model name (--llm-model or VARIANTGEN_LLM_MODEL)")
        for name in ("concurrency", "attempts"):
            if getattr(self, name) < 1:
                raise ValueError(f"llm {name} must be at least 1")
        for name in ("rpm", "tpm", "retries"):
            if getattr(self, name) < 0:
                raise ValueError(f"llm {name} must not be negative")
        if self.timeout <= 0:
            raise ValueError("llm timeout must be positive")
        if not 0 < self.error_rate_abort <= 1:
            raise ValueError("llm error_rate_abort must be in (0, 1]")
        unknown = set(self.prices) - {"input", "output"}
        if unknown:
            raise ValueError(f"llm prices take 'input' and 'output' (USD per million tokens), not {sorted(unknown)}")
        return self

    def public(self) -> dict[str, Any]:
        """The settings as recorded in the manifest (the key's variable name, never the key)."""
        data = dataclasses.asdict(self)
        data["prices"] = dict(self.prices)
        return data


_FIELDS = {f.name: f for f in dataclasses.fields(LLMConfig)}


def _coerce(name: str, value: Any) -> Any:
    """Environment values arrive as strings; convert them to the field's type."""
    default = _FIELDS[name].default
    if name == "prices":
        return json.loads(value) if isinstance(value, str) else dict(value)
    if not isinstance(value, str) or isinstance(default, str) or default is dataclasses.MISSING:
        return value
    if isinstance(default, bool):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{ENV_PREFIX}{name.upper()} must be true or false, got {value!r}")
    try:
        return type(default)(value)
    except ValueError:
        raise ValueError(f"{ENV_PREFIX}{name.upper()} must be a {type(default).__name__}, got {value!r}") from None


def read_config_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A TOML or JSON file of LLMConfig fields (TOML may put them under an ``[llm]`` table)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
    else:
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            raise ValueError(f"{path}: TOML config files need Python 3.11+; use a .json file") from None
        data = tomllib.loads(text)
    data = data.get("llm", data)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a table of LLM settings")
    unknown = set(data) - set(_FIELDS)
    if unknown:
        raise ValueError(f"{path}: unknown LLM settings {sorted(unknown)}; known: {sorted(_FIELDS)}")
    return data


def load_config(
    flags: Mapping[str, Any] | None = None,
    config_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> LLMConfig:
    """Merge the sources, most specific first: flags (None means "not given"), the environment
    (``VARIANTGEN_LLM_BASE_URL``, ``VARIANTGEN_LLM_MODEL``, ...), the config file, the defaults.
    The file may also be named by ``VARIANTGEN_LLM_CONFIG``."""
    environ = os.environ if environ is None else environ
    config_file = config_file or environ.get(f"{ENV_PREFIX}CONFIG")
    merged: dict[str, Any] = dict(read_config_file(config_file)) if config_file else {}
    for name in _FIELDS:
        if f"{ENV_PREFIX}{name.upper()}" in environ:
            merged[name] = environ[f"{ENV_PREFIX}{name.upper()}"]
    for name, value in (flags or {}).items():
        if name not in _FIELDS:
            raise ValueError(f"unknown LLM setting {name!r}")
        if value is not None:
            merged[name] = value
    return LLMConfig(**{name: _coerce(name, value) for name, value in merged.items()}).validate()

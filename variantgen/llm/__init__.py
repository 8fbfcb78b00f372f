"""LLM rewrites: an OpenAI-compatible client for the whole run, prompt templates, checks.

``LLMConfig`` (flags, environment, config file) → ``LLMClient`` (async, cached, rate-limited,
retrying, thread-safe) → the LLM transforms in ``variantgen.llm.transforms`` (φ_c rewrites, φ_s
for text seeds, solve-back, construction proposals for image seeds) and ``propose_constructions``
(``variantgen propose-constructions``: picture-only seeds get a checked GeoGebra construction).
Names are imported lazily: the ``openai`` package takes most of a second to import, and offline
runs never need it.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "LLMConfig": "config",
    "load_config": "config",
    "LLMClient": "client",
    "CallFailed": "errors",
    "RunAborted": "errors",
    "Reply": "client",
    "Usage": "client",
    "LLMContext": "transforms",
    "LLMStep": "transforms",
    "SolveBack": "transforms",
    "ProposeConstruction": "transforms",
    "propose_constructions": "propose",
    "ProposeResult": "propose",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'variantgen.llm' has no attribute {name!r}")
    return getattr(importlib.import_module(f"variantgen.llm.{_EXPORTS[name]}"), name)

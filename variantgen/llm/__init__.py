"""LLM rewrites: an OpenAI-compatible client for the whole run, prompt templates, checks.

``LLMConfig`` (flags, environment, config file) → ``LLMClient`` (async, cached, rate-limited,
retrying, thread-safe) → the LLM transforms in ``variantgen.llm.transforms`` (φ_c rewrites, φ_s
for text seeds, solve-back, construction proposals for image seeds). Nothing here is imported by
the offline pipeline, so variantgen works without the ``openai`` package being used.
"""

from variantgen.llm.client import CallFailed, LLMClient, Reply, RunAborted, Usage, default, set_default
from variantgen.llm.config import LLMConfig, load_config

__all__ = ["CallFailed", "LLMClient", "LLMConfig", "Reply", "RunAborted", "Usage", "default", "load_config", "set_default"]

"""Prompt templates (``templates/llm/*.j2``) rendered into chat messages, and their schemas.

A template renders the system message, a line ``=== user ===``, then the user message; jinja2
keeps prompts editable by users (``VARIANTGEN_TEMPLATES`` overrides a file of the same name)
and the template's hash goes into the cache key and provenance, so an edited prompt asks again.
Inputs are wrapped in tags (``<problem>…</problem>``) so models, and the test server, can tell
data from instructions.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from variantgen.llm.structured import object_schema
from variantgen.templating import environment, template_hash

_USER = "=== user ==="
_TEXT = {"type": "string", "minLength": 1}

REWRITE = object_schema({"scenario": _TEXT, "question": _TEXT}, "context_rewrite")
SOLVE = object_schema({"reasoning": {"type": "string"}, "answer": _TEXT}, "solve")
STEP = object_schema({"question": _TEXT, "answer": _TEXT, "knowledge_point": _TEXT, "calculation": _TEXT}, "step_extension")
CONSTRUCTION = object_schema(
    {
        "commands": {"type": "array", "items": _TEXT},
        "target": _TEXT,
        "givens": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"expression": _TEXT, "value": _TEXT},
                "required": ["expression", "value"],
                "additionalProperties": False,
            },
        },
    },
    "construction",
)


def template_name(task: str) -> str:
    return f"llm/{task}.j2"


def messages(task: str, images: Sequence[str | bytes] = (), **variables: Any) -> tuple[list[dict[str, Any]], str]:
    """The chat messages of ``templates/llm/<task>.j2`` and the template's hash.

    ``images`` (file paths, or PNG bytes) are attached to the user message as data URLs, for vision models."""
    name = template_name(task)
    text = environment().get_template(name).render(**variables)
    system, found, user = text.partition(_USER)
    if not found:
        raise ValueError(f"template {name} must separate the system and user messages with a line '{_USER}'")
    content: Any = user.strip()
    if images:
        content = [{"type": "text", "text": content}, *({"type": "image_url", "image_url": {"url": data_url(p)}} for p in images)]
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": content}], template_hash(name)


def data_url(image: str | bytes) -> str:
    """An image file (or a PNG's bytes, as a row holds them) as a ``data:`` URL (what
    chat-completions vision models accept)."""
    if isinstance(image, bytes):
        return f"data:image/png;base64,{base64.b64encode(image).decode('ascii')}"
    kind = mimetypes.guess_type(image)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(Path(image).read_bytes()).decode('ascii')}"

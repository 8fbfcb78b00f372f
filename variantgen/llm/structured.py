"""Structured answers: JSON schemas for ``response_format``, and reading JSON out of free text.

Servers that support ``response_format={"type": "json_schema", ...}`` (OpenAI, vLLM, SGLang,
llama.cpp) constrain decoding, but many models behind other servers answer with prose around the
object, code fences, or an object cut off by the token limit. ``extract_json`` finds the object;
``schema_errors`` says, in words the model can act on, what is wrong with it, and that text
becomes the feedback of the repair request.
"""

from __future__ import annotations

import json
from typing import Any

_TYPES = {"string": str, "number": (int, float), "integer": int, "boolean": bool, "array": list, "object": dict}


def object_schema(properties: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    """A strict ``response_format`` for an object whose listed properties are all required."""
    schema = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


class StructuredError(ValueError):
    """The reply is not the object asked for; the message is the feedback sent back to the model."""


def extract_json(text: str) -> Any:
    """The first complete JSON object in ``text`` (fences and prose around it are ignored)."""
    if not text or not text.strip():
        raise StructuredError("the reply was empty; reply with the JSON object only")
    decoder = json.JSONDecoder()
    start = text.find("{")
    truncated = False
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
            return value
        except json.JSONDecodeError as exc:
            truncated = truncated or exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
            start = text.find("{", start + 1)
    if truncated:
        raise StructuredError("the JSON object was cut off before it ended; reply with a shorter, complete JSON object")
    raise StructuredError("the reply contained no JSON object; reply with the JSON object only, no prose")


def schema_errors(value: Any, schema: dict[str, Any], path: str = "the reply") -> list[str]:
    """What ``value`` lacks to match ``schema`` (the subset used here: type, properties, required,
    additionalProperties, items, enum, minLength)."""
    expected = schema.get("type")
    if expected and not isinstance(value, _TYPES[expected]) or (expected in ("number", "integer") and isinstance(value, bool)):
        return [f"{path} must be a JSON {expected}"]
    errors: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path} must be one of {schema['enum']}")
    if isinstance(value, str) and len(value.strip()) < schema.get("minLength", 0):
        errors.append(f"{path} must not be empty")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{path} lacks the field {name!r}" for name in schema.get("required", []) if name not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{path} has an unexpected field {name!r}" for name in value if name not in properties]
        for name, sub in properties.items():
            if name in value:
                errors += schema_errors(value[name], sub, f"field {name!r}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"item {index} of {path}")
    return errors


def parse_structured(text: str, response_format: dict[str, Any]) -> dict[str, Any]:
    """The object in ``text``, checked against the schema of ``response_format``."""
    value = extract_json(text)
    errors = schema_errors(value, response_format["json_schema"]["schema"])
    if errors:
        raise StructuredError("; ".join(errors))
    return value

"""The two ways an LLM call ends without an answer (kept apart from the client so that the CLI
can catch them without importing ``openai``)."""

from __future__ import annotations


class CallFailed(Exception):
    """One call ended without a usable answer (retries or repairs exhausted); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RunAborted(BaseException):
    """The endpoint is unusable (too many failed calls, or it refuses the key or model).

    A BaseException on purpose: the cube turns ordinary exceptions into failed corners, which
    would commit shards full of failures; this one stops the run before the current shard.

    ``finished`` holds the results that were complete when the run stopped but had not been
    handed on yet (``variantgen.llm.run.ordered_map`` fills it: items after the one that raised,
    whose work was done), so a caller can keep them."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.finished: list[object] = []

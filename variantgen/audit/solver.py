"""A solver endpoint answers every row ``samples`` times; each answer is graded as the trainer's
accuracy reward grades a rollout (``variantgen.answers.graded``).

Rows with a figure go to the vision model with the picture attached (``--vision-model``, else the
one model); the others to the text model. Sample ``i`` of a row is its own cached request, so a
rerun asks only what is missing and the same samples come back. A call that fails for good is
recorded as failed and counted apart, never as a wrong answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from variantgen.answers import graded
from variantgen.llm.client import LLMClient
from variantgen.llm.config import LLMConfig
from variantgen.llm.errors import CallFailed
from variantgen.llm.prompts import messages
from variantgen.llm.run import ordered_map

TASK = "audit-solve"


@dataclass(frozen=True)
class Solver:
    """The endpoint's settings, the vision model for rows with a figure, and how to sample."""

    llm: LLMConfig
    vision_model: str | None = None
    samples: int = 4
    temperature: float = 0.7


@dataclass(frozen=True)
class Job:
    row: dict[str, Any]
    sample: int


def _picture(row: dict[str, Any]) -> bytes | None:
    image = row.get("image")
    return image.get("bytes") if isinstance(image, dict) else None


def solve(
    rows: Iterable[dict[str, Any]],
    solver: Solver,
    progress: Callable[[int], None] | None = None,
    usage: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """One graded record per (row, sample), in row order; ``usage`` receives the clients' calls,
    tokens and cache hits when the run ends."""
    text_client = LLMClient(solver.llm)
    vision_client = LLMClient(dataclasses.replace(solver.llm, model=solver.vision_model)) if solver.vision_model else text_client
    advance = progress or (lambda n: None)

    def ask(job: Job) -> tuple[Job, str | None, str, str]:
        picture = _picture(job.row)
        client = vision_client if picture is not None else text_client
        chat, template = messages(TASK, images=[picture] if picture is not None else [], question=job.row["question"])
        try:
            reply = client.complete(chat, template_hash=f"{template}:{job.sample}", temperature=solver.temperature)
        except CallFailed as exc:
            return job, None, client.config.model, str(exc)
        return job, reply.content, reply.model or client.config.model, ""

    jobs = (Job(row, i) for row in rows for i in range(solver.samples))
    try:
        for job, reply, model, failure in ordered_map(ask, jobs, max(1, solver.llm.concurrency)):
            row = job.row
            answer, correct = (
                graded(reply, str(row["answer"]), str(row.get("choice") or "")) if reply is not None else (None, False)
            )
            advance(1)
            yield {
                "question_id": row["question_id"],
                "family_id": row["family_id"],
                "corner": row["corner"],
                "knowledge_points": list(row.get("knowledge points") or []),
                "sample": job.sample,
                "model": model,
                "reply": reply or "",
                "answer": answer,
                "correct": correct,
                "failed": failure,
            }
    finally:
        for client in {id(text_client): text_client, id(vision_client): vision_client}.values():
            if usage is not None:
                usage[client.config.model] = client.summary()
            client.close()

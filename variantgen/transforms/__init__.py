"""Transforms: the base type and algebra, the registry, and the built-in φ_s, φ_v, φ_c."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from variantgen.model import Applied, Problem
from variantgen.transforms.base import (
    Combinator,
    Compose,
    Context,
    FirstApplicable,
    Made,
    NotApplicable,
    Transform,
    TransformFailed,
    compose,
)
from variantgen.transforms.registry import available, build, register


def default_pipeline() -> Compose:
    """What ``variantgen expand`` uses: a derived step question >> an auxiliary element >> a scenario template."""
    from variantgen.transforms.builtin import ScenarioContext, StepDerive, VisualAugment

    return StepDerive() >> VisualAugment() >> ScenarioContext()


def replay(seed: Problem, provenance: Iterable[Applied | Mapping[str, Any]], ctx: Context | None = None) -> Problem:
    """Rebuild a variant from its seed and recorded provenance (the ``transforms`` list of a row)."""
    ctx = ctx or Context()
    problem = seed
    for entry in provenance:
        applied = entry if isinstance(entry, Applied) else Applied.from_dict(entry)
        problem = build(applied.transform, applied.config).run(problem, ctx, applied.params)
    return problem


__all__ = [
    "Combinator",
    "Compose",
    "Context",
    "FirstApplicable",
    "Made",
    "NotApplicable",
    "Transform",
    "TransformFailed",
    "available",
    "build",
    "compose",
    "default_pipeline",
    "register",
    "replay",
]

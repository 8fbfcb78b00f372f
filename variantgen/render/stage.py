"""The pipeline's render stage: draw every variant's figure while the next families are expanded.

A family's variants are submitted as soon as it is made; the pipeline waits for the drawings only
when it commits the shard. Each drawing is checked against the exact answer, and each variant
comes back either drawn — its figure as its first image, a ``geogebra-numeric`` check added — or
as a ``Failure`` with the reason (GeoGebra cannot draw it, or evaluates its target differently).
The stage decides nothing else: the pipeline counts the outcomes. The PNG, the editable ``.ggb``
and (when asked for) the SVG are written under ``OUT/figures/``, named by the variant's id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from variantgen.io.atomic import write_bytes
from variantgen.model import Check, Variant
from variantgen.render.pool import RenderError
from variantgen.render.renderer import Rendered, Renderer

FIGURES_DIR = "figures"


@dataclass(frozen=True)
class Failure:
    """A variant whose figure failed, and why: its corner is recorded as failed."""

    variant: Variant
    reason: str


#: One family's variants with their drawings in flight (None: the variant has no figure to draw).
Pending = list[tuple[Variant, Future[Rendered] | None]]


class RenderStage:
    def __init__(self, renderer: Renderer, out_dir: Path) -> None:
        self.renderer = renderer
        self.figures = out_dir / FIGURES_DIR

    def submit(self, variants: Iterable[Variant]) -> Pending:
        """Queue the figures of ``variants``; hand the result to ``finish`` when they are needed."""
        return [(v, self.renderer.submit(v.problem.construction) if v.problem.construction else None) for v in variants]

    def finish(self, pending: Pending) -> list[Variant | Failure]:
        """Wait for the drawings: each variant drawn and checked, or its failure, in order."""
        return [variant if future is None else self._drawn(variant, future) for variant, future in pending]

    def _drawn(self, variant: Variant, future: Future[Rendered]) -> Variant | Failure:
        try:
            rendered = future.result()
        except RenderError as exc:
            return Failure(variant, f"render: {exc}")
        if not rendered.agrees:
            return Failure(variant, f"GeoGebra cross-check: {rendered.detail}")
        png = self.figures / f"{variant.id}.png"
        write_bytes(png, rendered.png)
        write_bytes(png.with_suffix(".ggb"), rendered.ggb)
        if rendered.svg is not None:
            write_bytes(png.with_suffix(".svg"), rendered.svg)
        problem = variant.problem
        drawn = problem.replace(
            images=(str(png), *problem.images),
            verification=(*problem.verification, Check("geogebra-numeric", True, rendered.detail)),
        )
        return dataclasses.replace(variant, problem=drawn)

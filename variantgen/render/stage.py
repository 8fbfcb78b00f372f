"""The pipeline's render stage: draw every row's figure while the next families are expanded.

Rows are submitted as soon as their family is made; a shard waits for its drawings only when it
is committed. Each drawing is checked against the exact answer: a row whose figure GeoGebra
cannot draw, or whose target GeoGebra evaluates differently, is taken out and recorded as a
failed corner with the reason. The PNG goes into the row's ``image``; the PNG, the editable
``.ggb`` and (when asked for) the SVG are also written under ``OUT/figures/``.
"""

from __future__ import annotations

import json
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol

from variantgen.construction import Construction
from variantgen.render.pool import RenderError
from variantgen.render.renderer import Rendered, Renderer

FIGURES_DIR = "figures"


class _Result(Protocol):
    """What the stage needs of the pipeline's LineResult."""

    line: int
    rows: list[dict[str, Any]]
    skipped: list[dict[str, Any]]
    stats: Any


class RenderStage:
    def __init__(self, renderer: Renderer, out_dir: Path) -> None:
        self.renderer = renderer
        self.figures = out_dir / FIGURES_DIR
        self._pending: dict[int, list[tuple[dict[str, Any], Future[Rendered]]]] = {}

    def submit(self, result: _Result) -> None:
        jobs = []
        for row in result.rows:
            if row["construction"]:
                construction = Construction.from_dict(json.loads(row["construction"]))
                jobs.append((row, self.renderer.submit(construction)))
        self._pending[id(result)] = jobs

    def finish(self, result: _Result) -> None:
        """Wait for the result's drawings and put them in (or take failed rows out)."""
        for row, future in self._pending.pop(id(result), []):
            try:
                rendered = future.result()
            except RenderError as exc:
                self._reject(result, row, f"render: {exc}")
                continue
            if not rendered.agrees:
                self._reject(result, row, f"GeoGebra cross-check: {rendered.detail}")
                continue
            name = row["question_id"]
            self.figures.mkdir(parents=True, exist_ok=True)
            (self.figures / f"{name}.png").write_bytes(rendered.png)
            (self.figures / f"{name}.ggb").write_bytes(rendered.ggb)
            if rendered.svg is not None:
                (self.figures / f"{name}.svg").write_bytes(rendered.svg)
            row["image"] = {"bytes": rendered.png, "path": f"{name}.png"}
            checks = json.loads(row["verification"])
            checks.append({"method": "geogebra-numeric", "passed": True, "detail": rendered.detail})
            row["verification"] = json.dumps(checks, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def _reject(result: _Result, row: dict[str, Any], reason: str) -> None:
        result.rows.remove(row)
        corner = row["corner"]
        stats = result.stats.corners[corner]
        stats.made -= 1
        stats.failed += 1
        stats.reasons[reason] += 1
        result.stats.rows -= 1
        result.skipped.append(
            {"line": result.line, "family_id": row["family_id"], "corner": corner, "status": "failed", "reason": reason}
        )

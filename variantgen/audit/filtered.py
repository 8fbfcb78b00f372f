"""A copy of OUT without the rows a check flagged: ``DEST/data/*.parquet`` in OUT's own columns,
OUT's manifest, and ``DEST/filtered.json`` saying what was dropped and why."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from variantgen.io.atomic import write_text
from variantgen.io.parquet import iter_rows, write_rows
from variantgen.io.rows import FEATURES


def write_filtered(out_dir: Path, dest: Path, dropped: Mapping[str, str], check: str) -> tuple[int, int]:
    """Copy OUT's rows to DEST but those in ``dropped`` (question_id → reason); (kept, dropped)."""
    if dest.resolve() == Path(out_dir).resolve():
        raise ValueError("write the filtered copy to another folder than OUT")
    dest.mkdir(parents=True, exist_ok=True)
    kept = write_rows((row for row in iter_rows(out_dir) if row["question_id"] not in dropped), dest, FEATURES)
    manifest = Path(out_dir) / "manifest.json"
    if manifest.is_file():
        shutil.copyfile(manifest, dest / "manifest.json")
    write_text(
        dest / "filtered.json",
        json.dumps({"from": str(out_dir), "check": check, "dropped": dict(dropped)}, indent=1, ensure_ascii=False),
    )
    return kept, len(dropped)

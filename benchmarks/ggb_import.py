"""How many GeoGebra files of a folder import, evaluate and draw (issue 16 asks ≥ 70 % of unseen
3D files from the We-Math site, and that their figures draw).

Each ``.ggb`` file under the folder is read with ``read_ggb``, evaluated exactly, and drawn by
GeoGebra in headless Chromium (the figure's construction with the target ``1``, which GeoGebra
must agree on). Prints the counts, each failure's reason grouped by its first words, and where
the pictures were written, to be looked at.

    python benchmarks/ggb_import.py path/to/ggb/files [--pictures out/]
"""

from __future__ import annotations

import argparse
import collections
import re
import tempfile
import time
from pathlib import Path

from variantgen.construction import ConstructionError, evaluate
from variantgen.construction.ggb import read_ggb
from variantgen.construction.space import in_space
from variantgen.render.pool import PoolOptions, RenderError
from variantgen.render.renderer import Renderer
from variantgen.render.solid import space_picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pictures", type=Path, default=None, help="where to write each drawn figure (a temporary folder)")
    parser.add_argument(
        "--counts-only", action="store_true", help="print the counts alone (a held-out set's reasons stay unseen)"
    )
    args = parser.parse_args()
    files = sorted(args.folder.rglob("*.ggb"))
    pictures = args.pictures or Path(tempfile.mkdtemp(prefix="ggb-import-"))
    pictures.mkdir(parents=True, exist_ok=True)
    imported, drawn, spatial, reasons = 0, 0, 0, collections.Counter()
    started = time.perf_counter()
    renderer = Renderer(options=PoolOptions(pages=1, width=400, height=300)).start()
    try:
        for path in files:
            try:
                figure = read_ggb(path)
                construction = figure.construction("1")
                objects = evaluate(construction).objects
            except ConstructionError as exc:
                reasons[_reason(str(exc))] += 1
                if not args.counts_only:
                    print(f"{path.name}: {exc}")
                continue
            imported += 1
            spatial += in_space(objects)
            shown = space_picture(construction)
            if shown is not None and not (shown.segments or shown.arcs or shown.fills):
                reasons["imported, but nothing in space to draw"] += 1
                print(f"{path.name}: imported, but nothing in space to draw") if not args.counts_only else None
                continue
            try:
                picture = renderer.render(construction)
            except RenderError as exc:
                reasons["imported, but GeoGebra refused to draw it"] += 1
                print(f"{path.name}: imported, but not drawn: {exc}") if not args.counts_only else None
                continue
            if picture.agrees and picture.png:
                drawn += 1
                (pictures / f"{path.stem}.png").write_bytes(picture.png)
            else:
                reasons["imported, but not drawn"] += 1
                print(f"{path.name}: imported, but not drawn: {picture.detail}") if not args.counts_only else None
    finally:
        renderer.close()
    total = len(files) or 1
    print(f"\n{len(files)} files: {imported} import and evaluate ({imported / total:.0%}), {spatial} of them in space;")
    print(f"{drawn} drawn by GeoGebra ({drawn / total:.0%}) in {time.perf_counter() - started:.0f} s; pictures in {pictures}")
    if args.counts_only:
        return
    for reason, count in reasons.most_common():
        print(f"  {count} × {reason}")


def _reason(message: str) -> str:
    """A failure's kind: its message without the file name, the command index and the names."""
    message = re.sub(r"^\S+\.ggb: ", "", message)
    message = re.sub(r"construction\.commands\[\d+\]: ", "", message)
    return re.sub(r"'[^']*'|object \S+:", "…", message)[:90]


if __name__ == "__main__":
    main()

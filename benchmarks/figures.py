"""How many figures of a We-Math figure library become seeds, and how many of those use the
knowledge point their folder is named by (issue 15 asks ≥ 60 % and ≥ 50 % on unseen folders).

The shared samples (``../shared/data/wemath-ggb-samples``) are flat files with an ``index.csv``
giving each one's place on the We-Math site; they are laid out again in that folder tree (the
folder names are the knowledge points) and run through ``seeds from-figures``. Any other folder
tree of ``.ggb`` files can be given instead. Prints the counts and each figure's reason where it
gives no seed.

    python benchmarks/figures.py                       # the shared samples
    python benchmarks/figures.py path/to/static/images  # a folder tree of your own
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
from pathlib import Path

from variantgen.derive.from_figure import seeds_from_figures

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "data" / "wemath-ggb-samples"
KNOWLEDGE = ROOT.parent / "shared" / "data" / "wemath-knowledge-flat-v2.json"


def laid_out(samples: Path, into: Path) -> Path:
    """The flat samples in the site's folder tree, by ``index.csv``'s ``source_path``."""
    with open(samples / "index.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            target = into / Path(row["source_path"]).relative_to("static/images")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(samples / row["file"], target)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="a folder tree of .ggb files (default: the shared samples)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or laid_out(SAMPLES, Path(tmp) / "images")
        out = Path(tmp) / "seeds.jsonl"
        made, failed = seeds_from_figures(folder, out, KNOWLEDGE if KNOWLEDGE.exists() else None)
        seeds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    total = made + len(failed)
    using = sum(bool(s.get("meta", {}).get("uses_folder_knowledge_point")) for s in seeds)
    print(f"{folder}: {total} figures, {made} seeds ({made / max(total, 1):.0%}), {using} of them using the folder's point")
    for item in failed:
        print(f"  no seed: {item['file']}: {item['reason']}")


if __name__ == "__main__":
    main()

"""How many knowledge points φ_s adds, on the example seeds and on seeds kept aside.

    python benchmarks/steps.py [--show] [SEEDS.jsonl ...]

For each seeds file it expands the construction seeds' `s` corner (no figures, no LLM) and prints
the distribution of knowledge points the step question adds per construction seed (0 when the
seed gets no `s` corner), then the share adding two or more and four or more (issue 12 asks for
80 % and 40 %). ``--show`` prints every step question with its answer.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from variantgen import Corner, Cube, RunOptions, expand_file
from variantgen.io.parquet import iter_rows
from variantgen.session import run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (ROOT / "examples" / "seeds.jsonl", ROOT / "benchmarks" / "data" / "holdout-seeds.jsonl")


def added_points(seeds: Path, show: bool) -> list[int]:
    """Knowledge points the `s` corner adds, one number per construction seed."""
    with tempfile.TemporaryDirectory() as tmp, run(render=False) as services:
        cube = Cube(services.pipeline(), corners=(Corner.S,))
        expand_file(seeds, Path(tmp), cube, RunOptions(), services=services)
        rows = list(iter_rows(tmp, columns=["family_id", "corner", "question", "answer", "knowledge points", "construction"]))
    base = {r["family_id"]: r for r in rows if r["corner"] == "base" and r["construction"]}
    added = dict.fromkeys(base, 0)
    for row in rows:
        if row["corner"] == "s" and row["family_id"] in base:
            added[row["family_id"]] = len(set(row["knowledge points"]) - set(base[row["family_id"]]["knowledge points"]))
            if show:
                print(f"  {row['family_id']} +{added[row['family_id']]}: {row['question']} → {row['answer']}")
    return list(added.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every step question")
    parser.add_argument("seeds", nargs="*", type=Path, help="seeds files (default: the examples and the holdout)")
    args = parser.parse_args()
    for seeds in [p.resolve() for p in args.seeds] or SEEDS:
        counts = added_points(seeds, args.show)
        n = len(counts)
        shown = ", ".join(f"{k}×{v}" for k, v in sorted(Counter(counts).items()))
        two, four = sum(c >= 2 for c in counts), sum(c >= 4 for c in counts)
        print(
            f"{seeds.relative_to(ROOT) if seeds.is_relative_to(ROOT) else seeds}: {n} construction seeds; knowledge points added: {shown}"
        )
        print(f"  ≥ 2: {two}/{n} = {two / n:.0%}   ≥ 4: {four}/{n} = {four / n:.0%}")


if __name__ == "__main__":
    main()

"""Expand N generated seeds and print wall time, throughput and peak RSS.

    python benchmarks/expand.py [--seeds 10000] [--workers 1] [--seed-timeout 120] [--executor ray]

The seeds are triangles with varied integer coordinates (so every family is computed afresh),
with a text-only seed every tenth line. The last line reads ``peak rss MB: X`` where X covers
this process and its worker processes (the target is X < 500 for 10,000 seeds).

``--executor ray`` runs the same seeds twice, locally and on a local Ray (``--workers`` line actors;
Ray's start-up counted), checks that both wrote the same rows, and ends with
``ray vs local wall time: R``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from variantgen import Cube, RunOptions, expand_file
from variantgen.session import run


def write_seeds(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            if i % 10 == 9:
                record = {
                    "id": f"text-{i}",
                    "question": f"A train travels {60 + i % 40} km in 1 hour. How many km does it travel in 3 hours?",
                    "answer": str(3 * (60 + i % 40)),
                }
            else:
                # 37 × 11 × 23 distinct triangles: nearly every seed is computed afresh, no cache hits.
                b, p, q = 4 + i % 37, 1 + (i // 37) % 11, 2 + (i // 407) % 23
                record = {
                    "id": f"tri-{i}",
                    "question": f"In triangle ABC, A = (0,0), B = ({b},0) and C = ({p},{q}). Find BC.",
                    "answer": f"sqrt({(b - p) ** 2 + q**2})",
                    "construction": {
                        "commands": ["A=(0,0)", f"B=({b},0)", f"C=({p},{q})", "t=Polygon(A,B,C)"],
                        "target": "Distance(B,C)",
                    },
                }
            handle.write(json.dumps(record) + "\n")


def peak_rss_mb() -> float:
    """Peak resident set of this process plus the largest of its (waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed-timeout", type=float, default=RunOptions.seed_timeout, help="0: in this process, no budget")
    parser.add_argument("--executor", choices=("local", "ray"), default="local")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.jsonl"
        write_seeds(seeds, args.seeds)
        wall, result = expand(seeds, Path(tmp) / "out", RunOptions(workers=args.workers, seed_timeout=args.seed_timeout))
        if args.executor == "ray":
            from variantgen.io.parquet import iter_rows
            from variantgen.pipeline.ray_executor import connect

            start = time.perf_counter()
            connect(num_cpus=args.workers)
            options = RunOptions(workers=args.workers, seed_timeout=args.seed_timeout, executor="ray")
            ray_wall, _ = expand(seeds, Path(tmp) / "ray", options)
            ray_wall += time.perf_counter() - start - ray_wall  # Ray's start counted too
            same = list(iter_rows(Path(tmp) / "out")) == list(iter_rows(Path(tmp) / "ray"))
            print(f"ray: wall s {ray_wall:.1f} (start-up included), rows identical to the local run: {same}")
    stats = result.stats
    print(f"seeds: {args.seeds}  workers: {args.workers}  seed timeout: {args.seed_timeout:g}")
    print(f"families: {stats.families}  rows: {stats.rows}  rejected: {stats.errors}  failed corners: {stats.failed}")
    print(f"wall s: {wall:.1f}  seeds/s: {args.seeds / wall:.1f}  rows/s: {stats.rows / wall:.1f}")
    print(f"peak rss MB: {peak_rss_mb():.0f}")
    if args.executor == "ray":
        print(f"ray vs local wall time: {ray_wall / wall:.2f}")
    sys.stdout.flush()


def expand(seeds: Path, out: Path, options: RunOptions) -> tuple[float, object]:
    """Wall time and result of one offline run without figures: the expansion alone is measured."""
    start = time.perf_counter()
    with run() as services:
        result = expand_file(seeds, out, Cube(services.pipeline()), options, services=services)
    return time.perf_counter() - start, result


if __name__ == "__main__":
    main()

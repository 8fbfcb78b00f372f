"""The offline part of the audit on 10,000 rows: difficulty signals, near duplicates, contamination.

    python benchmarks/audit.py [--rows 10000] [--pictures 0.5]

It expands the example seeds without figures (not timed), copies their rows to ``--rows`` rows with
the numbers changed (each copy its own family, so the near-duplicate search has real work: every
copy of a question is a near duplicate of the others), gives a share of them a 600×450 figure drawn
with Pillow, and times ``variantgen audit``'s signals and ``variantgen dedup``'s two searches
(within the set, and against the example seeds as a benchmark). Issue 17 asks for under a minute
on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from variantgen import Cube, RunOptions, expand_file
from variantgen.audit.dedup import Benchmark, contaminated, entries, near_duplicates
from variantgen.audit.signals import row_signals, summarise
from variantgen.io.parquet import iter_rows
from variantgen.session import run

ROOT = Path(__file__).resolve().parents[1]


def _figure(rng: random.Random) -> dict:
    image = Image.new("RGB", (600, 450), "white")
    draw = ImageDraw.Draw(image)
    points = [(rng.randint(40, 560), rng.randint(40, 410)) for _ in range(rng.randint(3, 5))]
    draw.polygon(points, outline="black", width=3)
    for x, y in points:
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"bytes": buffer.getvalue(), "path": None}


def rows_for(count: int, pictures: float) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp, run(render=False) as services:
        expand_file(ROOT / "examples" / "seeds.jsonl", Path(tmp), Cube(services.pipeline()), RunOptions(), services=services)
        source = list(iter_rows(tmp))
    rng = random.Random(0)
    rows = []
    for i in range(count):
        row = dict(source[i % len(source)])
        row["question"] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), row["question"])
        row["question_id"], row["family_id"] = f"q{i:05d}", f"f{i:05d}"
        row["image"] = _figure(rng) if rng.random() < pictures else None
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pictures", type=float, default=0.5, help="share of rows with a figure")
    args = parser.parse_args()
    rows = rows_for(args.rows, args.pictures)
    seeds = (ROOT / "examples" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    benchmark = Benchmark("examples", [json.loads(line)["question"] for line in seeds if line.strip()])
    timings = {}
    start = time.perf_counter()
    summarise(row_signals(r) for r in rows)
    timings["signals"] = time.perf_counter() - start
    start = time.perf_counter()
    found = list(entries(rows))  # read once: words, MinHash, figure hash
    pairs = near_duplicates(found)
    timings["near duplicates (MinHash LSH + pHash)"] = time.perf_counter() - start
    start = time.perf_counter()
    copies = contaminated(found, [benchmark])
    timings["contamination (13-grams + MinHash)"] = time.perf_counter() - start
    for name, seconds in timings.items():
        print(f"{name:40s} {seconds:6.1f} s  ({args.rows / seconds:,.0f} rows/s)")
    drawn = sum(r["image"] is not None for r in rows)
    print(f"{'total':40s} {sum(timings.values()):6.1f} s for {args.rows:,} rows ({drawn:,} with figures)")
    print(f"found {len(pairs):,} near-duplicate pairs and {len(copies):,} rows copying the example seeds")


if __name__ == "__main__":
    main()

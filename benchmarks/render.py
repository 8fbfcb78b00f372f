"""GeoGebra rendering: variantgen's renderer against a bare Playwright + GeoGebra loop.

    python benchmarks/render.py [--figures 120] [--pages 2] [--size 600x450]

The figures are the constructions of the example seeds' families (seed and corners, so the
auxiliary lines, circles and graphs of φ_v are in it), drawn at one size. Both sides start from
nothing: a fresh render cache, a fresh browser. Printed, in one run:

- cold start: the renderer's start (server, browser, applet load) plus its first figure;
- warm median ms per render with one page, drawing the figures one after another (the two sides
  interleaved figure by figure, so that other load on the machine weighs on both alike);
- renders/s with 1 page and with N pages (all figures submitted at once);
- the same for the floor: Playwright driving the same GeoGebra page directly — per figure one
  ``evaluate`` that clears the construction, runs the commands, sets the view, reads the
  target's value and exports the PNG and the .ggb, nothing else (no style pass, no cache, no
  exact cross-check, no resizing).

The last line reads ``warm median vs floor: R`` (target: R ≤ 1.25).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright

from variantgen import Context, Cube, Family, default_pipeline, read_seeds
from variantgen.construction import Construction
from variantgen.render import PoolOptions, Renderer, find_browser, find_bundle, job_for
from variantgen.render.renderer import PAGE_DIR
from variantgen.render.server import PageServer
from variantgen.session import run

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds.jsonl"

# The floor's whole job per figure: GeoGebra's own API calls, nothing of variantgen's.
BARE_DRAW = """job => {
  const api = window.ggbApplet;
  api.newConstruction();
  for (const command of job.commands) api.evalCommand(command);
  api.evalCommand(`vgTarget=${job.target}`);
  const value = api.getValue("vgTarget");
  api.deleteObject("vgTarget");
  const v = job.view;
  api.setCoordSystem(v.xmin, v.xmax, v.ymin, v.ymax);
  return {png: api.getPNGBase64(1, false, 72), ggb: api.getBase64(), value};
}"""


def constructions(count: int) -> list[Construction]:
    """Distinct constructions from the example seeds' families, repeated with a shifted target to reach ``count``."""
    seeds = [line.problem for line in read_seeds(SEEDS) if line.problem is not None and line.problem.construction]
    found: dict[str, Construction] = {}
    for family in Cube(default_pipeline()).stream(seeds, Context(seed=0)):
        if isinstance(family, Family):
            for variant in family.variants:  # base first, then the corners
                construction = variant.problem.construction
                if construction is not None:
                    found.setdefault(repr(construction.to_dict()), construction)
    pool = list(found.values())
    # Past the distinct ones, ask a shifted target: a different drawing job, the same picture work.
    return [
        pool[i % len(pool)]
        if i < len(pool)
        else Construction.from_dict({**pool[i % len(pool)].to_dict(), "target": f"({pool[i % len(pool)].target})+{i}"})
        for i in range(count)
    ]


class Floor:
    """Playwright driving the GeoGebra page directly: one browser, ``pages`` pages."""

    def __init__(self, playwright: Any, width: int, height: int) -> None:
        self.playwright, self.width, self.height = playwright, width, height

    async def start(self, url: str) -> None:
        self.url = url
        self.browser = await self.playwright.chromium.launch(
            executable_path=str(find_browser()), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )

    async def open_page(self) -> Any:
        page = await self.browser.new_page(viewport={"width": self.width + 40, "height": self.height + 40})
        await page.goto(f"{self.url}/page.html?width={self.width}&height={self.height}")
        await page.wait_for_function("window.vgReady === true", timeout=90_000)
        return page


def _renderer(pages: int, width: int, height: int, cache: Path) -> Callable[[], Renderer]:
    """variantgen's renderer as the benchmark sizes it, with a render cache of its own (empty: cold)."""
    return functools.partial(Renderer, options=PoolOptions(pages=pages, width=width, height=height), cache=cache)


async def measure(figures: list[Construction], pages: int, width: int, height: int) -> dict[str, dict[str, float]]:
    """Both sides, the warm one-page renders interleaved figure by figure (alternating which goes
    first) so that whatever else the machine does weighs on both alike."""
    jobs = [job_for(c, width, height) for c in figures]
    result: dict[str, dict[str, float]] = {"ours": {}, "floor": {}}
    with tempfile.TemporaryDirectory() as cache, PageServer(PAGE_DIR, find_bundle()) as server:
        async with async_playwright() as playwright:
            floor = Floor(playwright, width, height)
            t0 = time.perf_counter()
            await floor.start(server.url)
            first = await floor.open_page()
            await first.evaluate(BARE_DRAW, jobs[0])
            result["floor"]["cold"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            times: dict[str, list[float]] = {"ours": [], "floor": []}
            with run(True, renderer=_renderer(1, width, height, Path(cache) / "one")) as services:
                renderer = services.renderer
                assert renderer is not None
                renderer.render(figures[0])
                result["ours"]["cold"] = time.perf_counter() - t0
                for index, (construction, job) in enumerate(zip(figures[1:], jobs[1:], strict=True)):
                    for side in ("ours", "floor") if index % 2 else ("floor", "ours"):
                        start = time.perf_counter()
                        if side == "ours":
                            renderer.render(construction)
                        else:
                            await first.evaluate(BARE_DRAW, job)
                        times[side].append(time.perf_counter() - start)
            for side, taken in times.items():
                result[side]["median"] = statistics.median(taken)
                result[side]["one"] = len(taken) / sum(taken)

            # N pages, all figures at once: one side after the other, each from a fresh browser
            # whose pages are warmed by the same figures first (a fresh page's first drawings run
            # GeoGebra's code cold).
            await floor.browser.close()
            await floor.start(server.url)
            warm = 2 * pages
            fresh = await asyncio.gather(*(floor.open_page() for _ in range(pages)))
            for page, job in zip(fresh * 2, jobs[:warm], strict=False):
                await page.evaluate(BARE_DRAW, job)
            queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
            for job in jobs[warm:]:
                queue.put_nowait(job)

            async def work(page: Any) -> None:
                while not queue.empty():
                    await page.evaluate(BARE_DRAW, queue.get_nowait())

            t0 = time.perf_counter()
            await asyncio.gather(*(work(page) for page in fresh))
            result["floor"]["many"] = (len(jobs) - warm) / (time.perf_counter() - t0)
            await floor.browser.close()

            with run(True, renderer=_renderer(pages, width, height, Path(cache) / "many")) as services:
                renderer = services.renderer
                assert renderer is not None
                for future in [renderer.submit(c) for c in figures[:warm]]:
                    future.result()
                t0 = time.perf_counter()
                for future in [renderer.submit(c) for c in figures[warm:]]:
                    future.result()
                result["ours"]["many"] = (len(figures) - warm) / (time.perf_counter() - t0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=120)
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--size", default="600x450")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    figures = constructions(args.figures)
    print(
        f"{len(figures)} figures ({len({repr(c.to_dict()) for c in figures})} distinct) at {width}x{height}, {args.pages} pages"
    )
    measured = asyncio.run(measure(figures, args.pages, width, height))
    mine, bare = measured["ours"], measured["floor"]
    for name, result in (("variantgen", mine), ("floor (bare Playwright + GeoGebra)", bare)):
        print(f"{name}:")
        print(f"  cold start s: {result['cold']:.2f}")
        print(f"  warm median ms per render: {result['median'] * 1000:.1f}")
        print(f"  renders/s with 1 page: {result['one']:.1f}")
        print(f"  renders/s with {args.pages} pages: {result['many']:.1f}")
    print(f"warm median vs floor: {mine['median'] / bare['median']:.2f}")


if __name__ == "__main__":
    main()

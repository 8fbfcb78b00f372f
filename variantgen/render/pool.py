"""A pool of GeoGebra pages in one headless Chromium, driven asynchronously through Playwright.

Each page loads the applet once (seconds) and then draws figure after figure (a clean
construction each time). A queue feeds the pages; a page is recycled after ``recycle_after``
renders (GeoGebra's state and the page's memory grow slowly); a render that exceeds its timeout
recycles its page; a crashed browser is relaunched and the render retried, and a render that
fails ``attempts`` times is reported failed with the reason rather than blocking the run.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from playwright.async_api import Browser, Page, Playwright, Route, async_playwright
from playwright.async_api import Error as PlaywrightError


@dataclass(frozen=True)
class PoolOptions:
    pages: int = 2
    width: int = 600
    height: int = 450
    recycle_after: int = 200
    timeout_s: float = 30.0
    load_timeout_s: float = 90.0
    attempts: int = 3
    svg: bool = False  # also export each figure as SVG


@dataclass(frozen=True)
class Drawing:
    """What GeoGebra made of a job: the PNG, the target's value as GeoGebra computes it, the .ggb
    and, when the job asked for it, the SVG."""

    png: bytes
    value: float | None
    ggb: bytes
    svg: bytes | None = None


class RenderError(Exception):
    """A figure GeoGebra would not draw (a rejected command) or could not draw in time."""


class _BrowserGone(Exception):
    pass


class RenderPool:
    def __init__(self, browser_path: Path, page_url: str, options: PoolOptions = PoolOptions()) -> None:
        self.browser_path, self.page_url, self.options = browser_path, page_url, options
        self._origins = _origins(page_url)
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._pages: asyncio.Queue[tuple[Page, int, int]] = asyncio.Queue()  # (page, renders, browser generation)
        self._relaunch = asyncio.Lock()
        self.restarts = 0  # the browser's generation
        self.version = ""  # GeoGebra's version as the loaded applet reports it

    async def start(self) -> None:
        self._playwright = await async_playwright().start()
        await self._launch()

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    async def render(self, job: dict[str, Any]) -> Drawing:
        """Draw one job on a free page; retried on a fresh page or browser when one dies."""
        problem = ""
        for _ in range(self.options.attempts):
            page, uses, generation = await self._pages.get()
            try:
                result = await asyncio.wait_for(page.evaluate("job => window.vgDraw(job)", job), self.options.timeout_s)
            except (asyncio.TimeoutError, PlaywrightError) as exc:
                problem = "timed out" if isinstance(exc, asyncio.TimeoutError) else str(exc).splitlines()[0]
                await self._replace(page, generation)
                continue
            await self._return(page, uses + 1, generation)
            if "error" in result:
                raise RenderError(result["error"])
            return Drawing(
                base64.b64decode(result["png"]), result["value"], base64.b64decode(result["ggb"]), _svg_bytes(result["svg"])
            )
        raise RenderError(f"render failed {self.options.attempts} times: {problem}")

    async def _launch(self) -> None:
        assert self._playwright is not None
        self._browser = await self._playwright.chromium.launch(
            executable_path=str(self.browser_path), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        pages = await asyncio.gather(*(self._open_page() for _ in range(self.options.pages)))
        for page in pages:
            self._pages.put_nowait((page, 0, self.restarts))

    async def _open_page(self) -> Page:
        assert self._browser is not None
        width, height = self.options.width, self.options.height
        page = await self._browser.new_page(viewport={"width": width + 40, "height": height + 40})
        await page.route("**/*", self._guard)
        joiner = "&" if "?" in self.page_url else "?"
        await page.goto(f"{self.page_url}{joiner}width={width}&height={height}")
        await page.wait_for_function(
            "window.vgReady === true || !!window.vgLoadError", timeout=self.options.load_timeout_s * 1000
        )
        problem = await page.evaluate("window.vgLoadError || null")
        if problem:
            raise RenderError(f"GeoGebra did not load: {problem}")
        self.version = await page.evaluate("window.ggbApplet.getVersion()")
        return page

    async def _guard(self, route: Route) -> None:
        """Let the page reach its own server (and the CDN it was told to load GeoGebra from) and
        nothing else: no input, whatever GeoGebra command or text it smuggles in, can make the
        browser call out, not even to another port of this machine."""
        url = route.request.url
        if url.startswith(("data:", "blob:")) or any(url == o or url.startswith(o + "/") for o in self._origins):
            await route.continue_()
        else:
            await route.abort("blockedbyclient")

    async def _return(self, page: Page, uses: int, generation: int) -> None:
        if uses >= self.options.recycle_after:
            await self._replace(page, generation)
        else:
            self._pages.put_nowait((page, uses, generation))

    async def _replace(self, page: Page, generation: int) -> None:
        """A fresh page for one that was used up, hung or died; a fresh browser if it died."""
        try:
            await page.close()
        except PlaywrightError:
            pass
        async with self._relaunch:
            if generation != self.restarts:
                return  # the browser was relaunched meanwhile, with a full set of pages
            try:
                if self._browser is None or not self._browser.is_connected():
                    raise _BrowserGone
                self._pages.put_nowait((await self._open_page(), 0, generation))
            except (PlaywrightError, _BrowserGone):
                self.restarts += 1
                while not self._pages.empty():  # idle pages of the dead browser
                    self._pages.get_nowait()
                await self._launch()


def _svg_bytes(svg: str | None) -> bytes | None:
    """GeoGebra hands the SVG over as markup or as a ``data:image/svg+xml`` URL."""
    if svg is None:
        return None
    if svg.startswith("data:"):
        header, _, body = svg.partition(",")
        return base64.b64decode(body) if header.endswith(";base64") else unquote(body).encode("utf-8")
    return svg.encode("utf-8")


def _origins(page_url: str) -> tuple[str, ...]:
    """The page server's origin, and the CDN's when the page loads GeoGebra from one."""
    parts = urlsplit(page_url)
    origins = [f"{parts.scheme}://{parts.netloc}"]
    for cdn in parse_qs(parts.query).get("cdn", []):
        cdn_parts = urlsplit(cdn)
        origins.append(f"{cdn_parts.scheme}://{cdn_parts.netloc}")
    return tuple(origins)

"""The renderer the pipeline uses: jobs in, PNG + .ggb + GeoGebra's own value out.

It owns a background thread running an asyncio loop with the page server and the page pool, so
the (synchronous) pipeline submits figures and goes on expanding while GeoGebra draws; results
come back as ``concurrent.futures.Future``. Drawings are cached on disk by content (commands,
target, style, view, size, GeoGebra version, the page and bridge): a rerun renders nothing twice.

GeoGebra comes from the apps bundle, served with the page on loopback, or — where the internet is
reachable and no bundle is installed — from GeoGebra's CDN (``cdn=CDN_URL``).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import math
import os
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sympy
from PIL import Image

from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import Function
from variantgen.io.atomic import write_text
from variantgen.render.install import GEOGEBRA_VERSION, cache_dir, find_browser, find_bundle
from variantgen.render.pool import Drawing, PoolOptions, RenderError, RenderPool
from variantgen.render.server import PageServer
from variantgen.render.solid import place_labels, space_picture
from variantgen.render.view import texts_drawn, view_box


def _page_dir() -> Path:
    """The repository's ``geogebra/`` in a checkout, else the installed ``variantgen.geogebra``."""
    checkout = Path(__file__).resolve().parents[2] / "geogebra"
    if (checkout / "bridge.js").is_file():
        return checkout
    return Path(str(files("variantgen.geogebra")))


PAGE_DIR = _page_dir()
REL_TOL = 1e-9
CDN_URL = "https://www.geogebra.org/apps"  # deployggb.js and <version>/web3d/ live under it


def _page_digest() -> str:
    """The page and bridge's content: a changed bridge draws differently, so it keys the cache too."""
    digest = hashlib.sha256()
    for name in ("page.html", "bridge.js"):
        digest.update((PAGE_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Rendered:
    """A checked drawing: ``agrees`` says whether GeoGebra's value matches the exact answer."""

    png: bytes
    ggb: bytes
    geogebra_value: float | None
    agrees: bool
    detail: str
    svg: bytes | None = None


def job_for(construction: Construction, width: int, height: int, svg: bool = False) -> dict[str, Any]:
    """The bridge's job: commands, style, an aspect-correct view box, the target to evaluate, and
    whether to export an SVG too."""
    objects = cached_evaluate(construction).objects
    graphs = any(isinstance(obj, Function) for obj in objects.values())
    job = {
        "commands": list(construction.commands),
        "target": construction.target,
        "style": construction.style,
        "view": view_box(construction, width, height),
        "width": width,
        "height": height,
        "axes": bool(construction.style.get("axes", graphs)),
        "grid": bool(construction.style.get("grid", False)),
        "svg": svg,
    }
    if construction.style.get("texts"):
        job["style"] = {**construction.style, "texts": texts_drawn(construction, job["view"], width, height)}
    drawing = space_picture(construction)
    if drawing is not None:  # a figure in space: its projection is what GeoGebra draws
        place_labels(drawing, job["view"], width, height)
        job["space"] = drawing.to_dict()
        # texts a file placed in its 3D view have no place on the projection's page
        job["style"] = {k: v for k, v in construction.style.items() if k != "texts"}
    return job


def cross_check(construction: Construction, geogebra_value: float | None, version: str = GEOGEBRA_VERSION) -> tuple[bool, str]:
    """GeoGebra's floating value of the target against the exact one (relative 1e-9)."""
    exact = cached_evaluate(construction).target
    if geogebra_value is None or not math.isfinite(geogebra_value):
        return False, f"GeoGebra gives no value for {construction.target}"
    reference = float(sympy.N(exact, 30))
    if abs(reference - geogebra_value) <= REL_TOL * max(1.0, abs(reference)):
        return True, f"GeoGebra {version}: {construction.target} = {geogebra_value!r}"
    return False, f"GeoGebra computes {construction.target} = {geogebra_value!r}, the exact answer is {exact} ≈ {reference!r}"


def exact_size(png: bytes, width: int, height: int) -> bytes:
    """The picture at exactly W×H, as trainers expect the size they asked for.

    The bridge sizes the applet so that GeoGebra's export (opaque: every alpha is 255) is W×H
    already and passes through untouched — re-encoding costs more than a third of a render. A
    picture of another size (a GeoGebra whose border differs) is centred on a white W×H canvas."""
    with Image.open(io.BytesIO(png)) as image:
        if image.size == (width, height):
            return png
        canvas = Image.new("RGB", (width, height), "white")
        picture = image.convert("RGBA")
        canvas.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2), picture)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


class Renderer:
    """``r.submit(construction)`` → Future[Rendered], once started; ``variantgen.session.run``
    starts it and closes it for a run (``Renderer().start()`` and ``close()`` by hand otherwise).

    ``cdn``: load GeoGebra from this URL (GeoGebra's CDN, ``CDN_URL``) instead of a bundle.
    """

    def __init__(
        self,
        bundle: str | os.PathLike[str] | None = None,
        browser: str | os.PathLike[str] | None = None,
        options: PoolOptions | None = None,
        cache: Path | None = None,
        cdn: str | None = None,
    ) -> None:
        self.bundle = None if cdn else find_bundle(bundle)
        self.browser, self.cdn = find_browser(browser), cdn
        self.options = options or PoolOptions(pages=max(1, min(4, (os.cpu_count() or 2))))
        self.cache = cache or cache_dir() / "renders"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="variantgen-renderer", daemon=True)
        self._server = PageServer(PAGE_DIR, self.bundle)
        self._pool: RenderPool | None = None
        self._page_digest = _page_digest()
        self.rendered = self.cached = 0

    def start(self) -> Renderer:
        self._server.start()
        self._thread.start()
        page = f"{self._server.url}/page.html"
        if self.cdn:
            page += "?" + urlencode({"cdn": self.cdn.rstrip("/"), "version": GEOGEBRA_VERSION})
        self._pool = RenderPool(self.browser, page, self.options)
        asyncio.run_coroutine_threadsafe(self._pool.start(), self._loop).result()
        return self

    def close(self) -> None:
        if self._pool is not None:
            asyncio.run_coroutine_threadsafe(self._pool.close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._server.stop()

    @property
    def version(self) -> str:
        """GeoGebra's version as the running applet reports it."""
        return self._pool.version if self._pool else ""

    @property
    def browser_restarts(self) -> int:
        return self._pool.restarts if self._pool else 0

    def submit(self, construction: Construction) -> Future[Rendered]:
        """Queue one figure; the Future raises RenderError if GeoGebra cannot draw it."""
        return asyncio.run_coroutine_threadsafe(self._render(construction), self._loop)

    def render(self, construction: Construction) -> Rendered:
        return self.submit(construction).result()

    async def _render(self, construction: Construction) -> Rendered:
        assert self._pool is not None
        job = job_for(construction, self.options.width, self.options.height, self.options.svg)
        key = hashlib.sha256(json.dumps([job, self.version, self._page_digest], sort_keys=True).encode()).hexdigest()
        drawing = self._cached(key)
        if drawing is None:
            drawing = await self._pool.render(job)
            self._store(key, drawing)
            self.rendered += 1
        else:
            self.cached += 1
        agrees, detail = cross_check(construction, drawing.value, self.version)
        png = exact_size(drawing.png, self.options.width, self.options.height)
        return Rendered(png, drawing.ggb, drawing.value, agrees, detail, drawing.svg)

    def _paths(self, key: str) -> tuple[Path, Path, Path, Path]:
        folder = self.cache / key[:2]
        return folder / f"{key}.png", folder / f"{key}.ggb", folder / f"{key}.svg", folder / f"{key}.json"

    def _cached(self, key: str) -> Drawing | None:
        png, ggb, svg, meta = self._paths(key)
        if not meta.exists():
            return None
        return Drawing(
            png.read_bytes(), json.loads(meta.read_text())["value"], ggb.read_bytes(), svg.read_bytes() if svg.exists() else None
        )

    def _store(self, key: str, drawing: Drawing) -> None:
        png, ggb, svg, meta = self._paths(key)
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(drawing.png)
        ggb.write_bytes(drawing.ggb)
        if drawing.svg is not None:
            svg.write_bytes(drawing.svg)
        write_text(meta, json.dumps({"value": drawing.value}))  # last: a half-stored drawing is never read back


__all__ = ["CDN_URL", "Renderer", "Rendered", "RenderError", "PoolOptions", "job_for", "cross_check"]

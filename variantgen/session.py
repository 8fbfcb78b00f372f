"""``with run(render=..., llm=...) as services:``: the engines a run shares, started once and always closed.

A run may draw figures (GeoGebra in headless Chromium) and may call an LLM endpoint. Both are
slow to start and hold threads, a browser and connections, so whoever runs an expansion — the
``expand`` and ``propose-constructions`` commands, ``variantgen train``'s seed expansion, the
benchmarks — starts them here and gets them back as ``Services``; leaving the block closes them,
whatever happened inside it.

``render``: ``True`` draws figures and fails (``SetupFailed``) when GeoGebra or the browser is
missing; ``None`` draws them when both are installed and otherwise warns and goes on without;
``False`` never starts a browser.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from variantgen.transforms.base import Context, Transform

if TYPE_CHECKING:
    from variantgen.llm.config import LLMConfig
    from variantgen.llm.run import LLMRun
    from variantgen.render.renderer import Renderer

log = logging.getLogger("variantgen")


class SetupFailed(Exception):
    """An engine the run was told to use cannot start (the message says why and what to install)."""


@dataclass
class Services:
    """The started engines of a run; each is None when the run goes without it."""

    renderer: Renderer | None = None
    llm: LLMRun | None = None

    def context(self, seed: int = 0) -> Context:
        """The Context transforms see: the run's seed and the LLM client (the renderer is the
        pipeline's render stage's, not the transforms')."""
        return Context(seed=seed, llm=self.llm.client if self.llm else None)

    def pipeline(self) -> Transform:
        """With an endpoint, the LLM pipeline (LLM rewrites and steps for text seeds); else the offline one."""
        if self.llm is not None:
            return self.llm.pipeline()
        from variantgen.transforms import default_pipeline

        return default_pipeline()


@contextmanager
def run(
    render: bool | None = False,
    llm: LLMConfig | None = None,
    *,
    renderer: Callable[[], Renderer] | None = None,
    warn: Callable[[str], None] = log.warning,
) -> Iterator[Services]:
    """Start what the run needs, yield it, and close it on the way out.

    ``renderer`` builds the (unstarted) renderer, e.g. with the command line's bundle, browser and
    picture size; by default ``Renderer()``. ``llm``: an endpoint's settings, or None (or an
    unconfigured LLMConfig) for an offline run. ``warn`` hears why figures are not drawn when
    ``render`` is None and the renderer cannot start."""
    services = Services()
    with ExitStack() as closing:
        if render is not False:
            services.renderer = _start_renderer(renderer, required=bool(render), warn=warn)
            if services.renderer is not None:
                closing.callback(services.renderer.close)
        if llm is not None and llm.configured:
            from variantgen.llm.run import LLMRun

            services.llm = LLMRun(llm)
            closing.callback(services.llm.close)
        yield services


def _start_renderer(build: Callable[[], Renderer] | None, required: bool, warn: Callable[[str], None]) -> Renderer | None:
    from variantgen.render.install import RenderSetupError
    from variantgen.render.pool import RenderError
    from variantgen.render.renderer import Renderer

    try:
        return (build or Renderer)().start()
    except (RenderSetupError, RenderError) as exc:
        if required:
            raise SetupFailed(str(exc)) from exc
        warn(f"figures are not drawn: {exc}")
        return None

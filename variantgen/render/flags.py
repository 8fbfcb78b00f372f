"""The command line's rendering flags, kept beside the renderer they configure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from variantgen.render.install import RenderSetupError
from variantgen.render.pool import PoolOptions
from variantgen.render.renderer import Renderer


def render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--render/--no-render``, ``--geogebra-bundle``, ``--browser``, ``--render-pages``, ``--image-size``."""
    for option in reversed(
        (
            click.option(
                "--render/--no-render",
                "render",
                default=None,
                help="Draw every figure with GeoGebra in headless Chromium [default: when both are installed].",
            ),
            click.option(
                "--geogebra-bundle",
                type=click.Path(file_okay=False),
                default=None,
                help="GeoGebra apps bundle folder [default: $VARIANTGEN_GEOGEBRA_BUNDLE or the one `variantgen setup` installs].",
            ),
            click.option("--browser", type=click.Path(dir_okay=False), default=None, help="Chromium/Chrome executable."),
            click.option("--render-pages", type=click.IntRange(1), default=None, help="GeoGebra pages drawing in parallel."),
            click.option("--image-size", default="600x450", show_default=True, help="Picture size in pixels, WxH."),
        )
    ):
        command = option(command)
    return command


def image_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise click.BadParameter("expected WxH, e.g. 600x450", param_hint="--image-size") from None
    if not (64 <= width <= 4096 and 64 <= height <= 4096):
        raise click.BadParameter("each side must be between 64 and 4096 pixels", param_hint="--image-size")
    return width, height


def start_renderer(flags: dict[str, Any], warn: Callable[[str], None]) -> Renderer | None:
    """A started Renderer, or None when rendering is off (or, by default, not installed)."""
    if flags["render"] is False:
        return None
    width, height = image_size(flags["image_size"])
    options = PoolOptions(width=width, height=height, **({"pages": flags["render_pages"]} if flags["render_pages"] else {}))
    try:
        return Renderer(flags["geogebra_bundle"], flags["browser"], options).start()
    except RenderSetupError as exc:
        if flags["render"]:
            raise click.UsageError(str(exc)) from None
        warn(f"figures are not drawn: {exc}")
        return None

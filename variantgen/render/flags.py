"""The command line's rendering flags, kept beside the renderer they configure."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from variantgen.render.pool import PoolOptions
from variantgen.render.renderer import CDN_URL, Renderer


def render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--render/--no-render``, ``--geogebra-bundle``, ``--geogebra-cdn``, ``--browser``, ``--render-pages``,
    ``--image-size``, ``--svg``."""
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
            click.option(
                "--geogebra-cdn",
                is_flag=False,
                flag_value=CDN_URL,
                default=None,
                metavar="[URL]",
                help=f"Load GeoGebra from its CDN instead of a bundle (needs the internet) [URL: {CDN_URL}].",
            ),
            click.option("--browser", type=click.Path(dir_okay=False), default=None, help="Chromium/Chrome executable."),
            click.option("--render-pages", type=click.IntRange(1), default=None, help="GeoGebra pages drawing in parallel."),
            click.option("--image-size", default="600x450", show_default=True, help="Picture size in pixels, WxH."),
            click.option("--svg", is_flag=True, help="Also write each figure as SVG under OUT/figures/."),
        )
    ):
        command = option(command)
    return command


#: The keyword arguments ``render_options`` adds to a command.
RENDER_FLAGS = ("render", "geogebra_bundle", "geogebra_cdn", "browser", "render_pages", "image_size", "svg")


def split_render_flags(flags: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A command's keyword arguments as (the rendering flags, the rest)."""
    return {k: v for k, v in flags.items() if k in RENDER_FLAGS}, {k: v for k, v in flags.items() if k not in RENDER_FLAGS}


def image_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise click.BadParameter("expected WxH, e.g. 600x450", param_hint="--image-size") from None
    if not (64 <= width <= 4096 and 64 <= height <= 4096):
        raise click.BadParameter("each side must be between 64 and 4096 pixels", param_hint="--image-size")
    return width, height


def renderer_factory(flags: dict[str, Any]) -> Callable[[], Renderer]:
    """What builds the Renderer the flags describe (``variantgen.session.run`` starts it).

    The picture size is checked now, so a bad ``--image-size`` is a usage error before anything starts."""
    width, height = image_size(flags["image_size"])
    pages = {"pages": flags["render_pages"]} if flags["render_pages"] else {}
    options = PoolOptions(width=width, height=height, svg=flags["svg"], **pages)
    return functools.partial(Renderer, flags["geogebra_bundle"], flags["browser"], options, cdn=flags["geogebra_cdn"])

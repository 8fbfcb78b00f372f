"""Diagrams drawn by real GeoGebra in headless Chromium (see ``renderer.py``)."""

from variantgen.render.install import GEOGEBRA_VERSION, RenderSetupError, find_browser, find_bundle, install_bundle
from variantgen.render.pool import PoolOptions, RenderError
from variantgen.render.renderer import Rendered, Renderer, cross_check, job_for

__all__ = [
    "GEOGEBRA_VERSION",
    "PoolOptions",
    "RenderError",
    "RenderSetupError",
    "Rendered",
    "Renderer",
    "cross_check",
    "find_browser",
    "find_bundle",
    "install_bundle",
    "job_for",
]

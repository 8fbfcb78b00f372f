"""A static file server on 127.0.0.1 for the renderer's page, bridge and the GeoGebra bundle.

Files come from two folders only: ``geogebra/`` (the page and bridge, part of variantgen) under
``/`` and the apps bundle under ``/bundle/``. It binds a free loopback port, so nothing outside
this machine can reach it and the page fetches nothing from anywhere else.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: object, page_dir: Path, bundle_dir: Path | None, **kwargs: object) -> None:
        self.page_dir, self.bundle_dir = page_dir, bundle_dir
        super().__init__(*args, directory=str(page_dir), **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith("/bundle/"):
            if self.bundle_dir is None:
                return str(self.page_dir / "__missing__")  # GeoGebra comes from its CDN
            root, rest = self.bundle_dir, clean[len("/bundle/") :]
        else:
            root, rest = self.page_dir, clean.lstrip("/")
        target = (root / rest).resolve()
        return str(target) if target.is_relative_to(root.resolve()) else str(root / "__missing__")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # the applet loads hundreds of files; the renderer reports what matters


class PageServer:
    """``with PageServer(page_dir, bundle_dir) as server: server.url``."""

    def __init__(self, page_dir: Path, bundle_dir: Path | None) -> None:
        handler = functools.partial(_Handler, page_dir=page_dir, bundle_dir=bundle_dir)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="variantgen-page-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> PageServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PageServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

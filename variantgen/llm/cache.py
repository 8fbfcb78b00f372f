"""An on-disk cache of chat completions, one small JSON file per request.

The key is the hash of everything that decides the answer: model, template hash, the rendered
messages and the sampling parameters. A rerun or a resumed run therefore sends nothing for work
already paid for, and editing a template (new hash) or changing the model asks again. Files are
written atomically (temporary name, then rename), so an interrupted run never leaves a torn entry,
and several threads or processes can share one folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from variantgen.model import content_hash


class ResponseCache:
    """``get``/``put`` by key; ``refresh`` ignores what is stored but still stores new answers."""

    def __init__(self, folder: str | os.PathLike[str], refresh: bool = False) -> None:
        self.folder = Path(folder)
        self.refresh = refresh

    @staticmethod
    def key(model: str, template_hash: str, messages: Any, params: dict[str, Any]) -> str:
        return content_hash(model, template_hash, messages, params, length=40)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.refresh:
            return None
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # a damaged entry is a miss, and is overwritten by the next put
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".partial")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False)
        os.replace(partial, path)

"""An on-disk cache of chat completions: one SQLite table, one row per request.

The key is the hash of everything that decides the answer: model, template hash, the rendered
messages and the sampling parameters. A rerun or a resumed run therefore sends nothing for work
already paid for, and editing a template (new hash) or changing the model asks again.

The answers live in ``CACHE/answers.sqlite3`` (write-ahead log, one transaction per answer), so an
interrupted run never leaves a torn entry, several threads and processes share one folder safely
and see each other's answers at once, and a write costs tens of microseconds — a file per answer
cost 0.1–0.8 ms of CPU each (creating files and folders), a quarter of the client's CPU at 64
requests in flight. Answers cached by earlier versions, one JSON file per request under
``CACHE/<2 hex>/<key>.json``, are still read. Where SQLite cannot be used (a read-only or network
file system without locks) the cache falls back to writing those files.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from variantgen.io.atomic import write_text
from variantgen.model import content_hash

log = logging.getLogger(__name__)

DATABASE = "answers.sqlite3"
_BUSY_TIMEOUT = 60.0  # seconds a writer waits for another process's transaction


class ResponseCache:
    """``get``/``put`` by key; ``refresh`` ignores what is stored but still stores new answers."""

    def __init__(self, folder: str | os.PathLike[str], refresh: bool = False) -> None:
        self.folder = Path(folder)
        self.refresh = refresh
        self._root = os.fspath(self.folder)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._files_only = False
        self._legacy: bool | None = None  # are there per-file entries of earlier versions to read?
        self._warned = False

    @staticmethod
    def key(model: str, template_hash: str, messages: Any, params: dict[str, Any]) -> str:
        return content_hash(model, template_hash, messages, params, length=40)

    def _path(self, key: str) -> Path:
        """Where the per-file layout keeps ``key`` (read for old caches, written without SQLite)."""
        return self.folder / key[:2] / f"{key}.json"

    # -- the database ------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection | None:
        """The open database (reopened in a forked child); None when only files can be used."""
        if self._files_only:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        try:
            os.makedirs(self._root, exist_ok=True)
            db = sqlite3.connect(
                os.path.join(self._root, DATABASE), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        except (sqlite3.Error, OSError) as exc:
            log.warning("LLM cache: cannot use %s (%s); storing one file per answer instead", DATABASE, exc)
            self._files_only = True
            return None
        self._db, self._pid = db, os.getpid()
        return db

    # -- get and put -------------------------------------------------------------------------
    def get(self, key: str) -> dict[str, Any] | None:
        if self.refresh:
            return None
        text: str | bytes | None = None
        with self._lock:
            db = self._connection()
            if db is not None:
                try:
                    row = db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
                except sqlite3.Error:
                    row = None  # a damaged database is a miss; the answer is asked again
                text = row[0] if row else None
        if text is None and self._has_files():
            try:
                with open(os.path.join(self._root, key[:2], f"{key}.json"), "rb") as handle:
                    text = handle.read()
            except OSError:
                return None
        if text is None:
            return None
        try:
            value = json.loads(text)
        except ValueError:  # a damaged entry is a miss, and is overwritten by the next put
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._lock:
            db = self._connection()
            if db is not None:
                try:
                    db.execute("INSERT OR REPLACE INTO answers (key, value) VALUES (?, ?)", (key, text))
                    return
                except sqlite3.Error as exc:
                    self._warn(f"cannot write to {DATABASE} ({exc}); writing a file")
        try:
            self._put_file(key, text)
        except OSError as exc:  # a full or read-only disk loses the cache entry, not the answer
            self._warn(f"cannot store an answer ({exc})")

    def _put_file(self, key: str, text: str) -> None:
        """The per-file layout: each entry written whole, under a name private to this thread first."""
        write_text(os.path.join(self._root, key[:2], f"{key}.json"), text)
        self._legacy = True

    def _has_files(self) -> bool:
        """Whether per-file entries can exist here (checked once: a fresh cache has none)."""
        if self._legacy is None:
            try:
                with os.scandir(self._root) as entries:
                    self._legacy = any(len(e.name) == 2 and e.is_dir() for e in entries)
            except OSError:
                self._legacy = False
        return self._legacy or self._files_only

    def _warn(self, message: str) -> None:
        if not self._warned:
            log.warning("LLM cache: %s", message)
            self._warned = True

    def close(self) -> None:
        with self._lock:
            if self._db is not None and self._pid == os.getpid():
                self._db.close()
            self._db = None

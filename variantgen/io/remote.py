"""An output folder that is not on this machine: ``s3://bucket/run`` (any S3-compatible store),
``gs://…``, ``hdfs://…`` — whatever ``pyarrow.fs`` opens.

A run works in a local staging folder exactly as it does on local disk (its commit markers, its
lock and its atomic renames need a filesystem) and mirrors it to the remote folder: before the
run it pulls what the remote folder holds (so a run resumes from shards another machine
committed), and after each shard commit it pushes what changed, the shard's Parquet file before
its marker. The remote folder is the run's result; the staging folder is a cache of it.

One driver writes a remote folder at a time: the lock is the staging folder's, so two machines
writing the same remote folder are not kept apart (the shards are the same rows either way, but
their markers would race).

An S3-compatible endpoint other than AWS is given in the URI, as pyarrow reads it:
``s3://bucket/run?endpoint_override=127.0.0.1:9000&scheme=http``; credentials come from the
usual ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` variables or the machine's role.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pyarrow.fs as pafs

from variantgen.render.install import cache_dir


def is_remote(location: str | os.PathLike[str]) -> bool:
    """Whether an output location names a remote folder (a URI with a scheme other than file)."""
    text = str(location)
    return "://" in text and not text.startswith("file://")


def staging_for(uri: str) -> Path:
    """The local folder a remote output is staged in (one per URI, kept between runs)."""
    return cache_dir() / "staging" / hashlib.sha256(uri.encode()).hexdigest()[:16]


class Mirror:
    """A local folder kept in step with a remote one."""

    def __init__(self, uri: str, local: Path) -> None:
        self.uri, self.local = uri, Path(local)
        self.fs, root = pafs.FileSystem.from_uri(uri)
        self.root = root.rstrip("/")
        self._pushed: dict[str, tuple[int, int]] = {}  # relative path → (size, mtime) last pushed

    def pull(self) -> int:
        """Make the local folder a copy of the remote one (it is a cache of it: what the remote
        folder does not hold is removed). Returns how many files came."""
        self.local.mkdir(parents=True, exist_ok=True)
        for entry in self.local.iterdir():  # the folder itself stays: a run's lock is on it
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        self._pushed.clear()
        info = self.fs.get_file_info(self.root)
        if info.type == pafs.FileType.NotFound:
            return 0
        count = 0
        for entry in self.fs.get_file_info(pafs.FileSelector(self.root, recursive=True)):
            if entry.type != pafs.FileType.File:
                continue
            relative = entry.path[len(self.root) :].lstrip("/")
            target = self.local / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".pulling")
            with self.fs.open_input_stream(entry.path) as source, open(partial, "wb") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
            partial.replace(target)
            stat = target.stat()
            self._pushed[relative] = (stat.st_size, stat.st_mtime_ns)
            count += 1
        return count

    def push(self) -> int:
        """Upload the local files that are new or changed since the last push: Parquet shards
        first, commit markers after them (a marker on the remote side means its shard is there).
        Returns how many files went."""
        changed = []
        for path in sorted(self.local.rglob("*")):
            if not path.is_file() or path.name.endswith((".partial", ".pulling")):  # files still being written
                continue
            relative = path.relative_to(self.local).as_posix()
            stat = path.stat()
            if self._pushed.get(relative) != (stat.st_size, stat.st_mtime_ns):
                changed.append((relative, path, (stat.st_size, stat.st_mtime_ns)))
        changed.sort(key=lambda item: (item[0].startswith(".state/"), item[0]))
        for relative, path, stamp in changed:
            remote = f"{self.root}/{relative}"
            self.fs.create_dir(remote.rsplit("/", 1)[0], recursive=True)
            with open(path, "rb") as source, self.fs.open_output_stream(remote) as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
            self._pushed[relative] = stamp
        return len(changed)

    def clear(self) -> None:
        """Remove what the remote folder holds (``--overwrite``)."""
        if self.fs.get_file_info(self.root).type != pafs.FileType.NotFound:
            self.fs.delete_dir_contents(self.root, missing_dir_ok=True)

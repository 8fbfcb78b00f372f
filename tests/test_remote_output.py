"""`expand -o s3://…`: a run written to an S3-compatible store (moto's server on 127.0.0.1, a real
HTTP endpoint speaking the S3 protocol), resumed from what the store holds, and pulled back."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pyarrow.fs as pafs
import pytest
from click.testing import CliRunner
from helpers import write_jsonl
from test_pipeline import triangles

from variantgen import Cube, RunOptions, default_pipeline, expand_file
from variantgen.cli import main
from variantgen.io.parquet import iter_rows

server_module = pytest.importorskip("moto.server", reason="moto[server] is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def store() -> Iterator[tuple[pafs.S3FileSystem, str]]:
    """An S3 endpoint on loopback and a bucket; yields the filesystem and the URI query that finds it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")}
    os.environ.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")
    fs = pafs.S3FileSystem(endpoint_override=f"127.0.0.1:{port}", scheme="http", region="us-east-1", allow_bucket_creation=True)
    fs.create_dir("runs")
    try:
        yield fs, f"endpoint_override=127.0.0.1:{port}&scheme=http&region=us-east-1"
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _rows(folder: Path) -> list[tuple[str, str, str]]:
    return sorted((r["question_id"], r["question"], r["answer"]) for r in iter_rows(folder))


def _listing(fs: pafs.S3FileSystem, prefix: str) -> set[str]:
    return {
        i.path[len(prefix) + 1 :]
        for i in fs.get_file_info(pafs.FileSelector(prefix, recursive=True))
        if i.type == pafs.FileType.File
    }


def test_a_run_into_a_bucket_holds_what_a_local_run_holds(tmp_path, store):
    fs, query = store
    seeds = write_jsonl(tmp_path / "seeds.jsonl", triangles(7))
    local = expand_file(seeds, tmp_path / "local", Cube(default_pipeline()), RunOptions(shard_size=3))
    remote = expand_file(
        seeds, f"s3://runs/one?{query}", Cube(default_pipeline()), RunOptions(shard_size=3), staging=tmp_path / "stage"
    )
    assert remote.stats.to_dict() == local.stats.to_dict()
    assert {"manifest.json", ".state/shard-00002.json", "data/train-00000.parquet", "skipped.jsonl"} <= _listing(fs, "runs/one")
    pulled = tmp_path / "pulled"
    result = CliRunner().invoke(main, ["pull", f"s3://runs/one?{query}", str(pulled)])
    assert result.exit_code == 0, result.output
    assert _rows(pulled) == _rows(tmp_path / "local")


def test_a_run_stopped_on_one_machine_resumes_on_another_from_the_bucket(tmp_path, store):
    """The first run stops after its first shard (as a killed driver would: the marker is pushed
    after its shard); a second run with an empty staging folder finds it in the bucket, redoes
    only the rest, and ends with the rows of an uninterrupted run."""
    fs, query = store
    seeds = write_jsonl(tmp_path / "seeds.jsonl", triangles(7))
    uri = f"s3://runs/two?{query}"
    seen = []

    def stop_after_a_shard(n: int) -> None:
        seen.append(n)
        if len(seen) == 4:  # the fourth line: shard 0 (lines 1-3) is committed and pushed
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        expand_file(
            seeds, uri, Cube(default_pipeline()), RunOptions(shard_size=3), progress=stop_after_a_shard, staging=tmp_path / "a"
        )
    assert ".state/shard-00000.json" in _listing(fs, "runs/two") and ".state/shard-00001.json" not in _listing(fs, "runs/two")
    resumed = expand_file(seeds, uri, Cube(default_pipeline()), RunOptions(shard_size=3), staging=tmp_path / "b")
    assert resumed.resumed_shards == 1
    expand_file(seeds, tmp_path / "local", Cube(default_pipeline()), RunOptions(shard_size=3))
    assert _rows(tmp_path / "b") == _rows(tmp_path / "local")


def test_overwrite_empties_the_remote_folder_first(tmp_path, store):
    fs, query = store
    uri = f"s3://runs/three?{query}"
    expand_file(
        write_jsonl(tmp_path / "a.jsonl", triangles(4)),
        uri,
        Cube(default_pipeline()),
        RunOptions(shard_size=2),
        staging=tmp_path / "s",
    )
    assert ".state/shard-00001.json" in _listing(fs, "runs/three")
    fewer = write_jsonl(tmp_path / "b.jsonl", triangles(1))
    expand_file(fewer, uri, Cube(default_pipeline()), RunOptions(shard_size=2), overwrite=True, staging=tmp_path / "s")
    assert ".state/shard-00001.json" not in _listing(fs, "runs/three")  # the old run's second shard is gone

"""``--executor ray``: a local Ray (2 CPUs) writes the rows a local run writes, figures drawn by
renderer actors with their own cache, and a driver killed with SIGKILL resumes to the same result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import EXAMPLES

from variantgen.io.parquet import iter_rows
from variantgen.render import RenderSetupError, find_browser, find_bundle

try:
    BUNDLE = str(find_bundle())  # found before the test moves the cache
    find_browser()
    MISSING = None
except RenderSetupError as exc:
    MISSING = f"rendering is not installed ({exc}); run ./install.sh"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def _rows(out):
    return list(iter_rows(out))


def test_a_ray_run_writes_the_rows_of_a_local_run_and_resumes_after_its_driver_is_killed(tmp_path):
    pytest.importorskip("ray")
    seeds = tmp_path / "seeds.jsonl"
    seeds.write_text("".join(EXAMPLES.read_text(encoding="utf-8").splitlines(keepends=True)[:10]), encoding="utf-8")
    command = [sys.executable, "-m", "variantgen", "expand", str(seeds), "--shard-size", "2", "--geogebra-bundle", BUNDLE, "-o"]
    base_env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAY_AUTH_MODE": "disabled"}
    local_env = {**base_env, "XDG_CACHE_HOME": str(tmp_path / "c1")}
    local = subprocess.run([*command, str(tmp_path / "local")], env=local_env, capture_output=True, text=True)
    assert local.returncode == 0, local.stderr
    # The Ray run draws every figure again, with its own cache: its actors' drawings, not the local run's.
    ray_env = {**base_env, "XDG_CACHE_HOME": str(tmp_path / "c2")}
    on_ray = ["--executor", "ray", "--workers", "2", "--render-actors", "1"]
    out = tmp_path / "ray"
    process = subprocess.Popen([*command, str(out), *on_ray], env=ray_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not list((out / ".state").glob("shard-*.json")):
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (out / "manifest.json").exists()
    resumed = subprocess.run([*command, str(out), *on_ray], env=ray_env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed" in resumed.stdout and "drawn by GeoGebra" in resumed.stdout
    assert _rows(out) == _rows(tmp_path / "local")
    counts = [json.loads((d / "manifest.json").read_text())["counts"] for d in (out, tmp_path / "local")]
    assert counts[0] == counts[1]

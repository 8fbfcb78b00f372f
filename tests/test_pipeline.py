"""Seeds file → Parquet: loading with datasets, manifest, workers, resume after SIGKILL, exports."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import sympy
from helpers import TEXT, TRIANGLE, seed, write_jsonl
from PIL import Image

from variantgen import Cube, RunOptions, default_pipeline, expand_file
from variantgen.construction import Construction
from variantgen.io.export import export
from variantgen.io.parquet import iter_rows
from variantgen.pipeline import OutputMismatch
from variantgen.render.renderer import Rendered
from variantgen.session import Services

MATHBOOK = ["question_id", "question", "image", "difficulty", "knowledge points", "idx", "answer"]
OWN = ["family_id", "corner", "provenance", "verification", "construction"]


def triangles(count: int) -> list[dict]:
    """Distinct triangle seeds whose answers are computed here, independently of variantgen."""
    records = []
    for i in range(count):
        b, p, q = 4 + i % 5, 1 + i % 3, 2 + i % 4
        answer = sympy.sqrt((b - p) ** 2 + q**2)
        records.append(
            {
                "id": f"gen-{i:03d}",
                "question": f"In triangle ABC, A = (0,0), B = ({b},0) and C = ({p},{q}). Find BC.",
                "answer": str(answer),
                "construction": {
                    "commands": ["A=(0,0)", f"B=({b},0)", f"C=({p},{q})", "t=Polygon(A,B,C)"],
                    "target": "Distance(B,C)",
                },
            }
        )
    return records


def run(seeds: Path, out: Path, **options) -> object:
    return expand_file(seeds, out, Cube(default_pipeline()), RunOptions(**options))


def rows(out: Path) -> list[dict]:
    return list(iter_rows(out))


def test_without_figures_the_visual_corners_are_not_applicable(tmp_path, small_seeds):
    from variantgen.pipeline import NO_FIGURES

    write_jsonl(small_seeds, [TRIANGLE])
    result = run(small_seeds, tmp_path / "out")
    skipped = [json.loads(line) for line in (tmp_path / "out" / "skipped.jsonl").read_text().splitlines()]
    assert sorted(s["corner"] for s in skipped) == ["sv", "svc", "v", "vc"]
    assert all(s["status"] == "not_applicable" and s["reason"] == NO_FIGURES for s in skipped)
    assert result.exit_code == 0 and result.stats.corners["v"].not_applicable == 1
    assert sorted(r["corner"] for r in rows(tmp_path / "out")) == ["base", "c", "s", "sc"]


class _Renderer:
    """Stands in for GeoGebra: draws every figure, but disagrees with the exact answer wherever the
    target is not the seed's (the step corners), as a cross-check that finds a mismatch does."""

    def __init__(self, target: str) -> None:
        self.target = target
        picture = io.BytesIO()
        Image.new("RGB", (12, 9), "white").save(picture, "PNG")
        self.png = picture.getvalue()

    def submit(self, construction: Construction) -> Future[Rendered]:
        agrees = construction.target == self.target
        detail = "GeoGebra: agrees" if agrees else "GeoGebra computes 7.1, the exact answer is 7"
        future: Future[Rendered] = Future()
        future.set_result(Rendered(self.png, b"ggb", 7.0, agrees, detail))
        return future


def test_a_figure_that_fails_makes_a_failed_corner_counted_once(tmp_path, small_seeds):
    write_jsonl(small_seeds, [TRIANGLE])
    services = Services(renderer=_Renderer(TRIANGLE["construction"]["target"]))  # type: ignore[arg-type]
    result = expand_file(small_seeds, tmp_path / "out", Cube(default_pipeline()), services=services)
    made = rows(tmp_path / "out")
    assert [r["corner"] for r in made] == ["base", "v", "c", "vc"]
    for row in made:
        assert json.loads(row["verification"])[-1] == {"detail": "GeoGebra: agrees", "method": "geogebra-numeric", "passed": True}
        assert (tmp_path / "out" / "figures" / f"{row['question_id']}.png").read_bytes() == row["image"]["bytes"]
    skipped = [json.loads(line) for line in (tmp_path / "out" / "skipped.jsonl").read_text().splitlines()]
    assert [(s["corner"], s["status"]) for s in skipped] == [
        ("s", "failed"),
        ("sv", "failed"),
        ("sc", "failed"),
        ("svc", "failed"),
    ]
    stats = result.stats
    assert result.exit_code == 3 and stats.rows == 4 and stats.failed == 4
    for corner in ("s", "sv", "sc", "svc"):  # counted from the final outcome: failed, never made
        assert (stats.corners[corner].made, stats.corners[corner].failed) == (0, 1)
        assert not stats.corners[corner].knowledge_points
    assert sum(stats.corners[c].made for c in ("base", "v", "c", "vc")) == 4


def test_output_loads_with_datasets_and_images_as_images(tmp_path, small_seeds):
    Image.new("RGB", (8, 6), "white").save(tmp_path / "pic.png")
    write_jsonl(small_seeds, [TRIANGLE, seed(TEXT, image="pic.png")])
    result = run(small_seeds, tmp_path / "out")
    assert result.exit_code == 0
    dataset = datasets.load_dataset("parquet", data_dir=str(tmp_path / "out"), split="train")
    assert dataset.column_names[:7] == MATHBOOK and set(OWN) <= set(dataset.column_names)
    assert isinstance(dataset.features["image"], datasets.Image)
    # Without a renderer the visual corners are not made: their rows would be text copies.
    assert len(dataset) == result.stats.rows == 4 + 2
    text_rows = [r for r in dataset if r["family_id"] == "text-test"]
    assert all(r["image"].size == (8, 6) for r in text_rows)
    assert {r["difficulty"] for r in dataset} == {"base", "x", "z", "xz"}
    for row in dataset:
        checks = json.loads(row["verification"])
        assert checks and all(c["passed"] for c in checks)
        assert json.loads(row["provenance"])["variantgen"]


def test_manifest_and_summary_counts(tmp_path, small_seeds):
    result = run(small_seeds, tmp_path / "out", seed=7)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["options"]["seed"] == 7
    assert manifest["counts"]["families"] == 3 and manifest["counts"]["rows"] == result.stats.rows
    assert manifest["counts"]["corners"]["s"]["not_applicable"] >= 1  # the text seed has no figure to derive from
    assert {"sympy", "datasets", "pyarrow"} <= set(manifest["versions"])
    skipped = [json.loads(record) for record in (tmp_path / "out" / "skipped.jsonl").read_text().splitlines()]
    assert {s["corner"] for s in skipped if s["family_id"] == "text-test"} == {"s", "v", "sv", "vc", "sc", "svc"}


def test_rerun_is_a_no_op_and_other_options_are_refused(tmp_path, small_seeds):
    run(small_seeds, tmp_path / "out")
    first = rows(tmp_path / "out")
    again = run(small_seeds, tmp_path / "out")
    assert again.resumed_shards == 1 and rows(tmp_path / "out") == first
    with pytest.raises(OutputMismatch, match="--overwrite"):
        run(small_seeds, tmp_path / "out", seed=1)
    assert (
        expand_file(small_seeds, tmp_path / "out", Cube(default_pipeline()), RunOptions(seed=1), overwrite=True).stats.families
        == 3
    )


def test_workers_give_the_same_rows(tmp_path):
    seeds = write_jsonl(tmp_path / "seeds.jsonl", triangles(12) + [TEXT])
    run(seeds, tmp_path / "one", shard_size=5)
    run(seeds, tmp_path / "two", shard_size=5, workers=2)
    assert rows(tmp_path / "one") == rows(tmp_path / "two")


def test_shards_hold_whole_families_in_input_order(tmp_path):
    seeds = write_jsonl(tmp_path / "seeds.jsonl", triangles(7))
    run(seeds, tmp_path / "out", shard_size=3)
    shards = sorted((tmp_path / "out" / "data").glob("train-*.parquet"))
    assert len(shards) == 3
    families = [pq.read_table(s, columns=["family_id"]).column(0).to_pylist() for s in shards]
    assert [sorted(set(f)) for f in families] == [
        ["gen-000", "gen-001", "gen-002"],
        ["gen-003", "gen-004", "gen-005"],
        ["gen-006"],
    ]


@pytest.mark.slow
def test_sigkill_midway_then_rerun_equals_an_uninterrupted_run(tmp_path):
    seeds = write_jsonl(tmp_path / "seeds.jsonl", triangles(40))
    command = [sys.executable, "-m", "variantgen", "expand", str(seeds), "--shard-size", "4", "-o"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    subprocess.run([*command, str(tmp_path / "clean")], check=True, env=env, capture_output=True)

    killed = tmp_path / "killed"
    process = subprocess.Popen([*command, str(killed)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list((killed / ".state").glob("shard-*.json"))) < 3:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (killed / "manifest.json").exists()

    resumed = subprocess.run([*command, str(killed)], env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed" in resumed.stdout
    assert rows(killed) == rows(tmp_path / "clean")
    clean_manifest = json.loads((tmp_path / "clean" / "manifest.json").read_text())
    assert json.loads((killed / "manifest.json").read_text())["counts"] == clean_manifest["counts"]


@pytest.mark.parametrize("fmt", ["mathbook-pro", "easyr1", "trl"])
def test_exports_load_with_datasets(tmp_path, small_seeds, fmt):
    run(small_seeds, tmp_path / "out")
    count = export(tmp_path / "out", tmp_path / fmt, fmt)
    dataset = datasets.load_dataset("parquet", data_dir=str(tmp_path / fmt), split="train")
    assert len(dataset) == count == len(rows(tmp_path / "out"))
    expected = {"mathbook-pro": MATHBOOK, "easyr1": ["problem", "images", "answer"], "trl": ["prompt", "images", "solution"]}[fmt]
    assert dataset.column_names[: len(expected)] == expected


def test_resume_state_is_data_a_planted_file_runs_nothing(tmp_path):
    import json as _json
    import pickle

    from variantgen.model import Problem, Variant
    from variantgen.pipeline.lines import LineResult
    from variantgen.pipeline.state import RunState

    state = RunState(tmp_path / "out")
    state.folder.mkdir(parents=True)
    own = tmp_path / "out" / "figures" / "a.png"
    kept = LineResult(1, "f1", [Variant(Problem("f1", "Find x.", "1", images=(str(own),)), "f1", "base", "q1")], settled=True)
    state.save_partials([kept], shard_size=8)
    assert state.load_partials(done=set())[1].to_dict() == kept.to_dict()  # JSON round trip

    # A forged line pointing at a file outside OUT is made again, not read from there.
    forged = LineResult(2, "f2", [Variant(Problem("f2", "Find x.", "1", images=("/etc/hostname",)), "f2", "base", "q2")])
    (state.folder / "partial-00000.json").write_text(_json.dumps([kept.to_dict(), forged.to_dict()]))
    assert set(state.load_partials(done=set())) == {1}

    # A pickle planted under the old name or the new one is never loaded.
    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pickle ran')",))

    (state.folder / "partial-00001.json").write_bytes(pickle.dumps([Boom()]))
    (state.folder / "partial-00002.pkl").write_bytes(pickle.dumps([Boom()]))
    assert set(state.load_partials(done=set())) == {1}


def test_a_second_run_into_the_same_out_is_refused_while_the_first_holds_it(tmp_path, small_seeds):
    from variantgen.pipeline import OutputLocked
    from variantgen.pipeline.state import locked

    out = tmp_path / "out"
    with locked(out):  # as a run in another process holds it
        with pytest.raises(OutputLocked, match="another variantgen run"):
            expand_file(small_seeds, out, Cube(default_pipeline()), RunOptions())
    assert expand_file(small_seeds, out, Cube(default_pipeline()), RunOptions()).stats.families  # free again


def test_a_seed_slower_than_its_budget_becomes_its_lines_error(tmp_path):
    from dataclasses import dataclass as _dataclass

    from variantgen.transforms.base import Transform
    from variantgen.transforms.builtin import ScenarioContext

    @_dataclass
    class Stall(Transform):
        """A step transform that never finishes on the seed named 'slow' (as a pathological figure would)."""

        name = "test.stall"
        axis = "s"

        def apply(self, problem, ctx, params):
            while problem.id == "slow":
                time.sleep(0.01)
            return problem.replace(question=problem.question + " Hence, find it again.")

    seeds = write_jsonl(tmp_path / "seeds.jsonl", [seed(TEXT, id="fast"), seed(TEXT, id="slow"), seed(TEXT, id="after")])
    result = expand_file(seeds, tmp_path / "out", Cube(Stall() >> ScenarioContext()), RunOptions(seed_timeout=0.5))
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["exception"]) for e in errors] == [("slow", "SeedTimeout")]
    assert "longer than 0.5 s" in errors[0]["reason"]
    assert result.stats.families == 2  # the lines before and after it are made


def test_a_seed_no_alarm_can_stop_costs_its_worker_process_not_the_run(tmp_path, monkeypatch):
    import multiprocessing
    import os
    import signal
    from dataclasses import dataclass as _dataclass

    from variantgen.pipeline import processes
    from variantgen.transforms.base import Transform
    from variantgen.transforms.builtin import ScenarioContext

    @_dataclass
    class Stuck(Transform):
        """Stands for work inside C that never returns to Python (the alarm is blocked), and for a
        crash that kills the process."""

        name = "test.stuck"
        axis = "s"

        def apply(self, problem, ctx, params):
            if problem.id == "stuck":
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                while True:
                    time.sleep(0.01)
            if problem.id == "dies":
                os._exit(9)
            return problem.replace(question=problem.question + " Hence, find it again.")

    monkeypatch.setattr(processes, "GRACE_SECONDS", 0.5)
    lines = [seed(TEXT, id=name) for name in ("fast", "stuck", "dies", "after")]
    seeds = write_jsonl(tmp_path / "seeds.jsonl", lines)
    started = time.monotonic()
    result = expand_file(seeds, tmp_path / "out", Cube(Stuck() >> ScenarioContext()), RunOptions(seed_timeout=0.5))
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["exception"]) for e in errors] == [("stuck", "SeedTimeout"), ("dies", "WorkerDied")]
    assert "worker process was replaced" in errors[0]["reason"] and "exit code 9" in errors[1]["reason"]
    assert result.stats.families == 2 and time.monotonic() - started < 30
    assert multiprocessing.active_children() == []  # no worker outlives the run

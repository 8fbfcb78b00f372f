"""LLM transforms through a real chat server: φ_c rewrites checked and retried with feedback,
one scenario per family, φ_s for text seeds checked by their calculations, construction proposals,
offline replay — and ``variantgen expand`` against an endpoint that fails 30% of requests."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from helpers import ANGLE, EXAMPLES, TEXT, TRIANGLE, write_jsonl

from variantgen.cli import main
from variantgen.construction import Construction
from variantgen.cube import Corner
from variantgen.family import Cube
from variantgen.llm.client import LLMClient
from variantgen.llm.config import LLMConfig
from variantgen.llm.testing import ChatServer, Faults, Scripted, TemplateModel, tagged
from variantgen.llm.transforms import LLMContext, LLMStep, ProposeConstruction, SolveBack
from variantgen.model import Problem
from variantgen.transforms import Context, FirstApplicable, NotApplicable, TransformFailed, replay
from variantgen.transforms.builtin import StepDerive, VisualAugment


def problem(record: dict, **changes: object) -> Problem:
    construction = Construction.from_dict(record["construction"]) if "construction" in record else None
    base = Problem(record["id"], record["question"], record["answer"], tuple(record["knowledge_points"]), construction)
    return base.replace(**changes)


def task(request: dict) -> str:
    return request["messages"][-1]["content"].split("Task: ")[1].split(".")[0] if "Task: " in str(request) else ""


class Scripting:
    """TemplateModel, with the first ``count`` answers to ``name`` replaced by ``bad(request)``."""

    def __init__(self, name: str, count: int, bad) -> None:  # type: ignore[no-untyped-def]
        self.model, self.name, self.count, self.bad = TemplateModel(), name, count, bad

    def __call__(self, request: dict) -> Scripted:
        good = self.model(request)
        if task(request) == self.name and self.count > 0:
            self.count -= 1
            return self.bad(request, good)
        return good


def changed_numbers(request: dict, good: Scripted) -> Scripted:
    return Scripted(content=(good.content or "").replace("AB = 5", "AB = 6"))


@pytest.fixture
def llm(tmp_path: Path) -> Iterator:
    """``llm(responder)`` → (server, Context holding a client for it); both closed afterwards."""
    opened = []

    def start(responder) -> tuple[ChatServer, Context]:  # type: ignore[no-untyped-def]
        server = ChatServer(responder).__enter__()
        config = LLMConfig(base_url=server.base_url, model="test-model", cache_dir=str(tmp_path / "cache"), backoff_base=0.01)
        client = LLMClient(config)
        opened.append((server, client))
        return server, Context(llm=client)

    yield start
    for server, client in opened:
        client.close()
        server.stop()


def test_context_rewrite_one_scenario_per_family_replays_offline(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(TemplateModel())
    family = Cube(StepDerive() >> VisualAugment() >> LLMContext(style="real-world")).expand(problem(TRIANGLE), ctx)
    corners = {c: family.variant(c) for c in ("c", "sc", "vc", "svc")}
    assert all(family.outcomes[Corner(c)].status == "made" for c in corners), family.outcomes
    rewrites = [r for r in server.requests if task(r) == "context-rewrite"]
    first = rewrites[0]["messages"][-1]["content"]
    assert "<domain>" in first and "<scenario>" not in first  # the family's decision is made once, on the seed
    for later in rewrites[1:]:  # every other corner is rewritten in that scenario, following the seed's rewrite
        content = later["messages"][-1]["content"]
        assert tagged(content, "example") == corners["c"].problem.question and "<scenario>" in content
    for corner, variant in corners.items():
        checks = {c.method: c for c in variant.problem.verification}
        assert checks["solve-back"].passed and checks["invariant"].passed, corner
        below = family.variant(corner.replace("c", "") or "base")
        assert "AB = 5" in variant.problem.question and variant.problem.answer == below.problem.answer
        provenance = variant.problem.provenance
        again = replay(problem(TRIANGLE), provenance, Context())  # no client: the recorded rewrite is used and re-checked
        assert again.question == variant.problem.question


def test_rewrite_that_changes_numbers_is_retried_with_feedback(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(Scripting("context-rewrite", 1, changed_numbers))
    result = LLMContext().run(problem(TRIANGLE), ctx)
    assert "AB = 5" in result.question
    retry = [r for r in server.requests if task(r) == "context-rewrite"][1]["messages"][-1]["content"]
    assert "<rejected>" in retry and "missing or changed: 5" in retry


def test_rewrite_failing_every_attempt_fails_the_corners_with_the_reason(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(Scripting("context-rewrite", 99, changed_numbers))
    family = Cube(StepDerive() >> VisualAugment() >> LLMContext(attempts=2)).expand(problem(TRIANGLE), ctx)
    for corner in ("c", "sc", "vc", "svc"):
        outcome = family.outcomes[Corner(corner)]
        assert outcome.status == "failed" and "rejected 2 times" in outcome.reason and "missing or changed: 5" in outcome.reason
    assert family.outcomes[Corner("sv")].status == "made"


def test_solver_disagreement_is_fed_back(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(Scripting("solve", 1, lambda request, good: Scripted(content='{"reasoning": "", "answer": "9"}')))
    result = LLMContext().run(problem(TRIANGLE), ctx)
    assert [c for c in result.verification if c.method == "solve-back"][0].passed
    retry = [r for r in server.requests if task(r) == "context-rewrite"][1]["messages"][-1]["content"]
    assert "a solver reading the rewrite answered 9, not 7" in retry


def test_the_client_comes_from_the_context_only() -> None:
    with pytest.raises(NotApplicable, match="no LLM endpoint configured"):
        LLMContext().plan(problem(TRIANGLE), Context(), random.Random(0))


def test_solve_back_records_what_the_solver_said_and_replays_it_offline(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(lambda request: Scripted(content='{"reasoning": "", "answer": "7"}'))
    checked = SolveBack().run(problem(TRIANGLE), ctx)
    (applied,) = checked.provenance
    assert applied.params == {"solver": "7", "model": "test-model"} and checked.verification[-1].passed
    assert replay(problem(TRIANGLE), checked.provenance, Context()) == checked


def test_without_solve_back_no_solver_is_asked(llm) -> None:  # type: ignore[no-untyped-def]
    server, ctx = llm(TemplateModel())
    result = LLMContext(solve_back=False).run(problem(TRIANGLE), ctx)
    assert not [r for r in server.requests if task(r) == "solve"]
    assert [c.detail for c in result.verification if c.method == "solve-back"] == ["skipped (--no-solve-back)"]


def test_llm_step_for_text_seeds_evaluates_the_calculation(llm) -> None:  # type: ignore[no-untyped-def]
    def wrong_calculation(request: dict, good: Scripted) -> Scripted:
        reply = json.loads(good.content or "{}")
        return Scripted(content=json.dumps({**reply, "calculation": "previous = 8\nanswer = 3*previous"}))

    server, ctx = llm(Scripting("step-extension", 1, wrong_calculation))
    step = FirstApplicable([StepDerive(), LLMStep()])
    extended = step.run(problem(TEXT), ctx)
    assert extended.answer == "16" and extended.knowledge_points[-1] == "doubling"
    assert {c.method: c.passed for c in extended.verification} == {"calculation": True, "solve-back": True}
    retry = [r for r in server.requests if task(r) == "step-extension"][1]["messages"][-1]["content"]
    assert "the calculation gives answer = 24, not the stated 16" in retry
    assert extended.provenance[-1].transform == "step.llm"  # the wrapper leaves the member in provenance
    assert replay(problem(TEXT), extended.provenance).question == extended.question
    figure = step.run(problem(TRIANGLE), ctx)  # a seed with a figure goes to the derivation engine
    assert figure.provenance[-1].transform == "step.derive"


ESCAPES = [  # what escaped the old Python sandbox (issue 14 D), now carried as "calculations"
    "import _posixsubprocess\n_posixsubprocess.fork_exec(['rm', '{victim}'])",
    "import sys\nsys.modules['__main__']._BLOCKED = ()\nimport os\nos.remove('{victim}')",
    "answer = __import__('os').remove('{victim}')",
    "previous = 8; answer = open('{victim}', 'w')",
]


def test_step_extensions_carrying_code_are_refused_and_nothing_runs(llm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    victim = tmp_path / "victim.txt"
    victim.write_text("still here")
    escapes = iter(ESCAPES)

    def hostile(request: dict, good: Scripted) -> Scripted:
        reply = json.loads(good.content or "{}")
        return Scripted(content=json.dumps({**reply, "calculation": next(escapes).format(victim=victim)}))

    server, ctx = llm(Scripting("step-extension", len(ESCAPES), hostile))
    extended = LLMStep(attempts=len(ESCAPES) + 1).run(problem(TEXT), ctx)  # each refused, then a real one
    assert extended.answer == "16"
    retries = [r["messages"][-1]["content"] for r in server.requests if task(r) == "step-extension"][1:]
    assert len(retries) == len(ESCAPES) and all("the calculation cannot be evaluated" in text for text in retries)
    assert victim.read_text() == "still here"


def test_construction_proposed_for_a_picture(llm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "fig.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    good = {**TRIANGLE["construction"], "givens": [{"expression": "Distance(A,B)", "value": "5"}]}
    wrong = {**good, "commands": ["A=(0,0)", "B=(5,0)", "C=(4,4)", "t=Polygon(A,B,C)"]}
    replies = iter([wrong, good])
    server, ctx = llm(lambda request: Scripted(content=json.dumps(next(replies))))
    seed = problem({k: v for k, v in TRIANGLE.items() if k != "construction"}, images=(str(picture),))
    made = ProposeConstruction().run(seed, ctx)
    assert made.construction is not None and made.construction.target == "Distance(B,C)"
    first = server.requests[0]["messages"][-1]["content"]
    assert first[1]["image_url"]["url"].startswith("data:image/png;base64,")
    assert "evaluates to" in server.requests[1]["messages"][-1]["content"][0]["text"]  # the rejection, fed back
    with pytest.raises(TransformFailed, match="not the answer 7"):
        figure = {k: wrong[k] for k in ("commands", "target")}
        ProposeConstruction().apply(seed, Context(), {"construction": figure, "givens": good["givens"]})


def _rows(out: Path) -> list[dict]:
    return [row for path in sorted((out / "data").glob("*.parquet")) for row in pq.read_table(path).to_pylist()]


@pytest.mark.slow
def test_expand_against_a_failing_endpoint_completes_and_verifies(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    extra = [json.loads(line) for line in EXAMPLES.read_text().splitlines()[:3]]
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE, TEXT, ANGLE, *extra])
    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "cache"))
    faults = Faults(TemplateModel(), rate=0.3, seed=3)
    runner = CliRunner()
    with ChatServer(faults) as server:
        flags = ["--llm-base-url", server.base_url, "--llm-model", "m", "--llm-timeout", "0.5", "--llm-retries", "6"]
        result = runner.invoke(main, ["expand", str(seeds), "-o", str(tmp_path / "out"), *flags])
    assert result.exit_code in (0, 3), result.output
    # mixed failures really happened: several kinds, several times
    assert len(faults.injected) >= 4 and sum(faults.injected.values()) >= 6, faults.injected
    rows = _rows(tmp_path / "out")
    skipped = [json.loads(line) for line in (tmp_path / "out" / "skipped.jsonl").read_text().splitlines()]
    assert all(entry["reason"] for entry in skipped)
    accounted = {(r["family_id"], r["corner"]) for r in rows} | {(s["family_id"], s["corner"]) for s in skipped}
    assert len(accounted) == 6 * 8 == len(rows) + len(skipped)  # every corner made or recorded, nothing lost
    assert sum(r["corner"] in ("c", "sc", "vc", "svc") for r in rows) >= 12
    usage = json.loads((tmp_path / "out" / "manifest.json").read_text())["llm"]["usage"]
    assert usage["retries"] > 0 and usage["requests"] >= usage["calls"] - usage["cache_hits"]
    assert "LLM m:" in result.output
    verified = runner.invoke(main, ["verify", str(tmp_path / "out")])  # replays the recorded rewrites offline
    assert verified.exit_code == 0, verified.output


@pytest.mark.slow
def test_rerun_costs_nothing_from_the_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE, TEXT])
    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    with ChatServer(TemplateModel()) as server:
        flags = ["--llm-base-url", server.base_url, "--llm-model", "m"]
        for out in ("first", "second"):
            result = runner.invoke(main, ["expand", str(seeds), "-o", str(tmp_path / out), *flags])
            assert result.exit_code == 0, result.output
        sent = len(server.requests)
        result = runner.invoke(main, ["expand", str(seeds), "-o", str(tmp_path / "third"), "--refresh", *flags])
    usage = json.loads((tmp_path / "second" / "manifest.json").read_text())["llm"]["usage"]
    assert usage["requests"] == 0 and usage["cache_hits"] == usage["calls"] > 0
    assert [r["question"] for r in _rows(tmp_path / "first")] == [r["question"] for r in _rows(tmp_path / "second")]
    assert len(server.requests) > sent  # --refresh asked again


@pytest.mark.slow
def test_an_aborted_run_keeps_its_finished_families_for_the_rerun(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [json.loads(line) for line in EXAMPLES.read_text().splitlines()[:16]])
    model = TemplateModel()
    answered = []

    def failing_after_20(request: dict) -> Scripted:  # type: ignore[type-arg]
        answered.append(1)
        return model(request) if len(answered) <= 20 else Scripted(status=500)

    runner = CliRunner()
    flags = ["--no-render", "--llm-model", "m", "--llm-retries", "0", "--llm-concurrency", "2"]
    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("VARIANTGEN_LLM_ABORT_MIN_CALLS", "5")
    with ChatServer(failing_after_20) as server:
        result = runner.invoke(
            main, ["expand", str(seeds), "-o", str(tmp_path / "out"), *flags, "--llm-base-url", server.base_url]
        )
    assert result.exit_code == 4, result.output
    assert list((tmp_path / "out" / ".state").glob("partial-*.json"))  # the families made before the abort

    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "empty-cache"))  # nothing from the cache: only stored families count
    with ChatServer(TemplateModel()) as server:
        resumed = runner.invoke(
            main, ["expand", str(seeds), "-o", str(tmp_path / "out"), *flags, "--llm-base-url", server.base_url]
        )
        resumed_requests = len(server.requests)
    assert resumed.exit_code == 0, resumed.output
    assert not list((tmp_path / "out" / ".state").glob("partial-*.json"))
    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "fresh-cache"))
    with ChatServer(TemplateModel()) as server:
        fresh = runner.invoke(
            main, ["expand", str(seeds), "-o", str(tmp_path / "fresh"), *flags, "--llm-base-url", server.base_url]
        )
        fresh_requests = len(server.requests)
    assert fresh.exit_code == 0 and resumed_requests < fresh_requests
    assert [r["question"] for r in _rows(tmp_path / "out")] == [r["question"] for r in _rows(tmp_path / "fresh")]

"""``propose-constructions`` against the real scripted chat server: picture-only seeds gain a
GeoGebra construction when a proposal passes every check (and GeoGebra agrees, when rendering);
wrong and malformed proposals are reported with the reasons; every other line is copied."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from helpers import TEXT, TRIANGLE, started_renderer, write_jsonl
from PIL import Image

from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.io.seeds import read_seeds
from variantgen.llm.config import LLMConfig
from variantgen.llm.errors import RunAborted
from variantgen.llm.propose import propose_command, propose_constructions
from variantgen.llm.testing import ChatServer, Scripted, tagged
from variantgen.llm.transforms import construction_problems
from variantgen.model import Problem

QUESTION = TRIANGLE["question"]  # "In triangle ABC, AB = 5, AC = 8 and ∠BAC = 60°. Find BC."
GIVENS = [{"expression": "Distance(A,B)", "value": "5"}, {"expression": "Angle(B,A,C)", "value": "60°"}]
GOOD = {**TRIANGLE["construction"], "givens": GIVENS}
WRONG = {**GOOD, "commands": ["A=(0,0)", "B=(5,0)", "C=(4,4)", "t=Polygon(A,B,C)"]}


def picture(folder: Path, name: str, color: str = "white") -> str:
    Image.new("RGB", (16, 16), color).save(folder / name)
    return name


def responder(request: dict) -> Scripted:
    """A vision model that draws the triangle right, draws it wrong, or answers in prose,
    depending on how the question asks (the picture must come as a data URL)."""
    content = request["messages"][1]["content"]  # the user's message; a repair request follows it
    assert isinstance(content, list) and content[1]["image_url"]["url"].startswith("data:image/png;base64,")
    problem = tagged(content[0]["text"], "problem") or ""
    if problem.endswith("Find BC."):
        return Scripted(content=json.dumps(GOOD))
    if problem.endswith("What is BC?"):
        return Scripted(content=json.dumps(WRONG))
    return Scripted(content="The figure shows a triangle; I cannot write GeoGebra.")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """Three picture-only seeds (good, wrong, malformed answers), a seed with a construction, a
    text seed, a blank line and a broken line."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    records = [
        {"id": "pic-good", "question": QUESTION, "answer": "7", "image": picture(folder, "good.png")},
        {
            "id": "pic-wrong",
            "question": QUESTION.replace("Find BC.", "What is BC?"),
            "answer": "7",
            "image": picture(folder, "w.png"),
        },
        {
            "id": "pic-prose",
            "question": QUESTION.replace("Find BC.", "Compute BC."),
            "answer": "7",
            "image": picture(folder, "p.png"),
        },
        TRIANGLE,
        TEXT,
        "",
        '{"id": "broken", "question": ',
    ]
    return write_jsonl(folder / "seeds.jsonl", records)


def config(server: ChatServer, tmp_path: Path) -> LLMConfig:
    return LLMConfig(base_url=server.base_url, model="vision", cache_dir=str(tmp_path / "cache"), backoff_base=0.01)


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_good_wrong_and_malformed_proposals(seeds: Path, tmp_path: Path) -> None:
    dest = seeds.with_name("new.jsonl")
    with ChatServer(responder) as server:
        result = propose_constructions(seeds, dest, config(server, tmp_path))
    assert (result.accepted, result.rejected, result.failed, result.invalid, result.candidates) == (1, 1, 1, 1, 3)
    assert result.exit_code == 3 and result.rendered == 0
    old, new = lines(seeds), lines(dest)
    assert len(old) == len(new) and old[1:] == new[1:]  # every other line copied byte for byte
    accepted = json.loads(new[0])
    assert accepted["construction"] == TRIANGLE["construction"] and accepted["image"] == "good.png"
    assert accepted["meta"]["proposed_construction"]["model"] == "vision"
    assert accepted["meta"]["proposed_construction"]["geogebra_checked"] is False
    seed = next(item.problem for item in read_seeds(dest) if item.problem and item.problem.id == "pic-good")
    assert seed.construction is not None and cached_evaluate(seed.construction).target == 7  # a construction seed now

    report = {entry["id"] or f"line {entry['line']}": entry for entry in map(json.loads, result.report.read_text().splitlines())}
    assert set(report) == {"pic-wrong", "pic-prose", "line 7"}
    wrong = report["pic-wrong"]
    assert wrong["status"] == "rejected" and len(wrong["attempts"]) == 3
    assert "its target Distance(B,C) evaluates to sqrt(17), not the answer 7" in wrong["reason"]
    assert any("the question states AC = 8" in problem for problem in wrong["attempts"][0])
    assert report["pic-prose"]["status"] == "failed" and "no valid JSON" in report["pic-prose"]["reason"]
    assert report["line 7"]["status"] == "invalid" and "malformed JSON" in report["line 7"]["reason"]
    retries = [r for r in server.requests if tagged(r["messages"][1]["content"][0]["text"], "problem").endswith("What is BC?")]
    assert len(retries) == 3 and "was rejected" in retries[1]["messages"][-1]["content"][0]["text"]  # reasons fed back


def test_command_line_and_a_rerun_from_the_cache(seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARIANTGEN_CACHE", str(tmp_path / "cache"))
    dest = tmp_path / "new.jsonl"  # another folder than the seeds': the picture paths move with them
    runner = CliRunner()
    with ChatServer(responder) as server:
        flags = ["--llm-base-url", server.base_url, "--llm-model", "vision", "--no-render"]
        first = runner.invoke(propose_command, [str(seeds), "-o", str(dest), *flags])
        sent = len(server.requests)
        again = runner.invoke(propose_command, [str(seeds), "-o", str(dest), *flags])
        offline = runner.invoke(propose_command, [str(seeds), "-o", str(dest), "--no-render"])
    assert first.exit_code == 3, first.output
    assert "1 accepted" in first.output and "1 rejected, 1 failed" in first.output
    accepted = json.loads(lines(dest)[0])
    assert accepted["image"] == "seeds/good.png"
    assert again.exit_code == 3 and "1 accepted" in again.output
    assert len(server.requests) - sent == 3  # only the prose answers (never cached) are asked again
    assert offline.exit_code == 2 and "needs an LLM endpoint" in offline.output


def test_relocated_paths_stay_inside_the_new_folder(seeds: Path, tmp_path: Path) -> None:
    with ChatServer(responder) as server:
        result = propose_constructions(seeds, tmp_path / "new.jsonl", config(server, tmp_path))
        with pytest.raises(ValueError, match="outside the folder of the new seeds file"):
            propose_constructions(seeds, seeds.parent / "deeper" / "new.jsonl", config(server, tmp_path))
    assert result.accepted == 1
    moved = [item.problem for item in read_seeds(tmp_path / "new.jsonl") if item.problem]
    assert {p.id: Path(p.images[0]).name for p in moved if p.images} == {
        "pic-good": "good.png",
        "pic-wrong": "w.png",
        "pic-prose": "p.png",
    }


def test_geogebra_disagreeing_rejects_the_proposal(seeds: Path, tmp_path: Path) -> None:
    drawn = []

    class Disagrees:
        def render(self, construction: Construction) -> SimpleNamespace:
            drawn.append(construction)
            return SimpleNamespace(agrees=False, detail="GeoGebra computes Distance(B,C) = 7.5")

    with ChatServer(responder) as server:
        result = propose_constructions(seeds, seeds.with_name("new.jsonl"), config(server, tmp_path), renderer=Disagrees())
    assert result.accepted == 0 and result.rejected == 2 and len(drawn) == 3  # the good one, drawn at each attempt
    report = {entry["id"]: entry for entry in map(json.loads, result.report.read_text().splitlines())}
    assert "GeoGebra draws it, but does not agree: GeoGebra computes Distance(B,C) = 7.5" in report["pic-good"]["reason"]


def test_stated_lengths_and_angles_must_hold_in_the_construction() -> None:
    problem = Problem("p", QUESTION, "7")
    # BC = 7 and AB = 5 as the model claims, but AC = sqrt(74) and the angle at A is 90°
    sneaky = {"commands": ["A=(0,0)", "B=(5,0)", "C=(0,7)", "t=Polygon(A,B,C)"], "target": "Distance(B,C)"}
    problems = construction_problems(problem, sneaky, [{"expression": "Distance(A,B)", "value": "5"}])
    assert any("AC = 8" in p for p in problems) and any("∠BAC = 60°" in p for p in problems)
    mirrored = {"commands": ["A=(0,0)", "B=(5,0)", "C=(4,-4*sqrt(3))", "t=Polygon(A,B,C)"], "target": "Distance(B,C)"}
    assert construction_problems(problem, mirrored, GIVENS[:1]) == []  # the angle counts either way round


try:
    from variantgen.render import PoolOptions, RenderSetupError, find_browser, find_bundle

    find_browser(), find_bundle()
    NO_RENDERING = None
except (ImportError, RenderSetupError) as exc:
    NO_RENDERING = f"rendering is not installed ({exc}); run ./install.sh"


@pytest.mark.browser
@pytest.mark.skipif(NO_RENDERING is not None, reason=NO_RENDERING or "")
def test_geogebra_draws_and_agrees_with_the_accepted_construction(seeds: Path, tmp_path: Path) -> None:
    options = PoolOptions(pages=1, width=300, height=225)
    with ChatServer(responder) as server, started_renderer(options=options, cache=tmp_path / "renders") as renderer:
        result = propose_constructions(seeds, seeds.with_name("new.jsonl"), config(server, tmp_path), renderer=renderer)
        drawn = renderer.rendered + renderer.cached
    assert result.accepted == 1 and result.rendered == 1 and drawn == 1
    accepted = json.loads(lines(seeds.with_name("new.jsonl"))[0])
    assert accepted["meta"]["proposed_construction"]["geogebra_checked"] is True


def test_an_aborted_run_still_writes_what_it_finished(seeds: Path, tmp_path: Path) -> None:
    def failing(request: dict) -> Scripted:
        good = responder(request)
        return good if json.loads(good.content or "null") == GOOD else Scripted(status=500)

    dest = seeds.with_name("new.jsonl")
    with ChatServer(failing) as server:
        settings = {"retries": 0, "abort_min_calls": 2, "error_rate_abort": 0.5, "concurrency": 1}
        with pytest.raises(RunAborted) as aborted:
            propose_constructions(seeds, dest, LLMConfig(**{**vars(config(server, tmp_path)), **settings}))
    result = aborted.value.result  # type: ignore[attr-defined]
    assert (result.accepted, result.failed, result.not_attempted, result.exit_code) == (1, 1, 1, 4)
    assert json.loads(lines(dest)[0])["construction"] == TRIANGLE["construction"]  # finished work is kept
    assert lines(dest)[1:] == lines(seeds)[1:]
    statuses = [json.loads(line)["status"] for line in result.report.read_text().splitlines()]
    assert statuses == ["failed", "not-attempted", "invalid"]

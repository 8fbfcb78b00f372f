"""variantgen audit and dedup: a scripted solver of known accuracy per corner over a real loopback
OpenAI-compatible server, planted inverted families, planted near duplicates and benchmark copies."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from variantgen.audit.dedup import Benchmark, contaminated, entries, near_duplicates
from variantgen.audit.ladder import wilson
from variantgen.audit.signals import LEVEL, row_signals, summarise
from variantgen.cli import main
from variantgen.io.parquet import iter_rows, write_rows
from variantgen.io.rows import FEATURES
from variantgen.llm.testing import ChatServer, Scripted

CORNERS = ("base", "s", "v", "c", "sv", "sc", "vc", "svc")
#: The scripted solver's accuracy per corner: the truth the audit must recover.
TRUTH = {"base": 0.9, "s": 0.7, "v": 0.8, "c": 0.75, "sv": 0.55, "sc": 0.5, "vc": 0.6, "svc": 0.35}
PLANTED = {"fam-03", "fam-11"}  # base never solved, s always: an inverted step
SAMPLES = 8


def _picture(shift: int) -> dict:
    image = Image.new("RGB", (64, 48), "white")
    ImageDraw.Draw(image).polygon([(8 + shift, 40), (56, 40), (30, 6)], outline="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"bytes": buffer.getvalue(), "path": None}


def _row(family: str, corner: str, question: str, answer: str, kps: list[str], image: dict | None = None, steps: int = 0) -> dict:
    return {
        "question_id": f"{family}-{corner}",
        "question": question,
        "image": image,
        "difficulty": corner,
        "knowledge points": kps,
        "idx": family,
        "answer": answer,
        "family_id": family,
        "corner": corner,
        "provenance": "{}",
        "verification": "[]",
        "construction": json.dumps({"commands": ["A=(0,0)"] * (1 + LEVEL.get(corner, 0)), "target": "1"}),
        "solution": json.dumps([{"text": "step"}] * steps),
        "choice": None,
    }


def _ladder_out(tmp_path: Path, families: int = 24) -> Path:
    rows = []
    for f in range(families):
        family = f"fam-{f:02d}"
        for corner in CORNERS:
            stepped = corner.startswith("s")  # s, sv, sc, svc
            kps = ["pythagorean-theorem"] + (["law-of-cosines"] if stepped else [])
            image = _picture(f % 3) if corner == "v" and f == 0 else None
            question = f"Problem {family}/{corner}: how much is {f} + {len(corner)}?"
            rows.append(_row(family, corner, question, str(f + len(corner)), kps, image, steps=3 * stepped))
    out = tmp_path / "out"
    write_rows(rows, out, FEATURES)
    return out


def _right(text: str, sample: int, p: float) -> bool:
    """Right with probability ``p``, spread evenly: a row's samples walk a golden-ratio sequence
    from a start its text decides, so a corner's share of right answers is ``p`` up to rounding."""
    start = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return (start + sample * 0.6180339887498949) % 1.0 < p


class ScriptedSolver:
    """Answers right with the corner's TRUTH probability (decided by the question and the sample's
    arrival number, so reruns agree); the planted families invert base and s."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = defaultdict(int)

    def __call__(self, request: dict) -> Scripted:
        content = request["messages"][-1]["content"]
        text = content if isinstance(content, str) else next(part["text"] for part in content if part["type"] == "text")
        family, corner, a, b = re.search(r"Problem (fam-\d+)/(\w+): how much is (\d+) \+ (\d+)", text).groups()
        sample = self.seen[text]
        self.seen[text] += 1
        right = _right(text, sample, TRUTH[corner])
        if family in PLANTED and corner in ("base", "s"):
            right = corner == "s"
        answer = int(a) + int(b) if right else -999
        return Scripted(content=f"Adding the two numbers. The answer is \\boxed{{{answer}}}.")


def test_wilson_interval():
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(8, 8)[0] == pytest.approx(0.6756, abs=1e-4)


def test_the_audit_recovers_a_scripted_solvers_accuracy_and_the_planted_inversions(tmp_path):
    out = _ladder_out(tmp_path)
    solver = ScriptedSolver()
    with ChatServer(solver) as server:
        args = ["audit", str(out), "--llm-base-url", server.base_url, "--llm-model", "text-model", "--vision-model", "vlm"]
        args += ["--samples", str(SAMPLES), "--llm-cache", str(tmp_path / "cache"), "--drop", str(tmp_path / "kept")]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        pictures = [r for r in server.requests if not isinstance(r["messages"][-1]["content"], str)]
        assert pictures and all(r["model"] == "vlm" for r in pictures)  # the row with a figure went to the vision model
        assert all(r["model"] == "text-model" for r in server.requests if r not in pictures)
    found = json.loads((out / "audit" / "audit.json").read_text())["ladder"]
    for corner, truth in TRUTH.items():
        if corner in ("base", "s"):
            continue  # the planted families move these two on purpose
        low, high = found["corners"][corner]["ci95"]
        assert low <= truth <= high, (corner, found["corners"][corner])
    assert set(found["inverted_families"]) == PLANTED
    assert set(found["never_solved_base"]) >= PLANTED
    assert [t["corner"] for t in found["trajectory"]] == ["base", "s", "sv", "svc"]
    assert found["knowledge_points"]["law-of-cosines"]["accuracy"] < found["knowledge_points"]["pythagorean-theorem"]["accuracy"]
    kept = {row["family_id"] for row in iter_rows(tmp_path / "kept")}
    assert kept.isdisjoint(PLANTED) and len(kept) == 24 - len(set(found["never_solved_base"]) | PLANTED)
    page = CliRunner().invoke(main, ["report", str(out)])
    assert page.exit_code == 0, page.output
    index = (out / "report" / "index.html").read_text()
    assert 'id="chart-accuracy"' in index and all(f"{family}: s 1.00 &gt; base 0.00" in index for family in PLANTED)
    # A rerun asks nothing: every sample comes from the cache.
    with ChatServer(ScriptedSolver()) as again:
        args[args.index("--llm-base-url") + 1] = again.base_url
        assert CliRunner().invoke(main, args[:-2]).exit_code == 0
        assert again.requests == []


def test_offline_signals_follow_the_ladder(tmp_path):
    out = _ladder_out(tmp_path, families=4)
    signals = [row_signals(row) for row in iter_rows(out)]
    summary = summarise(signals)
    assert summary["corners"]["svc"]["knowledge_points"] == 2 and summary["corners"]["base"]["knowledge_points"] == 1
    assert summary["agreement"]["derivation_depth"]["families_never_falling"] == 1.0
    assert summary["agreement"]["figure_objects"]["spearman_with_level"] > 0.9
    result = CliRunner().invoke(main, ["audit", str(out)])  # offline: the signals only
    assert result.exit_code == 0 and "ladder ρ" in result.output
    assert json.loads((out / "audit" / "audit.json").read_text()).keys() == {"signals"}


_ORIGINALS = [
    "In triangle ABC, AB = 5, AC = 8 and the angle BAC = 60°. Find the length of BC.",
    "A rectangle has a length of 12 cm and a width of 5 cm. Find the length of its diagonal.",
    "The radius of circle O is 5 and the chord AB has length 8. Find the distance from O to AB.",
    "In parallelogram ABCD, the angle DAB = 117°. Find the measure of the angle ABC.",
    "A train travels 240 km in 3 hours. At this speed, how far does it travel in 5 hours?",
    "The function f(x) = x^2 - 6x + 5 is graphed. Find the minimum value of f(x).",
    "In right triangle ABC with the right angle at C, AC = 6 and BC = 8. Find the area of the triangle.",
    "Two numbers add up to 50 and differ by 12. What is the larger of the two numbers?",
    "PA is tangent to circle O at A. The radius of the circle is 3 and OP = 5. Find PA.",
    "The sides of an isosceles triangle are 10, 10 and 12. Find the height drawn to the base.",
]
#: Copies as a contaminated set holds them: renumbered, relettered, a word changed, a sentence added.
_COPIES = [
    "In triangle PQR, PQ = 7, PR = 9 and the angle QPR = 60°. Find the length of QR.",
    "A rectangle has a length of 15 cm and a width of 8 cm. Find the length of its diagonal.",
    "The radius of circle M is 13 and the chord CD has length 10. Find the distance from M to CD.",
    "In parallelogram EFGH, the angle HEF = 110°. Find the measure of the angle EFG.",
    "A train travels 300 km in 4 hours. At this speed, how far will it travel in 6 hours?",
    "The function g(x) = x^2 - 4x + 3 is graphed. Find the minimum value of g(x).",
    "In right triangle DEF with the right angle at F, DF = 5 and EF = 12. Find the area of the triangle.",
    "Two numbers add up to 80 and differ by 20. What is the larger of the two numbers?",
    "QB is tangent to circle O at B. The radius of the circle is 6 and OQ = 10. Find QB.",
    "Look at the figure. The sides of an isosceles triangle are 13, 13 and 10. Find the height drawn to the base.",
]
_OTHERS = [
    "Solve for x: 3x + 7 = 25.",
    "Find the circumference of a circle whose diameter is 14.",
    "A cone has radius 3 and height 4. Find its slant height.",
    "The mean of five numbers is 12. Four of them are 10, 11, 13 and 14. Find the fifth.",
    "How many diagonals does a convex hexagon have?",
    "Evaluate the integral of 2x from 0 to 3.",
    "Find the slope of the line through (1, 2) and (4, 11).",
    "A square has a perimeter of 36. What is its area?",
]


def test_dedup_finds_planted_near_duplicates_and_benchmark_copies(tmp_path):
    rows = [_row(f"orig-{i}", "base", q, "1", [], _picture(0)) for i, q in enumerate(_ORIGINALS)]
    rows += [_row(f"copy-{i}", "base", q, "1", [], _picture(1)) for i, q in enumerate(_COPIES)]  # the figure restyled
    rows += [_row(f"other-{i}", "base", q, "1", [], None) for i, q in enumerate(_OTHERS)]
    rows += [_row("orig-0", "c", _ORIGINALS[0], "1", [])]  # the family's own corners share its text: no duplicate
    pairs = near_duplicates(entries(rows))
    found = {(p["duplicate_of"], p["question_id"]) for p in pairs}
    planted = {(f"orig-{i}-base", f"copy-{i}-base") for i in range(len(_ORIGINALS))}
    precision, recall = len(found & planted) / max(1, len(found)), len(found & planted) / len(planted)
    assert precision >= 0.9 and recall >= 0.9, (found - planted, planted - found)

    ours = [_row(f"gen-{i}", "base", q, "1", []) for i, q in enumerate(_COPIES + _OTHERS)]
    copies = contaminated(entries(ours), [Benchmark("bench", _ORIGINALS + ["Find the volume of a cube of side 3."])])
    flagged = {c["question_id"] for c in copies}
    planted_copies = {f"gen-{i}-base" for i in range(len(_COPIES))}
    precision, recall = len(flagged & planted_copies) / max(1, len(flagged)), len(flagged & planted_copies) / len(planted_copies)
    assert precision >= 0.9 and recall >= 0.9, (flagged - planted_copies, planted_copies - flagged)
    assert all(_ORIGINALS[c["benchmark_row"]] == c["benchmark_question"] for c in copies)


def test_dedup_command_writes_its_findings_and_a_filtered_copy(tmp_path):
    rows = [_row(f"orig-{i}", "base", q, "1", []) for i, q in enumerate(_ORIGINALS[:3])]
    rows += [_row("copy-0", "base", _COPIES[0], "1", []), _row("other-0", "base", _OTHERS[0], "1", [])]
    out = tmp_path / "out"
    write_rows(rows, out, FEATURES)
    bench = tmp_path / "bench.jsonl"
    bench.write_text(json.dumps({"question": _OTHERS[0]}) + "\n")
    result = CliRunner().invoke(main, ["dedup", str(out), "--against", str(bench), "--drop", str(tmp_path / "clean")])
    assert result.exit_code == 0, result.output
    findings = json.loads((out / "dedup" / "dedup.json").read_text())
    assert [p["question_id"] for p in findings["near_duplicates"]] == ["copy-0-base"]
    assert [c["question_id"] for c in findings["contaminated"]] == ["other-0-base"]
    assert {r["question_id"] for r in iter_rows(tmp_path / "clean")} == {"orig-0-base", "orig-1-base", "orig-2-base"}
    assert json.loads((tmp_path / "clean" / "filtered.json").read_text())["check"] == "dedup"
    assert CliRunner().invoke(main, ["report", str(out)]).exit_code == 0
    assert "copy-0-base ≈ orig-0-base" in (out / "report" / "index.html").read_text()

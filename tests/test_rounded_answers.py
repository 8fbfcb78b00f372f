"""Rounded answers: "Round to the nearest tenth." (or a seed's ``rounding``) makes 5.7 the answer
for 10·sin 35°, checked to that precision, and rewrites keep the instruction."""

from __future__ import annotations

import pytest
from helpers import write_jsonl

from variantgen.checks import answer_checks
from variantgen.construction import Construction
from variantgen.io.seeds import read_seeds
from variantgen.model import Problem
from variantgen.text.rounding import decimals_asked

RIGHT_35 = Construction(("A=(0,0)", "P=(10,0)", "B=Rotate(P,35°,A)", "C=(x(B),0)", "t=Polygon(A,B,C)"), "Distance(B,C)")
QUESTION = "In right triangle ABC, ∠C = 90°, ∠A = 35° and AB = 10. Find BC."


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Round your answer to two decimal places.", 2),
        ("Round to the nearest tenth.", 1),
        ("Give your answer correct to 3 d.p.", 3),
        ("Round to the nearest whole number.", 0),
        ("Round your answer to the nearest degree.", 0),
        ("Find BC.", None),
    ],
)
def test_the_places_a_question_asks_for(text: str, places: int | None) -> None:
    assert decimals_asked(text) == places


@pytest.mark.parametrize(
    ("instruction", "answer", "passed"),
    [
        (" Round to the nearest tenth.", "5.7", True),  # 10·sin 35° = 5.7358…
        (" Round to the nearest tenth.", "5.8", False),
        (" Round to the nearest tenth.", "5.74", False),  # more places than asked
        (" Round your answer to two decimal places.", "5.74", True),
        ("", "5.7", False),  # no rounding asked: the exact value is the answer
    ],
)
def test_a_rounded_answer_is_checked_to_its_precision(instruction: str, answer: str, passed: bool) -> None:
    checks = answer_checks(Problem("r", QUESTION + instruction, answer, construction=RIGHT_35))
    assert checks[0].passed is passed
    if passed:
        assert checks[0].method == "rounded" and "≈ 5.73" in checks[0].detail


def test_an_angle_is_rounded_in_degrees() -> None:
    figure = Construction(("C=(0,0)", "A=(7,0)", "B=(0,3)", "t=Polygon(A,B,C)"), "Angle(B,A,C)")  # atan(3/7) = 23.198…°
    question = "In right triangle ABC, ∠C = 90°, AC = 7 and BC = 3. Find ∠BAC to the nearest degree."
    assert answer_checks(Problem("a", question, "23°", construction=figure))[0].passed
    assert not answer_checks(Problem("a", question, "24°", construction=figure))[0].passed


def test_a_seed_may_state_its_rounding_as_a_field(tmp_path) -> None:
    seed = {"id": "r", "question": QUESTION, "answer": "5.736", "rounding": 3, "construction": RIGHT_35.to_dict()}
    bad = {**seed, "id": "bad", "rounding": "two"}
    (good, wrong) = read_seeds(write_jsonl(tmp_path / "seeds.jsonl", [seed, bad]))
    assert good.problem is not None and good.problem.meta["rounding"] == 3
    assert answer_checks(good.problem)[0].passed
    assert wrong.error is not None and wrong.error.field == "rounding"

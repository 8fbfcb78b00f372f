"""Questions as people write them: conditions, blanks, "Hence", figure openings, "Solve for",
instructions after the question, a phrase before it, LaTeX."""

from __future__ import annotations

import pytest

from variantgen.text.question import QuestionParts, split_question


@pytest.mark.parametrize(
    ("question", "stem", "ask"),
    [
        (
            "If the radius of each circle is 4, what is the area of the square?",
            "The radius of each circle is 4.",
            "What is the area of the square?",
        ),
        (
            "In triangle ABC, AD bisects ∠BAC and AE is the altitude. If ∠B = 40° and ∠C = 70°, then the measure of ∠EAD is ( ).",
            "In triangle ABC, AD bisects ∠BAC and AE is the altitude. ∠B = 40° and ∠C = 70°.",
            "Find the measure of ∠EAD.",
        ),
        (
            "As shown in the figure, in circle O, AB is a diameter and ∠ABC = 64°. Hence, find the measure of ∠BAC.",
            "In circle O, AB is a diameter and ∠ABC = 64°.",
            "Find the measure of ∠BAC.",
        ),
        (
            "In right triangle ABC, ∠C = 90°, AC = 3 and BC = 4. Then AB = ____.",
            "In right triangle ABC, ∠C = 90°, AC = 3 and BC = 4.",
            "Find AB.",
        ),
        ("Given that AB = 6 and BC = 8, find AC.", "AB = 6 and BC = 8.", "Find AC."),
        ("In triangle ABC, AB = 5. Find BC.", "In triangle ABC, AB = 5.", "Find BC."),  # as before
        (
            "A rectangle has a length of 12 cm and a width of 5 cm. The length of its diagonal is ( ) cm.",
            "A rectangle has a length of 12 cm and a width of 5 cm.",
            "Find the length of its diagonal in cm.",
        ),
        ("Solve for the unknown w: 3w + 7 = 25.", "3w + 7 = 25.", "Find w."),
        (
            "Find the slope of the line passing through (1, 2) and (4, 11).",
            "A line passes through (1, 2) and (4, 11).",
            "Find the slope of the line.",
        ),
        (
            "In right triangle ABC, ∠C = 90°, AB = 10 and BC = 6. Solve for AC.",
            "In right triangle ABC, ∠C = 90°, AB = 10 and BC = 6.",
            "Find AC.",
        ),
        ("What is the value of x if 2x + 5 = 17?", "2x + 5 = 17.", "What is the value of x?"),
        (
            "A train travels 240 km in 3 hours. At this speed, how far does it travel in 5 hours?",
            "A train travels 240 km in 3 hours.",
            "How far does it travel in 5 hours at this speed?",
        ),
        (
            "A circle has a radius of 3 cm. Find its area. Round your answer to two decimal places.",
            "A circle has a radius of 3 cm.",
            "Find its area.",
        ),
    ],
)
def test_everyday_phrasing_is_read_as_givens_and_one_question(question: str, stem: str, ask: str) -> None:
    assert split_question(question) == QuestionParts(stem, ask)


def test_a_statement_without_a_question_is_still_not_split() -> None:
    assert split_question("If AB = 4, the triangle is isosceles.") is None


def test_instructions_after_the_question_are_kept_by_a_rewrite() -> None:
    from variantgen.model import Problem
    from variantgen.transforms.base import Context
    from variantgen.transforms.builtin import ScenarioContext

    seed = Problem("round", "A circle has a radius of 3 cm. Find its area. Round your answer to two decimal places.", "28.27")
    rewritten = ScenarioContext()(seed, Context(seed=0)).question
    assert rewritten.endswith("find its area. Round your answer to two decimal places."), rewritten


@pytest.mark.parametrize(
    ("ask", "wanted"),
    [
        ("How many sides does the polygon have?", "work out how many sides the polygon has."),
        ("How many marbles does Sam have left?", "work out how many marbles Sam has left."),
        ("How many kilometres can it travel on a full tank?", "work out how many kilometres it can travel on a full tank."),
        ("How high up the wall does the ladder reach?", "work out how high up the wall the ladder reaches."),
    ],
)
def test_how_questions_become_indirect_questions(ask: str, wanted: str) -> None:
    from variantgen.text.grammar import as_request

    assert as_request(ask) == wanted


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"In $\triangle ABC$, $\angle A = 50^\circ$. Find $\angle C$.", "In △ABC, ∠A = 50°. Find ∠C."),
        (r"If $AB = \frac{3}{2}$ and $BC = \sqrt{3}$, find $\frac{AB+1}{BC}$.", "If AB = 3/2 and BC = √3, find (AB+1)/BC."),
        (r"In \(\odot O\), $AB \parallel CD$ and $2\pi r = 6$.", "In ⊙O, AB ∥ CD and 2πr = 6."),
        ("A shirt costs $40 and a hat $15. Find the total.", "A shirt costs $40 and a hat $15. Find the total."),
    ],
)
def test_latex_is_read_as_plain_text(latex: str, plain: str) -> None:
    from variantgen.text.latex import plain_text

    assert plain_text(latex) == plain


def test_multiple_choice_keeps_its_options_and_answers_with_content_and_letter(tmp_path) -> None:
    from helpers import write_jsonl

    from variantgen.io.rows import to_row
    from variantgen.io.seeds import read_seeds
    from variantgen.model import Variant
    from variantgen.text.choices import split_choices

    question = "In triangle ABC, ∠A = 50° and ∠B = 60°. What is the measure of ∠C?\nChoices:\nA. 60°\nB. 70°\nC. 80°\nD. 90°"
    assert split_choices(question)[1] == (("A", "60°"), ("B", "70°"), ("C", "80°"), ("D", "90°"))
    assert split_question(question) == QuestionParts("In triangle ABC, ∠A = 50° and ∠B = 60°.", "What is the measure of ∠C?")
    seeds = [{"id": "mc", "question": question, "answer": "B"}, {"id": "bad", "question": question, "answer": "E"}]
    good, bad = read_seeds(write_jsonl(tmp_path / "seeds.jsonl", seeds))
    assert good.problem is not None and good.problem.answer == "70°"
    assert bad.error is not None and bad.error.field == "answer" and "none of the options" in bad.error.reason
    row = to_row(Variant(good.problem, "mc", "base", "mc-base"), {})
    assert row["choice"] == "B" and row["answer"] == "70°"
    stepped = good.problem.replace(
        question="In triangle ABC, ∠A = 50° and ∠B = 60°. Find the exterior angle at C.", answer="110°"
    )
    assert to_row(Variant(stepped, "mc", "s", "mc-s"), {})["choice"] is None  # a new answer is asked in open form


def test_chinese_is_split_reworded_in_chinese_and_not_stepped_in_english() -> None:
    from variantgen.construction import Construction
    from variantgen.model import Problem
    from variantgen.transforms.base import Context, NotApplicable
    from variantgen.transforms.builtin import ScenarioContext, StepDerive

    question = "如图，在△ABC中，AD是角平分线，AE是高．若∠B＝40°，∠C＝70°，则∠EAD的度数为多少？"
    assert split_question(question) == QuestionParts("在△ABC中，AD是角平分线，AE是高．∠B＝40°，∠C＝70°。", "∠EAD的度数为多少？")
    assert split_question("已知圆的半径为5，求圆的周长。") == QuestionParts("圆的半径为5。", "求圆的周长。")
    figure = Construction(("A=(0,0)", "B=(4,0)", "C=(0,3)", "t=Polygon(A,B,C)"), "Distance(B,C)")
    seed = Problem("zh", "在△ABC中，∠A＝90°，AB＝4，AC＝3，求BC的长。", "5", construction=figure)
    with pytest.raises(NotApplicable, match="in Chinese"):
        StepDerive()(seed, Context())  # its sentences are English
    rewritten = {ScenarioContext()(seed, Context(seed=k)).question for k in range(6)}
    assert len(rewritten) > 1  # Chinese scenarios, the givens and the ask kept word for word
    assert all("在△ABC中，∠A＝90°，AB＝4，AC＝3。" in q and "BC的长" in q for q in rewritten), rewritten

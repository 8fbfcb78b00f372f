"""Questions as people write them: conditions, blanks, "Hence", figure openings."""

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
    ],
)
def test_everyday_phrasing_is_read_as_givens_and_one_question(question: str, stem: str, ask: str) -> None:
    assert split_question(question) == QuestionParts(stem, ask)


def test_a_statement_without_a_question_is_still_not_split() -> None:
    assert split_question("If AB = 4, the triangle is isosceles.") is None

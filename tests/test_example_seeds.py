"""examples/seeds.jsonl: every answer is right, computed here from the givens stated in the question,
independently of the construction; and every construction evaluates to that same answer."""

from __future__ import annotations

import json

import pytest
import sympy
from helpers import EXAMPLES

from variantgen.answers import answers_equal, parse_answer
from variantgen.construction import Construction, evaluate

sqrt, pi, R, sin = sympy.sqrt, sympy.pi, sympy.Rational, sympy.sin
x = sympy.Symbol("x")


def heron(a, b, c):
    s = R(a + b + c, 2)
    return sqrt(s * (s - a) * (s - b) * (s - c))


#: id → the answer worked out from the question's text (textbook formulas, not the figure).
EXPECTED = {
    "tri-001": sqrt(5**2 + 8**2 - 2 * 5 * 8 * sympy.cos(pi / 3)),  # law of cosines
    "tri-002": R(1, 2) * 12 * sqrt(10**2 - 6**2),
    "tri-003": pi - pi / 6 - 2 * pi / 3,
    "tri-004": sqrt(3) / 4 * 6**2,
    "tri-005": 2 * heron(13, 14, 15) / 14,
    "tri-006": heron(7, 9, 8),
    "tri-007": sqrt((3 - 1) ** 2 + (0 - 5) ** 2),
    "tri-008": R(10 * 6, 6 + 9),  # angle bisector theorem: BD/DC = AB/AC
    "rt-001": sqrt(6**2 + 8**2),
    "rt-002": sqrt(13**2 - 5**2),
    "rt-003": 4 / sin(pi / 6),
    "rt-004": R(4, 5),
    "rt-005": 5 * sqrt(2),
    "rt-006": 10 * sin(pi / 3),
    "circ-001": sqrt(5**2 - 4**2),
    "circ-002": pi / 2,
    "circ-003": sqrt(5**2 - 3**2),
    "circ-004": 10 * pi,
    "circ-005": pi * (3**2 + 4**2),
    "circ-006": sqrt(6**2 + 6**2 - 2 * 6 * 6 * sympy.cos(2 * pi / 3)),
    "circ-007": pi / 3,  # OA = OB = AB: an equilateral triangle
    "quad-001": sqrt(8**2 + 6**2),
    "quad-002": 10 * 6 * sin(pi / 6),
    "quad-003": sqrt(12**2 + 5**2),
    "quad-004": R(10 + 6, 2) * 4,
    "quad-005": 5 * sqrt(2),
    "sim-001": R(9 * 4, 4 + 2),
    "sim-002": R(24, 4),
    "sim-003": R(2 * 12, 3),
    "coord-001": sqrt(3**2 + 4**2),
    "coord-002": R(-1 - 3, 6 + 2),
    "coord-003": R(6 * 5, 2),
    "func-001": sympy.solve(2 * x - 4, x)[0],
    "func-002": (x**2 - 6 * x + 5).subs(x, 3),
    "func-003": 2**5,
    "func-004": 3 * sin(pi / 6) + 1,
    "func-005": max(sympy.solve(x**2 - x - 6, x)),
    "func-006": 2 * sympy.solve(2 * x + 1 - (-x + 7), x)[0] + 1,
    "func-007": sympy.integrate(x**2, (x, 0, 3)),
    "text-001": R(2, 3) * 12,
    "text-002": R(41 + 1, 2),
    "text-003": 6 * 18,  # width w: 2(3w + w) = 48 → w = 6
    "text-004": R(22 - 7, 3),
    "solid-001": sqrt(4**2 + 3**2 + 12**2),  # the cuboid's diagonal
    "solid-002": sqrt(3**2 + 4**2),  # the cone's slant height
    "solid-003": sqrt(4**2 + 3**2),  # the slant height: PO = 4, OM = AB/2 = 3
    "solid-004": R(30, 2 * 3),  # 2πrh = 30π
    "solid-005": 2 * sqrt(2),  # a square's diagonal
    "solid-006": sqrt(R(36, 4)),  # 4πR² = 36π
    "solid-007": sqrt(3**2 + 4**2),  # the base's hypotenuse
    "solid-008": sqrt(12**2 + 3**2 + 4**2),  # PA ⊥ the base: PC² = PA² + AC²
    "solid-009": sqrt(5**2 - 3**2),  # the oblique prism's height: EO ⊥ AO in triangle AOE
    "solid-010": sqrt(17 - (6 * sqrt(2) - 2 * sqrt(2)) ** 2 / 4),  # the frustum's height: AM = (AC − EG)/2
    "solid-011": sqrt(5**2 - 3**2),  # the sphere's section: r² = R² − d²
    "solid-012": 3 * 28 / (16 + 4 + 1),  # the cone's frustum: V = ⅓πh(R² + Rr + r²)
    "conic-001": 2 * sqrt(9 + 16),  # c² = a² + b²
    "conic-002": 2 * 5 - 4,  # PF + PG = 2a
    "conic-003": 5 - 1,  # PF = y + p/2 on x² = 2py with p = 2
}


def seeds() -> list[dict]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_examples_cover_the_promised_topics():
    records = seeds()
    prefixes = {r["id"].split("-")[0] for r in records}
    assert len(records) >= 30
    assert {"tri", "rt", "circ", "quad", "sim", "coord", "func", "text", "solid", "conic"} <= prefixes
    assert set(EXPECTED) == {r["id"] for r in records}


@pytest.mark.parametrize("record", seeds(), ids=lambda r: r["id"])
def test_answer_is_right(record):
    stated = parse_answer(record["answer"])
    assert sympy.simplify(stated - EXPECTED[record["id"]]) == 0, (record["answer"], EXPECTED[record["id"]])
    if "construction" in record:
        evaluation = evaluate(Construction.from_dict(record["construction"]))
        assert answers_equal(stated, evaluation.target)

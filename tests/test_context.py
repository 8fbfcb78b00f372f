"""φ_c offline: the scenario templates restate every example seed, in every corner, keeping
every given and the question; the text helpers they rely on; and the wording they produce."""

from __future__ import annotations

import random
import re
from functools import cache

import pytest
from helpers import EXAMPLES

from variantgen import Context, Corner, Cube, default_pipeline, replay
from variantgen.io.seeds import read_seeds
from variantgen.llm.validate import rewrite_problems
from variantgen.model import Applied, Problem
from variantgen.templating import environment, list_templates
from variantgen.text.givens import missing_givens
from variantgen.text.grammar import as_request, goal_of, indirect_question, join_and, lower_start, split_conditions
from variantgen.text.question import quantity_kind
from variantgen.text.statement import read_statement
from variantgen.transforms.base import NotApplicable
from variantgen.transforms.context import ScenarioContext, _declared, figure_kinds

# English scenarios; the Chinese ones (context/zh/) keep a Chinese question word for word
SCENARIOS = [n for n in list_templates("context") if not n.split("/")[-1].startswith("_") and not n.startswith("context/zh/")]


def short(name: str) -> str:
    return name.split("/")[-1].removesuffix(".j2")


@cache
def seeds() -> dict[str, Problem]:
    return {line.problem.id: line.problem for line in read_seeds(EXAMPLES) if line.problem is not None}


@cache
def corners_below_context() -> list[tuple[str, str, Problem]]:
    """(seed id, corner, problem) for every corner a context step is applied to: base, s, v, sv."""
    cube = Cube(default_pipeline(), corners=(Corner.S, Corner.V, Corner.SV))
    found = []
    for seed in seeds().values():
        family = cube.expand(seed, Context(seed=0))
        for variant in family.variants:
            problem = variant.problem
            if variant.corner == "base":
                problem = seed
            found.append((seed.id, variant.corner, problem))
    return found


def fits(name: str, seed: Problem) -> bool:
    kinds = figure_kinds(seed)
    wanted = {"circle", "geometry", "any"} if "circle" in kinds else kinds | {"any"}
    return bool(_declared(name, "applies") & wanted)


def restate(name: str, problem: Problem) -> str:
    transform = ScenarioContext(templates=(short(name),))
    return transform.apply(problem, Context(), {"template": name}).question


# --- the template library ---------------------------------------------------------------------


def test_at_least_twenty_scenarios_of_both_styles_and_many_domains():
    assert len(SCENARIOS) >= 20
    styles = {short(n): _declared(n, "style") for n in SCENARIOS}
    assert all(style in ({"real-world"}, {"abstract"}) for style in styles.values()), styles
    abstract = {n for n, s in styles.items() if s == {"abstract"}}
    assert {"goal-first", "definitions-first", "condition-list", "given-find"} <= abstract
    assert {"surveying", "architecture", "sports-field", "travel-budget", "finance-growth"} <= set(styles) - abstract
    assert len(set(styles) - abstract) >= 20


@pytest.mark.parametrize("name", SCENARIOS, ids=short)
def test_every_template_declares_what_it_fits_and_a_purpose_for_each_quantity_it_claims(name):
    applies, asks = _declared(name, "applies"), _declared(name, "asks")
    kinds = {"any", "geometry", "triangle", "quadrilateral", "circle", "coordinates", "graph", "text"}
    kinds |= {
        "solid",
        "cuboid",
        "pyramid",
        "frustum",
        "cone-frustum",
        "cylinder",
        "cone",
        "sphere",
        "conic",
        "ellipse",
        "hyperbola",
        "parabola",
    }
    assert applies <= kinds, applies
    if asks != {"any"}:
        source, _, _ = environment().loader.get_source(environment(), name)  # type: ignore[union-attr]
        purposes = set(re.findall(r'"(\w+)":\s*"', source))
        assert asks <= purposes, f"{short(name)} claims {asks - purposes} without a purpose clause"


def test_every_seed_has_real_world_and_abstract_scenarios_that_suit_its_question():
    for seed in seeds().values():
        ask = read_statement(seed.question).ask  # type: ignore[union-attr]
        suited = [n for n in SCENARIOS if fits(n, seed) and _declared(n, "asks") & {quantity_kind(ask), "any"}]
        real = [n for n in suited if _declared(n, "style") == {"real-world"}]
        assert real and len(suited) > len(real), (seed.id, [short(n) for n in suited])


# --- every seed, every corner, every template that fits ---------------------------------------


@cache
def restatements() -> tuple[tuple[str, Problem, str], ...]:
    """Every template that fits, on each corner below context of each seed: (where, source, restated)."""
    found = []
    for seed_id, corner, problem in corners_below_context():
        for name in SCENARIOS:
            if fits(name, seeds()[seed_id]):
                question = restate(name, problem)
                found.append((f"{short(name)} on {seed_id}/{corner}: {question}", problem, question))
    assert len(found) > 1000
    return tuple(found)


def test_every_fitting_template_keeps_every_given_and_the_question_in_every_corner():
    for where, problem, question in restatements():
        assert not missing_givens(problem.question, question), where
        assert not rewrite_problems(problem.question, question, problem.answer), where
        assert question != problem.question and "{" not in question and "  " not in question, where
        assert not re.search(r"\s[.,;:]", question), where


def test_the_givens_are_woven_into_sentences_not_pasted_after_a_colon():
    for where, _, question in restatements():
        # "In her drawing, in triangle ABC, ..." and "The map data state: In triangle ABC"
        assert not re.search(r", in (?:[a-z]+ )*(?:triangle|circle|rectangle|square|parallelogram) [A-Z]+,", question), where
        assert not re.search(r"(?<!Given)(?<!Given also)(?<!Find)(?<!\))(?<!holds)(?<!hold): [A-Z]", question), where


def test_default_expansion_passes_audit_checks_in_every_context_corner():
    cube = Cube(default_pipeline())
    made = 0
    for seed in seeds().values():
        family = cube.expand(seed, Context(seed=0))
        for variant in family.variants:
            axes = Corner(variant.corner).axes
            if "c" not in axes:
                continue
            below = family.variant(variant.corner.replace("c", "") or "base")
            assert below is not None
            p = variant.problem
            assert not rewrite_problems(below.problem.question, p.question, p.answer), (seed.id, variant.corner, p.question)
            assert p.answer == below.problem.answer
            assert replay(seed, p.provenance).question == p.question
            made += 1
        assert family.variant("c") is not None, (seed.id, family.outcomes)
    assert made >= 41


def test_one_scenario_per_family_and_both_styles_across_the_examples():
    cube = Cube(default_pipeline())
    chosen = {}
    for seed in seeds().values():
        family = cube.expand(seed, Context(seed=0))
        params = {applied.params["template"] for v in family.variants for applied in v.problem.provenance if applied.axis == "c"}
        assert len(params) == 1, (seed.id, params)
        chosen[seed.id] = params.pop()
    styles = {_declared(n, "style").pop() for n in chosen.values()}
    assert styles == {"real-world", "abstract"}
    assert len(set(chosen.values())) >= 12


def test_the_scenario_suits_the_quantity_asked():
    for seed in seeds().values():
        rng = random.Random(0)
        for _ in range(5):
            name = ScenarioContext().plan(seed, Context(), rng)["template"]
            quantity = quantity_kind(read_statement(seed.question).ask)  # type: ignore[union-attr]
            assert _declared(name, "asks") & {quantity, "any"}, (seed.id, quantity, name)
            assert fits(name, seed), (seed.id, name)


def test_plan_is_deterministic_and_apply_is_pure():
    seed = seeds()["tri-003"]
    transform = ScenarioContext()
    first = transform.plan(seed, Context(), random.Random(7))
    assert first == transform.plan(seed, Context(), random.Random(7))
    assert transform.apply(seed, Context(), first).question == transform.apply(seed, Context(), first).question


def test_a_question_without_givens_is_not_applicable():
    with pytest.raises(NotApplicable):
        ScenarioContext().plan(
            Problem(id="x", question="Find the area of a unit square.", answer="1"), Context(), random.Random(0)
        )


# --- wording ----------------------------------------------------------------------------------


def test_real_world_scenarios_restate_the_figure_and_fit_the_purpose_to_the_quantity():
    angle = restate("context/surveying.j2", seeds()["tri-003"])
    assert angle == (
        "A surveying crew is marking out a triangular plot of land and has driven a stake at each labelled point, "
        "measuring every length in metres. The stakes outline triangle ABC, and the crew's field notes record that "
        "∠BAC = 30° and ∠ABC = 120°. To set up the theodolite for the next reading, the crew must find the measure of ∠ACB."
    )
    area = restate("context/park-design.j2", seeds()["tri-002"])
    assert "isosceles triangle ABC, and the plan notes that AB = AC = 10 and BC = 12" in area
    assert area.endswith("To order enough turf, the gardeners need to find the area of triangle ABC.")
    money = restate("context/travel-budget.j2", seeds()["text-001"])
    assert money.endswith("To finish their budget, they need to work out how many dollars 12 pencils cost.")
    model = restate("context/temperature-model.j2", seeds()["func-002"])
    assert "The meteorologist's model is the quadratic function f(x) = x^2 - 6x + 5." in model
    assert "coldest temperature" in model and model.endswith("find the minimum value of f(x).")


def stepped(question: str) -> Problem:
    """A problem as a step chain leaves it (its provenance says so)."""
    return Problem(id="x", question=question, answer="1", provenance=(Applied("step.rule-chain", "s", {}, {}, "2"),))


CHAINED = stepped(
    "In isosceles triangle ABC, AB = AC = 10 and BC = 12. A square has the same area as triangle ABC. "
    "Let m be the side length of the square. Let n be the x-coordinate of the midpoint of the points (m, 1) and (3, 5). "
    "Find the slope of the line through the points (0, 1) and (2, 1 + n)."
)


def test_a_step_chain_is_handed_over_with_a_bridge_not_a_purpose_clause():
    text = restate("context/surveying.j2", CHAINED)
    assert "Back at the office, the site manager turns these notes into a longer exercise" in text
    assert "owner wants to know" not in text and "site plan" not in text
    assert text.endswith(
        "A square has the same area as triangle ABC. Let m be the side length of the square. "
        "Let n be the x-coordinate of the midpoint of the points (m, 1) and (3, 5). "
        "Find the slope of the line through the points (0, 1) and (2, 1 + n)."
    )


def test_abstract_reformulations():
    tri = seeds()["tri-001"]
    assert (
        restate("context/goal-first.j2", tri)
        == "Determine the length of BC in the triangle ABC in which AB = 5, AC = 8 and ∠BAC = 60°."
    )
    assert restate("context/goal-first.j2", seeds()["tri-002"]) == (
        "Determine the area of the isosceles triangle ABC in which AB = AC = 10 and BC = 12."
    )
    assert restate("context/goal-first.j2", seeds()["circ-003"]) == (
        "Determine the length of the tangent segment PA, given that PA is tangent to circle O at A "
        "and that the radius of the circle is 3 and OP = 5."
    )
    assert restate("context/definitions-first.j2", seeds()["quad-001"]) == (
        "Let ABCD be a rectangle such that AB = 8 and BC = 6. Find the length of the diagonal AC."
    )
    assert restate("context/definitions-first.j2", seeds()["func-002"]) == (
        "Let f be the quadratic function defined by f(x) = x^2 - 6x + 5. What is the minimum value of f(x)?"
    )
    assert restate("context/condition-list.j2", tri) == (
        "Consider the triangle ABC. The following conditions hold: (i) AB = 5; (ii) AC = 8; (iii) ∠BAC = 60°. "
        "Under these conditions, find the length of BC."
    )
    assert (
        restate("context/given-find.j2", seeds()["coord-001"])
        == "Given (in the coordinate plane): A = (1,2); B = (4,6). Find: the distance AB."
    )
    assert restate("context/goal-first.j2", CHAINED) == (
        "Consider the isosceles triangle ABC in which AB = AC = 10 and BC = 12. A square has the same area as triangle ABC. "
        "Determine the slope of the line through the points (0, 1) and (2, 1 + n), where m is the side length of the square "
        "and n is the x-coordinate of the midpoint of the points (m, 1) and (3, 5)."
    )
    assert restate("context/given-find.j2", CHAINED).endswith(
        "Given also: m is the side length of the square; n is the x-coordinate of the midpoint of the points (m, 1) and (3, 5). "
        "Find: the slope of the line through the points (0, 1) and (2, 1 + n)."
    )


def test_a_leading_article_a_stays_a_capital_where_the_checks_read_it_as_a_name():
    shop = seeds()["text-001"]
    for name in SCENARIOS:
        if fits(name, shop):
            question = restate(name, shop)
            assert not missing_givens(shop.question, question), (short(name), question)
    assert (
        restate("context/goal-first.j2", shop)
        == "A shop sells pencils at 3 for 2 dollars. Determine how many dollars 12 pencils cost."
    )


# --- text helpers -----------------------------------------------------------------------------


def test_read_statement_finds_the_figure_facts_notes_and_steps():
    s = read_statement(
        "In isosceles triangle ABC, AB = AC = 10. The figure marks the length of BC. Find the area of triangle ABC."
    )
    assert s is not None
    assert (s.figure, s.kind, s.name, s.facts, s.shape) == (
        "isosceles triangle ABC",
        "isosceles triangle",
        "ABC",
        "AB = AC = 10",
        "triangular",
    )
    assert s.notes == ("The figure marks the length of BC.",) and s.rest == () and s.steps == ()
    s = read_statement(
        "ABCD is a trapezoid with AB ∥ DC, AB = 10. A square has the same area as quadrilateral ABCD. "
        "Let m be the side length of the square. Find m.",
        stepped=True,
    )
    assert s is not None and (s.figure, s.facts) == ("trapezoid ABCD", "AB ∥ DC, AB = 10")
    assert s.steps == ("A square has the same area as quadrilateral ABCD.", "Let m be the side length of the square.")
    s = read_statement("Consider the quadratic function f(x) = x^2 - 6x + 5. What is the minimum value of f(x)?")
    assert s is not None and (s.figure, s.formula, s.facts) == (
        "quadratic function f(x) = x^2 - 6x + 5",
        "f(x) = x^2 - 6x + 5",
        None,
    )
    s = read_statement("In the coordinate plane, A = (1,2) and B = (4,6). Find the distance AB.")
    assert s is not None and (s.figure, s.place, s.facts) == (None, "plane", "A = (1,2) and B = (4,6)")
    s = read_statement("The perimeter of square ABCD is 20. Find the length of the diagonal AC.")
    assert s is not None and (s.figure, s.facts) == (None, "the perimeter of square ABCD is 20")
    assert read_statement("Find the area of a unit square.") is None


def test_lower_start_keeps_names():
    assert [
        lower_start(t) for t in ("The graph", "A shop sells", "A = (1,2)", "D lies on AB", "AB is", "Circle O has", "A lies on")
    ] == [
        "the graph",
        "a shop sells",
        "A = (1,2)",
        "D lies on AB",
        "AB is",
        "circle O has",
        "A lies on",
    ]


def test_split_conditions_splits_only_between_whole_conditions():
    assert split_conditions("AB = 5, AC = 8 and ∠BAC = 60°") == ["AB = 5", "AC = 8", "∠BAC = 60°"]
    assert split_conditions("C is a point on the circle different from A and B") == [
        "C is a point on the circle different from A and B"
    ]
    assert split_conditions("D and E are the midpoints of AB and AC") == ["D and E are the midpoints of AB and AC"]
    assert split_conditions("the radius is 6, OA and OB are radii, and chord AB = 6") == [
        "the radius is 6",
        "OA and OB are radii",
        "chord AB = 6",
    ]
    assert split_conditions(
        "the vertices of triangle ABC are A = (1,5), B = (0,0) and C = (6,0), and M is the midpoint of BC"
    ) == [
        "the vertices of triangle ABC are A = (1,5), B = (0,0) and C = (6,0)",
        "M is the midpoint of BC",
    ]
    assert split_conditions("the points (0, 1) and (2, 1 + q) lie on l") == ["the points (0, 1) and (2, 1 + q) lie on l"]
    assert (
        join_and(["a", "b", "c"]) == "a, b and c"
        and join_and(["a", "b"], "; ") == "a and b"
        and join_and(["a", "b", "c"], "; ") == "a; b; and c"
    )


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("Find the length of BC.", "length"),
        ("Find BC.", "length"),
        ("Find the measure of ∠ACB.", "angle"),
        ("Find ∠ABC.", "angle"),
        ("Find sin ∠BAC.", "ratio"),
        ("What is the area of triangle ABC?", "area"),
        ("Find the circumference of circle O.", "perimeter"),
        ("Find the length of the arc of a sector with radius s and central angle 60°.", "length"),
        ("Find the slope of the line AB.", "slope"),
        ("Find the x-coordinate of the point where the graph crosses the x-axis.", "root"),
        ("Find the y-coordinate of their intersection point.", "intersection"),
        ("What is the minimum value of f(x)?", "minimum"),
        ("Find the value of f(5).", "value"),
        ("How many dollars do 12 pencils cost?", "money"),
        ("What is the larger of the two integers?", "number"),
        ("Show that ABCD is a square.", "other"),
    ],
)
def test_quantity_kind(ask, kind):
    assert quantity_kind(ask) == kind


def test_questions_as_goals_and_requests():
    assert indirect_question("How many dollars do 12 pencils cost?") == "how many dollars 12 pencils cost"
    assert indirect_question("How many apples does Tom buy?") == "how many apples Tom buys"
    assert indirect_question("How many edges are there in a cube?") == "how many edges there are in a cube"
    assert goal_of("What is the area of ABCD?") == "the area of ABCD" and goal_of("Show that AB = CD.") is None
    assert as_request("How many dollars do 12 pencils cost?") == "work out how many dollars 12 pencils cost."
    assert as_request("Find the length of BC.") == "find the length of BC."


def test_a_purpose_about_the_whole_figure_is_not_given_to_a_part() -> None:
    """ "How much land the plot covers" is not why one asks the area of quadrilateral ABDE inside it."""
    from variantgen.text.statement import read_statement
    from variantgen.transforms.context import _purpose_kind

    part = read_statement(
        "In triangle ABC, AB = 7, BC = 9 and CA = 8. E is the midpoint of AC. Find the area of quadrilateral ABDE."
    )
    whole = read_statement("In triangle ABC, AB = 7, BC = 9 and CA = 8. Find the area of triangle ABC.")
    inscribed = read_statement(
        "In triangle ABC, AB = 7, BC = 9 and CA = 8. Find the radius of the circle inscribed in triangle ABC."
    )
    assert part is not None and whole is not None and inscribed is not None
    assert (_purpose_kind(part), _purpose_kind(whole), _purpose_kind(inscribed)) == ("area of a part", "area", "length of a part")

"""One seed → its family: the lattice rule, not-applicable corners, verification, replay, ids."""

from __future__ import annotations

import pytest
from helpers import ANGLE, TEXT, TRIANGLE, seed

from variantgen import VARIANT_CORNERS, Context, Corner, Cube, Outcome, SeedRejected, default_pipeline, replay
from variantgen.checks import exact_check
from variantgen.io.seeds import read_seeds


def load(record: dict, tmp_path):
    from helpers import write_jsonl

    (line,) = list(read_seeds(write_jsonl(tmp_path / "one.jsonl", [record])))
    assert line.error is None, line.error
    return line.problem


def expand(record, tmp_path, seed_value=0):
    return Cube(default_pipeline()).expand(load(record, tmp_path), Context(seed=seed_value))


def test_construction_seed_makes_all_seven_corners(tmp_path):
    family = expand(TRIANGLE, tmp_path)
    assert [v.corner for v in family.variants] == ["base", "s", "v", "c", "sv", "sc", "vc", "svc"]
    assert all(o.status == "made" for o in family.outcomes.values())
    base = family.variant("base").problem
    for variant in family.variants:
        p, axes = variant.problem, Corner(variant.corner).axes
        assert p.verified, (variant.corner, p.verification)
        if axes:
            assert exact_check(p).passed
        if "s" in axes:
            assert p.answer != base.answer and len(p.knowledge_points) > len(base.knowledge_points)
        else:
            assert p.answer == base.answer
        if "v" in axes:
            below = family.variant(variant.corner.replace("v", "") or "base").problem.construction
            assert p.construction != below and p.construction.commands[: len(below.commands)] == below.commands
        if "c" in axes:
            assert p.question != family.variant(variant.corner.replace("c", "") or "base").problem.question


def test_one_decision_per_axis_is_reused_in_every_corner(tmp_path):
    family = expand(TRIANGLE, tmp_path)
    by_axis = {}
    for variant in family.variants[1:]:
        for applied in variant.problem.provenance:
            by_axis.setdefault(applied.axis, set()).add(repr(sorted(applied.params.items())))
    assert set(by_axis) == {"s", "v", "c"}
    assert all(len(params) == 1 for params in by_axis.values()), by_axis
    assert [a.axis for a in family.variant("svc").problem.provenance] == ["s", "v", "c"]


def test_neighbouring_corners_differ_in_exactly_their_axis(tmp_path):
    family = expand(TRIANGLE, tmp_path)
    s, sv = family.variant("s").problem, family.variant("sv").problem
    assert sv.question == s.question and sv.answer == s.answer
    assert sv.construction.commands[: len(s.construction.commands)] == s.construction.commands


def test_text_seed_reports_not_applicable_corners_with_reasons(tmp_path):
    family = expand(TEXT, tmp_path)
    assert [v.corner for v in family.variants] == ["base", "c"]
    for corner in ("s", "v", "sv", "sc", "vc", "svc"):
        outcome = family.outcomes[Corner(corner)]
        assert outcome.status == "not_applicable" and outcome.reason
    assert "construction" in family.outcomes[Corner.V].reason
    assert family.variant("base").problem.verification[0].method == "seed"


def test_every_variant_replays_exactly_from_its_seed(tmp_path):
    family = expand(ANGLE, tmp_path)
    seed_problem = load(ANGLE, tmp_path)
    for variant in family.variants[1:]:
        again = replay(seed_problem, variant.problem.provenance)
        assert (again.question, again.answer, again.construction) == (
            variant.problem.question,
            variant.problem.answer,
            variant.problem.construction,
        )


def test_the_pipeline_run_on_a_seed_is_the_cubes_corner_with_every_axis(tmp_path):
    """``run`` draws each decision with the generator the cube draws it with, and ``Compose``
    plans by the lattice rule: ``(step >> visual >> context)(seed)`` is the ``svc`` corner."""
    seed_problem, ctx = load(TRIANGLE, tmp_path), Context(seed=3)
    pipeline = default_pipeline()
    svc = Cube(pipeline).expand(seed_problem, ctx).variant("svc").problem
    made = pipeline(seed_problem, ctx)
    assert (made.question, made.answer, made.construction) == (svc.question, svc.answer, svc.construction)
    assert made.provenance == svc.provenance


def test_a_cube_without_an_axis_makes_nothing_of_it_and_keeps_every_id(tmp_path):
    cube = Cube(default_pipeline())
    without = cube.without("v", "figures are off")
    assert without.fingerprint() == cube.fingerprint() and without.corners == cube.corners
    full, lean = (c.expand(load(TRIANGLE, tmp_path), Context()) for c in (cube, without))
    visual = [c for c in VARIANT_CORNERS if "v" in c.axes]
    assert [lean.outcomes[c] for c in visual] == [Outcome(c, "not_applicable", "figures are off") for c in visual]
    assert [v.id for v in lean.variants] == [v.id for v in full.variants if "v" not in Corner(v.corner).axes]
    text = without.expand(load(TEXT, tmp_path), Context())  # a corner the seed rules out anyway says why
    assert "construction" in text.outcomes[Corner.V].reason
    with pytest.raises(ValueError, match="unknown axes q"):
        cube.without("q", "no such axis")


def test_ids_are_content_addressed(tmp_path):
    first = [v.id for v in expand(TRIANGLE, tmp_path).variants]
    again = [v.id for v in expand(TRIANGLE, tmp_path).variants]
    other_seed = [v.id for v in expand(TRIANGLE, tmp_path, seed_value=1).variants]
    assert first == again and len(set(first)) == 8
    assert first != other_seed


@pytest.mark.parametrize(
    ("record", "field", "words"),
    [
        (seed(TRIANGLE, answer="8"), "answer", "does not match"),
        (
            seed(TRIANGLE, construction={"commands": ["A=(0,0)", "B=(1,1)", "C=(2,2)", "t=Polygon(A,B,C)"], "target": "Area(t)"}),
            "construction",
            "degenerate",
        ),
        (
            seed(TRIANGLE, construction={"commands": ["A=(0,0)", "B=Frobnicate(A)"], "target": "x(B)"}),
            "construction",
            "Frobnicate",
        ),
    ],
)
def test_unusable_seeds_are_rejected_with_field_and_reason(tmp_path, record, field, words):
    with pytest.raises(SeedRejected) as caught:
        expand(record, tmp_path)
    assert caught.value.field.startswith(field)
    assert words in caught.value.reason


def test_python_api_streams_families_and_writes_parquet(tmp_path):
    import datasets
    from helpers import write_jsonl

    from variantgen import read_seeds
    from variantgen.io.parquet import write_variants
    from variantgen.transforms.builtin import ScenarioContext, StepChain, VisualAugment

    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE, seed(TRIANGLE, id="bad", answer="1"), TEXT])
    cube = Cube(StepChain(max_steps=1) >> VisualAugment(kinds=("median",)) >> ScenarioContext(), corners=(Corner.S, Corner.SV))
    results = list(cube.stream(line.problem for line in read_seeds(seeds)))
    assert [type(r).__name__ for r in results] == ["Family", "SeedRejected", "Family"]
    families = [r for r in results if not isinstance(r, SeedRejected)]
    assert [v.corner for v in families[0].variants] == ["base", "s", "sv"]
    assert "median" in families[0].variant("sv").problem.provenance[1].params["kind"]
    count = write_variants((v for f in families for v in f.variants), tmp_path / "out")
    assert count == len(datasets.load_dataset("parquet", data_dir=str(tmp_path / "out"), split="train")) == 4


def test_a_mixed_corner_plans_its_visual_again_where_the_seeds_plan_lands_on_a_step_point(tmp_path):
    """The visual axis is planned on the seed: a midline from B (H the midpoint of AB, K of BC)
    would put K on E, the midpoint of BC the step question added. The sv corner then plans its
    visual element again on the step's figure, and records the plan it used."""
    from variantgen.construction.cache import cached_evaluate
    from variantgen.construction.evaluator import Point
    from variantgen.transforms.base import NotApplicable, run_axis
    from variantgen.transforms.visual import VisualAugment

    record = seed(
        TRIANGLE,
        question="In right triangle ABC, ∠ABC = 90°, AB = 5 and the hypotenuse AC = 13. Find the length of BC.",
        answer="12",
        construction={"commands": ["B=(0,0)", "A=(0,5)", "C=(12,0)", "t=Polygon(A,B,C)"], "target": "Distance(B,C)"},
    )
    problem = load(record, tmp_path)
    stepped = problem.replace(construction=problem.construction.extend("E=Midpoint(B,C)", "step1=Segment(A,E)"))
    visual = VisualAugment(kinds=("midline",))
    onto_e = {"kind": "midline", "triangle": ["A", "B", "C"], "vertex": "B", "side": ["A", "C"], "labels": ["H", "K", "aux1"]}
    with pytest.raises(NotApplicable, match="new point on a point"):
        visual.run(stepped, Context(), onto_e)
    made = run_axis([visual], [(visual, onto_e)], stepped, Context(), replan=True)
    points = [(p.x, p.y) for p in cached_evaluate(made.construction).objects.values() if isinstance(p, Point)]
    assert len(points) == len(set(points)) == 6
    assert made.provenance[-1].params != onto_e
    with pytest.raises(NotApplicable):
        run_axis([visual], [(visual, onto_e)], stepped, Context(), replan=False)

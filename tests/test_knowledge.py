"""The knowledge catalogue, its We-Math 2.0 loader, and the step rules that add its knowledge points."""

from __future__ import annotations

import json
import random

import pytest
import sympy
from helpers import EXAMPLES, SHARED, TRIANGLE

from variantgen.construction import Construction
from variantgen.knowledge import CatalogueError, builtin, load, slug
from variantgen.model import Problem
from variantgen.transforms.base import Context
from variantgen.transforms.step import RULES, StepChain
from variantgen.transforms.step_values import is_nice

WEMATH = SHARED / "data" / "wemath-knowledge-flat-v2.json"


def test_every_step_rule_adds_a_catalogued_knowledge_point():
    catalogue = builtin()
    missing = {rule.knowledge_point for rule in RULES.values()} - set(catalogue.points)
    assert not missing
    assert len({rule.knowledge_point for rule in RULES.values()}) >= 40


def test_example_seeds_use_catalogued_knowledge_points():
    catalogue = builtin()
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        for kp in json.loads(line).get("knowledge_points", []):
            assert kp in catalogue, kp


def test_catalogue_hierarchy_spans_the_topics_the_rules_need():
    tree = builtin().tree()
    plane = tree["Geometry"]["Plane Geometry"]
    for topic in ("Triangles", "Right Triangles and Trigonometry", "Circles", "Quadrilaterals and Polygons", "Similarity"):
        assert plane[topic][""], topic
    assert tree["Geometry"]["Analytic Geometry"]
    for topic in ("Linear Functions", "Quadratic Functions", "Exponential and Logarithmic Functions", "Trigonometric Functions"):
        assert tree["Algebra"]["Functions"][topic][""], topic


def test_own_format_errors_name_the_entry(tmp_path):
    bad = tmp_path / "cat.json"
    bad.write_text(json.dumps({"knowledge_points": [{"id": "a", "name": "A", "principle": "p", "path": ["X"]}, {"id": "b"}]}))
    with pytest.raises(CatalogueError, match=r"knowledge_points\[1\]\.name"):
        load(bad)


def test_wemath_rows_load_into_the_same_shape(tmp_path):
    rows = [
        {
            "l1_en": "Geometry",
            "l2_en": "Plane Geometry",
            "l3_en": "",
            "l4_en": "",
            "kp_en": "Law of Cosines",
            "principle_en": p,
            "principle_desc_en": "...",
        }
        for p in ("Statement", "Use")
    ]
    path = tmp_path / "flat.json"
    path.write_text(json.dumps(rows))
    catalogue = load(path)
    (kp,) = catalogue
    assert kp.path == ("Geometry", "Plane Geometry") and kp.name == "Law of Cosines"
    assert [p.name for p in kp.principles] == ["Statement", "Use"]
    assert kp.id == slug("Geometry/Plane Geometry/Law of Cosines")


@pytest.mark.skipif(not WEMATH.exists(), reason="../shared/data is not present")
def test_the_real_wemath_knowledge_system_loads():
    catalogue = load(WEMATH)
    assert sum(len(kp.principles) for kp in catalogue) == 1819
    assert len(catalogue.under("Geometry", "Plane Geometry")) > 50


def test_a_chain_reaches_six_knowledge_points_with_a_nice_exact_answer():
    seed = Problem("t", TRIANGLE["question"], "7", ("law-of-cosines",), Construction.from_dict(TRIANGLE["construction"]))
    chain = StepChain(max_steps=5)
    for n in range(5):
        params = chain.plan(seed, Context(seed=n), random.Random(n))
        made = chain.apply(seed, Context(seed=n), params)
        assert len(made.knowledge_points) == 6
        assert len(made.solution) == 6 and all(step.knowledge_point for step in made.solution[1:])
        assert len(made.answer) <= 40, made.answer
        for step in made.solution[1:]:
            assert step.knowledge_point in builtin()


def test_nice_answers_are_short_and_closed_form():
    x = sympy.Symbol("x")
    assert is_nice(sympy.sympify("25*sqrt(3)/4")) and is_nice(sympy.pi * 9)
    assert not is_nice(sympy.log(3) / sympy.log(2))
    assert not is_nice(768 / (16 - 841 * sympy.pi**2))
    assert not is_nice(sympy.Rational(3, 7565) * sympy.sqrt(57229289))
    assert not is_nice(sympy.cos(sympy.Rational(5, 2)))
    assert not is_nice(x)

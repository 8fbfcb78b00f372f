"""The transform algebra: composition, the registry (decorator and entry points), replay."""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass

import pytest

from variantgen import Context, Problem, Transform, compose, register, replay
from variantgen.transforms import registry
from variantgen.transforms.builtin import ScenarioContext, StepChain, VisualAugment
from variantgen.transforms.registry import ENTRY_POINT_GROUP


@dataclass
class Shout(Transform):
    """A user transform: upper-cases the question (no axis: usable in plain compositions)."""

    name = "test.shout"
    suffix: str = "!"

    def apply(self, problem, ctx, params):
        return problem.replace(question=problem.question.upper() + self.suffix)


def problem() -> Problem:
    return Problem(id="p", question="Find x.", answer="1")


def test_rshift_and_compose_build_the_same_flat_pipeline():
    a, b, c = StepChain(), VisualAugment(), ScenarioContext()
    assert (a >> b >> c).transforms == compose(a, compose(b, c)).transforms == (a, b, c)


def test_cube_order_is_checked():
    with pytest.raises(ValueError, match="step >> visual >> context"):
        (ScenarioContext() >> StepChain()).by_axis()


def test_user_transform_applies_and_records_its_parameters():
    result = (Shout() >> Shout(suffix="?"))(problem())
    assert result.question == "FIND X.!?"
    assert [a.transform for a in result.provenance] == ["test.shout", "test.shout"]
    assert result.provenance[1].config == {"suffix": "?"}


def test_run_is_sealed():
    with pytest.raises(TypeError, match="overrides Transform.run; implement plan and apply instead"):
        type("Recording", (Transform,), {"run": lambda self, problem, ctx, params=None: problem})


def test_register_decorator_and_replay():
    register(Shout)
    made = Shout(suffix="~")(problem())
    assert replay(problem(), made.provenance) == made
    with pytest.raises(ValueError, match="already registered"):
        register(type("Other", (Shout,), {}))


def test_register_needs_a_name():
    with pytest.raises(ValueError, match="non-empty class attribute 'name'"):
        register(type("Nameless", (Transform,), {}))


def test_entry_point_plugin_is_found(tmp_path, monkeypatch):
    """A package that declares the entry-point group is loaded on first lookup."""
    (tmp_path / "vg_plugin_mod.py").write_text(
        textwrap.dedent(
            """
            from dataclasses import dataclass
            from variantgen import Transform

            @dataclass
            class Exclaim(Transform):
                axis = "c"
                def apply(self, problem, ctx, params):
                    return problem.replace(question=problem.question + " Quickly!")
            """
        )
    )
    dist = tmp_path / "vg_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: vg-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nplugin.exclaim = vg_plugin_mod:Exclaim\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_entry_points_loaded", False)
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    assert "plugin.exclaim" in registry.available()
    transform = registry.build("plugin.exclaim")
    assert transform(problem(), Context()).question == "Find x. Quickly!"
    sys.modules.pop("vg_plugin_mod", None)


def test_unknown_transform_names_the_known_ones():
    with pytest.raises(KeyError, match="no transform named 'nope'"):
        registry.get("nope")

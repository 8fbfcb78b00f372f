"""φ_v: add diagram elements that leave the asked quantity unchanged.

Each kind appends GeoGebra commands (and style hints) to the construction; every original object
survives because nothing is removed or redefined, and the family's final exact check re-evaluates
the target against the unchanged answer. The text is not changed: the figure is what gets harder.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from variantgen.construction import Construction
from variantgen.model import Check, Problem
from variantgen.transforms import figure
from variantgen.transforms.base import Context, NotApplicable, Transform
from variantgen.transforms.registry import register

Builder = Callable[[Mapping[str, Any]], tuple[list[str], dict[str, Any]]]


def _cevian(foot: str) -> Builder:
    """A segment from a triangle's vertex to a point ``foot`` defined on the opposite side."""

    def build(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
        a, b, c = p["vertex"], *p["side"]
        point, segment = p["labels"]
        return [f"{point}={foot.format(a=a, b=b, c=c)}", f"{segment}=Segment({a},{point})"], {"dashed": [segment]}

    return build


def _midline(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    a, (b, c) = p["vertex"], p["side"]
    m, n, segment = p["labels"]
    return [f"{m}=Midpoint({a},{b})", f"{n}=Midpoint({a},{c})", f"{segment}=Segment({m},{n})"], {"dashed": [segment]}


def _circle(command: str) -> Builder:
    def build(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
        (label,) = p["labels"]
        return [f"{label}={command}({','.join(p['triangle'])})"], {"dashed": [label]}

    return build


def _distractor(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    a, (b, c) = p["vertex"], p["side"]
    point, segment = p["labels"]
    ratio = p["ratio"]
    return [f"{point}={b}+{ratio}*({c}-{b})", f"{segment}=Segment({a},{point})"], {}


def _grid(p: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    return [], {"grid": True, "axes": True}


#: kind → (builder, new point letters, new lower-case labels, needs a triangle)
KINDS: dict[str, tuple[Builder, int, int, bool]] = {
    "altitude": (_cevian("Intersect(PerpendicularLine({a},Line({b},{c})),Line({b},{c}))"), 1, 1, True),
    "median": (_cevian("Midpoint({b},{c})"), 1, 1, True),
    "angle-bisector": (_cevian("Intersect(AngleBisector({b},{a},{c}),Segment({b},{c}))"), 1, 1, True),
    "midline": (_midline, 2, 1, True),
    "circumcircle": (_circle("Circumcircle"), 0, 1, True),
    "incircle": (_circle("Incircle"), 0, 1, True),
    "distractor": (_distractor, 1, 1, True),
    "grid": (_grid, 0, 0, False),
}


@register
@dataclass
class VisualAugment(Transform):
    """Add one auxiliary element of a kind drawn from ``kinds`` (default: all that fit)."""

    name = "visual.augment"
    axis = "v"
    kinds: tuple[str, ...] | None = None

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the seed has no construction to draw on")
        if construction.style.get("grid") and self.kinds == ("grid",):
            raise NotApplicable("the figure already shows a grid")
        kinds = [k for k in (self.kinds or KINDS) if self._fits(k, construction)]
        if not kinds:
            raise NotApplicable(f"no visual kind fits this figure (tried {', '.join(self.kinds or KINDS)})")
        kind = rng.choice(kinds)
        _, points, aux, needs_triangle = KINDS[kind]
        params: dict[str, Any] = {"kind": kind}
        if needs_triangle:
            triangle = rng.choice(figure.triangles(construction))
            vertex = rng.choice(triangle.vertices)
            params |= {
                "triangle": list(triangle.vertices),
                "vertex": vertex,
                "side": [v for v in triangle.vertices if v != vertex],
                "ratio": f"{rng.randint(1, 3)}/{rng.choice([4, 5])}",
            }
        letters = figure.free_letters(figure.VISUAL_LETTERS, construction, problem.question, points)
        if letters is None:
            raise NotApplicable("no free letters left to name new points")
        params["labels"] = letters + [f"aux{i + 1}" for i in range(aux)]
        return params

    def apply(self, problem: Problem, params: Mapping[str, Any], ctx: Context) -> Problem:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the problem has no construction to draw on")
        taken = set(construction.names()) & set(params["labels"])
        if taken:
            raise NotApplicable(f"labels {', '.join(sorted(taken))} are already used in this figure")
        builder = KINDS[params["kind"]][0]
        commands, style = builder(params)
        extended = construction.extend(*commands, style=_merge_style(construction, style))
        kept = extended.commands[: len(construction.commands)] == construction.commands
        check = Check("invariant", kept, f"{params['kind']} added; every original object kept")
        return problem.replace(construction=extended).checked(check)

    @staticmethod
    def _fits(kind: str, construction: Construction) -> bool:
        if kind not in KINDS:
            raise ValueError(f"unknown visual kind {kind!r}; known: {', '.join(KINDS)}")
        if kind == "grid":
            return not construction.style.get("grid")
        return bool(figure.triangles(construction))


def _merge_style(construction: Construction, added: dict[str, Any]) -> dict[str, Any]:
    """Style hints merge: lists (hidden, dashed) are concatenated, flags are set."""
    merged = dict(construction.style)
    for key, value in added.items():
        merged[key] = list(merged.get(key, [])) + value if isinstance(value, list) else value
    return merged

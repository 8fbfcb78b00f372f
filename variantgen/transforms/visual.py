"""φ_v: add diagram elements that leave the asked quantity unchanged.

Each kind (``visual_kinds.py``) appends GeoGebra commands (and style hints) to the construction;
every original object survives (its label stays, nothing is removed), and the family's final
exact check re-evaluates the target against the unchanged answer. Two kinds go further:
``rotate-figure`` turns every free point about the origin (a new pose, same measures), and
``given-to-label`` moves one stated measure out of the text into a caption in the figure, so the
solver must read the diagram. Every other kind leaves the text alone: the figure is what gets
harder.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import Line, Point, Point3, _cross, _is_zero
from variantgen.model import Check, Problem
from variantgen.templating import template_hash
from variantgen.transforms import figure
from variantgen.transforms.base import Context, NotApplicable, Transform
from variantgen.transforms.registry import register
from variantgen.transforms.visual_kinds import KINDS, VISUAL_TEMPLATES, VisualKind

_TRIES = 8  # draws of a kind's parameters before it is given up (its new points kept coinciding with old ones)


@register
@dataclass
class VisualAugment(Transform):
    """Add one auxiliary element of a kind drawn from ``kinds`` (default: all that fit)."""

    name = "visual.augment"
    axis = "v"
    version = "3"
    kinds: tuple[str, ...] | None = None

    def plan(self, problem: Problem, ctx: Context, rng: random.Random) -> dict[str, Any]:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the seed has no construction to draw on")
        if construction.style.get("grid") and self.kinds == ("grid",):
            raise NotApplicable("the figure already shows a grid")
        if re.search(r"\bhistogram\b", problem.question, re.IGNORECASE):
            raise NotApplicable("a chart of data: a line drawn on its bars would mean nothing")
        names = self.kinds or tuple(KINDS)
        options = {name: _kind(name).fits(problem, construction) for name in dict.fromkeys(names)}
        kinds = [name for name in names if options[name]]
        if not kinds:
            raise NotApplicable(f"no visual kind fits this figure (tried {', '.join(names)})")
        # Kinds that add objects make the figure busier; re-posing it or moving a given into it
        # are drawn less often so that most v corners gain something to look at.
        while kinds:
            name = rng.choices(kinds, weights=[1 if KINDS[k].restyles else 6 for k in kinds])[0]
            kind = KINDS[name]
            letters = figure.free_letters(figure.VISUAL_LETTERS, construction, problem.question, kind.points)
            if letters is None:
                raise NotApplicable("no free letters left to name new points")
            labels = letters + [f"aux{i + 1}" for i in range(kind.aux)]
            for _ in range(_TRIES):
                params = {"kind": name, **kind.plan(problem, options[name], rng), "labels": labels}
                if not _new_points_coincide(construction, kind.build(params)[0]):
                    return params | {"template_hash": template_hash(VISUAL_TEMPLATES)}  # for provenance
            kinds.remove(name)
        raise NotApplicable("every visual kind that fits puts a new point on an existing one")

    def apply(self, problem: Problem, ctx: Context, params: Mapping[str, Any]) -> Problem:
        construction = problem.construction
        if construction is None:
            raise NotApplicable("the problem has no construction to draw on")
        taken = set(construction.names()) & set(params["labels"])
        if taken:
            raise NotApplicable(f"labels {', '.join(sorted(taken))} are already used in this figure")
        kind = _kind(params["kind"])
        commands, style = kind.build(params)
        if _new_points_coincide(construction, commands):  # a plan made on another figure (the seed's)
            raise NotApplicable(f"{params['kind']} would put a new point on a point of this figure")
        made = kind.finish(problem, construction.extend(*commands, style=_merge_style(construction, style)), params)
        assert made.construction is not None
        kept = set(construction.names()) <= set(made.construction.names())
        return made.checked(Check("invariant", kept, f"{params['kind']} added; every original object kept"))


def _kind(name: str) -> VisualKind:
    if name not in KINDS:
        raise ValueError(f"unknown visual kind {name!r}; known: {', '.join(KINDS)}")
    return KINDS[name]


def _new_points_coincide(construction: Construction, commands: list[str]) -> bool:
    """Whether a point the commands add lands on a point of the figure (labels would overlap and
    the figure would lie about being new), or a line they add runs along a line the figure draws
    (a perpendicular bisector over an isosceles triangle's drawn altitude); an extension that does
    not evaluate counts too."""
    try:
        extended = cached_evaluate(construction.extend(*commands)).objects
    except ConstructionError:
        return True
    drawn = [obj for name, obj in extended.items() if isinstance(obj, Line) and name in construction.names()]
    added = [obj for name, obj in extended.items() if isinstance(obj, Line) and name not in construction.names()]
    if any(_along(new, old) for new in added for old in drawn):
        return True
    old = [_coordinates(obj) for obj in cached_evaluate(construction).objects.values() if isinstance(obj, (Point, Point3))]
    new = [
        _coordinates(obj)
        for name, obj in extended.items()
        if isinstance(obj, (Point, Point3)) and name not in construction.names()
    ]
    # Points apart to 12 digits are apart; only a numeric tie is settled by exact simplification
    # (simplifying every pair cost a sixth of a figure-less run).
    return any(
        len(p) == len(q)
        and all(_near(a, b) for a, b in zip(p, q, strict=True))
        and all(sympy.simplify(a - b) == 0 for a, b in zip(p, q, strict=True))
        for p in new
        for q in old
    )


def _along(first: Line, second: Line) -> bool:
    """Whether two lines of the plane lie on one line: parallel, and the second through the first."""
    return _is_zero(_cross(first.d, second.d)) and _is_zero(_cross(first.d, second.p - first.p))


def _coordinates(p: Point | Point3) -> tuple[sympy.Expr, ...]:
    return (p.x, p.y, p.z) if isinstance(p, Point3) else (p.x, p.y)


def _near(a: sympy.Expr, b: sympy.Expr) -> bool:
    try:
        return bool(abs(complex(sympy.N(a - b, 15))) < 1e-9)
    except TypeError:  # not a number: let the exact check decide
        return True


def _merge_style(construction: Construction, added: dict[str, Any]) -> dict[str, Any]:
    """Style hints merge: lists (hidden, dashed) are concatenated, maps (captions) updated, flags set."""
    merged = dict(construction.style)
    for key, value in added.items():
        if isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        elif isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged

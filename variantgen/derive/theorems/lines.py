"""Theorems about points on a line: segment addition and supplementary angles."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sympy import pi

from variantgen.derive.scene import Scene
from variantgen.derive.theorem import Match, theorem


@theorem("segment-addition", "segment-addition", "segment addition", "B between A and C ⇒ AB + BC = AC")
def segment_addition(scene: Scene) -> Iterator[Match]:
    for line in scene.lines:
        for a, b, c in itertools.combinations(line.points, 3):  # in order along the line: b is between
            ab, bc, ac = scene.length(a, b), scene.length(b, c), scene.length(a, c)
            yield (ab, bc), ac, lambda x, y: x + y
            yield (ac, ab), bc, lambda x, y: x - y
            yield (ac, bc), ab, lambda x, y: x - y


@theorem("supplementary-angles", "supplementary-angles", "supplementary angles", "angles on a straight line add up to 180°")
def supplementary(scene: Scene) -> Iterator[Match]:
    for line in scene.lines:
        for x, b, y in itertools.combinations(line.points, 3):
            for a in scene.points:
                if a in line.points or scene.line_through(a, b) is None:
                    continue
                yield (scene.angle(a, b, x),), scene.angle(a, b, y), lambda g: pi - g
                yield (scene.angle(a, b, y),), scene.angle(a, b, x), lambda g: pi - g


@theorem("same-angle", "", "one angle, two names", "X and Y on one ray from B ⇒ ∠ABX = ∠ABY", weight="rename")
def same_angle(scene: Scene) -> Iterator[Match]:
    for line in scene.lines:
        for x, y in itertools.combinations(line.points, 2):
            for b in line.points:
                if b in (x, y) or scene.between(x, b, y):
                    continue  # B must be an end of the ray carrying both points
                for a in scene.points:
                    if a in line.points or scene.line_through(a, b) is None:
                        continue
                    yield (scene.angle(a, b, x),), scene.angle(a, b, y), lambda g: g
                    yield (scene.angle(a, b, y),), scene.angle(a, b, x), lambda g: g


@theorem(
    "same-line",
    "",
    "one line, two names",
    "C and D on line AB ⇒ the distance from P to AB is the distance to CD",
    weight="rename",
)
def same_line(scene: Scene) -> Iterator[Match]:
    for line in scene.lines:
        pairs = list(itertools.combinations(line.points, 2))
        for p in scene.points:
            if p in line.points:
                continue
            first = scene.distance_to_line(p, *pairs[0])
            for pair in pairs[1:]:
                other = scene.distance_to_line(p, *pair)
                yield (first,), other, lambda d: d
                yield (other,), first, lambda d: d


@theorem(
    "parallel-lines-distance",
    "parallel-lines-distance",
    "parallel lines",
    "AB ∥ CD ⇒ every point of one is the same distance from the other",
)
def parallel_distance(scene: Scene) -> Iterator[Match]:
    for quantity in scene.stated("parallel"):
        a, b, c, d = quantity.args
        widths = [scene.distance_to_line(p, c, d) for p in (a, b)] + [scene.distance_to_line(p, a, b) for p in (c, d)]
        for first, second in itertools.permutations(widths, 2):
            yield (quantity, first), second, lambda _, x: x

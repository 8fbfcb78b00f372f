"""Theorems about ellipses and hyperbolas: the axes and the foci (c² = a² ∓ b²), the eccentricity
c/a, the distance between the foci 2c, and the focal property (PF + PG = 2a, |PF − PG| = 2a)."""

from __future__ import annotations

from collections.abc import Iterator

from sympy import sqrt

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import ConicInfo, Scene
from variantgen.derive.theorem import Match, theorem


def _parts(conic: ConicInfo) -> tuple[Quantity, Quantity, Quantity, Quantity]:
    return tuple(Quantity(k, (conic.label,)) for k in ("semi-major", "semi-minor", "linear-eccentricity", "eccentricity"))  # type: ignore[return-value]


def _of(scene: Scene, kind: str) -> Iterator[ConicInfo]:
    return (conic for conic in scene.conics() if conic.kind == kind)


@theorem("ellipse-axes", "ellipse-axes", "the axes of an ellipse", "c² = a² − b²")
def ellipse_axes(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "ellipse"):
        a, b, c, _ = _parts(conic)
        yield (a, b), c, lambda x, y: sqrt(x**2 - y**2)
        yield (a, c), b, lambda x, z: sqrt(x**2 - z**2)
        yield (b, c), a, lambda y, z: sqrt(y**2 + z**2)


@theorem("hyperbola-axes", "hyperbola-axes", "the axes of a hyperbola", "c² = a² + b²")
def hyperbola_axes(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "hyperbola"):
        a, b, c, _ = _parts(conic)
        yield (a, b), c, lambda x, y: sqrt(x**2 + y**2)
        yield (a, c), b, lambda x, z: sqrt(z**2 - x**2)
        yield (b, c), a, lambda y, z: sqrt(z**2 - y**2)


def _eccentricity(scene: Scene, kind: str) -> Iterator[Match]:
    for conic in _of(scene, kind):
        a, _, c, e = _parts(conic)
        yield (a, c), e, lambda x, z: z / x
        yield (e, a), c, lambda f, x: f * x
        yield (e, c), a, lambda f, z: z / f


@theorem("ellipse-eccentricity", "ellipse-eccentricity", "the eccentricity of an ellipse", "e = c/a")
def ellipse_eccentricity(scene: Scene) -> Iterator[Match]:
    yield from _eccentricity(scene, "ellipse")


@theorem("hyperbola-eccentricity", "hyperbola-eccentricity", "the eccentricity of a hyperbola", "e = c/a")
def hyperbola_eccentricity(scene: Scene) -> Iterator[Match]:
    yield from _eccentricity(scene, "hyperbola")


@theorem("foci-distance", "", "the foci", "the foci are 2c apart", weight="rename")
def foci_distance(scene: Scene) -> Iterator[Match]:
    for conic in scene.conics():
        if conic.foci:
            c, between = _parts(conic)[2], scene.length(*conic.foci)
            yield (c,), between, lambda z: 2 * z
            yield (between,), c, lambda d: d / 2


@theorem("ellipse-focal-property", "ellipse-focal-property", "the definition of an ellipse", "PF + PG = 2a")
def ellipse_focal(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "ellipse"):
        if not conic.foci:
            continue
        a = _parts(conic)[0]
        for p in conic.on:
            first, second = (scene.length(p, f) for f in conic.foci)
            for one, other in ((first, second), (second, first)):
                yield (a, one), other, lambda x, r: 2 * x - r
            yield (first, second), a, lambda r, s: (r + s) / 2


@theorem("hyperbola-focal-property", "hyperbola-focal-property", "the definition of a hyperbola", "|PF − PG| = 2a")
def hyperbola_focal(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "hyperbola"):
        if not conic.foci:
            continue
        a = _parts(conic)[0]
        for p in conic.on:
            near, far = sorted((scene.length(p, f) for f in conic.foci), key=lambda q: float(scene.numeric(q)))
            yield (a, near), far, lambda x, r: r + 2 * x
            yield (a, far), near, lambda x, r: r - 2 * x
            yield (near, far), a, lambda r, s: (s - r) / 2

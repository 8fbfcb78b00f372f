"""Theorems about ellipses, hyperbolas and parabolas: the axes and the foci (c² = a² ∓ b²), the
eccentricity c/a, the distance between the foci 2c, the focal property (PF + PG = 2a,
|PF − PG| = 2a), and a parabola's: PF equals the distance to the directrix, which for the parabola
y² = 2px (or x² = 2py, either sign) of the question's equation is |x| + p/2 (|y| + p/2)."""

from __future__ import annotations

from collections.abc import Iterator

from sympy import sqrt

from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import ConicInfo, Scene, is_zero
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
        if conic.foci and len(conic.foci) == 2:
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


@theorem(
    "parabola-definition", "parabola-focus-directrix", "the definition of a parabola", "PF = the distance from P to the directrix"
)
def parabola_definition(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "parabola"):
        if conic.foci:
            for p in conic.on:
                focal, directrix = scene.length(p, conic.foci[0]), Quantity("directrix-distance", (p, conic.label))
                yield (focal,), directrix, lambda r: r
                yield (directrix,), focal, lambda d: d


@theorem(
    "parabola-coordinates",
    "parabola-focus-directrix",
    "the parabola y² = 2px",
    "y² = 2px; the distance from P to the directrix x = −p/2 is x + p/2; the focus is (p/2, 0), the vertex (0, 0)",
)
def parabola_coordinates(scene: Scene) -> Iterator[Match]:
    """For a parabola with its axis along an axis of coordinates, (y − k)² = 2p(x − h) or one of
    its turns: the coordinate along the axis of a point and its distance to the directrix, the
    other coordinate, the focus and the vertex (h, k). The vertex is the equation's, which the
    question states with p (the premise every conclusion here rests on)."""
    for conic in _of(scene, "parabola"):
        shape = scene.objects[conic.label]
        along = "x" if is_zero(shape.axis.y) else "y" if is_zero(shape.axis.x) else None
        if along is None:
            continue
        across = "y" if along == "x" else "x"
        h, k = (shape.center.x, shape.center.y) if along == "x" else (shape.center.y, shape.center.x)
        sign = 1 if float(shape.axis.x + shape.axis.y) > 0 else -1
        p = Quantity("parameter", (conic.label,))
        for point in conic.on:
            coordinate, directrix = Quantity(along, (point,)), Quantity("directrix-distance", (point, conic.label))
            yield (p, coordinate), directrix, lambda q, t, s=sign, o=h: s * (t - o) + q / 2
            yield (p, directrix), coordinate, lambda q, d, s=sign, o=h: o + s * (d - q / 2)
            # (y − k)² = 2p·(x − h): the other coordinate, its side of the axis read off the figure
            side = 1 if float(scene.numeric(Quantity(across, (point,)))) >= float(k) else -1
            yield (
                (p, coordinate),
                Quantity(across, (point,)),
                lambda q, t, s=sign, o=h, m=k, w=side: m + w * sqrt(2 * q * s * (t - o)),
            )
        if conic.foci:
            yield (p,), Quantity(along, (conic.foci[0],)), lambda q, s=sign, o=h: o + s * q / 2
            yield (p,), Quantity(across, (conic.foci[0],)), lambda q, m=k: 0 * q + m
        if conic.vertex:
            yield (p,), Quantity(along, (conic.vertex,)), lambda q, o=h: 0 * q + o
            yield (p,), Quantity(across, (conic.vertex,)), lambda q, m=k: 0 * q + m


@theorem(
    "hyperbola-asymptotes",
    "hyperbola-asymptotes",
    "the asymptotes of a hyperbola",
    "each focus is b from the asymptotes y = ±(b/a)x",
)
def hyperbola_asymptotes(scene: Scene) -> Iterator[Match]:
    for conic in _of(scene, "hyperbola"):
        b = _parts(conic)[1]
        for focus in conic.foci or ():
            distance = Quantity("asymptote-distance", (focus, conic.label))
            yield (b,), distance, lambda y: y
            yield (distance,), b, lambda d: d


@theorem("conic-directrices", "conic-directrices", "the directrices of a conic", "the directrices are x = ±a²/c")
def directrices(scene: Scene) -> Iterator[Match]:
    for conic in scene.conics():
        if conic.kind != "parabola":
            a, _, c, _ = _parts(conic)
            yield (a, c), Quantity("directrices-distance", (conic.label,)), lambda x, z: 2 * x**2 / z


@theorem(
    "conic-second-definition",
    "conic-second-definition",
    "the second definition of a conic",
    "PF : (the distance from P to the directrix near F) = e",
)
def second_definition(scene: Scene) -> Iterator[Match]:
    for conic in scene.conics():
        if conic.kind == "parabola":
            continue
        e = _parts(conic)[3]
        for focus in conic.foci or ():
            for p in conic.on:
                focal, directrix = scene.length(p, focus), Quantity("focal-directrix-distance", (p, conic.label, focus))
                yield (focal, e), directrix, lambda r, x: r / x
                yield (directrix, e), focal, lambda d, x: d * x
                yield (focal, directrix), e, lambda r, d: r / d


@theorem(
    "focal-chord",
    "focal-chord",
    "the focal chord perpendicular to the axis",
    "a point of the conic straight across the axis from a focus is b²/a from it (p on a parabola)",
)
def focal_chord(scene: Scene) -> Iterator[Match]:
    """Where DH ⊥ the axis at a focus H is known, stated as a foot ("the line through H
    perpendicular to FH meets the ellipse at D") or as a right angle ("FG ⊥ AB" with the chord AB
    through G): DH is half the latus rectum."""
    for conic in scene.conics():
        a, b, _, _ = _parts(conic)
        for across, d, h in _across_axis(scene, conic):
            if conic.kind == "parabola":
                yield (across, Quantity("parameter", (conic.label,))), scene.length(d, h), lambda _, p: p
            else:
                yield (across, a, b), scene.length(d, h), lambda _, x_, y_: y_**2 / x_


def _across_axis(scene: Scene, conic: ConicInfo) -> Iterator[tuple[Quantity, str, str]]:
    """``(premise, D, H)``: a point D of the conic straight across the axis from its focus H, with
    what says so (a stated foot, or the right angle at H against another point of the axis)."""
    foci = conic.foci or ()
    for relation in scene.stated("foot"):
        d, h, x, y = relation.args
        if h in foci and d in conic.on and _along_axis(scene, conic, x, y):
            yield relation, d, h
    for h in foci:
        axis = [x for x in scene.points if x != h and _along_axis(scene, conic, h, x)]
        for d in conic.on:
            for x in axis:
                if scene.is_right(d, h, x):
                    yield scene.angle(d, h, x), d, h


def _along_axis(scene: Scene, conic: ConicInfo, x: str, y: str) -> bool:
    """Whether line XY is the conic's axis (through its foci, or its focus along its axis)."""
    shape = scene.objects[conic.label]
    (px, py), (qx, qy) = scene.approx[x], scene.approx[y]
    (fx, fy) = scene.approx[conic.foci[0]]  # type: ignore[index]
    ux, uy = float(shape.axis.x), float(shape.axis.y)
    return abs((qx - px) * uy - (qy - py) * ux) < 1e-9 * (1 + abs(qx - px) + abs(qy - py)) and abs(
        (fx - px) * uy - (fy - py) * ux
    ) < 1e-9 * (1 + abs(fx - px) + abs(fy - py))

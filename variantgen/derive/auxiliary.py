"""Auxiliary objects a step question may introduce in one sentence and its figure then draws.

"H is the foot of the altitude from A to BC." gives the engine a new point, the segment AH and
the facts its definition states (AH ⊥ BC), so that a question can ask for AH, BH or the area of
triangle ABH. Each object is plain data (commands, a sentence, the stated relations, the labels
it adds), recorded in provenance so a replay draws the same figure.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sympy

from variantgen.answers import format_answer
from variantgen.construction import Construction
from variantgen.construction.evaluator import written_point
from variantgen.derive.auxiliary_graphs import graph_options
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, SolidInfo, cross3, dot, minus, same

#: Letters auxiliary points take: the step axis's pool, so a visual variant's new points (drawn
#: from another pool) never collide with them in the mixed corners.
LETTERS = "DEFGMN"


@dataclass(frozen=True)
class Auxiliary:
    kind: str
    commands: tuple[str, ...]
    sentence: str
    relations: tuple[Quantity, ...]
    labels: tuple[str, ...]  # the new objects, which a question about this object must name
    dashed: tuple[str, ...]
    touches: tuple[str, ...] = ()  # the figure's points it is drawn from
    style: tuple[tuple[str, Any], ...] = ()  # drawing hints it needs (the axes, for a point on the y-axis)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "commands": list(self.commands),
            "sentence": self.sentence,
            "relations": [[q.kind, *q.args] for q in self.relations],
            "labels": list(self.labels),
            "dashed": list(self.dashed),
            "touches": list(self.touches),
            "style": dict(self.style),
        }

    def then(self, other: Auxiliary) -> Auxiliary:
        """This object and one drawn from it, as one: "D is the foot of the altitude from A to BC.
        E is the midpoint of AC, and DE is drawn." A question about the pair must name the
        second's objects (``labels``); the first's sentence stays to define what the second uses."""
        return Auxiliary(
            f"{self.kind}+{other.kind}",
            self.commands + other.commands,
            f"{self.sentence} {other.sentence}",
            self.relations + other.relations,
            other.labels,
            self.dashed + other.dashed,
            self.touches,
            self.style + other.style,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Auxiliary:
        return cls(
            data["kind"],
            tuple(data["commands"]),
            data["sentence"],
            tuple(Quantity(r[0], tuple(r[1:])) for r in data["relations"]),
            tuple(data["labels"]),
            tuple(data["dashed"]),
            tuple(data.get("touches", ())),
            tuple(dict(data.get("style", {})).items()),
        )


def options(scene: Scene, construction: Construction, text: str) -> Iterator[Auxiliary]:
    """The auxiliary objects that fit the figure's triangles: the foot of an altitude (inside its
    side), the midpoint of a side and the foot of an angle bisector, each from every vertex."""
    letter = _free_letter(construction, text)
    if letter is None:
        return
    segment = _free_segment(construction)
    if scene.in_space:
        yield from _space_options(scene, construction, letter, segment)
        return
    for t in _main_triangles(scene, construction):
        for v in t:
            b, c = sorted(set(t) - {v})
            side = f"{b}{c}"
            if not scene.is_right(v, b, c) and not scene.is_right(v, c, b) and _inside(scene, v, b, c):
                sentence = f"{letter} is the foot of the altitude from {v} to {side}."
                yield _foot("altitude", sentence, v, b, c, letter, segment)
            middle = tuple((u + w) / 2 for u, w in zip(scene.approx[b], scene.approx[c], strict=True))
            if _vacant(scene, middle):  # no second name for a midpoint (stated, or a focus at it)
                sentence = f"{letter} is the midpoint of {side}, and the median {v}{letter} is drawn."
                yield _midpoint("median", sentence, v, b, c, letter, segment)
            if any(q.kind == "bisector" and q.args[0] == v for q in scene.relations):
                continue  # that bisector is drawn already
            if not _vacant(scene, _bisector_foot(scene, v, b, c)):
                continue  # it meets BC at a named point (the midpoint of an isosceles triangle's base)
            yield Auxiliary(
                "bisector",
                (f"{letter}=Intersect(AngleBisector({b},{v},{c}),Segment({b},{c}))", f"{segment}=Segment({v},{letter})"),
                f"The bisector of ∠{b}{v}{c} meets {side} at {letter}.",
                (Quantity("bisector", (v, letter, b, c)),),
                (letter,),
                (segment,),
                (v, b, c),
            )
    yield from _radii(scene, construction)
    yield from _diagonals(scene, construction)
    yield from _extensions(scene, construction, letter)
    yield from _focal_chords(scene, letter, segment)
    yield from _directrix_points(scene, letter, segment)
    yield from graph_options(scene, construction, text)


def _space_options(scene: Scene, construction: Construction, letter: str, segment: str) -> Iterator[Auxiliary]:
    """What a solid's question draws: a diagonal of a face (the leg of the right triangle a space
    diagonal or a height is found in), a pyramid's slant height to the midpoint of a base edge,
    and the radius to a named point of a cone's or cylinder's base."""
    yield from _diagonals(scene, construction)
    for solid in scene.solids():
        if solid.shape in ("cuboid", "cube"):
            base, top = solid.base, solid.top
            for a, g in ((base[i], top[(i + 2) % 4]) for i in range(2)):
                if scene.line_through(a, g) is None:
                    sentence = f"The space diagonal {a}{g} is drawn."
                    yield Auxiliary(
                        "space-diagonal", (f"{segment}=Segment({a},{g})",), sentence, (), (a, g), (segment,), solid.corners
                    )
        if solid.shape in ("cuboid", "cube", "right-prism"):
            for corners in solid.diagonal_sections:
                if not any(set(p) == set(corners) for p in scene.polygons):
                    name = "".join(corners)
                    yield Auxiliary(
                        "diagonal-section",
                        (f"{segment}=Polygon({','.join(corners)})",),
                        f"The diagonal section {name} is drawn.",
                        (),
                        corners,
                        (),
                        solid.corners,
                    )
        if solid.shape == "regular-frustum" and len(solid.base) == 4 and not _named_foot(scene, solid.top[0], solid.base):
            yield _frustum_foot(solid, letter, segment)
        if solid.shape == "cone-frustum":
            yield from _cone_frustum_feet(scene, solid, letter, segment)
        if solid.shape == "regular-pyramid":
            apex, base = solid.corners[0], solid.base
            for b, c in zip(base, base[1:] + base[:1], strict=True):
                if not any(q.kind == "midpoint" and set(q.args[1:]) == {b, c} for q in scene.relations):
                    sentence = f"{letter} is the midpoint of {b}{c}, and the slant height {apex}{letter} is drawn."
                    yield _midpoint("slant-height", sentence, apex, b, c, letter, segment)
    yield from _radii(scene, construction)


def follow_ups(scene: Scene, construction: Construction, text: str, first: Auxiliary) -> Iterator[Auxiliary]:
    """Objects drawn from the point ``first`` added (``scene`` is the figure with it): the foot of
    the perpendicular from it to a side of the main triangle, and the midpoint of a side joined to
    it. "D is the foot of the altitude from A to BC. E is the midpoint of AC, and DE is drawn." is
    how a textbook reaches the median to the hypotenuse of the right triangle ADC."""
    if len(first.labels) != 1 or first.labels[0] not in scene.points or scene.in_space:
        return
    p = first.labels[0]
    letter = _free_letter(construction, f"{text} {first.sentence}")
    if letter is None:
        return
    segment = _free_segment(construction)
    for t in _main_triangles(scene, construction):
        for b, c in itertools.combinations(t, 2):
            if p in (b, c) or scene.collinear(p, b, c):
                continue
            if _inside(scene, p, b, c):
                sentence = f"{letter} is the foot of the perpendicular from {p} to {b}{c}."
                yield _foot("perpendicular", sentence, p, b, c, letter, segment)
            if not _vacant(scene, tuple((u + w) / 2 for u, w in zip(scene.approx[b], scene.approx[c], strict=True))):
                continue
            sentence = f"{letter} is the midpoint of {b}{c}, and {p}{letter} is drawn."
            yield _midpoint("joined-midpoint", sentence, p, b, c, letter, segment)


def _foot(kind: str, sentence: str, v: str, b: str, c: str, letter: str, segment: str) -> Auxiliary:
    """The foot of the perpendicular from V to line BC, named ``letter``, joined to V."""
    return Auxiliary(
        kind,
        (f"{letter}=Intersect(PerpendicularLine({v},Line({b},{c})),Line({b},{c}))", f"{segment}=Segment({v},{letter})"),
        sentence,
        (Quantity("foot", (v, letter, b, c)),),
        (letter,),
        (segment,),
        (v, b, c),
    )


def _cone_frustum_feet(scene: Scene, solid: SolidInfo, letter: str, segment: str) -> Iterator[Auxiliary]:
    """The perpendicular from a top point B of a cone's frustum's drawn slant line AB to the base
    radius OA: the right triangle the slant height is found in."""
    o, q = solid.corners
    for a in solid.rim:
        for b in solid.rim:
            if a == b or not scene.line_through(a, b) or not scene.line_through(o, a):
                continue
            if scene.collinear(q, b, a) or not scene.is_right(q, o, a) or not scene.is_right(o, q, b):
                continue  # A on the base rim, B on the top rim
            if any(scene.collinear(o, a, p) and scene.is_right(b, p, a) for p in scene.points if p not in (o, a)):
                continue  # the figure names that foot already
            sentence = f"{letter} is the foot of the perpendicular from {b} to {o}{a}."
            foot = _foot("cone-frustum-foot", sentence, b, o, a, letter, segment)
            yield dataclasses.replace(foot, touches=(b, a, o))  # a question on the slant line AB needs it


def _named_foot(scene: Scene, top: str, base: tuple[str, ...]) -> bool:
    """Whether the figure already names the foot of the perpendicular from ``top`` to the base's plane."""
    a, b, c = (scene.approx[p] for p in base[:3])
    normal = cross3(minus(b, a), minus(c, a))
    t = dot(minus(scene.approx[top], a), normal) / dot(normal, normal)
    foot = tuple(x - t * n for x, n in zip(scene.approx[top], normal, strict=True))
    return any(same(sum(abs(u - v) for u, v in zip(at, foot, strict=True)), 0) for at in scene.approx.values() if len(at) == 3)


def _frustum_foot(solid: SolidInfo, letter: str, segment: str) -> Auxiliary:
    """The perpendicular from a top corner E of a regular frustum on a square to its base, its foot K
    on the diagonal AC below, and AK: the right triangle a lateral edge is found in."""
    (a, b, c, d), e = solid.base, solid.top[0]
    sentence = f"{e}{letter} ⊥ plane {a}{b}{c}{d}, with its foot {letter} on {a}{c}, and {a}{letter} is drawn."
    return Auxiliary(
        "frustum-foot",
        (
            f"{letter}=ClosestPoint(Plane({a},{b},{c}),{e})",
            f"{segment}=Segment({e},{letter})",
            f"{segment}_1=Segment({a},{letter})",
        ),
        sentence,
        (Quantity("perpendicular-to-plane", (e, letter, a, b, c, d)),),
        (letter,),
        (segment, f"{segment}_1"),
        (e, a, *solid.corners),  # the lateral edge EA first: what a question on it needs this for
    )


def _midpoint(kind: str, sentence: str, v: str, b: str, c: str, letter: str, segment: str) -> Auxiliary:
    """The midpoint of BC, named ``letter``, joined to V."""
    return Auxiliary(
        kind,
        (f"{letter}=Midpoint({b},{c})", f"{segment}=Segment({v},{letter})"),
        sentence,
        (Quantity("midpoint", (letter, b, c)),),
        (letter,),
        (segment,),
        (v, b, c),
    )


def _diagonals(scene: Scene, construction: Construction) -> Iterator[Auxiliary]:
    """A diagonal of a stated quadrilateral, which cuts it into the two triangles a solution uses."""
    for polygon in scene.polygons:
        if len(polygon) != 4:
            continue
        for a, c in ((polygon[0], polygon[2]), (polygon[1], polygon[3])):
            if scene.line_through(a, c) is None:
                label = _free_segment(construction)
                yield Auxiliary(
                    "diagonal", (f"{label}=Segment({a},{c})",), f"The diagonal {a}{c} is drawn.", (), (a, c), (label,), polygon
                )


def _extensions(scene: Scene, construction: Construction, letter: str) -> Iterator[Auxiliary]:
    """A side of a stated polygon extended beyond a vertex by its own length: "Side AB is extended
    beyond B to E so that BE = AB." It makes the exterior angle at B (supplementary to the
    interior one), a common first step of an angle problem with no lengths to work on. It
    touches B first (the point it is drawn at), then A and the polygon's other neighbour of B."""
    polygons = [p for p in scene.polygons if len(p) in (3, 4)] or [t for t in _main_triangles(scene, construction)]
    segment = _free_segment(construction)
    for polygon in polygons:
        n = len(polygon)
        for i in range(n):
            before, q, after = polygon[i - 1], polygon[i], polygon[(i + 1) % n]
            for p, r in ((before, after), (after, before)):
                beyond = tuple(2 * u - w for u, w in zip(scene.approx[q], scene.approx[p], strict=True))
                if not _vacant(scene, beyond):
                    continue
                yield Auxiliary(
                    "extension",
                    (f"{letter}=Dilate({p},-1,{q})", f"{segment}=Segment({q},{letter})"),
                    f"Side {p}{q} is extended beyond {q} to {letter} so that {q}{letter} = {p}{q}.",
                    (Quantity("midpoint", (q, p, letter)),),
                    (letter,),
                    (segment,),
                    (q, p, r),
                )


def _focal_chords(scene: Scene, letter: str, segment: str) -> Iterator[Auxiliary]:
    """The point of a conic straight across its axis from a focus, joined to that focus and to the
    other focus (a parabola's vertex): the focal triangle a textbook's conic question draws. Only
    for an axis along x or y, where "above" and "to the right of" say which of the two points."""
    for conic in scene.conics():
        shape, foci = scene.objects[conic.label], conic.foci or ()
        if conic.kind == "parabola":
            pairs = [(foci[0], conic.vertex)] if foci and conic.vertex else []
        else:
            pairs = [(foci[1], foci[0]), (foci[0], foci[1])] if len(foci) == 2 else []
        across = _across(shape)
        if across is None:
            continue
        (nx, ny), side = across
        half = shape.a if conic.kind == "parabola" else shape.b**2 / shape.a
        for h, x in pairs:
            at = scene.points[h]
            d = (at.x + half * nx, at.y + half * ny)
            if not _vacant(scene, tuple(float(c) for c in d)):
                continue
            second, axis = _next_segment(segment), "".join(sorted((h, x)))
            yield Auxiliary(
                "focal-chord",
                (
                    f"{letter}={written_point(*d)}",
                    f"{segment}=Segment({letter},{h})",
                    f"{second}=Segment({letter},{x})",
                ),
                f"The line through {h} perpendicular to {axis} meets the {conic.kind} at {letter}, {side} {axis}, "
                f"and {letter}{h} and {letter}{x} are drawn.",
                (Quantity("foot", (letter, h, x, h)),),
                (letter,),
                (segment, second),
                (h, x),
            )


#: Parameters of rational points (x, y) = (a(1 − t²), 2bt)/(1 + t²) of an ellipse (of a hyperbola:
#: (a(1 + t²), 2bt)/(1 − t²)) in its own axes.
_RATIONAL_POINTS = (sympy.Rational(1, 2), sympy.Rational(1, 3), sympy.Rational(2, 3), sympy.Rational(1, 4))


def _directrix_points(scene: Scene, letter: str, segment: str) -> Iterator[Auxiliary]:
    """A point of an ellipse or hyperbola at a stated distance from a focus, with the directrix on
    that focus's side drawn: its distance to the directrix is the focal distance over e (the
    second definition), so a question about it needs the eccentricity. Only for an axis along x
    or y and rational a, b, c, where the point has rational coordinates."""
    for conic in scene.conics():
        shape, foci = scene.objects[conic.label], conic.foci or ()
        if conic.kind == "parabola" or len(foci) != 2 or not all(v.is_Rational for v in (shape.a, shape.b, shape.c)):
            continue
        across = _across(shape)
        if across is None:
            continue
        n, side = across
        a, b, c, u = shape.a, shape.b, shape.c, shape.axis
        for focus in foci:
            at = shape.center
            towards = 1 if (scene.points[focus] - at).x * u.x + (scene.points[focus] - at).y * u.y > 0 else -1
            for t in _RATIONAL_POINTS:
                if conic.kind == "ellipse":
                    x, y = towards * a * (1 - t**2) / (1 + t**2), 2 * b * t / (1 + t**2)
                else:
                    x, y = towards * a * (1 + t**2) / (1 - t**2), 2 * b * t / (1 - t**2)
                point = (at.x + x * u.x + y * n[0], at.y + x * u.y + y * n[1])
                if not _vacant(scene, tuple(float(v) for v in point)):
                    continue
                f = scene.points[focus]
                focal = sympy.sqrt((point[0] - f.x) ** 2 + (point[1] - f.y) ** 2)
                foot = (at.x + towards * a**2 / c * u.x, at.y + towards * a**2 / c * u.y)
                second, axis = _next_segment(segment), "".join(sorted(foci))
                yield Auxiliary(
                    "directrix-point",
                    (
                        f"{letter}={written_point(*point)}",
                        f"{segment}=Line({written_point(*foot)},{written_point(foot[0] + n[0], foot[1] + n[1])})",
                        f"{second}=Segment({letter},{focus})",
                    ),
                    f"The directrix on the side of {focus} is drawn, and {letter} is the point of the {conic.kind} {side} "
                    f"{axis} with {letter}{focus} = {format_answer(focal, 'number')}.",
                    (scene.length(letter, focus),),
                    (letter,),
                    (segment, second),
                    (focus,),
                )
                break


def _across(conic: Any) -> tuple[tuple[int, int], str] | None:
    """For a conic whose axis lies along x or y: the unit direction across it that a question
    names, and its words ("above" a horizontal axis, "to the right of" an upright one); None for
    a turned axis, where no such words say which side."""
    if conic.axis.y == 0:
        return (0, 1), "above"
    if conic.axis.x == 0:
        return (1, 0), "to the right of"
    return None


def _next_segment(segment: str) -> str:
    """The label after ``segment`` (``step2`` after ``step1``), for a second drawn segment."""
    return f"step{int(segment[4:]) + 1}"


def _radii(scene: Scene, construction: Construction) -> Iterator[Auxiliary]:
    """The radii to the ends of a chord, which make the triangle a chord question is solved in."""
    for circle in scene.circles:
        o = circle.centre
        if o is None:
            continue
        for a, b in itertools.combinations(circle.on, 2):
            missing = [p for p in (a, b) if scene.line_through(o, p) is None]
            if scene.line_through(a, b) is None or not missing or scene.collinear(o, a, b):
                continue
            first = _free_segment(construction)
            labels = [first, *(f"step{int(first[4:]) + i}" for i in range(1, len(missing)))]
            commands = tuple(f"{label}=Segment({o},{p})" for label, p in zip(labels, missing, strict=True))
            words = " and ".join(f"{o}{p}" for p in missing)
            noun = "radii" if len(missing) == 2 else "radius"
            yield Auxiliary(
                "radii",
                commands,
                f"The {noun} {words} {'are' if len(missing) == 2 else 'is'} drawn.",
                (),
                (o,),
                tuple(labels),
                (o, a, b),
            )


def drawing_for(target: Quantity, construction: Construction) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Commands that draw what the question names but the figure lacks (the circumscribed or
    inscribed circle it asks the radius of), and which of them are dashed."""
    if target.kind not in ("circumradius", "inradius"):
        return (), ()
    label = _free_circle(construction)
    command = "Circle" if target.kind == "circumradius" else "Incircle"
    return (f"{label}={command}({','.join(target.args)})",), (label,)


def _main_triangles(scene: Scene, construction: Construction) -> list[tuple[str, str, str]]:
    """The triangles the question is about: stated polygons first, else every triangle drawn (at most two)."""
    stated = [tuple(sorted(p)) for p in scene.polygons if len(p) == 3]
    found = [t for t in scene.triangles if t in stated] or scene.triangles
    return found[:2]  # type: ignore[return-value]


def _inside(scene: Scene, v: str, b: str, c: str) -> bool:
    """Whether the foot of the altitude from V falls strictly inside BC, on no named point."""
    at, t = scene.foot(v, b, c)
    return 0 < t < 1 and _vacant(scene, at)


def _bisector_foot(scene: Scene, v: str, b: str, c: str) -> tuple[Any, ...]:
    """Where the bisector of the angle at V meets BC: it divides BC as VB to VC."""
    p, q, r = (scene.approx[n] for n in (v, b, c))
    vb, vc = (sum((s - t) ** 2 for s, t in zip(p, e, strict=True)) ** 0.5 for e in (q, r))
    return tuple(s + (t - s) * vb / (vb + vc) for s, t in zip(q, r, strict=True))


def _vacant(scene: Scene, at: tuple[Any, ...]) -> bool:
    """Whether no named point lies at ``at``: a new point there would hide under its label."""
    return all(sum(abs(u - w) for u, w in zip(at, p, strict=True)) > 1e-12 for p in scene.approx.values())


def _free_letter(construction: Construction, text: str) -> str | None:
    used = set(construction.names()) | set(ch for ch in text if ch.isupper())
    return next((letter for letter in LETTERS if letter not in used), None)


def _free_segment(construction: Construction) -> str:
    used = set(construction.names())
    return next(f"step{i}" for i in range(1, 100) if f"step{i}" not in used)


def _free_circle(construction: Construction) -> str:
    used = set(construction.names())
    return next(f"stepc{i}" for i in range(1, 100) if f"stepc{i}" not in used)

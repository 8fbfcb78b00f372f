"""What step and visual transforms need to know about a construction's figure, read from its commands.

Reading the commands (``t=Polygon(A,B,C)``) rather than evaluated objects keeps this independent
of how the evaluator represents geometry, and gives the names the question text uses; the
evaluation is consulted only to tell three segments that close a triangle from three along a line.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

import sympy

from variantgen.construction import Construction, space
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.conics import Conic
from variantgen.construction.evaluator import Point, Point3, _is_zero
from variantgen.construction.space import Circle3, Polyhedron, Round

_POLYGON = re.compile(r"^\s*([A-Za-z]\w*)\s*=\s*Polygon\(\s*([A-Z]\w*(?:\s*,\s*[A-Z]\w*){2,})\s*\)\s*$")
_CIRCLE = re.compile(r"^\s*([A-Za-z]\w*)\s*=\s*Circle\(\s*([A-Z]\w*)\s*,")
_FUNCTION = re.compile(r"^\s*([A-Za-z]\w*)\(x\)\s*=")
_SEGMENT = re.compile(r"^\s*[A-Za-z]\w*\s*=\s*Segment\(\s*([A-Z]\w*)\s*,\s*([A-Z]\w*)\s*\)\s*$")

#: Letters a transform may give the points it adds; the step and visual axes draw from different
#: pools so that a step's new point never collides with a visual's in the mixed corners.
STEP_LETTERS = "DEFGMN"
VISUAL_LETTERS = "HKLPQRSTUVW"


@dataclass(frozen=True)
class Polygon:
    label: str
    vertices: tuple[str, ...]

    @property
    def title(self) -> str:
        kinds = {3: "triangle", 4: "quadrilateral", 5: "pentagon", 6: "hexagon"}
        return f"{kinds.get(len(self.vertices), 'polygon')} {''.join(self.vertices)}"

    def sides(self) -> list[tuple[str, str]]:
        n = len(self.vertices)
        return [(self.vertices[i], self.vertices[(i + 1) % n]) for i in range(n)]

    def opposite(self, side: tuple[str, str]) -> str:
        """The vertex of a triangle not on ``side``."""
        (rest,) = set(self.vertices) - set(side)
        return rest


def polygons(construction: Construction) -> list[Polygon]:
    found = []
    for command in construction.commands:
        match = _POLYGON.match(command)
        if match:
            vertices = tuple(v.strip() for v in match.group(2).split(","))
            if len(set(vertices)) == len(vertices):
                found.append(Polygon(match.group(1), vertices))
    return found


def triangles(construction: Construction) -> list[Polygon]:
    """Triangles drawn as polygons, then those drawn as three segments (``.ggb`` figures often are):
    the latter have no label of their own, and three segments along one line make no triangle."""
    found = [p for p in polygons(construction) if len(p.vertices) == 3]
    sides = {frozenset(m.groups()) for command in construction.commands if (m := _SEGMENT.match(command))}
    points = list(dict.fromkeys(v for command in construction.commands if (m := _SEGMENT.match(command)) for v in m.groups()))
    known = {frozenset(p.vertices) for p in found}
    for corners in itertools.combinations(points, 3):
        pairs = {frozenset(pair) for pair in itertools.combinations(corners, 2)}
        if pairs <= sides and frozenset(corners) not in known and not _collinear(construction, corners):
            found.append(Polygon("", corners))
    return found


def _collinear(construction: Construction, corners: tuple[str, ...]) -> bool:
    objects = cached_evaluate(construction).objects
    a, b, c = (objects.get(name) for name in corners)
    if not all(isinstance(point, Point) for point in (a, b, c)):
        return True
    return sympy.simplify((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) == 0


@dataclass(frozen=True)
class Solid:
    """A solid whose corners (centres) are named points. ``shape`` is GeoGebra's: cube, prism,
    pyramid, tetrahedron, cylinder, cone or sphere, or a frustum drawn face by face or a cone's
    frustum (``cone-frustum``) drawn by its rims (``space.drawn_solids``). ``corners``: a prism's
    or frustum's base then its top, corner over corner; a pyramid's apex then its base; a
    cylinder's (a cone's frustum's) base centre then its top centre; a cone's apex then its base
    centre; a sphere's centre. ``rim``: the named points on a cylinder's or cone's base circle
    (a cone's frustum's two), or on a sphere."""

    label: str
    shape: str
    corners: tuple[str, ...]
    rim: tuple[str, ...] = ()
    #: What else draws it, for GeoGebra to measure it by: a cone's frustum's top rim (its label is its base rim's).
    parts: tuple[str, ...] = ()

    @property
    def is_prism(self) -> bool:
        return self.shape in ("cube", "cuboid", "right-prism", "prism")

    @property
    def has_top(self) -> bool:
        """A prism or frustum: its corners are the base's, then the top's, corner over corner."""
        return self.is_prism or self.shape in ("frustum", "regular-frustum")

    @property
    def base(self) -> tuple[str, ...]:
        """A polyhedron's base corners (a round solid has none)."""
        if self.has_top:
            return self.corners[: len(self.corners) // 2]
        return self.corners[1:] if self.shape in ("pyramid", "regular-pyramid", "tetrahedron") else ()

    @property
    def top(self) -> tuple[str, ...]:
        return self.corners[len(self.corners) // 2 :] if self.has_top else ()

    @property
    def diagonal_sections(self) -> list[tuple[str, str, str, str]]:
        """A prism or frustum on a quadrilateral cut through two opposite lateral edges (ACGE and
        BDHF of ABCD-EFGH), each round its corners: a base diagonal, a lateral edge, a top diagonal."""
        if not (self.has_top and len(self.base) == 4):
            return []
        base, top = self.base, self.top
        return [(base[i], base[i + 2], top[i + 2], top[i]) for i in range(2)]

    @property
    def faces(self) -> list[tuple[str, ...]]:
        """A polyhedron's faces, each round its corners: a prism's base, top and sides; a
        pyramid's base and sides."""
        base, top, n = self.base, self.top, len(self.base)
        if top:
            return [base, top] + [(base[i], base[(i + 1) % n], top[(i + 1) % n], top[i]) for i in range(n)]
        return [base] + [(base[i], base[(i + 1) % n], self.corners[0]) for i in range(n)] if base else []


@functools.lru_cache(maxsize=256)
def solids(construction: Construction) -> tuple[Solid, ...]:
    """The construction's solids whose corners, or centres, are named points (remembered: the
    scene, its faces and each visual kind on solids ask for them)."""
    objects = cached_evaluate(construction).objects
    named = {(p.x, p.y, p.z): name for name, p in objects.items() if isinstance(p, Point3) and name[:1].isupper()}
    found = []
    for label, obj in [*objects.items(), *space.drawn_solids(objects).items()]:
        if isinstance(obj, Polyhedron):
            corners = [named.get((v.x, v.y, v.z)) for v in obj.vertices]
            if None not in corners:
                order = corners if obj.shape in ("cube", "prism", "frustum") else [corners[-1], *corners[:-1]]
                found.append(Solid(label, obj.shape, tuple(order)))  # type: ignore[arg-type]
        elif isinstance(obj, Round):
            ends = {"cone": (obj.top, obj.base), "cylinder": (obj.base, obj.top), "cone-frustum": (obj.base, obj.top)}.get(
                obj.shape, (obj.base,)
            )
            corners = [named.get((p.x, p.y, p.z)) for p in ends]
            top = [n for n, c in objects.items() if isinstance(c, Circle3) and c.center == obj.top and c.radius == obj.top_radius]
            if None not in corners:
                found.append(Solid(label, obj.shape, tuple(corners), _rim(obj, objects), tuple(top[:1])))  # type: ignore[arg-type]
    return tuple(found)


def _rim(shape: Round, objects: dict[str, object]) -> tuple[str, ...]:
    """The named points on a round solid's base circle (a sphere: on the sphere; a cone's frustum:
    on its base circle, then on its top circle)."""
    axis = shape.top - shape.base
    circles = [(shape.base, shape.radius)] + ([(shape.top, shape.top_radius)] if shape.top_radius is not None else [])
    return tuple(
        name
        for centre, radius in circles
        for name, p in objects.items()
        if isinstance(p, Point3)
        and name[:1].isupper()
        and p != centre
        and _is_zero(space.norm(p - centre) - radius)
        and (shape.shape == "sphere" or _is_zero(space.dot(p - centre, axis)))
    )


def in_space(construction: Construction) -> bool:
    return space.in_space(cached_evaluate(construction).objects)


def circles(construction: Construction) -> list[tuple[str, str]]:
    """``(label, centre)`` of every circle given by its centre."""
    return [(m.group(1), m.group(2)) for c in construction.commands if (m := _CIRCLE.match(c))]


def conics(construction: Construction, kind: str) -> list[tuple[str, Conic]]:
    """``(label, conic)`` of every ellipse, hyperbola or parabola (``kind``) the figure draws."""
    objects = cached_evaluate(construction).objects
    return [(label, obj) for label, obj in objects.items() if isinstance(obj, Conic) and obj.kind == kind]


def functions(construction: Construction) -> list[str]:
    return [m.group(1) for c in construction.commands if (m := _FUNCTION.match(c))]


def free_letters(pool: str, construction: Construction, text: str, count: int) -> list[str] | None:
    """``count`` letters of ``pool`` used neither as labels nor as words of the text."""
    used = set(construction.names()) | {ch for word in re.findall(r"\b[A-Z]{1,5}\b", text) for ch in word}
    free = [letter for letter in pool if letter not in used]
    return free[:count] if len(free) >= count else None


def fresh_label(prefix: str, construction: Construction) -> str:
    """A lower-case label for an auxiliary object (segment, line) not used yet."""
    used = set(construction.names())
    index = 1
    while f"{prefix}{index}" in used:
        index += 1
    return f"{prefix}{index}"

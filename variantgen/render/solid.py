"""Solids drawn as a school textbook draws them: a parallel projection onto the page, visible
edges solid, hidden edges dashed, every labelled vertex named.

Why a projection drawn in GeoGebra's plane view rather than GeoGebra's 3D view: the 3D view needs
WebGL, which headless Chromium provides only through a software rasteriser that is slow and not
always there, and it shades surfaces rather than dashing hidden edges. A projection computed here
is exact and deterministic; GeoGebra still draws every line of it, and still evaluates the solid
itself (the construction's 3D commands run in the same applet, and its value is checked).

Two projections, the two textbooks use:

- polyhedra: the oblique *cabinet* projection (斜二测画法): x to the right, z up, y receding at half
  length (at 30°, not 45°, so that no space diagonal runs through or near a corner's image), so the front
  face keeps its true shape;
- cylinders, cones and spheres: y recedes straight up at a third of its length, so circles in
  horizontal planes become ellipses with horizontal axes, as drawn in every textbook. With a
  polyhedron in the same figure, y also leans a little to the right, so that no face is seen
  edge-on.

Hidden lines: a point of a drawn line is hidden when the ray from it towards the viewer passes
through the inside of a solid. Lines are cut where that changes; each piece is drawn solid or
dashed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from variantgen.construction import Construction
from variantgen.construction.cache import cached_evaluate
from variantgen.construction.evaluator import TO_SPACE, Function, Point3, Vector
from variantgen.construction.space import (
    Arc3,
    Circle3,
    Line3,
    Plane,
    Polygon3,
    Polyhedron,
    Ray3,
    Round,
    Segment3,
    drawn_solids,
    in_space,
)

Vec = tuple[float, float, float]
#: Points tried along a line, and along the ray from each towards the viewer.
_SAMPLES = 64
_RAY_STEPS = 240
#: y recedes at half length and 30°: at 45° a cube's space diagonal AG would pass through the
#: image of the corner F, as textbooks that draw at 45° show and teachers avoid.
_CABINET = (0.5 * math.cos(math.radians(30)), 0.5 * math.sin(math.radians(30)))
_ROUND = (0.0, 1 / 3)
_MIXED = (0.18, 0.3)
#: How far (radians along a rim) a named point may be from where a side's outline leaves the rim
#: and still take its place.
_SNAP = 0.3


def space_picture(construction: Construction) -> Picture | None:
    """The picture of a construction in space (None for a plane figure), computed once for the
    view box and the drawing job."""
    key = (construction.commands, json.dumps(construction.style, sort_keys=True))
    if key not in _PICTURES:
        objects = cached_evaluate(construction).objects
        if len(_PICTURES) >= 256:
            _PICTURES.clear()
        hidden = set(construction.style.get("hidden", []))
        shown = {name: obj for name, obj in objects.items() if name not in hidden}
        # a hidden plane makes no solid figure, and a graph is drawn in the plane view (a file's
        # stray object of its 3D view beside it is not)
        solid = in_space(shown) and not any(isinstance(obj, Function) for obj in shown.values())
        _PICTURES[key] = picture(objects, construction.style, _vector_starts(construction, objects)) if solid else None
    return _PICTURES[key]


_PICTURES: dict[tuple[Any, ...], Picture | None] = {}

#: ``u=Vector(A,B)`` or ``u=Vector(P)``: a vector, drawn from A (from the origin).
_VECTOR = re.compile(r"^(?P<label>\w+)=Vector\((?P<args>.+)\)$")


def _vector_starts(construction: Construction, objects: dict[str, Any]) -> dict[str, Vec]:
    """Where each vector in space the construction makes is drawn from: its first point, or the
    origin for a vector given by one point. (A vector's value is its components; where GeoGebra
    draws it is a matter of its command.)"""
    starts: dict[str, Vec] = {}
    for command in construction.commands:
        match = _VECTOR.match(command.replace(" ", ""))
        if match and isinstance(objects.get(match["label"]), (Point3, Vector)):
            first, depth = match["args"], 0
            for at, ch in enumerate(match["args"]):  # the first argument, if there are two
                depth += {"(": 1, ")": -1}.get(ch, 0)
                if ch == "," and depth == 0:
                    first = match["args"][:at]
                    break
            start = objects.get(first) if first != match["args"] else None
            start = TO_SPACE[type(start)](start) if type(start) in TO_SPACE else start
            starts[match["label"]] = _f(start) if isinstance(start, Point3) else (0.0, 0.0, 0.0)
    return starts


@dataclass
class Picture:
    """What the bridge draws, in page coordinates: labelled points, line pieces, elliptic arcs
    (centre, two conjugate semi-axes, parameter range) and filled polygons."""

    points: list[dict[str, Any]] = field(default_factory=list)
    segments: list[dict[str, Any]] = field(default_factory=list)
    arcs: list[dict[str, Any]] = field(default_factory=list)
    fills: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "segments": self.segments, "arcs": self.arcs, "fills": self.fills}

    def extent(self) -> list[tuple[float, float]]:
        found = [(p["x"], p["y"]) for p in self.points]
        found += [(s[k], s[k.replace("x", "y")]) for s in self.segments for k in ("x1", "x2")]
        for arc in self.arcs:
            for k in range(33):
                t = arc["t0"] + (arc["t1"] - arc["t0"]) * k / 32
                found.append(_on_arc(arc, t))
        return found


def _on_arc(arc: dict[str, Any], t: float) -> tuple[float, float]:
    c, s = math.cos(t), math.sin(t)
    return (arc["cx"] + arc["ux"] * c + arc["vx"] * s, arc["cy"] + arc["uy"] * c + arc["vy"] * s)


def _f(p: Point3) -> Vec:
    return (float(p.x), float(p.y), float(p.z))


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _along(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


class _Solid:
    """A solid's inside, as a test: strictly inside by more than ``margin``."""

    def __init__(self, shape: Polyhedron | Round, margin: float) -> None:
        self.margin = margin
        self.shape = shape
        if isinstance(shape, Polyhedron):
            vertices = [_f(v) for v in shape.vertices]
            centre = tuple(sum(v[i] for v in vertices) / len(vertices) for i in range(3))
            self.planes = []
            for face in shape.faces:
                a, b, c = (vertices[i] for i in face[:3])
                n = _cross(_sub(b, a), _sub(c, a))
                length = math.sqrt(_dot(n, n))
                n = (n[0] / length, n[1] / length, n[2] / length)
                if _dot(n, _sub(centre, a)) > 0:  # outward
                    n = (-n[0], -n[1], -n[2])
                self.planes.append((n, _dot(n, a)))
        else:
            self.base, self.top, self.radius = _f(shape.base), _f(shape.top), float(shape.radius)

    def blocks(self, p: Vec, toward: Vec, reach: float) -> bool:
        """Whether the ray from p towards the viewer passes through the inside. A polyhedron's
        inside along the ray is an interval found exactly; a round solid's is sampled."""
        if isinstance(self.shape, Polyhedron):
            low, high = self.margin, reach
            for n, c in self.planes:
                start, rate = _dot(n, p) - (c - self.margin), _dot(n, toward)
                if abs(rate) < 1e-12:
                    if start >= 0:
                        return False
                elif rate > 0:
                    high = min(high, -start / rate)
                else:
                    low = max(low, -start / rate)
            return high - low > self.margin
        step = reach / _RAY_STEPS
        return any(
            self.inside((p[0] + toward[0] * step * k, p[1] + toward[1] * step * k, p[2] + toward[2] * step * k))
            for k in range(1, _RAY_STEPS + 1)
        )

    def inside(self, p: Vec) -> bool:
        m = self.margin
        if self.shape.shape == "sphere":
            d = _sub(p, self.base)
            return math.sqrt(_dot(d, d)) < self.radius - m
        axis = _sub(self.top, self.base)
        height = math.sqrt(_dot(axis, axis))
        t = _dot(_sub(p, self.base), axis) / height
        if not m < t < height - m:
            return False
        foot = _along(self.base, self.top, t / height)
        d = _sub(p, foot)
        radius = self.radius
        if self.shape.shape == "cone":
            radius = self.radius * (1 - t / height)
        elif self.shape.top_radius is not None:  # a cone's frustum
            radius = self.radius + (float(self.shape.top_radius) - self.radius) * t / height
        return math.sqrt(_dot(d, d)) < radius - m


class Projection:
    """Page coordinates of a point in space: (x + a·y, z + b·y). ``toward`` is the direction to
    the viewer (the projection collapses it)."""

    def __init__(self, a: float, b: float) -> None:
        self.a, self.b = a, b
        self.toward: Vec = (a, -1.0, b)

    def __call__(self, p: Vec) -> tuple[float, float]:
        return (p[0] + self.a * p[1], p[2] + self.b * p[1])


def projection_for(objects: Iterable[Any]) -> Projection:
    shapes = [obj for obj in objects if isinstance(obj, (Polyhedron, Round))]
    rounds = any(isinstance(s, Round) for s in shapes)
    flat = any(isinstance(s, Polyhedron) for s in shapes)
    return Projection(*(_MIXED if rounds and flat else _ROUND if rounds else _CABINET))


def picture(objects: dict[str, Any], style: dict[str, Any], vectors: dict[str, Vec] | None = None) -> Picture:
    """The page picture of a figure in space. Drawn: the edges of each polyhedron, the outline of
    each round solid, each named segment and polygon in space, each named point (labelled unless
    ``label_hidden``; a solid drawn face by face hides lines as a solid does); what
    ``style.hidden`` names is left out, what ``style.dashed`` names
    (auxiliary lines) is drawn in the auxiliary colour (in a figure without a solid to hide its
    lines, such as a tetrahedron drawn as segments, it is a line the author drew hidden: dashed), and a segment with a caption in
    ``style.captions`` carries it (a measure the figure marks)."""
    hidden = set(style.get("hidden", []))
    auxiliary = set(style.get("dashed", []))
    filled = set(style.get("filled", []))
    # objects of the plane are drawn in the plane z = 0, as GeoGebra's 3D view shows them
    lifted = {name: TO_SPACE[type(obj)](obj) if type(obj) in TO_SPACE else obj for name, obj in objects.items()}
    shown = {name: obj for name, obj in lifted.items() if name not in hidden}
    faced = list(drawn_solids(shown).values())  # drawn face by face (rim by rim): they hide what lies behind them
    project = projection_for([*shown.values(), *faced])
    points3 = [_f(obj) for obj in shown.values() if isinstance(obj, Point3)]
    for obj in shown.values():
        if isinstance(obj, Polyhedron):
            points3 += [_f(v) for v in obj.vertices]
        elif isinstance(obj, Round):
            points3 += [_f(obj.base), _f(obj.top)]
    size = max((math.dist(p, q) for p in points3 for q in points3), default=1.0) or 1.0
    solids = [_Solid(obj, 1e-7 * size) for obj in [*shown.values(), *faced] if isinstance(obj, (Polyhedron, Round))]
    occluded = _occlusion(solids, project.toward, 2 * size)
    result = Picture()
    drawn: set[frozenset[Vec]] = set()

    captions = dict(style.get("captions", {}))

    def line(a: Vec, b: Vec, name: str | None) -> None:
        key = frozenset((_rounded(a), _rounded(b)))
        caption = captions.get(name or "")
        if a == b or (key in drawn and caption is None):
            return
        drawn.add(key)
        pieces = []
        for start, end, is_hidden in _pieces(a, b, occluded):
            (x1, y1), (x2, y2) = project(start), project(end)
            if not solids and name in auxiliary:  # no solid to hide it: a line drawn dashed is one the author hid
                pieces.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "hidden": True, "auxiliary": False})
                continue
            pieces.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "hidden": is_hidden, "auxiliary": name in auxiliary})
        if caption is not None:  # a measure the figure marks: on the longest piece of its segment
            longest = max(pieces, key=lambda p: math.hypot(p["x2"] - p["x1"], p["y2"] - p["y1"]))
            longest["caption"] = caption
        result.segments += pieces

    rounds = [r for r in [*shown.values(), *faced] if isinstance(r, Round)]
    for obj in shown.values():
        if isinstance(obj, Polyhedron):
            vertices = [_f(v) for v in obj.vertices]
            for i, j in obj.edges():
                line(vertices[i], vertices[j], None)
    for obj in rounds:
        _outline(obj, project, occluded, result, line, [_f(p) for p in shown.values() if isinstance(p, Point3)])
    rims = {(_f(r.base), float(r.radius)) for r in rounds}
    rims |= {(_f(r.top), float(r.radius if r.top_radius is None else r.top_radius)) for r in rounds}
    for name, obj in shown.items():  # a circle in space that is no round solid's rim (drawn with it), an arc
        if isinstance(obj, Circle3) and (_f(obj.center), float(obj.radius)) not in rims:
            u, v = _spanning(_f(obj.normal), float(obj.radius))
            _circle(_f(obj.center), u, v, project, occluded, result, outside=False)
        elif isinstance(obj, Arc3):
            centre, u = _f(obj.center), _sub(_f(obj.start), _f(obj.center))
            normal = _cross(u, _f(obj.toward))
            v = _cross(normal, u)
            v = _scaled(v, math.sqrt(_dot(u, u) / _dot(v, v)))
            dashed = name in auxiliary  # an arc a file dashes is a rim's back half, as its author drew it
            _circle(centre, u, v, project, occluded, result, outside=False, span=float(obj.angle), dashed=dashed)
    centre = tuple(sum(p[k] for p in points3) / len(points3) for k in range(3)) if points3 else (0.0, 0.0, 0.0)
    reach = max(size, 4.0) * 0.6  # how far a line or plane reaches from the middle of the figure
    for name, obj in shown.items():
        if isinstance(obj, Segment3):
            line(_f(obj.p), _f(obj.q), name)
        elif isinstance(obj, Line3):  # a line (ray) as far as the figure reaches, as GeoGebra clips it
            p, d = _f(obj.p), _f(obj.d)
            d = _scaled(d, reach / math.sqrt(_dot(d, d)))
            if isinstance(obj, Ray3):
                line(p, _along(p, _sub(p, _scaled(d, -2.0)), 1.0), name)
            else:
                t = _dot(_sub(centre, p), d) / _dot(d, d)
                middle = _along(p, _sub(p, _scaled(d, -1.0)), t)
                line(_sub(middle, d), _sub(middle, _scaled(d, -1.0)), name)
        elif isinstance(obj, Plane):  # a plane as the parallelogram textbooks draw for it, about the figure's middle
            n, p = _f(obj.n), _f(obj.p)
            foot = _sub(centre, _scaled(n, _dot(_sub(centre, p), n) / _dot(n, n)))
            u, v = _spanning(n, reach)
            corners = [_sub(_sub(foot, _scaled(u, -a)), _scaled(v, -b)) for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
            for a, b in zip(corners, corners[1:] + corners[:1], strict=False):
                line(a, b, name)
        elif isinstance(obj, Polygon3):
            corners = [_f(v) for v in obj.vertices]
            for a, b in zip(corners, corners[1:] + corners[:1], strict=False):
                line(a, b, name)
            if name in filled:
                result.fills.append({"points": [list(project(c)) for c in corners]})
    vectors = {name: start for name, start in (vectors or {}).items() if name in shown}
    for name, start in vectors.items():  # an arrow: its shaft and two strokes of its head
        end = _sub(start, _scaled(_f(shown[name]), -1.0))
        line(start, end, name)
        (x1, y1), (x2, y2) = project(start), project(end)
        length = math.hypot(x2 - x1, y2 - y1)
        if length > 0:
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            head = min(0.25 * length, 0.06 * max(size, 1.0))
            for side in (1, -1):
                hx, hy = x2 - head * (ux * 0.94 + side * uy * 0.34), y2 - head * (uy * 0.94 - side * ux * 0.34)
                result.segments.append({"x1": x2, "y1": y2, "x2": hx, "y2": hy, "hidden": False, "auxiliary": False})
    labels_hidden = set(style.get("label_hidden", []))
    for name, obj in shown.items():
        if isinstance(obj, Point3) and name not in vectors:
            x, y = project(_f(obj))
            result.points.append({"label": name, "x": x, "y": y, "show_label": name not in labels_hidden})
    return result


def _rounded(p: Vec) -> tuple[float, ...]:
    return tuple(round(c, 9) for c in p)


def _occlusion(solids: list[_Solid], toward: Vec, reach: float) -> Callable[[Vec], bool]:
    def hidden(p: Vec) -> bool:
        return any(solid.blocks(p, toward, reach) for solid in solids)

    return hidden


def _pieces(a: Vec, b: Vec, occluded: Callable[[Vec], bool]) -> list[tuple[Vec, Vec, bool]]:
    """The line from a to b cut where it passes from seen to hidden (to a sample's precision,
    refined by bisection)."""
    states = [occluded(_along(a, b, (k + 0.5) / _SAMPLES)) for k in range(_SAMPLES)]
    pieces: list[tuple[Vec, Vec, bool]] = []
    start = 0.0
    for k in range(1, _SAMPLES):
        if states[k] != states[k - 1]:
            lo, hi = (k - 0.5) / _SAMPLES, (k + 0.5) / _SAMPLES
            for _ in range(20):
                mid = (lo + hi) / 2
                if occluded(_along(a, b, mid)) == states[k - 1]:
                    lo = mid
                else:
                    hi = mid
            pieces.append((_along(a, b, start), _along(a, b, lo), states[k - 1]))
            start = lo
    pieces.append((_along(a, b, start), b, states[-1]))
    return pieces


def _outline(
    shape: Round,
    project: Projection,
    occluded: Callable[[Vec], bool],
    result: Picture,
    line: Callable[[Vec, Vec, str | None], None],
    named: list[Vec],
) -> None:
    """A round solid's outline: its circles as elliptic arcs (hidden parts dashed) and, for a
    cylinder or cone, the two lines along its side that bound it on the page. A named point of
    the rim close to where such a line leaves it takes its place (the slant height PA a question
    names is the cone's edge on the page, not a second line beside it)."""
    base, top, r = _f(shape.base), _f(shape.top), float(shape.radius)
    if shape.shape == "sphere":
        cx, cy = project(base)
        result.arcs.append(
            {"cx": cx, "cy": cy, "ux": r, "uy": 0.0, "vx": 0.0, "vy": r, "t0": 0.0, "t1": 2 * math.pi, "hidden": False}
        )
        _circle(base, (r, 0.0, 0.0), (0.0, r, 0.0), project, occluded, result, outside=True)
        return
    axis = _sub(top, base)
    u, v = _spanning(axis, r)
    shrink = 1.0 if shape.top_radius is None else float(shape.top_radius) / r  # a frustum's top rim
    rims = [(base, 1.0), (top, shrink)] if shape.shape in ("cylinder", "cone-frustum") else [(base, 1.0)]
    for centre, k in rims:
        _circle(centre, _scaled(u, k), _scaled(v, k), project, occluded, result, outside=True)
    # Where the side's outline touches a rim: the page tangent of the rim's ellipse is parallel to
    # the axis's image (cylinder), or passes through the apex's image (cone).
    pu, pv = _page_vector(project, u), _page_vector(project, v)
    on_rim = [
        p for p in named if abs(math.dist(p, base) - r) < 1e-9 * (1 + r) and abs(_dot(_sub(p, base), axis)) < 1e-9 * (1 + r)
    ]
    apex = _f(shape.apex)  # a frustum's side lies on its cone's: the outline goes towards that apex
    for t in _silhouette("cylinder" if shape.shape == "cylinder" else "cone", project(base), project(apex), pu, pv):
        for p in on_rim:
            d = _sub(p, base)
            at = math.atan2(_dot(d, v), _dot(d, u))
            if abs((at - t + math.pi) % (2 * math.pi) - math.pi) < _SNAP:
                t = at
        rim = (
            base[0] + u[0] * math.cos(t) + v[0] * math.sin(t),
            base[1] + u[1] * math.cos(t) + v[1] * math.sin(t),
            base[2] + u[2] * math.cos(t) + v[2] * math.sin(t),
        )
        end = _sub(rim, _sub(base, top)) if shape.shape == "cylinder" else top
        if shape.shape == "cone-frustum":  # to the top rim, along the line towards the apex
            end = _along(rim, apex, 1 - shrink)
        line(rim, end, None)


def _scaled(w: Vec, k: float) -> Vec:
    return (w[0] * k, w[1] * k, w[2] * k)


def _spanning(normal: Vec, r: float) -> tuple[Vec, Vec]:
    """Two perpendicular vectors of length r in the plane perpendicular to ``normal``."""
    helper = (1.0, 0.0, 0.0) if abs(normal[0]) < 0.9 * math.sqrt(_dot(normal, normal)) else (0.0, 1.0, 0.0)
    u = _cross(normal, helper)
    v = _cross(normal, u)
    return tuple(c * r / math.sqrt(_dot(u, u)) for c in u), tuple(c * r / math.sqrt(_dot(v, v)) for c in v)  # type: ignore[return-value]


def _page_vector(project: Projection, w: Vec) -> tuple[float, float]:
    return (w[0] + project.a * w[1], w[2] + project.b * w[1])


def _silhouette(
    kind: str, base: tuple[float, float], top: tuple[float, float], pu: tuple[float, float], pv: tuple[float, float]
) -> list[float]:
    """Parameters t of the rim (base + u cos t + v sin t on the page) where the side's outline
    leaves it."""
    ax, ay = top[0] - base[0], top[1] - base[1]
    found = []
    for k in range(720):
        t0, t1 = 2 * math.pi * k / 720, 2 * math.pi * (k + 1) / 720
        f0, f1 = _tangency(kind, t0, ax, ay, pu, pv), _tangency(kind, t1, ax, ay, pu, pv)
        if f0 == 0 or f0 * f1 < 0:
            lo, hi = t0, t1
            for _ in range(50):
                mid = (lo + hi) / 2
                if _tangency(kind, lo, ax, ay, pu, pv) * _tangency(kind, mid, ax, ay, pu, pv) <= 0:
                    hi = mid
                else:
                    lo = mid
            found.append((lo + hi) / 2)
    return found[:2]


def _tangency(kind: str, t: float, ax: float, ay: float, pu: tuple[float, float], pv: tuple[float, float]) -> float:
    px, py = pu[0] * math.cos(t) + pv[0] * math.sin(t), pu[1] * math.cos(t) + pv[1] * math.sin(t)
    dx, dy = -pu[0] * math.sin(t) + pv[0] * math.cos(t), -pu[1] * math.sin(t) + pv[1] * math.cos(t)
    if kind == "cylinder":
        return dx * ay - dy * ax
    return dx * (ay - py) - dy * (ax - px)


def _circle(
    centre: Vec,
    u: Vec,
    v: Vec,
    project: Projection,
    occluded: Callable[[Vec], bool],
    result: Picture,
    outside: bool,
    span: float = 2 * math.pi,
    dashed: bool = False,
) -> None:
    """A circle in space (its arc from u through ``span`` towards v) as elliptic arcs, cut where
    it passes from seen to hidden. A rim lies on its solid's surface; a point of it is tested just
    outside, so that the solid itself does not hide its own front rim. ``dashed``: an arc its
    author drew dashed, with no solid to hide it."""
    cx, cy = project(centre)
    pu, pv = _page_vector(project, u), _page_vector(project, v)
    n = 180

    def at(t: float) -> Vec:
        c, s = math.cos(t), math.sin(t)
        p = (centre[0] + u[0] * c + v[0] * s, centre[1] + u[1] * c + v[1] * s, centre[2] + u[2] * c + v[2] * s)
        if not outside:
            return p
        out = _sub(p, centre)
        return (p[0] + out[0] * 1e-6, p[1] + out[1] * 1e-6, p[2] + out[2] * 1e-6)

    if span < 2 * math.pi:  # an arc: cut at each change, from its start
        states = [dashed or occluded(at(span * (k + 0.5) / n)) for k in range(n)]
        cuts = [0] + [k for k in range(1, n) if states[k] != states[k - 1]] + [n]
        for start, end in zip(cuts, cuts[1:], strict=False):
            result.arcs.append(
                {
                    "cx": cx, "cy": cy, "ux": pu[0], "uy": pu[1], "vx": pv[0], "vy": pv[1],
                    "t0": span * start / n, "t1": span * end / n, "hidden": states[start],
                }
            )  # fmt: skip
        return
    states = [occluded(at(2 * math.pi * (k + 0.5) / n)) for k in range(n)]
    first = next((k for k in range(n) if states[k] != states[k - 1]), None)
    arcs: list[tuple[float, float, bool]] = []
    if first is None:
        arcs.append((0.0, 2 * math.pi, states[0]))
    else:
        start = first
        for step in range(1, n + 1):
            k = (first + step) % n
            if states[k] != states[(k - 1) % n]:
                end = first + step
                arcs.append((2 * math.pi * start / n, 2 * math.pi * end / n, states[start % n]))
                start = end
    for t0, t1, is_hidden in arcs:
        result.arcs.append(
            {"cx": cx, "cy": cy, "ux": pu[0], "uy": pu[1], "vx": pv[0], "vy": pv[1], "t0": t0, "t1": t1, "hidden": is_hidden}
        )


#: Label placement, in pixels: how far a label's middle sits from its point, the width of a
#: character and the height of a line of text (GeoGebra's default font).
_LABEL_GAP = 14.0
_CHAR_W = 8.0
_TEXT_H = 13.0


def place_labels(drawing: Picture, view: dict[str, float], width: int, height: int) -> None:
    """Put each label where it is farthest from the drawn lines, the other points and the labels
    placed before it (twelve places around its point), and record that as the label's offset in
    pixels, which is how GeoGebra places a caption."""
    sx = width / (view["xmax"] - view["xmin"])
    sy = height / (view["ymax"] - view["ymin"])

    def pixel(x: float, y: float) -> tuple[float, float]:
        return ((x - view["xmin"]) * sx, (view["ymax"] - y) * sy)

    lines = [(pixel(s["x1"], s["y1"]), pixel(s["x2"], s["y2"])) for s in drawing.segments]
    for arc in drawing.arcs:
        samples = [pixel(*_on_arc(arc, arc["t0"] + (arc["t1"] - arc["t0"]) * k / 24)) for k in range(25)]
        lines += list(zip(samples, samples[1:], strict=False))
    dots = [pixel(p["x"], p["y"]) for p in drawing.points]
    placed: list[tuple[float, float]] = []
    for point, (px, py) in zip(drawing.points, dots, strict=False):
        w = _CHAR_W * len(point["label"].replace("_", "").replace("{", "").replace("}", "")) + 2
        best, best_score = (px, py - _LABEL_GAP), -math.inf
        for k in range(12):
            angle = 2 * math.pi * k / 12
            cx, cy = px + (_LABEL_GAP + w / 4) * math.cos(angle), py - _LABEL_GAP * math.sin(angle)
            clearance = min(
                [_to_segment((cx, cy), a, b) for a, b in lines]
                + [math.dist((cx, cy), d) for d in dots]
                + [math.dist((cx, cy), q) * 0.8 for q in placed]
                + [_LABEL_GAP * 3]
            )
            inside = w / 2 <= cx <= width - w / 2 and _TEXT_H <= cy <= height - 2
            score = clearance - (0 if inside else 100) - 0.01 * k  # ties: the first (right of the point)
            if score > best_score:
                best, best_score = (cx, cy), score
        placed.append(best)
        point["offset"] = [round(best[0] - w / 2 - px), round(best[1] + _TEXT_H / 2 - py)]


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))

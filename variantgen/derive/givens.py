"""What the question states: the numbers it gives and the relations it names, as known quantities.

Forward chaining starts from these, never from what the figure merely shows: the figure decides
where a theorem applies, the text decides what the solver knows. Every given read here is checked
against the figure (a stated ``AB = 5`` must measure 5), and one that does not match is left out,
so a misread sentence can only make the engine know less, never something false.

Relations that a construction command defines (``M=Midpoint(B,C)``, the bisector's foot) are taken
as stated too: a seed's text describes how its figure is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sympy

from variantgen.answers import parse_answer
from variantgen.construction import ConstructionError
from variantgen.construction.evaluator import Function, X, evaluate_figure
from variantgen.derive.quantity import RELATIONS, SOLIDS, Quantity
from variantgen.derive.scene import Scene, cross3, dot, is_zero, minus, same
from variantgen.transforms import figure

_NUMBER = r"(\d+(?:\.\d+)?(?:\s*/\s*\d+)?\s*(?:√\s*\d+)?|√\s*\d+)"
_LENGTHS = re.compile(rf"\b((?:[A-Z]{{2}}\s*=\s*)+){_NUMBER}(?!\s*[,)]\s*\d)")
_ANGLE = re.compile(rf"∠\s*([A-Z]{{1,3}})\s*=\s*{_NUMBER}\s*°")
_COORDINATES = re.compile(r"\b([A-Z])\s*=\s*\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)")
_CIRCLE_MEASURE = re.compile(
    rf"\b(radius|diameter|circumference|area)\s+of\s+(?:the\s+)?circle(?:\s+([A-Z]))?\s+(?:is|=|equals)\s+{_NUMBER}",
    re.IGNORECASE,
)
_RADIUS = re.compile(rf"\b(radius|diameter)\s+(?:of\s+the\s+circle\s+)?(?:is\s+|=\s*|of\s+)?{_NUMBER}", re.IGNORECASE)
_HAS_LENGTH = re.compile(rf"\b([A-Z]{{2}})\s+(?:has\s+(?:a\s+)?length|is)\s+(?:of\s+)?{_NUMBER}")
_POLYGON_MEASURE = re.compile(
    rf"\b(area|perimeter)\s+of\s+(?:the\s+)?(?:(?:isosceles|equilateral|right)\s+)?"
    rf"(?:triangle|square|rectangle|rhombus|parallelogram|trapezoid|quadrilateral|polygon)?\s*([A-Z]{{3,5}})\s+(?:is|=|equals)\s+{_NUMBER}",
    re.IGNORECASE,
)
_SHAPE_WORDS = ("square", "rectangle", "rhombus", "parallelogram", "trapezoid", "isosceles", "equilateral")
_SHAPE = re.compile(
    rf"\b({'|'.join(_SHAPE_WORDS)})(?:\s+(?:right\s+)?triangle)?\s+([A-Z]{{3,4}})\b|\b([A-Z]{{3,4}})\s+is\s+(?:an?\s+)?({'|'.join(_SHAPE_WORDS)})\b"
)
_DISTANCE = re.compile(
    rf"distance\s+from\s+(?:the\s+)?(?:cent(?:re|er)\s+)?([A-Z])\s+to\s+(?:the\s+)?(?:chord\s+|line\s+|side\s+)?([A-Z]{{2}})\s+(?:is|=)\s+{_NUMBER}"
)
_ITS_DISTANCE = re.compile(
    rf"(?:chord\s+)?([A-Z]{{2}})\b[^.]*?\bits\s+distance\s+from\s+the\s+cent(?:re|er)\s+([A-Z])\s+is\s+{_NUMBER}"
)
#: A number or a multiple of π (an arc's length, a sector's area): ``4π``, ``2π/3``, ``6``.
_MEASURE = rf"((?:\d+(?:\.\d+)?\s*)?π(?:\s*/\s*\d+)?|{_NUMBER[1:-1]})"
_OF_SECTOR = r"(?:\s+of\s+(?:the\s+)?sector(?:\s+[A-Z]{3})?)?"
_SECTOR_RADIUS = re.compile(rf"\bradius{_OF_SECTOR}\s+(?:is\s+|=\s*|of\s+){_NUMBER}", re.IGNORECASE)
_CENTRAL_ANGLE = re.compile(rf"\bcentral\s+angle{_OF_SECTOR}\s+(?:is\s+|=\s*|of\s+){_NUMBER}\s*°", re.IGNORECASE)
_ARC_LENGTH = re.compile(
    rf"\b(?:(?:the\s+)?length\s+of\s+(?:the\s+)?arc(?:\s+([A-Z]{{2}}))?|arc(?:\s+([A-Z]{{2}}))?\s+(?:has\s+(?:a\s+)?length|length))"
    rf"\s+(?:is\s+|=\s*|of\s+){_MEASURE}",
    re.IGNORECASE,
)
_SECTOR_AREA = re.compile(rf"\barea\s+of\s+(?:the\s+)?sector(?:\s+([A-Z]{{3}}))?\s+(?:is|=|equals)\s+{_MEASURE}", re.IGNORECASE)
_EACH_SIDE = re.compile(rf"each\s+of\s+its\s+sides\s+is\s+{_NUMBER}")
_PARALLEL = re.compile(r"\b([A-Z]{2})\s*∥\s*([A-Z]{2})\b")
_PERPENDICULAR = re.compile(r"\b([A-Z]{2})\s*⊥\s*([A-Z]{2})\b")
_TANGENT = re.compile(r"\b([A-Z])([A-Z])\s+is\s+tangent\s+to\s+(?:the\s+)?circle(?:\s+([A-Z]))?\s+at\s+([A-Z])")
# Quadrilaterals, coordinates and graphs ------------------------------------------------------
_PARALLEL_DISTANCE = re.compile(
    rf"(?:distance|height)\s+between\s+(?:the\s+)?(?:two\s+)?parallel\s+sides(?:\s+[A-Z]{{2}}\s+and\s+[A-Z]{{2}})?\s+(?:is|=|equals)\s+{_NUMBER}"
    rf"|(?:height|altitude)\s+of\s+(?:the\s+)?(?:trapezoid|parallelogram)(?:\s+[A-Z]{{4}})?\s+(?:is|=|equals)\s+{_NUMBER}",
    re.IGNORECASE,
)
#: "the cuboid ABCD-EFGH", "cube ABCD-EFGH", "the regular (square) pyramid P-ABCD"; a round solid
#: by its word alone.
_PRISM_NAME = re.compile(
    r"\b(?:(cuboid|cube|rectangular\s+box)\s+([A-Z]{4})\s*-\s*([A-Z]{4})\b|([A-Z]{4})\s*-\s*([A-Z]{4})\s+is\s+an?\s+(cuboid|cube)\b)",
    re.IGNORECASE,
)
_PYRAMID_NAME = re.compile(
    r"\bregular\s+(?:(?:triangular|square|quadrilateral|hexagonal)\s+)?pyramid\s+([A-Z])\s*-\s*([A-Z]{3,6})\b"
    r"|\b([A-Z])\s*-\s*([A-Z]{3,6})\s+is\s+a\s+regular\s+(?:\w+\s+)?pyramid\b"
)
#: "the right (triangular) prism ABC-DEF", "ABC-DEF is a right prism".
_RIGHT_PRISM_NAME = re.compile(
    r"\bright\s+(?:(?:triangular|quadrilateral|pentagonal|hexagonal)\s+)?prism\s+([A-Z]{3,6})\s*-\s*([A-Z]{3,6})\b"
    r"|\b([A-Z]{3,6})\s*-\s*([A-Z]{3,6})\s+is\s+a\s+right\s+(?:\w+\s+)?prism\b"
)
#: "the (regular) frustum ABCD-EFGH", "ABC-DEF is a frustum".
_FRUSTUM_NAME = re.compile(
    r"\b(regular\s+)?(?:(?:triangular|square|quadrilateral|hexagonal)\s+)?frustum\s+([A-Z]{3,6})\s*-\s*([A-Z]{3,6})\b"
    r"|\b([A-Z]{3,6})\s*-\s*([A-Z]{3,6})\s+is\s+an?\s+(regular\s+)?(?:\w+\s+)?frustum\b"
)
#: "a frustum of a cone", "the frustum" (of a figure whose frustum is a cone's).
_CONE_FRUSTUM_NAME = re.compile(
    r"\b(?:truncated\s+cone|frustum(?:\s+of\s+a\s+(?:right\s+)?(?:circular\s+)?cone)?)\b", re.IGNORECASE
)
_ROUND_NAME = re.compile(r"\b(cylinder|cone|sphere)s?\b", re.IGNORECASE)
#: "PA ⊥ plane ABC", "PA is perpendicular to the plane ABC".
_LINE_PLANE = re.compile(r"\b([A-Z]{2})\s*(?:⊥|is\s+perpendicular\s+to)\s*(?:the\s+)?plane\s+([A-Z]{3,4})\b")
#: "its lateral surface area is 20π", "the volume of the cone is 12π": of the figure's one solid.
_SOLID_WORDS = "|".join(word.replace(" ", r"\s+") for word in SOLIDS.values())
_SOLID_MEASURE = re.compile(
    rf"\b(volume|lateral\s+surface\s+area|lateral\s+area|surface\s+area)(?:\s+of\s+the\s+(?:{_SOLID_WORDS}))?"
    rf"\s+(?:is|=|equals)\s+{_MEASURE}",
    re.IGNORECASE,
)
_MIDPOINT_TEXT = re.compile(r"\b([A-Z])\s+is\s+the\s+midpoint\s+of\s+(?:the\s+)?(?:segment\s+|side\s+)?([A-Z])([A-Z])\b")
#: The formula after ``f(x) =``, up to the end of its clause.
_FORMULA_END = r"(?=[,;:?]\s|\.\s|\.?$|\s+(?:and|is|are|has|with|for|where|which|whose|on|in|between|crosses|meets)\b)"
_MIDPOINT_COMMAND = re.compile(r"^([A-Z]\w*)=Midpoint\(([A-Z]\w*),([A-Z]\w*)\)$")
_BISECTOR_COMMAND = re.compile(
    r"^([A-Z]\w*)=Intersect\(AngleBisector\(([A-Z]\w*),([A-Z]\w*),([A-Z]\w*)\),(?:Segment|Line)\(([A-Z]\w*),([A-Z]\w*)\)\)$"
)
#: ``E=Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C))``: E is the foot of the altitude from A.
_FOOT_COMMAND = re.compile(
    r"^([A-Z]\w*)=Intersect\(PerpendicularLine\(([A-Z]\w*),(?:Segment|Line)\(([A-Z]\w*),([A-Z]\w*)\)\),"
    r"(?:Segment|Line)\(([A-Z]\w*),([A-Z]\w*)\)\)$"
)


def read_givens(text: str, scene: Scene) -> dict[Quantity, str]:
    """Quantity → the words of ``text`` that state it, for every given that the figure confirms."""
    found: dict[Quantity, str] = {}
    for quantity, number, words in stated_givens(text, scene):
        if quantity in found:
            continue
        if number is None:
            if quantity.kind in RELATIONS:
                found[quantity] = words
            continue
        value = scene.value(quantity)
        if value is not None and same(value, number):
            found[quantity] = words
    return found


def relations_of(givens: dict[Quantity, str]) -> tuple[Quantity, ...]:
    """The relations theorems look for: those stated, and those a stated solid implies (its faces'
    shapes), which the engine knows only once it has derived them from the solid."""
    stated = [q for q in givens if not q.is_measure]
    return tuple(dict.fromkeys(stated + [implied for q in stated for implied in implied_relations(q)]))


def implied_relations(relation: Quantity) -> list[Quantity]:
    """A cuboid's six faces are rectangles (a cube's squares), a right prism's lateral faces are;
    a frustum's top edges are parallel to its base's, a regular frustum's ends are squares or
    equilateral triangles; a regular pyramid's base is a square
    or an equilateral triangle (``theorems.solids`` derives them)."""
    a = relation.args
    if relation.kind in ("cuboid", "cube"):
        word = "square" if relation.kind == "cube" else "rectangle"
        return [Quantity(word, face) for face in figure.Solid("", relation.kind, a).faces]
    if relation.kind == "right-prism":  # its lateral faces are rectangles
        return [Quantity("rectangle", face) for face in figure.Solid("", relation.kind, a).faces[2:]]
    if relation.kind in ("frustum", "regular-frustum"):  # parallel planes cut a face in parallel lines
        n = len(a) // 2
        found = [Quantity("parallel", (a[i], a[(i + 1) % n], a[n + i], a[n + (i + 1) % n])) for i in range(n)]
        if relation.kind == "regular-frustum" and n == 4:
            found += [Quantity("square", a[:n]), Quantity("square", a[n:])]
        if relation.kind == "regular-frustum" and n == 3:
            found += [Quantity("equilateral", tuple(sorted(a[:n]))), Quantity("equilateral", tuple(sorted(a[n:])))]
        return found
    if relation.kind == "regular-pyramid" and len(a) == 5:
        return [Quantity("square", a[1:])]
    if relation.kind == "regular-pyramid" and len(a) == 4:
        return [Quantity("equilateral", tuple(sorted(a[1:])))]
    return []


def _number(text: str) -> sympy.Expr | None:
    try:
        return parse_answer(text.replace(" ", ""))
    except ValueError:
        return None


def stated_givens(text: str, scene: Scene) -> Iterator[tuple[Quantity, sympy.Expr | None, str]]:
    """(quantity, the number stated or None for a relation, the words) for every given the text
    states of the figure's objects, whether or not the figure measures it (``read_givens`` keeps
    the confirmed ones; a drawing is rebuilt from the rest)."""
    points = set(scene.points)
    for m in _LENGTHS.finditer(text):
        number = _number(m.group(2))
        for pair in re.findall(r"[A-Z]{2}", m.group(1)):
            if set(pair) <= points:
                yield scene.length(pair[0], pair[1]), number, m.group(0)
    for m in _HAS_LENGTH.finditer(text):
        if set(m.group(1)) <= points:
            yield scene.length(m.group(1)[0], m.group(1)[1]), _number(m.group(2)), m.group(0)
    for m in _ANGLE.finditer(text):
        angle = _angle(m.group(1), scene)
        if angle is not None:
            yield angle, _degrees(m.group(2)), m.group(0)
    for m in _COORDINATES.finditer(text):
        if m.group(1) in points:
            yield Quantity("x", (m.group(1),)), _number(m.group(2)), m.group(0)
            yield Quantity("y", (m.group(1),)), _number(m.group(3)), m.group(0)
    for m in _CIRCLE_MEASURE.finditer(text):
        kind = {"area": "circle-area"}.get(m.group(1).lower(), m.group(1).lower())
        for circle in _circles(scene, m.group(2)):
            yield scene.circle_quantity(kind, circle), _number(m.group(3)), m.group(0)
    for m in _RADIUS.finditer(text):
        for circle in _circles(scene, None):
            yield scene.circle_quantity(m.group(1).lower(), circle), _number(m.group(2)), m.group(0)
    for m in _POLYGON_MEASURE.finditer(text):
        if set(m.group(2)) <= points:
            make = scene.area if m.group(1).lower() == "area" else scene.perimeter
            yield make(*m.group(2)), _number(m.group(3)), m.group(0)
    for m in _DISTANCE.finditer(text):
        p, (a, b) = m.group(1), m.group(2)
        if {p, a, b} <= points:
            yield scene.distance_to_line(p, a, b), _number(m.group(3)), m.group(0)
    for m in _ITS_DISTANCE.finditer(text):
        (a, b), p = m.group(1), m.group(2)
        if {p, a, b} <= points:
            yield scene.distance_to_line(p, a, b), _number(m.group(3)), m.group(0)
    yield from _shapes(text, scene)
    yield from _solids(text, scene)
    for m in _SOLID_MEASURE.finditer(text):
        solids = scene.solids()
        if len(solids) == 1:
            kind = (
                "volume"
                if m.group(1).lower() == "volume"
                else "lateral-area"
                if "lateral" in m.group(1).lower()
                else "surface-area"
            )
            yield scene.solid_quantity(kind, solids[0]), _number(m.group(2)), m.group(0)
    for m in _EACH_SIDE.finditer(text):
        for t in scene.triangles[:1]:
            for i in range(3):
                yield scene.length(t[i], t[(i + 1) % 3]), _number(m.group(1)), m.group(0)
    for m in _PARALLEL.finditer(text):
        (a, b), (c, d) = m.group(1), m.group(2)
        if {a, b, c, d} <= points and scene.parallel(a, b, c, d):
            yield Quantity("parallel", (a, b, c, d)), None, m.group(0)
    for m in _PERPENDICULAR.finditer(text):
        yield from _perpendicular(m.group(1), m.group(2), scene, m.group(0))
    for m in _LINE_PLANE.finditer(text):
        yield from _perpendicular_to_plane(m.group(1), m.group(2), scene, m.group(0))
    for m in _TANGENT.finditer(text):
        p, a, o = m.group(1), m.group(4), m.group(3)
        circles = _circles(scene, o)
        if m.group(2) == a and len(circles) == 1 and circles[0].centre and p in points:
            centre = circles[0].centre
            if scene.is_right(centre, a, p):
                yield Quantity("tangent", (p, a, centre)), None, m.group(0)
    yield from _quadrilateral_height(text, scene)
    yield from _arc_givens(text, scene)
    yield from _conic_equations(text, scene)
    yield from _midpoints_stated(text, scene)
    yield from _equal_segments(text, scene)
    yield from _equal_angles(text, scene)
    yield from _functions(text, scene)
    yield from _defined(scene)


def _arc_givens(text: str, scene: Scene) -> Iterator[tuple[Quantity, sympy.Expr | None, str]]:
    """A sector's radius and central angle, an arc's length and a sector's area, where the figure
    draws one arc or sector (or the arc is named)."""
    arcs = scene.arcs()
    drawn = [arc for arc in arcs if arc.label is not None]
    only = drawn if len(drawn) == 1 else arcs if len(arcs) == 1 else []

    def named(ends: str | None) -> list:
        return [arc for arc in arcs if {arc.start, arc.end} == set(ends)] if ends else only

    for m in _SECTOR_RADIUS.finditer(text):
        for arc in only if not scene.circles else ():
            yield scene.length(arc.centre, arc.start), _number(m.group(1)), m.group(0)
    for m in _CENTRAL_ANGLE.finditer(text):
        for arc in only:
            yield scene.angle(arc.start, arc.centre, arc.end), _degrees(m.group(1)), m.group(0)
    for m in _ARC_LENGTH.finditer(text):
        for arc in named(m.group(1) or m.group(2)):
            yield scene.arc_quantity("arc", arc), _number(m.group(3)), m.group(0)
    for m in _SECTOR_AREA.finditer(text):
        sectors = [arc for arc in arcs if m.group(1) and set(arc.args) == set(m.group(1))] if m.group(1) else only
        for arc in sectors:
            yield scene.arc_quantity("sector", arc), _number(m.group(2)), m.group(0)


#: An equation in x and y as a text writes a conic: "x^2/25 + y^2/9 = 1", "x² − y²/3 = 1",
#: "(x - 1)^2/25 + (y + 2)^2/9 = 1".
_CONIC_EQUATION = re.compile(
    r"[-(]*[xy]\s*(?:[-+−]\s*[0-9./]+\s*\)\s*)?(?:\^\s*\(?2\)?|²)[0-9xy^²/+\-−*()\s.]*=[0-9xy^²/+\-−*()\s.]*[0-9xy)]"
)


def _conic_equations(text: str, scene: Scene) -> Iterator[tuple[Quantity, sympy.Expr | None, str]]:
    """The semi-axes an ellipse's or hyperbola's equation states (a parabola's: p), for the figure's one conic."""
    from variantgen.construction.conics import Conic, conic_from_equation

    conics = scene.conics()
    for m in _CONIC_EQUATION.finditer(text):
        command = conic_from_equation(m.group(0))
        if command is None or len(conics) != 1:
            continue
        try:
            stated = evaluate_figure((f"k={command}",)).objects["k"]
        except ConstructionError:
            continue
        if isinstance(stated, Conic) and stated.kind == conics[0].kind == "parabola":
            yield Quantity("parameter", (conics[0].label,)), stated.a, m.group(0)
        elif isinstance(stated, Conic) and stated.kind == conics[0].kind:
            yield Quantity("semi-major", (conics[0].label,)), stated.a, m.group(0)
            yield Quantity("semi-minor", (conics[0].label,)), stated.b, m.group(0)


def _degrees(text: str) -> sympy.Expr | None:
    number = _number(text)
    return None if number is None else number * sympy.pi / 180


def _angle(name: str, scene: Scene) -> Quantity | None:
    if len(name) == 3:
        return scene.angle(name[0], name[1], name[2]) if set(name) <= set(scene.points) else None
    at = [t for t in scene.triangles if name in t]
    if len(at) != 1:
        return None
    b, c = sorted(set(at[0]) - {name})
    return scene.angle(b, name, c)


def _circles(scene: Scene, centre: str | None) -> list:
    if centre:
        return [c for c in scene.circles if c.centre == centre]
    return scene.circles if len(scene.circles) == 1 else []


def _shapes(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    for m in _SHAPE.finditer(text):
        word, vertices = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        word = word.lower()
        if not set(vertices) <= set(scene.points):
            continue
        if len(vertices) == 3 and word == "equilateral" and scene.equal_lengths(*_sides(vertices)):
            yield Quantity("equilateral", tuple(sorted(vertices))), None, m.group(0)
        elif len(vertices) == 3 and word == "isosceles":
            for v in vertices:
                b, c = sorted(set(vertices) - {v})
                if scene.equal_lengths((v, b), (v, c)):
                    yield Quantity("isosceles", (v, b, c)), None, m.group(0)
                    break
        elif len(vertices) == 4 and word in ("square", "rectangle", "rhombus", "parallelogram", "trapezoid"):
            yield Quantity(word, tuple(vertices)), None, m.group(0)


def _solids(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    """The solids the text names, where the figure's solid is one with those corners in that order."""
    solids = scene.solids()
    for m in _PRISM_NAME.finditer(text):
        word, corners = (m.group(1) or m.group(6)).lower(), tuple((m.group(2) or m.group(4)) + (m.group(3) or m.group(5)))
        kind = "cube" if word == "cube" else "cuboid"
        if any(s.corners == corners and (s.shape == kind or (kind == "cuboid" and s.shape == "cube")) for s in solids):
            yield Quantity(kind, corners), None, m.group(0)
    for m in _PYRAMID_NAME.finditer(text):
        apex, base = m.group(1) or m.group(3), tuple(m.group(2) or m.group(4))
        for s in solids:
            if s.shape == "regular-pyramid" and s.corners[0] == apex and _same_cycle(s.base, base):
                yield Quantity("regular-pyramid", s.corners), None, m.group(0)
    for m in _RIGHT_PRISM_NAME.finditer(text):
        corners = tuple((m.group(1) or m.group(3)) + (m.group(2) or m.group(4)))
        if any(s.corners == corners and s.shape == "right-prism" for s in solids):
            yield Quantity("right-prism", corners), None, m.group(0)
    for m in _FRUSTUM_NAME.finditer(text):
        corners = tuple((m.group(2) or m.group(4)) + (m.group(3) or m.group(5)))
        kind = "regular-frustum" if m.group(1) or m.group(6) else "frustum"
        shapes = {kind, "regular-frustum"}  # a frustum stated of a regular one is one
        if any(s.corners == corners and s.shape in shapes for s in solids):
            yield Quantity(kind, corners), None, m.group(0)
    for m in _ROUND_NAME.finditer(text):
        for solid in solids:
            if solid.shape == m.group(1).lower():
                yield Quantity(solid.shape, solid.corners), None, m.group(0)
    for m in _CONE_FRUSTUM_NAME.finditer(text):
        for solid in solids:
            if solid.shape == "cone-frustum":
                yield Quantity("cone-frustum", solid.corners), None, m.group(0)


def _same_cycle(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same polygon named from another corner or the other way round."""
    turns = [a[i:] + a[:i] for i in range(len(a))]
    return b in turns or tuple(reversed(b)) in turns


def _sides(vertices: str) -> list[tuple[str, str]]:
    return [(vertices[i], vertices[(i + 1) % len(vertices)]) for i in range(len(vertices))]


def _perpendicular(first: str, second: str, scene: Scene, words: str) -> Iterator[tuple[Quantity, sympy.Expr, str]]:
    """``AB ⊥ BE``: the right angle at the point the two segments share (or where they cross)."""
    shared = set(first) & set(second)
    if not shared:  # FD ⊥ BE with D on BE: the right angle is at the point of one lying on the other
        shared = {p for p in first if p in scene.points and set(second) <= set(scene.points) and scene.on_line(p, *second)}
        if len(shared) == 1:
            second = next(iter(shared)) + next(p for p in second if p not in shared)
    if len(shared) != 1:
        return
    (vertex,) = shared
    a, c = (set(first) - shared).pop(), (set(second) - shared).pop()
    if {a, c, vertex} <= set(scene.points) and scene.is_right(a, vertex, c):
        yield scene.angle(a, vertex, c), sympy.pi / 2, words
        for line in scene.lines:  # the other points of BE see the same right angle
            if vertex in line.points and c in line.points:
                for other in line.points:
                    if other not in (vertex, c) and not scene.between(other, vertex, c) and other != a:
                        yield scene.angle(a, vertex, other), sympy.pi / 2, words


def _perpendicular_to_plane(line: str, plane: str, scene: Scene, words: str) -> Iterator[tuple[Quantity, None, str]]:
    """``PA ⊥ plane ABC``: the line meets the plane at the point they share, and the figure has it
    perpendicular to two directions of the plane."""
    if not set(line + plane) <= set(scene.points) or not scene.in_space:
        return
    shared = set(line) & set(plane)
    if not shared and len(plane) == 4:  # EO ⊥ plane ABCD: the foot is the end in the plane
        a, b, c = (scene.approx[p] for p in plane[:3])
        normal = cross3(minus(b, a), minus(c, a))
        shared = {p for p in line if is_zero(dot(normal, minus(scene.approx[p], a)))}
    if len(shared) != 1:
        return
    (foot,) = shared
    top = (set(line) - shared).pop()
    others = [p for p in plane if p != foot]
    if all(scene.is_right(top, foot, p) for p in others) and not scene.collinear(foot, *others):
        yield Quantity("perpendicular-to-plane", (top, foot, *others)), None, words


def _quadrilateral_height(text: str, scene: Scene) -> Iterator[tuple[Quantity, sympy.Expr | None, str]]:
    """The distance between the parallel sides (the height of a trapezoid): the distance from the
    vertex before the first parallel side to its line (D to AB for AB ∥ DC); the value check keeps
    the pair of sides it fits."""
    quads = [tuple(m.group(2) or m.group(3)) for m in _SHAPE.finditer(text) if len(m.group(2) or m.group(3)) == 4]
    quads += [p for p in scene.polygons if len(p) == 4]
    for m in _PARALLEL_DISTANCE.finditer(text):
        number = _number(m.group(1) or m.group(2))
        for a, b, c, d in quads:
            if not {a, b, c, d} <= set(scene.points):
                continue
            if scene.parallel(a, b, d, c):
                yield scene.distance_to_line(d, a, b), number, m.group(0)
            if scene.parallel(b, c, a, d):
                yield scene.distance_to_line(a, b, c), number, m.group(0)


#: "AB = AC" (and "AB = AC = 5"): two segments stated equal.
_EQUAL_SEGMENTS = re.compile(r"(?<![A-Z∠])([A-Z]{2})\s*=\s*([A-Z]{2})(?![A-Z(])")


def _equal_segments(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    """Two segments stated equal, as GeoQA writes "In △ABC, AB = AC" without the word isosceles:
    with a shared end V, the triangle is isosceles with apex V; with a shared end M between the
    other two on one line ("BM = CM"), M is the midpoint. Only where the figure agrees."""
    for m in _EQUAL_SEGMENTS.finditer(text):
        first, second = m.group(1), m.group(2)
        names = set(first) | set(second)
        shared = set(first) & set(second)
        if len(shared) != 1 or len(names) != 3 or not names <= set(scene.points):
            continue
        v = next(iter(shared))
        b, c = sorted(names - {v})
        if not scene.equal_lengths((v, b), (v, c)):
            continue
        if scene.collinear(v, b, c):
            yield Quantity("midpoint", (v, b, c)), None, m.group(0)
        elif tuple(sorted(names)) in scene.triangles:
            yield Quantity("isosceles", (v, b, c)), None, m.group(0)


#: "∠AOM = ∠BOM": two angles at one vertex stated equal.
_EQUAL_ANGLES = re.compile(r"∠\s*([A-Z])([A-Z])([A-Z])\s*=\s*∠\s*([A-Z])([A-Z])([A-Z])(?!\s*=\s*\d)")


def _equal_angles(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    """ "∠AOM = ∠BOM" as a figure library writes it beside the drawing: OM bisects ∠AOB, where the
    figure agrees (the two angles equal, side by side) and M lies on AB, as the theorems about a
    bisector need."""
    for m in _EQUAL_ANGLES.finditer(text):
        b, v, d1, c, v2, d2 = m.groups()
        if v != v2:
            continue
        first, second = {b, d1}, {c, d2}
        if len(first & second) != 1:
            continue
        (d,) = first & second
        b, c = (first - {d}).pop(), (second - {d}).pop()
        if not {v, d, b, c} <= set(scene.points) or not scene.collinear(b, d, c):
            continue
        x, y, whole = (scene.numeric(scene.angle(*t)) for t in ((b, v, d), (d, v, c), (b, v, c)))
        if None not in (x, y, whole) and same(x, y) and same(x + y, whole):
            yield Quantity("bisector", (v, d, b, c)), None, m.group(0)


def _midpoints_stated(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    """A sentence "M is the midpoint of AB", where the figure agrees (a Midpoint command is read by ``_defined``)."""
    defined = {m.group(1) for c in scene.construction.commands if (m := _MIDPOINT_COMMAND.match(c.replace(" ", "")))}
    for m in _MIDPOINT_TEXT.finditer(text):
        mid, a, b = m.groups()
        if mid in defined or not {mid, a, b} <= set(scene.points):
            continue
        pm, pa, pb = (scene.points[n] for n in (mid, a, b))
        if is_zero(2 * pm.x - pa.x - pb.x) and is_zero(2 * pm.y - pa.y - pb.y):
            yield Quantity("midpoint", (mid, a, b)), None, m.group(0)


def _functions(text: str, scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    """A definition "f(x) = x^2 - 6x + 5" of a graph ``f`` of the figure: the definition is stated. A formula
    the parser reads must be the figure's; one in words it cannot read is taken as stated."""
    for label in scene.functions:
        pattern = rf"(?<![\w']){re.escape(label)}\s*\(\s*x\s*\)\s*=\s*(.+?){_FORMULA_END}"
        for m in re.finditer(pattern, text):
            if _same_function(label, m.group(1), scene):
                yield Quantity("function", (label,)), None, m.group(0)
                break


def _same_function(label: str, formula: str, scene: Scene) -> bool:
    written = formula.replace("−", "-").replace("²", "^2").replace("³", "^3").replace("·", "*").strip()
    try:
        stated = evaluate_figure((f"{label}(x)={written}",)).objects[label]
    except (ConstructionError, ValueError, TypeError, ZeroDivisionError, AttributeError, KeyError, RecursionError):
        return True
    drawn = scene.objects[label]
    if not isinstance(stated, Function) or not isinstance(drawn, Function):
        return True
    points = (sympy.Rational(1, 7), sympy.Rational(5, 3), sympy.Rational(11, 4))
    return all(same(stated.expr.subs(X, x0), drawn.expr.subs(X, x0)) for x0 in points)


def _defined(scene: Scene) -> Iterator[tuple[Quantity, None, str]]:
    for command in scene.construction.commands:
        compact = command.replace(" ", "")
        if m := _MIDPOINT_COMMAND.match(compact):
            yield Quantity("midpoint", m.groups()), None, command
        elif m := _BISECTOR_COMMAND.match(compact):
            d, b, v, c, s1, s2 = m.groups()
            if {b, c} == {s1, s2}:
                yield Quantity("bisector", (v, d, b, c)), None, command
        elif m := _FOOT_COMMAND.match(compact):
            h, p, a, b, s1, s2 = m.groups()
            if {a, b} == {s1, s2}:
                yield Quantity("foot", (p, h, a, b)), None, command

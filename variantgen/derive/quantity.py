"""Quantities: the facts a derivation is about, each a measurable property of named figure objects.

A quantity is plain data (a kind and the names it is about). It knows how GeoGebra writes it
(``expression``: the exact evaluator and GeoGebra both compute that), how a problem names it
(``phrase``: "the length of BC") and how a solution writes it (``symbol``: "BC"). Relations
(``parallel``, ``equal``) are quantities too, without a number: a fact that is either known or not.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The solids a question may name, and how it names them.
SOLIDS = {
    "cuboid": "cuboid",
    "cube": "cube",
    "right-prism": "right prism",
    "regular-pyramid": "regular pyramid",
    "frustum": "frustum",
    "regular-frustum": "regular frustum",
    "cone-frustum": "frustum",
    "cylinder": "cylinder",
    "cone": "cone",
    "sphere": "sphere",
}
#: Solids a figure draws face by face, named by their corners (base, then top) in GeoGebra.
FRUSTA = ("frustum", "regular-frustum")
_SOLID_MEASURES = ("volume", "surface-area", "lateral-area")
LINE_PLANE = {"line-plane-angle": "angle", "line-plane-sin": "sin", "line-plane-cos": "cos", "line-plane-tan": "tan"}
DIHEDRAL = {"dihedral-angle": "angle", "dihedral-sin": "sin", "dihedral-cos": "cos", "dihedral-tan": "tan"}

#: Kinds whose value is a number; the others are relations (known or not, no value).
MEASURES = frozenset(
    {
        "length",
        "angle",
        "sin",
        "cos",
        "tan",
        "area",
        "perimeter",
        "distance-to-line",
        "radius",
        "diameter",
        "circumference",
        "circle-area",
        "circumradius",
        "inradius",
        "x",
        "y",
        "slope",
        "value",
        "extremum",
        "root",
        "derivative",
        "integral",
        # Circles: the length of a minor arc, the area of its sector, and the area between the
        # arc and its chord (a circular segment); args (O, A, B), counter-clockwise from A to B.
        "arc",
        "sector",
        "segment",
        # Graphs: the vertex's x (the axis of symmetry), the distance between two zeros and the
        # area of the triangle two zeros and the vertex form.
        "vertex-x",
        "root-distance",
        "root-vertex-area",
        # Graphs: the triangle a line makes with the axes, the triangle two lines make with the
        # x-axis, the average rate of change on an interval, and the region between a chord and
        # the graph (a parabola's chord: the trapezoid under the chord less the integral).
        "axes-triangle-area",
        "lines-triangle-area",
        "average-rate",
        "chord-region",
        # Coordinates: the y-intercept of the line through two points (its equation y = kx + b).
        "intercept",
        # Conics (args: the conic's label): a, b, c and the eccentricity c/a.
        "semi-major",
        "semi-minor",
        "linear-eccentricity",
        "eccentricity",
        # Parabolas: p (focus to directrix, args: the label), and a point's distance to the
        # directrix (args: the point, the label).
        "parameter",
        "directrix-distance",
        # A hyperbola's focus to an asymptote (args: the focus, the label), and the distance
        # between an ellipse's or hyperbola's two directrices (args: the label).
        "asymptote-distance",
        "directrices-distance",
        # A point's distance to the directrix on the side of a focus (args: the point, the
        # label, the focus).
        "focal-directrix-distance",
        # Solids (args: the solid's label, its shape, the names of its base's corners): its volume,
        # its whole surface's area and its lateral surface's area.
        "volume",
        "surface-area",
        "lateral-area",
        # The angle between a line and a plane, and its sine, cosine and tangent (args: the point
        # where the line meets the plane, another point of the line, three points of the plane).
        *LINE_PLANE,
        # The dihedral angle P-AB-Q, and its sine, cosine and tangent (args: the edge's two
        # points, then a point of each face off the edge).
        *DIHEDRAL,
    }
)
RELATIONS = frozenset(
    {
        "parallel",
        "isosceles",
        "equilateral",
        "midpoint",
        "bisector",
        "foot",
        "tangent",
        "rectangle",
        "square",
        "rhombus",
        "parallelogram",
        "trapezoid",
    }
    | {"function"}
    # "PA ⊥ plane ABC" (args: the line's other end, its foot in the plane, the plane's other points)
    | {"perpendicular-to-plane"}
    # Solids a question names: "the cuboid ABCD-EFGH" (base, then top, corner over corner), "the
    # regular pyramid P-ABCD" (apex, then base), "the cylinder" (its two centres), "the cone" (apex,
    # base centre), "the sphere" (centre).
    | set(SOLIDS)  # "f(x) = x^2 - 6x + 5": a graph whose definition the question states
)

#: Kinds whose first name is a graph and the others numbers (x values, brackets of a zero).
_OF_A_GRAPH = (
    "value",
    "derivative",
    "integral",
    "root",
    "root-distance",
    "root-vertex-area",
    "axes-triangle-area",
    "average-rate",
    "chord-region",
)
_SHAPES = {3: "triangle", 4: "quadrilateral", 5: "pentagon", 6: "hexagon"}
_CONIC_COMMANDS = {
    "semi-major": "SemiMajorAxisLength",
    "semi-minor": "SemiMinorAxisLength",
    "linear-eccentricity": "LinearEccentricity",
    "eccentricity": "Eccentricity",
    "parameter": "Parameter",
}
_CONIC_SYMBOLS = {"semi-major": "a", "semi-minor": "b", "linear-eccentricity": "c", "eccentricity": "e", "parameter": "p"}
_CONIC_PHRASES = {
    "semi-major": "the length of the semi-major axis",
    "semi-minor": "the length of the semi-minor axis",
    "linear-eccentricity": "the distance from the centre to a focus",
    "eccentricity": "the eccentricity",
    "parameter": "the distance from the focus to the directrix",
}
#: Kinds a question asks for by their symbol: "the length of BC", "the value of sin ∠ABC".
_ASKED_OF_SYMBOL = {
    "length": "the length of",
    "angle": "the measure of",
    "sin": "the value of",
    "cos": "the value of",
    "tan": "the value of",
}


@dataclass(frozen=True, order=True)
class Quantity:
    """``kind`` and ``args``: the names of the objects, in the order the expression needs.

    Build them through a :class:`~variantgen.derive.scene.Scene` (``scene.length("A", "B")``), which
    puts the names in canonical order, so that the same quantity is always the same object.
    ``symbol`` and ``phrase`` take the polygon's name in words where the question states one
    ("rectangle"); a quadrilateral is called a quadrilateral otherwise.
    """

    kind: str
    args: tuple[str, ...]

    @property
    def is_measure(self) -> bool:
        return self.kind in MEASURES

    @property
    def names(self) -> tuple[str, ...]:
        """The figure objects this quantity is about (points, circles, functions, solids)."""
        if self.kind in _SOLID_MEASURES:
            return self.args[:1] + self.args[2:]
        return self.args if self.kind not in _OF_A_GRAPH else self.args[:1]

    # How GeoGebra computes it ----------------------------------------------------------------

    def expression(self) -> str:
        a = self.args
        match self.kind:
            case "length":
                return f"Distance({a[0]},{a[1]})"
            case "angle":
                return f"Angle({a[0]},{a[1]},{a[2]})"
            case "sin" | "cos" | "tan":
                return f"{self.kind}(Angle({a[0]},{a[1]},{a[2]}))"
            case "area":
                return f"Area({','.join(a)})"
            case "perimeter":
                return f"Perimeter(Polygon({','.join(a)}))"
            case "distance-to-line":
                return f"Distance({a[0]},Line({a[1]},{a[2]}))"
            case "radius":
                return f"Radius({a[0]})"
            case "diameter":
                return f"2*Radius({a[0]})"
            case "circumference":
                return f"Perimeter({a[0]})"
            case "circle-area":
                return f"Area({a[0]})"
            case "circumradius":
                return f"Radius(Circle({a[0]},{a[1]},{a[2]}))"
            case "inradius":
                return f"Radius(Incircle({a[0]},{a[1]},{a[2]}))"
            case "x" | "y":
                return f"{self.kind}({a[0]})"
            case "slope":
                return f"Slope(Line({a[0]},{a[1]}))"
            case "value":
                return f"{a[0]}({a[1]})"
            case "derivative":
                return f"{a[0]}'({a[1]})"
            case "extremum":
                return f"y(Extremum({a[0]}))"
            case "root":  # ("f",) for a function with one zero; ("f", lo, hi) brackets one of several
                return f"x(Root({','.join(a)}))"
            case "integral":
                return f"Integral({a[0]},{a[1]},{a[2]})"
            case "vertex-x":
                return f"x(Extremum({a[0]}))"
            case "root-distance":  # ("f", lo1, hi1, lo2, hi2): the zeros in [lo1, hi1] and [lo2, hi2]
                return f"Distance(Root({a[0]},{a[1]},{a[2]}),Root({a[0]},{a[3]},{a[4]}))"
            case "root-vertex-area":
                return f"Area(Root({a[0]},{a[1]},{a[2]}),Root({a[0]},{a[3]},{a[4]}),Extremum({a[0]}))"
            case "axes-triangle-area":  # ("f",): a line with one zero
                return f"Area((0,0),Root({a[0]}),(0,{a[0]}(0)))"
            case "lines-triangle-area":  # ("f", "g", "P"): two lines, each with one zero, meeting at P
                return f"Area(Root({a[0]}),Root({a[1]}),{a[2]})"
            case "average-rate":  # ("f", lo, hi)
                width = f"({a[2]})" if a[1] == "0" else f"({a[2]}-({a[1]}))"
                return f"({a[0]}({a[2]})-{a[0]}({a[1]}))/{width}"
            case "chord-region":  # ("f", lo, hi): |area under the chord − the integral|
                width = f"({a[2]})" if a[1] == "0" else f"({a[2]}-({a[1]}))"
                return f"abs({width}*({a[0]}({a[1]})+{a[0]}({a[2]}))/2-Integral({a[0]},{a[1]},{a[2]}))"
            case "intercept":
                return f"y(Intersect(Line({a[0]},{a[1]}),yAxis))"
            case "semi-major" | "semi-minor" | "linear-eccentricity" | "eccentricity" | "parameter":
                return f"{_CONIC_COMMANDS[self.kind]}({a[0]})"
            case "directrix-distance":
                return f"Distance({a[0]},Directrix({a[1]}))"
            case "asymptote-distance":
                return f"Distance({a[0]},Asymptote({a[1]}))"
            case "directrices-distance":
                return f"2*Distance(Center({a[0]}),Directrix({a[0]}))"
            case "focal-directrix-distance":  # the line across the axis a²/c from the centre, towards the focus
                centre, ratio = f"Center({a[1]})", f"SemiMajorAxisLength({a[1]})^2/LinearEccentricity({a[1]})^2"
                return f"Distance({a[0]},PerpendicularLine({centre}+({a[2]}-{centre})*{ratio},Line({centre},{a[2]})))"
            case "arc":
                return f"Length(CircularArc({a[0]},{a[1]},{a[2]}))"
            case "sector":
                return f"Area(CircularSector({a[0]},{a[1]},{a[2]}))"
            case "segment":  # a minor arc's: the sector less the triangle
                return f"Area(CircularSector({a[0]},{a[1]},{a[2]}))-Area({a[0]},{a[1]},{a[2]})"
            case "volume" if a[1] == "cone-frustum":
                return _cone_frustum("Volume", a)
            case "volume":
                return _frustum_volume(a[2:]) if a[1] in FRUSTA else f"Volume({a[0]})"
            case "line-plane-angle" | "line-plane-sin" | "line-plane-cos" | "line-plane-tan":
                angle = f"Angle(Line({a[0]},{a[1]}),Plane({a[2]},{a[3]},{a[4]}))"
                return angle if self.kind == "line-plane-angle" else f"{LINE_PLANE[self.kind]}({angle})"
            case "dihedral-angle" | "dihedral-sin" | "dihedral-cos" | "dihedral-tan":
                # the angle between the perpendiculars to the edge in each face (never the
                # angle of the planes' normals, which may be its supplement)
                edge = f"Line({a[0]},{a[1]})"
                angle = f"Angle(Vector(ClosestPoint({edge},{a[2]}),{a[2]}),Vector(ClosestPoint({edge},{a[3]}),{a[3]}))"
                return angle if self.kind == "dihedral-angle" else f"{DIHEDRAL[self.kind]}({angle})"
            case "surface-area" | "lateral-area":
                return _surface_expression(self.kind, a[0], a[1], a[2:])
        raise ValueError(f"{self.kind} has no GeoGebra expression")

    @property
    def answer_kind(self) -> str:
        """How the answer is printed: angles in degrees, everything else as a number."""
        return "angle" if self.kind in ("angle", "line-plane-angle", "dihedral-angle") else "number"

    # How a problem and a solution name it -------------------------------------------------------

    def symbol(self, shape: str = "") -> str:
        """As a solution writes it: ``BC``, ``∠ABC``, ``sin ∠ABC``, ``S(ABC)``."""
        a = self.args
        match self.kind:
            case "length":
                return f"{a[0]}{a[1]}"
            case "angle":
                return f"∠{_angle_name(a)}"
            case "sin" | "cos" | "tan":
                return f"{self.kind} ∠{_angle_name(a)}"
            case "area":
                return f"the area of {self._polygon(shape)}"
            case "perimeter":
                return f"the perimeter of {self._polygon(shape)}"
            case "distance-to-line":
                return f"the distance from {a[0]} to {a[1]}{a[2]}"
            case "radius" | "diameter" | "circumference":
                return f"the {self.kind} of circle {a[1] if len(a) > 1 else a[0]}"
            case "circle-area":
                return f"the area of circle {a[1] if len(a) > 1 else a[0]}"
            case "circumradius":
                return f"R({''.join(a)})"
            case "inradius":
                return f"r({''.join(a)})"
            case "x" | "y":
                return f"the {self.kind}-coordinate of {a[0]}"
            case "slope":
                return f"the slope of {a[0]}{a[1]}"
            case "value":
                return f"{a[0]}({a[1]})"
            case "derivative":
                return f"{a[0]}′({a[1]})"
            case "extremum":
                return f"the extreme value of {a[0]}"
            case "root":
                return f"the zero of {a[0]}" + (f" between {a[1]} and {a[2]}" if len(a) == 3 else "")
            case "vertex-x":
                return f"the x-coordinate of the vertex of the graph of {a[0]}"
            case "root-distance":
                return f"the distance between the two points where the graph of {a[0]} crosses the x-axis"
            case "root-vertex-area":
                return f"the area of the triangle formed by the two x-intercepts and the vertex of the graph of {a[0]}"
            case "axes-triangle-area":
                return f"the area of the triangle formed by the graph of {a[0]} and the coordinate axes"
            case "lines-triangle-area":
                return f"the area of the triangle formed by the graphs of {a[0]} and {a[1]} and the x-axis"
            case "average-rate":
                return f"the average rate of change of {a[0]} on [{_x(a[1])}, {_x(a[2])}]"
            case "chord-region":
                return f"the area between the graph of {a[0]} and its chord from x = {_x(a[1])} to x = {_x(a[2])}"
            case "intercept":
                return f"the y-intercept of line {a[0]}{a[1]}"
            case "semi-major" | "semi-minor" | "linear-eccentricity" | "eccentricity" | "parameter":
                return _CONIC_SYMBOLS[self.kind]
            case "directrix-distance":
                return f"the distance from {a[0]} to the directrix"
            case "asymptote-distance":
                return f"the distance from {a[0]} to an asymptote"
            case "directrices-distance":
                return "the distance between the directrices"
            case "focal-directrix-distance":
                return f"the distance from {a[0]} to the directrix near {a[2]}"
            case "arc":
                return f"arc {a[1]}{a[2]}"
            case "sector":
                return f"the area of sector {''.join(a)}"
            case "segment":
                return f"the area between chord {a[1]}{a[2]} and arc {a[1]}{a[2]}"
            case "function":
                return f"the definition of {a[0]}(x)"
            case "volume" | "surface-area" | "lateral-area":
                return f"the {_SOLID_WORDS[self.kind]} of the {_solid_word(a[1])}"
            case "line-plane-angle":
                return f"the angle between {a[0]}{a[1]} and plane {''.join(a[2:])}"
            case "line-plane-sin" | "line-plane-cos" | "line-plane-tan":
                return f"{LINE_PLANE[self.kind]} of the angle between {a[0]}{a[1]} and plane {''.join(a[2:])}"
            case "dihedral-angle":
                return f"the dihedral angle {a[2]}-{a[0]}{a[1]}-{a[3]}"
            case "dihedral-sin" | "dihedral-cos" | "dihedral-tan":
                return f"{DIHEDRAL[self.kind]} of the dihedral angle {a[2]}-{a[0]}{a[1]}-{a[3]}"
            case "cuboid" | "cube":
                return f"{''.join(a[:4])}-{''.join(a[4:])} is a {self.kind}"
            case "perpendicular-to-plane":
                plane = a[2:] if len(a) == 6 else a[1:]  # EO ⊥ plane ABCD: the foot is not a corner
                return f"{a[0]}{a[1]} ⊥ plane {''.join(sorted(plane))}"
            case "right-prism":
                half = len(a) // 2
                return f"{''.join(a[:half])}-{''.join(a[half:])} is a right prism"
            case "regular-pyramid":
                return f"{a[0]}-{''.join(a[1:])} is a regular pyramid"
            case "frustum" | "regular-frustum":
                half = len(a) // 2
                return f"{''.join(a[:half])}-{''.join(a[half:])} is a {SOLIDS[self.kind]}"
            case "cylinder":
                return f"the cylinder's bases have centres {a[0]} and {a[1]}"
            case "cone":
                return f"the cone has apex {a[0]} and base centre {a[1]}"
            case "cone-frustum":
                return f"the frustum's bases have centres {a[0]} and {a[1]}"
            case "sphere":
                return f"the sphere has centre {a[0]}"
            case "integral":
                return f"∫ {a[0]} from {a[1]} to {a[2]}"
            case "parallel":
                return f"{a[0]}{a[1]} ∥ {a[2]}{a[3]}"
            case "midpoint":
                return f"{a[0]} is the midpoint of {a[1]}{a[2]}"
            case "foot":
                return f"{a[1]} is the foot of the perpendicular from {a[0]} to {a[2]}{a[3]}"
            case "bisector":
                return f"{a[0]}{a[1]} bisects ∠{a[2]}{a[0]}{a[3]}"
            case "tangent":
                return f"{a[0]}{a[1]} is tangent to circle {a[2]} at {a[1]}"
            case "isosceles":
                return f"{a[0]}{a[1]} = {a[0]}{a[2]}"
            case "rectangle" | "square" | "rhombus" | "parallelogram" | "trapezoid":
                return f"{''.join(a)} is a {self.kind}"
            case "equilateral":
                return f"triangle {''.join(a)} is equilateral"
        return f"{self.kind}({', '.join(a)})"

    def phrase(self, shape: str = "") -> str:
        """As a question asks for it: "the length of BC", "the measure of ∠ABC"."""
        if self.kind in _ASKED_OF_SYMBOL:
            return f"{_ASKED_OF_SYMBOL[self.kind]} {self.symbol()}"
        a = self.args
        match self.kind:
            case "circumradius":
                return f"the radius of the circle circumscribed about triangle {''.join(a)}"
            case "inradius":
                return f"the radius of the circle inscribed in triangle {''.join(a)}"
            case "distance-to-line":
                return f"the distance from {a[0]} to the line {a[1]}{a[2]}"
            case "radius" | "diameter" | "circumference":
                return f"the {self.kind} of the circle"
            case "circle-area":
                return "the area of the circle"
            case "average-rate":
                return f"the average rate of change of {a[0]}(x) on the interval [{_x(a[1])}, {_x(a[2])}]"
            case "chord-region":
                return (
                    f"the area of the region enclosed by the graph of {a[0]} and the chord joining "
                    f"its points with x = {_x(a[1])} and x = {_x(a[2])}"
                )
            case "intercept":
                return f"the y-intercept of the line {a[0]}{a[1]}"
            case "semi-major" | "semi-minor" | "linear-eccentricity" | "eccentricity" | "parameter":
                return _CONIC_PHRASES[self.kind]
            case "asymptote-distance":
                return f"the distance from the focus {a[0]} to an asymptote of the hyperbola"
            case "directrices-distance":
                return "the distance between the two directrices"
            case "focal-directrix-distance":
                return f"the distance from {a[0]} to the directrix on the side of {a[2]}"
            case "arc":
                return f"the length of arc {a[1]}{a[2]}"
            case "line-plane-angle":
                return f"the measure of the angle between line {a[0]}{a[1]} and plane {''.join(a[2:])}"
            case "dihedral-angle":
                return f"the measure of the dihedral angle {a[2]}-{a[0]}{a[1]}-{a[3]}"
            case "dihedral-sin" | "dihedral-cos" | "dihedral-tan":
                word = {"sin": "sine", "cos": "cosine", "tan": "tangent"}[DIHEDRAL[self.kind]]
                return f"the {word} of the dihedral angle {a[2]}-{a[0]}{a[1]}-{a[3]}"
            case "line-plane-sin" | "line-plane-cos" | "line-plane-tan":
                word = {"sin": "sine", "cos": "cosine", "tan": "tangent"}[LINE_PLANE[self.kind]]
                return f"the {word} of the angle between line {a[0]}{a[1]} and plane {''.join(a[2:])}"
            case "segment":
                return f"the area of the region between chord {a[1]}{a[2]} and arc {a[1]}{a[2]}"
        return self.symbol(shape)

    def _polygon(self, shape: str) -> str:
        """A stated polygon keeps the question's name (rectangle ABCD); one the figure's lines cut
        out is named as a textbook would, from its first letter round the shorter way (ABDE,
        not EABD)."""
        names = self.args
        if not shape and len(names) > 3:
            n = len(names)
            turns = [names[i:] + names[:i] for i in range(n)]
            names = min(turns + [tuple(reversed(t)) for t in turns])
        return f"{shape or _SHAPES.get(len(names), 'polygon')} {''.join(names)}"

    def __str__(self) -> str:
        return self.symbol()


_SOLID_WORDS = {"volume": "volume", "surface-area": "surface area", "lateral-area": "lateral surface area"}


def _solid_word(shape: str) -> str:
    return SOLIDS.get(shape, shape)


def _cone_frustum(measure: str, args: tuple[str, ...]) -> str:
    """A cone's frustum (its base rim, base and top centres, top rim): GeoGebra's cone on the base
    rim less the one on the top rim, their apex where the side closes up."""
    low, _, o, q, high = args
    apex = f"{o}+({q}-{o})*Radius({low})/(Radius({low})-Radius({high}))"
    return f"{measure}(Cone({o},{apex},Radius({low})))-{measure}(Cone({q},{apex},Radius({high})))"


def _frustum_volume(corners: tuple[str, ...]) -> str:
    """GeoGebra has no frustum: the pyramid its lateral edges close up to, less the one cut off."""
    n = len(corners) // 2
    base, top = ",".join(corners[:n]), ",".join(corners[n:])
    apex = f"Intersect(Line({corners[0]},{corners[n]}),Line({corners[1]},{corners[n + 1]}))"
    return f"Volume(Pyramid({base},{apex}))-Volume(Pyramid({top},{apex}))"


def _surface_expression(kind: str, label: str, shape: str, base: tuple[str, ...]) -> str:
    """GeoGebra has no surface area command: a polyhedron's net has the surface's area, a round
    solid's ``Side`` the lateral surface's, and its ends are circles; a frustum (``base`` its
    corners, base then top) has no net, and its faces are added."""
    if shape == "cone-frustum":
        lateral = _cone_frustum("Side", (label, shape, *base))
        return lateral if kind == "lateral-area" else f"{lateral}+Area({label})+Area({base[-1]})"
    if shape in FRUSTA:
        n = len(base) // 2
        sides = [(base[i], base[(i + 1) % n], base[n + (i + 1) % n], base[n + i]) for i in range(n)]
        faces = sides if kind == "lateral-area" else [base[:n], base[n:], *sides]
        return "+".join(f"Area(Polygon({','.join(face)}))" for face in faces)
    if shape == "sphere":
        return f"4*pi*Radius({label})^2"
    if shape in ("cylinder", "cone"):
        ends = f"2*Area(Top({label}))" if shape == "cylinder" else f"Area(Bottom({label}))"
        return f"Side({label})" if kind == "lateral-area" else f"Side({label})+{ends}"
    if kind == "surface-area":
        return f"Net({label},1)"
    bases = "" if shape in ("pyramid", "regular-pyramid") else "2*"
    return f"Net({label},1)-{bases}Area(Polygon({','.join(base)}))"


def _angle_name(args: tuple[str, ...]) -> str:
    """∠ABD rather than ∠DBA: the same angle, its arms in alphabetical order as textbooks write it."""
    a, v, c = args
    return f"{min(a, c)}{v}{max(a, c)}"


def _x(text: str) -> str:
    """An x value as written in a construction (``pi/6``), as a question prints it (``π/6``)."""
    return text.replace("pi", "π").replace("*", "")

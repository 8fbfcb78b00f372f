"""Import GeoGebra 5 files (``.ggb``: a zip holding ``geogebra.xml``) as constructions.

The XML lists the construction in order: free objects (``<element>`` with coordinates or a
value), objects defined by an expression (``<expression>``) and objects made by a command
(``<command>`` with its inputs and outputs, each output followed by its ``<element>``). Each
becomes one command of variantgen's construction language, in GeoGebra's own syntax, so the
same figure is drawn by GeoGebra and evaluated by sympy. Drawing attributes become style hints
(hidden objects, hidden labels, colours, dashes, fills, captions, free texts) and the graphics
view becomes the view box.

Figures drawn by hand place points by mouse: their coordinates are read to 4 decimals (a
ten-thousandth of a unit is far below a pixel), and a point put on a path (``Point(c)``) keeps
where it was drawn. Several intersection points are told apart by where GeoGebra put them.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import sympy

from variantgen.construction.conics import conic_from_equation
from variantgen.construction.errors import ConstructionError, DegenerateFigure
from variantgen.construction.evaluator import evaluate, evaluate_object
from variantgen.construction.ggb_labels import rename, rename_by_texts
from variantgen.construction.model import Construction
from variantgen.construction.syntax import label_of, tokenize
from variantgen.text.latex import plain_text

#: GeoGebra's XML names for commands whose English input name differs.
_RENAMED = {
    "OrthogonalLine": "PerpendicularLine",
    "OrthogonalPlane": "PerpendicularPlane",
    "AngularBisector": "AngleBisector",
    "LineBisector": "PerpendicularBisector",
}
#: Element types of the 3D view the construction language does not have (surfaces given by
#: formulas); points, segments, polygons, planes and solids in space it has.
_UNSUPPORTED_3D = {"surfacecartesian3d", "implicitsurface3d", "surface3d"}
#: GeoGebra's solids, whose command also makes their vertices, faces, edges, ends and sides.
_SOLIDS = {"Prism", "Pyramid", "Cube", "Tetrahedron", "Cylinder", "Cone", "Sphere"}
#: What a cylinder's or cone's command makes besides the solid, in order.
_ROUND_PARTS = {"Cylinder": ("Bottom", "Top", "Side"), "Cone": ("Bottom", "Side")}
_DEFAULT_THICKNESS, _DEFAULT_POINT_SIZE = 5, 5
#: Bounds on what one file may hold. School figures are a few hundred KB of XML and a few hundred
#: objects; a small zip can expand to gigabytes, and 200,000 objects would never finish.
MAX_XML_BYTES = 16 << 20
MAX_OBJECTS = 2_000
_CIRCLE_EQUATION = re.compile(
    r"^\(?x(?:\s*([+-])\s*([\d.]+))?\)?\^\(?2\)?\s*\+\s*\(?y(?:\s*([+-])\s*([\d.]+))?\)?\^\(?2\)?\s*=\s*([\d.]+)$"
)


def _modern(text: str) -> str:
    """Commands as files saved before GeoGebra 5 write them, ``Distance[A, B]``, with the
    parentheses of today's input (GeoGebra has no other use for square brackets)."""
    return text.replace("[", "(").replace("]", ")")


class GgbImportError(ConstructionError):
    """A file that cannot be imported; the message names the file and the object."""


@dataclass
class ImportedFigure:
    """A figure as read from a ``.ggb`` file: commands, view and style, with no asked quantity yet."""

    commands: list[str] = field(default_factory=list)
    view: dict[str, float] | None = None
    style: dict[str, Any] = field(default_factory=dict)
    #: Objects the file defines that do not exist where it was saved (a circle through three points
    #: of a line, a pyramid whose apex lies in its base), each with its reason: GeoGebra keeps them
    #: undefined and draws nothing; they are left out, with what is built on them.
    undefined: dict[str, str] = field(default_factory=dict)

    def construction(self, target: str) -> Construction:
        """The figure as a construction asking ``target`` (a GeoGebra expression)."""
        data: dict[str, Any] = {"commands": self.commands, "target": target, "style": self.style}
        if self.view:
            data["view"] = self.view
        return Construction.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"commands": self.commands}
        if self.view:
            data["view"] = self.view
        if self.style:
            data["style"] = self.style
        if self.undefined:
            data["undefined"] = self.undefined
        return data


def read_ggb(path: str | Path) -> ImportedFigure:
    """Read ``path``; every failure is a GgbImportError naming the file and the cause."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("geogebra.xml") as entry:
            xml = entry.read(MAX_XML_BYTES + 1)  # the size in the zip's header may lie; read no further
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise GgbImportError(f"{path.name}: not a GeoGebra file ({exc})") from None
    if len(xml) > MAX_XML_BYTES:
        raise GgbImportError(f"{path.name}: geogebra.xml is larger than {MAX_XML_BYTES:,} bytes; not a school figure")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise GgbImportError(f"{path.name}: geogebra.xml is not valid XML ({exc})") from None
    construction = root.find("construction")
    if construction is None:
        raise GgbImportError(f"{path.name}: geogebra.xml has no construction")
    if len(construction) > MAX_OBJECTS:
        raise GgbImportError(f"{path.name}: {len(construction)} objects; at most {MAX_OBJECTS} are read")
    reader = _Reader()
    try:
        figure = reader.read(construction)
    except GgbImportError as exc:
        raise GgbImportError(f"{path.name}: {exc.reason}") from None
    # A figure in space is drawn through its projection, fitted to what it shows: the plane view's
    # window says nothing about it.
    figure.view = None if reader.in_space else _view(root)
    _leave_out_undefined(figure)
    _match_solutions(figure, reader)
    figure.commands, figure.style = rename_by_texts(figure.commands, figure.style, figure.view)
    return figure


def _names(command: str) -> set[str]:
    try:
        return {text for kind, text, _ in tokenize(command) if kind == "name"}
    except ConstructionError:
        return set()


def _leave_out_undefined(figure: ImportedFigure) -> None:
    """Leave out each object that does not exist in the figure as saved (the evaluator's
    DegenerateFigure), and every object built on it, as GeoGebra leaves them undrawn."""
    for _ in range(len(figure.commands)):
        try:
            evaluate(figure.construction("0"))
            return
        except DegenerateFigure as exc:
            if exc.command_index is None:
                return
            gone = {label_of(figure.commands[exc.command_index]) or ""}
            figure.undefined[next(iter(gone))] = exc.reason
            kept = figure.commands[: exc.command_index]
            for command in figure.commands[exc.command_index + 1 :]:
                if _names(command) & gone:
                    gone.add(label_of(command) or "")
                    figure.undefined[label_of(command) or command] = "built on an undefined object"
                else:
                    kept.append(command)
            figure.commands = kept
            for key, hint in figure.style.items():  # the drawing hints that name them
                if isinstance(hint, list):
                    figure.style[key] = [name for name in hint if name not in gone]
                elif isinstance(hint, dict):
                    figure.style[key] = {name: value for name, value in hint.items() if name not in gone}
        except ConstructionError:
            return


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:/\d+)?"
_HORIZONTAL_OR_VERTICAL = re.compile(rf"^(?P<axis>[xy])=(?P<c>{_NUMBER})$")
_SLOPED = re.compile(r"^y=(?P<m>[-+]?(?:\d+\.?\d*|\.\d+)?)\*?x(?P<b>[-+](?:\d+\.?\d*|\.\d+))?$")
#: ``y = a x + b`` with sliders a and b for its slope and intercept.
_SLOPED_BY_NAMES = re.compile(r"^y=(?P<m>[^\W\d]\w*)\*?x(?:(?P<sign>[-+])(?P<b>[^\W\d]\w*|\d+\.?\d*))?$")


def _line_equation(exp: str) -> str | None:
    """``f: y = 4``, ``x = -2`` or ``y = 2x + 1`` as the line through two of its points."""
    text = exp.replace(" ", "")
    if match := _HORIZONTAL_OR_VERTICAL.match(text):
        c = match["c"]
        return f"Line((0,{c}),(1,{c}))" if match["axis"] == "y" else f"Line(({c},0),({c},1))"
    if match := _SLOPED.match(text):
        m = sympy.Rational(match["m"] + "1" if match["m"] in ("", "+", "-") else match["m"])
        b = sympy.Rational(match["b"] or "0")
        return f"Line((0,{b}),(1,{m + b}))"
    if match := _SLOPED_BY_NAMES.match(text):
        b = f"{'-' if match['sign'] == '-' else ''}{match['b'] or 0}"
        return f"Line((0,{b}),(1,{match['m']}+{b}))"
    return None


_TERM = re.compile(r"([+-]?)(\d+\.?\d*|\.\d+)?\*?([xyz])?")


def _plane_equation(exp: str) -> str | None:
    """``z = -3`` or ``2x - y + 3z = 6`` (a plane a file defines by its equation) as the plane
    through three of its points; None for anything else."""
    sides = re.sub(r"\(([-+]?[\d.]*\*?[xyz]?)\)", r"\1", exp.replace(" ", "")).split("=")  # x+(3*y)+z=3
    if len(sides) != 2 or not all(sides):
        return None
    coefficients = {"x": sympy.Integer(0), "y": sympy.Integer(0), "z": sympy.Integer(0), "": sympy.Integer(0)}
    for sign, text in zip((1, -1), sides, strict=True):
        at = 0
        while at < len(text):
            term = _TERM.match(text, at)
            if term is None or term.end() == at or (at > 0 and not term[1]):
                return None
            size = sympy.Rational(term[2]) if term[2] else sympy.Integer(1)
            if not term[2] and not term[3]:
                return None
            coefficients[term[3] or ""] += sign * (-size if term[1] == "-" else size)
            at = term.end()
    a, b, c, d = coefficients["x"], coefficients["y"], coefficients["z"], -coefficients[""]
    if a == b == c == 0:
        return None
    normal = (a, b, c)
    k = max(range(3), key=lambda i: abs(normal[i]))  # solve for the largest coefficient's coordinate
    points = []
    for free in ((0, 0), (1, 0), (0, 1)):
        p = [sympy.Integer(0)] * 3
        others = [i for i in range(3) if i != k]
        p[others[0]], p[others[1]] = sympy.Integer(free[0]), sympy.Integer(free[1])
        p[k] = (d - sum(normal[i] * p[i] for i in others)) / normal[k]
        points.append("(" + ",".join(str(v) for v in p) + ")")
    return f"Plane({','.join(points)})"


#: ``X = (t, 1 - t, t)`` or ``X = (1, 2, 3) + λ (4, 5, 6)``: a line by its parameter.
_PARAMETRIC = re.compile(r"^X\s*=\s*(?P<rhs>.+)$")


def _parametric_line(exp: str) -> str | None:
    """A line a file writes in parametric form, as the line through its points at 0 and 1."""
    match = _PARAMETRIC.match(exp.strip())
    if match is None:
        return None
    rhs = match["rhs"]
    names = _names(rhs)
    parameter = next((p for p in ("t", "s", "λ", "μ") if p in names), None)
    if parameter is None:
        return None
    return f"Line({rename(rhs, {parameter: '(0)'})},{rename(rhs, {parameter: '(1)'})})".replace(" ", "")


def _match_solutions(figure: ImportedFigure, reader: _Reader) -> None:
    """Renumber ``Intersect(a,b,k)`` (and other several-solution commands) so that each label
    gets the solution GeoGebra drew for it: GeoGebra's numbering of solutions is its own, the
    stored coordinates are not."""
    if not reader.indexed:
        return
    try:
        objects = evaluate(figure.construction("0")).objects
    except ConstructionError:
        return  # the figure does not evaluate; the caller reports that
    for index, command in enumerate(figure.commands):
        label = label_of(command)
        if label not in reader.drawn:
            continue
        for expression in reader.indexed[label]:
            try:
                candidate = evaluate_object(expression, objects)
            except ConstructionError:
                continue
            if _same_place(candidate, reader.drawn[label]):
                figure.commands[index] = f"{label}={expression}"
                break


def _same_place(obj: Any, drawn: tuple[float, ...], tolerance: float = 1e-3) -> bool:
    """Whether an evaluated point or line is where GeoGebra stored it (``x, y, z`` homogeneous
    coordinates of a point, or the coefficients of ``x·X + y·Y + z = 0`` for a line; ``x, y, z, w``
    of a point in space)."""
    if len(drawn) == 4:
        x, y, z, w = drawn
        coordinates = zip((obj.x, obj.y, obj.z), (x, y, z), strict=True) if hasattr(obj, "z") and w else ()
        return bool(coordinates) and all(abs(float(c) - v / w) < tolerance for c, v in coordinates)
    x, y, z = drawn
    if hasattr(obj, "d") and hasattr(obj, "p"):
        px, py, dx, dy = (float(v) for v in (obj.p.x, obj.p.y, obj.d.x, obj.d.y))
        scale = max(abs(x), abs(y), 1e-12)
        return (
            abs(x * px + y * py + z) / scale < tolerance
            and abs(dx * x + dy * y) / max(abs(dx) + abs(dy), 1e-12) / scale < tolerance
        )
    if hasattr(obj, "x") and hasattr(obj, "y") and z:
        return abs(float(obj.x) - x / z) < tolerance and abs(float(obj.y) - y / z) < tolerance
    return False


class _Reader:
    def __init__(self) -> None:
        self.figure = ImportedFigure()
        self.names: dict[str, str] = {}
        self.pending: dict[str, str] = {}  # output label → its command, waiting for its element
        self.parts: set[str] = set()  # a solid's faces and edges, drawn with it (a file may write one twice)
        self.indexed: dict[str, list[str]] = {}  # label → the expressions of each solution, in GeoGebra syntax
        self.drawn: dict[str, tuple[float, ...]] = {}  # label → coordinates GeoGebra stored
        self.in_space = False  # the file has objects of the 3D view
        self.defined: set[str] = set()  # labels given a command already

    def read(self, construction: ElementTree.Element) -> ImportedFigure:
        for node in construction:
            if node.tag == "command":
                self.command(node)
            elif node.tag == "expression":
                self.expression(node)
            elif node.tag == "element":
                self.element(node)
        return self.figure

    def label(self, raw: str) -> str:
        """``B_{1}`` → ``B_1``: a label the construction language (and GeoGebra) accepts."""
        return self.names.setdefault(raw, re.sub(r"[{}]", "", raw).replace(" ", "_"))

    def argument(self, raw: str) -> str:
        if raw.startswith('"'):
            return raw
        return self.label(raw) if re.fullmatch(r"[^\W\d][\w{}']*", raw) else self.written(raw)

    def written(self, text: str) -> str:
        """An expression of the file in the construction language: labels such as ``H_{2}`` as
        they are named here, commands in today's parentheses."""
        return _modern(re.sub(r"[^\W\d]\w*_\{[^{}]*\}", lambda m: self.label(m.group(0)), text))

    def command(self, node: ElementTree.Element) -> None:
        name = node.get("name", "")
        for _, raw in _attributes(node, "input"):
            self.solid_part(raw)
        inputs = [self.argument(v) for _, v in _attributes(node, "input")]
        outputs = [v for _, v in _attributes(node, "output") if v]
        name = _RENAMED.get(name, name)
        if name == "Text":
            for out in outputs:
                self.pending[out] = "text:" + (inputs[0].strip('"') if inputs else "")
            return
        if name in ("Point", "PointIn") and len(inputs) == 1:  # a free point on a path or in a region: where it was drawn
            self.pending[outputs[0]] = "point-on-path"
            return
        call = f"{name}({','.join(inputs)})"
        if name in _SOLIDS and outputs:
            self.solid(name, inputs, outputs, call)
            return
        if node.find("outputSizes") is not None and outputs:  # a section and its corners and sides
            self.pending[outputs[0]] = call
            for out in outputs[1:]:
                self.pending[out] = "solid-part"
            return
        if name in ("Asymptote", "Directrix") and len(outputs) > 1:
            # two lines in GeoGebra's own order, which the construction language cannot name one by
            # one (construction.evaluator.LinePair): each is read as the line the file stores
            for out in outputs:
                self.pending[out] = "stored-line"
            return
        if name == "Polygon" and outputs:
            self.pending[outputs[0]] = call
            regular = len(inputs) in (3, 4) and inputs[2].isdigit()  # Polygon(A, B, n), in space with a direction
            corners = list(inputs[:2]) if regular else list(inputs)
            sides = outputs[1 : 1 + (int(inputs[2]) if regular else len(inputs))]
            extra = outputs[1 + len(sides) :]
            poly = self.label(outputs[0])
            if regular:  # the new corners are defined after the sides: name them through the polygon
                corners = [f"Vertex({poly},{k})" for k in range(1, len(sides) + 1)]
            for k, point in enumerate(extra, start=3):
                self.pending[point] = f"Vertex({poly},{k})"
            for k, side in enumerate(sides):
                self.pending[side] = f"Segment({corners[k]},{corners[(k + 1) % len(corners)]})"
            return
        for k, out in enumerate(outputs, start=1):
            if len(outputs) == 1 and name == "Intersect" and len(inputs) == 3 and inputs[2].isdigit():
                # GeoGebra's own solution number: kept, but checked against where it drew the point
                self.pending[out] = call
                self.indexed[self.label(out)] = [f"Intersect({inputs[0]},{inputs[1]},{n})" for n in range(1, 5)]
            elif len(outputs) == 1:
                self.pending[out] = call
            else:  # several solutions: numbered here, matched to where GeoGebra put them later
                solutions = _solutions(name, inputs, len(outputs))
                self.pending[out] = solutions[k - 1]
                self.indexed[self.label(out)] = solutions

    def solid(self, name: str, inputs: list[str], outputs: list[str], call: str) -> None:
        """A solid and what its command makes on the side. A prism's top corners are defined from
        its base (F = B + (E − A)); other new corners (a cube's, a pyramid's apex given by a height)
        are read where GeoGebra put them; a cylinder's or cone's ends and side are named through
        the solid (``Bottom(c)``); its faces and edges are drawn with the solid and not again."""
        solid = self.label(outputs[0])
        self.pending[outputs[0]] = call
        rounds = iter(_ROUND_PARTS.get(name, ()))
        points = name == "Prism" and len(inputs) >= 4 and all(re.fullmatch(r"[A-Z]\w*", i) for i in inputs)
        for k, out in enumerate(outputs[1:]):
            if points and k < len(inputs) - 2:  # the top over base corner k + 1
                self.pending[out] = f"{inputs[k + 1]}+({inputs[-1]}-{inputs[0]})"
            elif name in _ROUND_PARTS:
                self.pending[out] = f"{next(rounds, 'Side')}({solid})"
            else:
                self.pending[out] = "solid-part"

    def solid_part(self, raw: str) -> None:
        """A solid's face or edge that a later command uses (``Prism(faceBCIH, 2)``): defined then,
        by the corners GeoGebra's name for it lists (``faceABFE``, ``edgeAE``)."""
        match = re.fullmatch(r"(face|edge)(\w+)", raw)
        if raw not in self.parts or match is None or self.label(raw) in self.defined:
            return
        corners, rest = [], match[2]
        points = sorted((p for p in self.defined if p[:1].isupper()), key=len, reverse=True)
        while rest:
            corner = next((p for p in points if rest.startswith(p.replace("_", ""))), None)
            if corner is None:
                return
            corners.append(corner)
            rest = rest[len(corner.replace("_", "")) :]
        if (match[1] == "edge" and len(corners) == 2) or (match[1] == "face" and len(corners) >= 3):
            command = "Segment" if match[1] == "edge" else "Polygon"
            self.figure.commands.append(f"{self.label(raw)}={command}({','.join(corners)})")
            self.defined.add(self.label(raw))

    def expression(self, node: ElementTree.Element) -> None:
        raw, exp = node.get("label", ""), node.get("exp", "")
        if exp.startswith('"'):
            self.pending[raw] = "text:" + exp.strip('"')
            return
        exp = self.written(exp)
        circle = _CIRCLE_EQUATION.match(exp.replace(" ", ""))
        if circle:
            sign_x, dx, sign_y, dy, r2 = circle.groups()
            cx = f"{'-' if sign_x == '+' else ''}{dx}" if dx else "0"
            cy = f"{'-' if sign_y == '+' else ''}{dy}" if dy else "0"
            self.pending[raw] = f"Circle(({cx},{cy}),sqrt({r2}))"
            return
        if node.get("type") == "conic":
            conic = conic_from_equation(exp)
            if conic is None:
                raise GgbImportError(
                    f"object {raw}: conic {exp!r} is no circle and no axis-parallel ellipse, hyperbola or parabola"
                )
            self.pending[raw] = conic
            return
        if node.get("type") in ("plane", "plane3d") and (plane := _plane_equation(exp)) is not None:
            self.pending[raw] = plane
            return
        if node.get("type") in ("line", "line3d") and (line := _parametric_line(exp)) is not None:
            self.pending[raw] = line
            return
        line = _line_equation(exp)
        if line is not None:
            self.pending[raw] = line
            return
        if variable := re.match(r"^\w+\((?P<v>[a-zA-Z])\)\s*=", exp):  # g(t) = … is drawn as a function of x
            exp = exp[: variable.end()] + rename(exp[variable.end() :], {variable["v"]: "x"}) if variable["v"] != "x" else exp
        definition = exp.split("=", 1)[1] if re.match(r"^\w+\([a-zA-Z]\)\s*=", exp) else exp
        if node.get("type") == "function" and (graph := re.match(r"^(?:\w+\s*:\s*)?y\s*=", exp)):  # p: y = 1/2^x
            definition = exp[graph.end() :]
        self.pending[raw] = ("function:" if node.get("type") == "function" else "") + definition.replace(" ", "")

    def element(self, node: ElementTree.Element) -> None:
        raw, kind = node.get("label", ""), node.get("type", "")
        if kind in _UNSUPPORTED_3D:
            raise GgbImportError(f"object {raw}: surfaces given by formulas ({kind}) are not supported")
        self.in_space |= kind.endswith("3d") or kind.startswith(("quadric", "polyhedron"))
        label = self.label(raw)
        if label in self.defined and raw not in self.pending:
            return  # an object GeoGebra writes again after a command that uses it (a prism's base)
        definition = self.pending.pop(raw, None)
        if definition is None and raw in self.parts:
            return
        if definition == "solid-part":  # a face or edge is drawn with its solid; a new corner is a point
            if kind != "point3d":
                self.parts.add(raw)
                return
            definition = None
        if definition is None or definition == "point-on-path":
            definition = self.free(node, kind, raw)
            if definition is None:
                return
        if definition == "hidden-part":
            return
        if definition == "stored-line":
            definition = _stored_line(node, raw)
        if definition.startswith("text:"):
            self.text(node, label, definition[5:])
            return
        coords = node.find("coords")
        if label in self.indexed and coords is not None:
            keys = ("x", "y", "z", "w") if coords.get("w") is not None else ("x", "y", "z")  # a point in space: (x, y, z, w)
            self.drawn[label] = tuple(float(coords.get(k, "nan")) for k in keys)  # type: ignore[assignment]
        if definition.startswith("function:"):
            self.figure.commands.append(f"{label}(x)={definition[9:]}")
        else:
            self.figure.commands.append(f"{label}={definition}")
        self.defined.add(label)
        self.styles(node, label, kind)

    def free(self, node: ElementTree.Element, kind: str, raw: str) -> str | None:
        if kind in ("point", "point3d"):
            coords = node.find("coords")
            if coords is None:
                raise GgbImportError(f"object {raw}: a point without coordinates")
            x, y, z = (float(coords.get(k, "nan")) for k in ("x", "y", "z"))
            if kind == "point3d":  # homogeneous (x, y, z, w)
                w = float(coords.get("w", "nan"))
                if w == 0:
                    raise GgbImportError(f"object {raw}: a point at infinity")
                return f"({_exact(x / w)},{_exact(y / w)},{_exact(z / w)})"
            if z == 0:
                raise GgbImportError(f"object {raw}: a point at infinity")
            return f"({_number(x / z)},{_number(y / z)})"
        if kind == "numeric":
            value = node.find("value")
            return _number(float(value.get("val", "nan"))) if value is not None else None
        if kind == "angle":  # a slider for an angle, stored in radians: written in degrees, as it shows
            value = node.find("value")
            return f"{_number(math.degrees(float(value.get('val', 'nan'))))}°" if value is not None else None
        if kind in ("boolean", "button", "textfield", "image"):
            return None
        raise GgbImportError(f"object {raw}: a free {kind} is not supported")

    def text(self, node: ElementTree.Element, label: str, text: str) -> None:
        start = node.find("startPoint")
        show = node.find("show")
        if start is None or (show is not None and show.get("object") == "false"):
            return
        x, y = float(start.get("x", "0")), float(start.get("y", "0"))
        # A text box of several lines is drawn as one: a line break is never passed on to GeoGebra;
        # a LaTeX text (\frac{1}{2} x^2) is written in plain Unicode, as the seeds are.
        words = plain_text(" ".join(text.split()))
        self.figure.style.setdefault("texts", []).append({"label": label, "text": words, "x": _round(x), "y": _round(y)})

    def styles(self, node: ElementTree.Element, label: str, kind: str) -> None:
        style = self.figure.style
        show = node.find("show")
        if show is not None and show.get("object") == "false":
            style.setdefault("hidden", []).append(label)
        elif show is not None and show.get("label") == "false":
            style.setdefault("label_hidden", []).append(label)
        color = node.find("objColor")
        if color is not None:
            rgb = tuple(int(color.get(c, "0")) for c in ("r", "g", "b"))
            if rgb != (0, 0, 0):
                style.setdefault("colors", {})[label] = "#{:02x}{:02x}{:02x}".format(*rgb)
            if float(color.get("alpha", "0")) > 0 and kind in ("polygon", "conic", "conicpart"):
                style.setdefault("filled", []).append(label)
        line = node.find("lineStyle")
        if line is not None:
            if line.get("type", "0") != "0":
                style.setdefault("dashed", []).append(label)
            thickness = int(line.get("thickness", _DEFAULT_THICKNESS))
            if thickness != _DEFAULT_THICKNESS:
                style.setdefault("line_thickness", {})[label] = thickness
        size = node.find("pointSize")
        if size is not None and int(size.get("val", _DEFAULT_POINT_SIZE)) != _DEFAULT_POINT_SIZE:
            style.setdefault("point_size", {})[label] = int(size.get("val", _DEFAULT_POINT_SIZE))
        caption = node.find("caption")
        if caption is not None and caption.get("val", "").strip():
            style.setdefault("captions", {})[label] = " ".join(caption.get("val", "").split())


def _stored_line(node: ElementTree.Element, raw: str) -> str:
    """``Line(P, Q)`` through two points of the line ``x·X + y·Y + z = 0`` the element stores."""
    coords = node.find("coords")
    if coords is None:
        raise GgbImportError(f"object {raw}: a line without coordinates")
    x, y, z = (float(coords.get(k, "nan")) for k in ("x", "y", "z"))
    if abs(y) > 1e-12:
        return f"Line((0,{_exact(-z / y)}),(1,{_exact(-(z + x) / y)}))"
    if abs(x) > 1e-12:
        return f"Line(({_exact(-z / x)},0),({_exact(-z / x)},1))"
    raise GgbImportError(f"object {raw}: a line without a direction")


def _solutions(name: str, inputs: list[str], count: int) -> list[str]:
    """Each solution of a several-solution command as one GeoGebra expression: a label can name
    only one object, and GeoGebra takes a solution number for Intersect alone. The two bisectors
    of lines g, h are the lines through their crossing along UnitVector(g) ± UnitVector(h)."""
    if name == "AngleBisector" and len(inputs) == 2:
        g, h = inputs
        return [f"Line(Intersect({g},{h}),UnitVector({g}){sign}UnitVector({h}))" for sign in "+-"]
    return [f"{name}({','.join(inputs)},{n})" for n in range(1, count + 1)]


def _attributes(node: ElementTree.Element, tag: str) -> list[tuple[str, str]]:
    """``<input a0=".." a1=".."/>`` as ordered pairs (an element without children is falsy, so
    it is looked up explicitly)."""
    child = node.find(tag)
    return [] if child is None else sorted(child.items(), key=lambda item: int(item[0][1:]))


def _round(value: float) -> float:
    return round(value, 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def _exact(value: float) -> str:
    """A coordinate of a point in space, which GeoGebra computed rather than a hand placed (a
    tetrahedron's corner at 3√3/2): the fraction or square root it equals to 12 digits (GeoGebra
    writes 16), else as a hand's point is read."""
    if not math.isfinite(value):  # an undefined point GeoGebra saved as NaN
        raise GgbImportError(f"a coordinate is not a finite number ({value})")
    for square in (False, True):
        target = value * value if square else value
        guess = Fraction(target).limit_denominator(100)
        if abs(float(guess) - target) <= 1e-12 * max(1.0, abs(target)):
            if not square:
                return str(guess.numerator) if guess.denominator == 1 else f"{guess.numerator}/{guess.denominator}"
            root = f"sqrt({guess.numerator}/{guess.denominator})" if guess.denominator != 1 else f"sqrt({guess.numerator})"
            return root if value > 0 else f"-{root}"
    return _number(value)


def _number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise GgbImportError(f"a coordinate is not a finite number ({value})")
    text = f"{_round(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _view(root: ElementTree.Element) -> dict[str, float] | None:
    """The graphics view's visible rectangle, from its origin, scales and pixel size."""
    view = root.find("euclidianView")
    if view is None:
        return None
    size, system = view.find("size"), view.find("coordSystem")
    if size is None or system is None:
        return None
    width, height = float(size.get("width", "0")), float(size.get("height", "0"))
    x0, y0 = float(system.get("xZero", "0")), float(system.get("yZero", "0"))
    sx = float(system.get("scale", "1"))
    sy = float(system.get("yscale", system.get("scale", "1")))
    if width <= 0 or height <= 0 or sx <= 0 or sy <= 0:
        return None
    return {
        "xmin": _round(-x0 / sx),
        "xmax": _round((width - x0) / sx),
        "ymin": _round(-(height - y0) / sy),
        "ymax": _round(y0 / sy),
    }

"""Solid geometry: the exact evaluator against answers worked by hand and against GeoGebra, and
the textbook picture (hidden edges dashed, round solids outlined, labels off the lines)."""

from __future__ import annotations

import pytest
import sympy
from helpers import started_renderer

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.evaluator import evaluate
from variantgen.construction.space import drawn_solids
from variantgen.render.solid import space_picture

CUBOID = ("A=(0,0,0)", "B=(4,0,0)", "C=(4,3,0)", "D=(0,3,0)", "A_1=(0,0,5)", "k=Prism(A,B,C,D,A_1)")
PYRAMID = ("A=(0,0,0)", "B=(4,0,0)", "C=(4,4,0)", "D=(0,4,0)", "P=(2,2,3)", "k=Pyramid(A,B,C,D,P)")
#: A frustum drawn face by face, as GeoGebra (which has no frustum command) files draw one: the
#: pyramid on ABCD with apex (2,2,6) cut at half its height.
FRUSTUM = ("A=(0,0,0)", "B=(4,0,0)", "C=(4,4,0)", "D=(0,4,0)", "E=(1,1,3)", "F=(3,1,3)", "G=(3,3,3)", "H=(1,3,3)") + tuple(
    f"{label}=Polygon({','.join(face)})"
    for label, face in (("b", "ABCD"), ("t", "EFGH"), ("s_1", "ABFE"), ("s_2", "BCGF"), ("s_3", "CDHG"), ("s_4", "DAEH"))
)
#: A cone's frustum drawn by its two rims (R = 4, r = 1, h = 4), and GeoGebra's measure of it:
#: its cone less the one cut off, the apex where the side closes up.
CONE_FRUSTUM = ("O=(0,0,0)", "Q=(0,0,4)", "c=Circle(O,4,Vector((0,0,1)))", "d=Circle(Q,1,Vector((0,0,1)))")
CONE_APEX = "O+(Q-O)*Radius(c)/(Radius(c)-Radius(d))"
FRUSTUM_VOLUME = "Volume(Pyramid(A,B,C,D,Intersect(Line(A,E),Line(B,F))))-Volume(Pyramid(E,F,G,H,Intersect(Line(A,E),Line(B,F))))"


def value(commands: tuple[str, ...], target: str) -> sympy.Expr:
    return evaluate(Construction(commands, target)).target


@pytest.mark.parametrize(
    ("commands", "target", "expected"),
    [
        (CUBOID, "Volume(k)", 60),
        (CUBOID, "Net(k,1)", 2 * (12 + 20 + 15)),
        (CUBOID, "Distance(A,(4,3,5))", 5 * sympy.sqrt(2)),  # the space diagonal √(16+9+25)
        (CUBOID, "Height(k)", 5),
        (PYRAMID, "Volume(k)", 16),
        (PYRAMID, "Distance(P,B)", sympy.sqrt(17)),  # lateral edge √(4+4+9)
        (PYRAMID, "Distance(P,Midpoint(B,C))", sympy.sqrt(13)),  # slant height √(4+9)
        (PYRAMID, "Net(k,1)", 16 + 8 * sympy.sqrt(13)),
        (("A=(0,0,0)", "B=(2,0,0)", "c=Cube(A,B)"), "Volume(c)", 8),
        (("A=(0,0,0)", "B=(3,0,0)", "t=Tetrahedron(A,B)"), "Volume(t)", 9 * sympy.sqrt(2) / 4),  # a³/(6√2)
        (("O=(0,0,0)", "O_1=(0,0,4)", "k=Cylinder(O,O_1,3)"), "Volume(k)", 36 * sympy.pi),
        (("O=(0,0,0)", "O_1=(0,0,4)", "k=Cylinder(O,O_1,3)"), "Side(k)+2*Area(Top(k))", 42 * sympy.pi),
        (("O=(0,0,0)", "P=(0,0,4)", "k=Cone(O,P,3)"), "Side(k)", 15 * sympy.pi),  # πrl, l = 5
        (("O=(0,0,0)", "P=(0,0,4)", "k=Cone(O,P,3)"), "Volume(k)", 12 * sympy.pi),
        (("O=(1,2,3)", "s=Sphere(O,3)"), "Volume(s)", 36 * sympy.pi),
        (("O=(0,0,0)", "A=(1,2,2)", "s=Sphere(O,A)"), "Radius(s)", 3),
        # A cube's corner to the plane through its three neighbours: a√3/3.
        (("A=(0,0,0)", "B=(3,0,0)", "C=(0,3,0)", "D=(0,0,3)"), "Distance(A,Plane(B,C,D))", sympy.sqrt(3)),
        # A space diagonal and the base: tan θ = 1/√2.
        (
            ("A=(0,0,0)", "G=(1,1,1)", "g=Line(A,G)", "p=Plane((0,0,0),(1,0,0),(0,1,0))"),
            "Angle(g,p)",
            sympy.atan(1 / sympy.sqrt(2)),
        ),
        # The skew edges AE and BC of a unit cube's diagonal and a face: 1/√6.
        (("A=(0,0,0)", "E=(1,1,1)", "B=(1,0,0)", "C=(0,1,0)"), "Distance(Line(A,E),Line(B,C))", 1 / sympy.sqrt(6)),
        # Two planes through the x axis, at 45° and at 135° (between their normals, as GeoGebra).
        ((), "Angle(Plane((0,0,0),(1,0,0),(0,1,0)),Plane((0,0,0),(1,0,0),(0,1,1)))", sympy.pi / 4),
        # The section of a cube of edge 2 through the three corners next to A: equilateral, side 2√2.
        (("A=(0,0,0)", "B=(2,0,0)", "c=Cube(A,B)"), "Area(Intersect(c,Plane((2,0,0),(0,2,0),(0,0,2))))", 2 * sympy.sqrt(3)),
        (CUBOID, "Distance((1,1,9),Segment(A,A_1))", sympy.sqrt(2 + 16)),  # past the segment's end
        (CUBOID, "z(ClosestPoint(Plane(A,B,C),(1,1,7)))", 0),
        (FRUSTUM, FRUSTUM_VOLUME, 28),  # ⅓·3·(16 + 4 + √64)
        (CONE_FRUSTUM, f"Volume(Cone(O,{CONE_APEX},Radius(c)))-Volume(Cone(Q,{CONE_APEX},Radius(d)))", 28 * sympy.pi),
        (CONE_FRUSTUM, f"Side(Cone(O,{CONE_APEX},Radius(c)))-Side(Cone(Q,{CONE_APEX},Radius(d)))", 25 * sympy.pi),
        (("A=(1,2)", "B=(2,4,2)"), "Distance(A,B)", 3),  # a point of the plane lies in z = 0, as in GeoGebra
        (("c=Circle((0,0,0),4,xOyPlane)",), "x(Intersect(xAxis,c,2))", -4),  # GeoGebra's second: from the far end
        (("A=(0,0,0)",), "CircleArc(A,(3,0,0),(0,3,0))", 3 * sympy.pi / 2),  # an arc's value is its length
        (("A=(0,0,0)", "B=(0,-3,0)"), "x(Vertex(Polygon(A,B,4,xOyPlane),3))", 3),
        # a sphere's section: r² = R² − d²; two planes' line
        (("O=(0,0,0)", "s=Sphere(O,5)", "c=Intersect(s,Plane((0,0,3),(1,0,3),(0,1,3)))"), "Radius(c)", 4),
        ((), "Distance((0,0,0),Intersect(Plane((0,0,1),(1,0,1),(0,1,1)),Plane((0,2,0),(1,2,0),(0,2,1))))", sympy.sqrt(5)),
    ],
)
def test_space_values_agree_with_answers_worked_by_hand(commands, target, expected):
    got = value(commands, target)
    assert abs(sympy.N(got - expected, 40)) < 1e-30, got


@pytest.mark.parametrize(
    ("commands", "problem"),
    [
        (("A=(0,0,0)", "B=(2,0,1)", "c=Cube(A,B)"), "different heights"),
        (("A=(0,0,0)", "B=(1,0,0)", "C=(2,0,0)", "D=(0,0,1)", "k=Prism(A,B,C,D)"), "one line"),
        (("A=(0,0,0)", "B=(1,0,0)", "C=(0,1,0)", "D=(0,1,0)", "k=Pyramid(A,B,C,D)"), "apex"),
        (("O=(0,0,0)", "k=Cylinder(O,O,2)"), "height or radius zero"),
        (("A=(0,0,0)", "B=(1,0,0)", "C=(0,1,0)", "D=(1,1,1)", "q=Polygon(A,B,C,D)"), "not in one plane"),
        (("p=Plane((0,0,0),(1,0,0),(0,1,0))", "q=Plane((0,0,1),(1,0,1),(0,1,1))", "g=Intersect(p,q)"), "parallel planes"),
        (("O=(0,0,0)", "s=Sphere(O,2)", "p=Plane((0,0,3),(1,0,3),(0,1,3))", "c=Intersect(s,p)"), "does not cut"),
        (("O=(0,0,0)", "k=Cylinder(O,(0,0,2),1)", "r=Radius(k)"), "no Radius"),
    ],
)
def test_impossible_solids_are_named_errors(commands, problem):
    with pytest.raises(ConstructionError, match=problem):
        evaluate(Construction(commands, "1"))


def _hidden_edges(commands: tuple[str, ...]) -> set[frozenset[tuple[float, float]]]:
    drawing = space_picture(Construction(commands, "1"))
    assert drawing is not None
    return {
        frozenset(((round(s["x1"], 6), round(s["y1"], 6)), (round(s["x2"], 6), round(s["y2"], 6))))
        for s in drawing.segments
        if s["hidden"]
    }


def test_a_cuboid_in_cabinet_projection_dashes_exactly_the_three_edges_at_its_hidden_corner():
    drawing = space_picture(Construction(CUBOID + ("D_1=(0,3,5)",), "1"))
    assert drawing is not None and len(drawing.segments) == 12
    d = next(p for p in drawing.points if p["label"] == "D")
    dashed = [s for s in drawing.segments if s["hidden"]]
    assert len(dashed) == 3
    assert all(
        (round(s["x1"], 9), round(s["y1"], 9)) == (round(d["x"], 9), round(d["y"], 9))
        or (round(s["x2"], 9), round(s["y2"], 9)) == (round(d["x"], 9), round(d["y"], 9))
        for s in dashed
    )


def test_a_space_diagonal_inside_the_solid_is_dashed_and_a_face_diagonal_in_front_is_not():
    drawing = space_picture(
        Construction(CUBOID + ("C_1=(4,3,5)", "d=Segment(A,C_1)", "f=Segment(A,(4,0,5))"), "1", style={"dashed": ["d"]})
    )
    assert drawing is not None
    pieces = {round(s["x2"], 6): s for s in drawing.segments if s["auxiliary"]}
    assert len(pieces) == 1 and next(iter(pieces.values()))["hidden"]
    front = [s for s in drawing.segments if (round(s["x2"], 6), round(s["y2"], 6)) == (4.0, 5.0) and round(s["x1"], 6) == 0.0]
    assert front and not any(s["hidden"] for s in front)


def test_a_solid_drawn_face_by_face_is_found_with_its_volume_and_hides_what_lies_behind_it():
    objects = evaluate(Construction(FRUSTUM + ("d=Polygon(A,C,G,E)",), "1")).objects  # with a section drawn inside
    ((label, frustum),) = drawn_solids(objects).items()
    assert (label, frustum.shape, frustum.volume, frustum.height) == ("b", "frustum", 28, 3)
    # the three edges at D, the corner behind, are dashed, as a solid's are
    assert len(_hidden_edges(FRUSTUM)) == 3
    # the same faces as a pyramid's and a prism's are those solids; an open box is none
    pyramid = ("A=(0,0,0)", "B=(4,0,0)", "C=(0,4,0)", "P=(0,0,3)", "f=Polygon(A,B,C)", "g=Polygon(A,B,P)")
    pyramid += ("h=Polygon(B,C,P)", "i=Polygon(C,A,P)")
    assert [(s.shape, s.volume) for s in drawn_solids(evaluate(Construction(pyramid, "1")).objects).values()] == [("pyramid", 8)]
    box = ("A=(0,0,0)", "B=(2,0,0)", "C=(2,2,0)", "D=(0,2,0)", "E=(1,0,3)", "F=(3,0,3)", "G=(3,2,3)", "H=(1,2,3)")
    sides = ("ABCD", "EFGH", "ABFE", "BCGF", "CDHG", "DAEH")
    faces = tuple(f"{n}=Polygon({','.join(f)})" for n, f in zip("pqrstu", sides, strict=True))
    found = drawn_solids(evaluate(Construction(box + faces, "1")).objects).values()
    assert [(s.shape, s.volume) for s in found] == [("prism", 12)]
    assert drawn_solids(evaluate(Construction(box + faces[1:], "1")).objects) == {}
    # a solid a command makes is not found again from its faces
    assert drawn_solids(evaluate(Construction(pyramid + ("k=Pyramid(A,B,C,P)",), "1")).objects) == {}


def test_a_cone_frustum_drawn_by_its_rims_is_a_solid_outlined_as_one():
    ((label, frustum),) = drawn_solids(evaluate(Construction(CONE_FRUSTUM, "1")).objects).items()
    assert (label, frustum.shape, frustum.number(), frustum.slant) == ("c", "cone-frustum", 28 * sympy.pi, 5)
    drawing = space_picture(Construction(CONE_FRUSTUM + ("h=Segment(O,Q)",), "1"))
    assert drawing is not None
    assert len([s for s in drawing.segments if not s["hidden"]]) == 2  # the two sides on the page
    assert (
        any(a["hidden"] for a in drawing.arcs) and sum(not a["hidden"] for a in drawing.arcs) >= 2
    )  # rims, the base's back dashed
    assert all(s["hidden"] for s in drawing.segments if s["x1"] == s["x2"])  # the axis inside


def test_a_vector_in_space_is_drawn_as_an_arrow_from_its_first_point():
    drawing = space_picture(Construction(("A=(1,0,0)", "B=(1,0,3)", "u=Vector(A,B)", "v=Vector((0,2,0))"), "1"))
    assert drawing is not None
    assert sorted(p["label"] for p in drawing.points) == ["A", "B"]  # a vector is no point
    shafts = [s for s in drawing.segments if (round(s["x1"], 9), round(s["y1"], 9)) == (1.0, 0.0)]
    assert len(shafts) == 1 and round(shafts[0]["y2"], 9) == 3.0  # u from A up to B
    assert len(drawing.segments) == 2 * 3  # each a shaft and two strokes of its head


def test_a_cylinder_is_two_ellipses_and_two_sides_with_the_back_of_its_base_dashed():
    drawing = space_picture(Construction(("O=(0,0,0)", "O_1=(0,0,5)", "k=Cylinder(O,O_1,3)"), "1"))
    assert drawing is not None
    assert len(drawing.segments) == 2 and not any(s["hidden"] for s in drawing.segments)
    assert sorted(round(s["x1"], 6) for s in drawing.segments) == [-3.0, 3.0]
    dashed = [a for a in drawing.arcs if a["hidden"]]
    assert len(dashed) == 1 and dashed[0]["cy"] == 0.0  # the base's back half; the top is seen whole
    assert abs((dashed[0]["t1"] - dashed[0]["t0"]) - 3.14159) < 0.05


def test_a_plane_figure_has_no_space_picture():
    assert space_picture(Construction(("A=(0,0)", "B=(1,0)", "C=(0,1)", "t=Polygon(A,B,C)"), "Area(t)")) is None


# --- GeoGebra ---------------------------------------------------------------------------------

try:
    from variantgen.render import RenderSetupError, find_browser, find_bundle

    find_browser(), find_bundle()
    MISSING = None
except (ImportError, RenderSetupError) as exc:
    MISSING = f"rendering is not installed ({exc}); run ./install.sh"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    if MISSING:
        pytest.skip(MISSING)
    from variantgen.render import PoolOptions

    with started_renderer(options=PoolOptions(pages=1, width=400, height=300), cache=tmp_path_factory.mktemp("cache")) as r:
        yield r


@pytest.mark.browser
@pytest.mark.parametrize(
    ("commands", "target"),
    [
        (CUBOID, "Volume(k)"),
        (CUBOID, "Net(k,1)"),
        (PYRAMID, "Net(k,1)"),
        (("A=(1,1,0)", "B=(1,4,0)", "c=Cube(A,B)"), "Volume(c)"),
        (("A=(0,0,0)", "B=(2,0,0)", "C=(2,0,2)", "c=Cube(A,B,C)", "P=(1,-1,1)"), "Distance(P,A)"),
        (("A=(0,0,0)", "B=(0,3,0)", "t=Tetrahedron(A,B)"), "Net(t,1)"),
        (("A=(0,0,0)", "B=(4,0,0)", "C=(1,3,0)", "k=Prism(Polygon(A,B,C),(1,1,4))"), "Net(k,1)"),
        (("A=(0,0,0)", "B=(0,4,0)", "C=(4,0,0)", "k=Pyramid(Polygon(A,B,C),3)"), "Volume(k)"),
        (("O=(0,0,0)", "O_1=(0,0,4)", "k=Cylinder(O,O_1,3)"), "Side(k)+2*Area(Top(k))"),
        (("O=(0,0,0)", "P=(0,0,4)", "k=Cone(O,P,3)"), "Side(k)+Area(Bottom(k))"),
        (("O=(1,2,3)", "A=(2,4,5)", "s=Sphere(O,A)"), "Volume(s)"),
        (("A=(1,1,1)", "B=(0,0,0)", "C=(1,0,0)", "D=(0,1,0)"), "Angle(Line(B,A),Plane(B,C,D))"),
        (("A=(1,1,1)", "B=(0,0,0)", "C=(1,0,0)"), "Angle(A,B,C)"),
        ((), "Angle(Plane((0,0,0),(1,0,0),(0,1,0)),Plane((0,0,0),(0,1,0),(1,0,1)))"),
        (("A=(0,0,0)", "E=(1,1,1)", "B=(1,0,0)", "C=(0,1,0)"), "Distance(Line(A,E),Line(B,C))"),
        (("A=(5,2,3)", "B=(0,0,0)", "C=(1,0,0)"), "Distance(A,Segment(B,C))"),
        (("A=(0,0,0)", "B=(2,0,0)", "c=Cube(A,B)"), "Area(Intersect(c,Plane((1,0,0),(2,1,0),(1,0,1))))"),
        (CUBOID, "Distance((1,2,9),Plane(A,B,A_1))"),
        (CUBOID, "x(Intersect(Line((1,1,7),(2,3,5)),Plane(A,B,C)))"),
        # What the step and visual transforms and the importer write.
        (CUBOID, "Area(A,B,(4,3,5))"),
        (CUBOID + ("F=B+(A_1-A)",), "Distance(F,C)"),
        (("O=(0,0,0)", "A=(3,0,0)", "s=Sphere(O,A)", "X=O+Radius(s)*(3/5,4/5,0)"), "Distance(A,X)"),
        (("O=(0,0,0)", "P=(0,0,4)", "k=Cone(O,P,2)", "X=O+Radius(Bottom(k))*(-4/5,3/5,0)", "Y=2*O-X"), "Area(Polygon(P,X,Y))"),
        (PYRAMID + ("O=Centroid(Polygon(A,B,C,D))",), "Distance(P,O)"),
        (PYRAMID + ("Q=ClosestPoint(Plane(A,B,C),P)",), "Distance(P,Q)+x(Q)"),
        (PYRAMID + ("M=Midpoint(B,C)",), "Net(k,1)-Area(Polygon(A,B,C,D))+Distance(P,M)"),
        # Moving and scaling in space, and circles in space (by a vector, a line or a plane).
        (CUBOID, "x(Translate(A_1,Vector((1,2,3))))+Length(Translate(Segment(A,C),Vector(A,A_1)))"),
        (CUBOID, "Volume(Dilate(k,2,A))+z(Dilate(A_1,3,C))"),
        (("O=(1,1,1)", "c=Circle(O,2,Vector((0,0,1)))", "d=Circle(O,3,Line((0,0,0),(1,0,0)))"), "Area(c)+Radius(d)"),
        (CUBOID + ("e=Circle(C,2,Plane(A,B,A_1))",), "Circumference(e)+x(Center(e))"),
        (CUBOID + ("G=(4,3,5)",), "cos(Angle(Line(A,G),Plane(A,B,C)))+tan(Angle(Line(B,G),Plane(A,B,C)))"),
        # A dihedral angle as the angle of the perpendiculars to its edge, acute and obtuse
        (PYRAMID, "tan(Angle(Vector(ClosestPoint(Line(B,C),P),P),Vector(ClosestPoint(Line(B,C),A),A)))"),
        (PYRAMID + ("Q=(2,-2,-3)",), "Angle(Vector(ClosestPoint(Line(A,B),Q),Q),Vector(ClosestPoint(Line(A,B),C),C))"),
        # A frustum's volume and surface, as questions ask GeoGebra for them.
        (FRUSTUM, FRUSTUM_VOLUME),
        (CONE_FRUSTUM, f"Volume(Cone(O,{CONE_APEX},Radius(c)))-Volume(Cone(Q,{CONE_APEX},Radius(d)))"),
        (CONE_FRUSTUM, f"Side(Cone(O,{CONE_APEX},Radius(c)))-Side(Cone(Q,{CONE_APEX},Radius(d)))+Area(c)+Area(d)"),
        (FRUSTUM, "Area(Polygon(A,B,C,D))+Area(Polygon(E,F,G,H))+Area(Polygon(A,B,F,E))+Area(Polygon(B,C,G,F))"),
        # what files drawn by hand in the 3D view use
        (("A=(1,2)", "B=(2,4,2)"), "Distance(A,B)"),
        (("O=(0,0,0)", "s=Sphere(O,5)"), "Radius(Intersect(s,Plane((0,0,3),(1,0,3),(0,1,3))))"),
        (("A=(3,0,0)", "B=(0,0,4)", "C=(0,2,0)"), "Radius(Circle(A,B,C))"),
        (("c=Circle(zAxis,(3,4,1))",), "Volume(Cylinder(c,2))"),
        (("E=(2,3,-5)",), "Distance((4,6,-10),Ray(E,(0,0,0)))+Distance((0,0,0),Line(E,zAxis))"),
        # what the We-Math site's 3D files use: a circle's points on an axis, arcs, regular polygons
        # in a plane, reflections in space
        (("c=Circle((0,0,0),4,xOyPlane)",), "x(Intersect(xAxis,c,2))+2*y(Intersect(yAxis,c,1))"),
        (("s=Sphere((0,0,0),5)",), "y(Intersect(Line((0,0,0),(3,4,0)),s,2))"),
        (("A=(0,0,0)",), "Length(CircleArc(A,(3,0,0),(0,3,1)))"),
        (("A=(0,0,0)", "B=(0,-3,0)"), "x(Vertex(Polygon(A,B,4,xOyPlane),3))+Area(Polygon(A,B,4,xOyPlane))"),
        (("C=(1,2,3)", "B=(0,1,0)"), "z(Mirror(C,B))+x(Mirror(C,Plane((0,0,0),(0,1,0),(0,0,1))))"),
        (("u=Vector((1,2,3))", "v=Vector((0,1,4))"), "z(u ⊗ v)+u^2"),
        ((), "Distance((1,1,1),Plane((0,0,2),xOyPlane))+Distance((1,1,1),PerpendicularPlane((0,0,3),zAxis))"),
    ],
)
def test_geogebra_agrees_on_solids(renderer, commands, target):
    drawn = renderer.render(Construction(commands or ("O=(0,0,0)",), target))
    assert drawn.agrees, drawn.detail


@pytest.mark.browser
def test_a_solid_is_drawn_with_its_labels_and_dashes(renderer):
    """The picture is GeoGebra's drawing of the projection: dark lines, and the .ggb keeps the
    solid itself (a prism GeoGebra can open and turn in its 3D view)."""
    import io
    import zipfile

    from PIL import Image, ImageStat

    drawn = renderer.render(Construction(CUBOID + ("B_1=(4,0,5)", "C_1=(4,3,5)", "D_1=(0,3,5)"), "Volume(k)"))
    assert drawn.agrees
    with Image.open(io.BytesIO(drawn.png)) as image:
        dark = sum(ImageStat.Stat(image.convert("L").point(lambda v: 255 if v < 128 else 0)).sum) / 255
    assert dark > 1500  # twelve edges and eight labelled corners, not an empty page
    xml = zipfile.ZipFile(io.BytesIO(drawn.ggb)).read("geogebra.xml").decode()
    assert 'command name="Prism"' in xml and "VgPoint" in xml


@pytest.mark.browser
def test_a_solid_imported_from_geogebra_is_drawn_and_agrees(renderer):
    from pathlib import Path

    from variantgen.construction.ggb import read_ggb

    figure = read_ggb(Path(__file__).parent / "data" / "solids.ggb")
    drawn = renderer.render(figure.construction("Volume(k)+Volume(q)+Side(c)+Volume(b)"))
    assert drawn.agrees, drawn.detail


def test_a_solid_drawn_as_segments_keeps_the_dashes_its_author_gave():
    """A tetrahedron drawn as six segments has no solid to hide lines: the one the file draws
    dashed is its hidden edge, drawn dashed in black (not as an auxiliary line)."""
    commands = ("A=(0,0,0)", "B=(4,0,0)", "C=(0,4,0)", "D=(1,1,4)")
    commands += ("a=Segment(A,B)", "b=Segment(B,C)", "c=Segment(C,A)", "d=Segment(A,D)", "e=Segment(B,D)", "f=Segment(C,D)")
    drawing = space_picture(Construction(commands, "1", style={"dashed": ["c"]}))
    assert drawing is not None
    assert [s["hidden"] for s in drawing.segments] == [False, False, True, False, False, False]
    assert not any(s["auxiliary"] for s in drawing.segments)


def test_a_circle_in_space_is_drawn_as_an_ellipse_and_a_rim_only_once():
    free = space_picture(Construction(("O=(0,0,0)", "c=Circle(O,2,Vector((0,0,1)))"), "1"))
    assert free is not None and len(free.arcs) == 1 and not free.arcs[0]["hidden"]
    rim = space_picture(Construction(("O=(0,0,0)", "P=(0,0,3)", "k=Cylinder(O,P,2)", "d=Bottom(k)"), "1"))
    assert rim is not None and len(rim.arcs) == 3  # the base's seen and hidden halves, and the top


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "target"),
    [("tetrahedron.ggb", "Volume(t)"), ("cube-section.ggb", "Area(s_1)"), ("prism-on-polygon.ggb", "Net(k,1)")],
)
def test_geogebra_agrees_on_solids_it_saved(renderer, name, target):
    from pathlib import Path

    from variantgen.construction.ggb import read_ggb

    drawn = renderer.render(read_ggb(Path(__file__).parent / "data" / name).construction(target))
    assert drawn.agrees, drawn.detail

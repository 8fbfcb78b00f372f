"""Importing GeoGebra 5 files: small files written by the tests, and the We-Math samples when present."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sympy
from click.testing import CliRunner
from helpers import SHARED, write_jsonl

from variantgen.cli import main
from variantgen.construction import evaluate
from variantgen.construction.ggb import GgbImportError, read_ggb
from variantgen.io.seeds import read_seeds
from variantgen.render.solid import space_picture

SAMPLES = SHARED / "data" / "wemath-ggb-samples"

# A triangle, a circle through B about A, and the two points where line BC meets the circle.
# GeoGebra stored the solution with the larger x as the first output: the importer must follow
# the stored coordinates, not its own numbering.
CONSTRUCTION = """
<element type="point" label="A"><show object="true" label="true"/><coords x="0.0" y="0.0" z="1.0"/></element>
<element type="point" label="B"><show object="true" label="true"/><coords x="8.0" y="0.0" z="2.0"/></element>
<expression label="C" exp="(0, 3)" type="point"/>
<element type="point" label="C"><show object="true" label="true"/><coords x="0.0" y="3.0" z="1.0"/></element>
<command name="Polygon"><input a0="A" a1="B" a2="C"/><output a0="t1" a1="c" a2="a" a3="b"/></command>
<element type="polygon" label="t1"><objColor r="153" g="51" b="0" alpha="0.25"/></element>
<element type="segment" label="c"><show object="true" label="false"/></element>
<element type="segment" label="a"><show object="true" label="false"/><lineStyle thickness="5" type="15"/></element>
<element type="segment" label="b"><show object="true" label="false"/></element>
<command name="Circle"><input a0="A" a1="B"/><output a0="k"/></command>
<element type="conic" label="k"><show object="true" label="false"/></element>
<command name="Line"><input a0="B" a1="C"/><output a0="g"/></command>
<element type="line" label="g"><show object="false" label="false"/></element>
<command name="Intersect"><input a0="k" a1="g"/><output a0="P_{1}" a1="P_{2}"/></command>
<element type="point" label="P_{1}"><coords x="4.0" y="0.0" z="1.0"/></element>
<element type="point" label="P_{2}"><coords x="-1.12" y="3.84" z="1.0"/></element>
<expression label="text1" exp="&quot;AB=4&quot;"/>
<element type="text" label="text1"><show object="true" label="true"/><startPoint x="1.5" y="-0.5" z="1.0"/></element>
"""

VIEW = """<euclidianView><size width="800" height="600"/>
<coordSystem xZero="400" yZero="300" scale="50" yscale="50"/></euclidianView>"""


def write_ggb(path: Path, construction: str = CONSTRUCTION, view: str = VIEW) -> Path:
    body = f"{view}<construction>{construction}</construction>"
    xml = f'<?xml version="1.0" encoding="utf-8"?><geogebra format="5.0">{body}</geogebra>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("geogebra.xml", xml)
    return path


def test_a_figure_imports_with_its_commands_style_and_view(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "fig.ggb"))
    assert figure.commands[:5] == ["A=(0,0)", "B=(4,0)", "C=(0,3)", "t1=Polygon(A,B,C)", "c=Segment(A,B)"]
    assert "a=Segment(B,C)" in figure.commands and "b=Segment(C,A)" in figure.commands
    assert figure.view == {"xmin": -8.0, "xmax": 8.0, "ymin": -6.0, "ymax": 6.0}
    style = figure.style
    assert style["hidden"] == ["g"] and "a" in style["dashed"] and style["filled"] == ["t1"]
    assert style["colors"]["t1"] == "#993300"
    assert style["texts"] == [{"label": "text1", "text": "AB=4", "x": 1.5, "y": -0.5}]


def test_several_solutions_follow_where_geogebra_drew_them(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "fig.ggb"))
    objects = evaluate(figure.construction("0")).objects
    assert (objects["P_1"].x, objects["P_1"].y) == (4, 0)
    assert float(objects["P_2"].x) == pytest.approx(-1.12) and float(objects["P_2"].y) == pytest.approx(3.84)


def test_a_target_makes_it_a_construction_that_evaluates_exactly(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "fig.ggb"))
    assert evaluate(figure.construction("Perimeter(t1)")).target == 12


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('<element type="surfacecartesian3d" label="Q"></element>', "surfaces given by formulas"),
        ('<expression label="e" exp="x^(2) + x*y + y^(2) = 1" type="conic"/>', "no axis-parallel ellipse"),
    ],
)
def test_unsupported_objects_are_named(tmp_path, content, reason):
    with pytest.raises(GgbImportError, match=reason) as error:
        read_ggb(write_ggb(tmp_path / "odd.ggb", content))
    assert "odd.ggb" in str(error.value)


def test_a_free_point_in_space_is_read_from_its_homogeneous_coordinates(tmp_path):
    figure = read_ggb(
        write_ggb(tmp_path / "p.ggb", '<element type="point3d" label="Q"><coords x="2" y="4" z="6" w="2"/></element>')
    )
    assert figure.commands == ["Q=(1,2,3)"]


def test_a_solid_geogebra_saved_imports_with_its_corners_and_without_its_faces():
    """tests/data/solids.ggb was made by GeoGebra 5.4.916 in the browser: a cuboid by Prism(A,B,C,D,E)
    with a pyramid roof on its top face, a space diagonal, a cylinder and a sphere."""
    from variantgen.render.solid import space_picture

    figure = read_ggb(Path(__file__).parent / "data" / "solids.ggb")
    assert figure.view is None  # the plane view's window says nothing of a figure in space
    assert {"k=Prism(A,B,C,D,E)", "F=B+(E-A)", "G=C+(E-A)", "q=Pyramid(E,F,G,H,P)", "d=Bottom(c)", "a=Side(c)"} <= set(
        figure.commands
    )
    assert not any(c.startswith(("face", "edge")) for c in figure.commands)
    construction = figure.construction("Volume(k)+Volume(q)+Side(c)")
    assert evaluate(construction).target == 60 + 12 + 16 * sympy.pi
    drawing = space_picture(construction)
    assert drawing is not None and any(s["hidden"] for s in drawing.segments)
    assert {p["label"] for p in drawing.points} >= set("ABCDEFGHMPOQRU")


@pytest.mark.parametrize(
    ("equation", "command", "eccentricity"),
    [
        ("x^(2) / 25 + y^(2) / 9 = 1", "Ellipse((-4,0),(4,0),5)", sympy.Rational(4, 5)),
        ("9x^(2) + 25y^(2) - 225 = 0", "Ellipse((-4,0),(4,0),5)", sympy.Rational(4, 5)),
        ("x^(2) / 4 - y^(2) / 12 = 1", "Hyperbola((-4,0),(4,0),2)", 2),
        ("y^(2) = 8x", "Parabola((2,0),Line((-2,0),(-2,1)))", 1),
    ],
)
def test_conics_written_as_equations_are_read_by_their_foci(tmp_path, equation, command, eccentricity):
    figure = read_ggb(
        write_ggb(
            tmp_path / "conic.ggb", f'<expression label="k" exp="{equation}" type="conic"/><element type="conic" label="k"/>'
        )
    )
    assert figure.commands == [f"k={command}"]
    assert evaluate(figure.construction("Eccentricity(k)")).target == eccentricity


LETTERED = """
<element type="point" label="A"><show object="false" label="false"/><coords x="9" y="9" z="1"/></element>
<element type="point" label="E"><show object="true" label="false"/><coords x="0" y="0" z="1"/></element>
<element type="point" label="C"><show object="true" label="false"/><coords x="4" y="0" z="1"/></element>
<element type="point" label="D"><show object="true" label="false"/><coords x="0" y="3" z="1"/></element>
<command name="Polygon"><input a0="E" a1="C" a2="D"/><output a0="t1" a1="c" a2="a" a3="b"/></command>
<element type="polygon" label="t1"/><element type="segment" label="c"/>
<element type="segment" label="a"/><element type="segment" label="b"/>
<expression label="text1" exp="&quot;A&quot;"/>
<element type="text" label="text1"><show object="true"/><startPoint x="-0.3" y="-0.3" z="1"/></element>
<expression label="text2" exp="&quot;B&quot;"/>
<element type="text" label="text2"><show object="true"/><startPoint x="4.2" y="-0.3" z="1"/></element>
<expression label="text3" exp="&quot;C&quot;"/>
<element type="text" label="text3"><show object="true"/><startPoint x="-0.3" y="3.2" z="1"/></element>
<expression label="text4" exp="&quot;AB=4&quot;"/>
<element type="text" label="text4"><show object="true"/><startPoint x="5" y="2" z="1"/></element>
"""


def test_letters_written_beside_points_become_their_names(tmp_path):
    """A third of the We-Math files hide the labels and write the letters as texts: the question
    says A, B, C, so the figure's points must be A, B, C (a hidden point that held a name gets another)."""
    figure = read_ggb(write_ggb(tmp_path / "lettered.ggb", LETTERED))
    assert figure.commands[:4] == ["P=(9,9)", "A=(0,0)", "B=(4,0)", "C=(0,3)"]
    assert "t1=Polygon(A,B,C)" in figure.commands
    assert [t["text"] for t in figure.style["texts"]] == ["AB=4"]  # a given written beside the figure stays
    assert not {"A", "B", "C"} & set(figure.style.get("label_hidden", []))
    assert evaluate(figure.construction("Distance(A,B)")).target == 4


DRAWN_AS_PEOPLE_DO = """
<expression label="f" exp="y = 4" type="line"/>
<element type="line" label="f"><show object="true" label="false"/></element>
<expression label="g" exp="g(t) = t^2 - 1" type="function"/>
<element type="function" label="g"><show object="true" label="true"/></element>
<element type="point" label="A"><show object="true" label="true"/><coords x="-2" y="0" z="1"/></element>
<element type="point" label="B"><show object="true" label="true"/><coords x="2" y="0" z="1"/></element>
<command name="Semicircle"><input a0="A" a1="B"/><output a0="s"/></command>
<element type="conic" label="s"/>
<command name="Polygon"><input a0="A" a1="B" a2="(0,3)"/><output a0="t"/></command>
<element type="polygon" label="t"/>
<command name="PointIn"><input a0="t"/><output a0="Q"/></command>
<element type="point" label="Q"><show object="true" label="true"/><coords x="0.5" y="1" z="1"/></element>
<expression label="text1" exp="&quot;f(x) = \\frac{1}{2} x^2&quot;"/>
<element type="text" label="text1"><show object="true"/><isLaTeX val="true"/><startPoint x="5" y="5" z="1"/></element>
"""


def test_lines_functions_arcs_and_latex_as_files_write_them(tmp_path):
    """``f: y = 4``, ``g(t) = …``, ``Semicircle``, ``PointIn`` and a LaTeX text, as site files hold them."""
    figure = read_ggb(write_ggb(tmp_path / "drawn.ggb", DRAWN_AS_PEOPLE_DO))
    assert "f=Line((0,4),(1,4))" in figure.commands and "g(x)=x^2-1" in figure.commands
    assert "s=Semicircle(A,B)" in figure.commands and "Q=(0.5,1)" in figure.commands
    assert figure.style["texts"][0]["text"] == "f(x) = 1/2 x^2"
    assert evaluate(figure.construction("Length(s)")).target == 2 * sympy.pi
    assert evaluate(figure.construction("g(3)")).target == 8


def test_a_file_that_is_not_geogebra_is_named(tmp_path):
    bad = tmp_path / "bad.ggb"
    bad.write_text("hello")
    with pytest.raises(GgbImportError, match="bad.ggb: not a GeoGebra file"):
        read_ggb(bad)


def test_files_too_large_for_a_school_figure_are_refused_without_reading_them_whole(tmp_path, monkeypatch):
    from variantgen.construction import ggb

    monkeypatch.setattr(ggb, "MAX_XML_BYTES", 4096)
    padding = "<!--" + "x" * 8192 + "-->"
    with pytest.raises(GgbImportError, match="larger than"):
        read_ggb(write_ggb(tmp_path / "big.ggb", CONSTRUCTION + padding))
    monkeypatch.undo()
    many = "".join(f'<element type="point" label="P{i}"><coords x="{i}" y="0" z="1"/></element>' for i in range(2001))
    with pytest.raises(GgbImportError, match="2001 objects; at most 2000"):
        read_ggb(write_ggb(tmp_path / "many.ggb", many))


def test_import_ggb_prints_one_json_line_per_file(tmp_path):
    good, bad = write_ggb(tmp_path / "fig.ggb"), tmp_path / "bad.ggb"
    bad.write_text("hello")
    result = CliRunner().invoke(main, ["import-ggb", str(good), str(bad)])
    assert result.exit_code == 3
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["evaluates"] is True and first["construction"]["commands"][0] == "A=(0,0)"
    assert "error" in second and "bad.ggb" in second["error"]


def test_a_seed_names_a_ggb_file_and_a_target(tmp_path):
    write_ggb(tmp_path / "fig.ggb")
    seed = {"id": "g1", "question": "In triangle ABC, AB = 4 and AC = 3 with a right angle at A. Find the perimeter.",
            "answer": "12", "ggb": "fig.ggb", "target": "Perimeter(t1)"}  # fmt: skip
    no_target = {**seed, "id": "g2"}
    del no_target["target"]
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [seed, no_target])
    good, bad = read_seeds(seeds)
    assert good.problem is not None and good.problem.construction.target == "Perimeter(t1)"
    assert bad.error is not None and bad.error.field == "target"


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared/data is not present")
def test_every_we_math_sample_imports_and_evaluates():
    files = sorted(SAMPLES.glob("*.ggb"))
    assert len(files) == 24
    for path in files:
        figure = read_ggb(path)
        evaluate(figure.construction("0"))
        assert figure.view is not None


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [
        # Tetrahedron(A, B) saved as Tetrahedron(A, B, C), C at GeoGebra's 2.598076…: read as 3√3/2
        ("tetrahedron.ggb", "Volume(t)", 9 * sympy.sqrt(2) / 4),
        # the base polygon written again after the prism built on it
        ("prism-on-polygon.ggb", "Volume(k)", 30),
        # a plane's section of a cube, with its corners and sides as GeoGebra made them
        ("cube-section.ggb", "Area(s_1)", 8 * sympy.sqrt(5)),
    ],
)
def test_solids_geogebra_saved_import_and_evaluate_exactly(name, target, expected):
    """Files made in GeoGebra 5.4.916 (the browser) with the commands the We-Math site's 3D files use."""
    figure = read_ggb(Path(__file__).parent / "data" / name)
    assert evaluate(figure.construction(target)).target == expected


ASYMPTOTES = """
<expression label="h" exp="x^2/9 - y^2/16 = 1" type="conic"/>
<element type="hyperbola" label="h"><show object="true" label="false"/></element>
<command name="Asymptote"><input a0="h"/><output a0="f" a1="g"/></command>
<element type="line" label="f"><show object="true" label="false"/><coords x="-4.0" y="3.0" z="0.0"/></element>
<element type="line" label="g"><show object="true" label="false"/><coords x="-4.0" y="-3.0" z="0.0"/></element>
<command name="Directrix"><input a0="h"/><output a0="d_{1}" a1="d_{2}"/></command>
<element type="line" label="d_{1}"><coords x="1.0" y="0.0" z="-1.8"/></element>
<element type="line" label="d_{2}"><coords x="1.0" y="0.0" z="1.8"/></element>
"""


def test_a_hyperbolas_asymptotes_and_directrices_are_the_lines_the_file_stores(tmp_path):
    """GeoGebra writes both asymptotes (both directrices) as outputs of one command, in its own
    order; each is read as the line its element stores (−4x + 3y = 0, x = 9/5)."""
    figure = read_ggb(write_ggb(tmp_path / "asymptotes.ggb", ASYMPTOTES))
    assert "f=Line((0,0),(1,4/3))" in figure.commands and "g=Line((0,0),(1,-4/3))" in figure.commands
    assert "d_1=Line((9/5,0),(9/5,1))" in figure.commands and "d_2=Line((-9/5,0),(-9/5,1))" in figure.commands
    assert evaluate(figure.construction("Distance((5,0),f)")).target == 4


# What files saved by older GeoGebra versions, and drawn by hand in the 3D view, write: commands in
# square brackets, points on the built-in axes (plane points among objects in space), xOyPlane,
# a plane by its equation, OrthogonalPlane, a cylinder on a circle about the z axis, a circle
# through three points, v^2 and the cross product ⊗, labels with braces inside an expression.
OLD_STYLE_3D = """
<command name="Point"><input a0="xAxis"/><output a0="A"/></command>
<element type="point" label="A"><coords x="3" y="0" z="1"/></element>
<command name="Point"><input a0="zAxis"/><output a0="B"/></command>
<element type="point3d" label="B"><coords x="0" y="0" z="4" w="1"/></element>
<command name="PointIn"><input a0="xOyPlane"/><output a0="C_{1}"/></command>
<element type="point3d" label="C_{1}"><coords x="0" y="2" z="0" w="1"/></element>
<expression label="d" exp="Distance[A, B] + (B - C_{1})^2" type="numeric"/>
<element type="numeric" label="d"><value val="25"/></element>
<expression label="p" exp="z = -3" type="plane"/>
<element type="plane3d" label="p"><coords x="0" y="0" z="1" w="3"/></element>
<command name="OrthogonalPlane"><input a0="B" a1="zAxis"/><output a0="q"/></command>
<element type="plane3d" label="q"></element>
<command name="Circle"><input a0="zAxis" a1="A"/><output a0="c"/></command>
<element type="conic3d" label="c"></element>
<command name="Cylinder"><input a0="c" a1="2"/><output a0="k" a1="e" a2="f"/></command>
<element type="quadriclimited" label="k"></element>
<command name="Circle"><input a0="A" a1="B" a2="C_{1}"/><output a0="r"/></command>
<element type="conic3d" label="r"></element>
<expression label="n" exp="Vector[A] ⊗ Vector[B]" type="vector"/>
<element type="vector3d" label="n"></element>
"""


def test_old_files_and_3d_figures_drawn_by_hand_import_and_evaluate(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "old.ggb", OLD_STYLE_3D))
    assert "d=Distance(A,B)+(B-C_1)^2" in figure.commands and "q=PerpendicularPlane(B,zAxis)" in figure.commands
    assert "p=Plane((0,0,-3),(1,0,-3),(0,1,-3))" in figure.commands

    def value(target: str) -> sympy.Expr:
        return evaluate(figure.construction(target)).target

    assert value("d") == 5 + 20  # AB = 5 with A = (3, 0) at z = 0, and (B − C₁)² = 4 + 16
    assert value("Distance(B,p)") == 7 and value("Distance(C_1,q)") == 4
    assert value("Volume(k)") == 18 * sympy.pi  # r = 3 about the z axis, height 2
    radius = 5 * sympy.sqrt(65) / (2 * sympy.sqrt(61))  # abc / 4K: AB = 5, AC = √13, BC = √20, K = √61
    for through in ("Radius(r)", "Distance(Center(r),A)", "Distance(Center(r),B)", "Distance(Center(r),C_1)"):
        assert sympy.simplify(value(through) - radius) == 0
    assert value("z(n)") == 0 and value("y(n)") == -12  # (3, 0, 0) × (0, 0, 4)


UNDEFINED = """
<element type="point" label="A"><coords x="0" y="0" z="1"/></element>
<element type="point" label="B"><coords x="1" y="1" z="1"/></element>
<element type="point" label="C"><coords x="2" y="2" z="1"/></element>
<command name="Circle"><input a0="A" a1="B" a2="C"/><output a0="c"/></command>
<element type="conic" label="c"></element>
<command name="Center"><input a0="c"/><output a0="M"/></command>
<element type="point" label="M"></element>
<command name="Segment"><input a0="A" a1="C"/><output a0="s"/></command>
<element type="segment" label="s"></element>
"""


def test_an_object_undefined_where_the_file_was_saved_is_left_out_with_what_is_built_on_it(tmp_path):
    """GeoGebra keeps a circle through three points of a line undefined and draws nothing; so does
    the import, and says so."""
    figure = read_ggb(write_ggb(tmp_path / "undefined.ggb", UNDEFINED))
    assert figure.commands == ["A=(0,0)", "B=(1,1)", "C=(2,2)", "s=Segment(A,C)"]
    assert set(figure.undefined) == {"c", "M"} and "line" in figure.undefined["c"]
    assert figure.to_dict()["undefined"]["M"] == "built on an undefined object"


TWICE = """
<element type="point3d" label="A"><coords x="0" y="0" z="0" w="1"/></element>
<element type="point3d" label="B"><coords x="4" y="0" z="0" w="1"/></element>
<element type="point3d" label="C"><coords x="0" y="3" z="0" w="1"/></element>
<element type="point3d" label="P"><coords x="0" y="0" z="4" w="1"/></element>
<command name="Pyramid"><input a0="A" a1="B" a2="C" a3="P"/>
<output a0="k" a1="f" a2="g" a3="h" a4="i" a5="eAB" a6="eBC" a7="eCA" a8="eAP" a9="eBP" a10="eAB"/></command>
<element type="polyhedron" label="k"></element>
<element type="segment3d" label="eAB"></element>
<element type="segment3d" label="eAB"></element>
"""


def test_a_solids_edge_written_twice_is_read_once(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "twice.ggb", TWICE))
    assert evaluate(figure.construction("Volume(k)")).target == 8


def test_a_free_angle_is_read_in_degrees(tmp_path):
    """A slider for an angle (GeoGebra stores radians) is the angle it shows."""
    angle = '<element type="angle" label="α"><value val="0.7853981633974483"/></element>'
    angle += '<expression label="A" exp="(cos(α), sin(α))" type="point"/><element type="point" label="A"></element>'
    figure = read_ggb(write_ggb(tmp_path / "angle.ggb", angle))
    assert figure.commands[0] == "α=45°"
    assert evaluate(figure.construction("y(A)^2")).target == sympy.Rational(1, 2)


def test_a_line_whose_slope_and_intercept_are_sliders_is_read(tmp_path):
    line = '<element type="numeric" label="a"><value val="2"/></element>'
    line += '<element type="numeric" label="b"><value val="-1"/></element>'
    line += '<expression label="c" exp="y = a x - b" type="line"/><element type="line" label="c"></element>'
    figure = read_ggb(write_ggb(tmp_path / "slider-line.ggb", line))
    assert evaluate(figure.construction("Distance((0,1),c)")).target == 0  # y = 2x + 1 passes (0, 1)


# What the We-Math site's 3D files write: a circle's point on an axis by GeoGebra's solution number
# (the file stores where it drew it), an arc of it, a line in parametric form, a prism built on a
# regular square in the xOy plane whose face a later command uses, a point mirrored in space.
WE_MATH_3D = """
<command name="Circle"><input a0="(0, 0, 0)" a1="4" a2="xOyPlane"/><output a0="c"/></command>
<element type="conic3d" label="c"></element>
<command name="Intersect"><input a0="xAxis" a1="c" a2="1"/><output a0="A"/></command>
<element type="point3d" label="A"><coords x="-4" y="0" z="0" w="1"/></element>
<command name="Intersect"><input a0="yAxis" a1="c" a2="1"/><output a0="B"/></command>
<element type="point3d" label="B"><coords x="0" y="4" z="0" w="1"/></element>
<command name="CircleArc"><input a0="(0, 0, 0)" a1="A" a2="B"/><output a0="e"/></command>
<element type="conicpart3d" label="e"><lineStyle thickness="5" type="15"/></element>
<expression label="f" exp="X = (t, 1 - t, t)" type="line"/>
<element type="line3d" label="f"></element>
<element type="point3d" label="P"><coords x="5" y="0" z="0" w="1"/></element>
<element type="point3d" label="Q"><coords x="5" y="2" z="0" w="1"/></element>
<command name="Polygon"><input a0="P" a1="Q" a2="4" a3="xOyPlane"/>
<output a0="poly1" a1="g" a2="h" a3="i" a4="j" a5="R" a6="S"/></command>
<element type="polygon3d" label="poly1"></element>
<element type="point3d" label="R"><coords x="3" y="2" z="0" w="1"/></element>
<element type="point3d" label="S"><coords x="3" y="0" z="0" w="1"/></element>
<command name="Prism"><input a0="poly1" a1="3"/><output a0="k" a1="T" a2="U" a3="V" a4="W" a5="facePQUT"/></command>
<element type="polyhedron" label="k"></element>
<element type="point3d" label="T"><coords x="5" y="0" z="3" w="1"/></element>
<element type="point3d" label="U"><coords x="5" y="2" z="3" w="1"/></element>
<element type="point3d" label="V"><coords x="3" y="2" z="3" w="1"/></element>
<element type="point3d" label="W"><coords x="3" y="0" z="3" w="1"/></element>
<element type="polygon3d" label="facePQUT"></element>
<command name="Centroid"><input a0="facePQUT"/><output a0="M"/></command>
<element type="point3d" label="M"></element>
<command name="Mirror"><input a0="M" a1="P"/><output a0="N"/></command>
<element type="point3d" label="N"></element>
<expression label="p" exp="p: y = 1 / 2^(x)" type="function"/>
<element type="function" label="p"><show object="false" label="false"/></element>
"""


def test_the_we_math_sites_3d_files_as_they_write_them_import_and_draw(tmp_path):
    figure = read_ggb(write_ggb(tmp_path / "wm3d.ggb", WE_MATH_3D))
    commands = set(figure.commands)
    assert {"A=Intersect(xAxis,c,2)", "B=Intersect(yAxis,c,1)", "facePQUT=Polygon(P,Q,U,T)"} <= commands
    assert "f=Line(((0),1-(0),(0)),((1),1-(1),(1)))" in commands and "p(x)=1/2^(x)" in commands
    construction = figure.construction("CircleArc(O,A,B)".replace("O", "(0,0,0)"))
    assert evaluate(construction).target == 2 * sympy.pi  # a quarter of the circle of radius 4
    assert evaluate(figure.construction("Volume(k)")).target == 12
    assert evaluate(figure.construction("x(N)+z(N)")).target == sympy.Rational(7, 2)  # M = (5, 1, 3/2) through P = (5, 0, 0)
    drawing = space_picture(figure.construction("1"))
    assert drawing is not None and drawing.arcs[-1]["hidden"]  # the arc the file dashes (a rim's back), dashed
    assert len(drawing.segments) >= 12  # the prism's edges, and the line as far as the figure reaches

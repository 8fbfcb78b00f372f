"""Real GeoGebra in real headless Chromium: drawings, the numeric cross-check, the pipeline's
images, and a browser killed in the middle of a run. CI installs both; without them (a bare
development machine) these tests skip and say how to install."""

from __future__ import annotations

import functools
import io
import os
import signal
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import ANGLE, SHARED, TRIANGLE, started_renderer, write_jsonl
from PIL import Image, ImageChops, ImageStat

from variantgen.construction import Construction

try:
    from variantgen.render import (
        GEOGEBRA_VERSION,
        PoolOptions,
        Renderer,
        RenderError,
        RenderSetupError,
        cross_check,
        find_browser,
        find_bundle,
    )

    find_browser(), find_bundle()
    MISSING = None
except (ImportError, RenderSetupError) as exc:
    MISSING = f"rendering is not installed ({exc}); run ./install.sh"

pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
EXPECTED = Path(__file__).parent / "data" / "triangle-300x225.png"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    with started_renderer(options=PoolOptions(pages=2, width=300, height=225), cache=tmp_path_factory.mktemp("cache")) as r:
        yield r


def _difference(a: bytes, b: bytes) -> float:
    """Mean absolute difference per channel, 0–255."""
    x, y = (Image.open(io.BytesIO(data)).convert("RGB") for data in (a, b))
    assert x.size == y.size
    return sum(ImageStat.Stat(ImageChops.difference(x, y)).mean) / 3


@pytest.mark.browser
def test_a_triangle_is_drawn_as_expected(renderer):
    drawn = renderer.render(Construction.from_dict(TRIANGLE["construction"]))
    assert Image.open(io.BytesIO(drawn.png)).size == (300, 225)
    assert drawn.agrees and drawn.geogebra_value == pytest.approx(7, rel=1e-12)
    if os.environ.get("VARIANTGEN_UPDATE_EXPECTED"):
        EXPECTED.write_bytes(drawn.png)
    assert _difference(drawn.png, EXPECTED.read_bytes()) < 2.0


@pytest.mark.browser
def test_style_hints_change_the_picture_and_the_ggb_opens(renderer):
    plain = Construction.from_dict(TRIANGLE["construction"])
    styled = plain.extend("M=Midpoint(B,C)", "m=Segment(A,M)", style={"dashed": ["m"], "captions": {"m": "median"}})
    a, b = renderer.render(plain), renderer.render(styled)
    assert _difference(a.png, b.png) > 0.3
    with zipfile.ZipFile(io.BytesIO(b.ggb)) as archive:
        assert "M=Midpoint" in archive.read("geogebra.xml").decode("utf-8").replace(" ", "") or "Midpoint" in archive.read(
            "geogebra.xml"
        ).decode("utf-8")


@pytest.mark.browser
def test_a_text_box_cannot_run_geogebra_commands(renderer):
    # The seed reader refuses line breaks in texts; the bridge does not splice texts into commands
    # either, so even a construction built in code cannot smuggle in a point C.
    words = 'AB = 4")\nC=(9,9)\nText("x'
    plain = Construction(("A=(0,0)", "B=(4,0)", "s=Segment(A,B)"), "Distance(A,B)")
    drawn = renderer.render(plain.extend(style={"texts": [{"label": "t1", "text": words, "x": 1, "y": 1}]}))
    assert drawn.agrees, drawn.detail
    with zipfile.ZipFile(io.BytesIO(drawn.ggb)) as archive:
        xml = archive.read("geogebra.xml").decode("utf-8")
    assert 'label="C"' not in xml and 'label="vgTextt1"' in xml
    assert _difference(renderer.render(plain).png, drawn.png) > 0.3  # and the words are drawn, as words


@pytest.mark.browser
def test_the_page_reaches_nothing_but_its_own_server(renderer):
    import asyncio
    import http.server
    import threading

    hits: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/leak"

    async def try_to_call_out() -> object:
        page, uses, generation = await renderer._pool._pages.get()
        try:
            return await page.evaluate(f"fetch({url!r}).then(() => 'reached', () => 'blocked')")
        finally:
            await renderer._pool._return(page, uses, generation)

    try:
        outcome = asyncio.run_coroutine_threadsafe(try_to_call_out(), renderer._loop).result(timeout=30)
    finally:
        server.shutdown()
    assert outcome == "blocked" and hits == []


@pytest.mark.browser
def test_svg_export_on_request(tmp_path):
    with started_renderer(options=PoolOptions(pages=1, width=300, height=225, svg=True), cache=tmp_path) as r:
        drawn = r.render(Construction.from_dict(TRIANGLE["construction"]))
        assert r.version == GEOGEBRA_VERSION
    assert drawn.svg is not None and drawn.svg.lstrip().startswith(b"<svg") and b"</svg>" in drawn.svg
    assert any(path.suffix == ".svg" for path in tmp_path.rglob("*"))  # cached with the PNG


@pytest.mark.browser
def test_geogebra_from_a_cdn(tmp_path):
    """``cdn=URL`` loads deployggb.js and <version>/web3d/ from a CDN: here a CORS-enabled server
    on loopback with geogebra.org's layout, filled from the bundle (tests never leave loopback)."""
    root = tmp_path / "apps"
    root.mkdir()
    (root / "deployggb.js").symlink_to(find_bundle() / "GeoGebra" / "deployggb.js")
    (root / GEOGEBRA_VERSION).symlink_to(find_bundle() / "GeoGebra" / "HTML5" / "5.0")

    class CDN(SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CDN, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with started_renderer(options=PoolOptions(pages=1, width=300, height=225), cache=tmp_path / "cache", cdn=url) as r:
            assert r.bundle is None
            drawn = r.render(Construction.from_dict(TRIANGLE["construction"]))
        assert drawn.agrees and _difference(drawn.png, EXPECTED.read_bytes()) < 2.0
        with pytest.raises(RenderError, match="GeoGebra did not load: cannot load http://127.0.0.1:9/deployggb.js"):
            Renderer(cache=tmp_path / "cache", cdn="http://127.0.0.1:9").start()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_label_geogebra_gave_a_polygon_side_does_not_break_the_polygon(renderer):
    # GeoGebra names the sides of q a, b, c, d itself; d=Segment(A,C) must not redefine side d.
    rectangle = Construction.from_dict(
        {
            "commands": ["A=(0,0)", "B=(8,0)", "C=(8,6)", "D=(0,6)", "q=Polygon(A,B,C,D)", "d=Segment(A,C)"],
            "target": "Area(q)+Distance(A,C)",
        }
    )
    drawn = renderer.render(rectangle)
    assert drawn.agrees, drawn.detail
    with zipfile.ZipFile(io.BytesIO(drawn.ggb)) as archive:
        xml = archive.read("geogebra.xml").decode("utf-8")
    assert '<element type="polygon" label="q">' in xml and '<element type="segment" label="d">' in xml
    picture = Image.open(io.BytesIO(drawn.png)).convert("L")
    left_side = [picture.getpixel((x, picture.height // 2)) for x in range(picture.width // 3)]
    assert min(left_side) < 128  # side DA (x = 0) is drawn: a dark pixel left of the diagonal


@pytest.mark.browser
def test_geogebra_numbers_intersections_as_the_evaluator_does(renderer):
    circles = Construction.from_dict(
        {
            "commands": ["c=Circle((0,0),5)", "d=Circle((8,0),5)", "m=Line((10,3),(-10,3))", "p=Line((0,-1),(1,0))"],
            "target": "x(Intersect(c,m,1))+10*y(Intersect(c,d,1))+100*y(Intersect(c,p,1))",
        }
    )
    drawn = renderer.render(circles)
    assert drawn.agrees, drawn.detail


@pytest.mark.browser
def test_geogebra_reads_derivatives_as_the_evaluator_does(renderer):
    cubic = Construction.from_dict(
        {"commands": ["f(x)=x^3-3x", "g=Derivative(f,2)"], "target": "x(Root(f',0,5))+10*g(1)+100*f'(2)+1000*f''(3)"}
    )
    drawn = renderer.render(cubic)
    assert drawn.agrees, drawn.detail


@pytest.mark.browser
def test_geogebra_agrees_on_figures_built_from_angles_of_40_70_and_33_degrees(renderer):
    for commands, target in (
        (
            [
                "B=(0,0)",
                "C=(5,0)",
                "A=Intersect(Ray(B,Rotate(C,40°,B)),Ray(C,Rotate(B,-70°,C)))",
                "t=Polygon(A,B,C)",
                "D=Intersect(AngleBisector(B,A,C),Segment(B,C))",
                "E=Intersect(PerpendicularLine(A,Line(B,C)),Line(B,C))",
            ],
            "Angle(D,A,E)",  # 15°
        ),
        (
            [
                "B=(0,0)",
                "C=(6,0)",
                "A=Intersect(Ray(B,Rotate(C,30°,B)),Ray(C,Rotate(B,-33°,C)))",
                "t=Polygon(A,B,C)",
                "I=Intersect(AngleBisector(A,B,C),AngleBisector(A,C,B))",
            ],
            "Angle(B,I,C)",  # 148.5°
        ),
    ):
        drawn = renderer.render(Construction.from_dict({"commands": commands, "target": target}))
        assert drawn.agrees, drawn.detail


@pytest.mark.browser
def test_geogebra_and_sympy_agree_on_an_angle(renderer):
    drawn = renderer.render(Construction.from_dict(ANGLE["construction"]))
    assert drawn.agrees, drawn.detail


def test_the_cross_check_rejects_a_value_off_by_more_than_1e9():
    construction = Construction.from_dict(TRIANGLE["construction"])
    assert cross_check(construction, 7.0)[0]
    agrees, detail = cross_check(construction, 7.0 + 1e-7)
    assert not agrees and "exact answer is 7" in detail


@pytest.mark.browser
def test_a_command_geogebra_rejects_is_a_clear_render_error(renderer):
    import asyncio

    from variantgen.render import RenderError, job_for

    job = job_for(Construction.from_dict(TRIANGLE["construction"]), 300, 225)
    job["commands"] = [*job["commands"], "c=NoSuchCommand(A,B)"]
    pending = asyncio.run_coroutine_threadsafe(renderer._pool.render(job), renderer._loop)
    with pytest.raises(RenderError, match="rejected the command c=NoSuchCommand"):
        pending.result(timeout=60)


@pytest.mark.browser
def test_expand_draws_every_figure_into_the_parquet(tmp_path, renderer):
    import datasets

    from variantgen import Cube, default_pipeline, expand_file
    from variantgen.session import Services

    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE])
    result = expand_file(seeds, tmp_path / "out", Cube(default_pipeline()), services=Services(renderer=renderer))
    assert result.exit_code == 0
    rows = datasets.load_dataset("parquet", data_dir=str(tmp_path / "out"), split="train")
    assert len(rows) == 8
    for row in rows:
        assert row["image"].size == (300, 225)
        assert '"geogebra-numeric"' in row["verification"]
        assert (tmp_path / "out" / "figures" / f"{row['question_id']}.ggb").exists()


@pytest.mark.skipif(not (SHARED / "data" / "wemath-ggb-samples").exists(), reason="../shared/data is not present")
@pytest.mark.browser
def test_every_wemath_ggb_sample_is_drawn_by_geogebra(renderer):
    from variantgen.construction.ggb import read_ggb

    samples = sorted((SHARED / "data" / "wemath-ggb-samples").glob("*.ggb"))
    assert len(samples) == 24
    futures = [renderer.submit(read_ggb(path).construction("1")) for path in samples]
    for path, future in zip(samples, futures, strict=True):
        drawn = future.result(timeout=120)
        assert drawn.agrees, f"{path.name}: {drawn.detail}"
        assert ImageStat.Stat(Image.open(io.BytesIO(drawn.png)).convert("L")).mean[0] < 254, path.name  # something drawn


@pytest.mark.browser
def test_a_browser_killed_mid_run_loses_nothing(tmp_path):
    constructions = [Construction.from_dict({**TRIANGLE["construction"], "target": f"Distance(B,C)+{k}"}) for k in range(40)]
    with started_renderer(options=PoolOptions(pages=2, width=200, height=150), cache=tmp_path / "cache") as r:
        futures = [r.submit(c) for c in constructions]
        futures[3].result()
        for pid in _chromium_children():
            os.kill(pid, signal.SIGKILL)
        drawn = [f.result(timeout=300) for f in futures]
        assert r.browser_restarts >= 1
    assert all(d.agrees for d in drawn)
    assert [round(d.geogebra_value) for d in drawn] == [7 + k for k in range(40)]


def _chromium_children() -> list[int]:
    """Chromium processes started by this test process (its descendants)."""
    children, found = {os.getpid()}, []
    for _ in range(6):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid in children and int(entry.name) not in children:
                children.add(int(entry.name))
                if "chrom" in stat.split("(", 1)[1].split(")", 1)[0].lower():
                    found.append(int(entry.name))
    return found


@pytest.mark.browser
@pytest.mark.parametrize(
    ("commands", "target"),
    [
        (("F=(-4,0)", "G=(4,0)", "e=Ellipse(F,G,5)"), "Eccentricity(e)"),
        (("F=(1,1)", "G=(4,5)", "P=(6,2)", "e=Ellipse(F,G,P)"), "SemiMinorAxisLength(e)"),
        (("h=Hyperbola((0,1-sqrt(5)),(0,1+sqrt(5)),2)",), "SemiMinorAxisLength(h)"),
        (("F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,3)"), "LinearEccentricity(h)"),
        (("F=(2,0)", "d=Line((-2,0),(-2,1))", "p=Parabola(F,d)"), "Parameter(p)"),
        (("F=(-5,0)", "G=(5,0)", "h=Hyperbola(F,G,3)"), "Distance(G,Asymptote(h))"),
        (("F=(1,-2)", "G=(4,2)", "h=Hyperbola(F,G,3/2)"), "Distance(F,Asymptote(h))"),
        (("F=(-3,0)", "G=(3,0)", "e=Ellipse(F,G,5)"), "2*Distance(Center(e),Directrix(e))"),
        (("F=(0,-5)", "G=(0,5)", "h=Hyperbola(F,G,4)"), "Distance(Center(h),Directrix(h))"),
        (("F=(0,1)", "p=Parabola(F,Line((-1,-1),(1,-1)))", "P=(2,2)"), "Distance(P,Directrix(p))"),
        (  # the directrix on the side of G, from GeoGebra's own a and c
            ("F=(-4,0)", "G=(4,0)", "k=Ellipse(F,G,5)", "P=(3,12/5)"),
            "Distance(P,PerpendicularLine(Center(k)+(G-Center(k))*SemiMajorAxisLength(k)^2/LinearEccentricity(k)^2,"
            "Line(Center(k),G)))",
        ),
    ],
)
def test_geogebra_agrees_on_conics(renderer, commands, target):
    drawn = renderer.render(Construction(commands, target))
    assert drawn.agrees, drawn.detail


@pytest.mark.browser
@pytest.mark.parametrize(
    ("commands", "target"),
    [
        (("f(x)=ℯ^x",), "f(2)"),
        (("g(x)=ln(x)",), "g(ℯ^3)+g(5)"),
        (("f(x)=ℯ^(x)", "g(x)=ln(x)", "A=(1,f(1))"), "y(A)*g(2)"),
    ],
)
def test_geogebra_agrees_on_exponentials_and_logarithms(renderer, commands, target):
    drawn = renderer.render(Construction(commands, target))
    assert drawn.agrees, drawn.detail


def test_a_title_wider_than_the_picture_is_wrapped_and_raised_to_show_whole():
    """A chart's title of 79 characters is wider than a 600-pixel picture at GeoGebra's font: it
    is drawn on two lines, its first raised by one line so the second stays where the file put
    the title, and the view shows the first line's right end and top."""
    from variantgen.render.view import CHAR_PX, LINE_PX, texts_drawn, view_box

    title = "The distribution of the time spent on reading per day among students in a class"
    style = {"texts": [{"label": "t", "text": title, "x": -2.9, "y": 9.0}, {"label": "u", "text": "5", "x": -0.5, "y": 1.9}]}
    construction = Construction(("A=(0,0)", "B=(10,0)", "C=(10,8)", "p=Polygon(A,B,C)"), "Distance(A,B)", style=style)
    view = view_box(construction, 600, 450)
    long, short = texts_drawn(construction, view, 600, 450)
    lines = long["text"].split("\n")
    assert len(lines) == 2 and " ".join(lines) == title and short["text"] == "5" and short["y"] == 1.9
    per_pixel = (view["xmax"] - view["xmin"]) / 600
    assert long["y"] == pytest.approx(9.0 + LINE_PX * per_pixel) and long["y"] < view["ymax"]
    assert long["x"] + max(map(len, lines)) * CHAR_PX * per_pixel <= view["xmax"]

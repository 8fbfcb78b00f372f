"""Drawings rebuilt so the question's givens hold exactly: a hand-drawn 30-60-90 triangle becomes
the textbook's, and where the givens cannot fix exact school coordinates the reason is given."""

from __future__ import annotations

import json
import zipfile

import pytest
from helpers import write_jsonl

from variantgen.checks import answer_checks
from variantgen.construction import Construction, evaluate
from variantgen.derive.rebuild import NotRebuilt, rebuild
from variantgen.io.seeds import read_seeds

_CORNERS = [("E", 0.04, -2.59, "B", -0.3, -2.9), ("F", 3.66, -2.55, "C", 3.8, -2.9), ("G", 3.61, -0.52, "A", 3.7, -0.3)]


def _lettered_triangle(path, written: tuple[str, ...] = ()) -> None:
    """A hand-drawn right triangle as site files hold one: hidden labels, the letters A, B, C
    written as texts beside its corners, and ``written`` givens beside the figure."""
    body = "".join(
        f'<element type="point" label="{p}"><show object="true" label="false"/><coords x="{x}" y="{y}" z="1"/></element>'
        for p, x, y, *_ in _CORNERS
    )
    body += '<command name="Polygon"><input a0="E" a1="F" a2="G"/><output a0="t1"/></command><element type="polygon" label="t1"/>'
    texts = [(name, tx, ty) for *_, name, tx, ty in _CORNERS] + [(g, 5, 1 - k / 2) for k, g in enumerate(written)]
    for k, (name, tx, ty) in enumerate(texts):
        body += f'<expression label="text{k}" exp="&quot;{name}&quot;"/>'
        body += f'<element type="text" label="text{k}"><show object="true"/><startPoint x="{tx}" y="{ty}" z="1"/></element>'
    view = '<euclidianView><coordSystem xZero="400" yZero="300" scale="50" yscale="50"/>'
    view += '<size width="800" height="600"/></euclidianView>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("geogebra.xml", f"<geogebra>{view}<construction>{body}</construction></geogebra>")


DRAWN = ("A=(3.66,-2.55)", "B=(0.04,-2.59)", "C=(5.27,0.69)", "t=Polygon(A,B,C)", "D=Midpoint(B,C)", "s=Segment(A,D)")


def test_a_hand_drawn_triangle_is_moved_until_the_givens_hold() -> None:
    rebuilt = rebuild(Construction(DRAWN, "Distance(B,C)"), "In triangle ABC, ∠BAC = 90°, ∠ABC = 30° and AC = 2.")
    assert rebuilt is not None
    assert evaluate(rebuilt.construction).target == 4  # the book's answer, exactly
    assert rebuilt.construction.commands[4:] == DRAWN[4:]  # dependent objects keep their definitions
    assert set(rebuilt.moved) == {"A", "B", "C"}


@pytest.mark.parametrize(
    ("stem", "reason"),
    [
        ("In triangle ABC, AB = 10, ∠ABC = 40° and ∠BAC = 70°.", "no school value"),
        ("In triangle ABC, AB = 1, BC = 1 and CA = 5.", "no placement"),
    ],
)
def test_what_cannot_be_made_exact_says_why(stem: str, reason: str) -> None:
    with pytest.raises(NotRebuilt, match=reason):
        rebuild(Construction(DRAWN, "Distance(B,C)"), stem)


def test_freedom_the_givens_leave_is_pinned_near_the_drawing() -> None:
    """Two lengths leave a triangle one degree of freedom: a round value near the drawing fixes it."""
    rebuilt = rebuild(Construction(DRAWN, "Distance(A,B)"), "In triangle ABC, AB = 10 and AC = 6.")
    assert rebuilt is not None
    assert evaluate(rebuilt.construction).target == 10
    assert evaluate(rebuilt.construction.extend(target="Distance(A,C)")).target == 6


def test_givens_that_hold_already_leave_the_figure_alone() -> None:
    exact = Construction(("A=(0,0)", "B=(4,0)", "C=(0,3)", "t=Polygon(A,B,C)"), "Distance(B,C)")
    assert rebuild(exact, "In triangle ABC, AB = 4 and AC = 3.") is None


def test_a_ggb_seed_with_the_textbook_answer_is_accepted(tmp_path) -> None:
    """Letters written as texts beside hidden-label points, and corners placed by hand: the seed
    states the book's givens and answer, and both hold in the rebuilt figure."""
    _lettered_triangle(tmp_path / "rt.ggb")
    question = "In right triangle ABC, ∠ACB = 90°, ∠ABC = 30° and AC = 2. Find AB."
    seed = {"id": "rt", "question": question, "answer": "4", "ggb": "rt.ggb", "target": "Distance(A,B)"}
    (line,) = read_seeds(write_jsonl(tmp_path / "seeds.jsonl", [seed]))
    assert line.problem is not None and line.problem.construction is not None
    assert [c.passed for c in answer_checks(line.problem)] == [True, True]
    assert "moved so they hold exactly" in line.warnings[0] and "C=(2*sqrt(3),0)" in line.warnings[0]


def test_a_we_math_drawing_built_from_helpers_meets_its_written_givens() -> None:
    """triangle-altitude-1.ggb builds C from a hidden circle about a helper point; the givens it
    writes beside the figure (∠B=30°, ∠A=90°, AC=2) fix the triangle, the helpers are pinned."""
    from helpers import SHARED

    from variantgen.construction.ggb import read_ggb

    path = SHARED / "data" / "wemath-ggb-samples" / "triangle-altitude-1.ggb"
    if not path.exists():
        pytest.skip("../shared is not here")
    figure = read_ggb(path).construction("Distance(B,C)")
    rebuilt = rebuild(figure, "In triangle ABC, ∠B = 30°, ∠A = 90° and AC = 2.")
    assert rebuilt is not None and evaluate(rebuilt.construction).target.equals(4)
    assert {t["text"] for t in rebuilt.construction.style["texts"]} == {"∠B=30°", "∠A=90°", "AC=2"}


def test_a_folder_of_figures_becomes_seeds_with_reasons_for_the_rest(tmp_path) -> None:
    """variantgen seeds from-figures: the givens written beside a figure become its question's,
    the folder names the knowledge point, and a figure with no givens is listed with the reason."""
    from click.testing import CliRunner

    from variantgen.cli import EXIT_SOME_FAILED, main

    folder = tmp_path / "figures" / "special right triangles"
    folder.mkdir(parents=True)
    _lettered_triangle(folder / "1.ggb", ("∠ACB=90°", "∠ABC=30°", "AC=2"))
    _lettered_triangle(folder / "2.ggb")  # nothing written beside it
    out = tmp_path / "seeds.jsonl"
    result = CliRunner().invoke(main, ["seeds", "from-figures", str(tmp_path / "figures"), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    (line,) = read_seeds(out)
    assert line.problem is not None and line.problem.question.startswith("In the figure, ∠ACB = 90°, ∠ABC = 30° and AC = 2. Find")
    assert line.problem.meta["principle"] == "special right triangles"
    assert [c.passed for c in answer_checks(line.problem)] == [True, True]
    (rejected,) = [json.loads(x) for x in out.with_suffix(".rejected.jsonl").read_text().splitlines()]
    assert rejected["file"].endswith("2.ggb") and "no quantity named by the figure's labels" in rejected["reason"]

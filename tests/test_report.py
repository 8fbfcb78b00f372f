"""`variantgen report OUT`: the gallery's HTML (cube layout, figures, checks, charts, failures) and
the same pages opened in real headless Chromium (figures load, charts draw, a screenshot shows them)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import datasets
import pytest
from click.testing import CliRunner
from helpers import TEXT, TRIANGLE, write_jsonl
from PIL import Image

from variantgen import Cube, RunOptions, default_pipeline, expand_file
from variantgen.cli import main
from variantgen.io.parquet import FEATURES, shard_files, write_shard
from variantgen.report import bar_chart, write_report

MAGENTA = (255, 0, 255)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """A real expand output (triangle, text-only seed, a broken line) whose triangle rows carry a
    figure and one failed corner, as a render stage that rejected a variant leaves them (expanded
    without a renderer, so the visual corners are not applicable)."""
    tmp = tmp_path_factory.mktemp("report")
    seeds = write_jsonl(tmp / "seeds.jsonl", [TRIANGLE, TEXT, "{not json"])
    out = tmp / "out"
    expand_file(seeds, out, Cube(default_pipeline()), RunOptions())
    (shard,) = shard_files(out)
    rows = datasets.Dataset.from_parquet(str(shard)).cast(FEATURES).with_format(None).to_list()
    picture = io.BytesIO()
    Image.new("RGB", (120, 90), MAGENTA).save(picture, "PNG")
    kept = []
    for row in rows:
        if row["corner"] == "sc":
            continue  # recorded below as failed, as the cross-check records a mismatch
        if row["family_id"] == TRIANGLE["id"]:
            row["image"] = {"bytes": picture.getvalue(), "path": f"{row['question_id']}.png"}
            checks = json.loads(row["verification"]) + [{"method": "geogebra-numeric", "passed": True, "detail": "ok"}]
            row["verification"] = json.dumps(checks)
        kept.append(row)
    write_shard(kept, shard)
    with open(out / "skipped.jsonl", "a", encoding="utf-8") as handle:
        record = {
            "line": 1,
            "family_id": TRIANGLE["id"],
            "corner": "sc",
            "status": "failed",
            "reason": "GeoGebra cross-check: 7.1 ≠ 7",
        }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    write_report(out)
    return out


def _page(out: Path) -> str:
    return (out / "report" / "families-0001.html").read_text(encoding="utf-8")


def test_every_family_is_laid_out_as_its_cube(output):
    page = _page(output)
    for family in (TRIANGLE["id"], TEXT["id"]):
        section = page.split(f'id="{family}"', 1)[1].split("</section>", 1)[0]
        corners = re.findall(r'data-corner="(\w+)"', section)
        # two faces (without, with context); step across, visual down: neighbours differ in one factor
        assert corners == ["base", "s", "v", "sv", "c", "sc", "vc", "svc"]


def test_cells_show_figure_question_answer_knowledge_points_and_badges(output):
    section = _page(output).split(f'id="{TRIANGLE["id"]}"', 1)[1].split("</section>", 1)[0]
    images = re.findall(r'<img src="(images/\w+\.png)"', section)
    assert len(images) == 3
    assert all((output / "report" / src).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for src in images)
    assert "Find BC" in section and '<span class="answer">7</span>' in section
    assert '<span class="kp">law-of-cosines</span>' in section
    assert section.count("✓ geogebra-numeric") == 3 and "✓ exact" in section
    assert 'class="cell failed" data-corner="sc"' in section and "7.1 ≠ 7" in section
    assert section.count('class="cell not_applicable"') == 4 and "figures are not drawn" in section


def test_corners_that_were_not_made_say_why(output):
    section = _page(output).split(f'id="{TEXT["id"]}"', 1)[1].split("</section>", 1)[0]
    assert section.count('class="cell not_applicable"') == 6
    assert "no construction" in section


def test_the_summary_counts_and_charts(output):
    index = (output / "report" / "index.html").read_text(encoding="utf-8")
    assert "2 families, 5 rows, 3 figures, 1 rejected seed lines" in index
    assert index.count("<svg") == 3 and "GeoGebra cross-check: 7.1 ≠ 7" in index
    assert re.search(r"<td>geogebra-numeric</td><td>3</td><td>0</td>", index)
    assert "line 3" in index and 'href="families-0001.html"' in index


def test_text_is_escaped(tmp_path):
    seeds = write_jsonl(
        tmp_path / "seeds.jsonl", [dict(TEXT, question="Is 2 < 3 and <b>bold</b>? Pencils cost 3 for 2 dollars.")]
    )
    expand_file(seeds, tmp_path / "out", Cube(default_pipeline()), RunOptions())
    page = (write_report(tmp_path / "out").parent / "families-0001.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold" not in page


def test_pages_are_linked_and_bounded(output, tmp_path):
    write_report(output, tmp_path / "r", families_per_page=1)
    first, second = ((tmp_path / "r" / f"families-000{n}.html").read_text(encoding="utf-8") for n in (1, 2))
    assert 'href="families-0002.html">next' in first and "page 1 of 2" in first
    assert 'href="families-0001.html">← previous' in second and "next" not in second


def test_bar_chart_scales_to_the_largest_total():
    svg = bar_chart([("a", [2, 2]), ("b", [1, 0])], ["x", "y"], ["#000", "#111"])
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="18"', svg)]
    assert widths == [180.0, 180.0, 90.0]


def test_cli_report_and_its_errors(output, tmp_path):
    result = CliRunner().invoke(main, ["report", str(output), "-o", str(tmp_path / "html")])
    assert result.exit_code == 0 and (tmp_path / "html" / "index.html").is_file()
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "no data/ folder" in result.output


@pytest.mark.browser
def test_the_gallery_in_a_real_browser(output, tmp_path):
    from variantgen.render import RenderSetupError, find_browser

    try:
        browser_path = find_browser()
    except RenderSetupError as exc:
        pytest.skip(f"no browser: {exc}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto((output / "report" / "index.html").as_uri())
            assert page.locator("#chart-corners svg rect").count() >= 8
            page.locator("#pages a").first.click()
            page.wait_for_load_state("load")
            loaded = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth)")
            assert loaded == [120] * 3
            page.locator(f"#{TRIANGLE['id']}").screenshot(path=str(tmp_path / "family.png"))
        finally:
            browser.close()
    shot = Image.open(tmp_path / "family.png").convert("RGB")
    colours = {colour for _, colour in shot.getcolors(shot.width * shot.height)}
    assert shot.width > 800 and MAGENTA in colours  # the figures were drawn on screen, not just linked


def test_a_crafted_row_id_writes_nothing_outside_the_report(tmp_path):
    seeds = write_jsonl(tmp_path / "seeds.jsonl", [TRIANGLE])
    out = tmp_path / "out"
    expand_file(seeds, out, Cube(default_pipeline()), RunOptions())
    (shard,) = shard_files(out)
    rows = datasets.Dataset.from_parquet(str(shard)).cast(FEATURES).with_format(None).to_list()
    picture = io.BytesIO()
    Image.new("RGB", (12, 9), MAGENTA).save(picture, "PNG")
    rows[0]["question_id"] = "../../escaped"
    rows[0]["image"] = {"bytes": picture.getvalue(), "path": "x.png"}
    write_shard(rows, shard)
    write_report(out)
    assert not (tmp_path / "escaped.png").exists() and not (out / "escaped.png").exists()
    (written,) = (out / "report" / "images").iterdir()
    assert "escaped-" in written.name and written.parent == out / "report" / "images"

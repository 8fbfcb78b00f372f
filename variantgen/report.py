"""``variantgen report OUT``: a static HTML gallery of an output, to look at what was made.

Each family is laid out as its cube: two faces of four corners, without and with the context
factor, the step factor across and the visual factor down, so neighbouring cells differ in one
factor exactly as the lattice says. Every cell shows the figure, the question, the answer, the
knowledge points and one badge per verification check; a corner that was not made shows why.
The first page adds summary charts (inline SVG, no scripts, nothing fetched): rows per corner,
knowledge points per row, and failures by reason.

The report is plain files under ``OUT/report/`` (figures copied from the Parquet rows into
``images/``), so it opens from disk and can be copied anywhere. Rows are streamed a family at a
time and pages hold a bounded number of families, so a large output makes many small pages.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from variantgen.cube import AXIS_NAMES, Corner
from variantgen.io.parquet import iter_families
from variantgen.io.rows import from_row
from variantgen.model import Check
from variantgen.templating import builtin_dir

REPORT_DIR = "report"
FIGURES_DIR = "figures"  # where expand writes each figure's PNG and .ggb
FAMILIES_PER_PAGE = 25
COLUMNS = ["question_id", "family_id", "corner", "question", "answer", "knowledge points", "verification", "image"]
#: The cube as two faces: (title, rows of corners); step varies across a row, visual down a column.
FACES: tuple[tuple[str, tuple[tuple[Corner, Corner], ...]], ...] = (
    ("without context", ((Corner.BASE, Corner.S), (Corner.V, Corner.SV))),
    ("with context (c)", ((Corner.C, Corner.SC), (Corner.VC, Corner.SVC))),
)
_STATUS_COLOURS = {"made": "#3b8d4a", "not_applicable": "#9a9a9a", "failed": "#c0392b"}


@dataclass
class Cell:
    """One corner of a family as the report shows it."""

    corner: str
    difficulty: str
    status: str  # made | not_applicable | failed | missing
    question: str = ""
    answer: str = ""
    knowledge_points: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    image: str | None = None  # path relative to the report folder
    ggb: str | None = None
    reason: str = ""


@dataclass
class Summary:
    """What the charts show, counted over the rows and the skipped/failed records."""

    families: int = 0
    rows: int = 0
    images: int = 0
    status: dict[str, Counter[str]] = field(default_factory=lambda: {c.value: Counter() for c in Corner})
    knowledge_points: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    checks: dict[str, Counter[bool]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


def write_report(out_dir: str | Path, dest: str | Path | None = None, families_per_page: int = FAMILIES_PER_PAGE) -> Path:
    """Write the gallery for ``out_dir`` (default into ``OUT/report``); returns ``index.html``."""
    out_dir = Path(out_dir)
    if not (out_dir / "data").is_dir():
        raise FileNotFoundError(f"{out_dir} holds no variantgen output (no data/ folder); run `variantgen expand` first")
    dest = Path(dest) if dest else out_dir / REPORT_DIR
    if dest.exists():
        shutil.rmtree(dest)  # the report is derived data: rebuilt whole, never merged with an older one
    (dest / "images").mkdir(parents=True)
    skipped = _index_skipped(out_dir)
    summary = Summary(errors=_read_jsonl(out_dir / "errors.jsonl"))
    for record in skipped.values():
        summary.status[record["corner"]][record["status"]] += 1
        if record["status"] == "failed":
            summary.failures[record["reason"]] += 1
    env = _environment()
    pages: list[dict[str, Any]] = []
    page: list[dict[str, Any]] = []

    def flush() -> None:
        number = len(pages) + 1
        name = f"families-{number:04d}.html"
        pages.append({"name": name, "first": page[0]["id"], "last": page[-1]["id"], "families": [f["id"] for f in page]})
        html_text = env.get_template("report/families.html.j2").render(families=page, number=number, faces=FACES)
        (dest / name).write_text(html_text, encoding="utf-8")

    for rows in iter_families(out_dir, columns=COLUMNS, batch_size=64):
        page.append(_family(rows, skipped, out_dir, dest, summary))
        if len(page) == families_per_page:
            flush()
            page = []
    if page:
        flush()
    index = dest / "index.html"
    index.write_text(
        env.get_template("report/index.html.j2").render(
            out_dir=str(out_dir),
            summary=summary,
            pages=pages,
            charts=_charts(summary),
            manifest=_manifest(out_dir),
            audit=(audit := _read_json(out_dir / "audit" / "audit.json")),
            accuracy_chart=_accuracy_chart(audit),
            dedup=_read_json(out_dir / "dedup" / "dedup.json"),
            comparison=_comparison(out_dir, dest),
        ),
        encoding="utf-8",
    )
    for page_info, following in zip(pages, [*pages[1:], None], strict=True):  # next/previous links, now that all pages are known
        _link_pages(dest / page_info["name"], pages, following)
    return index


def _family(
    rows: list[dict[str, Any]],
    skipped: dict[tuple[str, str], dict[str, Any]],
    out_dir: Path,
    dest: Path,
    summary: Summary,
) -> dict[str, Any]:
    summary.families += 1
    family_id = rows[0]["family_id"]
    cells: dict[str, Cell] = {}
    for row in rows:
        variant = from_row(row)
        problem = variant.problem
        cell = Cell(
            corner=variant.corner,
            difficulty=variant.difficulty,
            status="made",
            question=problem.question,
            answer=problem.answer,
            knowledge_points=list(problem.knowledge_points),
            checks=list(problem.verification),
        )
        image = row["image"]
        if image and image.get("bytes"):
            name = f"images/{_file_name(variant.id)}.png"
            (dest / name).write_bytes(image["bytes"])
            cell.image = name
            summary.images += 1
        ggb = out_dir / FIGURES_DIR / f"{_file_name(variant.id)}.ggb"
        if ggb.is_file():
            cell.ggb = Path("..", FIGURES_DIR, ggb.name).as_posix() if dest.parent == out_dir else ggb.resolve().as_uri()
        for check in cell.checks:
            summary.checks.setdefault(check.method, Counter())[check.passed] += 1
        summary.rows += 1
        summary.status[cell.corner]["made"] += 1
        summary.knowledge_points[len(cell.knowledge_points)] += 1
        cells[cell.corner] = cell
    for corner in Corner:
        if corner.value not in cells:
            record = skipped.get((family_id, corner.value))
            status, reason = (record["status"], record["reason"]) if record else ("missing", "not in this output")
            cells[corner.value] = Cell(corner.value, corner.difficulty, status, reason=reason)
    return {"id": family_id, "cells": cells}


def _index_skipped(out_dir: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["family_id"], r["corner"]): r for r in _read_jsonl(out_dir / "skipped.jsonl")}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _read_json(path: Path) -> dict[str, Any] | None:
    """``variantgen audit``'s and ``dedup``'s findings, when they were run on OUT."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _comparison(out_dir: Path, dest: Path) -> dict[str, Any] | None:
    """``variantgen compare``'s findings when it was run on OUT: the number of families both
    sets share, and the page that shows them side by side (copied into the report)."""
    found = _read_json(out_dir / "compare" / "compare.json")
    page = out_dir / "compare" / "compare.html"
    if found is None or not page.is_file():
        return None
    shutil.copyfile(page, dest / "compare.html")
    return {"shared": found.get("shared_families", 0), "page": "compare.html"}


def _accuracy_chart(audit: dict[str, Any] | None) -> Markup:
    """The solver's accuracy per corner, in percent, each bar labelled with its 95 % interval."""
    if not audit or "ladder" not in audit:
        return Markup("")
    bars = [
        (f"{corner} [{stats['ci95'][0]:.2f}, {stats['ci95'][1]:.2f}]", [round(100 * (stats["accuracy"] or 0))])
        for corner, stats in audit["ladder"]["corners"].items()
    ]
    return bar_chart(bars, ["accuracy (%)"], ["#2d6cb5"], label_width=170)


def _manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _link_pages(path: Path, pages: list[dict[str, Any]], following: dict[str, Any] | None) -> None:
    """Fill the page's navigation placeholder (pages are written before the count is known)."""
    position = next(i for i, p in enumerate(pages) if p["name"] == path.name)
    links = ['<a href="index.html">summary</a>']
    if position:
        links.append(f'<a href="{pages[position - 1]["name"]}">← previous</a>')
    links.append(f"page {position + 1} of {len(pages)}")
    if following:
        links.append(f'<a href="{following["name"]}">next →</a>')
    text = path.read_text(encoding="utf-8").replace("<!--NAV-->", " · ".join(links))
    path.write_text(text, encoding="utf-8")


def _environment() -> jinja2.Environment:
    """Autoescaping HTML templates from ``templates/report/`` (the text templates do not escape)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(axis_names=AXIS_NAMES, status_colours=_STATUS_COLOURS)
    return env


# --- charts: horizontal bar charts as inline SVG ---------------------------------------------


def _charts(summary: Summary) -> dict[str, Markup]:
    statuses = ("made", "not_applicable", "failed")
    per_corner = [(f"{c.value} ({c.difficulty})", [summary.status[c.value][s] for s in statuses]) for c in Corner]
    kps = [(f"{k} KP", [n]) for k, n in sorted(summary.knowledge_points.items())]
    failures = [(reason, [n]) for reason, n in summary.failures.most_common(12)]
    return {
        "corners": bar_chart(per_corner, [s.replace("_", " ") for s in statuses], [_STATUS_COLOURS[s] for s in statuses]),
        "knowledge_points": bar_chart(kps, ["rows"], ["#2d6cb5"]),
        "failures": bar_chart(failures, ["failed corners"], [_STATUS_COLOURS["failed"]], label_width=420)
        if failures
        else Markup(""),
    }


def bar_chart(
    bars: Sequence[tuple[str, Sequence[int]]], series: Sequence[str], colours: Sequence[str], label_width: int = 110
) -> Markup:
    """Stacked horizontal bars, one per ``(label, values per series)``, with a legend and totals."""
    bar_h, gap, plot_w = 18, 6, 360
    top = 22 if len(series) > 1 else 4
    peak = max((sum(values) for _, values in bars), default=0) or 1
    height = top + len(bars) * (bar_h + gap) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + plot_w + 60}" height="{height}" '
        f'font-family="sans-serif" font-size="12" role="img">'
    ]
    if len(series) > 1:
        x = label_width
        for name, colour in zip(series, colours, strict=True):
            parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
            parts.append(f'<text x="{x + 14}" y="13">{html.escape(name)}</text>')
            x += 14 + 8 * len(name) + 16
    for i, (label, values) in enumerate(bars):
        y = top + i * (bar_h + gap)
        shown = label if len(label) * 7 < label_width else label[: max(label_width // 7 - 1, 1)] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end"><title>{html.escape(label)}</title>'
            f"{html.escape(shown)}</text>"
        )
        x = float(label_width)
        for value, name, colour in zip(values, series, colours, strict=True):
            width = plot_w * value / peak
            if value:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{colour}">'
                    f"<title>{html.escape(name)}: {value}</title></rect>"
                )
            x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{sum(values)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _file_name(question_id: str) -> str:
    """A row's id as a file name that stays in its folder: ids are hex digests, but a row is data
    and an id such as ``../../x`` must not write outside the report."""
    safe = re.sub(r"[^\w.-]", "_", question_id)[:100].lstrip(".")
    if safe == question_id and safe:
        return safe
    return f"{safe}-{hashlib.sha256(question_id.encode()).hexdigest()[:12]}"

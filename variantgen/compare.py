"""A generated set beside a reference one (MathBook-Pro as released, or another run): per corner,
how many rows, how many knowledge points, how long the questions, what kinds of answers, how
many pictures — and, for families that share a principle index (``idx``), the two side by side.

Both sides are read in MathBook-Pro's own columns (``question_id, question, image, difficulty,
knowledge points, idx, answer``), which variantgen's output also has; the pictures are not
decoded, only counted.
"""

from __future__ import annotations

import html
import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from variantgen.cube import Corner

_COLUMNS = ("question", "image", "difficulty", "knowledge points", "idx", "answer")
_ANSWER_KINDS = (
    ("choice", re.compile(r"^\(?[A-F]\)?\.?$")),
    ("angle", re.compile(r"°|\\circ|degrees?$")),
    ("pi", re.compile(r"π|\bpi\b|\\pi")),
    ("surd", re.compile(r"√|sqrt|\\sqrt")),
    ("integer", re.compile(r"^-?\d+$")),
    ("fraction", re.compile(r"^-?\d+\s*/\s*\d+$|\\frac")),
    ("decimal", re.compile(r"^-?\d+\.\d+$")),
)


def answer_kind(answer: str) -> str:
    """integer, fraction, decimal, surd, pi, angle, choice or other."""
    text = str(answer).strip()
    return next((kind for kind, pattern in _ANSWER_KINDS if pattern.search(text)), "other")


def read_table(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a Parquet file or folder (a run's OUT, an export, a downloaded release)."""
    import pyarrow.parquet as pq

    root = Path(path)
    files = sorted(root.glob("**/*.parquet")) if root.is_dir() else [root]
    if not files:
        raise FileNotFoundError(f"{path}: no Parquet files")
    rows: list[dict[str, Any]] = []
    for file in files:
        table = pq.read_table(file)
        columns = [c for c in _COLUMNS if c in table.column_names]
        if "question" not in columns or "answer" not in columns:
            raise ValueError(f"{file}: not a MathBook-Pro-style table (no question or answer column)")
        rows += table.select(columns).to_pylist()
    return rows


def _corner(difficulty: Any) -> str:
    try:
        return Corner.from_difficulty(str(difficulty or "base")).value
    except ValueError:
        return str(difficulty)


def profile(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per corner: rows, knowledge points (mean and distribution), question length in words
    (mean and median), answer kinds, share with a picture."""
    by_corner: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_corner[_corner(row.get("difficulty"))].append(row)
    order = [c.value for c in Corner if c.value in by_corner] + sorted(set(by_corner) - {c.value for c in Corner})
    result = {}
    for corner in order:
        group = by_corner[corner]
        points = [len(row.get("knowledge points") or []) for row in group]
        words = [len(str(row["question"]).split()) for row in group]
        result[corner] = {
            "rows": len(group),
            "knowledge_points_mean": round(statistics.fmean(points), 2),
            "knowledge_points": dict(sorted(Counter(points).items())),
            "question_words_mean": round(statistics.fmean(words), 1),
            "question_words_median": statistics.median(words),
            "answer_kinds": dict(Counter(answer_kind(row["answer"]) for row in group).most_common()),
            "with_image": round(sum(1 for row in group if row.get("image")) / len(group), 3),
        }
    return result


def compare(out: str | Path, reference: str | Path, shared_limit: int = 20) -> dict[str, Any]:
    """Both profiles, and up to ``shared_limit`` families (by ``idx``) that both sets hold."""
    ours, theirs = read_table(out), read_table(reference)
    families: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: {"ours": {}, "reference": {}})
    for side, rows in (("ours", ours), ("reference", theirs)):
        for row in rows:
            if row.get("idx"):
                families[str(row["idx"])][side].setdefault(_corner(row.get("difficulty")), []).append(str(row["question"]))
    shared = {idx: f for idx, f in sorted(families.items()) if f["ours"] and f["reference"]}
    return {
        "ours": {"path": str(out), "corners": profile(ours)},
        "reference": {"path": str(reference), "corners": profile(theirs)},
        "shared_families": len(shared),
        "side_by_side": dict(list(shared.items())[:shared_limit]),
    }


def write(result: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    """``compare.json`` and a page ``compare.html`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "compare.json"
    data.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    page = folder / "compare.html"
    page.write_text(_page(result), encoding="utf-8")
    return data, page


def _page(result: dict[str, Any]) -> str:
    e = html.escape
    rows = []
    corners = list(dict.fromkeys([*result["ours"]["corners"], *result["reference"]["corners"]]))
    for corner in corners:
        cells = []
        for side in ("ours", "reference"):
            p = result[side]["corners"].get(corner)
            cells.append(
                f"<td>{p['rows']}</td><td>{p['knowledge_points_mean']}</td><td>{p['question_words_mean']}</td>"
                f"<td>{e(', '.join(f'{k} {v}' for k, v in p['answer_kinds'].items()))}</td><td>{p['with_image']:.0%}</td>"
                if p
                else "<td colspan=5>—</td>"
            )
        rows.append(f"<tr><th>{e(corner)}</th>{''.join(cells)}</tr>")
    head = "<th>rows</th><th>knowledge points</th><th>words</th><th>answers</th><th>pictures</th>"
    families = []
    for idx, sides in result["side_by_side"].items():
        columns = "".join(
            "<td>"
            + "".join(f"<p><b>{e(c)}</b> {e(q)}</p>" for c, questions in sides[side].items() for q in questions[:2])
            + "</td>"
            for side in ("ours", "reference")
        )
        families.append(f"<tr><th>{e(idx)}</th>{columns}</tr>")
    return (
        "<!doctype html><meta charset=utf-8><title>variantgen compare</title>"
        f"<h1>{e(result['ours']['path'])} beside {e(result['reference']['path'])}</h1>"
        f"<table border=1><tr><th></th><th colspan=5>ours</th><th colspan=5>reference</th></tr>"
        f"<tr><th>corner</th>{head}{head}</tr>{''.join(rows)}</table>"
        f"<h2>Families both hold ({result['shared_families']})</h2>"
        f"<table border=1><tr><th>idx</th><th>ours</th><th>reference</th></tr>{''.join(families)}</table>"
    )

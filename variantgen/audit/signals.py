"""Difficulty signals that need no model, per row, and how closely each follows the ladder.

A corner's level is how many of the three axes it moved along (base 0; s, v, c 1; sv, sc, vc 2;
svc 3). A signal *follows the ladder* when it grows with the level: its Spearman correlation with
the level over all rows, and the share of families in which it never falls along MathBook-Pro's
trajectory base → s → sv → svc.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from statistics import mean
from typing import Any

from variantgen.compare import answer_kind

#: base → s → sv → svc: one more axis at each step, the trajectory MathBook-Pro trains along.
TRAJECTORY = ("base", "s", "sv", "svc")
LEVEL = {"base": 0, "s": 1, "v": 1, "c": 1, "sv": 2, "sc": 2, "vc": 2, "svc": 3}
SIGNALS = ("knowledge_points", "derivation_depth", "figure_objects", "question_tokens")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def row_signals(row: dict[str, Any]) -> dict[str, Any]:
    """The signals of one row (its ``construction`` and ``solution`` as the Parquet stores them)."""
    construction = row.get("construction") or ""
    commands = json.loads(construction).get("commands", []) if isinstance(construction, str) and construction else []
    solution = row.get("solution") or "[]"
    steps = json.loads(solution) if isinstance(solution, str) else solution
    return {
        "question_id": row["question_id"],
        "family_id": row["family_id"],
        "corner": row["corner"],
        "knowledge_points": len(row.get("knowledge points") or []),
        "derivation_depth": len(steps or []),
        "figure_objects": len(commands),
        "question_tokens": len(_TOKEN.findall(str(row.get("question", "")))),
        "answer_kind": answer_kind(str(row.get("answer", ""))),
    }


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (ties share their mean rank); None when either side is constant."""
    if len(xs) < 2:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = mean(rx), mean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx, vy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    return None if vx == 0 or vy == 0 else cov / (vx * vy) ** 0.5


def summarise(signals: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per corner the mean of each signal and the answer kinds; per signal its agreement with the ladder."""
    rows = list(signals)
    per_corner: dict[str, dict[str, Any]] = {}
    for corner in LEVEL:
        chosen = [r for r in rows if r["corner"] == corner]
        if chosen:
            kinds: dict[str, int] = defaultdict(int)
            for r in chosen:
                kinds[r["answer_kind"]] += 1
            per_corner[corner] = {"rows": len(chosen), **{s: round(mean(r[s] for r in chosen), 2) for s in SIGNALS}}
            per_corner[corner]["answer_kinds"] = dict(kinds)
    families: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        families[r["family_id"]][r["corner"]] = r
    agreement = {}
    for s in SIGNALS:
        levels = [float(LEVEL[r["corner"]]) for r in rows if r["corner"] in LEVEL]
        values = [float(r[s]) for r in rows if r["corner"] in LEVEL]
        climbs = [
            all(a[s] <= b[s] for a, b in zip(path, path[1:], strict=False))
            for corners in families.values()
            if len(path := [corners[c] for c in TRAJECTORY if c in corners]) >= 2
        ]
        rho = spearman(levels, values)
        agreement[s] = {
            "spearman_with_level": None if rho is None else round(rho, 3),
            "families_never_falling": round(sum(climbs) / len(climbs), 3) if climbs else None,
        }
    return {"corners": per_corner, "agreement": agreement}

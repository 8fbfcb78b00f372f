"""What a solver's graded answers say about the ladder: per corner, per family, per knowledge point.

Input: one record per (row, sample) with ``question_id``, ``family_id``, ``corner``,
``knowledge_points`` and ``correct``. A row is *solved* when most of its samples are right.

- accuracy per corner with its 95 % Wilson interval, and MathBook-Pro's trajectory base → s → sv → svc;
- per family: each step of the ladder (a corner and the corner one axis below it) is an
  *inversion* when the harder corner is solved more often beyond noise — the two Wilson intervals
  do not overlap; DynaMath's worst case (every row of the family solved); a base never solved;
- per knowledge point: the accuracy of the rows that use it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from variantgen.audit.signals import TRAJECTORY

#: Each corner and the corners one axis below it.
BELOW = {
    "s": ("base",),
    "v": ("base",),
    "c": ("base",),
    "sv": ("s", "v"),
    "sc": ("s", "c"),
    "vc": ("v", "c"),
    "svc": ("sv", "sc", "vc"),
}
_Z = 1.959963984540054  # the 97.5th percentile of the normal distribution


def wilson(right: int, total: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of ``right`` successes in ``total`` trials."""
    if total == 0:
        return (0.0, 1.0)
    p = right / total
    centre = (p + _Z**2 / (2 * total)) / (1 + _Z**2 / total)
    half = _Z * math.sqrt(p * (1 - p) / total + _Z**2 / (4 * total**2)) / (1 + _Z**2 / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _accuracy(right: int, total: int) -> dict[str, Any]:
    low, high = wilson(right, total)
    return {
        "right": right,
        "total": total,
        "accuracy": round(right / total, 4) if total else None,
        "ci95": [round(low, 4), round(high, 4)],
    }


def analyse(graded: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The audit's findings from graded samples (see the module docstring)."""
    samples = list(graded)
    corners: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows: dict[str, dict[str, Any]] = {}
    for s in samples:
        corners[s["corner"]][0] += bool(s["correct"])
        corners[s["corner"]][1] += 1
        row = rows.setdefault(
            s["question_id"],
            {**{k: s[k] for k in ("family_id", "corner")}, "kps": s.get("knowledge_points") or [], "right": 0, "total": 0},
        )
        row["right"] += bool(s["correct"])
        row["total"] += 1
    families: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in rows.values():
        families[row["family_id"]][row["corner"]] = row
    inversions, worst_case, never = [], 0, []
    for family, by_corner in sorted(families.items()):
        for harder, easier in ((h, e) for h, below in BELOW.items() for e in below):
            if harder in by_corner and easier in by_corner:
                hi, lo = by_corner[harder], by_corner[easier]
                if wilson(hi["right"], hi["total"])[0] > wilson(lo["right"], lo["total"])[1]:
                    inversions.append(
                        {
                            "family_id": family,
                            "harder": harder,
                            "easier": easier,
                            "harder_accuracy": hi["right"] / hi["total"],
                            "easier_accuracy": lo["right"] / lo["total"],
                        }
                    )
        worst_case += all(2 * r["right"] > r["total"] for r in by_corner.values())
        if "base" in by_corner and by_corner["base"]["right"] == 0:
            never.append(family)
    kps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows.values():
        for kp in row["kps"]:
            kps[kp][0] += row["right"]
            kps[kp][1] += row["total"]
    order = ["base", "s", "v", "c", "sv", "sc", "vc", "svc"]
    return {
        "samples": len(samples),
        "rows": len(rows),
        "families": len(families),
        "corners": {c: _accuracy(*corners[c]) for c in order if c in corners},
        "trajectory": [{"corner": c, **_accuracy(*corners[c])} for c in TRAJECTORY if c in corners],
        "inversions": inversions,
        "inverted_families": sorted({i["family_id"] for i in inversions}),
        "worst_case_accuracy": round(worst_case / len(families), 4) if families else None,
        "never_solved_base": never,
        "knowledge_points": {kp: _accuracy(*v) for kp, v in sorted(kps.items(), key=lambda item: item[1][0] / item[1][1])},
    }

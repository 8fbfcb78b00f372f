"""A drawing rebuilt so that the question's givens hold exactly.

A GeoGebra file is drawn by hand: the textbook says AC = 2 and ∠B = 30°, the file's points sit at
(0.044, −2.5948) and (5.2681, 0.692), and the exact evaluator measures BC = 4.0003 where the book
says 4. The free points are moved until every length and angle the question states holds (a
least-squares solve from where they were drawn, with the first named point at the origin and the
second on the x-axis; freedom the givens leave is pinned to round values near the drawing, hidden
helpers first), their coordinates are recognised as exact school values (2√3, 3/2 + √3), and the
rebuilt figure is checked exactly: each stated given must evaluate to its number. Where the
givens contradict each other or fix the drawing only at coordinates that are no school values,
the reason is given and the drawing is left as it is.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np
import sympy

from variantgen.construction import Construction, ConstructionError, numeric
from variantgen.construction.evaluator import Point, evaluate_figure
from variantgen.derive.givens import read_givens, stated_givens
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import scene_of

FREE_POINT = re.compile(r"^(?P<label>[^\W\d][\w']*)=\((?P<x>-?\d+(?:\.\d+)?),(?P<y>-?\d+(?:\.\d+)?)\)$")
#: The most free points moved (each one two unknowns, each unknown one more figure per step).
MAX_FREE_POINTS = 10
_STEPS = 40
#: The most figures evaluated for one drawing: seeds are read before any worker's time budget
#: applies, so the search itself is bounded (a few seconds at most).
MAX_EVALUATIONS = 1500


class NotRebuilt(Exception):
    """Why the drawing could not be made exact."""


@dataclass(frozen=True)
class Rebuilt:
    construction: Construction
    moved: dict[str, str]  # label → the exact point, as written in the commands


def _measure(quantity: Quantity, points: dict[str, tuple[float, float]]) -> float:
    if quantity.kind == "length":
        (ax, ay), (bx, by) = (points[n] for n in quantity.args)
        return math.hypot(bx - ax, by - ay)
    a, v, c = (points[n] for n in quantity.args)
    u, w = (a[0] - v[0], a[1] - v[1]), (c[0] - v[0], c[1] - v[1])
    return abs(math.atan2(u[0] * w[1] - u[1] * w[0], u[0] * w[0] + u[1] * w[1]))


def rebuild(construction: Construction, stem: str) -> Rebuilt | None:
    """The construction with its free points moved so the givens of ``stem`` hold exactly; None
    when they hold already. Raises NotRebuilt with the reason when that cannot be done."""
    scene = scene_of(construction)
    stated = [(q, v) for q, v, _ in stated_givens(stem, scene) if v is not None and q.kind in ("length", "angle")]
    if not stated:
        return None
    held = read_givens(stem, scene)
    if all(q in held for q, _ in stated):
        return None
    free = [(i, m) for i, c in enumerate(construction.commands) if (m := FREE_POINT.match(c.replace(" ", "")))]
    if len(free) < 2 or len(free) > MAX_FREE_POINTS:
        raise NotRebuilt(f"the drawing has {len(free)} free points; between 2 and {MAX_FREE_POINTS} can be moved")
    # The points the picture names come first: they take the gauge (the first at the origin, the
    # second on the x-axis); hidden helpers come last and are the first pinned to round values.
    hidden = set(construction.style.get("hidden", []))
    unnamed = hidden | set(construction.style.get("label_hidden", []))
    free.sort(key=lambda f: (f[1]["label"] in hidden, f[1]["label"] in unnamed))
    targets = [float(numeric.value(v)) for _, v in stated]
    commands = list(construction.commands)

    def place(values: list[str]) -> dict[str, tuple[float, float]] | None:
        coords = [("0", "0"), (values[0], "0")] + [(values[k], values[k + 1]) for k in range(1, len(values), 2)]
        trial = list(commands)
        for (i, m), (x, y) in zip(free, coords, strict=True):
            trial[i] = f"{m['label']}=({x},{y})"
        try:
            objects = evaluate_figure(tuple(trial)).objects
        except ConstructionError:
            return None
        return {n: (float(numeric.value(o.x)), float(numeric.value(o.y))) for n, o in objects.items() if isinstance(o, Point)}

    evaluations = [0]

    def residuals(x: np.ndarray) -> np.ndarray | None:
        evaluations[0] += 1
        if evaluations[0] > MAX_EVALUATIONS:
            raise NotRebuilt(f"no exact placement found within {MAX_EVALUATIONS} trial figures")
        points = place([f"{float(v):.17f}" for v in x])
        if points is None:
            return None
        return np.array([_measure(q, points) - t for (q, _), t in zip(stated, targets, strict=True)])

    def solve(x: np.ndarray, pinned: set[int]) -> np.ndarray | None:
        """Gauss–Newton (least squares, least change when the givens leave freedom) on the
        unknowns not pinned; None when the givens cannot all hold."""
        moving = [k for k in range(len(x)) if k not in pinned]
        for _ in range(_STEPS):
            r = residuals(x)
            if r is None:
                return None
            if float(np.max(np.abs(r))) < 1e-13:
                return x
            jacobian = np.empty((len(r), len(moving)))
            for column, k in enumerate(moving):
                nudged = x.copy()
                nudged[k] += 1e-7
                moved = residuals(nudged)
                if moved is None:
                    return None
                jacobian[:, column] = (moved - r) / 1e-7
            step, *_ = np.linalg.lstsq(jacobian, -r, rcond=None)
            x = x.copy()
            x[moving] += step
        final = residuals(x)
        return x if final is not None and float(np.max(np.abs(final))) < 1e-9 else None

    x = solve(_drawn(free), set())
    if x is None:
        raise NotRebuilt("no placement of the drawing's points makes every stated length and angle hold")
    # Freedom the givens leave (a helper point that only builds another one, a parallelogram given
    # by one diagonal): pin unknowns to round values near the drawing, helpers first, while the
    # givens still hold, until they fix the rest. Any figure that meets the givens answers a
    # question the givens determine; the drawing's look is kept as far as they allow.
    pinned: set[int] = set()
    for k in reversed(range(len(x))):
        if len(x) - len(pinned) <= len(stated):
            break
        for nice in (round(x[k]), round(2 * x[k]) / 2, round(10 * x[k]) / 10):
            trial = x.copy()
            trial[k] = nice
            solved = solve(trial, pinned | {k})
            if solved is not None:
                x, pinned = solved, pinned | {k}
                break
    exact = []
    for value in x:
        found = _coordinate(float(value))
        if found is None:
            raise NotRebuilt(f"the givens fix a coordinate at {float(value):.12g}, which is no school value")
        exact.append(found)
    coords = [(sympy.Integer(0), sympy.Integer(0)), (exact[0], sympy.Integer(0))]
    coords += [(exact[k], exact[k + 1]) for k in range(1, len(exact), 2)]
    coords = _turned_as_drawn(coords, [(float(m["x"]), float(m["y"])) for _, m in free])
    moved = {}
    for (i, m), (px, py) in zip(free, coords, strict=True):
        commands[i] = moved[m["label"]] = f"{m['label']}=({sympy.sstr(px)},{sympy.sstr(py)})"
    # the drawn window no longer fits the moved points: the view is fitted again, and the texts
    # written beside the figure ("AC=2") move with it
    old = [complex(float(m["x"]), float(m["y"])) for _, m in free]
    new = [complex(float(px), float(py)) for px, py in coords]
    style = dict(construction.style)
    if style.get("texts"):
        style["texts"] = [_carried(text, old, new) for text in style["texts"]]
    rebuilt = Construction(tuple(commands), construction.target, None, style)
    confirmed = read_givens(stem, scene_of(rebuilt))
    if not all(q in confirmed for q, _ in stated):
        raise NotRebuilt("the rebuilt figure does not meet every stated given exactly")
    return Rebuilt(rebuilt, moved)


def _carried(text: dict[str, Any], old: list[complex], new: list[complex]) -> dict[str, Any]:
    """A text box moved by the similarity (turn, scale, shift) that best takes the drawn free
    points to the rebuilt ones, so a given written beside the figure stays beside it."""
    mean_old, mean_new = sum(old) / len(old), sum(new) / len(new)
    spread = sum(abs(z - mean_old) ** 2 for z in old) or 1.0
    a = sum((z - mean_old).conjugate() * (w - mean_new) for z, w in zip(old, new, strict=True)) / spread
    moved = a * complex(float(text["x"]), float(text["y"])) + (mean_new - a * mean_old)
    return {**text, "x": round(moved.real, 4), "y": round(moved.imag, 4)}


def _turned_as_drawn(
    coords: list[tuple[sympy.Expr, sympy.Expr]], drawn: list[tuple[float, float]]
) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """The rebuilt points turned by the quarter turn that best matches the drawing (the solve put
    the first point at the origin and the second on the x-axis); a quarter turn keeps every
    coordinate exact, and never a reflection: GeoGebra's angles are oriented."""
    new = [complex(float(x), float(y)) for x, y in coords]
    old = [complex(x, y) for x, y in drawn]
    new_mean, old_mean = sum(new) / len(new), sum(old) / len(old)
    fit = sum((z - new_mean).conjugate() * (w - old_mean) for z, w in zip(new, old, strict=True))
    turns = max(range(4), key=lambda k: (fit * 1j ** (-k)).real)  # i^k·z lies nearest the drawing
    for _ in range(turns):
        coords = [(-y, x) for x, y in coords]
    return coords


def _coordinate(value: float) -> sympy.Expr | None:
    """A coordinate as an exact school value: 0, r, r·π, ±√r, or a + b√c (a helper pinned at 3/2
    moves a corner to 3/2 + √3). Found to 12 digits; the rebuilt figure is then checked exactly."""
    if abs(value) < 1e-8:  # the exact check that follows decides whether it is really 0
        return sympy.Integer(0)
    found = numeric.recognise(sympy.Float(repr(value), 17), digits=12)
    if found is not None:
        return found
    for c in (2, 3, 5, 6, 7):
        relation = mpmath.pslq([mpmath.mpf(value), 1, mpmath.sqrt(c)], tol=1e-12, maxcoeff=1000, maxsteps=2000)
        if relation and relation[0] != 0:
            a0, a1, a2 = relation
            return sympy.Rational(-a1, a0) + sympy.Rational(-a2, a0) * sympy.sqrt(c)
    return None


def _drawn(free: list[tuple[int, re.Match[str]]]) -> np.ndarray:
    """The drawn free points, moved so the first is at the origin and the second on the x-axis."""
    points = [(float(m["x"]), float(m["y"])) for _, m in free]
    (ox, oy), (px, py) = points[0], points[1]
    turn = -math.atan2(py - oy, px - ox)
    cos, sin = math.cos(turn), math.sin(turn)
    moved = [((x - ox) * cos - (y - oy) * sin, (x - ox) * sin + (y - oy) * cos) for x, y in points]
    return np.array([moved[1][0]] + [c for p in moved[2:] for c in p])

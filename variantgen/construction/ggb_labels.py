"""Point names as a ``.ggb`` picture shows them: text objects placed at points become their names.

A third of the We-Math site's files hide the points' own labels and write the letters as text
objects beside them: the picture shows A, B, C at points GeoGebra calls E, C, D. A question about
the file must use the names the picture shows, and a transform that moves a point must move its
name with it; so each one-letter text placed next to a point (its nearest point, which has no
nearer such text) renames that point (a point that held the name before gets a fresh one), and
the text object is dropped. The renamed points' labels are shown.
"""

from __future__ import annotations

import math
import re
from typing import Any

from variantgen.construction.errors import ConstructionError
from variantgen.construction.evaluator import Point, evaluate
from variantgen.construction.model import Construction
from variantgen.construction.syntax import label_of, tokenize

#: A text that is a point's name: A, B', C1, P_1.
_POINT_NAME = re.compile(r"^[A-Z](?:'{1,2}|_?\d)?$")
#: How near a text must sit to its point, as a share of the view's diagonal (labels sit a few
#: pixels off their point; the givens written beside a figure sit farther away).
NEAR = 0.06
_FRESH = "PQRSTUVWXYZKLMNHJ"


def _points(commands: list[str]) -> dict[str, tuple[float, float]]:
    """The points of the figure and where they are (floats are enough to match texts). Hidden
    points count: the origin of drawn axes is often a hidden point with an "O" beside it."""
    try:
        objects = evaluate(Construction(tuple(commands), "0")).objects
    except ConstructionError:
        return {}
    return {name: (float(obj.x), float(obj.y)) for name, obj in objects.items() if isinstance(obj, Point)}


def rename_by_texts(
    commands: list[str], style: dict[str, Any], view: dict[str, float] | None
) -> tuple[list[str], dict[str, Any]]:
    """The figure with each point named as the text placed next to it reads, and those texts gone."""
    texts = [t for t in style.get("texts", []) if _POINT_NAME.match(str(t.get("text", "")).strip())]
    if not texts:
        return commands, style
    points = _points(commands)
    if not points:
        return commands, style
    if view:
        diagonal = math.hypot(view["xmax"] - view["xmin"], view["ymax"] - view["ymin"])
    else:
        xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
        diagonal = math.hypot(max(xs) - min(xs), max(ys) - min(ys)) or 1.0

    # A text names the point nearest to it when that point has no nearer name-text: the letters
    # beside a figure's corners, not a centroid's "O" that no point stands for.
    def distance(text: dict[str, Any], point: str) -> float:
        return math.hypot(points[point][0] - float(text["x"]), points[point][1] - float(text["y"]))

    hidden = set(style.get("hidden", []))
    reach = NEAR * diagonal

    def nearest(text: dict[str, Any]) -> str:
        """Drawn points first: a hidden helper next to a drawn corner must not take its name."""
        drawn = [p for p in points if p not in hidden and distance(text, p) <= reach]
        return min(drawn or points, key=lambda p: distance(text, p))

    naming: dict[str, str] = {}  # point label → the name its text shows
    used_texts: set[str] = set()
    for text in texts:
        point = nearest(text)
        closest = min(texts, key=lambda t: distance(t, point))
        name = str(text["text"]).strip()
        if distance(text, point) > reach or str(closest["text"]).strip() != name:
            continue
        if naming.get(point, name) != name or any(n == name and p != point for p, n in naming.items()):
            return commands, style  # one point with two names, or one name at two points: leave the file as drawn
        naming[point] = name
        used_texts.add(text["label"])
    mapping = {old: new for old, new in naming.items() if old != new}
    labels = {label_of(c) for c in commands} - {None}
    taken = set(labels) | set(naming.values())
    for label in labels:  # a point that held a name the picture gives to another point gets a fresh one
        if label in naming.values() and naming.get(label) != label and label not in mapping:
            fresh = next(f for f in _fresh_names() if f not in taken)
            taken.add(fresh)
            mapping[label] = fresh
    renamed = [rename(command, mapping) for command in commands]
    return renamed, _renamed_style(style, mapping, set(naming.values()), used_texts)


def _fresh_names() -> Any:
    yield from _FRESH
    for i in range(1, 100):
        yield from (f"{letter}{i}" for letter in _FRESH)


def rename(command: str, mapping: dict[str, str]) -> str:
    """``command`` with every name in ``mapping`` replaced at once (names only, never inside a word)."""
    try:
        tokens = tokenize(command)
    except ConstructionError:
        return command
    out, last = [], 0
    for kind, text, column in tokens:
        if kind == "name" and text in mapping:
            start = column - 1
            out.append(command[last:start] + mapping[text])
            last = start + len(text)
    return "".join(out) + command[last:]


def renamed(construction: Construction, mapping: dict[str, str]) -> Construction:
    """The construction with its objects renamed, in its commands, target and style hints."""
    commands = tuple(rename(command, mapping) for command in construction.commands)
    style = _renamed_style(construction.style, mapping, set(), set())
    return Construction(commands, rename(construction.target, mapping), construction.view, style)


def _renamed_style(style: dict[str, Any], mapping: dict[str, str], shown: set[str], dropped: set[str]) -> dict[str, Any]:
    """The style hints under the new names: named points' labels shown, their texts removed."""
    result: dict[str, Any] = {}
    for key, value in style.items():
        if key == "texts":
            kept = [t for t in value if t.get("label") not in dropped]
            if kept:
                result[key] = kept
        elif isinstance(value, list):
            names = [mapping.get(n, n) for n in value]
            if key in ("label_hidden", "hidden"):  # a name the picture wrote is drawn, with its point
                names = [n for n in names if n not in shown]
            if names:
                result[key] = names
        elif isinstance(value, dict):
            result[key] = {mapping.get(n, n): v for n, v in value.items()}
        else:
            result[key] = value
    return result

"""A first question for a figure that comes without one: a GeoGebra file from a figure library.

The We-Math site keeps thousands of ``.ggb`` figures in folders named by knowledge point, most of
them with their givens written beside the drawing ("∠B=30°", "AC=2", "BE=AE"). The figure is cut
to what its picture shows (the hidden scaffolding of a draft goes); the written texts are the
question's givens, and what the construction defines (a midpoint, a bisector, a foot, a
parallelogram) is stated in words, so the question says everything its answer rests on. The
drawing is rebuilt so the written numbers hold exactly; a figure that writes relations but no
number is scaled so that one length or area of it is a round number the question states. The
derivation engine closes the givens under its theorems, and the question asks the derived
quantity a teacher would set — a school answer, named by points the picture labels, using the
folder's knowledge point where one can, else the most knowledge points. The seed it makes is
checked like any other: exactly, and by GeoGebra when the figures are drawn.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sympy

from variantgen.answers import format_answer
from variantgen.construction import Construction, ConstructionError
from variantgen.construction.evaluator import X, evaluate_expression
from variantgen.construction.ggb import ImportedFigure
from variantgen.construction.ggb_labels import rename
from variantgen.construction.prune import names_used, shown_part
from variantgen.construction.syntax import label_of
from variantgen.derive.engine import derive
from variantgen.derive.givens import read_givens, relations_of
from variantgen.derive.histogram import Histogram, histogram_question, read_histogram
from variantgen.derive.planner import ASKABLE, askable_answer, asked
from variantgen.derive.quantity import Quantity
from variantgen.derive.rebuild import FREE_POINT, NotRebuilt, rebuild
from variantgen.derive.scene import CircleInfo, Scene, SolidInfo, same, scene_of
from variantgen.derive.school import is_school_value
from variantgen.derive.theorem import THEOREMS
from variantgen.io.atomic import write_jsonl
from variantgen.knowledge.catalogue import builtin, slug
from variantgen.text.grammar import join_and, upper_first
from variantgen.text.lettering import Lettering


class NoQuestion(Exception):
    """Why a figure yields no sound question."""


@dataclass(frozen=True)
class FigureQuestion:
    question: str
    answer: str
    construction: Construction
    knowledge_points: tuple[str, ...]
    note: str  # how the figure was made exact, for the seed's meta
    uses_folder_point: bool = False
    rounding: int | None = None  # decimal places the answer is asked to


@dataclass(frozen=True)
class FolderPoint:
    """The knowledge point a figure's folders name (``names``: as written or in English, the
    innermost folder first: a principle such as "Angle Bisector Theorem (Inside Triangle)", then
    its knowledge point) and the catalogue ids a derivation may use to count as using it."""

    names: tuple[str, ...]
    ids: frozenset[str]

    @property
    def name(self) -> str:
        return self.names[0]

    def used_by(self, points: list[str]) -> bool:
        if set(points) & self.ids:
            return True
        for name in self.names:
            words = set(slug(name).split("-")) - _PLAIN_WORDS
            if words and any(words <= set(p.split("-")) for p in points):
                return True
        return False


#: Words a knowledge point's name has that say nothing of which one it is.
_PLAIN_WORDS = {"of", "the", "a", "and", "in", "inside", "properties", "definition", "application", "calculation"}


def folder_point(names: tuple[str, ...], wemath_rows: list[dict[str, Any]] | None = None) -> FolderPoint | None:
    """The knowledge point of a figure's folders (innermost first): English slugs
    (``angle-bisector``), or We-Math's Chinese knowledge points and principles (``角平分线``,
    ``角平分线定理（三角形内）``) read through We-Math's knowledge file into the English names the
    built-in catalogue knows. None when no folder names one."""
    catalogue = builtin()
    english: list[str] = []
    for name in names:
        found = [name] if name.isascii() else []
        for row in wemath_rows or ():
            if name == row.get("principle_cn"):
                found.append(str(row.get("principle_en") or ""))
            if name == row.get("kp_cn"):
                found.append(str(row.get("kp_en") or ""))
        english += [e for e in dict.fromkeys(found) if e and e not in english]
    if not english:
        return None
    slugs = {slug(e) for e in english}
    ids = {kp.id for kp in catalogue if kp.wemath in english or kp.name in english or kp.id in slugs}
    return FolderPoint(tuple(english), frozenset(ids))


#: A text beside a figure that states a given: "AC=2", "∠ABC = 60°", "AB=AC", "∠AOM=∠BOM".
_GIVEN_TEXT = re.compile(r"^(?:∠\s*[A-Z]{1,3}|[A-Z]{2})\s*=\s*(?:\d+(?:\.\d+)?\s*°?|\d+/\d+|√\d+|\d+√\d+|[A-Z]{2}|∠\s*[A-Z]{3})$")
#: Round numbers a question states where the figure writes relations but no number.
_ROUND_LENGTH, _ROUND_AREA = 6, 12
#: Lengths and areas tried as the stated number (each one more engine run).
_SCALE_TRIES = 6


def _written(construction: Construction) -> list[str]:
    texts = [" ".join(str(t["text"]).split()) for t in construction.style.get("texts", [])]
    return [re.sub(r"\s*=\s*", " = ", text) for text in texts if _GIVEN_TEXT.match(text)]


def _listed(givens: list[str]) -> str:
    if not givens:
        return ""
    listed = givens[0] if len(givens) == 1 else f"{', '.join(givens[:-1])} and {givens[-1]}"
    return f"In the figure, {listed}."


def question_for(figure: ImportedFigure, folder: FolderPoint | None = None) -> FigureQuestion:
    """The figure's first question, or NoQuestion with the reason."""
    construction = _single_letters(shown_part(_merged_copies(_origin_free(figure.construction("0")))))
    histogram = read_histogram(construction)
    if histogram is not None:  # a chart: its question is about its data, not its shapes
        return _histogram_question(construction, histogram, folder)
    construction, tangents = _snap_tangents(_snap_midpoints(construction))
    construction = shown_part(construction)  # the helpers a snapped line ran through are gone
    givens = _written(construction)
    stem = " ".join(filter(None, (_listed(givens), *tangents)))
    note = "drawn as the file has it"
    # A secant's written length is carried by construction once the rest holds: the drawing is
    # rebuilt for the other givens first, then the secant's helper is placed.
    secants = _secants(construction, givens)
    rest = " ".join(filter(None, (_listed([g for g in givens if g not in {s.given for s in secants}]), *tangents)))
    if stem:
        try:
            rebuilt = rebuild(construction, rest) if rest else None
        except NotRebuilt as exc:
            raise NoQuestion(f"the drawing does not meet its written givens exactly: {exc}") from None
        if rebuilt is not None:
            construction, note = (
                rebuilt.construction,
                f"points moved so the givens hold exactly: {', '.join(rebuilt.moved.values())}",
            )
        for secant in secants:
            carried = _carry(construction, secant)
            if carried is None:
                raise NoQuestion(f"the drawing cannot meet {secant.given}: the circle about {secant.p} misses the circle")
            construction, note = carried, f"{note}; {secant.helper} placed so that {secant.given}"
    scene = scene_of(construction)
    shapes = _solids(scene, stem) if scene.in_space else _exact_shapes(scene, stem)  # a cuboid's faces go without saying
    stem = " ".join(filter(None, (*_graphs(scene), *_conic_sentences(scene), stem, *shapes)))
    known = read_givens(stem, scene)
    stem = " ".join(filter(None, (stem, *_unwritten(known, stem, scene))))
    if any(q.is_measure or q.kind == "function" for q in known):
        tries = [(construction, stem, note)]
    else:
        tries = list(_scaled(construction, stem, scene))
        if not tries:
            what = f"the written givens ({'; '.join(givens)})" if givens else "the figure"
            verb = "state" if givens else "states"
            raise NoQuestion(f"{what} {verb} no length or angle, and no length or area of it can be stated by scaling it")
    best: tuple[tuple[Any, ...], FigureQuestion] | None = None
    reasons = []
    for made, words, how in tries:
        found = _best_question(made, words, folder, how)
        if isinstance(found, str):
            reasons.append(found)
        elif best is None or found[0] > best[0]:
            best = found
    if best is None:
        raise NoQuestion(reasons[0])
    return best[1]


def _histogram_question(construction: Construction, histogram: Histogram, folder: FolderPoint | None) -> FigureQuestion:
    """The median of the data a histogram draws (its mean where the folder says so)."""
    asks = "mean" if folder is not None and any("mean" in name.lower() for name in folder.names) else "median"
    made = histogram_question(construction, histogram, asks)
    points = made["knowledge_points"]
    return FigureQuestion(
        made["question"],
        made["answer"],
        made["construction"],
        points,
        "the data read from the bars' labels, checked against their heights",
        folder is not None and folder.used_by(list(points)),
        made["rounding"],
    )


def _best_question(
    construction: Construction, stem: str, folder: FolderPoint | None, note: str
) -> tuple[tuple[Any, ...], FigureQuestion] | str:
    """The best first question with its rank, or why there is none."""
    scene = scene_of(construction)
    known = _stated(read_givens(stem, scene), stem)
    if not any(q.is_measure or q.kind == "function" for q in known):
        return "none of the givens is a length, angle or graph of the figure"
    scene = dataclasses.replace(scene, relations=relations_of(known))
    closure = derive(scene, known)
    shown = _labelled(scene)
    shown |= {f for f in scene.functions if f not in construction.style.get("hidden", [])}  # stated by their formula
    shown |= {name for solid in scene.solids() for name in (solid.label, *solid.parts)}  # asked by what they are
    stated = [step.value for step in closure.known.values() if step.rule == "given" and step.value is not None]
    candidates: list[tuple[tuple[Any, ...], Any]] = []
    definitions = []
    segments = {frozenset(m.groups()) for c in construction.commands if (m := _DRAWN_SEGMENT.match(c.replace(" ", "")))}
    for quantity, step in closure.known.items():
        if step.rule == "given" or quantity.kind not in ASKABLE or not set(quantity.names) <= shown:
            continue
        if not askable_answer(quantity, step.value, closure) or any(same(step.value, v) for v in stated):
            continue
        if not all(scene.confirmed(s.quantity) for s in closure.traceback(quantity, check=False) if s.quantity.is_measure):
            continue
        points = [p for p in closure.knowledge_points(quantity) if p]
        if not points:  # read off the givens by a definition (P the midpoint of AC = 4: CP = 2): no question
            definitions.append(quantity.symbol())
            continue
        uses = folder is not None and folder.used_by(points)
        # A first question: about the folder's point (its last step, best), a length, angle or area,
        # in two or three steps (the step corners add more), with a short answer.
        last = folder is not None and folder.used_by([THEOREMS[step.rule].knowledge_point])
        plain = quantity.kind not in ("sin", "cos", "tan")  # a length or angle rather than a ratio
        # of a solid: a segment the author drew into it (a space diagonal), then its volume or
        # surface, then an edge or a face's area
        drawn = quantity.kind == "length" and scene.line_through(*quantity.args) is not None
        solid = int(drawn or quantity.kind == "area")
        if not scene.in_space or (drawn and frozenset(quantity.args) in segments):
            solid = 3
        elif quantity.kind in ("volume", "surface-area", "lateral-area"):
            solid = 2
        rank = (uses, last, plain, solid, -abs(len(points) - 2.5), -len(format_answer(step.value, quantity.answer_kind)))
        candidates.append((rank, quantity))
    if not candidates:
        if definitions:
            return f"the givens only give what a definition reads off ({', '.join(sorted(definitions)[:3])}): no question"
        return "no quantity named by the figure's labels is derived from its givens with a school answer"
    rank, quantity = max(candidates, key=lambda c: (c[0], str(c[1])))
    value = closure.known[quantity].value
    question = f"{stem} Find {asked(quantity, scene)}."
    points = tuple(p for p in closure.knowledge_points(quantity) if p)
    made = FigureQuestion(
        question,
        format_answer(value, quantity.answer_kind),
        construction.extend(target=quantity.expression()),
        points,
        note,
        rank[0],
    )
    return rank, made


_DRAWN_SEGMENT = re.compile(r"^\w+=Segment\(([A-Z]\w*),([A-Z]\w*)\)$")
#: How near (a share of the figure's size) a free point must lie to a midpoint to be taken as it.
_SNAP = 0.015


def _origin_free(construction: Construction) -> Construction:
    """``O=Intersect(xAxis,yAxis)`` is the point (0, 0): written so, it is a free point the rebuild
    may move with the others."""
    origin = re.compile(r"^(\w+)=Intersect\((?:xAxis,yAxis|yAxis,xAxis)\)$")
    commands = tuple(f"{m[1]}=(0,0)" if (m := origin.match(c.replace(" ", ""))) else c for c in construction.commands)
    return dataclasses.replace(construction, commands=commands)


def _merged_copies(construction: Construction) -> Construction:
    """A hidden object defined exactly as an earlier one (a draft copied six times to animate an
    altitude: the same free point, the same segment, the same intersection) is that object: its
    name is replaced by the earlier one's everywhere, so the copies add no unknowns to the rebuild
    and no coincident points to the figure."""
    first: dict[str, str] = {}  # a right-hand side, in the names already merged → its first label
    mapping: dict[str, str] = {}
    hidden = set(construction.style.get("hidden", []))
    kept = []
    for command in construction.commands:
        renamed = rename(command, mapping).replace(" ", "")
        label = label_of(renamed)
        definition = renamed.partition("=")[2] if label else ""
        if label and label in hidden and definition in first:
            mapping[label] = first[definition]
            continue
        if label and definition:
            first.setdefault(definition, label)
        kept.append(rename(command, mapping))
    return dataclasses.replace(construction, commands=tuple(kept)) if mapping else construction


def _single_letters(construction: Construction) -> Construction:
    """A solid's corners named A₁, B₁, C₁, D₁ take the next free letters (ABCD-EFGH, as many
    textbooks name a cuboid): the questions' text names points by single letters."""
    lettering = Lettering.of("", construction) if scene_of(construction).in_space else None
    return lettering.construction(construction) if lettering is not None else construction


def _snap_midpoints(construction: Construction) -> Construction:
    """A free point drawn by hand at the middle of a drawn segment (the centre P of a
    parallelogram on its diagonal AC, 0.7 % off) is that midpoint: the picture means it, and a
    question can say so. Only a point nothing else is built from is redefined, last."""
    scene = scene_of(construction)
    if len(scene.points) < 3 or scene.in_space:  # a solid's corners are placed by its command, not by eye
        return construction
    xs, ys = [float(x) for x, _ in scene.approx.values()], [float(y) for _, y in scene.approx.values()]
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    commands = list(construction.commands)
    foci = {f for conic in scene.conics() for f in conic.foci or ()}  # a focus is one, wherever a chord runs
    for i, command in enumerate(construction.commands):
        m = FREE_POINT.match(command.replace(" ", ""))
        label = m["label"] if m else None
        if label is None or label not in scene.points or label in foci:
            continue
        if any(label in names_used(c) for c in commands if c != command):
            continue
        px, py = float(m["x"]), float(m["y"])
        for line in scene.lines:
            a, b = line.points[0], line.points[-1]
            if label in (a, b):
                continue
            (ax, ay), (bx, by) = (tuple(map(float, scene.approx[n])) for n in (a, b))
            if abs(px - (ax + bx) / 2) + abs(py - (ay + by) / 2) < _SNAP * size:
                commands[i] = ""
                commands.append(f"{label}=Midpoint({a},{b})")
                break
    return dataclasses.replace(construction, commands=tuple(c for c in commands if c))


#: How near (a share of the radius) a line must pass to a circle's tangent to be taken as one.
_TANGENT_SNAP = 0.03
_INTERSECT = re.compile(r"^(?P<label>[A-Z]\w*)=Intersect\((?P<circle>\w+),(?P<line>\w+)(?:,\d)?\)$")
_THROUGH = re.compile(r"^(?P<label>\w+)=(?P<kind>Ray|Line|Segment)\((?P<p>[A-Z]\w*),(?P<q>\w+)\)$")


def _snap_tangents(construction: Construction) -> tuple[Construction, list[str]]:
    """A line from an outside point P drawn by hand to touch a circle about O is the tangent from
    P: its point T (where the line cuts the circle, at two points a hair apart, or a free point
    placed on the circle by eye) is redefined as the point where the circle on OP meets the
    circle, the line as PT, and the question says "PT is tangent to circle O at T"."""
    scene = scene_of(construction)
    commands = list(construction.commands)
    sentences: list[str] = []
    if scene.in_space:  # no circle of the plane to touch
        return construction, sentences
    for i, command in enumerate(construction.commands):
        compact = command.replace(" ", "")
        found = _touching(compact, commands, i, scene)
        if found is None:
            continue
        circle, p, t, line = found
        o = str(circle.centre)
        radius = float(scene.objects[circle.label].radius)
        distance, gap = scene.numeric(scene.length(o, p)), scene.numeric(scene.distance_to_line(o, p, t))
        if distance is None or gap is None or not float(distance) > radius or abs(float(gap) - radius) > _TANGENT_SNAP * radius:
            continue
        tangent = f"Intersect({circle.label},Circle(Midpoint({o},{p}),{o}),{{}})"
        trials = [
            dataclasses.replace(construction, commands=tuple(c for c in [*commands[:i], f"{t}={tangent.format(k)}"] if c))
            for k in (1, 2)
        ]
        chosen = _nearest(trials, t, (float(scene.approx[t][0]), float(scene.approx[t][1])))
        if chosen is None:
            continue
        commands[i] = f"{t}={tangent.format(chosen + 1)}"
        if line is not None:  # the line was drawn first, towards a helper: now it runs to T
            j, kind, label = line
            commands[j], commands[i] = "", f"{commands[i]}\n{label}={kind}({p},{t})"
        sentences.append(f"{p}{t} is tangent to circle {o} at {t}.")
    flat = tuple(line for c in commands if c for line in c.split("\n"))
    return dataclasses.replace(construction, commands=flat), sentences


def _touching(
    compact: str, commands: list[str], i: int, scene: Scene
) -> tuple[Any, str, str, tuple[int, str, str] | None] | None:
    """(circle, P, T, the line to redraw or None) where command ``i`` defines a point T that a drawn
    line from P meets a centred circle at: T = Intersect(circle, line PQ), or T a free point on a
    line PT drawn later."""
    if m := _INTERSECT.match(compact):
        circle = next((c for c in scene.circles if c.label == m["circle"] and c.centre), None)
        for j, c in enumerate(commands[:i]):
            t = _THROUGH.match(c.replace(" ", ""))
            if circle and t and t["label"] == m["line"] and t["p"] in scene.points:
                if not any(m["line"] in names_used(c) for c in commands[j + 1 : i]):
                    return circle, t["p"], m["label"], (j, t["kind"], t["label"])
        return None
    hidden = scene.construction.style.get("hidden", [])
    if (m := FREE_POINT.match(compact)) and m["label"] in scene.points and m["label"] not in hidden:
        t = m["label"]
        later = commands[i + 1 :]
        for line in (_THROUGH.match(c.replace(" ", "")) for c in later):
            if line and line["q"] == t and line["p"] in scene.points and not any(c.startswith(f"{line['p']}=") for c in later):
                circle = next((k for k in scene.circles if _near_circle(scene, k, t)), None)
                if circle is not None:
                    return circle, line["p"], t, None
    return None


def _near_circle(scene: Scene, circle: Any, name: str) -> bool:
    if circle.centre is None:
        return False
    radius = float(scene.objects[circle.label].radius)
    distance = scene.numeric(scene.length(circle.centre, name))
    return distance is not None and abs(float(distance) - radius) < _TANGENT_SNAP * radius


_WRITTEN_LENGTH = re.compile(r"^([A-Z])([A-Z]) = (\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class _Secant:
    """A written length PA = d where A is where a line from P through a hidden helper H cuts a
    circle ``circle``: H can be the circle's point at distance d from P instead."""

    given: str
    p: str
    a: str
    helper: str
    circle: str
    length: str


def _secants(construction: Construction, givens: list[str]) -> list[_Secant]:
    commands = [c.replace(" ", "") for c in construction.commands]
    hidden = set(construction.style.get("hidden", []))
    labels = [label_of(c) for c in commands]
    found = []
    for given in givens:
        m = _WRITTEN_LENGTH.match(given)
        for x, y in ((m[1], m[2]), (m[2], m[1])) if m else ():
            cut = next((_INTERSECT.match(c) for c in commands if c.startswith(f"{y}=Intersect(")), None)
            line = _THROUGH.match(commands[labels.index(cut["line"])]) if cut and cut["line"] in labels else None
            if line is None or line["p"] != x or line["q"] not in hidden:
                continue
            j = labels.index(line["label"])
            if not any(line["q"] in names_used(c) for i, c in enumerate(commands) if i != j) and {cut["circle"], x} <= set(
                labels[:j]
            ):
                found.append(_Secant(given, x, y, line["q"], cut["circle"], m[3]))
                break
    return found


def _carry(construction: Construction, secant: _Secant) -> Construction | None:
    """The construction with the secant's helper redefined so its written length holds (the
    intersection nearer to where the drawing had the point), or None when the circles miss."""
    commands = [c for c in construction.commands if label_of(c) != secant.helper]
    at = next(
        i for i, c in enumerate(commands) if c.replace(" ", "").startswith(f"{secant.a}=") or secant.helper in names_used(c)
    )
    drawn = _drawn_at(construction, secant.a)
    helper = f"{secant.helper}=Intersect({secant.circle},Circle({secant.p},{secant.length}),{{}})"
    trials = [dataclasses.replace(construction, commands=(*commands[:at], helper.format(k), *commands[at:])) for k in (1, 2)]
    chosen = _nearest(trials, secant.a, drawn) if drawn is not None else None
    return None if chosen is None else trials[chosen]


def _nearest(trials: list[Construction], name: str, drawn: tuple[float, float]) -> int | None:
    """Which of the trial figures (a command's solutions 1 and 2) puts ``name`` nearest where the
    drawing had it, the first on a tie; None when none of them evaluates."""
    placed = [
        (abs(at[0] - drawn[0]) + abs(at[1] - drawn[1]), k) for k, trial in enumerate(trials) if (at := _drawn_at(trial, name))
    ]
    return min(placed)[1] if placed else None


def _drawn_at(construction: Construction, name: str) -> tuple[float, float] | None:
    try:
        x, y = scene_of(construction).approx[name]
    except Exception:  # noqa: BLE001 - a trial figure that does not evaluate places nothing
        return None
    return float(x), float(y)


def _graphs(scene: Scene) -> list[str]:
    """ "Consider the function f(x) = x^2 - 5x + 6." for each graph whose formula has school
    numbers: a graph drawn from its formula is stated by it, as a textbook's caption does."""
    sentences = []
    for label in scene.functions:
        expr = scene.objects[label].expr
        if expr.free_symbols != {X} or not all(is_school_value(n) for n in expr.atoms(sympy.Number)):
            continue
        formula = sympy.sstr(expr).replace("**", "^")
        formula = re.sub(r"(\d)\*(?=[a-z(])", r"\1", formula).replace("*", "·")
        sentences.append(f"Consider the function {label}(x) = {formula}.")
    return sentences


def _conic_sentences(scene: Scene) -> list[str]:
    """ "The ellipse x^2/25 + y^2/9 = 1 has foci F and G. P is a point of the ellipse." for each
    conic with its axis along x or y and its foci named: the question states its equation, as a
    textbook does, and which named points lie on it (a parabola's vertex, if named, as such)."""
    sentences = []
    for info in scene.conics():
        conic = scene.objects[info.label]
        equation = _equation(conic)
        if equation is None or not info.foci:
            continue
        foci = f"foci {info.foci[0]} and {info.foci[1]}" if len(info.foci) == 2 else f"focus {info.foci[0]}"
        sentences.append(f"The {conic.kind} {equation} has {foci}.")
        on = [p for p in info.on if p in _labelled(scene)]
        if conic.kind == "parabola":
            vertex = info.vertex if info.vertex in on else None
            if vertex:
                sentences.append(f"{vertex} is the vertex of the parabola.")
                on.remove(vertex)
        if on:
            sentences.append(f"{join_and(on)} {'is a point' if len(on) == 1 else 'are points'} of the {conic.kind}.")
        sentences += _focal_chords(scene, info, on)
    return sentences


def _focal_chords(scene: Scene, info: Any, on: list[str]) -> list[str]:
    """ "AB passes through the focus G, and FG ⊥ AB." for a drawn chord (or half-chord) through a
    focus, across the axis: the right angle a focal-chord question rests on, which the picture
    shows and the question must say."""
    foci = info.foci or ()
    sentences = []
    for h in foci:
        other = next((p for p in (*foci, info.vertex) if p is not None and p != h), None)
        if other is None:
            continue
        axis = "".join(sorted((h, other)))
        for line in scene.lines:
            ends = sorted(p for p in line.points if p in on)
            if h not in line.points or not ends or not scene.is_right(ends[0], h, other):
                continue
            if len(ends) == 2:
                sentences.append(f"The chord {''.join(ends)} passes through the focus {h}, and {axis} ⊥ {''.join(ends)}.")
            else:
                sentences.append(f"{axis} ⊥ {ends[0]}{h}.")
    return sentences


def _equation(conic: Any) -> str | None:
    """The conic's standard equation ("x^2/25 + y^2/9 = 1", "(y - 1)^2 = 8x"), or None where its
    axis is not along x or y or its numbers are no school values."""
    along_x, along_y = conic.axis.y == 0, conic.axis.x == 0
    if not (along_x or along_y):
        return None
    x, y = _shifted("x", conic.center.x), _shifted("y", conic.center.y)
    if conic.kind == "parabola":
        sign = "-" if (conic.axis.x if along_x else conic.axis.y) < 0 else ""
        two_p = 2 * conic.a
        if not is_school_value(two_p):
            return None
        across, along = (y, x) if along_x else (x, y)
        return f"{across}^2 = {sign}{_coefficient(two_p)}{along}"
    a2, b2 = conic.a**2, conic.b**2
    if not (a2.is_Rational and b2.is_Rational):
        return None
    first, second = (x, y) if along_x else (y, x)
    joiner = "+" if conic.kind == "ellipse" else "-"
    return f"{first}^2/{_written_value(a2)} {joiner} {second}^2/{_written_value(b2)} = 1".replace("^2/1 ", "^2 ")


def _shifted(variable: str, centre: sympy.Expr) -> str:
    if centre == 0:
        return variable
    return f"({variable} - {_written_value(centre)})" if centre > 0 else f"({variable} + {_written_value(-centre)})"


def _coefficient(value: sympy.Expr) -> str:
    return "" if value == 1 else _written_value(value)


def _exact_shapes(scene: Scene, stem: str) -> list[str]:
    """ "ABCD is a parallelogram." for each quadrilateral whose four sides the figure draws and that
    its construction makes exactly that shape (a rectangle, rhombus or square where it is one)."""
    sentences = []
    for cycle in _drawn_quadrilaterals(scene):
        a, b, c, d = cycle
        if not set(cycle) <= _labelled(scene) or not (scene.parallel(a, b, d, c) and scene.parallel(a, d, b, c)):
            continue
        right, equal = scene.is_right(d, a, b), scene.equal_lengths((a, b), (a, d))
        shape = "square" if right and equal else "rectangle" if right else "rhombus" if equal else "parallelogram"
        name = "".join(cycle)
        if name not in stem:
            sentences.append(f"{name} is {'an' if shape[0] in 'aeiou' else 'a'} {shape}.")
    return sentences


def _solids(scene: Scene, stem: str) -> list[str]:
    """ "ABCD-EFGH is a cuboid." for each solid whose corners the picture names, and, where the
    written givens state no length, the dimensions a textbook states of it (a cuboid's three edges
    at a corner, a regular pyramid's base edge and height, a cylinder's or cone's radius and
    height, a sphere's radius) when they are school values."""
    sentences = []
    labelled = _labelled(scene)
    for solid in scene.solids():
        if not set(solid.corners) <= labelled or solid.shape in ("prism", "pyramid"):
            continue
        relation = Quantity(solid.shape, solid.corners)
        sentences.append(_sentence(relation))
        for circle in _sections(scene, solid, labelled):  # a sphere's, by their centres and named points
            on = [p for p in circle.on if p in labelled]
            named = on[0] if len(on) == 1 else f"{', '.join(on[:-1])} and {on[-1]}"
            points = f"{named} {'is a point' if len(on) == 1 else 'are points'}"
            sentences.append(f"A plane cuts the sphere in a circle with centre {circle.centre}, and {points} of that circle.")
        if any(ch.isdigit() for ch in stem):
            continue
        lengths = [scene.length(*pair) for pair in _dimensions(scene, solid)]
        values = [scene.value(q) for q in lengths]
        if lengths and all(v is not None for v in values):
            sentences.append(_listed([f"{q.symbol()} = {_written_value(v)}" for q, v in zip(lengths, values, strict=True)]))
    return sentences


def _sections(scene: Scene, solid: SolidInfo, labelled: set[str]) -> list[CircleInfo]:
    """A sphere's plane sections the figure draws, each with its centre and a point of it named."""
    if solid.shape != "sphere":
        return []
    return [
        c
        for c in scene.circles
        if c.centre in labelled and c.centre != solid.corners[0] and set(c.on) <= set(solid.rim) and set(c.on) & labelled
    ]


def _written_value(value: sympy.Expr) -> str:
    """A length as a question states it: 4, √17, 2√3."""
    return re.sub(r"(\d*)\*?sqrt\((\d+)\)", r"\1√\2", format_answer(value, "number"))


def _dimensions(scene: Scene, solid: SolidInfo) -> list[tuple[str, str]]:
    """The segments whose lengths fix a solid, between points the picture names."""
    labelled = _labelled(scene)
    base, top = solid.base, solid.top
    if solid.shape == "cube":
        return [(base[0], base[1])]
    if solid.shape == "cuboid":
        return [(base[0], base[1]), (base[1], base[2]), (base[0], top[0])]
    if solid.shape == "regular-pyramid":
        centre = next(
            (
                p
                for p in labelled
                if p not in solid.corners and scene.collinear(p, base[0], base[2]) and scene.between(base[0], p, base[2])
            ),
            None,
        )
        # with the centre named, the height; else a lateral edge (a face's sides are then known)
        return [(base[0], base[1]), (solid.corners[0], centre) if centre else (solid.corners[0], base[0])]
    if solid.shape == "regular-frustum":  # its base edge, top edge and a lateral edge
        return [(base[0], base[1]), (top[0], top[1]), (base[0], top[0])]
    if solid.shape == "cone-frustum":  # its radii and height
        o, q = solid.corners
        low = next((p for p in sorted(solid.rim) if p in labelled and scene.is_right(q, o, p)), None)
        high = next((p for p in sorted(solid.rim) if p in labelled and scene.is_right(o, q, p)), None)
        return [(o, low), (q, high), (o, q)] if low and high else []
    if solid.shape in ("frustum", "prism"):
        return []
    if solid.shape == "right-prism":  # the base's sides and a lateral edge
        return [(base[i], base[(i + 1) % len(base)]) for i in range(len(base))] + [(base[0], top[0])]
    centre = solid.corners[1] if solid.shape == "cone" else solid.corners[0]
    rim = next((p for p in sorted(solid.rim) if p in labelled), None)
    if rim is None:
        return []
    if solid.shape == "sphere":  # and the distance to a plane section
        return [(centre, rim)] + [(centre, c.centre) for c in _sections(scene, solid, labelled)[:1]]
    return [(centre, rim), tuple(solid.corners)]  # type: ignore[list-item]


def _drawn_quadrilaterals(scene: Scene) -> list[tuple[str, str, str, str]]:
    """Quadrilaterals ABCD whose sides AB, BC, CD, DA the figure draws, each once, named from
    the alphabetically first vertex round the way that puts the smaller neighbour second."""
    found = set()
    names = sorted(scene.points)
    for a, b, c, d in itertools.permutations(names, 4):
        if a != min(a, b, c, d) or b > d:
            continue
        sides = ((a, b), (b, c), (c, d), (d, a))
        if all(scene.line_through(*side) for side in sides) and not any(
            scene.collinear(*t) for t in ((a, b, c), (b, c, d), (c, d, a), (d, a, b))
        ):
            found.add((a, b, c, d))
    return sorted(found)


def _unwritten(known: dict[Quantity, str], stem: str, scene: Scene) -> list[str]:
    """A sentence for each relation the construction defines that the written givens leave out
    ("D is the midpoint of BC."), where the picture labels its points: the question must state
    what its answer rests on (``_stated`` drops the rest). The midpoint of a parallelogram's
    diagonal is said as what it is, the parallelogram's centre: "P is the midpoint of AC" would
    read AP off by definition, where the figure is about the centre's symmetry."""
    return [
        _centre_sentence(q, stem) or _sentence(q)
        for q, words in known.items()
        if not q.is_measure
        and words not in stem
        and q.kind in ("midpoint", "bisector", "foot")
        and set(q.names) <= _labelled(scene)
    ]


_QUADRILATERAL_STATED = re.compile(r"\b([A-Z]{4}) is an? (parallelogram|rectangle|rhombus|square)\.")


def _centre_sentence(relation: Quantity, stem: str) -> str | None:
    """ "P is the centre of symmetry of parallelogram ABCD." for P the midpoint of its diagonal."""
    if relation.kind != "midpoint":
        return None
    centre, a, c = relation.args
    for m in _QUADRILATERAL_STATED.finditer(stem):
        corners = m.group(1)
        if {a, c} in ({corners[0], corners[2]}, {corners[1], corners[3]}) and centre not in corners:
            return f"{centre} is the centre of symmetry of {m.group(2)} {corners}."
    return None


def _sentence(relation: Quantity) -> str:
    return f"{upper_first(relation.symbol())}."


def _stated(known: dict[Quantity, str], stem: str) -> dict[Quantity, str]:
    """The givens the question states: a relation the construction defines counts only where the
    question says it in words."""
    return {q: words for q, words in known.items() if q.is_measure or words in stem or _sentence(q) in stem}


def _labelled(scene: Scene) -> set[str]:
    """The points whose names the picture shows."""
    return set(scene.points) - scene.unnamed


def _scaled(construction: Construction, stem: str, scene: Scene) -> Iterator[tuple[Construction, str, str]]:
    """The figure scaled about the origin so that a length (a side, a segment it draws) or the area
    of a triangle or polygon it draws is a round number, stated in the question; a figure with
    lengths fixed by number (a circle of radius 3) cannot be scaled and gives none."""
    options: list[tuple[Quantity, int]] = [
        (scene.area(*polygon), _ROUND_AREA) for polygon in [*scene.polygons, *scene.triangles[:2]]
    ]
    segments = {(line.points[0], line.points[-1]) for line in scene.lines}
    segments |= {pair for line in scene.lines for pair in zip(line.points, line.points[1:], strict=False)}
    options += [(scene.length(a, b), _ROUND_LENGTH) for a, b in sorted(segments)]
    for quantity, number in options[:_SCALE_TRIES]:
        scaled = _scale_to(construction, scene, quantity, number)
        if scaled is not None:
            words = (
                f"{upper_first(asked(quantity, scene))} is {number}."
                if quantity.kind == "area"
                else f"{quantity.symbol()} = {number}."
            )
            yield scaled, f"{stem} {words}".strip(), f"scaled so that {quantity.symbol()} = {number}"


def _scale_to(construction: Construction, scene: Scene, quantity: Quantity, number: int) -> Construction | None:
    try:
        current, _ = evaluate_expression(quantity.expression(), scene.objects)
    except ConstructionError:
        return None
    if not isinstance(current, sympy.Expr) or not current.is_positive:
        return None
    ratio = sympy.Integer(number) / current
    ratio = sympy.sqrt(ratio) if quantity.kind == "area" else ratio
    if sympy.count_ops(ratio) > 12:
        return None
    commands = []
    for command in construction.commands:
        m = FREE_POINT.match(command.replace(" ", ""))
        if m:
            x, y = (sympy.Rational(m[k]) * ratio for k in ("x", "y"))
            command = f"{m['label']}=({sympy.sstr(sympy.radsimp(x))},{sympy.sstr(sympy.radsimp(y))})"
        commands.append(command)
    style = dict(construction.style)
    if style.get("texts"):  # the givens written beside the figure stay beside it
        k = float(ratio)
        style["texts"] = [{**t, "x": round(float(t["x"]) * k, 4), "y": round(float(t["y"]) * k, 4)} for t in style["texts"]]
    scaled = Construction(tuple(commands), construction.target, None, style)
    try:
        after = scene_of(scaled)
    except Exception:  # noqa: BLE001 - a figure that does not evaluate scaled is not scaled
        return None
    # a similarity: every drawn length is multiplied by the same ratio (a circle of radius 3 is not)
    factor = float(ratio)
    for line in scene.lines:
        a, b = line.points[0], line.points[-1]
        before, now = scene.numeric(scene.length(a, b)), after.numeric(after.length(a, b))
        if before is None or now is None or abs(float(now) - factor * float(before)) > 1e-9 * max(1.0, float(now)):
            return None
    return scaled if same(after.numeric(quantity), number) else None


def seed_id(relative: str) -> str:
    """The seed's id: the figure's path under the folder, any script kept (角平分线-1, not -1)."""
    return re.sub(r"[^\w.-]+", "-", relative.removesuffix(".ggb")).strip("-")


def seeds_from_figures(folder: Path, out: Path, wemath_knowledge: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    """A seed per ``.ggb`` under ``folder`` (its knowledge point: the folders it lies in, read as
    slugs or, with We-Math's knowledge file, as We-Math's Chinese names), written to ``out``; the
    figures that yield none, each with the reason, returned and written beside it
    (``out`` with ``.rejected.jsonl``)."""
    from variantgen.construction.ggb import GgbImportError, read_ggb

    rows = json.loads(wemath_knowledge.read_text(encoding="utf-8")) if wemath_knowledge else None
    made, failed = 0, []
    with open(out, "w", encoding="utf-8") as handle:
        for path in sorted(folder.rglob("*.ggb")):
            relative = path.relative_to(folder).as_posix()
            point = folder_point(tuple(reversed(Path(relative).parent.parts)), rows)
            try:
                found = question_for(read_ggb(path), point)
            except (NoQuestion, GgbImportError) as exc:
                failed.append({"file": relative, "reason": str(exc)})
                continue
            except Exception as exc:  # noqa: BLE001 - one figure's failure is its own line, never the batch's
                failed.append({"file": relative, "reason": f"{type(exc).__name__}: {str(exc)[:200]}"})
                continue
            meta: dict[str, Any] = {"figure": relative, "figure_made_exact": found.note}
            if point is not None:
                meta |= {"principle": point.name, "uses_folder_knowledge_point": found.uses_folder_point}
            seed = {
                "id": seed_id(relative),
                "question": found.question,
                "answer": found.answer,
                "knowledge_points": list(found.knowledge_points),
                "construction": found.construction.to_dict(),
                "meta": meta,
            }
            if found.rounding is not None:
                seed["rounding"] = found.rounding
            handle.write(json.dumps(seed, ensure_ascii=False) + "\n")
            made += 1
    write_jsonl(out.with_suffix(".rejected.jsonl"), failed)
    return made, failed

"""A first question for a figure that comes without one: a GeoGebra file from a figure library.

The We-Math site keeps thousands of ``.ggb`` figures in folders named by knowledge point, most of
them with their givens written beside the drawing ("∠B=30°", "AC=2"). Those texts are the
question's givens; the drawing is rebuilt so they hold exactly; the derivation engine closes them
under its theorems, and the question asks the derived quantity a teacher would set — a school
answer, named by points the picture labels, using the folder's knowledge point where one can,
else the most knowledge points. The seed it makes is checked like any other: exactly, and by
GeoGebra when the figures are drawn.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from variantgen.answers import format_answer
from variantgen.construction import Construction
from variantgen.construction.ggb import ImportedFigure
from variantgen.derive.engine import derive
from variantgen.derive.givens import read_givens, relations_of
from variantgen.derive.planner import ASKABLE, askable_answer, shape_word
from variantgen.derive.rebuild import NotRebuilt, rebuild
from variantgen.derive.scene import scene_of

#: A text beside a figure that states a given: "AC=2", "∠ABC = 60°", "AB=AC".
_GIVEN_TEXT = re.compile(r"^(?:∠\s*[A-Z]{1,3}|[A-Z]{2})\s*=\s*(?:\d+(?:\.\d+)?\s*°?|√\d+|\d+√\d+|[A-Z]{2})$")


class NoQuestion(Exception):
    """Why a figure yields no sound question."""


@dataclass(frozen=True)
class FigureQuestion:
    question: str
    answer: str
    construction: Construction
    knowledge_points: tuple[str, ...]
    note: str  # how the figure was made exact, for the seed's meta


def _stem(figure: ImportedFigure) -> tuple[str, list[str]]:
    texts = [" ".join(str(t["text"]).split()) for t in figure.style.get("texts", [])]
    givens = [text for text in texts if _GIVEN_TEXT.match(text)]
    spaced = [re.sub(r"\s*=\s*", " = ", g) for g in givens]
    if not spaced:
        return "", []
    listed = spaced[0] if len(spaced) == 1 else f"{', '.join(spaced[:-1])} and {spaced[-1]}"
    return f"In the figure, {listed}.", givens


def _matches(points: list[str], wanted: str | None) -> bool:
    """Whether a derivation uses the folder's knowledge point (slugs compared by their words)."""
    if not wanted:
        return False
    words = set(wanted.replace("_", "-").split("-")) - {"of", "the", "a", "and", "in"}
    return any(words and words <= set(p.split("-")) or p == wanted for p in points)


def question_for(figure: ImportedFigure, knowledge_point: str | None = None) -> FigureQuestion:
    """The figure's first question, or NoQuestion with the reason."""
    stem, givens = _stem(figure)
    if not stem:
        raise NoQuestion("the figure writes no givens beside it (lengths or angles such as AC=2 or ∠B=30°)")
    construction = figure.construction("0")
    note = "drawn as the file has it"
    try:
        rebuilt = rebuild(construction, stem)
    except NotRebuilt as exc:
        raise NoQuestion(f"the drawing does not meet its written givens exactly: {exc}") from None
    if rebuilt is not None:
        construction, note = rebuilt.construction, f"points moved so the givens hold exactly: {', '.join(rebuilt.moved.values())}"
    scene = scene_of(construction)
    known = read_givens(stem, scene)
    if not any(q.is_measure for q in known):
        raise NoQuestion(f"none of the written givens ({'; '.join(givens)}) is a length or angle of the figure")
    scene = dataclasses.replace(scene, relations=relations_of(known))
    closure = derive(scene, known)
    hidden = set(figure.style.get("hidden", [])) | set(figure.style.get("label_hidden", []))
    shown = {name for name in scene.points if name not in hidden}
    candidates: list[tuple[tuple[Any, ...], Any]] = []
    for quantity, step in closure.known.items():
        if step.rule == "given" or quantity.kind not in ASKABLE or not set(quantity.names) <= shown:
            continue
        if not askable_answer(quantity, step.value, closure):
            continue
        if not all(scene.confirmed(s.quantity) for s in closure.traceback(quantity, check=False) if s.quantity.is_measure):
            continue
        points = closure.knowledge_points(quantity)
        rank = (_matches(points, knowledge_point), min(len(points), 5), -len(format_answer(step.value, quantity.answer_kind)))
        candidates.append((rank, quantity))
    if not candidates:
        raise NoQuestion("no quantity named by the figure's labels is derived from its givens with a school answer")
    _, quantity = max(candidates, key=lambda c: (c[0], str(c[1])))
    value = closure.known[quantity].value
    answer = format_answer(value, quantity.answer_kind)
    question = f"{stem} Find {quantity.phrase(shape_word(quantity, scene))}."
    points = closure.knowledge_points(quantity)
    kps = tuple(dict.fromkeys([*([knowledge_point] if knowledge_point else []), *points]))
    return FigureQuestion(question, answer, construction.extend(target=quantity.expression()), kps, note)


def seeds_from_figures(folder: Path, out: Path) -> tuple[int, list[dict[str, Any]]]:
    """A seed per ``.ggb`` under ``folder`` (its knowledge point: the folder it lies in, as a
    slug), written to ``out``; the figures that yield none, each with the reason."""
    from variantgen.construction.ggb import GgbImportError, read_ggb
    from variantgen.knowledge.catalogue import slug

    made, failed = 0, []
    with open(out, "w", encoding="utf-8") as handle:
        for path in sorted(folder.rglob("*.ggb")):
            relative = path.relative_to(folder).as_posix()
            point = slug(path.parent.name) if path.parent != folder else None
            try:
                found = question_for(read_ggb(path), point)
            except (NoQuestion, GgbImportError) as exc:
                failed.append({"file": relative, "reason": str(exc)})
                continue
            except Exception as exc:  # noqa: BLE001 - one figure's failure is its own line, never the batch's
                failed.append({"file": relative, "reason": f"{type(exc).__name__}: {str(exc)[:200]}"})
                continue
            seed = {
                "id": re.sub(r"[^A-Za-z0-9._-]+", "-", relative.removesuffix(".ggb")),
                "question": found.question,
                "answer": found.answer,
                "knowledge_points": list(found.knowledge_points),
                "construction": found.construction.to_dict(),
                "meta": {"figure": relative, "figure_made_exact": found.note},
            }
            handle.write(json.dumps(seed, ensure_ascii=False) + "\n")
            made += 1
    return made, failed

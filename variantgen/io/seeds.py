"""Reading seed problems from JSON Lines, one validated line at a time.

Every line yields either a Problem or a SeedError naming the line, the field and the reason; a
bad line never stops the file. Checks that need real work (evaluating a construction, comparing
its target with the answer) happen later, in the family expansion, and are reported the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from variantgen.construction import Construction, ConstructionError
from variantgen.construction.ggb import GgbImportError, read_ggb
from variantgen.derive.rebuild import NotRebuilt, rebuild
from variantgen.model import Problem, SolutionStep
from variantgen.text.choices import choice_of, split_choices
from variantgen.text.latex import plain_text
from variantgen.text.question import split_question
from variantgen.text.rounding import MAX_DECIMALS

#: A line longer than this is rejected without being parsed (a seed is a few KB at most).
MAX_LINE_BYTES = 1 << 20
MAX_ID_CHARS = 200
#: An answer is a number or a short expression; a JSON number longer than this is not an answer.
MAX_ANSWER_DIGITS = 100
MAX_ANSWER_CHARS = 2000
#: Pixels a seed's picture may have (a 30000×30000 header in a 74-byte file is a decompression bomb).
MAX_IMAGE_PIXELS = 40_000_000

FIELDS = (
    "id",
    "question",
    "answer",
    "knowledge_points",
    "construction",
    "image",
    "ggb",
    "target",
    "solution",
    "meta",
    "rounding",
)


@dataclass(frozen=True)
class SeedError:
    """Why a line of the seeds file produced no family."""

    line: int
    field: str | None
    reason: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "id": self.id, "field": self.field, "reason": self.reason}

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class SeedLine:
    """One non-blank line of the seeds file: a problem, or the error that replaced it."""

    line: int
    problem: Problem | None = None
    error: SeedError | None = None
    warnings: tuple[str, ...] = ()


class _Invalid(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def read_seeds(path: str | os.PathLike[str]) -> Iterator[SeedLine]:
    """Yield every non-blank line of ``path`` as a SeedLine; an empty file yields one error."""
    path = Path(path)
    root = path.resolve().parent
    seen: dict[str, int] = {}
    any_line = False
    with open(path, "rb") as handle:
        for number, raw in _lines(handle):
            if not raw.strip():
                continue
            any_line = True
            yield _parse_line(number, raw, root, seen)
    if not any_line:
        yield SeedLine(0, error=SeedError(0, None, f"no seeds: {path.name} is empty"))


def count_lines(path: str | os.PathLike[str]) -> int:
    """Number of lines, counted on bytes (fast; used for the progress bar's total)."""
    total, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            total += chunk.count(b"\n")
            last = chunk[-1:]
    return total + (last != b"\n")


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Lines with 1-based numbers; a line over MAX_LINE_BYTES comes back truncated to that many
    bytes plus one, so the caller can reject it without ever holding it whole."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield number, raw


def _parse_line(number: int, raw: bytes, root: Path, seen: dict[str, int]) -> SeedLine:
    seed_id: str | None = None
    try:
        record = _decode(raw)
        seed_id = _text(record, "id", limit=MAX_ID_CHARS)
        if seed_id in seen:
            raise _Invalid("id", f"duplicate id {seed_id!r} (first used on line {seen[seed_id]})")
        problem, warnings = _problem(record, seed_id, root)
    except _Invalid as exc:
        return SeedLine(number, error=SeedError(number, exc.field, exc.reason, seed_id))
    except Exception as exc:  # noqa: BLE001 - whatever a line does, it is that line's error, never the run's
        return SeedLine(number, error=SeedError(number, None, f"unreadable seed ({type(exc).__name__}: {_short(exc)})", seed_id))
    seen[seed_id] = number
    return SeedLine(number, problem=problem, warnings=warnings)


def _decode(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_LINE_BYTES:
        raise _Invalid(None, f"line is longer than {MAX_LINE_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Invalid(None, f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None
    try:
        record = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:  # the line's own column: the line break is not part of it
        column = min(exc.pos, len(text.rstrip("\r\n"))) + 1
        raise _Invalid(None, f"malformed JSON: {exc.msg} (column {column})") from None
    except RecursionError:
        raise _Invalid(None, "JSON nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise _Invalid(None, f"malformed JSON: {_short(exc)}") from None
    if not isinstance(record, dict):
        raise _Invalid(None, f"a seed must be a JSON object, got {_json_type(record)}")
    return record


def _problem(record: dict[str, Any], seed_id: str, root: Path) -> tuple[Problem, tuple[str, ...]]:
    warnings = tuple(f"unknown field {key!r} ignored" for key in record if key not in FIELDS)
    if "construction" in record and "ggb" in record:
        raise _Invalid("ggb", "give either construction or ggb, not both")
    stated = record.get("question")
    # one notation for the reader, the rewrites and the training set (checked as a field below)
    plain = plain_text(stated) if isinstance(stated, str) else ""
    if "ggb" in record:
        construction, drawn = _ggb_construction(record, root, plain)
        warnings += drawn
    else:
        construction = _construction(record)
    if "target" in record and "ggb" not in record:
        raise _Invalid("target", "target goes with ggb; a construction states its own target")
    images = (str(_path(record, "image", root, image=True)),) if "image" in record else ()
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        raise _Invalid("meta", f"expected an object, got {_json_type(meta)}")
    if "rounding" in record:  # the answer is rounded to this many decimal places (kept with the meta)
        rounding = record["rounding"]
        if not isinstance(rounding, int) or isinstance(rounding, bool) or not 0 <= rounding <= MAX_DECIMALS:
            raise _Invalid("rounding", f"expected the decimal places of a rounded answer, 0 to {MAX_DECIMALS}")
        meta = {**meta, "rounding": rounding}
    question = _text(record, "question")
    if plain != question:
        warnings += ("the question's LaTeX is written as plain text (∠A = 50°, not $\\angle A = 50^\\circ$)",)
    answer = _chosen(plain, _answer(record))
    problem = Problem(
        id=seed_id,
        question=plain,
        answer=answer,
        knowledge_points=tuple(_strings(record, "knowledge_points")),
        construction=construction,
        images=images,
        solution=tuple(SolutionStep(text) for text in _strings(record, "solution")),
        meta=meta,
    )
    return problem, warnings


def _ggb_construction(record: dict[str, Any], root: Path, question: str) -> tuple[Construction, tuple[str, ...]]:
    """A seed drawn in GeoGebra: the figure comes from the file, the asked quantity from ``target``.
    A drawing that only approximates the lengths and angles the question states is rebuilt so that
    they hold exactly (the warning says how, or why it could not be)."""
    path = _path(record, "ggb", root)
    target = record.get("target")
    if not isinstance(target, str) or not target.strip():
        raise _Invalid("target", "a ggb seed needs target: the asked quantity as a GeoGebra expression, e.g. Distance(A,B)")
    try:
        construction = read_ggb(path).construction(target)
    except GgbImportError as exc:
        raise _Invalid("ggb", exc.reason) from None
    except ConstructionError as exc:
        raise _Invalid(exc.field or "target", exc.reason) from None
    parts = split_question(question)
    try:
        rebuilt = rebuild(construction, parts.stem if parts else question)
    except NotRebuilt as exc:
        return construction, (f"the drawing does not meet the stated givens exactly and was kept as drawn: {exc}",)
    except ConstructionError:
        return construction, ()
    if rebuilt is None:
        return construction, ()
    moved = ", ".join(rebuilt.moved.values())
    return rebuilt.construction, (
        f"the drawing only approximates the stated givens; its free points were moved so they hold exactly: {moved}",
    )


def _text(record: dict[str, Any], key: str, limit: int | None = None) -> str:
    if key not in record:
        raise _Invalid(key, "missing")
    value = record[key]
    if not isinstance(value, str):
        raise _Invalid(key, f"expected a string, got {_json_type(value)}")
    if not value.strip():
        raise _Invalid(key, "empty")
    if limit is not None:
        if len(value) > limit:
            raise _Invalid(key, f"longer than {limit} characters")
        if value != value.strip() or any(ch < " " for ch in value):
            raise _Invalid(key, "must not contain surrounding spaces or control characters")
    return value


def _chosen(question: str, answer: str) -> str:
    """A multiple-choice seed's answer as the option's content (what a figure is checked against);
    the letter is found again from the options wherever the question still lists them."""
    options = dict(split_choices(question)[1])
    if not options:
        return answer
    letter = answer.strip().strip("()").rstrip(".").upper()
    if letter in options and len(letter) == 1:
        return options[letter]
    if choice_of(question, answer) is None:
        raise _Invalid("answer", f"{answer!r} is none of the options {', '.join(options)} the question lists")
    return answer


def _answer(record: dict[str, Any]) -> str:
    """Answers are strings as a solver writes them; plain JSON numbers are accepted too."""
    value = record.get("answer")
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**MAX_ANSWER_DIGITS:
            raise _Invalid("answer", f"a number of more than {MAX_ANSWER_DIGITS} digits")
        return str(value)
    if isinstance(value, float):
        return str(value)
    return _text(record, "answer", limit=MAX_ANSWER_CHARS)


def _strings(record: dict[str, Any], key: str) -> list[str]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise _Invalid(key, f"expected a list of strings, got {_json_type(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _Invalid(f"{key}[{index}]", f"expected a non-empty string, got {_json_type(item)}")
    return value


def _construction(record: dict[str, Any]) -> Construction | None:
    if "construction" not in record:
        return None
    try:
        return Construction.from_dict(record["construction"])
    except ConstructionError as exc:
        raise _Invalid(exc.field or "construction", exc.reason) from None


def _path(record: dict[str, Any], key: str, root: Path, image: bool = False) -> Path:
    """Resolve a path relative to the seeds file, refusing anything outside its folder."""
    value = _text(record, key)
    if any(ch < " " for ch in value):
        raise _Invalid(key, "a path must not contain control characters")
    candidate = (root / value).resolve()
    if Path(value).is_absolute() or not candidate.is_relative_to(root):
        raise _Invalid(key, f"path {value!r} is outside the seeds folder")
    if not candidate.is_file():
        raise _Invalid(key, f"file {value!r} does not exist")
    if image:
        _check_image(candidate, key, value)
    return candidate


def _check_image(path: Path, key: str, shown: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _Invalid(key, f"image {shown!r} claims {width}×{height} pixels (at most {MAX_IMAGE_PIXELS:,})")
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _Invalid(key, f"file {shown!r} is not a readable image ({exc})") from None


def _no_constant(name: str) -> float:
    """JSON's NaN and Infinity are no answers (they would be written as ``nan``)."""
    raise _Invalid(None, f"malformed JSON: {name} is not a number a seed may state")


def _short(exc: BaseException) -> str:
    return str(exc)[:300]


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if isinstance(value, bool) or value is None:
        return names[type(value)]
    if isinstance(value, (int, float)):
        return "a number"
    return names.get(type(value), type(value).__name__)

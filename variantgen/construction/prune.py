"""The part of a construction its picture shows: the objects drawn and everything they are built from.

GeoGebra files from figure libraries carry scaffolding: hidden helper points, vectors and circles
from an earlier draft, axis intersections, slopes nobody draws. Each hidden free point is one
more unknown when the drawing is rebuilt to meet its givens, and the helpers add nothing a
question can ask. Pruning keeps each shown object and the commands it depends on, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from variantgen.construction.errors import ConstructionError
from variantgen.construction.model import Construction
from variantgen.construction.syntax import BinOp, Call, Degrees, Name, Neg, Node, Tuple, parse_statement


def _names(node: Node) -> Iterator[str]:
    match node:
        case Name(id=name):
            yield name
        case Call(args=args) | Tuple(items=args):
            for arg in args:
                yield from _names(arg)
        case BinOp(left=left, right=right):
            yield from _names(left)
            yield from _names(right)
        case Neg(operand=operand) | Degrees(operand=operand):
            yield from _names(operand)


def names_used(command: str) -> set[str]:
    """The names a command's right-hand side refers to (``M=Midpoint(A,B)``: A and B); a command
    that cannot be parsed refers to every name-like word in it."""
    try:
        return set(_names(parse_statement(command).expr))
    except ConstructionError:
        return set(re.findall(r"[^\W\d][\w']*", command))


def shown_part(construction: Construction, keep: tuple[str, ...] = ()) -> Construction:
    """The construction less the hidden objects that no shown object (nor ``keep``) is built from.
    A command that cannot be parsed is kept, with everything it names; the style forgets the
    labels that are gone."""
    hidden = set(construction.style.get("hidden", []))
    parsed: list[tuple[str | None, set[str]]] = []
    for command in construction.commands:
        try:
            statement = parse_statement(command)
        except ConstructionError:
            return construction
        parsed.append((statement.label, set(_names(statement.expr))))
    needed = {label for label, _ in parsed if label is not None and label not in hidden} | set(keep)
    kept = [False] * len(parsed)
    for i in reversed(range(len(parsed))):
        label, uses = parsed[i]
        if label is None or label in needed:
            kept[i] = True
            needed |= uses
    commands = tuple(c for c, k in zip(construction.commands, kept, strict=True) if k)
    labels = {label for (label, _), k in zip(parsed, kept, strict=True) if k and label}
    style = dict(construction.style)
    for key in ("hidden", "label_hidden", "dashed"):
        if key in style and isinstance(style[key], list):
            style[key] = [name for name in style[key] if name in labels]
    return Construction(commands, construction.target, construction.view, style)

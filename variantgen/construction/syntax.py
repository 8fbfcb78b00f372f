"""A parser for GeoGebra's English input syntax (the subset constructions use).

Seeds come from user files, so nothing here calls ``eval`` or ``sympify`` on raw text: a
tokenizer and a precedence-climbing parser build a small AST that the evaluator walks.
Implicit multiplication (``2x``, ``3sqrt(2)``, ``2√3``) is accepted, as GeoGebra accepts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from variantgen.construction.errors import ConstructionSyntaxError


@dataclass(frozen=True)
class Num:
    value: Fraction


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Degrees:
    operand: Node


@dataclass(frozen=True)
class Tuple:
    items: tuple[Node, ...]


Node = Num | Name | Call | BinOp | Neg | Degrees | Tuple


@dataclass(frozen=True)
class Statement:
    """``label = expr``, ``f(x) = expr`` (``variable`` set) or a bare expression (``label`` None)."""

    label: str | None
    expr: Node
    variable: str | None = None


_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<name>[^\W\d][\w']*)|(?P<op>\*\*|[-+*/^(),=°√·×−⊗]))")
_BINARY = {"+": 10, "-": 10, "*": 20, "/": 20, "⊗": 20, "^": 30}  # ⊗: GeoGebra's cross product
_NORMALISE = {"·": "*", "×": "*", "−": "-", "**": "^"}


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, column) triples; kind is ``num``, ``name`` or ``op``."""
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConstructionSyntaxError(f"unexpected character {text[pos]!r} at column {pos + 1} in {text!r}")
        kind = match.lastgroup or "op"
        value = match.group(kind)
        tokens.append((kind, _NORMALISE.get(value, value), match.start(kind) + 1))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise ConstructionSyntaxError(f"unexpected end of {self.text!r}" + (f", expected {value!r}" if value else ""))
        if value is not None and token[1] != value:
            raise ConstructionSyntaxError(f"expected {value!r} at column {token[2]} in {self.text!r}, found {token[1]!r}")
        self.pos += 1
        return token

    def at(self, value: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] == value

    def done(self) -> None:
        token = self.peek()
        if token is not None:
            raise ConstructionSyntaxError(f"unexpected {token[1]!r} at column {token[2]} in {self.text!r}")

    def expression(self, min_precedence: int = 0) -> Node:
        left = self.unary()
        while True:
            token = self.peek()
            if token is not None and token[0] == "op" and token[1] in _BINARY:
                op = token[1]
            elif token is not None and self._starts_operand(token):
                op = "*"  # implicit multiplication: 2x, 3(x+1), 2√3
            else:
                return left
            precedence = _BINARY[op]
            if precedence < min_precedence:
                return left
            if op != "*" or token[1] == "*":
                self.take()
            # ^ is right-associative; the others are left-associative.
            right = self.expression(precedence if op == "^" else precedence + 1)
            left = BinOp(op, left, right)

    @staticmethod
    def _starts_operand(token: tuple[str, str, int]) -> bool:
        return token[0] in ("num", "name") or token[1] in ("(", "√")

    def unary(self) -> Node:
        if self.at("-"):
            self.take()
            return Neg(self.expression(25))
        if self.at("+"):
            self.take()
            return self.expression(25)
        if self.at("√"):
            self.take()
            return Call("sqrt", (self.postfix(self.primary()),))
        return self.postfix(self.primary())

    def postfix(self, node: Node) -> Node:
        while self.at("°"):
            self.take()
            node = Degrees(node)
        if self.at("^"):
            self.take()
            node = BinOp("^", node, self.unary())
        return node

    def primary(self) -> Node:
        kind, value, column = self.take()
        if kind == "num":
            return Num(Fraction(value))
        if kind == "name":
            if self.at("("):
                return Call(value, self.arguments())
            return Name(value)
        if value == "(":
            items = [self.expression()]
            while self.at(","):
                self.take()
                items.append(self.expression())
            self.take(")")
            return items[0] if len(items) == 1 else Tuple(tuple(items))
        raise ConstructionSyntaxError(f"unexpected {value!r} at column {column} in {self.text!r}")

    def arguments(self) -> tuple[Node, ...]:
        self.take("(")
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.expression())
            while self.at(","):
                self.take()
                args.append(self.expression())
        self.take(")")
        return tuple(args)


#: The longest expression read (a school figure's longest command is a few hundred characters).
MAX_EXPRESSION_CHARS = 10_000


def parse_expression(text: str) -> Node:
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ConstructionSyntaxError(f"expression longer than {MAX_EXPRESSION_CHARS} characters")
    parser = _Parser(text)
    if not parser.tokens:
        raise ConstructionSyntaxError("empty expression")
    try:
        node = parser.expression()
    except RecursionError:
        raise ConstructionSyntaxError("expression nested too deeply") from None
    parser.done()
    return node


_LABEL = re.compile(r"^\s*([^\W\d][\w']*)\s*(?:\(\s*([a-z])\s*\))?\s*=(?!=)")


def parse_statement(text: str) -> Statement:
    """Parse one command: ``A=(0,0)``, ``f(x)=x^2``, or ``Segment(A,B)`` without a label."""
    match = _LABEL.match(text)
    if match is None:
        return Statement(None, parse_expression(text))
    return Statement(match.group(1), parse_expression(text[match.end() :]), match.group(2))


def label_of(text: str) -> str | None:
    """The label a command defines, without parsing its right-hand side."""
    match = _LABEL.match(text)
    return match.group(1) if match else None

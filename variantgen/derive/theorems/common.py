"""Small helpers the theorem modules share: walking a triangle's corners, known relations."""

from __future__ import annotations

from collections.abc import Iterator

from variantgen.derive.quantity import Quantity


def corners(triangle: tuple[str, str, str]) -> Iterator[tuple[str, str, str]]:
    """``(vertex, b, c)`` for each vertex of the triangle, ``b`` and ``c`` the other two."""
    a, b, c = triangle
    yield a, b, c
    yield b, c, a
    yield c, a, b


def relation(kind: str, *names: str) -> Quantity:
    """A stated relation (``right``, ``midpoint``, ``tangent``, ``diameter``, ``rectangle``, ...)."""
    return Quantity(kind, names)

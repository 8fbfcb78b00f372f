"""School answers: the values a student writes and a teacher sets.

An integer, a fraction, a surd (``5*sqrt(3)/2``), a rational multiple of π, an angle of a whole or
half number of degrees — no powers of π, no nested or odd roots, no transcendental functions, and
a small expression. The engine derives only such values, so every intermediate conclusion of a
solution is one a student would write too.
"""

from __future__ import annotations

import sympy

_MAX_OPS = 10
_MAX_INTEGER = 10**6
_MAX_DENOMINATOR = 1000


def is_school_value(value: sympy.Expr, kind: str = "number", max_ops: int = _MAX_OPS) -> bool:
    if not isinstance(value, sympy.Expr) or not value.is_number or value.is_real is not True:
        return False
    if kind == "angle":
        degrees = value * 180 / sympy.pi
        degrees = degrees if degrees.is_Rational else sympy.nsimplify(degrees)
        return degrees is not None and degrees.is_Rational and 0 < degrees < 360 and (2 * degrees).is_Integer
    if sympy.count_ops(value) > max_ops:
        return False
    return all(_school_atom(node) for node in sympy.preorder_traversal(value))


def _school_atom(node: sympy.Basic) -> bool:
    if isinstance(node, (sympy.Add, sympy.Mul)):
        return True
    if node is sympy.pi:
        return True
    if isinstance(node, sympy.Rational):
        return abs(node.p) <= _MAX_INTEGER and node.q <= _MAX_DENOMINATOR
    if isinstance(node, sympy.Pow):
        base, exponent = node.args
        if base is sympy.pi:
            return exponent == -1
        if exponent in (sympy.Rational(1, 2), sympy.Rational(-1, 2)):
            return base.is_Rational
        return bool(exponent.is_Integer and base.is_Rational)
    return isinstance(node, (sympy.core.numbers.NegativeOne, sympy.core.numbers.One, sympy.core.numbers.Half))

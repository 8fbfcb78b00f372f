"""High-precision numbers of exact values, fast on the large expressions real angles make.

A figure built from angles such as 40° and 70° has coordinates in cos(2π/9) and sin(7π/18),
nested in quotients and square roots; sympy's ``evalf`` re-evaluates every shared subexpression
and asks assumptions at each node, which took minutes for a triangle with one bisector. This
walks the expression once, remembering each subexpression's value, in mpmath at a fixed
precision. It reads only sympy's own node types (numbers, sums, products, powers and the
elementary functions); anything else falls back to ``evalf``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import mpmath
import sympy

#: Working precision: 60 digits, so that 50 can be trusted after cancellation.
DIGITS = 60
MP = mpmath.MPContext()
MP.dps = DIGITS

_FUNCTIONS: dict[type, Callable[..., Any]] = {
    sympy.sin: MP.sin,
    sympy.cos: MP.cos,
    sympy.tan: MP.tan,
    sympy.cot: MP.cot,
    sympy.asin: MP.asin,
    sympy.acos: MP.acos,
    sympy.atan: MP.atan,
    sympy.atan2: MP.atan2,
    sympy.exp: MP.exp,
    sympy.log: MP.log,
    sympy.Abs: MP.fabs,
    sympy.sign: MP.sign,
}


def value(expr: sympy.Expr, memo: dict[sympy.Basic, Any] | None = None) -> Any:
    """``expr`` as an mpmath number (``MP.mpf`` or ``MP.mpc``) to 60 digits."""
    memo = {} if memo is None else memo
    return _value(sympy.sympify(expr), memo)


def _value(expr: sympy.Basic, memo: dict[sympy.Basic, Any]) -> Any:
    found = memo.get(expr)
    if found is not None:
        return found
    if isinstance(expr, sympy.Rational):
        result = MP.mpf(expr.p) / expr.q
    elif isinstance(expr, sympy.Float):
        result = MP.mpf(str(expr))
    elif expr is sympy.pi:
        result = MP.pi
    elif expr is sympy.E:
        result = MP.e
    elif expr is sympy.I:
        result = MP.mpc(0, 1)
    elif isinstance(expr, sympy.Add):
        result = MP.fsum(_value(a, memo) for a in expr.args)
    elif isinstance(expr, sympy.Mul):
        result = MP.fprod(_value(a, memo) for a in expr.args)
    elif isinstance(expr, sympy.Pow):
        base, exponent = _value(expr.base, memo), _value(expr.exp, memo)
        result = MP.sqrt(base) if expr.exp == sympy.S.Half else MP.power(base, exponent)
    elif type(expr) in _FUNCTIONS:
        result = _FUNCTIONS[type(expr)](*(_value(a, memo) for a in expr.args))
    else:
        result = MP.mpmathify(str(sympy.N(expr, DIGITS)).replace("*I", "j"))
    memo[expr] = result
    return result


def recognise(expr: sympy.Expr, digits: int = 50, max_denominator: int = 10**4) -> sympy.Expr | None:
    """The school value (r, r·π or ±√r, r a fraction) equal to ``expr`` to ``digits`` digits."""
    try:
        x = value(expr)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if isinstance(x, mpmath.ctx_mp_python.mpc):
        if abs(x.imag) > MP.mpf(10) ** (-digits):
            return None
        x = x.real
    tolerance = MP.mpf(10) ** (-digits) * max(1, abs(x))
    for read, make in (
        (x, lambda r: r),
        (x / MP.pi, lambda r: r * sympy.pi),
        (x * x, lambda r: sympy.sqrt(r) if x >= 0 else -sympy.sqrt(r)),
    ):
        r = sympy.Rational(MP.nstr(read, 30, strip_zeros=False)).limit_denominator(max_denominator)
        if r == 0 and x != 0:
            continue
        exact = make(r)
        if abs(value(exact) - x) < tolerance:
            return exact
    return None


def degrees(turn: Any, max_denominator: int = 1000, digits: int = 50) -> sympy.Expr | None:
    """The angle ``turn`` (radians, an mpmath number) as a rational number of degrees, in radians."""
    d = sympy.Rational(MP.nstr(turn * 180 / MP.pi, 30, strip_zeros=False)).limit_denominator(max_denominator)
    exact = d * sympy.pi / 180
    return exact if abs(value(exact) - turn) < MP.mpf(10) ** (-digits) else None

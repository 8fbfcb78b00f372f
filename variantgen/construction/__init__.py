"""Constructions: GeoGebra commands plus a target, evaluated exactly with sympy."""

from variantgen.construction.errors import ConstructionError, ConstructionSyntaxError, DegenerateFigure, UnsupportedCommand
from variantgen.construction.evaluator import Evaluation, evaluate, evaluate_expression, kind_of
from variantgen.construction.model import Construction

__all__ = [
    "Construction",
    "ConstructionError",
    "ConstructionSyntaxError",
    "DegenerateFigure",
    "Evaluation",
    "UnsupportedCommand",
    "evaluate",
    "evaluate_expression",
    "kind_of",
]

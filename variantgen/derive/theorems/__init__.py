"""The theorem library, one module per area. Importing this package registers every theorem."""

from variantgen.derive.theorems import (  # noqa: F401
    circles,
    conics,
    coordinates,
    frustums,
    functions,
    lines,
    quadrilaterals,
    right,
    solids,
    triangles,
)

"""The theorem library, one module per area. Importing this package registers every theorem."""

from variantgen.derive.theorems import circles, coordinates, functions, lines, quadrilaterals, right, triangles  # noqa: F401

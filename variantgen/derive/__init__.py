"""The derivation engine: what can be derived about a figure from the givens its question states.

- ``quantity``: facts (lengths, angles, areas, ... and stated relations) of named figure objects;
- ``scene``: the evaluated construction as the engine sees it (points, drawn lines, triangles, circles);
- ``givens``: the quantities and relations the question states, each confirmed by the figure;
- ``theorem`` and ``theorems/``: the theorem library, each theorem tied to a knowledge point;
- ``engine``: forward chaining to a bounded closure, with a minimal derivation per quantity;
- ``school``: the answers a student writes.
"""

from variantgen.derive import theorems  # noqa: F401  (registers the library)
from variantgen.derive.engine import Closure, Step, TheoremMismatch, derive
from variantgen.derive.givens import read_givens
from variantgen.derive.quantity import Quantity
from variantgen.derive.scene import Scene, scene_of
from variantgen.derive.theorem import THEOREMS, Theorem

__all__ = ["THEOREMS", "Closure", "Quantity", "Scene", "Step", "Theorem", "TheoremMismatch", "derive", "read_givens", "scene_of"]

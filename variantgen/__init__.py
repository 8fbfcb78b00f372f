"""variantgen: seed math problems → the seven verified variants of the MathBook-Pro difficulty cube.

Typical use from Python::

    from variantgen import Cube, Context, read_seeds, default_pipeline

    cube = Cube(default_pipeline())
    for line in read_seeds("examples/seeds.jsonl"):
        if line.problem:
            family = cube.expand(line.problem, Context(seed=0))
"""

from variantgen.cube import AXES, TRAJECTORY, VARIANT_CORNERS, Corner, parse_corners
from variantgen.family import Cube, Family, Outcome, SeedRejected
from variantgen.io.seeds import SeedError, SeedLine, read_seeds
from variantgen.model import Applied, Check, Problem, SolutionStep, Variant
from variantgen.pipeline import RunOptions, RunResult, expand_file
from variantgen.transforms import (
    Compose,
    Context,
    NotApplicable,
    Transform,
    TransformFailed,
    compose,
    default_pipeline,
    register,
    replay,
)
from variantgen.version import __version__

__all__ = [
    "AXES",
    "TRAJECTORY",
    "VARIANT_CORNERS",
    "Applied",
    "Check",
    "Compose",
    "Context",
    "Corner",
    "Cube",
    "Family",
    "NotApplicable",
    "Outcome",
    "Problem",
    "RunOptions",
    "RunResult",
    "SeedError",
    "SeedLine",
    "SeedRejected",
    "SolutionStep",
    "Transform",
    "TransformFailed",
    "Variant",
    "__version__",
    "compose",
    "default_pipeline",
    "expand_file",
    "parse_corners",
    "read_seeds",
    "register",
    "replay",
]

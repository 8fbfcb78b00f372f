"""The LLM transforms, one module each; importing this package registers them.

- ``context``: φ_c rewrites (``LLMContext``), one scenario per family;
- ``step``: φ_s for seeds without a figure (``LLMStep``), checked by its calculation;
- ``solve_back``: an independent solver as a check (``SolveBack``);
- ``construction``: a checked GeoGebra construction for a picture (``ProposeConstruction``);
- ``asking``: what they share: the client from ``ctx.llm``, one checked call, the solver.

Each follows the plan/apply split of ``variantgen.transforms``, checks every model output before
accepting it (sending a rejected one back with the reasons, up to ``attempts`` times), and records
what it accepted in the provenance, so ``replay`` and ``variantgen verify`` need no endpoint.
"""

from variantgen.llm.transforms.construction import (
    ProposalRejected,
    ProposeConstruction,
    construction_problems,
    propose_construction,
)
from variantgen.llm.transforms.context import LLMContext
from variantgen.llm.transforms.solve_back import SolveBack
from variantgen.llm.transforms.step import LLMStep

__all__ = [
    "LLMContext",
    "LLMStep",
    "ProposalRejected",
    "ProposeConstruction",
    "SolveBack",
    "construction_problems",
    "propose_construction",
]

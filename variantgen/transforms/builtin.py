"""The built-in transforms; importing this module registers them."""

from variantgen.transforms.context import ScenarioContext
from variantgen.transforms.step import StepChain
from variantgen.transforms.visual import VisualAugment

__all__ = ["ScenarioContext", "StepChain", "VisualAugment"]

"""The built-in transforms; importing this module registers them."""

from variantgen.transforms.base import FirstApplicable
from variantgen.transforms.context import ScenarioContext
from variantgen.transforms.derive_step import StepDerive
from variantgen.transforms.registry import register
from variantgen.transforms.step import StepChain
from variantgen.transforms.visual import VisualAugment

register(FirstApplicable)  # base.py cannot import the registry, which imports it

__all__ = ["FirstApplicable", "ScenarioContext", "StepChain", "StepDerive", "VisualAugment"]

"""Auxiliary objects for coordinate figures and graphs (none yet: see ``auxiliary.options``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from variantgen.construction import Construction
from variantgen.derive.scene import Scene

if TYPE_CHECKING:
    from variantgen.derive.auxiliary import Auxiliary


def graph_options(scene: Scene, construction: Construction, text: str) -> Iterator[Auxiliary]:
    yield from ()

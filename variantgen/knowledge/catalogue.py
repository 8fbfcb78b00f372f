"""The knowledge catalogue: a hierarchy domain → … → knowledge point → principle.

Two sources share one shape. The project's own catalogue (``catalogue.json`` next to this
module) lists the knowledge points variantgen's step rules add and its example seeds use. The
We-Math 2.0 knowledge system (flat rows with levels ``l1``–``l4``, a knowledge point and a
principle, in English and Chinese) loads into the same objects, so a user can look up where a
generated problem sits in the paper's taxonomy, or plug in a larger catalogue of their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUILTIN = Path(__file__).with_name("catalogue.json")
_WEMATH_LEVELS = ("l1_en", "l2_en", "l3_en", "l4_en")


class CatalogueError(ValueError):
    """A catalogue file that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Principle:
    name: str
    description: str


@dataclass(frozen=True)
class KnowledgePoint:
    """A leaf of the hierarchy. ``path`` runs from the domain down to the topic that holds it."""

    id: str
    name: str
    path: tuple[str, ...]
    principles: tuple[Principle, ...] = ()
    wemath: str | None = None


@dataclass(frozen=True)
class Catalogue:
    name: str
    points: dict[str, KnowledgePoint]

    def __contains__(self, kp: object) -> bool:
        return kp in self.points

    def __getitem__(self, kp: str) -> KnowledgePoint:
        return self.points[kp]

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[KnowledgePoint]:
        return iter(self.points.values())

    def tree(self) -> dict[str, Any]:
        """Nested ``{level: {level: ... [knowledge point ids]}}``, in catalogue order."""
        root: dict[str, Any] = {}
        for kp in self:
            node = root
            for level in kp.path:
                node = node.setdefault(level, {})
            node.setdefault("", []).append(kp.id)
        return root

    def under(self, *path: str) -> list[KnowledgePoint]:
        """Knowledge points whose path starts with ``path`` (``under("Geometry")``)."""
        return [kp for kp in self if kp.path[: len(path)] == path]


def slug(text: str) -> str:
    """``Law of Cosines`` → ``law-of-cosines``: the id a We-Math knowledge point gets."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def builtin() -> Catalogue:
    """The catalogue that ships with variantgen."""
    return load(BUILTIN)


def load(path: str | Path) -> Catalogue:
    """Read a catalogue in variantgen's format or in We-Math 2.0's flat format (detected)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot read the catalogue: {exc}") from None
    if isinstance(data, list):
        return _from_wemath(data, path)
    if isinstance(data, dict) and isinstance(data.get("knowledge_points"), list):
        return _from_own(data, path)
    raise CatalogueError(f"{path}: expected a list of We-Math rows or an object with knowledge_points")


def _from_own(data: dict[str, Any], path: Path) -> Catalogue:
    points: dict[str, KnowledgePoint] = {}
    for index, entry in enumerate(data["knowledge_points"]):
        where = f"{path}: knowledge_points[{index}]"
        if not isinstance(entry, dict):
            raise CatalogueError(f"{where}: expected an object")
        for key in ("id", "name", "principle"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise CatalogueError(f"{where}.{key}: expected a non-empty string")
        if not isinstance(entry.get("path"), list) or not all(isinstance(p, str) for p in entry["path"]):
            raise CatalogueError(f"{where}.path: expected a list of level names")
        if entry["id"] in points:
            raise CatalogueError(f"{where}.id: duplicate id {entry['id']!r}")
        points[entry["id"]] = KnowledgePoint(
            entry["id"], entry["name"], tuple(entry["path"]), (Principle(entry["name"], entry["principle"]),), entry.get("wemath")
        )
    return Catalogue(str(data.get("name", path.stem)), points)


def _from_wemath(rows: Iterable[Any], path: Path) -> Catalogue:
    """Rows of one knowledge point (same levels and ``kp_en``) become one point with their principles."""
    grouped: dict[str, tuple[str, tuple[str, ...], list[Principle]]] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("kp_en"), str) or not row["kp_en"].strip():
            raise CatalogueError(f"{path}: row {index}: expected an object with kp_en")
        levels = tuple(row[level] for level in _WEMATH_LEVELS if isinstance(row.get(level), str) and row[level].strip())
        kp_id = slug("/".join((*levels, row["kp_en"])))
        name, _, principles = grouped.setdefault(kp_id, (row["kp_en"], levels, []))
        if row.get("principle_en"):
            principles.append(Principle(row["principle_en"], row.get("principle_desc_en", "")))
    points = {kp_id: KnowledgePoint(kp_id, name, levels, tuple(ps), name) for kp_id, (name, levels, ps) in grouped.items()}
    return Catalogue(path.stem, points)

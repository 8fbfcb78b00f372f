"""A construction: ordered GeoGebra commands, the asked quantity, a view box and style hints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from variantgen.construction.errors import ConstructionError
from variantgen.construction.syntax import label_of

_VIEW_KEYS = ("xmin", "xmax", "ymin", "ymax")
_KEYS = {"commands", "target", "view", "style"}


@dataclass(frozen=True)
class Construction:
    """The diagram's source of truth: GeoGebra draws ``commands``; sympy evaluates ``target``.

    ``style`` holds drawing hints the renderer honours: ``hidden`` (labels not drawn),
    ``dashed`` (auxiliary objects), ``labels`` (captions), ``colors``, ``grid``, ``axes``.
    """

    commands: tuple[str, ...]
    target: str
    view: dict[str, float] | None = None
    style: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.commands, self.target))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"commands": list(self.commands), "target": self.target}
        if self.view:
            data["view"] = dict(self.view)
        if self.style:
            data["style"] = dict(self.style)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Construction:
        """Validate a seed's ``construction`` object; errors name the offending field."""
        if not isinstance(data, dict):
            raise ConstructionError(f"expected an object with commands and target, got {type(data).__name__}", "construction")
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ConstructionError(f"unknown keys {', '.join(unknown)} (allowed: commands, target, view, style)", "construction")
        commands = data.get("commands")
        if not isinstance(commands, list) or not commands:
            raise ConstructionError("expected a non-empty list of GeoGebra commands", "construction.commands")
        for index, command in enumerate(commands):
            if not isinstance(command, str) or not command.strip():
                raise ConstructionError("expected a non-empty string", f"construction.commands[{index}]", index)
        target = data.get("target")
        if not isinstance(target, str) or not target.strip():
            raise ConstructionError("expected the asked quantity as a GeoGebra expression", "construction.target")
        view = data.get("view")
        if view is not None and (
            not isinstance(view, dict)
            or set(view) != set(_VIEW_KEYS)
            or not all(isinstance(view[k], (int, float)) and not isinstance(view[k], bool) for k in _VIEW_KEYS)
            or view["xmin"] >= view["xmax"]
            or view["ymin"] >= view["ymax"]
        ):
            raise ConstructionError("expected {xmin, xmax, ymin, ymax} numbers with min < max", "construction.view")
        style = data.get("style", {})
        if not isinstance(style, dict):
            raise ConstructionError("expected an object of style hints", "construction.style")
        return cls(tuple(c.strip() for c in commands), target.strip(), view, style)

    def extend(self, *commands: str, target: str | None = None, style: dict[str, Any] | None = None) -> Construction:
        """A new construction with ``commands`` appended (and the target or style replaced)."""
        return Construction(
            self.commands + tuple(commands),
            self.target if target is None else target,
            self.view,
            dict(self.style) if style is None else style,
        )

    def names(self) -> list[str]:
        """Labels the commands define, in order (``f`` for ``f(x)=...``)."""
        return [label for command in self.commands if (label := label_of(command))]

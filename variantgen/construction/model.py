"""A construction: ordered GeoGebra commands, the asked quantity, a view box and style hints."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from variantgen.construction.errors import ConstructionError
from variantgen.construction.syntax import label_of

_VIEW_KEYS = ("xmin", "xmax", "ymin", "ymax")
#: A school figure has tens of commands; thousands only make the evaluation slow (it grows faster
#: than linearly: objects are compared with each other when the figure is read).
MAX_COMMANDS = 1_000
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
        if len(commands) > MAX_COMMANDS:
            reason = f"{len(commands)} commands; a figure may have at most {MAX_COMMANDS}"
            raise ConstructionError(reason, "construction.commands")
        for index, command in enumerate(commands):
            if not isinstance(command, str) or not command.strip():
                raise ConstructionError("expected a non-empty string", f"construction.commands[{index}]", index)
            if _has_control(command):
                raise ConstructionError(_CONTROL, f"construction.commands[{index}]", index)
        target = data.get("target")
        if not isinstance(target, str) or not target.strip():
            raise ConstructionError("expected the asked quantity as a GeoGebra expression", "construction.target")
        if _has_control(target):
            raise ConstructionError(_CONTROL, "construction.target")
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
        _check_style(style)
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


_CONTROL = "must not contain control characters (a line break would make GeoGebra run a second command)"


def _has_control(text: str) -> bool:
    return any(ch < " " or ch == "\x7f" for ch in text)


#: Style hints and their shapes: lists of object names, maps from a name to a value, flags, and
#: text boxes. A hint reaches GeoGebra only through its API (never spliced into a command).
_NAME_LISTS = ("hidden", "dashed", "filled", "label_hidden")
_NAME_MAPS = {"colors": str, "captions": str, "point_size": (int, float), "line_thickness": (int, float)}
_FLAGS = ("axes", "grid")
_NAME = re.compile(r"^[^\W\d][\w'{}]{0,63}$")  # GeoGebra's names: any letters, A_{1}, f'
_MAX_TEXT = 500


def _check_style(style: dict[str, Any]) -> None:
    """``construction.style`` checked like the commands: known hints of the right shape, names that
    are GeoGebra names, texts without control characters, coordinates that are numbers."""
    for key, value in style.items():
        field = f"construction.style.{key}"
        if key in _NAME_LISTS:
            if not isinstance(value, list) or not all(isinstance(n, str) and _NAME.match(n) for n in value):
                raise ConstructionError("expected a list of object names", field)
        elif key in _NAME_MAPS:
            kind = _NAME_MAPS[key]
            if not isinstance(value, dict) or not all(
                isinstance(n, str) and _NAME.match(n) and isinstance(v, kind) and not isinstance(v, bool)
                for n, v in value.items()
            ):
                raise ConstructionError("expected a map from object names to values", field)
            if kind is str and any(_has_control(v) or len(v) > _MAX_TEXT for v in value.values()):
                raise ConstructionError(_CONTROL + f", at most {_MAX_TEXT} characters", field)
        elif key in _FLAGS:
            if not isinstance(value, bool):
                raise ConstructionError("expected true or false", field)
        elif key == "texts":
            _check_texts(value, field)
        else:
            known = ", ".join((*_NAME_LISTS, *_NAME_MAPS, *_FLAGS, "texts"))
            raise ConstructionError(f"unknown style hint (known: {known})", field)


def _check_texts(texts: Any, field: str) -> None:
    if not isinstance(texts, list):
        raise ConstructionError("expected a list of {label, text, x, y}", field)
    for index, text in enumerate(texts):
        where = f"{field}[{index}]"
        if not isinstance(text, dict) or set(text) != {"label", "text", "x", "y"}:
            raise ConstructionError("expected {label, text, x, y}", where)
        if not isinstance(text["label"], str) or not _NAME.match(text["label"]):
            raise ConstructionError("expected a name for the text's label", where)
        if not isinstance(text["text"], str) or _has_control(text["text"]) or len(text["text"]) > _MAX_TEXT:
            raise ConstructionError(_CONTROL + f", at most {_MAX_TEXT} characters", where)
        if not all(isinstance(text[k], (int, float)) and not isinstance(text[k], bool) and math.isfinite(text[k]) for k in "xy"):
            raise ConstructionError("expected numbers x and y", where)

"""Where transforms are found by name: built-ins, the ``@register`` decorator, and entry points.

A third-party package plugs in by declaring, in its pyproject.toml::

    [project.entry-points."variantgen.transforms"]
    my-visual = "my_package.transforms:MyVisual"

Entry points are loaded lazily, the first time a name is not found among those registered.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import Any, TypeVar

from variantgen.transforms.base import Transform

ENTRY_POINT_GROUP = "variantgen.transforms"

_REGISTRY: dict[str, type[Transform]] = {}
_entry_points_loaded = False

T = TypeVar("T", bound=type[Transform])


def register(cls: T) -> T:
    """Class decorator: make a Transform subclass available by its ``name``."""
    if not cls.name:
        raise ValueError(f"{cls.__qualname__} needs a non-empty class attribute 'name' to be registered")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"transform name {cls.name!r} is already registered by {existing.__qualname__}")
    _REGISTRY[cls.name] = cls
    return cls


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        cls = point.load()
        if not (isinstance(cls, type) and issubclass(cls, Transform)):
            raise TypeError(f"entry point {point.name!r} in {ENTRY_POINT_GROUP} is not a Transform subclass")
        if not cls.name:
            cls.name = point.name
        register(cls)


def get(name: str) -> type[Transform]:
    """The transform class registered as ``name``."""
    _load_builtins()
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"no transform named {name!r}; known: {known}") from None


def build(name: str, config: Mapping[str, Any] | None = None) -> Transform:
    """Instantiate a registered transform from its recorded configuration."""
    return get(name).from_config(dict(config or {}), build)


def available() -> list[str]:
    """Names of every transform that can be built (built-ins, decorated, entry points)."""
    _load_builtins()
    _load_entry_points()
    return sorted(_REGISTRY)


def _load_builtins() -> None:
    """Import the modules that hold the built-in transforms (they register on import)."""
    import variantgen.transforms.builtin  # noqa: F401

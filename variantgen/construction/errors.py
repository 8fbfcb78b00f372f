"""Errors raised while reading or evaluating a construction; each names where it happened."""

from __future__ import annotations


class ConstructionError(ValueError):
    """A construction that cannot be used. ``field`` names where (``construction.commands[3]``)."""

    def __init__(self, reason: str, field: str | None = None, command_index: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.command_index = command_index

    def located(self, field: str, command_index: int | None = None) -> ConstructionError:
        """The same error, placed at ``field`` unless it already knows a more precise place."""
        if self.field is None:
            self.field = field
            self.command_index = command_index
        return self

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason


class ConstructionSyntaxError(ConstructionError):
    """The text of a command or target is not valid GeoGebra syntax."""


class UnsupportedCommand(ConstructionError):
    """A GeoGebra command the exact evaluator does not implement."""


class DegenerateFigure(ConstructionError):
    """A figure that does not exist: collinear triangle, zero radius, parallel lines intersected."""

    def __init__(self, reason: str, field: str | None = None, command_index: int | None = None) -> None:
        super().__init__(f"degenerate figure: {reason}", field, command_index)

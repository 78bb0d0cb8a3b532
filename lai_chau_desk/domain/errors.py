"""Errors raised by the domain and the services, carrying Vietnamese messages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    """One problem with one input field: ``field`` names the attribute, ``message`` is Vietnamese."""

    field: str
    message: str


class DomainError(Exception):
    """Base class of every refusal the user should see as a clear message."""


class ValidationError(DomainError):
    """A record failed validation. ``problems`` lists every field problem found, not just the first."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    def for_field(self, name: str) -> list[str]:
        return [p.message for p in self.problems if p.field == name]


class NotFoundError(DomainError):
    """A record that the caller named does not exist."""


class ConflictError(DomainError):
    """The operation conflicts with existing data (duplicate code, stale revision…)."""


@dataclass
class Problems:
    """Collects field problems while validating; raise with :meth:`raise_if_any`."""

    items: list[FieldProblem] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.items.append(FieldProblem(field_name, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(list(self.items))

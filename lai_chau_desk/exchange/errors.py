"""The refusal raised for any package that is not exactly right."""

from __future__ import annotations

from ..domain.errors import DomainError


class PackageError(DomainError):
    """A package was refused. ``code`` is a stable machine-readable reason, the message is
    Vietnamese and says what is wrong in words an officer understands."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

"""The refusal raised for any package that is not exactly right."""

from __future__ import annotations

import re

from ..domain.errors import DomainError

# Characters never echoed raw to a terminal or a window: C0/C1 controls (ANSI escapes start
# with ESC), line/paragraph separators, bidirectional overrides, isolates and marks,
# zero-width characters.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\u061c\u200b-\u200f\u2060-\u2064\ufeff]"
)


def printable(text: str) -> str:
    """``text`` with every unsafe character shown as an escape (``\\x1b``): one safe line."""
    return UNSAFE.sub(lambda m: repr(m.group())[1:-1] if m.group() != "\n" else "\\n", text)


class PackageError(DomainError):
    """A package was refused. ``code`` is a stable machine-readable reason, the message is
    Vietnamese and says what is wrong in words an officer understands (one line, with any
    control character taken from the package shown escaped, never raw)."""

    def __init__(self, code: str, message: str) -> None:
        message = printable(message)
        super().__init__(message)
        self.code = code
        self.message = message

"""The refusal raised for any package that is not exactly right."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain.errors import DomainError
from ..domain.text import hidden_characters


def char_class(points: Iterable[int]) -> re.Pattern[str]:
    """One regular expression matching any of the code points ``points``."""
    ranges: list[list[int]] = []
    for c in sorted(points):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{''.join(parts)}]")


# Characters never echoed raw to a terminal or a window: the hidden characters (controls,
# ANSI escapes start with ESC; format characters, bidirectional ones among them; line and
# paragraph separators; default ignorables) and lone surrogates.
UNSAFE = char_class(hidden_characters() | set(range(0xD800, 0xE000)))


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

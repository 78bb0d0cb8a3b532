"""What an import batch looks up for every package, loaded once per batch: the unit tree,
the pinned keys and the current revisions. Changes made by a package are staged and kept
only when its savepoint is released, so a refused package leaves the index as it was."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..storage import exchange_repo

if TYPE_CHECKING:
    from ..storage.engine import Session


@dataclass(frozen=True)
class Current:
    """The revision held for a unit, period and kind."""

    row_id: Any
    revision: int
    content_sha256: str
    fingerprint: str


def fold(code: str) -> str:
    """The form unit codes are compared in (rule 6): NFC, then case folded."""
    return unicodedata.normalize("NFC", code).casefold()


class BatchIndex:
    def __init__(self, s: Session, own: str) -> None:
        self.own = own
        self.parent: dict[str, str | None] = exchange_repo.unit_parents(s)
        self.folded: dict[str, str] = {fold(c): c for c in self.parent}
        self.below = self.subtree(own)
        self.pins: dict[str, tuple[bytes, str]] = exchange_repo.current_pins(s)
        self.key_owner = self._owners()
        self.current: dict[tuple[str, str | None, str], Current] = {
            (u, p, k): Current(i, r, c or h, f)
            for i, u, p, k, r, h, c, f in exchange_repo.current_revisions(s)
        }
        self._staged: list[tuple[str, Any, Any]] = []

    def _owners(self) -> dict[bytes, str]:
        """The unit each pinned key signs for (one installation, one key, one unit)."""
        return {key: code for code, (key, _fp) in sorted(self.pins.items())}

    def subtree(self, top: str) -> set[str]:
        """Every unit below ``top`` in the directory (``top`` itself excluded)."""
        children: dict[str | None, list[str]] = {}
        for code, parent in self.parent.items():
            children.setdefault(parent, []).append(code)
        seen: set[str] = set()
        stack = list(children.get(top, []))
        while stack:
            code = stack.pop()
            if code not in seen and code != top:
                seen.add(code)
                stack.extend(children.get(code, []))
        return seen

    def known(self, code: str) -> bool:
        return code in self.parent

    def same_as(self, code: str) -> str | None:
        """The directory's code that equals ``code`` after NFC and case folding, when it is
        spelled differently (so the package would otherwise make a second unit)."""
        other = self.folded.get(fold(code))
        return other if other is not None and other != code else None

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        cur = self.parent.get(code)
        while cur and cur not in out:
            out.append(cur)
            cur = self.parent.get(cur)
        return out

    def stage_unit(self, code: str, parent: str | None) -> None:
        self._staged.append(("unit", code, parent))
        self.parent[code] = parent  # visible to the rest of this package at once
        self.folded[fold(code)] = code
        if parent == self.own or parent in self.below:
            self.below.add(code)

    def stage_pin(self, code: str, key: bytes, fingerprint: str) -> None:
        self._staged.append(("pin", code, self.pins.get(code)))
        self.pins[code] = (key, fingerprint)
        self.key_owner[key] = code

    def stage_current(self, key: tuple[str, str | None, str], value: Current) -> None:
        self._staged.append(("current", key, self.current.get(key)))
        self.current[key] = value

    def keep(self) -> None:
        self._staged.clear()

    def undo(self) -> None:
        """Forget what the refused package staged (newest first)."""
        for what, key, old in reversed(self._staged):
            if what == "unit":
                self.parent.pop(key, None)
                self.folded.pop(fold(key), None)
                self.below.discard(key)
            elif what == "pin":
                self.pins.pop(key) if old is None else self.pins.__setitem__(key, old)
                self.key_owner = self._owners()
            elif old is None:
                self.current.pop(key, None)
            else:
                self.current[key] = old
        self._staged.clear()

"""What an import batch looks up for every package, loaded once per batch: the unit tree,
the pinned keys and the current revisions. Changes made by a package are staged and kept
only when its savepoint is released, so a refused package leaves the index as it was."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..storage.exchange_models import PinnedKeyRow, ReceivedPackageRow
from ..storage.models import UnitRow

Current = tuple[Any, int, str]  # (row id, revision, payload sha256)


class BatchIndex:
    def __init__(self, s: Any, own: str) -> None:
        self.own = own
        self.parent: dict[str, str | None] = dict(s.execute(select(UnitRow.code,
                                                                   UnitRow.parent_code)).all())
        self.below = self._below(own)
        self.pins: dict[str, tuple[bytes, str]] = {
            code: (key, fp) for code, key, fp in s.execute(
                select(PinnedKeyRow.unit_code, PinnedKeyRow.public_key, PinnedKeyRow.fingerprint)
                .where(PinnedKeyRow.retired_at.is_(None)))}
        self.current: dict[tuple[str, str | None, str], Current] = {
            (u, p, k): (i, r, h) for i, u, p, k, r, h in s.execute(
                select(ReceivedPackageRow.id, ReceivedPackageRow.unit_code,
                       ReceivedPackageRow.period_code, ReceivedPackageRow.kind,
                       ReceivedPackageRow.revision, ReceivedPackageRow.payload_sha256)
                .where(ReceivedPackageRow.status == "current"))}
        self._staged: list[tuple[str, Any, Any]] = []

    def _below(self, own: str) -> set[str]:
        children: dict[str | None, list[str]] = {}
        for code, parent in self.parent.items():
            children.setdefault(parent, []).append(code)
        seen: set[str] = set()
        stack = list(children.get(own, []))
        while stack:
            code = stack.pop()
            if code not in seen and code != own:
                seen.add(code)
                stack.extend(children.get(code, []))
        return seen

    def known(self, code: str) -> bool:
        return code in self.parent

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
        if parent == self.own or parent in self.below:
            self.below.add(code)

    def stage_pin(self, code: str, key: bytes, fingerprint: str) -> None:
        self._staged.append(("pin", code, self.pins.get(code)))
        self.pins[code] = (key, fingerprint)

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
                self.below.discard(key)
            elif what == "pin":
                self.pins.pop(key) if old is None else self.pins.__setitem__(key, old)
            elif old is None:
                self.current.pop(key, None)
            else:
                self.current[key] = old
        self._staged.clear()

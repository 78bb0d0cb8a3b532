"""The directive catalogue, indicators and the unit directory: seeding and editing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..domain.catalogue import (
    Directive,
    DirectiveTask,
    Indicator,
    indicator_kind,
    validate_directive,
)
from ..domain.errors import ConflictError, NotFoundError
from ..domain.text import nfc
from ..domain.units import Unit, validate_unit
from ..paths import resource
from ..storage import catalogue_repo, units_repo
from .base import ServiceBase

SEEDED = "seed_version"


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def directives_from_json(data: dict) -> list[Directive]:
    out = []
    for d in data.get("directives", []):
        out.append(
            Directive(
                code=nfc(d["code"]),
                number=nfc(d.get("number", "")),
                symbol=nfc(d.get("symbol", "")),
                title=nfc(d["title"]),
                kind=nfc(d.get("kind", "")),
                issued_on=_d(d.get("issued_on")),
                issuer=nfc(d.get("issuer", "")),
                sort_order=int(d.get("sort_order", 0)),
                tasks=[
                    DirectiveTask(
                        code=nfc(t["code"]),
                        title=nfc(t["title"]),
                        parent_code=t.get("parent_code"),
                        sort_order=int(t.get("sort_order", 0)),
                    )
                    for t in d.get("tasks", [])
                ],
            )
        )
    return out


def indicators_from_json(data: dict) -> list[Indicator]:
    """Indicators of a catalogue file or package; ``kind`` is optional (``flow`` without it)."""
    return [
        Indicator(
            code=i["code"],
            name=nfc(i["name"]),
            unit_label=nfc(i.get("unit_label", "")),
            directive_code=i.get("directive_code"),
            sort_order=int(i.get("sort_order", 0)),
            kind=indicator_kind(i.get("kind")),
        )
        for i in data.get("indicators", [])
    ]


def units_from_json(data: dict) -> list[Unit]:
    return [
        Unit(
            code=u["code"],
            name=nfc(u["name"]),
            parent_code=u.get("parent_code"),
            level=nfc(u.get("level", "")),
            short_name=nfc(u.get("short_name", "")),
            parent_body=nfc(u.get("parent_body", "")),
            place_name=nfc(u.get("place_name", "")),
            valid_from=_d(u.get("valid_from")),
            valid_to=_d(u.get("valid_to")),
        )
        for u in data.get("units", [])
    ]


class CatalogueService(ServiceBase):
    def directives(self) -> list[Directive]:
        with self.db.reading() as s:
            return catalogue_repo.all_directives(s)

    def directive_codes(self) -> set[str]:
        return {d.code for d in self.directives()}

    def indicators(self) -> list[Indicator]:
        with self.db.reading() as s:
            return catalogue_repo.all_indicators(s)

    def save_directive(self, d: Directive) -> Directive:
        d = validate_directive(d)
        with self.db.transaction() as s:
            catalogue_repo.save_directive(s, d)
        return d

    def delete_directive(self, code: str) -> None:
        """Delete a directive no session refers to."""
        with self.db.transaction() as s:
            row = catalogue_repo.find_directive(s, code)
            if row is None:
                raise NotFoundError(f"Không có văn bản «{code}».")
            used = catalogue_repo.directive_use_count(s, code)
            if used:
                raise ConflictError(
                    f"Văn bản «{code}» đã được dùng trong {used} buổi tuyên truyền."
                )
            catalogue_repo.delete_directive(s, row)

    def merge(
        self,
        directives: list[Directive],
        indicators: list[Indicator],
        units: list[Unit],
        origin: str,
    ) -> dict[str, int]:
        """Add catalogue entries in one transaction. Entries the user edited are left alone;
        entries that came from the same origin are refreshed. Returns counts of what changed."""
        counts = {"directives": 0, "indicators": 0, "units": 0}
        with self.db.transaction() as s:
            for d in directives:
                row = catalogue_repo.find_directive(s, d.code)
                if row is None or (not row.user_edited and row.origin == origin):
                    catalogue_repo.save_directive(s, validate_directive(d), origin=origin)
                    counts["directives"] += row is None
            existing_ind = {i.code for i in catalogue_repo.all_indicators(s)}
            for i in indicators:
                if i.code not in existing_ind:
                    catalogue_repo.save_indicator(s, i, origin=origin)
                    counts["indicators"] += 1
            for u in units:
                unit_row = units_repo.find_unit(s, u.code)
                if unit_row is None or (not unit_row.user_edited and unit_row.origin == origin):
                    units_repo.save_unit(s, validate_unit(u), origin=origin)
                    counts["units"] += unit_row is None
        return counts

    def load_defaults(self) -> dict[str, int] | None:
        """Load the bundled catalogue and directory once (first run). Never overwrites edits."""
        with self.db.reading() as s:
            if units_repo.get_setting(s, SEEDED):
                return None
        cat = json.loads(Path(resource("catalogue", "default_catalogue.json")).read_text("utf-8"))
        dirs = json.loads(Path(resource("catalogue", "default_directory.json")).read_text("utf-8"))
        counts = self.merge(
            directives_from_json(cat),
            indicators_from_json(cat),
            units_from_json(dirs),
            origin="seed",
        )
        with self.db.transaction() as s:
            units_repo.set_setting(s, SEEDED, str(cat.get("version", 1)))
        return counts

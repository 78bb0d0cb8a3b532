"""Catalogue packages: directives, indicators, the unit directory and period settings sent
downward. Importing adds what is new and refreshes what came from above; nothing the unit
recorded or edited itself is lost."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.catalogue import validate_directive
from ..domain.periods import PeriodSettings
from ..domain.units import validate_unit
from ..exchange.canonical import canonical_json
from ..exchange.package import build_package
from ..exchange.strict import clean_value
from ..storage import catalogue_repo, units_repo
from .base import PERIODS
from .catalogue import directives_from_json, indicators_from_json, units_from_json
from .exchange_outbox import SigningSender
from .exchange_payload import manifest_unit
from .exchange_results import ExportResult

if TYPE_CHECKING:
    from ..storage.engine import Session

FROM_ABOVE = ("seed", "package")


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def catalogue_payload(s: Session, settings: PeriodSettings) -> dict[str, Any]:
    directives = [
        {
            "code": d.code,
            "number": d.number,
            "symbol": d.symbol,
            "kind": d.kind,
            "issued_on": _iso(d.issued_on),
            "issuer": d.issuer,
            "title": d.title,
            "sort_order": d.sort_order,
            "tasks": [
                {
                    "code": t.code,
                    "title": t.title,
                    "parent_code": t.parent_code,
                    "sort_order": t.sort_order,
                }
                for t in d.tasks
            ],
        }
        for d in sorted(catalogue_repo.all_directives(s), key=lambda d: d.code)
    ]
    indicators = [
        {
            "code": i.code,
            "name": i.name,
            "unit_label": i.unit_label,
            "directive_code": i.directive_code,
            "sort_order": i.sort_order,
            "kind": i.kind,
        }
        for i in sorted(catalogue_repo.all_indicators(s), key=lambda i: i.code)
    ]
    units = [
        {
            "code": u.code,
            "name": u.name,
            "parent_code": u.parent_code,
            "level": u.level,
            "short_name": u.short_name,
            "parent_body": u.parent_body,
            "place_name": u.place_name,
            "valid_from": _iso(u.valid_from),
            "valid_to": _iso(u.valid_to),
        }
        for u in sorted(units_repo.all_units(s), key=lambda u: u.code)
    ]
    return {
        "directives": directives,
        "indicators": indicators,
        "units": units,
        "period_settings": {
            "scheme": settings.scheme,
            "cutoff_day": settings.cutoff_day,
            "due_days": settings.due_days,
        },
    }


def check_catalogue_tree(s: Session, payload: dict[str, Any], own: str) -> None:
    """Refuse a catalogue that would re-parent this installation's own unit or leave a cycle
    in the unit directory (an ancestor of this unit placed below it, two units each other's
    parent…): the level above speaks for the directory, never for who this unit's parent is,
    and a directory with a loop would let a unit above report as if it were below."""
    from ..exchange.errors import PackageError

    stated = {u["code"]: u["parent_code"] for u in payload["units"]}
    parents = {u.code: u.parent_code for u in units_repo.all_units(s)}
    if own in stated and stated[own] != parents.get(own):
        raise PackageError(
            "catalogue-tree",
            f"Gói danh mục ghi đơn vị này («{own}») thuộc «{stated[own]}», khác "
            f"với cấp trên «{parents.get(own)}» trong danh mục của đơn vị này; đổi "
            "cấp trên của chính đơn vị chỉ do đơn vị làm; gói bị từ chối.",
        )
    for code, parent in stated.items():
        row = units_repo.find_unit(s, code)
        if row is None or (not row.user_edited and row.origin in FROM_ABOVE):
            parents[code] = parent
    done: set[str] = set()
    for start in sorted(stated):
        path: list[str] = []
        cur: str | None = start
        while cur is not None and cur not in done:
            if cur in path:
                loop = path[path.index(cur) :] + [cur]
                raise PackageError(
                    "catalogue-tree",
                    "Gói danh mục làm danh mục đơn vị thành vòng lặp ("
                    + " → ".join(f"«{c}»" for c in loop[:6])
                    + (" …" if len(loop) > 6 else "")
                    + "); gói bị từ chối.",
                )
            path.append(cur)
            cur = parents.get(cur)
        done.update(path)


def apply_catalogue(s: Session, payload: dict[str, Any]) -> dict[str, int]:
    """Merge a verified catalogue payload (inside the import's savepoint)."""
    counts = {"directives": 0, "indicators": 0, "units": 0}
    for d in directives_from_json(payload):
        row = catalogue_repo.find_directive(s, d.code)
        if row is None or (not row.user_edited and row.origin in FROM_ABOVE):
            catalogue_repo.save_directive(s, validate_directive(d), origin="package")
            counts["directives"] += row is None
    known = {i.code for i in catalogue_repo.all_indicators(s)}
    for i in indicators_from_json(payload):
        if i.code not in known:
            catalogue_repo.save_indicator(s, i, origin="package")
            counts["indicators"] += 1
    for u in units_from_json(payload):
        unit_row = units_repo.find_unit(s, u.code)
        if unit_row is None or (not unit_row.user_edited and unit_row.origin in FROM_ABOVE):
            units_repo.save_unit(s, validate_unit(u), origin="package")
            counts["units"] += unit_row is None
    ps = payload.get("period_settings")
    if ps:
        PeriodSettings(**ps)  # re-checks the ranges
        units_repo.set_setting(s, PERIODS, json.dumps(ps, sort_keys=True))
    return counts


class CatalogueExportService(SigningSender):
    """The signed catalogue package for the units below."""

    def export_catalogue(self, out: Path | None = None) -> ExportResult:
        """Write the signed catalogue package (directives, indicators, unit directory, period
        settings) for the units below."""
        own_code = self.require_own_unit()
        settings = self.period_settings()
        key = self.keys.own_key()
        with self.db.reading() as s:
            own = self.own_unit_row(s, own_code)
            payload = catalogue_payload(s, settings)
        sha = hashlib.sha256(canonical_json(clean_value(payload))).hexdigest()
        revision, new = self.sent.next_revision("catalogue", own_code, None, sha)
        written = build_package(
            "catalogue", manifest_unit(own), None, revision, payload, key, self.now()
        )
        return self.sent.record_sent(written, "catalogue", own_code, None, revision, new, out, [])

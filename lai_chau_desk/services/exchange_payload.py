"""Report payloads as plain data: what a package carries, built from domain records.

Counts only: a session travels with its headcounts, never with its attendance list; the
roster (names, birth years, ethnicity) is never read here. Lists are sorted and the payload
is serialised canonically, so the same records always give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..domain.figures import PeriodFigures
from ..domain.periods import Period
from ..domain.sessions import DisseminationSession, add_figures, count_values
from ..domain.supervision import SupervisionActivity
from ..domain.units import Unit, UnitProfile

PROFILE_COUNTS = (
    "members_total",
    "members_female",
    "members_ethnic_minority",
    "workers_total",
    "workers_female",
    "workers_ethnic_minority",
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def session_record(x: DisseminationSession) -> dict[str, Any]:
    return {
        "id": str(x.id),
        "held_on": _iso(x.held_on),
        "title": x.title,
        "form": x.form,
        "directives": sorted(x.directive_codes),
        "tasks": sorted(x.task_codes),
        "place": x.place,
        "presenter": x.presenter,
        **count_values(x),
        "note": x.note,
    }


def supervision_record(x: SupervisionActivity) -> dict[str, Any]:
    return {
        "id": str(x.id),
        "held_on": _iso(x.held_on),
        "field": x.field,
        "role": x.role,
        "partners": x.partners,
        "target": x.target,
        "content": x.content,
        "findings": x.findings,
        "recommendations": [
            {"id": str(r.id), "text": r.text, "status": r.status, "status_on": _iso(r.status_on)}
            for r in x.recommendations
        ],
    }


def unit_record(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "parent_code": unit.parent_code,
        "level": unit.level,
        "place_name": unit.place_name,
    }


def manifest_unit(unit: Unit) -> dict[str, Any]:
    return {"code": unit.code, "name": unit.name, "parent_code": unit.parent_code}


def manifest_period(period: Period) -> dict[str, Any]:
    return {"code": period.code, "start": period.start.isoformat(), "end": period.end.isoformat()}


def figures_from_records(
    unit: str,
    period: str,
    sessions: list[DisseminationSession],
    supervisions: list[SupervisionActivity],
    indicators: dict[str, float],
) -> PeriodFigures:
    """The figures of records held in memory (simulations); the same sums as the SQL queries."""
    f = PeriodFigures(unit=unit, period=period, indicators=dict(indicators))
    by_form: Counter[str] = Counter()
    for x in sessions:
        a = x.attendance
        f.sessions += 1
        add_figures(f, count_values(x))
        by_form[x.form] += 1
        month = x.held_on.strftime("%Y-%m") if x.held_on else ""
        f.sessions_by_month[month] = f.sessions_by_month.get(month, 0) + 1
        f.participants_by_month[month] = f.participants_by_month.get(month, 0) + a.participants
        for code in x.directive_codes:
            f.sessions_by_directive[code] = f.sessions_by_directive.get(code, 0) + 1
            f.participants_by_directive[code] = (
                f.participants_by_directive.get(code, 0) + a.participants
            )
    f.sessions_by_form = dict(by_form)
    for s in supervisions:
        f.supervisions += 1
        f.supervisions_by_field[s.field] = f.supervisions_by_field.get(s.field, 0) + 1
        f.supervisions_by_role[s.role] = f.supervisions_by_role.get(s.role, 0) + 1
        for r in s.recommendations:
            f.recommendations += 1
            f.recommendations_by_status[r.status] = f.recommendations_by_status.get(r.status, 0) + 1
    return f


def report_payload(
    unit: Unit,
    period: Period,
    figures: PeriodFigures,
    sessions: list[DisseminationSession],
    supervisions: list[SupervisionActivity],
    indicator_values: dict[str, tuple[float, str]],
    narrative: dict[str, str],
    profile: UnitProfile | None,
) -> dict[str, Any]:
    """The ``payload.json`` of a report (see ``exchange/schemas/report.schema.json``)."""
    profile = profile or UnitProfile(unit_code=unit.code)
    return {
        "unit": unit_record(unit),
        "period": {**manifest_period(period), "due": period.due.isoformat()},
        "figures": figures.to_dict(),
        "sessions": [
            session_record(x)
            for x in sorted(sessions, key=lambda x: (x.held_on or date.min, str(x.id)))
        ],
        "supervisions": [
            supervision_record(x)
            for x in sorted(supervisions, key=lambda x: (x.held_on or date.min, str(x.id)))
        ],
        "indicator_values": [
            {"indicator_code": code, "value": float(v), "note": note}
            for code, (v, note) in sorted(indicator_values.items())
        ],
        "narrative": {k: v for k, v in sorted(narrative.items()) if v},
        "profile_counts": {
            "counts_as_of": _iso(profile.counts_as_of),
            **{k: int(getattr(profile, k)) for k in PROFILE_COUNTS},
        },
    }

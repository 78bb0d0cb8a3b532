"""The consolidated part of an upper level's official report, read from the database: the
figures of every report held below (``received_figures``), the direct children's status and
timeliness, and the extent of the consolidation further down.

Timeliness follows ``services/exchange_status.py`` (read, not imported, so the exchange side
can change its code freely): a unit is on time when the first revision held for the period was
created, in the sender's own UTC offset, on or before the period's due date; late otherwise;
missing when no report is held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..domain.figures import PeriodFigures, add_into
from ..domain.periods import Period
from ..domain.text import collation_key
from ..domain.units import UnitTree
from ..reports.model import UnitStatusLine
from ..storage import reports_repo
from ..storage.reports_repo import ReceivedReport

if TYPE_CHECKING:
    from ..storage.engine import Session


@dataclass
class Consolidation:
    """What the consolidated report adds to the own unit's report."""

    total: PeriodFigures  # own + every report held below, at any depth
    children: list[UnitStatusLine]  # direct children active in the period
    every_unit: list[UnitStatusLine] = field(default_factory=list)
    reports_below: tuple[int, int] | None = None  # below the children: (held, known)


def timeliness(report: ReceivedReport | None, period: Period) -> str:
    if report is None:
        return "missing"
    try:
        created = datetime.fromisoformat(report.first_created_text).date()
    except ValueError:
        return "late"
    return "on_time" if created <= period.due else "late"


def _sent_on(report: ReceivedReport | None) -> date | None:
    if report is None:
        return None
    try:
        return datetime.fromisoformat(report.first_created_text).date()
    except ValueError:
        return None


def has_units_below(s: Session, tree: UnitTree, own: str, period: Period) -> bool:
    """True when units report to ``own`` in ``period`` (children active then, or reports held
    from units below)."""
    if tree.active_children(own, period.start, period.end):
        return True
    below = set(tree.subtree_codes(own)) - {own}
    return any(code in below for code in reports_repo.received_report_units(s, period.code))


def consolidate(
    s: Session,
    tree: UnitTree,
    own: str,
    own_figures: PeriodFigures,
    period: Period,
    every_unit: bool = False,
) -> Consolidation:
    """The consolidation of ``own``'s subtree for ``period`` (see the module docstring).

    The reports held below are read one at a time and added into running sums (the total and
    one per direct child): only the children's lines are kept, not every unit's figures
    (``every_unit`` keeps them, as it prints a line per unit)."""
    below = set(tree.subtree_codes(own)) - {own}
    children = sorted(
        tree.active_children(own, period.start, period.end), key=lambda u: collation_key(u.name)
    )
    top: dict[str, str] = {}  # each unit below a child -> that child
    for child in children:
        for code in tree.subtree_codes(child.code):
            top.setdefault(code, child.code)
    total: dict = {}
    add_into(total, own_figures.to_dict())
    sums: dict[str, dict] = {c.code: {} for c in children}
    reported = dict.fromkeys(sums, 0)
    own_report: dict[str, ReceivedReport] = {}
    held: dict[str, ReceivedReport] = {}  # every unit's report: only for ``every_unit``
    figures: dict[str, PeriodFigures] = {}
    for r in reports_repo.iter_received_reports(s, period.code):
        if r.unit_code not in below:
            continue
        f = PeriodFigures.from_dict({**r.details, "unit": r.unit_code, "period": period.code})
        part = f.to_dict()
        add_into(total, part)
        via = top.get(r.unit_code)  # the direct child whose subtree holds the unit
        if via is not None:
            add_into(sums[via], part)
            if r.unit_code == via:
                own_report[via] = r
            else:
                reported[via] += 1
        if every_unit:
            held[r.unit_code] = r
            figures[r.unit_code] = f
    lines: list[UnitStatusLine] = []
    deeper_held = deeper_known = 0
    for child in children:
        known = sum(
            1
            for c in tree.subtree_codes(child.code)
            if c != child.code and tree.by_code[c].active_during(period.start, period.end)
        )
        report = own_report.get(child.code)
        lines.append(
            UnitStatusLine(
                unit_code=child.code,
                unit_name=child.name,
                figures=PeriodFigures.from_dict(
                    {"unit": child.code, "period": period.code, **sums[child.code]}
                )
                if report
                else None,
                status=timeliness(report, period),
                received_on=report.first_imported_at.date() if report else None,
                below_reported=reported[child.code] if known else None,
                below_expected=known if known else None,
                sent_on=_sent_on(report),
            )
        )
        deeper_held += reported[child.code]
        deeper_known += known
    every: list[UnitStatusLine] = []
    if every_unit:

        def tree_order(code: str) -> tuple:
            """Each unit after its parent, siblings in Vietnamese order."""
            path = [code, *tree.ancestors(code)]
            path = path[: path.index(own)] if own in path else path
            return tuple(
                collation_key(tree.by_code[c].name if c in tree.by_code else held[c].unit_name)
                for c in reversed(path)
            )

        for code in sorted(held, key=tree_order):
            unit = tree.by_code.get(code)
            every.append(
                UnitStatusLine(
                    unit_code=code,
                    unit_name=unit.name if unit else held[code].unit_name,
                    figures=figures[code],
                    status=timeliness(held[code], period),
                    received_on=held[code].first_imported_at.date(),
                    sent_on=_sent_on(held[code]),
                )
            )
    return Consolidation(
        total=PeriodFigures.from_dict({"unit": own, "period": period.code, **total}),
        children=lines,
        every_unit=every,
        reports_below=(deeper_held, deeper_known) if deeper_known else None,
    )

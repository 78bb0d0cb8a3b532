"""The fast bulk insert stores exactly what the ORM would; figures equal sums done by hand."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta

from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.domain.sessions import FORMS, Attendance, DisseminationSession
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.storage.models import SessionRow


def _random_sessions(
    n: int, directives: list[str], start: date, days: int, seed: int = 3
) -> list[DisseminationSession]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        people = rng.randint(1, 90)
        out.append(
            DisseminationSession(
                held_on=start + timedelta(days=rng.randint(0, days)),
                title=f"  Buổi  số {i} về Điều lệ ",
                form=rng.choice(list(FORMS)),
                directive_codes=rng.sample(directives, rng.randint(1, 3)),
                place="Nhà văn hóa bản Nà Tăm",
                presenter="Lường Thị Hoa",
                note="dòng 1\r\ndòng 2  ",
                attendance=Attendance(
                    people, rng.randint(0, people), rng.randint(0, people), rng.randint(0, people)
                ),
                materials=rng.randint(0, 9),
            )
        )
    return out


def test_bulk_added_sessions_read_back_exactly(unit_suite: ServiceSuite) -> None:
    directives = sorted(unit_suite.catalogue.directive_codes())[:5]
    items = _random_sessions(40, directives, date(2026, 1, 5), 100)
    assert unit_suite.sessions.bulk_add(items) == 40
    back = unit_suite.sessions.fetch([x.id for x in items])
    for want, got in zip(items, back, strict=True):
        assert got.title == want.title == f"Buổi số {items.index(want)} về Điều lệ"
        assert (got.held_on, got.form, got.place, got.presenter, got.note, got.materials) == (
            want.held_on,
            want.form,
            want.place,
            want.presenter,
            "dòng 1\ndòng 2",
            want.materials,
        )
        assert got.attendance == want.attendance
        assert got.directive_codes == sorted(want.directive_codes)
        assert got.unit_code == "CDCS-THCS-TN"
    with unit_suite.db.reading() as s:  # timestamps parse back through the ORM column type
        row = s.get(SessionRow, items[0].id)
        assert isinstance(row.created_at, datetime) and row.title_key == "buoi so 0 ve dieu le"
    one = unit_suite.sessions.add(_random_sessions(1, directives, date(2026, 2, 1), 0, seed=9)[0])
    with sqlite3.connect(unit_suite.db.path) as c:  # same stored text form as the ORM path
        shapes = {
            tuple(len(str(v)) for v in r)
            for r in c.execute(
                "SELECT id, held_on, created_at FROM dissemination_session WHERE id IN (?, ?)",
                (one.hex, items[0].id.hex),
            )
        }
    assert shapes == {(32, 10, 26)}


def test_period_figures_equal_hand_sums(unit_suite: ServiceSuite) -> None:
    directives = sorted(unit_suite.catalogue.directive_codes())[:6]
    p = parse_period("2026S1")
    inside = _random_sessions(300, directives, p.start, (p.end - p.start).days)
    outside = _random_sessions(50, directives, p.end + timedelta(days=1), 60, seed=4)
    unit_suite.sessions.bulk_add(inside + outside)
    f = unit_suite.reporting.figures("2026S1")
    assert f.sessions == 300
    for key in ("participants", "union_members", "female", "ethnic_minority"):
        assert getattr(f, key) == sum(getattr(x.attendance, key) for x in inside)
    assert f.materials == sum(x.materials for x in inside)
    assert f.sessions_by_form == dict(Counter(x.form for x in inside))
    assert f.sessions_by_month == dict(Counter(x.held_on.strftime("%Y-%m") for x in inside))
    by_month: Counter = Counter()
    for x in inside:
        by_month[x.held_on.strftime("%Y-%m")] += x.attendance.participants
    assert f.participants_by_month == dict(by_month)
    assert f.sessions_by_directive == dict(Counter(d for x in inside for d in x.directive_codes))

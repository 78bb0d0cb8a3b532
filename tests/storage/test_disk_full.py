"""A save on a full disk is refused with a clear message; the database stays intact and usable.

The full disk is simulated with ``PRAGMA max_page_count`` on every connection of the engine
(SQLite then fails exactly as on a full disk: SQLITE_FULL, "database or disk is full").
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, text

from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import check_integrity
from lai_chau_desk.services.suite import ServiceSuite, open_database
from lai_chau_desk.storage.engine import StorageFull


def _session(i: int) -> DisseminationSession:
    return DisseminationSession(
        held_on=date(2026, 3, 2), title=f"Tuyên truyền pháp luật lao động, đợt {i}",
        form="truc-tiep", note="Ghi chú dài về nội dung buổi sinh hoạt. " * 40,
        attendance=Attendance(30, 25, 12, 6))


class FullDisk:
    """Cap the database at its current size plus ``spare`` pages until ``lift()``."""

    def __init__(self, suite: ServiceSuite, spare: int = 3) -> None:
        self.engine = suite.db.engine
        with suite.db.reading() as s:
            self.pages = s.execute(text("PRAGMA page_count")).scalar_one() + spare
        event.listen(self.engine, "connect", self._cap)
        self.engine.dispose()

    def _cap(self, dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count={self.pages}")

    def lift(self) -> None:
        event.remove(self.engine, "connect", self._cap)
        self.engine.dispose()


def test_save_on_full_disk_is_refused_and_database_stays_usable(unit_suite: ServiceSuite) -> None:
    saved = [unit_suite.sessions.add(_session(i)) for i in range(5)]
    full = FullDisk(unit_suite)
    with pytest.raises(StorageFull) as e:
        for i in range(5, 500):
            saved.append(unit_suite.sessions.add(_session(i)))
    assert "Ổ đĩa đã đầy" in str(e.value)
    assert "vẫn nguyên vẹn" in str(e.value)
    # Still readable while full, and every acknowledged save is there.
    assert len(unit_suite.sessions.fetch(saved)) == len(saved)
    full.lift()
    unit_suite.close()
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"
    again = open_database(unit_suite.db.path, today=unit_suite.sessions.today)
    assert len(again.sessions.fetch(saved)) == len(saved)
    new_id = again.sessions.add(_session(999))
    assert again.sessions.fetch([new_id])[0].title.endswith("đợt 999")
    again.close()


def test_bulk_insert_on_full_disk_saves_nothing(unit_suite: ServiceSuite) -> None:
    before = unit_suite.sessions.count()
    full = FullDisk(unit_suite, spare=20)
    with pytest.raises(StorageFull):
        unit_suite.sessions.bulk_add(_session(i) for i in range(3000))
    assert unit_suite.sessions.count() == before
    full.lift()
    assert unit_suite.sessions.bulk_add(_session(i) for i in range(50)) == 50
    assert unit_suite.sessions.count() == before + 50
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"


def test_full_disk_refusal_reaches_the_cli_as_one_vietnamese_line(unit_suite: ServiceSuite,
                                                                  capsys) -> None:  # noqa: ANN001
    from lai_chau_desk.cli import _print_refusal

    full = FullDisk(unit_suite, spare=0)
    with pytest.raises(StorageFull) as e:
        for i in range(200):
            unit_suite.sessions.add(_session(i))
    full.lift()
    _print_refusal(e.value)
    err = capsys.readouterr().err
    assert err.startswith("lai-chau-desk: Ổ đĩa đã đầy") and err.count("\n") == 1

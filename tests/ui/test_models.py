"""Every table model passes Qt's model tester; the sessions model loads lazily."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.domain.text import collation_key
from tests.ui.helpers import settle


def _bulk(suite, n: int) -> None:  # noqa: ANN001
    start = date(2026, 1, 1)
    suite.sessions.bulk_add(
        (
            DisseminationSession(
                held_on=start + timedelta(days=i % 300),
                title=f"Buổi sinh hoạt số {i}",
                form="long-ghep",
                directive_codes=["50-KL/TW"],
                attendance=Attendance(20, 18, 11, 7),
            )
            for i in range(n)
        ),
        total=n,
    )


def test_sessions_model_is_lazy_and_valid(qtbot, qtmodeltester, window, unit_suite):  # noqa: ANN001
    _bulk(unit_suite, 1500)
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    model = screen.model
    assert model.rowCount() == 1500
    assert screen.loaded_ids  # first page + count first, then every id
    far = model.index(1400, 1)
    assert model.data(far) == "…"  # not fetched yet: a placeholder, a page request queued
    settle(qtbot, window)
    assert model.data(far).startswith("Buổi sinh hoạt số")
    assert len(model._cache) <= 40
    qtmodeltester.check(model, force_py=True)


def test_title_sort_is_vietnamese(qtbot, window, unit_suite):  # noqa: ANN001
    for title in ("Ăn ở", "Đêm hội", "Ân tình", "An toàn", "Dân vận", "Bình dân"):
        unit_suite.sessions.add(
            DisseminationSession(
                held_on=date(2026, 11, 2),
                title=title,
                directive_codes=["50-KL/TW"],
                attendance=Attendance(5),
            )
        )
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    screen._sort_clicked(1)
    settle(qtbot, window)
    titles = [screen.model.data(screen.model.index(r, 1)) for r in range(screen.model.rowCount())]
    assert titles == ["An toàn", "Ăn ở", "Ân tình", "Bình dân", "Dân vận", "Đêm hội"]


def test_record_models_are_valid(qtbot, qtmodeltester, window, unit_suite):  # noqa: ANN001
    unit_suite.demo.fill(members=20)
    for key in ("members", "supervision", "mobilisation", "catalogue"):
        window.show_screen(key)
        settle(qtbot, window)
    members = window.screen_by_key("members").model
    assert members.rowCount() == 20
    qtmodeltester.check(members, force_py=True)
    members.set_search("thi")
    qtmodeltester.check(members, force_py=True)
    qtmodeltester.check(window.screen_by_key("supervision").model, force_py=True)
    mob = window.screen_by_key("mobilisation").model
    assert mob.rowCount() > 0
    qtmodeltester.check(mob, force_py=True)
    assert mob.setData(mob.index(0, 2), "7", Qt.ItemDataRole.EditRole)
    assert window.screen_by_key("mobilisation").has_unsaved()
    cat = window.screen_by_key("catalogue")
    qtmodeltester.check(cat.directives.model, force_py=True)
    window.show_screen("sessions")
    settle(qtbot, window)
    roster = window.screen_by_key("sessions").editor.attendance.roster
    qtmodeltester.check(roster, force_py=True)
    window.screen_by_key("mobilisation").discard()
    settle(qtbot, window)


def test_every_column_of_the_sessions_list_sorts(qtbot, window, unit_suite):  # noqa: ANN001
    rows = [
        ("Hội nghị A", "truc-tuyen", ["51-KL/TW"], 30, 10),
        ("Hội thi B", "hoi-thi", ["334-KH/TU"], 12, 9),
        ("Tọa đàm C", "toa-dam", ["50-KL/TW", "334-KH/TU"], 50, 1),
    ]
    for i, (title, form, dirs, n, female) in enumerate(rows):
        unit_suite.sessions.add(
            DisseminationSession(
                held_on=date(2026, 11, 2 + i),
                title=title,
                form=form,
                directive_codes=dirs,
                attendance=Attendance(n, 0, female),
            )
        )
    screen = window.show_screen("sessions")
    settle(qtbot, window)

    def column(c: int) -> list[str]:
        return [screen.model.data(screen.model.index(r, c)) for r in range(screen.model.rowCount())]

    screen._sort_clicked(4)  # attended: largest first
    settle(qtbot, window)
    assert column(4) == ["50", "30", "12"]
    screen._sort_clicked(4)
    settle(qtbot, window)
    assert column(4) == ["12", "30", "50"]
    screen._sort_clicked(5)
    settle(qtbot, window)
    assert column(5) == ["10", "9", "1"]
    screen._sort_clicked(2)  # form, by its Vietnamese name
    settle(qtbot, window)
    assert column(2) == sorted(column(2), key=collation_key)
    screen._sort_clicked(3)
    settle(qtbot, window)
    assert column(3)[0].startswith("334-KH/TU")
    head = screen.table.horizontalHeader()
    assert head.sortIndicatorSection() == 3


def test_every_id_is_read_after_the_first_page_is_painted(qtbot, window, unit_suite):  # noqa: ANN001
    """The first page and the count first; the ids of the other rows once that page is on
    screen (read alongside, the worker would slow the paint), and never before."""
    from PySide6.QtCore import QEvent, QObject

    _bulk(unit_suite, 450)
    svc = unit_suite.sessions
    painted_rows: list[int] = []  # the model's rows at each paint of the table
    calls: list[tuple[object, list[int]]] = []  # (limit, the paints before the call)
    keys = svc.keys

    def watched_keys(f, newest_first=True, limit=None):  # noqa: ANN001, ANN202
        calls.append((limit, list(painted_rows)))
        return keys(f, newest_first, limit)

    class Paints(QObject):
        def eventFilter(self, o, e):  # noqa: ANN001, ANN202, N802
            if e.type() == QEvent.Type.Paint:
                painted_rows.append(screen.model.rowCount())
            return False

    svc.keys = watched_keys
    paints = Paints()
    try:
        screen = window.show_screen("sessions")
        screen.table.viewport().installEventFilter(paints)
        qtbot.waitUntil(lambda: screen.loaded_ids, timeout=10_000)
        settle(qtbot, window)
    finally:
        svc.keys = keys
        screen.table.viewport().removeEventFilter(paints)
    assert [limit for limit, _ in calls] == [200, None]
    assert 450 not in calls[0][1]
    assert 450 in calls[1][1]  # the first page was painted before every id was asked for
    assert len(screen.model.ids) == 450 and all(screen.model.ids)


def test_intake_table_shows_a_file_name_with_its_hidden_characters_escaped(qapp) -> None:  # noqa: ANN001
    """A right-to-left override in a file's name would draw «gpj.lcdx» as «xdcl.jpg»."""
    from lai_chau_desk.services.exchange_results import ImportOutcome
    from lai_chau_desk.ui.intake_models import outcome_model

    model = outcome_model()
    model.set_rows([ImportOutcome(file="/tmp/báo cáo \u202egpj.lcdx", outcome="new")])
    shown = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    assert shown == "báo cáo \\u202egpj.lcdx"

"""What a first-time officer hit in a real window (Xvfb, 1366 × 768 and 1024 × 600), each
fixed: a cut-off period, a misleading hint, an empty roster without guidance, a file dialog
opening in a folder that is gone, a close that saved but stayed open, a wizard that dropped
what was typed, a unit registered without its parent, an intake screen that appeared only
after a restart, a fingerprint cut off in the preview, an English word in Vietnamese."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from lai_chau_desk import i18n
from lai_chau_desk.app import open_database, open_services
from lai_chau_desk.domain.members import Member
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.ui import application
from lai_chau_desk.ui.context import MEMBERS
from lai_chau_desk.ui.main_window import MainWindow
from lai_chau_desk.ui.screen_dashboard import DashboardScreen
from tests.conftest import TODAY
from tests.services.fault_dbs import filled_db
from tests.ui.helpers import answer_next_box, settle, type_text
from tests.ui.test_early_window import Ticker
from tests.ui.test_officer_path import tick_directive
from tests.ui.test_screen_intake import LOW, UP, _lower, _window


def test_dashboard_period_is_not_cut_when_the_window_opened_before_the_data(
    qapp,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """Every start but the first paints the dashboard before the database is open: its
    period box, shown empty, kept that width (79 px) and read "6 tháng c" all day."""
    db = filled_db(tmp_path / "unit.db", n=1)
    seen: dict[str, object] = {}

    def step() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        w = next((w for w in windows if w.isVisible()), None)
        dash = w.screens.get("dashboard") if w is not None else None
        if w is None or not (w.ctx.ready and w.ctx.worker.idle()) or dash is None:
            return
        if not isinstance(dash, DashboardScreen) or dash.figures is None:
            return
        if seen.setdefault("ticks", 0) < 3:  # a few turns of the loop: the layout settles
            seen["ticks"] = int(seen["ticks"]) + 1  # type: ignore[call-overload]
            return
        combo = dash.period
        seen["text"] = combo.currentText()
        seen["width"] = combo.width()
        seen["needed"] = combo.fontMetrics().horizontalAdvance(combo.currentText())
        w.close()

    ticker = Ticker(step)
    try:
        code = application.run(
            argparse.Namespace(db=str(db), lang=None, smoke=False), open_services=open_services
        )
    finally:
        ticker.stop()
    assert code == 0
    assert str(seen["text"]).startswith("6 tháng cuối năm 2026")
    assert int(seen["width"]) > int(seen["needed"]) + 20, seen  # the text and the arrow


def test_tasks_hint_says_the_ticked_directive_has_no_tasks(qtbot, window):  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    ed = screen.editor
    assert ed.tasks.count() == 1 and "Chọn văn bản ở trên" in ed.tasks.item(0).text()
    before = ed.tasks.item(0).text()
    tick_directive(ed, "50-KL/TW")  # a conclusion: no tasks of its own
    assert ed.tasks.count() == 1
    hint = ed.tasks.item(0).text()
    assert hint != before and "không có nhiệm vụ" in hint
    assert not ed.tasks.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    tick_directive(ed, "334-KH/TU")
    assert ed.tasks.count() > 1
    assert all(ed.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(ed.tasks.count()))


def test_tasks_of_one_directive_start_with_their_own_code(qtbot, window) -> None:  # noqa: ANN001
    """At 1024 × 600 the tasks list is ~150 px wide: "334-KH/TU II.3.a — …" was cut to
    "334-KH/TU II.…" on every line, hiding which task it was."""
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    ed = screen.editor
    tick_directive(ed, "334-KH/TU")
    items = [ed.tasks.item(i) for i in range(ed.tasks.count())]
    sub = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "334-KH/TU II.3.a")
    assert sub.text().strip().startswith("II.3.a — ")
    assert sub.toolTip().startswith("334-KH/TU II.3.a — ")
    width = ed.tasks.fontMetrics().horizontalAdvance(sub.text().strip()[: len("II.3.a")])
    assert width < 60  # the code fits the narrowest list with room for the title's start
    tick_directive(ed, "335-KH/TU")  # two plans, both with a II.1: the whole reference
    texts = [ed.tasks.item(i).text().strip() for i in range(ed.tasks.count())]
    assert any(t.startswith("334-KH/TU ") for t in texts)
    assert any(t.startswith("335-KH/TU ") for t in texts)


def test_empty_roster_attendance_says_what_to_do_and_starts_as_a_headcount(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    unit_suite: ServiceSuite,
) -> None:
    """No roster yet (a first start): ticking from the list can only give 0 people. The tab
    says so and a new session starts with the headcount, whose figures are typed."""
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    ed = screen.editor
    assert ed.attendance.roster.rowCount() == 0
    assert (
        ed.attendance.headcount.isChecked()
        and not ed.attendance.count_boxes["participants"].isReadOnly()
    )
    assert not ed.attendance.roster_hint.isHidden()
    assert "Đoàn viên" in ed.attendance.roster_hint.text()
    type_text(ed.title, "Hội nghị quán triệt")
    ed.attendance.count_boxes["participants"].setValue(12)
    assert ed.session().attendance.participants == 12
    screen.discard()
    # once there is a roster, a new session counts from the ticked list again
    unit_suite.members.add(Member(full_name="Lò Thị Hương", gender="nu", ethnicity="Thái"))
    window.ctx.changed.emit(MEMBERS)
    settle(qtbot, window)
    assert ed.attendance.roster.rowCount() == 1 and ed.attendance.roster_hint.isHidden()
    assert (
        ed.attendance.from_list.isChecked()
        and ed.attendance.count_boxes["participants"].isReadOnly()
    )
    assert not ed.dirty


def test_report_save_dialog_opens_in_a_folder_that_is_there(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """The folder saved to last was a USB stick that is gone (or, on a new Linux account, no
    Documents folder): the file dialog then opened in the program's own folder."""
    from lai_chau_desk.ui.report_preview import ReportPreviewDialog

    gone = tmp_path / "usb" / "BAOCAO"
    window.ctx.store.setValue("report/folder", str(gone))
    dlg = ReportPreviewDialog(window.ctx, "2026S2", "", window)
    try:
        path = dlg.output.default_path("pdf")
        assert path.parent.is_dir() and path.parent != gone
        assert path.name.endswith(".pdf")
        there = tmp_path / "bao-cao"
        there.mkdir()
        window.ctx.store.setValue("report/folder", str(there))
        assert dlg.output.default_path("pdf").parent == there
    finally:
        settle(qtbot, window)
        dlg.close()


def test_save_when_closing_saves_then_closes(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    """Choosing "Lưu" in the close question saved the typed session and left the window open, as if
    the close had been cancelled; now the window closes once the save went through."""
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, "Ctrl+N")
    type_text(screen.editor.title, "Buổi chưa lưu")
    screen.editor.attendance.headcount.setChecked(True)
    screen.editor.attendance.count_boxes["participants"].setValue(9)
    tick_directive(
        screen.editor, "50-KL/TW"
    )  # a session needs a directive and, at a meeting, participants (test_upper_officer.py)
    seen: list[str] = []
    answer_next_box("Lưu", seen)
    window.close()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert seen and "chưa được lưu" in seen[0]
    assert unit_suite.sessions.count() == 1


def test_save_refused_when_closing_keeps_the_window(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, "Ctrl+N")
    type_text(screen.editor.title, "Buổi sai số liệu")
    screen.editor.attendance.headcount.setChecked(True)
    screen.editor.attendance.count_boxes["participants"].setValue(3)
    screen.editor.attendance.count_boxes["female"].setValue(5)
    answer_next_box("Lưu")
    window.close()
    settle(qtbot, window)
    assert window.isVisible() and screen.has_unsaved()
    assert "lớn hơn" in screen.editor.attendance.counts.error_text("female")
    assert unit_suite.sessions.count() == 0


def _wizard_on_unit_page(qtbot, suite, worker):  # noqa: ANN001, ANN202
    from lai_chau_desk.ui.wizard import UNIT_PAGE, FirstRunWizard

    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.start_manual.setChecked(True)
    wiz.next()
    assert wiz.currentId() == UNIT_PAGE
    return wiz


def test_cancelling_the_wizard_after_typing_asks_first(qtbot, suite, worker) -> None:  # noqa: ANN001
    """Escape (or Hủy, or the window's close) on the unit page closed the app at once and
    the code and name typed were gone."""
    i18n.install("vi")
    wiz = _wizard_on_unit_page(qtbot, suite, worker)
    type_text(wiz.code, "CDX-BINHLU")
    asked: list[bool] = []
    wiz.ask_quit = lambda: asked.append(True) or False  # "Tiếp tục thiết lập"
    QTest.keyClick(wiz, Qt.Key.Key_Escape)
    assert asked == [True] and wiz.isVisible() and wiz.code.text() == "CDX-BINHLU"
    wiz.ask_quit = lambda: True  # "Thoát thiết lập"
    wiz.reject()
    assert not wiz.isVisible() and wiz.result() == 0
    assert suite.units.own_unit_code() is None  # nothing was saved


def test_cancelling_on_the_first_page_does_not_ask(qtbot, suite, worker) -> None:  # noqa: ANN001
    from lai_chau_desk.ui.wizard import FirstRunWizard

    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.ask_quit = lambda: (_ for _ in ()).throw(AssertionError("asked"))
    wiz.reject()
    assert not wiz.isVisible()


def test_the_leave_question_is_vietnamese_and_staying_is_the_default(qtbot, suite, worker) -> None:  # noqa: ANN001
    i18n.install("vi")
    wiz = _wizard_on_unit_page(qtbot, suite, worker)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            qtbot.wait(20)
            return answer()
        seen.append(box.text())
        seen.append(box.defaultButton().text())
        box.defaultButton().click()
        return None

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    assert wiz.ask_quit() is False
    assert "không được lưu" in seen[0] and seen[1] == "Tiếp tục thiết lập"


def test_the_unit_form_shown_first_registers_under_this_unit(qtbot, window) -> None:  # noqa: ANN001
    """Danh mục → Danh mục đơn vị opens on an empty "new unit" form: its parent read
    "(không có)" (only Ctrl+N chose this unit), so a unit typed there was refused or
    registered outside this unit's tree."""
    screen = window.show_screen("catalogue")
    screen.tabs.setCurrentIndex(1)
    settle(qtbot, window)
    panel = screen.units
    assert panel.current is None and not panel.dirty
    assert panel.parent_unit.currentData() == "CDCS-THCS-TN"
    type_text(panel.code, "TO-2.CDCS")
    type_text(panel.name, "Tổ công đoàn Tổ 2")
    panel.save()
    settle(qtbot, window)
    assert window.ctx.services.units.get("TO-2.CDCS").parent_code == "CDCS-THCS-TN"


@pytest.fixture
def two(qapp, qtbot, worker, tmp_path: Path) -> Iterator:  # noqa: ANN001
    """(upper window, lower suite, upper suite): a unit and the level above, in two folders."""
    low = _lower(tmp_path / "low")
    (tmp_path / "up").mkdir()
    up = open_database(tmp_path / "up" / "unit.db", today=lambda: TODAY)
    up.units.init_own_unit(UP, "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    upper = _window(qapp, qtbot, up, worker)
    yield upper, low, up
    qtbot.waitUntil(worker.idle, timeout=10_000)
    upper.close()
    upper.deleteLater()
    i18n.install("vi")
    low.close()
    up.close()


def test_intake_appears_once_a_unit_below_is_registered(qtbot, two) -> None:  # noqa: ANN001
    """A new commune registers its units in Danh mục; the send screen then speaks of the
    "Tiếp nhận báo cáo" screen, which was not in the sidebar until the next start."""
    upper, _low, up = two
    settle(qtbot, upper)
    row = [s.key for s in upper.specs].index("intake")
    assert upper.sidebar.isRowHidden(row) and not upper.go_actions[row].isVisible()
    screen = upper.show_screen("catalogue")
    screen.tabs.setCurrentIndex(1)
    settle(qtbot, upper)
    panel = screen.units
    panel.new_record()
    type_text(panel.code, "CDCS-MN-BINHLU")
    type_text(panel.name, "Công đoàn cơ sở Trường Mầm non Bình Lư")
    panel.save()
    settle(qtbot, upper)
    assert up.units.get("CDCS-MN-BINHLU").parent_code == UP
    assert not upper.sidebar.isRowHidden(row) and upper.go_actions[row].isVisible()
    upper.go_actions[row].trigger()
    assert upper.current_screen() is upper.screens["intake"]


def test_intake_preview_shows_the_first_keys_fingerprint_whole(
    qtbot,  # noqa: ANN001
    two,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """The fingerprint to compare with the paper report was only in the last column, cut
    after the unit's name; the wrapped line under the table showed refusals only."""
    upper, low, _up = two
    package = tmp_path / "CDCS-THCS-TN_2026S2_r1.lcdx"
    low.export.export_report("2026S2", out=package)
    screen = upper.show_screen("intake")
    settle(qtbot, upper)
    screen.add_files([package])
    qtbot.waitUntil(lambda: not screen.busy() and screen.previewed, timeout=20_000)
    settle(qtbot, upper)
    fingerprint = low.keys.fingerprint()
    assert [o.outcome for o in screen.outcomes] == ["new"]
    assert not screen.reason.isHidden()  # without choosing the row
    assert fingerprint in screen.reason.text() and "đối chiếu" in screen.reason.text()
    assert screen.reason.wordWrap()
    screen.table.selectRow(0)
    assert fingerprint in screen.reason.text()
    tip = screen.model.data(screen.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert fingerprint in tip


def test_send_screen_names_the_revision_in_vietnamese(
    qtbot,  # noqa: ANN001
    two,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """ "CDCS-THCS-TN (revision 1)" in the Vietnamese sentence: ``_()`` inside an f-string
    is not extracted, so the word had no translation."""
    upper, low, up = two
    package = tmp_path / "low.lcdx"
    low.export.export_report("2026S2", out=package)
    assert up.imports.import_files([package])[0].outcome == "new"
    sender = upper.show_screen("packages")
    sender.period.setCurrentIndex(sender.period.findData("2026S2"))
    settle(qtbot, upper)
    sender.include_pending.setChecked(True)
    qtbot.waitUntil(lambda: "Gói sẽ kèm 1 báo cáo" in sender.plan_label.text(), timeout=10_000)
    text = sender.plan_label.text()
    assert f"{LOW} (lần gửi 1)" in text and "revision" not in text


def test_supervision_error_goes_once_the_body_is_typed(qtbot, window) -> None:  # noqa: ANN001
    """Saving an empty supervision says the supervised body is needed; the red line stayed
    under the field after it was typed, until the next save."""
    screen = window.show_screen("supervision")
    settle(qtbot, window)
    screen.new_record()
    screen.save()
    settle(qtbot, window)
    assert "Cần ghi rõ cơ quan" in screen.form.error_text("target")
    type_text(screen.target, "Trường Tiểu học Bản Bo")
    assert screen.form.error_text("target") == ""
    screen.save()
    settle(qtbot, window)
    assert screen.form.error_text("target") == "" and not screen.has_unsaved()


def test_grassroots_import_from_above_shows_no_table_of_units_below(qtbot, window) -> None:  # noqa: ANN001
    """*Nhập tệp của cấp trên…* on a grassroots unit opens the intake screen: its table of
    "the reports of the units below" (none: "added by their first report") only puzzled."""
    screen = window.show_screen("intake")
    settle(qtbot, window)
    assert screen.matrix_part.isHidden()
    assert not screen.table.isHidden() and not screen.pick_button.isHidden()


def test_the_table_of_units_below_shows_once_there_are_some(qtbot, two) -> None:  # noqa: ANN001
    upper, _low, up = two
    up.units.register_unit("CDCS-MN-BINHLU", "Công đoàn cơ sở Trường Mầm non Bình Lư", UP)
    screen = upper.show_screen("intake")
    settle(qtbot, upper)
    assert not screen.matrix_part.isHidden() and screen.matrix.rowCount() == 1

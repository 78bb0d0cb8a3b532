"""Defects an officer hit, at the grassroots and above, each fixed: a session saved with no
directive and nobody present, an exported package whose folder could not be opened, a
commune's report numbered as a grassroots one's, and what the upper-level walkthrough (real
window, Xvfb, 1366 × 768 and 1024 × 600) found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from lai_chau_desk import i18n
from lai_chau_desk.app import open_database
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.storage.sessions_repo import SessionFilter
from lai_chau_desk.ui import screen_intake
from lai_chau_desk.ui.intake_models import EXCHANGE
from lai_chau_desk.ui.wizard import PROFILE_PAGE
from tests.conftest import TODAY
from tests.ui.helpers import settle, type_text
from tests.ui.test_officer_path import new_session, tick_directive
from tests.ui.test_screen_intake import _window


def _saved_titles(svc) -> list[str]:  # noqa: ANN001
    unit = svc.units.own_unit().code
    return [s.title for s in svc.sessions.list(SessionFilter(unit_code=unit))]


def test_session_without_directive_or_participants_is_refused(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    unit_suite,  # noqa: ANN001
) -> None:
    """A session is the dissemination of a directive to people: with nothing ticked under
    *Văn bản được quán triệt* and 0 participants it was saved, and counted in the report as
    a session of no directive attended by nobody."""
    screen = new_session(qtbot, window, "Hội nghị quán triệt")
    ed = screen.editor
    ed.attendance.headcount.setChecked(True)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == []  # nothing reached the database
    assert "Chọn ít nhất một văn bản" in ed.details.error_text("directive_codes")
    assert "người tham dự" in ed.attendance.counts.error_text("participants")
    assert ed.currentIndex() == 0  # the details tab, which says the other tab has a problem
    assert "Điểm danh" in ed.details.general.text()
    assert ed.title.text() == "Hội nghị quán triệt" and ed.dirty  # nothing typed is lost

    tick_directive(ed, "50-KL/TW")
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == []
    assert ed.details.error_text("directive_codes") == ""
    assert "người tham dự" in ed.attendance.counts.error_text("participants")
    assert ed.currentIndex() == 1  # only the attendance is wrong: its tab is shown

    ed.attendance.count_boxes["participants"].setValue(25)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == ["Hội nghị quán triệt"]


def test_poster_session_needs_a_directive_but_no_headcount(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    unit_suite,  # noqa: ANN001
) -> None:
    """Posters, leaflets, loudspeakers and social media reach people without a sign-in
    sheet: 0 participants is allowed there; the directive is still needed."""
    screen = new_session(qtbot, window, "Pano tuyên truyền Kết luận 51")
    ed = screen.editor
    ed.form.setCurrentIndex(ed.form.findData("pano"))
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == []
    assert "Chọn ít nhất một văn bản" in ed.details.error_text("directive_codes")
    assert ed.attendance.counts.error_text("participants") == ""
    tick_directive(ed, "51-KL/TW")
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == ["Pano tuyên truyền Kết luận 51"]


def test_refused_session_shows_every_problem_at_once(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    """An empty title and no directive: both are said at the first save, not one by one."""
    screen = new_session(qtbot, window, "")
    ed = screen.editor
    ed.attendance.headcount.setChecked(True)
    ed.attendance.count_boxes["participants"].setValue(10)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert _saved_titles(unit_suite) == []
    assert "không được để trống" in ed.details.error_text("title")
    assert "Chọn ít nhất một văn bản" in ed.details.error_text("directive_codes")


def test_exported_package_path_is_shown_and_its_folder_opens(
    qtbot,  # noqa: ANN001
    window,  # noqa: ANN001
    unit_suite,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After *Xuất gói báo cáo đã ký…* the officer must find the file to attach it to an
    e-mail or copy it to a USB stick: the path was only in a wrapped label and nothing
    opened its folder."""
    unit_suite.demo.fill(seed=3)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    sender = window.show_screen("packages")
    settle(qtbot, window)
    assert sender.open_folder_button.isHidden() and sender.written_path.isHidden()
    usb = tmp_path / "USB" / "BAO CAO 2026"
    usb.mkdir(parents=True)
    sender.ask_save_path = lambda _title, name: str(usb / name)
    sender.export_button.click()
    settle(qtbot, window)
    written = usb / "CDCS-THCS-TN_2026S2_r1.lcdx"
    assert written.exists()
    assert not sender.open_folder_button.isHidden()
    assert sender.open_folder_button.text() == "Mở thư mục"
    assert sender.written_path.text() == str(written) and sender.written_path.isReadOnly()
    QTest.mouseClick(sender.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(usb))]
    # the next export's save dialog opens in that folder (the same stick, next period)
    assert sender.default_folder() == usb


def _unit_page(qtbot, suite, worker):  # noqa: ANN001, ANN202
    """The first-run wizard, shown, at its unit page (started by hand, not from a file)."""
    from lai_chau_desk.ui.wizard import FirstRunWizard

    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.start_manual.setChecked(True)
    wiz.next()
    return wiz


def _typed_unit(qtbot, suite, worker, code: str, name: str, parent: str):  # noqa: ANN001, ANN202
    wiz = _unit_page(qtbot, suite, worker)
    wiz.create_new.setChecked(True)
    type_text(wiz.code, code)
    type_text(wiz.name, name)
    wiz.parent_unit.setCurrentIndex(wiz.parent_unit.findData(parent))
    wiz.next()
    assert wiz.currentId() == PROFILE_PAGE, wiz.unit_form.error_text("code")
    return wiz


@pytest.mark.parametrize(
    ("code", "name", "parent", "prefix", "on_behalf"),
    [
        (
            "CDCS-THCS-BANBO",
            "Công đoàn cơ sở Trường THCS Bản Bo",
            "CDVC-LC",
            "BC-CĐCS",
            "TM. BAN CHẤP HÀNH",
        ),
        ("CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC", "BC-CĐ", "TM. BAN THƯỜNG VỤ"),
        ("CDP-DONGPHONG", "Công đoàn phường Đông Phong", "LDLD-LC", "BC-CĐ", "TM. BAN THƯỜNG VỤ"),
        (
            "CDN-GD-LC",
            "Công đoàn ngành Giáo dục tỉnh Lai Châu",
            "LDLD-LC",
            "BC-CĐ",
            "TM. BAN THƯỜNG VỤ",
        ),
    ],
)
def test_wizard_document_symbol_follows_a_typed_units_level(
    qtbot,  # noqa: ANN001
    suite,  # noqa: ANN001
    worker,  # noqa: ANN001
    code: str,
    name: str,
    parent: str,
    prefix: str,
    on_behalf: str,
) -> None:
    """The wizard proposed "BC-CĐCS" and "TM. BAN CHẤP HÀNH" to every unit: a commune union
    that kept them printed "Số: 01/BC-CĐCS" on its consolidated report."""
    wiz = _typed_unit(qtbot, suite, worker, code, name, parent)
    assert (wiz.prefix.text(), wiz.on_behalf.text()) == (prefix, on_behalf)
    type_text(wiz.signer, "Lò Thị Hương")
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert not wiz.isVisible()
    saved = suite.units.profile()
    assert (saved.doc_prefix, saved.signature_on_behalf) == (prefix, on_behalf)


@pytest.mark.parametrize(
    ("code", "prefix"),
    [("LDLD-LC", "BC-LĐLĐ"), ("CDVC-LC", "BC-CĐVC")],
)
def test_wizard_document_symbol_of_a_unit_picked_in_the_directory(
    qtbot,  # noqa: ANN001
    suite,  # noqa: ANN001
    worker,  # noqa: ANN001
    code: str,
    prefix: str,
) -> None:
    """The province federation and the public-servants union picked from the directory."""
    wiz = _unit_page(qtbot, suite, worker)
    wiz.pick.setChecked(True)
    wiz.existing.setCurrentIndex(wiz.existing.findData(code))
    wiz.next()
    assert wiz.currentId() == PROFILE_PAGE
    assert (wiz.prefix.text(), wiz.on_behalf.text()) == (prefix, "TM. BAN THƯỜNG VỤ")


def test_wizard_level_wording_follows_back_and_keeps_what_was_typed(
    qtbot,  # noqa: ANN001
    suite,  # noqa: ANN001
    worker,  # noqa: ANN001
) -> None:
    """Back to the unit page and another unit: the proposal follows; a typed one stays."""
    wiz = _typed_unit(qtbot, suite, worker, "CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC")
    assert wiz.prefix.text() == "BC-CĐ"
    wiz.back()
    wiz.name.clear()
    type_text(wiz.name, "Công đoàn cơ sở Trường Tiểu học Bình Lư")
    wiz.next()
    assert (wiz.prefix.text(), wiz.on_behalf.text()) == ("BC-CĐCS", "TM. BAN CHẤP HÀNH")
    wiz.prefix.clear()
    type_text(wiz.prefix, "BC-CĐTH")
    wiz.back()
    wiz.name.clear()
    type_text(wiz.name, "Công đoàn xã Bình Lư")
    wiz.next()
    assert (wiz.prefix.text(), wiz.on_behalf.text()) == ("BC-CĐTH", "TM. BAN THƯỜNG VỤ")


def test_wizard_from_a_catalogue_gives_a_commune_its_wording(
    qtbot,  # noqa: ANN001
    suite,  # noqa: ANN001
    worker,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """A commune union started from the province's catalogue (its level registered there)."""
    from lai_chau_desk.ui.wizard import FirstRunWizard
    from tests.ui.test_wizard_rollout import _province_catalogue, _start_from

    path, _fp = _province_catalogue(tmp_path)
    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    _start_from(qtbot, wiz, path, "CDX-BINHLU")
    assert (wiz.prefix.text(), wiz.on_behalf.text()) == ("BC-CĐ", "TM. BAN THƯỜNG VỤ")


# --- the upper-level walkthrough (a commune holding its 25 units' first packages) ----------


@pytest.fixture
def commune(tmp_path: Path) -> Iterator[ServiceSuite]:
    """A new commune union with no unit registered below it yet, and 12 of its units'
    packages waiting in a folder (``tmp_path / "usb"``)."""
    s = open_database(tmp_path / "commune.db", today=lambda: TODAY)
    s.units.init_own_unit("CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC")
    s.simulation.simulate(tmp_path / "usb", 12, "2026S2", seed=4, sessions=(3, 5))
    yield s
    s.close()


@pytest.fixture
def commune_window(qapp, qtbot, commune, worker) -> Iterator:  # noqa: ANN001
    w = _window(qapp, qtbot, commune, worker)
    yield w
    qtbot.waitUntil(worker.idle, timeout=10_000)
    w.close()
    w.deleteLater()
    i18n.install("vi")


def test_a_new_commune_imports_its_units_packages_from_the_file_menu(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No unit registered yet, so no *Tiếp nhận báo cáo* in the sidebar: the only import
    button was the send screen's "Nhập tệp của cấp trên…" (from the level above), which a
    commune holding its units' reports did not take for the way in."""
    w = commune_window
    settle(qtbot, w)
    keys = [s.key for s in w.specs]
    assert w.sidebar.isRowHidden(keys.index("intake"))
    file_menu = w.menuBar().actions()[0].menu()
    assert "Nhập tệp .lcdx…" in [a.text() for a in file_menu.actions()]
    assert w.act_import.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    asked: list[str] = []
    usb = tmp_path / "usb"

    def chosen(_parent, _title, folder, _filter):  # noqa: ANN001, ANN202
        asked.append(folder)
        return [str(p) for p in sorted(usb.glob("*.lcdx"))], ""

    monkeypatch.setattr(screen_intake.QFileDialog, "getOpenFileNames", chosen)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    QTest.keySequence(w, QKeySequence("Ctrl+O"))  # one action: no ambiguous shortcut
    settle(qtbot, w)
    intake = w.current_screen()
    assert intake is w.screen_by_key("intake") and len(asked) == 1
    qtbot.waitUntil(lambda: "12 gói mới" in intake.summary.text(), timeout=20_000)
    intake.start_import()
    qtbot.waitUntil(
        lambda: len(commune.units.tree().subtree_codes("CDX-BINHLU")) == 13, timeout=30_000
    )
    settle(qtbot, w)
    qtbot.waitUntil(lambda: not w.sidebar.isRowHidden(keys.index("intake")))
    # the next file dialog opens in the folder the packages came from
    QTest.keySequence(w, QKeySequence("Ctrl+O"))
    settle(qtbot, w)
    assert asked[-1] == str(usb)


def test_send_screen_sums_up_the_reports_it_leaves_out(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """With 12 reports imported and none accepted, the send screen listed 12 lines "Không
    kèm … chưa tiếp nhận; dùng --include-pending (hoặc …)": a command-line option in the
    window, and a list that pushed the catalogue box and the window past a 600-px screen."""
    w = commune_window
    commune.imports.import_files(sorted((tmp_path / "usb").glob("*.lcdx")))
    w.ctx.changed.emit(EXCHANGE)
    sender = w.show_screen("packages")
    sender.period.setCurrentIndex(sender.period.findData("2026S2"))
    settle(qtbot, w)
    qtbot.waitUntil(lambda: "chưa tiếp nhận (12)" in sender.plan_label.text(), timeout=10_000)
    text = sender.plan_label.text()
    assert (
        "--include-pending" not in text and "--include-pending" not in sender.plan_label.toolTip()
    )
    assert text.count("\n") <= 2, text  # one line for what goes, one per reason left out
    assert "và 4 đơn vị khác" in text  # eight codes named, the rest counted
    assert sender.plan_label.toolTip().count("\n") == 11  # each unit, by name, in the tooltip
    w.resize(1024, 600)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 560, hint
    sender.include_pending.setChecked(True)
    qtbot.waitUntil(lambda: "Gói sẽ kèm 12 báo cáo" in sender.plan_label.text(), timeout=10_000)
    assert "và 4 đơn vị khác" in sender.plan_label.text()


def test_directive_labels_under_the_chart_break_rather_than_elide(qapp) -> None:  # noqa: ANN001
    """At 1024 px the overview's directive chart read "334-KH/…" and "335-KH/…": the two
    plans could not be told apart."""
    from PySide6.QtGui import QFont, QFontMetrics

    from lai_chau_desk.ui.chart import fitted_label

    fm = QFontMetrics(QFont())
    width = fm.horizontalAdvance("334-KH/TU") - 4  # the slot of a 1024-px screen: too narrow
    assert fitted_label(fm, "334-KH/TU", width) == "334-KH/\nTU"
    assert fitted_label(fm, "50-KL/TW", fm.horizontalAdvance("50-KL/TW")) == "50-KL/TW"
    tiny = fitted_label(fm, "334-KH/TU", fm.horizontalAdvance("334"))
    assert tiny.endswith("…") and "\n" not in tiny


def test_report_screen_of_an_upper_level_shows_what_the_report_adds_up(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """The commune's *Báo cáo* screen showed only its own figures (0 sessions) while the
    report it previews adds up its 12 units' sessions: the officer thought the import had
    not worked."""
    w = commune_window
    screen = w.show_screen("report")
    settle(qtbot, w)
    assert screen.subtree_figures.isHidden()  # nothing held below yet: one block, as before
    commune.imports.import_files(sorted((tmp_path / "usb").glob("*.lcdx")))
    w.ctx.changed.emit(EXCHANGE)  # what the intake screen announces after an import
    settle(qtbot, w)
    screen.period.setCurrentIndex(screen.period.findData("2026S2"))
    settle(qtbot, w)
    totals = commune.status.subtree_totals("2026S2")
    assert not screen.subtree_figures.isHidden()
    assert "12 đơn vị" in screen.subtree_title.text()
    assert "riêng đơn vị" in screen.figures_title.text()
    sessions = f"{totals.subtree['sessions']:,}".replace(",", ".")
    assert f"<b>{sessions}</b>" in screen.subtree_figures.text()
    assert "Số buổi" in screen.subtree_figures.text()


def test_report_screen_of_a_grassroots_unit_is_unchanged(qtbot, window) -> None:  # noqa: ANN001
    screen = window.show_screen("report")
    settle(qtbot, window)
    assert screen.subtree_figures.isHidden() and screen.subtree_title.isHidden()
    assert screen.figures_title.text() == "Số liệu trong kỳ"


def test_overview_of_an_upper_level_adds_the_reports_held_below(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """After importing its units' reports the commune's overview still read "0 buổi": the
    cards are its own sessions, and nothing said where the units' figures were."""
    w = commune_window
    dash = w.show_screen("dashboard")
    settle(qtbot, w)
    assert dash.below.isHidden()
    commune.imports.import_files(sorted((tmp_path / "usb").glob("*.lcdx")))
    w.ctx.changed.emit(EXCHANGE)
    settle(qtbot, w)
    dash.period.setCurrentIndex(dash.period.findData("2026S2"))
    settle(qtbot, w)
    totals = commune.status.subtree_totals("2026S2").subtree
    assert not dash.below.isHidden()
    text = dash.below.text()
    assert "riêng đơn vị" in text and "12 đơn vị cấp dưới" in text
    assert f"{totals['sessions']} buổi" in text.replace(".", "")
    assert "Ctrl+6" in text


def test_overview_of_a_grassroots_unit_has_no_line_for_units_below(qtbot, window) -> None:  # noqa: ANN001
    dash = window.show_screen("dashboard")
    settle(qtbot, window)
    assert dash.below.isHidden()


def test_province_preview_sums_up_the_keys_a_commune_vouches_for(
    qapp,  # noqa: ANN001
    qtbot,  # noqa: ANN001
    worker,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """The province previewing a commune's consolidated package read, under the table, the
    first-key fingerprint of each of the commune's units (two lines each, 25 units: 50 lines
    no paper at the province can be compared with), which pushed the window past 600 px."""
    commune.imports.import_files(sorted((tmp_path / "usb").glob("*.lcdx")))
    package = tmp_path / "CDX-BINHLU_2026S2_r1.lcdx"
    commune.export.export_report("2026S2", out=package, include_pending=True)
    prov = open_database(tmp_path / "prov.db", today=lambda: TODAY)
    prov.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    w = _window(qapp, qtbot, prov, worker)
    try:
        intake = w.show_screen("intake")
        settle(qtbot, w)
        intake.add_files([package])
        qtbot.waitUntil(lambda: "1 gói mới" in intake.summary.text(), timeout=20_000)
        settle(qtbot, w)
        text = intake.reason.text()
        fingerprint = commune.keys.fingerprint()
        assert fingerprint in text  # the commune's own key, to compare with its paper report
        assert "12 đơn vị cấp dưới của «CDX-BINHLU»" in text and "và 4 đơn vị khác" in text
        assert text.count("\n") <= 2, text
        tip = intake.model.data(intake.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert tip.count("\n") <= 2, tip
        w.resize(1024, 600)
        hint = w.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 560, hint
        intake.start_import()
        qtbot.waitUntil(lambda: prov.status.subtree_totals("2026S2").units_reported == 13)
    finally:
        qtbot.waitUntil(worker.idle, timeout=10_000)
        w.close()
        w.deleteLater()
        prov.close()
        i18n.install("vi")


def test_the_previewed_packages_are_imported_from_the_keyboard(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """ "Nhập" looked like the default button but Enter did nothing (a default button works
    only in a dialog): after the preview it has the focus, and Ctrl+Enter imports."""
    w = commune_window
    intake = w.show_screen("intake")
    settle(qtbot, w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    intake.add_files(sorted((tmp_path / "usb").glob("*.lcdx"))[:3])
    qtbot.waitUntil(lambda: "3 gói mới" in intake.summary.text(), timeout=20_000)
    settle(qtbot, w)
    assert intake.import_button.hasFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: commune.status.subtree_totals("2026S2").units_reported == 3)


def test_unit_names_are_readable_in_the_directory_at_1024(
    qtbot,  # noqa: ANN001
    commune_window,  # noqa: ANN001
    commune: ServiceSuite,
    tmp_path: Path,
) -> None:
    """At 1024 × 600 the *Danh mục đơn vị* table gave the code, parent, level and end-date
    columns their contents' width and left "…" for every unit's name."""
    commune.imports.import_files(sorted((tmp_path / "usb").glob("*.lcdx")))
    w = commune_window
    w.resize(1024, 600)
    catalogue = w.show_screen("catalogue")
    settle(qtbot, w)
    catalogue.tabs.setCurrentIndex(1)
    units = catalogue.units
    units.reload()
    settle(qtbot, w)
    qtbot.waitUntil(lambda: units.model.rowCount() > 12)
    table = units.table
    width = table.viewport().width()
    widths = [table.columnWidth(c) for c in range(units.model.columnCount())]
    assert table.columnWidth(units.stretch_column()) >= 0.33 * width, (widths, width)
    assert sum(widths) <= width + 2, (widths, width)  # no sideways scrolling
    code = table.fontMetrics().horizontalAdvance("CDX-BINHLU-S0001")
    assert widths[0] >= code, widths  # the code, the first column, whole
    name = units.model.index(0, units.stretch_column())
    assert units.model.data(name, Qt.ItemDataRole.ToolTipRole) == units.model.data(name)

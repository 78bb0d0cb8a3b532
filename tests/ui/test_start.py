"""Start-up: the first-run wizard, one instance per database, the --smoke run."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

from PySide6.QtWidgets import QWizard

from lai_chau_desk.services.base import LANGUAGE
from tests.conftest import ROOT
from tests.ui.helpers import type_text


def _smoke(db) -> subprocess.CompletedProcess:  # noqa: ANN001
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "lai_chau_desk", "--db", str(db), "--smoke"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_wizard_sets_up_the_unit(qtbot, suite, worker):  # noqa: ANN001
    from lai_chau_desk.ui.wizard import FirstRunWizard

    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.language.setCurrentIndex(wiz.language.findData("vi"))
    assert wiz.start_catalogue.isChecked()  # the recommended start (issue 10)
    wiz.start_manual.setChecked(True)
    wiz.next()
    assert wiz.currentId() == 1
    wiz.create_new.setChecked(True)
    type_text(wiz.code, "CDCS-THCS-BANBO")
    wiz.next()  # no name yet: refused, with the message next to the field
    assert wiz.currentId() == 1
    assert "không được để trống" in wiz.unit_form.error_text("name")
    type_text(wiz.name, "Công đoàn cơ sở Trường THCS Bản Bo")
    wiz.parent_unit.setCurrentIndex(wiz.parent_unit.findData("CDVC-LC"))
    wiz.next()
    assert wiz.currentId() == 2
    assert wiz.issuing_body.text() == "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS BẢN BO"
    assert wiz.parent_body.text() == "CÔNG ĐOÀN VIÊN CHỨC TỈNH LAI CHÂU"
    type_text(wiz.signer, "Lò Thị Hương")
    wiz.members_total.setValue(40)
    wiz.members_female.setValue(45)  # more women than members: refused
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert wiz.isVisible()
    assert "lớn hơn tổng số" in wiz.profile_form.error_text("members_female")
    assert suite.settings.own_unit_code() is None  # nothing saved
    wiz.members_female.setValue(25)
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert not wiz.isVisible()
    unit = suite.units.own_unit()
    assert (unit.code, unit.name, unit.parent_code) == (
        "CDCS-THCS-BANBO",
        "Công đoàn cơ sở Trường THCS Bản Bo",
        "CDVC-LC",
    )
    profile = suite.units.profile()
    assert (profile.signer_name, profile.members_total, profile.members_female) == (
        "Lò Thị Hương",
        40,
        25,
    )
    assert suite.settings.get(LANGUAGE) == "vi"


def test_second_instance_is_refused(qapp, unit_suite, cli):  # noqa: ANN001
    """The window holds the same lock as the command line: a second window and a CLI write
    command on the same database are both refused while it is held."""
    from lai_chau_desk.services.startup import release_database
    from lai_chau_desk.ui.application import acquire_lock

    db = unit_suite.db.path
    assert acquire_lock(db)
    try:
        proc = _smoke(db)
        assert proc.returncode == 1
        assert "đang mở với cơ sở dữ liệu này" in proc.stderr
        write = cli(
            "session",
            "add",
            "--date",
            "2026-03-05",
            "--title",
            "Buổi",
            "--form",
            "loa",
            "--participants",
            "3",
            db=db,
        )
        assert write.returncode == 1 and "đang được một chương trình khác mở" in write.stderr
    finally:
        release_database(db)
    assert _smoke(db).returncode == 0  # once released, the app opens


def test_every_screen_has_its_own_shortcut(window):  # noqa: ANN001
    """Ctrl+1 … Ctrl+9 and Ctrl+0 reach every screen of the sidebar (ten screens today)."""
    from PySide6.QtGui import QKeySequence

    go = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.menu()
        and a.menu().actions()
        and a.menu().actions()[0].text() == window.sidebar.item(0).text()
    )
    keys = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in go.actions()]
    assert len(keys) == window.sidebar.count() <= 10
    assert all(keys) and len(set(keys)) == len(keys)
    assert keys[:2] == ["Ctrl+1", "Ctrl+2"] and (len(keys) < 10 or keys[9] == "Ctrl+0")
    window.activateWindow()
    go.actions()[-1].trigger()
    assert window.sidebar.currentRow() == window.sidebar.count() - 1


def test_dashboard_says_what_became_of_each_report(qtbot, window, unit_suite):  # noqa: ANN001
    """Reports due list the days left until a report is sent, then its status from above."""
    from tests.ui.helpers import settle

    def line(label: str) -> str:
        return next(x for x in dash.due.text().split("<br>") if x.startswith(f"<b>{label}"))

    dash = window.show_screen("dashboard")
    settle(qtbot, window)
    assert "còn 21 ngày" in line("6 tháng cuối năm 2026") and "đã gửi" not in dash.due.text()
    unit_suite.export.export_report("2026S2")
    dash.reload()
    settle(qtbot, window)
    assert "đã lưu tệp gửi (lần 1), chưa có biên nhận của cấp trên" in line("6 tháng cuối năm 2026")
    assert "còn 21 ngày" in line("Năm 2026")  # the annual report is still to send


def test_the_window_stays_open_without_smoke(unit_suite):  # noqa: ANN001
    """Started as an officer starts it (no --smoke), the main window stays up once painted:
    the smoke watcher used to quit every run after the first paint, so the real app closed
    itself a second after opening (and right after the first-run wizard)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "lai_chau_desk", "--db", str(unit_suite.db.path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with contextlib.suppress(subprocess.TimeoutExpired):  # still open, as it should be
            proc.wait(timeout=12)
        assert proc.returncode is None, f"the app closed by itself: {proc.stderr.read()}"
    finally:
        if proc.returncode is None:
            proc.terminate()
            proc.wait(timeout=30)

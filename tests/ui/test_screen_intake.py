"""Report intake and sending through the real screens: two installations in two folders, real
databases, the one worker; files move between them only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtTest import QTest

from lai_chau_desk import i18n
from lai_chau_desk.app import open_database
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.i18n import _
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.ui import intake_report_dialog, screen_intake
from tests.conftest import TODAY
from tests.ui.helpers import answer_next_box, settle

LOW, UP = "CDCS-THCS-TN", "CDVC-LC"


def _lower(folder: Path, seed: int = 11) -> ServiceSuite:
    folder.mkdir()
    s = open_database(folder / "unit.db", today=lambda: TODAY)
    s.units.init_own_unit(LOW, "Công đoàn cơ sở Trường THCS Thử Nghiệm", UP)
    s.demo.fill(seed=seed)
    return s


@pytest.fixture
def low(tmp_path: Path) -> Iterator[ServiceSuite]:
    s = _lower(tmp_path / "low")
    yield s
    s.close()


@pytest.fixture
def up(tmp_path: Path) -> Iterator[ServiceSuite]:
    (tmp_path / "up").mkdir()
    s = open_database(tmp_path / "up" / "unit.db", today=lambda: TODAY)
    s.units.init_own_unit(UP, "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    yield s
    s.close()


def _window(qapp, qtbot, services, worker):  # noqa: ANN001, ANN202
    from lai_chau_desk.ui.application import start_ui

    w = start_ui(qapp, services, worker, services.db.path, lang="vi", today=lambda: TODAY)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def windows(qapp, qtbot, worker, low, up) -> Iterator:  # noqa: ANN001
    """(upper window, lower window)."""
    made = [_window(qapp, qtbot, up, worker), _window(qapp, qtbot, low, worker)]
    yield made
    qtbot.waitUntil(worker.idle, timeout=10_000)
    for w in made:
        w.close()
        w.deleteLater()
    i18n.install("vi")


def _drop(screen, paths: list[Path]) -> None:  # noqa: ANN001
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    screen.dropEvent(event)


def _wait(qtbot, window, screen) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not screen.busy(), timeout=20_000)
    settle(qtbot, window)


def _intake(qtbot, window):  # noqa: ANN001, ANN202
    screen = window.show_screen("intake")
    settle(qtbot, window)
    return screen


def _column(model, title: str) -> int:  # noqa: ANN001
    return [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
    ].index(title)


def test_drop_preview_import_shows_on_time(qtbot, qtmodeltester, windows, low, up, tmp_path):  # noqa: ANN001
    upper, _lower_w = windows
    package = tmp_path / "CDCS-THCS-TN_2026S2_r1.lcdx"
    low.export.export_report("2026S2", out=package)
    screen = _intake(qtbot, upper)
    assert screen.matrix.rowCount() == 0  # no units below known yet
    _drop(screen, [package])
    _wait(qtbot, upper, screen)
    assert [o.outcome for o in screen.outcomes] == ["new"] and screen.previewed
    model = screen.model
    assert model.data(model.index(0, _column(model, _("Outcome")))) == _("New package")
    assert (
        model.data(model.index(0, _column(model, _("Period")))) == "6 tháng cuối năm 2026"
    )  # in words (issue 11)
    assert up.status.received() == []  # the preview stored nothing
    qtmodeltester.check(model, force_py=True)
    assert screen.import_button.isEnabled()
    screen.import_button.click()
    _wait(qtbot, upper, screen)
    assert [o.outcome for o in screen.outcomes] == ["new"] and not screen.previewed
    assert not screen.import_button.isEnabled()
    assert up.status.completeness("2026S2").on_time == [LOW]
    m = screen.matrix
    assert m.rowCount() == 1 and m.columnCount() == 4  # unit, S1, S2, year
    s2 = next(c for c in range(1, 4) if m.period_at(c).code == "2026S2")
    assert m.data(m.index(0, s2)).startswith(_("On time"))
    assert "19/12/2026" in m.headerData(s2, Qt.Orientation.Horizontal)  # the due date
    assert m.state_at(0, s2) == "on_time"
    s1 = next(c for c in range(1, 4) if m.period_at(c).code == "2026S1")
    assert m.data(m.index(0, s1)).startswith(_("Not submitted"))  # due 19/06/2026, passed
    year = next(c for c in range(1, 4) if m.period_at(c).code == "2026")
    assert m.state_at(0, year) == "not_due" and m.data(m.index(0, year)) == _("Not yet due")
    qtmodeltester.check(m, force_py=True)

    # The same file again, picked with Ctrl+O: unchanged, nothing to import.
    screen.clear()
    orig = screen_intake.QFileDialog.getOpenFileNames
    try:
        screen_intake.QFileDialog.getOpenFileNames = staticmethod(
            lambda *a, **k: ([str(package)], "")
        )
        upper.activateWindow()
        qtbot.waitUntil(upper.isActiveWindow)
        QTest.keySequence(upper, QKeySequence.StandardKey.Open)
    finally:
        screen_intake.QFileDialog.getOpenFileNames = orig
    _wait(qtbot, upper, screen)
    assert [o.outcome for o in screen.outcomes] == ["unchanged"]
    assert not screen.import_button.isEnabled()


def test_tampered_file_refused_and_nothing_changes(qtbot, windows, low, up, tmp_path):  # noqa: ANN001
    upper, _lower_w = windows
    good = tmp_path / "good.lcdx"
    low.export.export_report("2026S2", out=good)
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "bad.lcdx"
    bad.write_bytes(bytes(data))
    screen = _intake(qtbot, upper)
    screen.add_files([bad])
    _wait(qtbot, upper, screen)
    [o] = screen.outcomes
    assert o.outcome == "refused" and o.reason
    model = screen.model
    assert model.data(model.index(0, _column(model, _("Reason")))) == o.reason
    # the whole reason under the table, wrapped, whatever width the column has
    assert screen.reason.isVisibleTo(screen) and screen.reason.wordWrap()
    assert screen.reason.text() == f"bad.lcdx: {o.reason}"
    assert not screen.import_button.isEnabled()  # nothing importable
    screen.clear()
    assert not screen.reason.isVisibleTo(screen) and screen.reason.text() == ""
    assert up.status.received() == []
    assert up.status.completeness("2026S2").missing == []  # the unit is not even known


def test_changed_key_asks_before_importing(qtbot, windows, low, up, tmp_path):  # noqa: ANN001
    upper, _lower_w = windows
    first = tmp_path / "first.lcdx"
    low.export.export_report("2026S2", out=first)
    up.imports.import_files([first])
    # The unit reinstalled the app: a new key, and a report revised twice.
    again = _lower(tmp_path / "again", seed=12)
    try:
        again.export.export_report("2026S2")
        again.sessions.add(
            DisseminationSession(
                held_on=date(2026, 11, 20),
                title="Hội nghị bổ sung",
                form="truc-tiep",
                directive_codes=["50-KL/TW"],
                attendance=Attendance(30, 25, 12, 9),
            )
        )
        second = tmp_path / "second.lcdx"
        new_fp = again.export.export_report("2026S2", out=second).fingerprint
    finally:
        again.close()
    old_fp = low.keys.fingerprint()
    assert old_fp != new_fp
    screen = _intake(qtbot, upper)
    seen: list[str] = []
    answer_next_box(_("Cancel"), seen)
    screen.add_files([second])
    _wait(qtbot, upper, screen)
    assert len(seen) == 1 and old_fp in seen[0] and new_fp in seen[0]
    assert [o.code for o in screen.outcomes] == ["key-changed"]
    assert screen.accepted_keys == set()
    assert not screen.import_button.isEnabled()

    screen.clear()
    answer_next_box(_("Accept the new key"), seen)
    screen.add_files([second])
    _wait(qtbot, upper, screen)
    assert screen.accepted_keys == {LOW}
    assert [o.outcome for o in screen.outcomes] == ["replaced"]  # re-run with the key accepted
    screen.import_button.click()
    _wait(qtbot, upper, screen)
    assert [o.outcome for o in screen.outcomes] == ["replaced"]
    pins = {p.fingerprint for p in up.status.pinned_keys() if p.unit == LOW and not p.retired_at}
    assert pins == {new_fp}


def _open_report(qtbot, upper, screen):  # noqa: ANN001, ANN202
    m = screen.matrix
    s2 = next(c for c in range(1, 4) if m.period_at(c).code == "2026S2")
    screen.grid.doubleClicked.emit(m.index(0, s2))
    dialog = screen.dialog
    settle(qtbot, upper)
    return dialog


def test_return_and_accept_write_receipts_the_unit_imports(
    qtbot, qtmodeltester, windows, low, up, tmp_path, monkeypatch
):  # noqa: ANN001
    upper, lower = windows
    sender = lower.show_screen("packages")
    settle(qtbot, lower)
    assert low.keys.fingerprint() in sender.key_label.text()
    names: list[str] = []
    outbox = tmp_path / "outbox"

    def save_as(_title: str, name: str) -> str:
        names.append(name)
        return str(outbox / name)

    sender.ask_save_path = lambda _title, _name: ""  # the officer cancels the save dialog
    sender.export_button.click()
    settle(qtbot, lower)
    assert sender.model.rows == [] and low.receipts.sent_reports() == []  # nothing was sent

    sender.ask_save_path = save_as
    sender.export_button.click()
    settle(qtbot, lower)
    assert names == ["CDCS-THCS-TN_2026S2_r1.lcdx"]
    package = outbox / names[0]
    assert package.exists()
    assert [(r.revision, r.status) for r in sender.model.rows] == [(1, "sent")]

    screen = _intake(qtbot, upper)
    screen.add_files([package])
    _wait(qtbot, upper, screen)
    screen.start_import()
    _wait(qtbot, upper, screen)
    dialog = _open_report(qtbot, upper, screen)
    assert dialog.session_rows.rowCount() == len(dialog.detail.sessions) > 0
    qtmodeltester.check(dialog.session_rows, force_py=True)
    assert dialog.pdf_button.isEnabled()
    opened: list[Path] = []
    dialog.open_path = opened.append
    viewer = tmp_path / "viewer"  # the run's folder for the viewer, here inside tmp_path
    viewer.mkdir()
    monkeypatch.setattr(intake_report_dialog, "_viewer_folder", viewer)
    dialog.pdf_button.click()
    settle(qtbot, upper)
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    assert opened[0].parent == viewer  # never loose in the system's temporary folder

    receipt = tmp_path / "receipt-returned.lcdx"
    dialog.ask_comment = lambda: "Bổ sung số liệu giám sát."
    dialog.ask_save_path = lambda _name: str(receipt)
    dialog.return_button.click()
    settle(qtbot, upper)
    assert receipt.exists()
    assert up.status.completeness("2026S2").units[0].review == "returned"
    m = screen.matrix
    s2 = next(c for c in range(1, 4) if m.period_at(c).code == "2026S2")
    assert m.state_at(0, s2) == "returned"
    assert _("Returned") in m.data(m.index(0, s2))

    lower_intake = _intake(qtbot, lower)
    asked = []  # rule 1 (issue 9): the officer confirms the parent's fingerprint first
    lower_intake.ask_parent_key = lambda o: asked.append(o.fingerprint) or True
    lower_intake.add_files([receipt])
    _wait(qtbot, lower, lower_intake)
    assert asked == [up.keys.fingerprint()]
    assert [(o.kind, o.outcome) for o in lower_intake.outcomes] == [("receipt", "new")]
    lower_intake.start_import()
    _wait(qtbot, lower, lower_intake)
    sender = lower.show_screen("packages")
    settle(qtbot, lower)
    [row] = sender.model.rows
    assert (row.status, row.comment) == ("returned", "Bổ sung số liệu giám sát.")
    comment_col = _column(sender.model, _("Comment of the level above"))
    assert sender.model.data(sender.model.index(0, comment_col)) == "Bổ sung số liệu giám sát."
    qtmodeltester.check(sender.model, force_py=True)

    accepted = tmp_path / "receipt-accepted.lcdx"
    dialog.ask_save_path = lambda _name: str(accepted)
    dialog.accept_button.click()
    settle(qtbot, upper)
    lower_intake = _intake(qtbot, lower)
    lower_intake.clear()
    lower_intake.add_files([accepted])
    _wait(qtbot, lower, lower_intake)
    lower_intake.start_import()
    _wait(qtbot, lower, lower_intake)
    sender = lower.show_screen("packages")
    settle(qtbot, lower)
    assert [r.status for r in sender.model.rows] == ["accepted"]
    dialog.close()


def test_catalogue_export_for_units_below(qtbot, windows, low, up, tmp_path):  # noqa: ANN001
    upper, _lower_w = windows
    sender = upper.show_screen("packages")
    settle(qtbot, upper)
    target = tmp_path / "cat.lcdx"
    sender.ask_save_path = lambda _t, name: (str(target), name)[0] if name.startswith(UP) else ""
    sender.catalogue_button.click()
    settle(qtbot, upper)
    assert target.exists()
    # rule 1 (issue 9): taken under the parent's key once its fingerprint is confirmed
    assert low.imports.import_files([target])[0].code == "parent-key-unconfirmed"
    assert (
        low.imports.import_files([target], accept_parent_key=up.keys.fingerprint())[0].outcome
        == "new"
    )


def test_send_screen_says_what_the_consolidated_package_carries(qtbot, windows, low, up, tmp_path):  # noqa: ANN001
    """Before writing, an upper level sees which reports go in and which are left out and why
    (issue 10 item 5); ticking "also carry reports not yet accepted" carries them."""
    upper, _lower_w = windows
    package = tmp_path / "low.lcdx"
    low.export.export_report("2026S2", out=package)
    assert up.imports.import_files([package])[0].outcome == "new"  # pending, not yet accepted
    sender = upper.show_screen("packages")
    sender.period.setCurrentIndex(sender.period.findData("2026S2"))
    settle(qtbot, upper)
    qtbot.waitUntil(lambda: bool(sender.plan_label.text()), timeout=10_000)
    assert not sender.include_pending.isHidden() and not sender.plan_label.isHidden()
    text = sender.plan_label.text()
    assert "không kèm báo cáo nào" in text and LOW in text  # left out, named, with its reason

    sender.include_pending.setChecked(True)
    qtbot.waitUntil(lambda: "Gói sẽ kèm 1 báo cáo" in sender.plan_label.text(), timeout=10_000)
    target = tmp_path / "up.lcdx"
    sender.ask_save_path = lambda _t, _name: str(target)
    sender.export_button.click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    settle(qtbot, upper)
    from lai_chau_desk.exchange.package import read_package

    assert read_package(target.read_bytes()).embedded_codes() == [LOW]


def test_intake_compares_the_paper_code_with_the_file_held(qtbot, windows, low, up, tmp_path):  # noqa: ANN001
    """The officer types the code printed on the signed paper report: the drill-down says
    whether the held file is that package (issue 10 item 6)."""
    from lai_chau_desk.exchange.package import read_package
    from lai_chau_desk.reports.paper_code import identity_of, make_code

    upper, _lower_w = windows
    package = tmp_path / "low.lcdx"
    low.export.export_report("2026S2", out=package)
    code = make_code(identity_of(read_package(package.read_bytes())))
    screen = _intake(qtbot, upper)
    screen.add_files([package])
    _wait(qtbot, upper, screen)
    screen.start_import()
    _wait(qtbot, upper, screen)
    dialog = _open_report(qtbot, upper, screen)
    dialog.paper_code.setText(code.lower())  # typed from paper, any case
    dialog.paper_button.click()
    qtbot.waitUntil(lambda: dialog.paper_result.text().startswith("Khớp"), timeout=10_000)
    wrong = code.replace(" R1 ", " R2 ")
    dialog.paper_code.setText(wrong)
    QTest.keyClick(dialog.paper_code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.paper_result.text().startswith("Không khớp"), timeout=10_000)
    assert up.status.paper_code_matches(LOW, "2026S2", code)
    assert not up.status.paper_code_matches(LOW, "2026S2", wrong)
    dialog.close()


def test_the_pdfs_opened_in_the_viewer_go_when_the_program_exits(tmp_path):  # noqa: ANN001
    """The report's PDF is written into one folder of the run, which the exit removes with
    every file in it (a viewer may read the file until then)."""
    import os
    import subprocess
    import sys

    script = (
        "from lai_chau_desk.ui.intake_report_dialog import viewer_folder\n"
        "folder = viewer_folder()\n"
        "assert viewer_folder() == folder  # one folder a run\n"
        "(folder / 'CDCS-THCS-TN_2026S2_x.pdf').write_bytes(b'%PDF-1.4')\n"
        "print(folder)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    folder = Path(proc.stdout.strip())
    assert folder.parent == tmp_path and folder.name.startswith("lai-chau-desk-pdf-")
    assert not folder.exists()

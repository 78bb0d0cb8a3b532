"""Every start-up fault through the GUI (the real ``run`` on a real database): a dialog that
says why, offers only the actions that help (restore the named backup, open the folder, quit),
and leaves every file as it was; restoring from the dialog goes on to open the app."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lai_chau_desk.app import open_database, open_services
from lai_chau_desk.services.backup import check_integrity
from lai_chau_desk.ui import application
from tests.services.fault_dbs import (
    TODAY,
    damaged_db,
    filled_db,
    held_by_another_process,
    newer_db,
    read_only_db,
    snapshot,
    unreadable_db,
)

Step = Callable[[QMessageBox], None]


def click(text: str) -> Step:
    def step(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if text in b.text()]
        button.click()

    return step


class Dialogs:
    """Answers the app's modal dialogs in order, from a timer; records what each said. Once
    the steps are used up and the main window is up with its data (its context ready: the
    app opened the database), closes it (which ends the app)."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.seen: list[tuple[str, str, list[str]]] = []
        self.quit = False
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and self.steps:
            self.seen.append((box.objectName(), box.text(), [b.text() for b in box.buttons()]))
            self.steps.pop(0)(box)
        elif not self.steps and not self.quit:
            windows = [
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and type(w).__name__ == "MainWindow" and w.ctx.ready
            ]
            if windows:
                # Closed, as the user would: the last window closed ends app.exec(). (A quit
                # outside exec would linger and end the next test's first dialog.)
                self.quit = True
                for w in windows:
                    w.close()
                    w.deleteLater()

    def stop(self) -> None:
        self.timer.stop()


def _run(db: Path, *steps: Step, lang: str | None = None) -> tuple[int, Dialogs]:
    dialogs = Dialogs(*steps)
    try:
        code = application.run(
            argparse.Namespace(db=str(db), lang=lang, smoke=False), open_services=open_services
        )
    finally:
        dialogs.stop()
    return code, dialogs


@pytest.fixture
def opened_folders(monkeypatch) -> list[Path]:  # noqa: ANN001
    opened: list[Path] = []
    from lai_chau_desk.ui import startup_dialogs

    monkeypatch.setattr(startup_dialogs, "open_folder", opened.append)
    return opened


def test_damaged_database_offers_its_backup_and_the_folder(
    qapp,
    tmp_path: Path,  # noqa: ANN001
    opened_folders,
) -> None:  # noqa: ANN001
    db, backup = damaged_db(tmp_path)
    before = snapshot(tmp_path)
    code, dialogs = _run(db, click("Mở thư mục"), click("Thoát"))
    assert code == 1
    (kind, text, buttons), again = dialogs.seen
    assert kind == "startup-fault-damaged" and again[0] == kind
    assert "bị hỏng" in text and backup.name in text
    assert "đơn vị CDCS-A – Công đoàn cơ sở A, lấy ngày " in text  # whose, from when
    assert sorted(buttons) == [f"Khôi phục bản sao lưu {backup.name}", "Mở thư mục", "Thoát"]
    assert opened_folders == [db.parent]
    assert snapshot(tmp_path) == before


def test_restore_from_the_dialog_opens_the_app_on_the_backup(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    db, backup = damaged_db(tmp_path)
    code, dialogs = _run(db, click("Khôi phục"), click("Đồng ý"))
    assert code == 0
    assert [k for k, _t, _b in dialogs.seen] == ["startup-fault-damaged", ""]
    assert "Đã khôi phục từ bản sao lưu" in dialogs.seen[1][1]
    assert check_integrity(db, read_only=False) == "ok"
    assert list((tmp_path / "backups").glob("*.damaged"))  # the damaged file kept aside
    s = open_database(db, today=lambda: TODAY)
    assert s.sessions.count() == 200 and s.units.own_unit().code == "CDCS-A"
    s.close()


def test_newer_database_says_update_and_offers_only_quit(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    db = newer_db(tmp_path)
    before = snapshot(tmp_path)
    code, dialogs = _run(db, click("Thoát"))
    assert code == 1
    [(kind, text, buttons)] = dialogs.seen
    assert kind == "startup-fault-newer" and buttons == ["Thoát"]
    assert text.startswith(
        "Cơ sở dữ liệu này do phiên bản mới hơn của Lai Châu Desk tạo; hãy cập nhật phần mềm."
    )
    assert snapshot(tmp_path) == before
    code, dialogs = _run(db, click("Quit"), lang="en")
    assert code == 1 and "made by a newer version" in dialogs.seen[0][1]


def test_unreadable_database_offers_the_folder(
    qapp,
    tmp_path: Path,  # noqa: ANN001
    opened_folders,
) -> None:  # noqa: ANN001
    db = unreadable_db(tmp_path)
    before = snapshot(tmp_path)
    code, dialogs = _run(db, click("Thoát"))
    assert code == 1
    [(kind, text, buttons)] = dialogs.seen
    assert kind == "startup-fault-unreadable" and sorted(buttons) == ["Mở thư mục", "Thoát"]
    assert "Không đọc được cơ sở dữ liệu" in text
    assert snapshot(tmp_path) == before


def test_read_only_database_is_not_called_damaged(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    with read_only_db(tmp_path) as db:
        before = snapshot(db.parent)
        code, dialogs = _run(db, click("Thoát"))
        assert code == 1
        [(kind, text, buttons)] = dialogs.seen
        assert kind == "startup-fault-read-only" and sorted(buttons) == ["Mở thư mục", "Thoát"]
        assert "không ghi được" in text and "Dữ liệu không bị hỏng" in text
        assert "Khôi phục" not in " ".join(buttons)
        assert snapshot(db.parent) == before


def test_database_open_in_another_process_is_said_so(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    db = filled_db(tmp_path / "unit.db", n=3)
    before = snapshot(tmp_path)
    with held_by_another_process(db):
        code, dialogs = _run(db, click("Thoát"))
    assert code == 1
    [(kind, text, buttons)] = dialogs.seen
    assert kind == "startup-fault-locked" and buttons == ["Thoát"]
    assert "đang mở với cơ sở dữ liệu này" in text
    assert snapshot(tmp_path) == before

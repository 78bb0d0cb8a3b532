"""Render every main screen and dialog with demo data to PNG files:
``python -m lai_chau_desk.app OUTDIR [--lang vi|en] [--size 1366x768]`` (the composition
root hands :func:`main` its ``open_database``).

Offscreen, the screen itself is made ``--size`` large, so windows and dialogs are sized as
on a laptop of that size; a dialog is drawn over the window at its place on the screen, so
whatever would fall off the screen is cut off in the picture too."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services.startup import OpenDatabase

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def settle(app, worker, seconds: float = 0.05) -> None:  # noqa: ANN001
    """Process events until the worker is idle and nothing new arrives."""
    from .worker import pump

    deadline = time.monotonic() + 20
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        pump()
        time.sleep(seconds / 3)
        quiet = quiet + 1 if worker.idle() else 0
    pump()


def _offscreen_screen(width: int, height: int, folder: Path) -> None:
    """Make the offscreen platform's one screen ``width`` × ``height`` (before Qt starts)."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    import json

    config = folder / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def on_screen(window, dialog=None):  # noqa: ANN001, ANN201 - QWidget -> QPixmap
    """The screen as the officer sees it: the window, and ``dialog`` over it where it is."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    geo = window.screen().geometry()
    shot = QPixmap(geo.size())
    shot.fill(QColor("#30343a"))
    p = QPainter(shot)
    p.drawPixmap(window.geometry().topLeft() - geo.topLeft(), window.grab())
    if dialog is not None:
        top = dialog.geometry().topLeft() - geo.topLeft()
        p.fillRect(
            top.x() - 1, top.y() - 1, dialog.width() + 2, dialog.height() + 2, QColor("#202020")
        )
        p.drawPixmap(top, dialog.grab())
    p.end()
    return shot


def main(open_database: OpenDatabase, argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("outdir")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--size", default="1366x768")
    args = p.parse_args(argv)
    w, h = (int(x) for x in args.size.split("x"))
    config_dir = Path(tempfile.mkdtemp(prefix="lcd-shots-"))
    _offscreen_screen(w, h, config_dir)
    from PySide6.QtWidgets import QApplication

    from .application import register_fonts, start_ui
    from .main_window import MainWindow
    from .screen_sessions import SessionsScreen
    from .screens import SCREENS
    from .worker import Worker

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        services = open_database(db)
        services.units.init_own_unit(
            "CDCS-THCS-BANBO", "Công đoàn cơ sở Trường THCS Bản Bo", "CDVC-LC"
        )
        services.demo.fill()
        worker = Worker()
        window = start_ui(app, services, worker, db, args.lang)
        assert isinstance(window, MainWindow)
        window.setGeometry(0, 0, w, h)
        window.show()
        written = []
        settle(app, worker)
        for i, spec in enumerate(SCREENS):
            if window.sidebar.isRowHidden(i):  # not offered to this (grassroots) unit
                continue
            window.show_screen(spec.key)
            settle(app, worker)
            screen = window.screen_by_key(spec.key)
            front = screen.front() if hasattr(screen, "front") else screen
            table = getattr(front, "table", None)
            if table is not None and table.model().rowCount() > 0 and spec.key != "mobilisation":
                table.selectRow(0)
                settle(app, worker)
            path = out / f"{i + 1:02d}-{spec.key}-{args.lang}.png"
            on_screen(window).save(str(path))
            written.append(path)
            if isinstance(screen, SessionsScreen):  # the attendance tab too
                screen.editor.setCurrentIndex(1)
                settle(app, worker)
                path = out / f"{i + 1:02d}-{spec.key}-attendance-{args.lang}.png"
                on_screen(window).save(str(path))
                written.append(path)
                screen.editor.setCurrentIndex(0)
        written += dialog_shots(app, worker, window, services, out, args.lang)
        window.close()
        worker.shutdown()
        services.close()
    from .screenshots_intake import intake_shots, wizard_shot

    written.append(wizard_shot(app, out, args.lang, open_database))

    written += intake_shots(app, out, args.lang, (w, h), open_database)
    for path in written:
        print(path)
    return 0


def dialog_shots(app, worker, window, services, out: Path, lang: str) -> list[Path]:  # noqa: ANN001
    """The roster import (a file chosen), the report preview, the calendar of a date field,
    returning a report; each over the main window."""
    from .intake_report_dialog import ReturnCommentDialog
    from .report_preview import ReportPreviewDialog
    from .roster_import_dialog import RosterImportDialog

    written: list[Path] = []

    def shoot(name: str, dialog) -> None:  # noqa: ANN001
        dialog.show()
        settle(app, worker, 0.2)
        path = out / f"{name}-{lang}.png"
        on_screen(window, dialog).save(str(path))
        written.append(path)
        dialog.close()

    xlsx = Path(tempfile.mkdtemp(prefix="lcd-roster-")) / "danh-sach.xlsx"
    services.roster_io.export_xlsx(xlsx)
    dialog = RosterImportDialog(services, window)
    dialog.show()
    dialog.load_file(xlsx)
    deadline = time.monotonic() + 20
    while (dialog.preview is None or dialog.is_busy()) and time.monotonic() < deadline:
        settle(app, worker)
    shoot("30-roster-import", dialog)
    report = window.show_screen("report")
    settle(app, worker)
    preview = ReportPreviewDialog(
        window.ctx, report.period.currentData(), report.period.currentText(), window
    )
    preview.show()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
        preview.view.page_count() and preview.view.pixmap_count() == preview.view.page_count()
    ):
        settle(app, worker)
    shoot("31-report-preview", preview)
    shoot("32-return-comment", ReturnCommentDialog(window))
    sup = window.show_screen("supervision")
    settle(app, worker)
    sup.held_on.open_calendar()
    settle(app, worker)
    path = out / f"33-date-calendar-{lang}.png"
    on_screen(window, sup.held_on.popup).save(str(path))
    written.append(path)
    sup.held_on.popup.close()
    return written

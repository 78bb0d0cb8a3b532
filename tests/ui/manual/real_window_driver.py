"""Run by real_window_check.sh (not collected by pytest): the real app in an X window on a demo
database. It writes widget positions to files for xdotool, waits for go-files, and writes what
the widgets hold afterwards to result.json."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from lai_chau_desk.app import open_database
from lai_chau_desk.ui import application

D = Path(os.environ["LCD_X_DIR"])
DB = D / "x.db"


def centre(w: QWidget) -> list[int]:
    p = w.mapToGlobal(QPoint(w.width() // 2, w.height() // 2))
    return [p.x(), p.y()]


class Driver:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.phase = 0
        self.finished: list[str] = []
        self.state: dict = {}

    def window(self):  # noqa: ANN201
        from lai_chau_desk.ui.main_window import MainWindow

        wins = [
            w for w in self.app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return wins[0] if wins else None

    def tick(self) -> None:
        w = self.window()
        delay = getattr(self, f"phase{self.phase}")(w) if w is not None else 100
        if delay is not None:
            QTimer.singleShot(delay, self.tick)

    def phase0(self, w) -> int:  # noqa: ANN001
        s = w.show_screen("sessions")
        s.new_record()
        field = s.editor.held_on
        field.editingFinished.connect(lambda: self.finished.append(field.text()))
        self.phase = 1
        return 800

    def phase1(self, w) -> int:  # noqa: ANN001
        s = w.screen_by_key("sessions")
        (D / "coords1.json").write_text(json.dumps({"date": centre(s.editor.held_on)}))
        self.phase = 2
        return 100

    def phase2(self, w) -> int:  # noqa: ANN001
        if not (D / "go2").exists():
            return 100
        s = w.screen_by_key("sessions")
        self.state["date_text"] = s.editor.held_on.text()
        if s.has_unsaved():
            s.discard()
        w.show_screen("settings")
        self.phase = 3
        return 800

    def phase3(self, w) -> int:  # noqa: ANN001
        st = w.screen_by_key("settings")
        p = st.cutoff.parentWidget()
        while not isinstance(p, QAbstractScrollArea):
            p = p.parentWidget()
        self.bar = p.verticalScrollBar()
        self.bar.setValue(self.bar.maximum() // 2)
        self.state["before"] = [st.cutoff.value(), st.scheme.currentIndex(), self.bar.value()]
        self.phase = 4
        return 500

    def phase4(self, w) -> int:  # noqa: ANN001
        st = w.screen_by_key("settings")
        (D / "coords2.json").write_text(
            json.dumps({"cutoff": centre(st.cutoff), "scheme": centre(st.scheme)})
        )
        self.phase = 5
        return 100

    def phase5(self, w) -> int | None:  # noqa: ANN001
        if not (D / "go3").exists():
            return 100
        st = w.screen_by_key("settings")
        self.state.update(
            finished=self.finished,
            dirty=st.has_unsaved(),
            after=[st.cutoff.value(), st.scheme.currentIndex(), self.bar.value()],
        )
        (D / "result.json").write_text(json.dumps(self.state, ensure_ascii=False))
        if st.has_unsaved():
            st.discard()
        QTimer.singleShot(300, w.close)
        return None


def main() -> int:
    if not DB.exists():
        s = open_database(DB)
        s.units.init_own_unit("CDCS-THCS-BANBO", "Công đoàn cơ sở Trường THCS Bản Bo", "CDVC-LC")
        s.demo.fill()
        s.close()
    app = QApplication(sys.argv[:1])
    driver = Driver(app)
    QTimer.singleShot(200, driver.tick)
    return application.run(argparse.Namespace(db=str(DB), lang="vi", smoke=False))


if __name__ == "__main__":
    sys.exit(main())

"""Render every main screen with demo data to PNG files:
``python -m lai_chau_desk.ui.screenshots OUTDIR [--lang vi|en]``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("outdir")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--size", default="1366x820")
    args = p.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from ..services.suite import open_database
    from .application import register_fonts, start_ui
    from .screens import SCREENS
    from .worker import Worker

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        services = open_database(db)
        services.units.init_own_unit("CDCS-THCS-BANBO", "Công đoàn cơ sở Trường THCS Bản Bo",
                                     "CDVC-LC")
        services.demo.fill()
        worker = Worker()
        window = start_ui(app, services, worker, db, args.lang)
        w, h = (int(x) for x in args.size.split("x"))
        window.resize(w, h)
        window.show()
        written = []
        for i, spec in enumerate(SCREENS):
            window.show_screen(spec.key)
            settle(app, worker)
            screen = window.screen_by_key(spec.key)
            front = screen.front() if hasattr(screen, "front") else screen
            table = getattr(front, "table", None)
            if table is not None and table.model().rowCount() > 0 and spec.key != "mobilisation":
                table.selectRow(0)
                settle(app, worker)
            path = out / f"{i + 1:02d}-{spec.key}-{args.lang}.png"
            window.grab().save(str(path))
            written.append(path)
            if spec.key == "sessions":  # the attendance tab too
                screen.editor.setCurrentIndex(1)
                settle(app, worker)
                path = out / f"{i + 1:02d}-{spec.key}-attendance-{args.lang}.png"
                window.grab().save(str(path))
                written.append(path)
                screen.editor.setCurrentIndex(0)
        window.close()
        worker.shutdown()
        services.close()
    from .screenshots_intake import intake_shots

    written += intake_shots(app, out, args.lang, (w, h))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

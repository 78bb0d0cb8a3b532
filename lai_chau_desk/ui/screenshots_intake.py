"""Screenshots of report intake with data: an upper unit that received reports from its units
(on time, late, missing, one returned), the drill-down of one report, and the lower unit's
*Send report* screen after the receipts came back. Called by ``screenshots.main``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services.startup import OpenDatabase

ICT = timezone(timedelta(hours=7))


def _prepare(tmp: Path, open_database: OpenDatabase):  # noqa: ANN202 - (upper, lower, previews)
    up = open_database(tmp / "up.db")
    up.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    low = open_database(tmp / "low.db")
    low.units.init_own_unit("CDCS-THCS-BANBO", "Công đoàn cơ sở Trường THCS Bản Bo", "CDVC-LC")
    low.demo.fill()
    on_time = up.simulation.simulate(
        tmp / "s1a",
        5,
        "2026S1",
        seed=7,
        sessions=(8, 20),
        created_at=datetime(2026, 6, 12, 9, 0, tzinfo=ICT),
    )
    late = up.simulation.simulate(
        tmp / "s1b",
        7,
        "2026S1",
        seed=7,
        sessions=(8, 20),
        created_at=datetime(2026, 6, 26, 15, 30, tzinfo=ICT),
    )
    s2 = up.simulation.simulate(
        tmp / "s2",
        7,
        "2026S2",
        seed=7,
        sessions=(8, 20),
        created_at=datetime(2026, 11, 25, 10, 0, tzinfo=ICT),
    )
    up.imports.import_files(on_time.files)
    up.imports.import_files(late.files[5:])
    up.imports.import_files(s2.files[:5])
    sent = [low.export.export_report(p, out=tmp / f"low-{p}.lcdx") for p in ("2026S1", "2026S2")]
    up.imports.import_files([r.path for r in sent if r.path is not None])
    up.receipts.review(
        s2.units[2], "2026S2", "returned", "Đề nghị bổ sung số liệu đoàn viên nữ tham dự."
    )
    up.receipts.review(s2.units[0], "2026S2", "accepted")
    up.receipts.review("CDCS-THCS-BANBO", "2026S1", "accepted", out=tmp / "r1.lcdx")
    up.receipts.review(
        "CDCS-THCS-BANBO",
        "2026S2",
        "returned",
        "Đề nghị bổ sung kết quả giám sát 6 tháng cuối năm.",
        out=tmp / "r2.lcdx",
    )
    low.imports.import_files([tmp / "r1.lcdx", tmp / "r2.lcdx"])
    tampered = bytearray(s2.files[6].read_bytes())
    tampered[len(tampered) // 2] ^= 1
    bad = tmp / "CDVC-LC-S0007_2026S2_r1.lcdx"
    bad.write_bytes(bytes(tampered))
    return up, low, [s2.files[5], s2.files[0], bad]


def intake_shots(  # noqa: ANN001
    app, out: Path, lang: str, size: tuple[int, int], open_database: OpenDatabase
) -> list[Path]:
    """Render the intake screen, a report's drill-down and the sender's screen to PNGs."""
    import tempfile

    from .application import start_ui
    from .main_window import MainWindow
    from .screen_intake import IntakeScreen
    from .screenshots import on_screen, settle
    from .worker import Worker

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        up, low, preview = _prepare(tmp, open_database)
        worker = Worker()
        window = start_ui(app, up, worker, up.db.path, lang)
        assert isinstance(window, MainWindow)
        window.setGeometry(0, 0, *size)
        window.show()
        screen = window.show_screen("intake")
        assert isinstance(screen, IntakeScreen)
        settle(app, worker)
        screen.add_files(preview)
        settle(app, worker, 0.2)
        path = out / f"20-intake-{lang}.png"
        on_screen(window).save(str(path))
        written.append(path)
        m = screen.matrix
        row = [code for code, _n in m.units].index("CDCS-THCS-BANBO")
        col = next(
            c
            for c in range(1, m.columnCount())
            if (p := m.period_at(c)) is not None and p.code == "2026S2"
        )
        screen.open_report(row, col)
        settle(app, worker, 0.2)
        path = out / f"21-intake-report-{lang}.png"
        on_screen(window, screen.dialog).save(str(path))
        written.append(path)
        screen.dialog.close()
        window.close()
        lower = start_ui(app, low, worker, low.db.path, lang)
        assert isinstance(lower, MainWindow)
        lower.setGeometry(0, 0, *size)
        lower.show()
        lower.show_screen("packages")
        settle(app, worker)
        path = out / f"22-send-report-{lang}.png"
        on_screen(lower).save(str(path))
        written.append(path)
        lower.close()
        worker.shutdown()
        up.close()
        low.close()
    return written


def wizard_shot(app, out: Path, lang: str, open_database: OpenDatabase) -> Path:  # noqa: ANN001
    """The first-run wizard on an empty database, on the screen as it opens."""
    import tempfile

    from .screenshots import on_screen, settle
    from .wizard import FirstRunWizard
    from .worker import Worker

    with tempfile.TemporaryDirectory() as name:
        services = open_database(Path(name) / "new.db")
        worker = Worker()
        wizard = FirstRunWizard(services, worker)
        wizard.show()
        settle(app, worker)
        path = out / f"00-first-run-{lang}.png"
        on_screen(wizard).save(str(path))
        wizard.close()
        worker.shutdown()
        services.close()
    return path

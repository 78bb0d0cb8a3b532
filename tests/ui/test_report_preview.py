"""The report preview on the demo unit's real database: pages, save, print, Excel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from lai_chau_desk.i18n import _
from lai_chau_desk.ui import report_output
from lai_chau_desk.ui.report_preview import ReportPreviewDialog
from tests.ui.helpers import answer_next_box, settle

PERIOD = "2026S2"


@pytest.fixture
def demo(unit_suite):  # noqa: ANN001, ANN201
    unit_suite.demo.fill(seed=2026)
    return unit_suite


def pages_of(pdf: bytes | Path) -> int:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return len(PdfReader(io.BytesIO(data)).pages)


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


@pytest.fixture
def preview(qtbot, demo, window):  # noqa: ANN001, ANN201
    dlg = ReportPreviewDialog(window.ctx, PERIOD, "", window)
    dlg.resize(900, 800)
    dlg.show()
    qtbot.waitUntil(
        lambda: dlg.view.page_count() > 0 and dlg.view.pixmap_count() == dlg.view.page_count(),
        timeout=20_000,
    )
    settle(qtbot, window)
    yield dlg
    dlg.close()


def test_preview_shows_every_page_of_the_pdf(qtbot, demo, window, preview) -> None:  # noqa: ANN001
    n = pages_of(demo.reports.pdf_bytes(PERIOD))
    assert n >= 2
    assert preview.view.page_count() == n == preview.page.maximum()
    assert preview.pages_label.text() == f"/ {n}"
    assert preview.save_button.isEnabled() and preview.print_button.isEnabled()
    first = preview.view.labels[0]
    assert first.pixmap().width() >= 790  # A4 at 100 % on a 96 dpi screen
    preview.page.setValue(n)  # page n/N follows navigation both ways
    assert preview.view.verticalScrollBar().value() > 0
    preview.view.go_to(0)
    assert preview.page.value() == 1
    QTest.keySequence(preview, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    assert preview.zoom_factor() == 0.75
    qtbot.waitUntil(lambda: preview.view.labels[0].pixmap().width() < 620, timeout=20_000)
    assert preview.view.labels[0].width() < 620


def test_ctrl_s_saves_the_official_pdf(
    qtbot,
    demo,
    window,
    preview,
    tmp_path,  # noqa: ANN001
    monkeypatch,
) -> None:
    asked = []
    target = tmp_path / "out" / "bao-cao"

    def fake_dialog(parent, title, default, filter_):  # noqa: ANN001, ANN202
        asked.append(default)
        return str(target), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    preview.activateWindow()
    QTest.keySequence(preview, QKeySequence(QKeySequence.StandardKey.Save))
    saved = target.with_name("bao-cao.pdf")
    qtbot.waitUntil(saved.exists, timeout=20_000)
    settle(qtbot, window)
    assert Path(asked[0]).name == "BaoCao_2026S2_CDCS-THCS-TN.pdf"
    assert "BÁO CÁO" in text_of(saved)
    assert pages_of(saved) == preview.view.page_count()
    assert str(saved) in preview.state.text()
    assert window.ctx.store.value("report/folder") == str(saved.parent)


def test_document_number_and_language(qtbot, demo, window, preview, tmp_path) -> None:  # noqa: ANN001
    preview.number.setText("abc")
    preview.number.setModified(True)
    preview.number.editingFinished.emit()
    qtbot.waitUntil(preview.error.isVisible, timeout=20_000)
    assert "abc" in preview.error.text() and "không hợp lệ" in preview.error.text()
    preview.number.setText("7")
    preview.number.setModified(True)
    preview.number.editingFinished.emit()
    qtbot.waitUntil(
        lambda: preview.save_button.isEnabled() and not preview.error.isVisible(), timeout=20_000
    )
    preview.lang.setCurrentIndex(preview.lang.findData("en"))
    qtbot.waitUntil(
        lambda: (
            preview.save_button.isEnabled()
            and preview.view.pixmap_count() == preview.view.page_count()
        ),
        timeout=20_000,
    )
    settle(qtbot, window)
    out = tmp_path / "report.pdf"
    preview.output.save_pdf_to(out)
    qtbot.waitUntil(out.exists, timeout=20_000)
    settle(qtbot, window)
    text = text_of(out)
    assert "07/BC-" in text and "REPORT" in text
    assert preview.output.default_path("pdf").name == "Report_2026S2_CDCS-THCS-TN.pdf"


def test_xlsx_saved_and_opened(qtbot, demo, window, preview, tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "tables.xlsx"
    preview.output.save_xlsx_to(out)
    qtbot.waitUntil(out.exists, timeout=20_000)
    settle(qtbot, window)
    wb = load_workbook(out)
    assert len(wb.sheetnames) >= 2
    opened = []
    preview.output.open_url = lambda url: opened.append(url.toLocalFile()) or True
    preview.output.open_xlsx()  # the workbook saved last
    assert opened == [str(out)]
    preview.output.xlsx_path = None  # nothing saved yet: a fresh copy in the temporary folder
    preview.output.open_xlsx()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20_000)
    fresh = Path(opened[1])
    assert fresh.name == "BaoCao_2026S2_CDCS-THCS-TN.xlsx" and fresh.exists()
    fresh.unlink()


def test_print_to_a_pdf_printer_gives_the_same_pages(
    qtbot,
    demo,
    window,
    preview,  # noqa: ANN001
    tmp_path,
) -> None:
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    done = []
    preview.output.print_to(printer, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert done == [preview.view.page_count()]
    assert pages_of(out) == preview.view.page_count()
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_no_printer_says_so(qtbot, demo, window, preview, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(report_output, "printers_available", lambda: False)
    seen: list[str] = []
    answer_next_box(_("OK"), seen)
    preview.output.print_report()
    assert seen and "PDF" in seen[0]


def test_the_report_screen_opens_the_preview(qtbot, demo, window) -> None:  # noqa: ANN001
    screen = window.show_screen("report")
    settle(qtbot, window)
    screen.preview_button.click()
    qtbot.waitUntil(lambda: window.findChild(ReportPreviewDialog) is not None, timeout=5_000)
    dlg = window.findChild(ReportPreviewDialog)
    assert dlg.code == screen.period.currentData() == PERIOD
    qtbot.waitUntil(
        lambda: dlg.view.page_count() > 0 and dlg.view.pixmap_count() == dlg.view.page_count(),
        timeout=20_000,
    )
    settle(qtbot, window)
    dlg.close()


def test_enter_in_the_number_field_does_not_zoom(qtbot, demo, window, preview) -> None:  # noqa: ANN001
    zoom = preview.zoom.currentIndex()
    preview.number.setFocus()
    qtbot.waitUntil(preview.number.hasFocus)
    QTest.keyClicks(preview.number, "7")
    QTest.keyClick(preview.number, Qt.Key.Key_Return)
    QTest.keyClick(preview.number, Qt.Key.Key_Enter)
    assert preview.zoom.currentIndex() == zoom
    assert preview.isVisible()
    settle(qtbot, window)


def test_preview_fits_a_768_pixel_screen_with_its_buttons(qtbot, demo, window, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QRect

    from lai_chau_desk.ui import common

    monkeypatch.setattr(common, "available_geometry", lambda _w=None: QRect(0, 0, 1366, 728))
    dlg = ReportPreviewDialog(window.ctx, PERIOD, "", window)
    dlg.show()
    settle(qtbot, window)
    assert dlg.frameGeometry().height() <= 728 and dlg.height() <= 728 - 40
    for b in (dlg.save_button, dlg.print_button, dlg.close_button):
        assert b.isVisible()
        bottom = b.mapTo(dlg, b.rect().bottomLeft()).y()
        assert 0 < bottom <= dlg.height(), b.text()
    dlg.close()


def test_after_saving_the_file_or_its_folder_opens(qtbot, demo, window, preview, tmp_path) -> None:  # noqa: ANN001
    opened: list[str] = []
    preview.output.open_url = lambda url: opened.append(url.toLocalFile()) or True
    target = tmp_path / "bc.pdf"
    preview.output.save_pdf_to(target)
    qtbot.waitUntil(target.exists, timeout=20_000)
    settle(qtbot, window)
    assert "Mở tệp" in preview.state.text() and "Mở thư mục" in preview.state.text()
    preview.state.linkActivated.emit("file")
    preview.state.linkActivated.emit("folder")
    assert opened == [str(target), str(tmp_path)]

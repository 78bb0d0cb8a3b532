"""The official report's preview: its pages as they will print, then save as PDF, print, or
save / open the XLSX.

Building the PDF and drawing its pages run on the one worker; pages appear as they are drawn
(polled every 100 ms) under a progress bar. A generation number drops pages of a preview that
a newer choice (zoom, language, number) replaced.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError, ValidationError
from ..i18n import _
from ..services.report_pages import iter_pages, page_sizes, report_file_name
from .common import fit_to_screen, info
from .context import AppContext
from .progress import run_long
from .report_pages_view import SCREEN_DPI, PagesView, to_qimage
from .report_print import chosen_pages, new_printer, print_pdf, printers_available
from .worker import LongTask, poll

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class _Pages(LongTask):
    """Pages drawn by the worker, picked up by the GUI's 100 ms poll."""

    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation
        self.images: list = []  # (index, QImage); list.append is atomic


class ReportPreviewDialog(QDialog):
    """Preview of the own unit's report of one period; see the module docstring."""

    def __init__(
        self,
        ctx: AppContext,
        period_code: str,
        period_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = period_code
        self.pdf: bytes | None = None
        self.sizes: list[tuple[float, float]] = []
        self.unit_code = ""
        self.xlsx_path: Path | None = None
        self.open_url = QDesktopServices.openUrl  # replaced in tests
        self._generation = 0
        self._task: _Pages | None = None
        self._timer: QTimer | None = None
        self.setWindowTitle(
            _("Report preview — {period}").format(period=period_text or period_code)
        )
        fit_to_screen(self, 980, 860)
        lay = QVBoxLayout(self)
        lay.addLayout(self._toolbar())
        self.view = PagesView(self)
        self.view.current_changed.connect(self._current_page)
        lay.addWidget(self.view, 1)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        # what the report still lacks, said before it is printed or saved: an empty section
        # is printed with text suggested from the figures (or "Không có."), which the officer
        # did not write and should read before signing
        self.gaps = QLabel(self)
        self.gaps.setObjectName("preview-gaps")
        self.gaps.setStyleSheet("color: #8a4b00;")
        self.gaps.setWordWrap(True)
        self.gaps.hide()
        lay.addWidget(self.gaps)
        lay.addLayout(self._buttons())
        self._enable(False)
        self.refresh()
        self._check_gaps()

    # --- layout --------------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Language:"), self))
        self.lang = QComboBox(self)
        self.lang.addItem(_("Vietnamese"), "vi")
        self.lang.addItem(_("English"), "en")
        self.lang.currentIndexChanged.connect(lambda _i: self.refresh())
        row.addWidget(self.lang)
        row.addSpacing(12)
        row.addWidget(QLabel(_("Document number:"), self))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_("next number"))
        self.number.setToolTip(
            _(
                "The number printed after “Số:”, e.g. 5. Empty: the number "
                "already given to this period, or the next one of the year."
            )
        )
        self.number.setMaximumWidth(150)
        self.number.editingFinished.connect(self._number_edited)
        row.addWidget(self.number)
        row.addStretch(1)
        self.zoom_out = QPushButton("−", self)
        self.zoom_out.setToolTip(_("Zoom out (Ctrl+-)"))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        row.addWidget(self.zoom_out)
        self.zoom = QComboBox(self)
        for z in ZOOMS:
            self.zoom.addItem(f"{round(z * 100)} %", z)
        self.zoom.setCurrentIndex(ZOOMS.index(1.0))
        self.zoom.currentIndexChanged.connect(lambda _i: self._draw())
        row.addWidget(self.zoom)
        self.zoom_in = QPushButton("+", self)
        self.zoom_in.setToolTip(_("Zoom in (Ctrl++)"))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        row.addWidget(self.zoom_in)
        for w in (self.zoom_in, self.zoom_out):
            w.setMaximumWidth(34)
            w.setAutoDefault(False)  # Enter in the number field must not zoom out
            w.setDefault(False)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.step_zoom(1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.step_zoom(-1))
        row.addSpacing(12)
        row.addWidget(QLabel(_("Page"), self))
        self.page = QSpinBox(self)
        self.page.setRange(0, 0)
        self.page.valueChanged.connect(lambda v: self.view.go_to(v - 1))
        row.addWidget(self.page)
        self.pages_label = QLabel("/ 0", self)
        row.addWidget(self.pages_label)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        row.addWidget(self.progress)
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.linkActivated.connect(self._open_saved)
        self.saved_path: Path | None = None
        row.addWidget(self.state, 1)

        def button(text: str, slot, key: QKeySequence | None = None) -> QPushButton:  # noqa: ANN001
            b = QPushButton(text, self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda: slot())
            if key is not None:
                b.setShortcut(key)
            row.addWidget(b)
            return b

        self.save_button = button(
            _("Save PDF…"), self.save_pdf, QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.print_button = button(
            _("Print…"), self.print_report, QKeySequence(QKeySequence.StandardKey.Print)
        )
        self.xlsx_button = button(_("Export to Excel…"), self.save_xlsx)
        self.open_xlsx_button = button(_("Open in Excel"), self.open_xlsx)
        self.close_button = button(_("Close"), self.reject)
        return row

    def _check_gaps(self) -> None:
        from .screen_packages import report_gaps

        services, code = self.ctx.services, self.code
        self.ctx.run(lambda: report_gaps(services, code), on_done=self._show_gaps, parent=self)

    def _show_gaps(self, gaps: list[str]) -> None:
        self.gaps.setText(
            _(
                "Before printing, check (an empty section is printed with text "
                "suggested from the figures; write it on the Report screen):"
            )
            + "\n• "
            + "\n• ".join(gaps)
            if gaps
            else ""
        )
        self.gaps.setVisible(bool(gaps))

    def _enable(self, ready: bool) -> None:
        for b in (self.save_button, self.print_button, self.xlsx_button, self.open_xlsx_button):
            b.setEnabled(ready)

    # --- building and drawing --------------------------------------------------------------
    def language(self) -> str:
        return self.lang.currentData() or "vi"

    def doc_number(self) -> str | None:
        return self.number.text().strip() or None

    def refresh(self) -> None:
        """Build the PDF again (language or number changed) and draw its pages."""
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
        generation, code, lang, number = (
            self._generation,
            self.code,
            self.language(),
            self.doc_number(),
        )
        services = self.ctx.services
        self._enable(False)
        self._busy(_("Building the report…"))

        def build() -> tuple[bytes, str, list[tuple[float, float]]]:
            pdf = services.reports.pdf_bytes(code, lang, number=number)
            return pdf, services.units.own_unit().code, page_sizes(pdf)

        def done(result: tuple[bytes, str, list[tuple[float, float]]]) -> None:
            if generation != self._generation:
                return
            self.pdf, self.unit_code, self.sizes = result
            self.view.set_page_sizes(self.sizes, self.zoom_factor())
            self.page.setRange(1 if self.sizes else 0, len(self.sizes))
            self.pages_label.setText(f"/ {len(self.sizes)}")
            self._enable(True)
            self._draw()

        self.ctx.run(
            build, on_done=done, on_error=lambda e: self._failed(generation, e), parent=self
        )

    def zoom_factor(self) -> float:
        return float(self.zoom.currentData() or 1.0)

    def step_zoom(self, step: int) -> None:
        self.zoom.setCurrentIndex(max(0, min(len(ZOOMS) - 1, self.zoom.currentIndex() + step)))

    def _draw(self) -> None:
        """Render the current PDF's pages at the current zoom, first page first."""
        if self.pdf is None:
            return
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
        task = self._task = _Pages(self._generation)
        keep = self.view.current()
        self.view.resize_pages(self.sizes, self.zoom_factor())
        self.view.go_to(keep)
        pdf, dpi = self.pdf, SCREEN_DPI * self.zoom_factor() * self.devicePixelRatioF()
        total = len(self.sizes)
        self._busy(_("Drawing the pages…"), total)

        def draw() -> int:
            for page in iter_pages(pdf, dpi, cancel=task.cancelled):
                task.images.append((page.index, to_qimage(page)))
                task.progress(page.index + 1, total)
            return total

        if self._timer is not None:
            self._timer.stop()
        self._timer = poll(task, lambda d, t: self._pick_up(task), self)
        self.ctx.run(
            draw,
            on_done=lambda _n: self._drawn(task),
            on_error=lambda e: self._failed(task.generation, e),
            parent=self,
        )

    def _pick_up(self, task: _Pages) -> None:
        if task.generation != self._generation:
            return
        while task.images:
            index, image = task.images.pop(0)
            self.view.set_page(index, image)
        self.progress.setValue(task.done)

    def _drawn(self, task: _Pages) -> None:
        self._pick_up(task)
        if task.generation != self._generation:
            return
        if self._timer is not None:
            self._timer.stop()
        self._idle(_("{n} pages").format(n=len(self.sizes)))

    def _busy(self, text: str, total: int = 0) -> None:
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.state.setText(text)
        self.error.hide()

    def _idle(self, text: str) -> None:
        self.progress.hide()
        self.state.setText(text)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if self._timer is not None:
            self._timer.stop()
        self._idle("")
        self.show_problem(exc)

    def show_problem(self, exc: BaseException) -> None:
        """A refusal or failure as one red line under the pages."""
        if isinstance(exc, ValidationError):
            text = "\n".join(p.message for p in exc.problems)
        elif isinstance(exc, DomainError):
            text = str(exc)
        else:
            text = _("The report could not be made: {error}").format(error=exc)
        self.error.setText(text)
        self.error.show()

    def _number_edited(self) -> None:
        if self.number.isModified():
            self.number.setModified(False)
            self.refresh()

    def _current_page(self, index: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(index + 1)
        self.page.blockSignals(False)

    # --- files -----------------------------------------------------------------------------
    def default_path(self, suffix: str) -> Path:
        folder = (
            self.ctx.store.value("report/folder")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or str(Path.home())
        )
        return Path(str(folder)) / report_file_name(
            self.code, self.unit_code, suffix, self.language()
        )

    def _ask_path(self, title: str, suffix: str, filter_: str) -> Path | None:
        path, _f = QFileDialog.getSaveFileName(self, title, str(self.default_path(suffix)), filter_)
        if not path:
            return None
        p = Path(path)
        if p.suffix.lower() != f".{suffix}":
            p = p.with_name(p.name + f".{suffix}")
        self.ctx.store.setValue("report/folder", str(p.parent))
        return p

    def save_pdf(self) -> None:
        """Ctrl+S: choose a file, then save the report (its number is kept for the period)."""
        path = self._ask_path(_("Save the report as PDF"), "pdf", _("PDF documents (*.pdf)"))
        if path is not None:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: Path) -> None:
        code, lang, number = self.code, self.language(), self.doc_number()
        self._write(
            lambda: self.ctx.services.reports.write_pdf(code, path, lang, number=number),
            path,
            _("Report saved: {path}"),
        )

    def save_xlsx(self) -> None:
        path = self._ask_path(
            _("Export the report's tables to Excel"), "xlsx", _("Excel workbooks (*.xlsx)")
        )
        if path is not None:
            self.save_xlsx_to(path)

    def save_xlsx_to(self, path: Path, then=None) -> None:  # noqa: ANN001
        code, lang, number = self.code, self.language(), self.doc_number()

        def done() -> None:
            self.xlsx_path = path
            if then is not None:
                then()

        self._write(
            lambda: self.ctx.services.reports.write_xlsx(code, path, lang, number=number),
            path,
            _("Tables saved: {path}"),
            done,
        )

    def open_xlsx(self) -> None:
        """Open the workbook saved last, or a fresh one in the temporary folder, in the
        program the system uses for .xlsx files."""
        if self.xlsx_path is not None and self.xlsx_path.exists():
            self._open(self.xlsx_path)
            return
        folder = Path(tempfile.gettempdir()) / "lai-chau-desk"
        path = folder / report_file_name(self.code, self.unit_code, "xlsx", self.language())
        self.save_xlsx_to(path, then=lambda: self._open(path))

    def _open(self, path: Path) -> None:
        if not self.open_url(QUrl.fromLocalFile(str(path))):
            info(
                self,
                _(
                    "No program could open {path}. Install LibreOffice or Microsoft "
                    "Excel, or open the file from its folder."
                ).format(path=path),
            )

    def _open_saved(self, link: str) -> None:
        """The links after a save: open the file, or the folder that holds it."""
        if self.saved_path is not None:
            self._open(self.saved_path if link == "file" else self.saved_path.parent)

    def _write(self, fn, path: Path, message: str, then=None) -> None:  # noqa: ANN001
        self._busy(_("Saving…"))

        def done(_r: object) -> None:
            self.saved_path = path
            file_link, folder_link = _("Open the file"), _("Open the folder")
            self._idle(
                html.escape(message.format(path=path)) + " — "
                f"<a href='file'>{html.escape(file_link)}</a> · "
                f"<a href='folder'>{html.escape(folder_link)}</a>"
            )
            self.ctx.status.emit(message.format(path=path))
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._idle("")
            if isinstance(exc, OSError):
                exc = DomainError(
                    _("Could not write {path}: {error}").format(
                        path=path, error=exc.strerror or exc
                    )
                )
            self.show_problem(exc)

        self.ctx.run(fn, on_done=done, on_error=failed, parent=self)

    # --- printing --------------------------------------------------------------------------
    def print_report(self) -> None:
        """Ctrl+P: the system's print dialog, then the chosen pages at printer resolution."""
        if self.pdf is None:
            return
        if not printers_available():
            info(
                self,
                _(
                    "No printer is installed on this computer. Save the report as PDF "
                    "(Ctrl+S) and print it from a computer with a printer."
                ),
            )
            return
        printer = new_printer(report_file_name(self.code, self.unit_code, "pdf", self.language()))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self.sizes))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter, on_done=None) -> None:  # noqa: ANN001
        """Print the previewed pages on ``printer`` (already set up) behind a progress dialog."""
        pdf = self.pdf
        if pdf is None:
            return
        pages = chosen_pages(printer, len(self.sizes))

        def done(n: int) -> None:
            self.ctx.status.emit(_("{n} pages sent to the printer.").format(n=n))
            if on_done is not None:
                on_done(n)

        run_long(
            self.ctx,
            self,
            _("Printing…"),
            lambda progress, cancel: print_pdf(pdf, printer, pages, progress, cancel),
            done,
        )

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        if self._task is not None:
            self._task.cancel()
        if self._timer is not None:
            self._timer.stop()
        super().closeEvent(event)


def open_report_preview(
    parent: QWidget, ctx: AppContext, period_code: str, period_text: str = ""
) -> ReportPreviewDialog:
    """Open the preview window-modally (it deletes itself when closed)."""
    dialog = ReportPreviewDialog(ctx, period_code, period_text, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def preview_from_screen(screen) -> None:  # noqa: ANN001 - the Báo cáo screen
    """Open the preview of the screen's period; unsaved narrative is saved (or not) first,
    as the user chooses, so the preview shows what is stored."""
    from .common import ask_unsaved

    code, text = screen.period.currentData(), screen.period.currentText()
    if not code:
        return

    def go() -> None:
        open_report_preview(screen, screen.ctx, code, text)

    if screen.has_unsaved():
        choice = ask_unsaved(screen)
        if choice == "save":
            screen.save(then=go)
            return
        if choice == "cancel":
            return
    go()

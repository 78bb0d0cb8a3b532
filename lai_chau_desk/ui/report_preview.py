"""The official report's preview: its pages as they will print, then save as PDF, print, or
save / open the XLSX (those through :class:`~.report_output.ReportOutput`).

Building the PDF and drawing its pages run on the one worker; pages appear as they are drawn
(polled every 100 ms) under a progress bar. A generation number drops pages of a preview that
a newer choice (zoom, language, number) replaced.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
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
from ..services.report_pages import iter_pages, page_sizes
from .common import fit_to_screen
from .context import AppContext
from .report_output import ReportOutput
from .report_pages_view import SCREEN_DPI, PagesView, to_qimage
from .screen_base import Screen
from .worker import LongTask, poll

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class _Pages(LongTask):
    """Pages drawn by the worker, picked up by the GUI's 100 ms poll."""

    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation
        self.images: list[tuple[int, QImage]] = []  # list.append is atomic


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
        self._generation = 0
        self._task: _Pages | None = None
        self._timer: QTimer | None = None
        self.output = ReportOutput(self)  # saving, opening and printing
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
        self.state.linkActivated.connect(lambda link: self.output.open_saved(link))
        row.addWidget(self.state, 1)

        def button(
            text: str, slot: Callable[[], object], key: QKeySequence | None = None
        ) -> QPushButton:
            b = QPushButton(text, self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda: slot())
            if key is not None:
                b.setShortcut(key)
            row.addWidget(b)
            return b

        self.save_button = button(
            _("Save PDF…"), self.output.save_pdf, QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.print_button = button(
            _("Print…"), self.output.print_report, QKeySequence(QKeySequence.StandardKey.Print)
        )
        self.xlsx_button = button(_("Export to Excel…"), self.output.save_xlsx)
        self.open_xlsx_button = button(_("Open in Excel"), self.output.open_xlsx)
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
        self.busy(_("Building the report…"))

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
        self.busy(_("Drawing the pages…"), total)

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
        self.idle(_("{n} pages").format(n=len(self.sizes)))

    def busy(self, text: str, total: int = 0) -> None:
        """The progress bar from 0 (of ``total``, or running), and ``text`` beside it."""
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.state.setText(text)
        self.error.hide()

    def idle(self, text: str) -> None:
        """No progress bar; ``text`` (rich text: links) in the status line."""
        self.progress.hide()
        self.state.setText(text)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if self._timer is not None:
            self._timer.stop()
        self.idle("")
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
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


def preview_from_screen(screen: Screen) -> None:
    """Open the preview of the screen's period; unsaved narrative is saved (or not) first,
    as the user chooses, so the preview shows what is stored."""
    from .common import ask_unsaved
    from .screen_report import ReportScreen

    assert isinstance(screen, ReportScreen), "the preview opens from the Báo cáo screen"

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

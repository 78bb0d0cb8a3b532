"""Where the previewed report goes: the PDF and the XLSX saved to files (and opened in the
system's programs), and the printer. Used by :class:`~.report_preview.ReportPreviewDialog`,
whose status line says what happened and whose red line says what went wrong."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from ..domain.errors import DomainError
from ..i18n import _
from ..services.report_pages import report_file_name
from .common import info
from .progress import run_long
from .report_print import chosen_pages, new_printer, print_pdf, printers_available

if TYPE_CHECKING:
    from .report_preview import ReportPreviewDialog


class ReportOutput:
    """Saving, opening and printing the report that ``dialog`` previews (its period, language
    and document number, and the PDF it built)."""

    def __init__(self, dialog: ReportPreviewDialog) -> None:
        self.dialog = dialog
        self.ctx = dialog.ctx
        self.xlsx_path: Path | None = None  # the workbook saved last (Open in Excel opens it)
        self.saved_path: Path | None = None  # the file saved last (its status-line links)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl  # replaced in tests

    def _file_name(self, suffix: str) -> str:
        d = self.dialog
        return report_file_name(d.code, d.unit_code, suffix, d.language())

    # --- files -----------------------------------------------------------------------------
    def default_path(self, suffix: str) -> Path:
        """In the folder saved to last, or Documents, or the home folder: the first that is
        there (the USB stick of last time may be gone; a new Linux account has no Documents).
        A folder that is not there made the file dialog open in the program's own folder."""
        candidates = (
            self.ctx.store.value("report/folder"),
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
            str(Path.home()),
        )
        folder = next((str(c) for c in candidates if c and Path(str(c)).is_dir()), str(Path.home()))
        return Path(folder) / self._file_name(suffix)

    def _ask_path(self, title: str, suffix: str, filter_: str) -> Path | None:
        path, _f = QFileDialog.getSaveFileName(
            self.dialog, title, str(self.default_path(suffix)), filter_
        )
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
        d = self.dialog
        code, lang, number = d.code, d.language(), d.doc_number()
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

    def save_xlsx_to(self, path: Path, then: Callable[[], None] | None = None) -> None:
        d = self.dialog
        code, lang, number = d.code, d.language(), d.doc_number()

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
        path = Path(tempfile.gettempdir()) / "lai-chau-desk" / self._file_name("xlsx")
        self.save_xlsx_to(path, then=lambda: self._open(path))

    def _open(self, path: Path) -> None:
        if not self.open_url(QUrl.fromLocalFile(str(path))):
            info(
                self.dialog,
                _(
                    "No program could open {path}. Install LibreOffice or Microsoft "
                    "Excel, or open the file from its folder."
                ).format(path=path),
            )

    def open_saved(self, link: str) -> None:
        """The links after a save: open the file, or the folder that holds it."""
        if self.saved_path is not None:
            self._open(self.saved_path if link == "file" else self.saved_path.parent)

    def _write(
        self,
        fn: Callable[[], object],
        path: Path,
        message: str,
        then: Callable[[], None] | None = None,
    ) -> None:
        d = self.dialog
        d.busy(_("Saving…"))

        def done(_r: object) -> None:
            self.saved_path = path
            file_link, folder_link = _("Open the file"), _("Open the folder")
            d.idle(
                html.escape(message.format(path=path)) + " — "
                f"<a href='file'>{html.escape(file_link)}</a> · "
                f"<a href='folder'>{html.escape(folder_link)}</a>"
            )
            self.ctx.status.emit(message.format(path=path))
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            d.idle("")
            if isinstance(exc, OSError):
                exc = DomainError(
                    _("Could not write {path}: {error}").format(
                        path=path, error=exc.strerror or exc
                    )
                )
            d.show_problem(exc)

        self.ctx.run(fn, on_done=done, on_error=failed, parent=d)

    # --- printing --------------------------------------------------------------------------
    def print_report(self) -> None:
        """Ctrl+P: the system's print dialog, then the chosen pages at printer resolution."""
        d = self.dialog
        if d.pdf is None:
            return
        if not printers_available():
            info(
                d,
                _(
                    "No printer is installed on this computer. Save the report as PDF "
                    "(Ctrl+S) and print it from a computer with a printer."
                ),
            )
            return
        printer = new_printer(self._file_name("pdf"))
        dialog = QPrintDialog(printer, d)
        dialog.setMinMax(1, len(d.sizes))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter, on_done: Callable[[int], None] | None = None) -> None:
        """Print the previewed pages on ``printer`` (already set up) behind a progress dialog."""
        d = self.dialog
        pdf = d.pdf
        if pdf is None:
            return
        pages = chosen_pages(printer, len(d.sizes))

        def done(n: int) -> None:
            self.ctx.status.emit(_("{n} pages sent to the printer.").format(n=n))
            if on_done is not None:
                on_done(n)

        run_long(
            self.ctx,
            d,
            _("Printing…"),
            lambda progress, cancel: print_pdf(pdf, printer, pages, progress, cancel),
            done,
        )

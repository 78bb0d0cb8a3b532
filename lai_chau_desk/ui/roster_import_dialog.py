"""The "Import members from Excel" dialog: file, sheet, header row, column mapping, preview,
then an import that runs off the GUI thread with progress and cancel.

Every read of the file and every database call runs on the dialog's own one-thread pool; results
come back through signals. A generation number discards previews that a newer choice replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, format_int, ngettext
from .common import fit_to_screen

if TYPE_CHECKING:
    from ..services.roster_io import ImportPreview, ImportResult, WorkbookPreview
    from ..services.suite import ServiceSuite

FIELD_LABELS: dict[str, str] = {
    "full_name": N_("Full name"),
    "gender": N_("Gender (Male/Female)"),
    "female": N_("Female (marked x)"),
    "male": N_("Male (marked x)"),
    "birth": N_("Year or date of birth"),
    "ethnicity": N_("Ethnicity"),
    "is_union_member": N_("Union member (x / yes / no)"),
    "position": N_("Position"),
    "department": N_("Department / group"),
    "active_from": N_("Joined on"),
    "active_to": N_("Left on"),
}
PREVIEW_LIMIT = 200
_STATUS_TEXT = {"ok": N_("Valid"), "duplicate": N_("Duplicate"), "error": N_("Error")}
_STATUS_COLOUR = {"ok": "#e6f4ea", "duplicate": "#fff4d6", "error": "#fde2e1"}


class _Signals(QObject):
    done = Signal(int, object)  # generation, result
    failed = Signal(int, str)  # generation, message
    progress = Signal(int, int)


class _Task(QRunnable):
    """Run ``fn(progress)`` on a pool thread; report through signals, never raise."""

    def __init__(self, generation: int, fn: Callable, signals: _Signals) -> None:
        super().__init__()
        self.generation, self.fn, self.signals = generation, fn, signals

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            from ..domain.errors import DomainError

            text = (
                str(exc)
                if isinstance(exc, DomainError)
                else _("Unexpected error: {error}").format(error=exc)
            )
            self.signals.failed.emit(self.generation, text)
        else:
            self.signals.done.emit(self.generation, result)


class RosterImportDialog(QDialog):
    """Import members from an Excel workbook into the own unit's roster."""

    def __init__(self, services: ServiceSuite, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Import members from Excel"))
        fit_to_screen(self, 1180, 700)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one file/database operation at a time, in order
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._generation = 0
        self._handlers: dict[int, Callable[[Any], None]] = {}
        self._cancel = threading.Event()
        self._path: Path | None = None
        self.workbook: WorkbookPreview | None = None
        self.preview: ImportPreview | None = None
        # not ``result``: that would shadow QDialog.result() (the dialog's return code)
        self.import_result: ImportResult | None = None
        self._loading = False
        self._importing = False
        self._build()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.file_edit = QLineEdit(readOnly=True, placeholderText=_("No file chosen"))
        self.choose_button = QPushButton(_("Choose file…"))
        self.choose_button.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentTextChanged.connect(self._on_sheet_changed)
        self.header_spin = QSpinBox(minimum=1, maximum=1)
        self.header_spin.valueChanged.connect(self._on_header_changed)
        form = QFormLayout()
        form.addRow(_("Excel file:"), file_row)
        form.addRow(_("Sheet:"), self.sheet_combo)
        form.addRow(_("Header row:"), self.header_spin)

        self.mapping_table = QTableWidget(len(FIELD_LABELS), 2)
        self.mapping_table.setHorizontalHeaderLabels([_("Roster field"), _("Column in the file")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_combos: dict[str, QComboBox] = {}
        for row, (name, label) in enumerate(FIELD_LABELS.items()):
            item = QTableWidgetItem(_(label))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.mapping_combos[name] = combo
        self.mapping_table.setFixedWidth(340)

        self.preview_table = QTableWidget(0, 9)
        self.preview_table.setHorizontalHeaderLabels(
            [
                _("Row"),
                _("Status"),
                _("Full name"),
                _("Gender"),
                _("Birth year"),
                _("Ethnicity"),
                _("Union member"),
                _("Department"),
                _("Problems"),
            ]
        )
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setWordWrap(True)
        self.preview_table.verticalHeader().hide()
        self.preview_table.horizontalHeader().setStretchLastSection(True)

        tables = QHBoxLayout()
        tables.addWidget(self.mapping_table)
        tables.addWidget(self.preview_table, 1)

        self.summary_label = QLabel(_("Choose an Excel file (.xlsx) with the list of members."))
        self.summary_label.setWordWrap(True)
        self.skip_check = QCheckBox(_("Skip rows already on the roster or repeated in the file"))
        self.skip_check.setChecked(True)
        self.skip_check.toggled.connect(self._update_buttons)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.import_button = QPushButton(_("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(_("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel_import)
        self.cancel_button.hide()
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_bar, 1)
        buttons.addStretch()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        root = QVBoxLayout(self)
        root.addLayout(form)
        root.addLayout(tables, 1)
        root.addWidget(self.summary_label)
        root.addWidget(self.skip_check)
        root.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ background work
    def _run(self, fn: Callable[..., object], on_done: Callable[[Any], None]) -> None:
        self._generation += 1
        self._handlers = {self._generation: on_done}
        self._pool.start(_Task(self._generation, fn, self._signals))

    @Slot(int, object)
    def _on_done(self, generation: int, result: object) -> None:
        handler = self._handlers.pop(generation, None)
        if handler is not None:  # else a newer request replaced this one
            handler(result)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._handlers.pop(generation, None) is None:
            return
        self._set_busy(False)
        self.summary_label.setText(message)
        self.summary_label.setStyleSheet("color: #b3261e;")
        self._update_buttons()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    def is_busy(self) -> bool:
        """True while a file read, a preview or the import is running (used by tests)."""
        return bool(self._handlers)

    # ------------------------------------------------------------------ choices
    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the list of members"), str(Path.home()), _("Excel workbooks (*.xlsx)")
        )
        if name:
            self.load_file(name)

    def load_file(
        self, path: str | Path, sheet: str | None = None, header_row: int | None = None
    ) -> None:
        """Read ``path`` (in the background) and propose a sheet, header row and mapping."""
        self._path = file = Path(path)
        self.file_edit.setText(str(file))
        self.preview = self.import_result = None
        self._update_buttons()
        self._set_info(_("Reading the file…"))
        roster_io = self.services.roster_io
        self._run(lambda _p: roster_io.read_workbook(file, sheet, header_row), self._show_workbook)

    def _show_workbook(self, wp: WorkbookPreview) -> None:
        self.workbook = wp
        self._loading = True
        try:
            self.sheet_combo.clear()
            self.sheet_combo.addItems(wp.sheet_names)
            self.sheet_combo.setCurrentText(wp.sheet)
            self.header_spin.setMaximum(max(wp.row_count, 1))
            self.header_spin.setValue(wp.header_row)
            choices = [_("(not imported)")] + [
                f"{_column_letter(i)}: {wp.headers[i] if i < len(wp.headers) else ''}".rstrip(": ")
                for i in range(wp.column_count)
            ]
            for name, combo in self.mapping_combos.items():
                combo.clear()
                combo.addItems(choices)
                col = wp.mapping.get(name)
                combo.setCurrentIndex(col + 1 if col is not None else 0)
        finally:
            self._loading = False
        self.refresh_preview()

    def _on_sheet_changed(self, sheet: str) -> None:
        if not self._loading and self._path and sheet:
            self.load_file(self._path, sheet)

    def _on_header_changed(self, row: int) -> None:
        if not self._loading and self._path and self.workbook:
            self.load_file(self._path, self.workbook.sheet, row)

    def _on_mapping_changed(self, _index: int) -> None:
        if not self._loading and self.workbook:
            self.refresh_preview()

    def mapping(self) -> dict[str, int]:
        """The mapping chosen in the table: target field -> 0-based column."""
        return {
            name: combo.currentIndex() - 1
            for name, combo in self.mapping_combos.items()
            if combo.currentIndex() > 0
        }

    def refresh_preview(self) -> None:
        """Parse every row with the chosen mapping (in the background) and show the result."""
        wp, mapping = self.workbook, self.mapping()
        self.preview = None
        self._update_buttons()
        if wp is None:
            return
        if "full_name" not in mapping:
            self.preview_table.setRowCount(0)
            self._set_info(_("Choose the column that holds the full names."), error=True)
            self._run(lambda _p: None, lambda _r: None)  # drop any preview still running
            return
        self._set_info(_("Checking the rows…"))
        roster_io = self.services.roster_io
        self._run(
            lambda _p: roster_io.preview_import(wp.path, wp.sheet, mapping, wp.header_row),
            self._show_preview,
        )

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        rows = preview.rows[:PREVIEW_LIMIT]
        self.preview_table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            m = row.member
            problems = " ".join(row.problems) or row.duplicate_of
            values = [
                str(row.row_number),
                _(_STATUS_TEXT[row.status]),
                m.full_name,
                _("Female") if m.gender == "nu" else _("Male"),
                str(m.birth_year or ""),
                m.ethnicity,
                _("Yes") if m.is_union_member else _("No"),
                m.department,
                problems,
            ]
            colour = QBrush(QColor(_STATUS_COLOUR[row.status]))
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(colour)
                item.setToolTip(problems)
                self.preview_table.setItem(i, j, item)
        last = self.preview_table.columnCount() - 1
        for j in range(last):
            self.preview_table.resizeColumnToContents(j)
        self.preview_table.setColumnWidth(last, max(self.preview_table.columnWidth(last), 240))
        self.preview_table.resizeRowsToContents()
        self._set_info(self.summary_text())
        self._update_buttons()

    def summary_text(self) -> str:
        """E.g. "45 dòng hợp lệ, 3 trùng, 2 lỗi" (plus conversions and hidden rows)."""
        p = self.preview
        if p is None:
            return ""
        ok, dup, err = p.count("ok"), p.count("duplicate"), p.count("error")
        text = ", ".join(
            [
                ngettext("{n} valid row", "{n} valid rows", ok).format(n=format_int(ok)),
                ngettext("{n} duplicate", "{n} duplicates", dup).format(n=format_int(dup)),
                ngettext("{n} with errors", "{n} with errors", err).format(n=format_int(err)),
            ]
        )
        if p.converted_rows:
            text += ". " + ngettext(
                "{n} row converted from the old TCVN3/VNI encoding",
                "{n} rows converted from the old TCVN3/VNI encoding",
                p.converted_rows,
            ).format(n=format_int(p.converted_rows))
        if len(p.rows) > PREVIEW_LIMIT:
            text += ". " + _("The table shows the first {n} rows").format(n=PREVIEW_LIMIT)
        return text + "."

    # ------------------------------------------------------------------ import
    def rows_to_import(self) -> int:
        p = self.preview
        if p is None:
            return 0
        return p.count("ok") + (0 if self.skip_check.isChecked() else p.count("duplicate"))

    def start_import(self) -> None:
        """Write the valid rows in one transaction, off the GUI thread."""
        preview = self.preview
        if preview is None or self.rows_to_import() == 0 or self.is_busy():
            return
        self._cancel.clear()
        self._set_busy(True)
        self._set_info(_("Importing…"))
        roster_io, skip, cancel = self.services.roster_io, self.skip_check.isChecked(), self._cancel
        self._run(
            lambda progress: roster_io.apply_import(
                preview, skip_duplicates=skip, progress=progress, cancel=cancel.is_set
            ),
            self._show_result,
        )

    def cancel_import(self) -> None:
        """Ask the running import to stop; the transaction is rolled back, nothing is saved."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self._set_info(_("Cancelling…"))

    def _show_result(self, result: ImportResult) -> None:
        self.import_result = result
        self._set_busy(False)
        self.preview = None
        self._set_info(
            _(
                "Imported {added} members; skipped {dup} duplicates and {err} rows with errors."
            ).format(
                added=format_int(result.added),
                dup=format_int(result.skipped_duplicates),
                err=format_int(result.skipped_errors),
            )
        )
        self._update_buttons()

    def _set_busy(self, busy: bool) -> None:
        self._importing = busy
        self.progress_bar.setVisible(busy)
        self.progress_bar.setValue(0)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        for w in (
            self.choose_button,
            self.sheet_combo,
            self.header_spin,
            self.mapping_table,
            self.skip_check,
            self.close_button,
        ):
            w.setEnabled(not busy)
        self._update_buttons()

    def _set_info(self, text: str, error: bool = False) -> None:
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet("color: #b3261e;" if error else "")

    def _update_buttons(self) -> None:
        n = self.rows_to_import()
        self.import_button.setText(
            _("Import {n} members").format(n=format_int(n)) if n else _("Import")
        )
        self.import_button.setEnabled(n > 0 and not self._importing)

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self._importing:  # importing: cancel rather than leave it running
            self.cancel_import()
            return
        self._pool.waitForDone()
        super().reject()

    def done(self, code: int) -> None:
        self._pool.waitForDone()
        super().done(code)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

"""Tiếp nhận báo cáo: packages from the units below (and receipts or catalogues from above).

Drop .lcdx files on the screen or pick them (Ctrl+O); a dry run previews what each would do;
*Import* applies them off the GUI thread with a progress bar and Cancel; a changed signing key
is shown with both fingerprints and imported only once the officer confirms. Below, the
matrix of units × periods shows who reported on time, late, not at all, or was returned;
double-clicking a cell opens that report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.periods import periods_of_year
from ..i18n import _, format_date, format_int
from ..services.base import Cancelled
from ..services.exchange_results import PinnedKey
from .common import (
    confirm,
    hint_label,
    packages_folder,
    remember_packages_folder,
    show_error,
)
from .context import CATALOGUE, AppContext
from .intake_models import (
    EXCHANGE,
    MatrixModel,
    key_lines,
    outcome_model,
    reason_text,
    short_period,
)
from .intake_widgets import bold as _bold
from .intake_widgets import legend
from .screen_base import Screen
from .worker import LongTask, poll

SUFFIX = ".lcdx"


def _said(outcome: Any) -> str:
    """A refusal's reason, or what the preview says about the keys (the fingerprint)."""
    return reason_text(outcome) or "\n".join(key_lines(outcome))


class IntakeScreen(Screen):
    watches = (EXCHANGE, CATALOGUE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.files: list[Path] = []
        self.accepted_keys: set[str] = set()
        self.parent_key: str | None = None  # the parent's fingerprint the officer confirmed
        self.outcomes: list[Any] = []
        self.previewed = False  # the table shows a dry run (True) or an import's summary
        self.task: LongTask | None = None
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        lay.addLayout(self._top_row())
        self.drop_hint = hint_label(
            _(
                "Drag .lcdx files from the USB stick or e-mail folder onto "
                "this screen, or choose them with Ctrl+O."
            ),
            self,
        )
        lay.addWidget(self.drop_hint)
        lay.addLayout(self._progress_row())
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self._preview_part())
        self.matrix_part = self._matrix_part()
        self.split.addWidget(self.matrix_part)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        lay.addWidget(self.split, 1)
        self._buttons()

    # --- layout ------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(_bold(QLabel(_("Packages to import"), self)))
        row.addStretch()
        self.pick_button = QPushButton(_("Choose files… (Ctrl+O)"), self)
        self.clear_button = QPushButton(_("Clear the list"), self)
        self.import_button = QPushButton(_("Import"), self)
        # Enter presses it once it has the focus, which it takes after a preview: outside a
        # dialog a default button takes no Enter from elsewhere, and the officer who had
        # read the preview reached "Import" only with the mouse or a dozen Tabs
        self.import_button.setDefault(True)
        self.import_button.setToolTip(_("Import the previewed packages (Enter)."))
        self.pick_button.clicked.connect(self.choose_files)
        self.clear_button.clicked.connect(self.clear)
        self.import_button.clicked.connect(self.start_import)
        for b in (self.pick_button, self.clear_button, self.import_button):
            row.addWidget(b)
        return row

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        return row

    def _preview_part(self) -> QWidget:
        w = QWidget(self)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        self.model = outcome_model(self)
        self.table = QTableView(w)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        # the whole reason of the row chosen (or of the first refused file), wrapped: the
        # table cuts it at the column's edge on a small screen
        self.reason = QLabel(w)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.hide()
        lay.addWidget(self.reason)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._reason(cur.row())
        )
        self.summary = QLabel(w)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        return w

    def _reason(self, row: int = -1) -> None:
        """Show what outcome ``row`` says in full: its refusal, or the fingerprint of a key
        seen for the first time (to compare with the one printed on the paper report); with
        no row chosen, or one with nothing to say, the first refusal, else the first new
        key. Hidden when there is nothing to say."""
        rows = self.outcomes
        pick = rows[row] if 0 <= row < len(rows) else None
        if pick is None or not _said(pick):
            pick = next((o for o in rows if o.outcome == "refused"), None) or next(
                (o for o in rows if _said(o)), None
            )
        text = _said(pick) if pick is not None else ""
        self.reason.setText(f"{pick.shown_name}: {text}" if pick is not None and text else "")
        self.reason.setVisible(bool(text))

    def _matrix_part(self) -> QWidget:
        w = QWidget(self)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(_bold(QLabel(_("Reports of the units below"), w)))
        row.addStretch()
        self.unit_search = QLineEdit(w)
        self.unit_search.setPlaceholderText(_("Find a unit by name or code…"))
        self.unit_search.setClearButtonEnabled(True)
        self.unit_search.textChanged.connect(lambda t: self.matrix.set_search(t))
        row.addWidget(self.unit_search, 1)
        self.matrix_xlsx = QPushButton(_("Export to Excel…"), w)
        self.matrix_xlsx.clicked.connect(self.export_matrix)
        row.addWidget(self.matrix_xlsx)
        row.addWidget(QLabel(_("Year:"), w))
        self.year = QComboBox(w)
        this_year = self.ctx.current_period().year
        for y in (this_year, this_year - 1):
            self.year.addItem(str(y), y)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(self.year)
        lay.addLayout(row)
        self.matrix: MatrixModel = MatrixModel(self.ctx.today, self)
        self.grid = QTableView(w)
        self.grid.setModel(self.matrix)
        self.grid.verticalHeader().hide()
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.doubleClicked.connect(lambda ix: self.open_report(ix.row(), ix.column()))
        lay.addWidget(self.grid, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(legend())
        self.matrix_note = QLabel(w)  # wraps: a long period summary never widens the window
        self.matrix_note.setWordWrap(True)
        self.matrix_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.matrix_note, 1)
        lay.addLayout(bottom)
        return w

    def _buttons(self) -> None:
        busy = self.task is not None
        importable = self.previewed and any(o.outcome in ("new", "replaced") for o in self.outcomes)
        self.import_button.setEnabled(importable and not busy)
        self.pick_button.setEnabled(not busy)
        self.clear_button.setEnabled(bool(self.files or self.outcomes) and not busy)

    # --- the matrix --------------------------------------------------------------------
    def periods(self) -> list:
        return periods_of_year(self.year.currentData(), self.ctx.period_settings)

    def reload(self) -> None:
        periods = self.periods()
        codes = [p.code for p in periods]
        svc = self.ctx.services

        def load() -> tuple[dict[str, Any], dict[str, Any], bool]:
            from .screen_packages import units_below

            since = {u.code: u.valid_from for u in svc.units.list_units()}
            below = units_below(svc.units, svc.units.own_unit().code)
            return svc.status.completeness_matrix(codes), since, below

        def show(result: tuple[dict[str, Any], dict[str, Any], bool]) -> None:
            statuses, since, below = result
            # a grassroots unit comes here only to import a receipt or a catalogue from
            # above: a table of "the units below" (none, "added by their first report")
            # only puzzled its officer
            self.matrix_part.setVisible(below)
            self._matrix(periods, statuses, since)

        self.ctx.run(load, on_done=show, parent=self)

    def ask_xlsx_path(self) -> str:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the table of reports"),
            str(Path.home() / f"tiep-nhan-bao-cao-{self.year.currentData()}.xlsx"),
            _("Excel workbooks (*.xlsx)"),
        )
        return name

    def export_matrix(self) -> None:
        """The matrix as shown (search applied) to an Excel workbook."""
        path = self.ask_xlsx_path()
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        rows = self.matrix.as_rows()

        def write() -> None:
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            ws.title = str(self.year.currentData())
            for r in rows:
                ws.append(r)
            ws.column_dimensions["A"].width = 48
            wb.save(path)

        self.ctx.run(
            write,
            on_done=lambda _r: self.ctx.status.emit(_("Table saved: {path}").format(path=path)),
            parent=self,
        )

    def _matrix(
        self, periods: list, statuses: dict[str, Any], since: dict[str, Any] | None = None
    ) -> None:
        self.matrix.set_statuses(periods, statuses, since)
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        by_code = {p.code: p for p in periods}
        cur = statuses.get(self.ctx.current_period().code) or next(iter(statuses.values()), None)
        if not self.matrix.units:
            self.matrix_note.setText(
                _(
                    "No units below this one are in the unit directory yet; "
                    "their first report adds them."
                )
            )
        elif cur is not None:
            due = by_code[cur.period].due
            text = (
                _("{period}: {on_time} on time, {late} late, {missing} not submitted")
                if self.ctx.today() > due
                else _(
                    "{period}: {on_time} on time, {late} late, {missing} not yet received "
                    "(due {date})"
                )
            )
            self.matrix_note.setText(
                text.format(
                    date=format_date(due),
                    period=short_period(by_code[cur.period]),
                    on_time=format_int(len(cur.on_time)),
                    late=format_int(len(cur.late)),
                    missing=format_int(len(cur.missing)),
                )
            )

    def open_report(self, row: int, column: int) -> None:
        """Drill down to the report of the unit and period at a matrix cell."""
        u = self.matrix.cell(row, column)
        p = self.matrix.period_at(column)
        if u is None or p is None or not u.revision:
            return
        from .intake_report_dialog import ReportDialog

        self.dialog = ReportDialog(self.ctx, u.code, u.name, p, self)
        self.dialog.show()

    # --- choosing files ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and self.task is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)

    def choose_files(self) -> None:
        if self.task is not None:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Choose report packages"),
            str(packages_folder(self.ctx.store)),
            _("Report packages (*.lcdx);;All files (*)"),
        )
        if names:
            remember_packages_folder(self.ctx.store, Path(names[0]))
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Add files (folders are searched for .lcdx files) and preview the whole list."""
        for p in paths:
            found = sorted(p.glob(f"*{SUFFIX}")) if p.is_dir() else [p]
            for f in found:
                if f not in self.files:
                    self.files.append(f)
        if self.files:
            self.preview()

    def clear(self) -> None:
        self.files, self.outcomes, self.accepted_keys = [], [], set()
        self.parent_key = None
        self.previewed = False
        self.model.set_rows([])
        self.summary.clear()
        self._reason()
        self._buttons()

    # --- preview and import ------------------------------------------------------------
    def preview(self) -> None:
        """The dry run of the whole list: nothing is stored."""
        ex, files, keys = self.ctx.services.imports, list(self.files), set(self.accepted_keys)
        parent = self.parent_key
        self._long(
            lambda progress, cancel: ex.preview_files(
                files,
                accept_new_key=keys,
                progress=progress,
                cancel=cancel,
                accept_parent_key=parent,
            ),
            self._previewed,
        )

    def _previewed(self, outcomes: list[Any]) -> None:
        self._show(outcomes, previewed=True)
        if self.import_button.isEnabled():
            self.import_button.setFocus()  # Enter imports what the preview shows
        parent = [o for o in outcomes if o.code == "parent-key-unconfirmed"]
        if parent and self.parent_key is None and self.ask_parent_key(parent[0]):
            self.parent_key = parent[0].fingerprint
            self.preview()
            return
        changed = [
            o for o in outcomes if o.code == "key-changed" and o.unit not in self.accepted_keys
        ]
        if changed:
            self.ctx.run(
                self.ctx.services.status.pinned_keys,
                on_done=lambda pins: self._ask_keys(changed, pins),
                parent=self,
            )

    def _ask_keys(self, changed: list[Any], pins: list[PinnedKey]) -> None:
        current = {p.unit: p.fingerprint for p in pins if not p.retired_at}
        accepted = False
        for o in {o.unit: o for o in changed}.values():
            text = _(
                "The signing key of “{name}” ({unit}) has changed.\n\n"
                "Fingerprint recorded here:\n{old}\n\nFingerprint in the package:\n{new}\n\n"
                "Accept the new key only after the unit has read its new fingerprint to "
                "you by phone (for example after it reinstalled the app)."
            ).format(
                name=o.unit_name or o.unit,
                unit=o.unit,
                old=current.get(o.unit, "?"),
                new=o.fingerprint,
            )
            if confirm(self, text, _("Accept the new key")):
                self.accepted_keys.add(o.unit)
                accepted = True
        if accepted:
            self.preview()

    def ask_parent_key(self, outcome: Any) -> bool:
        """Whether the officer confirms the fingerprint of the level above's key (rule 1:
        receipts and catalogues are taken only under the parent's confirmed key)."""
        return confirm(self, f"{outcome.reason}\n\n{outcome.fingerprint}", _("Accept the new key"))

    def start_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        ex, files, keys = self.ctx.services.imports, list(self.files), set(self.accepted_keys)
        parent = self.parent_key
        self._long(
            lambda progress, cancel: ex.import_files(
                files,
                accept_new_key=keys,
                progress=progress,
                cancel=cancel,
                accept_parent_key=parent,
            ),
            self._imported,
        )

    def _imported(self, outcomes: list[Any]) -> None:
        self.files = [Path(o.file) for o in outcomes if o.outcome == "refused"]
        self._show(outcomes, previewed=False)
        if any(o.outcome in ("new", "replaced") for o in outcomes):
            self.ctx.changed.emit(EXCHANGE)
            if any(o.kind == "catalogue" for o in outcomes):
                self.ctx.changed.emit(CATALOGUE)
        self.ctx.status.emit(self.summary.text())

    def _show(self, outcomes: list[Any], previewed: bool) -> None:
        self.outcomes, self.previewed = outcomes, previewed
        self.model.set_rows(outcomes)
        self.table.resizeColumnsToContents()
        # the file and unit names give way first, so a refusal's reason stays readable on a
        # 1024-pixel screen (the whole reason is the row's tooltip)
        names = max(140, min(260, self.table.viewport().width() // 6))
        for col in range(self.model.columnCount() - 1):
            cap = names if col < 2 else 260
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), cap))
        counts = {
            k: sum(o.outcome == k for o in outcomes)
            for k in ("new", "replaced", "unchanged", "refused")
        }
        text = _("{new} new, {replaced} replaced, {unchanged} unchanged, {refused} refused").format(
            **{k: format_int(v) for k, v in counts.items()}
        )
        head = _("Preview (nothing imported yet):") if previewed else _("Imported:")
        self.summary.setText(f"{head} {text}")
        self._reason()
        self._buttons()

    # --- background work with progress and cancel ----------------------------------------
    def _long(
        self, work: Callable[[Callable, Callable], Any], on_done: Callable[[Any], None]
    ) -> None:
        task = self.task = LongTask()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._buttons()

        def tick(done: int, total: int) -> None:
            if total:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done, total))

        timer = poll(task, tick, self)

        def finish() -> None:
            timer.stop()
            self.task = None
            self.progress.hide()
            self.cancel_button.hide()
            self._buttons()

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, Cancelled):
                self.summary.setText(_("Cancelled: nothing was imported."))
                self.ctx.status.emit(self.summary.text())
            else:
                show_error(self, exc)

        self.ctx.run(
            lambda: work(task.progress, task.cancelled), on_done=done, on_error=failed, parent=self
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def busy(self) -> bool:
        return self.task is not None

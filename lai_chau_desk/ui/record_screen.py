"""A list + editor screen for small record sets (members, supervisions, directives, units).

Subclasses build the editor form, say how to turn a record into the form and back, and which
service calls save and delete. Deletes ask first and can be undone with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationError
from ..i18n import N_, _, format_int
from .common import FieldForm, ask_unsaved, change_row_guarded, confirm, heading_label, show_error
from .context import AppContext
from .models import Column, RowsModel
from .screen_base import Screen

#: (delete, make_restore(result)): how a screen deletes a record, and undoes the delete
DeleteCall = tuple[Callable[[], Any], Callable[[Any], Callable[[], Any]]]


STRETCH_SHARE_LEFT = 0.65  # of a table's width, at most, for the columns beside the stretched
MIN_COLUMN = 48  # px: a narrowed column still shows a few characters


class RecordScreen(Screen):
    """Left: searchable table. Right: the editor of the selected (or a new) record."""

    kind = ""  # the change kind announced after saves and deletes
    new_text = N_("New")
    count_text = N_("{n} records")
    empty_text = ""  # shown instead of "0 …" when there is nothing yet: the next step

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: Any = None  # the record being edited, None for a new one
        self.dirty = False
        self._loading = False
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = self.toolbar()
        if top is not None:
            top.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            lay.addWidget(top)
        lay.addWidget(self.split, 1)  # the list takes every pixel below the tool bar
        left = QWidget(self)
        ll = QVBoxLayout(left)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(_("Search (Ctrl+F)…"))
        self.search.setClearButtonEnabled(True)
        ll.addWidget(self.search)
        self.model = RowsModel(
            self.columns(), key=self.key, search_text=self.search_text, parent=self, tooltips=True
        )
        self.search.textChanged.connect(self.model.set_search)
        self.search.textChanged.connect(lambda _t: self._count())
        self.table = QTableView(left)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            self.stretch_column(), QHeaderView.ResizeMode.Stretch
        )
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._natural: dict[int, int] = {}  # each column's width for its contents (capped)
        self.table.viewport().installEventFilter(self)  # fitted again when it resizes
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        ll.addWidget(self.table, 1)
        self.count_label = QLabel(left)
        self.count_label.setWordWrap(True)
        ll.addWidget(self.count_label)
        self.split.addWidget(left)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        self.heading = heading_label(right)
        rl.addWidget(self.heading)
        self.form = FieldForm()
        self.form.add_general()
        self.build_form(self.form)
        scroll = QScrollArea(right)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        rl.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_(self.new_text) + " (Ctrl+N)", right)
        self.delete_button = QPushButton(_("Delete"), right)
        self.save_button = QPushButton(_("Save (Ctrl+S)"), right)
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        rl.addLayout(buttons)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([640, 500])
        self._show(None)

    # --- what subclasses provide -------------------------------------------------------
    def toolbar(self) -> QWidget | None:
        return None

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def stretch_column(self) -> int:
        return 0

    def key(self, record: Any) -> Any:
        return record.id

    def search_text(self, record: Any) -> str:
        return ""

    def build_form(self, form: FieldForm) -> None:
        raise NotImplementedError

    def fill_form(self, record: Any | None) -> None:
        raise NotImplementedError

    def record_from_form(self) -> Any:
        raise NotImplementedError

    def load_records(self) -> Callable[[], list]:
        raise NotImplementedError

    def save_call(self, record: Any, is_new: bool) -> Callable[[], Any]:
        raise NotImplementedError

    def delete_call(self, record: Any) -> DeleteCall:
        """(delete, make_restore(result)); make_restore may be None when undo is impossible."""
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        return str(record)

    # --- editing state -----------------------------------------------------------------
    def touched(self, *_args: object) -> None:
        if not self._loading and not self.dirty:
            self.dirty = True
            self._heading()

    def _heading(self) -> None:
        text = _("New") if self.current is None else self.describe(self.current)
        self.heading.setText(text + (" *" if self.dirty else ""))
        self.delete_button.setEnabled(self.current is not None)

    def _show(self, record: Any | None) -> None:
        self._loading = True
        self.current = record
        self.form.clear_errors()
        self.fill_form(record)
        for edit in self.form.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # show the start of long texts
        self._loading = False
        self.dirty = False
        self._heading()

    def _count(self) -> None:
        n = self.model.rowCount()
        if n == 0 and not self.search.text() and self.empty_text:
            self.count_label.setText(_(self.empty_text))  # what to do next, not just "0"
            return
        self.count_label.setText(_(self.count_text).format(n=format_int(n)))

    def _fit_columns(self) -> None:
        """The other columns at their contents' width; when they would leave the stretched
        one (the unit's name, the member's name) less than 35% of the table, the last ones
        (the least needed: end date, level, parent) are narrowed first: at 1024 px the units
        directory showed "…" for every name, behind a sideways scroll bar."""
        if not self._natural:
            return
        room = int(self.table.viewport().width() * STRETCH_SHARE_LEFT)
        widths = dict(self._natural)
        over = sum(widths.values()) - room
        for col in sorted(widths, reverse=True):
            if over <= 0:
                break
            cut = min(over, max(0, widths[col] - MIN_COLUMN))
            widths[col] -= cut
            over -= cut
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    # --- data ------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.run(self.load_records(), on_done=self._loaded, parent=self)

    def _loaded(self, rows: list) -> None:
        current_key = self.key(self.current) if self.current is not None else None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._natural = {
            col: min(self.table.columnWidth(col), 220)
            for col in range(self.model.columnCount())
            if col != self.stretch_column()
        }
        self._fit_columns()
        self._count()
        if current_key is not None:
            row = self.model.row_of_key(current_key)
            if row >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.selectionModel().blockSignals(False)
                if not self.dirty:
                    self._show(self.model.row(row))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record = self.model.row(current.row())
        if self.current is not None and self.key(record) == self.key(self.current):
            return
        change_row_guarded(
            self,
            self.table,
            previous,
            self.dirty,
            lambda then: self.save(then=then),
            lambda: self._show(record),
        )

    # --- commands --------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        return self.dirty

    def discard(self) -> None:
        self._show(self.current)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        if self.dirty:
            choice = ask_unsaved(self)
            if choice == "cancel":
                return
            if choice == "save":
                self.save(then=self.new_record)
                return
        self.table.clearSelection()
        self._show(None)
        first = self.form.layout_.itemAt(1, self.form.layout_.ItemRole.FieldRole)
        field = first.widget() if first is not None else None
        if field is not None:
            field.setFocus()

    def save(self, then: Callable[[], None] | None = None) -> None:
        try:
            record = self.record_from_form()
        except ValidationError as e:
            self.form.show_errors(e)
            return
        is_new = self.current is None

        def done(_result: object) -> None:
            self.form.clear_errors()
            self.current = record
            self.dirty = False
            self._heading()
            self.ctx.status.emit(_("Saved."))
            self.ctx.changed.emit(self.kind)
            if then:
                then()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.form.show_errors(exc)
            else:
                show_error(self, exc)

        self.ctx.run(self.save_call(record, is_new), on_done=done, on_error=failed, parent=self)

    def delete_selected(self) -> None:
        if self.current is None:
            return
        what = self.describe(self.current)
        if not confirm(
            self, _("Delete “{what}”? You can undo with Ctrl+Z.").format(what=what), _("Delete")
        ):
            return
        delete, make_restore = self.delete_call(self.current)

        def done(result: object) -> None:
            self._show(None)
            if make_restore is not None:
                self.ctx.remember_delete(what, self.kind, make_restore(result))
            self.ctx.changed.emit(self.kind)

        self.ctx.run(delete, on_done=done, parent=self)

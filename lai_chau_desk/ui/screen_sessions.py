"""Tuyên truyền: the sessions list (lazy, searchable, filterable) beside the session editor."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationError
from ..domain.sessions import FORMS, DisseminationSession, SessionFilter
from ..i18n import _, format_int
from .common import (
    ask_unsaved,
    change_row_guarded,
    confirm,
    fill_combo,
    form_label,
    heading_label,
    period_label,
)
from .context import CATALOGUE, MEMBERS, SESSIONS, AppContext
from .models import PAGE, SessionsModel
from .screen_base import Screen
from .session_editor import SessionEditor

SORT_BY_SECTION = {
    0: "date",
    1: "title",
    2: "form",
    3: "directives",
    4: "participants",
    5: "female",
}  # the columns of models.SessionsModel


class _AfterPaint(QObject):
    """Runs a call once a widget has next been painted (at once if it is not visible: no
    paint is coming); a newer call replaces one still waiting."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: Callable[[], None] | None = None
        self._widget: QWidget | None = None

    def run(self, widget: QWidget, fn: Callable[[], None]) -> None:
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
        if not widget.isVisible():
            self._pending = None
            fn()
            return
        self._pending, self._widget = fn, widget
        widget.installEventFilter(self)
        widget.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._widget = None
            fn, self._pending = self._pending, None
            if fn is not None:
                QTimer.singleShot(0, self, fn)  # after this paint has finished
        return False


class SessionsScreen(Screen):
    watches = (SESSIONS, MEMBERS, CATALOGUE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.sort = ("date", True)  # (column, descending)
        self._select_after: uuid.UUID | None = None
        self.loaded_ids = False
        self._query = 0
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("sessions_split")
        self.split = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        split.addWidget(self._list_side())
        split.addWidget(self._editor_side())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 420])
        self._after_paint = _AfterPaint(self)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.load_ids)

    # --- layout ----------------------------------------------------------------------
    def _list_side(self) -> QWidget:
        w = QWidget(self)
        lay = QVBoxLayout(w)
        filters = QHBoxLayout()
        self.search = QLineEdit(w)
        self.search.setPlaceholderText(_("Search titles (Ctrl+F)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search)
        lay.addLayout(filters)
        # the three filters on a line of their own: beside the search box, on a 1024-pixel
        # screen each was cut to "Tất cả các k"
        choices = QHBoxLayout()
        self.period = QComboBox(w)
        self.directive = QComboBox(w)
        self.form = QComboBox(w)
        for combo, tip in (
            (self.period, _("Show the sessions of one period")),
            (self.directive, _("Show the sessions about one directive")),
            (self.form, _("Show the sessions of one form")),
        ):
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(lambda _i: self.load_ids())
            choices.addWidget(combo, 1)
        lay.addLayout(choices)
        self.model = SessionsModel(self._fetch_page, self)
        self.table = QTableView(w)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 84), (2, 125), (3, 100), (4, 66), (5, 48)):
            self.table.setColumnWidth(col, width)
        head.setSectionsClickable(True)
        head.sectionClicked.connect(self._sort_clicked)
        head.setSortIndicatorShown(True)
        head.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        lay.addWidget(self.table, 1)
        self.count_label = QLabel(w)
        self.count_label.setWordWrap(True)
        lay.addWidget(self.count_label)
        return w

    def _editor_side(self) -> QWidget:
        w = QWidget(self)
        lay = QVBoxLayout(w)
        self.heading = heading_label(w)
        lay.addWidget(self.heading)
        self.editor = SessionEditor(w, today=self.ctx.today)
        self.editor.dirty_changed.connect(lambda _d: self._update_heading())
        lay.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("New session (Ctrl+N)"), w)
        self.save_button = QPushButton(_("Save (Ctrl+S)"), w)
        self.save_button.setDefault(True)
        self.delete_button = QPushButton(_("Delete"), w)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(lambda: self.save())
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        self._update_heading()
        return w

    def _update_heading(self) -> None:
        text = _("New session") if self.editor.session_id is None else _("Edit session")
        self.heading.setText(text + (" *" if self.editor.dirty else ""))
        self.delete_button.setEnabled(self.editor.session_id is not None)

    # --- data ------------------------------------------------------------------------
    def reload(self) -> None:
        svc = self.ctx.services
        if self.period.count() == 0:
            items: list[tuple[str, object]] = [(_("All periods"), None)]
            items += [(period_label(p), p) for p in self.ctx.recent_periods()]
            fill_combo(self.period, items)
            fill_combo(self.form, [(_("All forms"), None)] + [(form_label(c), c) for c in FORMS])
        self.load_ids()  # first: the list is what the user waits for
        self.ctx.run(svc.catalogue.directives, on_done=self._directives_loaded, parent=self)
        self.ctx.run(svc.members.list, on_done=self.editor.set_members, parent=self)

    def _directives_loaded(self, directives: list) -> None:  # noqa: ANN001
        self.editor.set_directives(directives)
        self.directive.blockSignals(True)
        fill_combo(
            self.directive, [(_("All directives"), None)] + [(d.code, d.code) for d in directives]
        )
        self.directive.blockSignals(False)

    def current_filter(self) -> SessionFilter:
        """The list's filter; the unit is filled in on the worker (see :meth:`load_ids`)."""
        p = self.period.currentData()
        return SessionFilter(
            unit_code="",
            start=p.start if p else None,
            end=p.end if p else None,
            directive_code=self.directive.currentData(),
            form=self.form.currentData(),
            text=self.search.text(),
        )

    def load_ids(self) -> None:
        f = self.current_filter()
        svc = self.ctx.services.sessions
        column, descending = self.sort

        self._query += 1
        query_no = self._query

        def first() -> tuple[list[str], list[DisseminationSession], int, SessionFilter]:
            from dataclasses import replace

            full = replace(f, unit_code=svc.require_own_unit())
            if column == "title":
                keys = [i.hex for i in svc.ids_by_title(full, descending)]
                total = len(keys)
            elif column != "date":
                keys = [i.hex for i in svc.ids_sorted_by(full, column, descending)]
                total = len(keys)
            else:  # the first page and the count now, every id right after
                keys = svc.keys(full, newest_first=descending, limit=PAGE)
                total = len(keys) if len(keys) < PAGE else svc.count_matching(full)
            return keys, svc.fetch([uuid.UUID(k) for k in keys[:PAGE]]), total, full

        def rest(full: SessionFilter) -> None:
            self.ctx.run(
                svc.keys,
                full,
                descending,
                on_done=lambda keys: self._rest_loaded(query_no, keys),
                parent=self,
            )

        def shown(result: tuple) -> None:
            keys, page, total, full = result
            if query_no != self._query:
                return
            self._ids_loaded(keys + [""] * (total - len(keys)), page, complete=len(keys) == total)
            if len(keys) < total:
                # Every id once the first page is on screen: read alongside the paint, the
                # worker's 100,000 ids would hold the interpreter lock the paint needs.
                self._after_paint.run(self.table.viewport(), lambda: rest(full))

        self.ctx.run(first, on_done=shown, parent=self)

    def _rest_loaded(self, query_no: int, keys: list[str]) -> None:
        if query_no == self._query:
            self.model.complete_ids(keys)
            self.loaded_ids = True
            self._select_target()

    def _ids_loaded(
        self, ids: list[str], first_page: list[DisseminationSession], complete: bool
    ) -> None:
        self.model.set_ids(ids, first_page)
        self.loaded_ids = complete
        if (
            not ids
            and not self.search.text()
            and self.period.currentIndex() <= 0
            and self.directive.currentIndex() <= 0
            and self.form.currentIndex() <= 0
        ):
            self.count_label.setText(
                _(
                    "No session recorded yet: press Ctrl+N (New session), "
                    "type the date and title, tick who attended, then save "
                    "with Ctrl+S."
                )
            )
        else:
            self.count_label.setText(_("{n} sessions").format(n=format_int(len(ids))))
        self._select_target()

    def _select_target(self) -> None:
        target = self._select_after or self.editor.session_id
        row = self.model.row_of(target) if target else -1
        if row >= 0 or self.loaded_ids:
            self._select_after = None
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(self.model.index(row, 0))

    def _fetch_page(self, ids: list[uuid.UUID], done: Callable[[list], None]) -> None:
        self.ctx.run(self.ctx.services.sessions.fetch, ids, on_done=done, parent=self)

    def _sort_clicked(self, section: int) -> None:
        """Every column sorts; numbers start with the largest, texts with A."""
        column = SORT_BY_SECTION.get(section, "date")
        first_descending = column in ("date", "participants", "female")
        descending = not self.sort[1] if self.sort[0] == column else first_descending
        self.sort = (column, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        section = next(k for k, v in SORT_BY_SECTION.items() if v == column)
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.load_ids()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        s = self.model.session_at(current.row()) if current.isValid() else None
        if s is None or s.id == self.editor.session_id:
            return

        def go() -> None:
            self.editor.load(s)
            self._update_heading()

        change_row_guarded(
            self, self.table, previous, self.editor.dirty, lambda then: self.save(then=then), go
        )

    # --- commands --------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        return self.editor.dirty

    def discard(self) -> None:
        self.editor.load(None)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        if self.editor.dirty:
            choice = ask_unsaved(self)
            if choice == "cancel":
                return
            if choice == "save":
                self.save(then=self.new_record)
                return
        self.table.clearSelection()
        self.editor.load(None)
        self._update_heading()
        self.editor.title.setFocus()

    def save(self, then: Callable[[], None] | None = None) -> None:
        try:
            record = self.editor.session_to_save()
        except ValidationError as e:  # not a real date, no directive, nobody at a meeting
            self.editor.show_errors(e)
            return
        svc = self.ctx.services.sessions
        is_new = self.editor.session_id is None
        fn = svc.add if is_new else svc.update

        def done(_result: object) -> None:
            self.editor.session_id = record.id
            self.editor.details.clear_errors()
            self.editor.attendance.counts.clear_errors()
            self.editor.mark_clean()
            self._update_heading()
            self._select_after = record.id
            self.ctx.status.emit(_("Session saved."))
            self.ctx.changed.emit(SESSIONS)
            if then:
                then()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.editor.show_errors(exc)  # what was typed stays in the editor
            else:
                from .common import show_error

                show_error(self, exc)

        self.ctx.run(fn, record, on_done=done, on_error=failed, parent=self)

    def delete_selected(self) -> None:
        sid = self.editor.session_id
        if sid is None:
            return
        title = self.editor.title.text()
        if not confirm(
            self,
            _("Delete the session “{title}”? You can undo with Ctrl+Z.").format(title=title),
            _("Delete"),
        ):
            return
        svc = self.ctx.services.sessions

        def done(deleted: DisseminationSession) -> None:
            self.editor.load(None)
            self._update_heading()
            self.ctx.remember_delete(deleted.title, SESSIONS, lambda: svc.restore(deleted))
            self.ctx.changed.emit(SESSIONS)

        self.ctx.run(svc.delete, sid, on_done=done, parent=self)

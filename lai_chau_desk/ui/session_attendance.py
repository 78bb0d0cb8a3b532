"""The attendance tab of the session editor: who came, ticked from the roster or typed as a
headcount, and the attendance figures. The editor (:mod:`.session_editor`) owns the session
being edited, its dirty state and the count from the ticked list; this tab owns its widgets and
what only touches the roster (searching, ticking a department or a pasted list of names)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.members import Member
from ..domain.sessions import ATTENDANCE, SESSION_COUNTS, SessionCount
from ..domain.text import collation_key, fold_for_search
from ..i18n import _
from .common import FieldForm, hint_label, spin, vi
from .models import Column, RowsModel
from .paste import on_paste


def count_label(c: SessionCount) -> str:
    """A counted field's label in the interface's language (declared with the field)."""
    return c.label if vi() else c.label_en


class AttendanceTab(QWidget):
    """The roster to tick, the headcount choice and the attendance figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[Member] = []
        lay = QVBoxLayout(self)
        # one above the other, and the tick buttons on a row of their own under the search:
        # side by side they made the tab wider than the editor, which cut off the headcount
        # choice, the "tick a whole department" list and the figures (no sideways scrolling)
        mode = QVBoxLayout()
        self.from_list = QRadioButton(_("Count from the ticked list"), self)
        self.headcount = QRadioButton(_("Enter a headcount (people from outside the roster)"), self)
        self.from_list.setChecked(True)
        mode.addWidget(self.from_list)
        mode.addWidget(self.headcount)
        lay.addLayout(mode)
        # a first start has no roster: ticking can only give 0 people, so say what to do
        self.roster_hint = hint_label(
            _(
                "The roster is empty: type the attendance figures below, or add the members "
                "on the “Members” screen (Ctrl+5) to tick them here."
            ),
            self,
        )
        self.roster_hint.hide()
        lay.addWidget(self.roster_hint)
        self.member_search = QLineEdit(self)
        self.member_search.setPlaceholderText(_("Search the roster by name or department…"))
        self.member_search.setClearButtonEnabled(True)
        lay.addWidget(self.member_search)
        ticks = QHBoxLayout()
        self.tick_all = QPushButton(_("Tick all shown"), self)
        self.tick_all.clicked.connect(
            lambda: self.roster.check_where(lambda _m: True, shown_only=True)
        )
        self.untick_all = QPushButton(_("Untick all"), self)
        self.untick_all.clicked.connect(lambda: self.roster.check_where(lambda _m: True, False))
        self.department = QComboBox(self)
        self.department.setToolTip(_("Tick everyone of one department (Tổ)"))
        for w in (self.tick_all, self.untick_all, self.department):
            ticks.addWidget(w)
        ticks.addStretch()
        lay.addLayout(ticks)
        self.roster: RowsModel[uuid.UUID] = RowsModel(
            [
                Column(_("Full name"), lambda m: m.full_name),
                Column(_("Department"), lambda m: m.department),
                Column(_("Union member"), lambda m: _("Yes") if m.is_union_member else _("No")),
            ],
            key=lambda m: m.id,
            checkable=True,
            search_text=lambda m: f"{m.full_name} {m.department}",
            parent=self,
        )
        self.roster_view = QTableView(self)
        self.roster_view.setModel(self.roster)
        self.roster_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.roster_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the department and "union member" columns only as wide as they need, so that on a
        # 1024-px screen the names (whom the officer is ticking) are not cut to "Lò Vă…"
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.roster_view.verticalHeader().hide()
        self.roster_view.setMinimumHeight(160)
        self.roster_view.setToolTip(
            _("Ctrl+V: paste a column of names copied from Excel to tick those people.")
        )
        lay.addWidget(self.roster_view, 1)
        self.ticked_label = QLabel(self)
        lay.addWidget(self.ticked_label)
        self.paste_note = QLabel(self)
        lay.addWidget(self.paste_note)
        box = QGroupBox(_("Attendance figures"), self)
        bl = QVBoxLayout(box)
        self.counts = FieldForm(box)
        self.counts.add_general()
        self.count_boxes = {
            c.name: self.counts.add(c.name, count_label(c), spin())
            for c in SESSION_COUNTS
            if c.kind == ATTENDANCE
        }
        self.counts.errors["attendee_ids"] = self.counts.general
        bl.addWidget(self.counts)
        lay.addWidget(box)
        self.member_search.textChanged.connect(self.roster.set_search)
        self.department.activated.connect(self.tick_department)
        on_paste(self.roster_view, self.tick_pasted_names)

    def set_members(self, members: list[Member]) -> None:
        """Show ``members`` to tick (those ticked stay ticked) and their departments."""
        keep = set(self.roster.checked)
        self._members = members
        self.roster.set_rows(members)
        self.roster.set_checked(keep)
        departments = sorted({m.department for m in members if m.department}, key=collation_key)
        self.department.clear()
        self.department.addItem(_("Tick a whole department…"), None)
        for d in departments:
            self.department.addItem(d, d)
        self.department.setEnabled(bool(departments))
        self.roster_hint.setVisible(not members)

    def tick_pasted_names(self, cells: list[list[str]]) -> int:
        """Tick the roster members named in the first pasted column (accents and case do
        not matter); returns how many were ticked, and says who was not found."""
        wanted = {fold_for_search(row[0]) for row in cells if row and row[0]}
        found = self.roster.check_where(lambda m: fold_for_search(m.full_name) in wanted)
        missing = len(wanted) - len(
            {
                fold_for_search(m.full_name)
                for m in self._members
                if fold_for_search(m.full_name) in wanted
            }
        )
        text = _("Ticked {n} people from the pasted list").format(n=found)
        if missing:
            text += "; " + _("{n} names are not on the roster").format(n=missing)
        self.paste_note.setText(text + ".")
        return found

    def tick_department(self, index: int) -> None:
        """Tick everyone of the department chosen in the list (then show the list's prompt)."""
        name = self.department.itemData(index)
        if name:
            self.roster.check_where(lambda m: m.department == name)
        self.department.setCurrentIndex(0)

"""The editor of one dissemination session: details, and attendance from the roster."""

from __future__ import annotations

import copy
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from ..domain.catalogue import Directive
from ..domain.errors import Problems, ValidationError
from ..domain.members import Member
from ..domain.sessions import (
    ATTENDANCE,
    AUDIENCE_FORMS,
    FLAG,
    FORMS,
    SESSION_COUNTS,
    Attendance,
    DisseminationSession,
    attendance_from_roster,
    task_ref,
    validate_session,
)
from ..i18n import _
from .common import (
    FieldForm,
    date_edit,
    form_label,
    select_data,
    spin,
    text_area,
    typed_date,
)
from .session_attendance import AttendanceTab, count_label

# The counted fields come from the domain's SESSION_COUNTS: headcounts on the attendance tab,
# the session's own counts and flags on the details tab.
DETAIL_FIELDS = frozenset(
    {
        "held_on",
        "title",
        "form",
        "directive_codes",
        "task_codes",
        "place",
        "presenter",
        "note",
        *(c.name for c in SESSION_COUNTS if c.kind != ATTENDANCE),
    }
)
COUNT_FIELDS = tuple(c.name for c in SESSION_COUNTS if c.kind == ATTENDANCE)
ATTENDANCE_FIELDS = frozenset({*COUNT_FIELDS, "attendee_ids"})


def content_problems(p: Problems, s: DisseminationSession, from_list: bool) -> None:
    """What a dissemination session must have to count in the report (DESIGN §2-§4): the
    directive(s) it disseminated (a ticked task brings its directive), and, for a form with
    an audience, at least one participant. The domain refuses the same
    (:func:`~lai_chau_desk.domain.sessions.validate_session`, for the CLI too); here it is
    worded for the window (where to tick, which box to type in), in its language."""
    if not s.directive_codes and not s.task_codes:
        p.add(
            "directive_codes",
            _("Tick at least one directive that this session disseminated."),
        )
    if s.form in AUDIENCE_FORMS and s.attendance.participants <= 0:
        p.add(
            "participants",
            _(
                "A session held as “{form}” needs its participants: tick who attended in the "
                "list, or choose the headcount and type the number of participants."
            ).format(form=form_label(s.form))
            if from_list
            else _(
                "A session held as “{form}” needs its participants: type the number of "
                "participants (at least 1)."
            ).format(form=form_label(s.form)),
        )


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls rather than squeezes its fields on a 600-px-high screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


class SessionEditor(QTabWidget):
    """Edits a copy of a session; ``dirty`` tells whether anything was typed since loading."""

    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, today=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        from datetime import date

        self.today = today or date.today
        self.session_id: uuid.UUID | None = None
        self.dirty = False
        self._loading = False
        self._members: list[Member] = []
        self._directives: list[Directive] = []
        self.addTab(_scrolling(self._details_tab()), _("Details"))
        self.addTab(_scrolling(self._attendance_tab()), _("Attendance"))
        self.clear()

    # --- layout ----------------------------------------------------------------------
    def _details_tab(self) -> QWidget:
        self.details = FieldForm()
        d = self.details
        d.add_general()
        self.held_on = d.add("held_on", _("Date held"), date_edit())
        self.title = d.add("title", _("Title"), QLineEdit())
        self.title.setPlaceholderText(_("e.g. Conference to disseminate Conclusion 50-KL/TW"))
        self.form = d.add("form", _("Form"), QComboBox())
        for code in FORMS:
            self.form.addItem(form_label(code), code)
        self.directives = d.add("directive_codes", _("Directives covered"), QListWidget())
        self.tasks = d.add("task_codes", _("Tasks covered"), QListWidget())
        for box in (self.directives, self.tasks):
            box.setMaximumHeight(120)
            box.setTextElideMode(Qt.TextElideMode.ElideRight)
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tasks.setToolTip(
            _(
                "The tasks of the ticked directives that this session covered "
                "(e.g. 334-KH/TU II.3.a)."
            )
        )
        self.place = d.add("place", _("Place"), QLineEdit())
        self.presenter = d.add("presenter", _("Presenter"), QLineEdit())
        # the session's own counts and yes/no fields, as the domain declares them
        self.own_counts: dict[str, QSpinBox | QCheckBox] = {}
        for c in SESSION_COUNTS:
            if c.kind == ATTENDANCE:
                continue  # on the attendance tab
            if c.kind == FLAG:
                tick = QCheckBox(count_label(c))
                tick.toggled.connect(self._touched)
                d.add(c.name, "", tick)
                self.own_counts[c.name] = tick
            else:
                number = spin()
                number.valueChanged.connect(self._touched)
                d.add(c.name, count_label(c), number)
                self.own_counts[c.name] = number
        self.note = d.add("note", _("Note"), text_area(80))
        for w in (self.title, self.place, self.presenter):
            w.textEdited.connect(self._touched)
        self.held_on.edited.connect(self._touched)
        self.form.currentIndexChanged.connect(self._touched)
        self.directives.itemChanged.connect(self._touched)
        self.directives.itemChanged.connect(lambda _i: self._fill_tasks(self._checked_tasks()))
        self.tasks.itemChanged.connect(self._touched)
        self.note.textChanged.connect(self._touched)
        return d

    def _attendance_tab(self) -> QWidget:
        self.attendance = AttendanceTab(self)
        t = self.attendance  # what ticking changes in the session being edited
        t.roster.dataChanged.connect(lambda *_a: self._ticks_changed())
        t.from_list.toggled.connect(self._mode_changed)
        for b in t.count_boxes.values():
            b.valueChanged.connect(self._touched)
        return t

    # --- state -----------------------------------------------------------------------
    def _touched(self, *_args: object) -> None:
        if not self._loading and not self.dirty:
            self.dirty = True
            self.dirty_changed.emit(True)

    def mark_clean(self) -> None:
        self.attendance.member_search.clear()  # the next session starts from the whole roster
        self.dirty = False
        self.dirty_changed.emit(False)

    def _ticks_changed(self) -> None:
        ticked = self.attendance.roster.checked_rows()
        self.attendance.ticked_label.setText(_("Ticked: {n} people").format(n=len(ticked)))
        if self.attendance.from_list.isChecked():
            a = attendance_from_roster(
                [
                    {
                        "is_union_member": m.is_union_member,
                        "gender": m.gender,
                        "ethnic_minority": m.ethnic_minority,
                    }
                    for m in ticked
                ]
            )
            was = self._loading
            self._loading = True
            for k, b in self.attendance.count_boxes.items():
                b.setValue(getattr(a, k))
            self._loading = was
        self._touched()

    def _mode_changed(self, from_list: bool) -> None:
        for b in self.attendance.count_boxes.values():
            b.setReadOnly(from_list)
        if from_list:
            self._ticks_changed()
        self._touched()

    def set_directives(self, directives: list[Directive]) -> None:
        checked = self._checked_directives()
        tasks = self._checked_tasks()
        self._directives = directives
        was = self._loading
        self._loading = True
        self.directives.clear()
        for d in directives:
            item = QListWidgetItem(f"{d.code} — {d.title}", self.directives)
            item.setData(Qt.ItemDataRole.UserRole, d.code)
            item.setToolTip(d.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if d.code in checked else Qt.CheckState.Unchecked
            )
        self._fill_tasks(tasks)
        self._loading = was

    def _fill_tasks(self, checked: list[str]) -> None:
        """List the tasks of the ticked directives, ticking those in ``checked``."""
        was = self._loading
        self._loading = True
        self.tasks.clear()
        chosen = set(self._checked_directives())
        keep = set(checked)
        with_tasks = [d for d in self._directives if d.code in chosen and d.tasks]
        for d in with_tasks:
            for t in sorted(d.tasks, key=lambda t: t.sort_order):
                ref = task_ref(d.code, t.code)
                indent = "    " if t.parent_code else ""
                # the tasks of one ticked directive by their own codes (II.3.a): the
                # directive's number before them filled a 1024-px editor's list, which cut
                # every line to "334-KH/TU II.…"; with several, the whole reference
                shown = t.code if len(with_tasks) == 1 else ref
                item = QListWidgetItem(f"{indent}{shown} — {t.title}", self.tasks)
                item.setData(Qt.ItemDataRole.UserRole, ref)
                item.setToolTip(f"{ref} — {t.title}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if ref in keep else Qt.CheckState.Unchecked
                )
        if self.tasks.count() == 0:
            # ticked directives without tasks (50-KL/TW, 51-KL/TW) are not "nothing ticked"
            text = (
                _("The ticked directives have no tasks listed; nothing to tick here.")
                if chosen
                else _("Tick a directive above to list its tasks.")
            )
            hint = QListWidgetItem(text, self.tasks)
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            hint.setToolTip(text)
        self._loading = was

    def _checked_tasks(self) -> list[str]:
        out = []
        for i in range(self.tasks.count()):
            item = self.tasks.item(i)
            ref = item.data(Qt.ItemDataRole.UserRole)
            if ref and item.checkState() == Qt.CheckState.Checked:
                out.append(ref)
        return out

    def set_members(self, members: list[Member]) -> None:
        self._loading = True
        self._members = members
        self.attendance.set_members(members)
        if self.session_id is None and not self.dirty:  # a new session: the mode that works
            self._default_mode()
        self._loading = False

    def _default_mode(self) -> None:
        """A new session counts from the ticked list, or, with no roster yet, takes the
        typed headcount (the figures boxes writable)."""
        was = self._loading
        self._loading = True
        headcount = not self._members
        self.attendance.headcount.setChecked(headcount)
        self.attendance.from_list.setChecked(not headcount)
        for b in self.attendance.count_boxes.values():
            b.setReadOnly(not headcount)
        self._loading = was

    def _checked_directives(self) -> list[str]:
        out = []
        for i in range(self.directives.count()):
            item = self.directives.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def clear(self) -> None:
        self.load(None)

    def load(self, s: DisseminationSession | None) -> None:
        """Show ``s`` (or an empty new session); the editor becomes clean."""
        self._loading = True
        self.session_id = s.id if s else None
        self.details.clear_errors()
        self.attendance.counts.clear_errors()
        self.held_on.set_value(s.held_on if s else self.today())
        self.title.setText(s.title if s else "")
        select_data(self.form, s.form if s else "truc-tiep")
        codes = set(s.directive_codes) if s else set()
        for i in range(self.directives.count()):
            item = self.directives.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in codes
                else Qt.CheckState.Unchecked
            )
        self._fill_tasks(list(s.task_codes) if s else [])
        self.place.setText(s.place if s else "")
        self.presenter.setText(s.presenter if s else "")
        for name, box in self.own_counts.items():
            value = getattr(s, name) if s else 0
            if isinstance(box, QCheckBox):
                box.setChecked(bool(value))
            else:
                box.setValue(value)
        self.note.setPlainText(s.note if s else "")
        self.attendance.member_search.clear()
        self.attendance.roster.set_checked(set(s.attendee_ids) if s else set())
        headcount = s is not None and (
            not s.attendee_ids or s.attendance.participants != len(s.attendee_ids)
        )
        self.attendance.headcount.setChecked(headcount)
        self.attendance.from_list.setChecked(not headcount)
        if s is None:
            self._default_mode()
            headcount = self.attendance.headcount.isChecked()
        if s:
            for k, b in self.attendance.count_boxes.items():
                b.setValue(getattr(s.attendance, k))
        else:
            for b in self.attendance.count_boxes.values():
                b.setValue(0)
        self._ticks_changed() if not headcount else None
        self.setCurrentIndex(0)
        self._loading = False
        self.dirty = False
        self.dirty_changed.emit(False)

    def session(self) -> DisseminationSession:
        """A new record built from what is typed (never mutates what was loaded); a
        ValidationError when the date is not a real one."""
        p = Problems()
        s = self._built(p)
        p.raise_if_any()
        return s

    def session_to_save(self) -> DisseminationSession:
        """The record to save: :meth:`session`, refused (ValidationError, before anything
        reaches the database) when it lacks what every session needs
        (:func:`content_problems`); the domain's own checks then run on a copy too, so every
        problem is shown at once."""
        p = Problems()
        s = self._built(p)
        content_problems(p, s, self.attendance.from_list.isChecked())
        if p.items:
            try:
                validate_session(copy.deepcopy(s), self.today())
            except ValidationError as e:  # the domain's wording of a field already
                seen = {x.field for x in p.items}  # worded here is left out
                p.items.extend(x for x in e.problems if x.field not in seen)
            p.raise_if_any()
        return s

    def _built(self, p: Problems) -> DisseminationSession:
        """The record as typed; a date that is not a real one is added to ``p`` (and None)."""
        try:
            held_on = typed_date(self.held_on, "held_on")
        except ValidationError as e:  # a date that is not a real one
            p.items.extend(e.problems)
            held_on = None
        ticked = sorted(self.attendance.roster.checked, key=str)
        if self.attendance.from_list.isChecked():
            attendance = attendance_from_roster(
                [
                    {
                        "is_union_member": m.is_union_member,
                        "gender": m.gender,
                        "ethnic_minority": m.ethnic_minority,
                    }
                    for m in self.attendance.roster.checked_rows()
                ]
            )
        else:
            attendance = Attendance(
                **{k: b.value() for k, b in self.attendance.count_boxes.items()}
            )
        own = {
            name: box.isChecked() if isinstance(box, QCheckBox) else box.value()
            for name, box in self.own_counts.items()
        }
        s = DisseminationSession(
            held_on=held_on,
            title=self.title.text(),
            form=self.form.currentData(),
            directive_codes=self._checked_directives(),
            task_codes=self._checked_tasks(),
            place=self.place.text(),
            presenter=self.presenter.text(),
            attendance=copy.copy(attendance),
            attendee_ids=list(ticked),
            note=self.note.toPlainText(),
        )
        for name, value in own.items():  # the declared counts (domain.sessions.SESSION_COUNTS)
            setattr(s, name, value)
        if self.session_id is not None:
            s.id = self.session_id
        return s

    def show_errors(self, exc: ValidationError) -> None:
        shown_details = self.details.show_errors(exc, others=ATTENDANCE_FIELDS)
        shown_counts = self.attendance.counts.show_errors(exc, others=DETAIL_FIELDS)
        if shown_counts and not shown_details:
            self.setCurrentIndex(1)
        else:
            self.setCurrentIndex(0)
        if shown_counts and shown_details:
            # the details tab is shown: say there that the attendance tab has problems too
            counted = [x.message for x in exc.problems if x.field in ATTENDANCE_FIELDS]
            note = _("On the “Attendance” tab: {problems}").format(problems=" ".join(counted))
            general = self.details.general
            general.setText("\n".join(t for t in (general.text(), note) if t))
            general.show()

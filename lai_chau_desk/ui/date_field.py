"""A date typed as the officer writes it (20/11/2026, 5/6/2026, 20112026), with a calendar.

QDateEdit edits one section at a time, so Ctrl+A then "20/11/2026" gave 01/11/2026 and typing
without slashes gave nothing. This is a plain line edit: what is typed is what is read; the
text is read on every keystroke and tidied to dd/mm/yyyy when the field loses focus. An
impossible date (31/02/2026) is refused with a message under the field, never guessed.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap, QValidator
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..i18n import _

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_ALLOWED = re.compile(r"^[0-9/.\-\s]{0,12}$")


def parse_typed_date(text: str) -> date | None:
    """The date in ``text`` (d/m/yyyy, dd.mm.yyyy, d-m-yy, ddmmyyyy); None when empty.

    Raises ValueError when the text is not a real date."""
    text = text.strip()
    if not text:
        return None
    m = _SEPARATED.match(text) or _DIGITS.match(text)
    if m is None:
        raise ValueError(text)
    day, month, year = (int(g) for g in m.groups())
    if len(m.group(3)) == 2:
        year += 2000
    return date(year, month, day)  # ValueError for 31/02


def format_typed_date(d: date | None) -> str:
    return f"{d:%d/%m/%Y}" if d else ""


class _Characters(QValidator):
    """Only digits and separators can be typed; whether it is a date is checked on leaving."""

    def validate(self, text: str, pos: int) -> object:  # noqa: D102
        state = QValidator.State.Acceptable if _ALLOWED.match(text) else QValidator.State.Invalid
        return state, text, pos


def _calendar_icon() -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor("#444444"))
    p.drawRect(1, 2, 13, 12)
    p.fillRect(2, 3, 12, 3, QColor("#1f4e79"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(x, y, 2, 2, QColor("#444444"))
    p.end()
    return QIcon(pix)


class DateField(QLineEdit):
    """A date field: ``value()`` is the typed date (None if empty or not a date).

    ``edited`` is emitted when the user changes the date (typing or the calendar), never
    when the program sets it, so editors can tell "touched" from "loaded"."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self.setValidator(_Characters(self))
        self.setMaxLength(12)
        self.setToolTip(
            _("Type the date as day/month/year, e.g. 20/11/2026, or pick it on the calendar.")
        )
        self.calendar_action = QAction(_calendar_icon(), _("Pick on the calendar"), self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._error: QLabel | None = None
        self.popup: _CalendarPopup | None = None
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.tidy)

    # --- value -------------------------------------------------------------------------
    def value(self) -> date | None:
        try:
            return parse_typed_date(self.text())
        except ValueError:
            return None

    def set_value(self, d: date | None) -> None:
        self.setText(format_typed_date(d))
        self.setCursorPosition(0)
        self._set_error("")

    def problem(self) -> str:
        """What is wrong with the typed text ("" when it is a date, or empty and allowed)."""
        text = self.text().strip()
        try:
            d = parse_typed_date(text)
        except ValueError:
            return _("“{text}” is not a real date: type day/month/year, e.g. 20/11/2026.").format(
                text=text
            )
        if d is None and not self.allow_empty:
            return _("Type the date (day/month/year).")
        return ""

    # --- feedback ----------------------------------------------------------------------
    def use_error_label(self, label: QLabel) -> None:
        """Show problems in ``label`` (the form's line under this field)."""
        self._error = label

    def _set_error(self, text: str) -> None:
        label = self._error
        if label is None:
            return
        label.setText(text)
        label.setVisible(bool(text))

    def _typed(self, _text: str) -> None:
        if self._error is not None and not self._error.isHidden() and not self.problem():
            self._set_error("")
        self.edited.emit()

    def tidy(self) -> None:
        """On leaving the field: write the date as dd/mm/yyyy, or say why it is not one."""
        problem = self.problem()
        if problem:
            if self.text().strip():
                self._set_error(problem)
            return
        d = self.value()
        text = format_typed_date(d)
        if text != self.text():
            self.setText(text)
        self._set_error("")

    # --- calendar ----------------------------------------------------------------------
    def open_calendar(self) -> None:
        self.popup = _CalendarPopup(self)
        d = self.value() or date.today()
        self.popup.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.popup.calendar.clicked.connect(self._picked)
        self.popup.calendar.activated.connect(self._picked)
        self.popup.adjustSize()
        self.popup.move(self._popup_position(self.popup.size()))
        self.popup.show()
        self.popup.calendar.setFocus()

    def _popup_position(self, size: QSize) -> QPoint:
        """Under the field, right-aligned with it, kept on the screen (above if no room)."""
        avail = QWidget.screen(self).availableGeometry()
        below = self.mapToGlobal(QPoint(self.width() - size.width(), self.height()))
        x = max(avail.left(), min(below.x(), avail.right() - size.width()))
        y = below.y()
        if y + size.height() > avail.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - size.height()
        return QPoint(x, max(avail.top(), y))

    def _picked(self, q: QDate) -> None:
        self.setText(format_typed_date(date(q.year(), q.month(), q.day())))
        self._set_error("")
        if self.popup is not None:
            self.popup.close()
            self.popup = None
        self.setFocus()
        self.edited.emit()


class _CalendarPopup(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        lay.addWidget(self.calendar)

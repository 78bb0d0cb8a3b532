"""Small shared pieces: labels of stable codes, date conversion, message boxes, field forms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain import narrative, sessions, supervision
from ..domain.errors import DomainError, FieldProblem, ValidationError
from ..domain.periods import Period
from ..i18n import _, current_language
from .date_field import DateField

W = TypeVar("W", bound=QWidget)


def hint_label(text: str, parent: QWidget | None) -> QLabel:
    """A grey, wrapped line that says what to do next (an empty state, a hint)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def vi() -> bool:
    return current_language() == "vi"


def form_label(code: str) -> str:
    label = (sessions.FORMS if vi() else sessions.FORMS_EN).get(code, code)
    return label[:1].upper() + label[1:]


def field_label(code: str) -> str:
    label = (supervision.FIELDS if vi() else supervision.FIELDS_EN).get(code, code)
    return label[:1].upper() + label[1:]


def role_label(code: str) -> str:
    label = (supervision.ROLES if vi() else supervision.ROLES_EN).get(code, code)
    return label[:1].upper() + label[1:]


def status_label(code: str) -> str:
    label = (supervision.STATUSES if vi() else supervision.STATUSES_EN).get(code, code)
    return label[:1].upper() + label[1:]


def section_label(code: str) -> str:
    return (narrative.SECTIONS if vi() else narrative.SECTIONS_EN).get(code, code)


def period_label(p: Period) -> str:
    dates = f"{p.start:%d/%m/%Y} – {p.end:%d/%m/%Y}"
    return f"{p.label_vi if vi() else p.label_en} ({dates})"


def to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate()


def from_qdate(q: QDate) -> date | None:
    return date(q.year(), q.month(), q.day()) if q.isValid() else None


def date_edit(parent: QWidget | None = None) -> DateField:
    """The one date field of the app: typed dd/mm/yyyy (or d/m/yyyy), with a calendar."""
    return DateField(parent)


def typed_date(field: DateField, name: str) -> date | None:
    """The date in ``field``; a ValidationError on ``name`` when it is not a real date."""
    problem = field.problem()
    if problem:
        raise ValidationError([FieldProblem(name, problem)])
    return field.value()


def text_area(max_height: int = 80, parent: QWidget | None = None) -> QPlainTextEdit:
    """A multi-line text where Tab moves to the next field (it never types a tab)."""
    w = QPlainTextEdit(parent)
    w.setTabChangesFocus(True)
    w.setMaximumHeight(max_height)
    return w


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable part (without task bars) of the screen ``widget`` is on, or the primary."""
    screen = widget.window().screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width`` × ``height``, or less so that the whole of it (title bar
    and frame included) stays on the screen; centred over its parent or the screen."""
    avail = available_geometry(window.parentWidget() or window)
    w = max(320, min(width, avail.width() - 16))
    h = max(240, min(height, avail.height() - 40))  # the title bar is outside the geometry
    window.resize(w, h)
    parent = window.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else avail.center()
    x = min(max(avail.left(), centre.x() - w // 2), avail.right() - w)
    y = min(max(avail.top() + 30, centre.y() - h // 2), avail.bottom() - h)
    window.move(max(avail.left(), x), max(avail.top(), y))


def spin(maximum: int = 1_000_000, parent: QWidget | None = None) -> QSpinBox:
    w = QSpinBox(parent)
    w.setRange(0, maximum)
    w.setGroupSeparatorShown(False)
    return w


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's items with (text, data) pairs, keeping the current data if present."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    i = combo.findData(current)
    combo.setCurrentIndex(i if i >= 0 else 0)
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: object) -> None:
    i = combo.findData(data)
    if i >= 0:
        combo.setCurrentIndex(i)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A refusal as the user should read it; unexpected errors say so plainly."""
    if isinstance(exc, DomainError):
        text = str(exc)
    else:
        text = _("Something went wrong: {error}").format(error=exc)
    box = _box(parent, QMessageBox.Icon.Warning, _("Lai Châu Desk"), text)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def info(parent: QWidget | None, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, _("Lai Châu Desk"), text)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, text: str, yes: str) -> bool:
    """Ask before a destructive step; the default button is the safe one."""
    box = _box(parent, QMessageBox.Icon.Question, _("Please confirm"), text)
    ok = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is ok


def ask_unsaved(parent: QWidget | None) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        _("Unsaved changes"),
        _("You have changes that are not saved yet. Save them now?"),
    )
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def heading_label(parent: QWidget) -> QLabel:
    """The bold, slightly larger title above an editor ("Sửa buổi tuyên truyền")."""
    label = QLabel(parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def change_row_guarded(
    parent: QWidget,
    table: QAbstractItemView,
    previous: QModelIndex,
    dirty: bool,
    save: Callable[[Callable[[], None]], None],
    go: Callable[[], None],
) -> None:
    """Move an editor to another row of ``table``, asking first when it has unsaved edits:
    *save* saves then goes, *discard* goes, *cancel* puts the selection back on ``previous``."""
    if dirty:
        choice = ask_unsaved(parent)
        if choice == "cancel":
            selection = table.selectionModel()
            selection.blockSignals(True)
            selection.setCurrentIndex(
                previous,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            return
        if choice == "save":
            save(go)
            return
    go()


class FieldForm(QWidget):
    """A form whose every field has an error line under it, filled from a ValidationError."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.layout_ = QFormLayout()
        outer.addLayout(self.layout_)
        outer.addStretch(1)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # on a narrow editor (1024 px screens) a label goes above its field, not off screen
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors: dict[str, QLabel] = {}
        self.general = QLabel(self)
        self._style(self.general)

    @staticmethod
    def _style(label: QLabel) -> None:
        label.setStyleSheet("color: #b3261e;")
        label.setWordWrap(True)
        label.hide()

    def add(self, name: str, label: str, editor: W) -> W:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(editor)
        err = QLabel(box)
        err.setObjectName(f"error_{name}")
        self._style(err)
        lay.addWidget(err)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.errors[name] = err
        if isinstance(editor, DateField):
            editor.use_error_label(err)
        self.layout_.addRow(label, box)
        return editor

    def add_general(self) -> None:
        self.layout_.addRow(self.general)

    def clear_errors(self) -> None:
        for e in (*self.errors.values(), self.general):
            e.clear()
            e.hide()

    def show_errors(self, exc: ValidationError, others: frozenset[str] = frozenset()) -> int:
        """Put each problem next to its field; problems without a field go to the top line.
        Problems of fields in ``others`` belong to another form and are skipped. Returns the
        number of problems shown here."""
        self.clear_errors()
        loose: list[str] = []
        by_field: dict[str, list[str]] = {}
        for p in exc.problems:
            if p.field in others:
                continue
            if p.field in self.errors:
                by_field.setdefault(p.field, []).append(p.message)
            else:
                loose.append(p.message)
        for name, messages in by_field.items():
            self.errors[name].setText("\n".join(messages))
            self.errors[name].show()
        if loose:
            self.general.setText("\n".join(loose))
            self.general.show()
        return len(loose) + sum(len(m) for m in by_field.values())

    def error_text(self, name: str) -> str:
        e = self.errors.get(name)
        return e.text() if e is not None and not e.isHidden() else ""


PACKAGES_FOLDER = "packages/folder"  # where .lcdx files were saved or picked last


def packages_folder(store: QSettings) -> Path:
    """The folder a package was saved to or picked from last, or Documents, or the home
    folder: the first that is there (the USB stick of last time may be gone)."""
    candidates = (
        store.value(PACKAGES_FOLDER),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        str(Path.home()),
    )
    return Path(next((str(c) for c in candidates if c and Path(str(c)).is_dir()), Path.home()))


def remember_packages_folder(store: QSettings, path: Path) -> None:
    """Keep the folder of ``path`` (a package saved or picked) for the next file dialog."""
    store.setValue(PACKAGES_FOLDER, str(path.parent))

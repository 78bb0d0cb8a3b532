"""Field behaviour shared by the wizard and the unit directory: codes upper-cased as typed,
error lines that go away as soon as the field is fixed, forms that scroll on a small screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ..domain.errors import ValidationError
from .common import FieldForm


def uppercase_as_typed(edit: QLineEdit) -> None:
    """Unit codes are upper case: what the officer types is upper-cased at once."""

    def fix(text: str) -> None:
        upper = text.upper()
        if upper != text:
            pos = edit.cursorPosition()
            edit.setText(upper)
            edit.setCursorPosition(pos)

    edit.textEdited.connect(fix)


def recheck_on_edit(
    form: FieldForm, fields: dict[str, QWidget], check: Callable[[], object]
) -> None:
    """When a field is edited while error lines show, check the form again: a line disappears
    as soon as its field is right (also when fixing another field fixed it, as raising a total
    does for "more women than members"), and says the new problem if there is still one.
    ``check`` raises the :class:`ValidationError` of the whole form (what it returns is
    dropped)."""

    def again() -> None:
        showing = [name for name, label in form.errors.items() if not label.isHidden()]
        if not showing and form.general.isHidden():
            return
        try:
            check()
            problems: ValidationError | None = None
        except ValidationError as e:
            problems = e
        for name in showing:
            label = form.errors[name]
            messages = problems.for_field(name) if problems else []
            if messages:
                label.setText("\n".join(messages))
            else:
                label.clear()
                label.hide()
        if problems is None:
            form.general.clear()
            form.general.hide()

    for widget in fields.values():
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t: again())
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i: again())
        elif hasattr(widget, "valueChanged"):
            widget.valueChanged.connect(lambda _v: again())


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless vertical scroll area, so a form fits a 600-px screen."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def page_layout(page: QWizardPage) -> QVBoxLayout:
    """The page's content, in a scroll area so the wizard fits a 1024×600 screen."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    inner = QWidget(page)
    outer.addWidget(scrolling(inner, page))
    return QVBoxLayout(inner)

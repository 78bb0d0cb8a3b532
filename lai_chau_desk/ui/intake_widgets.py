"""Small widgets of the intake screen: its bold headings and the colour key of the matrix."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..i18n import _
from .intake_models import AMBER, GREEN, GREY, ORANGE, RED


def bold(label: QLabel) -> QLabel:
    """``label`` in bold (the headings of the intake screen's two parts)."""
    f = label.font()
    f.setBold(True)
    label.setFont(f)
    return label


def legend() -> QWidget:
    """Colour key of the matrix."""
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    for colour, text in (
        (GREEN, _("On time")),
        (AMBER, _("Late")),
        (RED, _("Not submitted")),
        (GREY, _("Not yet due")),
        (ORANGE, _("Returned")),
    ):
        chip = QLabel(text, w)
        chip.setStyleSheet(
            f"background: {colour}; padding: 2px 8px; border: 1px solid #c8c8c8; "
            "border-radius: 3px;"
        )
        lay.addWidget(chip)
    lay.addStretch()
    return w

"""Trợ giúp → Hướng dẫn sử dụng (F1): a grassroots officer's first period, step by step."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import N_, _
from .common import fit_to_screen

STEPS = (
    (
        N_("1. Your unit"),
        N_(
            "Settings: check the report header, the signer's name and title, and "
            "the number of union members. The period cut-off day is set here."
        ),
    ),
    (
        N_("2. The roster"),
        N_(
            "Members: import the list from Excel (Import from Excel…) or add "
            "people one by one with Ctrl+N. Save with Ctrl+S."
        ),
    ),
    (
        N_("3. Sessions"),
        N_(
            "Dissemination: Ctrl+N for a new session. Type the date as "
            "day/month/year (20/11/2026) or pick it on the calendar, tick the "
            "directives and the tasks covered, then tick who attended on the "
            "Attendance tab. Tab moves to the next field."
        ),
    ),
    (
        N_("4. Mobilisation and supervision"),
        N_(
            "Enter the mobilisation figures, and each "
            "supervision with its recommendations and "
            "whether they were resolved."
        ),
    ),
    (
        N_("5. The report"),
        N_(
            "Report: choose the period, write the narrative sections, then "
            "open the preview to save the PDF or print it (Ctrl+P)."
        ),
    ),
    (
        N_("6. Sending"),
        N_(
            "Send report: export the signed package (.lcdx) and send it to the "
            "level above by e-mail or USB. The level above's receipt, imported "
            "later, says whether the report was accepted."
        ),
    ),
    (
        N_("Safety"),
        N_(
            "Deleting can be undone with Ctrl+Z. File → Back up now keeps a copy of "
            "all data; File → Restore brings a copy back. The app works without "
            "internet."
        ),
    ),
)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        lay = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        heading = _("Your first period with Lai Châu Desk")
        parts = [f"<h3>{html.escape(heading)}</h3>"]
        parts += [
            f"<p><b>{html.escape(_(title))}</b><br>{html.escape(_(body))}</p>"
            for title, body in STEPS
        ]
        self.text.setHtml("".join(parts))
        lay.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addStretch()
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        fit_to_screen(self, 640, 560)

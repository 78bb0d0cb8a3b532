"""A received report opened from the intake matrix: its figures, narrative and sessions, its
PDF, and the officer's decision (accept, or return with a comment) written as a signed
receipt file for the unit."""

from __future__ import annotations

import atexit
import html
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.narrative import SECTIONS
from ..domain.periods import Period
from ..i18n import _, format_date, format_int
from ..services.exchange_results import CarriedSession, ReceivedPackage, ReportDetail
from .common import (
    fit_to_screen,
    form_label,
    packages_folder,
    period_label,
    remember_packages_folder,
    section_label,
)
from .context import AppContext
from .intake_models import EXCHANGE, REVIEWS, iso_date, label
from .models import Column, RowsModel
from .screen_report import figures_html

_viewer_folder: Path | None = None  # this run's folder of the PDFs handed to the viewer


def viewer_folder() -> Path:
    """This run's folder for the PDFs opened in the system's viewer: made on first use and
    removed, with every file in it, when the program exits. The files stay until then, not
    only while their dialog is open: the viewer is another program that may still be reading
    (or re-reading) a file after the dialog closed."""
    global _viewer_folder
    if _viewer_folder is None or not _viewer_folder.is_dir():
        _viewer_folder = Path(tempfile.mkdtemp(prefix="lai-chau-desk-pdf-"))
        # a file a viewer still holds open (Windows) is left: ignore_errors, never a crash
        atexit.register(shutil.rmtree, _viewer_folder, ignore_errors=True)
    return _viewer_folder


def sessions_model(sessions: list[CarriedSession], parent=None) -> RowsModel:  # noqa: ANN001
    """The sessions carried by a report (headcounts only: no names travel)."""

    def day(s: CarriedSession) -> str:
        try:
            from datetime import date

            return format_date(date.fromisoformat(s.held_on)) if s.held_on else ""
        except ValueError:
            return s.held_on or ""

    model = RowsModel(
        [
            Column(_("Date"), day),
            Column(_("Title"), lambda s: s.title),
            Column(_("Form"), lambda s: form_label(s.form)),
            Column(_("Directives"), lambda s: ", ".join(s.directives)),
            Column(_("Attended"), lambda s: s.participants, numeric=True),
            Column(_("Female"), lambda s: s.female, numeric=True),
        ],
        key=lambda s: s.id,
        parent=parent,
    )
    model.set_rows(sessions)
    return model


def narrative_html(narrative: dict[str, str]) -> str:
    parts = []
    for code in SECTIONS:
        text = narrative.get(code, "").strip()
        if text:
            body = html.escape(text).replace("\n", "<br>")
            parts.append(f"<h3>{html.escape(section_label(code))}</h3><p>{body}</p>")
    return "".join(parts) or "<p><i>{}</i></p>".format(
        html.escape(_("The unit wrote no narrative."))
    )


class ReportDialog(QDialog):
    """One held report of a unit below, with Accept / Return with comment…"""

    def __init__(
        self,
        ctx: AppContext,
        unit: str,
        unit_name: str,
        period: Period,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.unit, self.period = ctx, unit, period
        self.detail: ReportDetail | None = None
        self.setWindowTitle(f"{unit_name} — {period_label(period)}")
        fit_to_screen(self, 900, 640)
        lay = QVBoxLayout(self)
        self.head = QLabel(self)
        self.head.setTextFormat(Qt.TextFormat.RichText)
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.head)
        self.tabs = QTabWidget(self)
        self.figures = QTextBrowser(self)
        self.narrative = QTextBrowser(self)
        self.sessions = QTableView(self)
        self.sessions.verticalHeader().hide()
        self.sessions.horizontalHeader().setStretchLastSection(False)
        self.tabs.addTab(self.figures, _("Figures"))
        self.tabs.addTab(self.narrative, _("Narrative"))
        self.tabs.addTab(self.sessions, _("Sessions ({n})").format(n="…"))
        lay.addWidget(self.tabs, 1)
        # paper against file: the code printed on the signed report names one package
        check = QHBoxLayout()
        check.addWidget(QLabel(_("Code on the paper report:"), self))
        self.paper_code = QLineEdit(self)
        self.paper_code.setPlaceholderText("CDCS-… 2026S1 R1 7F3A-9C1B K-3F2A")
        self.paper_code.returnPressed.connect(self.check_paper_code)
        check.addWidget(self.paper_code, 1)
        self.paper_button = QPushButton(_("Compare with the file"), self)
        self.paper_button.clicked.connect(self.check_paper_code)
        check.addWidget(self.paper_button)
        lay.addLayout(check)
        self.paper_result = QLabel(self)
        self.paper_result.setWordWrap(True)
        lay.addWidget(self.paper_result)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.result_label)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(_("Open PDF"), self)
        self.accept_button = QPushButton(_("Accept"), self)
        self.return_button = QPushButton(_("Return with comment…"), self)
        close = QPushButton(_("Close"), self)
        self.pdf_button.clicked.connect(self.open_pdf)
        self.accept_button.clicked.connect(lambda: self.decide("accepted"))
        self.return_button.clicked.connect(lambda: self.decide("returned"))
        close.clicked.connect(self.close)
        row.addWidget(self.pdf_button)
        row.addStretch()
        for b in (self.accept_button, self.return_button, close):
            row.addWidget(b)
        lay.addLayout(row)
        for b in (self.pdf_button, self.accept_button, self.return_button):
            b.setEnabled(False)
        self.load()

    # --- content -----------------------------------------------------------------------
    def load(self) -> None:
        ex = self.ctx.services.status
        self.ctx.run(
            ex.report_detail, self.unit, self.period.code, on_done=self._loaded, parent=self
        )

    def _loaded(self, detail: ReportDetail) -> None:
        self.detail = detail
        self.figures.setHtml(figures_html(detail.figures))
        self.narrative.setHtml(narrative_html(detail.narrative))
        self.session_rows = sessions_model(detail.sessions, self)
        self.sessions.setModel(self.session_rows)
        self.sessions.resizeColumnsToContents()
        self.sessions.setColumnWidth(1, min(self.sessions.columnWidth(1), 420))
        self.tabs.setTabText(2, _("Sessions ({n})").format(n=format_int(len(detail.sessions))))
        self.pdf_button.setEnabled(detail.has_pdf)
        self.accept_button.setEnabled(True)
        self.return_button.setEnabled(True)
        self.ctx.run(
            self.ctx.services.status.received,
            self.period.code,
            on_done=self._review_state,
            parent=self,
        )
        self._head_rows = [
            (_("Unit"), f"{detail.unit_name} ({self.unit})"),
            (_("Period"), period_label(self.period)),
            (_("Revision"), str(detail.revision)),
            (_("Signed at"), iso_date(detail.created_at)),
            (_("Key fingerprint"), detail.fingerprint),
        ]
        self._render_head("")

    def _review_state(self, rows: list[ReceivedPackage]) -> None:
        mine = [
            r for r in rows if r.unit == self.unit and r.kind == "report" and r.status == "current"
        ]
        if mine:
            r = mine[0]
            text = label(REVIEWS, r.review)
            if r.comment:
                text += f" — {r.comment}"
            self._render_head(text)

    def _render_head(self, review: str) -> None:
        rows = list(self._head_rows) + ([(_("Review"), review)] if review else [])
        body = "".join(
            f"<tr><td>{html.escape(k)}:</td><td><b>{html.escape(v)}</b></td></tr>" for k, v in rows
        )
        self.head.setText(f"<table cellspacing='2'>{body}</table>")

    def check_paper_code(self) -> None:
        code = self.paper_code.text().strip()
        if not code:
            self.paper_result.setText(
                _("Type the code printed under the signature of the paper report.")
            )
            return
        ex = self.ctx.services.status
        self.ctx.run(
            ex.paper_code_matches,
            self.unit,
            self.period.code,
            code,
            on_done=self._paper_checked,
            parent=self,
        )

    def _paper_checked(self, same: bool) -> None:
        if same:
            self.paper_result.setStyleSheet("color: #1e6b2f;")
            self.paper_result.setText(
                _("Matches: the file held is the package the signed paper report describes.")
            )
        else:
            self.paper_result.setStyleSheet("color: #a01c1c;")
            self.paper_result.setText(
                _(
                    "Does not match: the paper describes another package "
                    "(another unit, period, revision, content or key). "
                    "Ask the unit for the right file."
                )
            )

    # --- PDF ---------------------------------------------------------------------------
    def open_pdf(self) -> None:
        ex = self.ctx.services.status
        self.ctx.run(ex.report_pdf, self.unit, self.period.code, on_done=self._pdf, parent=self)

    def _pdf(self, data: bytes | None) -> None:
        if not data:
            return
        fd, name = tempfile.mkstemp(
            prefix=f"{self.unit}_{self.period.code}_", suffix=".pdf", dir=viewer_folder()
        )
        with open(fd, "wb") as f:
            f.write(data)
        self.pdf_path = Path(name)
        self.open_path(self.pdf_path)

    def open_path(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- decision ----------------------------------------------------------------------
    def ask_comment(self) -> str | None:
        """The reason for returning the report, or None when the officer cancelled."""
        box = ReturnCommentDialog(self)
        try:
            return box.comment() if box.exec() == QDialog.DialogCode.Accepted else None
        finally:
            box.deleteLater()

    def ask_save_path(self, default_name: str) -> str:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the receipt for the unit"),
            str(packages_folder(self.ctx.store) / default_name),
            _("Report packages (*.lcdx)"),
        )
        return name

    def decide(self, decision: str) -> None:
        """Accept or return the report and save the signed receipt where the officer says."""
        comment = ""
        if decision == "returned":
            answer = self.ask_comment()
            if answer is None or not answer.strip():  # a return always says what to fix
                return
            comment = answer.strip()
        revision = self.detail.revision if self.detail else 0
        path = self.ask_save_path(f"{self.unit}_{self.period.code}_r{revision}_receipt.lcdx")
        if not path:
            return
        if not path.lower().endswith(".lcdx"):
            path += ".lcdx"
        ex = self.ctx.services.receipts

        def done(result: Any) -> None:
            text = (
                _("Accepted. Send the receipt file to the unit: {path}")
                if decision == "accepted"
                else _("Returned. Send the receipt file to the unit: {path}")
            ).format(path=path)
            self.result_label.setText(text)
            remember_packages_folder(self.ctx.store, Path(path))
            self.ctx.status.emit(text)
            self.ctx.changed.emit(EXCHANGE)
            self._render_head(
                label(REVIEWS, decision) + (f" — {result.comment}" if result.comment else "")
            )

        self.ctx.run(
            lambda: ex.review(self.unit, self.period.code, decision, comment, Path(path)),
            on_done=done,
            parent=self,
        )


class ReturnCommentDialog(QDialog):
    """Why the report goes back; "Return the report" stays greyed until something is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Return the report"))
        lay = QVBoxLayout(self)
        prompt = QLabel(
            _("What must the unit correct or add? The comment travels in the receipt."), self
        )
        prompt.setWordWrap(True)
        lay.addWidget(prompt)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        lay.addWidget(self.text, 1)
        self.hint = QLabel(_("A report cannot be returned without a comment."), self)
        self.hint.setStyleSheet("color: #b3261e;")
        lay.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.ok_button = QPushButton(_("Return the report"), self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        lay.addLayout(buttons)
        self.text.textChanged.connect(self._changed)
        self._changed()
        fit_to_screen(self, 520, 300)

    def comment(self) -> str:
        return self.text.toPlainText().strip()

    def _changed(self) -> None:
        empty = not self.comment()
        self.ok_button.setEnabled(not empty)
        self.hint.setVisible(empty)

    def accept(self) -> None:
        if self.comment():
            super().accept()

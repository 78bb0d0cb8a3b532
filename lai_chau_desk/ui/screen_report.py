"""Báo cáo: choose a period, read its figures, write the narrative sections.

Report (PDF) and package actions are added by those parts when they exist: screens and
actions are registered in ``screens.py``; nothing here is a dead button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationError
from ..domain.figures import PeriodFigures
from ..domain.narrative import SECTIONS
from ..i18n import _, current_language, format_int, format_percent
from ..services.exchange_results import SubtreeTotals
from ..services.reporting import count_rows, summary_rows
from .common import ask_unsaved, fill_combo, form_label, period_label, section_label, show_error
from .context import REPORT, SESSIONS, SUPERVISION, AppContext
from .intake_models import EXCHANGE
from .screen_base import Screen


def figures_html(f: PeriodFigures) -> str:
    """The period's figures as a short readable summary."""
    rows = [(k, format_int(v)) for k, v in summary_rows(f, current_language())]
    rows += [
        (_("of which resolved"), format_int(f.recommendations_by_status.get("da", 0))),
        (
            _("Union members reached at least once"),
            format_percent(f.roster_reach) if f.roster_reach is not None else "–",
        ),
    ]
    body = "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>" for k, v in rows)
    forms = ", ".join(
        f"{form_label(c)} ({n})"
        for c, n in sorted(f.sessions_by_form.items(), key=lambda kv: -kv[1])
    )
    forms_title = _("Forms")
    extra = f"<p><b>{forms_title}:</b> {forms}</p>" if forms else ""
    return f"<table cellspacing='4'>{body}</table>{extra}"


def subtree_html(t: SubtreeTotals) -> str:
    """The figures of this unit with every report held below it: what an upper level's
    consolidated report adds up (its own figures alone said 9 sessions where the report
    printed 990)."""
    rows = [(k, format_int(v)) for k, v in count_rows(t.subtree, current_language())]
    body = "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>" for k, v in rows)
    return f"<table cellspacing='4'>{body}</table>"


class ReportScreen(Screen):
    watches = (SESSIONS, SUPERVISION, REPORT, EXCHANGE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.texts: dict[str, str] = {}
        self.saved: dict[str, str] = {}
        self._section = ""
        self._code = ""
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Period:"), self))
        self.period = QComboBox(self)
        self.period.currentIndexChanged.connect(self._period_changed)
        top.addWidget(self.period)
        top.addStretch()
        self.preview_button = QPushButton(_("Preview, print and save the report…"), self)
        self.preview_button.clicked.connect(self.open_preview)
        top.addWidget(self.preview_button)
        lay.addLayout(top)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        lay.addWidget(self.split, 1)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        il = QVBoxLayout(inner)
        self.figures_title = title = QLabel(_("Figures of the period"), inner)
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        il.addWidget(title)
        self.figures = QLabel(inner)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.figures.setWordWrap(True)
        il.addWidget(self.figures)
        # an upper level: the figures with the reports of the units below (the report's)
        self.subtree_title = QLabel(inner)
        self.subtree_title.setFont(f)
        self.subtree_title.setWordWrap(True)
        il.addWidget(self.subtree_title)
        self.subtree_figures = QLabel(inner)
        self.subtree_figures.setTextFormat(Qt.TextFormat.RichText)
        il.addWidget(self.subtree_figures)
        for w in (self.subtree_title, self.subtree_figures):
            w.hide()
        il.addStretch(1)
        scroll.setWidget(inner)
        ll.addWidget(scroll, 1)
        self.split.addWidget(left)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        head = QLabel(_("Narrative of the report"), right)
        head.setFont(f)
        rl.addWidget(head)
        row = QHBoxLayout()
        self.sections = QListWidget(right)
        for code in SECTIONS:
            self.sections.addItem(section_label(code))
        self.sections.setMaximumWidth(210)
        self.sections.currentRowChanged.connect(self._section_changed)
        row.addWidget(self.sections)
        self.text = QPlainTextEdit(right)
        self.text.textChanged.connect(self._typed)
        row.addWidget(self.text, 1)
        rl.addLayout(row, 1)
        self.error = QLabel(right)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        rl.addWidget(self.error)
        buttons = QHBoxLayout()
        self.state = QLabel(right)
        buttons.addWidget(self.state, 1)
        self.save_button = QPushButton(_("Save (Ctrl+S)"), right)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addWidget(self.save_button)
        rl.addLayout(buttons)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([400, 860])
        left.setMinimumWidth(330)
        self._loading = False

    def open_preview(self) -> None:
        from .report_preview import preview_from_screen

        preview_from_screen(self)

    def reload(self) -> None:
        if self.period.count() == 0:
            self.period.blockSignals(True)
            fill_combo(self.period, [(period_label(p), p.code) for p in self.ctx.recent_periods()])
            self.period.setCurrentIndex(self.period.findData(self.ctx.current_period().code))
            self.period.blockSignals(False)
        code = self.period.currentData()
        rep = self.ctx.services.reporting
        self.ctx.run(
            rep.figures, code, on_done=lambda f: self.figures.setText(figures_html(f)), parent=self
        )
        self.ctx.run(
            self.ctx.services.status.subtree_totals, code, on_done=self._subtree, parent=self
        )
        if not self.has_unsaved() or code != self._code:
            self.ctx.run(
                rep.narrative, code, on_done=lambda n: self._narrative(code, n), parent=self
            )

    def _subtree(self, t: SubtreeTotals) -> None:
        upper = t.units_reported > 0
        self.figures_title.setText(
            _("Figures of this unit's own activities") if upper else _("Figures of the period")
        )
        self.subtree_title.setText(
            _("With the reports of the units below ({n} units): what the report adds up").format(
                n=t.units_reported
            )
        )
        self.subtree_figures.setText(subtree_html(t) if upper else "")
        for w in (self.subtree_title, self.subtree_figures):
            w.setVisible(upper)

    def _narrative(self, code: str, texts: dict[str, str]) -> None:
        self._code = code
        self.saved = {k: texts.get(k, "") for k in SECTIONS}
        self.texts = dict(self.saved)
        row = max(self.sections.currentRow(), 0)
        self._section = ""
        self.sections.setCurrentRow(-1)
        self.sections.setCurrentRow(row)
        self._state()

    def _section_changed(self, row: int) -> None:
        if row < 0:
            return
        self._section = list(SECTIONS)[row]
        self._loading = True
        self.text.setPlainText(self.texts.get(self._section, ""))
        self._loading = False
        self.error.clear()

    def _typed(self) -> None:
        if self._loading or not self._section:
            return
        self.texts[self._section] = self.text.toPlainText()
        self._state()

    def _changed_sections(self) -> list[str]:
        return [k for k in SECTIONS if self.texts.get(k, "") != self.saved.get(k, "")]

    def _state(self) -> None:
        changed = self._changed_sections()
        self.state.setText(
            _("Not saved: {sections}").format(sections=", ".join(section_label(k) for k in changed))
            if changed
            else ""
        )
        for i, code in enumerate(SECTIONS):
            label = section_label(code) + (" *" if code in changed else "")
            self.sections.item(i).setText(label)

    def _period_changed(self, _i: int) -> None:
        if self.has_unsaved():
            choice = ask_unsaved(self)
            if choice == "cancel":
                self.period.blockSignals(True)
                self.period.setCurrentIndex(self.period.findData(self._code))
                self.period.blockSignals(False)
                return
            if choice == "save":
                self.save(then=self.reload)
                return
        self.texts = {}
        self.saved = {}
        self.reload()

    def has_unsaved(self) -> bool:
        return bool(self._changed_sections())

    def discard(self) -> None:
        self.texts = dict(self.saved)
        self._section_changed(self.sections.currentRow())
        self._state()

    def save(self, then: Callable[[], None] | None = None) -> None:
        code = self._code
        changed = {k: self.texts[k] for k in self._changed_sections()}
        rep = self.ctx.services.reporting

        def write() -> None:
            for k, text in changed.items():
                rep.save_narrative(code, k, text)

        def done(_r: object) -> None:
            self.saved.update(changed)
            self.error.clear()
            self._state()
            self.ctx.status.emit(_("Narrative saved."))
            if then:
                then()

        def failed(e: BaseException) -> None:
            if isinstance(e, ValidationError):
                self.error.setText("\n".join(p.message for p in e.problems))
            else:
                show_error(self, e)

        self.ctx.run(write, on_done=done, on_error=failed, parent=self)

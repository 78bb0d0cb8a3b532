"""Tổng quan: the period's figures, charts by month and by directive, reports due."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..domain.figures import PeriodFigures
from ..domain.periods import Period
from ..i18n import _, format_int, format_percent
from .chart import BarChart
from .context import CATALOGUE, MEMBERS, SESSIONS, SETTINGS, SUPERVISION, AppContext
from .screen_base import Screen

CARDS = (
    ("sessions", "Sessions"),
    ("participants", "Participants"),
    ("female", "Of whom female"),
    ("ethnic_minority", "Of whom ethnic minority"),
    ("supervisions", "Supervisions"),
    ("recommendations", "Recommendations"),
)


def _card_title(key: str) -> str:
    return {
        "sessions": _("Sessions"),
        "participants": _("Participants (person-times)"),
        "female": _("Of whom female"),
        "ethnic_minority": _("Of whom ethnic minority"),
        "supervisions": _("Supervisions"),
        "recommendations": _("Recommendations"),
        "reach": _("Members reached"),
    }[key]


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("Card { background: palette(base); border-radius: 6px; }")
        lay = QVBoxLayout(self)
        self.value = QLabel("–", self)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.9)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setStyleSheet("color: #1f4e79;")
        cap = QLabel(title, self)
        cap.setWordWrap(True)
        lay.addWidget(self.value)
        lay.addWidget(cap)


class DashboardScreen(Screen):
    # "exchange" is intake_models.EXCHANGE (packages imported), not imported for the first paint
    watches = (SESSIONS, SUPERVISION, MEMBERS, CATALOGUE, SETTINGS, "exchange")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.figures: PeriodFigures | None = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(_("Overview of the period"), self)
        f = heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        heading.setFont(f)
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(QLabel(_("Period:"), self))
        self.period = QComboBox(self)
        # as wide as its longest period, also when (on every start but the first) the combo
        # was shown empty before the data were open: sized at that first show, it cut the
        # period to "6 tháng c"
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        top.addWidget(self.period)
        lay.addLayout(top)
        grid = QGridLayout()
        self.cards: dict[str, Card] = {}
        keys = [k for k, _t in CARDS] + ["reach"]
        for i, key in enumerate(keys):
            self.cards[key] = Card(_card_title(key), self)
            grid.addWidget(self.cards[key], 0, i)
        lay.addLayout(grid)
        # an upper level: the cards are its own activities; this line adds the reports held
        # from the units below (a commune's 25 reports were nowhere on its overview)
        self.below = QLabel(self)
        self.below.setWordWrap(True)
        self.below.hide()
        lay.addWidget(self.below)
        charts = QHBoxLayout()
        self.by_month = BarChart(_("Sessions and participants by month"), self)
        self.by_directive = BarChart(_("Sessions by directive"), self)
        charts.addWidget(self.by_month, 3)
        charts.addWidget(self.by_directive, 2)
        lay.addLayout(charts, 1)
        due_title = QLabel(_("Reports due"), self)
        due_title.setFont(heading.font())
        lay.addWidget(due_title)
        self.due = QLabel(self)  # rich text, set with the first text (``_show_due``)
        self.due.setWordWrap(True)
        lay.addWidget(self.due)
        self._periods: list[Period] = []

    def reload(self) -> None:
        from .common import fill_combo, period_label  # not needed by the first paint

        if not self._periods:
            self._periods = self.ctx.recent_periods()
            current = self.ctx.current_period()
            fill_combo(self.period, [(period_label(p), p.code) for p in self._periods])
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(current.code))
            self.period.blockSignals(False)
        code = self.period.currentData() or self.ctx.current_period().code
        self.ctx.run(self.ctx.services.reporting.figures, code, on_done=self._show, parent=self)
        self.ctx.run(
            self.ctx.services.status.subtree_totals, code, on_done=self._show_below, parent=self
        )
        self._show_due()
        self.ctx.run(self.ctx.services.receipts.sent_reports, on_done=self._show_sent, parent=self)

    def _show_sent(self, sent: list) -> None:
        """What became of each period's report: the newest revision sent and the decision."""
        self._sent = {}
        for r in sorted(sent, key=lambda r: r.revision):
            self._sent[r.period] = r
        self._show_due()

    def _show(self, f: PeriodFigures) -> None:
        self.figures = f
        for key in self.cards:
            if key == "reach":
                reach = f.roster_reach
                self.cards[key].value.setText(format_percent(reach) if reach is not None else "–")
            else:
                self.cards[key].value.setText(format_int(getattr(f, key)))
        months = sorted(f.sessions_by_month)
        self.by_month.set_data(
            [f"{m[5:]}/{m[:4]}" for m in months],
            [
                (_("Sessions"), [f.sessions_by_month[m] for m in months]),
                (_("Participants"), [f.participants_by_month.get(m, 0) for m in months]),
            ],
        )
        dirs = sorted(f.sessions_by_directive, key=lambda d: -f.sessions_by_directive[d])[:8]
        self.by_directive.set_data(
            dirs, [(_("Sessions"), [f.sessions_by_directive[d] for d in dirs])]
        )

    def _show_below(self, t) -> None:  # noqa: ANN001 - services.exchange_results.SubtreeTotals
        if not t.units_reported:
            self.below.hide()
            return
        total = t.subtree
        self.below.setText(
            _(
                "The cards are this unit's own activities. With the reports of {n} units "
                "below: {sessions} sessions, {participants} participants (female {female}, "
                "ethnic minority {ethnic}), {supervisions} supervisions, {recommendations} "
                "recommendations (screen “Report”, Ctrl+6)."
            ).format(
                n=t.units_reported,
                **{
                    k: format_int(total.get(k, 0))
                    for k in (
                        "sessions",
                        "participants",
                        "female",
                        "supervisions",
                        "recommendations",
                    )
                },
                ethnic=format_int(total.get("ethnic_minority", 0)),
            )
        )
        self.below.show()

    @staticmethod
    def _sent_state(sent) -> tuple[str, str]:  # noqa: ANN001 - SentReportStatus
        """A written file is "đã lưu tệp gửi" (the app cannot know it arrived); "cấp trên đã
        nhận" only once the level above's receipt (with its decision) was imported."""
        if sent.status == "accepted":
            return _("received and accepted by the level above (revision {n})").format(
                n=sent.revision
            ), "#1b5e20"
        if sent.status == "returned":
            return _("received and returned by the level above: {comment}").format(
                comment=sent.comment or "–"
            ), "#b3261e"
        return _("sending file saved (revision {n}); no receipt from the level above yet").format(
            n=sent.revision
        ), "#b26a00"

    def _show_due(self) -> None:
        from .common import period_label

        today = self.ctx.today()
        lines = []
        year = self.ctx.current_period().year
        for p in sorted({p for p in self._periods if p.year == year}, key=lambda p: p.due):
            days = (p.due - today).days
            if days > 0:
                state = _("{n} days left").format(n=days)
                color = "#1b5e20" if days > 7 else "#b26a00"
            elif days == 0:
                state, color = _("due today"), "#b26a00"
            else:
                state, color = _("due date passed {n} days ago").format(n=-days), "#666666"
            sent = getattr(self, "_sent", {}).get(p.code)
            if sent is not None:
                state, color = self._sent_state(sent)
            lines.append(
                f"<b>{period_label(p)}</b>: "
                + _("due {date}").format(date=f"{p.due:%d/%m/%Y}")
                + f" — <span style='color:{color}'>{escape(state)}</span>"
            )
        from PySide6.QtCore import Qt  # not at import: the first paint does without it

        self.due.setTextFormat(Qt.TextFormat.RichText)
        self.due.setText("<br>".join(lines))
